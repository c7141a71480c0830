#include "core/time.hpp"

#include "core/error.hpp"

#include <cstdio>
#include <limits>

namespace stslab {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
    static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at text[pos]; false if they are not all digits.
bool read_fixed(std::string_view text, std::size_t& pos, std::size_t n, unsigned& out) {
    if (pos + n > text.size()) return false;
    out = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_digit(text[pos + i])) return false;
        out = out * 10 + static_cast<unsigned>(text[pos + i] - '0');
    }
    pos += n;
    return true;
}

[[noreturn]] void too_long(std::string_view text) {
    throw Error("duration '" + std::string(text) + "' is too long: more than 292 million years of milliseconds");
}

[[noreturn]] void bad_duration(std::string_view text) {
    throw Error("invalid duration '" + std::string(text) +
                "': expected groups of <number><unit> with units d, h, m, s, ms in that order, e.g. \"30s\", "
                "\"+15m\", \"1h30m\"");
}

}  // namespace

Duration parse_duration(std::string_view text) {
    std::string_view s = text;
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) bad_duration(text);
    // Units in the order they must appear; each at most once.
    struct Unit { std::string_view name; Duration ms; };
    static const Unit kUnits[] = {{"d", kDay}, {"h", kHour}, {"m", kMinute}, {"s", kSecond}, {"ms", 1}};
    std::size_t next_unit = 0;
    Duration total = 0;
    std::size_t pos = 0;
    while (pos < s.size()) {
        if (!is_digit(s[pos])) bad_duration(text);
        std::int64_t value = 0;
        while (pos < s.size() && is_digit(s[pos])) {
            if (value > (std::numeric_limits<std::int64_t>::max() - 9) / 10) too_long(text);
            value = value * 10 + (s[pos++] - '0');
        }
        std::size_t unit_end = pos;
        while (unit_end < s.size() && !is_digit(s[unit_end])) ++unit_end;
        const std::string_view unit = s.substr(pos, unit_end - pos);
        std::size_t u = next_unit;
        while (u < std::size(kUnits) && kUnits[u].name != unit) ++u;
        if (u == std::size(kUnits)) bad_duration(text);  // unknown unit, missing unit, or out of order
        if (value > std::numeric_limits<std::int64_t>::max() / kUnits[u].ms) too_long(text);
        const Duration part = value * kUnits[u].ms;
        if (total > std::numeric_limits<std::int64_t>::max() - part) too_long(text);
        total += part;
        next_unit = u + 1;
        pos = unit_end;
    }
    return total;
}

EpochMs moved_by(EpochMs t, Duration d) {
    if (d > kLatestTime - t || d < kEarliestTime - t)
        throw Error("a time " + std::string(d < 0 ? "before the year 0" : "after the year 9999") + " (" +
                    std::to_string(d / kSecond) + " seconds from " + format_iso8601(t) + ")");
    return t + d;
}

EpochMs parse_iso8601(std::string_view text) {
    auto fail = [&]() -> EpochMs {
        throw Error("invalid time '" + std::string(text) +
                    "': expected an ISO 8601 time with its zone, such as \"2026-01-01T09:00:00Z\" or \"2026-01-01T18:00:00+09:00\"");
    };
    std::size_t pos = 0;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    if (!read_fixed(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-' || !read_fixed(text, pos, 2, month))
        return fail();
    day = 1;  // "YYYY-MM": the month's first day
    if (pos < text.size() && (text[pos++] != '-' || !read_fixed(text, pos, 2, day))) return fail();
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return fail();
    std::int64_t offset_ms = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't') return fail();
        ++pos;
        if (!read_fixed(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' ||
            !read_fixed(text, pos, 2, minute))
            return fail();
        if (pos < text.size() && text[pos] == ':' && (++pos, !read_fixed(text, pos, 2, second))) return fail();
        if (hour > 23 || minute > 59 || second > 59) return fail();
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            std::size_t digits = 0;
            unsigned scale = 100;
            while (pos < text.size() && is_digit(text[pos])) {
                if (digits < 3) millis += static_cast<unsigned>(text[pos] - '0') * scale;
                scale /= 10;
                ++digits;
                ++pos;
            }
            if (digits == 0) return fail();
        }
        if (pos >= text.size()) return fail();  // RFC 3339 needs a zone
        if (text[pos] == 'Z' || text[pos] == 'z') {
            ++pos;
        } else if (text[pos] == '+' || text[pos] == '-') {
            const int sign = text[pos] == '+' ? 1 : -1;
            ++pos;
            unsigned oh = 0, om = 0;
            if (!read_fixed(text, pos, 2, oh) || pos >= text.size() || text[pos++] != ':' ||
                !read_fixed(text, pos, 2, om) || oh > 23 || om > 59)
                return fail();
            offset_ms = sign * static_cast<std::int64_t>(oh * kHour + om * kMinute);
        } else {
            return fail();
        }
        if (pos != text.size()) return fail();
    }
    const std::int64_t days = days_from_civil(year, month, day);
    const EpochMs t = days * kDay + hour * kHour + minute * kMinute + second * kSecond + millis - offset_ms;
    // Its zone can move it out of four-digit years ("0000-01-01T00:00:00+14:00"), which no time can be written in.
    if (t < kEarliestTime || t > kLatestTime)
        throw Error("invalid time '" + std::string(text) + "': in UTC it falls " +
                    (t < kEarliestTime ? "before the year 0" : "after the year 9999"));
    return t;
}

