// Wildcard patterns of the IAM policy language: `*` matches any run of characters (also none), `?` exactly one.
//
// A pattern is compiled once into a "glob code": a string in which the two wildcards are the bytes kStar and
// kOne and every other byte stands for itself, except that kEscape makes the next byte literal. The escape
// lets a resolved policy variable (`${*}`, `${?}`, a user name) put a literal `*` or `?` into a pattern without it
// acting as a wildcard. Its colons stay colons: a variable is replaced by its value's text ("the policy variables
// are replaced with values that come from the conditional context keys", reference_policies_variables), so
// `"ArnEquals": {"aws:SourceArn": "${aws:PrincipalArn}"}` compares two six-part ARNs. Matching never allocates.
//
// Used by Action (case-insensitive), Resource and the ARN condition operators (case-sensitive, per ARN part),
// and StringLike / StringNotLike (reference_policies_elements_condition_operators, "String condition operators").
#pragma once

#include "core/text.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace stslab::iam {

namespace glob {

constexpr char kStar = '\x01';
constexpr char kOne = '\x02';
constexpr char kEscape = '\x03';

// Appends `text` with `*` and `?` as wildcards (a policy's own text).
void append_pattern(std::string& code, std::string_view text);
// Appends `text` matching only itself: wildcards and control bytes are escaped.
void append_literal(std::string& code, std::string_view text);
// True when `code` contains a wildcard (false: it can only match one text).
bool has_wildcard(std::string_view code);
// True when `code` contains any of the three code bytes (false: the code is its text, compared as it is).
// A plain loop: std::string_view::find_first_of calls memchr once per byte of the code.
inline bool is_code_byte(char c) { return c == kStar || c == kOne || c == kEscape; }
inline bool has_code_byte(std::string_view code) {
    for (const char c : code)
        if (is_code_byte(c)) return true;
    return false;
}
// The bytes of the UTF-8 character that begins at text[t] (one for ASCII, and for a byte that begins none): "?"
// matches one character (reference_policies_elements_resource: "a question mark (?) represents any single
// character"), and a star gives back whole characters.
std::size_t char_bytes(std::string_view text, std::size_t t);
// Matches `text` against a glob code. With `ignore_case`, ASCII letters compare case-insensitively (the code
// must then have been built from lower-case text).
bool match(std::string_view code, std::string_view text, bool ignore_case = false);
// What a code needs for matching, found once at compile time: most IAM patterns are a plain text ("s3:GetObject"),
// a lone star ("*") or a text and a final star ("s3:Get*", "b1/*"), which need no backtracking matcher.
enum class Shape : std::uint8_t {
    Exact,    // no code byte: the text must equal the code
    Any,      // a lone star: every text matches
    Prefix,   // plain bytes then one final star: the text must start with the code's plain bytes
    General,  // anything else: match()
};
Shape shape_of(std::string_view code);
// ASCII case-insensitive equality of `lowered` (already lower-case) and `text`.
inline bool equal_lowered(std::string_view lowered, std::string_view text) {
    if (lowered.size() != text.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (ascii_lower(text[i]) != lowered[i]) return false;
    return true;
}
// match(code, text, ignore_case) for a code of the given shape.
inline bool match_shaped(Shape shape, std::string_view code, std::string_view text, bool ignore_case = false) {
    switch (shape) {
        case Shape::Any: return true;
        case Shape::Exact: return ignore_case ? equal_lowered(code, text) : code == text;
        case Shape::Prefix: {
            const std::string_view prefix = code.substr(0, code.size() - 1);
            if (text.size() < prefix.size()) return false;
            text = text.substr(0, prefix.size());
            return ignore_case ? equal_lowered(prefix, text) : prefix == text;
        }
        case Shape::General: break;
    }
    return match(code, text, ignore_case);
}
// The text a code was built from, for explanations: wildcards shown as `*` / `?`, escapes removed.
std::string display(std::string_view code);

}  // namespace glob

// A compiled pattern with its original text.
class Glob {
public:
    Glob() = default;
    // `ignore_case`: the pattern is lower-cased now and matched case-insensitively (Action elements).
    static Glob compile(std::string_view pattern, bool ignore_case = false);

    bool matches(std::string_view text) const { return glob::match_shaped(shape_, code_, text, ignore_case_); }
    // For text already lower-cased by the caller (case-insensitive patterns only).
    bool matches_lowered(std::string_view lowered) const { return glob::match_shaped(shape_, code_, lowered); }
    const std::string& text() const { return text_; }
    const std::string& code() const { return code_; }

private:
    std::string text_;
    std::string code_;
    bool ignore_case_ = false;
    glob::Shape shape_ = glob::Shape::Exact;
};

}  // namespace stslab::iam
