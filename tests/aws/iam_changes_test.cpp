// IAM's calls on groups, permissions boundaries, access keys, managed policy versions and a role's maximum session
// duration: each is authorized like any other call, then changes what later calls may do, at once (the IAM API
// Reference's pages of each operation; quotas from reference_iam-quotas). These are the moves of the usual
// privilege-escalation paths: a user who may call them can give herself more than she was given.
#include "aws_test_util.hpp"
#include "core/text.hpp"

#include <regex>

using namespace stslab;
using namespace stslab::test;

namespace {

const std::string kIamWorld = R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z", "seed": 5,
  "accounts": {
    "111111111111": {
      "users": {
        "admin": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } },
        "intern": { "attached": ["arn:aws:iam::111111111111:policy/InternPolicy"] },
        "lead": { "mfa": true, "policies": { "delegate": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Action": ["iam:AttachUserPolicy", "iam:PutUserPermissionsBoundary"], "Resource": "*",
            "Condition": { "StringEquals": { "iam:PermissionsBoundary": "arn:aws:iam::111111111111:policy/Fence" } } } ] } } }
      },
      "groups": { "Readers": {}, "Admins": { "attached": ["arn:aws:iam::aws:policy/AdministratorAccess"] } },
      "roles": {
        "App": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] },
                 "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } }
      },
      "policies": {
        "InternPolicy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:AddUserToGroup",
          "iam:CreatePolicyVersion"], "Resource": "*" }] },
        "Fence": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] },
        "Wide": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] }
      },
      "buckets": { "data": { "objects": { "k": "v" } } }
    }
  },
  "actors": {
    "admin": { "principal": "arn:aws:iam::111111111111:user/admin" },
    "intern": { "principal": "arn:aws:iam::111111111111:user/intern", "kind": "attacker" },
    "lead": { "principal": "arn:aws:iam::111111111111:user/lead" }
  },
  "steps": [ STEPS ]
})";

RunResult run_iam(const std::string& steps) { return run_with_steps(kIamWorld, steps); }

const std::string kRead = R"("call": "s3:GetObject", "resource": "arn:aws:s3:::data/k")";

}  // namespace

