// The explanation a student sees (reference_policies_evaluation-logic_policy-eval-denyallow: the steps in order).
#include "iam_test_util.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace stslab::iam;
using namespace stslab::iam::test;

TEST_CASE("the explanation walks AWS's steps in order and stops at the one that decides") {
    const Policy identity = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"s3:*","Resource":"*"})", "S3Full");
    const Policy boundary = policy(PolicyKind::Boundary, R"({"Effect":"Allow","Action":"ec2:*","Resource":"*"})", "Ec2Only");
    PolicySet ps;
    ps.identity = {&identity};
    ps.boundary = &boundary;
    const Decision d = evaluate(request("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b1/k"), ps,
                                EvalDetail::Explain);
    REQUIRE(d.explanation);
    std::vector<std::string> names, outcomes;
    for (const auto& s : d.explanation->steps) {
        names.push_back(s.name);
        outcomes.push_back(s.outcome);
    }
    CHECK(names == std::vector<std::string>{"Explicit deny", "Resource control policies", "Service control policies",
                                            "Resource-based policy", "Identity-based policies", "Permissions boundary"});
    CHECK(outcomes.back() == "deny");
    CHECK(d.explanation->summary.find("because no permissions boundary allows") != std::string::npos);
    REQUIRE(d.explanation->policies.size() == 2);
    CHECK(d.explanation->policies[1].name == "Ec2Only");
    CHECK(d.explanation->policies[1].statements[0].action_detail == "no Action pattern matches 's3:GetObject'");
}

TEST_CASE("each condition shows its operator, key, policy values and the request's values") {
    const Policy identity = policy(PolicyKind::Identity, R"({"Sid":"Office","Effect":"Allow","Action":"s3:GetObject","Resource":"*",
        "Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]},"ForAllValues:StringEquals":{"aws:TagKeys":["env"]},"Bool":{"aws:MultiFactorAuthPresent":"true"}}})");
    PolicySet ps;
    ps.identity = {&identity};
    const Decision d = evaluate(request("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b1/k", "",
                                        R"({"aws:SourceIp":"198.51.100.1","aws:TagKeys":["env","team"]})"),
                                ps, EvalDetail::Explain);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    const StatementCheck& s = d.explanation->policies.at(0).statements.at(0);
    CHECK(s.sid == "Office");
    CHECK(s.action_matched);
    CHECK(s.resource_matched);
    CHECK_FALSE(s.conditions_matched);
    CHECK_FALSE(s.applies);
    REQUIRE(s.conditions.size() == 3);
    for (const auto& c : s.conditions) {
        if (c.op == "IpAddress") {
            CHECK(c.key == "aws:SourceIp");
            CHECK(c.policy_values == std::vector<std::string>{"203.0.113.0/24"});
            CHECK(c.request_values == std::vector<std::string>{"198.51.100.1"});
            CHECK_FALSE(c.matched);
        } else if (c.op == "Bool") {
            CHECK_FALSE(c.key_present);
            CHECK_FALSE(c.matched);
        } else {
            CHECK(c.multivalued);
            CHECK_FALSE(c.matched);
        }
    }
    const nlohmann::json j = to_json(d);
    CHECK(j["explanation"]["policies"][0]["statements"][0]["conditions"].size() == 3);
    CHECK(j["decision"] == "ImplicitDeny");
    CHECK(j["denied_by"] == "identity-based policy");
}

TEST_CASE("the explanation names the statement that decided") {
    const Policy bucket = policy(PolicyKind::Resource, R"({"Sid":"Alice","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"})", "b1-policy");
    PolicySet ps;
    ps.resource = &bucket;
    const Decision d = evaluate(request("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b1/k"), ps,
                                EvalDetail::Explain);
    CHECK(d.allowed());
    CHECK(d.explanation->summary == "Allow: arn:aws:iam::111122223333:user/alice may perform s3:GetObject on "
                                    "arn:aws:s3:::b1/k, granted by Statement (Sid Alice) of the resource-based policy "
                                    "'b1-policy'.");
    const StatementCheck& s = d.explanation->policies.at(0).statements.at(0);
    CHECK(s.principal_checked);
    CHECK(s.principal_detail == "Principal 'arn:aws:iam::111122223333:user/alice' names the principal itself "
                                "(arn:aws:iam::111122223333:user/alice)");
    CHECK(d.explanation->steps.back().outcome == "allow");
}

