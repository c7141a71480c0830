#include "iam/eval_request.hpp"

#include "iam/arn.hpp"

#include <algorithm>
#include <cctype>

namespace stslab::iam {
namespace {

using nlohmann::json;

const char* const kFields[] = {"id",
                               "principal",
                               "action",
                               "resource",
                               "resource_account",
                               "context",
                               "identity_policies",
                               "resource_policy",
                               "trust_policy",
                               "permissions_boundary",
                               "session_policy",
                               "scps",
                               "rcps",
                               "principal_in_management_account",
                               "resource_in_management_account"};

std::string string_field(const json& j, const char* name, bool required) {
    if (!j.contains(name)) {
        if (required) throw InvalidEvalRequest(std::string("missing required field \"") + name + "\"");
        return {};
    }
    if (!j[name].is_string()) throw InvalidEvalRequest(std::string(name) + ": expected a string");
    return j[name].get<std::string>();
}

bool bool_field(const json& j, const char* name) {
    if (!j.contains(name)) return false;
    if (!j[name].is_boolean()) throw InvalidEvalRequest(std::string(name) + ": expected true or false");
    return j[name].get<bool>();
}

const Policy* add_policy(EvalCase& c, json& doc, PolicyKind kind, const std::string& where) {
    try {
        if (doc.is_string()) {
            c.owned.push_back(compile_policy_text(doc.get<std::string>(), kind, where));
        } else {
            c.owned.push_back(compile_policy(std::move(doc), kind, where));
        }
    } catch (const MalformedPolicyDocument& e) {
        throw MalformedPolicyDocument(e.path().empty() ? where : where + "/" + e.path(), e.reason());
    }
    return &c.owned.back();
}

std::vector<const Policy*> policy_list(EvalCase& c, json& j, const char* name, PolicyKind kind,
                                       bool single_allowed) {
    std::vector<const Policy*> out;
    if (!j.contains(name)) return out;
    json& v = j[name];
    if (single_allowed && !v.is_array()) {
        out.push_back(add_policy(c, v, kind, name));
        return out;
    }
    if (!v.is_array()) throw InvalidEvalRequest(std::string(name) + ": expected an array of policies");
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(add_policy(c, v[i], kind, std::string(name) + "/" + std::to_string(i)));
    return out;
}

std::vector<std::vector<const Policy*>> policy_levels(EvalCase& c, json& j, const char* name, PolicyKind kind) {
    std::vector<std::vector<const Policy*>> out;
    if (!j.contains(name)) return out;
    json& v = j[name];
    if (!v.is_array()) throw InvalidEvalRequest(std::string(name) + ": expected an array of levels, each an array of policies");
    for (std::size_t level = 0; level < v.size(); ++level) {
        const std::string where = std::string(name) + "/" + std::to_string(level);
        if (!v[level].is_array()) throw InvalidEvalRequest(where + ": expected an array of policies");
        std::vector<const Policy*> policies;
        for (std::size_t i = 0; i < v[level].size(); ++i)
            policies.push_back(add_policy(c, v[level][i], kind, where + "/" + std::to_string(i)));
        out.push_back(std::move(policies));
    }
    return out;
}

std::string context_text(const json& v, const std::string& where) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number()) return v.dump();
    throw InvalidEvalRequest(where + ": a context value must be a string, number, boolean or an array of them");
}

bool is_assume_role_of_role(const Request& r) {
    std::string action = r.action;
    for (char& ch : action) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto arn = Arn::parse(r.resource);
    return action.rfind("sts:assumerole", 0) == 0 && arn && arn->service == "iam" &&
           arn->resource.rfind("role/", 0) == 0;
}

}  // namespace

