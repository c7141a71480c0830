// Outbound identity federation: sts:GetWebIdentityToken and IAM's calls that enable, disable and describe it
// (API_GetWebIdentityToken; API_EnableOutboundWebIdentityFederation, API_DisableOutboundWebIdentityFederation,
// API_GetOutboundWebIdentityFederationInfo; IAM User Guide id_roles_providers_outbound, ..._getting_started,
// ..._token_claims, ..._policies, ..._cross_partition, ..._cross_partition_auditing).
#include "aws/idp.hpp"
#include "aws_test_util.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

constexpr const char* kApi = "https://api.example.com";

// Account 111111111111 (in an organization, under the OU "Workloads"; outbound federation as `enabled` says) has the
// role Worker (tagged team=data), which its user dev assumes; Worker may get tokens for kApi of at most 300 seconds,
// and tag them when `tag_policy`. dev may manage the feature; guest has GetSessionToken credentials.
std::string outbound_world(bool enabled, const std::string& steps, const std::string& worker_extra = "") {
    return R"({ "stslab": 1, "start": "2026-03-02T10:00:00Z",
      "organization": { "management": "999999999999", "accounts": ["111111111111"],
                        "ous": { "Workloads": { "accounts": ["111111111111"] } } },
      "accounts": {
        "999999999999": {},
        "111111111111": { "outbound_web_identity_federation": )" + std::string(enabled ? "true" : "false") + R"(,
          "users": { "dev": { "tags": { "team": "platform" }, "policies": { "p": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Action": ["sts:AssumeRole", "sts:GetSessionToken", "sts:GetFederationToken",
                  "sts:GetWebIdentityToken", "iam:EnableOutboundWebIdentityFederation",
                  "iam:DisableOutboundWebIdentityFederation", "iam:GetOutboundWebIdentityFederationInfo"], "Resource": "*" }] } } } },
          "roles": { "Worker": { "tags": { "team": "data" },
            "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111111111111:user/dev" }, "Action": "sts:AssumeRole" }] },
            "policies": { "jwt": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Action": "sts:GetWebIdentityToken", "Resource": "*", "Condition": {
                  "ForAllValues:StringEquals": { "sts:IdentityTokenAudience": ["https://api.example.com", "https://b.example.com"] },
                  "NumericLessThanEquals": { "sts:DurationSeconds": "900" },
                  "StringEquals": { "sts:SigningAlgorithm": "ES384" } } } )" + worker_extra + R"( ] } } } } } },
      "actors": { "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [ { "actor": "dev", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Worker",
                   "RoleSessionName": "worker" }, "save": "worker" }, )" + steps + R"( ] })";
}

// A GetWebIdentityToken step of the Worker session (or `using`), its Audience written as JSON.
std::string token(const std::string& audience, const std::string& expect, const std::string& extra = "",
                  const std::string& using_ = "worker", const std::string& save = "jwt") {
    return R"({ "actor": "dev", "using": ")" + using_ + R"(", "call": "sts:GetWebIdentityToken", "params": { "Audience": )" +
           audience + R"(, "SigningAlgorithm": "ES384" )" + extra + R"( }, "save": ")" + save + R"(", "expect": )" + expect + " }";
}

std::string iam_call(const std::string& call, const std::string& expect) {
    return R"({ "actor": "dev", "call": "iam:)" + call + R"(", "expect": )" + expect + " }";
}

// The answers of a run's successful GetWebIdentityToken calls, in order.
std::vector<nlohmann::json> tokens_of(const RunResult& r) {
    std::vector<nlohmann::json> out;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Sent && r.trace->label_name((*r.trace)[i].label) == "sts:GetWebIdentityToken \xe2\x9c\x93")
            out.push_back(r.trace->data(i)["response"]);
    return out;
}

}  // namespace