TEST_CASE("Principal \"*\" grants as the principal's own ARN does, and the explanation says it names everyone") {
    const Policy bucket = policy(PolicyKind::Resource, R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"})", "b1-policy");
    PolicySet ps;
    ps.resource = &bucket;
    const Decision d = evaluate(request("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b1/k"), ps,
                                EvalDetail::Explain);
    CHECK(d.allowed());
    const StatementCheck& s = d.explanation->policies.at(0).statements.at(0);
    CHECK(s.principal_detail == "Principal '*' names everyone (arn:aws:iam::111122223333:user/alice)");
    CHECK(d.explanation->steps.back().detail.find("or everyone with \"*\"") != std::string::npos);
}

TEST_CASE("a cross-account refusal names the bucket policy's condition that failed, when only a condition did (aws:PrincipalOrgID)") {
    // A bucket shared with an organization (reference_policies_condition-keys, aws:PrincipalOrgID): a caller outside it
    // has no aws:PrincipalOrgID, one of another organization has another.
    const Policy bucket = policy(PolicyKind::Resource, R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*",
        "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}})", "b1-policy");
    PolicySet ps;
    ps.resource = &bucket;
    const auto refusal = [&](const std::string& action, const std::string& context) {
        const Decision d = evaluate(request("arn:aws:iam::444444444444:user/pat", action, "arn:aws:s3:::b1/k", "111122223333", context),
                                    ps, EvalDetail::Explain);
        REQUIRE(d.outcome == Outcome::ImplicitDeny);
        REQUIRE(d.explanation->steps.back().name == "Resource-based policy");
        return d.explanation->steps.back();
    };
    const EvaluationStep outside = refusal("s3:GetObject", "{}");
    CHECK(outside.detail ==
          "A cross-account request needs both accounts to allow it, and the resource's account does not: its resource-based "
          "policy allows this principal this action only under a condition that does not hold: StringEquals "
          "aws:PrincipalOrgID wants 'o-a1b2c3d4e5', and the request does not have the key.");
    CHECK(outside.detail_ko.find("StringEquals aws:PrincipalOrgID: 정책 값 'o-a1b2c3d4e5', 요청에는 이 키가 없음") != std::string::npos);
    CHECK(refusal("s3:GetObject", R"({"aws:PrincipalOrgID":"o-zzzzzzzzzz"})").detail.find("and the request has 'o-zzzzzzzzzz'") !=
          std::string::npos);
    // An action the policy does not grant at all is refused as before: no condition to blame.
    CHECK(refusal("s3:PutObject", "{}").detail ==
          "The resource's account does not allow the request: its resource-based policy has no applicable Allow, and a "
          "cross-account request needs both accounts to allow it.");
}

TEST_CASE("an anonymous request a bucket policy does not open to everyone is explained as anonymous, not as cross-account") {
    const Policy bucket = policy(PolicyKind::Resource, R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"})", "b1-policy");
    PolicySet ps;
    ps.resource = &bucket;
    const Decision d = evaluate(request("anonymous", "s3:GetObject", "arn:aws:s3:::b1/k", "111122223333"), ps, EvalDetail::Explain);
    CHECK(d.outcome == Outcome::ImplicitDeny);
    CHECK(d.explanation->steps.back().detail ==
          "The request is anonymous (signed with no credentials): only a resource-based policy that allows everyone "
          "(\"Principal\": \"*\") lets it in, and this one has no applicable Allow.");
}

