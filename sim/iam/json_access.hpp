// The few reads that differ between nlohmann::json and lite::Value (json_lite.hpp), so that the policy compiler
// and the eval request reader are written once, as templates over either document type.
#pragma once

#include "iam/json_lite.hpp"
#include "iam/malformed.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace stslab::iam::json_access {

// A string value's text (the value must be a string).
inline std::string_view text(const nlohmann::json& v) { return v.get_ref<const std::string&>(); }
inline std::string_view text(const lite::Value& v) { return v.str(); }

// A boolean value (the value must be a boolean).
inline bool boolean(const nlohmann::json& v) { return v.get<bool>(); }
inline bool boolean(const lite::Value& v) { return v.boolean(); }

// The value as nlohmann::json::dump() prints it.
inline std::string dump(const nlohmann::json& v) { return v.dump(); }
inline std::string dump(const lite::Value& v) { return lite::json_text(v); }

// A member found while iterating an object, kept for after the loop (a lite::Value member is a temporary handle,
// an nlohmann::json member a reference into its object). Tests false while nothing was kept.
template <class J>
class Kept;
template <>
class Kept<nlohmann::json> {
public:
    void keep(const nlohmann::json& v) { value_ = &v; }
    explicit operator bool() const { return value_ != nullptr; }
    const nlohmann::json& operator*() const { return *value_; }

private:
    const nlohmann::json* value_ = nullptr;
};
template <>
class Kept<lite::Value> {
public:
    void keep(const lite::Value& v) {
        value_ = v;
        kept_ = true;
    }
    explicit operator bool() const { return kept_; }
    const lite::Value& operator*() const { return value_; }

private:
    lite::Value value_;
    bool kept_ = false;
};

// The first key that appears twice in one object of a JSON text, and where ("identity_policies/0/Statement"):
// "Individual elements must not contain multiple instances of the same key" (reference_policies_grammar), while
// nlohmann::json keeps the last one silently. Nothing for text without repeated keys (or not JSON at all).
struct DuplicateKey {
    std::string path;
    std::string key;
};
std::optional<DuplicateKey> first_duplicate_key(std::string_view text);
// The fault for a policy with a repeated key.
inline MalformedPolicyDocument duplicate_key_fault(const DuplicateKey& dup) {
    return MalformedPolicyDocument(dup.path, "Syntax errors in policy. The key \"" + dup.key +
                                                 "\" appears twice in one block (reference_policies_grammar: \"Individual "
                                                 "elements must not contain multiple instances of the same key\")");
}

}  // namespace stslab::iam::json_access
