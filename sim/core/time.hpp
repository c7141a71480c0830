// Simulated time.
//
// SimTime is an integer count of milliseconds since the scenario's start (t = 0), never a double, so that
// the same scenario always produces the same run. Wall-clock instants (ISO 8601 texts such as
// "2026-01-01T09:00:00Z") are handled as EpochMs, milliseconds since 1970-01-01T00:00:00Z, and converted
// against the scenario's start.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace stslab {

using SimTime = std::int64_t;   // ms since the scenario start
using Duration = std::int64_t;  // ms
using EpochMs = std::int64_t;   // ms since the Unix epoch, UTC

constexpr Duration kMillisecond = 1;
constexpr Duration kSecond = 1000;
constexpr Duration kMinute = 60 * kSecond;
constexpr Duration kHour = 60 * kMinute;
constexpr Duration kDay = 24 * kHour;

// Parses a duration: an optional leading '+', then one or more <number><unit> groups with units
// d, h, m, s, ms in decreasing order ("30s", "+15m", "1h30m", "250ms", "1d2h"). A bare number is not a
// duration (ambiguous unit). Throws Error naming the text on anything else.
Duration parse_duration(std::string_view text);

// The first and last instants a time in four-digit years can name: 0000-01-01T00:00:00Z, 9999-12-31T23:59:59.999Z.
constexpr EpochMs kEarliestTime = -62167219200000;
constexpr EpochMs kLatestTime = 253402300799999;

// `t` moved by `d` (which may be negative), or Error when that leaves four-digit years: a duration a step gives (a
// token's ValidFor of a hundred million days) must not wrap round or name a time that cannot be read back.
EpochMs moved_by(EpochMs t, Duration d);

// Parses an ISO 8601 instant in the W3C profile AWS accepts in Date conditions (reference_policies_elements_
// condition_operators: "one of the W3C implementations of the ISO 8601 date formats"): "YYYY-MM-DDThh:mm[:ss[.fff]]"
// with a zone (Z|+hh:mm|-hh:mm), or a date "YYYY-MM-DD" / "YYYY-MM" (its first moment, UTC). A bare "YYYY" is
// not read here (a Date condition reads digits as epoch seconds). Throws Error naming the text on anything else,
// including impossible dates.
EpochMs parse_iso8601(std::string_view text);

// Formats an instant as AWS writes it in responses and CloudTrail: "2026-01-01T09:00:00Z", with
// ".123" milliseconds only when they are not zero.
std::string format_iso8601(EpochMs t);

// The same, truncated to whole seconds, as AWS writes credential expirations and CloudTrail event times.
std::string format_iso8601_seconds(EpochMs t);

// Formats a simulated time as an offset from the start: "+0:00:05.020" (h:mm:ss.mmm).
std::string format_offset(SimTime t);

// Resolves a step's "at" text against the scenario start and the previous step's time:
// "+DURATION" is after `previous`, an ISO time is converted against `start`, and a plain number
// (possibly fractional, e.g. "90" or "1.5") is seconds from t = 0.
SimTime parse_at(std::string_view text, EpochMs start, SimTime previous);

}  // namespace stslab