TEST_CASE("AddUserToGroup gives the user the group's policies at once, and RemoveUserFromGroup takes them away") {
    const auto r = run_iam(R"(
        { "actor": "intern", )" + kRead + R"(, "expect": "deny" },
        { "actor": "intern", "call": "iam:AddUserToGroup", "params": { "GroupName": "Admins", "UserName": "intern" }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "expect": "allow" },
        { "actor": "intern", "call": "iam:AddUserToGroup", "params": { "GroupName": "Admins", "UserName": "intern" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:RemoveUserFromGroup", "params": { "GroupName": "Admins", "UserName": "intern" }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "expect": "deny" },
        { "actor": "admin", "call": "iam:RemoveUserFromGroup", "params": { "GroupName": "Admins", "UserName": "intern" },
          "expect": { "error": "NoSuchEntity", "message_contains": "The user with name intern cannot be found." } },
        { "actor": "admin", "call": "iam:AddUserToGroup", "params": { "GroupName": "Nobody", "UserName": "intern" },
          "expect": { "error": "NoSuchEntity", "message_contains": "The group with name Nobody cannot be found." } },
        { "actor": "lead", "call": "iam:AddUserToGroup", "params": { "GroupName": "Admins", "UserName": "lead" },
          "expect": { "error": "AccessDenied", "message_contains": "iam:AddUserToGroup on resource: group Admins" } })");
    require_all_pass(r, 9);
    // Adding a member again changes nothing: one change for the add, one for the removal.
    CHECK(count_events(r, TraceKind::WorldChanged, "group arn:aws:iam::111111111111:group/Admins") == 2);
}

TEST_CASE("PutGroupPolicy, DeleteGroupPolicy, AttachGroupPolicy reach every member, and a group's inline policies hold 5,120 characters") {
    const std::string big(5100, 'x');
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:AddUserToGroup", "params": { "GroupName": "Readers", "UserName": "intern" } },
        { "actor": "admin", "call": "iam:PutGroupPolicy", "params": { "GroupName": "Readers", "PolicyName": "read",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteGroupPolicy", "params": { "GroupName": "Readers", "PolicyName": "read" }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "expect": "deny" },
        { "actor": "admin", "call": "iam:DeleteGroupPolicy", "params": { "GroupName": "Readers", "PolicyName": "read" },
          "expect": { "error": "NoSuchEntity", "message_contains": "The group policy with name read cannot be found." } },
        { "actor": "admin", "call": "iam:AttachGroupPolicy", "params": { "GroupName": "Readers", "PolicyArn": "arn:aws:iam::111111111111:policy/Fence" }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:DetachGroupPolicy", "params": { "GroupName": "Readers", "PolicyArn": "arn:aws:iam::111111111111:policy/Fence" }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "expect": "deny" },
        { "actor": "admin", "call": "iam:PutGroupPolicy", "params": { "GroupName": "Readers", "PolicyName": "big",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Sid": ")" + big + R"(", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } },
          "expect": { "error": "LimitExceeded", "message_contains": "Maximum policy size of 5120 bytes exceeded for group Readers" } })");
    require_all_pass(r, 10);
}

TEST_CASE("CreateAccessKey for another user hands over that user's permissions, and a deleted or inactive key authenticates no one") {
    const auto r = run_iam(R"(
        { "actor": "intern", "call": "iam:CreateAccessKey", "params": { "UserName": "admin" }, "save": "stolen",
          "expect": { "fields": { "AccessKey.UserName": "admin", "AccessKey.Status": "Active" } } },
        { "actor": "intern", )" + kRead + R"(, "using": "stolen", "expect": "allow" },
        { "actor": "intern", "call": "sts:GetSessionToken", "using": "stolen", "save": "session", "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteAccessKey", "params": { "UserName": "admin", "AccessKeyId": "@stolen" }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "using": "stolen",
          "expect": { "error": "InvalidAccessKeyId", "message_contains": "The AWS Access Key Id you provided does not exist in our records." } },
        { "actor": "intern", "call": "ec2:DescribeInstances", "using": "stolen",
          "expect": { "error": "AuthFailure", "message_contains": "AWS was not able to validate the provided access credentials" } },
        { "actor": "intern", )" + kRead + R"(, "using": "session", "expect": "allow" },
        { "actor": "admin", "call": "iam:UpdateAccessKey", "params": { "UserName": "intern", "AccessKeyId": "@intern", "Status": "Inactive" }, "expect": "allow" },
        { "actor": "intern", "call": "sts:GetCallerIdentity", "expect": { "error": "InvalidClientTokenId", "message_contains": "The security token included in the request is invalid." } },
        { "actor": "admin", "call": "iam:UpdateAccessKey", "params": { "UserName": "intern", "AccessKeyId": "@intern", "Status": "Active" }, "expect": "allow" },
        { "actor": "intern", "call": "sts:GetCallerIdentity", "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteAccessKey", "params": { "UserName": "intern", "AccessKeyId": "@stolen" },
          "expect": { "error": "NoSuchEntity", "message_contains": "cannot be found." } })");
    // The stolen key's session outlives the key ("Temporary security credentials are valid until they expire",
    // id_credentials_temp_control-access_disable-perms). Each service names a key it does not know in its own words:
    // S3's InvalidAccessKeyId (AmazonS3 API ErrorResponses), EC2's AuthFailure (EC2 API errors-overview), STS's and
    // IAM's InvalidClientTokenId.
    require_all_pass(r, 12);
    // CloudTrail logs the new key without its secret, and has no record of the calls made with a dead key.
    std::size_t created = 0;
    for (const auto& rec : r.cloudtrail) {
        if (rec["eventName"] == "CreateAccessKey") {
            ++created;
            CHECK(rec["responseElements"]["accessKey"]["userName"] == "admin");
            CHECK_FALSE(rec["responseElements"]["accessKey"].contains("secretAccessKey"));
        }
        for (const char* dead : {"InvalidClientTokenId", "InvalidAccessKeyId", "AuthFailure"}) CHECK(rec.value("errorCode", "") != dead);
    }
    CHECK(created == 1);
}

TEST_CASE("a user has at most two access keys, the actor's own counting, and a role session (or any session, to update a key) must name the user") {
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:CreateAccessKey", "params": { "UserName": "intern" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreateAccessKey", "params": { "UserName": "intern" },
          "expect": { "error": "LimitExceeded", "message_contains": "Cannot exceed quota for AccessKeysPerUser: 2" } },
        { "actor": "admin", "call": "iam:CreateAccessKey", "save": "second", "expect": "allow" },
        { "actor": "admin", "call": "sts:GetCallerIdentity", "using": "second", "expect": { "fields": { "Arn": "arn:aws:iam::111111111111:user/admin" } } },
        { "actor": "admin", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/App", "RoleSessionName": "app" }, "save": "app" },
        { "actor": "admin", "call": "iam:CreateAccessKey", "using": "app",
          "expect": { "error": "ValidationError", "message_contains": "Must specify userName when calling with non-User credentials" } })");
    require_all_pass(r, 5);
    // UpdateAccessKey: "If a temporary access key is used, then UserName is required" (API_UpdateAccessKey), the
    // user's own session too; with it, the session may.
    std::string world = kIamWorld;
    const std::string admin = R"("admin": {)";
    world.replace(world.find(admin), admin.size(), admin + R"( "mfa": true,)");
    const auto t = run_with_steps(world, R"(
        { "actor": "admin", "call": "sts:GetSessionToken", "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/admin", "TokenCode": "123456" },
          "save": "mfa", "expect": "allow" },
        { "actor": "admin", "call": "iam:UpdateAccessKey", "using": "mfa", "params": { "AccessKeyId": "@admin", "Status": "Inactive" },
          "expect": { "error": "ValidationError", "message_contains": "Must specify userName when calling with non-User credentials" } },
        { "actor": "admin", "call": "iam:UpdateAccessKey", "using": "mfa", "params": { "UserName": "admin", "AccessKeyId": "@admin", "Status": "Inactive" },
          "expect": "allow" })");
    require_all_pass(t, 3);
}

TEST_CASE("an AWS service role policy is PolicyNotAttachable to an ordinary role or user, and as a boundary (API_AttachRolePolicy, API_PutRolePermissionsBoundary)") {
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:AttachRolePolicy",
          "params": { "RoleName": "App", "PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy" },
          "expect": { "error": "PolicyNotAttachable", "message_contains": "can only be attached to the service-linked role" } },
        { "actor": "admin", "call": "iam:AttachUserPolicy",
          "params": { "UserName": "intern", "PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy" },
          "expect": { "error": "PolicyNotAttachable" } },
        { "actor": "admin", "call": "iam:PutRolePermissionsBoundary",
          "params": { "RoleName": "App", "PermissionsBoundary": "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy" },
          "expect": { "error": "PolicyNotAttachable" } },
        { "actor": "admin", "call": "iam:AttachRolePolicy",
          "params": { "RoleName": "App", "PolicyArn": "arn:aws:iam::aws:policy/NoSuchPolicy" },
          "expect": { "error": "NoSuchEntity" } },
        // A policy's path is narrower than a role's: no '*' (API_CreatePolicy).
        { "actor": "admin", "call": "iam:CreatePolicy",
          "params": { "PolicyName": "P", "Path": "/team*/", "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } },
          "expect": { "error": "ValidationError", "message_contains": "at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/" } },
        { "actor": "admin", "call": "iam:CreatePolicy",
          "params": { "PolicyName": "P", "Path": "/team-a/b.c/", "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } },
          "expect": "allow" })");
    require_all_pass(r, 6);
}

TEST_CASE("CreatePolicyVersion with SetAsDefault is in force at once where the policy is attached, and versions can be rolled back") {
    const std::string arn = "arn:aws:iam::111111111111:policy/InternPolicy";
    const std::string wide = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] })";
    const auto r = run_iam(R"(
        { "actor": "intern", )" + kRead + R"(, "expect": "deny" },
        { "actor": "intern", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "PolicyDocument": )" + wide + R"(, "SetAsDefault": true },
          "expect": { "fields": { "PolicyVersion.VersionId": "v2", "PolicyVersion.IsDefaultVersion": true } } },
        { "actor": "intern", )" + kRead + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:SetDefaultPolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "VersionId": "v1" }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "expect": "deny" },
        { "actor": "admin", "call": "iam:DeletePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "VersionId": "v1" },
          "expect": { "error": "DeleteConflict", "message_contains": "Cannot delete the default version of a policy." } },
        { "actor": "admin", "call": "iam:DeletePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "VersionId": "v2" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:SetDefaultPolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "VersionId": "v2" }, "expect": { "error": "NoSuchEntity" } },
        { "actor": "admin", "call": "iam:SetDefaultPolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "VersionId": "2" },
          "expect": { "error": "ValidationError", "message_contains": "at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern" } },
        { "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "PolicyDocument": )" + wide + R"( }, "expect": { "fields": { "PolicyVersion.VersionId": "v3" } } },
        { "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "PolicyDocument": )" + wide + R"( }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "PolicyDocument": )" + wide + R"( }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "PolicyDocument": )" + wide + R"( }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "PolicyDocument": )" + wide + R"( },
          "expect": { "error": "LimitExceeded", "message_contains": "A managed policy can have up to 5 versions." } },
        { "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "PolicyDocument": )" + wide + R"( },
          "expect": "deny" })");
    // v3 is new though v2 was deleted: version ids are never reused. An AWS managed policy is another account's resource.
    require_all_pass(r, 15);
}

TEST_CASE("a permissions boundary set by ARN limits a live session at once, follows the policy's default version, and can be removed") {
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/App", "RoleSessionName": "app" }, "save": "app" },
        { "actor": "admin", "call": "ec2:DescribeInstances", "using": "app", "expect": "allow" },
        { "actor": "admin", "call": "iam:PutRolePermissionsBoundary", "params": { "RoleName": "App", "PermissionsBoundary": "arn:aws:iam::111111111111:policy/Fence" }, "expect": "allow" },
        { "actor": "admin", "call": "ec2:DescribeInstances", "using": "app", "expect": "deny" },
        { "actor": "admin", "using": "app", )" + kRead + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": "arn:aws:iam::111111111111:policy/Fence", "SetAsDefault": true,
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "ec2:*", "Resource": "*" }] } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "using": "app", "expect": "allow" },
        { "actor": "admin", "using": "app", )" + kRead + R"(, "expect": "deny" },
        { "actor": "admin", "call": "iam:DeleteRolePermissionsBoundary", "params": { "RoleName": "App" }, "expect": "allow" },
        { "actor": "admin", "using": "app", )" + kRead + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:PutRolePermissionsBoundary", "params": { "RoleName": "App", "PermissionsBoundary": "arn:aws:iam::111111111111:policy/Nope" },
          "expect": { "error": "NoSuchEntity", "message_contains": "does not exist or is not attachable" } })");
    require_all_pass(r, 9);
}

