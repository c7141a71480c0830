// Simulated time: durations, ISO 8601 instants and a step's "at" text (scenario-format.md, Steps).
#include "core/error.hpp"
#include "core/time.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using namespace stslab;

TEST_CASE("durations parse in every documented form") {
    struct Row { const char* text; Duration ms; };
    const Row rows[] = {
        {"30s", 30 * kSecond},      {"+30s", 30 * kSecond},         {"15m", 15 * kMinute},
        {"2h", 2 * kHour},          {"1h30m", 90 * kMinute},         {"+1h30m", 90 * kMinute},
        {"250ms", 250},             {"1s500ms", 1500},               {"1d", kDay},
        {"1d2h3m4s5ms", kDay + 2 * kHour + 3 * kMinute + 4 * kSecond + 5},
        {"0s", 0},                  {"90m", 90 * kMinute},           {"43200s", 12 * kHour},
    };
    for (const auto& r : rows) {
        CAPTURE(r.text);
        CHECK(parse_duration(r.text) == r.ms);
    }
}

TEST_CASE("a bad duration is an error that names the text") {
    const char* bad[] = {"", "+", "30", "s", "30x", "1m1h", "1h1h", "-5s", "5 s", "1.5h", "h30", "30s ",
                         "99999999999999999999s", "+-1s"};
    for (const char* text : bad) {
        CAPTURE(text);
        try {
            parse_duration(text);
            FAIL("accepted a bad duration");
        } catch (const Error& e) {
            CHECK(std::string(e.what()).find("'" + std::string(text) + "'") != std::string::npos);
        }
    }
}

