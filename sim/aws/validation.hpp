// API parameter validation with AWS's exact ValidationError messages (facts §2):
// "1 validation error detected: Value 'x y' at 'roleSessionName' failed to satisfy constraint: Member must
//  satisfy regular expression pattern: [\w+=,.@-]*". Every violation of a call is collected, then reported at
// once, as AWS does ("2 validation errors detected: ...; ...").
#pragma once

#include "iam/policy.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stslab::aws {

// Character classes of the STS parameter patterns.
enum class Pattern {
    None,
    SessionName,  // [\w+=,.@-]*   RoleSessionName, Name, SourceIdentity, tag keys
    ExternalId,   // [\w+=,.@:\/-]*
    SerialNumber, // [\w+=/:,.@-]*
    Digits,       // [\d]*
    Word,         // [\w]*          AccessKeyId
    RoleDescription,  // [\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*   a role's Description (Latin-1, printable)
};

// A tag key's or value's characters: letters, numbers and spaces in any script, and _ . : / = + - @ (API_Tag's
// pattern, kTagPattern; bytes outside ASCII are taken as letters).
inline constexpr std::string_view kTagPattern = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";
bool tag_characters(std::string_view text);

class ParamValidator {
public:
    explicit ParamValidator(const nlohmann::json& params) : params_(params) {}

    // A string parameter `name` (wire name, e.g. RoleSessionName) reported as `member` (roleSessionName).
    // Returns the value when present and a string; a non-string is a violation.
    std::optional<std::string> string(const char* name, const char* member, bool required, std::size_t min_len,
                                      std::size_t max_len, Pattern pattern = Pattern::None);
    // An integer parameter (a JSON number or a decimal string), checked against [min, max].
    std::optional<std::int64_t> integer(const char* name, const char* member, bool required, std::int64_t min,
                                        std::int64_t max);
    // A parameter that must not be present for this operation is ignored (AWS ignores unknown query parameters).

    void add(std::string violation) { violations_.push_back(std::move(violation)); }
    // A required parameter that is absent or null: "Value null at 'member' failed to satisfy constraint: Member must
    // not be null".
    void missing(std::string_view member) {
        add("Value null at '" + std::string(member) + "' failed to satisfy constraint: Member must not be null");
    }
    bool ok() const { return violations_.empty(); }
    // "N validation error(s) detected: A; B".
    std::string message() const;

private:
    const nlohmann::json& params_;
    std::vector<std::string> violations_;
};

// A tag's key (1 to 128 characters of the tag pattern; `member` names it in the message), as STS's session tags and
// IAM's user and role tags take them (API_Tag): adds its violation to `v` and returns false, or returns true.
bool check_tag_key(const std::string& key, const std::string& member, ParamValidator& v);
// The n-th tag (from 1) of a list of tags: its key as check_tag_key takes it, never beginning with "aws:", and its value
// (at most 256 characters of the tag pattern), named as AWS numbers a list's members: 'tags.N.member.key' and
// 'tags.N.member.value' (a real answer: "Value 'dependabot-preview[bot]' at 'tags.5.member.value' failed to satisfy
// constraint", aws-actions/configure-aws-credentials#18).
void check_tag(const std::string& key, const std::string& value, std::size_t n, ParamValidator& v);
// A required parameter that must be one of `allowed`: AWS's enum violation ("Member must satisfy enum value set: [...]").
void check_enum(const nlohmann::json& params, const char* name, const char* member, std::initializer_list<const char*> allowed,
                ParamValidator& v);
// "LIST.N.member", the n-th member (from 1) of a list parameter in AWS's validation messages.
std::string list_member(const std::string& list, std::size_t n);

// Whether a trust policy allows Amazon Cognito identity pools (Federated cognito-identity.amazonaws.com) in a
// statement without a condition, which IAM refuses to save: "IAM requires that roles for identity pools have at least
// one trust policy condition" (Cognito Developer Guide, identity-pools-security-best-practices).
bool trusts_any_identity_pool(const iam::Policy& trust);
// The sandbox's words for that refusal (AWS publishes none).
constexpr const char* kIdentityPoolTrustMessage =
    "A role that trusts cognito-identity.amazonaws.com must have a condition in that statement (IAM requires that roles "
    "for identity pools have at least one trust policy condition, such as cognito-identity.amazonaws.com:aud)";

bool matches_pattern(const std::string& value, Pattern pattern);
// Whether a policy document's text holds only the characters IAM and STS take in one: tab, line feed, carriage
// return and U+0020-U+00FF (pattern [\u0009\u000A\u000D\u0020-\u00FF]+ of API_AssumeRole's Policy and
// API_PutRolePolicy's PolicyDocument).
bool policy_characters(std::string_view text);
constexpr const char* kPolicyPattern = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
const char* pattern_text(Pattern pattern);

}  // namespace stslab::aws
