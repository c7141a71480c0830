// Policy variables (reference_policies_variables).
#include "iam_test_util.hpp"
#include "iam/variables.hpp"

#include <doctest/doctest.h>

using namespace stslab::iam;
using stslab::iam::test::condition_holds;
using stslab::iam::test::context;

TEST_CASE("a variable takes the request's value of its key") {
    const RequestContext ctx = context(R"({"aws:username":"alice","aws:PrincipalTag/team":"web"})");
    CHECK(condition_holds(R"({"StringEquals":{"s3:prefix":"home/${aws:username}/"}})",
                          context(R"({"aws:username":"alice","s3:prefix":"home/alice/"})")));
    CHECK(!condition_holds(R"({"StringEquals":{"s3:prefix":"home/${aws:username}/"}})",
                           context(R"({"aws:username":"bob","s3:prefix":"home/alice/"})")));
    CHECK(condition_holds(R"({"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}})",
                          context(R"({"aws:PrincipalTag/team":"web","aws:ResourceTag/team":"web"})")));
    std::string out;
    REQUIRE(ValueTemplate::parse("${AWS:UserName}-${aws:userid}", true).resolve_text(
        context(R"({"aws:username":"alice","aws:userid":"AIDAX"})"), out));
    CHECK(out == "alice-AIDAX");  // variable names are case-insensitive
    (void)ctx;
}