TEST_CASE("an explicit deny names the conditions that held, with both sides, and why a missing key matched") {
    // The IAM guide's IP allow list written as a Deny with NotIpAddress (reference_policies_elements_condition_operators:
    // a negated operator matches when the key is absent): a request without aws:SourceIp is refused, and says why.
    const Policy bucket = policy(PolicyKind::Resource, R"({"Sid":"IPAllow","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
        "Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}})");
    const Policy revoke = policy(PolicyKind::Identity, R"({"Effect":"Deny","Action":"*","Resource":"*",
        "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-03-02T09:00:00Z"},"Bool":{"aws:MultiFactorAuthPresent":"false"}}})");
    const auto why = [&](const Policy& p, const std::string& context) {
        PolicySet ps;
        if (p.kind == PolicyKind::Resource) ps.resource = &p;
        else ps.identity = {&p};
        const Decision d = evaluate(request("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b1/k",
                                            "111122223333", context), ps, EvalDetail::Explain);
        REQUIRE(d.outcome == Outcome::ExplicitDeny);
        return d.explanation->steps.front().detail;
    };
    CHECK(why(bucket, "{}") ==
          "A Deny applies: Statement (Sid IPAllow) of the resource-based policy. Its condition holds: NotIpAddress "
          "aws:SourceIp excludes '203.0.113.0/24', and the request does not have the key (a negated operator holds when the "
          "key is missing). An explicit deny overrides every allow.");
    CHECK(why(bucket, R"({"aws:SourceIp":"198.51.100.7"})").find("and the request has '198.51.100.7'. An explicit") != std::string::npos);
    CHECK(why(revoke, R"({"aws:TokenIssueTime":"2026-03-02T08:00:00Z","aws:MultiFactorAuthPresent":"false"})")
              .find("Its conditions all hold: Bool aws:MultiFactorAuthPresent wants 'false', and the request has 'false'; "
                    "DateLessThan aws:TokenIssueTime wants '2026-03-02T09:00:00Z', and the request has "
                    "'2026-03-02T08:00:00Z'.") != std::string::npos);
}

TEST_CASE("a trust policy's refusal names the condition that failed, with both sides, when the principal and action matched") {
    const std::string alice = "arn:aws:iam::222222222222:user/alice", role = "arn:aws:iam::111122223333:role/VendorAccess";
    const Policy trust = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sts:AssumeRole",
        "Condition":{"StringEquals":{"sts:ExternalId":"ext-ours"}}})");
    PolicySet ps;
    ps.resource = &trust;
    const auto refusal = [&](const std::string& principal, const std::string& context) {
        const Decision d = evaluate(request(principal, "sts:AssumeRole", role, "111122223333", context), ps, EvalDetail::Explain);
        REQUIRE(d.outcome == Outcome::ImplicitDeny);
        REQUIRE(d.explanation->steps.back().name == "Role trust policy");
        return d.explanation->steps.back().detail;
    };
    CHECK(refusal(alice, R"({"sts:ExternalId":"ext-theirs"})") ==
          "The role's trust policy allows this principal this action only under a condition that does not hold: "
          "StringEquals sts:ExternalId wants 'ext-ours', and the request has 'ext-theirs'.");
    CHECK(refusal(alice, "{}").find("sts:ExternalId wants 'ext-ours', and the request does not have the key") != std::string::npos);
    // The same in Korean, for the viewer's Korean mode and `run --lang ko`.
    CHECK(evaluate(request(alice, "sts:AssumeRole", role, "111122223333", R"({"sts:ExternalId":"ext-theirs"})"), ps, EvalDetail::Explain)
              .explanation->steps.back()
              .detail_ko ==
          "역할의 신뢰 정책은 이 보안 주체에게 이 작업을 조건부로만 허용하는데, 그 조건이 충족되지 않습니다: "
          "StringEquals sts:ExternalId: 정책 값 'ext-ours', 요청 값 'ext-theirs'.");
    // A principal the policy does not name is refused as before, whatever its context.
    CHECK(refusal("arn:aws:iam::333333333333:user/mallory", R"({"sts:ExternalId":"ext-ours"})") ==
          "The role's trust policy does not allow this principal; a role can only be assumed when its trust policy "
          "allows the caller.");
}

