// Loading identity providers: an idp actor's "idp" object (a SAML directory, an OIDC provider or a Cognito
// identity pool), which IdP each IAM SAML provider holds the metadata of, and the idp:Authenticate steps and
// "@name" token references that use them. The format is documented in scenarios/README.md ("Identity providers").
#include "core/sha1.hpp"
#include "iam/arn.hpp"
#include "scenario/loader_internal.hpp"

#include <algorithm>

namespace stslab::loader_detail {

using nlohmann::json;

namespace {

const Keys kProtocols = {"saml", "oidc", "cognito", "oauth2", "identity-center"};

bool has_template_text(const std::string& s) { return s.find("${") != std::string::npos; }

}  // namespace

void Loader::identity_provider(ActorSpec& a, const json& j, const std::string& p) {
    if (!object(j, p, {"protocol", "issuer", "identity_pool", "allow_unauthenticated", "groups", "users", "instance",
                       "region", "account", "permission_sets", "assignments"}))
        return;
    aws::IdentityProvider idp;
    idp.actor = a.name;
    const std::string protocol = string(j, "protocol", p, true).value_or("saml");
    if (protocol == "saml") idp.protocol = aws::IdpProtocol::Saml;
    else if (protocol == "oidc") idp.protocol = aws::IdpProtocol::Oidc;
    else if (protocol == "cognito") idp.protocol = aws::IdpProtocol::Cognito;
    else if (protocol == "identity-center") idp.protocol = aws::IdpProtocol::IdentityCenter;
    else if (protocol == "oauth2") idp.protocol = aws::IdpProtocol::OAuth2;
    else fault(at(p, "protocol"), "unknown identity provider protocol \"" + protocol + "\"" + suggest(protocol, kProtocols));
    // A fault that holds only of the protocol given: without one (a fault already, maybe a misspelt key), the keys
    // of another protocol are not faults too.
    const bool protocol_given = member(j, "protocol") && contains(kProtocols, protocol);
    const auto protocol_fault = [&](const std::string& ptr, const std::string& text) {
        if (protocol_given) fault(ptr, text);
    };
    if (!protocol_given) protocol_unknown_.insert(a.name);
    const bool saml = idp.protocol == aws::IdpProtocol::Saml, cognito = idp.protocol == aws::IdpProtocol::Cognito;
    const bool sso = idp.protocol == aws::IdpProtocol::IdentityCenter;
    if (!sso)
        for (const char* k : {"instance", "region", "account", "permission_sets", "assignments"})
            if (member(j, k)) protocol_fault(at(p, k), std::string("\"") + k + "\" belongs to IAM Identity Center (\"protocol\": \"identity-center\")");

    if (sso) {
        identity_center(idp, j, p);
    } else if (cognito) {
        idp.issuer = aws::kCognitoIssuer;
        if (member(j, "issuer")) protocol_fault(at(p, "issuer"), std::string("a Cognito identity pool's issuer is always ") + aws::kCognitoIssuer);
        idp.identity_pool = string(j, "identity_pool", p, true).value_or("");
        if (!idp.identity_pool.empty() && idp.identity_pool.find(':') == std::string::npos)
            fault(at(p, "identity_pool"), "an identity pool id is REGION:GUID, e.g. \"us-east-1:12345678-90ab-cdef-1234-567890abcdef\"");
        if (const json* u = member(j, "allow_unauthenticated")) {
            if (u->is_boolean()) idp.allow_unauthenticated = u->get<bool>();
            else fault(at(p, "allow_unauthenticated"), std::string("expected true or false, found ") + json_type_name(*u));
        }
    } else if (!sso) {
        idp.issuer = string(j, "issuer", p, true).value_or("");
        if (idp.protocol == aws::IdpProtocol::Oidc && !idp.issuer.empty() && idp.issuer.rfind("https://", 0) != 0)
            protocol_fault(at(p, "issuer"), "an OpenID Connect issuer is an https:// URL (the token's \"iss\"), e.g. \"https://oidc.example.com\"");
        if (idp.protocol == aws::IdpProtocol::OAuth2 && !idp.issuer.empty() && idp.issuer != "www.amazon.com" && idp.issuer != "graph.facebook.com")
            protocol_fault(at(p, "issuer"), "STS takes OAuth 2.0 access tokens from \"www.amazon.com\" and \"graph.facebook.com\" only "
                                   "(API_AssumeRoleWithWebIdentity, ProviderId)");
        for (const char* k : {"identity_pool", "allow_unauthenticated"})
            if (member(j, k)) protocol_fault(at(p, k), std::string("\"") + k + "\" belongs to a Cognito identity pool (\"protocol\": \"cognito\")");
    }
    if (const json* groups = member(j, "groups"); groups && map(*groups, at(p, "groups"))) {
        if (!saml) protocol_fault(at(p, "groups"), "group-to-role mappings belong to a SAML IdP: an OIDC token carries no roles, the "
                                          "caller names the role");
        for (auto g = groups->begin(); g != groups->end(); ++g) {
            const std::string gp = at(at(p, "groups"), g.key());
            auto& pairs = idp.group_roles[g.key()];
            pairs = strings(*groups, g.key().c_str(), at(p, "groups"));
            if (!g->is_array()) fault(gp, std::string("expected an array of \"ROLE_ARN,PROVIDER_ARN\" pairs, found ") + json_type_name(*g));
            for (std::size_t i = 0; i < pairs.size(); ++i) role_pair(pairs[i], at(gp, i));
        }
    }
    if (const json* users = member(j, "users"); users && map(*users, at(p, "users"))) {
        for (auto u = users->begin(); u != users->end(); ++u) {
            const std::string up = at(at(p, "users"), u.key());
            aws::DirectoryUser& user = idp.users[u.key()];
            user.name = u.key();
            if (!object(*u, up, {"groups", "subject", "login", "attributes", "claims"})) continue;
            user.groups = strings(*u, "groups", up);
            for (std::size_t i = 0; i < user.groups.size() && !sso && !misspelt(p, "groups"); ++i)  // Identity Center groups are only names
                if (!idp.group_roles.count(user.groups[i])) {
                    Keys names;
                    for (const auto& [n, r] : idp.group_roles) names.push_back(n);
                    fault(at(at(up, "groups"), i), "there is no group \"" + user.groups[i] + "\" in this IdP's \"groups\"" +
                                                       hint(user.groups[i], names));
                }
            user.subject = string(*u, "subject", up).value_or(cognito ? "" : u.key());
            user.login = string(*u, "login", up).value_or("");
            if (member(*u, "login") && !cognito) protocol_fault(at(up, "login"), "\"login\" (the provider a Cognito identity signed in with) belongs to a Cognito identity pool");
            const char* extra = saml || sso ? "attributes" : "claims";
            for (const char* k : {"attributes", "claims"}) {
                const json* v = member(*u, k);
                if (!v) continue;
                if (std::string(k) != extra)
                    protocol_fault(at(up, k), saml || sso ? "\"claims\" are an OIDC token's: a SAML assertion carries \"attributes\""
                                                 : "\"attributes\" are a SAML assertion's: a token carries \"claims\"");
                else if (map(*v, at(up, k))) user.claims = *v;
            }
        }
    }
    if (cognito)
        for (auto& [n, user] : idp.users)
            if (user.subject.empty()) user.subject = aws::cognito_identity_id(idp.identity_pool, n);
    if (sso) assignments(idp, j, p);
    s_.world.identity_providers[a.name] = std::move(idp);
}

// IAM Identity Center: its instance, permission sets, and the assignments that provision, in each account, the
// SAML provider and one AWSReservedSSO_ role per permission set (referencingpermissionsets,
// using-service-linked-roles, howtosessionduration).
void Loader::identity_center(aws::IdentityProvider& idp, const json& j, const std::string& p) {
    for (const char* k : {"issuer", "identity_pool", "allow_unauthenticated", "groups"})
        if (member(j, k)) fault(at(p, k), std::string("\"") + k + "\" does not apply to IAM Identity Center: it makes its own "
                                          "SAML provider and roles from \"permission_sets\" and \"assignments\"");
    idp.instance = string(j, "instance", p).value_or("ssoins-" + to_hex(sha1(idp.actor)).substr(0, 16));
    idp.region = string(j, "region", p).value_or("us-east-1");
    idp.issuer = "https://identitycenter.amazonaws.com/" + idp.instance;
    const json* sets = member(j, "permission_sets");
    if (!sets) missing(p, "permission_sets", "missing \"permission_sets\": name -> {\"policies\": {NAME: POLICY}, \"session_duration\": \"4h\"}");
    else if (map(*sets, at(p, "permission_sets")))
        for (auto it = sets->begin(); it != sets->end(); ++it) {
            const std::string sp = at(at(p, "permission_sets"), it.key());
            // CreatePermissionSet's Name: "min: 1, max: 32, pattern: [\w+=,.@-]+" (sso-admin API reference).
            const std::string& name = it.key();
            const bool name_ok = !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_+=,.@-").find(c) != std::string_view::npos;
            });
            if (!name_ok)
                fault(sp, "a permission set's name is 1 to 32 letters, digits and _+=,.@- (CreatePermissionSet), not \"" + name + "\"");
            aws::PermissionSet& ps = idp.permission_sets[name];
            ps.name = name;
            if (!object(*it, sp, {"policies", "session_duration"})) continue;
            if (const json* pol = member(*it, "policies"); pol && map(*pol, at(sp, "policies"))) ps.policies = *pol;
            if (const json* d = member(*it, "session_duration")) {
                Duration length = 0;
                try {
                    // A number of seconds is taken only up to 12 hours' worth: any more is refused below, whatever its
                    // size (no product that overflows).
                    const bool seconds = d->is_number_unsigned() && d->get<std::uint64_t>() <= 12 * kHour / kSecond;
                    length = d->is_string() ? parse_duration(d->get<std::string>()) : seconds ? d->get<std::int64_t>() * kSecond : -1;
                } catch (const Error&) {
                    length = -1;
                }
                if (length < kHour || length > 12 * kHour || length % kSecond != 0)
                    fault(at(sp, "session_duration"), "a permission set's session lasts from 1 hour to 12 hours (\"4h\", or seconds), not " + quoted_value(d->dump()));
                else ps.session_seconds = length / kSecond;
            }
        }
}

