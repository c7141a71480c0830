// Identity providers outside AWS, run by a scenario's idp actors (facts §6; IAM User Guide id_roles_providers_saml,
// id_roles_providers_oidc, id_roles_providers_oidc_cognito): a SAML 2.0 IdP with a corporate directory whose
// groups map to roles, an OpenID Connect provider (Google-like, or a company's own), and a Cognito identity pool.
//
// authenticate() signs a user in and issues what the IdP hands back: a SAML assertion (the decoded content of a
// SAMLResponse) or an OIDC ID token (the decoded claims of a JWT), as JSON a student can read. Both carry a
// signature made with the IdP's key; STS checks it against the key it trusts for the issuer (the metadata uploaded
// to the IAM SAML provider, or the OIDC issuer's published keys), so content changed after signing is detected.
#pragma once

#include "core/time.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace stslab::aws {

// SAML 2.0; OpenID Connect (ID tokens); a Cognito identity pool; OAuth 2.0 access tokens of Login with Amazon
// or Facebook (opaque to STS, which asks the provider about them); IAM Identity Center.
// Direct: an idp actor without a directory ("kind": "idp" and no "idp" object), whose idp:Authenticate issues
// exactly what its params state: SAML attributes (Role, RoleSessionName, SessionNotOnOrAfter, ...) or OIDC claims
// (iss, sub, aud, exp, ...), as the shared format page describes the step.
enum class IdpProtocol : std::uint8_t { Saml, Oidc, Cognito, OAuth2, IdentityCenter, Direct };
const char* to_string(IdpProtocol protocol);  // "saml", "oidc", "cognito", "oauth2", "identity-center", "direct"

// Whether direct idp:Authenticate params describe an OIDC token (they name iss, sub or aud) rather than a SAML
// assertion.
bool direct_oidc(const nlohmann::json& params);

struct DirectoryUser {
    std::string name;
    std::vector<std::string> groups;  // SAML: each group's roles go into the Role attribute
    std::string subject;              // SAML NameID / OIDC sub / Cognito identity id; default derived from the name
    std::string login;                // Cognito: the login provider that authenticated the user ("accounts.google.com")
    nlohmann::json claims = nlohmann::json::object();  // extra attributes (SAML, short names allowed) or claims (OIDC)
};

// IAM Identity Center: a permission set becomes a role in each account it is assigned to
// (AWSReservedSSO_NAME_SUFFIX under /aws-reserved/sso.amazonaws.com/), assumed through a SAML provider there.
struct PermissionSet {
    std::string name;
    nlohmann::json policies = nlohmann::json::object();  // inline policy name -> document
    std::int64_t session_seconds = 3600;  // 1 to 12 hours (howtosessionduration)
};
struct SsoAssignment {
    std::string principal;  // a user or a group of the directory
    std::string permission_set;
    std::vector<std::string> accounts;
};

struct IdentityProvider {
    std::string actor;  // the idp actor that runs it
    IdpProtocol protocol = IdpProtocol::Saml;
    std::string issuer;  // SAML entity id; the OIDC "iss" URL (Cognito: https://cognito-identity.amazonaws.com); OAuth 2.0:
                         // the provider's host (www.amazon.com, graph.facebook.com)
    std::string identity_pool;  // Cognito: the identity pool id ("us-east-1:<guid>"), the tokens' audience
    bool allow_unauthenticated = false;  // Cognito: guest identities
    std::map<std::string, DirectoryUser> users;
    std::map<std::string, std::vector<std::string>> group_roles;  // SAML: group -> ["ROLE_ARN,PROVIDER_ARN", ...]
    std::string key;  // the signing key, drawn from the run's generator when the run starts
    std::set<std::string> direct_issuers;  // Direct: the "iss" values its tokens named (it publishes keys for them)
    // Identity Center only.
    std::string instance;        // "ssoins-..." (derives the role and provider names)
    std::string region = "us-east-1";
    std::string portal_account;  // where the instance lives (its GetRoleCredentials calls are recorded there)
    std::map<std::string, PermissionSet> permission_sets;
    std::vector<SsoAssignment> assignments;

    // The role and SAML provider a permission set is in an account; whether `user` (directly or through a group)
    // is assigned it there.
    std::string sso_role_name(const std::string& account, const std::string& permission_set) const;
    std::string sso_role_path() const;
    std::string sso_provider_name() const;
    bool sso_assigned(const DirectoryUser& user, const std::string& account, const std::string& permission_set) const;
};

// The SAML assertion an IdP (SAML or Identity Center) signs for `user` offering `roles` ("ROLE_ARN,PROVIDER_ARN").
nlohmann::json signed_saml_assertion(const IdentityProvider& idp, const DirectoryUser& user,
                                     const std::vector<std::string>& roles, EpochMs now);

// The full name of a SAML attribute: "RoleSessionName" -> "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
// but a saml: key's short name ("mail") -> the attribute AWS maps to it ("urn:oid:0.9.2342.19200300.100.1.3");
// names that are already URLs or URNs stay as they are.
std::string saml_attribute_name(const std::string& name);
// The SAML attributes AWS maps to saml: condition keys, as (attribute name, key name without "saml:").
const std::vector<std::pair<const char*, const char*>>& saml_condition_attributes();
constexpr const char* kSamlAudience = "https://signin.aws.amazon.com/saml";
constexpr const char* kCognitoIssuer = "https://cognito-identity.amazonaws.com";

// Cognito identity ids look like "us-east-1:0f2c7e1c-...": the pool's region and a GUID, here derived from the
// pool and the user so that a scenario's ids never change.
std::string cognito_identity_id(const std::string& pool, const std::string& user);

// The parameters idp:Authenticate takes are documented in scenarios/README.md ("Identity providers").
struct IdpAnswer {
    bool ok = false;
    std::string error_code;
    std::string error_message;
    nlohmann::json token;  // the assertion or ID token
    std::string what;      // "SAML assertion", "ID token"
};
IdpAnswer authenticate(const IdentityProvider& idp, const nlohmann::json& params, EpochMs now);

// The signature of a token (its content without the signature member) under `key`, and whether a token's
// signature is the one `key` makes.
std::string token_signature(const nlohmann::json& token, const std::string& key);
bool signature_valid(const nlohmann::json& token, const std::string& key);
// Whether a token's "exp" claim (a number of epoch seconds, JSON's number of any size) is at or before `now`: compared
// as doubles, so that an exp of 9223372036854775807 or 1e300 is far in the future, not an overflow.
inline bool exp_passed(const nlohmann::json& exp, EpochMs now) {
    return exp.get<double>() * static_cast<double>(kSecond) <= static_cast<double>(now);
}

// The names of a token's parts, for messages: "SAML assertion" or "ID token"; the field holding the signature.
bool is_saml_assertion(const nlohmann::json& token);

}  // namespace stslab::aws
