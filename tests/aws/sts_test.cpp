// STS, run through whole scenarios: who may call what, trust evaluation same- and cross-account, ExternalId, MFA,
// durations, chaining, session policies, tags and source identity, with AWS's exact messages (facts §2-3;
// STS API Reference API_AssumeRole, API_GetSessionToken, API_GetFederationToken, API_GetCallerIdentity).
#include "aws_test_util.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

// A small organization-free world: account 111111111111 (prod) and 222222222222 (dev).
// alice (prod) may call sts:AssumeRole on anything; bob (prod) has no policies; carol (dev) may assume anything.
std::string world(const std::string& roles, const std::string& steps) {
    return R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z", "seed": 7,
  "accounts": {
    "111111111111": {
      "users": {
        "alice": { "mfa": true, "policies": { "p": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity",
                                                        "sts:GetFederationToken", "s3:*"], "Resource": "*" }] } } },
        "bob": {}
      },
      "roles": { )" + roles + R"( },
      "buckets": { "data": { "objects": { "k": "v" } } }
    },
    "222222222222": {
      "users": {
        "carol": { "policies": { "p": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }] } } },
        "dave": {}
      }
    }
  },
  "actors": {
    "alice": { "principal": "arn:aws:iam::111111111111:user/alice" },
    "bob": { "principal": "arn:aws:iam::111111111111:user/bob" },
    "carol": { "principal": "arn:aws:iam::222222222222:user/carol" },
    "dave": { "principal": "arn:aws:iam::222222222222:user/dave" },
    "root": { "principal": "arn:aws:iam::111111111111:root" }
  },
  "steps": [ )" + steps + R"( ]
})";
}

std::string trust(const std::string& principal, const std::string& extra = "") {
    return R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": )" + principal +
           R"(, "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"])" + extra + " }] }";
}

const std::string kReader = R"("policies": { "read": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
    "Action": ["s3:GetObject", "sts:AssumeRole", "sts:SetSourceIdentity"], "Resource": "*" }] } })";

}  // namespace

TEST_CASE("the root user cannot assume a role (API_AssumeRole)") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "root", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "ss" },
             "expect": { "error": "AccessDenied", "message_contains": "Roles may not be assumed by root accounts." } })"));
    require_all_pass(r, 1);
}

TEST_CASE("same account: a trust policy naming the user allows it without any identity policy") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "arn:aws:iam::111111111111:user/bob"})") + " }",
        R"({ "actor": "bob", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "bob" },
             "expect": { "fields": { "AssumedRoleUser.Arn": "arn:aws:sts::111111111111:assumed-role/R/bob",
                                     "Credentials.Expiration": "2026-01-01T01:00:01Z" } } })"));
    require_all_pass(r, 1);
}

TEST_CASE("same account: a trust policy naming the account also needs the caller's identity policy") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "arn:aws:iam::111111111111:root"})") + " }",
        R"({ "actor": "bob", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "bob" },
             "expect": { "error": "AccessDenied", "message_contains": "because no identity-based policy allows the sts:AssumeRole action" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "alice" }, "expect": "allow" })"));
    require_all_pass(r, 2);
}

TEST_CASE("cross account: the trust policy and the caller's own account must both allow") {
    const auto r = run_text(world(
        R"("R": { "trust": )" + trust(R"({"AWS": ["arn:aws:iam::222222222222:user/dave", "arn:aws:iam::222222222222:user/carol"]})") + " }",
        R"({ "actor": "dave", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "dave" },
             "expect": { "error": "AccessDenied", "message_contains": "no identity-based policy allows" } },
           { "actor": "carol", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "carol" }, "expect": "allow" })"));
    require_all_pass(r, 2);
}

TEST_CASE("a role that does not exist is refused as one whose trust policy names someone else, word for word") {
    // AWS does not tell a caller whether a role it may not assume exists: the same AccessDenied for both.
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "arn:aws:iam::111111111111:user/bob"})") + " }",
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Nope", "RoleSessionName": "ss" },
             "expect": { "error": "AccessDenied",
                         "message_contains": "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/Nope because no role trust policy allows the sts:AssumeRole action" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "ss" },
             "expect": { "error": "AccessDenied",
                         "message_contains": "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/R because no role trust policy allows the sts:AssumeRole action" } })"));
    require_all_pass(r, 2);
    // Word for word: the two messages differ only in the role's name.
    std::vector<std::string> messages;
    for (const auto& rec : r.cloudtrail)
        if (rec["eventName"] == "AssumeRole") messages.push_back(rec["errorMessage"].get<std::string>());
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].replace(messages[0].find("role/Nope"), 9, "role/R") == messages[1]);
    // Only the trace's decision says which it was, and it keeps a document the viewer can open (an empty trust policy).
    bool labelled = false;
    for (std::size_t i = 0; i < r.trace->size(); ++i) {
        if ((*r.trace)[i].kind != TraceKind::Decision) continue;
        const nlohmann::json d = r.trace->data(i);
        if (d.dump().find("role/Nope (no such role)") == std::string::npos) continue;
        labelled = true;
        for (const auto& doc : d["documents"]) CHECK(doc.is_object());
    }
    CHECK(labelled);
}

TEST_CASE("a RoleArn that names no role is a ValidationError: not an ARN, or the ARN of a user or a provider") {
    // "Request ARN is invalid" is what users report when they pass an OIDC or SAML provider's ARN as the RoleArn;
    // text that is not an ARN at all is "<RoleArn> is invalid". A role ARN of a missing role stays AccessDenied.
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "role/R-in-account-111111111111", "RoleSessionName": "ss" },
             "expect": { "error": "ValidationError", "message_contains": "role/R-in-account-111111111111 is invalid" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:a:a::aaaaaaaaaa:", "RoleSessionName": "ss" },
             "expect": { "error": "ValidationError", "message_contains": "arn:a:a::aaaaaaaaaa: is invalid" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:user/alice", "RoleSessionName": "ss" },
             "expect": { "error": "ValidationError", "message_contains": "Request ARN is invalid" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:oidc-provider/example.com", "RoleSessionName": "ss" },
             "expect": { "error": "ValidationError", "message_contains": "Request ARN is invalid" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/", "RoleSessionName": "ss" },
             "expect": { "error": "ValidationError", "message_contains": "Request ARN is invalid" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Missing", "RoleSessionName": "ss" },
             "expect": "deny" },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "ss" },
             "expect": "allow" })"));
    require_all_pass(r, 7);
}