void Loader::assignments(aws::IdentityProvider& idp, const json& j, const std::string& p) {
    Keys principals;
    for (const auto& [n, u] : idp.users) {
        principals.push_back(n);
        for (const auto& g : u.groups) if (!contains(principals, g)) principals.push_back(g);
    }
    Keys sets;
    for (const auto& [n, ps] : idp.permission_sets) sets.push_back(n);
    if (const json* list = member(j, "assignments"); list && array(j, "assignments", p, "assignments")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string ap = at(at(p, "assignments"), i);
            const json& e = (*list)[i];
            if (!object(e, ap, {"principal", "permission_set", "accounts"})) continue;
            aws::SsoAssignment as;
            as.principal = string(e, "principal", ap, true).value_or("");
            as.permission_set = string(e, "permission_set", ap, true).value_or("");
            as.accounts = strings(e, "accounts", ap);
            if (!member(e, "accounts")) missing(ap, "accounts", "missing \"accounts\": the account ids the permission set is assigned in");
            if (!as.principal.empty() && !contains(principals, as.principal))
                fault(at(ap, "principal"), "no user or group of this directory is named \"" + as.principal + "\"" + hint(as.principal, principals));
            if (!as.permission_set.empty() && !idp.permission_sets.count(as.permission_set) && !misspelt(p, "permission_sets"))
                fault(at(ap, "permission_set"), "there is no permission set \"" + as.permission_set + "\"" + suggest(as.permission_set, sets));
            for (std::size_t k = 0; k < as.accounts.size(); ++k)
                account_in_file(as.accounts[k], at(at(ap, "accounts"), k));
            idp.assignments.push_back(std::move(as));
        }
    }
    const auto org = s_.world.organization;
    idp.portal_account = string(j, "account", p).value_or(org ? org->management : idp.assignments.empty() || idp.assignments[0].accounts.empty() ? "" : idp.assignments[0].accounts[0]);
    if (member(j, "account")) account_in_file(idp.portal_account, at(p, "account"));
    if (has_faults()) return;
    // Provision what Identity Center creates in each assigned account.
    for (const auto& as : idp.assignments) {
        const aws::PermissionSet& ps = idp.permission_sets.at(as.permission_set);
        for (const auto& id : as.accounts) {
            aws::Account& acct = s_.world.accounts.at(id);
            const std::string provider_arn = "arn:aws:iam::" + id + ":saml-provider/" + idp.sso_provider_name();
            aws::SamlProvider& provider = acct.saml_providers[idp.sso_provider_name()];
            provider.arn = provider_arn;
            provider.metadata = idp.actor;
            const std::string name = idp.sso_role_name(id, ps.name);
            if (acct.roles.count(name)) continue;
            aws::Role& role = acct.roles[name];
            role.account = id;
            role.name = name;
            role.path = idp.sso_role_path();
            role.arn = "arn:aws:iam::" + id + ":role" + role.path + name;
            role.max_session_duration = 43200;  // "a maximum session duration of 12 hours"
            const json trust = {{"Version", "2012-10-17"},
                                {"Statement", {{{"Effect", "Allow"},
                                                {"Principal", {{"Federated", provider_arn}}},
                                                {"Action", {"sts:AssumeRoleWithSAML", "sts:TagSession"}},
                                                {"Condition", {{"StringEquals", {{"SAML:aud", aws::kSamlAudience}}}}}}}}};
            const std::string pp = at(at(p, "permission_sets"), ps.name);
            if (auto t = policy(trust, pp, iam::PolicyKind::Trust, "trust policy of " + name)) role.trust = std::move(*t);
            for (auto it = ps.policies.begin(); it != ps.policies.end(); ++it)
                if (auto c = policy(*it, at(at(pp, "policies"), it.key()), iam::PolicyKind::Identity, it.key())) role.policies[it.key()] = std::move(*c);
        }
    }
}

