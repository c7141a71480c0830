// Calls the sandbox authorizes as AWS would without carrying them out ("dynamodb:GetItem", "iam:GetUser",
// "s3:GetBucketTagging"): the same evaluation as every simulated call, the refusal each service gives, a CloudTrail
// record, and no change to the world.
#include "aws/services.hpp"
#include "aws_test_util.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

const std::string kAuthorizationOnlyWorld = R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z", "seed": 5,
  "accounts": {
    "111111111111": {
      "users": {
        "alice": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Action": ["dynamodb:GetItem", "iam:Get*", "s3:GetBucketTagging", "ec2:StopInstances", "ec2:GetConsoleOutput", "kms:Decrypt"], "Resource": "*" },
          { "Effect": "Allow", "Action": "iam:UpdateRoleDescription", "Resource": "*", "Condition": { "StringEquals": { "iam:ResourceTag/team": "alice" } } },
          { "Effect": "Allow", "Action": "dynamodb:Scan", "Resource": "*", "Condition": { "StringEquals": { "aws:RequestedRegion": "eu-west-1" } } },
          { "Effect": "Allow", "Action": "sts:GetFederationToken", "Resource": "*" },
          { "Effect": "Allow", "Action": "ec2:RebootInstances", "Resource": "*", "Condition": { "StringEquals": { "ec2:ResourceTag/env": "dev" } } },
          { "Effect": "Allow", "Action": "iam:TagRole", "Resource": "*",
            "Condition": { "StringEquals": { "aws:RequestTag/team": "alice" }, "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } } },
          { "Effect": "Allow", "Action": "iam:UntagPolicy", "Resource": "*",
            "Condition": { "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } } },
          { "Effect": "Allow", "Action": ["iam:PassRole", "s3:CreateBucket", "cloudwatch:GetMetricData", "s3:ListAllMyBuckets", "kms:Encrypt"], "Resource": "*" } ] } } }
      },
      "roles": {
        "Mine": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] },
                  "tags": { "team": "alice" } },
        "Theirs": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] },
                    "tags": { "team": "bob" } }
      },
      "instances": { "i-00000000000000001": { "region": "eu-west-1", "tags": { "env": "dev" } },
                     "i-00000000000000002": { "region": "eu-west-1", "tags": { "env": "prod" } } }
    },
    "222222222222": {
      "buckets": {
        "shared": { "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::111111111111:root" }, "Action": "s3:GetBucketTagging", "Resource": "arn:aws:s3:::shared" }] } },
        "closed": {}
      },
      "instances": { "i-0123456789abcdef0": {} }
    }
  },
  "actors": {
    "alice": { "principal": "arn:aws:iam::111111111111:user/alice" },
    "KMS": { "principal": "arn:aws:iam::111111111111:user/alice" },
    "KMS service": { "kind": "anonymous" }
  },
  "steps": [ STEPS ]
})";

RunResult run_authorization_only(const std::string& steps) { return run_with_steps(kAuthorizationOnlyWorld, steps); }

}  // namespace

TEST_CASE("authorization only: any SERVICE:Action in AWS's form that the sandbox does not simulate, and only that") {
    using aws::authorization_only_operation;
    CHECK(authorization_only_operation("dynamodb:GetItem"));
    CHECK(authorization_only_operation("execute-api:Invoke"));
    CHECK(authorization_only_operation("iam:CreateLoginProfile"));
    CHECK_FALSE(authorization_only_operation("iam:CreateRole"));    // simulated
    CHECK(authorization_only_operation("s3:GetBucketTagging"));
    CHECK_FALSE(authorization_only_operation("s3:GetObject"));       // simulated
    CHECK_FALSE(authorization_only_operation("sts:GetAccessKeyInfo"));  // STS is simulated call by call
    CHECK_FALSE(authorization_only_operation("console:Anything"));
    CHECK_FALSE(authorization_only_operation("dynamodb:getItem"));   // an action begins with a capital letter
    CHECK_FALSE(authorization_only_operation("DynamoDB:GetItem"));   // a service prefix is lower case
    CHECK_FALSE(authorization_only_operation("dynamodb:Get*"));
    CHECK_FALSE(authorization_only_operation("dynamodb:"));
    CHECK_FALSE(authorization_only_operation("-:Get"));
    CHECK_FALSE(authorization_only_operation("x-:Get"));
    CHECK_FALSE(authorization_only_operation("send"));
}

TEST_CASE("authorization only: allowed by the identity policy it succeeds with an empty answer, and changes nothing") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "dynamodb:GetItem", "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/T", "expect": "allow" },
        { "actor": "alice", "call": "kms:Decrypt", "expect": "allow" },
        { "actor": "alice", "call": "dynamodb:PutItem", "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/T",
          "expect": { "error": "AccessDeniedException", "message_contains": "is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111111111111:table/T because no identity-based policy allows" } })");
    require_all_pass(r, 3);
    // The decision says the call was not carried out; a call naming no resource is authorized on "*".
    CHECK(count_events(r, TraceKind::Decision, "ALLOW dynamodb:GetItem on arn:aws:dynamodb:us-east-1:111111111111:table/T (authorized only") == 1);
    CHECK(count_events(r, TraceKind::Decision, "ALLOW kms:Decrypt on * (authorized only") == 1);
    CHECK(count_events(r, TraceKind::WorldChanged) == 0);
}

