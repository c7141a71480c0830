// IAM Identity Center's access portal: sso:GetRoleCredentials (AWS SSO Portal API, GetRoleCredentials; IAM
// Identity Center User Guide: referencingpermissionsets, howtosessionduration; facts §6). A user signed in once
// (idp:Authenticate on the Identity Center actor gives the access-portal token) picks an account and a
// permission set; Identity Center federates into that account through its SAML provider there, assuming the
// AWSReservedSSO_ role with AssumeRoleWithSAML, and returns the role credentials.
#include "aws/cloudtrail.hpp"
#include "aws/sts_internal.hpp"
#include "iam/arn.hpp"

namespace stslab::aws {

ApiResult sso_get_role_credentials(ServiceContext& sc, const ApiCall& call, const Caller&) {
    ApiResult result;
    ParamValidator v(call.params);
    const auto account = v.string("accountId", "accountId", true, 12, 12, Pattern::Digits);
    const auto role_name = v.string("roleName", "roleName", true, 1, 32);
    const auto token = call.params.find("accessToken");
    if (token == call.params.end() || token->is_null())
        v.missing("accessToken");
    if (!v.ok()) {
        fail(result, "InvalidRequestException", v.message(), 400);
        return result;
    }
    // The token must be one the instance signed and still valid (the access portal session, 8 hours by default).
    const nlohmann::json claims = token->is_object() ? token->value("claims", nlohmann::json::object()) : nlohmann::json::object();
    const IdentityProvider* idp = claims.contains("iss") && claims["iss"].is_string() ? sc.world.idp_by_issuer(claims["iss"]) : nullptr;
    const auto exp = claims.find("exp");
    const bool valid = idp && idp->protocol == IdpProtocol::IdentityCenter && signature_valid(*token, idp->key) &&
                       exp != claims.end() && exp->is_number() && !exp_passed(*exp, sc.start + sc.now);
    if (idp) result.recipient_account = idp->portal_account;
    if (!valid) {
        fail(result, "UnauthorizedException", "Session token not found or invalid", 401);
        return result;
    }
    result.trail_identity = TrailIdentity::outside("Unknown", claims.value("sub", ""), claims.value("username", ""));
    result.trail_parameters = {{"accountId", *account}, {"roleName", *role_name}};  // never the token
    const auto user = idp->users.find(claims.value("username", ""));
    if (user == idp->users.end() || !idp->permission_sets.count(*role_name) || !idp->sso_assigned(user->second, *account, *role_name)) {
        fail(result, "ForbiddenException", "No access", 403);
        return result;
    }
    // Federate into the account, as Identity Center does: a SAML assertion offering this one role.
    const std::string role_arn = "arn:aws:iam::" + *account + ":role" + idp->sso_role_path() + idp->sso_role_name(*account, *role_name);
    const std::string provider_arn = "arn:aws:iam::" + *account + ":saml-provider/" + idp->sso_provider_name();
    ApiCall inner;
    inner.operation = "sts:AssumeRoleWithSAML";
    inner.params = {{"RoleArn", role_arn},
                    {"PrincipalArn", provider_arn},
                    {"SAMLAssertion", signed_saml_assertion(*idp, user->second, {role_arn + "," + provider_arn}, sc.start + sc.now)},
                    {"DurationSeconds", idp->permission_sets.at(*role_name).session_seconds}};
    inner.actor = call.actor;
    inner.by_identity_center = true;
    // The user's id in the identity store, which its sessions carry as identitystore:UserId ("Specify the aws:userid or
    // identitystore:userid condition key" to revoke a user's active sessions, singlesignon authconcept-revoke-access):
    // a UUID derived from the instance and the user, the same every run.
    Rng ids = Rng::from_text("identitystore " + idp->instance + " " + user->first);
    inner.identity_store_user_id = make_uuid(ids);
    ApiResult assumed = sts_assume_role_with_saml(sc, inner, Caller{});
    result.decisions = std::move(assumed.decisions);
    result.more_trail = cloudtrail_records(sc, inner, assumed, nullptr);
    if (!assumed.ok) {
        fail(result, assumed.error_code, assumed.error_message, assumed.http_status);
        return result;
    }
    const Credential& c = *sc.credentials.find(assumed.issued_key);
    // The secrets are in STS's answer alone (Credential keeps none).
    const nlohmann::json& sts = assumed.response.at("Credentials");
    result.ok = true;
    result.issued_key = c.access_key_id;
    result.response = {{"roleCredentials",
                        {{"accessKeyId", c.access_key_id},
                         {"secretAccessKey", sts.at("SecretAccessKey")},
                         {"sessionToken", sts.at("SessionToken")},
                         {"expiration", sc.start + *c.expires_at}}}};
    return result;
}

}  // namespace stslab::aws
