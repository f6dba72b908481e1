// catch.hpp: Catch2 v2 (Debian 12) or v3, behind one include.
#pragma once
#ifdef RT_CATCH3
#include <catch2/catch_all.hpp>
namespace Catch {
using Matchers::ContainsSubstring;
inline auto Contains(const std::string& s) { return Matchers::ContainsSubstring(s); }
}  // namespace Catch
#else
#include <catch2/catch.hpp>
#endif