TEST_CASE("GetAccessKeyInfo names the account of a long-term or temporary key, for a caller allowed sts:GetAccessKeyInfo (API_GetAccessKeyInfo)") {
    const std::string auditor = R"("Auditor": { "trust": )" + trust(R"({"AWS": "111111111111"})") +
        R"(, "policies": { "keys": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
           "Action": "sts:GetAccessKeyInfo", "Resource": "*" }] } } })";
    const auto r = run_text(world(auditor,
        R"({ "actor": "alice", "call": "sts:GetAccessKeyInfo", "params": { "AccessKeyId": "@carol" },
             "expect": { "error": "AccessDenied", "message_contains": "is not authorized to perform: sts:GetAccessKeyInfo" } },
           { "actor": "alice", "call": "sts:AssumeRole", "save": "aud",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Auditor", "RoleSessionName": "audit" }, "expect": "allow" },
           { "actor": "alice", "call": "sts:GetAccessKeyInfo", "using": "aud", "params": { "AccessKeyId": "@carol" },
             "expect": { "fields": { "Account": "222222222222" } } },
           { "actor": "alice", "call": "sts:GetAccessKeyInfo", "using": "aud", "params": { "AccessKeyId": "@aud" },
             "expect": { "fields": { "Account": "111111111111" } } },
           { "actor": "alice", "call": "sts:GetAccessKeyInfo", "using": "aud", "params": { "AccessKeyId": "AKIAIOSFODNN7EXAMPLE" },
             "expect": { "error": "InvalidParameterValue" } },
           { "actor": "alice", "call": "sts:GetAccessKeyInfo", "using": "aud", "params": { "AccessKeyId": "AKIA-NOT-A-KEY-ID" },
             "expect": { "error": "ValidationError", "message_contains": "at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]*" } })"));
    require_all_pass(r, 6);
    // A read-only management event in the caller's account.
    int records = 0;
    for (const auto& rec : r.cloudtrail) {
        if (rec["eventName"] != "GetAccessKeyInfo") continue;
        ++records;
        CHECK(rec["readOnly"] == true);
        CHECK(rec["recipientAccountId"] == "111111111111");
    }
    CHECK(records == 5);  // the refused one too; not the one that failed validation
}

TEST_CASE("ExternalId: omitted or wrong is AccessDenied, the right one is allowed (id_roles_common-scenarios_third-party)") {
    const std::string role = R"("R": { "trust": )" +
        trust(R"({"AWS": "222222222222"})", R"(, "Condition": { "StringEquals": { "sts:ExternalId": "xyz-123" } })") + " }";
    const auto r = run_text(world(role,
        R"({ "actor": "carol", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "cc" }, "expect": "deny" },
           { "actor": "carol", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "cc", "ExternalId": "xyz-124" },
             "expect": { "error": "AccessDenied", "message_contains": "because no role trust policy allows" } },
           { "actor": "carol", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "cc", "ExternalId": "xyz-123" },
             "expect": "allow" })"));
    require_all_pass(r, 3);
}

TEST_CASE("parameters are validated with AWS's ValidationError messages") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "a b" },
             "expect": { "error": "ValidationError", "message_contains": "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "ok", "DurationSeconds": 600 },
             "expect": { "error": "ValidationError", "message_contains": "Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R" },
             "expect": { "error": "ValidationError", "message_contains": "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "x", "ExternalId": "a" },
             "expect": { "error": "ValidationError", "message_contains": "2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value 'a' at 'externalId'" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "ok", "TokenCode": "12345", "SerialNumber": "arn:aws:iam::111111111111:mfa/alice" },
             "expect": { "error": "ValidationError", "message_contains": "at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6" } })"));
    require_all_pass(r, 5);
}

TEST_CASE("durations: above the role's maximum, and above one hour when chaining, are refused") {
    const std::string roles = R"("R": { "max_session_duration": 7200, )" + kReader + R"(, "trust": )" +
        trust(R"({"AWS": "111111111111"})") + R"( },
        "Next": { "max_session_duration": 43200, "trust": )" + trust(R"({"AWS": "arn:aws:iam::111111111111:role/R"})") + " }";
    const auto r = run_text(world(roles,
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "DurationSeconds": 10800 },
             "expect": { "error": "ValidationError", "message_contains": "The requested DurationSeconds exceeds the MaxSessionDuration set for this role." } },
           { "actor": "alice", "call": "sts:AssumeRole", "save": "first",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "DurationSeconds": 7200 },
             "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "first",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Next", "RoleSessionName": "bb", "DurationSeconds": 7200 },
             "expect": { "error": "ValidationError", "message_contains": "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining." } },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "first",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Next", "RoleSessionName": "bb" },
             "expect": { "fields": { "AssumedRoleUser.Arn": "arn:aws:sts::111111111111:assumed-role/Next/bb",
                                     "Credentials.Expiration": "2026-01-01T01:00:04Z" } } })"));
    require_all_pass(r, 4);
}

TEST_CASE("MFA: a trust policy requiring it refuses long-term keys, a wrong code, a device that is not the caller's, and accepts the device's code") {
    const std::string role = R"("R": { "trust": )" +
        trust(R"({"AWS": "111111111111"})", R"(, "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } })") + " }";
    const auto r = run_text(world(role,
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa" }, "expect": "deny" },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "SerialNumber": "arn:aws:iam::111111111111:mfa/alice", "TokenCode": "000000" },
             "expect": { "error": "AccessDenied", "message_contains": "MultiFactorAuthentication failed with invalid MFA one time pass code." } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "SerialNumber": "arn:aws:iam::111111111111:mfa/alice", "TokenCode": "123456" },
             "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "SerialNumber": "arn:aws:iam::111111111111:mfa/bob", "TokenCode": "123456" },
             "expect": { "error": "AccessDenied", "message_contains": "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user." } })"));
    require_all_pass(r, 4);
}

TEST_CASE("session credentials cannot call GetSessionToken or GetFederationToken") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "s",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa" }, "expect": "allow" },
           { "actor": "alice", "call": "sts:GetSessionToken", "using": "s",
             "expect": { "error": "AccessDenied", "message_contains": "Cannot call GetSessionToken with session credentials" } },
           { "actor": "alice", "call": "sts:GetFederationToken", "using": "s", "params": { "Name": "x1" },
             "expect": { "error": "AccessDenied", "message_contains": "Cannot call GetFederationToken with session credentials" } })"));
    require_all_pass(r, 3);
}

