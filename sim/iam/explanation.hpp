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
    std::vector<std::string> resolved_values; // when a value has policy variables: every value with them replaced by
                                              // this request's ("" for one whose variable has no value); else empty
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
    std::string action_detail_ko;  // each detail in Korean too (the viewer's Korean mode), AWS's words as they are
    bool resource_matched = false;
    std::string resource_detail;
    std::string resource_detail_ko;
    bool principal_checked = false;  // only resource-based, trust and RCP statements name principals
    bool principal_matched = false;
    std::string principal_detail;
    std::string principal_detail_ko;
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
    std::string name;       // "Explicit deny", "Service control policies", ...
    std::string outcome;    // "pass", "deny", "allow", "skipped"
    std::string detail;     // one or two sentences in plain words
    std::string detail_ko;  // the same in Korean, for the course's students (the viewer's Korean mode); AWS's own
                            // words (actions, ARNs, condition keys and operators, policy names) stay as they are
};

struct Explanation {
    std::vector<EvaluationStep> steps;
    std::vector<PolicyCheck> policies;
    std::string summary;     // the final decision in one sentence
    std::string summary_ko;  // the same in Korean (AWS's message in it stays English)
};

nlohmann::json to_json(const Explanation& explanation);

// Writes the explanation, exactly as to_json() gives it, to a writer of core/json_writer.hpp (members in key order).
template <class W>
void write_json(W& w, const Explanation& e);

// ---- implementation

namespace detail {

// {"detail", "detail_ko", "matched"}: how an action, resource or principal was matched.
template <class W>
void write_match(W& w, std::string_view key, bool matched, const std::string& detail, const std::string& detail_ko) {
    w.key(key);
    w.object(3);
    string_member(w, "detail", detail);
    string_member(w, "detail_ko", detail_ko);
    bool_member(w, "matched", matched);
}

template <class W>
void write_condition(W& w, const ConditionCheck& c) {
    w.object((c.key_present ? 7 : 6) + (c.resolved_values.empty() ? 0 : 1));
    string_member(w, "key", c.key);
    bool_member(w, "key_present", c.key_present);
    bool_member(w, "matched", c.matched);
    string_member(w, "operator", c.op);
    string_member(w, "path", c.path);
    if (c.key_present && !c.multivalued) {
        string_member(w, "request_value",
                      c.request_values.empty() ? std::string_view() : std::string_view(c.request_values.front()));
    } else if (c.key_present) {
        w.key("request_values");
        write_strings(w, c.request_values);
    }
    w.key("values");
    write_strings(w, c.policy_values);
    if (!c.resolved_values.empty()) {  // after "values": the writer takes keys in sorted order
        w.key("values_in_request");
        write_strings(w, c.resolved_values);
    }
}

template <class W>
void write_statement(W& w, const StatementCheck& s) {
    const bool conditions = !s.conditions.empty();
    w.object(5 + (conditions ? 2 : 0) + (s.principal_checked ? 1 : 0) + (s.sid.empty() ? 0 : 1));
    write_match(w, "action", s.action_matched, s.action_detail, s.action_detail_ko);
    bool_member(w, "applies", s.applies);
    if (conditions) {
        w.key("conditions");
        w.array(s.conditions.size());
        for (const auto& c : s.conditions) write_condition(w, c);
        bool_member(w, "conditions_matched", s.conditions_matched);
    }
    string_member(w, "effect", to_string(s.effect));
    string_member(w, "path", s.path);
    if (s.principal_checked) write_match(w, "principal", s.principal_matched, s.principal_detail, s.principal_detail_ko);
    write_match(w, "resource", s.resource_matched, s.resource_detail, s.resource_detail_ko);
    if (!s.sid.empty()) {
        string_member(w, "sid", s.sid);
    }
}

}  // namespace detail

template <class W>
void write_json(W& w, const Explanation& e) {
    w.object(4);
    w.key("policies");
    w.array(e.policies.size());
    for (const auto& p : e.policies) {
        w.object(p.level >= 0 ? 6 : 5);
        bool_member(w, "allows", p.allows);
        bool_member(w, "denies", p.denies);
        if (p.level >= 0) {
            w.key("level");
            w.integer(p.level);
        }
        string_member(w, "name", p.name);
        w.key("statements");
        w.array(p.statements.size());
        for (const auto& s : p.statements) detail::write_statement(w, s);
        string_member(w, "type", policy_type_name(p.kind));
    }
    w.key("steps");
    w.array(e.steps.size());
    for (const auto& s : e.steps) {
        w.object(4);
        string_member(w, "detail", s.detail);
        string_member(w, "detail_ko", s.detail_ko);
        string_member(w, "outcome", s.outcome);
        string_member(w, "step", s.name);
    }
    string_member(w, "summary", e.summary);
    string_member(w, "summary_ko", e.summary_ko);
}

}  // namespace stslab::iam
