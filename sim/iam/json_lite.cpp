#include "iam/json_lite.hpp"

#include "iam/json_access.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif


namespace stslab::iam::lite {
namespace {

constexpr std::size_t kMaxDepth = 256;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Bytes that end a run of plain string characters: the quote, the backslash, control bytes and non-ASCII.
struct StopBytes {
    bool stop[256] = {};
    constexpr StopBytes() {
        for (int c = 0; c < 256; ++c) stop[c] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
    }
};
constexpr StopBytes kStop;

#if defined(__SSE2__)
// The position of the first stop byte in data[p, n), or n: sixteen bytes at a time (SSE2 is part of x86-64),
// then byte by byte.
std::size_t find_stop(const char* data, std::size_t p, std::size_t n) {
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    while (p + 16 <= n) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + p));
        // A signed compare: control bytes are below 0x20, and so are non-ASCII bytes (negative as signed).
        const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                          _mm_cmplt_epi8(bytes, space));
        if (const int mask = _mm_movemask_epi8(stop)) return p + static_cast<std::size_t>(__builtin_ctz(mask));
        p += 16;
    }
    while (p < n && !kStop.stop[static_cast<unsigned char>(data[p])]) ++p;
    return p;
}
#else
// Whether any of the eight bytes of `w` is a stop byte (presence only: the bit-trick may also flag a byte next to
// a real one, never a word without one).
bool has_stop_byte(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    auto has_zero = [&](std::uint64_t x) { return (x - ones) & ~x & highs; };
    const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    return ((w & highs) | below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) != 0;
}

// The position of the first stop byte in data[p, n), or n: plain bytes are skipped eight at a time, then the byte
// loop finds which one ended the run.
std::size_t find_stop(const char* data, std::size_t p, std::size_t n) {
    while (p + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, data + p, 8);
        if (has_stop_byte(w)) break;
        p += 8;
    }
    while (p < n && !kStop.stop[static_cast<unsigned char>(data[p])]) ++p;
    return p;
}
#endif

}  // namespace

const char* Value::type_name() const {
    switch (type()) {
        case Type::Null: return "null";
        case Type::Boolean: return "boolean";
        case Type::Number: return "number";
        case Type::String: return "string";
        case Type::Array: return "array";
        case Type::Object: return "object";
    }
    return "null";
}

std::uint32_t Value::find(std::string_view key) const {
    const Node& n = node();
    if (n.type != Type::Object) return kNone;
    for (std::uint32_t i = 0; i < n.count; ++i) {
        const std::uint32_t child = doc_->links_[n.first + i];
        const std::string_view k = doc_->nodes_[child].key;
        if (k.size() == key.size() && (k.empty() || (k[0] == key[0] && k == key))) return child;
    }
    return kNone;
}

std::string json_text(const Value& v) {
    if (v.is_string() || v.is_null() || v.is_boolean() || !v.is_number())
        return nlohmann::json::parse(v.raw()).dump();
    // An integer of up to 18 digits, not "-0", prints back as written; anything else as nlohmann prints it.
    const std::string_view t = v.raw();
    const std::size_t digits = t.size() - (t.front() == '-' ? 1 : 0);
    bool integer = digits <= 18 && t != "-0";
    for (char c : t) integer = integer && (is_digit(c) || c == '-');
    return integer ? std::string(t) : nlohmann::json::parse(t).dump();
}

bool Document::parse(std::string_view text) {
    text_ = text;
    pos_ = 0;
    nodes_.clear();
    links_.clear();
    stack_.clear();
    unescaped_.clear();
    unescaped_.reserve(text.size());
    skip_space();
    const bool ok = parse_value(0) && (skip_space(), pos_ == text_.size());
    if (!ok) nodes_.clear();
    return ok;
}