TEST_CASE("GetSessionToken: 12 hours by default, one hour for root, and no IAM calls without MFA") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:GetSessionToken", "save": "plain",
             "expect": { "fields": { "Credentials.Expiration": "2026-01-01T12:00:01Z" } } },
           { "actor": "root", "call": "sts:GetSessionToken", "params": { "DurationSeconds": 7200 },
             "expect": { "fields": { "Credentials.Expiration": "2026-01-01T01:00:02Z" } } },
           { "actor": "alice", "call": "iam:PutUserPolicy", "using": "plain",
             "params": { "UserName": "bob", "PolicyName": "x", "PolicyDocument": "{}" },
             "expect": { "error": "InvalidClientTokenId" } },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "plain",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa" }, "expect": "allow" })"));
    require_all_pass(r, 4);
}

// The root user's MFA device (id_root-user_manage_mfa; API_GetSessionToken: "If you are using a virtual MFA device,
// the value is the ARN of the device, for example arn:aws:iam::123456789012:mfa/user"): its GetSessionToken with
// SerialNumber and TokenCode is an MFA session, so a policy that demands MFA lets its calls through.
TEST_CASE("the root user's MFA device (root_mfa) gives its GetSessionToken an MFA session, and checks its code") {
    std::string text = world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "root", "call": "sts:GetSessionToken", "save": "mfa",
             "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/root-account-mfa-device", "TokenCode": "654321" }, "expect": "allow" },
           { "actor": "root", "call": "s3:GetObject", "using": "mfa", "resource": "arn:aws:s3:::data/k", "expect": "allow" },
           { "actor": "root", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "expect": "deny" },
           { "actor": "root", "call": "sts:GetSessionToken",
             "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/root-account-mfa-device", "TokenCode": "123456" },
             "expect": { "error": "AccessDenied", "message_contains": "MultiFactorAuthentication failed with invalid MFA one time pass code." } },
           { "actor": "root", "call": "sts:GetSessionToken",
             "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/alice", "TokenCode": "123456" },
             "expect": { "error": "AccessDenied", "message_contains": "unable to validate MFA code" } })");
    const std::string bucket = R"("buckets": { "data": { "objects": { "k": "v" } } })";
    text.replace(text.find(bucket), bucket.size(), R"("buckets": { "data": { "objects": { "k": "v" }, "policy": { "Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*",
        "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } } }] } } }, "root_mfa": { "code": "654321" })");
    require_all_pass(run_text(text), 5);
    std::string wrong = text;
    const std::string root_mfa = R"("root_mfa": { "code": "654321" })";
    wrong.replace(wrong.find(root_mfa), root_mfa.size(), R"("root_mfa": "yes")");
    CHECK_THROWS_WITH_AS(load_scenario_text(wrong, "f.json"),
                         doctest::Contains("at accounts/111111111111/root_mfa: expected true, false or {\"code\": \"123456\"}, found a string"),
                         ScenarioError);
}

TEST_CASE("AssumeRole with GetSessionToken's credentials is held to one hour, as role chaining is (Knowledge Center iam-role-chaining-limit)") {
    const auto r = run_text(world(R"("R": { "max_session_duration": 43200, "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:GetSessionToken", "save": "gst",
             "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/alice", "TokenCode": "123456" }, "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "gst",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "DurationSeconds": 3601 },
             "expect": { "error": "ValidationError", "message_contains": "exceeds the 1 hour session limit for roles assumed by role chaining" } },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "gst",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "DurationSeconds": 3600 }, "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "DurationSeconds": 43200 }, "expect": "allow" })"));
    require_all_pass(r, 4);
}

TEST_CASE("GetFederationToken: no session policy means no permissions, a session policy intersects the user's") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:GetFederationToken", "save": "none", "params": { "Name": "web1" },
             "expect": { "fields": { "FederatedUser.Arn": "arn:aws:sts::111111111111:federated-user/web1",
                                     "FederatedUser.FederatedUserId": "111111111111:web1" } } },
           { "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "none",
             "expect": { "error": "AccessDenied", "message_contains": "no session policy allows" } },
           { "actor": "alice", "call": "sts:GetFederationToken", "save": "read", "params": { "Name": "web2",
               "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" },
             "expect": "allow" },
           { "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "read", "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "read",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa" }, "expect": "deny" },
           { "actor": "alice", "call": "sts:GetCallerIdentity", "using": "read",
             "expect": { "fields": { "Arn": "arn:aws:sts::111111111111:federated-user/web2", "UserId": "111111111111:web2" } } })"));
    require_all_pass(r, 6);
}

TEST_CASE("root's federated users have root's permissions within their session policy (id_credentials_temp_control-access_disable-perms)") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "root", "call": "sts:GetFederationToken", "save": "f", "params": { "Name": "rootfed",
               "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" },
             "expect": "allow" },
           { "actor": "root", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "f", "expect": "allow" },
           { "actor": "root", "call": "s3:PutObject", "resource": "arn:aws:s3:::data/x", "using": "f", "params": { "Body": "x" },
             "expect": { "error": "AccessDenied", "message_contains": "no session policy allows" } },
           { "actor": "root", "call": "sts:GetFederationToken", "save": "none", "params": { "Name": "bare" }, "expect": "allow" },
           { "actor": "root", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "none",
             "expect": { "error": "AccessDenied", "message_contains": "no session policy allows" } })"));
    require_all_pass(r, 5);
}

TEST_CASE("a bucket policy naming the user who called GetFederationToken names all its federated users (id_credentials_temp_control-access_disable-perms)") {
    std::string text = world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:GetFederationToken", "save": "bob", "params": { "Name": "Bob",
               "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}" },
             "expect": "allow" },
           { "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "bob", "expect": "deny" },
           { "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::open/k", "using": "bob", "expect": "allow" })");
    const std::string bucket = R"("buckets": { "data": { "objects": { "k": "v" } } })";
    text.replace(text.find(bucket), bucket.size(), R"("buckets": { "data": { "objects": { "k": "v" }, "policy": { "Version": "2012-10-17",
        "Statement": [{ "Effect": "Deny", "Principal": { "AWS": "arn:aws:iam::111111111111:user/alice" }, "Action": "s3:*", "Resource": "arn:aws:s3:::data/*" }] } },
        "open": { "objects": { "k": "v" } } })");
    require_all_pass(run_text(text), 3);
}