TEST_CASE("GetWebIdentityToken gives a role session a JWT for its audience that STS signs, whose claims name the role, "
          "the account, its organization and tags (API_GetWebIdentityToken; id_roles_providers_outbound_token_claims)") {
    const std::string issuer = aws::outbound_issuer_url("111111111111");
    const auto r = run_text(outbound_world(true,
        token(R"(["https://api.example.com"])", R"({ "fields": { "Expiration": "2026-03-02T10:05:02Z",
            "WebIdentityToken.claims.sub": "arn:aws:iam::111111111111:role/Worker",
            "WebIdentityToken.claims.aud": "https://api.example.com",
            "WebIdentityToken.claims.iss": ")" + issuer + R"(", "WebIdentityToken.header.alg": "ES384" } })",
              R"(, "DurationSeconds": 300, "Tags": [{ "Key": "job", "Value": "nightly" }])") + "," +
        token(R"(["https://api.example.com", "https://b.example.com"])", "\"allow\"", "", "worker", "jwt2"),
        // Tags need sts:TagGetWebIdentityToken too (id_roles_providers_outbound_policies).
        R"(, { "Effect": "Allow", "Action": "sts:TagGetWebIdentityToken", "Resource": "*" })"));
    require_all_pass(r, 2);
    CHECK(issuer.size() == std::string("https://").size() + 36 + std::string(".tokens.sts.global.api.aws").size());
    const std::vector<nlohmann::json> answers = tokens_of(r);
    REQUIRE(answers.size() == 2);
    const nlohmann::json& jwt = answers[0]["WebIdentityToken"];
    CHECK(aws::signature_valid(jwt, aws::outbound_signing_key("111111111111")));
    CHECK_FALSE(aws::signature_valid(jwt, aws::outbound_signing_key("999999999999")));
    const nlohmann::json& claims = jwt["claims"];
    CHECK(claims["exp"].get<std::int64_t>() - claims["iat"].get<std::int64_t>() == 300);
    CHECK(claims["jti"].get<std::string>().size() == 36);
    const nlohmann::json& aws_claims = claims["https://sts.amazonaws.com/"];
    CHECK(aws_claims["aws_account"] == "111111111111");
    CHECK(aws_claims["source_region"] == "us-east-1");
    CHECK(aws_claims["principal_id"] == "arn:aws:iam::111111111111:role/Worker");
    CHECK(aws_claims["org_id"] == r.world.organization->id);
    CHECK(aws_claims["ou_path"] == r.world.organization->account_path("111111111111"));
    CHECK(aws_claims["principal_tags"] == nlohmann::json{{"team", "data"}});
    CHECK(aws_claims["request_tags"] == nlohmann::json{{"job", "nightly"}});
    // Two audiences are a list; without Tags there are no request_tags.
    const nlohmann::json& two = answers[1]["WebIdentityToken"]["claims"];
    CHECK(two["aud"] == nlohmann::json::array({"https://api.example.com", "https://b.example.com"}));
    CHECK_FALSE(two["https://sts.amazonaws.com/"].contains("request_tags"));
    CHECK(two["jti"] != claims["jti"]);
}

TEST_CASE("an IAM user's token names the user, and its principal tags are the user's (id_roles_providers_outbound_token_claims)") {
    const auto r = run_text(outbound_world(true, R"({ "actor": "dev", "call": "sts:GetWebIdentityToken", "params": {
        "Audience": ["https://api.example.com"], "SigningAlgorithm": "RS256" }, "expect": { "fields": {
        "WebIdentityToken.claims.sub": "arn:aws:iam::111111111111:user/dev", "WebIdentityToken.header.alg": "RS256" } } })"));
    require_all_pass(r, 1);
    CHECK(tokens_of(r).at(0)["WebIdentityToken"]["claims"]["https://sts.amazonaws.com/"]["principal_tags"] ==
          nlohmann::json{{"team", "platform"}});
}

