// Evaluation order and policy types (reference_policies_evaluation-logic, ..._policy-eval-denyallow,
// reference_policies_evaluation-logic-cross-account, access_policies_boundaries, access_policies "session policies",
// orgs_manage_policies_scps, orgs_manage_policies_rcps, id_roles_compare-resource-policies, troubleshoot_access-denied).
#include "iam_test_util.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace stslab::iam;
using namespace stslab::iam::test;

namespace {

const std::string kAlice = "arn:aws:iam::111122223333:user/alice";
const std::string kSession = "arn:aws:sts::111122223333:assumed-role/Dev/s1";
const std::string kFederated = "arn:aws:sts::111122223333:federated-user/fred";
const std::string kRoot = "arn:aws:iam::111122223333:root";
const std::string kCarol = "arn:aws:iam::444455556666:user/carol";
const std::string kObject = "arn:aws:s3:::b1/k";
const std::string kRole = "arn:aws:iam::111122223333:role/Target";

const char* kAllowGet = R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*"})";
const char* kDenyGet = R"({"Effect":"Deny","Action":"s3:GetObject","Resource":"*"})";
const char* kAllowAll = R"({"Effect":"Allow","Action":"*","Resource":"*"})";
const char* kAllowEc2 = R"({"Effect":"Allow","Action":"ec2:*","Resource":"*"})";

std::string grant(const std::string& principal_json, const std::string& effect = "Allow") {
    return R"({"Effect":")" + effect + R"(","Principal":)" + principal_json +
           R"(,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"})";
}

}  // namespace

TEST_CASE("everything not allowed is implicitly denied, with AWS's message (troubleshoot_access-denied)") {
    const Decision d = evaluate(request(kAlice, "s3:GetObject", kObject), PolicySet{});
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.decided_by == PolicyKind::Identity);
    CHECK(d.message == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on "
                       "resource: arn:aws:s3:::b1/k because no identity-based policy allows the s3:GetObject action");
}

TEST_CASE("an identity-based Allow allows, and an explicit Deny anywhere overrides it") {
    const Policy allow = policy(PolicyKind::Identity, kAllowGet, "Read");
    const Policy deny = policy(PolicyKind::Identity, kDenyGet, "NoRead");
    PolicySet ps;
    ps.identity = {&allow};
    const Decision ok = evaluate(request(kAlice, "s3:GetObject", kObject), ps);
    CHECK(ok.outcome == Outcome::Allow);
    CHECK(ok.decided_by == PolicyKind::Identity);
    CHECK(ok.message.empty());
    ps.identity = {&allow, &deny};
    const Decision no = evaluate(request(kAlice, "s3:GetObject", kObject), ps);
    CHECK(no.outcome == Outcome::ExplicitDeny);
    CHECK(no.message == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on "
                        "resource: arn:aws:s3:::b1/k with an explicit deny in an identity-based policy");
    REQUIRE(no.deciding);
    CHECK(no.deciding->policy == &deny);
    CHECK(no.matched.size() == 2);
}

TEST_CASE("Action matching ignores case, NotAction and NotResource cover everything they do not list") {
    const Policy p = policy(PolicyKind::Identity, R"([{"Effect":"Allow","Action":"S3:getobject","Resource":"*"},
        {"Effect":"Allow","NotAction":"s3:*","Resource":"*"},
        {"Effect":"Allow","Action":"s3:PutObject","NotResource":"arn:aws:s3:::secret/*"}])");
    PolicySet ps;
    ps.identity = {&p};
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
    CHECK(evaluate(request(kAlice, "ec2:TerminateInstances", "*"), ps).allowed());
    CHECK(!evaluate(request(kAlice, "s3:DeleteObject", kObject), ps).allowed());
    CHECK(evaluate(request(kAlice, "s3:PutObject", kObject), ps).allowed());
    CHECK(!evaluate(request(kAlice, "s3:PutObject", "arn:aws:s3:::secret/k"), ps).allowed());
}

TEST_CASE("every SCP level must allow: root, each OU and the account (orgs_manage_policies_scps), and a level that does not is worded as an implicit deny (AmazonS3 troubleshoot-403-errors)") {
    const Policy full = policy(PolicyKind::Scp, kAllowAll, "FullAWSAccess");
    const Policy ec2 = policy(PolicyKind::Scp, kAllowEc2, "OnlyEc2");
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    PolicySet ps;
    ps.identity = {&identity};
    ps.scps = {{&full}, {&full}, {&full}};
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
    ps.scps = {{&full}, {&ec2}, {&full}};  // the OU level allows only EC2
    const Decision d = evaluate(request(kAlice, "s3:GetObject", kObject), ps);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.message == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on "
                       "resource: arn:aws:s3:::b1/k because no service control policy allows the s3:GetObject action");
    ps.scps = {{&full}, {&ec2, &full}, {&full}};  // any policy of a level may allow
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
    ps.scps = {{&full}, {}, {&full}};  // a level with nothing attached allows nothing
    CHECK(!evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
}

TEST_CASE("an SCP grants nothing by itself: the identity-based policies must still allow") {
    const Policy full = policy(PolicyKind::Scp, kAllowAll);
    PolicySet ps;
    ps.scps = {{&full}};
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).decided_by == PolicyKind::Identity);
}

TEST_CASE("an explicit deny in an SCP is reported as such") {
    const Policy full = policy(PolicyKind::Scp, kAllowAll);
    const Policy deny = policy(PolicyKind::Scp, kDenyGet);
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    const Policy identity_deny = policy(PolicyKind::Identity, kDenyGet);
    PolicySet ps;
    ps.identity = {&identity, &identity_deny};
    ps.scps = {{&full}, {&full, &deny}};
    const Decision d = evaluate(request(kAlice, "s3:GetObject", kObject), ps, EvalDetail::Decision);
    CHECK(d.outcome == Outcome::ExplicitDeny);
    CHECK(d.decided_by == PolicyKind::Scp);  // SCPs come before identity-based policies in AWS's order
    REQUIRE(d.deciding);
    CHECK(d.deciding->level == 1);
}

TEST_CASE("SCPs do not apply to the management account, but do apply to a member account's root user") {
    const Policy ec2 = policy(PolicyKind::Scp, kAllowEc2);
    PolicySet ps;
    ps.scps = {{&ec2}};
    const Decision root = evaluate(request(kRoot, "s3:GetObject", kObject), ps);
    CHECK(root.outcome == Outcome::ImplicitDeny);
    CHECK(root.decided_by == PolicyKind::Scp);
    ps.principal_in_management_account = true;
    CHECK(evaluate(request(kRoot, "s3:GetObject", kObject), ps).allowed());
}