TEST_CASE("an expected time field matches the same instant however ISO 8601 writes it") {
    const std::string assume = R"({ "at": 0, "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "DurationSeconds": 900 },
             "expect": { "fields": { "Credentials.Expiration": "EXPIRES" } } })";
    std::string steps;
    for (const char* form : {"2026-01-01T00:15:00Z", "2026-01-01T00:15:00.000Z", "2026-01-01T09:15:00+09:00", "2026-01-01T00:15:01Z"}) {
        std::string step = assume;
        step.replace(step.find("EXPIRES"), 7, form);
        steps += (steps.empty() ? "" : ",") + step;
    }
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }", steps));
    REQUIRE(r.checks.size() == 4);
    CHECK(r.checks[0].passed);
    CHECK(r.checks[1].passed);
    CHECK(r.checks[2].passed);
    CHECK_FALSE(r.checks[3].passed);  // another second
}

TEST_CASE("credentials used after their expiration fail with ExpiredToken") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + ", " + kReader + " }",
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "s",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "DurationSeconds": 900 },
             "expect": "allow" },
           { "at": "+14m", "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "s", "expect": "allow" },
           { "at": "+2m", "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "s",
             "expect": { "error": "ExpiredToken", "message_contains": "The security token included in the request is expired" } })"));
    require_all_pass(r, 3);
    CHECK(count_events(r, TraceKind::CredentialExpired) == 1);
}

// The facts sheet: "Using credentials after Expiration: ExpiredToken". Expiration has whole seconds; credentials
// issued at +10.92 s for 900 s show +910 s and are refused from then, not 920 ms later.
TEST_CASE("credentials are refused from the very second their Expiration names") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + ", " + kReader + " }",
        R"({ "at": 10.9, "actor": "alice", "call": "sts:AssumeRole", "save": "s",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "DurationSeconds": 900 },
             "expect": { "fields": { "Credentials.Expiration": "2026-01-01T00:15:10Z" } } },
           { "at": 909.9, "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "s", "expect": "allow" },
           { "at": 910.5, "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "using": "s",
             "expect": { "error": "ExpiredToken" } })"));
    require_all_pass(r, 3);
}

// cloudtrail-event-reference-user-identity, sessionContext: "If the request was made with temporary security
// credentials, an element that provides information about the session that was created for those credentials."
TEST_CASE("CloudTrail gives the root user's GetSessionToken credentials a sessionContext, as a user's") {
    const auto r = run_text(world("", R"(
        { "actor": "root", "call": "sts:GetSessionToken", "save": "t", "expect": "allow" },
        { "actor": "root", "call": "sts:GetCallerIdentity", "using": "t", "expect": "allow" },
        { "actor": "root", "call": "sts:GetCallerIdentity", "expect": "allow" })"));
    require_all_pass(r, 3);
    REQUIRE(r.cloudtrail.size() == 3);
    const auto& with_session = r.cloudtrail[1]["userIdentity"];
    CHECK(with_session["type"] == "Root");
    CHECK(with_session["sessionContext"]["attributes"]["mfaAuthenticated"] == "false");
    CHECK(with_session["sessionContext"]["attributes"]["creationDate"] == r.cloudtrail[0]["eventTime"]);
    CHECK_FALSE(r.cloudtrail[2]["userIdentity"].contains("sessionContext"));  // the root user's own keys
    CHECK_FALSE(r.cloudtrail[2]["userIdentity"].contains("userName"));        // the account has no alias
}

// cloudtrail-event-reference-user-identity: "If the userIdentity type is Root and you set an alias for your account,
// the userName field contains your account alias."
TEST_CASE("CloudTrail names the root user by the account's alias, also as the issuer of its federated users") {
    std::string text = world("", R"(
        { "actor": "root", "call": "sts:GetFederationToken", "save": "f", "params": { "Name": "rootfed" }, "expect": "allow" },
        { "actor": "root", "call": "sts:GetCallerIdentity", "using": "f", "expect": "allow" })");
    const std::string account = R"("111111111111": {)";
    text.replace(text.find(account), account.size(), account + R"( "alias": "mycorp",)");
    const auto r = run_text(text);
    require_all_pass(r, 2);
    REQUIRE(r.cloudtrail.size() == 2);
    CHECK(r.cloudtrail[0]["userIdentity"]["type"] == "Root");
    CHECK(r.cloudtrail[0]["userIdentity"]["userName"] == "mycorp");
    const auto& issuer = r.cloudtrail[1]["userIdentity"]["sessionContext"]["sessionIssuer"];
    CHECK(issuer["type"] == "Root");
    CHECK(issuer["userName"] == "mycorp");
    CHECK(issuer["arn"] == "arn:aws:iam::111111111111:root");
}

// id_session-tags, "Permissions required to add session tags": "In addition to the action that matches the API
// operation, you must have the following permissions-only action in your policy: sts:TagSession" (GetFederationToken
// is one of the session tagging operations).
TEST_CASE("GetFederationToken with session tags needs sts:TagSession, with the tags in the request context") {
    const std::string bob = R"("bob": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
        { "Effect": "Allow", "Action": ["sts:GetFederationToken", "sts:TagSession"], "Resource": "*" },
        { "Effect": "Deny", "Action": "sts:TagSession", "Resource": "*",
          "Condition": { "StringEquals": { "aws:RequestTag/team": "admins" } } } ] } } })";
    const std::string fed = R"("params": { "Name": "kim", "Policy": { "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] }, "Tags": [{ "Key": "team", "Value": "TEAM" }] })";
    std::string steps = R"({ "actor": "bob", "call": "sts:GetFederationToken", )" + fed + R"(,
          "expect": { "error": "AccessDenied", "message_contains": "is not authorized to perform: sts:TagSession on resource: arn:aws:sts::111111111111:federated-user/kim with an explicit deny" } },
        { "actor": "bob", "call": "sts:GetFederationToken", )" + fed + R"(, "expect": "allow" })";
    const std::size_t first = steps.find("TEAM");
    steps.replace(first, 4, "admins");
    steps.replace(steps.find("TEAM"), 4, "devs");
    std::string text = world("", steps);
    const std::string plain_bob = R"("bob": {})";
    text.replace(text.find(plain_bob), plain_bob.size(), bob);
    const auto r = run_text(text);
    require_all_pass(r, 2);
}

