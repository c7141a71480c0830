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
      "instances": { "i-0000000000000000a": { "region": "eu-west-1", "tags": { "env": "dev" } },
                     "i-0000000000000000b": { "region": "eu-west-1", "tags": { "env": "prod" } } }
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

RunResult run_steps(const std::string& steps) { return run_with_steps(kWorld, steps); }

}  // namespace

TEST_CASE("S3: a missing key is NoSuchKey with s3:ListBucket and AccessDenied without it (API_GetObject)") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": { "fields": { "Body": "A" } } },
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/missing", "expect": { "error": "AccessDenied" } },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/missing", "expect": { "error": "NoSuchKey" } },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::nobucket/x", "expect": { "error": "NoSuchBucket" } })");
    require_all_pass(r, 4);
}

// HeadObject, HeadBucket and ListObjectsV2 are API operations, not IAM actions: "To use HEAD, you must have the
// s3:GetObject permission" (API_HeadObject), HeadBucket and ListObjectsV2 need s3:ListBucket (API_HeadBucket,
// API_ListObjectsV2), and the Service Authorization Reference lists no s3:HeadObject. A HEAD answer has no body: a
// missing key is 404 Not Found for a caller who may list the bucket, else 403 Forbidden.
TEST_CASE("S3: HeadObject is authorized as s3:GetObject, HeadBucket and ListObjectsV2 as s3:ListBucket, and CloudTrail names the API call") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "s3:HeadObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": { "fields": { "ContentLength": 1 } } },
        { "actor": "reader", "call": "s3:HeadObject", "resource": "arn:aws:s3:::b1/missing", "expect": { "error": "AccessDenied", "message_contains": "Forbidden" } },
        { "actor": "admin", "call": "s3:HeadObject", "resource": "arn:aws:s3:::b1/missing", "expect": { "error": "NotFound" } },
        { "actor": "reader", "call": "s3:HeadBucket", "resource": "arn:aws:s3:::b1", "expect": "deny" },
        { "actor": "admin", "call": "s3:HeadBucket", "resource": "arn:aws:s3:::b1", "expect": { "fields": { "BucketRegion": "us-east-1" } } },
        { "actor": "admin", "call": "s3:HeadBucket", "resource": "arn:aws:s3:::nobucket", "expect": { "error": "NotFound" } },
        { "actor": "admin", "call": "s3:ListObjectsV2", "resource": "arn:aws:s3:::b1", "expect": { "fields": { "KeyCount": 1 } },
          "params": { "Prefix": "", "Delimiter": "/", "EncodingType": "url", "MaxKeys": 100, "FetchOwner": true } },
        { "actor": "reader", "call": "s3:ListObjectsV2", "resource": "arn:aws:s3:::b1", "expect": "deny" })");
    require_all_pass(r, 8);
    // The decisions are about the permissions; the records about the calls.
    std::vector<std::string> actions;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Decision) actions.push_back(r.trace->data(i)["action"].get<std::string>());
    CHECK(actions.front() == "s3:GetObject");
    CHECK(std::find(actions.begin(), actions.end(), "s3:HeadObject") == actions.end());
    CHECK(std::find(actions.begin(), actions.end(), "s3:ListObjectsV2") == actions.end());
    const nlohmann::json* head = last_cloudtrail(r, "HeadObject");
    REQUIRE(head != nullptr);
    CHECK((*head)["eventCategory"] == "Data");
    CHECK((*head)["readOnly"] == true);
    CHECK((*head)["additionalEventData"]["bytesTransferredOut"] == 0);  // a HEAD answer has no body
    const nlohmann::json* bucket = last_cloudtrail(r, "HeadBucket");
    REQUIRE(bucket != nullptr);
    CHECK((*bucket)["eventCategory"] == "Management");
    const auto listed = std::find_if(r.cloudtrail.begin(), r.cloudtrail.end(), [](const nlohmann::json& t) {
        return t["eventName"] == "ListObjects" && !t.contains("errorCode");
    });
    REQUIRE(listed != r.cloudtrail.end());
    const nlohmann::json* list = &*listed;  // S3 logs a ListObjectsV2 as ListObjects, list-type 2
    CHECK((*list)["requestParameters"]["list-type"] == "2");
    // Its query string by S3's names, as text (a real ListObjects record: "encoding-type": "url", "prefix": "").
    CHECK((*list)["requestParameters"]["encoding-type"] == "url");
    CHECK((*list)["requestParameters"]["max-keys"] == "100");
    CHECK((*list)["requestParameters"]["fetch-owner"] == "true");
    CHECK((*list)["requestParameters"]["delimiter"] == "/");
    CHECK_FALSE((*list)["requestParameters"].contains("maxKeys"));
}

// "The s3:ResourceAccount and s3:TLSVersion IAM condition keys help you write simple policies that restrict access ...
// based on the AWS Account ID of the bucket owner, or by the TLS Version used by the client" (What's New, 2020-12-21).
TEST_CASE("S3: every request to a bucket has s3:ResourceAccount, the owner's account, and s3:TLSVersion, and a signed one s3:authType") {
    std::string world = kWorld;
    const std::string reader_policy = R"({ "Effect": "Allow", "Action": ["s3:GetObject", "sts:AssumeRole"], "Resource": "*" })";
    world.replace(world.find(reader_policy), reader_policy.size(),
                  R"({ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": { "StringEquals": { "s3:ResourceAccount": "111111111111" } } },
                     { "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": { "NumericLessThan": { "s3:TLSVersion": "1.2" } } },
                     { "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": { "StringNotEquals": { "s3:authType": "REST-HEADER" } } })");
    const auto r = run_with_steps(world, R"(
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" },
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::shared/x", "expect": "deny" },
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "context": { "s3:TLSVersion": "1.1" }, "expect": "deny" })");
    require_all_pass(r, 3);
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

TEST_CASE("S3 cross account: a bucket policy naming the user plus the user's own policy allow, the owner's policy alone does not") {
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
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1" },
          "expect": { "fields": { "Reservations.0.Instances.0.State.Name": "terminated" } } },
        // API_TerminateInstances: terminated instances remain visible after termination, for approximately one hour.
        { "at": "+59m", "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "fields": { "Reservations.0.Instances.0.State.Name": "terminated" } } },
        { "at": "+1m", "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1" },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000b" } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "error": "InvalidInstanceID.NotFound" } },
        { "actor": "admin", "call": "ec2:TerminateInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "error": "InvalidInstanceID.NotFound" } })");
    require_all_pass(r, 10);
    CHECK(r.world.instances.at("i-0000000000000000a").state == "terminated");
}

TEST_CASE("EC2: StartInstances starts a stopped instance, leaves a running one as it is, and cannot start or stop a terminated one, and DescribeInstances naming an instance goes to its region, as Start and Stop do") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "ec2:StartInstances", "params": { "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "fields": { "StartingInstances.0.PreviousState.Name": "running", "StartingInstances.0.CurrentState.Name": "running" } } },
        { "actor": "admin", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000a"] }, "expect": "allow" },
        { "actor": "reader", "call": "ec2:StartInstances", "params": { "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "error": "UnauthorizedOperation" } },
        { "actor": "admin", "call": "ec2:StartInstances", "params": { "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "fields": { "StartingInstances.0.PreviousState.Name": "stopped", "StartingInstances.0.CurrentState.Name": "pending",
                                  "StartingInstances.0.CurrentState.Code": 0 } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "fields": { "Reservations.0.Instances.0.State.Name": "running" } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "fields": { "Reservations.0.Instances.0.State.Name": "running" } } },
        { "actor": "admin", "call": "ec2:TerminateInstances", "params": { "InstanceIds": ["i-0000000000000000a"] }, "expect": "allow" },
        { "actor": "admin", "call": "ec2:StartInstances", "params": { "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "error": "IncorrectInstanceState",
                      "message_contains": "The instance 'i-0000000000000000a' is not in a state from which it can be started." } },
        { "actor": "admin", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000a"] },
          "expect": { "error": "IncorrectInstanceState",
                      "message_contains": "This instance 'i-0000000000000000a' is not in a state from which it can be stopped." } })");
    require_all_pass(r, 9);
    CHECK(r.world.instances.at("i-0000000000000000a").state == "terminated");
    // The world changed twice by a start: stopped -> running once; the start of a running instance changed nothing.
    std::size_t started = 0;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::WorldChanged &&
            r.trace->data(i).value("summary", "") == "instance i-0000000000000000a: stopped -> running")
            ++started;
    CHECK(started == 1);
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

// "CloudTrail does not deliver logs for requests that fail authentication (in which the provided credentials are not
// valid). However, it does include logs for requests in which authorization fails (AccessDenied)" (Amazon S3 User
// Guide, cloudtrail-logging).
TEST_CASE("CloudTrail: an S3 request with expired credentials leaves no record, a refused one does") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "sts:AssumeRole", "save": "s",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr", "DurationSeconds": 900 }, "expect": "allow" },
        { "at": "+20m", "actor": "reader", "call": "s3:GetObject", "using": "s", "resource": "arn:aws:s3:::b1/a.txt", "expect": { "error": "ExpiredToken" } },
        { "actor": "reader", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/b.txt", "expect": { "error": "AccessDenied" } })");
    require_all_pass(r, 3);
    REQUIRE(r.cloudtrail.size() == 2);
    CHECK(r.cloudtrail[0]["eventName"] == "AssumeRole");
    CHECK(r.cloudtrail[1]["eventName"] == "PutObject");
    CHECK(r.cloudtrail[1]["errorCode"] == "AccessDenied");
}

// GetCallerIdentity has no parameters of its own (API_GetCallerIdentity): what a step passes is ignored, as STS ignores
// it, and not logged (an ExternalId in its record would be one STS never used).
TEST_CASE("CloudTrail: GetCallerIdentity logs no request parameters, whatever the step passes") {
    const auto r = run_text(R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "u": {} } } },
      "actors": { "u": { "principal": "arn:aws:iam::111111111111:user/u" } },
      "steps": [ { "actor": "u", "call": "sts:GetCallerIdentity", "params": { "ExternalId": "z", "Foo": "bar" }, "expect": "allow" } ] })");
    require_all_pass(r, 1);
    REQUIRE(r.cloudtrail.size() == 1);
    CHECK(r.cloudtrail[0]["requestParameters"].is_null());
}

// awsRegion is "The AWS Region that the request was made to" (cloudtrail-event-reference-record-contents), whether
// or not the credentials were still good: an EC2 call with expired credentials is logged in its endpoint's region.
TEST_CASE("CloudTrail: an EC2 call with expired credentials is logged in the region it was sent to") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": { "111111111111": {
        "users": { "alice": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }] } } } },
        "roles": { "R": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:user/alice" }, "Action": "sts:AssumeRole" }] },
                          "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "ec2:*", "Resource": "*" }] } } } },
        "instances": { "i-0123456789abcdef0": { "region": "eu-west-1" } } } },
      "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" } },
      "steps": [
        { "actor": "alice", "call": "sts:AssumeRole", "save": "s", "expect": "allow",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "ss", "DurationSeconds": 900 } },
        { "at": "+20m", "actor": "alice", "using": "s", "call": "ec2:StartInstances", "expect": { "error": "ExpiredToken" },
          "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0123456789abcdef0" },
        { "actor": "alice", "using": "s", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0123456789abcdef0"] },
          "expect": { "error": "ExpiredToken" } },
        { "actor": "alice", "using": "s", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1" },
          "expect": { "error": "ExpiredToken" } },
        { "actor": "alice", "using": "s", "call": "ec2:DescribeInstances", "expect": { "error": "ExpiredToken" } } ] })");
    require_all_pass(r, 5);
    REQUIRE(r.cloudtrail.size() == 5);
    for (int i = 1; i <= 3; ++i) {
        CAPTURE(i);
        CHECK(r.cloudtrail[i]["errorCode"] == "Client.ExpiredToken");
        CHECK(r.cloudtrail[i]["awsRegion"] == "eu-west-1");
        CHECK(r.cloudtrail[i]["tlsDetails"]["clientProvidedHostHeader"] == "ec2.eu-west-1.amazonaws.com");
    }
    CHECK(r.cloudtrail[4]["awsRegion"] == "us-east-1");  // no region named: the default endpoint's
}

// "vpcEndpointId: Identifies the VPC endpoint in which requests were made from a VPC to another AWS service, such as
// Amazon S3" (cloudtrail-event-reference-record-contents).
TEST_CASE("CloudTrail: a request through a VPC endpoint names it, with the caller's private address") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt",
          "context": { "aws:SourceVpce": "vpce-1a2b3c4d", "aws:SourceVpc": "vpc-0a1b2c3d", "aws:VpcSourceIp": "10.0.1.25" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "context": { "aws:SourceIp": "203.0.113.9" }, "expect": "allow" })");
    require_all_pass(r, 2);
    REQUIRE(r.cloudtrail.size() == 2);
    CHECK(r.cloudtrail[0]["vpcEndpointId"] == "vpce-1a2b3c4d");
    CHECK(r.cloudtrail[0]["sourceIPAddress"] == "10.0.1.25");
    CHECK_FALSE(r.cloudtrail[1].contains("vpcEndpointId"));
    CHECK(r.cloudtrail[1]["sourceIPAddress"] == "203.0.113.9");
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
    CHECK_FALSE(get["userIdentity"]["sessionContext"].contains("ec2RoleDelivery"));  // not an instance's session
    // S3's data event: the endpoint in requestParameters, and how the request came in additionalEventData (AmazonS3
    // cloudtrail-logging-understanding-s3-entries).
    CHECK(get["requestParameters"]["Host"].get<std::string>().find(".s3.us-east-1.amazonaws.com") != std::string::npos);
    CHECK(get["additionalEventData"]["SignatureVersion"] == "SigV4");
    CHECK(get["additionalEventData"]["AuthenticationMethod"] == "AuthHeader");
    CHECK(get["additionalEventData"]["bytesTransferredIn"] == 0);
}

TEST_CASE("CloudTrail: a refused cross-account AssumeRole is logged in the caller's account only, with no sharedEventID (cloudtrail-integration)") {
    // "For cross-account role assumption requests, CloudTrail does not log denied AWS STS requests in the target
    // account's CloudTrail"; sharedEventID "is present only when CloudTrail events are delivered to multiple accounts".
    const auto r = run_steps(R"(
        { "actor": "carol", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "carol" }, "expect": "deny" })");
    require_all_pass(r, 1);
    REQUIRE(r.cloudtrail.size() == 1);
    CHECK(r.cloudtrail[0]["recipientAccountId"] == "222222222222");
    CHECK(r.cloudtrail[0]["userIdentity"]["type"] == "IAMUser");
    CHECK(r.cloudtrail[0]["errorCode"] == "AccessDenied");
    CHECK_FALSE(r.cloudtrail[0].contains("sharedEventID"));
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

