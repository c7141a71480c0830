#include "iam/eval_request.hpp"

#include "core/json_parse.hpp"
#include "core/rng.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "iam/arn.hpp"
#include "iam/json_access.hpp"
#include "iam/json_lite.hpp"
#include "iam/policy_lite.hpp"
#include "iam/wildcard.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <exception>
#include <utility>

namespace stslab::iam {
namespace {

using nlohmann::json;

constexpr std::string_view kFields[] = {"id", "principal", "action", "resource", "resource_account", "context",
                                        "identity_policies", "resource_policy", "trust_policy", "permissions_boundary",
                                        "session_policy", "scps", "rcps", "vpc_endpoint_policy",
                                        "principal_in_management_account", "resource_in_management_account"};

// Whether the question gives a field: a field written as null is one it leaves out (as a generator may write it).
template <class J>
bool has(const J& j, const char* name) {
    return j.contains(name) && !std::as_const(j)[name].is_null();
}

template <class J>
std::string string_field(const J& j, const char* name, bool required) {
    if (!has(j, name)) {
        if (required) throw InvalidEvalRequest(std::string("missing required field \"") + name + "\"");
        return {};
    }
    if (!j[name].is_string()) throw InvalidEvalRequest(std::string(name) + ": expected a string");
    return std::string(json_access::text(j[name]));
}

template <class J>
bool bool_field(const J& j, const char* name) {
    if (!has(j, name)) return false;
    if (!j[name].is_boolean()) throw InvalidEvalRequest(std::string(name) + ": expected true or false");
    return json_access::boolean(j[name]);
}

// Prefixes a policy's fault with its place in the request.
template <class Compile>
const Policy* add_compiled(EvalCase& c, const std::string& where, Compile compile) {
    try {
        c.owned.push_back(compile());
    } catch (const MalformedPolicyDocument& e) {
        throw MalformedPolicyDocument(e.path().empty() ? where : where + "/" + e.path(), e.reason());
    }
    return &c.owned.back();
}

const Policy* add_policy(EvalCase& c, json& doc, PolicyKind kind, const std::string& where, EvalBatch*) {
    return add_compiled(c, where, [&] {
        return doc.is_string() ? compile_policy_text(doc.get<std::string>(), kind, where)
                               : compile_policy(std::move(doc), kind, where);
    });
}

// A policy given as a JSON string that the lite reader does not accept: the request is answered by the
// nlohmann path instead (append_eval_answer).
struct NotLite : std::exception {
    const char* what() const noexcept override { return "not for the lite reader"; }
};

Policy compile_lite(const lite::Value& doc, PolicyKind kind, const std::string& where) {
    if (!doc.is_string()) return compile_policy_lite(doc, kind, where);
    thread_local lite::Document inner;
    if (!inner.parse(doc.str())) throw NotLite();
    return compile_policy_lite(inner.root(), kind, where);
}

}  // namespace

// EvalBatch's cache: a policy is known by its kind, its place in the request and its JSON text as written.
struct EvalBatchAccess {
    static const Policy* policy(EvalBatch& b, const lite::Value& doc, PolicyKind kind, const std::string& where) {
        std::string& key = b.key_;
        key.assign(1, static_cast<char>('0' + static_cast<int>(kind)));
        key += where;
        key += '\n';
        key += doc.raw();
        if (const auto it = b.policies_.find(key); it != b.policies_.end()) {
            ++b.reused_;
            return &it->second;
        }
        Policy compiled;
        try {
            compiled = compile_lite(doc, kind, where);
        } catch (const MalformedPolicyDocument& e) {
            throw MalformedPolicyDocument(e.path().empty() ? where : where + "/" + e.path(), e.reason());
        }
        ++b.compiled_;
        return &b.policies_.emplace(key, std::move(compiled)).first->second;
    }
};

namespace {

const Policy* add_policy(EvalCase& c, const lite::Value& doc, PolicyKind kind, const std::string& where,
                         EvalBatch* batch) {
    if (batch) return EvalBatchAccess::policy(*batch, doc, kind, where);
    return add_compiled(c, where, [&] { return compile_lite(doc, kind, where); });
}

template <class J>
std::vector<const Policy*> policy_list(EvalCase& c, J& j, const char* name, PolicyKind kind, EvalBatch* batch) {
    std::vector<const Policy*> out;
    if (!has(j, name)) return out;
    auto&& v = j[name];
    if (!v.is_array()) {  // one policy alone
        out.push_back(add_policy(c, v, kind, name, batch));
        return out;
    }
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        auto&& doc = v[i];
        out.push_back(add_policy(c, doc, kind, std::string(name) + "/" + std::to_string(i), batch));
    }
    return out;
}

template <class J>
std::vector<std::vector<const Policy*>> policy_levels(EvalCase& c, J& j, const char* name, PolicyKind kind,
                                                      EvalBatch* batch) {
    std::vector<std::vector<const Policy*>> out;
    if (!has(j, name)) return out;
    auto&& v = j[name];
    // A policy, or a list of policies, where levels are expected: one level holds them all, as when they are what
    // is attached to the account (a flat list read as levels would make each policy a level that must allow).
    bool flat = !v.is_array();
    if (!flat) {
        std::size_t lists = 0;
        for (std::size_t i = 0; i < v.size(); ++i) lists += v[i].is_array() ? 1 : 0;
        if (lists != 0 && lists != v.size())
            throw InvalidEvalRequest(std::string(name) + ": expected an array of levels, each an array of policies " +
                                     "(or one level's policies alone), not both");
        flat = v.size() != 0 && lists == 0;
    }
    if (flat) {
        out.push_back(policy_list(c, j, name, kind, batch));
        return out;
    }
    for (std::size_t level = 0; level < v.size(); ++level) {
        const std::string where = std::string(name) + "/" + std::to_string(level);
        auto&& policies_json = v[level];
        std::vector<const Policy*> policies;
        for (std::size_t i = 0; i < policies_json.size(); ++i) {
            auto&& doc = policies_json[i];
            policies.push_back(add_policy(c, doc, kind, where + "/" + std::to_string(i), batch));
        }
        out.push_back(std::move(policies));
    }
    return out;
}

template <class J>
std::string context_text(const J& v, std::string_view key) {
    if (v.is_string()) return std::string(json_access::text(v));
    if (v.is_boolean()) return json_access::boolean(v) ? "true" : "false";
    if (v.is_number()) return json_access::dump(v);
    throw InvalidEvalRequest("context/" + std::string(key) +
                             ": a context value must be a string, number, boolean or an array of them");
}

// aws:CurrentTime and aws:EpochTime are in every request AWS evaluates (reference_policies_condition-keys, for
// both: "This key is always included in the request context"). A request that gives one gets the other for the
// same instant; one that gives neither is evaluated now (the wall clock, read once per process, so that a batch
// is answered at one instant). A given key that is not a time leaves the other out.
void add_clock_keys(RequestContext& context) {
    const ContextEntry* current = context.get("aws:CurrentTime");
    const ContextEntry* epoch = context.get("aws:EpochTime");
    if (current != nullptr && epoch != nullptr) return;
    const auto seconds_of = [](EpochMs at) { return std::to_string((at - ((at % kSecond) + kSecond) % kSecond) / kSecond); };
    if (current == nullptr && epoch == nullptr) {
        static const EpochMs now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch()).count();
        static const std::string now_text = format_iso8601_seconds(now), now_seconds = seconds_of(now);
        context.set("aws:CurrentTime", now_text);
        context.set("aws:EpochTime", now_seconds);
        return;
    }
    // Only the missing key is written (this runs for every request `stslab eval` answers).
    const ContextEntry& given = current != nullptr ? *current : *epoch;
    if (given.multivalued || given.values.size() != 1) return;
    const std::string& text = given.values.front();
    try {
        if (current != nullptr) {
            context.set("aws:EpochTime", seconds_of(parse_iso8601(text)));
        } else if (!text.empty() && text.size() <= 12 &&
                   std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
            context.set("aws:CurrentTime", format_iso8601_seconds(std::stoll(text) * kSecond));
        }
    } catch (const Error&) {
        // a given key that is not a time leaves the other out
    }
}

