// Checking a step's `expect` against what happened (scenario-format.md, Steps).
#pragma once

#include "scenario/scenario.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace stslab {

struct CallOutcome {
    bool ok = false;
    std::string error_code;
    std::string error_message;
    // The answer's body, read while the outcome is checked (it lives in the message being handled); null for none.
    const nlohmann::json* response = nullptr;
    // The call's access key authenticated no one (deleted, inactive, never issued): its InvalidClientTokenId is a
    // failed authentication, not a refusal by policy, so "deny" is not met by it.
    bool unauthenticated = false;
};

// "" when the outcome meets the expectation, else what happened instead, in words
// ("expected allow, got AccessDenied: User: ... is not authorized ...").
// `korean`: the sandbox's own words in Korean ("허용을(를) 예상했으나 결과는 AccessDenied: ..."), AWS's as they are.
std::string check_expectation(const Expectation& expect, const CallOutcome& outcome, bool korean = false);

// The short form of an expectation ("allow", "deny", "error ExpiredToken", "fields").
std::string describe(const Expectation& expect, bool korean = false);

// Reads a dotted path ("AssumedRoleUser.Arn", "Contents.0.Key") in a response; null when absent.
nlohmann::json value_at_path(const nlohmann::json& response, const std::string& path);

}  // namespace stslab