// Users have recorded AWS's refusals many times: "is not authorized to perform: iam:ListUsers on resource:
// arn:aws:iam::ACCOUNT:user/ because no identity-based policy allows the iam:ListUsers action", and ListRoles on
// arn:aws:iam::ACCOUNT:role/, with a PathPrefix after the slash (".../role/aws-service-role/opensearchservice...").
// A policy may grant the listing on that path.
TEST_CASE("authorization only: IAM lists users and roles on the path of the caller's account, not on *") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "iam:ListUsers",
          "expect": { "error": "AccessDenied", "message_contains": "is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::111111111111:user/ because no identity-based policy allows the iam:ListUsers action" } },
        { "actor": "alice", "call": "iam:ListRoles", "params": { "PathPrefix": "/aws-service-role/" },
          "expect": { "error": "AccessDenied", "message_contains": "iam:ListRoles on resource: arn:aws:iam::111111111111:role/aws-service-role/ because" } },
        { "actor": "alice", "call": "iam:ListUsers", "params": { "PathPrefix": 7 }, "expect": "deny" })");
    require_all_pass(r, 3);
    // Granted on the path: the listing is a call on arn:aws:iam::ACCOUNT:role/PATH.
    const std::string world = R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "ops": { "policies": { "p": {
        "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "iam:ListRoles", "Resource": "arn:aws:iam::111111111111:role/app/*" }] } } } } } },
      "actors": { "ops": { "principal": "arn:aws:iam::111111111111:user/ops" } },
      "steps": [ STEPS ] })";
    const auto granted = run_with_steps(world, R"(
        { "actor": "ops", "call": "iam:ListRoles", "params": { "PathPrefix": "/app/" }, "expect": "allow" },
        { "actor": "ops", "call": "iam:ListRoles", "expect": "deny" })");
    require_all_pass(granted, 2);
}

TEST_CASE("authorization only: another account's resource needs a resource-based policy, as every cross-account request does") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "dynamodb:GetItem", "resource": "arn:aws:dynamodb:us-east-1:222222222222:table/T", "expect": "deny" },
        { "actor": "alice", "call": "s3:GetBucketTagging", "resource": "arn:aws:s3:::shared", "expect": "allow" },
        { "actor": "alice", "call": "s3:GetBucketTagging", "resource": "arn:aws:s3:::closed", "expect": { "error": "AccessDenied", "message_contains": "Access Denied" } },
        { "actor": "alice", "call": "s3:GetBucketTagging", "resource": "arn:aws:s3:::nowhere", "expect": { "error": "NoSuchBucket" } },
        { "actor": "alice", "call": "s3:GetAccessPointPolicy", "resource": "arn:aws:s3:us-east-1:111111111111:accesspoint/ap", "expect": "deny" })");
    // The last is an access point's ARN, not a bucket's: decided in its own account, with no bucket looked up.
    require_all_pass(r, 5);
}

TEST_CASE("authorization only: EC2 refuses with UnauthorizedOperation and an encoded message, as its simulated calls do") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "ec2:RunInstances", "resource": "arn:aws:ec2:us-east-1:111111111111:instance/*", "save": "why",
          "expect": { "error": "UnauthorizedOperation", "message_contains": "Encoded authorization failure message: " } },
        { "actor": "alice", "call": "ec2:StopInstances", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-00000000000000002", "expect": "allow" },
        { "actor": "alice", "call": "ec2:GetConsoleOutput", "resource": "arn:aws:ec2:eu-west-1:111111111111:instance/i-00000000000000002", "expect": "allow" })");
    require_all_pass(r, 3);
    CHECK(r.world.instances.at("i-00000000000000002").state == "stopped");  // GetConsoleOutput: authorized, not carried out
}

// reference_policies_condition-keys, aws:ResourceTag/tag-key: "This key is included in the request context when the
// requested resource already has attached tags or in requests that create a resource with an attached tag".
TEST_CASE("authorization only: RunInstances carries the instance's launch tags as aws:ResourceTag, the instance being created with them") {
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 3, "start": "2026-01-01T00:00:00Z",
      "accounts": { "222222222222": { "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
        { "Effect": "Allow", "Action": "ec2:RunInstances", "NotResource": "arn:aws:ec2:*:*:instance/*" },
        { "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
          "Condition": { "StringEquals": { "aws:ResourceTag/team": "web" } } },
        { "Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*" } ] } } } } } },
      "actors": { "dev": { "principal": "arn:aws:iam::222222222222:user/dev" } },
      "steps": [
        { "actor": "dev", "call": "ec2:RunInstances", "expect": "allow", "params": { "ImageId": "ami-12345678", "InstanceType": "t3.micro",
          "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "team", "Value": "web" }] }] } },
        { "actor": "dev", "call": "ec2:RunInstances", "expect": "deny", "params": { "ImageId": "ami-12345678", "InstanceType": "t3.micro",
          "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "team", "Value": "db" }] }] } },
        { "actor": "dev", "call": "ec2:RunInstances", "expect": "deny", "params": { "ImageId": "ami-12345678", "InstanceType": "t3.micro",
          "TagSpecifications": [{ "ResourceType": "volume", "Tags": [{ "Key": "team", "Value": "web" }] }] } }
      ] })");
    require_all_pass(r, 3);
}

// id_roles_use_passrole: "To pass a role (and its permissions) to an AWS service, a user must have permissions to pass
// the role to the service"; a launch refused for it is UnauthorizedOperation, whose decoded message names
// iam:PassRole (Knowledge Center ec2-not-auth-launch).
TEST_CASE("authorization only: RunInstances with an instance profile also needs iam:PassRole on its role, for EC2") {
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 4, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": {
        "users": {
          "ops": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*" },
            { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringEquals": { "iam:PassedToService": "ec2.amazonaws.com" } } } ] } } },
          "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["ec2:RunInstances", "sts:DecodeAuthorizationMessage"], "Resource": "*" },
            { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": { "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } } } ] } } } },
        "roles": {
          "WebAppRole": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }] } } } } },
      "actors": { "ops": { "principal": "arn:aws:iam::111111111111:user/ops" }, "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "IamInstanceProfile": { "Name": "WebAppRole" } }, "expect": "allow" },
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "IamInstanceProfile": { "Arn": "arn:aws:iam::111111111111:instance-profile/WebAppRole" } }, "expect": "allow" },
        { "actor": "dev", "call": "ec2:RunInstances", "save": "why", "params": { "IamInstanceProfile": { "Name": "WebAppRole" } },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "User: arn:aws:iam::111111111111:user/dev is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111111111111:role/WebAppRole because no identity-based policy allows the iam:PassRole action. Encoded authorization failure message: " } },
        { "actor": "dev", "call": "sts:DecodeAuthorizationMessage", "params": { "EncodedMessage": "@why" }, "expect": "allow" },
        { "actor": "dev", "call": "ec2:RunInstances", "params": { "IamInstanceProfile": { "Name": "Nope" } },
          "expect": { "error": "InvalidParameterValue", "message_contains": "Value (Nope) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name" } },
        { "actor": "dev", "call": "ec2:RunInstances", "params": { "ImageId": "ami-0abcdef1234567890" }, "expect": "allow" }
      ] })");
    require_all_pass(r, 6);
    // The decoded message is the iam:PassRole decision, with the service it was to be passed to.
    std::string decoded;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Sent && r.trace->data(i).dump().find("DecodedMessage") != std::string::npos)
            decoded = r.trace->data(i).dump();
    CHECK(decoded.find("iam:PassRole") != std::string::npos);
    CHECK(decoded.find("lambda") == std::string::npos);
    CHECK(decoded.find("ec2.amazonaws.com") != std::string::npos);
}

// ExamplePolicies_EC2, "Require the use of IMDSv2": "you can't call the RunInstances API unless the instance is also
// opted in to require the use of IMDSv2 (indicated by "ec2:MetadataHttpTokens": "required")", and the hop limit
// "can't be more than 3"; the guide's resource-level permissions give RunInstances' instance ec2:InstanceProfile and
// Start/Stop/TerminateInstances' instance ec2:AvailabilityZone; attaching or replacing an instance's role passes it
// (permission-to-pass-iam-roles: iam:PassRole with ec2:AssociateIamInstanceProfile, ...).
TEST_CASE("authorization only: EC2 calls carry the instance's metadata options, instance profile and Availability Zone, and attaching a role needs iam:PassRole") {
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 4, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": {
        "users": {
          "ops": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:StopInstances", "ec2:AssociateIamInstanceProfile",
                                            "ec2:ReplaceIamInstanceProfileAssociation"], "Resource": "*" },
            { "Sid": "RequireImdsV2", "Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
              "Condition": { "StringNotEquals": { "ec2:MetadataHttpTokens": "required" } } },
            { "Sid": "MaxImdsHopLimit", "Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
              "Condition": { "NumericGreaterThan": { "ec2:MetadataHttpPutResponseHopLimit": "3" } } },
            { "Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
              "Condition": { "ArnNotEquals": { "ec2:InstanceProfile": "arn:aws:iam::111111111111:instance-profile/WebAppRole" } } },
            { "Effect": "Deny", "Action": "ec2:StopInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
              "Condition": { "StringNotEquals": { "ec2:AvailabilityZone": "eu-west-1a" } } },
            { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111111111111:role/WebAppRole" } ] } } } },
        "roles": {
          "WebAppRole": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }] } },
          "AdminRole": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }] } } },
        "instances": { "i-00000000000000001": { "region": "eu-west-1" }, "i-00000000000000002": { "region": "us-east-1" } } } },
      "actors": { "ops": { "principal": "arn:aws:iam::111111111111:user/ops" } },
      "steps": [
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "IamInstanceProfile": { "Name": "WebAppRole" },
          "MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 2 } }, "expect": "allow" },
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "IamInstanceProfile": { "Name": "WebAppRole" } },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "with an explicit deny" } },
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "IamInstanceProfile": { "Name": "WebAppRole" },
          "MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 5 } }, "expect": { "error": "UnauthorizedOperation" } },
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "MetadataOptions": { "HttpTokens": "required" } },
          "expect": { "error": "UnauthorizedOperation" } },
        { "actor": "ops", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-00000000000000001"], "Region": "eu-west-1" }, "expect": "allow" },
        { "actor": "ops", "call": "ec2:StopInstances", "params": { "InstanceIds": ["i-00000000000000002"] }, "expect": { "error": "UnauthorizedOperation" } },
        { "actor": "ops", "call": "ec2:AssociateIamInstanceProfile", "params": { "InstanceId": "i-00000000000000002", "IamInstanceProfile": { "Name": "WebAppRole" } },
          "expect": "allow" },
        { "actor": "ops", "call": "ec2:AssociateIamInstanceProfile", "params": { "InstanceId": "i-00000000000000002", "IamInstanceProfile": { "Name": "AdminRole" } },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "iam:PassRole on resource: arn:aws:iam::111111111111:role/AdminRole" } },
        { "actor": "ops", "call": "ec2:ReplaceIamInstanceProfileAssociation", "params": { "AssociationId": "iip-assoc-0123456789abcdef0",
          "IamInstanceProfile": { "Arn": "arn:aws:iam::111111111111:instance-profile/AdminRole" } },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "iam:PassRole" } }
      ] })");
    require_all_pass(r, 9);
}

// ec2-api-permissions: "the parameters that you specify in the request determine the required permissions for your
// EC2 resources ... you can grant users permission to launch instances, but only of a specific type, and only using a
// specific AMI". AWS's own SCP example (service-control-policy-examples, "Require Amazon EC2 instances to use a
// specific type") denies ec2:RunInstances on arn:aws:ec2:*:*:instance/* unless ec2:InstanceType is one of a list;
// the EC2 guide's tag-on-create policies read aws:RequestTag from TagSpecifications, and tags given at launch need
// ec2:CreateTags too, with ec2:CreateAction (supported-iam-actions-tagging). A step's own resource keeps the keys.
TEST_CASE("authorization only: RunInstances is authorized on the instance it creates, with its type and tags, and on the AMI, subnet, security groups and key pair it names") {
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 4, "start": "2026-01-01T00:00:00Z",
      "organization": { "management": "999999999999", "accounts": ["111111111111"],
        "scps": [{ "name": "RequireMicro", "targets": ["111111111111"], "policy": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
            "Condition": { "StringNotEquals": { "ec2:InstanceType": ["t2.micro", "t3.micro"] } } } ] } }] },
      "accounts": { "999999999999": {}, "111111111111": {
        "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": ["arn:aws:ec2:*::image/ami-11111111", "arn:aws:ec2:*:*:subnet/subnet-aaaa",
                "arn:aws:ec2:*:*:security-group/sg-1111", "arn:aws:ec2:*:*:key-pair/mine"] },
            { "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
              "Condition": { "StringEquals": { "aws:RequestTag/CostCenter": "42" } } },
            { "Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "arn:aws:ec2:*:*:instance/*",
              "Condition": { "StringEquals": { "ec2:CreateAction": "RunInstances" } } } ] } } } } } },
      "actors": { "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [
        { "actor": "dev", "call": "ec2:RunInstances", "expect": "allow", "params": { "ImageId": "ami-11111111", "InstanceType": "t3.micro",
          "SubnetId": "subnet-aaaa", "SecurityGroupIds": ["sg-1111"], "KeyName": "mine",
          "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "CostCenter", "Value": "42" }] }] } },
        { "actor": "dev", "call": "ec2:RunInstances", "params": { "ImageId": "ami-11111111", "InstanceType": "m5.large",
          "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "CostCenter", "Value": "42" }] }] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "on resource: arn:aws:ec2:us-east-1:111111111111:instance/* with an explicit deny in a service control policy" } },
        { "actor": "dev", "call": "ec2:RunInstances", "params": { "ImageId": "ami-11111111", "InstanceType": "t2.micro",
          "TagSpecifications": [{ "ResourceType": "volume", "Tags": [{ "Key": "CostCenter", "Value": "42" }] }] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "on resource: arn:aws:ec2:us-east-1:111111111111:instance/* because no identity-based policy allows" } },
        { "actor": "dev", "call": "ec2:RunInstances", "params": { "ImageId": "ami-22222222", "InstanceType": "t2.micro", "Region": "eu-west-1",
          "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "CostCenter", "Value": "42" }] }] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "on resource: arn:aws:ec2:eu-west-1::image/ami-22222222 because" } },
        { "actor": "dev", "call": "ec2:RunInstances", "params": { "ImageId": "ami-11111111", "InstanceType": "t2.micro", "SecurityGroupIds": ["sg-1111", "sg-2222"],
          "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "CostCenter", "Value": "42" }] }] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "on resource: arn:aws:ec2:us-east-1:111111111111:security-group/sg-2222 because" } },
        { "actor": "dev", "call": "ec2:RunInstances", "params": { "ImageId": "ami-11111111",
          "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "CostCenter", "Value": "42" }] }] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "instance/* with an explicit deny in a service control policy" } },
        { "actor": "dev", "call": "ec2:RunInstances", "params": { "ImageId": "ami-11111111", "InstanceType": "t3.micro",
          "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "CostCenter", "Value": "42" }] },
                                { "ResourceType": "volume", "Tags": [{ "Key": "CostCenter", "Value": "42" }] }] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "not authorized to perform: ec2:CreateTags on resource: arn:aws:ec2:us-east-1:111111111111:volume/* because" } },
        { "actor": "dev", "call": "ec2:RunInstances", "resource": "arn:aws:ec2:us-east-1:111111111111:instance/*",
          "params": { "InstanceType": "m5.large" },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "with an explicit deny in a service control policy" } }
      ] })");
    require_all_pass(r, 8);
}

// id_roles_use_passrole: "To pass a role (and its permissions) to an AWS service, a user must have permissions to
// pass the role to the service", with iam:PassedToService: the classic escalation is a function created with an
// administrator's role.
// reference_policies_iam-condition-keys, iam:AssociatedResourceArn: "Specifies the ARN of the resource to which this
// role will be associated at the destination service", with AWS's example: pass any role to EC2 "to be used with
// instances in the Region us-east-1" (StringLike arn:aws:ec2:us-east-1:111122223333:instance/*).
TEST_CASE("authorization only: passing an instance profile's role carries iam:AssociatedResourceArn, the instance's ARN") {
    const RunResult r = run_text(R"({ "stslab": 1,
      "accounts": { "111111111111": {
        "users": { "ops": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:AssociateIamInstanceProfile"], "Resource": "*" },
          { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
            "Condition": { "StringEquals": { "iam:PassedToService": "ec2.amazonaws.com" },
                           "StringLike": { "iam:AssociatedResourceARN": "arn:aws:ec2:us-east-1:111111111111:instance/*" } } } ] } } } },
        "roles": { "AppRole": { "trust": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" } ] } } },
        "instances": { "i-0aaaaaaaaaaaaaaa1": {}, "i-0bbbbbbbbbbbbbbb2": { "region": "us-west-1" } } } },
      "actors": { "ops": { "principal": "arn:aws:iam::111111111111:user/ops" } },
      "steps": [
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "ImageId": "ami-0abcdef1234567890", "IamInstanceProfile": { "Name": "AppRole" } },
          "expect": "allow" },
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "Region": "us-west-1", "IamInstanceProfile": { "Name": "AppRole" } },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "iam:PassRole" } },
        { "actor": "ops", "call": "ec2:AssociateIamInstanceProfile",
          "params": { "InstanceId": "i-0aaaaaaaaaaaaaaa1", "IamInstanceProfile": { "Name": "AppRole" } }, "expect": "allow" },
        { "actor": "ops", "call": "ec2:AssociateIamInstanceProfile",
          "params": { "InstanceId": "i-0bbbbbbbbbbbbbbb2", "IamInstanceProfile": { "Name": "AppRole" } },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "iam:PassRole" } } ] })");
    require_all_pass(r, 4);
}

TEST_CASE("authorization only: a call that hands a role to its service (lambda:CreateFunction's Role) needs iam:PassRole for that service") {
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": { "111111111111": {
        "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["lambda:CreateFunction", "ecs:RegisterTaskDefinition"], "Resource": "*" },
            { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111111111111:role/LambdaBasic",
              "Condition": { "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" },
                             "ArnLike": { "iam:AssociatedResourceArn": "arn:aws:lambda:us-east-1:111111111111:function:*" } } } ] } } } },
        "roles": {
          "LambdaBasic": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] } },
          "Admin": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] } } } } },
      "actors": { "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [
        { "actor": "dev", "call": "lambda:CreateFunction", "params": { "FunctionName": "f", "Role": "arn:aws:iam::111111111111:role/LambdaBasic" }, "expect": "allow" },
        { "actor": "dev", "call": "lambda:CreateFunction", "params": { "FunctionName": "g", "Role": "arn:aws:iam::111111111111:role/Admin" },
          "expect": { "error": "AccessDeniedException", "message_contains": "is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111111111111:role/Admin because no identity-based policy allows the iam:PassRole action" } },
        { "actor": "dev", "call": "ecs:RegisterTaskDefinition", "params": { "family": "t", "taskRoleArn": "arn:aws:iam::111111111111:role/LambdaBasic" },
          "expect": { "error": "AccessDeniedException", "message_contains": "iam:PassRole on resource: arn:aws:iam::111111111111:role/LambdaBasic" } },
        { "actor": "dev", "call": "lambda:CreateFunction", "params": { "FunctionName": "h" }, "expect": "allow" },
        { "actor": "dev", "call": "lambda:CreateFunction", "resource": "arn:aws:lambda:eu-west-1:111111111111:function:k",
          "params": { "FunctionName": "k", "Role": "arn:aws:iam::111111111111:role/LambdaBasic" },
          "expect": { "error": "AccessDeniedException", "message_contains": "iam:PassRole" } }
      ] })");
    require_all_pass(r, 5);
}

// ExamplePolicies_EC2, "Attaching and detaching volumes": ec2:AttachVolume on instance/* with ec2:ResourceTag and on
// volume/*, each resource authorized on its own; CreateTags on the resources it tags (real CreateTags records log
// them as resourcesSet and tagSet).
TEST_CASE("authorization only: CreateTags' Resources and AttachVolume's InstanceId and VolumeId are each authorized, an instance with its tags") {
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": { "111111111111": {
        "users": { "u": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["ec2:AttachVolume", "ec2:CreateTags"], "Resource": "arn:aws:ec2:us-east-1:111111111111:instance/*",
              "Condition": { "StringEquals": { "ec2:ResourceTag/department": "dev" } } },
            { "Effect": "Allow", "Action": "ec2:AttachVolume", "Resource": "arn:aws:ec2:us-east-1:111111111111:volume/*",
              "Condition": { "StringEquals": { "ec2:ResourceTag/volume_user": "${aws:username}" } } } ] } } } },
        "instances": { "i-0123456789abcdef0": { "tags": { "department": "dev" } }, "i-0123456789abcdef1": { "tags": { "department": "prod" } } } } },
      "actors": { "u": { "principal": "arn:aws:iam::111111111111:user/u" } },
      "steps": [
        { "actor": "u", "call": "ec2:CreateTags", "params": { "Resources": ["i-0123456789abcdef0"], "Tags": [{ "Key": "a", "Value": "b" }] }, "expect": "allow" },
        { "actor": "u", "call": "ec2:CreateTags", "params": { "Resources": ["i-0123456789abcdef0", "i-0123456789abcdef1"], "Tags": [{ "Key": "a", "Value": "b" }] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "instance/i-0123456789abcdef1" } },
        { "actor": "u", "call": "ec2:AttachVolume", "params": { "InstanceId": "i-0123456789abcdef0", "VolumeId": "vol-1234567890abcdef0", "Device": "/dev/sdf" },
          "context": { "ec2:ResourceTag/volume_user": "u" }, "expect": "allow" },
        { "actor": "u", "call": "ec2:AttachVolume", "params": { "InstanceId": "i-0123456789abcdef0", "VolumeId": "vol-1234567890abcdef0", "Device": "/dev/sdf" },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "volume/vol-1234567890abcdef0" } },
        { "actor": "u", "call": "ec2:CreateTags", "params": { "Resources": ["i-0fffffffffffffff0"], "Tags": [{ "Key": "a", "Value": "b" }] },
          "expect": { "error": "InvalidInstanceID.NotFound" } },
        { "actor": "u", "call": "ec2:CreateTags", "params": { "Resources": ["bogus-1"], "Tags": [{ "Key": "a", "Value": "b" }] },
          "expect": { "error": "InvalidID" } }
      ] })");
    require_all_pass(r, 6);
    REQUIRE(!r.cloudtrail.empty());
    CHECK(r.cloudtrail[0]["requestParameters"] == nlohmann::json::parse(
        R"({"resourcesSet": {"items": [{"resourceId": "i-0123456789abcdef0"}]}, "tagSet": {"items": [{"key": "a", "value": "b"}]}})"));
}

TEST_CASE("authorization only: resource tags of the role named and the region of the ARN reach the conditions") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "iam:UpdateRoleDescription", "resource": "arn:aws:iam::111111111111:role/Mine", "expect": "allow" },
        { "actor": "alice", "call": "iam:UpdateRoleDescription", "resource": "arn:aws:iam::111111111111:role/Theirs", "expect": "deny" },
        { "actor": "alice", "call": "dynamodb:Scan", "resource": "arn:aws:dynamodb:eu-west-1:111111111111:table/T", "expect": "allow" },
        { "actor": "alice", "call": "dynamodb:Scan", "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/T", "expect": "deny" },
        { "actor": "alice", "call": "dynamodb:Scan", "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/T",
          "context": { "aws:RequestedRegion": "eu-west-1" }, "expect": "allow" })");
    // The last: a key the step's context gives is the step's value, over the one the ARN gives.
    require_all_pass(r, 5);
}

TEST_CASE("authorization only: what credentials may call at all still holds (facts section 2)") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "sts:GetSessionToken", "save": "nomfa", "expect": "allow" },
        { "actor": "alice", "call": "iam:GetUser", "using": "nomfa", "expect": { "error": "InvalidClientTokenId" } },
        { "actor": "alice", "call": "dynamodb:GetItem", "using": "nomfa", "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/T", "expect": "allow" },
        { "actor": "alice", "call": "sts:GetFederationToken", "params": { "Name": "fed", "Policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } }, "save": "fed", "expect": "allow" },
        { "actor": "alice", "call": "iam:GetUser", "using": "fed", "expect": "deny" })");
    require_all_pass(r, 5);
}

TEST_CASE("authorization only: CloudTrail names the service's endpoint, reads as read-only by the action's verb") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "dynamodb:GetItem", "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/T" },
        { "actor": "alice", "call": "kms:Decrypt" },
        { "actor": "alice", "call": "s3:GetBucketTagging", "resource": "arn:aws:s3:::shared" },
        { "actor": "alice", "call": "kms:Encrypt" },
        { "actor": "alice", "call": "kms:CreateKey" })");
    REQUIRE(r.cloudtrail.size() == 6);  // the cross-account S3 call is in both accounts
    CHECK(r.cloudtrail[4]["readOnly"] == true);  // KMS's ct-encrypt example
    CHECK(r.cloudtrail[5]["readOnly"] == false);
    CHECK(r.cloudtrail[0]["eventSource"] == "dynamodb.amazonaws.com");
    CHECK(r.cloudtrail[0]["eventName"] == "GetItem");
    CHECK(r.cloudtrail[0]["readOnly"] == true);
    CHECK(r.cloudtrail[1]["eventSource"] == "kms.amazonaws.com");
    CHECK(r.cloudtrail[1]["readOnly"] == true);  // as CloudTrail logs KMS's Decrypt
    // A bucket's configuration is a management event (cloudtrail-logging-s3-info).
    CHECK(r.cloudtrail[2]["eventSource"] == "s3.amazonaws.com");
    CHECK(r.cloudtrail[2]["eventCategory"] == "Management");
    CHECK(r.cloudtrail[2]["requestParameters"]["bucketName"] == "shared");
    CHECK(r.cloudtrail[3]["recipientAccountId"] == "222222222222");
}

// EC2's query shape in its records (real RunInstances, RebootInstances and ModifyInstanceAttribute records), with user
// data as "<sensitiveDataRemoved>"; no password (a real CreateLoginProfile record) and no secret's value (Secrets
// Manager's SecretString: "the service does not include it in CloudTrail log entries"); the sandbox's Region is
// the endpoint, awsRegion, not a parameter.
TEST_CASE("authorization only: CloudTrail logs EC2's parameters in its query shape and never a password, a secret or user data") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 3,
      "accounts": { "111111111111": {
        "users": { "ops": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } }, "bob": {} },
        "instances": { "i-0123456789abcdef0": { "region": "eu-west-1" } } } },
      "actors": { "ops": { "principal": "arn:aws:iam::111111111111:user/ops" } },
      "steps": [
        { "actor": "ops", "call": "ec2:RunInstances", "params": { "ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro",
          "MinCount": 1, "MaxCount": 1, "KeyName": "k", "SecurityGroupIds": ["sg-0123456789abcdef0"], "UserData": "ZWNobyBoaQ==",
          "Region": "eu-west-1", "TagSpecifications": [{ "ResourceType": "instance", "Tags": [{ "Key": "env", "Value": "dev" }] }] } },
        { "actor": "ops", "call": "ec2:RebootInstances", "params": { "InstanceIds": ["i-0123456789abcdef0"] } },
        { "actor": "ops", "call": "iam:CreateLoginProfile", "resource": "arn:aws:iam::111111111111:user/bob",
          "params": { "UserName": "bob", "Password": "Hunter2!Hunter2!", "PasswordResetRequired": true } },
        { "actor": "ops", "call": "secretsmanager:CreateSecret", "params": { "Name": "db", "SecretString": "s3cr3t" } } ] })");
    REQUIRE(r.cloudtrail.size() == 4);
    CHECK(r.cloudtrail[0]["awsRegion"] == "eu-west-1");
    CHECK(r.cloudtrail[0]["requestParameters"] == nlohmann::json::parse(R"({
        "instancesSet": { "items": [{ "imageId": "ami-0abcdef1234567890", "keyName": "k", "maxCount": 1, "minCount": 1 }] },
        "instanceType": "t3.micro", "groupSet": { "items": [{ "groupId": "sg-0123456789abcdef0" }] },
        "tagSpecificationSet": { "items": [{ "resourceType": "instance", "tags": [{ "key": "env", "value": "dev" }] }] },
        "userData": "<sensitiveDataRemoved>" })"));
    CHECK(r.cloudtrail[1]["requestParameters"] == nlohmann::json::parse(R"({ "instancesSet": { "items": [{ "instanceId": "i-0123456789abcdef0" }] } })"));
    CHECK(r.cloudtrail[2]["requestParameters"] == nlohmann::json::parse(R"({ "passwordResetRequired": true, "userName": "bob" })"));
    CHECK(r.cloudtrail[3]["requestParameters"] == nlohmann::json::parse(R"({ "name": "db" })"));
}

TEST_CASE("authorization only: each service answers as its own actor, named 'NAME service' when actors have its name") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "kms:Decrypt" },
        { "actor": "alice", "call": "dynamodb:GetItem", "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/T" },
        { "actor": "alice", "call": "iam:GetRole", "resource": "arn:aws:iam::111111111111:role/Mine" })");
    std::vector<std::string> to;
    for (const auto& e : r.trace->events())
        if (e.kind == TraceKind::Sent && r.trace->actor_name(e.from) == "alice") to.push_back(r.trace->actor_name(e.to));
    CHECK(to == std::vector<std::string>{"KMS service service", "DynamoDB", "IAM"});
}

TEST_CASE("authorization only: EC2 instances named by InstanceIds are found in the caller's account and authorized one by one") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "ec2:RebootInstances", "params": { "InstanceIds": ["i-00000000000000001"] }, "expect": "allow" },
        { "actor": "alice", "call": "ec2:RebootInstances", "params": { "InstanceIds": ["i-00000000000000001", "i-00000000000000002"] },
          "expect": { "error": "UnauthorizedOperation", "message_contains": "instance/i-00000000000000002" } },
        { "actor": "alice", "call": "ec2:RebootInstances", "resource": "arn:aws:ec2:us-east-1:222222222222:instance/i-0123456789abcdef0",
          "expect": { "error": "InvalidInstanceID.NotFound" } })");
    require_all_pass(r, 3);
    // Each call went to the instances' region and decided on each instance's ARN, with its tags: the first and the
    // second allowed on i-...1, the second refused on i-...2.
    CHECK(count_events(r, TraceKind::Decision, "ALLOW ec2:RebootInstances on arn:aws:ec2:eu-west-1:111111111111:instance/i-00000000000000001") == 2);
    CHECK(count_events(r, TraceKind::Decision, "DENY ec2:RebootInstances on arn:aws:ec2:eu-west-1:111111111111:instance/i-00000000000000002") == 1);
}

TEST_CASE("authorization only: a KMS key's default key policy lets its account's IAM policies decide, and no other account's") {
    // kms key-policy-default: the default key policy "gives the AWS account that owns the KMS key permission to use
    // IAM policies to allow access to all AWS KMS operations on the KMS key".
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "kms:Decrypt", "resource": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "expect": "allow" },
        { "actor": "alice", "call": "kms:Decrypt", "resource": "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "expect": { "error": "AccessDeniedException" } },
        { "actor": "alice", "call": "kms:ReEncrypt", "resource": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "expect": "deny" })");
    require_all_pass(r, 3);
}

TEST_CASE("authorization only: a JSON-protocol service refuses with AccessDeniedException, naming no resource for an action on none") {
    // CodeCommit speaks AWS's JSON protocol (Common Errors: "AccessDeniedException - You do not have sufficient access
    // to perform this action"); troubleshoot_access-denied words a refusal of codecommit:ListRepositories without
    // "on resource:", the action acting on no particular resource.
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "codecommit:ListRepositories", "resource": "*",
          "expect": { "error": "AccessDeniedException", "message_contains": "is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action" } })");
    require_all_pass(r, 1);
}

TEST_CASE("authorization only: params.Tags and TagKeys are aws:RequestTag and aws:TagKeys") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "iam:TagRole", "resource": "arn:aws:iam::111111111111:role/Mine",
          "params": { "RoleName": "Mine", "Tags": [{ "Key": "team", "Value": "alice" }] }, "expect": "allow" },
        { "actor": "alice", "call": "iam:TagRole", "resource": "arn:aws:iam::111111111111:role/Mine",
          "params": { "RoleName": "Mine", "Tags": [{ "Key": "team", "Value": "alice" }, { "Key": "cost", "Value": "1" }] }, "expect": "deny" },
        { "actor": "alice", "call": "iam:UntagPolicy", "resource": "arn:aws:iam::111111111111:policy/P",
          "params": { "PolicyArn": "arn:aws:iam::111111111111:policy/P", "TagKeys": ["team"] }, "expect": "allow" },
        { "actor": "alice", "call": "iam:UntagPolicy", "resource": "arn:aws:iam::111111111111:policy/P",
          "params": { "PolicyArn": "arn:aws:iam::111111111111:policy/P", "TagKeys": ["team", "cost"] }, "expect": "deny" })");
    require_all_pass(r, 4);
}

TEST_CASE("authorization only: iam:PassRole is a permission, not an IAM call: no CloudTrail event, allowed to GetSessionToken and federated credentials") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "sts:GetSessionToken", "save": "nomfa", "expect": "allow" },
        { "actor": "alice", "call": "iam:PassRole", "using": "nomfa", "resource": "arn:aws:iam::111111111111:role/Mine", "expect": "allow" },
        { "actor": "alice", "call": "sts:GetFederationToken", "save": "fed", "expect": "allow",
          "params": { "Name": "fed", "Policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "iam:*", "Resource": "*" }] } } },
        { "actor": "alice", "call": "iam:PassRole", "using": "fed", "resource": "arn:aws:iam::111111111111:role/Mine", "expect": "allow" },
        { "actor": "alice", "call": "iam:GetRole", "using": "fed", "resource": "arn:aws:iam::111111111111:role/Mine",
          "expect": { "error": "AccessDenied", "message_contains": "federated user credentials can call no IAM operation" } })");
    require_all_pass(r, 5);
    for (const auto& record : r.cloudtrail) CHECK(record["eventName"] != "PassRole");
}

// reference_policies_evaluation-logic, "Example identity-based and resource-based policy evaluation": the statement
// AllowS3ListRead (s3:ListAllMyBuckets on arn:aws:s3:::*) "allows Carlos to view a list of all of the buckets".
TEST_CASE("authorization only: ListAllMyBuckets acts on arn:aws:s3:::*, so AWS's example statement allows it and a bucket ARN does not") {
    const auto r = run_with_steps(R"({
      "stslab": 1, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": { "users": {
        "carlos": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Sid": "AllowS3ListRead", "Effect": "Allow",
          "Action": ["s3:GetBucketLocation", "s3:ListAllMyBuckets"], "Resource": "arn:aws:s3:::*" }] } } },
        "dana": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::carlos-bucket" }] } } } } } },
      "actors": { "carlos": { "principal": "arn:aws:iam::111111111111:user/carlos" },
                  "dana": { "principal": "arn:aws:iam::111111111111:user/dana" } },
      "steps": [ STEPS ] })",
                                 R"(
        { "actor": "carlos", "call": "s3:ListAllMyBuckets", "expect": "allow" },
        { "actor": "carlos", "call": "s3:ListAllMyBuckets", "resource": "*", "expect": "allow" },
        { "actor": "dana", "call": "s3:ListAllMyBuckets",
          "expect": { "error": "AccessDenied", "message_contains": "s3:ListAllMyBuckets on resource: arn:aws:s3:::* because no identity-based policy allows" } })");
    require_all_pass(r, 3);
}

TEST_CASE("authorization only: CreateBucket needs no bucket, ListAllMyBuckets is logged as ListBuckets, CloudWatch as monitoring") {
    const auto r = run_authorization_only(R"(
        { "actor": "alice", "call": "s3:CreateBucket", "resource": "arn:aws:s3:::brand-new", "expect": "allow" },
        { "actor": "alice", "call": "s3:ListAllMyBuckets", "expect": "allow" },
        { "actor": "alice", "call": "cloudwatch:GetMetricData", "expect": "allow" })");
    require_all_pass(r, 3);
    REQUIRE(r.cloudtrail.size() == 3);
    CHECK(r.cloudtrail[1]["eventName"] == "ListBuckets");
    CHECK(r.cloudtrail[2]["eventSource"] == "monitoring.amazonaws.com");
}

// AWS managed policies attached as a scenario would (aws-managed-policy reference pages): a Lambda function's
// execution role with service-role/AWSLambdaBasicExecutionRole writes its logs and nothing else; a key
// administrator with AWSKeyManagementServicePowerUser creates keys, and cannot use them.
TEST_CASE("AWS managed policies of other services, by their ARN with its path, grant what their documents say") {
    const auto r = run_with_steps(R"({
      "stslab": 1, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": {
        "users": { "keys": { "attached": ["arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser"] },
                   "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }] } } } },
        "roles": { "fn": { "attached": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:user/dev" }, "Action": "sts:AssumeRole" }] } } } } },
      "actors": { "keys": { "principal": "arn:aws:iam::111111111111:user/keys" },
                  "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [ STEPS ] })",
                                 R"(
        { "actor": "dev", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/fn", "RoleSessionName": "fn" }, "save": "fn", "expect": "allow" },
        { "actor": "dev", "call": "logs:PutLogEvents", "using": "fn", "resource": "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/f:*", "expect": "allow" },
        { "actor": "dev", "call": "s3:ListAllMyBuckets", "using": "fn", "expect": "deny" },
        { "actor": "keys", "call": "kms:CreateKey", "expect": "allow" },
        { "actor": "keys", "call": "kms:Decrypt", "resource": "arn:aws:kms:us-east-1:111111111111:key/k1", "expect": "deny" })");
    require_all_pass(r, 5);
}

TEST_CASE("authorization only: a declared KMS key's own key policy decides: it may admit another account, and without the root statement IAM policies cannot") {
    // kms key-policies: "Every KMS key must have exactly one key policy ... Unless the key policy explicitly allows it,
    // you cannot use IAM policies to allow access to a KMS key"; key-policy-modifying-external-accounts: "Neither the
    // key policy nor the IAM policy alone is sufficient".
    const auto r = run_text(R"({ "stslab": 1, "seed": 2,
      "accounts": {
        "111111111111": {
          "users": { "owner": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }] } } },
                     "admin": {} },
          "kms_keys": {
            "shared": { "policy": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:root" }, "Action": "kms:*", "Resource": "*" },
              { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": "kms:Decrypt", "Resource": "*" } ] } },
            "locked": { "region": "eu-west-1", "policy": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:user/admin" }, "Action": "kms:*", "Resource": "*" } ] } } } },
        "222222222222": {
          "users": { "partner": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }] } } } } } },
      "actors": { "owner": { "principal": "arn:aws:iam::111111111111:user/owner" }, "partner": { "principal": "arn:aws:iam::222222222222:user/partner" } },
      "steps": [
        { "actor": "partner", "call": "kms:Decrypt", "resource": "arn:aws:kms:us-east-1:111111111111:key/shared", "expect": "allow" },
        { "actor": "partner", "call": "kms:Encrypt", "resource": "arn:aws:kms:us-east-1:111111111111:key/shared", "expect": { "error": "AccessDeniedException" } },
        { "actor": "owner", "call": "kms:Decrypt", "resource": "arn:aws:kms:us-east-1:111111111111:key/shared", "expect": "allow" },
        { "actor": "owner", "call": "kms:Decrypt", "resource": "arn:aws:kms:eu-west-1:111111111111:key/locked", "expect": { "error": "AccessDeniedException" } },
        { "actor": "partner", "call": "kms:Decrypt", "resource": "arn:aws:kms:us-east-1:111111111111:key/undeclared", "expect": { "error": "AccessDeniedException" } }
      ] })");
    require_all_pass(r, 5);
}

// using-with-s3-policy-actions: "Not every S3 API operation is represented by a single permission": a bucket's
// configurations are read with a Get permission and written and deleted with the Put one (API_DeleteBucketReplication:
// "To use this operation, you must have permissions to perform the s3:PutReplicationConfiguration action"), ListBuckets needs
// s3:ListAllMyBuckets, DeleteObjects s3:DeleteObject. A policy naming the API operation names no permission.
TEST_CASE("authorization only: S3 configuration calls are authorized as their permissions, not their API names") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 2,
      "accounts": { "111111111111": {
        "users": {
          "ops": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["s3:PutReplicationConfiguration", "s3:GetLifecycleConfiguration", "s3:PutBucketCORS"], "Resource": "arn:aws:s3:::b1" },
            { "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::*" },
            { "Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b1/tmp/*" } ] } } },
          "literal": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": "s3:PutBucketReplication", "Resource": "*" } ] } } } },
        "buckets": { "b1": {} } } },
      "actors": { "ops": { "principal": "arn:aws:iam::111111111111:user/ops" }, "literal": { "principal": "arn:aws:iam::111111111111:user/literal" } },
      "steps": [
        { "actor": "ops", "call": "s3:PutBucketReplication", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "ops", "call": "s3:DeleteBucketReplication", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "ops", "call": "s3:GetBucketReplication", "resource": "arn:aws:s3:::b1", "expect": "deny" },
        { "actor": "ops", "call": "s3:GetBucketLifecycleConfiguration", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "ops", "call": "s3:DeleteBucketLifecycle", "resource": "arn:aws:s3:::b1", "expect": "deny" },
        { "actor": "ops", "call": "s3:DeleteBucketCors", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "ops", "call": "s3:ListBuckets", "expect": "allow" },
        { "actor": "ops", "call": "s3:DeleteObjects", "resource": "arn:aws:s3:::b1", "expect": { "fields": { "Deleted": [{ "Key": "tmp/x" }] } },
          "params": { "Delete": { "Objects": [{ "Key": "tmp/x" }, { "Key": "keep/y" }] } } },
        { "actor": "ops", "call": "s3:DeleteObjects", "resource": "arn:aws:s3:::b1", "expect": { "error": "MalformedXML" } },
        { "actor": "literal", "call": "s3:PutBucketReplication", "resource": "arn:aws:s3:::b1",
          "expect": { "error": "AccessDenied", "message_contains": "s3:PutReplicationConfiguration" } }
      ] })");
    require_all_pass(r, 10);
    CHECK(count_events(r, TraceKind::Decision, "ALLOW s3:PutReplicationConfiguration on arn:aws:s3:::b1 (authorized only") == 2);
    CHECK(count_events(r, TraceKind::Decision, "ALLOW s3:ListAllMyBuckets on arn:aws:s3:::* (authorized only") == 1);
    // DeleteObjects answers key by key: each key its own s3:DeleteObject on its object, the refused one an error.
    CHECK(count_events(r, TraceKind::Decision, "ALLOW s3:DeleteObject on arn:aws:s3:::b1/tmp/x (a key DeleteObjects lists") == 1);
    CHECK(count_events(r, TraceKind::Decision, "DENY s3:DeleteObject on arn:aws:s3:::b1/keep/y (a key DeleteObjects lists") == 1);
    // CloudTrail: an object-level DeleteObjects is a data event.
    const auto deletes = std::find_if(r.cloudtrail.begin(), r.cloudtrail.end(), [](const auto& e) { return e["eventName"] == "DeleteObjects"; });
    REQUIRE(deletes != r.cloudtrail.end());
    CHECK((*deletes)["eventCategory"] == "Data");
}

// API_GetObjectAttributes: "If you do not pass a version ID in your request, you need the s3:GetObject and
// s3:GetObjectAttributes permissions"; API_GetObjectTagging: "To retrieve tags of any other version ... You also need
// permission for the s3:GetObjectVersionTagging action"; API_UploadPartCopy: "you must have the s3:GetObject permission
// to read the source object"; cloudtrail-logging-s3-info lists PutBucketLifecycle and PutBucketPublicAccessBlock as the
// event names of the newer API operations.
TEST_CASE("authorization only: S3 calls that need two permissions, a version's permission, or a source read, and S3's event names") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 2,
      "accounts": { "111111111111": {
        "users": {
          "attrs": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["s3:GetObjectAttributes", "s3:GetObjectTagging", "s3:PutObject", "s3:PutLifecycleConfiguration",
                                            "s3:PutBucketPublicAccessBlock"], "Resource": ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"] } ] } } },
          "reader": { "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectAttributes", "s3:GetObjectVersionTagging", "s3:PutObject"], "Resource": "arn:aws:s3:::b1/*" } ] } } } },
        "buckets": { "b1": { "objects": { "k": "v" } } } } },
      "actors": { "attrs": { "principal": "arn:aws:iam::111111111111:user/attrs" }, "reader": { "principal": "arn:aws:iam::111111111111:user/reader" } },
      "steps": [
        { "actor": "attrs", "call": "s3:GetObjectAttributes", "resource": "arn:aws:s3:::b1/k", "expect": { "error": "AccessDenied", "message_contains": "s3:GetObject " } },
        { "actor": "reader", "call": "s3:GetObjectAttributes", "resource": "arn:aws:s3:::b1/k", "expect": "allow" },
        { "actor": "attrs", "call": "s3:GetObjectTagging", "resource": "arn:aws:s3:::b1/k", "expect": "allow" },
        { "actor": "attrs", "call": "s3:GetObjectTagging", "resource": "arn:aws:s3:::b1/k", "params": { "VersionId": "null" },
          "expect": { "error": "AccessDenied", "message_contains": "s3:GetObjectVersionTagging" } },
        { "actor": "reader", "call": "s3:GetObjectTagging", "resource": "arn:aws:s3:::b1/k", "params": { "VersionId": "null" }, "expect": "allow" },
        { "actor": "attrs", "call": "s3:UploadPartCopy", "resource": "arn:aws:s3:::b1/copy", "params": { "CopySource": "b1/k", "UploadId": "u", "PartNumber": 1 },
          "expect": { "error": "AccessDenied", "message_contains": "s3:GetObject on resource: arn:aws:s3:::b1/k" } },
        { "actor": "reader", "call": "s3:UploadPartCopy", "resource": "arn:aws:s3:::b1/copy", "params": { "CopySource": "b1/k", "UploadId": "u", "PartNumber": 1 },
          "expect": "allow" },
        { "actor": "attrs", "call": "s3:PutBucketLifecycleConfiguration", "resource": "arn:aws:s3:::b1", "expect": "allow" },
        { "actor": "attrs", "call": "s3:PutPublicAccessBlock", "resource": "arn:aws:s3:::b1", "expect": "allow" }
      ] })");
    require_all_pass(r, 9);
    std::vector<std::string> names;
    for (const auto& e : r.cloudtrail) names.push_back(e["eventName"].get<std::string>());
    CHECK(std::count(names.begin(), names.end(), "PutBucketLifecycle") == 1);
    CHECK(std::count(names.begin(), names.end(), "PutBucketPublicAccessBlock") == 1);
    CHECK(std::count(names.begin(), names.end(), "PutBucketLifecycleConfiguration") == 0);
}

TEST_CASE("authorization only: IAM's calls on a user's credentials act on the named user, else on the caller, so that the "
          "IAM guide's self-service policy on user/${aws:username} works as written (reference_policies_examples_iam_credentials_console)") {
    const std::string world = R"({ "stslab": 1, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": { "users": {
        "mary": { "path": "/staff/", "policies": { "self": { "Version": "2012-10-17", "Statement": [{ "Sid": "AllowManageOwnAccessKeys",
          "Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey",
          "iam:GetAccessKeyLastUsed"], "Resource": "arn:aws:iam::*:user/${aws:username}" }, { "Sid": "AllowViewAccountInfo",
          "Effect": "Allow", "Action": ["iam:GetLoginProfile", "iam:ListMFADevices"], "Resource": "arn:aws:iam::*:user/staff/${aws:username}" }] } } },
        "jorge": {} },
        "roles": { "Ops": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "AWS": "arn:aws:iam::111111111111:user/staff/mary" }, "Action": "sts:AssumeRole" }] },
          "policies": { "read": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "iam:List*", "Resource": "*" }] } } } } } },
      "actors": { "mary": { "principal": "arn:aws:iam::111111111111:user/staff/mary" } },
      "steps": [
        // Her ARN has her path: user/${aws:username} names only users without one.
        { "actor": "mary", "call": "iam:ListAccessKeys", "expect": "deny" },
        { "actor": "mary", "call": "iam:ListMFADevices", "expect": "allow" },
        { "actor": "mary", "call": "iam:GetLoginProfile", "params": { "UserName": "mary" }, "expect": "allow" },
        { "actor": "mary", "call": "iam:GetLoginProfile", "params": { "UserName": "jorge" },
          "expect": { "error": "AccessDenied", "message_contains": "on resource: arn:aws:iam::111111111111:user/jorge" } },
        { "actor": "mary", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Ops", "RoleSessionName": "mary" },
          "save": "ops" },
        // "If a temporary access key is used, then UserName is required" (API_ListAccessKeys): a role has no user.
        { "actor": "mary", "using": "ops", "call": "iam:ListMFADevices",
          "expect": { "error": "ValidationError", "message_contains": "Must specify userName when calling with non-User credentials" } },
        { "actor": "mary", "using": "ops", "call": "iam:ListMFADevices", "params": { "UserName": "mary" }, "expect": "allow" } ] })";
    require_all_pass(run_text(world), 6);
}

// kms-api-permissions-reference lists kms:CallerAccount among the "Conditions for KMS key operations": a call on a key
// carries the caller's account, so a key policy that lets only its own account in works for a direct call too.
TEST_CASE("authorization only: a KMS call on a key carries kms:CallerAccount") {
    const RunResult r = run_text(R"({ "stslab": 1,
      "accounts": { "111111111111": {
        "users": { "fay": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }] } } } },
        "kms_keys": { "7777aaaa-12ab-34cd-56ef-1234567890ab": { "policy": { "Version": "2012-10-17", "Statement": [
          { "Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:root" }, "Action": "kms:*", "Resource": "*" },
          { "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*",
            "Condition": { "StringNotEquals": { "kms:CallerAccount": "111111111111" } } } ] } } } } },
      "actors": { "fay": { "principal": "arn:aws:iam::111111111111:user/fay" } },
      "steps": [ { "actor": "fay", "call": "kms:Decrypt", "resource": "arn:aws:kms:us-east-1:111111111111:key/7777aaaa-12ab-34cd-56ef-1234567890ab",
                   "expect": "allow" } ] })");
    require_all_pass(r, 1);
}
