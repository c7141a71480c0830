// JSON with comments: values, positions, and errors that point at the file, line and column.
#include "scenario/jsonc.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace stslab;

TEST_CASE("comments are allowed and every value's position is known") {
    const std::string text =
        "// a scenario\n"
        "{\n"
        "  \"stslab\": 1, /* the version */\n"
        "  \"accounts\": {\n"
        "    \"111122223333\": { \"alias\": \"prod\" }\n"
        "  },\n"
        "  \"steps\": [ {\"at\": \"+5s\"}, 2.5, -3, true, null, \"a/b~c\" ]\n"
        "}\n";
    const ParsedJson p = parse_jsonc(text, "x.json");
    CHECK(p.value["stslab"] == 1);
    CHECK(p.value["accounts"]["111122223333"]["alias"] == "prod");
    CHECK(p.value["steps"][1] == 2.5);
    CHECK(p.value["steps"][2] == -3);
    CHECK(p.value["steps"][5] == "a/b~c");
    CHECK(p.positions.at("/stslab").line == 3);
    CHECK(p.positions.at("/stslab").column == 3);
    CHECK(p.positions.at("/accounts/111122223333/alias").line == 5);
    CHECK(p.positions.at("/accounts/111122223333/alias").column == 23);
    CHECK(p.positions.at("/steps/0/at").line == 7);
    CHECK(p.positions.at("/steps/2").column == 34);
    CHECK(p.positions.at("/steps/3").column == 38);
    // An unknown pointer falls back to its nearest known ancestor.
    CHECK(p.positions.at("/accounts/111122223333/nope/deeper").line == 5);
}

TEST_CASE("strings decode escapes and keep UTF-8, including Korean") {
    const ParsedJson p = parse_jsonc(R"({"a": "tab\there \"q\" \u00e9 \ud83d\ude00", "ko": "교차 계정"})", "x.json");
    CHECK(p.value["a"] == "tab\there \"q\" \xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(p.value["ko"] == "교차 계정");
}

TEST_CASE("pointers escape tilde and slash as RFC 6901 says") {
    CHECK(pointer_append("/a", "b/c~d") == "/a/b~1c~0d");
    CHECK(pointer_display("") == "(top level)");
    CHECK(pointer_display("/accounts/1/roles") == "accounts/1/roles");
}

TEST_CASE("syntax errors name the file, line and column and what was expected") {
    struct Row { const char* text; const char* message; };
    const Row rows[] = {
        {"", "f.json:1:1: the file is empty: expected a JSON object"},
        {"{\"a\": 1,}", "f.json:1:9: a trailing comma before '}' is not allowed in JSON"},
        {"[1, 2,]", "f.json:1:7: a trailing comma before ']' is not allowed in JSON"},
        {"{\"a\": 1 \"b\": 2}", "f.json:1:9: expected ',' or '}' after the value of \"a\", found '\"'"},
        {"{\n  \"a\": 1,\n  \"a\": 2\n}", "f.json:3:3: at a: duplicate key \"a\" in one object"},
        {"{\"u\": {\"x~y/z\": {\"a\": 1, \"a\": 2}}}", "f.json:1:26: at u/x~0y~1z/a: duplicate key \"a\" in one object"},
        {"{a: 1}", "f.json:1:2: expected a key in double quotes, found 'a'"},
        {"{\"a\" 1}", "f.json:1:6: expected ':' after the key \"a\", found '1'"},
        {"{\"a\": tru}", "f.json:1:7: at a: expected a value, found 't'"},
        {"{\"a\": 01}", "f.json:1:7: at a: numbers may not have leading zeros"},
        {"{\"a\": 1.}", "f.json:1:9: at a: expected digits after the decimal point"},
        {"{\"a\": \"x}", "f.json:1:7: at a: a string is never closed with '\"'"},
        {"{\"a\": \"x\ny\"}", "f.json:1:9: at a: a control character (such as a line break) inside a string; write it as an escape like \\n"},
        {"{\"a\": \"\\q\"}", "f.json:1:10: at a: unknown escape in a string: write a backslash as \\\\"},
        {"{\"a\": \"\\ud800\"}", "f.json:1:14: at a: a \\u surrogate pair is missing its second half"},
        {"{\"a\": \"\xff\"}", "f.json:1:8: at a: invalid UTF-8 in a string"},
        {"/* open", "f.json:1:1: a /* comment is never closed with */"},
        {"{} {}", "f.json:1:4: unexpected '{' after the end of the JSON value"},
        {"{\"a\": }", "f.json:1:7: at a: expected a value (object, array, string, number, true, false or null), found '}'"},
        // A stray character outside a string is named by its code point: a NUL, a right-to-left mark cannot be seen.
        {"{\x01}", "f.json:1:2: expected a key in double quotes, found the control character U+0001"},
        {"{\"a\": \xaf}", "f.json:1:7: at a: expected a value (object, array, string, number, true, false or null), found the byte 0xAF, which is not UTF-8"},
        {"{\"a\": \xc3\xa9}", "f.json:1:7: at a: expected a value (object, array, string, number, true, false or null), found '\xc3\xa9' (U+00E9)"},
        {"{\"a\": 1,\xe2\x80\x8f}", "f.json:1:9: expected a key in double quotes, found '\xe2\x80\x8f' (U+200F)"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.text);
        try {
            parse_jsonc(r.text, "f.json");
            FAIL("accepted bad JSON");
        } catch (const JsonSyntaxError& e) {
            CHECK(std::string(e.what()) == r.message);
        }
    }
}

TEST_CASE("deeply nested input is an error naming where the deep value begins, not a stack overflow") {
    const std::string deep(100000, '[');
    CHECK_THROWS_WITH_AS(parse_jsonc(deep, "f.json"),
                         "f.json:1:202: at 0/0/0/0/0/0/0/0/...: values are nested more than 200 levels deep (a scenario's JSON may nest 200 levels)",
                         JsonSyntaxError);
    CHECK_THROWS_WITH_AS(parse_jsonc(R"({"steps": [{"message": )" + deep, "f.json"),
                         "f.json:1:222: at steps/0/message/0/0/0/0/0/...: values are nested more than 200 levels deep (a scenario's JSON may nest 200 levels)",
                         JsonSyntaxError);
}

TEST_CASE("a number too large for a double is an error at the number, not a crash") {
    CHECK_THROWS_WITH_AS(parse_jsonc("{\"a\": 1e999}", "f.json"), "f.json:1:7: at a: the number 1e999 is too large",
                         JsonSyntaxError);
    // Large integers beyond 64 bits are still numbers (a double), as JSON allows.
    CHECK(parse_jsonc("[123456789012345678901234567890]", "f.json").value[0].is_number_float());
}

TEST_CASE("a byte-order mark at the start is skipped") {
    CHECK(parse_jsonc("\xEF\xBB\xBF{\"a\": 1}", "f.json").value["a"] == 1);
}

// Files saved with old Mac line endings (a lone CR): their lines are counted, and a // comment ends at the line's end
// instead of running to the end of the file.
TEST_CASE("a lone CR ends a line, for positions and for // comments") {
    const std::string text = "{\r// a comment\r\"a\": 1,\r\"b\": [1,]\r}";
    CHECK_THROWS_WITH_AS(parse_jsonc(text, "f.json"), "f.json:4:9: at b: a trailing comma before ']' is not allowed in JSON",
                         JsonSyntaxError);
    CHECK(parse_jsonc("{\r// a comment\r\"a\": 1\r}", "f.json").value == nlohmann::json{{"a", 1}});
}
