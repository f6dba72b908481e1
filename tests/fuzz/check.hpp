// check.hpp: the invariant checks of the libFuzzer harnesses (tests/fuzz/).
//
// A failed check prints what failed and where, then aborts: libFuzzer reports the abort as a
// crash and keeps the input that caused it. Unlike assert(), a check is never compiled out.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace rt::fuzz {

[[noreturn]] inline void failed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
  std::abort();
}

}  // namespace rt::fuzz

#define RT_FUZZ_CHECK(cond) ((cond) ? (void)0 : ::rt::fuzz::failed(#cond, __FILE__, __LINE__))
