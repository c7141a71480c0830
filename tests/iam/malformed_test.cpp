// Malformed documents and their exact MalformedPolicyDocument messages (reference_policies_grammar,
// reference_policies_elements_*, access_policies_boundaries). Each message names the fault and its JSON path.
#include "iam_test_util.hpp"

#include <doctest/doctest.h>

using namespace stslab::iam;
using stslab::iam::test::malformed_message;

namespace {

struct Row {
    PolicyKind kind;
    const char* document;
    const char* message;
};

// Statement helpers keep the table readable: S(...) wraps statement members in a 2012-10-17 document.
std::string S(const std::string& members) {
    return R"({"Version":"2012-10-17","Statement":[{)" + members + "}]}";
}

constexpr const char* kAllow = R"("Effect":"Allow","Action":"s3:GetObject","Resource":"*")";

}  // namespace

TEST_CASE("at least forty malformed documents are rejected with the fault and its path") {
    const PolicyKind I = PolicyKind::Identity, R = PolicyKind::Resource, T = PolicyKind::Trust,
                     B = PolicyKind::Boundary, SE = PolicyKind::Session, SCP = PolicyKind::Scp, RCP = PolicyKind::Rcp;
    const std::string allow = kAllow;
    const std::vector<std::tuple<PolicyKind, std::string, std::string>> rows = {
        // The document.
        {I, "{", "Syntax errors in policy. Not valid JSON (at byte 2)"},
        // A trust policy's in other words (users' records of CreateRole: "This policy contains invalid Json").
        {T, "trust.json", "This policy contains invalid Json (at byte 4)"},
        // "Individual elements must not contain multiple instances of the same key" (reference_policies_grammar):
        // nlohmann would keep the last Effect and turn this Deny into an Allow.
        {I, S(R"("Effect":"Deny","Effect":"Allow","Action":"s3:*","Resource":"*")"),
         R"(Statement/0: Syntax errors in policy. The key "Effect" appears twice in one block (reference_policies_grammar: "Individual elements must not contain multiple instances of the same key"))"},
        {I, S(allow + R"(,"Condition":{"StringEquals":{"aws:username":"a"},"StringEquals":{"aws:PrincipalTag/t":"b"}})"),
         R"(Statement/0/Condition: Syntax errors in policy. The key "StringEquals" appears twice in one block (reference_policies_grammar: "Individual elements must not contain multiple instances of the same key"))"},
        {I, "[]", "Syntax errors in policy. A policy document must be a JSON object"},
        {I, R"({"Version":"2012-10-17"})", "Missing required field Statement"},
        {I, R"({"Version":"2012-10-18","Statement":[]})", R"(Version: invalid Version "2012-10-18" (expected "2012-10-17" or "2008-10-17"))"},
        {I, R"({"Version":20121017,"Statement":[]})", R"(Version: invalid Version 20121017 (expected "2012-10-17" or "2008-10-17"))"},
        {I, R"({"Versoin":"2012-10-17","Statement":[]})", "Versoin: unknown element 'Versoin' (a policy has Version, Id and Statement) (did you mean 'Version'?)"},
        {I, R"({"Id":5,"Statement":[]})", "Id: Id must be a string"},
        {I, R"({"Statement":"Allow"})", "Statement: Statement must be an object or an array of objects"},
        {I, R"({"Statement":[]})", "Statement: a policy needs at least one statement"},
        {I, R"({"Statement":["Allow"]})", "Statement/0: a statement must be a JSON object"},
        // A condition key without its vendor (found by fuzzing: it was taken, and matched nothing).
        {I, S(allow + R"(,"Condition":{"StringEquals":{"username":"a"}})"),
         "Statement/0/Condition/StringEquals/username: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
        // Effect.
        {I, S(R"("Action":"s3:GetObject","Resource":"*")"), "Statement/0: Missing required field Effect"},
        {I, S(R"("Effect":"allow","Action":"s3:GetObject","Resource":"*")"), R"(Statement/0/Effect: Invalid effect: allow (expected "Allow" or "Deny"))"},
        {I, S(R"("Effect":true,"Action":"s3:GetObject","Resource":"*")"), R"(Statement/0/Effect: Invalid effect: true (expected "Allow" or "Deny"))"},
        // Unknown elements, with a suggestion.
        {I, S(allow + R"(,"Actions":"s3:*")"), "Statement/0/Actions: unknown element 'Actions' (did you mean 'Action'?)"},
        {I, S(allow + R"(,"Condtion":{})"), "Statement/0/Condtion: unknown element 'Condtion' (did you mean 'Condition'?)"},
        // Sid.
        {I, S(allow + R"(,"Sid":7)"), "Statement/0/Sid: Sid must be a string"},
        {I, S(allow + R"(,"Sid":"read objects")"), "Statement/0/Sid: Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"},
        {I, R"({"Statement":[{"Sid":"A",)" + allow + R"(},{"Sid":"A",)" + allow + "}]}", "Statement/1/Sid: Statement IDs (SID) in a single policy must be unique."},
        // Action / NotAction.
        {I, S(R"("Effect":"Allow","Resource":"*")"), "Statement/0: Policy statement must contain actions."},
        {I, S(R"("Effect":"Allow","Action":[],"Resource":"*")"), "Statement/0/Action: Policy statement must contain actions."},
        {I, S(R"("Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:Put*","Resource":"*")"), "Statement/0: a statement cannot have both Action and NotAction"},
        {I, S(R"("Effect":"Allow","Action":5,"Resource":"*")"), "Statement/0/Action: Action must be a string or an array of strings"},
        {I, S(R"("Effect":"Allow","Action":["s3:GetObject",5],"Resource":"*")"), "Statement/0/Action/1: Action must be a string or an array of strings"},
        {I, S(R"("Effect":"Allow","Action":"GetObject","Resource":"*")"), "Statement/0/Action: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
        {I, S(R"("Effect":"Allow","Action":["s3:GetObject","s 3:Get"],"Resource":"*")"), "Statement/0/Action/1: Vendor s 3 is not valid"},
        // IAM's words for a wildcard in the service prefix (CreatePolicy, CloudFormation's AWS::IAM::Role).
        {I, S(R"("Effect":"Allow","Action":"*:Untag*","Resource":"*")"), "Statement/0/Action: Action vendors (e.g., aws, ec2, etc.) must not contain wildcards."},
        {I, S(R"("Effect":"Deny","NotAction":["s3:GetObject","dynamodb*:TagResource"],"Resource":"*")"), "Statement/0/NotAction/1: Action vendors (e.g., aws, ec2, etc.) must not contain wildcards."},
        {I, S(R"("Effect":"Allow","Action":"s?:GetObject","Resource":"*")"), "Statement/0/Action: Action vendors (e.g., aws, ec2, etc.) must not contain wildcards."},
        {I, S(R"("Effect":"Allow","Action":"s3:","Resource":"*")"), R"(Statement/0/Action: Action 's3:' is not valid: expected "service:Action")"},
        {I, S(R"("Effect":"Allow","Action":"s3:List:Bucket","Resource":"*")"), "Statement/0/Action: Actions/Condition can contain only one colon."},
        // Resource / NotResource.
        {I, S(R"("Effect":"Allow","Action":"s3:GetObject")"), "Statement/0: Policy statement must contain resources."},
        {I, S(R"("Effect":"Allow","Action":"s3:GetObject","Resource":[])"), "Statement/0/Resource: Policy statement must contain resources."},
        {I, S(R"("Effect":"Allow","Action":"s3:GetObject","Resource":"*","NotResource":"*")"), "Statement/0: a statement cannot have both Resource and NotResource"},
        {I, S(R"("Effect":"Allow","Action":"s3:GetObject","Resource":"my-bucket")"), R"(Statement/0/Resource: Resource my-bucket must be in ARN format or "*".)"},
        // An IAM resource is one of IAM's resource types (PutRolePolicy's words, as users quote them).
        {I, S(R"("Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::111122223333:*/cdk-*")"), R"(Statement/0/Resource: IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.)"},
        {I, S(R"("Effect":"Allow","Action":"iam:GetUser","Resource":["arn:aws:iam::111122223333:user/a","arn:aws:iam::111122223333:widget/x"])"), R"(Statement/0/Resource/1: IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.)"},
        // reference_policies_variables: "You can't use a variable to replace parts of the ARN before the fifth colon".
        {I, S(R"("Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::${aws:PrincipalAccount}:user/bob")"), R"(Statement/0/Resource: IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/. (A policy variable may stand only in the resource part, after the ARN's fifth colon: its own colon is read as the ARN's, reference_policies_variables.))"},
        // IAM and S3 bucket and object ARNs name no region.
        {I, S(R"("Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam:us-east-1:123456789012:role/GlueJobRole")"),
         "Statement/0/Resource: IAM resource arn:aws:iam:us-east-1:123456789012:role/GlueJobRole cannot contain region information."},
        {I, S(R"("Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:us-east-1::example_bucket")"),
         "Statement/0/Resource: Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."},
        {I, S(R"("Effect":"Allow","Action":"s3:GetObject","Resource":["*","arn:aws:s3"])"), R"(Statement/0/Resource/1: Resource arn:aws:s3 must be in ARN format or "*".)"},
        // Cut short is valid only after a star, and never with an empty partition or service.
        {I, S(R"("Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1")"), R"(Statement/0/Resource: Resource arn:aws:sqs:us-east-1 must be in ARN format or "*".)"},
        {I, S(R"("Effect":"Allow","Action":"sqs:*","Resource":"arn:aws::*")"), R"(Statement/0/Resource: Resource arn:aws::* must be in ARN format or "*".)"},
        {T, S(R"("Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"111122223333"},"Resource":"*")"), "Statement/0/Resource: Has prohibited field Resource"},
        // ... before a missing Principal (a recorded CreateRole answer, kubernetes-sigs/external-dns#3085).
        {T, S(R"("Effect":"Allow","Action":"route53:ChangeResourceRecordSets","Resource":"arn:aws:route53:::hostedzone/*")"),
         "Statement/0/Resource: Has prohibited field Resource"},
        // Principal where it does not belong, or missing where it must be.
        {I, S(allow + R"(,"Principal":"*")"), "Statement/0/Principal: Policy document should not specify a principal."},
        {B, S(allow + R"(,"Principal":"*")"), "Statement/0/Principal: Policy document should not specify a principal."},
        {SE, S(allow + R"(,"Principal":"*")"), "Statement/0/Principal: Policy document should not specify a principal."},
        {SCP, S(allow + R"(,"Principal":"*")"), "Statement/0/Principal: Policy document should not specify a principal."},
        {I, S(R"("Effect":"Deny","Action":"s3:*","Resource":"*","NotPrincipal":{"AWS":"111122223333"})"), "Statement/0/NotPrincipal: Policy document should not specify a principal."},
        {T, S(R"("Effect":"Deny","Action":"sts:AssumeRole","NotPrincipal":{"AWS":"111122223333"})"), "Statement/0/NotPrincipal: NotPrincipal is not supported in a role trust policy"},
        {R, S(R"("Effect":"Allow","Action":"s3:*","Resource":"*","NotPrincipal":{"AWS":"111122223333"})"), R"(Statement/0/NotPrincipal: NotPrincipal can only be used with "Effect": "Deny")"},
        {R, S(allow), "Statement/0: Missing required field Principal"},
        {T, S(R"("Effect":"Allow","Action":"sts:AssumeRole")"), "Statement/0: Missing required field Principal"},
        // A trust policy grants STS's role actions only (the words users report from IAM's CreateRole).
        {T, S(R"("Effect":"Allow","Action":["sts:AssumeRole","s3:GetObject"],"Principal":{"AWS":"111122223333"})"),
         "Statement/0/Action/1: AssumeRole policy may only specify STS AssumeRole actions."},
        {R, S(allow + R"(,"Principal":"*","NotPrincipal":"*")"), "Statement/0: a statement cannot have both Principal and NotPrincipal"},
        {RCP, S(R"("Effect":"Deny","Action":"s3:*","Resource":"*","Principal":{"AWS":"111122223333"})"), R"(Statement/0/Principal: the Principal of a resource control policy must be "*")"},
        // orgs_manage_policies_scps_syntax, orgs_manage_policies_rcps_syntax: Version "2012-10-17" always; an RCP you
        // write only denies, never Action "*", never NotAction.
        {SCP, R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})", R"(Version: every service control policy must have "Version": "2012-10-17")"},
        {RCP, R"({"Version":"2008-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}})", R"(Version: every resource control policy must have "Version": "2012-10-17")"},
        {RCP, S(R"("Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*")"), R"(Statement/0/Effect: a resource control policy denies: "Allow" is only for RCPFullAWSAccess (Action "*", Resource "*", no Condition))"},
        {RCP, S(R"("Effect":"Deny","Principal":"*","Action":"*","Resource":"*")"), R"(Statement/0/Action: a resource control policy cannot deny Action "*": name the services' actions ("s3:*", "sts:*"))"},
        {RCP, S(R"("Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*")"), "Statement/0/NotAction: NotAction is not supported in a resource control policy"},
        // Principal values.
        {R, S(allow + R"(,"Principal":"alice")"), R"(Statement/0/Principal: Invalid principal in policy: "alice" (a string Principal can only be "*"))"},
        {R, S(allow + R"(,"Principal":5)"), R"(Statement/0/Principal: Principal must be "*" or an object such as {"AWS": "ARN"})"},
        {R, S(allow + R"(,"Principal":{"Aws":"111122223333"})"), "Statement/0/Principal/Aws: unknown principal type 'Aws' (expected AWS, Service, Federated or CanonicalUser) (did you mean 'AWS'?)"},
        {R, S(allow + R"(,"Principal":{"AWS":"alice"})"), R"(Statement/0/Principal/AWS: Invalid principal in policy: "AWS":"alice")"},
        {R, S(allow + R"(,"Principal":{"AWS":"arn:aws:iam::*:root"})"), R"(Statement/0/Principal/AWS: Invalid principal in policy: "AWS":"arn:aws:iam::*:root")"},
        {R, S(allow + R"(,"Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:user/a*"]})"), R"(Statement/0/Principal/AWS/1: Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:user/a*")"},
        {R, S(allow + R"(,"Principal":{"AWS":"arn:aws:iam::111122223333:group/Devs"})"), R"(Statement/0/Principal/AWS: Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:group/Devs")"},
        {R, S(allow + R"(,"Principal":{"AWS":[]})"), "Statement/0/Principal/AWS: Principal must name at least one principal"},
        {R, S(allow + R"(,"Principal":{"Service":"ec2.*.com"})"), R"(Statement/0/Principal/Service: Invalid principal in policy: "Service":"ec2.*.com")"},
        // Condition.
        {I, S(allow + R"(,"Condition":["x"])"), "Statement/0/Condition: Condition must be an object of condition operators"},
        {I, S(allow + R"(,"Condition":{"StringEqulas":{"aws:username":"alice"}})"), "Statement/0/Condition/StringEqulas: Invalid Condition type : StringEqulas (did you mean 'StringEquals'?)"},
        {I, S(allow + R"(,"Condition":{"ForAnyValue:StringLikes":{"aws:TagKeys":"a"}})"), "Statement/0/Condition/ForAnyValue:StringLikes: Invalid Condition type : ForAnyValue:StringLikes (did you mean 'StringLike'?)"},
        {I, S(allow + R"(,"Condition":{"NullIfExists":{"aws:TagKeys":"true"}})"), "Statement/0/Condition/NullIfExists: Invalid Condition type : NullIfExists"},
        {I, S(allow + R"(,"Condition":{"StringEquals":"alice"})"), "Statement/0/Condition/StringEquals: expected an object of condition keys and their values"},
        {I, S(allow + R"(,"Condition":{"StringEquals":{"":"alice"}})"), "Statement/0/Condition/StringEquals/: a condition key cannot be empty"},
        {I, S(allow + R"(,"Condition":{"StringEquals":{"aws:username":[]}})"), "Statement/0/Condition/StringEquals/aws:username: a condition key needs at least one value"},
        {I, S(allow + R"(,"Condition":{"StringEquals":{"aws:username":{"a":1}}})"), "Statement/0/Condition/StringEquals/aws:username: a condition value must be a string, number or boolean, not object"},
        {I, S(allow + R"(,"Condition":{"StringEquals":{"aws:username":["a",null]}})"), "Statement/0/Condition/StringEquals/aws:username/1: a condition value must be a string, number or boolean, not null"},
        {I, S(allow + R"(,"Condition":{"NumericLessThan":{"s3:max-keys":"ten"}})"), "Statement/0/Condition/NumericLessThan/s3:max-keys: 'ten' is not a number (NumericLessThan compares numbers)"},
        {I, S(allow + R"(,"Condition":{"DateLessThan":{"aws:CurrentTime":"2026-02-30T00:00:00Z"}})"), R"(Statement/0/Condition/DateLessThan/aws:CurrentTime: '2026-02-30T00:00:00Z' is not a date (DateLessThan needs an ISO 8601 time such as "2026-01-01T00:00:00Z" or epoch seconds))"},
        {I, S(allow + R"(,"Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/33"}})"), R"(Statement/0/Condition/IpAddress/aws:SourceIp: '203.0.113.0/33' is not an IP address or CIDR block (IpAddress needs e.g. "203.0.113.0/24" or "2001:db8::/32"))"},
        {I, S(allow + R"(,"Condition":{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","300.1.1.1"]}})"), R"(Statement/0/Condition/NotIpAddress/aws:SourceIp/1: '300.1.1.1' is not an IP address or CIDR block (NotIpAddress needs e.g. "203.0.113.0/24" or "2001:db8::/32"))"},
        {I, S(allow + R"(,"Condition":{"IpAddress":{"aws:SourceIp":"2001:db8:::/32"}})"), R"(Statement/0/Condition/IpAddress/aws:SourceIp: '2001:db8:::/32' is not an IP address or CIDR block (IpAddress needs e.g. "203.0.113.0/24" or "2001:db8::/32"))"},
        {I, S(allow + R"(,"Condition":{"Null":{"aws:TokenIssueTime":"yes"}})"), "Statement/0/Condition/Null/aws:TokenIssueTime: 'yes' is not a Null value (expected true or false)"},
        // A single statement object has the path "Statement".
        {I, R"({"Statement":{"Effect":"Permit","Action":"s3:*","Resource":"*"}})", R"(Statement/Effect: Invalid effect: Permit (expected "Allow" or "Deny"))"},
    };
    CHECK(rows.size() >= 40);
    for (const auto& [kind, document, message] : rows)
        CHECK_MESSAGE(malformed_message(document, kind) == message, document);
}

// reference_policies_elements_resource: "You can't use a wildcard in the service segment to identify the AWS product."
// IAM refuses such a Resource (or NotResource) with "Resource vendor must be fully qualified and cannot contain
// regexes."; a star elsewhere, a pattern cut short after the service, and the ARN condition operators' values stay valid.
TEST_CASE("a wildcard in a Resource ARN's service segment is refused (reference_policies_elements_resource)") {
    const std::string vendor = "Resource vendor must be fully qualified and cannot contain regexes.";
    for (const char* resource : {"arn:aws:s3*:::b1/*", "arn:aws:s?:::b1/k", "arn:aws:*:us-east-1:111122223333:*", "arn:aws:*",
                                 "arn:aws:*:*", "arn:aws*"}) {
        CHECK_MESSAGE(malformed_message(S(std::string(R"("Effect":"Allow","Action":"*","Resource":")") + resource + "\""),
                                        PolicyKind::Identity) == "Statement/0/Resource: " + vendor,
                      resource);
        CHECK_MESSAGE(malformed_message(S(std::string(R"("Effect":"Deny","Action":"*","NotResource":[")") + resource + "\"]"),
                                        PolicyKind::Identity) == "Statement/0/NotResource/0: " + vendor,
                      resource);
    }
    // Cut short after a star, with the region (and account) left empty: "arn:aws:iam::*" (reference_policies_elements_resource,
    // "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon
    // boundaries").
    for (const char* resource : {"arn:aws:sqs:*", "arn:aws:sqs:us-*:q", "arn:*:s3:::b1/*", "arn:aws:ec2:*:*:instance/*", "*",
                                 "arn:aws:iam::*", "arn:aws:s3::*", "arn:aws:iam::111122223333*"})
        CHECK_MESSAGE(malformed_message(S(std::string(R"("Effect":"Allow","Action":"*","Resource":")") + resource + "\""),
                                        PolicyKind::Identity).empty(),
                      resource);
    CHECK(malformed_message(S(R"("Effect":"Allow","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:*:*:111122223333:*"}})"),
                            PolicyKind::Identity).empty());
}

TEST_CASE("the error carries the JSON path and the reason apart") {
    try {
        compile_policy_text(S(std::string(kAllow) + R"(,"Condition":{"StringEqulas":{"aws:username":"a"}})"), PolicyKind::Identity);
        FAIL("no error");
    } catch (const MalformedPolicyDocument& e) {
        CHECK(e.path() == "Statement/0/Condition/StringEqulas");
        CHECK(e.reason().rfind("Invalid Condition type : StringEqulas", 0) == 0);
        CHECK(std::string(MalformedPolicyDocument::kCode) == "MalformedPolicyDocument");
    }
}

TEST_CASE("valid documents of every kind compile") {
    using stslab::iam::test::malformed_message;
    CHECK(malformed_message(S(kAllow), PolicyKind::Identity).empty());
    CHECK(malformed_message(S(std::string(kAllow) + R"(,"Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:user/a","arn:aws:iam::111122223333:role/R","arn:aws:sts::111122223333:assumed-role/R/s","arn:aws:sts::111122223333:federated-user/f"],"Service":"ec2.amazonaws.com","Federated":"accounts.google.com","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"})"), PolicyKind::Resource).empty());
    CHECK(malformed_message(S(R"("Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Corp"})"), PolicyKind::Trust).empty());
    CHECK(malformed_message(S(R"("Effect":"Deny","NotAction":"s3:*","NotResource":"arn:aws:s3:::b/*","NotPrincipal":{"AWS":"111122223333"})"), PolicyKind::Resource).empty());
    CHECK(malformed_message(S(R"("Effect":"Deny","Action":"s3:*","Resource":"*","Principal":"*")"), PolicyKind::Rcp).empty());
    CHECK(malformed_message(S(std::string(kAllow) + R"(,"Principal":"*","Sid":"read objects")"), PolicyKind::Resource).empty());  // S3 allows any Sid
    // A CloudFront origin access identity (AmazonS3 example-bucket-policies): valid, and no IAM principal.
    CHECK(malformed_message(S(std::string(kAllow) + R"(,"Principal":{"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EH1HDMB1FH2TC"})"), PolicyKind::Resource).empty());
    CHECK(malformed_message(R"({"Version":"2012-10-17","Id":"x","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})", PolicyKind::Scp).empty());
    CHECK(malformed_message(S(R"("Effect":"Allow","Principal":"*","Action":"*","Resource":"*")"), PolicyKind::Rcp).empty());  // RCPFullAWSAccess
}

TEST_CASE("a compiled policy keeps its original document") {
    const Policy p = compile_policy_text(S(kAllow), PolicyKind::Identity, "ReadAll");
    CHECK(p.name == "ReadAll");
    CHECK((*p.document)["Statement"][0]["Action"] == "s3:GetObject");
    CHECK(p.statements.at(0).path == "Statement/0");
}

TEST_CASE("a document's faults are all found: the first is the error's message, the others ride with it in order") {
    const std::string document =
        R"({"Version":"2012-10-17","Statement":[)"
        R"({"Efect":"Allow","Actions":"s3:*","Resource":"*"},)"
        R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},)"
        R"({"Effect":"Allw","Action":"s3:*","Resource":"*"}]})";
    try {
        compile_policy_text(document, PolicyKind::Identity, "p");
        FAIL("the document was accepted");
    } catch (const MalformedPolicyDocument& e) {
        CHECK(e.path() == "Statement/0/Actions");  // the element names in the order IAM's JSON object keeps them
        REQUIRE(e.others().size() == 2);
        CHECK(e.others()[0].first == "Statement/0/Efect");
        CHECK(e.others()[1].first == "Statement/2/Effect");
        CHECK(e.others()[1].second == R"(Invalid effect: Allw (expected "Allow" or "Deny"))");
    }
}

// Found by fuzzing: a policy given as text with 100,000 nested brackets crashed the sandbox when the fault's message
// wrote the value back (a recursion as deep as the nesting), and a number beyond a double's range escaped as an
// internal error. Both are the policy's faults.
TEST_CASE("a policy text nested past 200 levels, or with a number too large to read, is MalformedPolicyDocument") {
    const std::string deep = S(R"("Effect":)" + std::string(100000, '[') + std::string(100000, ']') +
                               R"(,"Action":"s3:GetObject","Resource":"*")");
    const std::string huge = S(std::string(kAllow) + R"(,"Condition":{"NumericLessThan":{"s3:max-keys":1e400}})");
    const std::pair<std::string, std::string> rows[] = {
        {deep, "Syntax errors in policy. Its values are nested more than 200 levels deep"},
        {huge, "Syntax errors in policy. A number is too large to read"}};
    for (const auto& [text, message] : rows) {
        try {
            compile_policy_text(text, PolicyKind::Identity);
            FAIL("accepted");
        } catch (const MalformedPolicyDocument& e) {
            CHECK(std::string(e.what()) == message);
        }
    }
    // 200 levels are still read (and refused for what they are, an Effect that is no text).
    const std::string nested = S(R"("Effect":)" + std::string(197, '[') + std::string(197, ']') + R"(,"Action":"s3:GetObject","Resource":"*")");
    CHECK_THROWS_WITH_AS(compile_policy_text(nested, PolicyKind::Identity), doctest::Contains("Invalid effect"), MalformedPolicyDocument);
}
