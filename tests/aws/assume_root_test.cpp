// AssumeRoot and centralized root access for member accounts (API_AssumeRoot; IAM User Guide
// id_root-user-privileged-task, id_root-enable-root-access, security-iam-awsmanpol, cloudtrail-track-privileged-tasks;
// reference_policies_condition-keys, aws:AssumedRoot).
#include "aws_test_util.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

constexpr const char* kUnlock = "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy";

// The management account 111 (its role RootOps may call AssumeRoot; its user ops may assume it), the member 222
// whose bucket "locked" has a policy denying everyone everything, the member 333 (IAM's delegated administrator when
// `organization_extra` says so, with a user allowed everything) and 999, outside the organization.
std::string root_world(const std::string& organization_extra, const std::string& steps) {
    return R"({ "stslab": 1, "start": "2026-03-02T10:00:00Z",
      "organization": { "management": "111111111111", "accounts": ["222222222222", "333333333333"],
                        "iam_features": ["RootCredentialsManagement", "RootSessions"] )" + organization_extra + R"( },
      "accounts": {
        "111111111111": {
          "users": { "ops": { "policies": { "p": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }] } } },
                     "intern": {} },
          "roles": { "RootOps": {
            "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111111111111:user/ops" }, "Action": "sts:AssumeRole" }] },
            "policies": { "root": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRoot",
              "Resource": "arn:aws:iam::*:root" }] } } } } },
        "222222222222": { "alias": "workload", "root_mfa": true,
          "users": { "admin": { "policies": { "all": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } },
          "buckets": { "locked": { "objects": { "k": "v" }, "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny",
              "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::locked", "arn:aws:s3:::locked/*"] }] } },
                       "open": { "objects": { "k": "v" } } } },
        "333333333333": { "users": { "sec": { "policies": { "all": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } } },
        "999999999999": { "users": { "out": { "policies": { "all": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } } } },
      "actors": { "ops": { "principal": "arn:aws:iam::111111111111:user/ops" },
                  "intern": { "principal": "arn:aws:iam::111111111111:user/intern" },
                  "mgmt-root": { "principal": "arn:aws:iam::111111111111:root" },
                  "admin": { "principal": "arn:aws:iam::222222222222:user/admin" },
                  "sec": { "principal": "arn:aws:iam::333333333333:user/sec" },
                  "out": { "principal": "arn:aws:iam::999999999999:user/out" } },
      "steps": [ )" + steps + R"( ] })";
}

// The role session steps need first.
const std::string kRoleSession = R"({ "actor": "ops", "call": "sts:AssumeRole", "params": {
    "RoleArn": "arn:aws:iam::111111111111:role/RootOps", "RoleSessionName": "ops" }, "save": "ops-role", "expect": "allow" })";

std::string assume_root(const std::string& actor, const std::string& using_, const std::string& target,
                        const std::string& task, const std::string& expect, const std::string& extra = "") {
    return R"({ "actor": ")" + actor + R"(", )" + (using_.empty() ? "" : R"("using": ")" + using_ + R"(", )") +
           R"("call": "sts:AssumeRoot", "params": { "TargetPrincipal": ")" + target + R"(", "TaskPolicyArn": { "arn": ")" + task +
           R"(" } )" + extra + R"( }, "save": "root-)" + actor + R"(", "expect": )" + expect + " }";
}

std::string s3(const std::string& actor, const std::string& using_, const std::string& call, const std::string& resource,
               const std::string& expect, const std::string& at = "+1s") {
    return R"({ "at": ")" + at + R"(", "actor": ")" + actor + R"(", )" + (using_.empty() ? "" : R"("using": ")" + using_ + R"(", )") +
           R"("call": ")" + call + R"(", "resource": ")" + resource + R"(", "expect": )" + expect + " }";
}

}  // namespace