// "ROLE_ARN,PROVIDER_ARN" (either order, as AWS accepts): a role and a SAML provider of this scenario.
void Loader::role_pair(const std::string& pair, const std::string& p) {
    const auto comma = pair.find(',');
    if (comma == std::string::npos || pair.find(',', comma + 1) != std::string::npos)
        return fault(p, "a Role attribute value is \"ROLE_ARN,PROVIDER_ARN\" (two ARNs and one comma), not \"" + pair + "\"");
    std::string role = pair.substr(0, comma), provider = pair.substr(comma + 1);
    if (role.find(":saml-provider/") != std::string::npos) std::swap(role, provider);
    if (!s_.world.role(role)) {
        fault(p, "there is no role " + role + " in this scenario" + hint(role, [this] {
                     Keys roles;
                     for (const auto& [id, acct] : s_.world.accounts)
                         for (const auto& [n, r] : acct.roles) roles.push_back(r.arn);
                     return roles;
                 }));
    }
    if (!s_.world.saml_provider(provider))
        fault(p, "there is no SAML provider " + provider + " in this scenario (declare it under an account's \"saml_providers\")");
}

// Each IAM SAML provider holds one IdP's metadata: the one its "metadata" names, or the scenario's only SAML IdP.
void Loader::saml_metadata(const json& root) {
    Keys saml_idps;
    for (const auto& [n, idp] : s_.world.identity_providers)
        if (idp.protocol == aws::IdpProtocol::Saml && !protocol_unknown_.count(n)) saml_idps.push_back(n);
    for (auto& [id, account] : s_.world.accounts) {
        for (auto& [name, provider] : account.saml_providers) {
            if (!provider.metadata.empty()) continue;  // made by Identity Center
            const std::string p = at(at(at(at("", "accounts"), id), "saml_providers"), name);
            const json::json_pointer where(p);  // as declared in the file
            const json* entry = root.contains(where) ? &root.at(where) : nullptr;
            const json* named = entry && entry->is_object() ? member(*entry, "metadata") : nullptr;
            if (!named) {
                if (saml_idps.size() == 1) provider.metadata = saml_idps.front();
                else if (saml_idps.size() > 1)
                    fault(p, "this scenario has several SAML IdPs (" + join_keys(saml_idps) +
                                 "): say whose metadata this provider holds with \"metadata\": \"ACTOR\"");
                continue;
            }
            if (!named->is_string()) {
                fault(at(p, "metadata"), std::string("expected the name of an idp actor, found ") + json_type_name(*named));
                continue;
            }
            provider.metadata = named->get<std::string>();
            if (!contains(saml_idps, provider.metadata))
                fault(at(p, "metadata"), "there is no SAML IdP actor \"" + provider.metadata + "\"" +
                                             or_hint(hint(provider.metadata, saml_idps), " (an actor with \"kind\": \"idp\" and \"idp\": {\"protocol\": \"saml\", ...})"));
        }
    }
}