TEST_CASE("iam:PermissionsBoundary: a delegated admin may attach policies only to users bounded by the company's boundary (access_policies_boundaries)") {
    const auto r = run_iam(R"(
        { "actor": "lead", "call": "iam:AttachUserPolicy", "params": { "UserName": "intern", "PolicyArn": "arn:aws:iam::111111111111:policy/Wide" }, "expect": "deny" },
        { "actor": "lead", "call": "iam:PutUserPermissionsBoundary", "params": { "UserName": "intern", "PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess" }, "expect": "deny" },
        { "actor": "lead", "call": "iam:PutUserPermissionsBoundary", "params": { "UserName": "intern", "PermissionsBoundary": "arn:aws:iam::111111111111:policy/Fence" }, "expect": "allow" },
        { "actor": "lead", "call": "iam:AttachUserPolicy", "params": { "UserName": "intern", "PolicyArn": "arn:aws:iam::111111111111:policy/Wide" }, "expect": "allow" },
        { "actor": "intern", )" + kRead + R"(, "expect": "allow" },
        { "actor": "intern", "call": "ec2:DescribeInstances", "expect": "deny" })");
    // Wide allows everything, the boundary only S3: the intern gets S3 alone.
    require_all_pass(r, 6);
}

TEST_CASE("UpdateRole's MaxSessionDuration holds later AssumeRole calls to the new maximum (API_UpdateRole: 1 to 12 hours)") {
    const std::string assume = R"("call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/App", "RoleSessionName": "app", "DurationSeconds": 7200 })";
    const auto r = run_iam(R"(
        { "actor": "admin", )" + assume + R"(, "expect": { "error": "ValidationError", "message_contains": "exceeds the MaxSessionDuration" } },
        { "actor": "admin", "call": "iam:UpdateRole", "params": { "RoleName": "App", "MaxSessionDuration": 7200 }, "expect": "allow" },
        { "actor": "admin", )" + assume + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:UpdateRole", "params": { "RoleName": "App", "MaxSessionDuration": 3599 },
          "expect": { "error": "ValidationError", "message_contains": "Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600" } },
        { "actor": "admin", "call": "iam:UpdateRole", "params": { "RoleName": "App", "MaxSessionDuration": 43201 },
          "expect": { "error": "ValidationError", "message_contains": "Member must have value less than or equal to 43200" } })");
    require_all_pass(r, 5);
    CHECK(r.world.role("arn:aws:iam::111111111111:role/App")->max_session_duration == 7200);
}

