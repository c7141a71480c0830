// JSON with comments, parsed with the source position of every value.
//
// Scenario files are written by hand, so every fault must point at a file, a line and a column. nlohmann/json
// cannot say where a value came from, so this small recursive-descent parser builds the nlohmann::json value and,
// beside it, a SourceMap from each value's JSON pointer to where it starts in the text.
//
// Accepted: RFC 8259 JSON plus `// line` and `/* block */` comments and a leading UTF-8 byte-order mark.
// Rejected with a JsonSyntaxError (file, line, column, what was expected): anything else, including trailing
// commas, duplicate keys in one object, invalid UTF-8, control characters in strings, and nesting deeper than
// 200 levels (so hostile input cannot exhaust the stack).
#pragma once

#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <unordered_map>

namespace stslab {

struct SourcePos {
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based, in bytes
};

// JSON pointer (RFC 6901, "" for the root, "/accounts/111122223333/alias") -> where that value starts. For an
// object member this is the position of its key, which is where a person looks for it.
class SourceMap {
public:
    void set(const std::string& pointer, SourcePos pos) { positions_[pointer] = pos; }
    // The position of `pointer`, or of its nearest ancestor that has one (the root at worst).
    SourcePos at(const std::string& pointer) const;

private:
    std::unordered_map<std::string, SourcePos> positions_;
};

class JsonSyntaxError : public Error {
public:
    JsonSyntaxError(const std::string& file, SourcePos pos, const std::string& what);
    const std::string& file() const { return file_; }
    SourcePos pos() const { return pos_; }
    const std::string& reason() const { return reason_; }

private:
    std::string file_;
    SourcePos pos_;
    std::string reason_;
};

struct ParsedJson {
    nlohmann::json value;
    SourceMap positions;
};

// Parses `text`; `file` is only used in error messages.
ParsedJson parse_jsonc(std::string_view text, const std::string& file);

// Appends one reference token to a JSON pointer, escaping '~' and '/' as RFC 6901 requires.
std::string pointer_append(const std::string& pointer, std::string_view token);
// The pointer as the docs print it: without the leading '/', "(top level)" for the root.
std::string pointer_display(const std::string& pointer);

}  // namespace stslab
