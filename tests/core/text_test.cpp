// core/text.hpp: text helpers that messages and limits are built with.
#include "core/text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace stslab;

// Found by fuzzing: a template's error message cut a long template at 120 bytes, inside a two-byte 'é', and wrote
// text that was not UTF-8.
TEST_CASE("utf8_prefix cuts between characters, never inside one") {
    const std::string text = "a\xc3\xa9\xc3\xa9";  // "aéé": 5 bytes, 3 characters
    CHECK(utf8_prefix(text, 10) == text);
    CHECK(utf8_prefix(text, 5) == text);
    CHECK(utf8_prefix(text, 4) == "a\xc3\xa9");
    CHECK(utf8_prefix(text, 2) == "a");
    CHECK(utf8_prefix(text, 1) == "a");
    CHECK(utf8_prefix(text, 0).empty());
    CHECK(utf8_length(text) == 3);
}

// Found by fuzzing: a megabyte key pasted into a file came back whole in its fault, twice (path and message).
TEST_CASE("bounded_text cuts a long word at 200 bytes and a long text at 1,000, and leaves short ones as they are") {
    CHECK(bounded_text("unknown key \"Statment\"") == "unknown key \"Statment\"");
    const std::string key(100000, 'A');
    CHECK(bounded_text("unknown key \"" + key + "\" here") == "unknown key \"" + std::string(199, 'A') + "... here");
    std::string many;
    for (int i = 0; i < 1000; ++i) many += "word ";
    const std::string cut = bounded_text(many);
    CHECK(cut.size() == 1003);
    CHECK(cut.substr(cut.size() - 3) == "...");
}

// Found by fuzzing: a stray NUL, a byte that is not UTF-8 or an invisible mark was named only as "character".
TEST_CASE("describe_character names what an error found: the character, or its code point when it cannot be seen") {
    CHECK(describe_character("a,b", 1) == "','");
    CHECK(describe_character("'", 0) == "a single quote (JSON writes text in double quotes)");
    CHECK(describe_character(std::string(1, '\0'), 0) == "the control character U+0000");
    CHECK(describe_character("\xaf", 0) == "the byte 0xAF, which is not UTF-8");
    CHECK(describe_character("x\xc3\xa9", 1) == "'\xc3\xa9' (U+00E9)");
    CHECK(describe_character("\xe2\x80\x8f", 0) == "'\xe2\x80\x8f' (U+200F)");
}

// RFC 3629: what a JSON writer takes as text. Percent-escapes in S3 headers can decode to anything (fuzzing found a
// copy source "%FF" that reached the trace and stopped `stslab run --format json`).
TEST_CASE("valid_utf8 takes well-formed UTF-8 only: no stray continuation, truncation, overlong form or surrogate") {
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain ascii"));
    CHECK(valid_utf8("\xea\xb1\xb0\xeb\xb6\x80 \xc3\xa9 \xf0\x9f\x94\x91"));  // 거부 é and a four-byte character
    CHECK_FALSE(valid_utf8("\xff"));
    CHECK_FALSE(valid_utf8("a\x80"));                // a continuation byte alone
    CHECK_FALSE(valid_utf8("\xe0\xa4"));             // cut short
    CHECK_FALSE(valid_utf8("\xc0\xaf"));             // overlong '/'
    CHECK_FALSE(valid_utf8("\xed\xa0\x80"));         // a surrogate
    CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80"));     // past U+10FFFF
    CHECK(utf8_char_length("\xc3\xa9x", 0) == 2);
}