// A role's Description is Latin-1 text (API_CreateRole: [\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*, at most 1,000
// characters), a managed policy's at most 1,000 characters (API_CreatePolicy).
TEST_CASE("CreateRole makes a role that can be assumed at once, and a deleted role's sessions lose its permissions, even when one of its name is made again") {
    const std::string trust = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] })";
    const std::string assume = R"("call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/ops/Backdoor", "RoleSessionName": "bd" })";
    const std::string read_all = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] })";
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Backdoor", "Path": "/ops/", "AssumeRolePolicyDocument": )" + trust + R"(,
          "Tags": [{ "Key": "team", "Value": "ops" }] }, "expect": { "fields": { "Role.Arn": "arn:aws:iam::111111111111:role/ops/Backdoor" } } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Backdoor", "PolicyName": "read", "PolicyDocument": )" + read_all + R"( } },
        { "actor": "admin", )" + assume + R"(, "save": "old", "expect": "allow" },
        { "actor": "admin", )" + kRead + R"(, "using": "old", "expect": "allow" },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Backdoor", "AssumeRolePolicyDocument": )" + trust + R"( },
          "expect": { "error": "EntityAlreadyExists", "message_contains": "Role with name Backdoor already exists." } },
        { "actor": "admin", "call": "iam:DeleteRole", "params": { "RoleName": "Backdoor" },
          "expect": { "error": "DeleteConflict", "message_contains": "Cannot delete entity, must delete policies first." } },
        { "actor": "admin", "call": "iam:DeleteRolePolicy", "params": { "RoleName": "Backdoor", "PolicyName": "read" } },
        { "actor": "admin", "call": "iam:DeleteRole", "params": { "RoleName": "Backdoor" }, "expect": "allow" },
        { "actor": "admin", )" + assume + R"(, "expect": "deny" },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Backdoor", "Path": "/ops/", "AssumeRolePolicyDocument": )" + trust + R"(,
          "Description": "made again" }, "expect": { "fields": { "Role.Description": "made again" } } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Backdoor", "PolicyName": "read", "PolicyDocument": )" + read_all + R"( } },
        { "actor": "admin", )" + kRead + R"(, "using": "old", "expect": "deny" },
        { "actor": "admin", )" + assume + R"(, "save": "new", "expect": "allow" },
        { "actor": "admin", )" + kRead + R"(, "using": "new", "expect": "allow" },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Bad", "Path": "ops", "AssumeRolePolicyDocument": )" + trust + R"( },
          "expect": { "error": "ValidationError", "message_contains": "at 'path' failed to satisfy constraint" } },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Korean", "AssumeRolePolicyDocument": )" + trust + R"(,
          "Description": "운영 역할" }, "expect": { "error": "ValidationError", "message_contains":
          "at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*" } },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Latin", "AssumeRolePolicyDocument": )" + trust + R"(,
          "Description": "rôle d'équipe" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreatePolicy", "params": { "PolicyName": "Long", "PolicyDocument": )" + read_all + R"(,
          "Description": ")" + std::string(1001, 'd') + R"(" }, "expect": { "error": "ValidationError", "message_contains":
          "at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000" } })");
    require_all_pass(r, 15);
    CHECK(r.world.role("arn:aws:iam::111111111111:role/ops/Backdoor")->id.rfind("AROA", 0) == 0);
    CHECK(r.world.role("arn:aws:iam::111111111111:role/ops/Backdoor")->description == "made again");
    // CloudTrail logs the trust policy as the text sent, never re-cased, and the answer's copy of it URL-encoded; IAM's
    // createDate has no comma after the year (cloudtrail-log-file-examples, CreateRole: "Mar 25, 2014 8:17:37 PM").
    const nlohmann::json sent = nlohmann::json::parse(trust);
    std::size_t logged = 0;
    for (const auto& rec : r.cloudtrail) {
        if (rec["eventName"] != "CreateRole" || rec.contains("errorCode")) continue;
        ++logged;
        CHECK(rec["requestParameters"]["assumeRolePolicyDocument"] == sent.dump());
        const nlohmann::json& role = rec["responseElements"]["role"];
        CHECK(role["assumeRolePolicyDocument"] == percent_encoded(sent.dump()));
        CHECK(role["assumeRolePolicyDocument"].get<std::string>().rfind("%7B%22Statement%22%3A%5B%7B%22Action%22%3A", 0) == 0);
        CHECK_FALSE(role.contains("maxSessionDuration"));
        CHECK(std::regex_match(role["createDate"].get<std::string>(), std::regex(R"([A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M)")));
    }
    CHECK(logged == 3);  // Backdoor twice, Latin
}