void read_eval_request(json&& j, EvalCase& c) {
    if (!j.is_object()) throw InvalidEvalRequest("a request must be a JSON object");
    for (const auto& item : j.items()) {
        const std::string& key = item.key();
        if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields))
            throw InvalidEvalRequest("unknown field \"" + key + "\"");
    }
    if (j.contains("id")) c.id = j["id"];
    Request& r = c.request;

    if (!j.contains("principal")) throw InvalidEvalRequest("missing required field \"principal\"");
    const json& p = j["principal"];
    try {
        if (p.is_string()) {
            r.principal = Principal::from_arn(p.get<std::string>());
        } else if (p.is_object() && p.contains("arn") && p["arn"].is_string()) {
            r.principal = Principal::from_arn(p["arn"].get<std::string>());
            for (const auto& [key, value] : p.items()) {
                if (key == "arn") continue;
                if (!value.is_string() || (key != "role_arn" && key != "id"))
                    throw InvalidEvalRequest("principal/" + key + ": expected \"role_arn\" or \"id\" as a string");
                (key == "role_arn" ? r.principal.role_arn : r.principal.id) = value.get<std::string>();
            }
        } else {
            throw InvalidEvalRequest("principal: expected an ARN string or {\"arn\": ...}");
        }
    } catch (const InvalidEvalRequest&) {
        throw;
    } catch (const Error& e) {
        throw InvalidEvalRequest(std::string("principal: ") + e.what());
    }

    r.action = string_field(j, "action", true);
    r.resource = string_field(j, "resource", false);
    r.resource_account = string_field(j, "resource_account", false);
    if (r.resource_account.empty()) {
        const auto arn = Arn::parse(r.resource);
        r.resource_account = arn && is_account_id(arn->account) ? arn->account : r.principal.account;
    }

    if (j.contains("context")) {
        const json& ctx = j["context"];
        if (!ctx.is_object()) throw InvalidEvalRequest("context: expected an object of keys and values");
        for (const auto& [key, value] : ctx.items()) {
            const std::string where = "context/" + key;
            if (value.is_array()) {
                std::vector<std::string> values;
                for (const auto& v : value) values.push_back(context_text(v, where));
                r.context.set_multi(key, std::move(values));
            } else {
                r.context.set(key, context_text(value, where));
            }
        }
    }
    add_principal_keys(r.context, r.principal);

    PolicySet& ps = c.policies;
    ps.identity = policy_list(c, j, "identity_policies", PolicyKind::Identity, false);
    if (j.contains("resource_policy") && j.contains("trust_policy"))
        throw InvalidEvalRequest("give either \"resource_policy\" or \"trust_policy\", not both");
    if (j.contains("trust_policy")) ps.resource = add_policy(c, j["trust_policy"], PolicyKind::Trust, "trust_policy");
    if (j.contains("resource_policy"))
        ps.resource = add_policy(c, j["resource_policy"],
                                 is_assume_role_of_role(r) ? PolicyKind::Trust : PolicyKind::Resource, "resource_policy");
    if (j.contains("permissions_boundary"))
        ps.boundary = add_policy(c, j["permissions_boundary"], PolicyKind::Boundary, "permissions_boundary");
    ps.session = policy_list(c, j, "session_policy", PolicyKind::Session, true);
    ps.scps = policy_levels(c, j, "scps", PolicyKind::Scp);
    ps.rcps = policy_levels(c, j, "rcps", PolicyKind::Rcp);
    ps.principal_in_management_account = bool_field(j, "principal_in_management_account");
    ps.resource_in_management_account = bool_field(j, "resource_in_management_account");
}

json answer_eval_request(std::string_view text, bool explain) {
    json id;
    try {
        json j;
        try {
            j = json::parse(text.begin(), text.end());
        } catch (const json::parse_error& e) {
            throw InvalidEvalRequest("not valid JSON (at byte " + std::to_string(e.byte) + ")");
        }
        if (j.is_object() && j.contains("id")) id = j["id"];
        EvalCase c;
        read_eval_request(std::move(j), c);
        const Decision d = evaluate(c.request, c.policies, explain ? EvalDetail::Explain : EvalDetail::Matched);
        json out = json::object();
        if (!id.is_null()) out["id"] = id;
        out.update(to_json(d));
        return out;
    } catch (const MalformedPolicyDocument& e) {
        json out = json::object();
        if (!id.is_null()) out["id"] = id;
        out["error"] = {{"code", MalformedPolicyDocument::kCode}, {"message", e.what()}, {"path", e.path()}};
        return out;
    } catch (const InvalidEvalRequest& e) {
        json out = json::object();
        if (!id.is_null()) out["id"] = id;
        out["error"] = {{"code", InvalidEvalRequest::kCode}, {"message", e.what()}};
        return out;
    }
}

}  // namespace stslab::iam
