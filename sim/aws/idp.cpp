#include "aws/idp.hpp"

#include "core/error.hpp"
#include "core/sha1.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace stslab::aws {
namespace {

using nlohmann::json;

constexpr const char* kSamlAttributePrefix = "https://aws.amazon.com/SAML/Attributes/";
constexpr const char* kPersistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
// The assertion's own members; every other name in Omit / Override / Tamper is an attribute.
const char* const kSamlFields[] = {"Version", "Issuer", "Subject", "SubjectFormat", "Audience", "Recipient",
                                   "IssueInstant", "NotOnOrAfter", "SessionNotOnOrAfter", "Signature"};

bool saml_field(const std::string& name) {
    for (const char* f : kSamlFields)
        if (name == f) return true;
    return false;
}

// Where a name in Omit / Override / Tamper lives in the token.
// An ID token: its claims, but "header" and "signature" are the JWT's own parts.
json& slot_object(json& token, const std::string& name) {
    if (token.contains("claims")) return name == "header" || name == "signature" ? token : token["claims"];
    return saml_field(name) ? token : token["Attributes"];
}
std::string slot_name(const json& token, const std::string& name) {
    return token.contains("claims") || saml_field(name) ? name : saml_attribute_name(name);
}

std::string text_or(const json& obj, const std::string& key, const std::string& fallback) {
    const auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

Duration valid_for(const json& params, Duration fallback) {
    const auto it = params.find("ValidFor");
    if (it == params.end()) return fallback;
    if (it->is_number_integer()) {
        // A whole number past the 64-bit signed ones (18446744073709551615) is past the year 9999 too, not -1.
        const bool huge = it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(kLatestTime / kSecond);
        const std::int64_t seconds = huge ? kLatestTime / kSecond + 1 : it->get<std::int64_t>();
        if (seconds > kLatestTime / kSecond || seconds < -kLatestTime / kSecond)
            throw Error("ValidFor of " + it->dump() + " seconds ends " + (seconds > 0 ? "after the year 9999" : "before the year 0"));
        return seconds * kSecond;
    }
    if (it->is_string()) return parse_duration(it->get<std::string>());
    throw Error("ValidFor is a duration (\"5m\") or a number of seconds");
}

std::string string_param(const json& params, const char* name) {
    const auto it = params.find(name);
    if (it == params.end() || it->is_null()) return {};
    if (!it->is_string()) throw Error(std::string(name) + " is a string");
    return it->get<std::string>();
}

json saml_assertion(const IdentityProvider& idp, const DirectoryUser& user, const std::vector<std::string>& roles,
                    const json& params, EpochMs now) {
    json attributes = json::object();
    if (!roles.empty()) attributes[saml_attribute_name("Role")] = roles;
    attributes[saml_attribute_name("RoleSessionName")] = user.name;
    for (auto it = user.claims.begin(); it != user.claims.end(); ++it) attributes[saml_attribute_name(it.key())] = *it;
    if (const auto d = params.find("SessionDuration"); d != params.end())
        attributes[saml_attribute_name("SessionDuration")] = d->is_string() ? d->get<std::string>() : d->dump();
    if (const std::string s = string_param(params, "SourceIdentity"); !s.empty())
        attributes[saml_attribute_name("SourceIdentity")] = s;
    json a = {{"Version", "2.0"},
              {"Issuer", idp.issuer},
              {"Subject", user.subject},
              {"SubjectFormat", kPersistent},
              {"Audience", kSamlAudience},
              {"Recipient", kSamlAudience},
              {"IssueInstant", format_iso8601_seconds(now)},
              {"NotOnOrAfter", format_iso8601_seconds(moved_by(now, valid_for(params, 5 * kMinute)))},
              {"Attributes", std::move(attributes)}};
    if (const std::string s = string_param(params, "SessionNotOnOrAfter"); !s.empty())
        a["SessionNotOnOrAfter"] = format_iso8601_seconds(moved_by(now, parse_duration(s)));
    return a;
}

// The roles a SAML directory user's groups map to, each once.
std::vector<std::string> group_roles(const IdentityProvider& idp, const DirectoryUser& user) {
    std::vector<std::string> roles;
    for (const auto& g : user.groups)
        if (const auto it = idp.group_roles.find(g); it != idp.group_roles.end())
            for (const auto& pair : it->second)
                if (std::find(roles.begin(), roles.end(), pair) == roles.end()) roles.push_back(pair);
    return roles;
}

// A time as a direct step may give it: an ISO time, a duration from now ("8h", "+8h"), or (epoch) seconds.
EpochMs time_param(const json& v, EpochMs now) {
    const bool seconds = v.is_number() && v.get<double>() >= 0 && v.get<double>() < 1e11;
    if (!seconds && (!v.is_string() || v.get_ref<const std::string&>().empty()))
        throw Error("a time is an ISO time, a duration from now (\"8h\") or epoch seconds");
    if (seconds) return static_cast<EpochMs>(v.get<double>() * kSecond);
    const std::string t = v.get<std::string>();
    if (t.find('T') != std::string::npos) return parse_iso8601(t);
    return moved_by(now, parse_duration(t[0] == '+' ? t.substr(1) : t));
}

// Params that steer idp:Authenticate rather than describe what it issues.
bool control_param(const std::string& k) { return k == "ValidFor" || k == "Omit" || k == "Override" || k == "Tamper"; }

json jwt_header(const IdentityProvider& idp) { return {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", idp.actor + "-1"}}; }

// What a direct IdP's step says, as an assertion: its params are the attributes and fields.
json direct_saml(const IdentityProvider& idp, const json& params, EpochMs now) {
    json a = {{"Version", "2.0"},
              {"Issuer", "urn:stslab:idp:" + idp.actor},
              {"SubjectFormat", kPersistent},
              {"Audience", kSamlAudience},
              {"Recipient", kSamlAudience},
              {"IssueInstant", format_iso8601_seconds(now)},
              {"NotOnOrAfter", format_iso8601_seconds(moved_by(now, valid_for(params, 5 * kMinute)))},
              {"Attributes", json::object()}};
    for (auto it = params.begin(); it != params.end(); ++it) {
        const std::string& k = it.key();
        if (control_param(k)) continue;
        if (k == "NameID") a["Subject"] = *it;
        else if (k == "SessionNotOnOrAfter" || k == "NotOnOrAfter") a[k] = format_iso8601_seconds(time_param(*it, now));
        else if (saml_field(k)) a[k] = *it;
        else if (k == "Role") a["Attributes"][saml_attribute_name(k)] = it->is_array() ? *it : json::array({*it});
        else a["Attributes"][saml_attribute_name(k)] = it->is_number() ? json(it->dump()) : *it;
    }
    if (!a.contains("Subject")) a["Subject"] = text_or(a["Attributes"], saml_attribute_name("RoleSessionName"), idp.actor);
    return a;
}

// ... or as an ID token: its params are the claims (exp and iat as times, like direct SAML times).
json direct_token(const IdentityProvider& idp, const json& params, EpochMs now) {
    json claims = {{"iat", now / kSecond}, {"exp", moved_by(now, valid_for(params, kHour)) / kSecond}};
    for (auto it = params.begin(); it != params.end(); ++it) {
        const std::string& k = it.key();
        if (control_param(k)) continue;
        claims[k] = (k == "exp" || k == "iat" || k == "nbf") ? json(time_param(*it, now) / kSecond) : *it;
    }
    return {{"header", jwt_header(idp)}, {"claims", std::move(claims)}};
}

// Identity Center's access-portal session after a sign-in (8 hours by default, howtosessionduration): the token
// sso:GetRoleCredentials takes to pick an account and permission set.
json portal_token(const IdentityProvider& idp, const DirectoryUser& user, const json& params, EpochMs now) {
    return {{"header", jwt_header(idp)},
            {"claims", {{"iss", idp.issuer}, {"sub", user.subject}, {"username", user.name}, {"iat", now / kSecond},
                        {"exp", moved_by(now, valid_for(params, 8 * kHour)) / kSecond}}}};
}

// An OAuth 2.0 access token: an opaque string to the app and to STS; the claims are the provider's own record of
// it, which it consults when STS asks (shown so that a student sees what the provider knows).
json access_token(const IdentityProvider& idp, const DirectoryUser& user, const json& params, EpochMs now) {
    const std::string audience = string_param(params, "Audience");
    if (audience.empty()) throw Error("an OAuth 2.0 sign-in needs params.Audience: the app id the access token is for");
    return {{"access_token", to_hex(sha1(idp.key + user.name + audience + std::to_string(now)))},
            {"claims", {{"app_id", audience}, {"user_id", user.subject}, {"iat", now / kSecond},
                        {"exp", moved_by(now, valid_for(params, kHour)) / kSecond}}}};
}

json id_token(const IdentityProvider& idp, const DirectoryUser* user, const json& params, EpochMs now) {
    json claims = json::object();
    claims["iss"] = idp.issuer;
    if (idp.protocol == IdpProtocol::Cognito) {
        claims["aud"] = idp.identity_pool;
        claims["sub"] = user ? user->subject : cognito_identity_id(idp.identity_pool, "guest/" + string_param(params, "Device"));
        // amr: "authenticated" and the login provider, then PROVIDER:POOL_ID:USER (as Cognito's tokens show it).
        if (user) claims["amr"] = user->login.empty() ? json{"authenticated"} : json{"authenticated", user->login,
                                                                                      user->login + ":" + idp.identity_pool + ":" + user->name};
        else claims["amr"] = {"unauthenticated"};
    } else {
        const std::string audience = string_param(params, "Audience");
        if (audience.empty()) throw Error("an OIDC sign-in needs params.Audience: the client id of the app the token is for");
        claims["aud"] = audience;
        claims["sub"] = user->subject;
    }
    const Duration life = valid_for(params, idp.protocol == IdpProtocol::Cognito ? 10 * kMinute : kHour);
    claims["iat"] = now / kSecond;
    claims["exp"] = moved_by(now, life) / kSecond;
    if (user)
        for (auto it = user->claims.begin(); it != user->claims.end(); ++it) claims[it.key()] = *it;
    if (const std::string s = string_param(params, "SourceIdentity"); !s.empty())
        claims["https://aws.amazon.com/source_identity"] = s;
    return {{"header", jwt_header(idp)}, {"claims", std::move(claims)}};
}

void edit(json& token, const json& changes, const char* what) {
    if (!changes.is_object()) throw Error(std::string(what) + " is an object of names and the values to give them");
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        json& where = slot_object(token, it.key());
        const std::string name = slot_name(token, it.key());
        if (it->is_null()) where.erase(name);
        else where[name] = *it;
    }
}

// The IdP's own choices (a missing attribute, a different audience) happen before it signs; whatever changes the
// token afterwards breaks the signature.
void sign(json& token, const IdentityProvider& idp, const json& params) {
    if (const auto omit = params.find("Omit"); omit != params.end()) {
        if (!omit->is_array()) throw Error("Omit is an array of attribute or claim names");
        for (const auto& n : *omit) {
            if (!n.is_string()) throw Error("Omit is an array of attribute or claim names");
            slot_object(token, n.get<std::string>()).erase(slot_name(token, n.get<std::string>()));
        }
    }
    if (const auto o = params.find("Override"); o != params.end()) edit(token, *o, "Override");
    token[is_saml_assertion(token) ? "Signature" : "signature"] = token_signature(token, idp.key);
    if (const auto t = params.find("Tamper"); t != params.end()) edit(token, *t, "Tamper");
}

}  // namespace

std::string cognito_identity_id(const std::string& pool, const std::string& user) {
    const std::string hex = to_hex(sha1(pool + "/" + user));
    const std::string region = pool.substr(0, pool.find(':'));
    return region + ":" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) +
           "-" + hex.substr(20, 12);
}

const char* to_string(IdpProtocol protocol) {
    switch (protocol) {
        case IdpProtocol::Saml: return "saml";
        case IdpProtocol::Oidc: return "oidc";
        case IdpProtocol::Cognito: return "cognito";
        case IdpProtocol::IdentityCenter: return "identity-center";
        case IdpProtocol::OAuth2: return "oauth2";
        case IdpProtocol::Direct: return "direct";
    }
    return "saml";
}

// Names as Identity Center makes them (referencingpermissionsets, using-service-linked-roles): the 16 hex
// characters are random in AWS; here they derive from the instance, so a scenario's names never change.
std::string IdentityProvider::sso_role_name(const std::string& account, const std::string& permission_set) const {
    return "AWSReservedSSO_" + permission_set + "_" + to_hex(sha1(instance + "/" + account + "/" + permission_set)).substr(0, 16);
}

std::string IdentityProvider::sso_role_path() const {
    // A region segment appears when the instance is not in us-east-1 (observed in AWS accounts).
    return region == "us-east-1" ? "/aws-reserved/sso.amazonaws.com/" : "/aws-reserved/sso.amazonaws.com/" + region + "/";
}

std::string IdentityProvider::sso_provider_name() const {
    return "AWSSSO_" + to_hex(sha1(instance)).substr(0, 16) + "_DO_NOT_DELETE";
}

bool IdentityProvider::sso_assigned(const DirectoryUser& user, const std::string& account,
                                    const std::string& permission_set) const {
    for (const auto& a : assignments) {
        if (a.permission_set != permission_set || std::find(a.accounts.begin(), a.accounts.end(), account) == a.accounts.end())
            continue;
        if (a.principal == user.name || std::find(user.groups.begin(), user.groups.end(), a.principal) != user.groups.end())
            return true;
    }
    return false;
}

nlohmann::json signed_saml_assertion(const IdentityProvider& idp, const DirectoryUser& user,
                                     const std::vector<std::string>& roles, EpochMs now) {
    json a = saml_assertion(idp, user, roles, json::object(), now);
    a["Signature"] = token_signature(a, idp.key);
    return a;
}

// SAML attributes AWS maps to saml: condition keys: the tables of id_roles_providers_create_saml_assertions
// ("Mapping SAML attributes to AWS trust policy context keys": eduPerson and eduOrg, Active Directory, X.500),
// with the key names of reference_policies_iam-condition-keys.
const std::vector<std::pair<const char*, const char*>>& saml_condition_attributes() {
    static const std::vector<std::pair<const char*, const char*>> attributes = {
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "edupersonaffiliation"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.2", "edupersonnickname"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.3", "edupersonorgdn"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.4", "edupersonorgunitdn"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.5", "edupersonprimaryaffiliation"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "edupersonprincipalname"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "edupersonentitlement"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.8", "edupersonprimaryorgunitdn"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.9", "edupersonscopedaffiliation"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.10", "edupersontargetedid"},
        {"urn:oid:1.3.6.1.4.1.5923.1.1.1.11", "edupersonassurance"},
        {"urn:oid:1.3.6.1.4.1.5923.1.2.1.2", "eduorghomepageuri"},
        {"urn:oid:1.3.6.1.4.1.5923.1.2.1.3", "eduorgidentityauthnpolicyuri"},
        {"urn:oid:1.3.6.1.4.1.5923.1.2.1.4", "eduorglegalname"},
        {"urn:oid:1.3.6.1.4.1.5923.1.2.1.5", "eduorgsuperioruri"},
        {"urn:oid:1.3.6.1.4.1.5923.1.2.1.6", "eduorgwhitepagesuri"},
        {"urn:oid:2.5.4.3", "cn"},
        {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "name"},
        {"http://schemas.xmlsoap.org/claims/CommonName", "commonName"},
        {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "givenName"},
        {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "surname"},
        {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "mail"},
        {"http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid", "uid"},
        // The X.500 table's attributes, named as a SAML assertion names them (urn:oid:OID); urn:oid:2.5.4.3 is the
        // eduPerson table's cn above.
        {"urn:oid:2.5.4.4", "surname"},
        {"urn:oid:2.5.4.42", "givenName"},
        {"urn:oid:2.5.4.45", "x500UniqueIdentifier"},
        {"urn:oid:0.9.2342.19200300.100.1.1", "uid"},
        {"urn:oid:0.9.2342.19200300.100.1.3", "mail"},
        {"urn:oid:0.9.2342.19200300.100.1.45", "organizationStatus"},
    };
    return attributes;
}

std::string saml_attribute_name(const std::string& name) {
    if (name.rfind("http", 0) == 0 || name.rfind("urn:", 0) == 0) return name;
    // A short name that is a saml: key's ("mail", "uid", "eduPersonAffiliation") is the attribute AWS maps to that
    // key, as a directory sends it (its urn:oid: name where the tables give one), so that saml:mail can be tested.
    const char* mapped = nullptr;
    for (const auto& [attribute, key] : saml_condition_attributes()) {
        if (!equal_ignoring_case(name, key)) continue;
        const bool oid = std::string_view(attribute).rfind("urn:oid:", 0) == 0;
        if (mapped == nullptr || oid) mapped = attribute;
        if (oid) break;  // the first urn:oid: name wins
    }
    return mapped ? std::string(mapped) : kSamlAttributePrefix + name;
}

bool is_saml_assertion(const nlohmann::json& token) { return token.is_object() && !token.contains("claims"); }

std::string token_signature(const nlohmann::json& token, const std::string& key) {
    json content = token;
    if (content.is_object()) {
        content.erase("Signature");
        content.erase("signature");
    }
    return to_hex(sha1(key + "\n" + content.dump()));
}

bool signature_valid(const nlohmann::json& token, const std::string& key) {
    const char* field = is_saml_assertion(token) ? "Signature" : "signature";
    const auto it = token.find(field);
    return it != token.end() && it->is_string() && *it == token_signature(token, key);
}

bool direct_oidc(const nlohmann::json& params) {
    return params.is_object() && (params.contains("iss") || params.contains("sub") || params.contains("aud"));
}

IdpAnswer authenticate(const IdentityProvider& idp, const nlohmann::json& params, EpochMs now) {
    IdpAnswer out;
    const bool saml = idp.protocol == IdpProtocol::Saml || (idp.protocol == IdpProtocol::Direct && !direct_oidc(params));
    out.what = saml                                          ? "SAML assertion"
               : idp.protocol == IdpProtocol::IdentityCenter ? "access portal token"
               : idp.protocol == IdpProtocol::OAuth2         ? "access token"
                                                             : "ID token";
    try {
        if (idp.protocol == IdpProtocol::Direct) {
            out.token = saml ? direct_saml(idp, params, now) : direct_token(idp, params, now);
            sign(out.token, idp, params);
            out.ok = true;
            return out;
        }
        const std::string name = string_param(params, "User");
        const auto g = params.find("Unauthenticated");
        if (g != params.end() && !g->is_boolean()) throw Error("Unauthenticated is true or false");
        const bool guest = g != params.end() && g->get<bool>();
        const DirectoryUser* user = nullptr;
        if (guest) {
            if (idp.protocol != IdpProtocol::Cognito) throw Error("only a Cognito identity pool has unauthenticated (guest) identities");
            if (!idp.allow_unauthenticated) {
                out.error_code = "NotAuthorizedException";
                out.error_message = "Unauthenticated access is not supported for this identity pool.";
                return out;
            }
        } else {
            const auto it = idp.users.find(name);
            if (it == idp.users.end()) {
                out.error_code = "AuthenticationFailed";
                out.error_message = "there is no user \"" + name + "\" in the directory of " + idp.actor;
                return out;
            }
            user = &it->second;
        }
        switch (idp.protocol) {
            case IdpProtocol::Saml: out.token = saml_assertion(idp, *user, group_roles(idp, *user), params, now); break;
            case IdpProtocol::IdentityCenter: out.token = portal_token(idp, *user, params, now); break;
            case IdpProtocol::OAuth2: out.token = access_token(idp, *user, params, now); break;
            default: out.token = id_token(idp, user, params, now);
        }
        sign(out.token, idp, params);
        out.ok = true;
    } catch (const std::exception& e) {  // a bad value a handler's template produced (a step's is refused at load)
        out.ok = false;
        out.token = nullptr;
        out.error_code = "ValidationError";
        out.error_message = e.what();
    }
    return out;
}

}  // namespace stslab::aws
