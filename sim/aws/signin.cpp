// The AWS federation endpoint a custom identity broker uses to give its users the console (IAM User Guide:
// id_roles_providers_enable-console-custom-url; facts §6): getSigninToken exchanges temporary credentials for a
// sign-in token, and the login URL built from it opens a console session, if used within 15 minutes.
//
// signin:GetSigninToken (signed with the temporary credentials, `using`; params SessionDuration) answers
// {"SigninToken"}; signin:Login (unsigned: the user's browser follows the URL; params SigninToken, Destination)
// opens the console session, saved as credentials. AWS documents these rules but not their error texts: the
// codes and messages here are the sandbox's (scenarios/README.md, "Where the sandbox differs from AWS").
#include "aws/sts_internal.hpp"

namespace stslab::aws {
namespace {

constexpr Duration kSigninTokenLife = 15 * kMinute;  // "valid for 15 minutes after it is created"

}  // namespace

ApiResult signin_get_signin_token(ServiceContext& sc, const ApiCall& call, const Caller& caller) {
    ApiResult result;
    result.recipient_account = caller.principal.account;
    ParamValidator v(call.params);
    const auto duration = v.integer("SessionDuration", "SessionDuration", false, 900, 43200);
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return result;
    }
    const Credential& c = *caller.credential;
    if (!c.is_temporary()) {
        fail(result, "InvalidCredentials",
             "getSigninToken takes temporary security credentials (from AssumeRole, GetFederationToken, ...), not an "
             "IAM user's long-term access keys",
             400);
        return result;
    }
    // GetSessionToken's credentials: "SSO to console is not allowed" (id_credentials_sts-comparison).
    if (c.kind == CredentialKind::SessionToken) {
        fail(result, "InvalidCredentials",
             "getSigninToken does not take GetSessionToken credentials: they give no console session (use AssumeRole "
             "or GetFederationToken)",
             400);
        return result;
    }
    if (duration && c.kind == CredentialKind::FederationToken) {
        fail(result, "InvalidParameter",
             "SessionDuration cannot be used with credentials from GetFederationToken: their console session lasts as "
             "long as the credentials",
             400);
        return result;
    }
    // "Role chaining limits your AWS Management Console, AWS CLI or AWS API role session to a maximum of one hour. It
    // applies regardless of the maximum session duration configured for individual roles" (id_roles, Role chaining):
    // the endpoint refuses a SessionDuration with chained credentials (users' records: "You can't specify the
    // SessionDuration when we do RoleChaining ... because it will fail").
    if (duration && c.chain_depth >= 2) {
        fail(result, "InvalidParameter",
             "SessionDuration cannot be used with role-chained credentials: role chaining limits a console session to "
             "one hour, and without SessionDuration it lasts as long as the credentials",
             400);
        return result;
    }
    // "When you use DurationSeconds in an AssumeRole* operation, you must call it as an IAM user with long-term
    // credentials. Otherwise, the call to the federation endpoint in step 3 will fail"
    // (id_roles_providers_enable-console-custom-url; older versions of the page left out the DurationSeconds
    // condition, and so barred every chained session).
    if (c.duration_without_user_keys) {
        fail(result, "InvalidCredentials",
             "getSigninToken takes role credentials whose AssumeRole call set DurationSeconds only when that call was "
             "made with an IAM user's long-term credentials",
             400);
        return result;
    }
    std::string token = sc.rng.chars(Rng::kBase64, 64);
    sc.world.signin_tokens[token] = SigninGrant{c.access_key_id, duration, sc.now};
    result.ok = true;
    result.response = {{"SigninToken", token}};
    return result;
}

ApiResult signin_login(ServiceContext& sc, const ApiCall& call, const Caller&) {
    ApiResult result;
    ParamValidator v(call.params);
    const auto token = v.string("SigninToken", "SigninToken", true, 1, 4096);
    const auto destination = v.string("Destination", "Destination", false, 1, 2048);
    if (!v.ok()) {
        fail(result, "ValidationError", v.message(), 400);
        return result;
    }
    const auto grant = sc.world.signin_tokens.find(*token);
    if (grant == sc.world.signin_tokens.end()) {
        fail(result, "InvalidSigninToken", "The sign-in token is not valid", 400);
        return result;
    }
    // The token names the session it signs in, so even a late sign-in is in that session's account's trail.
    const Credential* from = sc.credentials.find(grant->second.access_key_id);
    result.recipient_account = from->principal.account;
    if (sc.now >= grant->second.issued_at + kSigninTokenLife) {
        fail(result, "ExpiredSigninToken", "The sign-in URL has expired: it is valid for 15 minutes after it is created", 400);
        return result;
    }
    if (from->expired(sc.now)) {
        fail(result, "ExpiredToken", "The security token included in the request is expired", 403);
        return result;
    }
    // The console session acts as the session the broker exchanged: the same principal, policies, tags and issue
    // time (so revoking older sessions reaches it), for SessionDuration or else as long as those credentials last.
    Credential console = *from;
    console.parent = from->access_key_id;
    console.holder = call.actor;
    console.from_console = true;
    console.principal.console = console.principal.type == iam::PrincipalType::FederatedUser;
    const Duration life = grant->second.session_duration ? *grant->second.session_duration * kSecond : *from->expires_at - sc.now;
    console.access_key_id = make_access_key_id(sc.rng, "ASIA");
    // The session's secret key and token stay in the browser: drawn, as every new session's are, and shown nowhere.
    make_secret_key(sc.rng);
    make_session_token(sc.rng);
    console.expires_at = sc.now + life;
    const Credential& issued = sc.credentials.add(std::move(console));
    result.ok = true;
    result.issued_key = issued.access_key_id;
    result.response = {{"Destination", destination.value_or("https://console.aws.amazon.com/")},
                       {"ConsoleSession", {{"Arn", issued.principal.arn},
                                           {"Expiration", format_iso8601_seconds(sc.start + *issued.expires_at)}}}};
    return result;
}

}  // namespace stslab::aws
