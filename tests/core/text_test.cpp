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
