#include "scenario/loader.hpp"

#include "aws/services.hpp"
#include "iam/arn.hpp"
#include "scenario/templates.hpp"

#include <fstream>
#include <set>
#include <sstream>

namespace stslab {

nlohmann::json LocalText::to_json() const { return {{"en", en}, {"ko", ko}}; }

const char* to_string(ActorKind kind) {
    switch (kind) {
        case ActorKind::User: return "user";
        case ActorKind::Deputy: return "deputy";
        case ActorKind::Attacker: return "attacker";
        case ActorKind::Service: return "service";
        case ActorKind::Idp: return "idp";
        case ActorKind::Broker: return "broker";
        case ActorKind::Anonymous: return "anonymous";
    }
    return "user";
}

namespace {

using nlohmann::json;
using Keys = std::vector<std::string>;

const char* type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "true or false";
        case json::value_t::null: return "null";
        case json::value_t::number_float: return "a number with a fraction";
        default: return "a number";
    }
}

std::string join(const Keys& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
}

bool is_color(const std::string& s) {
    return s.size() == 7 && s[0] == '#' && s.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
}

const std::set<std::string> kFederatedIssuers = {"cognito-identity.amazonaws.com", "accounts.google.com",
                                                 "www.amazon.com", "graph.facebook.com"};

class Loader {
public:
    Loader(const std::string& file, const SourceMap& positions) : d_(file, &positions) {}

    Scenario load(const json& root, const std::string& file);

private:
    // ---- generic checks ----
    void fault(const std::string& ptr, const std::string& message) { d_.add(ptr, message); }
    static std::string at(const std::string& ptr, const std::string& key) { return pointer_append(ptr, key); }

    // `j` must be an object with keys from `allowed`; false (after a fault) otherwise.
    bool object(const json& j, const std::string& ptr, const Keys& allowed) {
        if (!j.is_object()) {
            fault(ptr, std::string("expected an object, found ") + type_name(j));
            return false;
        }
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end()) continue;
            const std::string hint = did_you_mean(it.key(), allowed);
            fault(at(ptr, it.key()), "unknown key \"" + it.key() + "\"" +
                                         (hint.empty() ? " (expected one of: " + join(allowed) + ")" : hint));
        }
        return true;
    }
    // An object whose keys are names (any), each value checked by the caller.
    bool map(const json& j, const std::string& ptr) {
        if (j.is_object()) return true;
        fault(ptr, std::string("expected an object, found ") + type_name(j));
        return false;
    }
    const json* member(const json& obj, const char* key) {
        const auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }
    std::optional<std::string> string(const json& obj, const char* key, const std::string& ptr, bool required = false) {
        const json* v = member(obj, key);
        if (!v) {
            if (required) fault(ptr, std::string("missing \"") + key + "\" (a string)");
            return std::nullopt;
        }
        if (!v->is_string()) {
            fault(at(ptr, key), std::string("expected a string, found ") + type_name(*v));
            return std::nullopt;
        }
        return v->get<std::string>();
    }
    std::vector<std::string> strings(const json& obj, const char* key, const std::string& ptr) {
        std::vector<std::string> out;
        const json* v = member(obj, key);
        if (!v) return out;
        if (!v->is_array()) {
            fault(at(ptr, key), std::string("expected an array of strings, found ") + type_name(*v));
            return out;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            if ((*v)[i].is_string()) out.push_back((*v)[i].get<std::string>());
            else fault(at(at(ptr, key), std::to_string(i)), std::string("expected a string, found ") + type_name((*v)[i]));
        }
        return out;
    }
    aws::Tags tags(const json& obj, const std::string& ptr) {
        aws::Tags out;
        const json* v = member(obj, "tags");
        if (!v || !map(*v, at(ptr, "tags"))) return out;
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (it->is_string()) out[it.key()] = it->get<std::string>();
            else fault(at(at(ptr, "tags"), it.key()), std::string("expected a string, found ") + type_name(*it));
        }
        return out;
    }
    LocalText text(const json& obj, const char* key, const std::string& ptr) {
        LocalText t;
        const json* v = member(obj, key);
        if (!v) return t;
        const std::string p = at(ptr, key);
        if (v->is_string()) {
            t.en = v->get<std::string>();
        } else if (object(*v, p, {"en", "ko"})) {
            t.en = string(*v, "en", p).value_or("");
            t.ko = string(*v, "ko", p).value_or("");
        }
        return t;
    }

    // ---- policies ----
    std::optional<iam::Policy> policy(const json& doc, const std::string& ptr, iam::PolicyKind kind, const std::string& name) {
        try {
            iam::Policy p = iam::compile_policy(doc, kind, name);
            if (kind == iam::PolicyKind::Trust || kind == iam::PolicyKind::Resource) principals_exist(p, ptr);
            return p;
        } catch (const iam::MalformedPolicyDocument& e) {
            fault(e.path().empty() ? ptr : ptr + "/" + e.path(), "MalformedPolicyDocument: " + e.reason());
            return std::nullopt;
        }
    }
    void policy_map(const json& obj, const std::string& ptr, aws::PolicyMap& out) {
        const json* v = member(obj, "policies");
        if (!v || !map(*v, at(ptr, "policies"))) return;
        for (auto it = v->begin(); it != v->end(); ++it)
            if (auto p = policy(*it, at(at(ptr, "policies"), it.key()), iam::PolicyKind::Identity, it.key()))
                out[it.key()] = std::move(*p);
    }
    void principals_exist(const iam::Policy& p, const std::string& ptr);
    std::vector<std::string> attached(const json& obj, const std::string& ptr, const std::string& account);

    // ---- sections ----
    void declare_accounts(const json& accounts, const std::string& ptr);
    void fill_account(aws::Account& a, const json& j, const std::string& ptr);
    void organization(const json& j, const std::string& ptr);
    void actors(const json& j, const std::string& ptr);
    void steps(const json& j, const std::string& ptr);
    CallSpec call(const json& j, const std::string& ptr, bool in_handler);
    Expectation expectation(const json& j, const std::string& ptr, bool allow_then);
    void check_templates(const json& value, const std::string& ptr, bool allowed);

    Diagnostics d_;
    Scenario s_;
    std::set<std::string> saved_names_;  // every `save` of a step or handler, for `using`
};