TEST_CASE("CreateUser, then CreateAccessKey, makes an identity of its own, and DeleteUser waits until its keys, groups and policies are gone") {
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:CreateUser", "params": { "UserName": "ghost" }, "expect": { "fields": { "User.Arn": "arn:aws:iam::111111111111:user/ghost" } } },
        { "actor": "admin", "call": "iam:CreateAccessKey", "params": { "UserName": "ghost" }, "save": "ghost-key" },
        { "actor": "admin", "call": "sts:GetCallerIdentity", "using": "ghost-key", "expect": { "fields": { "Arn": "arn:aws:iam::111111111111:user/ghost" } } },
        { "actor": "admin", )" + kRead + R"(, "using": "ghost-key", "expect": "deny" },
        { "actor": "admin", "call": "iam:AddUserToGroup", "params": { "GroupName": "Admins", "UserName": "ghost" } },
        { "actor": "admin", )" + kRead + R"(, "using": "ghost-key", "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteUser", "params": { "UserName": "ghost" },
          "expect": { "error": "DeleteConflict", "message_contains": "Cannot delete entity, must delete access keys first." } },
        { "actor": "admin", "call": "iam:DeleteAccessKey", "params": { "UserName": "ghost", "AccessKeyId": "@ghost-key" } },
        { "actor": "admin", "call": "iam:DeleteUser", "params": { "UserName": "ghost" },
          "expect": { "error": "DeleteConflict", "message_contains": "Cannot delete entity, must remove users from group first." } },
        { "actor": "admin", "call": "iam:RemoveUserFromGroup", "params": { "GroupName": "Admins", "UserName": "ghost" } },
        { "actor": "admin", "call": "iam:DeleteUser", "params": { "UserName": "ghost" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteUser", "params": { "UserName": "ghost" }, "expect": { "error": "NoSuchEntity" } },
        { "actor": "admin", "call": "iam:CreateUser", "params": { "UserName": "admin" },
          "expect": { "error": "EntityAlreadyExists", "message_contains": "User with name admin already exists." } })");
    require_all_pass(r, 9);
    CHECK(r.world.user("arn:aws:iam::111111111111:user/ghost") == nullptr);
}

TEST_CASE("CreatePolicy and CreateGroup make what can be attached and joined, DeleteGroup and DeletePolicy wait until nothing hangs on them") {
    const std::string doc = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] })";
    const std::string arn = "arn:aws:iam::111111111111:policy/team/Read";
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:CreatePolicy", "params": { "PolicyName": "Read", "Path": "/team/", "PolicyDocument": )" + doc + R"( },
          "expect": { "fields": { "Policy.Arn": ")" + arn + R"(", "Policy.DefaultVersionId": "v1", "Policy.AttachmentCount": 0,
                                  "Policy.PermissionsBoundaryUsageCount": 0, "Policy.IsAttachable": true,
                                  "Policy.UpdateDate": "2026-01-01T00:00:01Z" } } },
        { "actor": "admin", "call": "iam:CreateGroup", "params": { "GroupName": "Team" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:AttachGroupPolicy", "params": { "GroupName": "Team", "PolicyArn": ")" + arn + R"(" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:AddUserToGroup", "params": { "GroupName": "Team", "UserName": "intern" } },
        { "actor": "intern", )" + kRead + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:DeletePolicy", "params": { "PolicyArn": ")" + arn + R"(" },
          "expect": { "error": "DeleteConflict", "message_contains": "Cannot delete a policy attached to entities." } },
        { "actor": "admin", "call": "iam:DeleteGroup", "params": { "GroupName": "Team" },
          "expect": { "error": "DeleteConflict", "message_contains": "must remove users from group first." } },
        { "actor": "admin", "call": "iam:RemoveUserFromGroup", "params": { "GroupName": "Team", "UserName": "intern" } },
        { "actor": "admin", "call": "iam:DeleteGroup", "params": { "GroupName": "Team" },
          "expect": { "error": "DeleteConflict", "message_contains": "must detach all policies first." } },
        { "actor": "admin", "call": "iam:DetachGroupPolicy", "params": { "GroupName": "Team", "PolicyArn": ")" + arn + R"(" } },
        { "actor": "admin", "call": "iam:DeleteGroup", "params": { "GroupName": "Team" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "PolicyDocument": )" + doc + R"( } },
        { "actor": "admin", "call": "iam:DeletePolicy", "params": { "PolicyArn": ")" + arn + R"(" },
          "expect": { "error": "DeleteConflict", "message_contains": "This policy has more than one version." } },
        { "actor": "admin", "call": "iam:DeletePolicyVersion", "params": { "PolicyArn": ")" + arn + R"(", "VersionId": "v2" } },
        { "actor": "admin", "call": "iam:DeletePolicy", "params": { "PolicyArn": ")" + arn + R"(" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreatePolicy", "params": { "PolicyName": "InternPolicy", "PolicyDocument": )" + doc + R"( },
          "expect": { "error": "EntityAlreadyExists", "message_contains": "A policy called InternPolicy already exists." } })");
    require_all_pass(r, 11);
}

