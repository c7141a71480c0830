// Small string helpers shared across the simulator (C++17 has no string_view::starts_with).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace stslab {

inline bool starts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

inline bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ASCII lower-casing, inline: std::tolower is a locale-aware library call on hot paths.
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
inline std::string ascii_lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// ASCII case-insensitive equality (tag keys, for one, are "not case sensitive, but case is preserved").
inline bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

// Edit distance (insert, delete or change one character; ASCII case ignored): "did you mean" for misspelt policy
// elements and operators, and S3's refusal of an action a letter away from one.
inline std::size_t edit_distance_ignoring_case(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

inline bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equal_ignoring_case(text.substr(0, prefix.size()), prefix);
}

// The number of characters (code points) of UTF-8 text: AWS's length limits count characters, not bytes.
inline std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// The Korean object particle for a word: 을 after a syllable with a final consonant ("허용을"), 를 after one without
// ("거부를"), and 을(를) after anything else (an ARN, an error code), where either may be read.
inline const char* korean_object_particle(std::string_view word) {
    if (word.size() >= 3) {
        const auto b = [&](std::size_t i) { return static_cast<unsigned char>(word[word.size() - 3 + i]); };
        if ((b(0) & 0xF0) == 0xE0 && (b(1) & 0xC0) == 0x80 && (b(2) & 0xC0) == 0x80) {
            const unsigned code = ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
            if (code >= 0xAC00 && code <= 0xD7A3) return (code - 0xAC00) % 28 != 0 ? "을" : "를";
        }
    }
    return "을(를)";
}

// The length in bytes of the well-formed UTF-8 character at `text[i]` (RFC 3629: no overlong form, no surrogate, none
// past U+10FFFF), or 0 when there is none there.
inline std::size_t utf8_char_length(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) return 1;
    const std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (len == 0 || i + len > text.size()) return 0;
    unsigned cp = c & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(text[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
    return len;
}

// Whether the text is well-formed UTF-8 throughout.
inline bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0, len = 0; i < text.size(); i += len)
        if ((len = utf8_char_length(text, i)) == 0) return false;
    return true;
}

// The text's first `max_bytes` bytes or fewer, cut between UTF-8 characters, never inside one.
inline std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut);
}

// The character at text[i] as an error names what it found: 'x', or by its code point when it cannot be seen or is
// not text ("the control character U+0000", "'\u200f' (U+200F)", "the byte 0xAF, which is not UTF-8").
inline std::string describe_character(std::string_view text, std::size_t i) {
    const auto u = static_cast<unsigned char>(text[i]);
    const auto hex = [](const char* format, unsigned value) {
        char out[16];
        std::snprintf(out, sizeof out, format, value);
        return std::string(out);
    };
    if (u < 0x20 || u == 0x7f) return "the control character " + hex("U+%04X", u);
    if (u == '\'') return "a single quote (JSON writes text in double quotes)";
    if (u < 0x80) return std::string("'") + text[i] + "'";
    const std::size_t len = utf8_char_length(text, i);
    if (len == 0) return "the byte " + hex("0x%02X", u) + ", which is not UTF-8";
    unsigned cp = u & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    return "'" + std::string(text.substr(i, len)) + "' (" + hex("U+%04X", cp) + ")";
}

// An error's text, bounded where it quotes what it was given: a word (a key, a name, a value with no spaces) of at
// most 200 bytes and the whole of at most 1,000, each cut with "...", so that a pasted megabyte is one line to read,
// not the megabyte (found by fuzzing).
inline std::string bounded_text(std::string_view text) {
    constexpr std::size_t kWord = 200, kText = 1000;
    std::string out;
    while (!text.empty() && out.size() < kText) {
        const std::size_t space = std::min(text.find(' '), text.size());
        const std::string_view word = text.substr(0, space);
        out += word.size() > kWord ? std::string(utf8_prefix(word, kWord)) + "..." : std::string(word);
        if (space < text.size()) out += ' ';
        text.remove_prefix(std::min(space + 1, text.size()));
    }
    if (!text.empty()) out = std::string(utf8_prefix(out, kText)) + "...";
    return out;
}

// The text on one line: each line break written as the two characters "\n" (or "\r"), and any other control
// character but a tab as "\xNN", so that a line-oriented output (a trace's text, check's one line per failure)
// stays one line of plain text per item whatever a value holds.
inline std::string one_line(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if ((u < 0x20 && c != '\t') || u == 0x7f) out += std::string("\\x") + "0123456789abcdef"[u >> 4] + "0123456789abcdef"[u & 15];
        else out += c;
    }
    return out;
}

// The text percent-encoded as a URL's query encodes it: every byte but the unreserved ones (letters, digits, "-", "_",
// ".", "~") as %XX, upper-case. IAM answers a role's trust policy so ("%7B%22Version%22%3A...").
// `keep` names further bytes left as they are, and `space` stands for a space when it is not 0.
inline std::string percent_encoded(std::string_view text, std::string_view keep = {}, char space = 0) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' || c == '_' || c == '.' || c == '~' ||
            keep.find(c) != std::string_view::npos)
            out += c;
        else if (c == ' ' && space != 0)
            out += space;
        else
            out += std::string("%") + "0123456789ABCDEF"[u >> 4] + "0123456789ABCDEF"[u & 15];
    }
    return out;
}

}  // namespace stslab
