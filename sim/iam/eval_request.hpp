// The `stslab eval` request (scenario-format.md, "Running it"): one authorization question as JSON, answered
// without a world, like the IAM policy simulator.
//
//   { "id": ANY (optional, echoed back),
//     "principal": "arn:aws:iam::111122223333:user/alice"   (or {"arn": ..., "role_arn": ..., "id": ...}),
//     "action": "s3:GetObject", "resource": "arn:aws:s3:::b1/k", "resource_account": "111122223333",
//     "context": { "aws:MultiFactorAuthPresent": "true", "aws:PrincipalTag/team": ["a", "b"] },
//     "identity_policies": [POLICY], "resource_policy": POLICY, "trust_policy": POLICY,
//     "permissions_boundary": POLICY, "session_policy": POLICY or [POLICY],
//     "scps": [[POLICY], [POLICY]], "rcps": [[POLICY]],
//     "principal_in_management_account": false, "resource_in_management_account": false }
//
// POLICY is a policy document as an object or as a JSON string (as AWS's APIs take it). A context value that is
// an array makes a multivalued key. "resource_account" defaults to the resource ARN's account, else the
// principal's. A "resource_policy" on sts:AssumeRole* of a role ARN is that role's trust policy; "trust_policy"
// says so explicitly. The principal's own keys (aws:PrincipalArn, aws:username, ...) are added to the context
// unless given. Every policy is named by its place in the request ("identity_policies/0", "scps/1/0").
#pragma once

#include "iam/evaluate.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <string>
#include <string_view>

namespace stslab::iam {

// A request that is not a valid eval request (bad JSON, a missing or mistyped field). The path is the JSON path.
class InvalidEvalRequest : public Error {
public:
    explicit InvalidEvalRequest(const std::string& message) : Error(message) {}
    static constexpr const char* kCode = "InvalidRequest";
};

struct EvalCase {
    nlohmann::json id;          // echoed in the answer when present
    Request request;
    std::deque<Policy> owned;   // the compiled policies (a deque: PolicySet points into it)
    PolicySet policies;

    EvalCase() = default;
    EvalCase(const EvalCase&) = delete;  // `policies` points into `owned`
    EvalCase& operator=(const EvalCase&) = delete;
};

// Reads a request. Throws InvalidEvalRequest, or MalformedPolicyDocument with the path prefixed by the policy's
// place ("identity_policies/0/Statement/0/Effect: ...").
// The policies are moved out of `json`.
void read_eval_request(nlohmann::json&& json, EvalCase& out);

// Answers one request line (or document): parses it, evaluates, and returns the answer object (to_json of the
// decision, with "id" first when given), or {"error": {"code", "message"}} for a request that cannot be read.
nlohmann::json answer_eval_request(std::string_view text, bool explain);

}  // namespace stslab::iam