bool Document::parse_string(std::string_view& out) {
    // At the opening quote. Plain ASCII only; a `\u` escape or a control byte sends the caller to nlohmann.
    // The scan runs on locals (a member would be stored back at every byte).
    const char* const data = text_.data();
    const std::size_t n = text_.size();
    const std::size_t start = pos_ + 1;
    const std::size_t p = find_stop(data, start, n);
    if (p < n && data[p] == '"') {
        out = std::string_view(data + start, p - start);
        pos_ = p + 1;
        return true;
    }
    pos_ = p;
    if (p >= n || data[p] != '\\') return false;  // the end, a control byte or a non-ASCII byte
    // With escapes: copy into the reserved buffer (never reallocated: the copy is shorter than the text).
    const std::size_t begin = unescaped_.size();
    unescaped_.append(text_.data() + start, pos_ - start);
    while (pos_ < text_.size()) {
        const unsigned char c = static_cast<unsigned char>(text_[pos_]);
        if (c == '"') {
            out = std::string_view(unescaped_.data() + begin, unescaped_.size() - begin);
            ++pos_;
            return true;
        }
        if (c < 0x20 || c >= 0x80) return false;
        if (c != '\\') {
            unescaped_ += static_cast<char>(c);
            ++pos_;
            continue;
        }
        if (++pos_ >= text_.size()) return false;
        switch (text_[pos_]) {
            case '"': unescaped_ += '"'; break;
            case '\\': unescaped_ += '\\'; break;
            case '/': unescaped_ += '/'; break;
            case 'b': unescaped_ += '\b'; break;
            case 'f': unescaped_ += '\f'; break;
            case 'n': unescaped_ += '\n'; break;
            case 'r': unescaped_ += '\r'; break;
            case 't': unescaped_ += '\t'; break;
            default: return false;  // `\u` (left to nlohmann) or not an escape
        }
        ++pos_;
    }
    return false;
}

bool Document::parse_number() {
    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    std::size_t p = pos_;
    const std::size_t n = text_.size();
    if (p < n && text_[p] == '-') ++p;
    if (p >= n || !is_digit(text_[p])) return false;
    if (text_[p] == '0') {
        ++p;
    } else {
        while (p < n && is_digit(text_[p])) ++p;
    }
    if (p < n && text_[p] == '.') {
        ++p;
        if (p >= n || !is_digit(text_[p])) return false;
        while (p < n && is_digit(text_[p])) ++p;
    }
    if (p < n && (text_[p] == 'e' || text_[p] == 'E')) {
        ++p;
        if (p < n && (text_[p] == '+' || text_[p] == '-')) ++p;
        if (p >= n || !is_digit(text_[p])) return false;
        while (p < n && is_digit(text_[p])) ++p;
    }
    pos_ = p;
    return true;
}

