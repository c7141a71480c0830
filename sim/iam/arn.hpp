// Amazon Resource Names: parsing, printing, and wildcard matching within the six colon-separated parts
// (`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; the resource part may itself contain colons).
//
// Matching follows the ARN condition operators and the Resource element (reference_policies_elements_resource,
// reference_policies_elements_condition_operators "ARN condition operators"): each part is matched on its own,
// case-sensitively. In a Resource element only, a `*` that ends the partition's, region's or account's part (or
// ends a pattern cut short) may also run across colons: "If the * wildcard is the last character of a resource ARN
// segment, it can expand to match beyond the colon boundaries". Any other `*` or `?` stays within its part. An
// account principal is written either as `arn:aws:iam::ACCT:root` or as the bare 12-digit id
// (reference_policies_elements_principal); both name the account, i.e. whatever the account's own policies delegate
// to, not only its root user.
#pragma once

#include "iam/wildcard.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stslab::iam {

struct Arn {
    std::string partition;  // "aws"
    std::string service;    // "iam", "sts", "s3", ...
    std::string region;     // empty for global services
    std::string account;    // 12 digits, or empty (S3 buckets)
    std::string resource;   // "user/alice", "assumed-role/R/S", "bucket/key"

    // Parses "arn:..." with at least six parts; nullopt otherwise (no part may be missing, parts may be empty
    // except partition and service).
    static std::optional<Arn> parse(std::string_view text);
    std::string str() const;
};

// True for exactly 12 ASCII digits.
bool is_account_id(std::string_view text);

// "arn:aws:iam::ACCT:root".
std::string account_root_arn(std::string_view account, std::string_view partition = "aws");

// Splits `text` at its first five colons into the six ARN parts. False when there are fewer than six.
bool split_arn(std::string_view text, std::array<std::string_view, 6>& parts);

// Whether `arn` names a KMS key (arn:aws:kms:REGION:ACCOUNT:key/ID): a resource with a key policy.
inline bool is_kms_key_arn(std::string_view arn) {
    return arn.substr(0, 12) == "arn:aws:kms:" && arn.find(":key/") != std::string_view::npos;
}

// An ARN split once into its six parts (the request's resource, split once per evaluation).
struct ArnParts {
    explicit ArnParts(std::string_view arn);
    std::string_view text;
    std::array<std::string_view, 6> parts{};
    bool split = false;  // false: fewer than six parts
};

// Whether a pattern with fewer than six parts that ends in a star may match a whole ARN: yes in a Resource element
// ("arn:aws:sqs:*", reference_policies_elements_resource), no in the ARN condition operators, which check "each of
// the six colon-delimited components of the ARN ... separately" (reference_policies_elements_condition_operators).
enum class CutShort : std::uint8_t { Matches, NeverMatches };

// A compiled ARN pattern: a glob code (wildcard.hpp) with its six parts located once. Each part is matched on its
// own. A lone "*" matches anything; a pattern and a text that both lack six parts are compared whole; a pattern
// cut short after a star may match a whole ARN (as `cut_short` says); otherwise a shape mismatch never matches. A
// pattern without wildcards is compared as a whole.
class ArnMatcher {
public:
    ArnMatcher() = default;
    static ArnMatcher from_code(std::string code, CutShort cut_short = CutShort::Matches);
    static ArnMatcher compile(std::string_view pattern);  // the policy's own text: `*` and `?` are wildcards

    bool matches(const ArnParts& arn) const;
    bool matches(std::string_view arn) const { return matches(ArnParts(arn)); }
    const std::string& code() const { return code_; }

private:
    std::string code_;
    std::array<std::uint32_t, 6> begin_{};
    std::array<std::uint32_t, 6> size_{};
    std::array<glob::Shape, 6> part_shape_{};  // how each part is matched (most need no backtracking matcher)
    bool split_ = false;
    bool exact_ = false;  // no wildcard and no escape: a plain comparison
    bool crosses_ = false;  // a star ends the partition's, region's or account's part: it may also run across colons
    std::size_t colons_ = 0;  // when it does, the pattern's own colons
    CutShort cut_short_ = CutShort::Matches;
};

// Matches an ARN text against a glob code (used for patterns whose variables were just resolved).
bool match_arn(std::string_view code, std::string_view arn, CutShort cut_short = CutShort::Matches);
// The same for an ARN already split (the request's resource, split once per evaluation).
bool match_arn(std::string_view code, const ArnParts& arn, CutShort cut_short = CutShort::Matches);

}  // namespace stslab::iam