TEST_CASE("the account must enable outbound identity federation first: IAM's calls enable, disable and describe it, and a "
          "token issued before it was disabled stays what it was (id_roles_providers_outbound_getting_started)") {
    const std::string disabled = R"({ "error": "OutboundWebIdentityFederationDisabledException",
        "message_contains": "The outbound web identity federation feature is not enabled for this account" })";
    const std::string issuer = aws::outbound_issuer_url("111111111111");
    const auto r = run_text(outbound_world(false,
        iam_call("GetOutboundWebIdentityFederationInfo", R"({ "error": "FeatureDisabled" })") + "," +
        token(R"(["https://api.example.com"])", disabled) + "," +
        iam_call("EnableOutboundWebIdentityFederation", R"({ "fields": { "IssuerIdentifier": ")" + issuer + R"(" } })") + "," +
        iam_call("EnableOutboundWebIdentityFederation",
            R"({ "error": "FeatureEnabled", "message_contains": "use the GetOutboundWebIdentityFederationInfo operation" })") + "," +
        token(R"(["https://api.example.com"])", "\"allow\"") + "," +
        iam_call("GetOutboundWebIdentityFederationInfo", R"({ "fields": { "IssuerIdentifier": ")" + issuer + R"(", "JwtVendingEnabled": true } })") + "," +
        iam_call("DisableOutboundWebIdentityFederation", "\"allow\"") + "," +
        token(R"(["https://api.example.com"])", disabled, "", "worker", "jwt2") + "," +
        iam_call("GetOutboundWebIdentityFederationInfo", R"({ "fields": { "IssuerIdentifier": ")" + issuer + R"(", "JwtVendingEnabled": false } })") + "," +
        iam_call("DisableOutboundWebIdentityFederation", R"({ "error": "FeatureDisabled", "message_contains": "already disabled" })")));
    require_all_pass(r, 10);
    CHECK(count_events(r, TraceKind::WorldChanged, "enabled outbound identity federation for 111111111111") == 1);
    CHECK(count_events(r, TraceKind::WorldChanged, "disabled outbound identity federation for 111111111111") == 1);
}

TEST_CASE("the caller's policies decide with sts:IdentityTokenAudience (every audience asked), sts:DurationSeconds and "
          "sts:SigningAlgorithm, and tags need sts:TagGetWebIdentityToken (id_roles_providers_outbound_policies)") {
    const std::string denied = R"({ "error": "AccessDenied", "message_contains": "is not authorized to perform: sts:GetWebIdentityToken" })";
    const auto r = run_text(outbound_world(true,
        token(R"(["https://api.example.com", "https://elsewhere.example.com"])", denied) + "," +
        token(R"(["https://api.example.com"])", denied, R"(, "DurationSeconds": 901)") + "," +
        token(R"(["https://api.example.com"])", "\"allow\"", R"(, "DurationSeconds": 900)") + "," +
        R"({ "actor": "dev", "using": "worker", "call": "sts:GetWebIdentityToken", "params": { "Audience": ["https://api.example.com"],
             "SigningAlgorithm": "RS256" }, "expect": )" + denied + " }," +
        token(R"(["https://api.example.com"])",
              R"({ "error": "AccessDenied", "message_contains": "is not authorized to perform: sts:TagGetWebIdentityToken" })",
              R"(, "Tags": [{ "Key": "job", "Value": "nightly" }])")));
    require_all_pass(r, 5);
    // The default duration is the one the key sees: 300 seconds.
    const auto defaults = run_text(outbound_world(true, token(R"(["https://api.example.com"])", "\"allow\""),
        R"(, { "Effect": "Deny", "Action": "sts:GetWebIdentityToken", "Resource": "*",
               "Condition": { "NumericNotEquals": { "sts:DurationSeconds": "300" } } })"));
    require_all_pass(defaults, 1);
}

TEST_CASE("GetWebIdentityToken's parameters: Audience 1 to 10 of 1 to 1000 characters, DurationSeconds 60 to 3600, "
          "SigningAlgorithm RS256 or ES384, Tags as session tags (API_GetWebIdentityToken)") {
    const std::string eleven = R"(["a","b","c","d","e","f","g","h","i","j","k"])";
    const auto invalid = [](const std::string& text) {
        return R"({ "error": "ValidationError", "message_contains": ")" + text + R"(" })";
    };
    const auto r = run_text(outbound_world(true,
        token("[]", invalid("Value '[]' at 'audience' failed to satisfy constraint: Member must have length greater than or equal to 1")) + "," +
        token(eleven, invalid("at 'audience' failed to satisfy constraint: Member must have length less than or equal to 10")) + "," +
        token(R"([""])", invalid("Value '' at 'audience.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1")) + "," +
        token(R"(["https://api.example.com"])", invalid("Value '59' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60"),
              R"(, "DurationSeconds": 59)") + "," +
        token(R"(["https://api.example.com"])", invalid("Value '3601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600"),
              R"(, "DurationSeconds": 3601)") + "," +
        R"({ "actor": "dev", "using": "worker", "call": "sts:GetWebIdentityToken", "params": { "Audience": ["x"], "SigningAlgorithm": "HS256" },
             "expect": )" + invalid("Value 'HS256' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]") + " }," +
        R"({ "actor": "dev", "using": "worker", "call": "sts:GetWebIdentityToken", "params": { "Audience": ["x"] },
             "expect": )" + invalid("Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null") + " }," +
        token(R"(["https://api.example.com"])", R"({ "error": "InvalidParameterValue", "message_contains": "Duplicate tag keys found" })",
              R"(, "Tags": [{ "Key": "job", "Value": "a" }, { "Key": "JOB", "Value": "b" }])")));
    require_all_pass(r, 8);
}

