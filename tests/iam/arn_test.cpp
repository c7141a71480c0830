// ARNs, wildcards and principals (reference_policies_elements_resource, reference_policies_elements_principal,
// reference_identifiers "IAM ARNs").
#include "iam/arn.hpp"
#include "iam/request.hpp"
#include "iam/wildcard.hpp"
#include "core/error.hpp"

#include <doctest/doctest.h>

using namespace stslab;
using namespace stslab::iam;

TEST_CASE("an ARN is parsed into its parts and printed back unchanged") {
    const auto arn = Arn::parse("arn:aws:iam::111122223333:user/division/alice");
    REQUIRE(arn);
    CHECK(arn->partition == "aws");
    CHECK(arn->service == "iam");
    CHECK(arn->region.empty());
    CHECK(arn->account == "111122223333");
    CHECK(arn->resource == "user/division/alice");
    CHECK(arn->str() == "arn:aws:iam::111122223333:user/division/alice");
}

TEST_CASE("the resource part of an ARN keeps its own colons") {
    const auto arn = Arn::parse("arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x");
    REQUIRE(arn);
    CHECK(arn->resource == "log-group:app:log-stream:x");
}

TEST_CASE("texts that are not ARNs are refused") {
    for (const char* text : {"", "arn:aws", "arn:aws:s3", "urn:aws:s3:::b", "arn::s3:::b", "arn:aws::::x"})
        CHECK_MESSAGE(!Arn::parse(text), text);
}

TEST_CASE("an account id is exactly twelve digits") {
    CHECK(is_account_id("111122223333"));
    CHECK(!is_account_id("11112222333"));
    CHECK(!is_account_id("1111222233334"));
    CHECK(!is_account_id("11112222333a"));
    CHECK(account_root_arn("111122223333") == "arn:aws:iam::111122223333:root");
}

TEST_CASE("wildcards: star matches any run, question mark exactly one character") {
    struct Case { const char* pattern; const char* text; bool match; };
    const Case cases[] = {
        {"*", "", true},           {"*", "anything", true},     {"a*", "a", true},         {"a*c", "abbbc", true},
        {"a*c", "abbb", false},    {"a?c", "abc", true},        {"a?c", "ac", false},      {"??", "ab", true},
        {"*b*", "aaba", true},     {"*.txt", "a.txt.bak", false}, {"a*b*c", "axbxxc", true}, {"abc", "ABC", false},
        // A character, not a byte: "é" is two bytes in UTF-8, "한" three, "😀" four.
        {"h?llo", "h\xc3\xa9llo", true}, {"h??llo", "h\xc3\xa9llo", false}, {"?", "\xed\x95\x9c", true},
        {"*??", "\xc3\xa9", false}, {"*?", "\xf0\x9f\x98\x80", true}, {"a?", "a\xf0\x9f\x98\x80", true},
    };
    for (const auto& c : cases) {
        CHECK_MESSAGE(Glob::compile(c.pattern).matches(c.text) == c.match, c.pattern, " vs ", c.text);
    }
}

TEST_CASE("an action pattern matches case-insensitively") {
    CHECK(Glob::compile("s3:Get*", true).matches("S3:GETOBJECT"));
    CHECK(Glob::compile("S3:LISTBUCKET", true).matches("s3:ListBucket"));
    CHECK(!Glob::compile("s3:Get*", true).matches("s3:PutObject"));
}

