// A small read-only JSON reader for the `stslab eval` hot path: one request line is parsed into a flat array
// of nodes whose strings are views into the line (copied only when they hold escapes), with no allocation per
// value once the buffers have grown. It reads values exactly as nlohmann::json reads them, object members in
// the same order (sorted by key; a repeated key is left to nlohmann's path, which refuses it), so code written against both types
// (policy_compile.cpp, eval_request.cpp) compiles a document the same way from either.
//
// It accepts a strict subset of what nlohmann::json accepts: JSON text that is plain ASCII, without `\u`
// escapes, nested at most 256 deep. parse() returns false for anything else, and the caller then reads the text
// with nlohmann::json instead (which also gives the exact error for text that is not JSON at all).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace stslab::iam::lite {

enum class Type : std::uint8_t { Null, Boolean, Number, String, Array, Object };

struct Node {
    Type type = Type::Null;
    bool boolean = false;
    std::string_view text;  // String: the value, unescaped; Number: its JSON text
    std::string_view key;   // an object member: its key, unescaped
    std::string_view raw;   // the value's JSON text as written
    std::uint32_t first = 0;  // Array / Object: the first child's position in the document's links
    std::uint32_t count = 0;  // Array / Object: the number of children
};

class Value;

class Document {
public:
    // Parses `text`, which must outlive the document (strings without escapes are views into it). False when
    // the text is outside the accepted subset (see above); the document is then empty.
    bool parse(std::string_view text);
    Value root() const;

private:
    friend class Value;
    bool parse_value(std::size_t depth);
    bool parse_string(std::string_view& out);
    bool parse_number();
    void skip_space() {
        std::size_t p = pos_;
        while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t' || text_[p] == '\n' || text_[p] == '\r')) ++p;
        pos_ = p;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::vector<Node> nodes_;
    std::vector<std::uint32_t> links_;  // each container's children, contiguous
    std::vector<std::uint32_t> stack_;  // children of the containers being parsed
    std::string unescaped_;             // reserved to the text's size up front, so views into it stay valid
};

// A member of an object, as `items()` yields it: `key()` and `value()`, or `auto [key, value]`.
class Member;

class Value {
public:
    Value() = default;
    Value(const Document* doc, std::uint32_t index) : doc_(doc), index_(index) {}

    Type type() const { return node().type; }
    bool is_null() const { return type() == Type::Null; }
    bool is_boolean() const { return type() == Type::Boolean; }
    bool is_number() const { return type() == Type::Number; }
    bool is_string() const { return type() == Type::String; }
    bool is_array() const { return type() == Type::Array; }
    bool is_object() const { return type() == Type::Object; }
    // nlohmann::json's names: "null", "boolean", "number", "string", "array", "object".
    const char* type_name() const;

    std::size_t size() const { return is_array() || is_object() ? node().count : (is_null() ? 0 : 1); }
    bool empty() const { return size() == 0; }
    std::string_view str() const { return node().text; }  // String only
    bool boolean() const { return node().boolean; }       // Boolean only
    std::string_view raw() const { return node().raw; }   // the JSON text of the value
    std::string_view key() const { return node().key; }   // an object member's key

    Value operator[](std::size_t i) const { return Value(doc_, doc_->links_[node().first + i]); }
    bool contains(std::string_view key) const { return find(key) != kNone; }
    // The member with that key; a null value when there is none.
    Value operator[](std::string_view key) const { return Value(doc_, find(key)); }

    class Items;
    Items items() const;

private:
    static constexpr std::uint32_t kNone = UINT32_MAX;
    const Node& node() const {
        static const Node null_node;
        return doc_ && index_ != kNone ? doc_->nodes_[index_] : null_node;
    }
    std::uint32_t find(std::string_view key) const;

    const Document* doc_ = nullptr;
    std::uint32_t index_ = kNone;
};

class Member {
public:
    explicit Member(Value v) : value_(v) {}
    std::string_view key() const { return value_.key(); }
    const Value& value() const { return value_; }
    template <std::size_t I>
    auto get() const {
        if constexpr (I == 0) return value_.key();
        else return value_;
    }

private:
    Value value_;
};

class Value::Items {
public:
    class iterator {
    public:
        iterator(const Value& parent, std::size_t i) : parent_(parent), i_(i) {}
        Member operator*() const { return Member(parent_[i_]); }
        iterator& operator++() {
            ++i_;
            return *this;
        }
        bool operator!=(const iterator& other) const { return i_ != other.i_; }

    private:
        Value parent_;
        std::size_t i_;
    };
    explicit Items(const Value& v) : v_(v) {}
    iterator begin() const { return iterator(v_, 0); }
    iterator end() const { return iterator(v_, v_.is_object() ? v_.size() : 0); }

private:
    Value v_;
};

inline Value::Items Value::items() const { return Items(*this); }

// The value as nlohmann::json::dump() prints it (numbers in its spelling: "1.0", "100.0" for 1e2).
std::string json_text(const Value& v);

inline Value Document::root() const { return nodes_.empty() ? Value() : Value(this, 0); }

}  // namespace stslab::iam::lite

template <>
struct std::tuple_size<stslab::iam::lite::Member> : std::integral_constant<std::size_t, 2> {};
template <>
struct std::tuple_element<0, stslab::iam::lite::Member> {
    using type = std::string_view;
};
template <>
struct std::tuple_element<1, stslab::iam::lite::Member> {
    using type = stslab::iam::lite::Value;
};