// "Policy document must be version 2012-10-17 or greater." (CreatePolicy's answer as users have recorded it): a
// managed policy is written in the current policy language; an inline one may still say 2008-10-17.
TEST_CASE("a managed policy, created or given a version, must be of Version 2012-10-17, where an inline policy need not") {
    const std::string statement = R"("Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }])";
    const std::string malformed = R"({ "error": "MalformedPolicyDocument", "message_contains": "Policy document must be version 2012-10-17 or greater." })";
    const auto r = run_iam(
        R"({ "actor": "admin", "call": "iam:CreatePolicy", "params": { "PolicyName": "NoVersion", "PolicyDocument": { )" + statement + R"( } }, "expect": )" + malformed + " }," +
        R"({ "actor": "admin", "call": "iam:CreatePolicy", "params": { "PolicyName": "Old", "PolicyDocument": { "Version": "2008-10-17", )" + statement + R"( } }, "expect": )" + malformed + " }," +
        R"({ "actor": "admin", "call": "iam:CreatePolicy", "params": { "PolicyName": "Read", "PolicyDocument": { "Version": "2012-10-17", )" + statement + R"( } }, "expect": "allow" },)" +
        R"({ "actor": "admin", "call": "iam:CreatePolicyVersion", "params": { "PolicyArn": "arn:aws:iam::111111111111:policy/Read", "PolicyDocument": { )" + statement + R"( } }, "expect": )" + malformed + " }," +
        R"({ "actor": "admin", "call": "iam:PutUserPolicy", "params": { "UserName": "intern", "PolicyName": "old", "PolicyDocument": { "Version": "2008-10-17", )" + statement + R"( } }, "expect": "allow" })");
    require_all_pass(r, 5);
}

// How IAM's refusals name what they act on, as users have recorded them: "iam:PutRolePolicy on resource: role
// lambda_execution_role", "iam:CreatePolicy on resource: policy eks-S3upload", "iam:CreatePolicyVersion on resource:
// policy arn:aws:iam::...:policy/ec2_scheduler", "iam:CreateRole on resource: arn:aws:iam::...:role/...".
TEST_CASE("IAM's refusal names a role, user or group by kind and name, a policy by its ARN, and what CreateRole would make by its ARN") {
    const std::string doc = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] })";
    const auto denied = [](const std::string& words) { return R"({ "error": "AccessDenied", "message_contains": ")" + words + R"(" })"; };
    const auto r = run_iam(
        R"({ "actor": "intern", "call": "iam:PutRolePolicy", "params": { "RoleName": "App", "PolicyName": "p", "PolicyDocument": )" + doc +
        R"( }, "expect": )" + denied("iam:PutRolePolicy on resource: role App because") + " }," +
        R"({ "actor": "intern", "call": "iam:DeleteUser", "params": { "UserName": "lead" }, "expect": )" + denied("on resource: user lead") + " }," +
        R"({ "actor": "intern", "call": "iam:CreatePolicy", "params": { "PolicyName": "Mine", "PolicyDocument": )" + doc +
        R"( }, "expect": )" + denied("iam:CreatePolicy on resource: policy Mine") + " }," +
        R"({ "actor": "intern", "call": "iam:DeletePolicy", "params": { "PolicyArn": "arn:aws:iam::111111111111:policy/Fence" }, "expect": )" +
        denied("on resource: policy arn:aws:iam::111111111111:policy/Fence") + " }," +
        R"({ "actor": "intern", "call": "iam:CreateUser", "params": { "UserName": "new" }, "expect": )" +
        denied("iam:CreateUser on resource: arn:aws:iam::111111111111:user/new") + " }");
    require_all_pass(r, 5);
}

TEST_CASE("DeactivateMFADevice: the device's codes no longer authenticate its user") {
    const auto r = run_iam(R"(
        { "actor": "lead", "call": "sts:GetSessionToken", "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/lead", "TokenCode": "123456" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteUser", "params": { "UserName": "lead" }, "expect": { "error": "DeleteConflict" } },
        { "actor": "admin", "call": "iam:DeactivateMFADevice", "params": { "UserName": "lead", "SerialNumber": "arn:aws:iam::111111111111:mfa/lead" }, "expect": "allow" },
        { "actor": "lead", "call": "sts:GetSessionToken", "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/lead", "TokenCode": "123456" }, "expect": "deny" },
        { "actor": "admin", "call": "iam:DeactivateMFADevice", "params": { "UserName": "lead", "SerialNumber": "arn:aws:iam::111111111111:mfa/lead" },
          "expect": { "error": "NoSuchEntity" } })");
    require_all_pass(r, 5);
}

TEST_CASE("a trust or bucket policy keeps the unique id of the user it names: a user deleted and made again under the name is not named until the policy is saved again") {
    // reference_policies_elements_principal: the ARN "transforms to the role unique principal ID when you save the
    // policy ... If you delete the role, then you break the relationship" (the same for IAM users).
    const std::string trust = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:user/intern" }, "Action": "sts:AssumeRole" }] })";
    const std::string assume = R"("call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/App", "RoleSessionName": "in" })";
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "App", "PolicyDocument": )" + trust + R"( } },
        { "actor": "intern", )" + assume + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:DetachUserPolicy", "params": { "UserName": "intern", "PolicyArn": "arn:aws:iam::111111111111:policy/InternPolicy" } },
        { "actor": "admin", "call": "iam:DeleteAccessKey", "params": { "UserName": "intern", "AccessKeyId": "@intern" } },
        { "actor": "admin", "call": "iam:DeleteUser", "params": { "UserName": "intern" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreateUser", "params": { "UserName": "intern" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreateAccessKey", "params": { "UserName": "intern" }, "save": "new-intern" },
        { "actor": "intern", "using": "new-intern", )" + assume + R"(, "expect": "deny" },
        { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "App", "PolicyDocument": )" + trust + R"( } },
        { "actor": "intern", "using": "new-intern", )" + assume + R"(, "expect": "allow" })");
    require_all_pass(r, 5);
    CHECK(count_events(r, TraceKind::Decision, "DENY sts:AssumeRole") == 1);
}