void Loader::principals_exist(const iam::Policy& p, const std::string& ptr) {
    const aws::World& w = s_.world;
    for (const auto& st : p.statements) {
        for (const auto& e : st.principals.entries) {
            using K = iam::PrincipalEntry::Kind;
            const std::string where = ptr + "/" + st.path + "/Principal";
            auto account_known = [&] {
                if (w.accounts.count(e.account)) return true;
                Keys ids;
                for (const auto& [id, a] : w.accounts) ids.push_back(id);
                fault(where, (e.value == e.account ? std::string("the principal names account ")
                                                    : "the principal " + e.value + " names account ") +
                                 e.account + ", which is not in this scenario" + did_you_mean(e.account, ids));
                return false;
            };
            auto named = [&](const char* kind, bool exists, const Keys& candidates) {
                if (!exists) fault(where, std::string("there is no ") + kind + " " + e.value + " in this scenario" +
                                              did_you_mean(e.value, candidates));
            };
            if (e.kind == K::Account) {
                account_known();
            } else if (e.kind == K::User || e.kind == K::Role) {
                if (!account_known()) continue;
                Keys arns;
                const auto& a = w.accounts.at(e.account);
                if (e.kind == K::User) for (const auto& [n, u] : a.users) arns.push_back(u.arn);
                else for (const auto& [n, r] : a.roles) arns.push_back(r.arn);
                named(e.kind == K::User ? "user" : "role", std::find(arns.begin(), arns.end(), e.value) != arns.end(), arns);
            } else if (e.kind == K::RoleSession) {
                if (!account_known()) continue;
                // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION: the role must exist.
                const std::string rest = e.value.substr(e.value.find("assumed-role/") + 13);
                const std::string role = rest.substr(0, rest.find('/'));
                if (!w.accounts.at(e.account).roles.count(role))
                    fault(where, "the role session " + e.value + " is of a role " + role + " that is not in account " + e.account);
            } else if (e.kind == K::FederatedUser) {
                account_known();
            } else if (e.kind == K::Federated && !kFederatedIssuers.count(e.value)) {
                bool found = false;
                Keys arns;
                for (const auto& [id, a] : w.accounts) {
                    for (const auto& [n, sp] : a.saml_providers) arns.push_back(sp.arn);
                    for (const auto& [n, op] : a.oidc_providers) arns.push_back(op.arn);
                }
                found = std::find(arns.begin(), arns.end(), e.value) != arns.end();
                named("identity provider", found, arns);
            }
        }
    }
}

std::vector<std::string> Loader::attached(const json& obj, const std::string& ptr, const std::string& account) {
    std::vector<std::string> out = strings(obj, "attached", ptr);
    const aws::Account& a = s_.world.accounts.at(account);
    Keys arns;
    for (const auto& [n, m] : a.managed_policies) arns.push_back(m.arn);
    for (std::size_t i = 0; i < out.size(); ++i)
        if (std::find(arns.begin(), arns.end(), out[i]) == arns.end())
            fault(at(at(ptr, "attached"), std::to_string(i)),
                  "there is no customer managed policy " + out[i] + " in account " + account + did_you_mean(out[i], arns));
    return out;
}

