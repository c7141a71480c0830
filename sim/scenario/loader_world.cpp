// The world part of loading: accounts and everything in them, every policy, the principals policies name, and
// the organization (scenario-format.md, Accounts and Organization; scenarios/README.md for the additions).
#include "scenario/loader_internal.hpp"

#include "aws/aws_managed.hpp"
#include "aws/validation.hpp"
#include "core/text.hpp"
#include "iam/arn.hpp"
#include "iam/ip.hpp"

#include <algorithm>
#include <map>

namespace stslab::loader_detail {

using nlohmann::json;

namespace {

// Calls fn(name, value, pointer) for each member of obj[key], when that is an object (a fault otherwise is
// reported once, by the declaring pass).
template <class Fn>
void each_entry(const json& obj, const char* key, const std::string& ptr, Fn fn) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_object()) return;
    const std::string p = pointer_append(ptr, key);
    for (auto e = it->begin(); e != it->end(); ++e) fn(e.key(), *e, pointer_append(p, e.key()));
}

// Web identity providers a trust policy may name as they are, without an oidc_providers entry.
bool well_known_issuer(const std::string& name) {
    return name == "cognito-identity.amazonaws.com" || name == "accounts.google.com" || name == "www.amazon.com" ||
           name == "graph.facebook.com";
}

// out[name], with its account and name set.
template <class T>
T& named(std::map<std::string, T>& out, const std::string& name, const std::string& account) {
    T& t = out[name];
    t.account = account;
    t.name = name;
    return t;
}

// A new out[key] of `account`; nullptr when another account has `key` already (bucket names and instance ids
// are global).
template <class T>
T* claim(std::map<std::string, T>& out, const std::string& key, const std::string& account) {
    if (out.count(key)) return nullptr;
    T& t = out[key];
    t.account = account;
    return &t;
}

// The "did you mean" when there is one, else the general advice.


// Where `value` is written inside a Principal element (".../Principal/AWS/1"), else the element itself.
std::string principal_pointer(const json& principal, const std::string& ptr, const std::string& value) {
    if (!principal.is_object()) return ptr;
    for (auto it = principal.begin(); it != principal.end(); ++it) {
        const std::string section = pointer_append(ptr, it.key());
        if (*it == value) return section;
        if (!it->is_array()) continue;
        for (std::size_t i = 0; i < it->size(); ++i)
            if ((*it)[i] == value) return pointer_append(section, std::to_string(i));
    }
    return ptr;
}

// The organization's id, "o-" and 10 characters, from the management account: stable, no randomness.
// `n` lowercase letters and digits derived from `text` (its FNV-1a hash): an id that is the same on every run.
std::string stable_chars(const std::string& text, int n) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    std::string out;
    for (int i = 0; i < n; ++i, h /= 36) out += "0123456789abcdefghijklmnopqrstuvwxyz"[h % 36];
    return out;
}

std::string organization_id(const std::string& management) { return "o-" + stable_chars(management, 10); }

}  // namespace

std::optional<iam::Policy> Loader::policy(const json& doc, const std::string& ptr, iam::PolicyKind kind,
                                          const std::string& name) {
    try {
        // As AWS's API takes it, a policy may also be its JSON text (what the CLI and the console show): a fault in it
        // is placed at the text, with its path within the document.
        iam::Policy p = doc.is_string() ? iam::compile_policy_text(doc.get_ref<const std::string&>(), kind, name)
                                        : iam::compile_policy(doc, kind, name);
        if (kind == iam::PolicyKind::Trust || kind == iam::PolicyKind::Resource) principals_exist(p, ptr);
        return p;
    } catch (const iam::MalformedPolicyDocument& e) {
        const auto report = [&](const std::string& path, const std::string& reason) {
            fault(path.empty() ? ptr : ptr + "/" + path, "MalformedPolicyDocument: " + reason);
        };
        report(e.path(), e.reason());
        for (const auto& [path, reason] : e.others()) report(path, reason);
        return std::nullopt;
    }
}

// IAM's names: "[\w+=,.@-]+", up to 64 characters for users and roles, 128 for groups and policies, inline ones
// too (API_CreateUser, API_CreateRole, API_CreateGroup, API_CreatePolicy, API_PutUserPolicy).
void Loader::iam_name(const std::string& name, const std::string& ptr, const char* what, std::size_t max) {
    if (name.empty() || name.size() > max || !aws::matches_pattern(name, aws::Pattern::SessionName))
        fault(ptr, std::string("a ") + what + " name has 1 to " + std::to_string(max) +
                       " of the characters [\\w+=,.@-] (IAM's pattern), not \"" + name + "\"");
}

void Loader::inline_policies(const json& obj, const std::string& ptr, aws::PolicyMap& out) {
    if (const json* v = member(obj, "policies")) map(*v, at(ptr, "policies"));
    each_entry(obj, "policies", ptr, [&](const std::string& name, const json& doc, const std::string& p) {
        iam_name(name, p, "policy", 128);
        if (auto compiled = policy(doc, p, iam::PolicyKind::Identity, name)) out[name] = std::move(*compiled);
    });
}

std::vector<std::string> Loader::attached(const json& obj, const std::string& ptr, const aws::Account& a) {
    const std::vector<std::string> arns = distinct_strings(obj, "attached", ptr);
    Keys known = aws::aws_managed_policy_arns();  // AWS managed policies, attachable everywhere
    for (const auto& [n, m] : a.managed_policies) known.push_back(m.arn);
    for (std::size_t i = 0; i < arns.size(); ++i)
        if (!contains(known, arns[i]))
            fault(at(at(ptr, "attached"), i), "there is no managed policy " + arns[i] + " for account " + a.id +
                                                  or_hint(hint(arns[i], known), " (declare it under the account's \"policies\")"));
    return arns;
}

void Loader::principals_exist(const iam::Policy& p, const std::string& ptr) {
    for (const auto& st : p.statements) {
        const char* element = st.principal_element == iam::PrincipalElement::NotPrincipal ? "NotPrincipal" : "Principal";
        const json::json_pointer statement("/" + st.path);
        const json* principal = p.document->contains(statement) ? member(p.document->at(statement), element) : nullptr;
        const std::string where = ptr + "/" + st.path + "/" + element;
        for (const auto& e : st.principals.entries)
            principal_exists(e, principal ? principal_pointer(*principal, where, e.value) : where);
    }
}

