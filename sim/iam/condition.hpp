// The Condition element: operators, compiled values, and how one condition is tested against the request
// (reference_policies_elements_condition, reference_policies_elements_condition_operators,
// reference_policies_condition-single-vs-multi-valued-context-keys).
//
// Rules, as AWS documents them:
// - AND across operators and keys; OR across the values given for one key; a negated operator (StringNotEquals,
//   StringNotLike, NumericNotEquals, DateNotEquals, NotIpAddress, ArnNotEquals, ArnNotLike) is true when the
//   request value matches NONE of the policy values.
// - A key absent from the request: false, except negated operators (true), `...IfExists` (true), `ForAllValues:`
//   (true) and `Null` (which tests exactly that). `ForAnyValue:` is false on an absent key.
// - `ForAnyValue:` true when at least one request value satisfies the operator, `ForAllValues:` when every one
//   does. Without a qualifier a multivalued key behaves like ForAnyValue for positive operators and "no value
//   matches" for negated ones.
// - Key names are case-insensitive, values case-sensitive except the ...IgnoreCase operators and Bool.
// - ArnEquals and ArnLike behave the same (both take wildcards per ARN part), as the operator table says.
// Policy values are compiled once: numbers, dates (ISO 8601 or epoch seconds) and CIDR blocks are parsed, glob
// codes built, variables (2012-10-17 only) prepared; a value that cannot be compiled is MalformedPolicyDocument.
#pragma once

#include "core/time.hpp"
#include "iam/arn.hpp"
#include "iam/ip.hpp"
#include "iam/request.hpp"
#include "iam/variables.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stslab::iam {

enum class OperatorFamily : std::uint8_t { String, Numeric, Date, Bool, Binary, Ip, Arn, Null };
enum class Comparison : std::uint8_t {
    Equals,            // exact (String, Numeric, Date, Bool (case-insensitive), Binary)
    EqualsIgnoreCase,  // StringEqualsIgnoreCase
    Like,              // wildcards: StringLike, Arn* (per ARN part)
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
    InRange,           // IpAddress: inside the CIDR block
    IsAbsent,          // Null
};
enum class SetQualifier : std::uint8_t { None, ForAnyValue, ForAllValues };

struct ConditionOperator {
    std::string name;  // as written, e.g. "ForAnyValue:StringLikeIfExists"
    OperatorFamily family = OperatorFamily::String;
    Comparison comparison = Comparison::Equals;
    bool negated = false;
    bool if_exists = false;
    SetQualifier qualifier = SetQualifier::None;

    // nullopt for a name that is not an operator (names are case-sensitive, as in AWS's grammar).
    static std::optional<ConditionOperator> parse(std::string_view name);
};

// Every operator name without qualifier or IfExists (for "did you mean" suggestions and tests).
const std::vector<std::string>& condition_operator_names();

struct ConditionValue {
    std::string text;       // as written (a JSON number or boolean in its JSON spelling)
    ValueTemplate pattern;  // String / Arn / Bool values: the text with its variables
    std::string code;       // without variables: the comparable form (glob code, or lower-cased text)
    ArnMatcher arn;         // Arn operators without variables
    double number = 0;      // Numeric
    EpochMs date = 0;       // Date
    Cidr cidr;              // Ip
    bool flag = false;      // Null: "true" tests absence
};

struct Condition {
    ConditionOperator op;
    std::string key;        // as written
    std::string key_lower;
    std::vector<ConditionValue> values;
    std::string path;       // "Statement/0/Condition/StringEquals/aws:username"
};

// Compiles one `"Operator": {"key": VALUES}` entry; throws MalformedPolicyDocument at `path` (which already
// ends with the key).
Condition compile_condition(const ConditionOperator& op, std::string key, const nlohmann::json& values,
                            bool variables_enabled, std::string path);

// Tests a condition against the request context.
bool condition_matches(const Condition& condition, const RequestContext& context);

}  // namespace stslab::iam