TEST_CASE("ISO 8601 times convert to epoch milliseconds and back") {
    CHECK(parse_iso8601("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_iso8601("2026-01-01T00:00:00Z") == 1767225600000LL);
    CHECK(parse_iso8601("2026-01-01T09:00:00Z") == 1767225600000LL + 9 * kHour);
    CHECK(parse_iso8601("2026-01-01T09:00:00.250Z") == 1767225600000LL + 9 * kHour + 250);
    CHECK(parse_iso8601("2026-01-01T18:00:00+09:00") == 1767225600000LL + 9 * kHour);
    CHECK(parse_iso8601("2026-01-01") == 1767225600000LL);
    // The W3C profile of ISO 8601, which AWS's Date conditions accept (reference_policies_elements_condition_
    // operators): a year and month, and a time to the minute.
    CHECK(parse_iso8601("2026-01") == 1767225600000LL);
    CHECK(parse_iso8601("2026-02") == 1767225600000LL + 31 * kDay);
    CHECK(parse_iso8601("2026-01-01T09:30Z") == 1767225600000LL + 9 * kHour + 30 * kMinute);
    CHECK(parse_iso8601("2026-01-01T09:30+01:00") == 1767225600000LL + 8 * kHour + 30 * kMinute);
    CHECK(parse_iso8601("2024-02-29T00:00:00Z") == parse_iso8601("2024-03-01T00:00:00Z") - kDay);
    CHECK(format_iso8601(1767225600000LL + 9 * kHour) == "2026-01-01T09:00:00Z");
    CHECK(format_iso8601(1767225600000LL + 9 * kHour + 20) == "2026-01-01T09:00:00.020Z");
    CHECK(format_iso8601(-1) == "1969-12-31T23:59:59.999Z");
    for (const char* t : {"2026-01-01T09:00:00Z", "1999-12-31T23:59:59Z", "2000-02-29T12:30:45.123Z"})
        CHECK(format_iso8601(parse_iso8601(t)) == t);
}

TEST_CASE("ISO 8601 times are written with four-digit years, and years outside four digits as printf would") {
    CHECK(format_iso8601(parse_iso8601("0001-01-01T00:00:00Z")) == "0001-01-01T00:00:00Z");
    CHECK(format_iso8601(parse_iso8601("9999-12-31T23:59:59.999Z")) == "9999-12-31T23:59:59.999Z");
    CHECK(format_iso8601(parse_iso8601("9999-12-31T23:59:59.999Z") + 1) == "10000-01-01T00:00:00Z");
    CHECK(format_iso8601(parse_iso8601("0001-01-01T00:00:00Z") - kDay) == "0000-12-31T00:00:00Z");
    CHECK(format_iso8601(parse_iso8601("0001-01-01T00:00:00Z") - 367 * kDay) == "-001-12-31T00:00:00Z");
    CHECK(format_iso8601_seconds(1767225600000LL + 999) == "2026-01-01T00:00:00Z");
    // Every millisecond digit and a spread of days, hours and minutes read back to the same time.
    for (EpochMs t = -kDay * 400; t < kDay * 40000; t += 7 * kDay + 3 * kHour + 17 * kMinute + 1001) {
        CAPTURE(t);
        CHECK(parse_iso8601(format_iso8601(t)) == t);
    }
}

TEST_CASE("impossible or malformed times are errors that name the text") {
    const char* bad[] = {"2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-01-01T24:00:00Z",
                         "2026-01-01T09:00:00",  "2026-01-01 09:00:00Z", "26-01-01T09:00:00Z",
                         "2026-01-01T09:00",     "yesterday",            "2026-01-01T09:00:00Zjunk",
                         "2026-1",               "2026-01-",             "2026-01-01T09",
                         "2026-01T09:00Z",       "2026-01-01T09:00:0Z"};
    for (const char* text : bad) {
        CAPTURE(text);
        try {
            parse_iso8601(text);
            FAIL("accepted a bad time");
        } catch (const Error& e) {
            CHECK(std::string(e.what()).find(text) != std::string::npos);
        }
    }
}

TEST_CASE("a step's at is relative with a plus, seconds from the start as a number, or an ISO time") {
    const EpochMs start = parse_iso8601("2026-01-01T09:00:00Z");
    CHECK(parse_at("+5s", start, 10 * kSecond) == 15 * kSecond);
    CHECK(parse_at("+1h30m", start, 0) == 90 * kMinute);
    CHECK(parse_at("90", start, 10 * kSecond) == 90 * kSecond);
    CHECK(parse_at("1.5", start, 0) == 1500);
    CHECK(parse_at("2026-01-01T10:00:00Z", start, 0) == kHour);
    CHECK_THROWS_AS(parse_at("soon", start, 0), Error);
    CHECK_THROWS_AS(parse_at("", start, 0), Error);
    CHECK_THROWS_AS(parse_at("+5", start, 0), Error);
    // A duration without its plus, as the format page lists them ("30s", "1h30m"), is after the previous step.
    CHECK(parse_at("30s", start, 10 * kSecond) == 40 * kSecond);
    CHECK(parse_at("1h30m", start, kSecond) == 90 * kMinute + kSecond);
    CHECK_THROWS_AS(parse_at("30x", start, 0), Error);
}

TEST_CASE("offsets print as hours, minutes, seconds and milliseconds since the start") {
    CHECK(format_offset(0) == "+0:00:00.000");
    CHECK(format_offset(5 * kSecond + 20) == "+0:00:05.020");
    CHECK(format_offset(26 * kHour + 3 * kMinute) == "+26:03:00.000");
}

// Found by fuzzing: a token's ValidFor of 106,751,991,166 days wrapped a time round (undefined behaviour).
TEST_CASE("a time moved by a duration stays within four-digit years or is an error") {
    const EpochMs t = parse_iso8601("2026-01-01T00:00:00Z");
    CHECK(moved_by(t, kHour) == t + kHour);
    CHECK(moved_by(t, -kHour) == t - kHour);
    CHECK(moved_by(kLatestTime - 1, 1) == kLatestTime);
    CHECK(format_iso8601(kLatestTime) == "9999-12-31T23:59:59.999Z");
    CHECK(format_iso8601(kEarliestTime) == "0000-01-01T00:00:00Z");
    CHECK_THROWS_WITH_AS(moved_by(t, parse_duration("106751991166d")), doctest::Contains("after the year 9999"), Error);
    CHECK_THROWS_WITH_AS(moved_by(t, std::numeric_limits<Duration>::min()), doctest::Contains("before the year 0"), Error);
}

// From the fuzzing audit: a duration too long for 64 bits of milliseconds was called malformed, which it is not.
TEST_CASE("a duration too long to count is an error that says so") {
    for (const char* text : {"+99999999999999999999999s", "106751991168d", "106751991167d8h"}) {
        CAPTURE(text);
        CHECK_THROWS_WITH_AS(parse_duration(text), doctest::Contains("is too long"), Error);
    }
    CHECK(parse_duration("106751991166d") == 106751991166 * kDay);
}
