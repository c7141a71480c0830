// The explanation of a decision: what a student sees in the viewer's inspector and in `stslab eval --explain`.
//
// It lists, in AWS's evaluation order (reference_policies_evaluation-logic_policy-eval-denyallow: explicit deny,
// RCPs, SCPs, resource-based policy, identity-based policies, permissions boundary, session policy), every step
// with its outcome in words, and every policy and statement considered with whether its action, resource,
// principal and each condition (operator, key, policy values, the request's values) matched. Built only when
// asked for (EvalDetail::Explain), so the fast path allocates none of it.
#pragma once

#include "core/json_writer.hpp"
#include "iam/policy.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// Writes the explanation, exactly as to_json() gives it, to a writer of core/json_writer.hpp (members in key order).
template <class W>
void write_json(W& w, const Explanation& e);

// ---- implementation

namespace detail {

// {"detail", "matched"}: how an action, resource or principal was matched.
template <class W>
void write_match(W& w, std::string_view key, bool matched, const std::string& detail) {
    w.key(key);
    w.object(2);
    w.key("detail");
    w.string(detail);
    w.key("matched");
    w.boolean(matched);
}

template <class W>
void write_condition(W& w, const ConditionCheck& c) {
    w.object(c.key_present ? 7 : 6);
    w.key("key");
    w.string(c.key);
    w.key("key_present");
    w.boolean(c.key_present);
    w.key("matched");
    w.boolean(c.matched);
    w.key("operator");
    w.string(c.op);
    w.key("path");
    w.string(c.path);
    if (c.key_present && !c.multivalued) {
        w.key("request_value");
        w.string(c.request_values.empty() ? std::string_view() : std::string_view(c.request_values.front()));
    } else if (c.key_present) {
        w.key("request_values");
        write_strings(w, c.request_values);
    }
    w.key("values");
    write_strings(w, c.policy_values);
}

template <class W>
void write_statement(W& w, const StatementCheck& s) {
    const bool conditions = !s.conditions.empty();
    w.object(5 + (conditions ? 2 : 0) + (s.principal_checked ? 1 : 0) + (s.sid.empty() ? 0 : 1));
    write_match(w, "action", s.action_matched, s.action_detail);
    w.key("applies");
    w.boolean(s.applies);
    if (conditions) {
        w.key("conditions");
        w.array(s.conditions.size());
        for (const auto& c : s.conditions) write_condition(w, c);
        w.key("conditions_matched");
        w.boolean(s.conditions_matched);
    }
    w.key("effect");
    w.string(to_string(s.effect));
    w.key("path");
    w.string(s.path);
    if (s.principal_checked) write_match(w, "principal", s.principal_matched, s.principal_detail);
    write_match(w, "resource", s.resource_matched, s.resource_detail);
    if (!s.sid.empty()) {
        w.key("sid");
        w.string(s.sid);
    }
}

}  // namespace detail

template <class W>
void write_json(W& w, const Explanation& e) {
    w.object(3);
    w.key("policies");
    w.array(e.policies.size());
    for (const auto& p : e.policies) {
        w.object(p.level >= 0 ? 6 : 5);
        w.key("allows");
        w.boolean(p.allows);
        w.key("denies");
        w.boolean(p.denies);
        if (p.level >= 0) {
            w.key("level");
            w.integer(p.level);
        }
        w.key("name");
        w.string(p.name);
        w.key("statements");
        w.array(p.statements.size());
        for (const auto& s : p.statements) detail::write_statement(w, s);
        w.key("type");
        w.string(policy_type_name(p.kind));
    }
    w.key("steps");
    w.array(e.steps.size());
    for (const auto& s : e.steps) {
        w.object(3);
        w.key("detail");
        w.string(s.detail);
        w.key("outcome");
        w.string(s.outcome);
        w.key("step");
        w.string(s.name);
    }
    w.key("summary");
    w.string(e.summary);
}

}  // namespace stslab::iam
