// support.cpp: the field readers every command's parser uses.
#include "protocol/commands/support.hpp"

namespace rt::protocol {

using json = nlohmann::json;

domain::error fields::missing(const char* field, const char* want) const {
  return domain::make_error(domain::errc::bad_command,
                            std::string("Field \"") + field + "\" must be " + want + ".");
}

domain::result<std::string> fields::str(const char* field) const {
  const auto it = j.find(field);
  if (it == j.end() || !it->is_string()) return missing(field, "a string");
  return it->get<std::string>();
}

domain::result<std::string> fields::opt_str(const char* field) const {
  const auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return missing(field, "a string");
  return it->get<std::string>();
}

domain::result<std::int64_t> fields::integer(const char* field, std::int64_t min) const {
  const auto it = j.find(field);
  if (it == j.end() || !it->is_number_integer()) return missing(field, "an integer");
  const auto v = it->get<std::int64_t>();
  if (v < min) return missing(field, min == 0 ? "an integer of 0 or more" : "a positive integer");
  return v;
}

domain::result<std::optional<std::int64_t>> fields::opt_id(const char* field) const {
  const auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<std::int64_t>();
  if (!it->is_number_integer() || it->get<std::int64_t>() < 1) {
    return missing(field, "a positive integer or null");
  }
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

domain::result<std::vector<std::int64_t>> fields::ids(const char* field) const {
  std::vector<std::int64_t> out;
  const auto it = j.find(field);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 10'000) return missing(field, "an array of ids");
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1) {
      return missing(field, "an array of positive integers");
    }
    out.push_back(v.get<std::int64_t>());
  }
  return out;
}

domain::result<bool> fields::boolean(const char* field, std::optional<bool> fallback) const {
  const auto it = j.find(field);
  if (it == j.end() && fallback) return *fallback;
  if (it == j.end() || !it->is_boolean()) return missing(field, "true or false");
  return it->get<bool>();
}

bool fields::has(const char* field) const {
  const auto it = j.find(field);
  return it != j.end() && !it->is_null();
}

}  // namespace rt::protocol
