// Helpers shared by the iam tests: policies from JSON text, request contexts from JSON text, one-line evaluation.
#pragma once

#include "iam/evaluate.hpp"
#include "iam/policy.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace stslab::iam::test {

// A request context from JSON text: {"key": "value", "multi": ["a", "b"]} (arrays are multivalued keys).
inline RequestContext context(const std::string& json_text) {
    RequestContext ctx;
    const nlohmann::json parsed = nlohmann::json::parse(json_text);
    for (const auto& [key, value] : parsed.items()) {
        if (value.is_array()) {
            ctx.set_multi(key, value.get<std::vector<std::string>>());
        } else {
            ctx.set(key, value.get<std::string>());
        }
    }
    return ctx;
}

// Whether a Condition block (JSON text) holds for a context (AND over all its conditions).
inline bool condition_holds(const std::string& block, const RequestContext& ctx,
                            const std::string& version = "2012-10-17") {
    const Policy p = compile_policy_text(R"({"Version":")" + version +
                                             R"(","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":)" +
                                             block + "}}",
                                         PolicyKind::Identity);
    for (const auto& c : p.statements.front().conditions)
        if (!condition_matches(c, ctx)) return false;
    return true;
}

// The message of the MalformedPolicyDocument a document gets, or "" when it compiles.
inline std::string malformed_message(const std::string& text, PolicyKind kind) {
    try {
        compile_policy_text(text, kind);
    } catch (const MalformedPolicyDocument& e) {
        return e.what();
    }
    return "";
}

// A request by `principal_arn` (add_principal_keys applied) for `action` on `resource`.
inline Request request(const std::string& principal_arn, const std::string& action, const std::string& resource,
                       const std::string& resource_account = "", const std::string& context_json = "{}") {
    Request r;
    r.principal = Principal::from_arn(principal_arn);
    r.action = action;
    r.resource = resource;
    r.resource_account = resource_account;
    r.context = context(context_json);
    add_principal_keys(r.context, r.principal);
    return r;
}

inline Policy policy(PolicyKind kind, const std::string& statements_json, const std::string& name = "") {
    return compile_policy_text(R"({"Version":"2012-10-17","Statement":)" + statements_json + "}", kind, name);
}

}  // namespace stslab::iam::test
