// The request context the services build, key by key, against AWS's pages: reference_policies_condition-keys (global
// keys and when each is present), reference_policies_iam-condition-keys (iam:ResourceTag, iam:PolicyARN),
// reference_policies_variables (the principal key values, the anonymous caller's among them).
#include "aws_test_util.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

// An organization: the management account 111111111111 and the member 222222222222; 333333333333 is outside it.
// Tagged and untagged roles and users, a bucket in each account, and AWS managed ReadOnlyAccess to attach.
std::string context_world(const std::string& policies, const std::string& steps) {
    return R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z", "seed": 5,
  "organization": { "management": "111111111111", "accounts": ["222222222222"] },
  "accounts": {
    "111111111111": {
      "users": {
        "ana": { "tags": { "Project": "ExampleCorpABC" }, "policies": { "p": )" + policies + R"( } },
        "bo": { "tags": { "Project": "Other" } }
      },
      "roles": {
        "Tagged": { "tags": { "Project": "ExampleCorpABC" },
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] } },
        "Untagged": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] } }
      },
      "buckets": { "home": { "objects": { "k": "v" } } }
    },
    "222222222222": { "buckets": { "member": { "objects": { "k": "v" },
      "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::member/*" }] } } } },
    "333333333333": {
      "roles": { "Outside": {
        "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] } } },
      "buckets": { "outside": { "objects": { "k": "v" },
      "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::outside/*", "Condition": { "StringEquals": { "aws:PrincipalType": "Anonymous",
          "aws:PrincipalAccount": "anonymous", "aws:userid": "anonymous" }, "Null": { "aws:PrincipalIsAWSService": "true" } } }] } } } }
  },
  "actors": {
    "ana": { "principal": "arn:aws:iam::111111111111:user/ana" },
    "browser": { "kind": "anonymous" }
  },
  "steps": [ )" + steps + R"( ]
})";
}

// The request context of the run's `n`th decision, as its trace records it.
nlohmann::json decision_context(const RunResult& r, std::size_t n) {
    const auto& events = r.trace->events();
    for (std::size_t i = 0; i < events.size(); ++i)
        if (events[i].kind == TraceKind::Decision && n-- == 0) return r.trace->data(i)["context"];
    return nullptr;
}

std::string allow(const std::string& action, const std::string& condition) {
    return R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ")" + action +
           R"(", "Resource": "*", "Condition": )" + condition + " }] }";
}

}  // namespace

// reference_policies_examples_iam-assume-tagged-role: "allows an IAM user to assume roles with the tag key-value pair
// Project = ExampleCorpABC"; the ABAC tutorial matches the role's tags to the user's with ${aws:PrincipalTag/...}.
TEST_CASE("a role's tags are iam:ResourceTag and aws:ResourceTag when it is assumed: AWS's assume-tagged-role example") {
    for (const char* key : {"iam:ResourceTag/Project", "aws:ResourceTag/Project"}) {
        CAPTURE(key);
        const auto r = run_text(context_world(
            allow("sts:AssumeRole", std::string(R"({ "StringEquals": { ")") + key + R"(": "${aws:PrincipalTag/Project}" } })"),
            R"({ "actor": "ana", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Tagged", "RoleSessionName": "ana" }, "expect": "allow" },
               { "actor": "ana", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Untagged", "RoleSessionName": "ana" },
                 "expect": { "error": "AccessDenied", "message_contains": "because no identity-based policy allows the sts:AssumeRole action" } })"));
        require_all_pass(r, 2);
        const nlohmann::json first = decision_context(r, 0), second = decision_context(r, 1);
        CHECK(first["iam:ResourceTag/Project"] == "ExampleCorpABC");
        CHECK(first["aws:ResourceTag/Project"] == "ExampleCorpABC");
        CHECK_FALSE(second.contains("iam:ResourceTag/Project"));  // Untagged
    }
}