// First pass: every account, user, group, role, managed policy and provider by name and ARN, so that policies can
// name principals that come later in the file.
void Loader::declare_accounts(const json& accounts, const std::string& ptr) {
    if (!map(accounts, ptr)) return;
    for (auto it = accounts.begin(); it != accounts.end(); ++it) {
        const std::string p = at(ptr, it.key());
        if (!iam::is_account_id(it.key())) {
            fault(p, "an account id is 12 digits, not \"" + it.key() + "\"");
            continue;
        }
        aws::Account& a = s_.world.accounts[it.key()];
        a.id = it.key();
        const json& j = *it;
        if (!object(j, p, {"alias", "color", "users", "groups", "roles", "policies", "saml_providers",
                           "oidc_providers", "buckets", "instances"}))
            continue;
        const std::string base = "arn:aws:iam::" + a.id + ":";
        auto path_of = [&](const json& e, const std::string& ep) {
            std::string path = e.is_object() ? string(e, "path", ep).value_or("/") : "/";
            if (path.empty() || path.front() != '/' || path.back() != '/') {
                fault(at(ep, "path"), "a path starts and ends with '/', like \"/division/\"");
                path = "/";
            }
            return path;
        };
        if (const json* users = member(j, "users"); users && map(*users, at(p, "users")))
            for (auto u = users->begin(); u != users->end(); ++u) {
                aws::User& user = a.users[u.key()];
                user.account = a.id;
                user.name = u.key();
                user.path = path_of(*u, at(at(p, "users"), u.key()));
                user.arn = base + "user" + user.path + user.name;
            }
        if (const json* groups = member(j, "groups"); groups && map(*groups, at(p, "groups")))
            for (auto g = groups->begin(); g != groups->end(); ++g) {
                aws::Group& group = a.groups[g.key()];
                group.account = a.id;
                group.name = g.key();
                group.arn = base + "group/" + group.name;
            }
        if (const json* roles = member(j, "roles"); roles && map(*roles, at(p, "roles")))
            for (auto r = roles->begin(); r != roles->end(); ++r) {
                aws::Role& role = a.roles[r.key()];
                role.account = a.id;
                role.name = r.key();
                role.path = path_of(*r, at(at(p, "roles"), r.key()));
                role.arn = base + "role" + role.path + role.name;
            }
        if (const json* saml = member(j, "saml_providers"); saml && map(*saml, at(p, "saml_providers")))
            for (auto sp = saml->begin(); sp != saml->end(); ++sp) {
                object(*sp, at(at(p, "saml_providers"), sp.key()), {});
                a.saml_providers[sp.key()].arn = base + "saml-provider/" + sp.key();
            }
        if (const json* oidc = member(j, "oidc_providers"); oidc && map(*oidc, at(p, "oidc_providers")))
            for (auto op = oidc->begin(); op != oidc->end(); ++op) {
                const std::string opp = at(at(p, "oidc_providers"), op.key());
                aws::OidcProvider& prov = a.oidc_providers[op.key()];
                prov.host = op.key();
                prov.arn = base + "oidc-provider/" + op.key();
                if (object(*op, opp, {"client_ids"})) prov.client_ids = strings(*op, "client_ids", opp);
            }
        if (const json* mp = member(j, "policies"); mp && map(*mp, at(p, "policies")))
            for (auto m = mp->begin(); m != mp->end(); ++m) {
                aws::ManagedPolicy& managed = a.managed_policies[m.key()];
                managed.account = a.id;
                managed.name = m.key();
                managed.arn = base + "policy/" + m.key();
            }
    }
}

