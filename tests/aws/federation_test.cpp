// Federation, run through whole scenarios: idp:Authenticate, AssumeRoleWithSAML and AssumeRoleWithWebIdentity, with
// AWS's rules and messages (facts §2, §6, §7; STS API_AssumeRoleWithSAML, API_AssumeRoleWithWebIdentity; IAM User
// Guide troubleshoot_saml, id_roles_providers_create_saml_assertions, reference_policies_iam-condition-keys,
// cloudtrail-integration).
#include "aws_test_util.hpp"

#include "core/sha1.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

const std::string kSamlProvider = "arn:aws:iam::111111111111:saml-provider/CorpIdP";
const std::string kOidcProvider = "arn:aws:iam::111111111111:oidc-provider/auth.example.com";

// Account 111111111111 with a SAML provider holding corp's metadata, an OIDC provider for auth.example.com (client
// id app1), and roles trusting them. Actors: the IdPs corp (SAML), rogue (SAML, same issuer name, not trusted),
// auth (OIDC), google (accounts.google.com), an anonymous browser and carol, an IAM user with long-term keys.
// Both federated roles' policies deny every call whose context has aws:MultiFactorAuthPresent, which "is not present
// for federated identities" (reference_policies_condition-keys).
std::string world(const std::string& steps) {
    std::string text = R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z", "seed": 3,
  "accounts": {
    "111111111111": {
      "saml_providers": { "CorpIdP": { "metadata": "corp" } },
      "oidc_providers": { "auth.example.com": { "client_ids": ["app1"] } },
      "users": { "carol": {} },
      "roles": {
        "SamlRole": { "max_session_duration": 7200,
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "arn:aws:iam::111111111111:saml-provider/CorpIdP" },
            "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
            "Condition": { "StringEquals": { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }] },
          "policies": { "own": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::data/${saml:sub}/*" }, NO_MFA_KEY] } } },
        "SamlNoTags": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "arn:aws:iam::111111111111:saml-provider/CorpIdP" },
            "Action": "sts:AssumeRoleWithSAML" }] } },
        "WebRole": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "arn:aws:iam::111111111111:oidc-provider/auth.example.com" },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": { "StringEquals": { "auth.example.com:aud": "app1" } } }] },
          "policies": { "own": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::data/${auth.example.com:sub}/*" }, NO_MFA_KEY] } } },
        "NamedWeb": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "arn:aws:iam::111111111111:oidc-provider/auth.example.com" },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": { "StringEquals": { "sts:RoleSessionName": "${auth.example.com:sub}" } } }] } },
        "FacebookRole": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "graph.facebook.com" },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": { "StringEquals": { "graph.facebook.com:app_id": "app-777" } } }] } },
        "GoogleRole": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "accounts.google.com" },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": { "StringEquals": { "accounts.google.com:aud": "client-g" } } }] } }
      },
      "buckets": { "data": { "objects": { "alice@corp/k": "a", "bob@corp/k": "b", "sub-1/k": "u1", "sub-2/k": "u2" } } }
    }
  },
  "actors": {
    "corp": { "kind": "idp", "idp": { "protocol": "saml", "issuer": "https://idp.corp.example",
      "groups": { "G": ["arn:aws:iam::111111111111:role/SamlRole,arn:aws:iam::111111111111:saml-provider/CorpIdP",
                        "arn:aws:iam::111111111111:saml-provider/CorpIdP,arn:aws:iam::111111111111:role/SamlNoTags"] },
      "users": { "alice": { "groups": ["G"], "subject": "alice@corp", "attributes": { "PrincipalTag:team": "red" } },
                 "bob": { "groups": ["G"], "subject": "bob@corp" },
                 "nobody": { "subject": "nobody@corp" } } } },
    "rogue": { "kind": "idp", "idp": { "protocol": "saml", "issuer": "https://idp.corp.example",
      "groups": { "G": ["arn:aws:iam::111111111111:role/SamlRole,arn:aws:iam::111111111111:saml-provider/CorpIdP"] },
      "users": { "mallory": { "groups": ["G"], "subject": "alice@corp" } } } },
    "auth": { "kind": "idp", "idp": { "protocol": "oidc", "issuer": "https://auth.example.com",
      "users": { "u1": { "subject": "sub-1" } } } },
    "google": { "kind": "idp", "idp": { "protocol": "oidc", "issuer": "https://accounts.google.com",
      "users": { "g1": { "subject": "1094" } } } },
    "facebook": { "kind": "idp", "idp": { "protocol": "oauth2", "issuer": "graph.facebook.com",
      "users": { "fb1": { "subject": "1000123" } } } },
    "browser": { "kind": "anonymous" },
    "carol": { "principal": "arn:aws:iam::111111111111:user/carol" }
  },
  "steps": [ )" + steps + R"( ]
})";
    const std::string no_mfa_key = R"({ "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "Null": { "aws:MultiFactorAuthPresent": "false" } } })";
    for (std::size_t at; (at = text.find("NO_MFA_KEY")) != std::string::npos;) text.replace(at, 10, no_mfa_key);
    return text;
}

// idp:Authenticate by `idp` for `user` (extra params appended), saved as `save`.
std::string sign_in(const std::string& idp, const std::string& user, const std::string& save, const std::string& extra = "") {
    return R"({ "actor": ")" + idp + R"(", "call": "idp:Authenticate", "params": { "User": ")" + user + "\"" + extra +
           R"( }, "to": "browser", "save": ")" + save + R"(", "expect": "allow" })";
}

std::string saml(const std::string& role, const std::string& token, const std::string& expect,
                 const std::string& extra = "", const std::string& actor = "browser") {
    return R"({ "actor": ")" + actor + R"(", "call": "sts:AssumeRoleWithSAML", "params": { "RoleArn": "arn:aws:iam::111111111111:role/)" +
           role + R"(", "PrincipalArn": "arn:aws:iam::111111111111:saml-provider/CorpIdP", "SAMLAssertion": "@)" + token +
           "\"" + extra + R"( }, "save": "s-)" + token + R"(", "expect": )" + expect + " }";
}

std::string web(const std::string& role, const std::string& token, const std::string& expect, const std::string& extra = "") {
    return R"({ "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "params": { "RoleArn": "arn:aws:iam::111111111111:role/)" +
           role + R"(", "RoleSessionName": "web", "WebIdentityToken": "@)" + token + "\"" + extra + R"( }, "save": "w-)" +
           token + R"(", "expect": )" + expect + " }";
}

std::string error(const std::string& code, const std::string& message) {
    return R"({ "error": ")" + code + R"(", "message_contains": ")" + message + R"(" })";
}

}  // namespace

TEST_CASE("AssumeRoleWithSAML answers with the session and the assertion's Subject, SubjectType, Issuer, Audience and "
          "NameQualifier = Base64(SHA1(Issuer + account + \"/\" + provider name)) (API_AssumeRoleWithSAML)") {
    const std::string nq = base64(sha1("https://idp.corp.example111111111111/CorpIdP"));
    const auto r = run_text(world(sign_in("corp", "bob", "t") + "," +
        saml("SamlRole", "t", R"({ "fields": { "AssumedRoleUser.Arn": "arn:aws:sts::111111111111:assumed-role/SamlRole/bob",
            "Subject": "bob@corp", "SubjectType": "persistent", "Issuer": "https://idp.corp.example",
            "Audience": "https://signin.aws.amazon.com/saml", "NameQualifier": ")" + nq + R"(",
            "Credentials.Expiration": "2026-01-01T01:00:02Z" } })")));
    require_all_pass(r, 2);
}

TEST_CASE("a SAML session lasts DurationSeconds but never past the assertion's SessionNotOnOrAfter, and the "
          "SessionDuration attribute can only shorten it (API_AssumeRoleWithSAML, id_roles_providers_create_saml_assertions)") {
    const auto r = run_text(world(
        sign_in("corp", "bob", "capped", R"(, "SessionNotOnOrAfter": "30m")") + "," +
        saml("SamlRole", "capped", R"({ "fields": { "Credentials.Expiration": "2026-01-01T00:30:01Z" } })", R"(, "DurationSeconds": 7200)") + "," +
        sign_in("corp", "bob", "short", R"(, "SessionDuration": 1200)") + "," +
        saml("SamlRole", "short", R"({ "fields": { "Credentials.Expiration": "2026-01-01T00:20:04Z" } })") + "," +
        sign_in("corp", "bob", "long") + "," +
        saml("SamlRole", "long", error("ValidationError", "exceeds the MaxSessionDuration set for this role"), R"(, "DurationSeconds": 10800)")));
    require_all_pass(r, 6);
}

TEST_CASE("AssumeRoleWithSAML refuses a role its assertion does not offer, even when the trust policy allows the provider "
          "(troubleshoot_saml: Not authorized to perform sts:AssumeRoleWithSAML)") {
    const auto r = run_text(world(sign_in("corp", "nobody", "t") + "," +
        saml("SamlRole", "t", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"))));
    require_all_pass(r, 2);
    // The assertion was valid: CloudTrail names the user it was refused to, as it names a web identity's.
    const nlohmann::json* rec = last_cloudtrail(r, "AssumeRoleWithSAML");
    REQUIRE(rec != nullptr);
    CHECK((*rec)["errorCode"] == "AccessDenied");
    CHECK((*rec)["userIdentity"]["type"] == "SAMLUser");
    CHECK((*rec)["userIdentity"]["userName"] == "nobody@corp");  // the assertion's Subject
    CHECK((*rec)["userIdentity"].contains("principalId"));
}

TEST_CASE("a Role attribute pair may name the provider first (id_roles_providers_create_saml_assertions)") {
    const auto r = run_text(world(sign_in("corp", "bob", "t") + "," + saml("SamlNoTags", "t", "\"allow\"")));
    require_all_pass(r, 2);
}

TEST_CASE("PrincipalTag attributes become session tags and need sts:TagSession in the trust policy (troubleshoot_saml)") {
    const auto r = run_text(world(sign_in("corp", "alice", "t") + "," +
        saml("SamlNoTags", "t", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML")) + "," +
        saml("SamlRole", "t", R"({ "fields": { "PackedPolicySize": 1 } })")));
    require_all_pass(r, 3);
    CHECK(count_events(r, TraceKind::Decision, "DENY sts:TagSession") == 1);
}

// id_roles_providers_create_saml_assertions, "Mapping SAML attributes to AWS trust policy context keys": the
// eduPerson, eduOrg, Active Directory and X.500 attributes become saml: keys a trust policy can test.
TEST_CASE("SAML attributes from AWS's mapping tables become saml: keys of the trust evaluation") {
    std::string text = world(
        sign_in("corp", "alice", "plain") + "," +
        sign_in("corp", "alice", "admin", R"(, "Override": { "urn:oid:1.3.6.1.4.1.5923.1.1.1.7": ["urn:x:admin", "urn:x:staff"],
            "http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid": "u123" })") + "," +
        saml("Entitled", "plain", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"), "", "browser") + "," +
        saml("Entitled", "admin", "\"allow\"", "", "browser"));
    const std::string role = R"("Entitled": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "arn:aws:iam::111111111111:saml-provider/CorpIdP" },
            "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
            "Condition": { "ForAnyValue:StringEquals": { "saml:edupersonentitlement": "urn:x:admin" },
                           "StringEquals": { "saml:uid": "u123" } } }] } },
        "SamlNoTags": {)";
    text.replace(text.find(R"("SamlNoTags": {)"), std::string(R"("SamlNoTags": {)").size(), role);
    const std::string group = R"("arn:aws:iam::111111111111:saml-provider/CorpIdP,arn:aws:iam::111111111111:role/SamlNoTags")";
    text.replace(text.find(group), group.size(), group + R"(, "arn:aws:iam::111111111111:role/Entitled,arn:aws:iam::111111111111:saml-provider/CorpIdP")");
    require_all_pass(run_text(text), 4);
}

// The same keys from attributes given by their short names (scenarios/README.md: "short names (... mail)"): "mail" is
// the attribute AWS maps to saml:mail (urn:oid:0.9.2342.19200300.100.1.3), so a trust policy can test saml:mail.
TEST_CASE("a SAML attribute given by a saml: key's short name (mail, eduPersonAffiliation) becomes that key") {
    std::string text = world(
        sign_in("corp", "alice", "ann", R"(, "Override": { "mail": "ann@example.com", "eduPersonAffiliation": ["staff"] })") + "," +
        sign_in("corp", "alice", "eve", R"(, "Override": { "mail": "eve@example.com", "eduPersonAffiliation": ["staff"] })") + "," +
        saml("Mail", "ann", "\"allow\"", "", "browser") + "," +
        saml("Mail", "eve", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"), "", "browser"));
    const std::string role = R"("Mail": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "arn:aws:iam::111111111111:saml-provider/CorpIdP" },
            "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
            "Condition": { "StringEquals": { "saml:mail": "ann@example.com", "saml:edupersonaffiliation": "staff" } } }] } },
        "SamlNoTags": {)";
    text.replace(text.find(R"("SamlNoTags": {)"), std::string(R"("SamlNoTags": {)").size(), role);
    const std::string group = R"("arn:aws:iam::111111111111:saml-provider/CorpIdP,arn:aws:iam::111111111111:role/SamlNoTags")";
    text.replace(text.find(group), group.size(), group + R"(, "arn:aws:iam::111111111111:role/Mail,arn:aws:iam::111111111111:saml-provider/CorpIdP")");
    require_all_pass(run_text(text), 4);
}

// id_session-tags: "Operations that support session tagging can fail if ... You pass more than 50 session tags. The
// plain text of your session tag keys exceeds 128 characters. The plain text of your session tag values exceeds 256
// characters."
TEST_CASE("session tags from an assertion are held to the same limits as AssumeRole's Tags (id_session-tags)") {
    std::string many;
    for (int i = 0; i < 51; ++i) many += R"(, "PrincipalTag:k)" + std::to_string(i) + R"(": "v")";
    const auto r = run_text(world(
        sign_in("corp", "alice", "many", R"(, "Override": { )" + many.substr(2) + " }") + "," +
        sign_in("corp", "alice", "long", R"(, "Override": { "PrincipalTag:)" + std::string(129, 'k') + R"(": "v" })") + "," +
        saml("SamlRole", "many", error("ValidationError", "Member must have length less than or equal to 50")) + "," +
        saml("SamlRole", "long", error("ValidationError", "Member must have length less than or equal to 128"))));
    require_all_pass(r, 4);
}

TEST_CASE("a source identity from the assertion needs sts:SetSourceIdentity and must not begin with aws: (troubleshoot_saml)") {
    const auto r = run_text(world(
        sign_in("corp", "bob", "ok", R"(, "SourceIdentity": "bob")") + "," +
        saml("SamlRole", "ok", R"({ "fields": { "SourceIdentity": "bob" } })") + "," +
        saml("SamlNoTags", "ok", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML")) + "," +
        sign_in("corp", "bob", "bad", R"(, "SourceIdentity": "aws:bob")") + "," +
        saml("SamlRole", "bad", error("InvalidIdentityToken", "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \\\"aws:\\\""))));
    require_all_pass(r, 5);
}

TEST_CASE("each fault of a SAML assertion is the InvalidIdentityToken or ExpiredTokenException AWS gives (troubleshoot_saml)") {
    const auto r = run_text(world(
        sign_in("corp", "bob", "edited", R"(, "Tamper": { "Subject": "alice@corp" })") + "," +
        saml("SamlRole", "edited", error("InvalidIdentityToken", "Response signature invalid")) + "," +
        sign_in("corp", "bob", "noname", R"(, "Omit": ["RoleSessionName"])") + "," +
        saml("SamlRole", "noname", error("InvalidIdentityToken", "RoleSessionName is required in AuthnResponse")) + "," +
        sign_in("corp", "bob", "badname", R"(, "Override": { "RoleSessionName": "bob smith" })") + "," +
        saml("SamlRole", "badname", error("InvalidIdentityToken", "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}")) + "," +
        sign_in("corp", "bob", "aud", R"(, "Override": { "Audience": "https://example.com" })") + "," +
        saml("SamlRole", "aud", error("InvalidIdentityToken", "Response does not contain the required audience")) + "," +
        sign_in("corp", "bob", "issuer", R"(, "Override": { "Issuer": "https://idp.other.example" })") + "," +
        saml("SamlRole", "issuer", error("InvalidIdentityToken", "Issuer not present in specified provider")) + "," +
        sign_in("corp", "bob", "late") + "," +
        R"({ "at": "+6m", "actor": "browser", "call": "sts:AssumeRoleWithSAML", "params": { "RoleArn": "arn:aws:iam::111111111111:role/SamlRole",
             "PrincipalArn": "arn:aws:iam::111111111111:saml-provider/CorpIdP", "SAMLAssertion": "@late" },
             "expect": { "error": "ExpiredTokenException", "message_contains": "Response has expired" } },)" +
        sign_in("corp", "bob", "nop") + "," +
        R"({ "actor": "browser", "call": "sts:AssumeRoleWithSAML", "params": { "RoleArn": "arn:aws:iam::111111111111:role/SamlRole",
             "PrincipalArn": "arn:aws:iam::111111111111:saml-provider/Nope", "SAMLAssertion": "@nop" },
             "expect": { "error": "InvalidIdentityToken", "message_contains": "Specified provider doesn't exist." } })"));
    require_all_pass(r, 14);
}

// "There must be exactly one SubjectConfirmation element with a SubjectConfirmationData element that includes both
// the NotOnOrAfter attribute and a Recipient attribute", the Recipient "must match the AWS endpoint"
// (id_roles_providers_create_saml_assertions): without them an assertion would be good for ever, or for another
// service provider. A Region's sign-in endpoint is AWS's too, and either with /acs/IdP-ID, and the global /static/saml
// (then the role's trust decides).
TEST_CASE("a SAML assertion without NotOnOrAfter, or whose Recipient is not an AWS sign-in endpoint, is refused (id_roles_providers_create_saml_assertions)") {
    const auto r = run_text(world(
        sign_in("corp", "bob", "forever", R"(, "Omit": ["NotOnOrAfter"])") + "," +
        saml("SamlRole", "forever", error("InvalidIdentityToken", "has no NotOnOrAfter")) + "," +
        sign_in("corp", "bob", "norecipient", R"(, "Omit": ["Recipient"])") + "," +
        saml("SamlRole", "norecipient", error("InvalidIdentityToken", "Recipient is not an AWS sign-in endpoint")) + "," +
        sign_in("corp", "bob", "elsewhere", R"(, "Override": { "Recipient": "https://app.example.net/saml/acs" })") + "," +
        saml("SamlRole", "elsewhere", error("InvalidIdentityToken", "Recipient is not an AWS sign-in endpoint")) + "," +
        sign_in("corp", "bob", "regional", R"(, "Override": { "Recipient": "https://eu-west-1.signin.aws.amazon.com/saml" })") + "," +
        // STS takes it, and the role's trust, whose SAML:aud condition names the global endpoint, refuses it.
        saml("SamlRole", "regional", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML")) + "," +
        // With the provider's unique identifier, as SAML encryption requires: "/acs/ to be appended to the sign-in path".
        sign_in("corp", "bob", "acs", R"(, "Override": { "Recipient": "https://eu-west-1.signin.aws.amazon.com/saml/acs/SAMLSP4EXAMPLE" })") + "," +
        saml("SamlRole", "acs", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML")) + "," +
        sign_in("corp", "bob", "static", R"(, "Override": { "Recipient": "https://signin.aws.amazon.com/static/saml" })") + "," +
        saml("SamlRole", "static", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML")) + "," +
        sign_in("corp", "bob", "acs-empty", R"(, "Override": { "Recipient": "https://signin.aws.amazon.com/saml/acs/" })") + "," +
        saml("SamlRole", "acs-empty", error("InvalidIdentityToken", "Recipient is not an AWS sign-in endpoint"))));
    require_all_pass(r, 14);
}

TEST_CASE("an assertion signed by an IdP whose metadata the provider does not hold is rejected, whatever issuer it names") {
    const auto r = run_text(world(sign_in("rogue", "mallory", "t") + "," +
        saml("SamlRole", "t", error("InvalidIdentityToken", "Response signature invalid"))));
    require_all_pass(r, 2);
}

TEST_CASE("the SAML session's permission policies can use ${saml:sub} (reference_policies_iam-condition-keys), and its requests have no aws:MultiFactorAuthPresent (reference_policies_condition-keys)") {
    const auto r = run_text(world(sign_in("corp", "bob", "t") + "," + saml("SamlRole", "t", "\"allow\"") + "," +
        R"({ "actor": "browser", "call": "s3:GetObject", "using": "s-t", "resource": "arn:aws:s3:::data/bob@corp/k", "expect": "allow" },
           { "actor": "browser", "call": "s3:GetObject", "using": "s-t", "resource": "arn:aws:s3:::data/alice@corp/k", "expect": "deny" })"));
    require_all_pass(r, 4);
}

TEST_CASE("AssumeRoleWithSAML is unsigned: a caller's own keys play no part, and CloudTrail records a SAMLUser whose "
          "principalId is NameQualifier:Subject, without the assertion (cloudtrail-integration)") {
    const std::string nq = base64(sha1("https://idp.corp.example111111111111/CorpIdP"));
    const auto r = run_text(world(sign_in("corp", "bob", "t") + "," + saml("SamlRole", "t", "\"allow\"", "", "carol") + "," +
        R"({ "actor": "carol", "call": "s3:GetObject", "using": "s-t", "resource": "arn:aws:s3:::data/bob@corp/k", "expect": "allow" })"));
    require_all_pass(r, 3);
    const nlohmann::json* rec = last_cloudtrail(r, "AssumeRoleWithSAML");
    REQUIRE(rec != nullptr);
    const auto& id = (*rec)["userIdentity"];
    CHECK(id["type"] == "SAMLUser");
    CHECK(id["principalId"] == nq + ":bob@corp");
    CHECK(id["userName"] == "bob@corp");
    CHECK(id["identityProvider"] == nq);
    CHECK_FALSE(id.contains("arn"));
    const auto& params = (*rec)["requestParameters"];
    CHECK_FALSE(params.contains("sAMLAssertion"));
    CHECK(params["roleSessionName"] == "bob");
    CHECK(params["principalArn"] == kSamlProvider);
    CHECK((*rec)["responseElements"]["nameQualifier"] == nq);
    REQUIRE((*rec)["resources"].size() == 2);
    CHECK((*rec)["resources"][1]["type"] == "AWS::IAM::SAMLProvider");
    const nlohmann::json* get = last_cloudtrail(r, "GetObject");
    REQUIRE(get != nullptr);
    CHECK((*get)["userIdentity"]["type"] == "AssumedRole");
    CHECK((*get)["userIdentity"]["sessionContext"]["sessionIssuer"]["arn"] == "arn:aws:iam::111111111111:role/SamlRole");
}

TEST_CASE("AssumeRoleWithWebIdentity answers with SubjectFromWebIdentityToken, the provider's ARN and the audience, and "
          "the session's policies can use ${HOST:sub}, with no aws:MultiFactorAuthPresent (API_AssumeRoleWithWebIdentity)") {
    const auto r = run_text(world(sign_in("auth", "u1", "t", R"(, "Audience": "app1")") + "," +
        web("WebRole", "t", R"({ "fields": { "SubjectFromWebIdentityToken": "sub-1", "Provider": ")" + kOidcProvider +
            R"(", "Audience": "app1", "AssumedRoleUser.Arn": "arn:aws:sts::111111111111:assumed-role/WebRole/web" } })") + "," +
        R"({ "actor": "browser", "call": "s3:GetObject", "using": "w-t", "resource": "arn:aws:s3:::data/sub-1/k", "expect": "allow" },
           { "actor": "browser", "call": "s3:GetObject", "using": "w-t", "resource": "arn:aws:s3:::data/sub-2/k", "expect": "deny" })"));
    require_all_pass(r, 4);
}

TEST_CASE("a trust policy can require the session to be named after the user: sts:RoleSessionName against "
          "${HOST:sub} (reference_policies_iam-condition-keys, sts:RoleSessionName)") {
    const auto r = run_text(world(sign_in("auth", "u1", "t", R"(, "Audience": "app1")") + "," +
        web("NamedWeb", "t", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity")) + "," +
        R"({ "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "params": { "RoleArn": "arn:aws:iam::111111111111:role/NamedWeb",
             "RoleSessionName": "sub-1", "WebIdentityToken": "@t" }, "expect": "allow" })"));
    require_all_pass(r, 3);
}

TEST_CASE("each fault of a web identity token is the error AWS gives (API_AssumeRoleWithWebIdentity)") {
    const auto r = run_text(world(
        sign_in("auth", "u1", "other-app", R"(, "Audience": "app2")") + "," +
        web("WebRole", "other-app", error("InvalidIdentityToken", "Incorrect token audience")) + "," +
        sign_in("auth", "u1", "edited", R"(, "Audience": "app1", "Tamper": { "sub": "sub-2" })") + "," +
        web("WebRole", "edited", R"({ "error": "InvalidIdentityToken" })") + "," +
        sign_in("auth", "u1", "noaud", R"(, "Audience": "app1", "Omit": ["aud"])") + "," +
        web("WebRole", "noaud", error("InvalidIdentityToken", "Missing a required claim: aud")) + "," +
        // sub and exp are required of an ID token (OpenID Connect Core 2); STS's words for sub are recorded in
        // aws-actions/configure-aws-credentials#502. Without exp a token would never expire.
        sign_in("auth", "u1", "nosub", R"(, "Audience": "app1", "Omit": ["sub"])") + "," +
        web("WebRole", "nosub", error("InvalidIdentityToken", "Missing a required claim: sub")) + "," +
        sign_in("auth", "u1", "noexp", R"(, "Audience": "app1", "Omit": ["exp"])") + "," +
        web("WebRole", "noexp", error("InvalidIdentityToken", "Missing a required claim: exp")) + "," +
        sign_in("auth", "u1", "late", R"(, "Audience": "app1", "ValidFor": "5m")") + "," +
        // Five minutes past exp it is still taken (id_roles_providers_oidc: "a five minute window beyond the expiry
        // time ... to account for clock skew"); after them it has expired.
        R"({ "at": "+9m59s", "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebRole",
             "RoleSessionName": "web", "WebIdentityToken": "@late" }, "expect": "allow" },)" +
        R"({ "at": "+1s", "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebRole",
             "RoleSessionName": "web", "WebIdentityToken": "@late" },
             "expect": { "error": "ExpiredTokenException", "message_contains": "Token expired: current date/time" } },)" +
        R"({ "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebRole",
             "WebIdentityToken": "@late" },
             "expect": { "error": "ValidationError", "message_contains": "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null" } })"));
    require_all_pass(r, 14);
}

TEST_CASE("a provider's ARN given as the RoleArn is the ValidationError \"Request ARN is invalid\" users report, "
          "for SAML (the two ARNs swapped) and for web identity") {
    const auto r = run_text(world(sign_in("corp", "bob", "t") + "," + sign_in("auth", "u1", "w", R"(, "Audience": "app1")") + "," +
        R"({ "actor": "browser", "call": "sts:AssumeRoleWithSAML", "params": { "RoleArn": ")" + kSamlProvider +
        R"(", "PrincipalArn": "arn:aws:iam::111111111111:role/SamlRole", "SAMLAssertion": "@t" },
             "expect": { "error": "ValidationError", "message_contains": "Request ARN is invalid" } },
           { "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "params": { "RoleArn": ")" + kOidcProvider +
        R"(", "RoleSessionName": "web", "WebIdentityToken": "@w" },
             "expect": { "error": "ValidationError", "message_contains": "Request ARN is invalid" } },)" +
        web("WebRole", "w", "\"allow\"")));
    require_all_pass(r, 5);
}

TEST_CASE("a token from an issuer the account has no OIDC provider for names the issuer (API_AssumeRoleWithWebIdentity)") {
    std::string w = world(sign_in("auth", "u1", "t", R"(, "Audience": "app1")") + "," +
                          web("WebRole", "t", error("InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://auth.example.com")));
    // The same world without the OIDC provider.
    w.replace(w.find(R"("oidc_providers": { "auth.example.com": { "client_ids": ["app1"] } },)"),
              std::string(R"("oidc_providers": { "auth.example.com": { "client_ids": ["app1"] } },)").size(), "");
    require_all_pass(run_text(replace_all(w, kOidcProvider, "accounts.google.com")), 2);
}

// IAM keeps a trailing slash in an OIDC provider's name, so an issuer "https://x/" (Auth0's form) is the provider
// oidc-provider/x/ with keys "x/:aud", and not the provider x (users' records: aws/aws-sam-cli#7432, a provider
// "own-gitlab.com/" answered "No OpenIDConnect provider found in your account for https://own-gitlab.com/").
TEST_CASE("an OIDC issuer's trailing slash is part of its provider's name and of its condition keys") {
    const std::string steps = sign_in("auth", "u1", "t", R"(, "Audience": "app1")") + "," +
                              web("WebRole", "t", error("InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://auth.example.com/"));
    std::string w = world(steps);
    const std::string issuer = R"("issuer": "https://auth.example.com")";
    w.replace(w.find(issuer), issuer.size(), R"("issuer": "https://auth.example.com/")");
    require_all_pass(run_text(w), 2);
    // The provider, its ARN and its keys named with the slash (the Provider answered: its ARN, slash and all): allowed.
    w = replace_all(world(sign_in("auth", "u1", "t", R"(, "Audience": "app1")") + "," +
                          web("WebRole", "t", R"({ "fields": { "Provider": "arn:aws:iam::111111111111:oidc-provider/auth.example.com" } })")),
                    "auth.example.com", "auth.example.com/");
    require_all_pass(run_text(w), 2);
}

TEST_CASE("Google tokens need no IAM provider, accounts.google.com:aud is the azp claim when there is one, and "
          ":oaud the token's aud (reference_policies_iam-condition-keys)") {
    const auto r = run_text(world(
        sign_in("google", "g1", "plain", R"(, "Audience": "client-g")") + "," +
        web("GoogleRole", "plain", R"({ "fields": { "Provider": "accounts.google.com", "SubjectFromWebIdentityToken": "1094" } })") + "," +
        sign_in("google", "g1", "azp", R"(, "Audience": "client-g", "Override": { "azp": "client-other" })") + "," +
        web("GoogleRole", "azp", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"))));
    require_all_pass(r, 4);
}

TEST_CASE("OAuth 2.0 access tokens (ProviderId) are vouched for by the provider: one it did not issue or that expired is "
          "IDPRejectedClaim, an unreachable provider IDPCommunicationError (API_AssumeRoleWithWebIdentity)") {
    const std::string fb = R"(, "ProviderId": "graph.facebook.com")";
    const auto r = run_text(world(
        sign_in("facebook", "fb1", "t", R"(, "Audience": "app-777")") + "," +
        web("FacebookRole", "t", R"({ "fields": { "Provider": "graph.facebook.com", "SubjectFromWebIdentityToken": "1000123",
                                                   "Audience": "app-777" } })", fb) + "," +
        R"({ "actor": "browser", "call": "sts:GetCallerIdentity", "using": "w-t", "expect": "allow" },)" +
        sign_in("facebook", "fb1", "other-app", R"(, "Audience": "app-x")") + "," +
        web("FacebookRole", "other-app", error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"), fb) + "," +
        sign_in("facebook", "fb1", "forged", R"(, "Audience": "app-777", "Tamper": { "user_id": "1" })") + "," +
        web("FacebookRole", "forged", error("IDPRejectedClaim", "graph.facebook.com: graph.facebook.com responded with HTTP/1.1 400 Bad Request"), fb) + "," +
        web("FacebookRole", "t", R"({ "error": "IDPCommunicationError" })", R"(, "ProviderId": "www.amazon.com")") + "," +
        web("FacebookRole", "t", R"({ "error": "InvalidIdentityToken", "message_contains": "ProviderId example.com is not supported" })",
            R"(, "ProviderId": "example.com")") + "," +
        sign_in("facebook", "fb1", "short", R"(, "Audience": "app-777", "ValidFor": "5m")") + "," +
        R"({ "at": "+6m", "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "params": { "RoleArn": "arn:aws:iam::111111111111:role/FacebookRole",
             "RoleSessionName": "web", "WebIdentityToken": "@short", "ProviderId": "graph.facebook.com" },
             "expect": { "error": "IDPRejectedClaim" } })"));
    require_all_pass(r, 11);
    // "The application ID and user ID as reported by the provider" (cloudtrail-event-reference-user-identity).
    const nlohmann::json* rec = last_cloudtrail(r, "GetCallerIdentity");
    REQUIRE(rec != nullptr);
    CHECK((*rec)["userIdentity"]["sessionContext"]["webIdFederationData"] ==
          nlohmann::json{{"federatedProvider", "graph.facebook.com"},
                         {"attributes", {{"graph.facebook.com:app_id", "app-777"}, {"graph.facebook.com:id", "1000123"}}}});
}

TEST_CASE("CloudTrail records AssumeRoleWithWebIdentity as a WebIdentityUser (provider:aud:sub) and the session's later "
          "calls as AssumedRole with webIdFederationData (cloudtrail-integration)") {
    const auto r = run_text(world(sign_in("auth", "u1", "t", R"(, "Audience": "app1")") + "," + web("WebRole", "t", "\"allow\"") + "," +
        R"({ "actor": "browser", "call": "s3:GetObject", "using": "w-t", "resource": "arn:aws:s3:::data/sub-1/k", "expect": "allow" })"));
    require_all_pass(r, 3);
    const nlohmann::json* rec = last_cloudtrail(r, "AssumeRoleWithWebIdentity");
    REQUIRE(rec != nullptr);
    CHECK((*rec)["userIdentity"]["type"] == "WebIdentityUser");
    CHECK((*rec)["userIdentity"]["principalId"] == kOidcProvider + ":app1:sub-1");
    CHECK((*rec)["userIdentity"]["identityProvider"] == kOidcProvider);
    CHECK_FALSE((*rec)["requestParameters"].contains("webIdentityToken"));
    CHECK((*rec)["responseElements"]["provider"] == kOidcProvider);
    // "an additionalEventData field with an identityProviderConnectionVerificationMethod attribute" (the same page)
    CHECK((*rec)["additionalEventData"] == nlohmann::json{{"identityProviderConnectionVerificationMethod", "IAMTrustStore"}});
    const nlohmann::json* get = last_cloudtrail(r, "GetObject");
    REQUIRE(get != nullptr);
    CHECK((*get)["userIdentity"]["sessionContext"]["webIdFederationData"]["federatedProvider"] == kOidcProvider);
    CHECK((*get)["userIdentity"]["sessionContext"]["webIdFederationData"]["attributes"] == nlohmann::json::object());
}

// Found by a conformance pass: with two identity pools, only the first pool's tokens verified. Every pool's token is
// issued by https://cognito-identity.amazonaws.com and checked with Cognito's keys; the trust's
// cognito-identity.amazonaws.com:aud picks the pool (Cognito Developer Guide, role-trust-and-permissions).
TEST_CASE("two Cognito identity pools: each pool's tokens verify, and a role's trust takes only its own pool's") {
    // A role for the authenticated identities of pool us-east-1:ID-2222-3333-4444-555555555555.
    const auto pool_role = [](const std::string& id) {
        return R"({ "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Federated": "cognito-identity.amazonaws.com" }, "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": { "StringEquals": { "cognito-identity.amazonaws.com:aud": "us-east-1:)" + id + R"(-2222-3333-4444-555555555555" },
                           "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } } }] },
          "policies": { "p": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] } } })";
    };
    const auto r = run_text(R"({
  "stslab": 1,
  "start": "2026-04-05T09:00:00Z",
  "seed": 85,
  "accounts": {
    "222222222222": {
      "roles": {
        "PoolARole": )" + pool_role("aaaaaaaa") + R"(,
        "PoolBRole": )" + pool_role("bbbbbbbb") + R"(
      }
    }
  },
  "actors": {
    "pool-a": { "kind": "idp", "idp": { "protocol": "cognito", "identity_pool": "us-east-1:aaaaaaaa-2222-3333-4444-555555555555",
      "users": { "kim": { "login": "accounts.google.com" } } } },
    "pool-b": { "kind": "idp", "idp": { "protocol": "cognito", "identity_pool": "us-east-1:bbbbbbbb-2222-3333-4444-555555555555",
      "users": { "lee": { "login": "accounts.google.com" } } } },
    "phone": { "kind": "anonymous" }
  },
  "steps": [
    { "id": "a-tok", "actor": "pool-a", "call": "idp:Authenticate", "params": { "User": "kim" }, "save": "at", "expect": "allow" },
    { "id": "a-role", "actor": "phone", "call": "sts:AssumeRoleWithWebIdentity",
      "params": { "RoleArn": "arn:aws:iam::222222222222:role/PoolARole", "RoleSessionName": "kim", "WebIdentityToken": "@at" }, "expect": "allow" },
    { "id": "a-token-b-role", "actor": "phone", "call": "sts:AssumeRoleWithWebIdentity",
      "params": { "RoleArn": "arn:aws:iam::222222222222:role/PoolBRole", "RoleSessionName": "kim", "WebIdentityToken": "@at" },
      "expect": { "error": "AccessDenied", "message_contains": "Not authorized to perform sts:AssumeRoleWithWebIdentity" } },
    { "id": "b-tok", "actor": "pool-b", "call": "idp:Authenticate", "params": { "User": "lee" }, "save": "bt", "expect": "allow" },
    { "id": "b-role", "actor": "phone", "call": "sts:AssumeRoleWithWebIdentity",
      "params": { "RoleArn": "arn:aws:iam::222222222222:role/PoolBRole", "RoleSessionName": "lee", "WebIdentityToken": "@bt" }, "expect": "allow" }
  ]
})");
    require_all_pass(r, 5);
}

TEST_CASE("a step's idp:Authenticate and \"@NAME\" are checked when the file loads: the IdP actor, its directory user, "
          "the saved token, an OIDC audience") {
    CHECK_THROWS_WITH_AS(load_scenario_text(world(sign_in("corp", "zed", "t")), "f.json"),
                         doctest::Contains("there is no user \"zed\" in the directory of corp"), ScenarioError);
    CHECK_THROWS_WITH_AS(load_scenario_text(world(sign_in("browser", "bob", "t")), "f.json"),
                         doctest::Contains("idp:Authenticate is made by an identity provider"), ScenarioError);
    CHECK_THROWS_WITH_AS(load_scenario_text(world(saml("SamlRole", "never", "\"allow\"")), "f.json"),
                         doctest::Contains("no earlier idp:Authenticate, signin:GetSigninToken, sts:GetWebIdentityToken or EC2 call saves a token as \"never\""), ScenarioError);
    CHECK_THROWS_WITH_AS(load_scenario_text(world(sign_in("auth", "u1", "t")), "f.json"),
                         doctest::Contains("missing \"Audience\""), ScenarioError);
}

// ---- the federation endpoint (custom identity broker) and IAM Identity Center ----

namespace {

// Account 111111111111: user broker may assume Support (and chain into Support2 from it) and get federation
// tokens; an Identity Center instance assigns group Devs DevAccess in 222222222222 and user ann ReadOnly in
// both accounts.
std::string broker_world(const std::string& steps, const std::string& region = "us-east-1") {
    return R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z", "seed": 5,
  "organization": { "management": "111111111111", "accounts": ["111111111111", "222222222222"] },
  "accounts": {
    "111111111111": {
      "users": { "broker": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Action": ["sts:AssumeRole", "sts:GetFederationToken", "s3:GetObject"], "Resource": "*" }] } } } },
      "roles": {
        "Support": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::111111111111:user/broker" }, "Action": "sts:AssumeRole" }] },
          "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Action": ["s3:GetObject", "sts:AssumeRole"], "Resource": "*" }] } } },
        "Support2": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::111111111111:role/Support" }, "Action": "sts:AssumeRole" }] } }
      },
      "buckets": { "b": { "objects": { "k": "v" } } }
    },
    "222222222222": { "buckets": { "b2": { "objects": { "k": "v2" } } } }
  },
  "actors": {
    "broker": { "principal": "arn:aws:iam::111111111111:user/broker", "kind": "broker" },
    "browser": { "kind": "anonymous" },
    "admin": { "principal": "arn:aws:iam::111111111111:root" },
    "sso": { "kind": "idp", "idp": { "protocol": "identity-center", "instance": "ssoins-0000000000000001", "region": ")" + region + R"(",
      "users": { "dev": { "groups": ["Devs"] }, "ann": {} },
      "permission_sets": {
        "DevAccess": { "session_duration": "2h", "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Action": "s3:GetObject", "Resource": "*" }] } } },
        "ReadOnly": { "policies": {} } },
      "assignments": [ { "principal": "Devs", "permission_set": "DevAccess", "accounts": ["222222222222"] },
                       { "principal": "ann", "permission_set": "ReadOnly", "accounts": ["111111111111", "222222222222"] } ] } }
  },
  "steps": [ )" + steps + R"( ]
})";
}

const std::string kAssumeSupport = R"({ "actor": "broker", "call": "sts:AssumeRole", "save": "support",
    "params": { "RoleArn": "arn:aws:iam::111111111111:role/Support", "RoleSessionName": "ana" }, "expect": "allow" })";

std::string signin_token(const std::string& using_, const std::string& extra, const std::string& expect, const std::string& save = "url") {
    return R"({ "actor": "broker", "call": "signin:GetSigninToken", "using": ")" + using_ + R"(", "params": { )" + extra +
           R"( }, "save": ")" + save + R"(", "expect": )" + expect + " }";
}

std::string login(const std::string& at, const std::string& token, const std::string& expect) {
    return R"({ "at": ")" + at + R"(", "actor": "browser", "call": "signin:Login", "params": { "SigninToken": "@)" + token +
           R"(" }, "save": "console", "expect": )" + expect + " }";
}

std::string pick(const std::string& at, const std::string& token, const std::string& account, const std::string& set,
                 const std::string& expect, const std::string& save = "creds") {
    return R"({ "at": ")" + at + R"(", "actor": "browser", "call": "sso:GetRoleCredentials", "params": { "accessToken": "@)" + token +
           R"(", "accountId": ")" + account + R"(", "roleName": ")" + set + R"(" }, "save": ")" + save + R"(", "expect": )" + expect + " }";
}

}  // namespace

TEST_CASE("a sign-in token opens a console session as the same role session for SessionDuration, and the login URL "
          "works for 15 minutes (id_roles_providers_enable-console-custom-url)") {
    const auto r = run_text(broker_world(kAssumeSupport + "," +
        signin_token("support", R"("SessionDuration": 7200)", "\"allow\"") + "," +
        login("+14m", "url", R"({ "fields": { "ConsoleSession.Arn": "arn:aws:sts::111111111111:assumed-role/Support/ana",
                                               "ConsoleSession.Expiration": "2026-01-01T02:14:02Z" } })") + "," +
        R"({ "at": "+1h", "actor": "browser", "call": "s3:GetObject", "using": "console", "resource": "arn:aws:s3:::b/k", "expect": "allow" },
           { "actor": "broker", "call": "s3:GetObject", "using": "support", "resource": "arn:aws:s3:::b/k", "expect": { "error": "ExpiredToken" } },)" +
        signin_token("console", "", "\"allow\"", "url2") + "," +  // a console session's credentials are temporary too
        R"({ "actor": "broker", "call": "sts:AssumeRole", "save": "fresh",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Support", "RoleSessionName": "ana" } },)" +
        signin_token("fresh", "", "\"allow\"", "url3") + "," +
        login("+15m", "url3", R"({ "error": "ExpiredSigninToken", "message_contains": "valid for 15 minutes" })")));
    require_all_pass(r, 8);
    // A call the console session makes says so: "sessionCredentialFromConsole ... whether or not an event originated
    // from an AWS Management Console session" (cloudtrail-event-reference-record-contents); the broker's own do not.
    std::size_t from_console = 0;
    for (const auto& rec : r.cloudtrail)
        if (rec.contains("sessionCredentialFromConsole")) {
            CHECK(rec["sessionCredentialFromConsole"] == "true");
            CHECK(rec["userIdentity"]["arn"] == "arn:aws:sts::111111111111:assumed-role/Support/ana");
            ++from_console;
        }
    CHECK(from_console == 2);  // the console's GetObject and its GetSigninToken, not the sign-in itself
    // The failed sign-in: "ConsoleLogin": "Failure" and an errorMessage, no errorCode (cloudtrail-integration's
    // ConsoleLogin failure examples).
    const nlohmann::json* failed = last_cloudtrail(r, "ConsoleLogin");
    REQUIRE(failed != nullptr);
    CHECK((*failed)["responseElements"]["ConsoleLogin"] == "Failure");
    CHECK_FALSE(failed->contains("errorCode"));
    CHECK((*failed)["errorMessage"].get<std::string>().find("valid for 15 minutes") != std::string::npos);
}

TEST_CASE("without SessionDuration the console session lasts as long as the credentials it came from") {
    const auto r = run_text(broker_world(kAssumeSupport + "," + signin_token("support", "", "\"allow\"") + "," +
        login("+10m", "url", R"({ "fields": { "ConsoleSession.Expiration": "2026-01-01T01:00:01Z" } })")));
    require_all_pass(r, 3);
}

// id_roles_providers_enable-console-custom-url: "When you use DurationSeconds in an AssumeRole* operation, you must
// call it as an IAM user with long-term credentials. Otherwise, the call to the federation endpoint in step 3 will
// fail." Chained credentials take no SessionDuration: "Role chaining limits your AWS Management Console ... role session
// to a maximum of one hour" (id_roles), and users record the endpoint refusing it.
TEST_CASE("getSigninToken refuses long-term keys, SessionDuration with GetFederationToken credentials, and role "
          "sessions whose DurationSeconds was not set with an IAM user's long-term keys (id_roles_providers_enable-console-custom-url)") {
    const auto r = run_text(broker_world(kAssumeSupport + "," +
        R"({ "actor": "broker", "call": "signin:GetSigninToken", "expect": { "error": "InvalidCredentials" } },
           { "actor": "broker", "call": "sts:GetFederationToken", "save": "fed", "params": { "Name": "ana",
             "Policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } } },)" +
        signin_token("fed", R"("SessionDuration": 1800)", R"({ "error": "InvalidParameter", "message_contains": "GetFederationToken" })") + "," +
        signin_token("fed", "", "\"allow\"", "fed-url") + "," +
        R"({ "actor": "broker", "call": "sts:AssumeRole", "using": "support", "save": "chained",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Support2", "RoleSessionName": "ana" }, "expect": "allow" },)" +
        signin_token("chained", R"("SessionDuration": 7200)", R"({ "error": "InvalidParameter", "message_contains": "role-chained" })") + "," +
        signin_token("chained", "", "\"allow\"", "chained-url") + "," +
        R"({ "actor": "broker", "call": "sts:AssumeRole", "using": "support", "save": "chained-900",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Support2", "RoleSessionName": "ana", "DurationSeconds": 900 }, "expect": "allow" },)" +
        signin_token("chained-900", "", R"({ "error": "InvalidCredentials", "message_contains": "DurationSeconds" })") + "," +
        R"({ "actor": "broker", "call": "sts:AssumeRole", "save": "long", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Support",
             "RoleSessionName": "ana", "DurationSeconds": 1800 }, "expect": "allow" },)" +
        signin_token("long", "", "\"allow\"", "long-url")));
    require_all_pass(r, 11);
}

// id_credentials_sts-comparison: GetFederationToken's credentials "Cannot call IAM operations using the AWS CLI or AWS
// API. This limitation does not apply to console sessions", and its "SSO to console is allowed"; GetSessionToken's
// "SSO to console is not allowed".
TEST_CASE("a federated user's console session has the user's and the session policy's permissions and may call IAM, "
          "not STS; GetSessionToken credentials open no console (id_credentials_sts-comparison)") {
    const auto r = run_text(broker_world(
        R"({ "actor": "admin", "call": "iam:PutUserPolicy", "params": { "UserName": "broker", "PolicyName": "iam-read",
             "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*" }] } },
             "expect": "allow" },
           { "actor": "broker", "call": "sts:GetFederationToken", "save": "fed", "params": { "Name": "ana",
             "Policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObject", "iam:ListUsers"], "Resource": "*" }] } },
             "expect": "allow" },
           { "actor": "broker", "call": "iam:ListUsers", "using": "fed",
             "expect": { "error": "AccessDenied", "message_contains": "federated user credentials can call no IAM operation" } },)" +
        signin_token("fed", "", "\"allow\"", "fed-url") + "," +
        login("+1m", "fed-url", R"({ "fields": { "ConsoleSession.Arn": "arn:aws:sts::111111111111:federated-user/ana" } })") + "," +
        R"({ "actor": "browser", "call": "s3:GetObject", "using": "console", "resource": "arn:aws:s3:::b/k", "expect": "allow" },
           { "actor": "browser", "call": "iam:ListUsers", "using": "console", "expect": "allow" },
           { "actor": "browser", "call": "sts:AssumeRole", "using": "console",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Support", "RoleSessionName": "ana" },
             "expect": { "error": "AccessDenied", "message_contains": "federated user credentials" } },
           { "actor": "broker", "call": "sts:GetSessionToken", "save": "gst", "expect": "allow" },)" +
        signin_token("gst", "", R"({ "error": "InvalidCredentials", "message_contains": "GetSessionToken" })", "gst-url")));
    require_all_pass(r, 10);
    // Every record of the federated user, its console session's included, names the IAM user behind it as the session's
    // issuer (SessionIssuer: "the entity that was used to get the credentials"), not the federated user itself.
    std::size_t federated = 0;
    for (const auto& rec : r.cloudtrail) {
        if (rec["userIdentity"].value("type", "") != "FederatedUser") continue;
        ++federated;
        CAPTURE(rec["eventName"]);
        const nlohmann::json& issuer = rec["userIdentity"]["sessionContext"]["sessionIssuer"];
        CHECK(issuer["type"] == "IAMUser");
        CHECK(issuer["arn"] == "arn:aws:iam::111111111111:user/broker");
        CHECK(issuer["principalId"].get<std::string>().rfind("AIDA", 0) == 0);
    }
    CHECK(federated >= 5);  // ListUsers, GetSigninToken, ConsoleLogin, GetObject, ListUsers, AssumeRole
}

TEST_CASE("revoking a role's older sessions reaches the console sessions opened from them (id_roles_use_revoke-sessions)") {
    const auto r = run_text(broker_world(kAssumeSupport + "," + signin_token("support", "", "\"allow\"") + "," +
        login("+1m", "url", "\"allow\"") + "," +
        R"({ "at": "+1m", "actor": "admin", "call": "console:RevokeActiveSessions", "params": { "RoleName": "Support" } },
           { "at": "+1s", "actor": "browser", "call": "s3:GetObject", "using": "console", "resource": "arn:aws:s3:::b/k",
             "expect": { "error": "AccessDenied", "message_contains": "explicit deny" } })"));
    require_all_pass(r, 4);
}

TEST_CASE("CloudTrail records the sign-in as ConsoleLogin of the role session, without the sign-in token, with additionalEventData (the AWS CLI's lookup-events example)") {
    const auto r = run_text(broker_world(kAssumeSupport + "," + signin_token("support", "", "\"allow\"") + "," + login("+1m", "url", "\"allow\"")));
    require_all_pass(r, 3);
    const nlohmann::json* rec = last_cloudtrail(r, "ConsoleLogin");
    REQUIRE(rec != nullptr);
    CHECK((*rec)["eventSource"] == "signin.amazonaws.com");
    CHECK((*rec)["eventType"] == "AwsConsoleSignIn");
    CHECK((*rec)["userIdentity"]["type"] == "AssumedRole");
    CHECK((*rec)["userIdentity"]["arn"] == "arn:aws:sts::111111111111:assumed-role/Support/ana");
    CHECK((*rec)["responseElements"]["ConsoleLogin"] == "Success");
    CHECK((*rec)["requestParameters"].is_null());
    CHECK((*rec)["additionalEventData"] == nlohmann::json{{"MFAUsed", "No"}, {"MobileVersion", "No"}});
    const nlohmann::json* get = last_cloudtrail(r, "GetSigninToken");
    REQUIRE(get != nullptr);
    CHECK((*get)["responseElements"].is_null());
    CHECK((*get)["additionalEventData"] == nlohmann::json{{"MFAUsed", "No"}, {"MobileVersion", "No"}});
    CHECK_FALSE(get->contains("sessionCredentialFromConsole"));  // "not shown unless the value is true"
}

TEST_CASE("Identity Center makes, in each assigned account, an AWSReservedSSO_ role per permission set under "
          "/aws-reserved/sso.amazonaws.com/ (a region segment outside us-east-1) trusting its SAML provider "
          "(referencingpermissionsets, using-service-linked-roles)") {
    for (const std::string region : {"us-east-1", "eu-west-1"}) {
        CAPTURE(region);
        const Scenario s = load_scenario_text(broker_world("", region), "t.json");
        const aws::IdentityProvider& sso = s.world.identity_providers.at("sso");
        const std::string name = sso.sso_role_name("222222222222", "DevAccess");
        CHECK(name.rfind("AWSReservedSSO_DevAccess_", 0) == 0);
        CHECK(name.size() == std::string("AWSReservedSSO_DevAccess_").size() + 16);
        const aws::Account& dev = s.world.accounts.at("222222222222");
        const aws::Role& role = dev.roles.at(name);
        const std::string path = region == "us-east-1" ? "/aws-reserved/sso.amazonaws.com/" : "/aws-reserved/sso.amazonaws.com/eu-west-1/";
        CHECK(role.arn == "arn:aws:iam::222222222222:role" + path + name);
        CHECK(role.max_session_duration == 43200);
        CHECK(role.policies.count("p") == 1);
        const std::string provider = sso.sso_provider_name();
        CHECK(provider.rfind("AWSSSO_", 0) == 0);
        CHECK(dev.saml_providers.at(provider).metadata == "sso");
        CHECK((*role.trust.document)["Statement"][0]["Principal"]["Federated"] == "arn:aws:iam::222222222222:saml-provider/" + provider);
        // ReadOnly is assigned in both accounts; DevAccess only in 222222222222.
        CHECK(s.world.accounts.at("111111111111").roles.count(sso.sso_role_name("111111111111", "ReadOnly")) == 1);
        CHECK(s.world.accounts.at("111111111111").roles.count(sso.sso_role_name("111111111111", "DevAccess")) == 0);
    }
}

TEST_CASE("sso:GetRoleCredentials federates a signed-in user into an assigned account for the permission set's "
          "session duration, anything unassigned is ForbiddenException, a bad or expired portal token "
          "UnauthorizedException (AWS SSO Portal API GetRoleCredentials)") {
    const Scenario s = load_scenario_text(broker_world(""), "t.json");
    const std::string role = s.world.identity_providers.at("sso").sso_role_name("222222222222", "DevAccess");
    const auto r = run_text(broker_world(
        R"({ "actor": "sso", "call": "idp:Authenticate", "params": { "User": "dev" }, "to": "browser", "save": "portal" },
           { "actor": "sso", "call": "idp:Authenticate", "params": { "User": "ann", "Tamper": { "username": "dev" } }, "save": "forged" },)" +
        pick("+1s", "portal", "222222222222", "DevAccess", "\"allow\"") + "," +
        R"({ "actor": "browser", "call": "sts:GetCallerIdentity", "using": "creds",
             "expect": { "fields": { "Arn": "arn:aws:sts::222222222222:assumed-role/)" + role + R"(/dev" } } },
           { "at": "+1h59m", "actor": "browser", "call": "s3:GetObject", "using": "creds", "resource": "arn:aws:s3:::b2/k", "expect": "allow" },
           { "at": "+2m", "actor": "browser", "call": "s3:GetObject", "using": "creds", "resource": "arn:aws:s3:::b2/k", "expect": { "error": "ExpiredToken" } },)" +
        pick("+1s", "portal", "111111111111", "DevAccess", R"({ "error": "ForbiddenException", "message_contains": "No access" })") + "," +
        pick("+1s", "portal", "222222222222", "ReadOnly", R"({ "error": "ForbiddenException", "message_contains": "No access" })") + "," +
        pick("+1s", "forged", "222222222222", "DevAccess", R"({ "error": "UnauthorizedException", "message_contains": "Session token not found or invalid" })") + "," +
        pick("+6h", "portal", "222222222222", "DevAccess", R"({ "error": "UnauthorizedException" })")));
    require_all_pass(r, 8);
    // CloudTrail: the portal call in the instance's (management) account, the federation in the member account.
    const nlohmann::json* portal = last_cloudtrail(r, "GetRoleCredentials");
    REQUIRE(portal != nullptr);
    CHECK((*portal)["recipientAccountId"] == "111111111111");
    CHECK_FALSE((*portal)["requestParameters"].contains("accessToken"));
    const nlohmann::json* saml = last_cloudtrail(r, "AssumeRoleWithSAML");
    REQUIRE(saml != nullptr);
    CHECK((*saml)["recipientAccountId"] == "222222222222");
    CHECK((*saml)["userIdentity"]["type"] == "SAMLUser");
    CHECK((*saml)["userIdentity"]["userName"] == "dev");
}

TEST_CASE("an idp actor without a directory issues what its step's params state, as the shared format page describes "
          "the step: SAML attributes (Role, RoleSessionName, SessionNotOnOrAfter, also under AWS's full names) or OIDC claims (iss, sub, aud, exp)") {
    const std::string w = R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z",
  "accounts": { "111111111111": {
    "saml_providers": { "CorpIdP": {} },
    "oidc_providers": { "oidc.example.com": { "client_ids": ["app1"] } },
    "roles": {
      "SamlRole": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Principal": { "Federated": "arn:aws:iam::111111111111:saml-provider/CorpIdP" }, "Action": "sts:AssumeRoleWithSAML",
        "Condition": { "StringEquals": { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }] } },
      "WebRole": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Principal": { "Federated": "arn:aws:iam::111111111111:oidc-provider/oidc.example.com" }, "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": { "StringEquals": { "oidc.example.com:sub": "u1" } } }] } } } } },
  "actors": { "idp": { "kind": "idp" }, "browser": { "kind": "anonymous" } },
  "steps": [
    { "actor": "idp", "call": "idp:Authenticate", "save": "a",
      "params": { "Role": "arn:aws:iam::111111111111:role/SamlRole,arn:aws:iam::111111111111:saml-provider/CorpIdP",
                  "RoleSessionName": "alice", "SessionNotOnOrAfter": "2026-01-01T00:30:00Z" }, "expect": "allow" },
    { "actor": "browser", "call": "sts:AssumeRoleWithSAML",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/SamlRole", "PrincipalArn": "arn:aws:iam::111111111111:saml-provider/CorpIdP",
                  "SAMLAssertion": "@a" },
      "expect": { "fields": { "AssumedRoleUser.Arn": "arn:aws:sts::111111111111:assumed-role/SamlRole/alice",
                              "Credentials.Expiration": "2026-01-01T00:30:00Z" } } },
    { "actor": "idp", "call": "idp:Authenticate", "save": "full-names",
      "params": { "https://aws.amazon.com/SAML/Attributes/Role": "arn:aws:iam::111111111111:role/SamlRole,arn:aws:iam::111111111111:saml-provider/CorpIdP",
                  "https://aws.amazon.com/SAML/Attributes/RoleSessionName": "ana" } },
    { "actor": "browser", "call": "sts:AssumeRoleWithSAML",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/SamlRole", "PrincipalArn": "arn:aws:iam::111111111111:saml-provider/CorpIdP",
                  "SAMLAssertion": "@full-names" },
      "expect": { "fields": { "AssumedRoleUser.Arn": "arn:aws:sts::111111111111:assumed-role/SamlRole/ana" } } },
    { "actor": "idp", "call": "idp:Authenticate", "save": "nameless",
      "params": { "Role": ["arn:aws:iam::111111111111:role/SamlRole,arn:aws:iam::111111111111:saml-provider/CorpIdP"] } },
    { "actor": "browser", "call": "sts:AssumeRoleWithSAML",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/SamlRole", "PrincipalArn": "arn:aws:iam::111111111111:saml-provider/CorpIdP",
                  "SAMLAssertion": "@nameless" },
      "expect": { "error": "InvalidIdentityToken", "message_contains": "RoleSessionName is required in AuthnResponse" } },
    { "actor": "idp", "call": "idp:Authenticate", "save": "t",
      "params": { "iss": "https://oidc.example.com", "sub": "u1", "aud": "app1", "exp": "+1h" } },
    { "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebRole", "RoleSessionName": "u1", "WebIdentityToken": "@t" },
      "expect": { "fields": { "SubjectFromWebIdentityToken": "u1", "Audience": "app1" } } },
    { "actor": "idp", "call": "idp:Authenticate", "save": "other-app",
      "params": { "iss": "https://oidc.example.com", "sub": "u1", "aud": "app2" } },
    { "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebRole", "RoleSessionName": "u1", "WebIdentityToken": "@other-app" },
      "expect": { "error": "InvalidIdentityToken", "message_contains": "Incorrect token audience" } },
    { "actor": "idp", "call": "idp:Authenticate", "save": "old",
      "params": { "iss": "https://oidc.example.com", "sub": "u1", "aud": "app1", "exp": "2025-12-31T23:00:00Z" } },
    { "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebRole", "RoleSessionName": "u1", "WebIdentityToken": "@old" },
      "expect": { "error": "ExpiredTokenException" } }
  ]
})";
    require_all_pass(run_text(w), 7);
}

// Found by fuzzing: an exp of 9223372036854775807 seconds overflowed when STS turned it into milliseconds. It is a
// time far in the future: the token has not expired; one of 1e300 neither.
TEST_CASE("a web identity token whose exp is beyond any clock is still valid, not an overflow") {
    const auto r = run_text(world(
        sign_in("auth", "u1", "far", R"(, "Audience": "app1", "Override": { "exp": 9223372036854775807 })") + "," +
        web("WebRole", "far", "\"allow\"") + "," +
        sign_in("auth", "u1", "farther", R"(, "Audience": "app1", "Override": { "exp": 1e300 })") + "," +
        web("WebRole", "farther", "\"allow\"") + "," +
        sign_in("auth", "u1", "past", R"(, "Audience": "app1", "Override": { "exp": -1e300 })") + "," +
        web("WebRole", "past", R"({ "error": "ExpiredTokenException" })")));
    require_all_pass(r, 6);
}

// singlesignon authconcept-revoke-access: to cut off a user's active sessions, "Specify the aws:userid or
// identitystore:userid condition key": the sessions Identity Center makes carry the user's identity store id, the
// same every run, one per user.
TEST_CASE("Identity Center sessions carry identitystore:UserId, the user's identity store id, the same every run") {
    const auto r = run_text(broker_world(
        R"({ "actor": "sso", "call": "idp:Authenticate", "params": { "User": "dev" }, "to": "browser", "save": "portal" },)" +
        pick("+1s", "portal", "222222222222", "DevAccess", "\"allow\"") +
        R"(, { "actor": "browser", "call": "s3:GetObject", "using": "creds", "resource": "arn:aws:s3:::b2/k",
               "context": { "aws:SourceIp": "203.0.113.9" }, "expect": "allow" })"));
    require_all_pass(r, 2);
    std::string user_id;
    for (std::size_t i = 0; i < r.trace->size(); ++i) {
        if ((*r.trace)[i].kind != TraceKind::Decision) continue;
        const nlohmann::json d = r.trace->data(i);
        if (d.value("action", "") == "s3:GetObject") user_id = d["context"].value("identitystore:UserId", "");
    }
    CHECK(user_id.size() == 36);  // a UUID
    // The same user, the same id on another run.
    const auto again = run_text(broker_world(
        R"({ "actor": "sso", "call": "idp:Authenticate", "params": { "User": "dev" }, "to": "browser", "save": "portal" },)" +
        pick("+1s", "portal", "222222222222", "DevAccess", "\"allow\"") +
        R"(, { "actor": "browser", "call": "s3:GetObject", "using": "creds", "resource": "arn:aws:s3:::b2/k",
               "context": { "aws:SourceIp": "203.0.113.9" }, "expect": "allow" })"));
    std::string again_id;
    for (std::size_t i = 0; i < again.trace->size(); ++i)
        if ((*again.trace)[i].kind == TraceKind::Decision && again.trace->data(i).value("action", "") == "s3:GetObject")
            again_id = again.trace->data(i)["context"].value("identitystore:UserId", "");
    CHECK(again_id == user_id);
}