TEST_CASE("GetCallerIdentity answers for every kind of caller, even under an explicit deny") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + R"(, "policies": { "deny": {
          "Version": "2012-10-17", "Statement": [{ "Effect": "Deny", "Action": "*", "Resource": "*" }] } } })",
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "s",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "sess" }, "expect": "allow" },
           { "actor": "alice", "call": "sts:GetCallerIdentity", "using": "s",
             "expect": { "fields": { "Arn": "arn:aws:sts::111111111111:assumed-role/R/sess", "Account": "111111111111" } } },
           { "actor": "root", "call": "sts:GetCallerIdentity",
             "expect": { "fields": { "Arn": "arn:aws:iam::111111111111:root", "UserId": "111111111111" } } })"));
    require_all_pass(r, 3);
}

TEST_CASE("session tags need sts:TagSession in the trust policy (id_session-tags)") {
    const std::string roles = R"("NoTags": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole" }] } },
        "Tags": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }";
    const auto r = run_text(world(roles,
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/NoTags", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "team", "Value": "red" }] },
             "expect": { "error": "AccessDenied", "message_contains": "sts:TagSession" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Tags", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "team", "Value": "red" }] },
             "expect": "allow" })"));
    require_all_pass(r, 2);
}

TEST_CASE("session tag keys and values: API_Tag's characters, no key beginning with aws:, no key twice in any case (id_tags), and a lone {Key, Value} is not a list") {
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "a*b", "Value": "x" }] },
             "expect": { "error": "ValidationError", "message_contains": "Value 'a*b' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "team", "Value": "red" }, { "Key": "color", "Value": "red;blue" }] },
             "expect": { "error": "ValidationError", "message_contains": "Value 'red;blue' at 'tags.2.member.value'" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "AWS:team", "Value": "red" }] },
             "expect": { "error": "ValidationError", "message_contains": "Member must not begin with 'aws:'" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "Team", "Value": "red" }, { "Key": "team", "Value": "blue" }] },
             "expect": { "error": "InvalidParameterValue", "message_contains": "Duplicate tag keys found. Please note that Tag keys are case insensitive." } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "cost-center/a_b.c:d=e+f@g h", "Value": "팀 1" }, { "Key": "empty", "Value": "" }] },
             "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": { "Key": "team", "Value": "red" } },
             "expect": { "error": "ValidationError", "message_contains": "at 'tags' failed to satisfy constraint: Member must be a list" } })"));
    require_all_pass(r, 6);
}

TEST_CASE("a session tag overrides the role's tag with the same key in any case (id_session-tags)") {
    // The role is tagged department=marketing; the policy wants Department=engineering, which only the session tag
    // gives. Both spellings of the key must end with the session's value.
    const std::string abac = R"("policies": { "abac": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Action": "s3:GetObject", "Resource": "*",
        "Condition": { "StringEquals": { "aws:PrincipalTag/Department": "engineering" } } }] } })";
    const std::string roles = R"("Lower": { "tags": { "department": "marketing" }, )" + abac + R"(, "trust": )" +
        trust(R"({"AWS": "111111111111"})") + R"( },
        "Upper": { "tags": { "Department": "marketing" }, )" + abac + R"(, "trust": )" + trust(R"({"AWS": "111111111111"})") + " }";
    const auto r = run_text(world(roles,
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "l",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Lower", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "Department", "Value": "engineering" }] }, "expect": "allow" },
           { "actor": "alice", "call": "s3:GetObject", "using": "l", "resource": "arn:aws:s3:::data/k", "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole", "save": "u",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Upper", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "department", "Value": "engineering" }] }, "expect": "allow" },
           { "actor": "alice", "call": "s3:GetObject", "using": "u", "resource": "arn:aws:s3:::data/k", "expect": "allow" })"));
    require_all_pass(r, 4);
}

TEST_CASE("a chained session cannot pass again a tag it inherits as transitive (API_AssumeRole, Tags)") {
    const std::string chainer = R"("policies": { "chain": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Action": ["sts:AssumeRole", "sts:TagSession"], "Resource": "*" }] } })";
    const std::string roles = R"("A": { )" + chainer + R"(, "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( },
        "B": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }";
    const auto r = run_text(world(roles,
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "a",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/A", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "Heart", "Value": "1" }, { "Key": "Star", "Value": "1" }],
                         "TransitiveTagKeys": ["Heart"] }, "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "a",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/B", "RoleSessionName": "bb",
                         "Tags": [{ "Key": "heart", "Value": "3" }] },
             "expect": { "error": "InvalidParameterValue", "message_contains": "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session." } },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "a",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/B", "RoleSessionName": "bb",
                         "Tags": [{ "Key": "Star", "Value": "2" }] }, "expect": "allow" })"));
    require_all_pass(r, 3);
    // CloudTrail logs what the chained call inherits (cloudtrail-integration, "Example AWS STS role chaining API
    // event"); the first call inherits nothing.
    REQUIRE(r.cloudtrail.size() == 3);
    CHECK_FALSE(r.cloudtrail[0]["requestParameters"].contains("incomingTransitiveTags"));
    CHECK(r.cloudtrail[2]["requestParameters"]["incomingTransitiveTags"] == nlohmann::json{{"Heart", "1"}});
}