// An idp:Authenticate step or action: made by an idp actor, for a user of its directory.
void Loader::authenticate_call(const CallSpec& c, const std::string& actor, const std::string& p) {
    const auto a = s_.actors.find(actor);
    if (a == s_.actors.end()) return;  // reported elsewhere
    const auto idp = s_.world.identity_providers.find(actor);
    if (idp == s_.world.identity_providers.end())
        return kind_unknown_.count(actor) ? void()
                                          : fault(at(p, "actor"), "idp:Authenticate is made by an identity provider: an actor with \"kind\": \"idp\"");
    const json& params = c.params;
    if (idp->second.protocol == aws::IdpProtocol::Direct) {
        // An IdP without a directory issues what the params say: SAML attributes or OIDC claims.
        const auto attribute = [&](const std::string& name) {  // short, or under AWS's full attribute name
            return params.contains(name) || params.contains("https://aws.amazon.com/SAML/Attributes/" + name);
        };
        if (!aws::direct_oidc(params) && !attribute("Role") && !attribute("RoleSessionName"))
            fault(at(p, "params"), "this idp actor has no \"idp\" directory, so its params are what it issues: SAML attributes "
                                   "(\"Role\", \"RoleSessionName\", \"SessionNotOnOrAfter\", ...) or OIDC claims (\"iss\", \"sub\", "
                                   "\"aud\", \"exp\", ...)");
        return;
    }
    for (auto it = params.begin(); it != params.end(); ++it) {
        static const Keys kParams = {"User", "Unauthenticated", "Audience", "ValidFor", "SessionDuration", "SessionNotOnOrAfter",
                                     "SourceIdentity", "Device", "Omit", "Override", "Tamper"};
        if (contains(kParams, it.key())) continue;
        note_misspelling(params, at(p, "params"), it.key(), kParams);
        fault(at(at(p, "params"), it.key()), "unknown idp:Authenticate parameter \"" + it.key() + "\"" + suggest(it.key(), kParams));
    }
    const std::string pp = at(p, "params");
    for (const char* k : {"User", "Audience", "SessionNotOnOrAfter", "SourceIdentity", "Device"})
        if (const json* v = member(params, k); v && !v->is_string())
            fault(at(pp, k), std::string("expected a string, found ") + json_type_name(*v));
    for (const char* k : {"ValidFor", "SessionDuration"})
        if (const json* v = member(params, k); v && !v->is_string() && !v->is_number_unsigned())
            fault(at(pp, k), std::string("expected a duration (\"5m\") or a whole number of seconds, found ") +
                                 (v->is_number() ? v->dump() : json_type_name(*v)));
    // The durations a directory IdP reads, known at load as any other duration of the file (a template only once
    // its message arrives).
    for (const char* k : {"ValidFor", "SessionDuration", "SessionNotOnOrAfter"})
        if (const json* v = member(params, k); v && v->is_string() && !has_template(v->get_ref<const std::string&>())) {
            try {
                parse_duration(v->get<std::string>());
            } catch (const Error& e) {
                fault(at(pp, k), std::string(e.what()) + " (a duration from the sign-in" +
                                     (std::string(k) == "SessionNotOnOrAfter" ? ", not a time)" : ", or a whole number of seconds)"));
            }
        }
    if (const json* v = member(params, "Unauthenticated"); v && !v->is_boolean())
        fault(at(pp, "Unauthenticated"), std::string("expected true or false, found ") + json_type_name(*v));
    if (const json* v = member(params, "Omit"); v && !(v->is_array() && std::all_of(v->begin(), v->end(), [](const json& e) { return e.is_string(); })))
        fault(at(pp, "Omit"), "expected an array of attribute or claim names");
    for (const char* k : {"Override", "Tamper"})
        if (const json* v = member(params, k); v && !v->is_object())
            fault(at(pp, k), std::string("expected an object of attribute or claim names and their values, found ") + json_type_name(*v));
    const json* g = member(params, "Unauthenticated");
    const bool guest = g && g->is_boolean() && g->get<bool>();
    const auto user = params.find("User");
    if (!guest && user == params.end())
        return missing(pp, "User", "missing \"User\": the directory user who signs in" +
                                         std::string(idp->second.protocol == aws::IdpProtocol::Cognito ? " (or \"Unauthenticated\": true for a guest)" : ""));
    const bool users_misspelt = misspelt(at(at(at(std::string(), "actors"), actor), "idp"), "users");  // a fault already
    if (user != params.end() && user->is_string() && !has_template_text(user->get<std::string>()) && !users_misspelt &&
        !idp->second.users.count(user->get<std::string>())) {
        Keys names;
        for (const auto& [n, u] : idp->second.users) names.push_back(n);
        fault(at(pp, "User"), "there is no user \"" + user->get<std::string>() + "\" in the directory of " + actor +
                                               hint(user->get<std::string>(), names));
    }
    if ((idp->second.protocol == aws::IdpProtocol::Oidc || idp->second.protocol == aws::IdpProtocol::OAuth2) && !params.contains("Audience"))
        missing(pp, "Audience", "missing \"Audience\": the client id of the app the token is for (its \"aud\", or app id)");
}