// Whether the request is an STS action on an IAM role (sts:AssumeRole and its WithSAML and WithWebIdentity forms,
// sts:TagSession, sts:SetSourceIdentity): the resource-based policy that must allow it is the role's trust policy,
// a role's only one.
bool governed_by_trust(const Request& r) {
    std::array<std::string_view, 6> arn;
    return r.action.size() > 4 && glob::equal_lowered("sts:", std::string_view(r.action).substr(0, 4)) &&
           split_arn(r.resource, arn) && arn[0] == "arn" && !arn[1].empty() && arn[2] == "iam" &&
           starts_with(arn[5], "role/");
}

// The principal a question names. A role's ARN (arn:aws:iam::ACCT:role/NAME) stands for the role's sessions, as
// the IAM policy simulator simulates "a user, group, or role" (API_SimulatePrincipalPolicy, PolicySourceArn): the
// role's policies apply, aws:PrincipalArn is the role's ARN as a session's is, and a resource-based policy naming
// the role grants as it grants its sessions (limited by a boundary and a session policy).
Principal question_principal(std::string_view text) {
    std::array<std::string_view, 6> arn;
    // Other principals, nearly every question's, go straight to Principal::from_arn: one reading of the ARN.
    if (text.find(":role/") != std::string_view::npos && split_arn(text, arn) && arn[0] == "arn" && !arn[1].empty() &&
        arn[2] == "iam" && arn[3].empty() && is_account_id(arn[4]) && starts_with(arn[5], "role/") && arn[5].size() > 5 &&
        arn[5].back() != '/') {
        Principal p;
        p.type = PrincipalType::AssumedRole;
        p.arn = p.role_arn = std::string(text);
        p.account = std::string(arn[4]);
        return p;
    }
    return Principal::from_arn(text);
}