TEST_CASE("IAM refuses a trust policy that lets any identity pool in: a statement trusting cognito-identity.amazonaws.com needs a condition") {
    // Cognito Developer Guide, identity-pools-security-best-practices: "IAM requires that roles for identity pools
    // have at least one trust policy condition."
    const std::string open = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "cognito-identity.amazonaws.com" },
        "Action": "sts:AssumeRoleWithWebIdentity" }] })";
    const std::string scoped = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Federated": "cognito-identity.amazonaws.com" },
        "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456790ab" } } }] })";
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "App", "PolicyDocument": )" + open + R"( },
          "expect": { "error": "MalformedPolicyDocument", "message_contains": "at least one trust policy condition" } },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Mobile", "AssumeRolePolicyDocument": )" + open + R"( },
          "expect": { "error": "MalformedPolicyDocument" } },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Mobile", "AssumeRolePolicyDocument": )" + scoped + R"( }, "expect": "allow" })");
    require_all_pass(r, 3);
}

TEST_CASE("IAM names are not distinguished by case: a name that differs only in case from one in use is taken (API_CreateUser)") {
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:CreateUser", "params": { "UserName": "Admin" },
          "expect": { "error": "EntityAlreadyExists", "message_contains": "User with name Admin already exists." } },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "APP", "AssumeRolePolicyDocument": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] } },
          "expect": { "error": "EntityAlreadyExists" } },
        { "actor": "admin", "call": "iam:CreateGroup", "params": { "GroupName": "readers" }, "expect": { "error": "EntityAlreadyExists" } },
        { "actor": "admin", "call": "iam:CreatePolicy", "params": { "PolicyName": "fence", "PolicyDocument": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } }, "expect": { "error": "EntityAlreadyExists" } },
        { "actor": "admin", "call": "iam:CreateUser", "params": { "UserName": "odd", "Path": "//" },
          "expect": { "error": "ValidationError", "message_contains": "at 'path' failed to satisfy constraint" } })");
    require_all_pass(r, 5);
}

TEST_CASE("CreateUser answers with the boundary and tags it was given, and DeactivateMFADevice without UserName is the caller's own") {
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:CreateUser", "params": { "UserName": "temp", "PermissionsBoundary": "arn:aws:iam::111111111111:policy/Fence",
          "Tags": [{ "Key": "team", "Value": "ops" }] },
          "expect": { "fields": { "User.PermissionsBoundary.PermissionsBoundaryArn": "arn:aws:iam::111111111111:policy/Fence",
                                  "User.PermissionsBoundary.PermissionsBoundaryType": "Policy", "User.Tags.0.Key": "team" } } },
        { "actor": "lead", "call": "iam:DeactivateMFADevice", "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/lead" }, "expect": "deny" },
        { "actor": "admin", "call": "iam:DeactivateMFADevice", "params": { "SerialNumber": "arn:aws:iam::111111111111:mfa/lead" },
          "expect": { "error": "NoSuchEntity" } })");
    // The lead may not deactivate her own device (no policy allows it); the admin's own user has no device at all.
    require_all_pass(r, 3);
    CHECK(r.world.user("arn:aws:iam::111111111111:user/temp")->boundary_arn == "arn:aws:iam::111111111111:policy/Fence");
}

TEST_CASE("IAM's inputs: a reserved role path, a policy ARN without its path, a name that is not text, a null Path or Tags") {
    const std::string doc = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] })";
    const std::string trust = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] })";
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": "Sneaky", "Path": "/aws-service-role/s3.amazonaws.com/", "AssumeRolePolicyDocument": )" + trust + R"( },
          "expect": { "error": "InvalidInput", "message_contains": "reserved" } },
        { "actor": "admin", "call": "iam:CreatePolicy", "params": { "PolicyName": "Q", "Path": "/team/", "PolicyDocument": )" + doc + R"( } },
        { "actor": "admin", "call": "iam:AttachUserPolicy", "params": { "UserName": "intern", "PolicyArn": "arn:aws:iam::111111111111:policy/Q" },
          "expect": { "error": "NoSuchEntity" } },
        { "actor": "admin", "call": "iam:AttachUserPolicy", "params": { "UserName": "intern", "PolicyArn": "arn:aws:iam::111111111111:policy/team/Q" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreateRole", "params": { "RoleName": 123, "AssumeRolePolicyDocument": )" + trust + R"( },
          "expect": { "error": "ValidationError", "message_contains": "Value '123' at 'roleName' failed to satisfy constraint: Member must be a string" } },
        { "actor": "admin", "call": "iam:CreateUser", "params": { "UserName": "carol", "Path": null, "Tags": null },
          "expect": { "fields": { "User.Arn": "arn:aws:iam::111111111111:user/carol" } } })");
    require_all_pass(r, 5);
}