bool Document::parse_value(std::size_t depth) {
    if (pos_ >= text_.size() || depth > kMaxDepth) return false;
    const std::uint32_t index = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
    const std::size_t start = pos_;
    const char c = text_[pos_];
    auto word = [&](std::string_view w) {
        if (text_.substr(pos_, w.size()) != w) return false;
        pos_ += w.size();
        return true;
    };
    Type type = Type::Null;
    bool boolean = false;
    std::string_view value_text;
    std::uint32_t first = 0, count = 0;
    if (c == '"') {
        if (!parse_string(value_text)) return false;
        type = Type::String;
    } else if (c == 't' || c == 'f') {
        boolean = c == 't';
        if (!word(boolean ? "true" : "false")) return false;
        type = Type::Boolean;
    } else if (c == 'n') {
        if (!word("null")) return false;
    } else if (c == '-' || is_digit(c)) {
        if (!parse_number()) return false;
        type = Type::Number;
        value_text = text_.substr(start, pos_ - start);
    } else if (c == '[' || c == '{') {
        const bool object = c == '{';
        type = object ? Type::Object : Type::Array;
        const std::size_t mark = stack_.size();
        ++pos_;
        skip_space();
        const char close = object ? '}' : ']';
        if (pos_ < text_.size() && text_[pos_] == close) {
            ++pos_;
        } else {
            while (true) {
                std::string_view key;
                if (object) {
                    if (pos_ >= text_.size() || text_[pos_] != '"' || !parse_string(key)) return false;
                    skip_space();
                    if (pos_ >= text_.size() || text_[pos_] != ':') return false;
                    ++pos_;
                    skip_space();
                }
                const std::uint32_t child = static_cast<std::uint32_t>(nodes_.size());
                if (!parse_value(depth + 1)) return false;
                nodes_[child].key = key;
                stack_.push_back(child);
                skip_space();
                if (pos_ >= text_.size()) return false;
                if (text_[pos_] == ',') {
                    ++pos_;
                    skip_space();
                    continue;
                }
                if (text_[pos_] != close) return false;
                ++pos_;
                break;
            }
        }
        auto begin = stack_.begin() + static_cast<std::ptrdiff_t>(mark);
        auto end = stack_.end();
        if (object) {
            // std::map order (nlohmann::json's objects): sorted by key. A repeated key is a fault that the
            // nlohmann path reports (reference_policies_grammar), so the lite reader declines the text.
            // Insertion sort: stable, no allocation, and objects here are small.
            for (auto it = begin + (begin != end ? 1 : 0); it < end; ++it) {
                const std::uint32_t moving = *it;
                auto hole = it;
                while (hole != begin && nodes_[moving].key < nodes_[*(hole - 1)].key) {
                    *hole = *(hole - 1);
                    --hole;
                }
                *hole = moving;
            }
            for (auto it = begin; it != end; ++it)
                if (it + 1 != end && nodes_[*(it + 1)].key == nodes_[*it].key) return false;
        }
        first = static_cast<std::uint32_t>(links_.size());
        count = static_cast<std::uint32_t>(end - begin);
        links_.insert(links_.end(), begin, end);
        stack_.resize(mark);
    } else {
        return false;
    }
    Node& n = nodes_[index];
    n.type = type;
    n.boolean = boolean;
    n.text = value_text;
    n.raw = text_.substr(start, pos_ - start);
    n.first = first;
    n.count = count;
    return true;
}

}  // namespace stslab::iam::lite

namespace stslab::iam::json_access {
namespace {

// A SAX reader that stops at the first key repeated within one object.
struct DuplicateFinder {
    using json = nlohmann::json;
    struct Frame {
        bool object = false;
        std::vector<std::string> keys;  // an object's keys so far (the last is the member being read)
        std::size_t count = 0;          // an array's elements so far
    };
    std::vector<Frame> frames;
    std::optional<DuplicateKey> found;

    bool value() {
        if (!frames.empty() && !frames.back().object) ++frames.back().count;
        return true;
    }
    bool null() { return value(); }
    bool boolean(bool) { return value(); }
    bool number_integer(json::number_integer_t) { return value(); }
    bool number_unsigned(json::number_unsigned_t) { return value(); }
    bool number_float(json::number_float_t, const std::string&) { return value(); }
    bool string(std::string&) { return value(); }
    bool binary(json::binary_t&) { return value(); }
    bool start_object(std::size_t) {
        value();
        frames.push_back(Frame{true, {}, 0});
        return true;
    }
    bool start_array(std::size_t) {
        value();
        frames.push_back(Frame{false, {}, 0});
        return true;
    }
    bool end_object() {
        frames.pop_back();
        return true;
    }
    bool end_array() {
        frames.pop_back();
        return true;
    }
    bool key(std::string& k) {
        Frame& f = frames.back();
        if (std::find(f.keys.begin(), f.keys.end(), k) == f.keys.end()) {
            f.keys.push_back(k);
            return true;
        }
        std::string path;
        for (std::size_t i = 0; i + 1 < frames.size(); ++i) {
            if (!path.empty()) path += '/';
            path += frames[i].object ? frames[i].keys.back() : std::to_string(frames[i].count - 1);
        }
        found = DuplicateKey{path, k};
        return false;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

}  // namespace

std::optional<DuplicateKey> first_duplicate_key(std::string_view text) {
    DuplicateFinder finder;
    nlohmann::json::sax_parse(text.begin(), text.end(), &finder, nlohmann::json::input_format_t::json, false,
                              /*ignore_comments=*/true);
    return finder.found;
}

}  // namespace stslab::iam::json_access