// Every signed request carries aws:userid: an IAM user's unique id, a role session's "ROLE-ID:SESSION"
// (reference_policies_variables, principal key values), which an ARN does not tell. A question that does not give the
// id (`principal.id`) gets a stand-in in IAM's form, "AIDA" or "AROA" and 17 capitals and digits, the same for every
// question about that user or role, so that the key is there for a policy that tests it (a StringNotLike "*:s1" that
// denies every other session, a Null check).
void give_unique_id(Principal& p) {
    const bool user = p.type == PrincipalType::IAMUser;
    const bool session = p.type == PrincipalType::AssumedRole && !p.name.empty() && !p.role_arn.empty();
    if (!p.id.empty() || (!user && !session)) return;
    Rng rng = Rng::from_text(user ? p.arn : p.role_arn);
    p.id = (user ? "AIDA" : "AROA") + rng.chars(Rng::kUpperDigits, 17) + (session ? ":" + p.name : "");
}

void set_id(EvalCase& c, const json& id) { c.id = id; }
void set_id(EvalCase& c, const lite::Value& id) { c.id = json::parse(id.raw()); }

// The request reader, for a nlohmann document (whose policies are moved out) or a lite one.
// With a batch, lite policies come from (and go to) its cache instead of `c.owned`.
template <class J>
void read_request(J& j, EvalCase& c, EvalBatch* batch = nullptr) {
    using json_access::text;
    if (!j.is_object()) throw InvalidEvalRequest("a request must be a JSON object");
    for (const auto& item : j.items()) {
        const std::string_view key = item.key();
        if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields))
            throw InvalidEvalRequest("unknown field \"" + std::string(key) + "\"" +
                                     suggestion(key, std::vector<std::string>(std::begin(kFields), std::end(kFields))));
    }
    if (j.contains("id")) set_id(c, j["id"]);
    Request& r = c.request;

    if (!j.contains("principal")) throw InvalidEvalRequest("missing required field \"principal\"");
    const auto& p = std::as_const(j)["principal"];
    try {
        if (p.is_string()) {
            r.principal = question_principal(text(p));
        } else if (p.is_object() && p.contains("arn") && p["arn"].is_string()) {
            r.principal = question_principal(text(p["arn"]));
            // role_arn: an assumed role's role; id: the unique id; issuer_arn: for a federated user, the IAM user
            // who called GetFederationToken (a resource policy naming that user names the session too).
            for (const auto& [key, value] : p.items()) {
                if (key == "arn") continue;
                if (!value.is_string() || (key != "role_arn" && key != "id" && key != "issuer_arn"))
                    throw InvalidEvalRequest("principal/" + std::string(key) +
                                             ": expected \"role_arn\", \"id\" or \"issuer_arn\" as a string");
                (key == "role_arn" ? r.principal.role_arn : key == "id" ? r.principal.id : r.principal.issuer_arn) =
                    std::string(text(value));
            }
            // A role session's aws:userid is its role's unique id and the session's name: "AROA...:s1"
            // (reference_policies_variables, principal key values); the role's id alone is completed.
            if (r.principal.type == PrincipalType::AssumedRole && !r.principal.id.empty() && !r.principal.name.empty() &&
                r.principal.id.find(':') == std::string::npos)
                r.principal.id += ":" + r.principal.name;
        } else {
            throw InvalidEvalRequest("principal: expected an ARN string or {\"arn\": ...}");
        }
    } catch (const InvalidEvalRequest&) {
        throw;
    } catch (const Error& e) {
        throw InvalidEvalRequest(std::string("principal: ") + e.what());
    }

    give_unique_id(r.principal);

    r.action = string_field(j, "action", true);
    // A web identity provider that is not an IAM OIDC provider ARN ("cognito-identity.amazonaws.com",
    // "accounts.google.com") reads like a service name; the caller of AssumeRoleWithWebIdentity is the provider's
    // user, whom a trust policy names as {"Federated": PROVIDER} (id_roles_providers_oidc, facts §6).
    if (r.principal.type == PrincipalType::Service && equal_ignoring_case(r.action, "sts:AssumeRoleWithWebIdentity"))
        r.principal.type = PrincipalType::WebIdentityUser;
    r.resource = string_field(j, "resource", false);
    r.resource_account = string_field(j, "resource_account", false);
    // The account that owns the resource, when the question says it or the ARN holds it, is aws:ResourceAccount as a
    // service would set it; otherwise the resource is taken to be the principal's own and the key is left out.
    const auto resource_arn = Arn::parse(r.resource);
    std::string owner = r.resource_account;
    if (owner.empty()) {
        if (resource_arn && is_account_id(resource_arn->account)) owner = resource_arn->account;
        r.resource_account = owner.empty() ? r.principal.account : owner;
    }

    if (has(j, "context")) {
        const auto& ctx = std::as_const(j)["context"];
        if (!ctx.is_object()) throw InvalidEvalRequest("context: expected an object of keys and values");
        r.context.reserve(ctx.size() + 6);  // and the principal's keys
        for (const auto& [key, value] : ctx.items()) {
            if (value.is_array()) {
                std::vector<std::string> values;
                values.reserve(value.size());
                for (std::size_t i = 0; i < value.size(); ++i) values.push_back(context_text(value[i], key));
                r.context.set_multi(key, std::move(values));
            } else {
                r.context.set(key, context_text(value, key));
            }
        }
    }
    add_principal_keys(r.context, r.principal);
    add_clock_keys(r.context);
    if (!owner.empty()) r.context.set_default("aws:ResourceAccount", owner);
    // A role session or a federated user calls with temporary credentials, whose requests carry
    // aws:MultiFactorAuthPresent: false unless the question says otherwise (reference_policies_condition-keys).
    // They also carry aws:TokenIssueTime: "If the user is using temporary credentials, then the key
    // aws:TokenIssueTime exists and has a value" (reference_policies_elements_condition_operators, Null). A question
    // that does not say when the credentials were issued gets the latest time they can have been: the request's own.
    if (r.principal.type == PrincipalType::AssumedRole || r.principal.type == PrincipalType::FederatedUser) {
        r.context.set_default("aws:MultiFactorAuthPresent", "false");
        const ContextEntry* now = r.context.get("aws:CurrentTime");
        if (now != nullptr && !now->multivalued && now->values.size() == 1)
            r.context.set_default("aws:TokenIssueTime", std::string(now->values.front()));
    }
    // Keys "always included in the request context" (reference_policies_condition-keys), as in every call of a
    // scenario: the request came over HTTPS, and no service made it on the principal's behalf.
    r.context.set_default("aws:SecureTransport", "true");
    r.context.set_default("aws:ViaAWSService", "false");
    // aws:RequestedRegion is "always included in the request context" too: the region the resource's ARN names, else
    // us-east-1, where a scenario's call goes when nothing names another (IAM's endpoint, a bucket of no stated region).
    const bool regional = resource_arn && !resource_arn->region.empty() &&
                          resource_arn->region.find_first_of("*?$") == std::string::npos;
    r.context.set_default("aws:RequestedRegion", regional ? resource_arn->region : std::string("us-east-1"));
    // An operation on a KMS key carries the caller's account (kms:CallerAccount, conditions-kms), as in a scenario.
    if (is_kms_key_arn(r.resource) && !r.principal.account.empty())
        r.context.set_default("kms:CallerAccount", r.principal.account);

    PolicySet& ps = c.policies;
    ps.identity = policy_list(c, j, "identity_policies", PolicyKind::Identity, batch);
    if (has(j, "resource_policy") && has(j, "trust_policy"))
        throw InvalidEvalRequest("give either \"resource_policy\" or \"trust_policy\", not both");
    if (has(j, "trust_policy")) {
        auto&& doc = j["trust_policy"];
        ps.resource = add_policy(c, doc, PolicyKind::Trust, "trust_policy", batch);
    }
    if (has(j, "resource_policy")) {
        auto&& doc = j["resource_policy"];
        ps.resource = add_policy(c, doc, governed_by_trust(r) ? PolicyKind::Trust : PolicyKind::Resource,
                                 "resource_policy", batch);
    }
    // A role always has a trust policy, and it must allow the request: a question that gives none is answered as
    // one that allows nobody, never by the identity-based policies alone (facts §3; reference_policies_evaluation-logic:
    // "IAM role trust policies and KMS key policies are exceptions to this logic, because they must explicitly allow
    // access for principals").
    ps.trust_not_given = !ps.resource && governed_by_trust(r);
    if (has(j, "permissions_boundary")) {
        auto&& doc = j["permissions_boundary"];
        ps.boundary = add_policy(c, doc, PolicyKind::Boundary, "permissions_boundary", batch);
    }
    ps.session = policy_list(c, j, "session_policy", PolicyKind::Session, batch);
    // A session policy is applied as the question gives it, whoever the principal: AWS passes one only when a role
    // session or a federated user is made (access_policies, "Session policies"), but the format page's own example
    // asks about an IAM user with one, and such a question describes a session of that user's.
    ps.scps = policy_levels(c, j, "scps", PolicyKind::Scp, batch);
    ps.rcps = policy_levels(c, j, "rcps", PolicyKind::Rcp, batch);
    // The request came through a VPC endpoint with this policy (an addition to the format's fields).
    if (has(j, "vpc_endpoint_policy")) {
        auto&& doc = j["vpc_endpoint_policy"];
        ps.endpoint = add_policy(c, doc, PolicyKind::Endpoint, "vpc_endpoint_policy", batch);
    }
    ps.principal_in_management_account = bool_field(j, "principal_in_management_account");
    ps.resource_in_management_account = bool_field(j, "resource_in_management_account");
}