TEST_CASE("a federated user's session ends with the IAM user who made it: a user made again under the name does not revive it") {
    const auto r = run_iam(R"(
        { "actor": "admin", "call": "iam:PutUserPolicy", "params": { "UserName": "intern", "PolicyName": "fed", "PolicyDocument": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": ["sts:GetFederationToken", "s3:GetObject"], "Resource": "*" }] } } },
        { "actor": "intern", "call": "sts:GetFederationToken", "params": { "Name": "fed", "Policy": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } }, "save": "fed", "expect": "allow" },
        { "actor": "intern", "using": "fed", )" + kRead + R"(, "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteUserPolicy", "params": { "UserName": "intern", "PolicyName": "fed" } },
        { "actor": "admin", "call": "iam:DetachUserPolicy", "params": { "UserName": "intern", "PolicyArn": "arn:aws:iam::111111111111:policy/InternPolicy" } },
        { "actor": "admin", "call": "iam:DeleteAccessKey", "params": { "UserName": "intern", "AccessKeyId": "@intern" } },
        { "actor": "admin", "call": "iam:DeleteUser", "params": { "UserName": "intern" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:CreateUser", "params": { "UserName": "intern" } },
        { "actor": "admin", "call": "iam:AddUserToGroup", "params": { "GroupName": "Admins", "UserName": "intern" } },
        { "actor": "intern", "using": "fed", )" + kRead + R"(, "expect": "deny" })");
    require_all_pass(r, 4);
}

// scenarios/README.md, Expectations: "deny" is a refusal by authorization. A key that authenticates no one fails
// before any policy is read: InvalidClientTokenId, but not a denial; GetSessionToken credentials without MFA calling
// IAM get the same code by policy of AWS's, and that one is a denial.
TEST_CASE("\"deny\" is not met by a dead access key's InvalidClientTokenId, only by a refusal") {
    const auto r = run_iam(R"(
        { "actor": "intern", "call": "iam:CreateAccessKey", "save": "mine", "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteAccessKey", "params": { "UserName": "intern", "AccessKeyId": "@mine" }, "expect": "allow" },
        { "actor": "intern", "call": "sts:GetCallerIdentity", "using": "mine", "expect": "deny" },
        { "actor": "intern", "call": "sts:GetSessionToken", "save": "nomfa", "expect": "allow" },
        { "actor": "intern", "call": "iam:GetUser", "using": "nomfa", "expect": "deny" })");
    REQUIRE(r.checks.size() == 5);
    CHECK_FALSE(r.checks[2].passed);
    CHECK(r.checks[2].detail.find("the access key authenticates no one") != std::string::npos);
    CHECK(r.checks[4].passed);
}

namespace {

// kIamWorld with `count` more entries ("Extra0", "Extra1", ...) before the entry `first` of one of the account's maps.
std::string with_extra(const std::string& first, std::size_t count, const std::string& value) {
    std::string entries;
    for (std::size_t i = 0; i < count; ++i) entries += "\"Extra" + std::to_string(i) + "\": " + value + ", ";
    std::string world = kIamWorld;
    world.insert(world.find("\"" + first + "\": {"), entries);
    return world;
}

}  // namespace

TEST_CASE("an account holds at most 5000 users, 300 groups, 1000 roles and 1500 customer managed policies: one more is LimitExceeded (reference_iam-quotas)") {
    const std::string trust = R"({ "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] } })";
    const std::string doc = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] })";
    const std::string doc_param = R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}")";
    const std::string trust_param = R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111111111111\"}, \"Action\": \"sts:AssumeRole\"}]}")";
    struct Case {
        std::string first;  // the first entry of the map, in kIamWorld
        std::size_t existing;  // in kIamWorld already
        std::size_t quota;
        std::string value, create, remove, quota_name;
    };
    const Case cases[] = {
        {"admin", 3, 5000, "{}", R"("iam:CreateUser", "params": { "UserName": "New" })",
         R"("iam:DeleteUser", "params": { "UserName": "Extra0" })", "UsersPerAccount: 5000"},
        {"Readers", 2, 300, "{}", R"("iam:CreateGroup", "params": { "GroupName": "New" })",
         R"("iam:DeleteGroup", "params": { "GroupName": "Extra0" })", "GroupsPerAccount: 300"},
        {"App", 1, 1000, trust, R"("iam:CreateRole", "params": { "RoleName": "New", "AssumeRolePolicyDocument": )" + trust_param + " }",
         R"("iam:DeleteRole", "params": { "RoleName": "Extra0" })", "RolesPerAccount: 1000"},
        {"InternPolicy", 3, 1500, doc, R"("iam:CreatePolicy", "params": { "PolicyName": "New", "PolicyDocument": )" + doc_param + " }",
         R"("iam:DeletePolicy", "params": { "PolicyArn": "arn:aws:iam::111111111111:policy/Extra0" })", "PoliciesPerAccount: 1500"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.first);
        const auto r = run_with_steps(with_extra(c.first, c.quota - c.existing, c.value), R"(
            { "actor": "admin", "call": )" + c.create + R"(,
              "expect": { "error": "LimitExceeded", "message_contains": "Cannot exceed quota for )" + c.quota_name + R"(" } },
            { "actor": "admin", "call": )" + c.remove + R"(, "expect": "allow" },
            { "actor": "admin", "call": )" + c.create + R"(, "expect": "allow" })");
        require_all_pass(r, 3);
    }
}
