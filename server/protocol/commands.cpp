// commands.cpp: parsing client frames into typed commands, through one table built from the
// command types themselves.
#include "commands.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include "domain/text.hpp"

namespace rt::protocol {
namespace {

using json = nlohmann::json;
using parser = domain::result<command_body> (*)(const fields&);

struct entry {
  std::string_view name;
  parser parse;
};

template <class T>
domain::result<command_body> parse_as(const fields& f) {
  auto c = T::parse(f);
  if (!c) return c.err();
  return command_body(std::in_place_type<T>, std::move(c.value()));
}

// One entry per alternative of command_body, sorted by name.
template <class... T>
constexpr auto make_table(std::variant<T...>*) {
  std::array<entry, sizeof...(T)> table{entry{T::name, &parse_as<T>}...};
  std::sort(table.begin(), table.end(),
            [](const entry& a, const entry& b) { return a.name < b.name; });
  return table;
}

constexpr auto table = make_table(static_cast<command_body*>(nullptr));

static_assert(std::adjacent_find(table.begin(), table.end(),
                                 [](const entry& a, const entry& b) { return a.name == b.name; }) ==
                  table.end(),
              "two command types have the same wire name");

const entry* find_entry(std::string_view type) {
  const auto it = std::lower_bound(table.begin(), table.end(), type,
                                   [](const entry& e, std::string_view t) { return e.name < t; });
  return it != table.end() && it->name == type ? &*it : nullptr;
}

template <class V>
std::string_view name_of(const V& body) {
  return std::visit([](const auto& c) { return std::decay_t<decltype(c)>::name; }, body);
}

}  // namespace

std::string_view type_name(const command_body& body) { return name_of(body); }
std::string_view type_name(const room_command& body) { return name_of(body); }
std::string_view type_name(const section_command& body) { return name_of(body); }

parsed_frame parse_command(std::string_view text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return parse_failure{std::nullopt, domain::make_error(domain::errc::bad_json)};
  if (const auto it = j.find("type"); it != j.end() && *it == "ping") return ping_frame{};
  std::optional<std::string> id;
  if (const auto it = j.find("id"); it != j.end() && it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    // Characters, as documented (a JSON string is valid UTF-8): "ï" or "中" count as one.
    if (!s.empty() && domain::count_code_points(s) <= 64) id = s;
  }
  if (!id) {
    return parse_failure{
        std::nullopt, domain::make_error(domain::errc::bad_command,
                                         "Field \"id\" must be a string of 1 to 64 characters.")};
  }
  const auto type = j.find("type");
  if (type == j.end() || !type->is_string()) {
    return parse_failure{
        id, domain::make_error(domain::errc::bad_command, "Field \"type\" must be a string.")};
  }
  const auto& name = type->get_ref<const std::string&>();
  const entry* e = find_entry(name);
  if (e == nullptr) {
    return parse_failure{id, domain::make_error(domain::errc::unknown_type,
                                                "Unknown command type \"" + name + "\".")};
  }
  auto body = e->parse(fields{j});
  if (!body) return parse_failure{id, body.err()};
  return command{*id, std::move(body.value())};
}

}  // namespace rt::protocol