// access_iam-tags: "Control access to user or role resources based on their tags ... iam:ResourceTag/key-name";
// reference_policies_iam-condition-keys: iam:PolicyARN "in requests that involve a managed policy".
TEST_CASE("IAM calls see the user's or role's tags as iam:ResourceTag, and AttachRolePolicy's policy as iam:PolicyARN") {
    const std::string policies = R"({ "Version": "2012-10-17", "Statement": [
        { "Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*", "Condition": { "StringEquals": { "iam:ResourceTag/Project": "ExampleCorpABC" } } },
        { "Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": { "ArnEquals": { "iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess" } } } ] })";
    const std::string doc = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] })";
    const auto r = run_text(context_world(policies,
        R"({ "actor": "ana", "call": "iam:PutUserPolicy", "params": { "UserName": "ana", "PolicyName": "x", "PolicyDocument": )" + doc + R"( }, "expect": "allow" },
           { "actor": "ana", "call": "iam:PutUserPolicy", "params": { "UserName": "bo", "PolicyName": "x", "PolicyDocument": )" + doc + R"( }, "expect": { "error": "AccessDenied" } },
           { "actor": "ana", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Tagged", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess" }, "expect": "allow" },
           { "actor": "ana", "call": "iam:AttachRolePolicy", "params": { "RoleName": "Tagged", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess" },
             "expect": { "error": "AccessDenied" } })"));
    require_all_pass(r, 4);
    CHECK(decision_context(r, 0)["iam:ResourceTag/Project"] == "ExampleCorpABC");  // ana
    CHECK(decision_context(r, 1)["iam:ResourceTag/Project"] == "Other");           // bo
    CHECK(decision_context(r, 2)["iam:PolicyARN"] == "arn:aws:iam::aws:policy/ReadOnlyAccess");
    CHECK(decision_context(r, 3)["iam:PolicyARN"] == "arn:aws:iam::aws:policy/AdministratorAccess");
}