TEST_CASE("SCPs do not affect service-linked roles (orgs_manage_policies_scps)") {
    const Policy ec2 = policy(PolicyKind::Scp, kAllowEc2);
    const Policy all = policy(PolicyKind::Identity, kAllowAll);
    PolicySet ps;
    ps.scps = {{&ec2}};
    ps.identity = {&all};
    Request linked = request("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForX/s1", "s3:GetObject", kObject);
    linked.principal.role_arn = "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX";
    const Decision d = evaluate(linked, ps, EvalDetail::Explain);
    CHECK(d.allowed());
    REQUIRE(d.explanation);
    bool skipped = false;
    for (const auto& step : d.explanation->steps)
        skipped |= step.name == "Service control policies" && step.detail == "SCPs do not affect service-linked roles.";
    CHECK(skipped);
    // An ordinary role with the same name elsewhere is restricted as always.
    Request ordinary = request("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForX/s1", "s3:GetObject", kObject);
    ordinary.principal.role_arn = "arn:aws:iam::111122223333:role/AWSServiceRoleForX";
    CHECK(evaluate(ordinary, ps).outcome == Outcome::ImplicitDeny);
}

TEST_CASE("a resource ARN cut short after a star matches across the colons (reference_policies_elements_resource)") {
    const Policy queues = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:*"})");
    PolicySet ps;
    ps.identity = {&queues};
    CHECK(evaluate(request(kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q1"), ps).allowed());
    CHECK_FALSE(evaluate(request(kAlice, "sqs:SendMessage", "arn:aws:sns:us-east-1:111122223333:q1"), ps).allowed());
    // "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon
    // boundaries": the star ending the region of a pattern cut short runs on across the account.
    const Policy us = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-*:q1"})");
    ps.identity = {&us};
    CHECK(evaluate(request(kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q1"), ps).allowed());
    CHECK_FALSE(evaluate(request(kAlice, "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q1"), ps).allowed());
    CHECK_FALSE(evaluate(request(kAlice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q2"), ps).allowed());
    // A pattern cut short with no star ending a segment is not an ARN.
    CHECK_THROWS_AS(policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1:q1"})"),
                    MalformedPolicyDocument);
}

TEST_CASE("the root user needs no identity-based policy in its own account, and can be denied explicitly") {
    CHECK(evaluate(request(kRoot, "s3:GetObject", kObject), PolicySet{}).allowed());
    const Policy deny = policy(PolicyKind::Resource, grant(R"({"AWS":"111122223333"})", "Deny"));
    PolicySet ps;
    ps.resource = &deny;
    CHECK(evaluate(request(kRoot, "s3:GetObject", kObject), ps).outcome == Outcome::ExplicitDeny);
}

TEST_CASE("RCPs: only an explicit deny refuses (RCPFullAWSAccess is at every level), the management account's resources exempt") {
    const Policy full = policy(PolicyKind::Rcp, R"({"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"})");
    const Policy deny = policy(PolicyKind::Rcp, R"({"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
        "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-1"}}})");
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    PolicySet ps;
    ps.identity = {&identity};
    ps.rcps = {{&full}, {&full, &deny}};
    const Decision d = evaluate(request(kAlice, "s3:GetObject", kObject), ps);
    CHECK(d.outcome == Outcome::ExplicitDeny);
    CHECK(d.message == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on "
                       "resource: arn:aws:s3:::b1/k with an explicit deny in a resource control policy");
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject, "", R"({"aws:PrincipalOrgID":"o-1"})"), ps).allowed());
    // "automatically attached to the organization root, every OU, and every account ... You cannot detach this
    // policy" (orgs_manage_policies_rcps_syntax): a level a question leaves empty still allows.
    ps.rcps = {{}, {&deny}};
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject, "", R"({"aws:PrincipalOrgID":"o-1"})"), ps).allowed());
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).decided_by == PolicyKind::Rcp);
    ps.resource_in_management_account = true;
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
}

