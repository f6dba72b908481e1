// document.hpp: everything the published report shows, and the facilitator's data exports,
// as plain values.
//
// The caller builds a `document` from the event's state; the renderers (render.hpp) only read
// it. Nothing here reads a clock or the event: dates, numbers, ranks and labels arrive ready
// to print. All lists are shown in the order given. Text is UTF-8; the renderers remove
// invisible and direction-changing characters from all of it (clean.hpp) and escape it for
// each format, so the caller passes what people typed, unescaped.
//
// Two kinds of text:
//   plain     shown exactly as typed (titles, names, idea texts): never read as Markup.
//   Markdown  CommonMark written by people (foreword, method, introductions, sections): links,
//             images and raw HTML in it are shown as text, never followed (markdown_tree.hpp).
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace rt::report {

// ---- "How this report was made": facts the server counts ----

struct track_info {
  std::string name;         // plain
  std::string description;  // plain: the track's challenge
};

struct group_count {
  std::string label;  // plain, e.g. "EU institution"
  int count = 0;      // participants of this group
};

struct event_facts {
  std::string event_title;                         // plain
  std::vector<track_info> tracks;                  // in the event's order
  std::vector<group_count> participants_by_group;  // groups with at least one participant
  int ideas = 0;        // ideas posted (not deleted), hidden and merged ones included
  int votes_cast = 0;   // votes (dots, approvals or quadratic votes) in all rounds together
  int vote_rounds = 0;  // rounds opened
};

// ---- the proposals ----

struct section {
  std::string heading;   // plain, e.g. "The problem"
  std::string markdown;  // the text the team wrote
};

// One stakeholder group's part in a proposal's vote.
struct group_vote {
  std::string label;  // plain
  int voters = 0;     // people of this group who voted for the proposal
  int votes = 0;      // the votes they gave it
};

// A proposal's result in the final vote.
struct vote_result {
  int votes = 0;
  int voters = 0;        // people who gave it at least one vote
  int rank = 0;          // 1 = most votes; ties share a rank
  double consensus = 0;  // 0..1, domain::consensus_score()
  // Every stakeholder group that took part in the round, in a fixed order, including groups
  // with no voter for this proposal (voters 0): "support from 4 of 5 groups" counts them.
  std::vector<group_vote> groups;
};

// A team member who agreed to be named in the report.
struct credit {
  std::string name;          // plain
  std::string organisation;  // plain; "" when none was given
};

struct proposal {
  int number = 0;                         // 1..N, continuous across chapters
  std::string title;                      // plain
  std::string track;                      // plain: the track's name
  std::string summary;                    // plain, one line; shown under the title
  std::vector<section> sections;          // in the template's order
  std::optional<vote_result> vote;        // none: not in a final vote
  std::vector<credit> team;               // only members with credit = true, in a stable order
  int other_members = 0;                  // team members not named
  std::vector<std::string> source_ideas;  // plain: the ideas it grew from; may be empty
};

struct chapter {
  std::string title;         // plain
  std::string introduction;  // Markdown; "" for none
  std::vector<proposal> proposals;
};

// ---- the annex: every idea posted ----

struct annex_idea {
  std::string text;     // plain
  int votes = 0;        // in the vote rounds, merged ideas' votes counted on the idea kept
  bool merged = false;  // merged into another idea (its text is shown beneath that one)
};

struct annex_track {
  std::string track;  // plain: the track's name
  std::vector<annex_idea> ideas;
};

// ---- the facilitator's exports (CSV and the full JSON; never printed in the report) ----

struct idea_row {
  domain::id_type id = 0;
  std::string track;  // the track's name
  std::string text;
  std::string author;  // the author's name, "anonymous", "Former participant" or "Name withheld"
  int votes = 0;
  bool hidden = false;
};

struct vote_row {
  domain::id_type round = 0;
  std::string round_title;
  std::string method;  // "dots", "approval" or "quadratic" (domain::to_string(vote_method))
  domain::id_type item = 0;
  std::string item_label;  // the idea's or proposal's text
  int votes = 0;
  int voters = 0;
  std::vector<group_vote> groups;  // the groups that took part in the round
};

struct participant_row {
  std::string name;          // "Name withheld" for one who took back their consent
  std::string organisation;  // "" when none, or withheld
  std::string group;         // the stakeholder group's label
  std::string track;         // the track's name; "" when none
  std::string table;         // the table's name; "" when none
  std::string role;          // "facilitator", "lead", "participant" or "viewer"
  bool credited = false;     // agreed to be named in the report
};

struct facilitator_data {
  std::vector<idea_row> ideas;
  std::vector<vote_row> votes;  // per round, then per item, in the rounds' result order
  std::vector<participant_row> participants;
};

// ---- the whole report ----

struct document {
  std::string language = "en";  // BCP 47 tag of the report's language
  std::string title;            // plain
  std::string subtitle;         // plain, usually the event's title; "" for none
  std::string date;             // plain, as it should be printed ("14 March 2025")
  // plain: a note that the published report changed since it was published ("Updated on
  // 2 December 2026: credits changed"); "" when it did not
  std::string updated;
  std::string foreword;  // Markdown; "" for none
  std::string method;    // Markdown: how the day ran, by the facilitator; "" for none
  event_facts facts;
  std::vector<chapter> chapters;
  std::vector<annex_track> annex;  // empty: no annex
  facilitator_data facilitator;
};

}  // namespace rt::report
