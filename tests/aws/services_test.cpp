// IAM mutations, S3 and EC2 as the scenarios use them, and CloudTrail's records of it all (facts §4-5, §7).
#include "aws_test_util.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

const std::string kWorld = R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z", "seed": 3,
  "accounts": {
    "111111111111": {
      "users": {
        "admin": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } },
        "reader": { "policies": { "get": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Action": ["s3:GetObject", "sts:AssumeRole"], "Resource": "*" } ] } } }
      },
      "roles": {
        "Ops": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] },
          "policies": { "ec2": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Action": ["ec2:*", "s3:GetObject", "s3:ListBucket"], "Resource": "*" }] } }
        }
      },
      "policies": { "ReadOnly": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } },
      "buckets": { "b1": { "objects": { "a.txt": "A" } } },
      "instances": { "i-0000000000000000a": { "region": "eu-west-1", "tags": { "env": "dev" } } }
    },
    "222222222222": {
      "users": { "carol": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } },
      "buckets": {
        "shared": { "objects": { "x": "X" },
          "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "AWS": "arn:aws:iam::111111111111:user/reader" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*" }] } }
      }
    }
  },
  "actors": {
    "admin": { "principal": "arn:aws:iam::111111111111:user/admin" },
    "reader": { "principal": "arn:aws:iam::111111111111:user/reader" },
    "carol": { "principal": "arn:aws:iam::222222222222:user/carol" }
  },
  "steps": [ STEPS ]
})";

RunResult run_steps(const std::string& steps) {
    std::string text = kWorld;
    text.replace(text.find("STEPS"), 5, steps);
    return run_text(text);
}

}  // namespace

TEST_CASE("S3: a missing key is NoSuchKey with s3:ListBucket and AccessDenied without it (API_GetObject)") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": { "fields": { "Body": "A" } } },
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/missing", "expect": { "error": "AccessDenied" } },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/missing", "expect": { "error": "NoSuchKey" } },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::nobucket/x", "expect": { "error": "NoSuchBucket" } })");
    require_all_pass(r, 4);
}

TEST_CASE("S3: objects written and deleted change the world for later calls") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/new.txt", "params": { "Body": "N" }, "expect": "allow" },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "expect": { "fields": { "KeyCount": 2, "Contents.1.Key": "new.txt" } } },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/new.txt", "expect": { "fields": { "Body": "N" } } },
        { "actor": "admin", "call": "s3:DeleteObject", "resource": "arn:aws:s3:::b1/new.txt", "expect": "allow" },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/new.txt", "expect": { "error": "NoSuchKey" } })");
    require_all_pass(r, 5);
    CHECK(r.world.buckets.at("b1").objects.size() == 1);
}

TEST_CASE("S3 cross account: a bucket policy naming the user plus the user's own policy allow; the owner's policy alone does not") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::shared/x", "expect": "allow" },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::shared/x", "expect": "deny" },
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": "deny" })");
    require_all_pass(r, 3);
}

TEST_CASE("EC2: UnauthorizedOperation, another account's instance does not exist, and terminated stays terminated") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "ec2:TerminateInstances", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a",
          "expect": { "error": "UnauthorizedOperation", "message_contains": "You are not authorized to perform this operation." } },
        { "actor": "carol", "call": "ec2:TerminateInstances", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a",
          "expect": { "error": "InvalidInstanceID.NotFound", "message_contains": "The instance ID 'i-0000000000000000a' does not exist" } },
        { "actor": "admin", "call": "ec2:StopInstances", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a",
          "expect": { "fields": { "StoppingInstances.0.PreviousState.Name": "running" } } },
        { "actor": "admin", "call": "ec2:TerminateInstances", "params": { "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "fields": { "TerminatingInstances.0.PreviousState.Name": "stopped" } } },
        { "actor": "admin", "call": "ec2:StopInstances", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a",
          "expect": { "error": "IncorrectInstanceState" } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "expect": { "fields": { "Reservations.0.Instances.0.State.Name": "terminated" } } })");
    require_all_pass(r, 6);
    CHECK(r.world.instances.at("i-0000000000000000a").state == "terminated");
}

