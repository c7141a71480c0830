// STS for federated users: AssumeRoleWithSAML and AssumeRoleWithWebIdentity (facts §2, §6; STS API Reference
// API_AssumeRoleWithSAML, API_AssumeRoleWithWebIdentity; IAM User Guide troubleshoot_saml,
// id_roles_providers_create_saml_assertions, reference_policies_iam-condition-keys, cloudtrail-integration).
//
// Both calls are unsigned: whoever holds the assertion or token may make them. STS checks the IdP's signature,
// the issuer, the audience and the expiry, then the role's trust policy with a Federated principal (the SAML
// provider ARN, or the OIDC provider ARN / well-known host) and the condition keys the assertion or token gives.
//
// Where AWS does not publish an error's code or wording, the sandbox's choice is marked "sandbox:" below and in
// scenarios/README.md.
#include "aws/sts_internal.hpp"
#include "core/json_parse.hpp"
#include "core/sha1.hpp"
#include "core/text.hpp"
#include "iam/arn.hpp"

#include <algorithm>

namespace stslab::aws {
namespace {

using nlohmann::json;
using namespace sts_detail;

// Reads SAMLAssertion / WebIdentityToken: the object idp:Authenticate saved (the runner puts it in place of
// "@NAME"), or the same as JSON text. A missing or wrong-length value is a validation error; anything that is not
// an assertion or token is nullopt, and the caller answers InvalidIdentityToken.
std::optional<json> token_param(const ApiCall& call, const char* name, const char* member, std::size_t max_len,
                                ParamValidator& v) {
    const auto it = call.params.find(name);
    if (it == call.params.end() || it->is_null()) {
        v.missing(member);
        return std::nullopt;
    }
    if (it->is_object()) return *it;
    if (!it->is_string()) return json();
    const std::string text = it->get<std::string>();
    if (text.size() < 4 || text.size() > max_len) {
        v.string(name, member, true, 4, max_len);
        return std::nullopt;
    }
    json parsed = parse_json_or_discard(text);
    return parsed.is_object() ? parsed : json();
}

std::string text_member(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_array() && !it->empty() && it->front().is_string()) return it->front().get<std::string>();
    return {};
}

// AWS's SAML sign-in endpoint, https://signin.aws.amazon.com/saml, or a Region's, https://REGION.signin.aws.amazon.com/saml;
// either may end in /acs/IdP-ID, the provider's unique identifier, which SAML encryption requires ("the sign-in URL
// includes the unique identifier, which requires /acs/ to be appended to the sign-in path",
// id_roles_providers_create_saml_assertions). The sandbox's providers have no such identifier: any one is taken. "For
// the AWS value, you can also use https://signin.aws.amazon.com/static/saml" (the same page).
bool aws_saml_endpoint(std::string url) {
    if (url == "https://signin.aws.amazon.com/static/saml") return true;
    if (const std::size_t acs = url.rfind("/saml/acs/");
        acs != std::string::npos && acs + 10 < url.size() && url.find('/', acs + 10) == std::string::npos)
        url.erase(acs + 5);
    if (url == kSamlAudience) return true;
    const std::string scheme = "https://", tail = ".signin.aws.amazon.com/saml";
    if (url.size() <= scheme.size() + tail.size() || url.compare(0, scheme.size(), scheme) != 0 ||
        url.compare(url.size() - tail.size(), tail.size(), tail) != 0)
        return false;
    const std::string region = url.substr(scheme.size(), url.size() - scheme.size() - tail.size());
    return region.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
}

std::vector<std::string> text_list(const json& v) {
    std::vector<std::string> out;
    if (v.is_string()) out.push_back(v.get<std::string>());
    else if (v.is_array())
        for (const auto& e : v) out.push_back(e.is_string() ? e.get<std::string>() : e.dump());
    else if (!v.is_null()) out.push_back(v.dump());
    return out;
}

// RoleSessionName and SourceIdentity from an assertion: 2..64 of [\w+=,.@-].
bool valid_session_name(const std::string& s) { return s.size() >= 2 && s.size() <= 64 && matches_pattern(s, Pattern::SessionName); }

// What STS read from the assertion or token, shared by both calls' last half.
struct Federation {
    iam::Principal principal;  // SAMLUser or WebIdentityUser
    std::string session_name;
    std::string source_identity;
    std::map<std::string, std::string> tags;
    std::vector<std::string> transitive;
    json keys = json::object();  // the IdP's condition keys for the trust policy: key -> string or array
    json later_keys = json::object();  // those that later requests of the session carry too
    std::optional<EpochMs> session_not_on_or_after;
    std::int64_t max_seconds = 43200;  // SAML SessionDuration can shorten the session
};

// The trust evaluation and the new session: the part both calls share with AssumeRole (sts.cpp). False when
// `result` holds an error.
bool federated_session(ServiceContext& sc, const ApiCall& call, const char* action, const Role& role, Federation& f,
                       Credential c, std::optional<std::int64_t> duration, std::size_t packed, ApiResult& result) {
    // "Operations that support session tagging can fail if ... You pass more than 50 session tags. The plain text of
    // your session tag keys exceeds 128 characters. The plain text of your session tag values exceeds 256
    // characters." (id_session-tags; AssumeRoleWithSAML and AssumeRoleWithWebIdentity among them). AWS publishes
    // no code for tags from an assertion or token: the sandbox checks them, and answers, as AssumeRole does for its
    // Tags parameter.
    ParamValidator tags(call.params);
    if (f.tags.size() > 50)
        tags.add("Value '" + std::to_string(f.tags.size()) + " tags' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    std::size_t n = 0;
    for (const auto& [k, v] : f.tags) check_tag(k, v, ++n, tags);
    if (!tags.ok()) {
        fail(result, "ValidationError", tags.message(), 400);
        return false;
    }
    Caller caller;
    caller.principal = f.principal;
    iam::RequestContext ctx = request_context(sc, caller, call.extra_context);
    for (auto it = f.keys.begin(); it != f.keys.end(); ++it) set_context_key(ctx, it.key(), *it);
    add_session_tag_keys(ctx, f.tags, f.transitive);
    if (!f.source_identity.empty()) ctx.set("sts:SourceIdentity", f.source_identity);
    ctx.set("sts:RoleSessionName", f.session_name);  // the API pages point administrators to it for both calls
    add_resource_tags(ctx, "iam", role.tags);
    // The trust policy must allow the call itself, sts:TagSession for the assertion's tags, and
    // sts:SetSourceIdentity for its source identity (troubleshoot_saml).
    std::vector<const char*> actions = {action};
    if (!f.tags.empty()) actions.push_back("sts:TagSession");
    if (!f.source_identity.empty()) actions.push_back("sts:SetSourceIdentity");
    for (const char* a : actions) {
        if (!authorize(sc, caller, a, role.arn, role.account, &role.trust, ctx, result).allowed()) {
            access_denied(result, std::string("Not authorized to perform ") + action);
            return false;
        }
    }
    std::int64_t seconds = duration.value_or(kHourSeconds);
    if (seconds > role.max_session_duration) {
        fail(result, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 400);
        return false;
    }
    Duration lifetime = std::min(seconds, f.max_seconds) * kSecond;
    // Never past the assertion's SessionNotOnOrAfter (API_AssumeRoleWithSAML: "whichever is shorter").
    if (f.session_not_on_or_after) {
        const Duration left = *f.session_not_on_or_after - (sc.start + sc.now);
        if (left <= 0) {
            fail(result, "ExpiredTokenException", "Response has expired", 400);
            return false;
        }
        lifetime = std::min(lifetime, left);
    }
    for (const auto& [k, v] : f.tags) packed += utf8_length(k) + utf8_length(v);
    if (!packed_policy_fits(packed, result)) return false;
    c.session_tags = f.tags;
    c.transitive_tag_keys = f.transitive;
    c.source_identity = f.source_identity;
    c.session_keys = f.later_keys;
    if (!call.identity_store_user_id.empty()) c.session_keys["identitystore:UserId"] = call.identity_store_user_id;
    c.chain_depth = 1;
    c.duration_without_user_keys = duration.has_value() && !call.by_identity_center;  // never an IAM user's keys
    make_role_session(c, c.kind, role, f.session_name);
    Secrets secrets;
    const Credential& issued = issue(sc, call, std::move(c), lifetime, caller, secrets);
    result.ok = true;
    result.issued_key = issued.access_key_id;
    result.response = role_session_response(sc, issued, secrets, packed);
    return true;
}

// SubjectType: the NameID format without the urn:oasis:names:tc:SAML:2.0:nameid-format: prefix.
std::string subject_type(const std::string& format) {
    const std::string prefix = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
    return format.compare(0, prefix.size(), prefix) == 0 ? format.substr(prefix.size()) : format;
}

// The saml: condition key of a SAML attribute (saml_condition_attributes), or of an attribute given by its short
// name; "" for one AWS does not map.
std::string saml_key_of(const std::string& attribute) {
    for (const auto& [name, key] : saml_condition_attributes())
        if (attribute == name) return std::string("saml:") + key;
    if (attribute.find(':') == std::string::npos && attribute.find('/') == std::string::npos) return "saml:" + attribute;
    return {};
}

}  // namespace

ApiResult sts_assume_role_with_saml(ServiceContext& sc, const ApiCall& call, const Caller&) {
    ApiResult result;
    ParamValidator v(call.params);
    const auto role_arn = v.string("RoleArn", "roleArn", true, 20, 2048);
    const auto provider_arn = v.string("PrincipalArn", "principalArn", true, 20, 2048);
    const auto assertion = token_param(call, "SAMLAssertion", "sAMLAssertion", 100000, v);
    const auto duration = v.integer("DurationSeconds", "durationSeconds", false, 900, 43200);
    Credential c;
    c.kind = CredentialKind::SAML;
    std::size_t packed = 0;
    if (!read_session_policies(sc, call, v, c, result, packed, arn_account(role_arn))) return result;
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return result;
    }
    if (!role_arn_well_formed(*role_arn, result)) return result;
    const auto parsed_role = iam::Arn::parse(*role_arn);
    result.recipient_account = parsed_role ? parsed_role->account : std::string();
    auto invalid = [&](const std::string& message) {
        fail(result, "InvalidIdentityToken", message, 400);
        return result;
    };
    const json& a = *assertion;
    if (!a.is_object() || !a.contains("Issuer")) return invalid("Invalid SAML response: no SAML assertion could be read from SAMLAssertion");
    // sandbox: AWS documents this message (troubleshoot_saml) but not its code.
    const SamlProvider* provider = sc.world.saml_provider(*provider_arn);
    if (!provider) return invalid("Specified provider doesn't exist.");
    // The provider holds one IdP's metadata; one declared without (in a scenario whose idp actors have no
    // directory) trusts those direct IdPs.
    const IdentityProvider* signer = nullptr;
    for (const auto& [name, idp] : sc.world.identity_providers) {
        const bool trusted = provider->metadata.empty() ? idp.protocol == IdpProtocol::Direct : name == provider->metadata;
        if (trusted && signature_valid(a, idp.key)) signer = &idp;
    }
    if (signer == nullptr) return invalid("Response signature invalid");
    const std::string issuer = text_member(a, "Issuer");
    if (!provider->metadata.empty() && issuer != signer->issuer) return invalid("Issuer not present in specified provider");
    const std::string audience = text_member(a, "Audience");
    if (audience != kSamlAudience && audience != "urn:amazon:webservices")
        return invalid("Response does not contain the required audience");  // sandbox: code not published
    // "exactly one SubjectConfirmation element with a SubjectConfirmationData element that includes both the
    // NotOnOrAfter attribute and a Recipient attribute", the Recipient "must match the AWS endpoint"
    // (id_roles_providers_create_saml_assertions). sandbox: AWS publishes neither refusal's text.
    const std::string not_after = text_member(a, "NotOnOrAfter");
    if (not_after.empty()) return invalid("Invalid SAML response: its SubjectConfirmationData has no NotOnOrAfter");
    if (!aws_saml_endpoint(text_member(a, "Recipient")))
        return invalid("Invalid SAML response: its SubjectConfirmationData's Recipient is not an AWS sign-in endpoint "
                       "(" + std::string(kSamlAudience) + ")");
    const EpochMs now = sc.start + sc.now;
    if (parse_iso8601(not_after) <= now) {
        fail(result, "ExpiredTokenException", "Response has expired", 400);
        return result;
    }
    const json attributes = a.value("Attributes", json::object());
    const auto attribute = [&](const char* name) { return text_member(attributes, saml_attribute_name(name).c_str()); };
    const std::string session = attribute("RoleSessionName");
    if (session.empty()) return invalid("RoleSessionName is required in AuthnResponse");
    if (!valid_session_name(session)) return invalid("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
    Federation f;
    f.session_name = session;
    f.source_identity = attribute("SourceIdentity");
    if (!f.source_identity.empty() && (!valid_session_name(f.source_identity) || f.source_identity.rfind("aws:", 0) == 0))
        return invalid("Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"");
    const std::string subject = text_member(a, "Subject");
    const std::string denied = "Not authorized to perform sts:AssumeRoleWithSAML";

    // The role must be one the assertion offers, with this provider ("ROLE_ARN,PROVIDER_ARN", either order).
    bool offered = false;
    for (const auto& pair : text_list(attributes.value(saml_attribute_name("Role"), json())))
        offered = offered || pair == *role_arn + "," + *provider_arn || pair == *provider_arn + "," + *role_arn;
    const Role* role = sc.world.role(*role_arn);
    // Identity Center's roles are assumed only by Identity Center (API_AssumeRoleWithSAML: "will not work on IAM
    // Identity Center managed roles"; AWS gives no message for it).
    const bool sso_role = role && role->name.rfind("AWSReservedSSO_", 0) == 0 && !call.by_identity_center;
    const std::string provider_name = provider_arn->substr(provider_arn->rfind('/') + 1);
    const std::string provider_account = iam::Arn::parse(*provider_arn)->account;
    const std::string name_qualifier = base64(sha1(issuer + provider_account + "/" + provider_name));
    // A valid assertion names its user: CloudTrail records who was refused as it records who was let in, as for a
    // web identity (cloudtrail-event-reference-user-identity, SAMLUser).
    if (!subject.empty())
        result.trail_identity = TrailIdentity::outside("SAMLUser", name_qualifier + ":" + subject, subject, name_qualifier);
    if (subject.empty() || !offered || !role || sso_role) {
        access_denied(result, denied);
        return result;
    }
    const std::string recipient = text_member(a, "Recipient");
    const std::string sub_type = subject_type(text_member(a, "SubjectFormat"));
    f.principal.type = iam::PrincipalType::SAMLUser;
    f.principal.arn = *provider_arn;
    f.principal.name = subject;
    f.keys = {{"saml:aud", recipient}, {"saml:iss", issuer}, {"saml:sub", subject}, {"saml:sub_type", sub_type},
              {"saml:namequalifier", name_qualifier}, {"saml:doc", provider_account + "/" + provider_name}};
    if (recipient.empty()) f.keys.erase("saml:aud");
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        const std::string& name = it.key();
        const std::string tag_prefix = saml_attribute_name("PrincipalTag:");
        if (name.compare(0, tag_prefix.size(), tag_prefix) == 0) f.tags[name.substr(tag_prefix.size())] = text_member(attributes, name.c_str());
        else if (const std::string key = saml_key_of(name); !key.empty()) f.keys[key] = *it;
    }
    f.transitive = text_list(attributes.value(saml_attribute_name("TransitiveTagKeys"), json()));
    // In the role's permission policies only these three are available (reference_policies_iam-condition-keys).
    f.later_keys = {{"saml:namequalifier", name_qualifier}, {"saml:sub", subject}, {"saml:sub_type", sub_type}};
    if (const std::string d = attribute("SessionDuration"); !d.empty() && d.find_first_not_of("0123456789") == std::string::npos && d.size() < 7)
        f.max_seconds = std::stoll(d);  // "can be used to shorten the duration of the session"
    if (const std::string s = text_member(a, "SessionNotOnOrAfter"); !s.empty()) f.session_not_on_or_after = parse_iso8601(s);

    json params = {{"roleArn", *role_arn}, {"principalArn", *provider_arn}, {"roleSessionName", session},
                   {"sAMLAssertionID", "_" + to_hex(sha1(a.dump())).substr(0, 32)}};
    if (duration) params["durationSeconds"] = *duration;
    if (!f.source_identity.empty()) params["sourceIdentity"] = f.source_identity;
    if (!f.tags.empty()) params["principalTags"] = f.tags;
    if (!f.transitive.empty()) params["transitiveTagKeys"] = f.transitive;
    result.trail_parameters = params;
    if (!federated_session(sc, call, "sts:AssumeRoleWithSAML", *role, f, std::move(c), duration, packed, result)) return result;
    result.response["Subject"] = subject;
    result.response["SubjectType"] = sub_type;
    result.response["Issuer"] = issuer;
    result.response["Audience"] = recipient;
    result.response["NameQualifier"] = name_qualifier;
    return result;
}

namespace {

// What STS established from a web identity token: which provider vouches for whom, for which app, and the
// condition keys it gives (HOST:aud, HOST:sub, ...).
struct WebClaims {
    std::string provider;  // the IAM OIDC provider's ARN, or the host of a well-known provider
    std::string host;      // the key prefix
    std::string aud, sub;
    json keys = json::object();
    json claims = json::object();
};

// An OpenID Connect ID token (a JWT): the issuer's provider in the role's account (or a well-known issuer), the
// signature with the issuer's published keys, the expiry, the audience. False when `result` holds the error.
bool read_id_token(const ServiceContext& sc, const json& token, const std::string& role_account, WebClaims& w, ApiResult& result) {
    auto invalid = [&](const std::string& message) {
        fail(result, "InvalidIdentityToken", message, 400);
        return false;
    };
    if (!token.is_object() || !token.contains("claims") || !token["claims"].is_object())
        return invalid("The web identity token that was passed could not be read as a JSON web token");  // sandbox wording
    w.claims = token["claims"];
    const std::string iss = text_member(w.claims, "iss");
    if (iss.empty()) return invalid("Missing a required claim: iss");
    if (!w.claims.contains("aud")) return invalid("Missing a required claim: aud");
    // Both are required of an ID token (OpenID Connect Core 2); STS's answer for a token without sub is recorded
    // (aws-actions/configure-aws-credentials#502), the one for exp is taken to be the same.
    if (!w.claims.contains("sub")) return invalid("Missing a required claim: sub");
    if (!w.claims.contains("exp") || !w.claims["exp"].is_number()) return invalid("Missing a required claim: exp");
    w.host = iss.compare(0, 8, "https://") == 0 ? iss.substr(8) : iss;  // a trailing slash kept (loader_world.cpp)
    // "The JWTs from GetWebIdentityToken cannot be used for OpenID Connect (OIDC) federation into the same partition"
    // (id_roles_providers_outbound_cross_partition): the sandbox has one partition. The text is the sandbox's.
    if (ends_with(w.host, ".tokens.sts.global.api.aws"))
        return invalid("A web identity token from sts:GetWebIdentityToken cannot be used with AssumeRoleWithWebIdentity in "
                       "the partition that issued it");
    const bool well_known = w.host == "accounts.google.com" || w.host == "cognito-identity.amazonaws.com";
    const OidcProvider* oidc = nullptr;
    if (!well_known) {
        const Account* acct = sc.world.account(role_account);
        if (acct != nullptr)
            if (const auto it = acct->oidc_providers.find(w.host); it != acct->oidc_providers.end()) oidc = &it->second;
        if (oidc == nullptr) return invalid("No OpenIDConnect provider found in your account for " + iss);
    }
    // The issuer's published keys: every identity pool's token is Cognito's, checked with Cognito's keys, whichever
    // pool it came from (its aud names the pool, which the role's trust checks).
    const std::vector<const IdentityProvider*> signers = sc.world.idps_by_issuer(iss);
    if (signers.empty())
        return invalid("Couldn't retrieve verification key from your identity provider,  please reference "
                       "AssumeRoleWithWebIdentity documentation for requirements");
    if (std::none_of(signers.begin(), signers.end(), [&](const IdentityProvider* s) { return signature_valid(token, s->key); }))
        return invalid("The signature of the web identity token is not valid");  // sandbox wording
    const EpochMs now = sc.start + sc.now;
    const auto exp = w.claims.find("exp");
    // "IAM provides a five minute window beyond the expiry time specified in the JWT to account for clock skew, as
    // allowed by the OpenID Connect (OIDC) Core 1.0 standard. This means OIDC JWTs received by IAM after the expiration
    // time but within this five minute window are accepted for further evaluation and processing" (id_roles_providers_oidc).
    constexpr EpochMs kClockSkew = 5 * 60 * kSecond;
    if (exp != w.claims.end() && exp->is_number() && exp_passed(*exp, now - kClockSkew)) {
        fail(result, "ExpiredTokenException", "Token expired: current date/time " + std::to_string(now / kSecond) +
                                                  " must be before the expiration date/time " + exp->dump(),
             400);
        return false;
    }
    w.aud = text_member(w.claims, "aud");
    if (oidc && std::find(oidc->client_ids.begin(), oidc->client_ids.end(), w.aud) == oidc->client_ids.end())
        return invalid("Incorrect token audience");
    w.sub = text_member(w.claims, "sub");
    w.provider = oidc ? oidc->arn : w.host;
    // HOST:aud, HOST:sub, HOST:amr, ... (reference_policies_iam-condition-keys). Google: :aud is azp when the token
    // has one, and :oaud the token's aud.
    const std::string azp = text_member(w.claims, "azp");
    w.keys[w.host + ":aud"] = w.host == "accounts.google.com" && !azp.empty() ? azp : w.aud;
    w.keys[w.host + ":sub"] = w.sub;
    if (w.host == "accounts.google.com") w.keys[w.host + ":oaud"] = w.aud;
    if (!azp.empty()) w.keys[w.host + ":azp"] = azp;
    if (w.claims.contains("amr")) w.keys[w.host + ":amr"] = w.claims["amr"];
    if (oidc && w.claims.contains("email")) w.keys[w.host + ":email"] = w.claims["email"];  // observed to work; not documented
    return true;
}

// An OAuth 2.0 access token of Login with Amazon or Facebook (ProviderId): opaque to STS, which asks the provider
// to vouch for it. The provider refuses a token it did not issue, or one that expired (IDPRejectedClaim).
bool read_access_token(const ServiceContext& sc, const json& token, const std::string& provider_id, WebClaims& w, ApiResult& result) {
    if (provider_id != "www.amazon.com" && provider_id != "graph.facebook.com") {
        fail(result, "InvalidIdentityToken", "ProviderId " + provider_id + " is not supported: OAuth 2.0 access tokens are "
                                             "accepted from www.amazon.com and graph.facebook.com",  // sandbox wording
             400);
        return false;
    }
    const IdentityProvider* idp = nullptr;
    for (const auto& [n, p] : sc.world.identity_providers)
        if (p.protocol == IdpProtocol::OAuth2 && p.issuer == provider_id) idp = &p;
    if (idp == nullptr) {
        fail(result, "IDPCommunicationError",
             "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the "
             "incoming identity token could not be reached",
             400);
        return false;
    }
    w.claims = token.is_object() ? token.value("claims", json::object()) : json::object();
    const auto exp = w.claims.find("exp");
    const bool known = token.is_object() && signature_valid(token, idp->key);
    if (!known || exp == w.claims.end() || !exp->is_number() || exp_passed(*exp, sc.start + sc.now)) {
        fail(result, "IDPRejectedClaim", provider_id + ": " + provider_id + " responded with HTTP/1.1 400 Bad Request", 403);
        return false;
    }
    w.provider = w.host = provider_id;
    w.aud = text_member(w.claims, "app_id");
    w.sub = text_member(w.claims, "user_id");
    // graph.facebook.com:app_id / :id, www.amazon.com:app_id / :user_id (reference_policies_iam-condition-keys).
    w.keys[provider_id + ":app_id"] = w.aud;
    w.keys[provider_id + (provider_id == "graph.facebook.com" ? ":id" : ":user_id")] = w.sub;
    return true;
}

}  // namespace

ApiResult sts_assume_role_with_web_identity(ServiceContext& sc, const ApiCall& call, const Caller&) {
    ApiResult result;
    ParamValidator v(call.params);
    const auto role_arn = v.string("RoleArn", "roleArn", true, 20, 2048);
    const auto session = v.string("RoleSessionName", "roleSessionName", true, 2, 64, Pattern::SessionName);
    const auto token = token_param(call, "WebIdentityToken", "webIdentityToken", 20000, v);
    const auto provider_id = v.string("ProviderId", "providerId", false, 4, 2048);
    const auto duration = v.integer("DurationSeconds", "durationSeconds", false, 900, 43200);
    Credential c;
    c.kind = CredentialKind::WebIdentity;
    std::size_t packed = 0;
    if (!read_session_policies(sc, call, v, c, result, packed, arn_account(role_arn))) return result;
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return result;
    }
    if (!role_arn_well_formed(*role_arn, result)) return result;
    const auto parsed_role = iam::Arn::parse(*role_arn);
    const std::string role_account = parsed_role ? parsed_role->account : std::string();
    result.recipient_account = role_account;
    WebClaims w;
    if (provider_id ? !read_access_token(sc, *token, *provider_id, w, result) : !read_id_token(sc, *token, role_account, w, result))
        return result;
    const Role* role = sc.world.role(*role_arn);
    if (!role) {
        access_denied(result, "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        return result;
    }

    Federation f;
    f.session_name = *session;
    f.principal.type = iam::PrincipalType::WebIdentityUser;
    f.principal.arn = w.provider;
    f.principal.name = w.sub;
    f.keys = w.keys;
    // "present in the role-session of a role that was assumed using OpenID Connect (OIDC) provider, and in the
    // role-trust policy when an OIDC provider is used to call AssumeRoleWithWebIdentity"
    // (reference_policies_condition-keys, aws:FederatedProvider).
    f.keys["aws:FederatedProvider"] = w.provider;
    f.later_keys = f.keys;
    f.source_identity = text_member(w.claims, "https://aws.amazon.com/source_identity");
    if (!f.source_identity.empty() && (!valid_session_name(f.source_identity) || f.source_identity.rfind("aws:", 0) == 0)) {
        fail(result, "InvalidIdentityToken", "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"", 400);
        return result;
    }
    // Session tags from the token (id_session-tags): {"principal_tags": {"K": ["v"]}, "transitive_tag_keys": [...]}.
    if (const auto tags = w.claims.find("https://aws.amazon.com/tags"); tags != w.claims.end() && tags->is_object()) {
        const json pt = tags->value("principal_tags", json::object());
        for (auto it = pt.begin(); it != pt.end(); ++it) {
            const auto values = text_list(*it);
            if (!values.empty()) f.tags[it.key()] = values.front();
        }
        f.transitive = text_list(tags->value("transitive_tag_keys", json()));
    }
    // webIdFederationData.attributes: Cognito's amr, aud and sub, and "the application ID and user ID as reported by
    // the provider (for example, www.amazon.com:app_id and www.amazon.com:user_id for Login with Amazon)"
    // (cloudtrail-event-reference-user-identity); an OIDC provider's session has none.
    json attributes = json::object();
    const std::vector<const char*> reported = w.host == "cognito-identity.amazonaws.com" ? std::vector<const char*>{"amr", "aud", "sub"}
                                              : w.host == "www.amazon.com"               ? std::vector<const char*>{"app_id", "user_id"}
                                              : w.host == "graph.facebook.com"           ? std::vector<const char*>{"app_id", "id"}
                                                                                         : std::vector<const char*>{};
    for (const char* k : reported)
        if (const auto it = w.keys.find(w.host + ":" + k); it != w.keys.end())
            attributes[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
    c.web_identity_data = {{"federatedProvider", w.provider}, {"attributes", attributes}};

    json params = {{"roleArn", *role_arn}, {"roleSessionName", *session}};
    if (duration) params["durationSeconds"] = *duration;
    if (provider_id) params["providerId"] = *provider_id;
    if (!f.source_identity.empty()) params["sourceIdentity"] = f.source_identity;
    if (!f.tags.empty()) params["principalTags"] = f.tags;
    if (!f.transitive.empty()) params["transitiveTagKeys"] = f.transitive;
    result.trail_parameters = params;
    result.trail_identity =
        TrailIdentity::outside("WebIdentityUser", w.provider + ":" + w.aud + ":" + w.sub, w.sub, w.provider);
    if (!federated_session(sc, call, "sts:AssumeRoleWithWebIdentity", *role, f, std::move(c), duration, packed, result))
        return result;
    result.response["SubjectFromWebIdentityToken"] = w.sub;
    result.response["Provider"] = w.provider;
    result.response["Audience"] = w.aud;
    return result;
}

}  // namespace stslab::aws