TEST_CASE("a variable whose key is absent makes its value match nothing") {
    CHECK(!condition_holds(R"({"StringLike":{"s3:prefix":"home/${aws:username}/*"}})", context(R"({"s3:prefix":"home//x"})")));
    // ... but a negated operator is true when no value matches.
    CHECK(condition_holds(R"({"StringNotEquals":{"s3:prefix":"${aws:username}"}})", context(R"({"s3:prefix":"x"})")));
}

TEST_CASE("a variable whose key has an empty value is null too (reference_policies_variables: \"has no value or is "
          "not present\")") {
    // A principal tag may have an empty value: the variable matches nothing, not the empty text...
    CHECK(!condition_holds(R"({"StringLike":{"s3:prefix":"home/${aws:PrincipalTag/team}/*"}})",
                           context(R"({"aws:PrincipalTag/team":"","s3:prefix":"home//x"})")));
    CHECK(condition_holds(R"({"StringNotEquals":{"s3:prefix":"${aws:PrincipalTag/team}"}})",
                          context(R"({"aws:PrincipalTag/team":"","s3:prefix":""})")));
    // ... and the default form stands in for it.
    CHECK(condition_holds(R"({"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'company-wide'}"}})",
                          context(R"({"aws:PrincipalTag/team":"","s3:prefix":"company-wide"})")));
}

TEST_CASE("the default-value form stands in for an absent key") {
    CHECK(condition_holds(R"({"StringEquals":{"s3:prefix":"${aws:username, 'guest'}"}})", context(R"({"s3:prefix":"guest"})")));
    CHECK(condition_holds(R"({"StringEquals":{"s3:prefix":"${aws:username, 'guest'}"}})",
                          context(R"({"aws:username":"alice","s3:prefix":"alice"})")));
    std::string out;
    REQUIRE(ValueTemplate::parse("${aws:username,'it''s'}", true).resolve_text(RequestContext{}, out));
    CHECK(out == "it's");
}

TEST_CASE("the escapes ${*} ${?} ${$} are literal characters, not wildcards") {
    CHECK(condition_holds(R"({"StringLike":{"s3:prefix":"a${*}b"}})", context(R"({"s3:prefix":"a*b"})")));
    CHECK(!condition_holds(R"({"StringLike":{"s3:prefix":"a${*}b"}})", context(R"({"s3:prefix":"axxb"})")));
    CHECK(condition_holds(R"({"StringLike":{"s3:prefix":"a${?}"}})", context(R"({"s3:prefix":"a?"})")));
    CHECK(!condition_holds(R"({"StringLike":{"s3:prefix":"a${?}"}})", context(R"({"s3:prefix":"ab"})")));
    CHECK(condition_holds(R"({"StringEquals":{"s3:prefix":"cost${$}"}})", context(R"({"s3:prefix":"cost$"})")));
}

// reference_policies_variables: "the policy variables are replaced with values that come from the conditional
// context keys passed in the request", in "any condition that involves the string operators or the ARN operators".
TEST_CASE("a substituted value's wildcards do not act, and a whole ARN's colons separate its parts as in the request") {
    CHECK(!condition_holds(R"({"StringLike":{"s3:prefix":"${aws:username}"}})", context(R"({"aws:username":"*","s3:prefix":"anything"})")));
    CHECK(condition_holds(R"({"ArnLike":{"aws:SourceArn":"arn:aws:s3:::${aws:username}"}})",
                          context(R"({"aws:username":"b1","aws:SourceArn":"arn:aws:s3:::b1"})")));
    const RequestContext own = context(
        R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:user/alice","aws:SourceArn":"arn:aws:iam::111122223333:user/alice"})");
    CHECK(condition_holds(R"({"ArnEquals":{"aws:PrincipalArn":"${aws:PrincipalArn}"}})", own));
    CHECK(condition_holds(R"({"ArnLike":{"aws:SourceArn":"${aws:PrincipalArn}"}})", own));
    CHECK_FALSE(condition_holds(R"({"ArnNotEquals":{"aws:SourceArn":"${aws:PrincipalArn}"}})", own));
    const RequestContext other = context(
        R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:user/alice","aws:SourceArn":"arn:aws:iam::111122223333:user/bob"})");
    CHECK_FALSE(condition_holds(R"({"ArnEquals":{"aws:SourceArn":"${aws:PrincipalArn}"}})", other));
    CHECK(condition_holds(R"({"ArnNotEquals":{"aws:SourceArn":"${aws:PrincipalArn}"}})", other));
    // The value's wildcards stay literal inside an ARN too.
    CHECK_FALSE(condition_holds(R"({"ArnLike":{"aws:SourceArn":"arn:aws:iam::111122223333:user/${aws:username}"}})",
                                context(R"({"aws:username":"*","aws:SourceArn":"arn:aws:iam::111122223333:user/bob"})")));
}

TEST_CASE("a multivalued key cannot be a variable") {
    CHECK(!condition_holds(R"({"StringEquals":{"s3:prefix":"${aws:TagKeys}"}})", context(R"({"aws:TagKeys":["a"],"s3:prefix":"a"})")));
}

TEST_CASE("Version 2008-10-17 (or no Version) has no policy variables: the text is literal") {
    CHECK(condition_holds(R"({"StringEquals":{"s3:prefix":"${aws:username}"}})", context(R"({"aws:username":"alice","s3:prefix":"${aws:username}"})"), "2008-10-17"));
    CHECK(!condition_holds(R"({"StringEquals":{"s3:prefix":"${aws:username}"}})", context(R"({"aws:username":"alice","s3:prefix":"alice"})"), "2008-10-17"));
    const Policy p = compile_policy_text(
        R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/${aws:username}"}})", PolicyKind::Identity);
    CHECK(!p.variables_enabled);
}

TEST_CASE("text that is not variable syntax stays literal") {
    std::string out;
    REQUIRE(ValueTemplate::parse("a${b", true).resolve_text(RequestContext{}, out));
    CHECK(out == "a${b");
    REQUIRE(ValueTemplate::parse("${}x", true).resolve_text(RequestContext{}, out));
    CHECK(out == "${}x");
    CHECK(!ValueTemplate::parse("${}x", true).has_variables());
}

TEST_CASE("variables in Resource select the caller's own objects") {
    using namespace stslab::iam::test;
    const Policy p = policy(PolicyKind::Identity,
                            R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/home/${aws:username}/*"})");
    PolicySet ps;
    ps.identity = {&p};
    CHECK(evaluate(request("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b1/home/alice/x"), ps).allowed());
    CHECK(!evaluate(request("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b1/home/bob/x"), ps).allowed());
    // A role session has no aws:username: the statement matches nothing.
    CHECK(!evaluate(request("arn:aws:sts::111122223333:assumed-role/Dev/alice", "s3:GetObject", "arn:aws:s3:::b1/home/alice/x"), ps).allowed());
}

// reference_policies_variables: "You can use a policy variable in the Resource element, but only in the resource
// portion of the ARN. This portion of the ARN appears after the fifth colon (:). You can't use a variable to replace
// parts of the ARN before the fifth colon, such as the service or account."
TEST_CASE("a variable in Resource is read only after the ARN's fifth colon, and kept as written before it") {
    using namespace stslab::iam::test;
    const std::string alice = "arn:aws:iam::111122223333:user/alice";
    const auto allowed = [&](const std::string& resource_pattern, const std::string& resource) {
        const Policy p = policy(PolicyKind::Identity,
                                R"({"Effect":"Allow","Action":"dynamodb:GetItem","Resource":")" + resource_pattern + R"("})");
        PolicySet ps;
        ps.identity = {&p};
        return evaluate(request(alice, "dynamodb:GetItem", resource, "", R"({"aws:PrincipalAccount":"111122223333"})"), ps).allowed();
    };
    CHECK_FALSE(allowed("arn:aws:dynamodb:us-east-1:${aws:PrincipalAccount}:table/x", "arn:aws:dynamodb:us-east-1:111122223333:table/x"));
    CHECK(allowed("arn:aws:dynamodb:us-east-1:111122223333:table/${aws:username}", "arn:aws:dynamodb:us-east-1:111122223333:table/alice"));
    CHECK(allowed("arn:aws:dynamodb:us-east-1:111122223333:table/${aws:PrincipalAccount}", "arn:aws:dynamodb:us-east-1:111122223333:table/111122223333"));
}

// "You can use a policy variable with the Boolean condition operator"; "You can not use a policy variable with the
// Binary condition operator" (reference_policies_elements_condition_operators).
TEST_CASE("a Bool condition's value may be a policy variable, a BinaryEquals value is its text") {
    const RequestContext ctx = context(R"({"aws:MultiFactorAuthPresent":"false","aws:PrincipalTag/mfa":"false","aws:PrincipalTag/yes":"true"})");
    CHECK(condition_holds(R"({"Bool":{"aws:MultiFactorAuthPresent":"${aws:PrincipalTag/mfa}"}})", ctx));
    CHECK(!condition_holds(R"({"Bool":{"aws:MultiFactorAuthPresent":"${aws:PrincipalTag/yes}"}})", ctx));
    CHECK(!condition_holds(R"({"Bool":{"aws:MultiFactorAuthPresent":"${aws:PrincipalTag/missing}"}})", ctx));
    CHECK(condition_holds(R"({"Bool":{"aws:MultiFactorAuthPresent":"false"}})", ctx));
    // BinaryEquals compares with the value as written: it holds against the literal text, not the tag's value.
    const RequestContext binary = context(R"({"aws:PrincipalTag/mfa":"false","aws:PrincipalTag/raw":"${aws:PrincipalTag/mfa}"})");
    CHECK(condition_holds(R"({"BinaryEquals":{"aws:PrincipalTag/raw":"${aws:PrincipalTag/mfa}"}})", binary));
    CHECK(!condition_holds(R"({"BinaryEquals":{"aws:PrincipalTag/mfa":"${aws:PrincipalTag/mfa}"}})", binary));
    CHECK(condition_holds(R"({"StringEquals":{"aws:MultiFactorAuthPresent":"${aws:PrincipalTag/mfa}"}})", ctx));
}

// reference_policies_variables, "Policy variables with no value": "If a variable that has no value in the authorization
// context is used as part of the Resource or NotResource element of a policy, the resource that includes a policy
// variable with no value will not match any resource". A NotResource entry then excludes nothing (a role session has
// no aws:username), and its statement covers every resource: an Allow grants, a Deny refuses.
TEST_CASE("a NotResource pattern whose variable has no value matches no resource, so its statement covers every resource") {
    const auto decide = [](const std::string& effect, const stslab::iam::RequestContext& ctx) {
        const Policy p = compile_policy_text(R"({"Version":"2012-10-17","Statement":[{"Effect":")" + effect +
                                                 R"(","Action":"s3:GetObject","NotResource":"arn:aws:s3:::b1/${aws:username}/*"}]})",
                                             PolicyKind::Identity, "p");
        Request r;
        r.principal = Principal::from_arn("arn:aws:sts::111122223333:assumed-role/Dev/s");
        r.action = "s3:GetObject";
        r.resource = "arn:aws:s3:::b1/other/secret";
        r.context = ctx;
        PolicySet set;
        set.identity = {&p};
        return evaluate(r, set).outcome;
    };
    CHECK(decide("Allow", context("{}")) == Outcome::Allow);
    CHECK(decide("Deny", context("{}")) == Outcome::ExplicitDeny);
    // With the key, the statement covers what its pattern does not match.
    CHECK(decide("Allow", context(R"({"aws:username":"alice"})")) == Outcome::Allow);
    CHECK(decide("Allow", context(R"({"aws:username":"other"})")) == Outcome::ImplicitDeny);
    CHECK(decide("Deny", context(R"({"aws:username":"other"})")) == Outcome::ImplicitDeny);
}