TEST_CASE("who may get a token: not GetSessionToken or GetFederationToken credentials (facts 2), and no token that would "
          "outlive the session that asks (SessionDurationEscalationException)") {
    const auto r = run_text(outbound_world(true,
        R"({ "actor": "dev", "call": "sts:GetSessionToken", "save": "plain" },
           { "actor": "dev", "call": "sts:GetFederationToken", "params": { "Name": "fed", "Policy": { "Version": "2012-10-17",
             "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } }, "save": "fed" },)" +
        token(R"(["https://api.example.com"])", R"({ "error": "AccessDenied" })", "", "plain", "x1") + "," +
        token(R"(["https://api.example.com"])", R"({ "error": "AccessDenied" })", "", "fed", "x2") + "," +
        // The Worker session lasts an hour from +0: a 900-second token at +50m would outlive it.
        R"({ "at": "+50m", "actor": "dev", "using": "worker", "call": "sts:GetWebIdentityToken", "params": {
             "Audience": ["https://api.example.com"], "SigningAlgorithm": "ES384", "DurationSeconds": 900 },
             "expect": { "error": "SessionDurationEscalationException", "message_contains": "beyond its original expiration time" } },
           { "at": "+1s", "actor": "dev", "using": "worker", "call": "sts:GetWebIdentityToken", "params": {
             "Audience": ["https://api.example.com"], "SigningAlgorithm": "ES384", "DurationSeconds": 300 }, "expect": "allow" })"));
    require_all_pass(r, 4);
}

TEST_CASE("a token from GetWebIdentityToken cannot be redeemed with AssumeRoleWithWebIdentity in its own partition, even "
          "with an OIDC provider for its issuer (id_roles_providers_outbound_cross_partition)") {
    std::string world = outbound_world(true,
        token(R"(["https://api.example.com"])", "\"allow\"") + "," +
        R"({ "actor": "dev", "call": "sts:AssumeRoleWithWebIdentity", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Worker",
             "RoleSessionName": "again", "WebIdentityToken": "@jwt" },
             "expect": { "error": "InvalidIdentityToken", "message_contains": "cannot be used with AssumeRoleWithWebIdentity" } })");
    const std::string host = aws::outbound_issuer_url("111111111111").substr(8);
    world = replace_all(world, R"("outbound_web_identity_federation": true,)",
                        R"("outbound_web_identity_federation": true, "oidc_providers": { ")" + host + R"(": { "client_ids": ["https://api.example.com"] } },)");
    require_all_pass(run_text(world), 2);
}

TEST_CASE("CloudTrail logs GetWebIdentityToken on a Regional STS endpoint with the token's id, never the token "
          "(id_roles_providers_outbound_cross_partition_auditing; API_GetWebIdentityToken: not on the global endpoint)") {
    const auto r = run_text(outbound_world(true, token(R"(["https://api.example.com"])", "\"allow\"")));
    require_all_pass(r, 1);
    const nlohmann::json* rec = last_cloudtrail(r, "GetWebIdentityToken");
    REQUIRE(rec != nullptr);
    CHECK((*rec)["eventSource"] == "sts.amazonaws.com");
    CHECK((*rec)["tlsDetails"]["clientProvidedHostHeader"] == "sts.us-east-1.amazonaws.com");
    CHECK((*rec)["requestParameters"]["audience"] == nlohmann::json::array({kApi}));
    CHECK((*rec)["requestParameters"]["signingAlgorithm"] == "ES384");
    const nlohmann::json jwt = tokens_of(r).at(0)["WebIdentityToken"];
    CHECK((*rec)["responseElements"]["webIdentityTokenId"] == jwt["claims"]["jti"]);
    CHECK_FALSE((*rec)["responseElements"].contains("webIdentityToken"));
    CHECK(rec->dump().find(jwt["signature"].get<std::string>()) == std::string::npos);
}

TEST_CASE("a token carries the session's context as the claims page maps it: source_identity, original_session_exp, and "
          "an EC2 instance's ec2_source_instance_arn and ec2_role_delivery (id_roles_providers_outbound_token_claims)") {
    // A role session with a source identity, its expiry an hour after it began (+1s); `expect` reaches into the
    // claims' namespace, whose name has dots of its own.
    std::string world = outbound_world(true, token(R"(["https://api.example.com"])", R"({ "fields": {
        "WebIdentityToken.claims.https://sts.amazonaws.com/.source_identity": "alice",
        "WebIdentityToken.claims.https://sts.amazonaws.com/.original_session_exp": "2026-03-02T11:00:01Z",
        "WebIdentityToken.claims.https://sts.amazonaws.com/.aws_account": "111111111111" } })"));
    world = replace_all(world, R"("RoleSessionName": "worker" })", R"("RoleSessionName": "worker", "SourceIdentity": "alice" })");
    world = replace_all(world, R"("Action": ["sts:AssumeRole", )", R"("Action": ["sts:AssumeRole", "sts:SetSourceIdentity", )");
    world = replace_all(world, R"("Action": "sts:AssumeRole" }] },)", R"("Action": ["sts:AssumeRole", "sts:SetSourceIdentity"] }] },)");
    const auto r = run_text(world);
    require_all_pass(r, 1);
    // An instance's session: EC2 assumes the role for the instance, the application asks for a token.
    const auto ec2 = run_text(R"({ "stslab": 1, "start": "2026-03-02T10:00:00Z",
      "accounts": { "111111111111": { "outbound_web_identity_federation": true,
        "instances": { "i-0a1b2c3d4e5f60718": { "region": "us-east-1" } },
        "roles": { "App": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }] },
          "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sts:GetWebIdentityToken",
            "Resource": "*" }] } } } } } },
      "actors": { "ec2": { "principal": "ec2.amazonaws.com", "kind": "service" }, "app": { "kind": "anonymous" } },
      "steps": [
        { "actor": "ec2", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/App",
          "RoleSessionName": "i-0a1b2c3d4e5f60718" }, "save": "instance" },
        { "actor": "app", "using": "instance", "call": "sts:GetWebIdentityToken", "params": { "Audience": ["a"],
          "SigningAlgorithm": "ES384" }, "expect": { "fields": {
          "WebIdentityToken.claims.https://sts.amazonaws.com/.ec2_source_instance_arn": "arn:aws:ec2:us-east-1:111111111111:instance/i-0a1b2c3d4e5f60718",
          "WebIdentityToken.claims.https://sts.amazonaws.com/.ec2_role_delivery": "2.0" } } } ] })");
    require_all_pass(ec2, 1);
    // An IAM user's long-term keys have no session: none of these claims.
    const auto user = run_text(outbound_world(true, R"({ "actor": "dev", "call": "sts:GetWebIdentityToken", "params": {
        "Audience": ["a"], "SigningAlgorithm": "RS256" } })"));
    const nlohmann::json claims = tokens_of(user).at(0)["WebIdentityToken"]["claims"]["https://sts.amazonaws.com/"];
    for (const char* absent : {"source_identity", "original_session_exp", "ec2_source_instance_arn", "ec2_role_delivery"}) {
        CAPTURE(absent);
        CHECK_FALSE(claims.contains(absent));
    }
}