bool saves_token(const std::string& call) {
    // An EC2 call's refusal carries an encoded message to save, except a Describe call's: "Only certain AWS operations
    // return an encoded authorization message" (API_DecodeAuthorizationMessage; DescribeInstances' refusals end
    // with the reason).
    return call == "idp:Authenticate" || call == "signin:GetSigninToken" || call == "sts:GetWebIdentityToken" ||
           (call.rfind("ec2:", 0) == 0 && call.rfind("ec2:Describe", 0) != 0);
}

const Keys& credential_calls() {
    static const Keys calls = {"sts:AssumeRole",        "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
                               "sts:GetSessionToken",   "sts:GetFederationToken", "sts:AssumeRoot",
                               "signin:Login",          "sso:GetRoleCredentials", "iam:CreateAccessKey"};
    return calls;
}

// "SAMLAssertion" / "WebIdentityToken" / "SigninToken" / "EncodedMessage": "@NAME": a token saved earlier by
// idp:Authenticate, signin:GetSigninToken, sts:GetWebIdentityToken or an EC2 call.
void Loader::token_reference(const CallSpec& c, const std::string& p, const std::set<std::string>& tokens_so_far) {
    for (const char* k : kTokenParams) {
        const auto it = c.params.find(k);
        if (it == c.params.end() || !it->is_string()) continue;
        const std::string& v = it->get_ref<const std::string&>();
        if (v.empty() || v[0] != '@' || has_template_text(v)) continue;
        const std::string name = v.substr(1);
        if (!saved_under(tokens_so_far, name))
            fault(at(at(p, "params"), k), "no earlier idp:Authenticate, signin:GetSigninToken, sts:GetWebIdentityToken or EC2 call saves a token as \"" + name + "\"" +
                                              hint(name, tokens_so_far));
    }
}