void Loader::fill_account(aws::Account& a, const json& j, const std::string& p) {
    a.alias = string(j, "alias", p).value_or("");
    a.color = string(j, "color", p).value_or("");
    if (!a.color.empty() && !is_color(a.color)) fault(at(p, "color"), "a colour is written \"#rrggbb\", not \"" + a.color + "\"");
    if (const json* mp = member(j, "policies"); mp && mp->is_object())
        for (auto m = mp->begin(); m != mp->end(); ++m)
            if (auto pol = policy(*m, at(at(p, "policies"), m.key()), iam::PolicyKind::Identity, m.key()))
                a.managed_policies[m.key()].policy = std::move(*pol);
    if (const json* users = member(j, "users"); users && users->is_object())
        for (auto u = users->begin(); u != users->end(); ++u) {
            const std::string up = at(at(p, "users"), u.key());
            aws::User& user = a.users.at(u.key());
            if (!object(*u, up, {"groups", "policies", "attached", "boundary", "mfa", "tags", "path"})) continue;
            user.groups = strings(*u, "groups", up);
            Keys group_names;
            for (const auto& [n, g] : a.groups) group_names.push_back(n);
            for (std::size_t i = 0; i < user.groups.size(); ++i)
                if (!a.groups.count(user.groups[i]))
                    fault(at(at(up, "groups"), std::to_string(i)), "there is no group \"" + user.groups[i] +
                                                                        "\" in account " + a.id + did_you_mean(user.groups[i], group_names));
            policy_map(*u, up, user.policies);
            user.attached = attached(*u, up, a.id);
            if (const json* b = member(*u, "boundary"))
                user.boundary = policy(*b, at(up, "boundary"), iam::PolicyKind::Boundary, "boundary of " + user.name);
            if (const json* mfa = member(*u, "mfa")) {
                const std::string serial = "arn:aws:iam::" + a.id + ":mfa/" + user.name;
                if (mfa->is_boolean()) {
                    if (mfa->get<bool>()) user.mfa = aws::MfaDevice{serial, "123456"};
                } else if (object(*mfa, at(up, "mfa"), {"code"})) {
                    const std::string code = string(*mfa, "code", at(up, "mfa")).value_or("123456");
                    if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos)
                        fault(at(at(up, "mfa"), "code"), "an MFA code is 6 digits, not \"" + code + "\"");
                    user.mfa = aws::MfaDevice{serial, code};
                }
            }
            user.tags = tags(*u, up);
        }
    if (const json* groups = member(j, "groups"); groups && groups->is_object())
        for (auto g = groups->begin(); g != groups->end(); ++g) {
            const std::string gp = at(at(p, "groups"), g.key());
            if (!object(*g, gp, {"policies", "attached"})) continue;
            policy_map(*g, gp, a.groups.at(g.key()).policies);
            a.groups.at(g.key()).attached = attached(*g, gp, a.id);
        }
    if (const json* roles = member(j, "roles"); roles && roles->is_object())
        for (auto r = roles->begin(); r != roles->end(); ++r) {
            const std::string rp = at(at(p, "roles"), r.key());
            aws::Role& role = a.roles.at(r.key());
            if (!object(*r, rp, {"trust", "policies", "attached", "boundary", "max_session_duration", "tags", "path"})) continue;
            if (const json* t = member(*r, "trust")) {
                if (auto pol = policy(*t, at(rp, "trust"), iam::PolicyKind::Trust, "trust policy of " + role.name))
                    role.trust = std::move(*pol);
            } else {
                fault(rp, "missing \"trust\": every role needs a trust policy saying who may assume it");
            }
            policy_map(*r, rp, role.policies);
            role.attached = attached(*r, rp, a.id);
            if (const json* b = member(*r, "boundary"))
                role.boundary = policy(*b, at(rp, "boundary"), iam::PolicyKind::Boundary, "boundary of " + role.name);
            if (const json* m = member(*r, "max_session_duration")) {
                if (!m->is_number_integer() || m->get<std::int64_t>() < 3600 || m->get<std::int64_t>() > 43200)
                    fault(at(rp, "max_session_duration"),
                          "max_session_duration is a whole number of seconds from 3600 (1 hour) to 43200 (12 hours), not " + m->dump());
                else
                    role.max_session_duration = m->get<std::int64_t>();
            }
            role.tags = tags(*r, rp);
        }
    if (const json* buckets = member(j, "buckets"); buckets && map(*buckets, at(p, "buckets")))
        for (auto b = buckets->begin(); b != buckets->end(); ++b) {
            const std::string bp = at(at(p, "buckets"), b.key());
            if (s_.world.buckets.count(b.key())) {
                fault(bp, "a bucket named \"" + b.key() + "\" already exists in account " +
                              s_.world.buckets.at(b.key()).account + ": bucket names are global");
                continue;
            }
            aws::Bucket& bucket = s_.world.buckets[b.key()];
            bucket.account = a.id;
            bucket.name = b.key();
            if (!object(*b, bp, {"policy", "objects"})) continue;
            if (const json* pol = member(*b, "policy"))
                bucket.policy = policy(*pol, at(bp, "policy"), iam::PolicyKind::Resource, "bucket policy of " + bucket.name);
            if (const json* objects = member(*b, "objects"); objects && map(*objects, at(bp, "objects")))
                for (auto o = objects->begin(); o != objects->end(); ++o) {
                    if (o->is_string()) bucket.objects[o.key()] = o->get<std::string>();
                    else fault(at(at(bp, "objects"), o.key()), std::string("an object's content is a string, found ") + type_name(*o));
                }
        }
    if (const json* instances = member(j, "instances"); instances && map(*instances, at(p, "instances")))
        for (auto i = instances->begin(); i != instances->end(); ++i) {
            const std::string ip = at(at(p, "instances"), i.key());
            aws::Instance& inst = s_.world.instances[i.key()];
            inst.account = a.id;
            inst.id = i.key();
            if (!object(*i, ip, {"region", "state", "tags"})) continue;
            inst.region = string(*i, "region", ip).value_or("us-east-1");
            inst.state = string(*i, "state", ip).value_or("running");
            if (inst.state != "running" && inst.state != "stopped" && inst.state != "terminated")
                fault(at(ip, "state"), "an instance's state is running, stopped or terminated, not \"" + inst.state + "\"");
            inst.tags = tags(*i, ip);
        }
}

