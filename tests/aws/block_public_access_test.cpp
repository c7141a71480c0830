// S3 Block Public Access (AmazonS3 access-control-block-public-access): which bucket policies S3 takes for public,
// BlockPublicPolicy refusing a public PutBucketPolicy, RestrictPublicBuckets refusing everyone but AWS services and
// the owner's account what a public policy grants.
#include "aws/services.hpp"
#include "aws_test_util.hpp"

namespace stslab {
namespace {

using namespace stslab::test;
using nlohmann::json;

bool is_public(const std::string& statement) {
    return aws::bucket_policy_public(json::parse(R"({"Version": "2012-10-17", "Statement": [)" + statement + "]}"));
}

// "The meaning of public": AWS's own examples first, then each rule the page gives.
TEST_CASE("S3 takes a bucket policy for public unless each grant to everyone is pinned to fixed values of the keys it lists") {
    const std::string everyone = R"("Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*")";
    CHECK(is_public("{" + everyone + "}"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"StringLike": {"aws:SourceVpc": "vpc-*"}}})"));
    CHECK_FALSE(is_public("{" + everyone + R"(, "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-91237329"}}})"));
    // A fixed principal is not public; {"AWS": "*"} is everyone; a Deny opens nothing.
    CHECK_FALSE(is_public(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})"));
    CHECK_FALSE(is_public(R"({"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"})"));
    CHECK(is_public(R"({"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})"));
    CHECK_FALSE(is_public(R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"})"));
    // aws:SourceIp: "values broader than /8 for IPv4 and /32 for IPv6 ... are evaluated as public".
    CHECK_FALSE(is_public("{" + everyone + R"(, "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.0.0.0/8"]}}})"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/1"}}})"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"IpAddress": {"aws:SourceIp": "2001:db8::/16"}}})"));
    // Fixed values only: no wildcard, no policy variable; never a negated operator or one an absent key passes.
    CHECK_FALSE(is_public("{" + everyone + R"(, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}})"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "${aws:PrincipalTag/org}"}}})"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}})"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}})"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"StringEquals": {"s3:prefix": "home/"}}})"));
    CHECK_FALSE(is_public("{" + everyone + R"(, "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t"}}})"));
    // An access point's ARN may name every access point of a fixed account ("can contain a wildcard for the access
    // point name without rendering the policy public, as long as the account ID is fixed"); not any account's.
    CHECK_FALSE(is_public("{" + everyone + R"(, "Condition": {"ArnLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:123456789012:accesspoint/*"}}})"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"ArnLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:*:accesspoint/*"}}})"));
    // ForAllValues: holds when the key is absent, so it pins nothing; ForAnyValue: does not.
    CHECK(is_public("{" + everyone + R"(, "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}})"));
    CHECK_FALSE(is_public("{" + everyone + R"(, "Condition": {"ForAnyValue:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}})"));
    // One public statement makes the policy public.
    CHECK(is_public(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {)" + everyone + "}"));
    // A fixed KMS key is on the page's list: s3:x-amz-server-side-encryption-aws-kms-key-id.
    CHECK_FALSE(is_public("{" + everyone + R"(, "Condition": {"StringEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}})"));
    CHECK(is_public("{" + everyone + R"(, "Condition": {"StringLike": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key/*"}}})"));
}

// "Amazon S3 evaluates block public access settings slightly differently for access points": "An access point that
// has a VPC network origin is always considered non-public, regardless of the contents of its access point policy",
// and "a bucket policy that grants access to values of s3:DataAccessPointArn that match
// arn:aws:s3:us-west-2:123456789012:accesspoint/* is not considered public. However, the same statement in an access
// point policy would render the access point public" (access-control-block-public-access, "Access points").
TEST_CASE("S3 judges an access point's policy as a bucket's, but for a VPC network origin and a set of access points") {
    const json to_every_access_point = json::parse(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-west-2:123456789012:accesspoint/ap/object/*",
        "Condition": {"StringLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:123456789012:accesspoint/*"}}}]})");
    const json to_one_access_point = json::parse(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-west-2:123456789012:accesspoint/ap/object/*",
        "Condition": {"StringEquals": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:123456789012:accesspoint/ap"}}}]})");
    const json to_everyone = json::parse(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-west-2:123456789012:accesspoint/ap/object/*"}]})");
    aws::AccessPoint internet;
    internet.name = "ap";
    CHECK_FALSE(aws::bucket_policy_public(to_every_access_point));
    CHECK(aws::access_point_policy_public(internet, to_every_access_point));
    CHECK_FALSE(aws::access_point_policy_public(internet, to_one_access_point));
    CHECK(aws::access_point_policy_public(internet, to_everyone));
    aws::AccessPoint in_vpc = internet;
    in_vpc.vpc = "vpc-0123";
    CHECK_FALSE(aws::access_point_policy_public(in_vpc, to_everyone));
    CHECK_FALSE(aws::access_point_policy_public(in_vpc, to_every_access_point));
}

// The page's worked example: a bucket policy grants CloudTrail, Account-2, and everyone; "with
// RestrictPublicBuckets ... Amazon S3 allows access only by CloudTrail"; without the public statement, "Account-2
// regains access". "Any denial resulting from the RestrictPublicBuckets setting is explicit" (troubleshoot-403-errors).
TEST_CASE("RestrictPublicBuckets leaves a public bucket to AWS services and its own account, and BlockPublicPolicy refuses a public policy") {
    const std::string statements = R"(
        { "Sid": "CloudTrail", "Effect": "Allow", "Principal": { "Service": "cloudtrail.amazonaws.com" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*" },
        { "Sid": "Account2", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*" })";
    const std::string everyone = R"(, { "Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*" })";
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 8, "start": "2026-01-01T00:00:00Z",
      "organization": { "id": "o-a1b2c3d4e5", "management": "111111111111", "accounts": ["222222222222"] },
      "accounts": {
        "111111111111": {
          "block_public_access": { "RestrictPublicBuckets": true },
          "users": { "admin": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } },
          "buckets": { "logs": { "objects": { "k": "v" }, "block_public_access": { "BlockPublicPolicy": true },
                                 "policy": { "Version": "2012-10-17", "Statement": [)" + statements + everyone + R"(] } } } },
        "222222222222": { "users": { "carol": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } } } },
      "actors": { "admin": { "principal": "arn:aws:iam::111111111111:user/admin" }, "carol": { "principal": "arn:aws:iam::222222222222:user/carol" },
                  "trail": { "principal": "cloudtrail.amazonaws.com", "kind": "service" }, "anyone": { "kind": "anonymous" } },
      "steps": [
        { "actor": "trail", "call": "s3:PutObject", "resource": "arn:aws:s3:::logs/t1", "params": { "Body": "log" }, "expect": "allow" },
        { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::logs/k", "expect": "allow" },
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::logs/k",
          "expect": { "error": "AccessDenied", "message_contains": "s3:GetObject on resource: arn:aws:s3:::logs/k with an explicit deny in a resource-based policy" } },
        { "actor": "anyone", "call": "s3:GetObject", "resource": "arn:aws:s3:::logs/k", "expect": { "error": "AccessDenied", "message_contains": "Access Denied" } },
        { "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::logs",
          "params": { "Policy": { "Version": "2012-10-17", "Statement": [)" + statements + everyone + R"(] } },
          "expect": { "error": "AccessDenied", "message_contains": "User: arn:aws:iam::111111111111:user/admin is not authorized to perform: s3:PutBucketPolicy on resource: arn:aws:s3:::logs because public policies are blocked by the BlockPublicPolicy block public access setting" } },
        { "actor": "admin", "call": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::logs",
          "params": { "Policy": { "Version": "2012-10-17", "Statement": [)" + statements + R"(] } }, "expect": "allow" },
        { "actor": "carol", "call": "s3:GetObject", "resource": "arn:aws:s3:::logs/k", "expect": "allow" },
        { "actor": "anyone", "call": "s3:GetObject", "resource": "arn:aws:s3:::logs/k", "expect": { "error": "AccessDenied" } }
      ] })");
    require_all_pass(r, 8);
    CHECK(r.world.public_access_block(r.world.buckets.at("logs")).restrict_public_buckets);  // from the account
}

// AmazonS3 API_PutPublicAccessBlock and API_GetPublicAccessBlock (their permissions' names, s3:PutBucketPublicAccessBlock
// and s3:GetBucketPublicAccessBlock, name the calls here): turned on, a public bucket closes to everyone outside its
// account at the next call; turned off, it opens again, its policy never having changed.
TEST_CASE("PutBucketPublicAccessBlock turns the settings on and off at once, GetBucketPublicAccessBlock reads them") {
    const RunResult r = run_text(R"({ "stslab": 1, "seed": 9, "start": "2026-01-01T00:00:00Z",
  "accounts": { "111111111111": {
      "users": { "admin": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } } } },
      "buckets": { "site": { "objects": { "index.html": "hi" },
          "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*" }] } } } } },
  "actors": { "admin": { "principal": "arn:aws:iam::111111111111:user/admin" }, "anyone": { "kind": "anonymous" } },
  "steps": [
    { "actor": "anyone", "call": "s3:GetObject", "resource": "arn:aws:s3:::site/index.html", "expect": "allow" },
    { "actor": "admin", "call": "s3:GetBucketPublicAccessBlock", "resource": "arn:aws:s3:::site", "expect": { "error": "NoSuchPublicAccessBlockConfiguration" } },
    { "actor": "admin", "call": "s3:PutBucketPublicAccessBlock", "resource": "arn:aws:s3:::site",
      "params": { "PublicAccessBlockConfiguration": { "BlockPublicPolicy": true, "RestrictPublicBuckets": true } }, "expect": "allow" },
    { "actor": "admin", "call": "s3:GetBucketPublicAccessBlock", "resource": "arn:aws:s3:::site",
      "expect": { "fields": { "PublicAccessBlockConfiguration.RestrictPublicBuckets": true, "PublicAccessBlockConfiguration.BlockPublicAcls": false } } },
    { "actor": "anyone", "call": "s3:GetObject", "resource": "arn:aws:s3:::site/index.html", "expect": { "error": "AccessDenied" } },
    { "actor": "admin", "call": "s3:GetObject", "resource": "arn:aws:s3:::site/index.html", "expect": "allow" },
    { "actor": "admin", "call": "s3:PutBucketPublicAccessBlock", "resource": "arn:aws:s3:::site",
      "params": { "PublicAccessBlockConfiguration": { "BlockPublicPolicy": "yes" } }, "expect": { "error": "MalformedXML" } },
    { "actor": "admin", "call": "s3:PutBucketPublicAccessBlock", "resource": "arn:aws:s3:::site",
      "params": { "PublicAccessBlockConfiguration": {} }, "expect": "allow" },
    { "actor": "anyone", "call": "s3:GetObject", "resource": "arn:aws:s3:::site/index.html", "expect": "allow" }
  ] })");
    require_all_pass(r, 9);
    REQUIRE(r.cloudtrail.size() == 9);
    CHECK(r.cloudtrail[2]["eventName"] == "PutBucketPublicAccessBlock");
    CHECK(r.cloudtrail[2]["eventCategory"] == "Management");
    CHECK(r.cloudtrail[2]["requestParameters"]["publicAccessBlock"] == "");
    CHECK(r.cloudtrail[2]["requestParameters"]["PublicAccessBlockConfiguration"]["RestrictPublicBuckets"] == true);
    CHECK(r.cloudtrail[2]["requestParameters"]["PublicAccessBlockConfiguration"]["xmlns"] == "http://s3.amazonaws.com/doc/2006-03-01/");
    CHECK(r.cloudtrail[3]["readOnly"] == true);
}

TEST_CASE("block_public_access is true, false or the four settings by AWS's names, each true or false") {
    const auto faults = [](const std::string& setting) {
        try {
            load_scenario_text(R"({ "stslab": 1, "accounts": { "111111111111": { "buckets": { "b": { "block_public_access": )" + setting +
                                   R"( } } } }, "actors": {}, "steps": [] })", "bpa.json");
            return std::string();
        } catch (const ScenarioError& e) {
            return std::string(e.what());
        }
    };
    CHECK(faults("true").empty());
    CHECK(faults(R"({"BlockPublicPolicy": true})").empty());
    CHECK(faults(R"({"BlockPublicPolicy": "yes"})").find("a setting is true or false, found a string") != std::string::npos);
    CHECK(faults(R"({"RestrictPublicBucket": true})").find("RestrictPublicBuckets") != std::string::npos);  // did you mean
    CHECK(faults(R"("on")").find("block_public_access is true, false or the settings by AWS's names") != std::string::npos);
}

}  // namespace
}  // namespace stslab
