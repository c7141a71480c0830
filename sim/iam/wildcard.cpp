#include "iam/wildcard.hpp"

#include <cctype>

namespace stslab::iam {
namespace glob {
void append_pattern(std::string& code, std::string_view text) {
    code.reserve(code.size() + text.size());
    // Runs of plain bytes are appended whole; only the wildcards and code bytes are handled one at a time.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '*' && c != '?' && !is_code_byte(c)) continue;
        code.append(text.data() + run, i - run);
        run = i + 1;
        if (c == '*') {
            code += kStar;
        } else if (c == '?') {
            code += kOne;
        } else {
            code += kEscape;
            code += c;
        }
    }
    code.append(text.data() + run, text.size() - run);
}

void append_literal(std::string& code, std::string_view text) {
    for (char c : text) {
        if (c == '*' || c == '?' || is_code_byte(c)) code += kEscape;
        code += c;
    }
}

bool has_wildcard(std::string_view code) {
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code[i] == kEscape) {
            ++i;
        } else if (code[i] == kStar || code[i] == kOne) {
            return true;
        }
    }
    return false;
}

std::size_t char_bytes(std::string_view text, std::size_t t) {
    const auto lead = static_cast<unsigned char>(text[t]);
    const std::size_t n = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
    if (n > text.size() - t) return 1;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(text[t + k]) & 0xC0) != 0x80) return 1;
    return n;
}

bool match(std::string_view code, std::string_view text, bool ignore_case) {
    // Classic two-cursor matching with backtracking to the last star: linear in practice, no allocation.
    std::size_t p = 0, t = 0;
    std::size_t star_p = std::string_view::npos, star_t = 0;
    const std::size_t m = code.size(), n = text.size();
    while (t < n) {
        if (p < m) {
            const char c = code[p];
            if (c == kStar) {
                star_p = ++p;
                star_t = t;
                continue;
            }
            if (c == kOne) {
                ++p;
                t += char_bytes(text, t);
                continue;
            }
            const bool escaped = c == kEscape && p + 1 < m;
            const char literal = escaped ? code[p + 1] : c;
            const char actual = ignore_case ? ascii_lower(text[t]) : text[t];
            if (literal == actual) {
                p += escaped ? 2 : 1;
                ++t;
                continue;
            }
        }
        if (star_p == std::string_view::npos) return false;
        p = star_p;
        t = star_t += char_bytes(text, star_t);
    }
    while (p < m && code[p] == kStar) ++p;
    return p == m;
}

Shape shape_of(std::string_view code) {
    if (!has_code_byte(code)) return Shape::Exact;
    if (code.size() == 1 && code[0] == kStar) return Shape::Any;
    if (code.back() == kStar && !has_code_byte(code.substr(0, code.size() - 1))) return Shape::Prefix;
    return Shape::General;
}

std::string display(std::string_view code) {
    std::string out;
    out.reserve(code.size());
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == kStar) {
            out += '*';
        } else if (c == kOne) {
            out += '?';
        } else if (c == kEscape && i + 1 < code.size()) {
            out += code[++i];
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace glob

Glob Glob::compile(std::string_view pattern, bool ignore_case) {
    Glob g;
    g.text_ = std::string(pattern);
    g.ignore_case_ = ignore_case;
    g.code_.reserve(pattern.size());
    glob::append_pattern(g.code_, pattern);
    if (ignore_case)  // ASCII lower-casing leaves the code bytes (all below 'A') alone
        for (char& c : g.code_) c = ascii_lower(c);
    g.shape_ = glob::shape_of(g.code_);
    return g;
}

}  // namespace stslab::iam