TEST_CASE("RCPs govern only the services they support and never a service-linked role (orgs_manage_policies_rcps)") {
    const Policy full = policy(PolicyKind::Rcp, R"({"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"})");
    const Policy deny = policy(PolicyKind::Rcp, R"({"Effect":"Deny","Principal":"*","Action":["s3:*","sts:*","ec2:*","iam:*"],"Resource":"*"})");
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    PolicySet ps;
    ps.identity = {&identity};
    ps.rcps = {{&full, &deny}};
    // "RCPs apply to resources for a subset of AWS services": S3, STS, KMS, SQS, Secrets Manager and more; not EC2, IAM
    // or Lambda.
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).outcome == Outcome::ExplicitDeny);
    CHECK(evaluate(request(kAlice, "sts:AssumeRole", kRole), ps).outcome == Outcome::ExplicitDeny);
    const Decision ec2 = evaluate(request(kAlice, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"),
                                  ps, EvalDetail::Explain);
    CHECK(ec2.allowed());
    REQUIRE(ec2.explanation);
    bool skipped = false;
    for (const auto& step : ec2.explanation->steps) skipped |= step.name == "Resource control policies" && step.outcome == "skipped";
    CHECK(skipped);
    CHECK(evaluate(request(kAlice, "iam:CreateUser", "arn:aws:iam::111122223333:user/bob"), ps).allowed());
    // Services AWS added to the page's list after the first five are governed too: DynamoDB, CloudWatch Logs.
    const Policy later = policy(PolicyKind::Rcp, R"({"Effect":"Deny","Principal":"*","Action":["dynamodb:*","logs:*","lambda:*"],"Resource":"*"})");
    ps.rcps = {{&full, &later}};
    CHECK(evaluate(request(kAlice, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/t"), ps).outcome ==
          Outcome::ExplicitDeny);
    CHECK(evaluate(request(kAlice, "logs:GetLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:g"), ps).outcome ==
          Outcome::ExplicitDeny);
    CHECK(evaluate(request(kAlice, "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:f"), ps).allowed());
    ps.rcps = {{&full, &deny}};
    // "RCPs do not impact the effective permissions of any service-linked role."
    Request linked = request("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForX/s1", "s3:GetObject", kObject);
    linked.principal.role_arn = "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX";
    CHECK(evaluate(linked, ps).allowed());
    // "RCPs do not impact the kms:RetireGrant permission", even named in an RCP's Deny.
    const Policy kms = policy(PolicyKind::Rcp, R"({"Effect":"Deny","Principal":"*","Action":["kms:*","kms:RetireGrant"],"Resource":"*"})");
    ps.rcps = {{&full, &kms}};
    const std::string key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const Policy key_policy = policy(PolicyKind::Resource, R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"})");
    ps.resource = &key_policy;
    CHECK(evaluate(request(kAlice, "kms:RetireGrant", key), ps).allowed());
    CHECK(evaluate(request(kAlice, "kms:Decrypt", key), ps).outcome == Outcome::ExplicitDeny);
    // "Resource control policies in your organization do not apply to AWS managed keys" (kms resource-control-policies).
    ps.aws_managed_key = true;
    const Decision managed = evaluate(request(kAlice, "kms:Decrypt", key), ps, EvalDetail::Explain);
    CHECK(managed.allowed());
    const bool told = std::any_of(managed.explanation->steps.begin(), managed.explanation->steps.end(), [](const EvaluationStep& s) {
        return s.name == "Resource control policies" && s.detail == "RCPs do not apply to AWS managed keys, which an AWS service creates, manages and uses on your behalf.";
    });
    CHECK(told);
}

TEST_CASE("a resource policy naming the IAM user who federated is limited by the session policy "
          "(reference_policies_evaluation-logic_policy-eval-denyallow)") {
    const Policy bucket = policy(PolicyKind::Resource, grant(R"({"AWS":")" + kAlice + R"("})"));
    const Policy ec2_only = policy(PolicyKind::Session, kAllowEc2);
    const Policy gets = policy(PolicyKind::Session, kAllowGet);
    Request fred = request(kFederated, "s3:GetObject", kObject);
    fred.principal.issuer_arn = kAlice;
    PolicySet ps;
    ps.resource = &bucket;
    ps.session = {&ec2_only};
    const Decision d = evaluate(fred, ps);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.decided_by == PolicyKind::Session);
    ps.session = {&gets};  // the session policy allows it: the bucket's grant suffices, no identity policy needed
    CHECK(evaluate(fred, ps).allowed());
}

TEST_CASE("a federated user of the root user has root's permissions, limited only by its session policy "
          "(id_credentials_temp_control-access_disable-perms)") {
    const Policy gets = policy(PolicyKind::Session, kAllowGet);
    Request fred = request(kFederated, "s3:GetObject", kObject);
    fred.principal.issuer_arn = kRoot;
    PolicySet ps;
    ps.session = {&gets};
    const Decision d = evaluate(fred, ps);
    CHECK(d.allowed());
    CHECK(d.decided_by == PolicyKind::Session);
    fred.action = "s3:PutObject";
    CHECK(evaluate(fred, ps).decided_by == PolicyKind::Session);
    CHECK_FALSE(evaluate(fred, ps).allowed());
    // Another account's root is not this account's: its federated user has no identity-based permissions here.
    fred.action = "s3:GetObject";
    fred.principal.issuer_arn = "arn:aws:iam::999999999999:root";
    CHECK(evaluate(fred, ps).decided_by == PolicyKind::Identity);
}

TEST_CASE("a user named in a trust policy still needs its permissions boundary to allow sts:AssumeRole "
          "(id_roles_update-role-trust-policy)") {
    const Policy trust = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":")" + kAlice + R"("},"Action":"sts:AssumeRole"})");
    const Policy s3_only = policy(PolicyKind::Boundary, R"({"Effect":"Allow","Action":"s3:*","Resource":"*"})");
    const Policy assume = policy(PolicyKind::Boundary, R"({"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"})");
    PolicySet ps;
    ps.resource = &trust;
    const Decision free = evaluate(request(kAlice, "sts:AssumeRole", kRole), ps, EvalDetail::Explain);
    CHECK(free.allowed());  // no identity policy needed
    REQUIRE(free.explanation);
    // ... and the reason does not say a boundary could not refuse it (as a bucket policy naming the user's would not).
    CHECK(free.explanation->steps.back().detail ==
          "The trust policy names the user, who has no permissions boundary: that decides Allow, with no "
          "identity-based policy needed (a boundary, had the user one, would have to allow the call too).");
    ps.boundary = &s3_only;
    const Decision d = evaluate(request(kAlice, "sts:AssumeRole", kRole), ps);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.decided_by == PolicyKind::Boundary);
    ps.boundary = &assume;
    CHECK(evaluate(request(kAlice, "sts:AssumeRole", kRole), ps).allowed());
}

TEST_CASE("same account: a resource policy naming the IAM user decides Allow, even past its boundary") {
    const Policy bucket = policy(PolicyKind::Resource, grant(R"({"AWS":")" + kAlice + R"("})"));
    const Policy boundary = policy(PolicyKind::Boundary, kAllowEc2);
    PolicySet ps;
    ps.resource = &bucket;
    const Decision d = evaluate(request(kAlice, "s3:GetObject", kObject), ps);
    CHECK(d.outcome == Outcome::Allow);
    CHECK(d.decided_by == PolicyKind::Resource);
    ps.boundary = &boundary;
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
}

// access_policies, "Session policies": "A resource-based policy can specify the ARN of the user or role as a principal.
// ... The session policy limits the total permissions granted by the resource-based policy and the identity-based
// policy." The user's boundary still does not limit a grant to its ARN; "*" is not limited, as for a role session.
TEST_CASE("same account: a grant to the IAM USER is limited by a session policy, not by its boundary") {
    const Policy bucket = policy(PolicyKind::Resource, grant(R"({"AWS":")" + kAlice + R"("})"));
    const Policy everyone = policy(PolicyKind::Resource, grant(R"("*")"));
    const Policy boundary = policy(PolicyKind::Boundary, kAllowEc2);
    const Policy ec2_session = policy(PolicyKind::Session, kAllowEc2);
    const Policy get_session = policy(PolicyKind::Session, kAllowGet);
    PolicySet ps;
    ps.resource = &bucket;
    ps.session = {&ec2_session};
    const Decision d = evaluate(request(kAlice, "s3:GetObject", kObject), ps);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.decided_by == PolicyKind::Session);
    ps.session = {&get_session};
    ps.boundary = &boundary;
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());  // no identity policy, boundary passed over
    ps.resource = &everyone;
    ps.session = {&ec2_session};
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
}