// A role session with transitive tags sets them on the session it assumes: the call needs sts:TagSession though it
// passes no tags (users' recorded refusals: mattrobinsonsre/terrapod#1546, aws/eks-pod-identity-agent#80), and the
// tags carried in are packed with the session's own (aws/containers-roadmap#2413: packedPolicySize 74 for a chained
// call passing none, PackedPolicyTooLarge once it passed more).
TEST_CASE("a chained AssumeRole that inherits transitive tags needs sts:TagSession and packs the inherited tags") {
    const std::string chainer = R"("policies": { "chain": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Action": ["sts:AssumeRole", "sts:TagSession"], "Resource": "*" }] } })";
    const std::string plain_trust = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole" }] })";
    const std::string roles = R"("A": { )" + chainer + R"(, "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( },
        "B": { "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( },
        "NoTags": { "trust": )" + plain_trust + " }";
    // Six tags of 100 + 200 characters: 1,800 of the 2,048 packed characters, 88%.
    std::string tags, keys;
    for (int i = 0; i < 6; ++i) {
        const std::string key = "k" + std::to_string(i) + std::string(98, 'k');
        tags += std::string(i ? ", " : "") + R"({ "Key": ")" + key + R"(", "Value": ")" + std::string(200, 'v') + R"(" })";
        keys += std::string(i ? ", " : "") + "\"" + key + "\"";
    }
    const auto r = run_text(world(roles,
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "tagged",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/A", "RoleSessionName": "aa",
                         "Tags": [)" + tags + R"(], "TransitiveTagKeys": [)" + keys + R"(] },
             "expect": { "fields": { "PackedPolicySize": 88 } } },
           { "actor": "alice", "call": "sts:AssumeRole", "save": "untagged",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/A", "RoleSessionName": "plain" }, "expect": "allow" },
           { "id": "inherits-without-tagsession", "actor": "alice", "call": "sts:AssumeRole", "using": "tagged",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/NoTags", "RoleSessionName": "bb" },
             "expect": { "error": "AccessDenied", "message_contains": "is not authorized to perform: sts:TagSession on resource: arn:aws:iam::111111111111:role/NoTags" } },
           { "id": "nothing-to-inherit", "actor": "alice", "call": "sts:AssumeRole", "using": "untagged",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/NoTags", "RoleSessionName": "bb" }, "expect": "allow" },
           { "id": "packs-inherited", "actor": "alice", "call": "sts:AssumeRole", "using": "tagged",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/B", "RoleSessionName": "bb" },
             "expect": { "fields": { "PackedPolicySize": 88 } } },
           { "id": "one-more-overflows", "actor": "alice", "call": "sts:AssumeRole", "using": "tagged",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/B", "RoleSessionName": "bb",
                         "Tags": [{ "Key": ")" + std::string(100, 'x') + R"(", "Value": ")" + std::string(200, 'y') + R"(" }] },
             "expect": { "error": "PackedPolicyTooLarge", "message_contains": "Packed size of session tags consumes 103% of allotted space." } })"));
    require_all_pass(r, 6);
}

TEST_CASE("TransitiveTagKeys name a tag in any case, and a chained call's record carries the inherited source identity") {
    // "Tag key-value pairs are not case sensitive" (API_AssumeRole, Tags); "sourceIdentity is found in the
    // requestParameters block of the AWS STS calls" a role session makes to assume another role
    // (cloudtrail-event-reference-user-identity).
    const std::string chainer = R"("policies": { "chain": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], "Resource": "*" }] } })";
    const std::string reader = R"("policies": { "read": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Action": "s3:GetObject", "Resource": "*", "Condition": { "StringEquals": { "aws:PrincipalTag/Star": "1" } } }] } })";
    const std::string roles = R"("A": { )" + chainer + R"(, "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( },
        "B": { "tags": { "Star": "3" }, )" + reader + R"(, "trust": )" + trust(R"({"AWS": "111111111111"})") + " }";
    const auto r = run_text(world(roles,
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "a",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/A", "RoleSessionName": "aa", "SourceIdentity": "alice",
                         "Tags": [{ "Key": "Star", "Value": "1" }], "TransitiveTagKeys": ["star"] }, "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "a", "save": "b",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/B", "RoleSessionName": "bb" }, "expect": "allow" },
           { "actor": "alice", "call": "s3:GetObject", "using": "b", "resource": "arn:aws:s3:::data/k", "expect": "allow" })"));
    require_all_pass(r, 3);
    REQUIRE(r.cloudtrail.size() >= 2);
    CHECK_FALSE(r.cloudtrail[0]["requestParameters"].contains("incomingTransitiveTags"));
    CHECK(r.cloudtrail[1]["requestParameters"]["incomingTransitiveTags"] == nlohmann::json{{"Star", "1"}});
    CHECK(r.cloudtrail[1]["requestParameters"]["sourceIdentity"] == "alice");
}

TEST_CASE("session policies and tags over the packed limit are PackedPolicyTooLarge, PolicyArns count as their ARNs, and a Policy is never empty") {
    // Ten tags of 100 + 200 characters: 3,000 of the 2,048 characters, 147%, named as the tags' own excess
    // (knowledge-center iam-role-aws-sts-error: "Packed size of session tags consumes n% of allotted space").
    std::string tags;
    for (int i = 0; i < 10; ++i)
        tags += std::string(i ? "," : "") + R"({ "Key": ")" + std::string(99, 'k') + std::to_string(i) + R"(", "Value": ")" +
                std::string(200, 'v') + "\" }";
    // A managed policy far longer than 2,048 characters, passed by ARN (36 characters: 2%).
    std::string statements;
    for (int i = 0; i < 40; ++i)
        statements += std::string(i ? "," : "") + R"({ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/prefix-)" +
                      std::to_string(i) + "/*\" }";
    // An inline policy of 1,880 characters and one tag of 384: neither over on its own, 111% together.
    const std::string long_policy = R"({\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::)" +
                                    std::string(1772, 'b') + R"(\"}]})";
    const std::string text = R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z",
  "accounts": { "111111111111": {
    "users": { "alice": { "policies": { "p": { "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Resource": "*" }] } } } },
    "policies": { "Big": { "Version": "2012-10-17", "Statement": [)" + statements + R"(] } },
    "roles": { "R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( } } } },
  "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" } },
  "steps": [
    { "actor": "alice", "call": "sts:AssumeRole",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "Tags": [)" + tags + R"(] },
      "expect": { "error": "PackedPolicyTooLarge", "message_contains": "Packed size of session tags consumes 147% of allotted space." } },
    { "actor": "alice", "call": "sts:AssumeRole",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                  "PolicyArns": [{ "arn": "arn:aws:iam::111111111111:policy/Big" }] },
      "expect": { "fields": { "PackedPolicySize": 2 } } },
    { "actor": "alice", "call": "sts:AssumeRole",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "Policy": ")" + long_policy + R"(",
                  "Tags": [{ "Key": ")" + std::string(128, 'k') + R"(", "Value": ")" + std::string(256, 'v') + R"(" }] },
      "expect": { "error": "PackedPolicyTooLarge", "message_contains": "Packed policy consumes 111% of allotted space, please use smaller policy." } },
    { "actor": "alice", "call": "sts:AssumeRole",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "Policy": "" },
      "expect": { "error": "ValidationError", "message_contains": "Value '' at 'policy' failed to satisfy constraint: Member must have length greater than or equal to 1" } } ]
})";
    require_all_pass(run_text(text), 4);
}