void Loader::principal_exists(const iam::PrincipalEntry& e, const std::string& where) {
    using K = iam::PrincipalEntry::Kind;
    const aws::World& w = s_.world;
    if (e.kind == K::Everyone || e.kind == K::Service || e.kind == K::CanonicalUser) return;
    if (e.kind == K::Federated) {
        if (well_known_issuer(e.value)) return;
        Keys arns;
        for (const auto& [id, a] : w.accounts) {
            for (const auto& [n, sp] : a.saml_providers) arns.push_back(sp.arn);
            for (const auto& [n, op] : a.oidc_providers) arns.push_back(op.arn);
        }
        if (!contains(arns, e.value))
            fault(where, "there is no identity provider " + e.value + " in this scenario" +
                             or_hint(hint(e.value, arns), " (declare it under an account's \"saml_providers\" or \"oidc_providers\")"));
        return;
    }
    // Every other kind names an account: it must be in the file.
    if (!w.accounts.count(e.account)) {
        Keys ids;
        for (const auto& [id, a] : w.accounts) ids.push_back(id);
        fault(where, (e.value == e.account ? std::string("the principal names account ")
                                           : "the principal " + e.value + " names account ") +
                         e.account + ", which is not in this scenario" + hint(e.account, ids));
        return;
    }
    const aws::Account& a = w.accounts.at(e.account);
    if (e.kind == K::User || e.kind == K::Role) {
        Keys arns;
        if (e.kind == K::User) for (const auto& [n, u] : a.users) arns.push_back(u.arn);
        else for (const auto& [n, r] : a.roles) arns.push_back(r.arn);
        if (!contains(arns, e.value))
            fault(where, std::string("there is no ") + (e.kind == K::User ? "user " : "role ") + e.value +
                             " in this scenario" + hint(e.value, arns));
    } else if (e.kind == K::RoleSession) {
        // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION: the role must exist.
        const std::string rest = e.value.substr(e.value.find(":assumed-role/") + 14);
        const std::string role = rest.substr(0, rest.find('/'));
        Keys names;
        for (const auto& [n, r] : a.roles) names.push_back(n);
        if (!a.roles.count(role))
            fault(where, "the role session " + e.value + " is a session of role " + role + ", which is not in account " +
                             a.id + hint(role, names));
    }
}

// ---- accounts ----

void Loader::accounts(const json& j, const std::string& ptr) {
    if (!map(j, ptr)) return;
    world_known_ = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!iam::is_account_id(it.key())) {
            fault(at(ptr, it.key()), "an account id is 12 digits, not \"" + it.key() + "\"");
            continue;
        }
        aws::Account& a = s_.world.accounts[it.key()];
        a.id = it.key();
        declare_account(a, *it, at(ptr, it.key()));
    }
    for (auto it = j.begin(); it != j.end(); ++it)
        if (s_.world.accounts.count(it.key()) && it->is_object())
            fill_account(s_.world.accounts.at(it.key()), *it, at(ptr, it.key()));
    // Once every bucket is known: an access point may be for another account's.
    for (auto it = j.begin(); it != j.end(); ++it)
        if (s_.world.accounts.count(it.key()) && it->is_object())
            access_points(s_.world.accounts.at(it.key()), *it, at(ptr, it.key()));
}

// First pass: every user, group, role, managed policy and provider by name and ARN, so that policies can name
// principals written later in the file.
void Loader::declare_account(aws::Account& a, const json& j, const std::string& p) {
    if (!object(j, p, {"alias", "color", "users", "groups", "roles", "policies", "saml_providers", "oidc_providers",
                       "buckets", "instances", "kms_keys", "vpc_endpoints", "block_public_access", "root_mfa",
                       "access_points", "outbound_web_identity_federation"}))
        return;
    for (const char* key : {"users", "groups", "roles", "policies", "saml_providers", "oidc_providers", "buckets", "instances", "kms_keys",
                            "vpc_endpoints", "access_points"})
        if (const json* v = member(j, key)) map(*v, at(p, key));
    const std::string base = "arn:aws:iam::" + a.id + ":";
    auto path_of = [&](const json& e, const std::string& ep) {
        std::string path = string(e, "path", ep).value_or("/");
        if (path.empty() || path.front() != '/' || path.back() != '/') {
            fault(at(ep, "path"), "a path starts and ends with '/', like \"/division/\", not \"" + path + "\"");
            path = "/";
        }
        return path;
    };
    // "IAM user, group, role, and policy names must be unique within the account. Names are not distinguished by
    // case" (API_CreateUser, API_CreateRole): a second name that differs only in case names nothing new.
    // Each kind's names so far, by their lower-case form (one look-up a name: an account of 24,000 users took
    // 27 s to load when each name was compared with every other, found by fuzzing).
    std::map<std::string, std::map<std::string, std::string>> lowered;
    auto case_twin = [&](const std::string& name, const std::string& ep, const char* what) {
        const auto [it, first] = lowered[what].emplace(ascii_lowered(name), name);
        if (!first && it->second != name)
            fault(ep, std::string("IAM names are not distinguished by case: \"") + name + "\" and \"" + it->second +
                          "\" would be the same " + what);
    };
    // IAM ARNs: arn:aws:iam::ACCT:user/division/alice, role/..., group/..., policy/...
    auto with_path = [&](const json& e, const std::string& ep, const char* kind, const std::string& name, std::string& path) {
        path = path_of(e, ep);
        return base + kind + path + name;
    };
    each_entry(j, "users", p, [&](const std::string& name, const json& e, const std::string& ep) {
        iam_name(name, ep, "user", 64);
        case_twin(name, ep, "user");
        aws::User& u = named(a.users, name, a.id);
        u.arn = with_path(e, ep, "user", name, u.path);
    });
    each_entry(j, "roles", p, [&](const std::string& name, const json& e, const std::string& ep) {
        iam_name(name, ep, "role", 64);
        case_twin(name, ep, "role");
        aws::Role& r = named(a.roles, name, a.id);
        r.arn = with_path(e, ep, "role", name, r.path);
    });
    each_entry(j, "groups", p, [&](const std::string& name, const json&, const std::string& ep) {
        iam_name(name, ep, "group", 128);
        case_twin(name, ep, "group");
        named(a.groups, name, a.id).arn = base + "group/" + name;
    });
    each_entry(j, "policies", p, [&](const std::string& name, const json&, const std::string& ep) {
        iam_name(name, ep, "policy", 128);
        case_twin(name, ep, "managed policy");
        named(a.managed_policies, name, a.id).arn = base + "policy/" + name;
    });
    each_entry(j, "saml_providers", p, [&](const std::string& name, const json& e, const std::string& ep) {
        object(e, ep, {"metadata"});  // "metadata" is resolved once the idp actors are known (loader_idp.cpp)
        a.saml_providers[name].arn = base + "saml-provider/" + name;
    });
    each_entry(j, "oidc_providers", p, [&](const std::string& key, const json& e, const std::string& ep) {
        // Keyed by the issuer's host and path, as the provider's ARN names it; the URL IAM's CreateOpenIDConnectProvider
        // takes ("https://oidc.example.com") names the same provider. A trailing slash is part of the name, as IAM keeps
        // it: an Auth0 issuer "https://x.auth0.com/" is the provider oidc-provider/x.auth0.com/, its keys
        // "x.auth0.com/:aud" (users' records; aws/aws-sam-cli#7432: a provider "own-gitlab.com/" is not GitLab's).
        const std::string host = starts_with(key, "https://") ? key.substr(8) : key;
        if (host.empty() || host.find("://") != std::string::npos)
            return fault(ep, "an OIDC provider is named by its issuer's host (\"oidc.example.com\"), or its https:// URL");
        if (a.oidc_providers.count(host)) return fault(ep, "another entry already names the OIDC provider " + host);
        aws::OidcProvider& o = a.oidc_providers[host];
        o.host = host;
        o.arn = base + "oidc-provider/" + host;
        if (object(e, ep, {"client_ids"})) o.client_ids = strings(e, "client_ids", ep);
    });
}