// aws:PrincipalOrgPaths and aws:ResourceOrgID/aws:ResourceOrgPaths are "included in the request context only if" the
// principal's or the resource's account "is a member of an organization"; the format has no OUs, so an account's path
// is the organization's root: "o-a1b2c3d4e5/r-ab12/". AWS's example: Deny unless aws:ResourceOrgID is the caller's own.
TEST_CASE("aws:PrincipalOrgPaths, aws:ResourceOrgID and aws:ResourceOrgPaths name the organization's root, only inside it") {
    const std::string policies = R"({ "Version": "2012-10-17", "Statement": [
        { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-*/r-*/", "aws:ResourceOrgPaths": "${aws:PrincipalOrgID}/r-*/" } } },
        { "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" },
        { "Effect": "Deny", "Action": "*", "Resource": "*",
          "Condition": { "StringNotEquals": { "aws:ResourceOrgID": "${aws:PrincipalOrgID}" } } } ] })";
    const auto r = run_text(context_world(policies,
        R"({ "actor": "ana", "call": "s3:GetObject", "resource": "arn:aws:s3:::home/k", "expect": "allow" },
           { "actor": "ana", "call": "s3:GetObject", "resource": "arn:aws:s3:::member/k", "expect": "allow" },
           { "actor": "ana", "call": "s3:GetObject", "resource": "arn:aws:s3:::outside/k", "expect": { "error": "AccessDenied" } },
           { "actor": "ana", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Tagged", "RoleSessionName": "ana" }, "expect": "allow" },
           { "actor": "ana", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::333333333333:role/Outside", "RoleSessionName": "ana" },
             "expect": { "error": "AccessDenied", "message_contains": "with an explicit deny in an identity-based policy" } })"));
    require_all_pass(r, 5);
    REQUIRE(r.world.organization);
    const std::string org = r.world.organization->id;
    const nlohmann::json root_path = nlohmann::json::array({org + "/r-" + org.substr(2, 4) + "/"});
    const nlohmann::json home = decision_context(r, 0), outside = decision_context(r, 2);
    CHECK(home["aws:PrincipalOrgID"] == org);
    CHECK(home["aws:PrincipalOrgPaths"] == root_path);
    CHECK(home["aws:ResourceOrgID"] == org);
    CHECK(home["aws:ResourceOrgPaths"] == root_path);
    CHECK(outside["aws:PrincipalOrgPaths"] == root_path);
    CHECK_FALSE(outside.contains("aws:ResourceOrgID"));  // 333333333333 is not a member
    CHECK_FALSE(outside.contains("aws:ResourceOrgPaths"));
}

// aws:PrincipalIsAWSService: "present in the request context for all signed API requests that use AWS credentials.
// Anonymous requests do not include this key". An anonymous caller's aws:PrincipalType is Anonymous, its
// aws:PrincipalAccount and aws:userid "anonymous" (the outside bucket's policy requires all of it).
TEST_CASE("a signed request has aws:PrincipalIsAWSService false, and an anonymous one has the anonymous principal keys instead") {
    const auto r = run_text(context_world(allow("s3:GetObject", R"({ "Bool": { "aws:PrincipalIsAWSService": "false" } })"),
        R"({ "actor": "ana", "call": "s3:GetObject", "resource": "arn:aws:s3:::home/k", "expect": "allow" },
           { "actor": "browser", "call": "s3:GetObject", "resource": "arn:aws:s3:::outside/k", "expect": "allow" },
           { "actor": "ana", "call": "s3:GetObject", "resource": "arn:aws:s3:::outside/k", "expect": { "error": "AccessDenied" } })"));
    require_all_pass(r, 3);
    const nlohmann::json signed_call = decision_context(r, 0), anonymous = decision_context(r, 1);
    CHECK(signed_call["aws:PrincipalIsAWSService"] == "false");
    CHECK(anonymous["aws:PrincipalType"] == "Anonymous");
    CHECK(anonymous["aws:PrincipalAccount"] == "anonymous");
    CHECK(anonymous["aws:userid"] == "anonymous");
    CHECK_FALSE(anonymous.contains("aws:PrincipalIsAWSService"));
    CHECK_FALSE(anonymous.contains("aws:PrincipalArn"));
}

TEST_CASE("a step's context value written as a number or true/false is the text the Numeric and Bool operators read") {
    const auto r = run_text(context_world(
        allow("s3:GetObject", R"({ "NumericLessThan": { "aws:MultiFactorAuthAge": "3600" }, "Bool": { "aws:SecureTransport": "true" } })"),
        R"({ "actor": "ana", "call": "s3:GetObject", "resource": "arn:aws:s3:::home/k",
             "context": { "aws:MultiFactorAuthAge": 300, "aws:SecureTransport": true }, "expect": "allow" },
           { "actor": "ana", "call": "s3:GetObject", "resource": "arn:aws:s3:::home/k",
             "context": { "aws:MultiFactorAuthAge": 7200, "aws:SecureTransport": true }, "expect": "deny" },
           { "actor": "ana", "call": "s3:GetObject", "resource": "arn:aws:s3:::home/k",
             "context": { "aws:MultiFactorAuthAge": [300], "aws:SecureTransport": false }, "expect": "deny" })"));
    require_all_pass(r, 3);
    CHECK(decision_context(r, 0)["aws:MultiFactorAuthAge"] == "300");
    CHECK(decision_context(r, 0)["aws:SecureTransport"] == "true");
}

// reference_policies_condition-keys, ec2:RoleDelivery: "included in the request context whenever the role session is
// created by an Amazon EC2 instance"; reference_policies_variables, ec2:SourceInstanceARN: "present only when the
// request comes from an Amazon EC2 instance using an IAM role associated with an EC2 instance profile". A user's
// session of the same role has neither.
TEST_CASE("an EC2 instance-profile session's calls carry ec2:RoleDelivery and the instance's ec2:SourceInstanceARN") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 5, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": {
        "users": { "dev": { "policies": { "p": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }] } } } },
        "roles": { "WebApp": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com", "AWS": "111111111111" },
                     "Action": "sts:AssumeRole" }] },
          "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::assets/a",
              "Condition": { "StringEquals": { "ec2:SourceInstanceARN": "arn:aws:ec2:eu-west-1:111111111111:instance/i-0123456789abcdef0" } } },
            { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::assets/b",
              "Condition": { "NumericEquals": { "ec2:RoleDelivery": "2.0" } } } ] } } } },
        "buckets": { "assets": { "objects": { "a": "x", "b": "y" } } },
        "instances": { "i-0123456789abcdef0": { "region": "eu-west-1" } } } },
      "actors": { "ec2": { "principal": "ec2.amazonaws.com", "kind": "service" },
                  "app": { "kind": "anonymous" },
                  "dev": { "principal": "arn:aws:iam::111111111111:user/dev" } },
      "steps": [
        { "actor": "ec2", "call": "sts:AssumeRole", "save": "instance",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "i-0123456789abcdef0" } },
        { "actor": "app", "using": "instance", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/a", "expect": "allow" },
        { "actor": "app", "using": "instance", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/b", "expect": "allow" },
        { "actor": "ec2", "call": "sts:AssumeRole", "save": "unnamed",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "not-an-instance" } },
        { "actor": "app", "using": "unnamed", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/a", "expect": "deny" },
        { "actor": "app", "using": "unnamed", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/b", "expect": "allow" },
        { "actor": "dev", "call": "sts:AssumeRole", "save": "user",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "i-0123456789abcdef0" } },
        { "actor": "dev", "using": "user", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/a", "expect": "deny" },
        { "actor": "dev", "using": "user", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/b", "expect": "deny" }
      ] })");
    require_all_pass(r, 6);
}

