// errors.cpp: looking up error codes by name.
#include "errors.hpp"

#include <ostream>

namespace rt::domain {

std::optional<errc> parse_errc(std::string_view name) {
  for (const auto& e : error_table) {
    if (e.name == name) return e.code;
  }
  return std::nullopt;
}

std::ostream& operator<<(std::ostream& os, errc c) { return os << name(c); }

}  // namespace rt::domain