// API_AssumeRole, PolicyArns: "The policies must exist in the same account as the role"; API_GetFederationToken:
// "... in the same account as the IAM user that is requesting federated access"; API_PolicyDescriptorType, arn:
// "Minimum length of 20". A parameter constraint, so ValidationError (aws-sts-iam-facts.md, "Parameter constraints").
TEST_CASE("managed session policies must be in the role's or the federating user's account, and an ARN has 20 characters or more") {
    const std::string text = R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z",
  "accounts": {
    "111111111111": {
      "users": { "alice": { "policies": { "p": { "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } },
      "policies": { "Own": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } },
      "roles": { "R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( } } },
    "222222222222": {
      "policies": { "Foreign": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } },
  "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" } },
  "steps": [
    { "actor": "alice", "call": "sts:AssumeRole",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                  "PolicyArns": [{ "arn": "arn:aws:iam::222222222222:policy/Foreign" }] },
      "expect": { "error": "ValidationError", "message_contains": "Policy arn:aws:iam::222222222222:policy/Foreign does not exist or is not attachable." } },
    { "actor": "alice", "call": "sts:GetFederationToken",
      "params": { "Name": "fed", "PolicyArns": [{ "arn": "arn:aws:iam::222222222222:policy/Foreign" }] },
      "expect": { "error": "ValidationError" } },
    { "actor": "alice", "call": "sts:AssumeRole",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                  "PolicyArns": [{ "arn": "arn:aws:iam::111111111111:policy/Own" }, { "arn": "arn:aws:iam::aws:policy/ReadOnlyAccess" }] },
      "expect": "allow" },
    { "actor": "alice", "call": "sts:AssumeRole",
      "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "PolicyArns": [{ "arn": "xx" }] },
      "expect": { "error": "ValidationError", "message_contains": "Value 'xx' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20" } } ]
})";
    require_all_pass(run_text(text), 4);
}

TEST_CASE("a source identity needs sts:SetSourceIdentity and never changes along a chain") {
    const std::string roles = R"("A": { )" + kReader + R"(, "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( },
        "B": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }";
    const auto r = run_text(world(roles,
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "a",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/A", "RoleSessionName": "aa", "SourceIdentity": "alice" },
             "expect": { "fields": { "SourceIdentity": "alice" } } },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "a",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/B", "RoleSessionName": "bb", "SourceIdentity": "mallory" },
             "expect": { "error": "AccessDenied", "message_contains": "cannot be changed" } },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "a",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/B", "RoleSessionName": "bb" },
             "expect": { "fields": { "SourceIdentity": "alice" } } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/A", "RoleSessionName": "aa", "SourceIdentity": "aws:x" },
             "expect": { "error": "ValidationError",
                         "message_contains": "1 validation error detected: Value 'aws:x' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" } })"));
    require_all_pass(r, 4);
}

TEST_CASE("TransitiveTagKeys: at most 50 keys of the tag pattern, and lengths count characters, not bytes (API_AssumeRole, API_Tag)") {
    std::string keys;
    for (int i = 0; i < 51; ++i) keys += std::string(i ? "," : "") + "\"k" + std::to_string(i) + "\"";
    std::string accented_256, accented_257;  // "é" is one character of two bytes
    for (int i = 0; i < 256; ++i) accented_256 += "\xc3\xa9";
    accented_257 = accented_256 + "\xc3\xa9";
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "TransitiveTagKeys": [)" + keys + R"(] },
             "expect": { "error": "ValidationError", "message_contains": "at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to 50" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "TransitiveTagKeys": ["te#am"] },
             "expect": { "error": "ValidationError", "message_contains": "Value 'te#am' at 'transitiveTagKeys.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern" } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "team", "Value": "red" }], "TransitiveTagKeys": ["project"] },
             "expect": { "error": "InvalidParameterValue", "message_contains": "The specified transitive tag key must be included in the requested tags." } },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "team", "Value": "red" }], "TransitiveTagKeys": ["TEAM"] }, "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "team", "Value": ")" + accented_256 + R"(" }] }, "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa",
                         "Tags": [{ "Key": "team", "Value": ")" + accented_257 + R"(" }] },
             "expect": { "error": "ValidationError", "message_contains": "Member must have length less than or equal to 256" } })"));
    require_all_pass(r, 6);
}

TEST_CASE("ProvidedContexts: 1 to 5, a ProviderArn of 20-2048 characters and a ContextAssertion of 4-2048 (API_ProvidedContext)") {
    const std::string ok = R"({ "ProviderArn": "arn:aws:iam::aws:contextProvider/IdentityCenter", "ContextAssertion": "abcd" })";
    std::string six;
    for (int i = 0; i < 6; ++i) six += (i ? "," : "") + ok;
    const auto call = [](const std::string& contexts, const std::string& expect) {
        return R"({ "actor": "alice", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/R",
                    "RoleSessionName": "aa", "ProvidedContexts": [)" + contexts + "] }, \"expect\": " + expect + " }";
    };
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        call(ok, "\"allow\"") + "," +
        call(six, R"({ "error": "ValidationError", "message_contains": "at 'providedContexts' failed to satisfy constraint: Member must have length less than or equal to 5" })") + "," +
        call("", R"({ "error": "ValidationError", "message_contains": "Value '[]' at 'providedContexts' failed to satisfy constraint: Member must have length greater than or equal to 1" })") + "," +
        call(R"({ "ProviderArn": "arn:aws:iam::aws:cp", "ContextAssertion": "abc" })",
             R"({ "error": "ValidationError", "message_contains": "2 validation errors detected: Value 'arn:aws:iam::aws:cp' at 'providedContexts.1.member.providerArn' failed to satisfy constraint: Member must have length greater than or equal to 20; Value 'abc' at 'providedContexts.1.member.contextAssertion' failed to satisfy constraint: Member must have length greater than or equal to 4" })")));
    require_all_pass(r, 4);
}

TEST_CASE("a session Policy is at most 2,048 characters (not bytes) of tab, line feed, carriage return and U+0020-U+00FF (API_AssumeRole)") {
    // 1,100 characters of "é" (2,200 bytes) in a condition value: within 2,048 characters.
    std::string accented;
    for (int i = 0; i < 1100; ++i) accented += "\xc3\xa9";
    auto policy = [](const std::string& value) {
        return R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                    "Condition": { "StringEquals": { "aws:PrincipalTag/x": ")" + value + R"(" } } }] })";
    };
    const auto r = run_text(world(R"("R": { "trust": )" + trust(R"({"AWS": "111111111111"})") + " }",
        R"({ "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "Policy": )" + policy(accented) + R"( },
             "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "aa", "Policy": )" + policy("\xe4\xb8\xad") + R"( },
             "expect": { "error": "ValidationError", "message_contains": "at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" } })"));
    require_all_pass(r, 2);
}