// "AccessKeyId": "@NAME": an access key saved earlier by iam:CreateAccessKey, or an actor's own long-term key.
void Loader::key_reference(const CallSpec& c, const std::string& p, const std::set<std::string>& saved_so_far) {
    const auto it = c.params.find(kAccessKeyParam);
    if (it == c.params.end() || !it->is_string()) return;
    const std::string& v = it->get_ref<const std::string&>();
    if (v.empty() || v[0] != '@' || has_template_text(v)) return;
    const std::string name = v.substr(1);
    if (name.empty()) return fault(at(at(p, "params"), kAccessKeyParam), "\"@\" names no key: write \"@NAME\", NAME a save or an actor");
    const auto actor = s_.actors.find(name);
    if (saved_under(saved_so_far, name) || (actor != s_.actors.end() && !actor->second.principal.empty())) return;
    fault(at(at(p, "params"), kAccessKeyParam), "no earlier step saves credentials as \"" + name +
                                                    "\", and no actor of that name holds long-term keys" + hint(name, [&] {
                                                        Keys names(saved_so_far.begin(), saved_so_far.end());
                                                        for (const auto& [n, a] : s_.actors)
                                                            if (!a.principal.empty()) names.push_back(n);
                                                        return names;
                                                    }));
}

}  // namespace stslab::loader_detail