TEST_CASE("same account: a grant to the ROLE is still limited by the boundary and the session policy") {
    const Policy bucket = policy(PolicyKind::Resource, grant(R"({"AWS":"arn:aws:iam::111122223333:role/Dev"})"));
    const Policy boundary = policy(PolicyKind::Boundary, kAllowEc2);
    const Policy session = policy(PolicyKind::Session, kAllowEc2);
    PolicySet ps;
    ps.resource = &bucket;
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject), ps).allowed());  // no identity policy needed
    ps.boundary = &boundary;
    const Decision d = evaluate(request(kSession, "s3:GetObject", kObject), ps);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.message == "User: arn:aws:sts::111122223333:assumed-role/Dev/s1 is not authorized to perform: "
                       "s3:GetObject on resource: arn:aws:s3:::b1/k because no permissions boundary allows the "
                       "s3:GetObject action");
    ps.boundary = nullptr;
    ps.session = {&session};
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject), ps).decided_by == PolicyKind::Session);
}

TEST_CASE("same account: a grant to the role SESSION is not limited by boundary or session policy") {
    const Policy bucket = policy(PolicyKind::Resource, grant(R"({"AWS":")" + kSession + R"("})"));
    const Policy boundary = policy(PolicyKind::Boundary, kAllowEc2);
    const Policy session = policy(PolicyKind::Session, kAllowEc2);
    PolicySet ps;
    ps.resource = &bucket;
    ps.boundary = &boundary;
    ps.session = {&session};
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject), ps).allowed());
}

TEST_CASE("same account: a grant to the account delegates to the identity-based policies") {
    const Policy bucket = policy(PolicyKind::Resource, grant(R"({"AWS":"arn:aws:iam::111122223333:root"})"));
    const Policy identity = policy(PolicyKind::Identity, kAllowGet);
    PolicySet ps;
    ps.resource = &bucket;
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).decided_by == PolicyKind::Identity);
    ps.identity = {&identity};
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
}

TEST_CASE("same account: without a resource policy Allow, the identity policy alone allows") {
    const Policy bucket = policy(PolicyKind::Resource, grant(R"({"AWS":")" + kCarol + R"("})"));
    const Policy identity = policy(PolicyKind::Identity, kAllowGet);
    PolicySet ps;
    ps.resource = &bucket;
    ps.identity = {&identity};
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
}

TEST_CASE("the boundary and the session policy each cap identity-based permissions") {
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    const Policy boundary = policy(PolicyKind::Boundary, kAllowEc2);
    const Policy session_get = policy(PolicyKind::Session, kAllowGet);
    PolicySet ps;
    ps.identity = {&identity};
    ps.boundary = &boundary;
    CHECK(evaluate(request(kAlice, "ec2:DescribeInstances", "*"), ps).allowed());
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).decided_by == PolicyKind::Boundary);
    ps.boundary = nullptr;
    ps.session = {&session_get};
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject), ps).allowed());
    const Decision d = evaluate(request(kSession, "ec2:DescribeInstances", "*"), ps);
    // An action on no particular resource names none (troubleshoot_access-denied's codecommit:ListRepositories).
    CHECK(d.message == "User: arn:aws:sts::111122223333:assumed-role/Dev/s1 is not authorized to perform: "
                       "ec2:DescribeInstances because no session policy allows the ec2:DescribeInstances action");
    const Policy boundary_deny = policy(PolicyKind::Boundary, std::string("[") + kAllowAll + "," + kDenyGet + "]");
    ps.session.clear();
    ps.boundary = &boundary_deny;
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).message ==
          "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: "
          "arn:aws:s3:::b1/k with an explicit deny in a permissions boundary");
}

TEST_CASE("a federated user session without a session policy has no permissions, a resource policy naming it still grants") {
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    PolicySet ps;
    ps.identity = {&identity};
    CHECK(evaluate(request(kFederated, "s3:GetObject", kObject), ps).decided_by == PolicyKind::Session);
    const Policy bucket = policy(PolicyKind::Resource, grant(R"({"AWS":")" + kFederated + R"("})"));
    ps.resource = &bucket;
    CHECK(evaluate(request(kFederated, "s3:GetObject", kObject), ps).allowed());
}

TEST_CASE("cross account: both the principal's account and the resource's account must allow") {
    const Policy identity = policy(PolicyKind::Identity, kAllowGet);
    const Policy bucket_user = policy(PolicyKind::Resource, grant(R"({"AWS":")" + kCarol + R"("})"));
    const Policy bucket_account = policy(PolicyKind::Resource, grant(R"({"AWS":"444455556666"})"));
    const Policy boundary = policy(PolicyKind::Boundary, kAllowEc2);
    PolicySet ps;
    ps.identity = {&identity};
    const Decision no_resource = evaluate(request(kCarol, "s3:GetObject", kObject, "111122223333"), ps);
    CHECK(no_resource.outcome == Outcome::ImplicitDeny);
    CHECK(no_resource.message == "User: arn:aws:iam::444455556666:user/carol is not authorized to perform: "
                                 "s3:GetObject on resource: arn:aws:s3:::b1/k because no resource-based policy allows "
                                 "the s3:GetObject action");
    ps.resource = &bucket_user;
    CHECK(evaluate(request(kCarol, "s3:GetObject", kObject, "111122223333"), ps).allowed());
    ps.resource = &bucket_account;  // naming the account is enough on the resource side
    CHECK(evaluate(request(kCarol, "s3:GetObject", kObject, "111122223333"), ps).allowed());
    ps.identity.clear();  // even when the resource names the user, its own account must allow
    ps.resource = &bucket_user;
    CHECK(evaluate(request(kCarol, "s3:GetObject", kObject, "111122223333"), ps).decided_by == PolicyKind::Identity);
    ps.identity = {&identity};
    ps.boundary = &boundary;
    CHECK(evaluate(request(kCarol, "s3:GetObject", kObject, "111122223333"), ps).decided_by == PolicyKind::Boundary);
}

