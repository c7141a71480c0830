#include "iam/explanation.hpp"

namespace stslab::iam {
namespace {

nlohmann::json to_json(const ConditionCheck& c) {
    nlohmann::json j = {{"path", c.path},       {"operator", c.op},       {"key", c.key},
                        {"values", c.policy_values}, {"key_present", c.key_present}, {"matched", c.matched}};
    if (c.key_present) {
        if (c.multivalued) {
            j["request_values"] = c.request_values;
        } else {
            j["request_value"] = c.request_values.empty() ? "" : c.request_values.front();
        }
    }
    return j;
}

nlohmann::json to_json(const StatementCheck& s) {
    nlohmann::json j = {{"path", s.path},
                        {"effect", to_string(s.effect)},
                        {"action", {{"matched", s.action_matched}, {"detail", s.action_detail}}},
                        {"resource", {{"matched", s.resource_matched}, {"detail", s.resource_detail}}},
                        {"applies", s.applies}};
    if (!s.sid.empty()) j["sid"] = s.sid;
    if (s.principal_checked) j["principal"] = {{"matched", s.principal_matched}, {"detail", s.principal_detail}};
    if (!s.conditions.empty()) {
        nlohmann::json conditions = nlohmann::json::array();
        for (const auto& c : s.conditions) conditions.push_back(to_json(c));
        j["conditions"] = std::move(conditions);
        j["conditions_matched"] = s.conditions_matched;
    }
    return j;
}

}  // namespace

nlohmann::json to_json(const Explanation& e) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : e.steps) steps.push_back({{"step", s.name}, {"outcome", s.outcome}, {"detail", s.detail}});
    nlohmann::json policies = nlohmann::json::array();
    for (const auto& p : e.policies) {
        nlohmann::json statements = nlohmann::json::array();
        for (const auto& s : p.statements) statements.push_back(to_json(s));
        // Members are moved in, not listed in an initializer (which would copy every statement's tree).
        nlohmann::json jp = {{"type", policy_type_name(p.kind)}, {"name", p.name}, {"allows", p.allows},
                             {"denies", p.denies}};
        jp["statements"] = std::move(statements);
        if (p.level >= 0) jp["level"] = p.level;
        policies.push_back(std::move(jp));
    }
    nlohmann::json out = {{"summary", e.summary}};
    out["steps"] = std::move(steps);
    out["policies"] = std::move(policies);
    return out;
}

}  // namespace stslab::iam