// A JSON string as nlohmann::json::dump() writes it (no ensure_ascii: only `"`, `\` and control bytes are
// escaped, control bytes without a short form as \u00xx in lower-case hex).
void append_string(std::string& out, std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0;  // bytes that need no escape are appended a run at a time
    for (; plain < s.size(); ++plain) {
        const unsigned char c = static_cast<unsigned char>(s[plain]);
        if (c < 0x20 || c == '"' || c == '\\') break;
    }
    out.append(s.data(), plain);
    for (const char ch : s.substr(plain)) {
        const unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 0xF];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

// to_json(decision) with "id", as dump() prints it: members in nlohmann's (sorted) order, no spaces.
void append_answer(std::string& out, const json& id, const Decision& d) {
    out += "{\"decision\":";
    append_string(out, to_string(d.outcome));
    const bool denied = d.outcome != Outcome::Allow;
    out += ",\"denied_by\":";
    if (denied && d.decided_by) {
        append_string(out, policy_type_name(*d.decided_by));
    } else {
        out += "null";
    }
    if (d.explanation) {
        out += ",\"explanation\":";
        out += to_json(*d.explanation).dump();
    }
    if (!id.is_null()) {
        out += ",\"id\":";
        out += id.dump();
    }
    out += ",\"matched\":[";
    bool first = true;
    for (const auto& m : d.matched) {
        const Statement& st = m.policy->statements[m.statement];
        if (!first) out += ',';
        first = false;
        out += "{\"effect\":";
        append_string(out, to_string(st.effect));
        if (m.level >= 0) {
            out += ",\"level\":";
            out += std::to_string(m.level);
        }
        out += ",\"policy\":";
        append_string(out, m.policy->name);
        if (!st.sid.empty()) {
            out += ",\"sid\":";
            append_string(out, st.sid);
        }
        out += ",\"statement\":";
        append_string(out, st.path);
        out += ",\"type\":";
        append_string(out, policy_type_name(m.policy->kind));
        out += '}';
    }
    out += "],\"message\":";
    if (denied) {
        append_string(out, d.message);
    } else {
        out += "null";
    }
    out += '}';
}

}  // namespace

