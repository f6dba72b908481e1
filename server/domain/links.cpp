// links.cpp: the rules of links (event_state): renaming, revoking and re-issuing a member's
// link, and the admin's recovery facilitator and event status.
#include <utility>

#include "event_state.hpp"

namespace rt::domain {

namespace {

// The member a facilitator manages the link of: not their own.
result<member*> managed_link(id_type actor, id_type member_id, std::map<id_type, member>& members,
                             const char* what) {
  const auto it = members.find(member_id);
  if (it == members.end() || it->second.erased) {
    return make_error(errc::not_found, "There is no such member.");
  }
  if (member_id == actor) {
    return make_error(errc::bad_value, std::string("You cannot ") + what +
                                           " your own link; another facilitator or the admin can.");
  }
  return &it->second;
}

}  // namespace

result<change> event_state::rename_link(id_type actor, id_type member_id, std::string_view name,
                                        millis now) {
  auto who = facilitator(actor, "renames links");
  if (!who) return who.err();
  const auto it = members_.find(member_id);
  if (it == members_.end() || it->second.erased) {
    return make_error(errc::not_found, "There is no such member.");
  }
  if (it->second.member_role == role::participant) {
    return make_error(
        errc::bad_value,
        "A participant's name is their own; only staff and screen links are renamed.");
  }
  auto clean = clean_person_text(name, name_rule);
  if (!clean) return clean.err();
  if (clean.value() == it->second.name) {
    return make_error(errc::bad_value, "The link has this name already.");
  }
  it->second.name = std::move(clean.value());
  return next_change(actor, now, link_changed{it->second, link_action::renamed});
}

result<change> event_state::revoke_link(id_type actor, id_type member_id, millis now) {
  auto who = facilitator(actor, "revokes links");
  if (!who) return who.err();
  auto m = managed_link(actor, member_id, members_, "revoke");
  if (!m) return m.err();
  member& x = *m.value();
  if (x.revoked) return make_error(errc::bad_value, "This link is revoked already.");
  member_by_token_.erase(x.token_hash);
  x.revoked = true;
  return next_change(actor, now, link_changed{x, link_action::revoked});
}

result<change> event_state::reissue_link(id_type actor, id_type member_id, std::string token_hash,
                                         millis now) {
  auto who = facilitator(actor, "issues new links");
  if (!who) return who.err();
  auto m = managed_link(actor, member_id, members_, "re-issue");
  if (!m) return m.err();
  member& x = *m.value();
  if (!x.revoked) member_by_token_.erase(x.token_hash);
  x.token_hash = std::move(token_hash);
  x.revoked = false;
  member_by_token_.emplace(x.token_hash, x.id);
  return next_change(actor, now, link_changed{x, link_action::reissued});
}

result<change> event_state::admin_add_facilitator(std::string_view name, std::string token_hash,
                                                  millis now) {
  auto clean = clean_person_text(name, name_rule);
  if (!clean) return clean.err();
  member m;
  m.id = next_member_id_++;
  m.member_role = role::facilitator;
  m.name = std::move(clean.value());
  m.joined_at = now;
  m.token_hash = std::move(token_hash);
  return next_change(0, now, member_joined{add(std::move(m))});
}

result<change> event_state::admin_set_status(event_status status, millis now) {
  if (status_ == status) {
    return make_error(errc::bad_value,
                      "The event is " + std::string(to_string(status)) + " already.");
  }
  status_ = status;
  return next_change(0, now, event_status_changed{status});
}

}  // namespace rt::domain