// reference_policies_condition-keys, aws:Ec2InstanceSourceVpc ("identifies the VPC to which Amazon EC2 IAM role
// credentials were delivered to ... included in the request context whenever the requester is signing requests with an
// Amazon EC2 role credential") and aws:Ec2InstanceSourcePrivateIPv4, with the page's example policy (a variable of the
// one in a condition on the other); API_Instance, VpcId and PrivateIpAddress.
TEST_CASE("an instance's VPC and private address ride on its role's session: aws:Ec2InstanceSourceVpc and "
          "aws:Ec2InstanceSourcePrivateIPv4, and DescribeInstances answers them") {
    const auto r = run_text(R"({ "stslab": 1, "seed": 5,
      "accounts": { "111111111111": {
        "roles": { "WebApp": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }] },
          "policies": { "p": { "Version": "2012-10-17", "Statement": [
            { "Effect": "Allow", "Action": ["s3:GetObject", "ec2:DescribeInstances"], "Resource": "*" },
            { "Sid": "RequireSameVPC", "Effect": "Deny", "Action": "*", "Resource": "*",
              "Condition": { "StringNotEquals": { "aws:SourceVpc": "${aws:Ec2InstanceSourceVpc}" }, "Null": { "ec2:SourceInstanceARN": "false" },
                             "BoolIfExists": { "aws:ViaAWSService": "false" } } } ] } } } },
        "vpc_endpoints": { "vpce-1a2b3c4d": { "service": "s3", "vpc": "vpc-0a1b2c3d" }, "vpce-2b3c4d5e": { "service": "s3", "vpc": "vpc-0f0f0f0f" },
                           "vpce-3c4d5e6f": { "service": "ec2", "vpc": "vpc-0a1b2c3d" } },
        "buckets": { "assets": { "objects": { "a": "x" } } },
        "instances": { "i-0123456789abcdef0": { "vpc": "vpc-0a1b2c3d", "private_ip": "10.0.1.25" } } } },
      "actors": { "ec2": { "principal": "ec2.amazonaws.com", "kind": "service" }, "app": { "kind": "anonymous" } },
      "steps": [
        { "actor": "ec2", "call": "sts:AssumeRole", "save": "instance",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/WebApp", "RoleSessionName": "i-0123456789abcdef0" } },
        { "actor": "app", "using": "instance", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/a", "context": { "aws:SourceVpce": "vpce-1a2b3c4d" }, "expect": "allow" },
        { "actor": "app", "using": "instance", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/a", "context": { "aws:SourceVpce": "vpce-2b3c4d5e" },
          "expect": { "error": "AccessDenied", "message_contains": "explicit deny in an identity-based policy" } },
        { "actor": "app", "using": "instance", "call": "s3:GetObject", "resource": "arn:aws:s3:::assets/a", "expect": { "error": "AccessDenied" } },
        { "actor": "app", "using": "instance", "call": "ec2:DescribeInstances", "params": { "InstanceIds": ["i-0123456789abcdef0"] },
          "context": { "aws:SourceVpce": "vpce-3c4d5e6f" },
          "expect": { "fields": { "Reservations.0.Instances.0.VpcId": "vpc-0a1b2c3d", "Reservations.0.Instances.0.PrivateIpAddress": "10.0.1.25" } } }
      ] })");
    require_all_pass(r, 4);
    CHECK(decision_context(r, 1)["aws:Ec2InstanceSourceVpc"] == "vpc-0a1b2c3d");
    CHECK(decision_context(r, 1)["aws:Ec2InstanceSourcePrivateIPv4"] == "10.0.1.25");
    CHECK(decision_context(r, 1)["aws:SourceVpc"] == "vpc-0a1b2c3d");
    // Through an endpoint of its own VPC the request comes from the instance, at its address; through another VPC's it
    // does not (the sandbox's reading: scenarios/README.md).
    CHECK(decision_context(r, 1)["aws:VpcSourceIp"] == "10.0.1.25");
    CHECK_FALSE(decision_context(r, 2).contains("aws:VpcSourceIp"));
}