void Loader::fill_account(aws::Account& a, const json& j, const std::string& p) {
    a.alias = string(j, "alias", p).value_or("");
    a.color = color(j, p);
    a.public_access_block = public_access_block(j, p).value_or(aws::PublicAccessBlock{});
    s_.world.public_buckets_restricted_anywhere |= a.public_access_block.restrict_public_buckets;
    // The root user's virtual MFA device, under the name IAM gives it (id_root-user_manage_mfa).
    if (const json* mfa = member(j, "root_mfa"))
        a.root_mfa = mfa_device(*mfa, at(p, "root_mfa"), "arn:aws:iam::" + a.id + ":mfa/root-account-mfa-device");
    // Outbound identity federation enabled from the start, as iam:EnableOutboundWebIdentityFederation enables it.
    if (const json* f = member(j, "outbound_web_identity_federation")) {
        if (f->is_boolean()) a.outbound_federation = f->get<bool>();
        else fault(at(p, "outbound_web_identity_federation"), std::string("expected true or false, found ") + json_type_name(*f));
        if (a.outbound_federation) a.outbound_issuer = aws::outbound_issuer_url(a.id);
    }
    each_entry(j, "policies", p, [&](const std::string& name, const json& doc, const std::string& ep) {
        if (auto compiled = policy(doc, ep, iam::PolicyKind::Identity, name)) {
            aws::ManagedPolicy& m = a.managed_policies[name];
            m.policy = std::move(*compiled);
            m.versions = {aws::PolicyVersion{"v1", m.policy, 0}};
        }
    });
    each_entry(j, "users", p, [&](const std::string& name, const json& e, const std::string& ep) { user(a, a.users.at(name), e, ep); });
    each_entry(j, "groups", p, [&](const std::string& name, const json& e, const std::string& ep) {
        if (!object(e, ep, {"policies", "attached"})) return;
        inline_policies(e, ep, a.groups.at(name).policies);
        a.groups.at(name).attached = attached(e, ep, a);
    });
    each_entry(j, "roles", p, [&](const std::string& name, const json& e, const std::string& ep) { role(a, a.roles.at(name), e, ep); });
    kms_keys(a, j, p);
    vpc_endpoints(a, j, p);
    buckets(a, j, p);
    instances(a, j, p);
    iam_quotas(a, p);
}

// Customer managed KMS keys, by key id: {"policy": KEY POLICY, "region"}. A key policy is a resource-based policy
// that must name its principals; without one a key has KMS's default key policy, which lets the account's IAM
// policies decide (kms key-policy-default).
void Loader::kms_keys(aws::Account& a, const json& j, const std::string& p) {
    each_entry(j, "kms_keys", p, [&](const std::string& id, const json& e, const std::string& kp) {
        if (id.empty() || id.size() > 256 || id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != std::string::npos)
            return fault(kp, "a KMS key id is letters, digits, '-' and '_', like \"1234abcd-12ab-34cd-56ef-1234567890ab\", not \"" + id + "\"");
        if (!object(e, kp, {"policy", "region"})) return;
        aws::KmsKey& key = a.kms_keys[id];
        key.id = id;
        key.region = region(e, kp);
        key.arn = "arn:aws:kms:" + key.region + ":" + a.id + ":key/" + id;
        if (const json* pol = member(e, "policy")) {
            if (auto compiled = policy(*pol, at(kp, "policy"), iam::PolicyKind::Resource, "key policy of " + id)) key.policy = std::move(*compiled);
        } else {
            key.policy = aws::default_key_policy_for(a.id);
        }
    });
}