TEST_CASE("role trust policy, same account: naming the caller is enough, naming the account needs an identity Allow") {
    const Policy trust_user = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":")" + kAlice + R"("},"Action":"sts:AssumeRole"})");
    const Policy trust_account = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"})");
    const Policy identity = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"sts:AssumeRole","Resource":")" + kRole + R"("})");
    PolicySet ps;
    ps.resource = &trust_user;
    const Decision direct = evaluate(request(kAlice, "sts:AssumeRole", kRole), ps);
    CHECK(direct.allowed());
    CHECK(direct.decided_by == PolicyKind::Trust);
    ps.resource = &trust_account;
    const Decision d = evaluate(request(kAlice, "sts:AssumeRole", kRole), ps);
    CHECK(d.decided_by == PolicyKind::Identity);
    ps.identity = {&identity};
    CHECK(evaluate(request(kAlice, "sts:AssumeRole", kRole), ps).allowed());
}

TEST_CASE("role trust policy: an identity policy alone never lets anyone assume a role") {
    const Policy trust = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"})");
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    PolicySet ps;
    ps.resource = &trust;
    ps.identity = {&identity};
    const Decision d = evaluate(request(kAlice, "sts:AssumeRole", kRole), ps);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.message == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on "
                       "resource: arn:aws:iam::111122223333:role/Target because no role trust policy allows the "
                       "sts:AssumeRole action");
    CHECK(evaluate(request("ec2.amazonaws.com", "sts:AssumeRole", kRole), ps).allowed());
    // A question that gives no trust policy at all (PolicySet::trust_not_given): the same refusal.
    ps.resource = nullptr;
    ps.trust_not_given = true;
    const Decision none = evaluate(request(kAlice, "sts:AssumeRole", kRole), ps);
    CHECK(none.outcome == Outcome::ImplicitDeny);
    CHECK(none.decided_by == PolicyKind::Trust);
    CHECK(none.message == d.message);
}

TEST_CASE("role trust policy, cross account: the trust AND the caller's own account must allow") {
    const Policy trust = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":")" + kCarol + R"("},"Action":"sts:AssumeRole",
        "Condition":{"StringEquals":{"sts:ExternalId":"Unique-1"}}})");
    const Policy identity = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"})");
    PolicySet ps;
    ps.resource = &trust;
    const auto assume = [&](const std::string& ctx) { return evaluate(request(kCarol, "sts:AssumeRole", kRole, "111122223333", ctx), ps); };
    CHECK(assume(R"({"sts:ExternalId":"Unique-1"})").decided_by == PolicyKind::Identity);
    ps.identity = {&identity};
    CHECK(assume(R"({"sts:ExternalId":"Unique-1"})").allowed());
    CHECK(assume(R"({"sts:ExternalId":"Other"})").decided_by == PolicyKind::Trust);  // the confused deputy fails
    CHECK(assume("{}").decided_by == PolicyKind::Trust);
}

TEST_CASE("role chaining: the trust principal that matches a session is the role ARN or the session ARN") {
    const Policy by_role = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Dev"},"Action":"sts:AssumeRole"})");
    const Policy by_session = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":")" + kSession + R"("},"Action":"sts:AssumeRole"})");
    PolicySet ps;
    ps.resource = &by_role;
    CHECK(evaluate(request(kSession, "sts:AssumeRole", kRole), ps).allowed());
    ps.resource = &by_session;
    CHECK(evaluate(request(kSession, "sts:AssumeRole", kRole), ps).allowed());
    CHECK(!evaluate(request("arn:aws:sts::111122223333:assumed-role/Dev/other", "sts:AssumeRole", kRole), ps).allowed());
}

TEST_CASE("MFA in a trust policy: long-term keys carry no MFA key, so Bool is false") {
    const Policy trust = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":")" + kAlice + R"("},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}})");
    PolicySet ps;
    ps.resource = &trust;
    CHECK(!evaluate(request(kAlice, "sts:AssumeRole", kRole), ps).allowed());
    CHECK(evaluate(request(kAlice, "sts:AssumeRole", kRole, "", R"({"aws:MultiFactorAuthPresent":"true"})"), ps).allowed());
}

