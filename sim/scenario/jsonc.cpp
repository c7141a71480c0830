#include "scenario/jsonc.hpp"

#include "core/json_parse.hpp"
#include "core/text.hpp"

#include <cstdint>
#include <cstdio>

namespace stslab {

SourcePos SourceMap::at(const std::string& pointer) const {
    std::string p = pointer;
    for (;;) {
        const auto it = positions_.find(p);
        if (it != positions_.end()) return it->second;
        if (p.empty()) return SourcePos{};
        p.erase(p.rfind('/'));
    }
}

JsonSyntaxError::JsonSyntaxError(const std::string& file, SourcePos pos, const std::string& what)
    : Error(file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + what),
      file_(file),
      pos_(pos),
      reason_(what) {}

std::string pointer_append(const std::string& pointer, std::string_view token) {
    std::string out = pointer;
    out += '/';
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer_display(const std::string& pointer) {
    return pointer.empty() ? std::string("(top level)") : pointer.substr(1);
}

namespace {

class Parser {
public:
    Parser(std::string_view text, const std::string& file, SourceMap& map) : s_(text), file_(file), map_(map) {
        // A byte order mark is no part of the text: the first column is after it.
        if (s_.size() >= 3 && s_.substr(0, 3) == "\xEF\xBB\xBF") line_start_ = i_ = 3;
    }

    nlohmann::json document() {
        skip_space();
        if (at_end()) fail("the file is empty: expected a JSON object");
        nlohmann::json v = value("", 0);
        skip_space();
        if (!at_end()) fail(std::string("unexpected ") + describe_here() + " after the end of the JSON value");
        return v;
    }

private:
    // A fault names where in the document it is, as the loader's faults do: "at accounts/111111111111: ...".
    [[noreturn]] void fail(const std::string& what) const { fail_at(pos(), what); }
    [[noreturn]] void fail_at(SourcePos p, const std::string& what) const {
        throw JsonSyntaxError(file_, p, here_.empty() ? what : "at " + pointer_display(here_) + ": " + what);
    }

    // Columns count characters: a UTF-8 character's continuation bytes since the line began do not count.
    SourcePos pos() const { return SourcePos{line_, static_cast<int>(i_ - line_start_ - continuation_) + 1}; }
    bool at_end() const { return i_ >= s_.size(); }
    char peek() const { return at_end() ? '\0' : s_[i_]; }
    void advance(std::size_t n = 1) {
        for (std::size_t k = 0; k < n && i_ < s_.size(); ++k) {
            // A line ends with LF, CRLF (at its LF) or a lone CR (old Mac files).
            if (s_[i_] == '\n' || (s_[i_] == '\r' && (i_ + 1 >= s_.size() || s_[i_ + 1] != '\n'))) {
                ++line_;
                line_start_ = i_ + 1;
                continuation_ = 0;
            } else if ((static_cast<unsigned char>(s_[i_]) & 0xC0) == 0x80) {
                ++continuation_;
            }
            ++i_;
        }
    }

    std::string describe_here() const {
        return at_end() ? "end of file" : describe_character(s_, i_);
    }

    void skip_space() {
        for (;;) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance();
            } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
                while (!at_end() && peek() != '\n' && peek() != '\r') advance();
            } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
                const SourcePos start = pos();
                advance(2);
                while (!at_end() && !(peek() == '*' && i_ + 1 < s_.size() && s_[i_ + 1] == '/')) advance();
                if (at_end()) fail_at(start, "a /* comment is never closed with */");
                advance(2);
            } else {
                return;
            }
        }
    }

    nlohmann::json value(const std::string& pointer, int depth) {
        // Named by the start of its path, which would be 200 levels long: where the deep value begins.
        if (depth > kMaxJsonDepth) {
            std::size_t cut = 0;
            for (int segment = 0; segment < 8 && cut != std::string::npos; ++segment) cut = pointer.find('/', cut + 1);
            const std::string start = cut == std::string::npos ? pointer : pointer.substr(0, cut) + "/...";
            throw JsonSyntaxError(file_, pos(), "at " + pointer_display(start) + ": " + JsonTooDeep().what() +
                                                    " (a scenario's JSON may nest 200 levels)");
        }
        here_ = pointer;
        map_.set(pointer, pos());  // an object member's key position, set by object(), takes precedence
        switch (peek()) {
            case '{': return object(pointer, depth);
            case '[': return array(pointer, depth);
            case '"': return string_value();
            case 't': return literal("true", true);
            case 'f': return literal("false", false);
            case 'n': return literal("null", nullptr);
            default:
                if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number();
                fail("expected a value (object, array, string, number, true, false or null), found " +
                     describe_here());
        }
    }

    nlohmann::json literal(std::string_view word, nlohmann::json v) {
        if (s_.substr(i_, word.size()) != word) fail("expected a value, found " + describe_here());
        advance(word.size());
        return v;
    }

    nlohmann::json object(const std::string& pointer, int depth) {
        advance();  // {
        nlohmann::json obj = nlohmann::json::object();
        skip_space();
        if (peek() == '}') {
            advance();
            return obj;
        }
        for (;;) {
            skip_space();
            if (peek() != '"') {
                if (peek() == '}') fail("a trailing comma before '}' is not allowed in JSON");
                fail("expected a key in double quotes, found " + describe_here());
            }
            const SourcePos key_pos = pos();
            std::string key = string_value();
            if (obj.contains(key)) {  // named at its own path, as an unknown key is: "at stslab: duplicate key ..."
                here_ = pointer_append(pointer, key);
                fail_at(key_pos, "duplicate key \"" + key + "\" in one object");
            }
            skip_space();
            if (peek() != ':') fail("expected ':' after the key \"" + key + "\", found " + describe_here());
            advance();
            skip_space();
            const std::string child = pointer_append(pointer, key);
            nlohmann::json v = value(child, depth + 1);
            here_ = pointer;
            map_.set(child, key_pos);
            obj[key] = std::move(v);
            skip_space();
            if (peek() == ',') {
                advance();
                continue;
            }
            if (peek() == '}') {
                advance();
                return obj;
            }
            fail("expected ',' or '}' after the value of \"" + key + "\", found " + describe_here());
        }
    }

    nlohmann::json array(const std::string& pointer, int depth) {
        advance();  // [
        nlohmann::json arr = nlohmann::json::array();
        skip_space();
        if (peek() == ']') {
            advance();
            return arr;
        }
        for (;;) {
            skip_space();
            if (peek() == ']') fail("a trailing comma before ']' is not allowed in JSON");
            arr.push_back(value(pointer_append(pointer, std::to_string(arr.size())), depth + 1));
            here_ = pointer;
            skip_space();
            if (peek() == ',') {
                advance();
                continue;
            }
            if (peek() == ']') {
                advance();
                return arr;
            }
            fail("expected ',' or ']' in the array, found " + describe_here());
        }
    }

    nlohmann::json number() {
        const SourcePos start = pos();
        const std::size_t begin = i_;
        if (peek() == '-') advance();
        auto digits = [&] {
            std::size_t n = 0;
            while (peek() >= '0' && peek() <= '9') {
                advance();
                ++n;
            }
            return n;
        };
        if (peek() == '0') {
            advance();
            if (peek() >= '0' && peek() <= '9') fail_at(start, "numbers may not have leading zeros");
        } else if (digits() == 0) {
            fail_at(start, "expected digits in the number");
        }
        if (peek() == '.') {
            advance();
            if (digits() == 0) fail("expected digits after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            advance();
            if (peek() == '+' || peek() == '-') advance();
            if (digits() == 0) fail("expected digits in the exponent");
        }
        // The grammar is checked; nlohmann picks integer, unsigned or float exactly as it would for this text.
        // A number too large for a double (1e999) is out of range there: a fault at the number, not a crash.
        try {
            return nlohmann::json::parse(s_.substr(begin, i_ - begin));
        } catch (const nlohmann::json::exception&) {
            fail_at(start, "the number " + std::string(s_.substr(begin, std::min<std::size_t>(i_ - begin, 40))) +
                               (i_ - begin > 40 ? "..." : "") + " is too large");
        }
    }

    void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::uint32_t hex4() {
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = peek();
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else fail("expected four hex digits after \\u");
            advance();
        }
        return v;
    }

    // Copies one UTF-8 encoded character, checking that it is well formed.
    void copy_utf8(std::string& out) {
        const std::size_t len = utf8_char_length(s_, i_);
        if (len == 0) fail("invalid UTF-8 in a string");
        out.append(s_.substr(i_, len));
        i_ += len;  // no newlines inside a multi-byte character
        continuation_ += len - 1;
    }

    std::string string_value() {
        const SourcePos start = pos();
        advance();  // "
        std::string out;
        for (;;) {
            if (at_end()) fail_at(start, "a string is never closed with '\"'");
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                advance();
                return out;
            }
            if (c < 0x20) fail("a control character (such as a line break) inside a string; write it as an escape like \\n");
            if (c == '\\') {
                advance();
                const char e = peek();
                advance();
                switch (e) {
                    case '"': out += '"'; break;
                    case '\\': out += '\\'; break;
                    case '/': out += '/'; break;
                    case 'b': out += '\b'; break;
                    case 'f': out += '\f'; break;
                    case 'n': out += '\n'; break;
                    case 'r': out += '\r'; break;
                    case 't': out += '\t'; break;
                    case 'u': {
                        std::uint32_t cp = hex4();
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            if (peek() != '\\' || i_ + 1 >= s_.size() || s_[i_ + 1] != 'u')
                                fail("a \\u surrogate pair is missing its second half");
                            advance(2);
                            const std::uint32_t low = hex4();
                            if (low < 0xDC00 || low > 0xDFFF) fail("a \\u surrogate pair has an invalid second half");
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                            fail("a lone \\u surrogate half is not a character");
                        }
                        append_utf8(out, cp);
                        break;
                    }
                    default: fail("unknown escape in a string: write a backslash as \\\\");
                }
                continue;
            }
            if (c < 0x80) {
                out += static_cast<char>(c);
                advance();
            } else {
                copy_utf8(out);
            }
        }
    }

    std::string_view s_;
    const std::string& file_;
    SourceMap& map_;
    std::string here_;  // the JSON pointer of the value being read: what a fault names
    std::size_t i_ = 0;
    int line_ = 1;
    std::size_t line_start_ = 0;
    std::size_t continuation_ = 0;  // UTF-8 continuation bytes between line_start_ and i_
};

}  // namespace

ParsedJson parse_jsonc(std::string_view text, const std::string& file) {
    ParsedJson out;
    Parser parser(text, file, out.positions);
    out.value = parser.document();
    return out;
}

}  // namespace stslab