void Loader::organization(const json& j, const std::string& p) {
    if (!object(j, p, {"management", "accounts", "scps", "rcps", "full_aws_access"})) return;
    aws::Organization org;
    Keys ids;
    for (const auto& [id, a] : s_.world.accounts) ids.push_back(id);
    auto known = [&](const std::string& id, const std::string& ptr) {
        if (s_.world.accounts.count(id)) return true;
        fault(ptr, "account \"" + id + "\" is not in this scenario" + did_you_mean(id, ids));
        return false;
    };
    org.management = string(j, "management", p, true).value_or("");
    if (!org.management.empty()) known(org.management, at(p, "management"));
    const auto members = strings(j, "accounts", p);
    for (std::size_t i = 0; i < members.size(); ++i)
        if (known(members[i], at(at(p, "accounts"), std::to_string(i)))) org.accounts.insert(members[i]);
    if (!org.management.empty()) org.accounts.insert(org.management);
    if (const json* f = member(j, "full_aws_access")) {
        if (f->is_boolean()) org.full_aws_access = f->get<bool>();
        else fault(at(p, "full_aws_access"), std::string("expected true or false, found ") + type_name(*f));
    }
    // A stable organization id derived from the management account (no randomness in loading).
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : org.management) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    org.id = "o-";
    for (int i = 0; i < 10; ++i, h /= 36) org.id += "0123456789abcdefghijklmnopqrstuvwxyz"[h % 36];
    org.full_aws_access_policy = iam::compile_policy(
        json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"),
        iam::PolicyKind::Scp, "FullAWSAccess");
    org.full_aws_access_rcp = iam::compile_policy(
        json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})"),
        iam::PolicyKind::Rcp, "RCPFullAWSAccess");
    for (const char* key : {"scps", "rcps"}) {
        const json* list = member(j, key);
        if (!list) continue;
        const std::string lp = at(p, key);
        if (!list->is_array()) {
            fault(lp, std::string("expected an array, found ") + type_name(*list));
            continue;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string ep = at(lp, std::to_string(i));
            const json& e = (*list)[i];
            if (!object(e, ep, {"name", "targets", "policy"})) continue;
            aws::Scp scp;
            scp.name = string(e, "name", ep, true).value_or("");
            if (const json* t = member(e, "targets"); t && t->is_string() && t->get<std::string>() == "root") {
                scp.targets = {"root"};
            } else {
                scp.targets = strings(e, "targets", ep);
                for (std::size_t k = 0; k < scp.targets.size(); ++k)
                    if (scp.targets[k] != "root" && known(scp.targets[k], at(at(ep, "targets"), std::to_string(k))) &&
                        !org.accounts.count(scp.targets[k]))
                        fault(at(at(ep, "targets"), std::to_string(k)),
                              "account " + scp.targets[k] + " is not a member of the organization");
            }
            const json* pol = member(e, "policy");
            if (!pol) {
                fault(ep, "missing \"policy\"");
                continue;
            }
            auto compiled = policy(*pol, at(ep, "policy"), key[0] == 's' ? iam::PolicyKind::Scp : iam::PolicyKind::Rcp, scp.name);
            if (!compiled) continue;
            scp.policy = std::move(*compiled);
            (key[0] == 's' ? org.scps : org.rcps).push_back(std::move(scp));
        }
    }
    s_.world.organization = std::move(org);
}

Expectation Loader::expectation(const json& j, const std::string& p, bool allow_then) {
    Expectation e;
    e.source = j;
    if (j.is_string()) {
        const std::string v = j.get<std::string>();
        if (v == "allow") e.kind = Expectation::Kind::Allow;
        else if (v == "deny") e.kind = Expectation::Kind::Deny;
        else fault(p, "expect is \"allow\", \"deny\", or an object like {\"error\": \"AccessDenied\"}, not \"" + v + "\"");
        return e;
    }
    if (!object(j, p, allow_then ? Keys{"error", "message_contains", "fields", "then"}
                                 : Keys{"error", "message_contains", "fields"}))
        return e;
    if (const auto err = string(j, "error", p)) {
        e.kind = Expectation::Kind::Error;
        e.error = *err;
    }
    e.message_contains = string(j, "message_contains", p).value_or("");
    if (const json* f = member(j, "fields"); f && map(*f, at(p, "fields"))) {
        if (!e.error.empty()) fault(at(p, "fields"), "\"fields\" describe a successful answer and cannot go with \"error\"");
        for (auto it = f->begin(); it != f->end(); ++it) e.fields[it.key()] = *it;
        e.kind = Expectation::Kind::Allow;
    }
    if (!e.message_contains.empty() && e.error.empty())
        fault(at(p, "message_contains"), "\"message_contains\" needs \"error\" (the error whose message it checks)");
    if (const json* then = member(j, "then")) {
        if (!then->is_array()) {
            fault(at(p, "then"), std::string("expected an array of expectations, found ") + type_name(*then));
        } else {
            for (std::size_t i = 0; i < then->size(); ++i)
                e.then.push_back(expectation((*then)[i], at(at(p, "then"), std::to_string(i)), false));
        }
    }
    if (e.kind == Expectation::Kind::None && e.then.empty()) fault(p, "an empty expectation: give \"error\", \"fields\" or \"then\"");
    return e;
}

