// iam:TagRole, iam:UntagRole, iam:TagUser and iam:UntagUser: authorized with the request's tags, as the IAM User
// Guide's example policy "IAM: Add a specific tag with specific values" (reference_policies_examples_iam-add-tag-user-role)
// expects; then the role's or user's tags change for every later call (aws:PrincipalTag, iam:ResourceTag).
#include "aws_test_util.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

const std::string kTagWorld = R"({
  "stslab": 1, "start": "2026-01-01T00:00:00Z", "seed": 9,
  "accounts": {
    "111111111111": {
      "users": {
        "tagger": { "policies": { "AddTag": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Action": ["iam:TagUser", "iam:TagRole"], "Resource": "*",
            "Condition": { "StringEquals": { "aws:RequestTag/CostCenter": ["A-123", "B-456"] },
                           "ForAllValues:StringEquals": { "aws:TagKeys": "CostCenter" } } },
          { "Effect": "Allow", "Action": ["iam:UntagRole", "iam:UntagUser"], "Resource": "*" } ] } } },
        "admin": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } },
        "dev": { "policies": { "assume": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }] } } },
        "maker": { "policies": { "create": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Action": ["iam:CreateRole", "iam:CreateUser", "iam:CreatePolicy"], "Resource": "*" },
          { "Effect": "Allow", "Action": ["iam:TagRole", "iam:TagUser", "iam:TagPolicy"], "Resource": "*",
            "Condition": { "StringEquals": { "aws:RequestTag/Team": "blue" } } } ] } } }
      },
      "roles": {
        "App": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] },
          "policies": { "read": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
            "Condition": { "StringEquals": { "aws:PrincipalTag/CostCenter": "A-123" } } }] } }
        }
      },
      "buckets": { "data": { "objects": { "k": "v" } } }
    }
  },
  "actors": {
    "tagger": { "principal": "arn:aws:iam::111111111111:user/tagger" },
    "admin": { "principal": "arn:aws:iam::111111111111:user/admin" },
    "dev": { "principal": "arn:aws:iam::111111111111:user/dev" },
    "maker": { "principal": "arn:aws:iam::111111111111:user/maker" }
  },
  "steps": [ STEPS ]
})";

RunResult run_tags(const std::string& steps) { return run_with_steps(kTagWorld, steps); }

}  // namespace

TEST_CASE("TagRole is authorized by aws:RequestTag and aws:TagKeys, and the new tag is the session's aws:PrincipalTag at once") {
    const auto r = run_tags(R"(
        { "actor": "tagger", "call": "iam:TagRole", "params": { "RoleName": "App", "Tags": [{ "Key": "CostCenter", "Value": "C-789" }] }, "expect": "deny" },
        { "actor": "tagger", "call": "iam:TagRole", "params": { "RoleName": "App", "Tags": [{ "Key": "CostCenter", "Value": "A-123" }, { "Key": "Team", "Value": "x" }] }, "expect": "deny" },
        { "actor": "dev", "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/App", "RoleSessionName": "dev" }, "save": "s", "expect": "allow" },
        { "actor": "dev", "call": "s3:GetObject", "using": "s", "resource": "arn:aws:s3:::data/k", "expect": "deny" },
        { "actor": "tagger", "call": "iam:TagRole", "params": { "RoleName": "App", "Tags": [{ "Key": "CostCenter", "Value": "A-123" }] }, "expect": "allow" },
        { "actor": "dev", "call": "s3:GetObject", "using": "s", "resource": "arn:aws:s3:::data/k", "expect": "allow" },
        { "actor": "tagger", "call": "iam:UntagRole", "params": { "RoleName": "App", "TagKeys": ["CostCenter"] }, "expect": "allow" },
        { "actor": "dev", "call": "s3:GetObject", "using": "s", "resource": "arn:aws:s3:::data/k", "expect": "deny" })");
    require_all_pass(r, 8);
    CHECK(count_events(r, TraceKind::WorldChanged, "tagged arn:aws:iam::111111111111:role/App with CostCenter=A-123") == 1);
    CHECK(r.world.role("arn:aws:iam::111111111111:role/App")->tags.empty());
}

TEST_CASE("IAM tag keys are not case sensitive, but case is preserved: department=hr replaces Department=finance (id_tags)") {
    const auto r = run_tags(R"(
        { "actor": "admin", "call": "iam:TagUser", "params": { "UserName": "dev", "Tags": [{ "Key": "Department", "Value": "finance" }] }, "expect": "allow" },
        { "actor": "admin", "call": "iam:TagUser", "params": { "UserName": "dev", "Tags": [{ "Key": "department", "Value": "hr" }] }, "expect": "allow" },
        { "actor": "admin", "call": "iam:UntagUser", "params": { "UserName": "dev", "TagKeys": ["absent"] }, "expect": "allow" },
        { "actor": "admin", "call": "iam:TagUser", "params": { "UserName": "dev", "Tags": [{ "Key": "Team", "Value": "x" }, { "Key": "team", "Value": "y" }] },
          "expect": { "error": "InvalidInput", "message_contains": "Duplicate tag keys found. Please note that Tag keys are case insensitive." } })");
    require_all_pass(r, 4);
    // Untagging a key the user does not have changed nothing, and says nothing.
    CHECK(count_events(r, TraceKind::WorldChanged, "untagged") == 0);
    const aws::User* dev = r.world.user("arn:aws:iam::111111111111:user/dev");
    REQUIRE(dev);
    CHECK(dev->tags == aws::Tags{{"department", "hr"}});
}

