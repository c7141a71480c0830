#include "iam/arn.hpp"

#include "iam/wildcard.hpp"

#include <algorithm>
#include <vector>

namespace stslab::iam {

std::optional<Arn> Arn::parse(std::string_view text) {
    std::array<std::string_view, 6> parts;
    if (!split_arn(text, parts) || parts[0] != "arn" || parts[1].empty() || parts[2].empty()) return std::nullopt;
    return Arn{std::string(parts[1]), std::string(parts[2]), std::string(parts[3]), std::string(parts[4]),
               std::string(parts[5])};
}

std::string Arn::str() const {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
}

bool is_account_id(std::string_view text) {
    if (text.size() != 12) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string account_root_arn(std::string_view account, std::string_view partition) {
    return "arn:" + std::string(partition) + ":iam::" + std::string(account) + ":root";
}

bool split_arn(std::string_view text, std::array<std::string_view, 6>& parts) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < 5; ++i) {
        const std::size_t colon = text.find(':', start);
        if (colon == std::string_view::npos) return false;
        parts[i] = text.substr(start, colon - start);
        start = colon + 1;
    }
    parts[5] = text.substr(start);
    return true;
}

namespace {

// Like split_arn, over a glob code: an escaped byte is never a separator.
bool split_code(std::string_view code, std::array<std::uint32_t, 6>& begin, std::array<std::uint32_t, 6>& size) {
    std::size_t start = 0, part = 0;
    for (std::size_t i = 0; i < code.size() && part < 5; ++i) {
        if (code[i] == glob::kEscape) {
            ++i;
        } else if (code[i] == ':') {
            begin[part] = static_cast<std::uint32_t>(start);
            size[part++] = static_cast<std::uint32_t>(i - start);
            start = i + 1;
        }
    }
    if (part < 5) return false;
    begin[5] = static_cast<std::uint32_t>(start);
    size[5] = static_cast<std::uint32_t>(code.size() - start);
    return true;
}

// The colons of a glob code (an escape's byte is skipped).
std::size_t code_colons(std::string_view code) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code[i] == glob::kEscape) ++i;
        else if (code[i] == ':') ++n;
    }
    return n;
}

// A star that runs across colons can match only a text with more colons than the pattern has.
bool more_colons(std::string_view text, std::size_t pattern_colons) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), ':')) > pattern_colons;
}

// Whether a star (not an escaped byte) ends the partition, region or account part of a six-part pattern: "If the *
// wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries"
// (reference_policies_elements_resource). Not the service's part: "You can't use a wildcard in the service segment
// to identify the AWS product" (the same page).
bool star_ends_a_part(std::string_view code, const std::array<std::uint32_t, 6>& begin,
                      const std::array<std::uint32_t, 6>& size) {
    for (const std::size_t i : {1, 3, 4}) {
        const std::string_view part = code.substr(begin[i], size[i]);
        if (part.empty() || part.back() != glob::kStar) continue;
        std::size_t escapes = 0;  // a star preceded by an escape is the escape's literal byte
        for (std::size_t k = part.size() - 1; k-- > 0 && part[k] == glob::kEscape;) ++escapes;
        if (escapes % 2 == 0) return true;
    }
    return false;
}

// Whether a pattern cut short has a star that ends one of its segments ("arn:aws:sqs:us-*:q"): one that may run on
// across the colons the pattern lacks.
bool star_before_colon(std::string_view code) {
    for (std::size_t i = 0; i + 1 < code.size(); ++i) {
        if (code[i] == glob::kEscape) {
            ++i;  // the escaped byte is a literal
            continue;
        }
        if (code[i] == glob::kStar && code[i + 1] == ':') return true;
    }
    return false;
}

}  // namespace

ArnParts::ArnParts(std::string_view arn) : text(arn), split(split_arn(arn, parts)) {}

ArnMatcher ArnMatcher::from_code(std::string code, CutShort cut_short) {
    ArnMatcher m;
    m.code_ = std::move(code);
    m.cut_short_ = cut_short;
    m.split_ = split_code(m.code_, m.begin_, m.size_);
    m.exact_ = !glob::has_code_byte(m.code_);
    for (std::size_t i = 0; i < 6 && m.split_; ++i)
        m.part_shape_[i] = glob::shape_of(std::string_view(m.code_).substr(m.begin_[i], m.size_[i]));
    m.crosses_ = m.split_ && cut_short == CutShort::Matches && star_ends_a_part(m.code_, m.begin_, m.size_);
    m.colons_ = m.crosses_ ? code_colons(m.code_) : 0;
    return m;
}