// reference_policies_condition-keys, aws:SourceOrgID and aws:SourceOrgPaths: "included in the request context only when
// the call to your resource is being made directly by an AWS service principal on behalf of a resource owned by an
// account which is a member of an organization". A bucket policy lets the S3 service deliver inventory reports for
// the organization's buckets only.
TEST_CASE("a service principal acting for a resource of an organization's account has aws:SourceOrgID and aws:SourceOrgPaths") {
    const std::string policy = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "s3.amazonaws.com" },
        "Action": "s3:PutObject", "Resource": "arn:aws:s3:::inventory/*", "Condition": { "StringEquals": { "aws:SourceOrgID": "ORG" } } }] })";
    const std::string org = run_text(R"({ "stslab": 1, "organization": { "management": "111111111111", "accounts": [] },
        "accounts": { "111111111111": {} }, "actors": {}, "steps": [] })").world.organization->id;
    const auto r = run_text(replace_all(R"({ "stslab": 1, "seed": 5,
      "organization": { "management": "111111111111", "accounts": ["222222222222"] },
      "accounts": { "111111111111": { "buckets": { "inventory": { "policy": POLICY } } }, "222222222222": {}, "999999999999": {} },
      "actors": { "s3": { "principal": "s3.amazonaws.com", "kind": "service" } },
      "steps": [
        { "actor": "s3", "call": "s3:PutObject", "resource": "arn:aws:s3:::inventory/222.csv", "params": { "Body": "x" },
          "context": { "aws:SourceAccount": "222222222222", "aws:SourceArn": "arn:aws:s3:::web-222" }, "expect": "allow" },
        { "actor": "s3", "call": "s3:PutObject", "resource": "arn:aws:s3:::inventory/999.csv", "params": { "Body": "x" },
          "context": { "aws:SourceAccount": "999999999999", "aws:SourceArn": "arn:aws:s3:::web-999" }, "expect": "deny" }
      ] })", "POLICY", replace_all(policy, "\"ORG\"", "\"" + org + "\"")));
    require_all_pass(r, 2);
    CHECK(decision_context(r, 0)["aws:SourceOrgPaths"] == nlohmann::json::array({r.world.organization->account_path("222222222222")}));
    CHECK_FALSE(decision_context(r, 1).contains("aws:SourceOrgID"));
}

// reference_policies_condition-keys, aws:FederatedProvider: "present in the role-session of a role that was assumed
// using OpenID Connect (OIDC) provider, and in the role-trust policy when an OIDC provider is used to call
// AssumeRoleWithWebIdentity".
TEST_CASE("aws:FederatedProvider is in the trust evaluation of AssumeRoleWithWebIdentity, not only in the session's calls") {
    const auto trust = [](const std::string& provider) {
        return R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Principal": { "Federated": "arn:aws:iam::111111111111:oidc-provider/login.shop.example" }, "Action": "sts:AssumeRoleWithWebIdentity",
          "Condition": { "StringEquals": { "login.shop.example:aud": "shop-web", "aws:FederatedProvider": ")" + provider + R"(" } } }] })";
    };
    const auto r = run_text(R"({ "stslab": 1, "seed": 1,
      "accounts": { "111111111111": {
        "oidc_providers": { "login.shop.example": { "client_ids": ["shop-web"] } },
        "roles": { "Right": { "trust": )" + trust("arn:aws:iam::111111111111:oidc-provider/login.shop.example") + R"( },
                   "Wrong": { "trust": )" + trust("arn:aws:iam::111111111111:oidc-provider/elsewhere.example") + R"( } } } },
      "actors": { "shop": { "kind": "idp", "idp": { "protocol": "oidc", "issuer": "https://login.shop.example", "users": { "mina": {} } } },
                  "browser": { "kind": "anonymous" } },
      "steps": [
        { "actor": "shop", "call": "idp:Authenticate", "params": { "User": "mina", "Audience": "shop-web" }, "save": "t" },
        { "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "expect": "allow",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/Right", "RoleSessionName": "web1", "WebIdentityToken": "@t" } },
        { "actor": "browser", "call": "sts:AssumeRoleWithWebIdentity", "expect": "deny",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/Wrong", "RoleSessionName": "web1", "WebIdentityToken": "@t" } } ] })");
    require_all_pass(r, 2);
}