TEST_CASE("federated principals: SAML and OIDC providers, services, anonymous callers (reference_policies_elements_principal)") {
    const Policy saml = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Corp"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}})");
    PolicySet ps;
    ps.resource = &saml;
    CHECK(evaluate(request("arn:aws:iam::111122223333:saml-provider/Corp", "sts:AssumeRoleWithSAML", kRole, "", R"({"SAML:aud":"https://signin.aws.amazon.com/saml"})"), ps).allowed());
    CHECK(!evaluate(request("arn:aws:iam::111122223333:saml-provider/Other", "sts:AssumeRoleWithSAML", kRole, "", R"({"SAML:aud":"https://signin.aws.amazon.com/saml"})"), ps).allowed());
    const Policy everyone = policy(PolicyKind::Resource, grant(R"("*")"));
    const Policy everyone_aws = policy(PolicyKind::Resource, grant(R"({"AWS":"*"})"));
    const Policy canonical = policy(PolicyKind::Resource, grant(R"({"CanonicalUser":"79a59df9"})"));
    ps.resource = &everyone;
    CHECK(evaluate(request("anonymous", "s3:GetObject", kObject), ps).allowed());
    ps.resource = &everyone_aws;
    CHECK(evaluate(request("anonymous", "s3:GetObject", kObject), ps).allowed());
    ps.resource = &canonical;
    CHECK(!evaluate(request("anonymous", "s3:GetObject", kObject), ps).allowed());
    ps.resource = nullptr;
    CHECK(evaluate(request("anonymous", "s3:GetObject", kObject), ps).decided_by == PolicyKind::Resource);
}

TEST_CASE("a Deny with NotPrincipal spares only a principal listed together with its account (reference_policies_elements_notprincipal)") {
    const Policy both = policy(PolicyKind::Resource, std::string("[") + grant(R"({"AWS":"*"})") + "," +
        R"({"Effect":"Deny","NotPrincipal":{"AWS":[")" + kAlice + R"(","111122223333"]},"Action":"s3:*","Resource":"*"}])");
    const Policy user_only = policy(PolicyKind::Resource, std::string("[") + grant(R"({"AWS":"*"})") + "," +
        R"({"Effect":"Deny","NotPrincipal":{"AWS":")" + kAlice + R"("},"Action":"s3:*","Resource":"*"}])");
    const Policy boundary = policy(PolicyKind::Boundary, kAllowAll);
    PolicySet ps;
    ps.resource = &both;
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());
    CHECK(evaluate(request("arn:aws:iam::111122223333:user/bob", "s3:GetObject", kObject), ps).outcome == Outcome::ExplicitDeny);
    ps.resource = &user_only;
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).outcome == Outcome::ExplicitDeny);
    // A principal with a permissions boundary is always denied by such a statement (access_policies_boundaries).
    ps.resource = &both;
    ps.boundary = &boundary;
    const Decision d = evaluate(request(kAlice, "s3:GetObject", kObject), ps);
    CHECK(d.outcome == Outcome::ExplicitDeny);
    CHECK(d.message == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on "
                       "resource: arn:aws:s3:::b1/k with an explicit deny in a resource-based policy");
}

// reference_policies_elements_notprincipal: "When you specify an assumed-role session in a NotPrincipal element, you
// cannot use a wildcard (*) to mean 'all sessions'. Principals must always name a specific session." Its example
// lists the session, the role and the account: that one session is spared, the role's other sessions are not.
TEST_CASE("a Deny with NotPrincipal spares a role session only when it names that session, not the role (reference_policies_elements_notprincipal)") {
    const std::string role = "arn:aws:iam::111122223333:role/Dev";
    const Policy listed = policy(PolicyKind::Resource, std::string("[") + grant(R"({"AWS":")" + role + R"("})") + "," +
        R"({"Effect":"Deny","NotPrincipal":{"AWS":[")" + kSession + R"(",")" + role + R"(","arn:aws:iam::111122223333:root"]},"Action":"s3:*","Resource":"*"}])");
    const Policy role_only = policy(PolicyKind::Resource, std::string("[") + grant(R"({"AWS":")" + role + R"("})") + "," +
        R"({"Effect":"Deny","NotPrincipal":{"AWS":[")" + role + R"(","111122223333"]},"Action":"s3:*","Resource":"*"}])");
    PolicySet ps;
    ps.resource = &listed;
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject), ps).allowed());
    CHECK(evaluate(request("arn:aws:sts::111122223333:assumed-role/Dev/other", "s3:GetObject", kObject), ps).outcome ==
          Outcome::ExplicitDeny);
    ps.resource = &role_only;
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject), ps).outcome == Outcome::ExplicitDeny);
    // "AWS might validate the account first, then the role, and then the assumed-role user": the session and its
    // account without the role do not spare it either.
    const Policy no_role = policy(PolicyKind::Resource, std::string("[") + grant(R"({"AWS":")" + role + R"("})") + "," +
        R"({"Effect":"Deny","NotPrincipal":{"AWS":[")" + kSession + R"(","111122223333"]},"Action":"s3:*","Resource":"*"}])");
    ps.resource = &no_role;
    const Decision d = evaluate(request(kSession, "s3:GetObject", kObject), ps, EvalDetail::Explain);
    CHECK(d.outcome == Outcome::ExplicitDeny);
    REQUIRE(d.explanation);
    bool said = false;
    for (const auto& checked : d.explanation->policies)
        for (const auto& st : checked.statements)
            said |= st.principal_detail == "NotPrincipal does not list all of " + kSession + ", its role and its account, so "
                                           "the statement applies to it";
    CHECK(said);
}

// reference_policies_evaluation-logic_policy-eval-denyallow: "IAM role trust policies and KMS key policies are
// exceptions to this logic, because they must explicitly allow access for principals."
TEST_CASE("a KMS key policy must allow access even in its own account: an identity-based policy alone does not") {
    const std::string key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const Policy identity = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"})");
    auto key_policy = [](const std::string& principal) {
        return policy(PolicyKind::Resource,
                      R"({"Effect":"Allow","Principal":{"AWS":")" + principal + R"("},"Action":"kms:*","Resource":"*"})");
    };
    const Policy admin_only = key_policy("arn:aws:iam::111122223333:user/keyadmin");
    const Policy account = key_policy("arn:aws:iam::111122223333:root");
    PolicySet ps;
    ps.identity = {&identity};
    ps.resource = &admin_only;
    const Decision d = evaluate(request(kAlice, "kms:Decrypt", key, "111122223333"), ps);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.decided_by == PolicyKind::Resource);
    ps.resource = nullptr;
    CHECK(evaluate(request(kAlice, "kms:Decrypt", key, "111122223333"), ps).outcome == Outcome::ImplicitDeny);
    // A key policy naming the account lets IAM policies grant access; without one, nothing does.
    ps.resource = &account;
    CHECK(evaluate(request(kAlice, "kms:Decrypt", key, "111122223333"), ps).allowed());
    ps.identity.clear();
    CHECK(evaluate(request(kAlice, "kms:Decrypt", key, "111122223333"), ps).decided_by == PolicyKind::Identity);
}

TEST_CASE("explicit denies in a session policy and in a role trust policy are named as such") {
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    const Policy session = policy(PolicyKind::Session, std::string("[") + kAllowAll + "," + kDenyGet + "]");
    PolicySet ps;
    ps.identity = {&identity};
    ps.session = {&session};
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject), ps).message ==
          "User: arn:aws:sts::111122223333:assumed-role/Dev/s1 is not authorized to perform: s3:GetObject on "
          "resource: arn:aws:s3:::b1/k with an explicit deny in a session policy");
    const Policy trust = policy(PolicyKind::Trust, R"([{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"},
        {"Effect":"Deny","Principal":{"AWS":")" + kAlice + R"("},"Action":"sts:AssumeRole"}])");
    PolicySet trust_set;
    trust_set.identity = {&identity};
    trust_set.resource = &trust;
    CHECK(evaluate(request(kAlice, "sts:AssumeRole", kRole), trust_set).message ==
          "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: "
          "arn:aws:iam::111122223333:role/Target with an explicit deny in the role trust policy");
}

TEST_CASE("the AWSRevokeOlderSessions policy denies sessions issued before the revocation and nothing else") {
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    const Policy revoke = policy(PolicyKind::Identity, R"({"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-01-01T12:00:00Z"}}})", "AWSRevokeOlderSessions");
    PolicySet ps;
    ps.identity = {&identity, &revoke};
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject, "", R"({"aws:TokenIssueTime":"2026-01-01T11:59:59Z"})"), ps).outcome == Outcome::ExplicitDeny);
    CHECK(evaluate(request(kSession, "s3:GetObject", kObject, "", R"({"aws:TokenIssueTime":"2026-01-01T12:00:01Z"})"), ps).allowed());
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject), ps).allowed());  // long-term keys: no aws:TokenIssueTime
}

