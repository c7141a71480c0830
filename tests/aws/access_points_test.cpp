// S3 access points (AmazonS3 User Guide: access-points-policies, access-points-naming, access-points-vpc,
// access-points-monitoring-logging, access-points-restrictions-limitations-naming-rules).
#include "aws_test_util.hpp"

using namespace stslab;
using namespace stslab::test;

namespace {

constexpr const char* kAp = "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap";

// Account 111 owns the bucket "lake" and its access point "team-ap" (policy AP_POLICY, then EXTRA's keys); its user
// jane may read through team-ap; 222's user ext may read any access point. BUCKET_POLICY is the bucket's.
std::string ap_world(const std::string& bucket_policy, const std::string& ap_extra, const std::string& steps) {
    std::string text = R"({ "stslab": 1, "start": "2026-07-06T09:00:00Z",
      "accounts": {
        "111111111111": {
          "users": { "jane": { "policies": { "ap": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
                       "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap",
                       "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap/object/*"] }] } } },
                     "bob": {},
                     "admin": { "policies": { "all": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } },
          "buckets": { "lake": { "objects": { "team/a.csv": "1", "other/b.csv": "2" } BUCKET_POLICY } },
          "access_points": { "team-ap": { "bucket": "lake" AP_EXTRA } },
          "vpc_endpoints": { "vpce-1a2b3c4d": { "service": "s3", "vpc": "vpc-1a2b3c4d" },
                             "vpce-2b3c4d5e": { "service": "s3", "vpc": "vpc-99999999" } } },
        "222222222222": { "users": { "ext": { "policies": { "ap": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
                       "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1:111111111111:accesspoint/*" }] } } } } } },
      "actors": { "jane": { "principal": "arn:aws:iam::111111111111:user/jane" },
                  "admin": { "principal": "arn:aws:iam::111111111111:user/admin" },
                  "bob": { "principal": "arn:aws:iam::111111111111:user/bob" },
                  "anon": { "kind": "anonymous" },
                  "ext": { "principal": "arn:aws:iam::222222222222:user/ext" } },
      "steps": [ STEPS ] })";
    text = replace_all(text, "BUCKET_POLICY", bucket_policy);
    text = replace_all(text, "AP_EXTRA", ap_extra);
    return replace_all(text, "STEPS", steps);
}

const std::string kDelegate = R"(, "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" },
    "Action": "*", "Resource": ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"],
    "Condition": { "StringEquals": { "s3:DataAccessPointAccount": "111111111111" } } }] })";

std::string get(const std::string& actor, const std::string& resource, const std::string& expect, const std::string& context = "") {
    return R"({ "actor": ")" + actor + R"(", "call": "s3:GetObject", "resource": ")" + resource + R"(", )" +
           (context.empty() ? "" : R"("context": )" + context + ", ") + R"("expect": )" + expect + " }";
}

}  // namespace