TEST_CASE("AssumeRoot gives the management account a member's root user for 900 seconds, scoped by its task policy: the "
          "bucket policy that locks everyone out is deleted (API_AssumeRoot; security-iam-awsmanpol, S3UnlockBucketPolicy)") {
    const auto r = run_text(root_world("", kRoleSession + "," +
        s3("admin", "", "s3:DeleteBucketPolicy", "arn:aws:s3:::locked", R"({ "error": "AccessDenied", "message_contains": "explicit deny in a resource-based policy" })") + "," +
        assume_root("ops", "ops-role", "222222222222", kUnlock,
                    R"({ "fields": { "Credentials.Expiration": "2026-03-02T10:15:03Z" } })") + "," +
        R"({ "actor": "ops", "using": "root-ops", "call": "sts:GetCallerIdentity",
             "expect": { "fields": { "Arn": "arn:aws:iam::222222222222:root", "UserId": "222222222222", "Account": "222222222222" } } },)" +
        // The task policy's Deny: "DenyAllOtherActionsOnAnyResource", even where no bucket policy is in the way.
        s3("ops", "root-ops", "s3:GetObject", "arn:aws:s3:::open/k",
           R"({ "error": "AccessDenied", "message_contains": "explicit deny in an identity-based policy" })") + "," +
        s3("ops", "root-ops", "s3:GetBucketPolicy", "arn:aws:s3:::locked", "\"allow\"") + "," +
        s3("ops", "root-ops", "s3:DeleteBucketPolicy", "arn:aws:s3:::locked", "\"allow\"") + "," +
        s3("admin", "", "s3:GetObject", "arn:aws:s3:::locked/k", "\"allow\"") + "," +
        // "The maximum session duration for AssumeRoot is 900 seconds (15 minutes)" (cloudtrail-track-privileged-tasks).
        s3("ops", "root-ops", "s3:GetBucketPolicy", "arn:aws:s3:::locked", R"({ "error": "ExpiredToken" })", "+15m")));
    require_all_pass(r, 9);
    const aws::Credential* session = nullptr;
    for (const auto& rec : r.cloudtrail)
        if (rec.value("eventName", "") == "AssumeRoot" && !rec.contains("errorCode"))
            session = r.credentials.find(rec["responseElements"]["credentials"]["accessKeyId"].get<std::string>());
    REQUIRE(session != nullptr);
    CHECK(session->access_key_id.rfind("ASIA", 0) == 0);
    CHECK(session->kind == aws::CredentialKind::AssumeRoot);
    CHECK(session->principal.arn == "arn:aws:iam::222222222222:root");
}

TEST_CASE("a task policy scopes the session to its task: IAMAuditRootUserCredentials cannot delete a bucket policy, "
          "whatever S3 lets a bucket owner's root user do (security-iam-awsmanpol)") {
    const auto r = run_text(root_world("", kRoleSession + "," +
        assume_root("ops", "ops-role", "222222222222", "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials", "\"allow\"") + "," +
        s3("ops", "root-ops", "s3:DeleteBucketPolicy", "arn:aws:s3:::locked",
           R"({ "error": "AccessDenied", "message_contains": "explicit deny in an identity-based policy" })")));
    require_all_pass(r, 3);
}

TEST_CASE("the credential tasks act on the root user when no UserName is given: audit its keys and MFA, deactivate its "
          "MFA device, but never touch an IAM user's (API_GetLoginProfile, API_DeactivateMFADevice, security-iam-awsmanpol)") {
    const auto iam = [](const std::string& session, const std::string& call, const std::string& params, const std::string& expect) {
        return R"({ "actor": "ops", "using": ")" + session + R"(", "call": ")" + call + R"(", "params": { )" + params +
               R"( }, "expect": )" + expect + " }";
    };
    const std::string serial = R"("SerialNumber": "arn:aws:iam::222222222222:mfa/root-account-mfa-device")";
    const auto r = run_text(root_world("", kRoleSession + "," +
        assume_root("ops", "ops-role", "222222222222", "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials", "\"allow\"") + "," +
        iam("root-ops", "iam:ListAccessKeys", "", "\"allow\"") + "," + iam("root-ops", "iam:ListMFADevices", "", "\"allow\"") + "," +
        // DenyAuditingCredentialsOnNonRootUserResource: an IAM user's are not the task's.
        iam("root-ops", "iam:ListAccessKeys", R"("UserName": "admin")",
            R"({ "error": "AccessDenied", "message_contains": "on resource: arn:aws:iam::222222222222:user/admin with an explicit deny in an identity-based policy" })") + "," +
        iam("root-ops", "iam:CreateAccessKey", "",
            R"({ "error": "AccessDenied", "message_contains": "iam:CreateAccessKey on resource: arn:aws:iam::222222222222:root with an explicit deny" })") + "," +
        assume_root("ops", "ops-role", "222222222222", "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials", "\"allow\"") + "," +
        iam("root-ops", "iam:DeactivateMFADevice", serial, "\"allow\"") + "," +
        iam("root-ops", "iam:DeactivateMFADevice", serial,
            R"({ "error": "NoSuchEntity", "message_contains": "root-account-mfa-device does not exist" })")));
    require_all_pass(r, 9);
    CHECK_FALSE(r.world.accounts.at("222222222222").root_mfa.has_value());
}