void Loader::check_templates(const json& value, const std::string& p, bool allowed) {
    if (value.is_string()) {
        const std::string& s = value.get_ref<const std::string&>();
        if (!has_template(s)) return;
        // IAM policy variables like ${aws:username} are the policy's business, not templates.
        const std::string problem = check_template_syntax(s);
        if (!problem.empty()) {
            fault(p, problem);
            return;
        }
        if (!allowed && s.find("${message") != std::string::npos)
            fault(p, "templates like ${message...} work only inside an actor's handlers (\"on\"), not in steps");
    } else if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) check_templates(*it, at(p, it.key()), allowed);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) check_templates(value[i], at(p, std::to_string(i)), allowed);
    }
}

CallSpec Loader::call(const json& j, const std::string& p, bool in_handler) {
    CallSpec c;
    c.pointer = p;
    Keys keys = {"call", "params", "resource", "using", "save", "to", "message", "context", "expect", "say"};
    if (!in_handler) keys.insert(keys.begin(), {"id", "at", "actor"});
    if (!object(j, p, keys)) return c;
    c.call = string(j, "call", p, true).value_or("");
    const bool is_send = c.call == "send";
    if (!c.call.empty() && !is_send && c.call != "idp:Authenticate" && !aws::known_operation(c.call)) {
        Keys known = {"send", "idp:Authenticate", "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
                      "sts:GetSessionToken", "sts:GetFederationToken", "sts:GetCallerIdentity", "iam:PutRolePolicy",
                      "iam:DeleteRolePolicy", "iam:PutUserPolicy", "iam:DeleteUserPolicy", "iam:UpdateAssumeRolePolicy",
                      "iam:AttachRolePolicy", "iam:DetachRolePolicy", "console:RevokeActiveSessions", "s3:GetObject",
                      "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "ec2:DescribeInstances", "ec2:StopInstances",
                      "ec2:TerminateInstances"};
        const std::string hint = did_you_mean(c.call, known);
        fault(at(p, "call"), "unknown call \"" + c.call + "\"" + (hint.empty() ? " (expected one of: " + join(known) + ")" : hint));
    }
    if (const json* params = member(j, "params")) {
        if (params->is_object()) c.params = *params;
        else fault(at(p, "params"), std::string("expected an object of the operation's parameters, found ") + type_name(*params));
    }
    c.resource = string(j, "resource", p).value_or("");
    c.using_ = string(j, "using", p).value_or("");
    c.save = string(j, "save", p).value_or("");
    c.to = string(j, "to", p).value_or("");
    if (const json* m = member(j, "message")) c.message = *m;
    if (const json* ctx = member(j, "context"); ctx && map(*ctx, at(p, "context"))) {
        for (auto it = ctx->begin(); it != ctx->end(); ++it) {
            const bool ok = it->is_string() || (it->is_array() && std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_string(); }));
            if (!ok) fault(at(at(p, "context"), it.key()), "a context value is a string or an array of strings");
        }
        c.context = *ctx;
    }
    if (const json* e = member(j, "expect")) c.expect = expectation(*e, at(p, "expect"), is_send);
    c.say = text(j, "say", p);
    const bool resource_action = c.call.rfind("s3:", 0) == 0 || (c.call.rfind("ec2:", 0) == 0 && c.call != "ec2:DescribeInstances" &&
                                                                 !(c.params.is_object() && c.params.contains("InstanceIds")));
    if (resource_action && c.resource.empty())
        fault(p, "missing \"resource\": " + c.call + " acts on a resource (an ARN like arn:aws:s3:::bucket/key)");
    if (is_send) {
        if (c.to.empty()) fault(p, "missing \"to\": a send needs the actor that receives the message");
        if (!member(j, "message")) fault(p, "missing \"message\": a send carries a message (any JSON)");
    } else {
        for (const char* k : {"to", "message"})
            if (member(j, k)) fault(at(p, k), std::string("\"") + k + "\" belongs only to \"call\": \"send\"");
    }
    if (!in_handler && !c.to.empty() && !s_.actors.count(c.to) && !has_template(c.to)) {
        Keys names;
        for (const auto& [n, a] : s_.actors) names.push_back(n);
        fault(at(p, "to"), "there is no actor \"" + c.to + "\"" + did_you_mean(c.to, names));
    }
    for (const char* k : {"params", "resource", "using", "to", "message", "context", "say"})
        if (const json* v = member(j, k)) check_templates(*v, at(p, k), in_handler);
    return c;
}