TEST_CASE("the three detail levels decide alike") {
    const Policy identity = policy(PolicyKind::Identity, std::string("[") + kAllowAll + "," + kDenyGet + "]");
    PolicySet ps;
    ps.identity = {&identity};
    for (const char* action : {"s3:GetObject", "s3:PutObject"}) {
        const Request r = request(kAlice, action, kObject);
        const Decision a = evaluate(r, ps, EvalDetail::Decision), b = evaluate(r, ps, EvalDetail::Matched),
                       c = evaluate(r, ps, EvalDetail::Explain);
        CHECK(a.outcome == b.outcome);
        CHECK(b.outcome == c.outcome);
        CHECK(a.decided_by == c.decided_by);
        CHECK(a.message.empty());
        CHECK(b.message == c.message);
        CHECK(!b.explanation);
        CHECK(c.explanation);
    }
}

// A decision's request is kept packed in a long run's trace (iam::PackedRequest) and unpacked to explain it again:
// every field, every context key in its order and as it was spelt (the common keys are packed as a number, and one
// spelt in another case is not one of them), single and multivalued, must come back. So must every text that repeats
// one before it (packed as a reference to it): the principal's ARN and account in the context, a value given twice.
TEST_CASE("a packed request unpacks to the same request, field for field and key for key") {
    Request r = request(kSession, "s3:GetObject", kObject, "444455556666",
                        R"({"aws:PrincipalTag/team": ["red", "", "팀"], "aws:SourceIp": "203.0.113.7", "empty": "",
                            "aws:securetransport": "true", "x:again": ["203.0.113.7", "팀", "203.0.113.7", "444455556666"],
                            "x:near": ["203.0.113.8", "ed", "red"]})");
    r.principal.issuer_arn = std::string(300, 'x');  // longer than one length byte
    r.principal.id = "AROAEXAMPLE:s1";
    const Request back = PackedRequest(r).unpack();
    CHECK(back.principal.type == r.principal.type);
    for (const auto& [a, b] : {std::pair{&back.principal.arn, &r.principal.arn}, {&back.principal.account, &r.principal.account},
                               {&back.principal.role_arn, &r.principal.role_arn}, {&back.principal.issuer_arn, &r.principal.issuer_arn},
                               {&back.principal.name, &r.principal.name}, {&back.principal.id, &r.principal.id},
                               {&back.action, &r.action}, {&back.resource, &r.resource},
                               {&back.resource_account, &r.resource_account}})
        CHECK(*a == *b);
    REQUIRE(back.context.entries().size() == r.context.entries().size());
    for (std::size_t i = 0; i < r.context.entries().size(); ++i) {
        CHECK(back.context.entries()[i].key == r.context.entries()[i].key);
        CHECK(back.context.entries()[i].values == r.context.entries()[i].values);
        CHECK(back.context.entries()[i].multivalued == r.context.entries()[i].multivalued);
    }
}

TEST_CASE("STS decides some calls from the caller alone, before any policy (API_GetCallerIdentity, API_AssumeRole)") {
    const Policy deny_all = policy(PolicyKind::Identity, R"({"Effect":"Deny","Action":"*","Resource":"*"})", "DenyAll");
    const Policy allow_all = policy(PolicyKind::Identity, kAllowAll, "All");
    PolicySet denied, allowed;
    denied.identity = {&deny_all};
    allowed.identity = {&allow_all};
    // "If an administrator attaches a policy to your identity that explicitly denies access to the
    // sts:GetCallerIdentity action, you can still perform this operation."
    for (const std::string& who : {kAlice, kSession, kFederated, kRoot})
        CHECK(evaluate(request(who, "sts:GetCallerIdentity", ""), denied).outcome == Outcome::Allow);
    // "No permissions are required for a user to get a session token" (id_credentials_temp_control-access_getsessiontoken).
    CHECK(evaluate(request(kAlice, "sts:GetSessionToken", ""), PolicySet{}).outcome == Outcome::Allow);
    // Temporary credentials "Cannot call GetFederationToken or GetSessionToken" (id_credentials_sts-comparison).
    const Decision from_session = evaluate(request(kSession, "sts:GetSessionToken", ""), allowed);
    CHECK(from_session.outcome == Outcome::ImplicitDeny);
    CHECK(from_session.message == "Cannot call GetSessionToken with session credentials");
    CHECK(evaluate(request(kFederated, "sts:GetFederationToken", ""), allowed).outcome == Outcome::ImplicitDeny);
    // "You cannot call AssumeRole by using AWS root account credentials; access is denied."
    const Decision root = evaluate(request(kRoot, "sts:AssumeRole", kRole), allowed);
    CHECK(root.outcome == Outcome::ImplicitDeny);
    CHECK(root.message == "Roles may not be assumed by root accounts.");
    // A federated user can call no IAM operation and no STS operation but GetCallerIdentity.
    CHECK(evaluate(request(kFederated, "iam:ListUsers", "*"), allowed).outcome == Outcome::ImplicitDeny);
    CHECK(evaluate(request(kFederated, "sts:AssumeRole", kRole), allowed).outcome == Outcome::ImplicitDeny);
    // Everything else is the policies' to decide.
    CHECK(evaluate(request(kAlice, "sts:AssumeRole", kRole), denied).outcome == Outcome::ExplicitDeny);
    CHECK(evaluate(request(kFederated, "s3:GetObject", kObject), allowed).decided_by == PolicyKind::Session);
}

