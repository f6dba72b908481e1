// join_code.cpp: making and normalising join codes.
#include "join_code.hpp"

namespace rt::domain {

std::string make_join_code(const std::function<std::uint32_t(std::uint32_t)>& random_below) {
  std::string code;
  code.reserve(join_code_length);
  for (std::size_t i = 0; i < join_code_length; ++i) {
    code.push_back(join_code_alphabet[random_below(join_code_alphabet.size())]);
  }
  return code;
}

std::optional<std::string> normalize_join_code(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (join_code_alphabet.find(c) == std::string_view::npos) return std::nullopt;
    code.push_back(c);
    if (code.size() > join_code_length) return std::nullopt;
  }
  if (code.size() != join_code_length) return std::nullopt;
  return code;
}

}  // namespace rt::domain
