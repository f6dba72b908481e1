// Tests of text validation: UTF-8, trimming, code-point lengths, control characters.
#include "catch.hpp"

#include "domain/event_state.hpp"
#include "domain/text.hpp"

using namespace rt::domain;

TEST_CASE("UTF-8 validation accepts well-formed text and refuses malformed bytes") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x92\xA1"));  // Zoë € 💡
  CHECK_FALSE(is_valid_utf8("\xC3"));                                // truncated
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));                            // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));                        // surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));                    // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xFF"));
}

TEST_CASE("lengths are counted in code points, not bytes") {
  CHECK(count_code_points("Zo\xC3\xAB") == 3);
  CHECK(count_code_points("\xF0\x9F\x92\xA1") == 1);
}

TEST_CASE("clean_text trims and enforces the limits") {
  const text_rule rule{"name", 1, 5};
  auto ok = clean_text("  Ana \xC2\xA0", rule);
  REQUIRE(ok);
  CHECK(ok.value() == "Ana");

  auto empty = clean_text(" \t ", rule);
  REQUIRE_FALSE(empty);
  CHECK(empty.err().code == errc::bad_text);
  CHECK(empty.err().message == "The name is empty.");

  auto too_long = clean_text("abcdef", rule);
  REQUIRE_FALSE(too_long);
  CHECK(too_long.err().message == "The name is longer than 5 characters.");

  CHECK(clean_text("\xC3\xAB\xC3\xAB\xC3\xAB\xC3\xAB\xC3\xAB", rule));  // 5 code points, 10 bytes
  CHECK_FALSE(clean_text("a\xFF", rule));
}

TEST_CASE("control characters are refused; line breaks only in multiline texts") {
  const text_rule line{"name", 1, 60};
  const text_rule multi{"idea", 1, 100, true};
  CHECK_FALSE(clean_text("a\nb", line));
  CHECK(clean_text("a\nb", multi));
  CHECK_FALSE(clean_text(std::string("a\0b", 3), multi));
  CHECK_FALSE(clean_text("a\x1b[31mb", multi));
  CHECK_FALSE(clean_text("a\x7f", multi));
}

TEST_CASE("UTF-8 to UTF-16 and back: what CodeMirror counts") {
  CHECK(to_utf16("") == u"");
  CHECK(to_utf16("abc") == u"abc");
  CHECK(to_utf16("Zo\xC3\xAB") == u"Zo\u00EB");
  CHECK(to_utf16("\xE2\x82\xAC") == u"\u20AC");          // €: one unit
  CHECK(to_utf16("\xF0\x9F\x92\xA1") == u"\U0001F4A1");  // 💡: a surrogate pair
  CHECK(to_utf16("\xF0\x9F\x92\xA1").size() == 2);
  CHECK(to_utf16("\xF4\x8F\xBF\xBF") == u"\U0010FFFF");
  CHECK(to_utf16(std::string("a\0b", 3)) == std::u16string(u"a\0b", 3));
  for (const char* s : {"", "plain", "Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x92\xA1", "line\nbreak",
                        "\xEF\xBF\xBD", "\xF4\x8F\xBF\xBF"}) {
    CHECK(to_utf8(to_utf16(s)) == s);
  }
  // Malformed input (a precondition violation) does not crash: U+FFFD per bad byte.
  CHECK(to_utf16("a\xFF"
                 "b") == u"a\uFFFDb");
  CHECK(to_utf16("\xC3") == u"\uFFFD");
}

TEST_CASE("to_utf8 turns lone surrogates into U+FFFD, one unit for one") {
  const std::u16string lone_high{u'a', static_cast<char16_t>(0xD83D), u'b'};
  const std::u16string lone_low{static_cast<char16_t>(0xDE00)};
  const std::u16string reversed{static_cast<char16_t>(0xDE00), static_cast<char16_t>(0xD83D)};
  const std::u16string high_at_end{u'x', static_cast<char16_t>(0xD83D)};
  CHECK(to_utf8(lone_high) ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(to_utf8(lone_low) == "\xEF\xBF\xBD");
  CHECK(to_utf8(reversed) == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(to_utf8(high_at_end) == "x\xEF\xBF\xBD");
  CHECK(to_utf16(to_utf8(lone_high)).size() == lone_high.size());
  CHECK(is_valid_utf8(to_utf8(reversed)));
}

TEST_CASE("names: invisible and bidirectional controls are removed, an empty name refused") {
  CHECK(strip_invisible("Ana\u202E Ruiz\u200B") == "Ana Ruiz");
  CHECK(strip_invisible("\u2066x\u2069\uFEFF\u00AD\u061C") == "x");
  CHECK(strip_invisible("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645") ==
        "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645");  // ZWNJ kept
  CHECK(strip_invisible("\U0001F469\u200D\U0001F52C") ==
        "\U0001F469\u200D\U0001F52C");  // an emoji sequence kept
  CHECK(has_visible("  Zo\u00EB "));
  CHECK_FALSE(has_visible("\u200B\u200C\u200D \u00A0\u3000"));
  CHECK(clean_person_text(" Ana\u202E Ruiz ", name_rule).value() == "Ana Ruiz");
  for (const char* empty : {"\u200B", "\u202E\u202C", " \u200D ", "\u2066\u2069"}) {
    INFO(empty);
    const auto r = clean_person_text(empty, name_rule);
    REQUIRE_FALSE(r);
    CHECK(r.err().code == errc::bad_text);
  }
  CHECK(clean_person_text("", organisation_rule).value().empty());  // an optional text may be empty
  CHECK(clean_person_text("\xFF", name_rule).err().code == errc::bad_text);
}

TEST_CASE("names that read as a role of the event") {
  for (const char* role : {"Facilitator", "facilitator", "The Facilitator", "Ana (facilitator)",
                           "TRACK LEAD", "Track-lead Skills", "admin", "Administrator",
                           "Moderator 2", "Organiser", "organizer", "Staff"}) {
    INFO(role);
    CHECK(looks_like_role(role));
  }
  for (const char* name :
       {"Ana Ruiz", "Leadbetter", "Lead", "Adminta", "Track", "Jonas Staffa", "Zo\u00EB"}) {
    INFO(name);
    CHECK_FALSE(looks_like_role(name));
  }
}