// vpc-endpoints-access: "An endpoint policy does not override or replace identity-based policies or resource-based
// policies": a request that came through a VPC endpoint needs its policy's Allow as well as everything else, an
// explicit Deny in it refuses, and the refusal names it ("because no VPC endpoint policy allows ...",
// troubleshoot_access-denied). The endpoint's policy grants nothing: the identity-based policies must still allow.
TEST_CASE("a VPC endpoint's policy must allow a request that came through it, and grants nothing by itself") {
    const Policy identity = policy(PolicyKind::Identity, kAllowAll);
    const Policy only_own = compile_policy_text(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*",
        "Condition":{"StringEquals":{"aws:ResourceAccount":"111122223333"}}}]})", PolicyKind::Endpoint, "endpoint policy");
    const Policy no_deletes = compile_policy_text(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
        {"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]})", PolicyKind::Endpoint, "endpoint policy");
    const std::string own_account = R"({"aws:ResourceAccount":"111122223333"})";
    PolicySet ps;
    ps.identity = {&identity};
    ps.endpoint = &only_own;
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject, "111122223333", own_account), ps).allowed());
    const Decision out = evaluate(request(kAlice, "s3:PutObject", "arn:aws:s3:::elsewhere/k", "999999999999", R"({"aws:ResourceAccount":"999999999999"})"), ps, EvalDetail::Explain);
    CHECK(out.outcome == Outcome::ImplicitDeny);
    CHECK(out.decided_by == PolicyKind::Endpoint);
    CHECK(out.message == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: "
                         "arn:aws:s3:::elsewhere/k because no VPC endpoint policy allows the s3:PutObject action");
    REQUIRE(out.explanation);
    const auto step = std::find_if(out.explanation->steps.begin(), out.explanation->steps.end(),
                                   [](const EvaluationStep& s) { return s.name == "VPC endpoint policy"; });
    REQUIRE(step != out.explanation->steps.end());
    CHECK(step->outcome == "deny");
    CHECK(step->detail.find("aws:ResourceAccount") != std::string::npos);
    ps.endpoint = &no_deletes;
    const Decision deleted = evaluate(request(kAlice, "s3:DeleteObject", kObject, "111122223333", own_account), ps);
    CHECK(deleted.outcome == Outcome::ExplicitDeny);
    CHECK(deleted.message.find("with an explicit deny in a VPC endpoint policy") != std::string::npos);
    // It grants nothing: without an identity-based Allow the request is refused by the identity-based policies.
    ps.identity = {};
    CHECK(evaluate(request(kAlice, "s3:GetObject", kObject, "111122223333", own_account), ps).decided_by == PolicyKind::Identity);
    // Nor does an explanation without an endpoint gain a step for one.
    ps.identity = {&identity};
    ps.endpoint = nullptr;
    const Decision plain = evaluate(request(kAlice, "s3:GetObject", kObject), ps, EvalDetail::Explain);
    for (const EvaluationStep& s : plain.explanation->steps) CHECK(s.name != "VPC endpoint policy");
}

// AmazonS3 API_PutBucketPolicy (and API_GetBucketPolicy, API_DeleteBucketPolicy): "the root principal in a bucket
// owner's AWS account can perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions, even if
// their bucket policy explicitly denies the root principal's access. Bucket owner root principals can only be blocked
// from performing these API actions by VPC endpoint policies and AWS Organizations policies."
TEST_CASE("a bucket policy cannot lock its owner's root user out of getting, putting or deleting it, but an SCP can") {
    const Policy lockout = policy(PolicyKind::Resource,
                                  R"({"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b1","arn:aws:s3:::b1/*"]})",
                                  "bucket policy");
    PolicySet ps;
    ps.resource = &lockout;
    const auto ask = [&ps](const std::string& principal, const std::string& action, const std::string& resource) {
        Request r = request(principal, action, resource);
        r.resource_account = "111122223333";
        return evaluate(r, ps, EvalDetail::Explain);
    };
    for (const char* action : {"s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:deletebucketpolicy"}) {
        CAPTURE(action);
        const Decision d = ask(kRoot, action, "arn:aws:s3:::b1");
        CHECK(d.outcome == Outcome::Allow);
        REQUIRE(d.explanation);
        const bool told = std::any_of(d.explanation->steps.begin(), d.explanation->steps.end(), [](const EvaluationStep& s) {
            return s.detail.find("the bucket owner's root user may get, put and delete it") != std::string::npos;
        });
        CHECK(told);
    }
    // Any other action, another account's root user, or an IAM user of the owner's account: the policy applies.
    CHECK(ask(kRoot, "s3:GetObject", kObject).outcome == Outcome::ExplicitDeny);
    CHECK(ask(kRoot, "s3:PutBucketAcl", "arn:aws:s3:::b1").outcome == Outcome::ExplicitDeny);
    CHECK(ask("arn:aws:iam::444455556666:root", "s3:PutBucketPolicy", "arn:aws:s3:::b1").outcome == Outcome::ExplicitDeny);
    CHECK(ask(kAlice, "s3:PutBucketPolicy", "arn:aws:s3:::b1").outcome == Outcome::ExplicitDeny);
    // An SCP still refuses it.
    const Policy full = policy(PolicyKind::Scp, kAllowAll, "FullAWSAccess");
    const Policy no_policy_edits = policy(PolicyKind::Scp, R"({"Effect":"Deny","Action":"s3:PutBucketPolicy","Resource":"*"})", "Guard");
    ps.scps = {{&full, &no_policy_edits}};
    const Decision scp = ask(kRoot, "s3:PutBucketPolicy", "arn:aws:s3:::b1");
    CHECK(scp.outcome == Outcome::ExplicitDeny);
    CHECK(scp.decided_by == PolicyKind::Scp);
}

// KMS key-policy-modifying-external-accounts: "Cross-account permissions are effective only for the following
// operations ... if you give ... kms:ScheduleKeyDeletion permission on a KMS key in a key policy, the user's attempts to
// call those operations on your resources still fail." Using the key across accounts works; administering it never does.
TEST_CASE("another account may use a KMS key the key policy shares, never administer it") {
    const std::string key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const Policy key_policy = policy(PolicyKind::Resource, R"({"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root",
        "arn:aws:iam::444455556666:root"]},"Action":"kms:*","Resource":"*"})", "key policy");
    const Policy all_kms = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"kms:*","Resource":"*"})");
    PolicySet ps;
    ps.resource = &key_policy;
    ps.identity = {&all_kms};
    const auto ask = [&](const std::string& who, const std::string& action) {
        Request r = request(who, action, key);
        r.resource_account = "111122223333";
        return evaluate(r, ps, EvalDetail::Explain);
    };
    for (const char* use : {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:ReEncryptFrom", "kms:CreateGrant"}) {
        CAPTURE(use);
        CHECK(ask(kCarol, use).allowed());
    }
    for (const char* admin : {"kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:DisableKey", "kms:EnableKeyRotation"}) {
        CAPTURE(admin);
        const Decision d = ask(kCarol, admin);
        CHECK(d.outcome == Outcome::ImplicitDeny);
        CHECK(ask("arn:aws:iam::111122223333:user/alice", admin).allowed());  // the key's own account may
    }
}