// VPC endpoints, by id: {"service", "type", "vpc", "policy"}. An id is "vpce-" and 8 or 17 hexadecimal digits, as EC2
// makes them; an endpoint connects to one service, named by its actions' prefix ("s3"); its type is "Gateway", which
// only S3 and DynamoDB have and the default for them, or "Interface" (vpce-gateway); its policy is a resource-based
// policy that "must contain a Principal element" and is at most 20,480 characters, white space included, and
// without one it has the default, which allows everything (vpc-endpoints-access). "With gateway endpoints, the
// Principal element must be set to *. To specify a principal, use the aws:PrincipalArn condition key" (the same page:
// an account there would mean its root user only). Ids are unique in the world.
void Loader::vpc_endpoints(aws::Account& a, const json& j, const std::string& p) {
    each_entry(j, "vpc_endpoints", p, [&](const std::string& id, const json& e, const std::string& ep) {
        const std::string digits = id.size() > 5 ? id.substr(5) : "";
        if (id.compare(0, 5, "vpce-") != 0 || (digits.size() != 8 && digits.size() != 17) ||
            digits.find_first_not_of("0123456789abcdef") != std::string::npos)
            return fault(ep, "a VPC endpoint id is \"vpce-\" and 8 or 17 lower-case hexadecimal digits, like "
                             "\"vpce-1a2b3c4d\", not \"" + id + "\"");
        if (!object(e, ep, {"service", "type", "vpc", "policy"})) return;
        if (s_.world.vpc_endpoint(id)) return fault(ep, "another account already has the VPC endpoint " + id);
        aws::VpcEndpoint& endpoint = a.vpc_endpoints[id];
        endpoint.id = id;
        endpoint.account = a.id;
        endpoint.arn = "arn:aws:ec2:us-east-1:" + a.id + ":vpc-endpoint/" + id;
        endpoint.service = string(e, "service", ep).value_or("");
        if (endpoint.service.empty() || endpoint.service.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
            fault(at(ep, "service"), "an endpoint's service is named by its actions' prefix, like \"s3\" or \"sts\", not \"" +
                                         endpoint.service + "\"");
        const bool gateway_service = endpoint.service == "s3" || endpoint.service == "dynamodb";
        endpoint.type = string(e, "type", ep).value_or(gateway_service ? "Gateway" : "Interface");
        if (endpoint.type != "Gateway" && endpoint.type != "Interface")
            fault(at(ep, "type"), "an endpoint's type is \"Gateway\" or \"Interface\", not \"" + endpoint.type + "\"");
        else if (endpoint.type == "Gateway" && !gateway_service)
            fault(at(ep, "type"), "only Amazon S3 and DynamoDB have gateway endpoints; " + endpoint.service + "'s are \"Interface\"");
        endpoint.vpc = vpc_id(e, ep);
        const json* pol = member(e, "policy");
        if (!pol) {
            endpoint.policy = aws::default_endpoint_policy();
        } else if (pol->dump().size() > 20480) {
            fault(at(ep, "policy"), "an endpoint policy is at most 20,480 characters");
        } else if (auto compiled = policy(*pol, at(ep, "policy"), iam::PolicyKind::Endpoint, "endpoint policy of " + id)) {
            endpoint.policy = std::move(*compiled);
            if (endpoint.type == "Gateway")
                for (const iam::Statement& st : endpoint.policy.statements)
                    if (st.principals.entries.size() != 1 || st.principals.entries[0].kind != iam::PrincipalEntry::Kind::Everyone)
                        fault(at(ep, "policy") + "/" + st.path + (st.principal_element == iam::PrincipalElement::NotPrincipal ? "/NotPrincipal" : "/Principal"),
                              "with gateway endpoints, the Principal element must be set to \"*\"; to name a principal, use "
                              "the aws:PrincipalArn condition key");
        }
    });
}

// S3 access points, by name: {"bucket", "vpc", "policy"} (an addition: scenarios/README.md). "Access point names must
// be DNS-compliant ... Must begin with a number or lowercase letter; Must be between 3 and 50 characters long; Can't
// begin or end with a hyphen; Can't contain underscores, uppercase letters, spaces, or periods; Can't end with the
// suffix -s3alias or -ext-s3alias" (access-points-restrictions-limitations-naming-rules). The bucket may be another
// account's; the access point is in the bucket's region. A "vpc" gives it a VPC network origin (access-points-vpc).
void Loader::access_points(aws::Account& a, const json& j, const std::string& p) {
    each_entry(j, "access_points", p, [&](const std::string& name, const json& e, const std::string& ep) {
        const auto ends_with = [&](const std::string& suffix) {
            return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        if (name.size() < 3 || name.size() > 50 || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos ||
            name.front() == '-' || name.back() == '-' || ends_with("-s3alias"))
            return fault(ep, "an access point name is 3 to 50 lower-case letters, digits and hyphens, neither beginning nor ending with "
                             "a hyphen nor ending with \"-s3alias\", not \"" + name + "\"");
        if (!object(e, ep, {"bucket", "vpc", "policy", "block_public_access"})) return;
        aws::AccessPoint& ap = a.access_points[name];
        ap.name = name;
        ap.account = a.id;
        ap.bucket = string(e, "bucket", ep, true).value_or("");
        const auto bucket = s_.world.buckets.find(ap.bucket);
        if (!ap.bucket.empty() && bucket == s_.world.buckets.end()) {
            Keys names;
            for (const auto& [n, b] : s_.world.buckets) names.push_back(n);
            fault(at(ep, "bucket"), "there is no bucket \"" + ap.bucket + "\" in this scenario" + hint(ap.bucket, names));
        }
        ap.region = bucket != s_.world.buckets.end() ? bucket->second.region : "us-east-1";
        ap.arn = "arn:aws:s3:" + ap.region + ":" + a.id + ":accesspoint/" + name;
        ap.vpc = vpc_id(e, ep);
        // "All block public access settings are enabled by default for access points" (access-points-bpa-settings).
        const aws::PublicAccessBlock all_on{true, true, true, true};
        ap.public_access_block = public_access_block(e, ep, all_on).value_or(all_on);
        const json* given = member(e, "policy");
        json document = given ? *given : json();
        // "Access point policies are limited to 20 KB in size" (access-points-restrictions-limitations-naming-rules).
        if (!document.is_null() && document.dump().size() > 20 * 1024)
            return fault(at(ep, "policy"), "an access point policy is at most 20 KB");
        s_.world.public_buckets_restricted_anywhere |= !document.is_null();
        if (!ap.vpc.empty()) {
            // The network origin's Deny, after the file's statements (its statements' paths stay the file's).
            if (document.is_null()) document = {{"Version", "2012-10-17"}, {"Statement", json::array()}};
            if (document.is_object() && document.contains("Statement") && document["Statement"].is_object())
                document["Statement"] = json::array({document["Statement"]});
            if (document.is_object() && document.value("Statement", json()).is_array())
                document["Statement"].push_back({{"Sid", iam::kS3NetworkOriginSid}, {"Effect", "Deny"}, {"Principal", "*"},
                                                 {"Action", "s3:*"}, {"Resource", "*"},
                                                 {"Condition", {{"StringNotEquals", {{"aws:SourceVpc", ap.vpc}}}}}});
        }
        if (given || !document.is_null())  // a policy given as null is a fault, as a bucket's is
            ap.policy = policy(document, at(ep, "policy"), iam::PolicyKind::Resource, "access point policy of " + name);
        // BlockPublicPolicy refuses a public policy as it is put: the file cannot have put one. (Asked of the file's
        // statements once they are known to be a policy's, the network origin's Deny among them changing nothing.)
        if (ap.policy && given && s_.world.public_access_block(ap).block_public_policy && aws::access_point_policy_public(ap, *given))
            fault(at(ep, "policy"), "the policy is public, and S3 refuses a public access point policy while BlockPublicPolicy is on "
                                    "(on for every access point unless its block_public_access says otherwise)");
    });
}

// A bucket's default encryption, by AWS's names: {"SSEAlgorithm": "AES256" | "aws:kms" | "aws:kms:dsse",
// "KMSMasterKeyID": a key ARN, or a key id} (API_ServerSideEncryptionByDefault: "KMSMasterKeyID
// ... can only be used when you set the value of SSEAlgorithm as aws:kms or aws:kms:dsse").
aws::BucketEncryption Loader::bucket_encryption(const json& e, const std::string& p) {
    aws::BucketEncryption out;
    if (!object(e, p, {"SSEAlgorithm", "KMSMasterKeyID"})) return out;
    out.algorithm = string(e, "SSEAlgorithm", p).value_or("");
    if (!aws::valid_sse_algorithm(out.algorithm))
        fault(at(p, "SSEAlgorithm"), "SSEAlgorithm is \"AES256\", \"aws:kms\" or \"aws:kms:dsse\", not \"" + out.algorithm + "\"");
    const std::string key = string(e, "KMSMasterKeyID", p).value_or("");
    if (!key.empty() && out.algorithm == "AES256")
        fault(at(p, "KMSMasterKeyID"), "KMSMasterKeyID can only be used when SSEAlgorithm is aws:kms or aws:kms:dsse");
    out.kms_key = key;  // as given: a bare id names a key of the uploader's account, as S3 looks it up
    return out;
}

// What an account holds within IAM's quotas (reference_iam-quotas), as the IAM calls hold it at run time: a file
// that asks more than AWS would take is refused, never loaded with more than a call could ever make.
void Loader::iam_quotas(const aws::Account& a, const std::string& p) {
    using namespace aws::iam_quota;
    const auto size = [](const iam::Policy& policy) { return policy.document ? policy_size(*policy.document) : std::size_t{0}; };
    const auto inline_size = [&](const aws::PolicyMap& policies) {
        std::size_t total = 0;
        for (const auto& [n, policy] : policies) total += size(policy);
        return total;
    };
    const auto holds = [&](const std::string& where, const char* what, std::size_t count, std::size_t limit,
                           const char* unit) {
        if (count > limit)
            fault(where, std::string(what) + " at most " + std::to_string(limit) + unit + " (IAM's quota, reference_iam-quotas), not " +
                             std::to_string(count));
    };
    const auto identity = [&](const std::string& ep, const char* kind, const aws::PolicyMap& inline_policies,
                              std::size_t inline_limit, std::size_t attached) {
        holds(at(ep, "policies"), (std::string("the inline policies of a ") + kind + " hold together").c_str(),
              inline_size(inline_policies), inline_limit, " characters");
        holds(at(ep, "attached"), (std::string("a ") + kind + " has").c_str(), attached, kAttachedLimit, " managed policies");
    };
    for (const auto& [name, u] : a.users) {
        const std::string ep = at(at(p, "users"), name);
        identity(ep, "user", u.policies, kUserInlineLimit, u.attached.size());
        holds(at(ep, "groups"), "a user is in", u.groups.size(), kGroupsPerUser, " groups");
    }
    for (const auto& [name, g] : a.groups) identity(at(at(p, "groups"), name), "group", g.policies, kGroupInlineLimit, g.attached.size());
    for (const auto& [name, r] : a.roles) {
        const std::string ep = at(at(p, "roles"), name);
        identity(ep, "role", r.policies, kRoleInlineLimit, r.attached.size());
        holds(at(ep, "trust"), "a trust policy has", size(r.trust), kTrustPolicyLimit, " characters");
    }
    for (const auto& [name, m] : a.managed_policies)
        holds(at(at(p, "policies"), name), "a managed policy has", size(m.policy), kManagedPolicyLimit, " characters");
}

void Loader::user(aws::Account& a, aws::User& u, const json& j, const std::string& p) {
    if (!object(j, p, {"groups", "policies", "attached", "boundary", "mfa", "tags", "path"})) return;
    u.groups = distinct_strings(j, "groups", p);
    Keys group_names;
    for (const auto& [n, g] : a.groups) group_names.push_back(n);
    const bool groups_misspelt = misspelt(at(at(std::string(), "accounts"), a.id), "groups");
    for (std::size_t i = 0; i < u.groups.size(); ++i)
        if (!a.groups.count(u.groups[i]) && !groups_misspelt)
            fault(at(at(p, "groups"), i), "there is no group \"" + u.groups[i] + "\" in account " + a.id +
                                              hint(u.groups[i], group_names));
    inline_policies(j, p, u.policies);
    u.attached = attached(j, p, a);
    if (const json* b = member(j, "boundary")) u.boundary = policy(*b, at(p, "boundary"), iam::PolicyKind::Boundary, "boundary of " + u.name);
    if (const json* mfa = member(j, "mfa")) u.mfa = mfa_device(*mfa, at(p, "mfa"), "arn:aws:iam::" + a.id + ":mfa/" + u.name);
    u.tags = tags(j, p, true);
}

// An MFA device as a file declares it: true (its current code "123456"), {"code": "654321"}, or false (none).
std::optional<aws::MfaDevice> Loader::mfa_device(const json& j, const std::string& p, const std::string& serial) {
    if (j.is_boolean()) return j.get<bool>() ? std::optional<aws::MfaDevice>(aws::MfaDevice{serial, "123456"}) : std::nullopt;
    if (!j.is_object()) {
        fault(p, std::string("expected true, false or {\"code\": \"123456\"}, found ") + json_type_name(j));
        return std::nullopt;
    }
    object(j, p, {"code"});
    const std::string code = string(j, "code", p).value_or("123456");
    if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos)
        fault(at(p, "code"), "an MFA code is 6 digits, not \"" + code + "\"");
    return aws::MfaDevice{serial, code};
}

void Loader::role(aws::Account& a, aws::Role& r, const json& j, const std::string& p) {
    if (!object(j, p, {"trust", "policies", "attached", "boundary", "max_session_duration", "tags", "path"})) return;
    if (const json* t = member(j, "trust")) {
        if (auto compiled = policy(*t, at(p, "trust"), iam::PolicyKind::Trust, "trust policy of " + r.name)) r.trust = std::move(*compiled);
        // "only the linked service can assume a service-linked role" (id_roles_terms-and-concepts): a role under the
        // reserved path trusts only a service, as AWS writes it, so no user can step round SCPs and RCPs through it.
        const auto trusts_more = [](const iam::Statement& st) {
            return st.effect == iam::Effect::Allow &&
                   std::any_of(st.principals.entries.begin(), st.principals.entries.end(),
                               [](const iam::PrincipalEntry& e) { return e.kind != iam::PrincipalEntry::Kind::Service; });
        };
        if (aws::trusts_any_identity_pool(r.trust)) fault(at(p, "trust"), std::string("MalformedPolicyDocument: ") + aws::kIdentityPoolTrustMessage);
        if (starts_with(r.path, "/aws-service-role/") &&
            std::any_of(r.trust.statements.begin(), r.trust.statements.end(), trusts_more))
            fault(at(p, "trust"), "a role under /aws-service-role/ is service-linked: only its service may assume it, "
                                  "so its trust policy names {\"Service\": \"...amazonaws.com\"} only");
    } else {
        missing(p, "trust", "missing \"trust\": every role needs a trust policy saying who may assume it");
    }
    inline_policies(j, p, r.policies);
    r.attached = attached(j, p, a);
    if (const json* b = member(j, "boundary")) r.boundary = policy(*b, at(p, "boundary"), iam::PolicyKind::Boundary, "boundary of " + r.name);
    if (const json* m = member(j, "max_session_duration")) {
        if (const auto n = whole_number(*m); n && *n >= 3600 && *n <= 43200)
            r.max_session_duration = static_cast<std::int64_t>(*n);
        else
            fault(at(p, "max_session_duration"),
                  "max_session_duration is a whole number of seconds from 3600 (1 hour) to 43200 (12 hours), not " + quoted_value(m->dump()));
    }
    r.tags = tags(j, p, true);
}

// A user's, role's or instance's tags, held to AWS's rules (id_tags "Rules for tagging"; EC2 Using_Tags): at most 50,
// keys of 1 to 128 characters never beginning with aws:, values of at most 256. IAM's are also of API_Tag's
// characters, and its keys are not case sensitive ("you cannot have separate Department and department tag keys").
std::map<std::string, std::string> Loader::tags(const json& obj, const std::string& ptr, bool iam) {
    std::map<std::string, std::string> out = string_map(obj, "tags", ptr);
    const std::string tp = at(ptr, "tags");
    if (out.size() > 50) fault(tp, std::to_string(out.size()) + " tags: AWS allows at most 50 on a resource");
    std::map<std::string, std::string> lower;  // lower-case key -> the key as written
    for (const auto& [k, v] : out) {
        const std::string kp = at(tp, k);
        std::string folded = k;
        for (char& c : folded) c = ascii_lower(c);
        if (k.empty() || utf8_length(k) > 128) fault(kp, "a tag key has 1 to 128 characters");
        else if (starts_with(folded, "aws:")) fault(kp, "a tag key must not begin with aws: (AWS reserves the prefix)");
        else if (iam && !aws::tag_characters(k))
            fault(kp, "a tag key has letters, numbers, spaces and _ . : / = + - @ only");
        if (utf8_length(v) > 256) fault(kp, "a tag value has at most 256 characters");
        else if (iam && !aws::tag_characters(v)) fault(kp, "a tag value has letters, numbers, spaces and _ . : / = + - @ only");
        if (!iam) continue;
        if (const auto [it, fresh] = lower.emplace(folded, k); !fresh)
            fault(kp, "tag keys \"" + it->second + "\" and \"" + k + "\" differ only in case: IAM tag keys are not case sensitive");
    }
    return out;
}

// A bucket's or instance's region, as AWS names them ("us-east-1", "ap-northeast-2", "us-gov-west-1"); default us-east-1.
std::string Loader::region(const json& e, const std::string& p) {
    const std::string r = string(e, "region", p).value_or("us-east-1");
    const bool named = !r.empty() && r.find('-') != std::string::npos && std::isdigit(static_cast<unsigned char>(r.back())) &&
                       std::all_of(r.begin(), r.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
    if (!named) fault(at(p, "region"), "a region is named as AWS names it, like \"us-east-1\" or \"eu-west-2\", not \"" + r + "\"");
    return r;
}

std::string Loader::vpc_id(const json& e, const std::string& p) {
    const std::optional<std::string> vpc = string(e, "vpc", p);  // a fault of its own when not a string
    if (vpc && vpc->compare(0, 4, "vpc-") != 0)
        fault(at(p, "vpc"), "a VPC id starts with \"vpc-\", like \"vpc-1a2b3c4d\", not \"" + *vpc + "\"");
    return vpc.value_or("");
}

std::optional<aws::PublicAccessBlock> Loader::public_access_block(const json& e, const std::string& p, aws::PublicAccessBlock b) {
    const json* v = member(e, "block_public_access");
    if (v == nullptr) return std::nullopt;
    const std::string vp = at(p, "block_public_access");
    if (v->is_boolean()) {
        const bool on = v->get<bool>();
        return aws::PublicAccessBlock{on, on, on, on};
    }
    Keys names;
    for (const auto& setting : aws::kPublicAccessBlockSettings) names.push_back(setting.first);
    if (!v->is_object()) {
        fault(vp, "block_public_access is true, false or the settings by AWS's names (" + join_keys(names) + "), found " +
                      json_type_name(*v));
        return b;
    }
    if (!object(*v, vp, names)) return b;
    for (const auto& [name, setting] : aws::kPublicAccessBlockSettings)
        if (const json* s = member(*v, name)) {
            if (s->is_boolean()) b.*setting = s->get<bool>();
            else fault(at(vp, name), std::string("a setting is true or false, found ") + json_type_name(*s));
        }
    return b;
}

void Loader::buckets(const aws::Account& a, const json& j, const std::string& p) {
    each_entry(j, "buckets", p, [&](const std::string& name, const json& e, const std::string& bp) {
        aws::Bucket* claimed = claim(s_.world.buckets, name, a.id);
        if (!claimed)
            return fault(bp, "a bucket named \"" + name + "\" already exists in account " + s_.world.buckets.at(name).account +
                                 ": bucket names are global");
        aws::Bucket& b = *claimed;
        b.name = name;
        if (!object(e, bp, {"policy", "objects", "region", "block_public_access", "encryption"})) return;
        b.region = region(e, bp);
        if (const json* enc = member(e, "encryption")) b.encryption = bucket_encryption(*enc, at(bp, "encryption"));
        b.public_access_block = public_access_block(e, bp);
        if (b.public_access_block) s_.world.public_buckets_restricted_anywhere |= b.public_access_block->restrict_public_buckets;
        if (const json* pol = member(e, "policy")) {
            b.policy = policy(*pol, at(bp, "policy"), iam::PolicyKind::Resource, "bucket policy of " + name);
            // What S3 would refuse to take as this bucket's policy (PutBucketPolicy's own checks).
            if (b.policy && b.policy->document)
                if (const std::string why = aws::bucket_policy_fault(*b.policy->document, name); !why.empty())
                    fault(at(bp, "policy"), "MalformedPolicy: " + why + " (S3 would not take it as the policy of " + name + ")");
        }
        if (const json* objects = member(e, "objects")) map(*objects, at(bp, "objects"));
        each_entry(e, "objects", bp, [&](const std::string& key, const json& content, const std::string& op) {
            if (content.is_string()) {
                b.objects[key].content = content.get<std::string>();
            } else if (content.is_object()) {  // {"content", "tags"}: a tagged object
                if (!object(content, op, {"content", "tags"})) return;
                aws::S3Object& o = b.objects[key];
                o.content = string(content, "content", op).value_or("");
                o.tags = tags(content, op, false);
                // "You can associate up to 10 tags with an object" (object-tagging).
                if (o.tags.size() > 10) fault(at(op, "tags"), std::to_string(o.tags.size()) + " tags: an object has at most 10");
            } else {
                fault(op, std::string("an object is its content, a string, or {\"content\", \"tags\"}, found ") + json_type_name(content));
            }
        });
    });
}

void Loader::instances(const aws::Account& a, const json& j, const std::string& p) {
    each_entry(j, "instances", p, [&](const std::string& id, const json& e, const std::string& ip) {
        aws::Instance* claimed = claim(s_.world.instances, id, a.id);
        if (!claimed)
            return fault(ip, "an instance \"" + id + "\" already exists in account " + s_.world.instances.at(id).account +
                                 ": instance ids are unique");
        aws::Instance& i = *claimed;
        i.id = id;
        if (!object(e, ip, {"region", "state", "tags", "vpc", "private_ip", "type"})) return;
        // An instance type is a family and a size, "t3.micro" (instance-types).
        i.type = string(e, "type", ip).value_or("");
        if (member(e, "type") && (i.type.find('.') == std::string::npos || i.type.front() == '.' || i.type.back() == '.'))
            fault(at(ip, "type"), "an instance type is a family and a size, such as \"t3.micro\", not \"" + i.type + "\"");
        i.region = region(e, ip);
        i.vpc = vpc_id(e, ip);
        i.private_ip = string(e, "private_ip", ip).value_or("");
        if (const auto address = iam::IpAddress::parse(i.private_ip); !i.private_ip.empty() && (!address || address->v6))
            fault(at(ip, "private_ip"), "a private IPv4 address (\"10.0.1.25\"), not \"" + i.private_ip + "\"");
        i.state = string(e, "state", ip).value_or("running");
        if (i.state != "running" && i.state != "stopped" && i.state != "terminated")
            fault(at(ip, "state"), "an instance's state is running, stopped or terminated, not \"" + i.state + "\"");
        i.tags = tags(e, ip, false);
    });
}

// ---- the organization ----

bool Loader::account_in_file(const std::string& id, const std::string& ptr) {
    if (s_.world.accounts.count(id) || !world_known_) return true;  // without accounts, one fault says so already
    Keys ids;
    for (const auto& [known, a] : s_.world.accounts) ids.push_back(known);
    fault(ptr, "account \"" + id + "\" is not in this scenario" + hint(id, ids));
    return false;
}

void Loader::organization(const json& j, const std::string& p) {
    if (!object(j, p, {"id", "management", "accounts", "ous", "scps", "rcps", "full_aws_access", "iam_features",
                       "iam_delegated_administrator"}))
        return;
    aws::Organization org;
    const auto management = string(j, "management", p, true);
    org.management = management.value_or("");
    if (management && account_in_file(org.management, at(p, "management"))) org.accounts.insert(org.management);
    const auto members = distinct_strings(j, "accounts", p);
    for (std::size_t i = 0; i < members.size(); ++i)
        if (account_in_file(members[i], at(at(p, "accounts"), i))) org.accounts.insert(members[i]);
    if (const json* f = member(j, "full_aws_access")) {
        if (f->is_boolean()) org.full_aws_access = f->get<bool>();
        else fault(at(p, "full_aws_access"), std::string("expected true or false, found ") + json_type_name(*f));
    }
    // The organization's id, as a bucket policy's aws:PrincipalOrgID names it: the file's, else one derived from the
    // management account. Organizations' pattern: "o-" followed by from 10 to 32 lowercase letters or digits
    // (API_Organization, Id).
    const auto id = string(j, "id", p);
    const bool id_ok = id && id->size() >= 12 && id->size() <= 34 && id->compare(0, 2, "o-") == 0 &&
                       std::all_of(id->begin() + 2, id->end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
    if (id && !id_ok)
        fault(at(p, "id"), "an organization id is \"o-\" followed by from 10 to 32 lowercase letters or digits, not \"" + *id + "\"");
    org.id = id_ok ? *id : organization_id(org.management);
    org.full_aws_access_policy = iam::compile_policy(
        json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"),
        iam::PolicyKind::Scp, "FullAWSAccess");
    org.full_aws_access_rcp = iam::compile_policy(
        json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})"),
        iam::PolicyKind::Rcp, "RCPFullAWSAccess");
    // Centralized root access (an addition: scenarios/README.md): the features as IAM's EnabledFeatures names them
    // (API_EnableOrganizationsRootSessions, "Valid Values: RootCredentialsManagement | RootSessions"), and IAM's
    // delegated administrator, a member account.
    const auto features = distinct_strings(j, "iam_features", p);
    for (std::size_t i = 0; i < features.size(); ++i) {
        if (features[i] == "RootCredentialsManagement" || features[i] == "RootSessions") org.iam_features.insert(features[i]);
        else fault(at(at(p, "iam_features"), i), "expected \"RootCredentialsManagement\" or \"RootSessions\" (IAM's centralized "
                                                 "root access features), found \"" + features[i] + "\"" +
                                                 hint(features[i], Keys{"RootCredentialsManagement", "RootSessions"}));
    }
    if (const auto admin = string(j, "iam_delegated_administrator", p)) {
        if (*admin == org.management)
            fault(at(p, "iam_delegated_administrator"), "the management account cannot be a delegated administrator: name a member account");
        else if (!org.accounts.count(*admin))
            fault(at(p, "iam_delegated_administrator"), "account " + *admin + " is not a member of the organization (add it to \"accounts\")");
        else org.iam_delegated_administrator = *admin;
    }
    organizational_units(j, p, org);
    org.scps = org_policies(j, p, "scps", org);
    org.rcps = org_policies(j, p, "rcps", org);
    s_.world.organization = std::move(org);
}

constexpr std::size_t kOuLevels = 5;  // how deep OUs nest under the root

// "ous": {"NAME": {"parent": "root" | "OU NAME", "accounts": [ids]}} (an addition: scenarios/README.md). Each OU is under
// the root or another OU, with no cycle, at most five levels deep; an account is in at most one OU, and only a member
// account in any.
void Loader::organizational_units(const json& j, const std::string& p, aws::Organization& org) {
    const json* ous = member(j, "ous");
    if (!ous) return;
    const std::string op = at(p, "ous");
    if (!ous->is_object()) {
        fault(op, std::string("expected an object of OU names, found ") + json_type_name(*ous));
        return;
    }
    for (auto it = ous->begin(); it != ous->end(); ++it) {
        const std::string& name = it.key();
        const std::string up = at(op, name);
        if (!object(it.value(), up, {"parent", "accounts"})) continue;
        // An OU name is 1 to 128 characters (API_CreateOrganizationalUnit); "root" and an account id would be ambiguous
        // as an SCP's target.
        if (name.empty() || utf8_length(name) > 128 || name == "root" || iam::is_account_id(name)) {
            fault(up, "an OU's name is 1 to 128 characters, and neither \"root\" nor an account id, not " + quoted_value(json(name).dump()));
            continue;
        }
        aws::OrganizationalUnit ou;
        ou.name = name;
        const std::string parent = string(it.value(), "parent", up).value_or("root");
        ou.parent = parent == "root" ? "" : parent;
        // "ou-" + the root's 4 characters + "-" + 8 more (API_OrganizationalUnit, Id), from the OU's name: stable.
        ou.id = "ou-" + org.root_id().substr(2) + "-" + stable_chars(name, 8);
        const auto accounts = distinct_strings(it.value(), "accounts", up);
        for (std::size_t i = 0; i < accounts.size(); ++i) {
            const std::string ap = at(at(up, "accounts"), i);
            if (!account_in_file(accounts[i], ap)) continue;
            if (world_known_ && !org.accounts.count(accounts[i]))
                fault(ap, "account " + accounts[i] + " is not a member of the organization (add it to \"accounts\")");
            else if (const auto [in, added] = org.ou_of_account.emplace(accounts[i], name); !added)
                fault(ap, "account " + accounts[i] + " is already in the OU \"" + in->second + "\": an account is in one OU");
        }
        org.ous[name] = std::move(ou);
    }
    for (const auto& [name, ou] : org.ous) {
        const std::string pp = at(at(op, name), "parent");
        if (!ou.parent.empty() && !org.ous.count(ou.parent)) {
            Keys names{"root"};
            for (const auto& [other, o] : org.ous) names.push_back(other);
            fault(pp, "no OU is named \"" + ou.parent + "\" (a parent is \"root\" or another OU's name)" + hint(ou.parent, names));
            continue;
        }
        // Walking up from the OU must reach the root, within five levels: "For service control policies, the limit is
        // five" (API_CreateOrganizationalUnit). The walk stops there, so that a hostile chain of thousands of OUs is
        // not walked once for each of them.
        std::size_t level = 1;
        for (std::string up = ou.parent; !up.empty() && org.ous.count(up); up = org.ous.at(up).parent, ++level) {
            if (up == name) {
                fault(pp, "the OU \"" + name + "\" would be inside itself: OUs form a tree under the root");
                break;
            }
            if (level == kOuLevels) {
                fault(pp, "the OU \"" + name + "\" is more than " + std::to_string(kOuLevels) +
                              " levels below the root: OUs nest at most five deep (CreateOrganizationalUnit)");
                break;
            }
        }
    }
}

constexpr std::size_t kOrgPolicyLimit = 5120, kOrgPoliciesPerTarget = 5;

// "scps" or "rcps": [{"name", "targets": [account ids] | "root", "policy"}].
std::vector<aws::Scp> Loader::org_policies(const json& j, const std::string& p, const char* key, const aws::Organization& org) {
    std::vector<aws::Scp> out;
    if (!array(j, key, p, "{\"name\", \"targets\", \"policy\"} objects")) return out;
    const json& list = j.at(key);
    const bool scp = std::string(key) == "scps";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string ep = at(at(p, key), i);
        const json& e = list[i];
        if (!object(e, ep, {"name", "targets", "policy"})) continue;
        aws::Scp entry;
        entry.name = string(e, "name", ep, true).value_or("");
        // "A policy with the same name already exists" (Organizations DuplicatePolicyException).
        if (!entry.name.empty() && std::any_of(out.begin(), out.end(), [&](const aws::Scp& o) { return o.name == entry.name; }))
            fault(at(ep, "name"), std::string("another of the organization's ") + (scp ? "SCPs" : "RCPs") + " is named \"" +
                                      entry.name + "\": policy names are unique");
        const std::string tp = at(ep, "targets");
        if (const json* t = member(e, "targets"); t && t->is_string()) {
            if (*t == "root") entry.targets = {"root"};
            else fault(tp, "\"targets\" is a list of account ids, or \"root\" for the whole organization, not " + quoted_value(t->dump()));
        } else if (t) {
            entry.targets = distinct_strings(e, "targets", ep);
            for (std::size_t k = 0; k < entry.targets.size(); ++k) {
                const std::string& target = entry.targets[k];
                if (target == "root" || org.ous.count(target)) continue;
                if (!iam::is_account_id(target)) {  // an OU's name, misspelled
                    Keys names{"root"};
                    for (const auto& [name, ou] : org.ous) names.push_back(name);
                    fault(at(tp, k), "a target is \"root\", an OU's name or a member account's id; no OU is named \"" + target +
                                         "\"" + hint(target, names));
                } else if (account_in_file(target, at(tp, k)) && world_known_ && !org.accounts.count(target)) {
                    fault(at(tp, k), "account " + target + " is not a member of the organization (add it to \"accounts\")");
                }
            }
        } else {
            missing(ep, "targets", "missing \"targets\": a list of account ids, or \"root\" for the whole organization");
        }
        const json* pol = member(e, "policy");
        if (!pol) {
            missing(ep, "policy", "missing \"policy\": the policy document");
            continue;
        }
        if (auto compiled = policy(*pol, at(ep, "policy"), scp ? iam::PolicyKind::Scp : iam::PolicyKind::Rcp, entry.name)) {
            // "Maximum size of a policy document: 5,120 characters" (orgs_reference_limits), counted as the console
            // saves a policy: without white space between its elements.
            if (const std::size_t size = utf8_length(compiled->document->dump()); size > kOrgPolicyLimit)
                fault(at(ep, "policy"), std::string("an ") + (scp ? "SCP" : "RCP") + " is at most " + std::to_string(kOrgPolicyLimit) +
                                            " characters (Organizations' quota); this one is " + std::to_string(size));
            entry.policy = std::move(*compiled);
            out.push_back(std::move(entry));
        }
    }
    // "Maximum number of policies attached to root, OU, or account: 5" of each type (orgs_reference_limits). Counted
    // here without the FullAWSAccess policies AWS attaches by default, so a file is never refused for them.
    std::map<std::string, std::size_t> attached;
    for (const aws::Scp& e : out)
        for (const std::string& target : e.targets)
            if (++attached[target] == kOrgPoliciesPerTarget + 1)
                fault(at(p, key), std::string("more than ") + std::to_string(kOrgPoliciesPerTarget) + " " + (scp ? "SCPs" : "RCPs") +
                                      " are attached to " + (target == "root" ? "the root" : (org.ous.count(target) ? "the OU " : "account ") + target) +
                                      " (Organizations' quota: 5 policies of a type per root, OU or account)");
    return out;
}

}  // namespace stslab::loader_detail