TEST_CASE("a request through an access point must be allowed by the access point and by the bucket: a bucket policy that "
          "delegates to its account's access points lets them decide (access-points-policies, Example 6)") {
    const std::string steps = get("jane", std::string(kAp) + "/object/team/a.csv", "\"allow\"") + "," +
                              // The bucket policy's Allow needs s3:DataAccessPointAccount: a request to the bucket has none.
                              get("jane", "arn:aws:s3:::lake/team/a.csv",
                                  R"({ "error": "AccessDenied", "message_contains": "because no identity-based policy allows" })") + "," +
                              R"({ "actor": "jane", "call": "s3:ListBucket", "resource": ")" + std::string(kAp) + R"(", "expect": "allow" })";
    const auto r = run_text(ap_world(kDelegate, "", steps));
    require_all_pass(r, 3);
    // Two decisions for a request through the access point: on its ARN, then on the bucket's.
    std::vector<std::string> decided;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Decision) decided.push_back(r.trace->data(i).value("resource", ""));
    REQUIRE(decided.size() >= 2);
    CHECK(decided[0] == std::string(kAp) + "/object/team/a.csv");
    CHECK(decided[1] == "arn:aws:s3:::lake/team/a.csv");
    // "Permissions granted in an access point policy are effective only if the underlying bucket also allows the same
    // access": bob, whom only the access point policy names, is refused by the bucket without the delegation. Jane's
    // own policy, of the bucket's account, is the bucket owner's grant (the sandbox's reading: AWS's pages are silent).
    const std::string names_bob = R"(, "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Principal": { "AWS": "arn:aws:iam::111111111111:user/bob" }, "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap/object/*" }] })";
    const std::string object = std::string(kAp) + "/object/team/a.csv";
    require_all_pass(run_text(ap_world("", names_bob,
        get("bob", object, R"({ "error": "AccessDenied", "message_contains": "on resource: arn:aws:s3:::lake/team/a.csv" })") + "," +
        get("jane", object, "\"allow\""))), 2);
    require_all_pass(run_text(ap_world(kDelegate, names_bob, get("bob", object, "\"allow\""))), 1);
}

TEST_CASE("at the access point, one account's identity policy alone may grant, and only an explicit Deny in the access "
          "point policy narrows it; another account's caller needs the access point policy too (FSx ONTAP guide)") {
    const std::string narrowing = R"(, "policy": { "Version": "2012-10-17", "Statement": [
        { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:user/ext" }, "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap/object/team/*" },
        { "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
          "NotResource": "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap/object/team/*" }] })";
    const std::string cross_bucket = R"(, "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" },
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake/*",
        "Condition": { "StringEquals": { "s3:DataAccessPointArn": "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap" } } }] })";
    require_all_pass(run_text(ap_world(cross_bucket, narrowing,
        get("jane", std::string(kAp) + "/object/team/a.csv", "\"allow\"") + "," +
        get("jane", std::string(kAp) + "/object/other/b.csv",
            R"({ "error": "AccessDenied", "message_contains": "with an explicit deny in a resource-based policy" })") + "," +
        get("ext", std::string(kAp) + "/object/team/a.csv", "\"allow\""))), 3);
    // With no access point policy, another account's caller is refused at the access point, whatever its own allows.
    require_all_pass(run_text(ap_world(cross_bucket, "", get("ext", std::string(kAp) + "/object/team/a.csv", R"({ "error": "AccessDenied" })"))), 1);
}

TEST_CASE("an access point with a VPC network origin refuses every request that does not come from its VPC "
          "(access-points-vpc), and the bucket policy sees s3:AccessPointNetworkOrigin") {
    const std::string vpc_only_bucket = R"(, "policy": { "Version": "2012-10-17", "Statement": [
        { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "*", "Resource": ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"],
          "Condition": { "StringEquals": { "s3:DataAccessPointAccount": "111111111111", "s3:AccessPointNetworkOrigin": "VPC" } } }] })";
    const std::string object = std::string(kAp) + "/object/team/a.csv";
    const auto r = run_text(ap_world(vpc_only_bucket, R"(, "vpc": "vpc-1a2b3c4d")",
        get("jane", object, R"({ "error": "AccessDenied", "message_contains": "with an explicit deny in a resource-based policy" })",
            R"({ "aws:SourceIp": "198.51.100.7" })") + "," +
        get("jane", object, R"({ "error": "AccessDenied" })", R"({ "aws:SourceVpce": "vpce-2b3c4d5e" })") + "," +
        get("jane", object, "\"allow\"", R"({ "aws:SourceVpce": "vpce-1a2b3c4d" })")));
    require_all_pass(r, 3);
    // The refusal names the network origin's Deny.
    bool named = false;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Decision)
            named = named || refusal_reason(r.trace->data(i)).find("S3NetworkOriginVPC") != std::string::npos;
    CHECK(named);
}

TEST_CASE("CloudTrail lists the object, the bucket and the access point, and the access point's host "
          "(access-points-monitoring-logging)") {
    const auto r = run_text(ap_world(kDelegate, "", get("jane", std::string(kAp) + "/object/team/a.csv", "\"allow\"")));
    require_all_pass(r, 1);
    const nlohmann::json* record = last_cloudtrail(r, "GetObject");
    REQUIRE(record != nullptr);
    CHECK((*record)["resources"] == nlohmann::json::parse(R"([
        {"ARN": "arn:aws:s3:::lake/team/a.csv", "type": "AWS::S3::Object"},
        {"ARN": "arn:aws:s3:::lake", "accountId": "111111111111", "type": "AWS::S3::Bucket"},
        {"ARN": "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap", "accountId": "111111111111", "type": "AWS::S3::AccessPoint"}])"));
    CHECK((*record)["requestParameters"]["Host"] == "team-ap-111111111111.s3-accesspoint.us-east-1.amazonaws.com");
    CHECK((*record)["requestParameters"]["key"] == "team/a.csv");
}

TEST_CASE("an access point that does not exist is NoSuchAccessPoint, and bucket configuration is not made through one") {
    require_all_pass(run_text(ap_world(kDelegate, "",
        get("admin", "arn:aws:s3:us-east-1:111111111111:accesspoint/nope/object/team/a.csv",
            R"({ "error": "NoSuchAccessPoint", "message_contains": "The specified access point does not exist." })") + "," +
        // The access point of another region is another access point.
        get("admin", "arn:aws:s3:eu-west-1:111111111111:accesspoint/team-ap/object/team/a.csv", R"({ "error": "NoSuchAccessPoint" })") + "," +
        R"({ "actor": "admin", "call": "s3:GetBucketEncryption", "resource": ")" + std::string(kAp) + R"(",
             "expect": { "error": "InvalidRequest" } })")), 3);
}

TEST_CASE("a bucket policy's Deny on requests without s3:DataAccessPointArn sends every request through the access points, "
          "and calls the sandbox only authorizes are decided at the access point and the bucket too") {
    const std::string only_through = R"(, "policy": { "Version": "2012-10-17", "Statement": [
        { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "*", "Resource": ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"],
          "Condition": { "StringEquals": { "s3:DataAccessPointAccount": "111111111111" } } },
        { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"],
          "Condition": { "Null": { "s3:DataAccessPointArn": "true" } } }] })";
    const std::string deny_tagging = R"(, "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny", "Principal": "*",
        "Action": "s3:PutObjectTagging", "Resource": "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap/object/*" }] })";
    const auto r = run_text(ap_world(only_through, deny_tagging,
        get("admin", "arn:aws:s3:::lake/team/a.csv", R"({ "error": "AccessDenied", "message_contains": "explicit deny in a resource-based policy" })") + "," +
        get("admin", std::string(kAp) + "/object/team/a.csv", "\"allow\"") + "," +
        R"({ "actor": "admin", "call": "s3:PutObjectTagging", "resource": ")" + std::string(kAp) + R"(/object/team/a.csv",
             "expect": { "error": "AccessDenied", "message_contains": "explicit deny in a resource-based policy" } },)" +
        R"({ "actor": "admin", "call": "s3:GetObjectTagging", "resource": ")" + std::string(kAp) + R"(/object/team/a.csv", "expect": "allow" },)" +
        R"({ "actor": "admin", "call": "s3:PutBucketVersioning", "resource": ")" + std::string(kAp) + R"(", "expect": { "error": "InvalidRequest" } },)" +
        R"({ "actor": "admin", "call": "s3:GetObjectTagging", "resource": "arn:aws:s3:us-east-1:111111111111:accesspoint/none/object/k",
             "expect": { "error": "NoSuchAccessPoint" } })"));
    require_all_pass(r, 6);
}

TEST_CASE("access points take no anonymous request, and their Block Public Access settings, all on unless the file says, "
          "refuse a public access point policy (access-points-restrictions-limitations-naming-rules, access-points-bpa-settings)") {
    const std::string public_policy = R"(, "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap/object/*" }] })";
    std::string fault;
    try {
        load_scenario_text(ap_world(kDelegate, public_policy, ""), "ap.json");
    } catch (const ScenarioError& e) {
        fault = e.what();
    }
    CHECK(fault.find("S3 refuses a public access point policy while BlockPublicPolicy is on") != std::string::npos);
    // Put with BlockPublicPolicy off, RestrictPublicBuckets (still on) keeps it to the access point's own account.
    const auto r = run_text(ap_world(kDelegate, public_policy + R"(, "block_public_access": { "BlockPublicPolicy": false })",
        R"({ "actor": "anon", "call": "s3:GetObject", "resource": ")" + std::string(kAp) + R"(/object/team/a.csv", "expect": { "error": "AccessDenied" } },)" +
        get("ext", std::string(kAp) + "/object/team/a.csv", R"({ "error": "AccessDenied" })") + "," +
        get("jane", std::string(kAp) + "/object/team/a.csv", "\"allow\"")));
    require_all_pass(r, 3);
}

TEST_CASE("a CopySource may name the object through an access point, read through it as a GetObject is (API_CopyObject)") {
    const auto copy = [](const std::string& actor, const std::string& source, const std::string& expect) {
        return R"({ "actor": ")" + actor + R"(", "call": "s3:CopyObject", "resource": "arn:aws:s3:::lake/copies/a.csv",
                   "params": { "CopySource": ")" + source + R"(" }, "expect": )" + expect + " }";
    };
    const std::string narrowing = R"(, "policy": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny", "Principal": "*",
        "Action": "s3:GetObject", "NotResource": "arn:aws:s3:us-east-1:111111111111:accesspoint/team-ap/object/team/*" }] })";
    const auto r = run_text(ap_world(kDelegate, narrowing,
        copy("admin", std::string(kAp) + "/object/team/a.csv", "\"allow\"") + "," +
        copy("admin", std::string(kAp) + "/object/other/b.csv",
             R"({ "error": "AccessDenied", "message_contains": "with an explicit deny in a resource-based policy" })") + "," +
        copy("admin", "arn:aws:s3:us-east-1:111111111111:accesspoint/none/object/team/a.csv", R"({ "error": "NoSuchAccessPoint" })")));
    require_all_pass(r, 3);
    CHECK(r.world.buckets.at("lake").objects.at("copies/a.csv").content == "1");
}
