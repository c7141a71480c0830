// JSON text parsed with a bound on how deep it nests.
//
// nlohmann's parser is iterative, but writing a value back (dump, a packed trace) and walking it recurse as deep as
// it nests: a policy or token given as text with 100,000 nested brackets would overflow the stack later, far from
// where it came in. Text is refused past the depth a scenario file may nest (scenario/jsonc.cpp, 200 levels).
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string_view>

namespace stslab {

constexpr int kMaxJsonDepth = 200;

struct JsonTooDeep : std::runtime_error {
    JsonTooDeep() : std::runtime_error("values are nested more than 200 levels deep") {}
};

// As nlohmann::json::parse (its exceptions on text that is not JSON, a number beyond a double's range), and
// JsonTooDeep past kMaxJsonDepth.
inline nlohmann::json parse_json_bounded(std::string_view text, bool ignore_comments = false) {
    const nlohmann::json::parser_callback_t depth_limit = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > kMaxJsonDepth) throw JsonTooDeep();
        return true;
    };
    return nlohmann::json::parse(text.begin(), text.end(), depth_limit, true, ignore_comments);
}

// The text's value, or a discarded value (is_discarded()) when it is not JSON or nests too deep.
inline nlohmann::json parse_json_or_discard(std::string_view text) {
    try {
        return parse_json_bounded(text);
    } catch (const nlohmann::json::exception&) {
    } catch (const JsonTooDeep&) {
    }
    return nlohmann::json(nlohmann::json::value_t::discarded);
}

}  // namespace stslab