void read_eval_request(json&& j, EvalCase& c) { read_request(j, c); }

namespace {

bool append_answer(std::string_view text, bool explain, std::string& out, EvalBatch* batch, std::size_t line = 0) {
    thread_local lite::Document doc;
    if (doc.parse(text)) {
        try {
            EvalCase c;
            const lite::Value root = doc.root();
            read_request(root, c, batch);
            const Decision d = evaluate(c.request, c.policies, explain ? EvalDetail::Explain : EvalDetail::Matched);
            append_answer(out, c.id, d);
            return true;
        } catch (const std::exception&) {
            // Every fault (and text the lite reader leaves alone) is answered below, with nlohmann's exact words.
        }
    }
    json answer = answer_eval_request(text, explain);
    const bool answered = !answer.contains("error");
    if (!answered && line > 0) answer["error"]["line"] = line;
    out += answer.dump();
    return answered;
}

}  // namespace

bool append_eval_answer(std::string_view text, bool explain, std::string& out) {
    return append_answer(text, explain, out, nullptr);
}

bool EvalBatch::answer(std::string_view text, bool explain, std::string& out, std::size_t line) {
    if (policies_.size() >= kMaxPolicies) policies_.clear();  // between requests: no EvalCase points into it
    return append_answer(text, explain, out, this, line);
}