TEST_CASE("IAM: put, delete and attach policies take effect on the next call, and are authorized like any call") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "x", "PolicyDocument": "{}" },
          "expect": { "error": "AccessDenied", "message_contains": "iam:PutRolePolicy" } },
        { "actor": "reader", "call": "sts:AssumeRole", "save": "ops", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:ListBucket", "using": "ops", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "no-list",
            "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}" },
          "expect": "allow" },
        { "actor": "reader", "call": "s3:ListBucket", "using": "ops", "resource": "arn:aws:s3:::b1",
          "expect": { "error": "AccessDenied", "message_contains": "with an explicit deny in an identity-based policy" } },
        { "actor": "admin", "call": "iam:DeleteRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "no-list" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:ListBucket", "using": "ops", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "admin", "call": "iam:DeleteRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "no-list" },
          "expect": { "error": "NoSuchEntity", "message_contains": "The role policy with name no-list cannot be found." } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "bad",
            "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}]}" },
          "expect": { "error": "MalformedPolicyDocument" } },
        { "actor": "admin", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Nope", "PolicyArn": "arn:aws:iam::111111111111:policy/ReadOnly" },
          "expect": { "error": "NoSuchEntity", "message_contains": "The role with name Nope cannot be found." } },
        { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "Ops",
            "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:user/admin" }, "Action": "sts:AssumeRole" }] } },
          "expect": "allow" },
        { "actor": "reader", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "deny" })");
    require_all_pass(r, 12);
}

TEST_CASE("CloudTrail: a record per call, and a cross-account AssumeRole in both accounts with one sharedEventID") {
    std::string text = kWorld;
    const std::string one = "\"Principal\": { \"AWS\": \"111111111111\" }";
    text.replace(text.find(one), one.size(), "\"Principal\": { \"AWS\": [\"111111111111\", \"222222222222\"] }");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "carol", "call": "sts:AssumeRole", "save": "x", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "carol" }, "expect": "allow" },
        { "actor": "carol", "call": "s3:GetObject", "using": "x", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" })");
    const auto r = run_text(text);
    require_all_pass(r, 2);
    REQUIRE(r.cloudtrail.size() == 3);
    const auto& in_caller = r.cloudtrail[0];
    const auto& in_owner = r.cloudtrail[1];
    CHECK(in_caller["eventName"] == "AssumeRole");
    CHECK(in_caller["eventSource"] == "sts.amazonaws.com");
    CHECK(in_caller["recipientAccountId"] == "222222222222");
    CHECK(in_caller["userIdentity"]["type"] == "IAMUser");
    CHECK(in_owner["recipientAccountId"] == "111111111111");
    CHECK(in_owner["userIdentity"]["type"] == "AWSAccount");
    CHECK(in_owner["userIdentity"]["accountId"] == "222222222222");
    CHECK(in_caller["sharedEventID"] == in_owner["sharedEventID"]);
    CHECK(in_caller["eventID"] != in_owner["eventID"]);
    CHECK_FALSE(in_caller["responseElements"]["credentials"].contains("secretAccessKey"));
    // The session's later call names the key STS issued, so the chain can be followed back.
    const auto& get = r.cloudtrail[2];
    CHECK(get["userIdentity"]["type"] == "AssumedRole");
    CHECK(get["userIdentity"]["arn"] == "arn:aws:sts::111111111111:assumed-role/Ops/carol");
    CHECK(get["userIdentity"]["accessKeyId"] == in_caller["responseElements"]["credentials"]["accessKeyId"]);
    CHECK(get["userIdentity"]["sessionContext"]["sessionIssuer"]["arn"] == "arn:aws:iam::111111111111:role/Ops");
    CHECK(get["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"] == "false");
    CHECK(get["recipientAccountId"] == "111111111111");
}

TEST_CASE("revoking active sessions denies sessions issued before and not after (id_roles_use_revoke-sessions)") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "sts:AssumeRole", "save": "old", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "allow" },
        { "at": "+10s", "actor": "admin", "call": "console:RevokeActiveSessions", "params": { "RoleName": "Ops" }, "expect": "allow" },
        { "at": "+2s", "actor": "reader", "call": "s3:GetObject", "using": "old", "resource": "arn:aws:s3:::b1/a.txt",
          "expect": { "error": "AccessDenied", "message_contains": "explicit deny" } },
        { "actor": "reader", "call": "sts:AssumeRole", "save": "new", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:GetObject", "using": "new", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" },
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" })");
    require_all_pass(r, 6);
    CHECK(r.world.accounts.at("111111111111").roles.at("Ops").policies.count("AWSRevokeOlderSessions") == 1);
}
