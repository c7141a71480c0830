// Compiling policies read by the lite JSON reader (json_lite.hpp), for the `stslab eval` hot path. Internal to
// iam/: the rules and messages are exactly compile_policy's (the same template compiles both), but the policy
// keeps no `document` (it stays null), so only code that never shows the document may use it.
#pragma once

#include "iam/json_lite.hpp"
#include "iam/policy.hpp"

#include <string>

namespace stslab::iam {

// Throws MalformedPolicyDocument as compile_policy does.
Policy compile_policy_lite(const lite::Value& document, PolicyKind kind, std::string name = "");

// Compiles one `"Operator": {"key": VALUES}` entry read by the lite reader (condition.hpp's compile_condition).
Condition compile_condition(const ConditionOperator& op, std::string key, const lite::Value& values,
                            bool variables_enabled, std::string path);

}  // namespace stslab::iam