void Loader::actors(const json& j, const std::string& p) {
    if (!map(j, p)) return;
    // Names first, so handlers and steps can refer to any actor.
    for (auto it = j.begin(); it != j.end(); ++it) s_.actors[it.key()].name = it.key();
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string ap = at(p, it.key());
        ActorSpec& a = s_.actors[it.key()];
        if (!object(*it, ap, {"principal", "kind", "color", "vars", "on"})) continue;
        const std::string kind = string(*it, "kind", ap).value_or("user");
        const std::vector<std::pair<const char*, ActorKind>> kinds = {
            {"user", ActorKind::User}, {"deputy", ActorKind::Deputy}, {"attacker", ActorKind::Attacker},
            {"service", ActorKind::Service}, {"idp", ActorKind::Idp}, {"broker", ActorKind::Broker},
            {"anonymous", ActorKind::Anonymous}};
        bool kind_ok = false;
        for (const auto& [name, k] : kinds)
            if (kind == name) {
                a.kind = k;
                kind_ok = true;
            }
        if (!kind_ok) {
            Keys names;
            for (const auto& [name, k] : kinds) names.push_back(name);
            fault(at(ap, "kind"), "unknown actor kind \"" + kind + "\"" + did_you_mean(kind, names) + " (expected one of: " + join(names) + ")");
        }
        a.color = string(*it, "color", ap).value_or("");
        if (!a.color.empty() && !is_color(a.color)) fault(at(ap, "color"), "a colour is written \"#rrggbb\", not \"" + a.color + "\"");
        if (const auto principal = string(*it, "principal", ap)) {
            a.principal = *principal;
            const auto arn = iam::Arn::parse(*principal);
            const bool root = arn && arn->service == "iam" && arn->resource == "root";
            if (root) {
                if (!s_.world.accounts.count(arn->account))
                    fault(at(ap, "principal"), "account " + arn->account + " is not in this scenario");
            } else if (!s_.world.user(*principal)) {
                Keys users;
                for (const auto& [id, acct] : s_.world.accounts)
                    for (const auto& [n, u] : acct.users) users.push_back(u.arn);
                fault(at(ap, "principal"), "an actor acts as an IAM user or an account's root user; there is no user " +
                                               *principal + " in this scenario" + did_you_mean(*principal, users));
            }
        } else if (kind_ok && (a.kind != ActorKind::Anonymous && a.kind != ActorKind::Idp && a.kind != ActorKind::Broker)) {
            fault(ap, "missing \"principal\": the ARN of the IAM user (or arn:aws:iam::ACCOUNT:root) this actor acts as, "
                      "or \"kind\": \"anonymous\" for an actor with no AWS credentials");
        }
        if (const json* vars = member(*it, "vars")) {
            if (vars->is_object()) a.vars = *vars;
            else fault(at(ap, "vars"), std::string("expected an object of the actor's variables, found ") + type_name(*vars));
        }
        if (const json* on = member(*it, "on"); on && map(*on, at(ap, "on"))) {
            for (auto h = on->begin(); h != on->end(); ++h) {
                const std::string hp = at(at(ap, "on"), h.key());
                Handler handler;
                handler.on = h.key();
                if (!h->is_array()) {
                    fault(hp, std::string("a handler is an array of actions, found ") + type_name(*h));
                    continue;
                }
                for (std::size_t i = 0; i < h->size(); ++i) {
                    handler.actions.push_back(call((*h)[i], at(hp, std::to_string(i)), true));
                    if (!handler.actions.back().save.empty()) saved_names_.insert(handler.actions.back().save);
                }
                a.handlers.push_back(std::move(handler));
            }
        }
    }
}