namespace {

// Writes `value` as exactly `width` decimal digits (it must have no more).
char* put_digits(char* out, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

}  // namespace

std::string format_iso8601(EpochMs t) {
    std::int64_t days = t / kDay;
    std::int64_t rem = t % kDay;
    if (rem < 0) {
        rem += kDay;
        --days;
    }
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    const auto hh = static_cast<unsigned>(rem / kHour), mm = static_cast<unsigned>(rem / kMinute % 60),
               ss = static_cast<unsigned>(rem / kSecond % 60), ms = static_cast<unsigned>(rem % kSecond);
    char buf[48];
    if (y < 0 || y > 9999) {  // outside four digits: as printf writes it
        const int n = ms != 0 ? std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
                                              static_cast<long long>(y), m, d, hh, mm, ss, ms)
                              : std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
                                              static_cast<long long>(y), m, d, hh, mm, ss);
        return std::string(buf, static_cast<std::size_t>(n));
    }
    // Digit by digit: traces and CloudTrail format a time for nearly every event.
    char* p = put_digits(buf, static_cast<unsigned>(y), 4);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    p = put_digits(p, d, 2);
    *p++ = 'T';
    p = put_digits(p, hh, 2);
    *p++ = ':';
    p = put_digits(p, mm, 2);
    *p++ = ':';
    p = put_digits(p, ss, 2);
    if (ms != 0) {
        *p++ = '.';
        p = put_digits(p, ms, 3);
    }
    *p++ = 'Z';
    return std::string(buf, p);
}

std::string format_iso8601_seconds(EpochMs t) {
    std::int64_t rem = t % kSecond;
    if (rem < 0) rem += kSecond;
    return format_iso8601(t - rem);
}

std::string format_offset(SimTime t) {
    const char* sign = t < 0 ? "-" : "+";
    const std::int64_t a = t < 0 ? -t : t;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%lld:%02d:%02d.%03d", sign, static_cast<long long>(a / kHour),
                  static_cast<int>(a / kMinute % 60), static_cast<int>(a / kSecond % 60),
                  static_cast<int>(a % kSecond));
    return buf;
}

SimTime parse_at(std::string_view text, EpochMs start, SimTime previous) {
    if (text.empty()) throw Error("invalid time '': expected \"+DURATION\", seconds from the start, or an ISO time");
    if (text.front() == '+') return previous + parse_duration(text);
    // A plain number of seconds from t = 0, with up to three decimals.
    bool numeric = true, seen_dot = false;
    for (char c : text) {
        if (c == '.' && !seen_dot) seen_dot = true;
        else if (!is_digit(c)) numeric = false;
    }
    if (numeric && is_digit(text.front()) && is_digit(text.back())) {
        std::int64_t whole = 0, frac = 0, scale = 100;
        std::size_t i = 0;
        for (; i < text.size() && text[i] != '.'; ++i) {
            if (whole > std::numeric_limits<std::int64_t>::max() / 10000) bad_duration(text);
            whole = whole * 10 + (text[i] - '0');
        }
        for (++i; i < text.size(); ++i, scale /= 10) frac += (text[i] - '0') * scale;
        return whole * kSecond + frac;
    }
    if (text.size() >= 10 && is_digit(text[0]) && text[4] == '-') return parse_iso8601(text) - start;
    // A duration written without its "+" ("30s", "1h30m", as the format page lists the durations) is taken as
    // the time after the previous step.
    if (is_digit(text.front()) && !is_digit(text.back())) {
        try {
            return previous + parse_duration("+" + std::string(text));
        } catch (const Error&) {
        }
    }
    throw Error("invalid time '" + std::string(text) +
                "': expected \"+DURATION\" (e.g. \"+30s\", \"+1h30m\"), seconds from the start, or an ISO time "
                "such as \"2026-01-01T09:00:00Z\"");
}

}  // namespace stslab