// Lesson 08's policy: stopping instances is allowed only with MFA. Its refusal says so, where it had only said no
// identity-based policy had an applicable Allow; a boundary's and a session policy's refusals likewise.
TEST_CASE("an identity-based, boundary or session policy refusal names the condition of an Allow that failed") {
    const Policy mfa = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"ec2:StopInstances","Resource":"*",
        "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}})");
    const Policy all = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"*","Resource":"*"})");
    const Policy office = policy(PolicyKind::Boundary, R"({"Effect":"Allow","Action":"ec2:*","Resource":"*",
        "Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}})");
    const auto refusal = [](PolicySet ps, const std::string& context) {
        const Decision d = evaluate(request("arn:aws:iam::111122223333:user/lee", "ec2:StopInstances",
                                            "arn:aws:ec2:us-east-1:111122223333:instance/i-1", "111122223333", context),
                                    ps, EvalDetail::Explain);
        REQUIRE(d.outcome == Outcome::ImplicitDeny);
        return d.explanation->steps.back();
    };
    PolicySet ps;
    ps.identity = {&mfa};
    const EvaluationStep step = refusal(ps, R"({"aws:MultiFactorAuthPresent":"false"})");
    CHECK(step.detail == "No identity-based policy has an applicable Allow. One allows it only under a condition that does not hold: "
                         "Bool aws:MultiFactorAuthPresent wants 'true', and the request has 'false'.");
    CHECK(step.detail_ko == "적용 가능한 Allow 문이 있는 자격 증명 기반 정책이 없습니다. 조건부로만 허용하는 문이 있는데, 그 조건이 "
                            "충족되지 않습니다: Bool aws:MultiFactorAuthPresent: 정책 값 'true', 요청 값 'false'.");
    ps.identity = {&all};
    ps.boundary = &office;
    CHECK(refusal(ps, R"({"aws:SourceIp":"198.51.100.7"})").detail ==
          "The permissions boundary sets the maximum permissions and does not allow the request. One allows it only under a "
          "condition that does not hold: IpAddress aws:SourceIp wants '203.0.113.0/24', and the request has '198.51.100.7'.");
    // No Allow of the action at all: nothing more to say.
    ps.boundary = nullptr;
    ps.identity = {&mfa};
    CHECK(evaluate(request("arn:aws:iam::111122223333:user/lee", "ec2:StartInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
                           "111122223333", "{}"), ps, EvalDetail::Explain).explanation->steps.back().detail ==
          "No identity-based policy has an applicable Allow.");
}