TEST_CASE("AssumeRoot is refused to root user credentials, to a member account's caller, to a caller without sts:AssumeRoot, "
          "for the management account or an outside account, and without centralized root sessions (API_AssumeRoot)") {
    const std::string denied = R"({ "error": "AccessDenied", "message_contains": ")";
    const auto r = run_text(root_world("", kRoleSession + "," +
        assume_root("mgmt-root", "", "222222222222", kUnlock, denied + R"(cannot be called with root user credentials" })") + "," +
        assume_root("sec", "", "222222222222", kUnlock,
                    denied + R"(only the organization's management account or IAM's delegated administrator may call AssumeRoot" })") + "," +
        assume_root("intern", "", "222222222222", kUnlock, denied + R"(because no identity-based policy allows the sts:AssumeRoot action" })") + "," +
        assume_root("ops", "ops-role", "111111111111", kUnlock, denied + R"(account 111111111111 is the organization's management account" })") + "," +
        assume_root("ops", "ops-role", "arn:aws:iam::999999999999:root", kUnlock, denied + R"(account 999999999999 is not in the organization" })") + "," +
        assume_root("out", "", "222222222222", kUnlock, denied + R"(the caller's account is in no organization" })")));
    require_all_pass(r, 7);
    const std::string no_sessions = replace_all(root_world("", kRoleSession + "," +
        assume_root("ops", "ops-role", "222222222222", kUnlock, denied + R"x(centralized root access is not enabled for the organization (RootSessions)" })x")),
        R"("RootCredentialsManagement", "RootSessions")", R"("RootCredentialsManagement")");
    require_all_pass(run_text(no_sessions), 2);
}

TEST_CASE("AssumeRoot's parameters: TargetPrincipal an account or its root user's ARN, a task policy AWS publishes, "
          "DurationSeconds 0 to 900 (API_AssumeRoot)") {
    const auto r = run_text(root_world("", kRoleSession + "," +
        assume_root("ops", "ops-role", "222222222222", kUnlock,
                    R"({ "error": "ValidationError", "message_contains": "Value '901' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 900" })",
                    R"(, "DurationSeconds": 901)") + "," +
        assume_root("ops", "ops-role", "arn:aws:iam::222222222222:user/admin", kUnlock,
                    R"({ "error": "ValidationError", "message_contains": "at 'targetPrincipal'" })") + "," +
        // A length out of bounds is AWS's one fault ("Minimum length of 12"), not also the sandbox's form rule.
        assume_root("ops", "ops-role", "22222222222", kUnlock,
                    R"({ "error": "ValidationError", "message_contains": "1 validation error detected: Value '22222222222' at 'targetPrincipal' failed to satisfy constraint: Member must have length greater than or equal to 12" })") + "," +
        assume_root("ops", "ops-role", "arn:aws-cn:iam::222222222222:root", kUnlock, R"({ "error": "ValidationError" })") + "," +
        assume_root("ops", "ops-role", "arn:aws:iam::222222222222:ROOT", kUnlock, R"({ "error": "ValidationError" })") + "," +
        assume_root("ops", "ops-role", "222222222222", "arn:aws:iam::aws:policy/AdministratorAccess",
                    R"({ "error": "InvalidParameterValue", "message_contains": "is not a task policy AssumeRoot takes" })") + "," +
        assume_root("ops", "ops-role", "arn:aws:iam::222222222222:root", kUnlock,
                    R"({ "fields": { "Credentials.Expiration": "2026-03-02T10:05:08Z" } })", R"(, "DurationSeconds": 300)")));
    require_all_pass(r, 8);
}

TEST_CASE("SCPs bind the root session as the member's root user, and one that spares aws:AssumedRoot lets it through "
          "(reference_policies_condition-keys, aws:AssumedRoot)") {
    const auto with_scp = [](const std::string& condition) {
        return R"(, "scps": [{ "name": "DenyRoot", "targets": ["222222222222"], "policy": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": { "ArnLike": {
            "aws:PrincipalArn": ["arn:aws:iam::*:root"] } )" + condition + R"( } }] } }])";
    };
    const std::string steps = kRoleSession + "," + assume_root("ops", "ops-role", "222222222222", kUnlock, "\"allow\"") + ",";
    require_all_pass(run_text(root_world(with_scp(""), steps +
        s3("ops", "root-ops", "s3:DeleteBucketPolicy", "arn:aws:s3:::locked",
           R"({ "error": "AccessDenied", "message_contains": "explicit deny in a service control policy" })"))), 3);
    require_all_pass(run_text(root_world(with_scp(R"(, "Null": { "aws:AssumedRoot": "true" })"), steps +
        s3("ops", "root-ops", "s3:DeleteBucketPolicy", "arn:aws:s3:::locked", "\"allow\""))), 3);
}