// id_credentials_temp_control-access_monitor: "When you assume a role with another role, called role chaining,
// permissions for sts:SetSourceIdentity are required in both the permissions policy of the principal who is
// assuming the role and in the role trust policy of the target role."
TEST_CASE("role chaining with a source identity needs sts:SetSourceIdentity in the calling role's own policies too") {
    const std::string only_assume = R"("policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Action": "sts:AssumeRole", "Resource": "*" }] } })";
    const std::string roles = R"("Limited": { )" + only_assume + R"(, "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( },
        "Full": { )" + kReader + R"(, "trust": )" + trust(R"({"AWS": "111111111111"})") + R"( },
        "Target": { "trust": )" + trust(R"({"AWS": ["arn:aws:iam::111111111111:role/Limited", "arn:aws:iam::111111111111:role/Full"]})") + " }";
    const auto r = run_text(world(roles,
        R"({ "actor": "alice", "call": "sts:AssumeRole", "save": "lim",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Limited", "RoleSessionName": "aa", "SourceIdentity": "alice" },
             "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole", "save": "full",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Full", "RoleSessionName": "aa", "SourceIdentity": "alice" },
             "expect": "allow" },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "lim",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Target", "RoleSessionName": "bb" },
             "expect": { "error": "AccessDenied", "message_contains": "sts:SetSourceIdentity" } },
           { "actor": "alice", "call": "sts:AssumeRole", "using": "full",
             "params": { "RoleArn": "arn:aws:iam::111111111111:role/Target", "RoleSessionName": "bb" },
             "expect": { "fields": { "SourceIdentity": "alice" } } })"));
    require_all_pass(r, 4);
}

// A service role: its trust names an AWS service ({"Service": "ec2.amazonaws.com"}), and only that service assumes it
// (id_roles_create_for-service; confused-deputy: aws:SourceAccount in the trust says for whom). CloudTrail logs the
// call as the service's, in the role's account (cloudtrail-event-reference-user-identity, AWSService).
TEST_CASE("an AWS service principal assumes a role whose trust names the service, for the account its condition names") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 5, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": {
        "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }] } } } },
        "roles": { "WebApp": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" },
                     "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "aws:SourceAccount": "111111111111" } } }] },
          "policies": { "read": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*" }] } } } },
        "buckets": { "site": { "objects": { "index.html": "hi" } } } } },
      "actors": { "ec2": { "principal": "ec2.amazonaws.com", "kind": "service" }, "app": { "kind": "anonymous" },
                  "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [
        { "actor": "ec2", "call": "sts:AssumeRole", "save": "instance", "context": { "aws:SourceAccount": "111111111111" },
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "i-0123456789abcdef0" },
          "expect": { "fields": { "AssumedRoleUser.Arn": "arn:aws:sts::111111111111:assumed-role/WebApp/i-0123456789abcdef0" } } },
        { "actor": "app", "call": "s3:GetObject", "resource": "arn:aws:s3:::site/index.html", "using": "instance",
          "expect": { "fields": { "Body": "hi" } } },
        { "actor": "ec2", "call": "sts:AssumeRole", "context": { "aws:SourceAccount": "999999999999" },
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "i-0fffffffffffffff0" },
          "expect": { "error": "AccessDenied" } },
        { "actor": "dev", "call": "sts:AssumeRole",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "dev" }, "expect": "deny" }
      ] })");
    require_all_pass(r, 4);
    REQUIRE(r.cloudtrail.size() == 4);
    CHECK(r.cloudtrail[0]["userIdentity"] == nlohmann::json{{"type", "AWSService"}, {"invokedBy", "ec2.amazonaws.com"}});
    CHECK(r.cloudtrail[0]["recipientAccountId"] == "111111111111");
    // The service works from its own account, which gets the event too: a sharedEventID, "present only when
    // CloudTrail events are delivered to multiple accounts" (cloudtrail-event-reference-record-contents), as a real
    // EC2 instance-profile AssumeRole record has it (flaws.cloud's published logs). A refused one has none.
    CHECK(r.cloudtrail[0]["sharedEventID"].is_string());
    CHECK_FALSE(r.cloudtrail[2].contains("sharedEventID"));
    CHECK(r.cloudtrail[1]["userIdentity"]["sessionContext"]["sessionIssuer"]["arn"] == "arn:aws:iam::111111111111:role/WebApp");
    // The instance's application reads the session from the instance metadata service: "ec2RoleDelivery - ... 2.0
    // if the credentials were provided using the new IMDS scheme" (cloudtrail-event-reference-user-identity). A
    // session any other caller obtained has no such member.
    CHECK(r.cloudtrail[1]["userIdentity"]["sessionContext"]["ec2RoleDelivery"] == "2.0");
    CHECK(r.cloudtrail[1]["userIdentity"]["sessionContext"]["attributes"].size() == 2);
}

// "IAM role credentials provided by Amazon EC2 instances assigned to the role are not subject to the specified
// maximum session duration" (IAM API Reference, UpdateRole, MaxSessionDuration). A user asking for as long is held
// to the role's maximum; the API's own bound (43200) holds for EC2 too.
TEST_CASE("EC2's instance-profile sessions are not held to the role's MaxSessionDuration (API_UpdateRole)") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 5, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": {
        "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }] } } } },
        "roles": { "WebApp": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com", "AWS": "111111111111" },
                     "Action": "sts:AssumeRole" }] } } } } },
      "actors": { "ec2": { "principal": "ec2.amazonaws.com", "kind": "service" },
                  "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [
        { "actor": "ec2", "call": "sts:AssumeRole",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "i-0123456789abcdef0", "DurationSeconds": 21600 },
          "expect": { "fields": { "Credentials.Expiration": "2026-01-01T06:00:01Z" } } },
        { "actor": "ec2", "call": "sts:AssumeRole",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "i-0123456789abcdef0", "DurationSeconds": 43201 },
          "expect": { "error": "ValidationError", "message_contains": "Member must have value less than or equal to 43200" } },
        { "actor": "ec2", "call": "sts:AssumeRole",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "i-0123456789abcdef0", "DurationSeconds": 18446744073709551615 },
          "expect": { "error": "ValidationError", "message_contains": "Value '18446744073709551615' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200" } },
        { "actor": "dev", "call": "sts:AssumeRole",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "dev", "DurationSeconds": 21600 },
          "expect": { "error": "ValidationError", "message_contains": "exceeds the MaxSessionDuration set for this role" } }
      ] })");
    require_all_pass(r, 4);
}