TEST_CASE("a revocation tells apart sessions issued in its own second, before and after it (id_roles_use_revoke-sessions)") {
    const auto r = run_steps(R"(
        { "at": 10.1, "actor": "reader", "call": "sts:AssumeRole", "save": "before", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "allow" },
        { "at": 10.5, "actor": "admin", "call": "console:RevokeActiveSessions", "params": { "RoleName": "Ops" }, "expect": "allow" },
        { "at": 10.7, "actor": "reader", "call": "sts:AssumeRole", "save": "after", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "allow" },
        { "at": 12, "actor": "reader", "call": "s3:GetObject", "using": "before", "resource": "arn:aws:s3:::b1/a.txt",
          "expect": { "error": "AccessDenied", "message_contains": "explicit deny" } },
        { "actor": "reader", "call": "s3:GetObject", "using": "after", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" })");
    require_all_pass(r, 5);
}

TEST_CASE("a step that uses credentials a call in flight is to save starts when they are saved, and its actor's later steps after it") {
    const auto r = run_steps(R"(
        { "id": "a", "at": 10, "actor": "reader", "call": "sts:AssumeRole", "save": "s", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "allow" },
        { "id": "b", "at": 10, "actor": "reader", "call": "s3:GetObject", "using": "s", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" },
        { "id": "c", "at": 10, "actor": "reader", "call": "sts:GetCallerIdentity", "expect": "allow" },
        { "id": "d", "at": 10, "actor": "admin", "call": "sts:GetCallerIdentity", "expect": "allow" },
        { "id": "e", "at": 11, "actor": "reader", "call": "sts:AssumeRole", "save": "t", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Nope", "RoleSessionName": "rr" } },
        { "id": "f", "at": 11, "actor": "reader", "call": "s3:GetObject", "using": "t", "resource": "arn:aws:s3:::b1/a.txt",
          "expect": { "error": "MissingCredentials", "message_contains": "the call that should have saved them, e, failed with AccessDenied" } })");
    require_all_pass(r, 5);
    std::vector<std::pair<std::string, SimTime>> started;  // (step, when)
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Step) started.emplace_back(r.trace->data(i)["step"].get<std::string>(), (*r.trace)[i].time);
    const std::vector<std::pair<std::string, SimTime>> expected = {
        {"a", 10000}, {"d", 10000}, {"b", 10040}, {"c", 10040}, {"e", 11000}, {"f", 11040}};
    CHECK(started == expected);
}

TEST_CASE("S3 takes anonymous requests: a public bucket answers, a private one says Access Denied (example-bucket-policies)") {
    std::string text = kWorld;
    const std::string shared = R"("shared": { "objects": { "x": "X" },)";
    text.replace(text.find(shared), shared.size(), R"("site": { "objects": { "index.html": "hi" }, "policy": { "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*" }] } },
        )" + shared);
    const std::string actors = R"("actors": {)";
    text.replace(text.find(actors), actors.size(), actors + R"( "browser": { "kind": "anonymous" },)");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "browser", "call": "s3:GetObject", "resource": "arn:aws:s3:::site/index.html", "expect": { "fields": { "Body": "hi" } } },
        { "actor": "browser", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": { "error": "AccessDenied", "message_contains": "Access Denied" } },
        { "actor": "browser", "call": "sts:GetCallerIdentity", "expect": { "error": "MissingAuthenticationToken" } })");
    const auto r = run_text(text);
    require_all_pass(r, 3);
    // The unsigned GetCallerIdentity names no account, so no account's trail has it ("some non-authenticated AWS STS
    // requests might not be logged", cloudtrail-integration).
    REQUIRE(r.cloudtrail.size() == 2);
    // "userIdentity.accountId='ANONYMOUS_PRINCIPAL'" (AmazonS3 cloudtrail-request-identification); no signature.
    CHECK(r.cloudtrail[0]["userIdentity"] == nlohmann::json{{"type", "AWSAccount"}, {"principalId", ""}, {"accountId", "ANONYMOUS_PRINCIPAL"}});
    CHECK_FALSE(r.cloudtrail[0]["additionalEventData"].contains("SignatureVersion"));
    CHECK(r.cloudtrail[0]["requestParameters"]["Host"].get<std::string>().find(".s3.us-east-1.amazonaws.com") != std::string::npos);
    CHECK(r.cloudtrail[0]["recipientAccountId"] == "222222222222");
    CHECK(r.cloudtrail[1]["errorMessage"] == "Access Denied");
}

// confused-deputy, "Cross-service confused deputy prevention": a service acting on a resource's behalf is the service
// principal itself; the resource's policy alone can let it in, and aws:SourceArn / aws:SourceAccount say for whom.
TEST_CASE("An AWS service principal writes to a bucket whose policy names it, and only for the source its condition names (confused-deputy)") {
    std::string text = kWorld;
    const std::string shared = R"("shared": { "objects": { "x": "X" },)";
    text.replace(text.find(shared), shared.size(), R"("logs": { "policy": { "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Principal": { "Service": "logging.s3.amazonaws.com" }, "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::logs/*", "Condition": { "StringEquals": { "aws:SourceAccount": "222222222222" } } }] } },
        )" + shared);
    const std::string actors = R"("actors": {)";
    text.replace(text.find(actors), actors.size(), actors + R"( "logger": { "principal": "logging.s3.amazonaws.com", "kind": "service" },)");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "logger", "call": "s3:PutObject", "resource": "arn:aws:s3:::logs/own", "params": { "Body": "log" },
          "context": { "aws:SourceAccount": "222222222222", "aws:SourceArn": "arn:aws:s3:::shared" }, "expect": "allow" },
        { "actor": "logger", "call": "s3:PutObject", "resource": "arn:aws:s3:::logs/theirs", "params": { "Body": "junk" },
          "context": { "aws:SourceAccount": "999999999999", "aws:SourceArn": "arn:aws:s3:::elsewhere" },
          "expect": { "error": "AccessDenied", "message_contains": "Access Denied" } },
        { "actor": "logger", "call": "s3:PutObject", "resource": "arn:aws:s3:::shared/y", "params": { "Body": "junk" },
          "context": { "aws:SourceAccount": "222222222222" }, "expect": { "error": "AccessDenied" } },
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::logs/own", "expect": { "fields": { "Body": "log" } } })");
    const auto r = run_text(text);
    require_all_pass(r, 4);
    // No keys: a service principal signs its own calls, and holds no long-term access key of an IAM user.
    CHECK(count_events(r, TraceKind::CredentialIssued) == 3);
    // Its request context: aws:PrincipalServiceName and aws:PrincipalIsAWSService true, and no account of its own
    // (reference_policies_condition-keys).
    nlohmann::json decisions = nlohmann::json::array();
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Decision) decisions.push_back(r.trace->data(i));
    REQUIRE(decisions.size() == 4);
    const nlohmann::json& context = decisions[0]["context"];
    CHECK(context["aws:PrincipalServiceName"] == "logging.s3.amazonaws.com");
    CHECK(context["aws:PrincipalServiceNamesList"] == nlohmann::json::array({"logging.s3.amazonaws.com"}));
    CHECK(context["aws:PrincipalIsAWSService"] == "true");
    CHECK_FALSE(context.contains("aws:PrincipalAccount"));
    CHECK(refusal_reason(decisions[1]) ==
          "The caller is an AWS service principal, which has no identity-based policies: only the resource-based policy "
          "can allow it, and it allows this principal this action only under a condition that does not hold: "
          "StringEquals aws:SourceAccount wants '222222222222', and the request has '999999999999'.");
    CHECK(refusal_reason(decisions[2]).find("only the resource-based policy can allow it, and it has no applicable Allow") !=
          std::string::npos);
    // CloudTrail: {"type": "AWSService", "invokedBy": ...}, the service's name as the source address, in the bucket
    // owner's trail (cloudtrail-event-reference-user-identity; cloudtrail-event-reference-record-contents).
    REQUIRE(r.cloudtrail.size() >= 3);
    CHECK(r.cloudtrail[0]["userIdentity"] == nlohmann::json{{"type", "AWSService"}, {"invokedBy", "logging.s3.amazonaws.com"}});
    CHECK(r.cloudtrail[0]["sourceIPAddress"] == "logging.s3.amazonaws.com");
    CHECK(r.cloudtrail[0]["userAgent"] == "logging.s3.amazonaws.com");
    CHECK_FALSE(r.cloudtrail[0].contains("tlsDetails"));  // the service's own call: no client's TLS
    CHECK(r.cloudtrail[3]["userAgent"] == "stslab");  // carol's own call
    CHECK(r.cloudtrail[3].contains("tlsDetails"));
    CHECK(r.cloudtrail[0]["recipientAccountId"] == "222222222222");
    CHECK(r.cloudtrail[1]["errorCode"] == "AccessDenied");
}

TEST_CASE("S3 explains a denial only inside the bucket's account, another account reads Access Denied (troubleshoot-403-errors)") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::shared/missing-grant", "expect": "allow" },
        { "actor": "carol", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/x", "params": { "Body": "secret" },
          "expect": { "error": "AccessDenied" } },
        { "actor": "reader", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/x", "params": { "Body": "secret" },
          "expect": { "error": "AccessDenied", "message_contains": "s3:PutObject on resource: arn:aws:s3:::b1/x because no identity-based policy allows the s3:PutObject action" } })");
    REQUIRE(r.checks.size() == 3);
    CHECK(r.checks[1].passed);
    CHECK(r.checks[2].passed);
    bool generic = false;
    for (const auto& rec : r.cloudtrail)
        if (rec["eventName"] == "PutObject" && rec["recipientAccountId"] == "222222222222")
            generic = rec["errorMessage"] == "Access Denied";
    CHECK(generic);
}

// Revoking sessions puts an inline policy on the role ("AWS attaches a new inline policy to the role",
// id_roles_use_revoke-sessions): a role at its quota cannot take it.
TEST_CASE("IAM quotas and names: inline size per user and role (the revocation's policy too), ten managed policies per role, PolicyName's pattern (reference_iam-quotas)") {
    // About 80 characters a statement: 30 are over a user's 2,048, 130 over a role's 10,240 (128 fit beside its own).
    auto statements = [](int n) {
        std::string list = "[";
        for (int i = 0; i < n; ++i)
            list += std::string(i ? "," : "") + R"({ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/p)" +
                    std::to_string(i) + "/*\" }";
        return list + "]";
    };
    std::string attach;
    for (int i = 0; i < 11; ++i)
        attach += R"(, { "actor": "admin", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Ops", "PolicyArn": "arn:aws:iam::111111111111:policy/P)" +
                  std::to_string(i) + "\" }, \"expect\": " + (i < 10 ? "\"allow\"" : R"({ "error": "LimitExceeded", "message_contains": "Cannot exceed quota for PoliciesPerRole: 10" })") + " }";
    std::string text = kWorld;
    std::string managed;
    for (int i = 0; i < 11; ++i)
        managed += R"("P)" + std::to_string(i) + R"(": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] }, )";
    const std::string policies = R"("policies": { "ReadOnly")";
    text.replace(text.find(policies), policies.size(), R"("policies": { )" + managed + R"("ReadOnly")");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "big",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": )" + statements(130) + R"( } },
          "expect": { "error": "LimitExceeded", "message_contains": "Maximum policy size of 10240 bytes exceeded for role Ops" } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "most",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": )" + statements(128) + R"( } }, "expect": "allow" },
        { "actor": "admin", "call": "console:RevokeActiveSessions", "params": { "RoleName": "Ops" },
          "expect": { "error": "LimitExceeded", "message_contains": "Maximum policy size of 10240 bytes exceeded for role Ops" } },
        { "actor": "admin", "call": "iam:PutUserPolicy", "params": { "UserName": "reader", "PolicyName": "more",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": )" + statements(30) + R"( } },
          "expect": { "error": "LimitExceeded", "message_contains": "Maximum policy size of 2048 bytes exceeded for user reader" } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "bad name!",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } },
          "expect": { "error": "ValidationError", "message_contains": "at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern" } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } },
          "expect": { "error": "ValidationError", "message_contains": "Value null at 'policyName'" } })" + attach);
    require_all_pass(run_text(text), 17);
}

// A user that must exist is named in up to 128 characters (existingUserNameType: API_PutUserPolicy,
// API_CreateAccessKey), one created or attached to in up to 64 (userNameType: API_CreateUser, API_AttachUserPolicy).
// API_PutRolePolicy, API_AttachRolePolicy, API_UpdateAssumeRolePolicy: RoleName 1-64 of [\w+=,.@-]+, PolicyArn
// 20-2048 and required, PolicyDocument 1-131072 characters; checked before the call is authorized. A customer managed
// policy is attached in its own account (access_policies_managed-vs-inline); a trust policy is at most 2,048
// characters (reference_iam-quotas, "Role trust policy length").
TEST_CASE("IAM checks its parameters' form first, attaches only its own account's managed policies, and caps a trust policy") {
    std::string text = kWorld;
    const std::string dev = R"("222222222222": {)";
    text.replace(text.find(dev), dev.size(), dev + R"( "policies": { "Other": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } },)");
    std::string principals;
    for (int i = 0; i < 60; ++i) principals += std::string(i ? "," : "") + "\"arn:aws:iam::111111111111:role/Ops\"";
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "reader", "call": "iam:PutRolePolicy", "params": { "RoleName": "a b", "PolicyName": "p",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } },
          "expect": { "error": "ValidationError", "message_contains": "Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+" } },
        { "actor": "admin", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Ops" },
          "expect": { "error": "ValidationError", "message_contains": "Value null at 'policyArn' failed to satisfy constraint: Member must not be null" } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "p", "PolicyDocument": "" },
          "expect": { "error": "ValidationError", "message_contains": "at 'policyDocument' failed to satisfy constraint: Member must have length greater than or equal to 1" } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "R12345678901234567890123456789012345678901234567890123456789012345", "PolicyName": "p",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } },
          "expect": { "error": "ValidationError", "message_contains": "failed to satisfy constraint: Member must have length less than or equal to 64" } },
        { "actor": "admin", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Ops", "PolicyArn": "arn:aws:iam::222222222222:policy/Other" },
          "expect": { "error": "NoSuchEntity", "message_contains": "Policy arn:aws:iam::222222222222:policy/Other does not exist or is not attachable." } },
        { "actor": "admin", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Ops", "PolicyArn": "this-is-not-an-arn-at-all" },
          "expect": { "error": "InvalidInput", "message_contains": "ARN this-is-not-an-arn-at-all is not valid." } },
        { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "Ops",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": [)" + principals + R"(] }, "Action": "sts:AssumeRole" }] } },
          "expect": { "error": "LimitExceeded", "message_contains": "Cannot exceed quota for ACLSizePerRole: 2048" } },
        { "actor": "admin", "call": "iam:PutUserPolicy", "params": { "UserName": ")" + std::string(65, 'u') + R"(", "PolicyName": "p",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } },
          "expect": { "error": "NoSuchEntity" } },
        { "actor": "admin", "call": "iam:CreateAccessKey", "params": { "UserName": ")" + std::string(129, 'u') + R"(" },
          "expect": { "error": "ValidationError", "message_contains": "at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128" } },
        { "actor": "admin", "call": "iam:AttachUserPolicy", "params": { "UserName": ")" + std::string(65, 'u') + R"(", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess" },
          "expect": { "error": "ValidationError", "message_contains": "at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64" } })");
    const auto r = run_text(text);
    require_all_pass(r, 10);
    // Only three calls were decided (the other account's policy, the long trust policy, the 65-character user's
    // PutUserPolicy): the rest were refused for their form before anything was authorized.
    CHECK(count_events(r, TraceKind::Decision) == 3);
}

TEST_CASE("IAM: a trust policy must name principals that exist (in the scenario's accounts), a service-linked or Identity Center role is AWS's to change but for a service-linked role's tags and description, and a malformed document is answered with the fault alone") {
    std::string text = kWorld;
    const std::string roles = R"("roles": {)";
    text.replace(text.find(roles), roles.size(), roles + R"( "AWSServiceRoleForX": { "path": "/aws-service-role/x.amazonaws.com/",
        "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "x.amazonaws.com" }, "Action": "sts:AssumeRole" }] } },
        "AWSReservedSSO_Dev_0123456789abcdef": { "path": "/aws-reserved/sso.amazonaws.com/",
        "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] } },)");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "Ops",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:user/nobody" }, "Action": "sts:AssumeRole" }] } },
          "expect": { "error": "MalformedPolicyDocument", "message_contains": "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111111111111:user/nobody\"" } },
        { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "Ops",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "999999999999" }, "Action": "sts:AssumeRole" }] } },
          "expect": { "error": "MalformedPolicyDocument", "message_contains": "Invalid principal in policy: \"AWS\":\"999999999999\"" } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "AWSServiceRoleForX", "PolicyName": "p",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } },
          "expect": { "error": "UnmodifiableEntity", "message_contains": "Cannot perform the operation on the protected role 'AWSServiceRoleForX'" } },
        { "actor": "admin", "call": "console:RevokeActiveSessions", "params": { "RoleName": "AWSServiceRoleForX" },
          "expect": { "error": "UnmodifiableEntity" } },
        { "actor": "admin", "call": "iam:AttachRolePolicy", "params": { "RoleName": "AWSReservedSSO_Dev_0123456789abcdef",
          "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess" },
          "expect": { "error": "UnmodifiableEntity", "message_contains": "protected role 'AWSReservedSSO_Dev_0123456789abcdef'" } },
        { "actor": "admin", "call": "iam:TagRole", "params": { "RoleName": "AWSServiceRoleForX", "Tags": [{ "Key": "team", "Value": "ops" }] },
          "expect": "allow" },
        { "actor": "admin", "call": "iam:UpdateRole", "params": { "RoleName": "AWSServiceRoleForX", "Description": "X's role" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:UpdateRole", "params": { "RoleName": "AWSServiceRoleForX", "MaxSessionDuration": 7200 },
          "expect": { "error": "UnmodifiableEntity" } },
        { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "Ops",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole", "Resource": "*" }] } },
          "expect": { "error": "MalformedPolicyDocument" } })");
    const RunResult r = run_text(text);
    require_all_pass(r, 9);
    // A service-linked role's tags and description are its account's ("The role can be a regular role or a
    // service-linked role", API_TagRole; "You can edit the description of any role", id_roles_update-service-linked-role).
    CHECK(r.world.accounts.at("111111111111").roles.at("AWSServiceRoleForX").tags.count("team") == 1);
    // IAM answers the fault alone, as users have recorded it: "MalformedPolicyDocument ... Has prohibited field Resource".
    CHECK(r.cloudtrail.back()["errorMessage"] == "Has prohibited field Resource");
}

// A token that was never saved is refused naming the call that was to save it and why it did not: an EC2 call that
// succeeded saves no encoded message, only a refusal carries one.
TEST_CASE("an EncodedMessage whose EC2 call succeeded is MissingToken naming that call") {
    const auto r = run_steps(R"x(
        { "id": "stop", "actor": "admin", "call": "ec2:StopInstances", "save": "none",
          "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a", "expect": "allow" },
        { "actor": "admin", "call": "sts:DecodeAuthorizationMessage", "params": { "EncodedMessage": "@none" },
          "expect": { "error": "MissingToken", "message_contains":
            "no assertion or token was saved as 'none' (the call that should have saved them, stop, succeeded: only a refusal has an encoded message to save)" } })x");
    require_all_pass(r, 2);
}

TEST_CASE("sts:DecodeAuthorizationMessage turns EC2's encoded message back into the decision, for a caller allowed to (API_DecodeAuthorizationMessage)") {
    const auto r = run_steps(R"(
        { "actor": "reader", "call": "sts:AssumeRole", "save": "ops", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "no-prod",
            "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Sid": "NoProd", "Effect": "Deny", "Action": "ec2:StopInstances",
              "Resource": "*", "Condition": { "StringEquals": { "ec2:ResourceTag/env": "prod" } } }] } }, "expect": "allow" },
        { "actor": "reader", "call": "ec2:StopInstances", "using": "ops", "save": "why",
          "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000b", "expect": { "error": "UnauthorizedOperation" } },
        { "actor": "reader", "call": "ec2:StopInstances", "save": "why-not",
          "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a", "expect": { "error": "UnauthorizedOperation" } },
        { "actor": "reader", "call": "sts:DecodeAuthorizationMessage", "params": { "EncodedMessage": "@why" },
          "expect": { "error": "AccessDenied", "message_contains": "sts:DecodeAuthorizationMessage" } },
        { "actor": "admin", "call": "sts:DecodeAuthorizationMessage", "params": { "EncodedMessage": "@why" }, "expect": "allow" },
        { "actor": "admin", "call": "sts:DecodeAuthorizationMessage", "params": { "EncodedMessage": "@why-not" }, "expect": "allow" },
        { "actor": "admin", "call": "sts:DecodeAuthorizationMessage", "params": { "EncodedMessage": "not-a-message" },
          "expect": { "error": "InvalidAuthorizationMessageException" } },
        { "actor": "admin", "call": "sts:DecodeAuthorizationMessage", "params": { "EncodedMessage": "" }, "expect": { "error": "ValidationError" } },
        { "actor": "reader", "call": "sts:GetSessionToken", "save": "gst", "expect": "allow" },
        { "actor": "reader", "call": "sts:DecodeAuthorizationMessage", "using": "gst", "params": { "EncodedMessage": "@why" }, "expect": "deny" })");
    require_all_pass(r, 11);
    // The decoded messages, from the answers' trace events.
    std::vector<nlohmann::json> decoded;
    for (std::size_t i = 0; i < r.trace->size(); ++i) {
        const nlohmann::json e = to_json(*r.trace, i);
        if (e["kind"] == "sent" && e["data"].contains("response") && e["data"]["response"].contains("DecodedMessage"))
            decoded.push_back(nlohmann::json::parse(e["data"]["response"]["DecodedMessage"].get<std::string>()));
    }
    REQUIRE(decoded.size() == 2);
    const nlohmann::json& deny = decoded[0];
    CHECK(deny["allowed"] == false);
    CHECK(deny["explicitDeny"] == true);
    REQUIRE(deny["matchedStatements"]["items"].size() == 1);
    const nlohmann::json& statement = deny["matchedStatements"]["items"][0];
    CHECK(statement["statementId"] == "NoProd");
    CHECK(statement["effect"] == "DENY");
    CHECK(statement["actions"]["items"] == nlohmann::json::parse(R"([{"value": "ec2:StopInstances"}])"));
    CHECK(statement["conditions"]["items"] == nlohmann::json::parse(R"([{"key": "ec2:ResourceTag/env", "values": {"items": [{"value": "prod"}]}}])"));
    CHECK(statement["principals"]["items"][0]["value"].get<std::string>().rfind("AROA", 0) == 0);  // the role, not the session
    CHECK(deny["context"]["principal"]["arn"] == "arn:aws:sts::111111111111:assumed-role/Ops/rr");
    CHECK(deny["context"]["action"] == "ec2:StopInstances");
    CHECK(deny["context"]["resource"] == "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000b");
    bool tag_in_context = false;
    for (const auto& c : deny["context"]["conditions"]["items"])
        tag_in_context |= c["key"] == "ec2:ResourceTag/env" && c["values"]["items"][0]["value"] == "prod";
    CHECK(tag_in_context);
    // The reader's own refusal: no Allow, so no statement matched, and the user's name is given.
    CHECK(decoded[1]["explicitDeny"] == false);
    CHECK(decoded[1]["matchedStatements"]["items"].empty());
    CHECK(decoded[1]["context"]["principal"]["name"] == "reader");
    // CloudTrail has the call, read-only, and not the privileged decision it answered with.
    bool logged = false;
    for (const auto& record : r.cloudtrail)
        if (record["eventName"] == "DecodeAuthorizationMessage" && !record.contains("errorCode")) {
            logged = true;
            CHECK(record["readOnly"] == true);
            CHECK(record["responseElements"].is_null());
        }
    CHECK(logged);
}

TEST_CASE("CloudTrail records as AWS writes them: documents as text, no object body, no unknown parameter, ListObjects, EC2's shapes, STS expirations") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "p",
          "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*" }] } },
          "expect": "allow" },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/k", "params": { "Body": "password=hunter2" }, "expect": "allow" },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "reader", "call": "sts:AssumeRole", "save": "ops", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr",
          "Color": "blue" }, "expect": "allow" },
        { "actor": "reader", "call": "ec2:StopInstances", "using": "ops", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a", "expect": "allow" },
        { "actor": "reader", "call": "ec2:DescribeInstances", "expect": { "error": "UnauthorizedOperation", "message_contains": "because no identity-based policy allows the ec2:DescribeInstances action" } })");
    require_all_pass(r, 6);
    REQUIRE(r.cloudtrail.size() == 6);
    CHECK(r.cloudtrail[0]["requestParameters"]["policyDocument"] ==
          R"({"Statement":[{"Action":"s3:ListBucket","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"})");
    CHECK_FALSE(r.cloudtrail[1]["requestParameters"].contains("body"));
    // A parameter that is not AssumeRole's own is ignored by STS, and not logged.
    CHECK(r.cloudtrail[3]["requestParameters"] == nlohmann::json::parse(R"({"roleArn": "arn:aws:iam::111111111111:role/Ops", "roleSessionName": "rr"})"));
    CHECK(r.cloudtrail[2]["eventName"] == "ListObjects");
    CHECK(r.cloudtrail[2]["eventCategory"] == "Data");
    // A data event names its object and bucket, the bucket with its owner (cloudtrail-logging-understanding-s3-entries).
    CHECK(r.cloudtrail[1]["resources"] == nlohmann::json::parse(R"([{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::b1/k"},
        {"accountId": "111111111111", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::b1"}])"));
    // A listing names the objects it covers by their prefix, as S3's ListObjects events do.
    CHECK(r.cloudtrail[2]["resources"] ==
          nlohmann::json::parse(R"([{"type": "AWS::S3::Object", "ARNPrefix": "arn:aws:s3:::b1/"},
                                    {"accountId": "111111111111", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::b1"}])"));
    // The bytes of the object written: "password=hunter2" (16), logged as a number, the body itself never.
    CHECK(r.cloudtrail[1]["additionalEventData"]["bytesTransferredIn"] == 16);
    CHECK(r.cloudtrail[3]["readOnly"] == true);
    // The answer's Expiration (2026-01-01T01:00:04Z, the default hour) in the form CloudTrail writes.
    CHECK(r.cloudtrail[3]["responseElements"]["credentials"]["expiration"] == "Jan 1, 2026, 1:00:04 AM");
    // EC2's answer carries its request's id, the record's requestID (cloudtrail-log-file-examples, StopInstances).
    nlohmann::json stopped = nlohmann::json::parse(R"({"instancesSet": {"items": [{"instanceId": "i-0000000000000000a",
            "currentState": {"code": 64, "name": "stopping"}, "previousState": {"code": 16, "name": "running"}}]}})");
    stopped["requestId"] = r.cloudtrail[4]["requestID"];
    CHECK(r.cloudtrail[4]["responseElements"] == stopped);
    CHECK(r.cloudtrail[4]["requestID"].get<std::string>().size() == 36);
    CHECK(r.cloudtrail[5]["errorCode"] == "Client.UnauthorizedOperation");
    // "Only certain AWS operations return an encoded authorization message" (API_DecodeAuthorizationMessage): a
    // Describe call's refusal ends with its reason, as users have recorded EC2's.
    CHECK(r.cloudtrail[5]["errorMessage"] ==
          "You are not authorized to perform this operation. User: arn:aws:iam::111111111111:user/reader is not "
          "authorized to perform: ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action");
    // Each record says how its request came (cloudtrail-supported-tls-details), naming the host the client called.
    for (const auto& rec : r.cloudtrail) {
        CHECK(rec["tlsDetails"]["tlsVersion"] == "TLSv1.3");
        CHECK(rec["tlsDetails"]["cipherSuite"] == "TLS_AES_128_GCM_SHA256");
    }
    CHECK(r.cloudtrail[1]["tlsDetails"]["clientProvidedHostHeader"] == r.cloudtrail[1]["requestParameters"]["Host"]);
    CHECK(r.cloudtrail[3]["tlsDetails"]["clientProvidedHostHeader"] == "sts.amazonaws.com");
    CHECK(r.cloudtrail[4]["tlsDetails"]["clientProvidedHostHeader"] == "ec2.eu-west-1.amazonaws.com");
    CHECK(r.cloudtrail[4]["awsRegion"] == "eu-west-1");  // the instance's region
    CHECK(r.cloudtrail[5]["awsRegion"] == "us-east-1");
}

// API_TerminateInstances: "If you specify multiple instances and the request fails (for example, because of a single
// incorrect instance ID), none of the instances are terminated." Each instance is authorized as a resource of its
// own; CloudTrail logs EC2's request shape (cloudtrail-log-file-examples, StopInstances).
// API_DescribeInstances: "If you specify one or more instance IDs, Amazon EC2 returns information for those
// instances. ... If you specify an instance ID that is not valid, an error is returned." A reservation is a launch
// request (API_Reservation), so none is empty; an id not in EC2's form is InvalidInstanceID.Malformed, `Invalid id:
// "ma1"` (as AWS answers it).
TEST_CASE("EC2 DescribeInstances lists the instances named, filtered or all (resource \"*\" as IAM writes it), a reservation each, and refuses ids it cannot know") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000b"] },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000b", "Reservations.0.OwnerId": "111111111111" } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1",
          "Filters": [{ "Name": "tag:env", "Values": ["prod"] }, { "Name": "instance-state-name", "Values": ["running"] }] },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000b" } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-00000000000000001"] },
          "expect": { "error": "InvalidInstanceID.NotFound", "message_contains": "The instance ID 'i-00000000000000001' does not exist" } },
        { "actor": "admin", "call": "ec2:StopInstances", "params": { "InstanceIds": ["ma1"] },
          "expect": { "error": "InvalidInstanceID.Malformed", "message_contains": "Invalid id: \"ma1\"" } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "Filters": [{ "Name": "colour", "Values": ["red"] }] },
          "expect": { "error": "InvalidParameterValue", "message_contains": "The filter 'colour' is invalid" } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "ap-south-1" },
          "expect": { "fields": { "Reservations": [] } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "ap-south-1", "Filters": [{ "Name": "colour", "Values": ["red"] }] },
          "expect": { "error": "InvalidParameterValue" } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "resource": "*", "params": { "Region": "eu-west-1" },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000a" } } },
        { "actor": "admin", "call": "ec2:StopInstances", "params": { "InstanceIds": [] },
          "expect": { "error": "MissingParameter", "message_contains": "The request must contain the parameter InstanceId" } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1",
          "Filters": [{ "Name": "tag:env", "Values": ["prod"] }, { "Name": "instance-state-code", "Values": ["16"] }] },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000b" } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1",
          "Filters": [{ "Name": "instance-state-code", "Values": ["80"] }, { "Name": "vpc-id", "Values": ["vpc-*"] }] },
          "expect": { "fields": { "Reservations": [] } } })");
    require_all_pass(r, 11);
}

TEST_CASE("EC2 with several instances acts on all of them or on none, and CloudTrail lists them in EC2's shape") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "ec2:StopInstances",
          "params": { "InstanceIds": ["i-0000000000000000a", "i-00000000000000001", "i-00000000000000002"] },
          "expect": { "error": "InvalidInstanceID.NotFound",
                      "message_contains": "The instance IDs 'i-00000000000000001, i-00000000000000002' do not exist" } },
        { "actor": "admin", "call": "iam:PutUserPolicy", "expect": "allow",
          "params": { "UserName": "reader", "PolicyName": "dev-only", "PolicyDocument": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "*",
                            "Condition": { "StringEquals": { "ec2:ResourceTag/env": "dev" } } }] } } },
        { "actor": "reader", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000a", "i-0000000000000000b"] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "instance/i-0000000000000000b" } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1",
                                                                        "Filters": [{ "Name": "instance-state-name", "Values": ["running", "stopped"] }] },
          "expect": { "fields": { "Reservations.0.Instances.0.State.Name": "running", "Reservations.0.Instances.0.State.Code": 16,
                                  "Reservations.1.Instances.0.State.Name": "running" } } },
        { "actor": "reader", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000a"] }, "expect": "allow" },
        { "actor": "admin", "call": "ec2:TerminateInstances", "params": { "InstanceIds": ["i-0000000000000000a", "i-0000000000000000b"] },
          "expect": { "fields": { "TerminatingInstances.0.PreviousState.Name": "stopped",
                                  "TerminatingInstances.1.InstanceId": "i-0000000000000000b",
                                  "TerminatingInstances.1.PreviousState.Name": "running",
                                  "TerminatingInstances.1.CurrentState.Name": "shutting-down" } } })");
    require_all_pass(r, 6);
    CHECK(r.world.instances.at("i-0000000000000000b").state == "terminated");
    REQUIRE(r.cloudtrail.size() == 6);
    CHECK(r.cloudtrail[2]["requestParameters"] == nlohmann::json::parse(R"({"instancesSet": {"items": [
        {"instanceId": "i-0000000000000000a"}, {"instanceId": "i-0000000000000000b"}]}, "force": false})"));
    CHECK(r.cloudtrail[3]["requestParameters"] == nlohmann::json::parse(R"({"instancesSet": {}, "filterSet": {"items": [
        {"name": "instance-state-name", "valueSet": {"items": [{"value": "running"}, {"value": "stopped"}]}}]}})"));
    CHECK(r.cloudtrail[5]["requestParameters"]["instancesSet"]["items"].size() == 2);
    CHECK(r.cloudtrail[5]["responseElements"]["instancesSet"]["items"].size() == 2);
}

TEST_CASE("EC2 is regional: DescribeInstances lists the instances of the region it is sent to") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "ec2:DescribeInstances", "expect": { "fields": { "Reservations.0.Instances.0": null } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1" },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000a" } } })");
    require_all_pass(r, 2);
}

TEST_CASE("EC2 DryRun checks permission and does nothing: DryRunOperation when allowed, UnauthorizedOperation when not (API_StopInstances)") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000a"], "DryRun": true },
          "expect": { "error": "DryRunOperation", "message_contains": "Request would have succeeded, but DryRun flag is set." } },
        { "actor": "reader", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000a"], "DryRun": true },
          "expect": { "error": "UnauthorizedOperation" } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "DryRun": true }, "expect": { "error": "DryRunOperation" } },
        { "actor": "admin", "call": "ec2:RebootInstances", "params": { "InstanceIds": ["i-0000000000000000a"], "DryRun": true }, "expect": { "error": "DryRunOperation" } },
        { "actor": "admin", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000a"], "DryRun": 1 }, "expect": { "error": "InvalidParameterValue" } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Filters": [{ "Name": 5, "Values": ["x"] }] }, "expect": { "error": "InvalidParameterValue" } })");
    require_all_pass(r, 6);
    CHECK(r.world.instances.at("i-0000000000000000a").state == "running");
}

TEST_CASE("EC2 calls carry ec2:Region, so the IAM User Guide's region example works as written (reference_policies_examples_ec2_region)") {
    const std::string world = R"({
      "stslab": 1,
      "accounts": { "111111111111": {
        "users": { "ops": { "policies": { "region": { "Version": "2012-10-17", "Statement": [
          { "Action": "ec2:*", "Resource": "*", "Effect": "Allow", "Condition": { "StringEquals": { "ec2:Region": "us-east-2" } } } ] } } } },
        "instances": { "i-0000000000000000c": { "region": "us-east-2" }, "i-0000000000000000d": { "region": "eu-west-1" } } } },
      "actors": { "ops": { "principal": "arn:aws:iam::111111111111:user/ops" } },
      "steps": [ STEPS ] })";
    const auto r = run_with_steps(world, R"(
        { "actor": "ops", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000c"] }, "expect": "allow" },
        { "actor": "ops", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-0000000000000000d"] }, "expect": "deny" },
        { "actor": "ops", "call": "ec2:DescribeInstances", "params": { "Region": "us-east-2" }, "expect": "allow" },
        { "actor": "ops", "call": "ec2:StopInstances", "resource": "arn:aws:ec2:us-east-2:111111111111:instance/i-0000000000000000d",
          "expect": { "error": "InvalidInstanceID.NotFound" } },
        { "actor": "ops", "call": "ec2:DescribeInstances", "params": { "Region": "us-east-2", "Filters": [{ "Name": "instance-id", "Values": ["i-*c"] }] },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000c" } } },
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "Region": "us-east-2" }, "expect": "allow" },
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "Region": "eu-west-1" }, "expect": "deny" },
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "Region": "eu-west-1" }, "context": { "ec2:Region": "us-east-2" }, "expect": "allow" })");
    // The fourth: a call to us-east-2's endpoint does not see an instance of eu-west-1. The fifth: filter values take
    // * and ? (API_Filter). Then an authorized-only call's region is its Region's, unless the step's context says.
    require_all_pass(r, 8);
}

TEST_CASE("an S3 call goes to its bucket's region: a region-restricting SCP lets in a bucket of an allowed region (aws:RequestedRegion)") {
    const std::string world = R"({
      "stslab": 1,
      "accounts": {
        "111111111111": {},
        "222222222222": {
          "users": { "dev": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } },
          "buckets": { "eu-data": { "region": "eu-west-1", "objects": { "k": "v" } }, "us-data": { "objects": { "k": "v" } } } } },
      "organization": { "management": "111111111111", "accounts": ["222222222222"],
        "scps": [{ "name": "EuOnly", "targets": ["222222222222"], "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny",
          "Action": "*", "Resource": "*", "Condition": { "StringNotEquals": { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } } }] } }] },
      "actors": { "dev": { "principal": "arn:aws:iam::222222222222:user/dev" } },
      "steps": [ STEPS ] })";
    const auto r = run_with_steps(world, R"(
        { "actor": "dev", "call": "s3:GetObject", "resource": "arn:aws:s3:::eu-data/k", "expect": "allow" },
        { "actor": "dev", "call": "s3:GetObject", "resource": "arn:aws:s3:::us-data/k", "expect": "deny" })");
    require_all_pass(r, 2);
    REQUIRE(r.cloudtrail.size() == 2);
    CHECK(r.cloudtrail[0]["awsRegion"] == "eu-west-1");
}

// S3 checks a bucket policy's actions against its resources as it takes it, in words users have recorded
// (MalformedPolicy "Policy has invalid action" for s3:ListObjects, minio/minio#5875 against AWS; "Action does not
// apply to any resource(s) in statement" for s3:ListBucket on arn:aws:s3:::bucket/*, spack-infrastructure#978): a
// policy that names the API call or the wrong kind of resource would otherwise grant nothing, silently.
TEST_CASE("S3: a bucket policy naming an API call for an action, an action a letter away from one, or an action on resources it cannot act on, is MalformedPolicy, in a file too") {
    const auto put = [](const std::string& statement, const std::string& expect) {
        return R"({ "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1", "params": { "Policy": {
            "Version": "2012-10-17", "Statement": [)" + statement + R"(] } }, "expect": )" + expect + " }";
    };
    const std::string reader = R"("Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:user/carol" }, )";
    const auto r = run_steps(
        put("{" + reader + R"("Action": "s3:ListObjects", "Resource": "arn:aws:s3:::b1" })",
            R"({ "error": "MalformedPolicy", "message_contains": "Policy has invalid action" })") + "," +
        put("{" + reader + R"("Action": "s3:headobject", "Resource": "arn:aws:s3:::b1/*" })",
            R"({ "error": "MalformedPolicy", "message_contains": "Policy has invalid action" })") + "," +
        // A letter's slip from an action names none (users have recorded S3 refusing an unknown action in these words).
        put("{" + reader + R"("Action": "s3:GetObjects", "Resource": "arn:aws:s3:::b1/*" })",
            R"({ "error": "MalformedPolicy", "message_contains": "Policy has invalid action" })") + "," +
        put("{" + reader + R"("Action": "s3:GetObjectAcl", "Resource": "arn:aws:s3:::b1/*" })", "\"allow\"") + "," +
        put("{" + reader + R"("Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b1/*" })",
            R"({ "error": "MalformedPolicy", "message_contains": "Action does not apply to any resource(s) in statement" })") + "," +
        put("{" + reader + R"("Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::b1" })",
            R"({ "error": "MalformedPolicy", "message_contains": "Action does not apply to any resource(s) in statement" })") + "," +
        // Each action reaching a resource of its kind; wildcards are left to match what they match.
        put("{" + reader + R"("Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"] })", "\"allow\"") + "," +
        put("{" + reader + R"("Action": "s3:Get*", "Resource": "arn:aws:s3:::b1" })", "\"allow\""));
    require_all_pass(r, 8);
    std::string file = kWorld;
    const std::string get = R"("Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*")";
    file.replace(file.find(get), get.size(), R"("Action": "s3:ListBucket", "Resource": "arn:aws:s3:::shared/*")");
    file.replace(file.find("STEPS"), 5, "");
    CHECK_THROWS_WITH_AS(load_scenario_text(file, "f.json"),
                         doctest::Contains("at accounts/222222222222/buckets/shared/policy: MalformedPolicy: Action does not apply to any resource(s) in statement"),
                         ScenarioError);
}

// S3's words for a policy that is not JSON, as users have recorded them (aws/aws-cli#2779: a file name passed where
// the text belongs, "Policies must be valid JSON and the first byte must be '{'"; an object that does not parse,
// "This policy contains invalid Json"); IAM's words ("Syntax errors in policy.") are not S3's.
TEST_CASE("S3: a bucket policy that is not JSON is MalformedPolicy in S3's words, not IAM's") {
    const auto put = [](const std::string& text, const std::string& message) {
        return R"({ "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1", "params": { "Policy": )" +
               nlohmann::json(text).dump() + R"( }, "expect": { "error": "MalformedPolicy", "message_contains": ")" + message + "\" } }";
    };
    const auto r = run_steps(put("student-1-bucket.manual.json", "Policies must be valid JSON and the first byte must be '{'") + "," +
                             put("", "Policies must be valid JSON and the first byte must be '{'") + "," +
                             put(R"({"Version": "2012-10-17", "Statement": [],})", "This policy contains invalid Json"));
    require_all_pass(r, 3);
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Sent) CHECK(r.trace->data(i).dump().find("Syntax errors") == std::string::npos);
}

// reference_iam-quotas: "IAM does not count white space when calculating the size of a policy"; API_GetAccountSummary
// gives the quotas "in non-whitespace characters", and counts characters (a Latin-1 letter, which a policy may hold,
// is one). A trust policy whose condition value holds 1,000 spaces is 1,174 characters so counted, 2,174 with them.
TEST_CASE("IAM counts a policy's size without white space, in its strings too, and in characters (reference_iam-quotas)") {
    std::string spaced, accented;
    for (int i = 0; i < 1000; ++i) spaced += "a ";
    for (int i = 0; i < 1700; ++i) accented += "\xc3\xa9";  // é: two bytes, one character
    const auto trust = [](const std::string& value) {
        return R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole",
                    "Condition": { "StringLike": { "aws:PrincipalTag/note": )" + nlohmann::json(value).dump() + " } } }] }";
    };
    const auto r = run_steps(
        R"({ "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "Ops", "PolicyDocument": )" + trust(spaced) +
        R"( }, "expect": "allow" },
           { "actor": "admin", "call": "iam:PutUserPolicy", "params": { "UserName": "reader", "PolicyName": "accents", "PolicyDocument":
             { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
               "Condition": { "StringEquals": { "aws:PrincipalTag/name": )" + nlohmann::json(accented).dump() + R"( } } }] } }, "expect": "allow" },
           { "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "params": { "RoleName": "Ops", "PolicyDocument": )" + trust(spaced + spaced) +
        R"( }, "expect": { "error": "LimitExceeded", "message_contains": "Cannot exceed quota for ACLSizePerRole: 2048" } })");
    require_all_pass(r, 3);
}

// API_CopyObject: "you must have s3:GetObject permission to read the source object that is being copied ... and
// s3:PutObject permission to write the object copy to the destination bucket"; amazon-s3-policy-keys, example 3:
// a bucket policy restricts the copy source with s3:x-amz-copy-source. IAM has no s3:CopyObject action.
TEST_CASE("S3: CopyObject reads the source with s3:GetObject and writes the copy with s3:PutObject, whose request names the source") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": { "111111111111": {
        "users": { "u": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::src-b/*", "arn:aws:s3:::dst-b/*"] },
            { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::dst-b/*" } ] } } },
          "star": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:CopyObject", "Resource": "*" }] } } } },
        "buckets": { "src-b": { "objects": { "a.txt": "hello", "private/b.txt": "secret" } },
          "dst-b": { "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::dst-b/*", "Condition": { "StringLike": { "s3:x-amz-copy-source": "src-b/private/*" } } }] } } } } },
      "actors": { "u": { "principal": "arn:aws:iam::111111111111:user/u" }, "star": { "principal": "arn:aws:iam::111111111111:user/star" } },
      "steps": [
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/a.txt", "params": { "CopySource": "src-b/a.txt" }, "expect": "allow" },
        { "actor": "u", "call": "s3:GetObject", "resource": "arn:aws:s3:::dst-b/a.txt", "expect": { "fields": { "Body": "hello" } } },
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/b.txt", "params": { "CopySource": "/src-b/private%2Fb.txt" },
          "expect": { "error": "AccessDenied", "message_contains": "on resource: arn:aws:s3:::dst-b/b.txt with an explicit deny in a resource-based policy" } },
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::src-b/c.txt", "params": { "CopySource": "dst-b/a.txt" },
          "expect": { "error": "AccessDenied", "message_contains": "s3:PutObject on resource: arn:aws:s3:::src-b/c.txt" } },
        { "actor": "star", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/x", "params": { "CopySource": "src-b/a.txt" },
          "expect": { "error": "AccessDenied", "message_contains": "s3:GetObject on resource: arn:aws:s3:::src-b/a.txt because no identity-based policy allows" } },
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/x", "params": { "CopySource": "src-b/nope" }, "expect": { "error": "AccessDenied" } },
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/x", "params": { "CopySource": "src-b" },
          "expect": { "error": "InvalidArgument", "message_contains": "Copy Source must mention the source bucket and key: sourcebucket/sourcekey" } },
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/a.txt", "params": { "CopySource": "dst-b/a.txt" },
          "expect": { "error": "InvalidRequest", "message_contains": "This copy request is illegal because it is trying to copy an object to itself" } },
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/a.txt", "params": { "CopySource": "dst-b/a.txt", "StorageClass": "STANDARD_IA" },
          "expect": "allow" },
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/v.txt", "params": { "CopySource": "src-b/a.txt?versionId=null" },
          "expect": { "error": "AccessDenied", "message_contains": "s3:GetObjectVersion on resource: arn:aws:s3:::src-b/a.txt" } },
        { "actor": "u", "call": "s3:CopyObject", "resource": "arn:aws:s3:::dst-b/w.txt", "params": { "CopySource": "src-b/%FF" },
          "expect": { "error": "InvalidArgument", "message_contains": "Invalid copy source encoding" } }
      ] })");
    require_all_pass(r, 11);
    // Nothing that is not text reached the trace: every event can be written as JSON.
    for (std::size_t i = 0; i < r.trace->size(); ++i) CHECK_NOTHROW((void)r.trace->data(i).dump());
    REQUIRE(!r.cloudtrail.empty());
    CHECK(r.cloudtrail[0]["eventName"] == "CopyObject");
    CHECK(r.cloudtrail[0]["requestParameters"]["x-amz-copy-source"] == "src-b/a.txt");
    CHECK_FALSE(r.cloudtrail[0]["requestParameters"].contains("copySource"));
}

// amazon-s3-policy-keys, example 5: "restrict Dave ... to only upload objects ... stored with the STANDARD_IA storage
// class ... by using the s3:x-amz-storage-class condition key"; tagging-and-policies: s3:RequestObjectTag/K is
// "useful when adding tags to objects using the PutObjectTagging and PutObject", with s3:RequestObjectTagKeys;
// API_PutObject: setting tags needs s3:PutObjectTagging too; object-tagging: "up to 10 tags"; InvalidStorageClass.
// Object tags: "unique tag keys. A tag key can be up to 128 Unicode characters in length, and tag values can be up to
// 256" (tagging-managing); a key at most 1,024 bytes (object-keys), S3 answering KeyTooLongError beyond.
TEST_CASE("S3: PutObject's storage class and tags are the condition keys s3:x-amz-storage-class and s3:RequestObjectTag/K") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": { "111111111111": {
        "users": { "dave": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b1/*",
              "Condition": { "StringEquals": { "s3:x-amz-storage-class": "STANDARD_IA", "s3:RequestObjectTag/team": "web" },
                             "ForAllValues:StringEquals": { "s3:RequestObjectTagKeys": ["team", "cost center"] } } },
            { "Effect": "Allow", "Action": "s3:PutObjectTagging", "Resource": "arn:aws:s3:::b1/*" } ] } } },
          "notag": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*" }] } } },
          "tagger": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "kms:GenerateDataKey"], "Resource": "*" }] } } } },
        "buckets": { "b1": {} } } },
      "actors": { "dave": { "principal": "arn:aws:iam::111111111111:user/dave" }, "notag": { "principal": "arn:aws:iam::111111111111:user/notag" },
                  "tagger": { "principal": "arn:aws:iam::111111111111:user/tagger" } },
      "steps": [
        { "actor": "dave", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/a", "expect": "allow",
          "params": { "Body": "x", "StorageClass": "STANDARD_IA", "Tagging": "team=web&cost%20center=42" } },
        { "actor": "notag", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/t", "params": { "Body": "x", "Tagging": "team=web" },
          "expect": { "error": "AccessDenied", "message_contains": "not authorized to perform: s3:PutObjectTagging on resource: arn:aws:s3:::b1/t" } },
        { "actor": "notag", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/u", "params": { "Body": "x", "StorageClass": "FOO" },
          "expect": { "error": "InvalidStorageClass", "message_contains": "The storage class you specified is not valid" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/v", "params": { "Body": "x", "Tagging": "a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11" },
          "expect": { "error": "InvalidTag", "message_contains": "Object tags cannot be greater than 10" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/w", "params": { "Body": "x", "Tagging": "a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10" },
          "expect": "allow" },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/x", "params": { "Body": "x", "Tagging": "k=%FF" },
          "expect": { "error": "InvalidTag", "message_contains": "The TagValue you have provided is invalid" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/x", "params": { "Body": "x", "Tagging": "a=1&a=2" },
          "expect": { "error": "InvalidTag", "message_contains": "Cannot provide multiple Tags with the same key" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/x", "params": { "Body": "x", "Tagging": ")" + std::string(129, 'k') + R"(=v" },
          "expect": { "error": "InvalidTag", "message_contains": "The TagKey you have provided is too long, max 128" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/x", "params": { "Body": "x", "Tagging": "k=)" + std::string(257, 'v') + R"(" },
          "expect": { "error": "InvalidTag", "message_contains": "The TagValue you have provided is too long, max 256" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/)" + std::string(1025, 'k') + R"(", "params": { "Body": "x" },
          "expect": { "error": "KeyTooLongError", "message_contains": "Your key is too long" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/)" + std::string(1024, 'k') + R"(", "params": { "Body": "x" },
          "expect": "allow" },
        { "actor": "dave", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/b", "expect": "deny",
          "params": { "Body": "x", "Tagging": "team=web" } },
        { "actor": "dave", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/c", "expect": "deny",
          "params": { "Body": "x", "StorageClass": "STANDARD_IA", "Tagging": "team=web&owner=dave" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/k", "expect": { "fields": { "ServerSideEncryption": "aws:kms",
          "SSEKMSKeyId": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" } },
          "params": { "Body": "x", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" } },
        { "actor": "tagger", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/e", "params": { "Body": "x", "ServerSideEncryption": "AES-256" },
          "expect": { "error": "InvalidArgument", "message_contains": "The encryption method specified is not supported" } }
      ] })");
    require_all_pass(r, 15);
    REQUIRE(!r.cloudtrail.empty());
    CHECK(r.cloudtrail[0]["requestParameters"]["x-amz-storage-class"] == "STANDARD_IA");
    CHECK(r.cloudtrail[0]["requestParameters"]["x-amz-tagging"] == "team=web&cost%20center=42");
    // Every upload is encrypted: SSE-S3 unless the request asked for KMS, in the answer and in CloudTrail's record
    // (S3 default encryption since January 5, 2023; cloudtrail-logging-s3-info).
    CHECK(r.cloudtrail[0]["responseElements"] == nlohmann::json{{"x-amz-server-side-encryption", "AES256"}});
    const nlohmann::json& upload = r.cloudtrail[r.cloudtrail.size() - 3];
    CHECK(upload["requestParameters"]["key"] == "k");
    CHECK(upload["responseElements"] == nlohmann::json{{"x-amz-server-side-encryption", "aws:kms"},
                                                      {"x-amz-server-side-encryption-aws-kms-key-id",
                                                       "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"}});
    // S3 asked KMS for the data key as the uploader: KMS logs the call as hers, invoked by S3 (understanding-kms-entries;
    // ct-generatedatakey; a service's call on a caller's behalf as Lambda's example of its Decrypt shows it).
    const nlohmann::json& data_key = r.cloudtrail[r.cloudtrail.size() - 2];
    CHECK(data_key["eventSource"] == "kms.amazonaws.com");
    CHECK(data_key["eventName"] == "GenerateDataKey");
    CHECK(data_key["requestParameters"] ==
          nlohmann::json{{"encryptionContext", {{"aws:s3:arn", "arn:aws:s3:::b1/k"}}},
                         {"keyId", "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
                         {"keySpec", "AES_256"}});
    CHECK(data_key["userIdentity"]["arn"] == upload["userIdentity"]["arn"]);
    CHECK(data_key["userIdentity"]["invokedBy"] == "s3.amazonaws.com");
    CHECK(data_key["sourceIPAddress"] == "s3.amazonaws.com");
    CHECK(data_key["userAgent"] == "s3.amazonaws.com");
    CHECK(data_key["readOnly"] == true);
    CHECK(data_key["responseElements"].is_null());
    CHECK(data_key["recipientAccountId"] == "111111111111");
    CHECK(data_key["resources"] == nlohmann::json::array({{{"ARN", "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
                                                          {"accountId", "111111111111"}, {"type", "AWS::KMS::Key"}}}));
    CHECK(r.cloudtrail.back()["responseElements"].is_null());  // a failed call's
}

// UsingKMSEncryption: "To upload or download an object encrypted with an AWS KMS key to or from Amazon S3, you need
// kms:GenerateDataKey and kms:Decrypt permissions on the key"; "Use a customer managed key if you want to grant
// cross-account access to your S3 objects" (the AWS managed key aws/s3 serves its own account's principals through S3
// alone); a key of another account is refused unless its key policy allows it (kms key-policy-modifying-external-
// accounts: "Neither the key policy nor the IAM policy alone is sufficient"), and the default key policy allows only
// its own account. HeadObject reads no content, so it needs no kms:Decrypt.
TEST_CASE("S3: an SSE-KMS object needs kms:GenerateDataKey to write and kms:Decrypt to read, and aws/s3 serves no other account") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": {
        "111111111111": {
          "users": {
            "writer": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::b1/*" },
              { "Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": "arn:aws:kms:us-east-1:111111111111:key/k1" } ] } } },
            "plain": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } },
          "buckets": { "b1": { "objects": { "plain.txt": "P" }, "policy": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*" } ] } } } },
        "222222222222": {
          "users": { "outsider": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "*" } ] } } } } } },
      "actors": { "writer": { "principal": "arn:aws:iam::111111111111:user/writer" }, "plain": { "principal": "arn:aws:iam::111111111111:user/plain" },
                  "outsider": { "principal": "arn:aws:iam::222222222222:user/outsider" } },
      "steps": [
        { "actor": "writer", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/cmk.txt",
          "params": { "Body": "C", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "arn:aws:kms:us-east-1:111111111111:key/k1" },
          "expect": { "fields": { "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "arn:aws:kms:us-east-1:111111111111:key/k1" } } },
        { "actor": "plain", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/x.txt",
          "params": { "Body": "X", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "k1" },
          "expect": { "error": "AccessDenied", "message_contains": "kms:GenerateDataKey on resource: arn:aws:kms:us-east-1:111111111111:key/k1" } },
        { "actor": "plain", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/managed.txt", "params": { "Body": "M", "ServerSideEncryption": "aws:kms" },
          "expect": { "fields": { "ServerSideEncryption": "aws:kms" } } },
        { "actor": "plain", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/y.txt", "params": { "Body": "Y", "SSEKMSKeyId": "k1" },
          "expect": { "error": "InvalidArgument", "message_contains": "requires HTTP header x-amz-server-side-encryption : aws:kms" } },
        { "actor": "plain", "call": "s3:CreateMultipartUpload", "resource": "arn:aws:s3:::b1/big.bin",
          "params": { "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "arn:aws:kms:us-east-1:111111111111:key/k1" },
          "expect": { "error": "AccessDenied", "message_contains": "kms:GenerateDataKey" } },
        { "actor": "plain", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/cmk.txt",
          "expect": { "error": "AccessDenied", "message_contains": "kms:Decrypt on resource: arn:aws:kms:us-east-1:111111111111:key/k1" } },
        { "actor": "plain", "call": "s3:HeadObject", "resource": "arn:aws:s3:::b1/cmk.txt", "expect": { "fields": { "ServerSideEncryption": "aws:kms" } } },
        { "actor": "plain", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/managed.txt", "expect": { "fields": { "Body": "M" } } },
        { "actor": "plain", "call": "s3:CopyObject", "resource": "arn:aws:s3:::b1/copy.txt", "params": { "CopySource": "b1/cmk.txt" },
          "expect": { "error": "AccessDenied", "message_contains": "kms:Decrypt" } },
        { "actor": "writer", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/cmk.txt", "expect": { "fields": { "Body": "C" } } },
        { "actor": "outsider", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/plain.txt", "expect": { "fields": { "ServerSideEncryption": "AES256" } } },
        { "actor": "outsider", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/cmk.txt", "expect": { "error": "AccessDenied" } },
        { "actor": "outsider", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/managed.txt", "expect": { "error": "AccessDenied" } }
      ] })");
    require_all_pass(r, 13);
    // aws/s3 is a key like any other to IAM, named by its key ARN (never its alias): S3 answers that ARN.
    const std::string managed = r.world.buckets.at("b1").objects.at("managed.txt").kms_key;
    CHECK(managed.rfind("arn:aws:kms:us-east-1:111111111111:key/", 0) == 0);
    CHECK(managed.size() == std::string("arn:aws:kms:us-east-1:111111111111:key/").size() + 36);
    // The refusals are KMS's: the key's policy, seen in the decision's explanation, stops the other account.
    std::size_t kms_refusals = 0;
    for (std::size_t i = 0; i < r.trace->size(); ++i) {
        if ((*r.trace)[i].kind != stslab::TraceKind::Decision) continue;
        const nlohmann::json d = r.trace->data(i);
        if (d["action"] != "kms:Decrypt" || d["decision"] == "Allow") continue;
        ++kms_refusals;
        CHECK(d["label"].get<std::string>().find("(S3 decrypting s3://b1/") != std::string::npos);
        CHECK(d["context"]["kms:ViaService"] == "s3.us-east-1.amazonaws.com");
        CHECK(d["context"]["aws:ViaAWSService"] == "true");
    }
    CHECK(kms_refusals == 4);  // plain's read and copy of cmk.txt; the outsider's two reads
    // An object's encryption is the world's: the copy that was refused wrote nothing.
    CHECK(r.world.buckets.at("b1").objects.at("cmk.txt").kms_key == "arn:aws:kms:us-east-1:111111111111:key/k1");
    CHECK(r.world.buckets.at("b1").objects.count("copy.txt") == 0);
    // KMS logs every use S3 made of a key, allowed or refused, as the caller's call (understanding-kms-entries); "cross-
    // account AWS KMS requests that are rejected because access is denied are logged only in the caller's account"
    // (logging-using-cloudtrail).
    std::vector<nlohmann::json> kms;
    for (const auto& e : r.cloudtrail)
        if (e["eventSource"] == "kms.amazonaws.com") kms.push_back(e);
    REQUIRE(kms.size() == 10);  // the steps that reached KMS, each once: none of them is an allowed cross-account use
    const nlohmann::json& refused = kms[8];  // the outsider's read of cmk.txt
    CHECK(refused["eventName"] == "Decrypt");
    CHECK(refused["recipientAccountId"] == "222222222222");
    CHECK(refused["userIdentity"]["arn"] == "arn:aws:iam::222222222222:user/outsider");
    CHECK(refused["errorCode"] == "AccessDenied");
    CHECK(refused["errorMessage"] ==
          "User: arn:aws:iam::222222222222:user/outsider is not authorized to perform: kms:Decrypt on resource: "
          "arn:aws:kms:us-east-1:111111111111:key/k1 because no resource-based policy allows the kms:Decrypt action");
    CHECK(refused["requestParameters"]["encryptionAlgorithm"] == "SYMMETRIC_DEFAULT");
    CHECK(refused["requestParameters"]["encryptionContext"] == nlohmann::json{{"aws:s3:arn", "arn:aws:s3:::b1/cmk.txt"}});
    CHECK(kms[7]["eventName"] == "Decrypt");  // the writer's own read, allowed
    CHECK(!kms[7].contains("errorCode"));
}

// API_PutBucketEncryption, API_GetBucketEncryption, API_DeleteBucketEncryption: every bucket has a default encryption,
// SSE-S3 unless set ("By default, all buckets have a default encryption configuration that uses ... SSE-S3"); Put
// needs s3:PutEncryptionConfiguration and applies to later uploads only; Delete "resets the default encryption for
// the bucket" to SSE-S3; a KMSMasterKeyID is "allowed if and only if SSEAlgorithm is set to aws:kms or aws:kms:dsse"
// (API_ServerSideEncryptionByDefault); a rule may also block encryption types (API_BlockedEncryptionTypes, "NONE | SSE-C");
// CloudTrail logs the ?encryption subresource as management events.
TEST_CASE("S3: PutBucketEncryption sets the encryption later uploads get, GetBucketEncryption answers it, and Delete resets it to SSE-S3") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
  "accounts": {
    "111111111111": {
      "users": {
        "admin": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*" }] } } },
        "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:GetEncryptionConfiguration", "s3:PutObject", "s3:GetObject"], "Resource": "*" }] } } } },
      "kms_keys": { "k1": {} },
      "buckets": { "b": { "objects": { "old.txt": "O" } } } } },
  "actors": { "admin": { "principal": "arn:aws:iam::111111111111:user/admin" }, "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
  "steps": [
    { "actor": "dev", "call": "s3:GetBucketEncryption", "resource": "arn:aws:s3:::b", "expect": { "fields": { "ServerSideEncryptionConfiguration": { "Rules": [ { "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" }, "BucketKeyEnabled": false } ] } } } },
    { "actor": "dev", "call": "s3:PutBucketEncryption", "resource": "arn:aws:s3:::b", "params": { "ServerSideEncryptionConfiguration": { "Rules": [ { "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/k1" } } ] } }, "expect": { "error": "AccessDenied", "message_contains": "s3:PutEncryptionConfiguration" } },
    { "actor": "admin", "call": "s3:PutBucketEncryption", "resource": "arn:aws:s3:::b", "params": { "ServerSideEncryptionConfiguration": { "Rules": [ { "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/k1" }, "BucketKeyEnabled": true } ] } }, "expect": "allow" },
    { "actor": "admin", "call": "s3:PutBucketEncryption", "resource": "arn:aws:s3:::b", "params": { "ServerSideEncryptionConfiguration": { "Rules": [ { "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "SSE-KMS" } } ] } }, "expect": { "error": "MalformedXML" } },
    { "actor": "admin", "call": "s3:PutBucketEncryption", "resource": "arn:aws:s3:::b", "params": { "ServerSideEncryptionConfiguration": { "Rules": [ { "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256", "KMSMasterKeyID": "k1" } } ] } }, "expect": { "error": "InvalidArgument" } },
    { "actor": "dev", "call": "s3:GetBucketEncryption", "resource": "arn:aws:s3:::b", "expect": { "fields": { "ServerSideEncryptionConfiguration": { "Rules": [ { "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/k1" }, "BucketKeyEnabled": true } ] } } } },
    { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::b/new.txt", "params": { "Body": "N" }, "expect": { "error": "AccessDenied", "message_contains": "kms:GenerateDataKey" } },
    { "actor": "dev", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/old.txt", "expect": { "fields": { "ServerSideEncryption": "AES256" } } },
    { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b/new.txt", "params": { "Body": "N" }, "expect": { "fields": { "ServerSideEncryption": "aws:kms" } } },
    { "actor": "admin", "call": "s3:DeleteBucketEncryption", "resource": "arn:aws:s3:::b", "expect": "allow" },
    { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::b/later.txt", "params": { "Body": "L" }, "expect": { "fields": { "ServerSideEncryption": "AES256" } } },
    { "actor": "admin", "call": "s3:PutBucketEncryption", "resource": "arn:aws:s3:::b", "params": { "ServerSideEncryptionConfiguration": { "Rules": [ { "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" }, "BlockedEncryptionTypes": { "EncryptionType": ["SSE-C"] } } ] } }, "expect": "allow" },
    { "actor": "dev", "call": "s3:GetBucketEncryption", "resource": "arn:aws:s3:::b", "expect": { "fields": { "ServerSideEncryptionConfiguration": { "Rules": [ { "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" }, "BucketKeyEnabled": false, "BlockedEncryptionTypes": { "EncryptionType": ["SSE-C"] } } ] } } } }
  ] })");
    require_all_pass(r, 13);
    // The object stored before keeps SSE-S3; the one uploaded under the KMS default has the key; Delete reset it.
    CHECK(r.world.buckets.at("b").objects.at("old.txt").encryption == "AES256");
    CHECK(r.world.buckets.at("b").objects.at("new.txt").kms_key == "arn:aws:kms:us-east-1:111111111111:key/k1");
    CHECK(r.world.buckets.at("b").objects.at("later.txt").encryption == "AES256");
    CHECK(r.world.buckets.at("b").encryption.algorithm == "AES256");
    const nlohmann::json* put = last_cloudtrail(r, "PutBucketEncryption");
    REQUIRE(put != nullptr);
    CHECK((*put)["requestParameters"]["encryption"] == "");
    CHECK((*put)["requestParameters"]["ServerSideEncryptionConfiguration"]["xmlns"] == "http://s3.amazonaws.com/doc/2006-03-01/");
    CHECK((*put)["managementEvent"] == true);
    CHECK((*put)["readOnly"] == false);
    const nlohmann::json* get = last_cloudtrail(r, "GetBucketEncryption");
    REQUIRE(get != nullptr);
    CHECK((*get)["readOnly"] == true);
    CHECK((*get)["eventCategory"] == "Management");
    const nlohmann::json* del = last_cloudtrail(r, "DeleteBucketEncryption");
    REQUIRE(del != nullptr);
    CHECK((*del)["requestParameters"]["encryption"] == "");
}

// vpc-endpoints-access: a VPC endpoint's policy controls "which AWS principals can use the endpoint to access an AWS
// service"; a data perimeter's endpoint policy that allows only the organization's own resources (aws:ResourceAccount)
// stops an upload to a bucket of another account through the endpoint, while the same upload outside the VPC, or
// through an endpoint of another service, is decided as before. The request's aws:SourceVpc is the endpoint's VPC.
TEST_CASE("S3: a VPC endpoint's policy refuses what it does not allow through it, and only for its own service") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 5,
  "accounts": {
    "111111111111": {
      "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } },
      "vpc_endpoints": {
        "vpce-1a2b3c4d": { "service": "s3", "vpc": "vpc-0a1b2c3d", "policy": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": { "StringEquals": { "aws:ResourceAccount": "111111111111" } } } ] } },
        "vpce-0f0f0f0f": { "service": "sts" } },
      "buckets": { "corp-data": { "objects": { "r.csv": "R" } } } },
    "999999999999": { "buckets": { "personal": { "policy": { "Version": "2012-10-17", "Statement": [
      { "Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::personal/*" } ] } } } } },
  "actors": { "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
  "steps": [
    { "actor": "dev", "call": "s3:GetObject", "resource": "arn:aws:s3:::corp-data/r.csv", "context": { "aws:SourceVpce": "vpce-1a2b3c4d" }, "expect": "allow" },
    { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::personal/r.csv", "params": { "Body": "R" }, "context": { "aws:SourceVpce": "vpce-1a2b3c4d" },
      "expect": { "error": "AccessDenied" } },
    { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::personal/r.csv", "params": { "Body": "R" }, "expect": "allow" },
    { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::personal/r2.csv", "params": { "Body": "R" }, "context": { "aws:SourceVpce": "vpce-0f0f0f0f" }, "expect": "allow" }
  ] })");
    require_all_pass(r, 4);
    std::size_t endpoint_refusals = 0;
    for (std::size_t i = 0; i < r.trace->size(); ++i) {
        if ((*r.trace)[i].kind != stslab::TraceKind::Decision) continue;
        const nlohmann::json d = r.trace->data(i);
        if (d["context"].value("aws:SourceVpce", "") == "vpce-1a2b3c4d") CHECK(d["context"]["aws:SourceVpc"] == "vpc-0a1b2c3d");
        if (d["denied_by"] == "VPC endpoint policy") ++endpoint_refusals;
    }
    CHECK(endpoint_refusals == 1);
    const auto through = std::count_if(r.cloudtrail.begin(), r.cloudtrail.end(), [](const nlohmann::json& e) {
        return e.value("vpcEndpointId", "") == "vpce-1a2b3c4d";
    });
    CHECK(through == 3);  // the read, and the refused upload in both accounts' trails
}

// The keys a request through a VPC endpoint has about the endpoint's VPC and owner (reference_policies_condition-keys:
// aws:SourceVpcArn, aws:VpceAccount, aws:VpceOrgID, aws:VpceOrgPaths), with AWS's example bucket policy for
// aws:SourceVpcArn and its example RCP for aws:VpceOrgID; none of them through the public endpoint, nor for a service
// the page does not list (STS).
TEST_CASE("S3: a request through a VPC endpoint has aws:SourceVpcArn and the endpoint owner's aws:VpceAccount, "
          "aws:VpceOrgID and aws:VpceOrgPaths, for the services AWS lists") {
    // The organization's id is derived from its management account.
    const std::string org = run_text(R"({ "stslab": 1, "organization": { "management": "999999999999", "accounts": [] },
        "accounts": { "999999999999": {} }, "actors": {}, "steps": [] })").world.organization->id;
    const auto r = run_text(replace_all(R"({ "stslab": 1, "seed": 5,
  "organization": { "management": "999999999999", "accounts": ["111111111111"],
    "rcps": [{ "name": "EnforceNetworkPerimeterVpceOrgID", "targets": ["111111111111"], "policy": { "Version": "2012-10-17",
      "Statement": [{ "Sid": "EnforceNetworkPerimeterVpceOrgID", "Effect": "Deny", "Principal": "*", "Action": ["s3:*", "kms:*"],
        "Resource": "*", "Condition": { "BoolIfExists": { "aws:PrincipalIsAWSService": "false", "aws:ViaAWSService": "false" },
          "StringNotEqualsIfExists": { "aws:VpceOrgID": "ORG", "aws:PrincipalTag/network-perimeter-exception": "true" } } }] } }] },
  "accounts": {
    "999999999999": {},
    "111111111111": {
      "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "sts:GetCallerIdentity"], "Resource": "*" }] } } } },
      "vpc_endpoints": { "vpce-1a2b3c4d": { "service": "s3", "vpc": "vpc-1a2b3c4d" }, "vpce-0f0f0f0f": { "service": "sts", "vpc": "vpc-1a2b3c4d" } },
      "buckets": { "amzn-s3-demo-bucket": { "objects": { "r.csv": "R" }, "policy": { "Version": "2012-10-17", "Statement": [
        { "Sid": "Access-to-specific-VPC-only", "Principal": "*", "Action": "s3:*", "Effect": "Deny",
          "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
          "Condition": { "ArnNotEquals": { "aws:SourceVpcArn": "arn:aws:ec2:us-east-1:*:vpc/vpc-1a2b3c4d" } } } ] } } } } },
  "actors": { "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
  "steps": [
    { "actor": "dev", "call": "s3:GetObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/r.csv", "context": { "aws:SourceVpce": "vpce-1a2b3c4d" }, "expect": "allow" },
    { "actor": "dev", "call": "s3:GetObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/r.csv", "expect": { "error": "AccessDenied" } },
    { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/w.csv", "params": { "Body": "W" },
      "context": { "aws:SourceVpce": "vpce-1a2b3c4d", "aws:VpceOrgID": "o-elsewhere00" },
      "expect": { "error": "AccessDenied", "message_contains": "explicit deny in a resource control policy" } }
  ] })", "\"ORG\"", "\"" + org + "\""));
    require_all_pass(r, 3);
    const auto contexts_of = [](const RunResult& run) {
        std::vector<nlohmann::json> contexts;
        for (std::size_t i = 0; i < run.trace->size(); ++i)
            if ((*run.trace)[i].kind == stslab::TraceKind::Decision) contexts.push_back(run.trace->data(i)["context"]);
        return contexts;
    };
    const std::vector<nlohmann::json> contexts = contexts_of(r);
    REQUIRE(contexts.size() == 3);
    CHECK(contexts[0]["aws:SourceVpcArn"] == "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-1a2b3c4d");
    CHECK(contexts[0]["aws:VpceAccount"] == "111111111111");
    CHECK(contexts[0]["aws:VpceOrgID"] == org);
    CHECK(contexts[0]["aws:VpceOrgPaths"] == nlohmann::json::array({r.world.organization->account_path("111111111111")}));
    for (const char* key : {"aws:SourceVpcArn", "aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths"}) {
        CAPTURE(key);
        CHECK_FALSE(contexts[1].contains(key));  // the public endpoint
    }
    CHECK(contexts[2]["aws:VpceOrgID"] == "o-elsewhere00");  // what the step says stands
    // STS is not among the services that support the keys; a caller outside any organization has no organization keys.
    const auto sts = run_text(R"({ "stslab": 1,
  "accounts": { "111111111111": {
      "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "sts:GetAccessKeyInfo"], "Resource": "*" }] } } } },
      "vpc_endpoints": { "vpce-1a2b3c4d": { "service": "s3", "vpc": "vpc-1a2b3c4d" }, "vpce-0f0f0f0f": { "service": "sts", "vpc": "vpc-1a2b3c4d" } },
      "buckets": { "b": { "objects": { "r.csv": "R" } } } } },
  "actors": { "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
  "steps": [
    { "actor": "dev", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/r.csv", "context": { "aws:SourceVpce": "vpce-1a2b3c4d" }, "expect": "allow" },
    { "actor": "dev", "call": "sts:GetAccessKeyInfo", "params": { "AccessKeyId": "@dev" }, "context": { "aws:SourceVpce": "vpce-0f0f0f0f" }, "expect": "allow" }
  ] })");
    require_all_pass(sts, 2);
    const std::vector<nlohmann::json> decided = contexts_of(sts);
    REQUIRE(decided.size() == 2);
    CHECK(decided[0]["aws:VpceAccount"] == "111111111111");
    CHECK_FALSE(decided[0].contains("aws:VpceOrgID"));
    CHECK_FALSE(decided[1].contains("aws:SourceVpcArn"));
    CHECK_FALSE(decided[1].contains("aws:VpceAccount"));
}

// "To protect your VPC, requests that are denied by a VPC endpoint policy, but otherwise would have been allowed, are not
// recorded in AWS CloudTrail" (KMS Developer Guide, vpce-logging); S3 records its refusals (the test above).
TEST_CASE("KMS: a request its VPC endpoint's policy refused leaves no CloudTrail record, and one it let through names the endpoint") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 5,
  "accounts": { "111111111111": {
      "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }] } } } },
      "kms_keys": { "k1": {} },
      "vpc_endpoints": { "vpce-1a2b3c4d": { "service": "kms", "vpc": "vpc-0a1b2c3d", "policy": { "Version": "2012-10-17", "Statement": [
        { "Effect": "Allow", "Principal": "*", "Action": "kms:DescribeKey", "Resource": "*" } ] } } } } },
  "actors": { "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
  "steps": [
    { "actor": "dev", "call": "kms:DescribeKey", "resource": "arn:aws:kms:us-east-1:111111111111:key/k1", "context": { "aws:SourceVpce": "vpce-1a2b3c4d" }, "expect": "allow" },
    { "actor": "dev", "call": "kms:ScheduleKeyDeletion", "resource": "arn:aws:kms:us-east-1:111111111111:key/k1", "context": { "aws:SourceVpce": "vpce-1a2b3c4d" },
      "expect": { "error": "AccessDeniedException", "message_contains": "no VPC endpoint policy allows" } },
    { "actor": "dev", "call": "kms:ScheduleKeyDeletion", "resource": "arn:aws:kms:us-east-1:111111111111:key/k1", "expect": "allow" }
  ] })");
    require_all_pass(r, 3);
    std::vector<std::string> events;
    for (const auto& rec : r.cloudtrail) events.push_back(rec.value("eventName", "") + (rec.contains("errorCode") ? "!" : "") + "@" + rec.value("vpcEndpointId", "-"));
    CHECK(events == std::vector<std::string>{"DescribeKey@vpce-1a2b3c4d", "ScheduleKeyDeletion@-"});
}

// A forward access session keeps the caller's address: the IAM User Guide's deny-ip example "does not deny requests made
// by AWS services using Forward access sessions as the original requester's IP address is preserved"
// (reference_policies_examples_aws_deny-ip), so S3's kms:GenerateDataKey for an upload from the office passes it. S3
// reaches KMS itself, not through the caller's VPC endpoint: "If a policy statement requires that requests come from a
// particular VPC or VPC endpoint, requests from integrated AWS services that use an AWS KMS resource on your behalf
// might fail" (kms vpce-policy-condition).
TEST_CASE("S3: its KMS request on the caller's behalf keeps the caller's aws:SourceIp but not its VPC endpoint") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 4,
      "accounts": { "111111111111": {
        "users": {
          "u": { "policies": {
            "allow": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*" }] },
            "deny-ip": { "Version": "2012-10-17", "Statement": { "Effect": "Deny", "Action": "*", "Resource": "*",
              "Condition": { "NotIpAddress": { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] } } } } } },
          "v": { "policies": {
            "allow": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*" }] },
            "only-endpoint": { "Version": "2012-10-17", "Statement": { "Effect": "Deny", "Action": "*", "Resource": "*",
              "Condition": { "StringNotEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } } } } } } },
        "kms_keys": { "k1": {} },
        "vpc_endpoints": { "vpce-1a2b3c4d": { "service": "s3" } },
        "buckets": { "kb": { "encryption": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/k1" } } } } },
      "actors": { "u": { "principal": "arn:aws:iam::111111111111:user/u" }, "v": { "principal": "arn:aws:iam::111111111111:user/v" } },
      "steps": [
        { "actor": "u", "call": "s3:PutObject", "resource": "arn:aws:s3:::kb/o", "params": { "Body": "x" },
          "context": { "aws:SourceIp": "192.0.2.5" }, "expect": { "fields": { "ServerSideEncryption": "aws:kms" } } },
        { "actor": "u", "call": "s3:PutObject", "resource": "arn:aws:s3:::kb/o2", "params": { "Body": "x" },
          "context": { "aws:SourceIp": "198.51.100.1" }, "expect": { "error": "AccessDenied", "message_contains": "s3:PutObject" } },
        { "actor": "v", "call": "s3:PutObject", "resource": "arn:aws:s3:::kb/o3", "params": { "Body": "x" },
          "context": { "aws:SourceVpce": "vpce-1a2b3c4d" }, "expect": { "error": "AccessDenied", "message_contains": "kms:GenerateDataKey" } }
      ] })");
    require_all_pass(r, 3);
}

// using-presigned-url: "The credentials used by the presigned URL are those of the AWS Identity and Access Management
// (IAM) principal who generated the URL", "You can use the presigned URL multiple times, up to the expiration date and
// time"; an expired one is AccessDenied "Request has expired" (S3's answer as users record it); made with temporary
// credentials, "the URL expires when the token expires" (knowledge center presigned-url-s3-bucket-expiration). A
// bucket policy can limit a presigned request's age with s3:signatureAge (amazon-s3-policy-keys; the RCP examples'
// "Prevent long-term presigned URLs"). CloudTrail names the signer, authenticated by QueryString. The SDKs sign the
// headers given to them into the URL ("X-Amz-SignedHeaders=host;x-amz-server-side-encryption", users' URLs): S3 refuses
// an upload without them (SignatureDoesNotMatch) or with others ("There were headers present in the request which were
// not signed", users' records of S3's answers).
TEST_CASE("S3: a presigned URL makes its one call as its signer until it expires, and no longer than the signer's session") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 9,
  "accounts": { "111111111111": {
    "users": { "alice": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
      { "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::strict/*"] },
      { "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" } ] } } },
               "bob": {} },
    "roles": { "Reader": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:user/alice" }, "Action": "sts:AssumeRole" }] },
      "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } } } },
    "buckets": { "b": { "objects": { "k": "secret", "other": "x" } },
                 "strict": { "objects": { "k": "s" }, "policy": { "Version": "2012-10-17", "Statement": [
                   { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::strict/*",
                     "Condition": { "NumericGreaterThan": { "s3:signatureAge": "600000" } } } ] } } } } },
  "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" }, "guest": { "kind": "anonymous" },
              "bob": { "principal": "arn:aws:iam::111111111111:user/bob" } },
  "steps": [
    { "id": "sign", "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "presign": 3600, "save": "link", "to": "guest" },
    { "id": "use", "at": "+10m", "actor": "guest", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "presigned": "link", "expect": { "fields": { "Body": "secret" } } },
    { "id": "use-with-own-keys", "actor": "bob", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "presigned": "link", "expect": "allow" },
    { "id": "tamper", "actor": "guest", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/other", "presigned": "link", "expect": { "error": "SignatureDoesNotMatch" } },
    { "id": "late", "at": "+1h", "actor": "guest", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "presigned": "link", "expect": { "error": "AccessDenied", "message_contains": "Request has expired" } },
    { "id": "role", "actor": "alice", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Reader", "RoleSessionName": "s1", "DurationSeconds": 900 }, "save": "sess" },
    { "id": "sign2", "actor": "alice", "using": "sess", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "presign": 7200, "save": "link2" },
    { "id": "use2", "at": "+5m", "actor": "guest", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "presigned": "link2", "expect": "allow" },
    { "id": "use2-late", "at": "+20m", "actor": "guest", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "presigned": "link2", "expect": { "error": "ExpiredToken" } },
    { "id": "sign-put", "actor": "alice", "call": "s3:PutObject", "resource": "arn:aws:s3:::b/up", "presign": 600, "save": "put-link",
      "params": { "ACL": "bucket-owner-full-control" } },
    { "id": "put-unsigned-missing", "actor": "guest", "call": "s3:PutObject", "resource": "arn:aws:s3:::b/up", "presigned": "put-link",
      "params": { "Body": "u" }, "expect": { "error": "SignatureDoesNotMatch" } },
    { "id": "put-extra-header", "actor": "guest", "call": "s3:PutObject", "resource": "arn:aws:s3:::b/up", "presigned": "put-link",
      "params": { "Body": "u", "ACL": "bucket-owner-full-control", "StorageClass": "GLACIER" },
      "expect": { "error": "AccessDenied", "message_contains": "There were headers present in the request which were not signed" } },
    { "id": "put-as-signed", "actor": "guest", "call": "s3:PutObject", "resource": "arn:aws:s3:::b/up", "presigned": "put-link",
      "params": { "Body": "u", "ACL": "bucket-owner-full-control" }, "expect": "allow" },
    { "id": "sign3", "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::strict/k", "presign": 86400, "save": "link3" },
    { "id": "use3", "at": "+5m", "actor": "guest", "call": "s3:GetObject", "resource": "arn:aws:s3:::strict/k", "presigned": "link3", "expect": "allow" },
    { "id": "use3-old", "at": "+10m", "actor": "guest", "call": "s3:GetObject", "resource": "arn:aws:s3:::strict/k", "presigned": "link3",
      "expect": { "error": "AccessDenied" } }
  ] })");
    require_all_pass(r, 11);
    // The guest's reads, and bob's though he has keys of his own, are the signer's in CloudTrail, authenticated in the
    // query string; the refused and expired URLs authenticated no one and left no record.
    std::size_t reads = 0;
    for (const auto& e : r.cloudtrail) {
        if (e["eventName"] != "GetObject") continue;
        ++reads;
        CHECK(e["additionalEventData"]["AuthenticationMethod"] == "QueryString");
        const std::string who = e["userIdentity"]["arn"].get<std::string>();
        CHECK((who.find("user/alice") != std::string::npos || who.find("assumed-role/Reader") != std::string::npos));
    }
    CHECK(reads == 5);  // use, use-with-own-keys, use2, use3, and use3-old refused by the bucket policy
    // An upload through a presigned URL sends the headers its signer signed, and no others; its body is its own.
    CHECK(r.world.buckets.at("b").objects.at("up").content == "u");
    // The last read came more than ten minutes after its URL was signed: the bucket policy's s3:signatureAge Deny.
    nlohmann::json last;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == stslab::TraceKind::Decision) last = r.trace->data(i);
    CHECK(last["context"]["s3:authType"] == "REST-QUERY-STRING");
    CHECK(std::stoll(last["context"]["s3:signatureAge"].get<std::string>()) > 600000);
    CHECK(last["decision"] == "ExplicitDeny");
}

// A service that hands out download links: a reactive actor presigns on request, the URL's name and object from the
// message, and hands it to whoever asked, who downloads with it as the service.
TEST_CASE("S3: a reactive actor may presign a URL on request and hand it over, and its receiver download with it") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
  "accounts": { "111111111111": {
    "users": { "svc": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] } } } },
    "buckets": { "b": { "objects": { "k": "v" } } } } },
  "actors": {
    "svc": { "principal": "arn:aws:iam::111111111111:user/svc",
      "on": { "want": [
        { "call": "s3:GetObject", "resource": "arn:aws:s3:::b/${message.key}", "presign": 300, "save": "url-${message.key}", "to": "${from}" } ] } },
    "client": { "kind": "anonymous",
      "on": { "presigned URL": [
        { "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "presigned": "${message.saved_as}", "expect": { "fields": { "Body": "v" } } } ] } } },
  "steps": [
    { "actor": "client", "call": "send", "to": "svc", "message": { "type": "want", "key": "k" } }
  ] })");
    require_all_pass(r, 1);
    const nlohmann::json* read = last_cloudtrail(r, "GetObject");
    REQUIRE(read != nullptr);
    CHECK((*read)["userIdentity"]["arn"] == "arn:aws:iam::111111111111:user/svc");
}

// A KMS key S3 can use is in the bucket's Region: S3 answers KMS.NotFoundException "Key '...' does not exist" for
// another's (aws/aws-cli#1517). A bucket default's bare key id is looked up in the uploader's account
// (API_ServerSideEncryptionByDefault: "If you are using encryption with cross-account or AWS service operations, you
// must use a fully qualified KMS key ARN"; boto/boto3#3389). CloudTrail says which encryption an upload got and how:
// SSEApplied "SSE_S3", "Default_SSE_KMS", ... (UsingServerSideEncryption, monitoring default encryption).
TEST_CASE("S3: a KMS key of another Region or account is not found, and CloudTrail says how an upload was encrypted") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": {
        "111111111111": {
          "users": { "k": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*" }] } } } },
          "kms_keys": { "eukey": { "region": "eu-west-1" },
                        "shared": { "policy": { "Version": "2012-10-17", "Statement": [
                          { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:root" }, "Action": "kms:*", "Resource": "*" },
                          { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*" } ] } } },
          "buckets": {
            "by-id": { "encryption": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "shared" }, "objects": { "o1": "1", "o2": "2" },
                       "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::by-id/*" }] } },
            "by-arn": { "encryption": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/shared" },
                        "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::by-arn/*" }] } } } },
        "222222222222": { "users": { "x": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*" }] } } } } } },
      "actors": { "k": { "principal": "arn:aws:iam::111111111111:user/k" }, "x": { "principal": "arn:aws:iam::222222222222:user/x" } },
      "steps": [
        { "actor": "k", "call": "s3:PutObject", "resource": "arn:aws:s3:::by-id/a", "expect": { "error": "KMS.NotFoundException", "message_contains": "does not exist" },
          "params": { "Body": "x", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "arn:aws:kms:eu-west-1:111111111111:key/eukey" } },
        { "actor": "k", "call": "s3:PutObject", "resource": "arn:aws:s3:::by-id/b", "params": { "Body": "x", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "eukey" },
          "expect": { "error": "KMS.NotFoundException" } },
        { "actor": "k", "call": "s3:PutObject", "resource": "arn:aws:s3:::by-id/c", "params": { "Body": "x" },
          "expect": { "fields": { "SSEKMSKeyId": "arn:aws:kms:us-east-1:111111111111:key/shared" } } },
        { "actor": "x", "call": "s3:PutObject", "resource": "arn:aws:s3:::by-id/d", "params": { "Body": "x" }, "expect": { "error": "KMS.NotFoundException" } },
        { "actor": "x", "call": "s3:PutObject", "resource": "arn:aws:s3:::by-arn/e", "params": { "Body": "x" }, "expect": "allow" },
        { "actor": "k", "call": "s3:PutObject", "resource": "arn:aws:s3:::by-id/f", "params": { "Body": "x", "ServerSideEncryption": "AES256" }, "expect": "allow" },
        { "actor": "k", "call": "s3:DeleteObjects", "resource": "arn:aws:s3:::by-id", "params": { "Delete": { "Objects": [{ "Key": "o1" }, { "Key": "o2" }] } }, "expect": "allow" }
      ] })");
    require_all_pass(r, 7);
    const auto applied = [&r](const std::string& key) {
        for (const auto& e : r.cloudtrail)
            if (e["eventName"] == "PutObject" && e["requestParameters"].value("key", "") == key && !e.contains("errorCode"))
                return e["additionalEventData"].value("SSEApplied", "");
        return std::string("(none)");
    };
    CHECK(applied("c") == "Default_SSE_KMS");
    CHECK(applied("f") == "SSE_S3");
    // DeleteObjects logs its ?delete subresource and names the objects by their bucket's prefix, not key by key.
    const nlohmann::json* del = last_cloudtrail(r, "DeleteObjects");
    REQUIRE(del != nullptr);
    CHECK((*del)["requestParameters"]["delete"] == "");
    CHECK((*del)["resources"][0] == nlohmann::json{{"ARNPrefix", "arn:aws:s3:::by-id/"}, {"type", "AWS::S3::Object"}});
    // x's upload used the other account's key, as its key policy allows: KMS logs it in both accounts, sharing an
    // event id, the key owner's record naming x by account ("Cross-account operations on KMS keys are logged in both
    // the caller account and the KMS key owner account", logging-using-cloudtrail). A key not found reaches no KMS.
    std::vector<nlohmann::json> kms;
    for (const auto& e : r.cloudtrail)
        if (e["eventSource"] == "kms.amazonaws.com") kms.push_back(e);
    REQUIRE(kms.size() == 3);  // k's upload of c; x's upload of e, twice
    CHECK(kms[1]["recipientAccountId"] == "222222222222");
    CHECK(kms[1]["userIdentity"]["arn"] == "arn:aws:iam::222222222222:user/x");
    CHECK(kms[2]["recipientAccountId"] == "111111111111");
    CHECK(kms[2]["userIdentity"]["type"] == "AWSAccount");
    CHECK(kms[2]["userIdentity"]["accountId"] == "222222222222");
    CHECK(kms[1]["sharedEventID"] == kms[2]["sharedEventID"]);
    CHECK(kms[1]["eventID"] != kms[2]["eventID"]);
    CHECK(kms[2]["resources"][0]["accountId"] == "111111111111");
}

// KMS takes only signed requests: a public (anonymous) reader of an SSE-KMS object gets S3's InvalidArgument
// "Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4." (as users
// have recorded it, ArgumentName Authorization), and so does an anonymous SSE-KMS upload; an SSE-S3 object reads.
TEST_CASE("S3: an anonymous request can neither read nor write an SSE-KMS object, and a key id from no account is its bucket's") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": { "111111111111": {
        "users": { "w": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:PutObject", "kms:GenerateDataKey"], "Resource": "*" }] } } } },
        "buckets": { "pub": { "policy": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::pub/*" } ] },
          "objects": { "plain": "P" } } } } },
      "actors": { "w": { "principal": "arn:aws:iam::111111111111:user/w" }, "anon": { "kind": "anonymous" } },
      "steps": [
        { "actor": "w", "call": "s3:PutObject", "resource": "arn:aws:s3:::pub/secret", "params": { "Body": "S", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "k1" },
          "expect": { "fields": { "SSEKMSKeyId": "arn:aws:kms:us-east-1:111111111111:key/k1" } } },
        { "actor": "anon", "call": "s3:GetObject", "resource": "arn:aws:s3:::pub/secret",
          "expect": { "error": "InvalidArgument", "message_contains": "require AWS Signature Version 4" } },
        { "actor": "anon", "call": "s3:GetObject", "resource": "arn:aws:s3:::pub/plain", "expect": { "fields": { "Body": "P" } } },
        { "actor": "anon", "call": "s3:PutObject", "resource": "arn:aws:s3:::pub/x", "params": { "Body": "X", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "k1" },
          "expect": { "error": "InvalidArgument", "message_contains": "require AWS Signature Version 4" } }
      ] })");
    require_all_pass(r, 4);
}

// API_GetObject: "If you include a versionId in your request header, you must have the s3:GetObjectVersion permission
// ... The s3:GetObject permission is not required in this scenario" (and s3:DeleteObjectVersion, API_DeleteObject);
// amazon-s3-policy-keys, example 4, conditions it on s3:VersionId. Objects of a bucket that never had versioning
// have the version "null" (versioning-workflows). An empty one is refused as the AWS CLI shows S3's answer to
// `--version-id ""`: InvalidArgument "Version id cannot be the empty string".
TEST_CASE("S3: a request naming a version needs s3:GetObjectVersion or s3:DeleteObjectVersion, and an unversioned object's version is null") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": { "111111111111": {
        "users": { "u": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::b1/*" },
            { "Effect": "Allow", "Action": "s3:GetObjectVersion", "Resource": "arn:aws:s3:::b1/*",
              "Condition": { "StringEquals": { "s3:VersionId": "null" } } } ] } } } },
        "buckets": { "b1": { "objects": { "a": "x" } } } } },
      "actors": { "u": { "principal": "arn:aws:iam::111111111111:user/u" } },
      "steps": [
        { "actor": "u", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a", "params": { "VersionId": "null" }, "expect": { "fields": { "Body": "x" } } },
        { "actor": "u", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a", "params": { "VersionId": "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY" },
          "expect": { "error": "AccessDenied", "message_contains": "not authorized to perform: s3:GetObjectVersion on resource: arn:aws:s3:::b1/a" } },
        { "actor": "u", "call": "s3:DeleteObject", "resource": "arn:aws:s3:::b1/a", "params": { "VersionId": "null" },
          "expect": { "error": "AccessDenied", "message_contains": "s3:DeleteObjectVersion" } },
        { "actor": "u", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a", "expect": "allow" }
      ] })");
    require_all_pass(r, 4);
    std::string world = R"({ "stslab": 1, "seed": 3, "accounts": { "111111111111": {
        "users": { "u": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } },
        "buckets": { "b1": { "objects": { "a": "x" } } } } },
      "actors": { "u": { "principal": "arn:aws:iam::111111111111:user/u" } },
      "steps": [ { "actor": "u", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a", "params": { "VersionId": "3HL4kqtJlcpXroDTDmJ" },
                   "expect": { "error": "InvalidArgument", "message_contains": "Invalid version id specified" } },
                 { "actor": "u", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a", "params": { "VersionId": "" },
                   "expect": { "error": "InvalidArgument", "message_contains": "Version id cannot be the empty string" } },
                 { "actor": "u", "call": "s3:HeadObject", "resource": "arn:aws:s3:::b1/a", "params": { "VersionId": "" },
                   "expect": { "error": "BadRequest" } } ] })";
    require_all_pass(run_text(world), 3);
}

TEST_CASE("S3: PutObject's ACL and encryption headers are condition keys, and a bucket policy names S3's actions only (example-bucket-policies)") {
    const std::string world = R"({
      "stslab": 1,
      "accounts": { "111111111111": {
        "users": { "dev": { "policies": { "put": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["s3:PutObject", "s3:PutBucketPolicy"], "Resource": "*" }] } } } },
        "buckets": { "logs": { "policy": { "Version": "2012-10-17", "Statement": [
          { "Sid": "DenyUnencrypted", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*",
            "Condition": { "Null": { "s3:x-amz-server-side-encryption": "true" } } },
          { "Sid": "OwnerFullControl", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*",
            "Condition": { "StringNotEquals": { "s3:x-amz-acl": "bucket-owner-full-control" } } } ] } } } } },
      "actors": { "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [ STEPS ] })";
    const auto r = run_with_steps(world, R"(
        { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::logs/a", "params": { "Body": "x" }, "expect": "deny" },
        { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::logs/a", "params": { "Body": "x", "ServerSideEncryption": "AES256" }, "expect": "deny" },
        { "actor": "dev", "call": "s3:PutObject", "resource": "arn:aws:s3:::logs/a",
          "params": { "Body": "x", "ServerSideEncryption": "AES256", "ACL": "bucket-owner-full-control" }, "expect": "allow" },
        { "actor": "dev", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::logs", "params": { "Policy": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "ec2:StopInstances", "Resource": "arn:aws:s3:::logs/*" }] } },
          "expect": { "error": "MalformedPolicy", "message_contains": "Policy has invalid action" } })");
    require_all_pass(r, 4);
    REQUIRE(r.cloudtrail.size() == 4);
    CHECK(r.cloudtrail[2]["requestParameters"]["x-amz-server-side-encryption"] == "AES256");
    CHECK(r.cloudtrail[2]["requestParameters"]["x-amz-acl"] == "bucket-owner-full-control");
}

// AmazonS3 object-ownership-error-responses: with ACLs disabled ("Bucket owner enforced", S3's default and the
// sandbox's every bucket), "All S3 PUT requests must either specify the bucket-owner-full-control canned ACL or not
// specify an ACL", and "Requests to set ACLs or update ACLs fail with a 400 error and return the
// AccessControlListNotSupported error code"; about-object-ownership: "PUT requests that contain other ACLs (for example,
// custom grants to certain AWS accounts) fail".
TEST_CASE("S3: with ACLs disabled, an ACL other than the owner's full control, or a grant header, is AccessControlListNotSupported, once authorized") {
    std::string text = kWorld;
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/public.txt", "params": { "Body": "x", "ACL": "public-read" },
          "expect": { "error": "AccessControlListNotSupported", "message_contains": "The bucket does not allow ACLs" } },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/public.txt", "expect": { "error": "NoSuchKey" } },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/owned.txt", "params": { "Body": "x", "ACL": "bucket-owner-full-control" },
          "expect": "allow" },
        { "actor": "admin", "call": "s3:PutObjectAcl", "resource": "arn:aws:s3:::b1/owned.txt", "params": { "ACL": "public-read" },
          "expect": { "error": "AccessControlListNotSupported" } },
        { "actor": "admin", "call": "s3:PutObjectAcl", "resource": "arn:aws:s3:::b1/owned.txt", "params": { "ACL": "bucket-owner-full-control" },
          "expect": "allow" },
        { "actor": "admin", "call": "s3:PutBucketAcl", "resource": "arn:aws:s3:::b1", "params": { "ACL": "public-read-write" },
          "expect": { "error": "AccessControlListNotSupported" } },
        { "actor": "admin", "call": "s3:PutBucketAcl", "resource": "arn:aws:s3:::b1", "params": { "ACL": "private" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/x.txt", "params": { "ACL": "public-read" }, "expect": "deny" },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/granted.txt",
          "params": { "Body": "x", "GrantRead": "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"" },
          "expect": { "error": "AccessControlListNotSupported" } },
        { "actor": "admin", "call": "s3:CopyObject", "resource": "arn:aws:s3:::b1/copied.txt",
          "params": { "CopySource": "b1/owned.txt", "GrantFullControl": "id=222222222222" },
          "expect": { "error": "AccessControlListNotSupported" } })");
    const RunResult r = run_text(text);
    require_all_pass(r, 10);
    // The grant header is a condition key of the upload (amazon-s3-policy-keys, "Require the x-amz-full-control
    // header"), and CloudTrail logs it by the header's name.
    CHECK(r.cloudtrail.back()["requestParameters"]["x-amz-grant-full-control"] == "id=222222222222");
}

TEST_CASE("AWS managed policies (arn:aws:iam::aws:policy/...) are attachable everywhere and work as session policies") {
    std::string text = kWorld;
    const std::string reader = R"("reader": { "policies")";
    text.replace(text.find(reader), reader.size(), R"("viewer": { "attached": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
        "reader": { "policies")");
    const std::string actors = R"("actors": {)";
    text.replace(text.find(actors), actors.size(), actors + R"( "viewer": { "principal": "arn:aws:iam::111111111111:user/viewer" },)");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "viewer", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" },
        { "actor": "viewer", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": "deny" },
        { "actor": "reader", "call": "sts:AssumeRole", "save": "ops",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr" }, "expect": "allow" },
        { "actor": "reader", "call": "ec2:StopInstances", "using": "ops", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a", "expect": "allow" },
        { "actor": "admin", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Ops", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Ops", "PolicyArn": "arn:aws:iam::aws:policy/NoSuchPolicy" },
          "expect": { "error": "NoSuchEntity" } },
        { "actor": "reader", "call": "sts:AssumeRole", "save": "narrow",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "rr",
                      "PolicyArns": [{ "arn": "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess" }] }, "expect": "allow" },
        { "actor": "reader", "call": "ec2:DescribeInstances", "using": "narrow", "expect": "allow" },
        { "actor": "reader", "call": "ec2:TerminateInstances", "using": "narrow", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a", "expect": "deny" })");
    require_all_pass(run_text(text), 9);
}

// The privilege escalation every IAM audit looks for: a user allowed iam:AttachUserPolicy on itself attaches
// AdministratorAccess (API_AttachUserPolicy; iam:PolicyARN, reference_policies_iam-condition-keys, limits which).
TEST_CASE("IAM: AttachUserPolicy and DetachUserPolicy change a user's managed policies from the next call, limited by iam:PolicyARN") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "iam:PutUserPolicy", "params": { "UserName": "reader", "PolicyName": "self-attach",
            "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "iam:AttachUserPolicy",
              "Resource": "arn:aws:iam::111111111111:user/${aws:username}",
              "Condition": { "ArnEquals": { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } } }] } },
          "expect": "allow" },
        { "actor": "reader", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/owned", "params": { "Body": "x" }, "expect": "deny" },
        { "actor": "reader", "call": "iam:AttachUserPolicy",
          "params": { "UserName": "reader", "PolicyArn": "arn:aws:iam::111111111111:policy/ReadOnly" },
          "expect": { "error": "AccessDenied", "message_contains": "iam:AttachUserPolicy on resource: user reader" } },
        { "actor": "reader", "call": "iam:AttachUserPolicy",
          "params": { "UserName": "reader", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/owned", "params": { "Body": "x" }, "expect": "allow" },
        { "actor": "admin", "call": "iam:DetachUserPolicy",
          "params": { "UserName": "reader", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/owned", "params": { "Body": "x" }, "expect": "deny" },
        { "actor": "admin", "call": "iam:DetachUserPolicy",
          "params": { "UserName": "reader", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess" },
          "expect": { "error": "NoSuchEntity", "message_contains": "Policy arn:aws:iam::aws:policy/AdministratorAccess was not found." } },
        { "actor": "admin", "call": "iam:AttachUserPolicy", "params": { "UserName": "nobody", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess" },
          "expect": { "error": "NoSuchEntity", "message_contains": "The user with name nobody cannot be found." } })");
    require_all_pass(r, 9);
    bool logged = false;
    for (const auto& rec : r.cloudtrail)
        if (rec["eventName"] == "AttachUserPolicy" && !rec.contains("errorCode"))
            logged = rec["requestParameters"] == nlohmann::json{{"userName", "reader"}, {"policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}};
    CHECK(logged);
}

// AmazonS3 API_GetBucketPolicy: the owner's account reads the policy text; "If you have the correct permissions, but
// you're not using an identity that belongs to the bucket owner's account, Amazon S3 returns a 405 Method Not Allowed
// error"; a bucket without one answers NoSuchBucketPolicy (AmazonS3 ErrorResponses).
TEST_CASE("S3: GetBucketPolicy answers the policy to the owner's account, 405 to another account's allowed caller, NoSuchBucketPolicy without one") {
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 3, "start": "2026-01-01T00:00:00Z",
      "accounts": {
        "111111111111": { "users": { "admin": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } },
          "buckets": { "b1": {}, "b2": { "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": "s3:GetBucketPolicy", "Resource": "arn:aws:s3:::b2" }] } } } },
        "222222222222": { "users": { "carol": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } } } },
      "actors": { "admin": { "principal": "arn:aws:iam::111111111111:user/admin" }, "carol": { "principal": "arn:aws:iam::222222222222:user/carol" } },
      "steps": [
        { "actor": "admin", "call": "s3:GetBucketPolicy", "resource": "arn:aws:s3:::b1",
          "expect": { "error": "NoSuchBucketPolicy", "message_contains": "The bucket policy does not exist" } },
        { "actor": "admin", "call": "s3:GetBucketPolicy", "resource": "arn:aws:s3:::b2",
          "expect": { "fields": { "Policy": "{\"Statement\":[{\"Action\":\"s3:GetBucketPolicy\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Resource\":\"arn:aws:s3:::b2\"}],\"Version\":\"2012-10-17\"}" } } },
        { "actor": "carol", "call": "s3:GetBucketPolicy", "resource": "arn:aws:s3:::b2", "expect": { "error": "MethodNotAllowed" } },
        { "actor": "carol", "call": "s3:GetBucketPolicy", "resource": "arn:aws:s3:::b1", "expect": { "error": "AccessDenied" } }
      ] })");
    require_all_pass(r, 4);
    REQUIRE(r.cloudtrail.size() >= 2);
    CHECK(r.cloudtrail[1]["eventName"] == "GetBucketPolicy");
    CHECK(r.cloudtrail[1]["eventCategory"] == "Management");
    CHECK(r.cloudtrail[1]["readOnly"] == true);
}

// AmazonS3 API_PutBucketPolicy: the bucket owner's root user can always change the policy ("so that bucket owners
// don't inadvertently lock themselves out"); another account's identity gets 405 even when allowed; S3 refuses a
// policy naming a principal that does not exist. A bucket's policy calls are management events.
TEST_CASE("S3: PutBucketPolicy and DeleteBucketPolicy change who may read from the next call, and only the owner's root escapes a lockout (Get, Put and DeleteBucketPolicy, not its objects)") {
    std::string text = kWorld;
    const std::string actors = R"("actors": {)";
    text.replace(text.find(actors), actors.size(), actors + R"( "root": { "principal": "arn:aws:iam::111111111111:root" },)");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1", "expect": "allow",
          "params": { "Policy": { "Version": "2012-10-17", "Statement": [{ "Sid": "LockOut", "Effect": "Deny", "Principal": "*",
                                  "Action": "s3:*", "Resource": ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"] }] } } },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt",
          "expect": { "error": "AccessDenied", "message_contains": "with an explicit deny in a resource-based policy" } },
        { "actor": "admin", "call": "s3:DeleteBucketPolicy", "resource": "arn:aws:s3:::b1", "expect": { "error": "AccessDenied" } },
        { "actor": "admin", "call": "s3:GetBucketPolicy", "resource": "arn:aws:s3:::b1",
          "expect": { "error": "AccessDenied", "message_contains": "with an explicit deny in a resource-based policy" } },
        { "actor": "root", "call": "s3:GetBucketPolicy", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "root", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": { "error": "AccessDenied" } },
        { "actor": "root", "call": "s3:DeleteBucketPolicy", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" },
        { "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1", "expect": "allow",
          "params": { "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:user/carol\"},\"Action\":\"s3:PutBucketPolicy\",\"Resource\":\"arn:aws:s3:::b1\"}]}" } },
        { "actor": "carol", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1",
          "params": { "Policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*" }] } },
          "expect": { "error": "MethodNotAllowed", "message_contains": "The specified method is not allowed against this resource." } },
        { "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1",
          "params": { "Policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:user/ghost" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*" }] } },
          "expect": { "error": "MalformedPolicy", "message_contains": "Invalid principal in policy" } },
        { "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1",
          "params": { "Policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::999999999999:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*" }] } },
          "expect": { "error": "MalformedPolicy", "message_contains": "Invalid principal in policy" } },
        { "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1", "params": { "Policy": "not json" },
          "expect": { "error": "MalformedPolicy" } },
        { "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::b1",
          "params": { "Policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*" }] } },
          "expect": { "error": "MalformedPolicy", "message_contains": "Policy has invalid resource" } },
        { "actor": "carol", "call": "s3:DeleteBucketPolicy", "resource": "arn:aws:s3:::shared", "expect": "allow" })");
    const RunResult r = run_text(text);
    require_all_pass(r, 15);
    bool labelled = false;  // the decision says why the root user got through a bucket policy that denies everyone
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Decision &&
            r.trace->data(i).dump().find("by the bucket owner's root user, whom the bucket policy cannot lock out") != std::string::npos)
            labelled = true;
    CHECK(labelled);
    std::size_t puts = 0, deletes = 0;
    for (const auto& rec : r.cloudtrail) {
        if (rec.contains("errorCode") || rec["recipientAccountId"] != "111111111111") continue;
        if (rec["eventName"] == "PutBucketPolicy") {
            CHECK(rec["eventCategory"] == "Management");
            CHECK(rec["requestParameters"]["bucketName"] == "b1");
            CHECK(rec["requestParameters"]["bucketPolicy"].is_object());
            ++puts;
        } else if (rec["eventName"] == "DeleteBucketPolicy") {
            CHECK(rec["eventCategory"] == "Management");
            ++deletes;
        }
    }
    CHECK(puts == 2);
    CHECK(deletes == 1);
    // Every call on a bucket's policy names its ?policy subresource ("policy": ""), and a PutBucketPolicy S3 refused
    // logs the document it was sent as the one it took would be: an object (a string only when it is no JSON at all).
    std::size_t refused_puts = 0;
    for (const auto& rec : r.cloudtrail) {
        const std::string event = rec["eventName"];
        if (event.find("BucketPolicy") == std::string::npos) continue;
        CHECK(rec["requestParameters"]["policy"] == "");
        CHECK(rec["additionalEventData"]["SignatureVersion"] == "SigV4");  // management events too
        if (event == "PutBucketPolicy") CHECK(rec["additionalEventData"]["bytesTransferredIn"] > 0);  // the policy's bytes
        if (event != "PutBucketPolicy" || !rec.contains("errorCode")) continue;
        ++refused_puts;
        const nlohmann::json& sent = rec["requestParameters"]["bucketPolicy"];
        CHECK((sent.is_object() || sent == "not json"));
    }
    CHECK(refused_puts >= 5);
}

TEST_CASE("S3: a listing's Prefix is the s3:prefix condition key (reference_policies_examples_s3_home-directory-console)") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "iam:PutUserPolicy", "params": { "UserName": "reader", "PolicyName": "home",
            "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b1\",\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"\",\"home/${aws:username}/*\"]}}}]}" },
          "expect": "allow" },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "Prefix": "home/reader/notes" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "Prefix": "" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "Prefix": "home/admin/" }, "expect": "deny" },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "expect": "deny" })");
    require_all_pass(r, 5);
}

// API_ListObjectsV2: "MaxKeys - Sets the maximum number of keys returned in the response"; "KeyCount will always be
// less than or equal to the MaxKeys field"; "IsTruncated - Set to false if all of the results were returned. Set to
// true if more keys are available to return"; a ContinuationToken goes on where NextContinuationToken left off, and
// StartAfter starts "after this specified key". The sandbox's token is the last entry given, in hexadecimal.
TEST_CASE("S3 listings are paged: MaxKeys, IsTruncated, NextContinuationToken and ContinuationToken, StartAfter, no empty Contents") {
    // "a.txt", b1's first key, in hexadecimal, and the digest that makes it a token S3 gave ("ContinuationToken is
    // obfuscated and is not a real key", API_ListObjectsV2): a token made up from a key is refused.
    const std::string a_txt = "612e747874-4d261303df49d4e0";
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/b.txt", "expect": "allow" },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/dir/c.txt", "expect": "allow" },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "MaxKeys": 1 },
          "expect": { "fields": { "Contents.0.Key": "a.txt", "KeyCount": 1, "MaxKeys": 1, "IsTruncated": true,
                                  "NextContinuationToken": ")" + a_txt + R"(" } } },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1",
          "params": { "MaxKeys": 1, "Delimiter": "/", "ContinuationToken": ")" + a_txt + R"(" },
          "expect": { "fields": { "Contents.0.Key": "b.txt", "KeyCount": 1, "IsTruncated": true } } },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "Delimiter": "/", "StartAfter": "b.txt" },
          "expect": { "fields": { "CommonPrefixes.0.Prefix": "dir/", "KeyCount": 1, "IsTruncated": false } } },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "Prefix": "none/" },
          "expect": { "fields": { "KeyCount": 0, "IsTruncated": false, "MaxKeys": 1000, "Contents": null } } },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "MaxKeys": -1 },
          "expect": { "error": "InvalidArgument", "message_contains": "Provided max-keys not an integer or within integer range" } },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "ContinuationToken": "612e747874" },
          "expect": { "error": "InvalidArgument", "message_contains": "The continuation token provided is incorrect" } })");
    require_all_pass(r, 8);
}

// API_ListObjectsV2, EncodingType: "Amazon S3 includes this element in the response, and returns encoded key name
// values" ("Valid Values: url"); API_DeleteObjects: "up to 1000 keys", and "In quiet mode the response includes only keys
// where the delete operation encountered an error"; API_DeleteBucketEncryption: "HTTP 204"; API_PutObject,
// x-amz-server-side-encryption-bucket-key-enabled: "Indicates whether the uploaded object uses an S3 Bucket Key".
TEST_CASE("S3: a listing's url encoding, DeleteObjects' quiet mode and 1,000 keys, and an upload's S3 Bucket Key") {
    std::string many;
    for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + R"({ "Key": "k)" + std::to_string(i) + R"(" })";
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/f g+h.txt", "expect": "allow" },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "Prefix": "f g", "EncodingType": "url" },
          "expect": { "fields": { "EncodingType": "url", "Prefix": "f+g", "Contents.0.Key": "f+g%2Bh.txt" } } },
        { "actor": "admin", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "EncodingType": "base64" },
          "expect": { "error": "InvalidArgument", "message_contains": "Invalid Encoding Method specified in Request" } },
        { "actor": "admin", "call": "s3:DeleteObjects", "resource": "arn:aws:s3:::b1",
          "params": { "Delete": { "Quiet": true, "Objects": [{ "Key": "a.txt" }] } }, "expect": { "fields": { "Deleted": null } } },
        { "actor": "admin", "call": "s3:DeleteObjects", "resource": "arn:aws:s3:::b1",
          "params": { "Delete": { "Objects": [{ "Key": "a.txt" }] } }, "expect": { "fields": { "Deleted.0.Key": "a.txt" } } },
        { "actor": "admin", "call": "s3:DeleteObjects", "resource": "arn:aws:s3:::b1", "params": { "Delete": { "Objects": [)" + many + R"(] } },
          "expect": { "error": "MalformedXML" } },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/sealed.txt",
          "params": { "Body": "s", "ServerSideEncryption": "aws:kms", "BucketKeyEnabled": true },
          "expect": { "fields": { "ServerSideEncryption": "aws:kms", "BucketKeyEnabled": true } } },
        { "actor": "admin", "call": "s3:HeadObject", "resource": "arn:aws:s3:::b1/sealed.txt", "expect": { "fields": { "BucketKeyEnabled": true } } },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/plain.txt", "params": { "Body": "p", "ServerSideEncryption": "aws:kms" },
          "expect": { "fields": { "BucketKeyEnabled": null } } })");
    require_all_pass(r, 9);
}

// reference_policies_condition-keys: aws:RequestedRegion is "always included in the request context", aws:ViaAWSService
// "always included ... for most services" (false for a direct call), aws:ResourceAccount names the resource's owner.
// The IAM User Guide's home-folder policy tests "s3:delimiter": ["/"]; ListObjects rolls keys that have the delimiter
// after the prefix into CommonPrefixes ("keys that act like subdirectories").
TEST_CASE("every request has aws:RequestedRegion, aws:ViaAWSService and aws:ResourceAccount, and a listing's Delimiter is s3:delimiter") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/home/ana/x", "expect": "allow" },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/home/bo/y", "expect": "allow" },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/home/top", "expect": "allow" },
        { "actor": "admin", "call": "iam:PutUserPolicy", "expect": "allow",
          "params": { "UserName": "reader", "PolicyName": "scoped", "PolicyDocument": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b1",
              "Condition": { "StringEquals": { "s3:prefix": ["", "home/"], "s3:delimiter": ["/"] } } },
            { "Effect": "Deny", "Action": "s3:*", "Resource": "*",
              "Condition": { "StringNotEquals": { "aws:ResourceAccount": "111111111111" } } },
            { "Effect": "Deny", "Action": "s3:*", "Resource": "*",
              "Condition": { "StringNotEquals": { "aws:RequestedRegion": "us-east-1" } } },
            { "Effect": "Deny", "Action": "s3:*", "Resource": "*",
              "Condition": { "Bool": { "aws:ViaAWSService": "true" } } } ] } } },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "Prefix": "home/" },
          "expect": { "error": "AccessDenied" } },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "Prefix": "home/", "Delimiter": "/" },
          "expect": { "fields": { "Contents.0.Key": "home/top", "CommonPrefixes.0.Prefix": "home/ana/",
                                  "CommonPrefixes.1.Prefix": "home/bo/", "KeyCount": 3, "Delimiter": "/" } } },
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::shared/x", "expect": { "error": "AccessDenied" } },
        { "actor": "reader", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/a.txt", "expect": "allow" })");
    require_all_pass(r, 8);
}

// The Service Authorization Reference's S3 keys: s3:max-keys "Filters access by maximum number of keys returned in a
// ListBucket request"; a listing that gives no MaxKeys has no such key, and a Numeric condition on it fails.
TEST_CASE("a listing's MaxKeys is s3:max-keys, whether written as a number or as text") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "iam:PutUserPolicy", "expect": "allow",
          "params": { "UserName": "reader", "PolicyName": "short", "PolicyDocument": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b1",
              "Condition": { "NumericLessThanEquals": { "s3:max-keys": "10" } } } ] } } },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "MaxKeys": 5 }, "expect": "allow" },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "MaxKeys": "10" }, "expect": "allow" },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "params": { "MaxKeys": 50 }, "expect": "deny" },
        { "actor": "reader", "call": "s3:ListBucket", "resource": "arn:aws:s3:::b1", "expect": "deny" })");
    require_all_pass(r, 5);
}

TEST_CASE("CloudTrail: a DurationSeconds the step wrote as text is logged as the number STS read") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops",
          "RoleSessionName": "admin", "DurationSeconds": "900" }, "expect": "allow" })");
    require_all_pass(r, 1);
    REQUIRE(r.cloudtrail.size() == 1);
    CHECK(r.cloudtrail[0]["requestParameters"]["durationSeconds"] == 900);
}

TEST_CASE("CloudTrail: a managed session policy given by its ARN alone is logged as AWS logs one, {\"arn\": ARN}") {
    const auto r = run_steps(R"(
        { "actor": "admin", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops",
          "RoleSessionName": "admin", "PolicyArns": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                                                   {"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}] }, "expect": "allow" })");
    require_all_pass(r, 1);
    REQUIRE(r.cloudtrail.size() == 1);
    CHECK(r.cloudtrail[0]["requestParameters"]["policyArns"] ==
          nlohmann::json::parse(R"([{"arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
                                    {"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}])"));
}

// API_ListObjects: version 1 of the listing, authorized as s3:ListBucket, resumes after a Marker and gives NextMarker
// "only if you have the delimiter request parameter specified"; a listing of MaxKeys 0 is not truncated; the S3 API
// names that are no IAM action are authorized as their permissions (using-with-s3-policy-actions: "Not every S3 API
// operation is represented by a single permission"). They had been authorized as actions no policy can grant.
TEST_CASE("S3: ListObjects (version 1) lists as s3:ListBucket, and S3 API names are authorized as their permissions") {
    require_all_pass(run_text(R"JSON({ "stslab": 1,
  "accounts": { "111111111111": {
    "users": { "lb": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
      { "Effect": "Allow", "Action": ["s3:ListBucket", "s3:ListBucketVersions", "s3:PutObject"], "Resource": ["arn:aws:s3:::bkt", "arn:aws:s3:::bkt/*"] } ] } } } },
    "buckets": { "bkt": { "objects": { "a.txt": "1", "b/c.txt": "2", "b/d.txt": "3", "e.txt": "4" } } } } },
  "actors": { "lb": { "principal": "arn:aws:iam::111111111111:user/lb" } },
  "steps": [
    { "actor": "lb", "call": "s3:ListObjects", "resource": "arn:aws:s3:::bkt", "expect": { "fields": { "Contents.0.Key": "a.txt", "Marker": "", "IsTruncated": false } } },
    { "actor": "lb", "call": "s3:ListObjects", "resource": "arn:aws:s3:::bkt", "params": { "Marker": "a.txt", "Delimiter": "/", "MaxKeys": 1 },
      "expect": { "fields": { "CommonPrefixes.0.Prefix": "b/", "NextMarker": "b/", "IsTruncated": true } } },
    { "actor": "lb", "call": "s3:ListObjectsV2", "resource": "arn:aws:s3:::bkt", "params": { "MaxKeys": 0 }, "expect": { "fields": { "IsTruncated": false, "KeyCount": 0 } } },
    { "actor": "lb", "call": "s3:ListObjectVersions", "resource": "arn:aws:s3:::bkt", "expect": "allow" },
    { "actor": "lb", "call": "s3:CreateMultipartUpload", "resource": "arn:aws:s3:::bkt/big", "expect": "allow" },
    { "actor": "lb", "call": "s3:SelectObjectContent", "resource": "arn:aws:s3:::bkt/a.txt", "expect": { "error": "AccessDenied", "message_contains": "perform: s3:GetObject on resource: arn:aws:s3:::bkt/a.txt" } }
  ] })JSON"), 6);
}

// KMS Developer Guide, resource-control-policies: "Resource control policies in your organization do not apply to AWS
// managed keys. AWS managed keys are created, managed, and used on your behalf by an AWS service, you cannot change or
// manage their permissions." An RCP that denies KMS stops an upload with a customer managed key, not one with aws/s3.
TEST_CASE("SSE-KMS: an RCP reaches a customer managed key but not the AWS managed key aws/s3") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 1,
      "organization": { "management": "111111111111", "accounts": ["222222222222"],
        "rcps": [ { "name": "DenyKMS", "targets": ["222222222222"], "policy": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*" }] } } ] },
      "accounts": {
        "111111111111": {},
        "222222222222": {
          "users": { "admin": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } },
          "kms_keys": { "1234abcd-12ab-34cd-56ef-1234567890ab": {} },
          "buckets": { "b222": { "encryption": { "SSEAlgorithm": "aws:kms" } } } } },
      "actors": { "admin": { "principal": "arn:aws:iam::222222222222:user/admin" } },
      "steps": [
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b222/a.txt", "params": { "Body": "x" }, "expect": "allow" },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b222/b.txt",
          "params": { "Body": "x", "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab" },
          "expect": { "error": "AccessDenied", "message_contains": "explicit deny in a resource control policy" } } ] })");
    require_all_pass(r, 2);
}

// tagging-and-policies: "s3:ExistingObjectTag/<tag-key> – Use this condition key to verify that an existing object tag
// has the specific tag key and value" (its Example 1 lets a principal read only production objects), and "When
// granting permissions for the PUT Object and DELETE Object operations, this condition key is not supported". An
// object keeps the tags it was written with; a copy keeps its source's unless TaggingDirective is REPLACE
// (API_CopyObject).
TEST_CASE("S3: an object's tags are s3:ExistingObjectTag/K of the calls that read it, not of one that deletes it") {
    std::string text = kWorld;
    const std::string b1 = R"("b1": { "objects": { "a.txt": "A" } })";
    text.replace(text.find(b1), b1.size(), R"("b1": {
        "objects": { "prod.txt": { "content": "P", "tags": { "environment": "production" } },
                     "dev.txt": { "content": "D", "tags": { "environment": "dev" } } },
        "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::222222222222:user/carol" }, "Action": ["s3:GetObject", "s3:DeleteObject"],
          "Resource": "arn:aws:s3:::b1/*", "Condition": { "StringEquals": { "s3:ExistingObjectTag/environment": "production" } } }] } })");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/prod.txt", "expect": "allow" },
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/dev.txt", "expect": "deny" },
        { "actor": "admin", "call": "s3:PutObject", "resource": "arn:aws:s3:::b1/new.txt",
          "params": { "Body": "N", "Tagging": "environment=production" }, "expect": "allow" },
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/new.txt", "expect": "allow" },
        { "actor": "admin", "call": "s3:CopyObject", "resource": "arn:aws:s3:::b1/copy.txt", "params": { "CopySource": "b1/prod.txt" }, "expect": "allow" },
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/copy.txt", "expect": "allow" },
        { "actor": "admin", "call": "s3:CopyObject", "resource": "arn:aws:s3:::b1/retagged.txt",
          "params": { "CopySource": "b1/prod.txt", "TaggingDirective": "REPLACE", "Tagging": "environment=dev" }, "expect": "allow" },
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::b1/retagged.txt", "expect": "deny" },
        { "actor": "carol", "call": "s3:DeleteObject", "resource": "arn:aws:s3:::b1/prod.txt", "expect": "deny" })");
    require_all_pass(run_text(text), 9);
}

// An instance's type, as the file gives it, is ec2:InstanceType of the calls on it (the EC2 guide's resource-level
// permissions list the key for StopInstances) and DescribeInstances' InstanceType (API_Instance).
TEST_CASE("EC2: an instance's type is ec2:InstanceType of the calls on it, and DescribeInstances answers it") {
    std::string text = kWorld;
    for (const auto& [instance, type] : {std::pair{"\"i-0000000000000000a\": {", "t3.micro"}, std::pair{"\"i-0000000000000000b\": {", "m5.large"}})
        text.replace(text.find(instance), std::string(instance).size(), std::string(instance) + " \"type\": \"" + type + "\",");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "reader", "call": "sts:AssumeRole", "save": "ops", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "ops" } },
        { "actor": "admin", "call": "iam:PutRolePolicy", "params": { "RoleName": "Ops", "PolicyName": "small-only", "PolicyDocument": {
            "Version": "2012-10-17", "Statement": [{ "Effect": "Deny", "Action": "ec2:StopInstances", "Resource": "*",
              "Condition": { "StringNotLike": { "ec2:InstanceType": "t3.*" } } }] } }, "expect": "allow" },
        { "actor": "reader", "call": "ec2:StopInstances", "using": "ops", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000a", "expect": "allow" },
        { "actor": "reader", "call": "ec2:StopInstances", "using": "ops", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0000000000000000b", "expect": "deny" },
        { "actor": "reader", "call": "ec2:DescribeInstances", "using": "ops", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000b"] },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceType": "m5.large" } } })");
    require_all_pass(run_text(text), 4);
}

// API_DescribeInstances: "If you specify an instance ID that is not valid, an error is returned. If you specify an
// instance that you do not own, it is not included in the output."
TEST_CASE("EC2: DescribeInstances leaves out an instance the caller does not own, and an id that is no instance is an error") {
    std::string text = kWorld;
    text.replace(text.find(R"("buckets": {
        "shared")"), 0, R"("instances": { "i-0000000000000000c": { "region": "eu-west-1" } },
      )");
    text.replace(text.find("STEPS"), 5, R"(
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000c"] },
          "expect": { "fields": { "Reservations": [] } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000a", "i-0000000000000000c"] },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000a", "Reservations.1": null } } },
        { "actor": "carol", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000c"] },
          "expect": { "fields": { "Reservations.0.Instances.0.InstanceId": "i-0000000000000000c" } } },
        { "actor": "admin", "call": "ec2:DescribeInstances", "params": { "Region": "eu-west-1", "InstanceIds": ["i-0000000000000000d"] },
          "expect": { "error": "InvalidInstanceID.NotFound", "message_contains": "The instance ID 'i-0000000000000000d' does not exist" } })");
    require_all_pass(run_text(text), 4);
}
