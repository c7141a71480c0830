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
// unless given. On sts:AssumeRoleWithWebIdentity a provider given by its name ("accounts.google.com") is the
// caller, not a service. Every policy is named by its place in the request ("identity_policies/0", "scps/1/0").
#pragma once

#include "iam/evaluate.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

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

// The same answer as text, appended to `out`: byte for byte answer_eval_request(text, explain).dump(), made
// without building any nlohmann::json for the common case (the `stslab eval` path). The request is read by the
// lite reader (json_lite.hpp) straight into compiled policies and the answer written directly; a request that
// is not plain ASCII JSON, or that has any fault, is answered by answer_eval_request instead, so every error
// keeps its exact message. Returns false when the answer is an error.
bool append_eval_answer(std::string_view text, bool explain, std::string& out);

// The answers to one batch of requests (`stslab eval --batch`): answer() is append_eval_answer, except that a
// policy whose kind, place in the request ("identity_policies/0") and JSON text as written are those of a policy
// of an earlier request in the batch is compiled once and reused; a compiled policy depends on nothing else. At
// most kMaxPolicies are kept (then the cache starts over). Requests that go the nlohmann way are not cached.
// An error answer also names the request's `line` in the batch's input (blank and comment lines hold none, so
// answer N is not always line N).
class EvalBatch {
public:
    static constexpr std::size_t kMaxPolicies = 8192;

    bool answer(std::string_view text, bool explain, std::string& out, std::size_t line);
    std::uint64_t compiled() const { return compiled_; }  // policies compiled into the cache
    std::uint64_t reused() const { return reused_; }      // policies taken from it

private:
    friend struct EvalBatchAccess;
    std::unordered_map<std::string, Policy> policies_;
    std::string key_;
    std::uint64_t compiled_ = 0;
    std::uint64_t reused_ = 0;
};

}  // namespace stslab::iam
