// sample_document.hpp: a fixed report shaped like a real one, for the report's tests.
//
// Two chapters, three proposals with the default template's sections ("One-line summary",
// "The problem", "The proposal", "Who should act", "Expected impact", "First steps"), votes,
// team credits, an annex and the facilitator's data. Its text is ordinary (an ampersand, an
// accent, Markdown lists and emphasis, one web link); the hostile cases live in safety_test.cpp.
// Changing it changes the golden files (see golden.hpp).
#pragma once

#include "report/document.hpp"
#include "report/words.hpp"

namespace rt::report::test {

inline std::vector<section> default_sections(const std::string& summary, const std::string& problem,
                                             const std::string& proposal_text,
                                             const std::string& who, const std::string& impact,
                                             const std::string& steps) {
  return {{"One-line summary", summary},   {"The problem", problem},
          {"The proposal", proposal_text}, {"Who should act", who},
          {"Expected impact", impact},     {"First steps", steps}};
}

inline std::vector<group_vote> groups(int eu, int eu_votes, int gov, int gov_votes, int ent,
                                      int ent_votes, int acad, int acad_votes, int civ,
                                      int civ_votes) {
  return {{"EU institution", eu, eu_votes},
          {"National government", gov, gov_votes},
          {"Large enterprise", ent, ent_votes},
          {"Academia", acad, acad_votes},
          {"Civil society", civ, civ_votes}};
}

// `language`: the report's language; its date is 14 March 2025 written in it. The people's
// texts stay English (they are what people typed).
inline document sample_document(const std::string& language = "en") {
  document d;
  d.language = language;
  d.title = "Twenty Proposals for an AI-Ready Public Sector";
  d.subtitle = "GovAI Hackathon Brussels 2025";
  d.date = words(language).long_date(1741910400000);  // 14 March 2025
  d.foreword =
      "Eighty-two people from five stakeholder groups spent one day turning **ideas** into "
      "proposals.\n\nWe thank every participant, and the teams who wrote late into the "
      "afternoon.";
  d.method =
      "The day ran in four phases:\n\n"
      "1. Ideas, posted on phones into two tracks;\n"
      "2. Clustering by the track leads;\n"
      "3. Drafting in teams of four to six;\n"
      "4. A final vote with five dots each.\n\n"
      "Details of the consensus score are in the annex of the facilitation guide.";
  d.facts.event_title = "GovAI Hackathon Brussels 2025";
  d.facts.tracks = {
      {"Skills & Training", "How do civil servants learn to use AI well?"},
      {"Public Sector Adoption", "What would make AI tools safe to adopt across administrations?"}};
  d.facts.participants_by_group = {{"EU institution", 24},
                                   {"National government", 18},
                                   {"Large enterprise", 12},
                                   {"Academia", 16},
                                   {"Civil society", 12}};
  d.facts.ideas = 7;
  d.facts.votes_cast = 410;
  d.facts.vote_rounds = 2;

  chapter skills;
  skills.title = "Skills for an AI-ready administration";
  skills.introduction =
      "Two proposals from the *Skills & Training* track: one for each person, one for each "
      "team.";

  proposal p1;
  p1.number = 1;
  p1.title = "Individual AI Learning Account";
  p1.track = "Skills & Training";
  p1.summary = "Every public servant gets a personal budget of 40 hours a year for AI training.";
  p1.sections = default_sections(
      "Every public servant gets a personal budget of **40 hours** a year for AI training.",
      "Training budgets sit with units, not people. Those who most need AI skills rarely get "
      "them:\n\n- courses are booked by managers;\n- hours compete with daily work;\n"
      "- nobody tracks what was learnt.",
      "An *Individual AI Learning Account* for each staff member:\n\n"
      "1. 40 hours a year, protected in the work plan;\n"
      "2. a catalogue of accredited courses;\n"
      "3. a short record of skills gained, owned by the person.",
      "National HR administrations, with the European Commission's DG HR as a first mover.",
      "Within three years, **half** of all staff have used their account at least once.",
      "Pilot the account in two Member States in 2026; publish the catalogue openly, as the "
      "[European Skills Agenda](https://ec.europa.eu/social/skills) suggests.");
  p1.vote = vote_result{46, 21, 1, 0.62, groups(6, 13, 5, 11, 3, 7, 4, 10, 3, 5)};
  p1.team = {{"Ana Ruiz", "DG CNECT"}, {"Jonas Berg", "Fraunhofer"}, {"Zoë Kowalska", ""}};
  p1.other_members = 2;
  p1.source_ideas = {"A learning budget that follows the person, not the unit",
                     "Protected time for AI courses"};

  proposal p2;
  p2.number = 2;
  p2.title = "AI Champions Network";
  p2.track = "Skills & Training";
  p2.summary = "One trained AI champion in every unit, linked across administrations.";
  p2.sections = default_sections(
      "One trained AI champion in every unit, linked across administrations.",
      "Good practice stays in the team that found it.",
      "Each unit names a volunteer champion who gets advanced training and meets peers monthly. "
      "Champions answer colleagues' questions and share `prompt` patterns that work.",
      "Heads of unit name the champions; a small secretariat runs the network.",
      "Faster, safer uptake; fewer repeated mistakes.",
      "Name the first 100 champions by September.");
  p2.vote = vote_result{31, 17, 3, 0.41, groups(7, 12, 4, 9, 0, 0, 3, 6, 2, 4)};
  p2.team = {{"José Álvarez", "Ministry of Digital Affairs, Spain"}};
  p2.other_members = 1;

  skills.proposals = {p1, p2};

  chapter infrastructure;
  infrastructure.title = "Shared infrastructure";
  infrastructure.introduction = "";

  proposal p3;
  p3.number = 3;
  p3.title = "European GovAI Hub";
  p3.track = "Public Sector Adoption";
  p3.summary = "A shared catalogue of vetted AI tools and models for public administrations.";
  p3.sections = default_sections(
      "A shared catalogue of vetted AI tools and models for public administrations.",
      "Every administration vets the same tools again, alone.",
      "A hub that publishes:\n\n- assessments of tools against the AI Act;\n"
      "- model cards and procurement templates;\n- a forum for lessons learnt.\n\n"
      "> Reuse before you buy.",
      "The European Commission with national digital agencies.",
      "Procurement time for common tools falls from months to weeks.",
      "### Year one\n\nStart with ten tools in wide use.");
  p3.vote = vote_result{38, 20, 2, 0.55, groups(5, 10, 5, 9, 4, 8, 3, 6, 3, 5)};
  p3.other_members = 5;

  infrastructure.proposals = {p3};
  d.chapters = {skills, infrastructure};

  d.annex = {{"Skills & Training",
              {{"A learning budget that follows the person, not the unit", 24, false},
               {"Protected time for AI courses", 0, true},
               {"Champions in every unit", 18, false},
               {"Peer reviews of prompts", 3, false}}},
             {"Public Sector Adoption",
              {{"One catalogue of vetted AI tools", 21, false},
               {"Shared procurement templates", 9, false},
               {"Model cards for every tool", 2, false}}}};

  d.facilitator.ideas = {
      {1, "Skills & Training", "A learning budget that follows the person, not the unit",
       "Ana Ruiz", 24, false},
      {2, "Skills & Training", "Protected time for AI courses", "anonymous", 0, false},
      {3, "Skills & Training", "Champions in every unit", "José Álvarez", 18, false},
      {4, "Skills & Training", "Peer reviews of prompts", "Zoë Kowalska", 3, false},
      {5, "Public Sector Adoption", "One catalogue of vetted AI tools", "Jonas Berg", 21, false},
      {6, "Public Sector Adoption", "Shared procurement templates", "anonymous", 9, false},
      {7, "Public Sector Adoption", "Model cards for every tool, \"plain\" language", "Mia Chen", 2,
       true}};
  d.facilitator.votes = {{1,
                          "Ideas: Skills & Training",
                          "dots",
                          1,
                          "A learning budget that follows the person, not the unit",
                          24,
                          12,
                          {{"EU institution", 5, 10}, {"Academia", 4, 9}, {"Civil society", 3, 5}}},
                         {1,
                          "Ideas: Skills & Training",
                          "dots",
                          3,
                          "Champions in every unit",
                          18,
                          9,
                          {{"EU institution", 6, 12}, {"Academia", 3, 6}, {"Civil society", 0, 0}}},
                         {2, "Final vote", "dots", 101, "Individual AI Learning Account", 46, 21,
                          groups(6, 13, 5, 11, 3, 7, 4, 10, 3, 5)},
                         {2, "Final vote", "dots", 103, "European GovAI Hub", 38, 20,
                          groups(5, 10, 5, 9, 4, 8, 3, 6, 3, 5)},
                         {2, "Final vote", "dots", 102, "AI Champions Network", 31, 17,
                          groups(7, 12, 4, 9, 0, 0, 3, 6, 2, 4)}};
  d.facilitator.participants = {
      {"Ana Ruiz", "DG CNECT", "EU institution", "Skills & Training", "Table 1", "participant",
       true},
      {"Jonas Berg", "Fraunhofer", "Academia", "Skills & Training", "Table 1", "participant", true},
      {"Zoë Kowalska", "", "Civil society", "Skills & Training", "Table 1", "participant", true},
      {"Piet de Vries", "Rijksoverheid", "National government", "Skills & Training", "Table 1",
       "participant", false},
      {"José Álvarez", "Ministry of Digital Affairs, Spain", "National government",
       "Skills & Training", "Table 2", "lead", true},
      {"Mia Chen", "SAP", "Large enterprise", "Public Sector Adoption", "", "participant", false},
      {"Claire Martin", "", "EU institution", "", "", "facilitator", false}};
  return d;
}

}  // namespace rt::report::test