void Loader::steps(const json& j, const std::string& p) {
    if (!j.is_array()) {
        fault(p, std::string("expected an array of steps, found ") + type_name(j));
        return;
    }
    SimTime previous = 0;
    std::set<std::string> ids;
    std::set<std::string> saved = saved_names_;  // handler saves may happen at any time
    Keys actor_names;
    for (const auto& [n, a] : s_.actors) actor_names.push_back(n);
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string sp = at(p, std::to_string(i));
        const json& e = j[i];
        Step step;
        step.spec = call(e, sp, false);
        if (!e.is_object()) continue;
        step.id = string(e, "id", sp).value_or("step-" + std::to_string(i + 1));
        if (!ids.insert(step.id).second) fault(at(sp, "id"), "another step already has the id \"" + step.id + "\"");
        const json* at_value = member(e, "at");
        try {
            if (!at_value) step.at = previous + kSecond;
            else if (at_value->is_string()) step.at = parse_at(at_value->get<std::string>(), s_.start, previous);
            else if (at_value->is_number() && at_value->get<double>() >= 0 && at_value->get<double>() < 1e12)
                step.at = static_cast<SimTime>(at_value->get<double>() * kSecond);
            else throw Error("expected \"+DURATION\", seconds from the start, or an ISO time, found " + at_value->dump());
        } catch (const Error& err) {
            fault(at(sp, "at"), err.what());
            step.at = previous;
        }
        if (step.at < previous)
            fault(at(sp, "at"), "this step is at " + format_offset(step.at) + ", before the previous step (" +
                                    format_offset(previous) + "): steps never go back in time");
        previous = std::max(previous, step.at);
        step.actor = string(e, "actor", sp, true).value_or("");
        if (!step.actor.empty() && !s_.actors.count(step.actor))
            fault(at(sp, "actor"), "there is no actor \"" + step.actor + "\"" + did_you_mean(step.actor, actor_names));
        if (!step.spec.using_.empty() && !saved.count(step.spec.using_)) {
            Keys names(saved.begin(), saved.end());
            fault(at(sp, "using"), "no earlier step saves credentials as \"" + step.spec.using_ + "\"" +
                                       did_you_mean(step.spec.using_, names));
        }
        if (!step.spec.save.empty()) saved.insert(step.spec.save);
        s_.steps.push_back(std::move(step));
    }
}

Scenario Loader::load(const json& root, const std::string& file) {
    s_.file = file;
    std::string stem = file.substr(file.find_last_of('/') + 1);
    if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0) stem.resize(stem.size() - 5);
    s_.id = stem;
    s_.start = parse_iso8601("2026-01-01T00:00:00Z");
    if (!object(root, "", {"stslab", "id", "title", "description", "start", "seed", "latency", "organization",
                           "accounts", "actors", "steps"}))
        throw ScenarioError(d_.faults());
    const json* version = member(root, "stslab");
    if (!version) fault("", "missing \"stslab\": 1 (the format version) at the top level");
    else if (*version != 1) fault("/stslab", "this is format version 1: \"stslab\" must be 1, not " + version->dump());
    s_.id = string(root, "id", "").value_or(s_.id);
    s_.title = text(root, "title", "");
    s_.description = text(root, "description", "");
    if (const auto start = string(root, "start", "")) {
        try {
            s_.start = parse_iso8601(*start);
        } catch (const Error& e) {
            fault("/start", e.what());
        }
    }
    if (const json* seed = member(root, "seed")) {
        if (seed->is_number_unsigned() || (seed->is_number_integer() && seed->get<std::int64_t>() >= 0)) s_.seed = seed->get<std::uint64_t>();
        else fault("/seed", std::string("the seed is a whole number from 0, found ") + (seed->is_number() ? seed->dump() : type_name(*seed)));
    }
    if (const auto latency = string(root, "latency", "")) {
        try {
            s_.latency = parse_duration(*latency);
        } catch (const Error& e) {
            fault("/latency", e.what());
        }
    }
    const json* accounts = member(root, "accounts");
    if (!accounts) fault("", "missing \"accounts\": the AWS accounts of the world");
    else declare_accounts(*accounts, "/accounts");
    if (accounts && accounts->is_object())
        for (auto it = accounts->begin(); it != accounts->end(); ++it)
            if (s_.world.accounts.count(it.key()) && it->is_object())
                fill_account(s_.world.accounts.at(it.key()), *it, at("/accounts", it.key()));
    if (const json* org = member(root, "organization")) organization(*org, "/organization");
    if (const json* a = member(root, "actors")) actors(*a, "/actors");
    if (const json* st = member(root, "steps")) steps(*st, "/steps");
    if (!d_.empty()) throw ScenarioError(d_.faults());
    return std::move(s_);
}

}  // namespace

Scenario load_scenario_text(std::string_view text, const std::string& file) {
    ParsedJson parsed;
    try {
        parsed = parse_jsonc(text, file);
    } catch (const JsonSyntaxError& e) {
        throw ScenarioError({Fault{file, e.pos(), "", e.reason()}});
    }
    Loader loader(file, parsed.positions);
    return loader.load(parsed.value, file);
}

Scenario load_scenario_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError({Fault{path, SourcePos{}, "", "cannot open the file (does it exist, and may it be read?)"}});
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return load_scenario_text(buffer.str(), path);
}

}  // namespace stslab