json answer_eval_request(std::string_view text, bool explain) {
    json id;
    try {
        json j;
        try {
            // A request file may carry // and /* */ comments, as a scenario may (scenario-format.md). Values nested
            // deeper than a scenario's may be are refused as they are read (core/json_parse.hpp).
            j = parse_json_bounded(text, /*ignore_comments=*/true);
        } catch (const JsonTooDeep& e) {
            throw InvalidEvalRequest(e.what());
        } catch (const json::parse_error& e) {
            // nlohmann counts the byte it stopped at from 1.
            const std::string_view before = text.substr(0, e.byte > 0 ? e.byte - 1 : 0);
            const std::size_t newline = before.rfind('\n');
            const auto line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
            const std::size_t column = 1 + utf8_length(newline == std::string_view::npos ? before : before.substr(newline + 1));
            // A one-line request (each of a batch's) has no line to name.
            const bool one_line = text.find('\n') == std::string_view::npos;
            // And what is there, as a scenario's syntax fault says it.
            const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
            throw InvalidEvalRequest("not valid JSON (at " + (one_line ? std::string() : "line " + std::to_string(line) + ", ") +
                                     "column " + std::to_string(column) + ", byte " + std::to_string(e.byte) + "): found " +
                                     (at < text.size() ? describe_character(text, at) : std::string("the end of the input")));
        } catch (const json::exception& e) {  // a number beyond a double's range (1e400)
            const std::string what = e.what();
            throw InvalidEvalRequest("not valid JSON: " + what.substr(what.find("] ") == std::string::npos ? 0 : what.find("] ") + 2));
        }
        if (j.is_object() && j.contains("id")) id = j["id"];
        if (const auto dup = json_access::first_duplicate_key(text)) {
            // In a policy, the policy is malformed; elsewhere the request is.
            const std::string_view top = std::string_view(dup->path).substr(0, dup->path.find('/'));
            for (const char* field : {"identity_policies", "resource_policy", "trust_policy", "permissions_boundary", "session_policy",
                                      "scps", "rcps", "vpc_endpoint_policy"})
                if (top == field) throw json_access::duplicate_key_fault(*dup);
            throw InvalidEvalRequest("the key \"" + dup->key + "\" appears twice in one object" +
                                     (dup->path.empty() ? std::string() : " at " + dup->path));
        }
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
        out["error"] = {{"code", MalformedPolicyDocument::kCode}, {"message", bounded_text(e.what())}, {"path", bounded_text(e.path())}};
        return out;
    } catch (const InvalidEvalRequest& e) {
        json out = json::object();
        if (!id.is_null()) out["id"] = id;
        out["error"] = {{"code", InvalidEvalRequest::kCode}, {"message", bounded_text(e.what())}};
        return out;
    }
}

}  // namespace stslab::iam