ArnMatcher ArnMatcher::compile(std::string_view pattern) {
    std::string code;
    glob::append_pattern(code, pattern);
    return from_code(std::move(code));
}

namespace {

bool match_split(std::string_view code, const std::array<std::uint32_t, 6>& begin,
                 const std::array<std::uint32_t, 6>& size, const ArnParts& arn) {
    for (std::size_t i = 0; i < 6; ++i)
        if (!glob::match(code.substr(begin[i], size[i]), arn.parts[i])) return false;
    return true;
}

// A pattern against a whole ARN where "If the * wildcard is the last character of a resource ARN segment, it can
// expand to match beyond the colon boundaries" (reference_policies_elements_resource): "arn:aws:sqs:*" is any queue,
// and the region's star in "arn:aws:ec2:*:111122223333:instance/i-1" may take "us-east-1:x". Such a star may match
// colons; any other wildcard stays within its segment.
bool match_crossing(std::string_view code, std::string_view text) {
    // The code as tokens: a wildcard, or one literal byte (an escape's byte included).
    struct Token {
        char c;
        bool literal;
    };
    std::vector<Token> tokens;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code[i] == glob::kEscape && i + 1 < code.size()) tokens.push_back({code[++i], true});
        else tokens.push_back({code[i], code[i] != glob::kStar && code[i] != glob::kOne});
    }
    // matched[t * (n + 1) + j]: tokens [t, end) match text [j, n). Filled from the end, so that a pattern with many
    // stars takes time proportional to its length times the text's, never exponential.
    const std::size_t n = text.size(), width = n + 1;
    std::vector<char> matched((tokens.size() + 1) * width, 0);
    matched[tokens.size() * width + n] = 1;
    for (std::size_t t = tokens.size(); t-- > 0;) {
        const Token& k = tokens[t];
        char* row = &matched[t * width];
        const char* next = &matched[(t + 1) * width];
        // A star that ends the pattern or a segment (it is followed by ':') may run across colons.
        const bool crosses = !k.literal && k.c == glob::kStar &&
                             (t + 1 == tokens.size() || (tokens[t + 1].literal && tokens[t + 1].c == ':'));
        for (std::size_t j = n + 1; j-- > 0;) {
            if (!k.literal && k.c == glob::kStar)
                row[j] = next[j] || (j < n && (crosses || text[j] != ':') && row[j + 1]);
            else if (!k.literal)  // '?': one character, never a colon
                row[j] = j < n && text[j] != ':' && next[j + glob::char_bytes(text, j)];
            else
                row[j] = j < n && text[j] == k.c && next[j + 1];
        }
    }
    return matched[0];
}

// Pattern and text are compared part by part when both have six parts. A lone "*" matches anything; two texts
// that are not ARNs are compared whole; a pattern cut short after a star may match a whole ARN (above); otherwise
// an ARN never matches a pattern with fewer parts, nor the other way round.
bool match_any_shape(std::string_view code, bool code_split, const ArnParts& arn, CutShort cut_short) {
    if (code.size() == 1 && code[0] == glob::kStar) return true;
    if (!code_split && !arn.split) return glob::match(code, arn.text);
    if (!code_split && cut_short == CutShort::Matches && (code.back() == glob::kStar || star_before_colon(code)))
        return match_crossing(code, arn.text);
    return false;
}

}  // namespace

bool ArnMatcher::matches(const ArnParts& arn) const {
    if (exact_) return code_ == arn.text;
    if (!split_ || !arn.split) return match_any_shape(code_, split_, arn, cut_short_);
    const std::string_view code(code_);
    for (std::size_t i = 0; i < 6; ++i) {
        const std::string_view part = code.substr(begin_[i], size_[i]);
        if (!glob::match_shaped(part_shape_[i], part, arn.parts[i]))
            return crosses_ && more_colons(arn.text, colons_) && match_crossing(code, arn.text);
    }
    return true;
}

bool match_arn(std::string_view code, std::string_view arn, CutShort cut_short) {
    return match_arn(code, ArnParts(arn), cut_short);
}

bool match_arn(std::string_view code, const ArnParts& parts, CutShort cut_short) {
    std::array<std::uint32_t, 6> begin{}, size{};
    const bool code_split = split_code(code, begin, size);
    if (!code_split || !parts.split) return match_any_shape(code, code_split, parts, cut_short);
    return match_split(code, begin, size, parts) ||
           (cut_short == CutShort::Matches && star_ends_a_part(code, begin, size) &&
            more_colons(parts.text, code_colons(code)) && match_crossing(code, parts.text));
}

}  // namespace stslab::iam