// access_policies_boundaries: a Deny with NotPrincipal always applies to a principal with a permissions boundary, even
// one the element lists; the refusal says so, where it had only named the statement (explanation audit).
TEST_CASE("an explicit deny written with NotPrincipal says why it did not spare a principal it lists") {
    const Policy bucket = policy(PolicyKind::Resource, R"({"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/ops",
        "arn:aws:iam::111122223333:root"]},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b1/*"})");
    const Policy all = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"s3:*","Resource":"*"})");
    PolicySet ps;
    ps.resource = &bucket;
    ps.identity = {&all};
    ps.boundary = &all;
    const Decision d = evaluate(request("arn:aws:iam::111122223333:user/ops", "s3:PutObject", "arn:aws:s3:::b1/k", "111122223333"),
                                ps, EvalDetail::Explain);
    REQUIRE(d.outcome == Outcome::ExplicitDeny);
    CHECK(d.explanation->steps.front().detail ==
          "A Deny applies: Statement of the resource-based policy. Its NotPrincipal does not spare this principal: the "
          "principal has a permissions boundary, and a Deny with NotPrincipal always applies to such principals "
          "(access_policies_boundaries). An explicit deny overrides every allow.");
    ps.boundary = nullptr;  // without the boundary, the user is spared
    CHECK(evaluate(request("arn:aws:iam::111122223333:user/ops", "s3:PutObject", "arn:aws:s3:::b1/k", "111122223333"), ps,
                   EvalDetail::Explain).outcome == Outcome::Allow);
}

// The world gives the management account no SCP or RCP levels; the explanation still says why none apply, where it had
// said none were attached though the file attaches some at the root (explanation audit).
TEST_CASE("the management account's calls and resources are said to be outside SCPs and RCPs, not without them") {
    const Policy all = policy(PolicyKind::Identity, R"({"Effect":"Allow","Action":"s3:*","Resource":"*"})");
    PolicySet ps;
    ps.identity = {&all};
    ps.principal_in_management_account = ps.resource_in_management_account = true;
    const Decision d = evaluate(request("arn:aws:iam::111122223333:user/admin", "s3:GetObject", "arn:aws:s3:::b1/k", "111122223333"),
                                ps, EvalDetail::Explain);
    REQUIRE(d.outcome == Outcome::Allow);
    std::map<std::string, std::string> detail;
    for (const auto& step : d.explanation->steps) detail[step.name] = step.detail;
    CHECK(detail["Service control policies"] == "SCPs do not apply to the organization's management account.");
    CHECK(detail["Resource control policies"] == "RCPs do not apply to resources of the organization's management account.");
}

TEST_CASE("a trust refusal shows a policy variable with its value in the request, and names sts:TagSession when that is what is missing") {
    const std::string alice = "arn:aws:iam::111122223333:user/alice", role = "arn:aws:iam::111122223333:role/Eng";
    const Policy trust = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
        "Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/project":"${aws:PrincipalTag/project}"}}})");
    const Policy assume_only = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"})");
    const auto refusal = [&](const Policy& p, const std::string& action, const std::string& context) {
        PolicySet ps;
        ps.resource = &p;
        const Decision d = evaluate(request(alice, action, role, "111122223333", context), ps, EvalDetail::Explain);
        REQUIRE(d.outcome == Outcome::ImplicitDeny);
        return d.explanation->steps.back().detail;
    };
    CHECK(refusal(trust, "sts:TagSession", R"({"aws:PrincipalTag/project":"alpha","aws:RequestTag/project":"beta"})") ==
          "The role's trust policy allows this principal this action only under a condition that does not hold: "
          "StringEquals aws:RequestTag/project wants '${aws:PrincipalTag/project}' (in this request 'alpha'), and the "
          "request has 'beta'.");
    // A variable whose key the request lacks has no value and matches nothing (reference_policies_variables).
    CHECK(refusal(trust, "sts:TagSession", R"({"aws:RequestTag/project":"beta"})") ==
          "The role's trust policy allows this principal this action only under a condition that does not hold: "
          "StringEquals aws:RequestTag/project wants '${aws:PrincipalTag/project}' (in this request its variable has no "
          "value, so it matches nothing), and the request has 'beta'.");
    // A multivalued key has all its values: the request has this one and that one, where the policy's are alternatives.
    const Policy keys = policy(PolicyKind::Trust, R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
        "Action":"sts:TagSession","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["project","team"]}}})");
    CHECK(refusal(keys, "sts:TagSession", R"({"aws:TagKeys":["owner","project"]})") ==
          "The role's trust policy allows this principal this action only under a condition that does not hold: "
          "ForAllValues:StringEquals aws:TagKeys wants 'project' or 'team', and the request has 'owner' and 'project'.");
    CHECK(refusal(assume_only, "sts:TagSession", "{}") ==
          "The role's trust policy does not allow this principal sts:TagSession: a call that passes session tags needs "
          "the trust policy to allow sts:TagSession as well as assuming the role.");
}

// The course is Korean: each step says the same in Korean (detail_ko), with AWS's own words (keys, operators, values,
// statement paths) as they are, so the viewer's Korean mode can show why (a trust refusal's: the case above).
TEST_CASE("an explicit deny is said in Korean too, with the same statement, key and values") {
    const Policy deny = policy(PolicyKind::Identity, R"({"Sid":"NoOld","Effect":"Deny","Action":"*","Resource":"*",
        "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-03-02T09:00:00Z"}}})", "AWSRevokeOlderSessions");
    PolicySet revoked;
    revoked.identity = {&deny};
    const Decision d = evaluate(request("arn:aws:iam::111122223333:user/bob", "s3:GetObject", "arn:aws:s3:::b1/k", "111122223333",
                                        R"({"aws:TokenIssueTime":"2026-03-02T08:00:00Z"})"),
                                revoked, EvalDetail::Explain);
    REQUIRE(d.outcome == Outcome::ExplicitDeny);
    CHECK(d.explanation->steps.front().detail_ko ==
          "Deny가 적용됩니다: 자격 증명 기반 정책 'AWSRevokeOlderSessions'의 Statement (Sid NoOld). 이 문의 조건이 "
          "충족됩니다: DateLessThan aws:TokenIssueTime: 정책 값 '2026-03-02T09:00:00Z', 요청 값 "
          "'2026-03-02T08:00:00Z'. 명시적 거부는 모든 허용보다 우선합니다.");
}

// Across accounts a resource policy's Allow is half of what is needed (reference_policies_evaluation-logic-cross-account):
// the refusal says the principal's own account is what is missing, not that "nothing else allows" (explanation audit).
TEST_CASE("a cross-account refusal for want of an identity-based Allow says the resource's Allow is not enough") {
    const Policy bucket = policy(PolicyKind::Resource,
                                 R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/mark"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"})");
    PolicySet ps;
    ps.resource = &bucket;
    const Decision d = evaluate(request("arn:aws:iam::444455556666:user/mark", "s3:GetObject", "arn:aws:s3:::b1/k", "111122223333"), ps,
                                EvalDetail::Explain);
    REQUIRE(d.outcome == Outcome::ImplicitDeny);
    std::map<std::string, std::string> detail;
    for (const auto& step : d.explanation->steps) detail[step.name] = step.detail;
    CHECK(detail["Identity-based policies"] ==
          "The principal has no identity-based policies: across accounts the resource's Allow is not enough, and nothing "
          "in the principal's own account allows the request.");
}