TEST_CASE("ARN wildcards stay within one colon-separated part, except a star ending a segment (reference_policies_elements_resource)") {
    struct Case { const char* pattern; const char* arn; bool match; };
    const Case cases[] = {
        {"arn:aws:s3:::b1/*", "arn:aws:s3:::b1/a/b/c", true},
        {"arn:aws:s3:::b?/k", "arn:aws:s3:::b2/k", true},
        {"arn:aws:s3:::b1/*", "arn:aws:s3:::b2/k", false},
        {"arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
        {"arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:444455556666:instance/i-1", false},
        // A star inside a part cannot swallow the next part...
        {"arn:aws:ec2:us-*1:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
        {"arn:aws:ec2:us-*1:111122223333:instance/*", "arn:aws:ec2:us-east-1:1:111122223333:instance/i-1", false},
        // ...but a star that ends its segment runs across the colons after it ("If the * wildcard is the last
        // character of a resource ARN segment, it can expand to match beyond the colon boundaries"), in a whole
        // pattern or one cut short, and a star or `?` inside a segment still stops at a colon.
        {"arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:1:111122223333:instance/i-1", true},
        {"arn:aws:lambda:us-east-1:*:my-fn", "arn:aws:lambda:us-east-1:111122223333:function:my-fn", true},
        {"arn:aws:lambda:us-east-1:*:my-fn", "arn:aws:lambda:us-east-1:111122223333:function:other", false},
        {"arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:444455556666:x:instance/i-1", false},
        {"arn:aws:ec2:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
        {"arn:aws:sqs:*", "arn:aws:sqs:us-east-1:111122223333:queue1", true},
        {"arn:aws:sqs:*", "arn:aws:sns:us-east-1:111122223333:topic", false},
        {"arn:aws:sqs:us-*", "arn:aws:sqs:eu-west-1:111122223333:queue1", false},
        {"arn:aws:sqs:*1:queue*", "arn:aws:sqs:us-east-1:111122223333:queue1", false},
        {"arn:aws:sqs:u?-*", "arn:aws:sqs:us-east-1:111122223333:queue1", true},
        {"arn:aws:sqs", "arn:aws:sqs:us-east-1:111122223333:queue1", false},
        {"arn:aws:iam::*:role/Dev", "arn:aws:iam::111122223333:role/Dev", true},
        // Cut short after an empty region: "arn:aws:iam::*" is every IAM resource (a common iam:PassRole resource).
        {"arn:aws:iam::*", "arn:aws:iam::111122223333:role/R", true},
        {"arn:aws:iam::*", "arn:aws:sts::111122223333:assumed-role/R/s", false},
        {"arn:aws:s3::*", "arn:aws:s3:::b1/k", true},
        {"arn:aws:iam::111122223333*", "arn:aws:iam::111122223333:user/alice", true},
        {"arn:aws:iam::111122223333*", "arn:aws:iam::444455556666:user/alice", false},
        {"arn:aws:s3:::B1/*", "arn:aws:s3:::b1/k", false},  // resources are case-sensitive
        {"*", "not even an arn", true},
        // Many stars in a pattern cut short: matched in time proportional to pattern and text (a backtracking matcher
        // took seconds on these).
        {"arn:aws:*:*a*a*a*a*a*a*a*b*", "arn:aws:s3:::b1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
        {"arn:aws:*:*a*a*a*a*a*a*a*b*", "arn:aws:s3:::b1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", true},
    };
    for (const auto& c : cases)
        CHECK_MESSAGE(ArnMatcher::compile(c.pattern).matches(c.arn) == c.match, c.pattern, " vs ", c.arn);
}

TEST_CASE("every principal form is read from its ARN") {
    const Principal user = Principal::from_arn("arn:aws:iam::111122223333:user/path/alice");
    CHECK(user.type == PrincipalType::IAMUser);
    CHECK(user.name == "alice");
    CHECK(user.account == "111122223333");
    const Principal session = Principal::from_arn("arn:aws:sts::111122223333:assumed-role/Dev/s1");
    CHECK(session.type == PrincipalType::AssumedRole);
    CHECK(session.role_arn == "arn:aws:iam::111122223333:role/Dev");
    CHECK(session.name == "s1");
    const Principal fed = Principal::from_arn("arn:aws:sts::111122223333:federated-user/bob");
    CHECK(fed.type == PrincipalType::FederatedUser);
    const Principal root = Principal::from_arn("arn:aws:iam::111122223333:root");
    CHECK(root.type == PrincipalType::Root);
    const Principal bare = Principal::from_arn("111122223333");
    CHECK(bare.type == PrincipalType::Root);
    CHECK(bare.arn == "arn:aws:iam::111122223333:root");
    CHECK(Principal::from_arn("ec2.amazonaws.com").type == PrincipalType::Service);
    CHECK(Principal::from_arn("anonymous").type == PrincipalType::Anonymous);
    CHECK(Principal::from_arn("arn:aws:iam::111122223333:saml-provider/Corp").type == PrincipalType::SAMLUser);
    CHECK(Principal::from_arn("arn:aws:iam::111122223333:oidc-provider/oidc.example.com").type ==
          PrincipalType::WebIdentityUser);
    CHECK_THROWS_AS(Principal::from_arn("arn:aws:iam::111122223333:role/Dev"), Error);
    CHECK_THROWS_AS(Principal::from_arn("alice"), Error);
}

TEST_CASE("the principal's keys are added to the context as AWS sets them (reference_policies_condition-keys)") {
    RequestContext ctx;
    add_principal_keys(ctx, Principal::from_arn("arn:aws:sts::111122223333:assumed-role/Dev/s1"));
    REQUIRE(ctx.get("aws:PrincipalArn"));
    CHECK(ctx.get("aws:principalarn")->values.front() == "arn:aws:iam::111122223333:role/Dev");
    CHECK(ctx.get("aws:PrincipalType")->values.front() == "AssumedRole");
    CHECK(!ctx.get("aws:username"));  // only IAM users have a user name
    RequestContext user_ctx;
    add_principal_keys(user_ctx, Principal::from_arn("arn:aws:iam::111122223333:user/alice"));
    CHECK(user_ctx.get("AWS:USERNAME")->values.front() == "alice");
    RequestContext root_ctx;
    add_principal_keys(root_ctx, Principal::from_arn("111122223333"));
    CHECK(root_ctx.get("aws:userid")->values.front() == "111122223333");
    CHECK(root_ctx.get("aws:PrincipalType")->values.front() == "Account");
}

TEST_CASE("context keys are case-insensitive and setting a key again replaces it") {
    RequestContext ctx;
    ctx.set("aws:SourceIp", "1.2.3.4");
    ctx.set("AWS:SOURCEIP", "5.6.7.8");
    REQUIRE(ctx.entries().size() == 1);
    CHECK(ctx.get("aws:sourceip")->values.front() == "5.6.7.8");
    ctx.set_default("aws:sourceip", "9.9.9.9");
    CHECK(ctx.get("aws:SourceIp")->values.front() == "5.6.7.8");
}