TEST_CASE("IAM's delegated administrator may call AssumeRoot, within its own account's SCPs (id_root-user-privileged-task)") {
    const std::string steps = assume_root("sec", "", "222222222222", kUnlock, "\"allow\"") + "," +
                              s3("sec", "root-sec", "s3:DeleteBucketPolicy", "arn:aws:s3:::locked", "\"allow\"");
    require_all_pass(run_text(root_world(R"(, "iam_delegated_administrator": "333333333333")", steps)), 2);
    require_all_pass(run_text(root_world(R"(, "iam_delegated_administrator": "333333333333", "scps": [{ "name": "NoRoot",
        "targets": ["333333333333"], "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny",
        "Action": "sts:AssumeRoot", "Resource": "*" }] } }])",
        assume_root("sec", "", "222222222222", kUnlock,
                    R"({ "error": "AccessDenied", "message_contains": "explicit deny in a service control policy" })"))), 1);
}

TEST_CASE("CloudTrail: AssumeRoot in the caller's account, marked assumedRoot, with the target and the task, and the session's "
          "calls in the member's as its Root, by the issued key (cloudtrail-track-privileged-tasks)") {
    const auto r = run_text(root_world("", kRoleSession + "," + assume_root("ops", "ops-role", "222222222222", kUnlock, "\"allow\"") + "," +
        s3("ops", "root-ops", "s3:DeleteBucketPolicy", "arn:aws:s3:::locked", "\"allow\"")));
    require_all_pass(r, 3);
    const nlohmann::json* assume = last_cloudtrail(r, "AssumeRoot");
    const nlohmann::json* unlock = last_cloudtrail(r, "DeleteBucketPolicy");
    REQUIRE(assume != nullptr);
    REQUIRE(unlock != nullptr);
    CHECK((*assume)["recipientAccountId"] == "111111111111");
    CHECK((*assume)["userIdentity"]["type"] == "AssumedRole");
    CHECK((*assume)["userIdentity"]["sessionContext"]["assumedRoot"] == "true");
    CHECK((*assume)["requestParameters"] ==
          nlohmann::json{{"targetPrincipal", "222222222222"}, {"taskPolicyArn", {{"arn", kUnlock}}}});
    CHECK((*assume)["tlsDetails"]["clientProvidedHostHeader"] == "sts.us-east-1.amazonaws.com");  // a Regional endpoint
    const std::string key = (*assume)["responseElements"]["credentials"]["accessKeyId"];
    CHECK((*unlock)["recipientAccountId"] == "222222222222");
    const nlohmann::json& who = (*unlock)["userIdentity"];
    CHECK(who["type"] == "Root");
    CHECK(who["arn"] == "arn:aws:iam::222222222222:root");
    CHECK(who["principalId"] == "222222222222");
    CHECK(who["accessKeyId"] == key);
    CHECK(who["sessionContext"] == nlohmann::json{{"attributes", {{"creationDate", "2026-03-02T10:00:02Z"}, {"mfaAuthenticated", "false"}}}});
    CHECK(std::count_if(r.cloudtrail.begin(), r.cloudtrail.end(), [](const nlohmann::json& rec) {
              return rec.value("eventName", "") == "AssumeRoot";
          }) == 1);
}

TEST_CASE("the organization's centralized root access is checked when the file loads") {
    const auto faults = [](const std::string& organization_extra) {
        try {
            load_scenario_text(root_world(organization_extra, ""), "root.json");
        } catch (const ScenarioError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(faults("").empty());
    CHECK(faults(R"(, "iam_delegated_administrator": "111111111111")")
              .find("at organization/iam_delegated_administrator: the management account cannot be a delegated administrator") != std::string::npos);
    CHECK(faults(R"(, "iam_delegated_administrator": "999999999999")")
              .find("account 999999999999 is not a member of the organization") != std::string::npos);
}
