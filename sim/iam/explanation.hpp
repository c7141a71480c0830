// The explanation of a decision: what a student sees in the viewer's inspector and in `stslab eval --explain`.
//
// It lists, in AWS's evaluation order (reference_policies_evaluation-logic_policy-eval-denyallow: explicit deny,
// RCPs, SCPs, resource-based policy, identity-based policies, permissions boundary, session policy), every step
// with its outcome in words, and every policy and statement considered with whether its action, resource,
// principal and each condition (operator, key, policy values, the request's values) matched. Built only when
// asked for (EvalDetail::Explain), so the fast path allocates none of it.
#pragma once

#include "iam/policy.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stslab::iam {

struct ConditionCheck {
    std::string path;                         // "Statement/0/Condition/StringEquals/aws:username"
    std::string op;                           // the operator as written
    std::string key;                          // the key as written
    std::vector<std::string> policy_values;   // as written (variables unresolved)
    bool key_present = false;
    bool multivalued = false;
    std::vector<std::string> request_values;  // the request's values of the key (empty when absent)
    bool matched = false;
};

struct StatementCheck {
    std::uint32_t index = 0;
    std::string path;
    std::string sid;
    Effect effect = Effect::Allow;
    bool action_matched = false;
    std::string action_detail;     // which pattern matched, or that none did
    bool resource_matched = false;
    std::string resource_detail;
    bool principal_checked = false;  // only resource-based, trust and RCP statements name principals
    bool principal_matched = false;
    std::string principal_detail;
    std::vector<ConditionCheck> conditions;
    bool conditions_matched = true;
    bool applies = false;            // everything matched: the statement's Effect counts
};

struct PolicyCheck {
    std::string name;
    const Policy* policy = nullptr;  // the policy evaluated: valid only while the policies evaluated are alive
    PolicyKind kind = PolicyKind::Identity;
    int level = -1;  // SCP/RCP: the organization level (0 = root, then OUs, last = the account); else -1
    std::vector<StatementCheck> statements;
    bool allows = false;
    bool denies = false;
};

struct EvaluationStep {
    std::string name;     // "Explicit deny", "Service control policies", ...
    std::string outcome;  // "pass", "deny", "allow", "skipped"
    std::string detail;   // one or two sentences in plain words
};

struct Explanation {
    std::vector<EvaluationStep> steps;
    std::vector<PolicyCheck> policies;
    std::string summary;  // the final decision in one sentence
};

nlohmann::json to_json(const Explanation& explanation);

}  // namespace stslab::iam