TEST_CASE("TagRole's parameters: 50 tags at most, no aws: key, a role that exists (API_TagRole, reference_iam-quotas)") {
    std::string fifty_one;
    for (int i = 0; i < 51; ++i) fifty_one += std::string(i ? "," : "") + R"({ "Key": "k)" + std::to_string(i) + R"(", "Value": "v" })";
    std::string fifty;
    for (int i = 0; i < 50; ++i) fifty += std::string(i ? "," : "") + R"({ "Key": "k)" + std::to_string(i) + R"(", "Value": "v" })";
    const auto r = run_tags(R"(
        { "actor": "admin", "call": "iam:TagRole", "params": { "RoleName": "App", "Tags": [)" + fifty_one + R"(] },
          "expect": { "error": "ValidationError", "message_contains": "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50" } },
        { "actor": "admin", "call": "iam:TagRole", "params": { "RoleName": "App", "Tags": [{ "Key": "aws:team", "Value": "x" }] },
          "expect": { "error": "ValidationError", "message_contains": "Member must not begin with 'aws:'" } },
        { "actor": "admin", "call": "iam:TagRole", "params": { "RoleName": "App" },
          "expect": { "error": "ValidationError", "message_contains": "Value null at 'tags' failed to satisfy constraint: Member must not be null" } },
        { "actor": "admin", "call": "iam:TagRole", "params": { "RoleName": "Nobody", "Tags": [{ "Key": "a", "Value": "b" }] },
          "expect": { "error": "NoSuchEntity", "message_contains": "The role with name Nobody cannot be found." } },
        { "actor": "admin", "call": "iam:TagRole", "params": { "RoleName": "App", "Tags": [)" + fifty + R"(] }, "expect": "allow" },
        { "actor": "admin", "call": "iam:TagRole", "params": { "RoleName": "App", "Tags": [{ "Key": "one-more", "Value": "x" }] },
          "expect": { "error": "LimitExceeded" } })");
    require_all_pass(r, 6);
    CHECK(r.world.role("arn:aws:iam::111111111111:role/App")->tags.size() == 50);
}

TEST_CASE("CloudTrail logs TagRole with its tags as requestParameters") {
    const auto r = run_tags(R"(
        { "actor": "admin", "call": "iam:TagRole", "params": { "RoleName": "App", "Tags": [{ "Key": "CostCenter", "Value": "A-123" }] }, "expect": "allow" })");
    require_all_pass(r, 1);
    REQUIRE(r.cloudtrail.size() == 1);
    CHECK(r.cloudtrail[0]["eventSource"] == "iam.amazonaws.com");
    CHECK(r.cloudtrail[0]["eventName"] == "TagRole");
    CHECK(r.cloudtrail[0]["requestParameters"] ==
          nlohmann::json::parse(R"({"roleName": "App", "tags": [{"key": "CostCenter", "value": "A-123"}]})"));
}

// A role, user or policy made with tags is tagged too: CreateRole needs iam:TagRole as well (a CreateRole with tags
// refused "not authorized to perform: iam:TagRole on resource: arn:aws:iam::...:role/...", as users have recorded it;
// reference_policies_examples_iam-new-user-tag allows iam:CreateUser with iam:TagUser), so a guardrail on the tags a
// role may have holds at its creation too.
TEST_CASE("CreateRole, CreateUser and CreatePolicy with tags also need iam:TagRole, iam:TagUser and iam:TagPolicy, with the tags as aws:RequestTag") {
    const std::string trust = R"("AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] })";
    const std::string doc = R"("PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] })";
    const auto r = run_tags(
        R"({ "actor": "maker", "call": "iam:CreateRole", "params": { "RoleName": "Red", )" + trust +
        R"(, "Tags": [{ "Key": "Team", "Value": "red" }] }, "expect": { "error": "AccessDenied", "message_contains": "iam:TagRole on resource: arn:aws:iam::111111111111:role/Red" } },)" +
        R"({ "actor": "maker", "call": "iam:CreateRole", "params": { "RoleName": "Blue", )" + trust + R"(, "Tags": [{ "Key": "Team", "Value": "blue" }] }, "expect": "allow" },)" +
        R"({ "actor": "maker", "call": "iam:CreateRole", "params": { "RoleName": "Plain", )" + trust + R"( }, "expect": "allow" },)" +
        R"({ "actor": "maker", "call": "iam:CreateUser", "params": { "UserName": "red-user", "Tags": [{ "Key": "Team", "Value": "red" }] },
             "expect": { "error": "AccessDenied", "message_contains": "iam:TagUser" } },)" +
        R"({ "actor": "maker", "call": "iam:CreatePolicy", "params": { "PolicyName": "RedPolicy", )" + doc +
        R"(, "Tags": [{ "Key": "Team", "Value": "red" }] }, "expect": { "error": "AccessDenied", "message_contains": "iam:TagPolicy" } })");
    require_all_pass(r, 5);
    CHECK(r.world.role("arn:aws:iam::111111111111:role/Red") == nullptr);
    REQUIRE(r.world.role("arn:aws:iam::111111111111:role/Blue") != nullptr);
    CHECK(r.world.role("arn:aws:iam::111111111111:role/Blue")->tags.at("Team") == "blue");
}
