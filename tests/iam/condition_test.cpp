// Condition operators, one table row per behaviour (reference_policies_elements_condition_operators,
// reference_policies_condition-single-vs-multi-valued-context-keys, reference_policies_elements_condition_operators
// "...IfExists" and "Null").
#include "iam_test_util.hpp"

#include <doctest/doctest.h>

using namespace stslab::iam;
using stslab::iam::test::condition_holds;
using stslab::iam::test::context;

namespace {

struct Row {
    const char* block;    // the Condition element
    const char* context;  // the request context
    bool holds;
};

void check_rows(const Row* begin, const Row* end) {
    for (const Row* r = begin; r != end; ++r)
        CHECK_MESSAGE(condition_holds(r->block, context(r->context)) == r->holds, r->block, " with ", r->context);
}

}  // namespace

TEST_CASE("string operators compare exactly, ignoring case, or with wildcards") {
    const Row rows[] = {
        {R"({"StringEquals":{"aws:username":"alice"}})", R"({"aws:username":"alice"})", true},
        {R"({"StringEquals":{"aws:username":"alice"}})", R"({"aws:username":"Alice"})", false},
        {R"({"StringEquals":{"aws:username":["bob","alice"]}})", R"({"aws:username":"alice"})", true},  // OR
        {R"({"StringEquals":{"aws:username":"alice"}})", R"({})", false},                                // absent
        {R"({"StringEquals":{"aws:username":"a*"}})", R"({"aws:username":"alice"})", false},  // no wildcards
        {R"({"StringNotEquals":{"aws:username":"alice"}})", R"({"aws:username":"bob"})", true},
        {R"({"StringNotEquals":{"aws:username":["bob","alice"]}})", R"({"aws:username":"bob"})", false},  // NOR
        {R"({"StringNotEquals":{"aws:username":"alice"}})", R"({})", true},  // negated: absent key is true
        {R"({"StringEqualsIgnoreCase":{"aws:username":"ALICE"}})", R"({"aws:username":"alice"})", true},
        {R"({"StringEqualsIgnoreCase":{"aws:username":"ALICE"}})", R"({})", false},
        {R"({"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}})", R"({"aws:username":"alice"})", false},
        {R"({"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}})", R"({})", true},
        {R"({"StringLike":{"s3:prefix":"home/*"}})", R"({"s3:prefix":"home/alice/"})", true},
        {R"({"StringLike":{"s3:prefix":"home/?"}})", R"({"s3:prefix":"home/ab"})", false},
        {R"({"StringLike":{"s3:prefix":"home/*"}})", R"({})", false},
        {R"({"StringNotLike":{"s3:prefix":"home/*"}})", R"({"s3:prefix":"tmp/x"})", true},
        {R"({"StringNotLike":{"s3:prefix":"home/*"}})", R"({"s3:prefix":"home/x"})", false},
        {R"({"StringNotLike":{"s3:prefix":"home/*"}})", R"({})", true},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("numeric operators compare numbers, and a value that is no number matches nothing") {
    const Row rows[] = {
        {R"({"NumericEquals":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"10"})", true},
        {R"({"NumericEquals":{"s3:max-keys":10}})", R"({"s3:max-keys":"10.0"})", true},
        {R"({"NumericEquals":{"s3:max-keys":"10"}})", R"({})", false},
        {R"({"NumericNotEquals":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"11"})", true},
        {R"({"NumericNotEquals":{"s3:max-keys":"10"}})", R"({})", true},
        {R"({"NumericLessThan":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"9"})", true},
        {R"({"NumericLessThan":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"10"})", false},
        {R"({"NumericLessThanEquals":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"10"})", true},
        {R"({"NumericGreaterThan":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"10.5"})", true},
        {R"({"NumericGreaterThanEquals":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"9"})", false},
        {R"({"NumericGreaterThanEquals":{"s3:max-keys":"10"}})", R"({})", false},
        {R"({"NumericLessThan":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"ten"})", false},
        // Integers are compared exactly, past a double's 2^53 ("comparing a key to an integer or decimal value":
        // reference_policies_elements_condition_operators), with signs and leading zeros read as numbers.
        {R"({"NumericEquals":{"s3:max-keys":"9007199254740993"}})", R"({"s3:max-keys":"9007199254740992"})", false},
        {R"({"NumericLessThan":{"s3:max-keys":"9007199254740993"}})", R"({"s3:max-keys":"9007199254740992"})", true},
        {R"({"NumericGreaterThan":{"s3:max-keys":"-100000000000000000001"}})", R"({"s3:max-keys":"-100000000000000000000"})", true},
        {R"({"NumericEquals":{"s3:max-keys":"0010"}})", R"({"s3:max-keys":"+10"})", true},
        {R"({"NumericEquals":{"s3:max-keys":"0"}})", R"({"s3:max-keys":"-0"})", true},
        {R"({"NumericLessThan":{"s3:max-keys":"-3"}})", R"({"s3:max-keys":"-12"})", true},
        {R"({"NumericNotEquals":{"s3:max-keys":"10"}})", R"({"s3:max-keys":"ten"})", false},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("date operators compare instants written as ISO 8601 or epoch seconds") {
    const Row rows[] = {
        {R"({"DateLessThan":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}})", R"({"aws:CurrentTime":"2026-01-01T09:00:00Z"})", true},
        {R"({"DateLessThan":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}})", R"({"aws:CurrentTime":"2026-07-01T00:00:00Z"})", false},
        {R"({"DateLessThan":{"aws:CurrentTime":"2026-06-01"}})", R"({})", false},
        {R"({"DateLessThanEquals":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}})", R"({"aws:CurrentTime":"2026-06-01T00:00:00Z"})", true},
        {R"({"DateGreaterThan":{"aws:CurrentTime":"1767225600"}})", R"({"aws:CurrentTime":"2026-01-01T00:00:01Z"})", true},
        // W3C forms of ISO 8601 (reference_policies_elements_condition_operators): year and month, minutes.
        {R"({"DateGreaterThan":{"aws:CurrentTime":"2025-12"}})", R"({"aws:CurrentTime":"2025-12-01T00:00:01Z"})", true},
        {R"({"DateGreaterThan":{"aws:CurrentTime":"2025-12"}})", R"({"aws:CurrentTime":"2025-11-30T23:59:59Z"})", false},
        {R"({"DateLessThan":{"aws:CurrentTime":"2025-12-31T23:59Z"}})", R"({"aws:CurrentTime":"2025-12-31T23:58:59Z"})", true},
        {R"({"DateGreaterThanEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}})", R"({"aws:CurrentTime":"1767225600"})", true},
        {R"({"DateEquals":{"aws:CurrentTime":"2026-01-01T02:00:00+02:00"}})", R"({"aws:CurrentTime":"2026-01-01T00:00:00Z"})", true},
        {R"({"DateNotEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}})", R"({"aws:CurrentTime":"2026-01-02T00:00:00Z"})", true},
        {R"({"DateNotEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}})", R"({})", true},
        // The AWSRevokeOlderSessions policy: sessions issued before NOW are caught, long-term keys (no key) are not.
        {R"({"DateLessThan":{"aws:TokenIssueTime":"2026-01-01T12:00:00Z"}})", R"({"aws:TokenIssueTime":"2026-01-01T11:00:00Z"})", true},
        {R"({"DateLessThan":{"aws:TokenIssueTime":"2026-01-01T12:00:00Z"}})", R"({})", false},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("Bool compares true and false case-insensitively, and an absent key is not true") {
    const Row rows[] = {
        {R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})", R"({"aws:MultiFactorAuthPresent":"true"})", true},
        {R"({"Bool":{"aws:MultiFactorAuthPresent":true}})", R"({"aws:MultiFactorAuthPresent":"TRUE"})", true},
        {R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})", R"({"aws:MultiFactorAuthPresent":"false"})", false},
        {R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})", R"({})", false},  // long-term keys: no MFA key at all
        {R"({"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}})", R"({})", true},
        {R"({"Bool":{"aws:SecureTransport":"false"}})", R"({"aws:SecureTransport":"false"})", true},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("BinaryEquals compares the base64 text exactly") {
    const Row rows[] = {
        {R"({"BinaryEquals":{"s3:key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}})", R"({"s3:key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="})", true},
        {R"({"BinaryEquals":{"s3:key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}})", R"({"s3:key":"qmluyxj5vmfsdwvjbkjhc2u2na=="})", false},
        {R"({"BinaryEquals":{"s3:key":"QQ=="}})", R"({})", false},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("IP address operators test CIDR membership for IPv4 and IPv6") {
    const Row rows[] = {
        {R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", R"({"aws:SourceIp":"203.0.113.9"})", true},
        {R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", R"({"aws:SourceIp":"203.0.114.9"})", false},
        {R"({"IpAddress":{"aws:SourceIp":"203.0.113.9"}})", R"({"aws:SourceIp":"203.0.113.9"})", true},  // bare = /32
        {R"({"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}})", R"({"aws:SourceIp":"10.1.2.3"})", true},
        {R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})", R"({"aws:SourceIp":"2001:db8:1::5"})", true},
        {R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})", R"({"aws:SourceIp":"2001:db9::5"})", false},
        {R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})", R"({"aws:SourceIp":"203.0.113.9"})", false},
        {R"({"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}})", R"({"aws:SourceIp":"198.51.100.1"})", true},
        {R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", R"({})", false},
        {R"({"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", R"({"aws:SourceIp":"198.51.100.1"})", true},
        {R"({"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", R"({"aws:SourceIp":"203.0.113.1"})", false},
        {R"({"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}})", R"({})", true},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("ARN operators match each of the six parts on its own, ArnEquals also takes wildcards") {
    const Row rows[] = {
        {R"({"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"}})", R"({"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"})", true},
        {R"({"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}})", R"({"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"})", true},
        {R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin*"}})", R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:role/AdminX"})", true},
        {R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin*"}})", R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:user/Admin"})", false},
        {R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*"}})", R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:user/a"})", false},
        // reference_policies_elements_condition_operators: "With a StringLike condition, the match succeeds ... With an
        // ArnLike condition, which matches elements between colons, the match fails" (unlike a Resource element).
        {R"({"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}})",
         R"({"aws:SourceArn":"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"})", true},
        {R"({"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}})",
         R"({"aws:SourceArn":"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"})", false},
        {R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:*"}})", R"({})", false},
        {R"({"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}})", R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Dev"})", true},
        {R"({"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin*"}})", R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:role/AdminX"})", false},
        {R"({"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin*"}})", R"({})", true},
    };
    check_rows(std::begin(rows), std::end(rows));
}

// reference_policies_elements_condition_operators: "To prevent missing context keys or context keys with empty values
// from evaluating to true, you can include the Null condition operator in your policy with a false value".
TEST_CASE("Null tests whether a key is absent (true) or present (false), and an empty value counts as absent") {
    const Row rows[] = {
        {R"({"Null":{"aws:TokenIssueTime":"true"}})", R"({})", true},
        {R"({"Null":{"aws:TokenIssueTime":"true"}})", R"({"aws:TokenIssueTime":"2026-01-01T00:00:00Z"})", false},
        {R"({"Null":{"aws:TokenIssueTime":"false"}})", R"({"aws:TokenIssueTime":"2026-01-01T00:00:00Z"})", true},
        {R"({"Null":{"aws:TokenIssueTime":false}})", R"({})", false},
        {R"({"Null":{"aws:TagKeys":"true"}})", R"({"aws:TagKeys":[]})", true},  // an empty set is no value
        {R"({"Null":{"aws:TagKeys":"false"}})", R"({"aws:TagKeys":""})", false},
        {R"({"Null":{"ec2:x":"true"}})", R"({"ec2:x":""})", true},
        {R"({"Null":{"aws:TagKeys":"false"}})", R"({"aws:TagKeys":["", "env"]})", true},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("every IfExists form is true when the key is absent and tests the value when present") {
    const Row rows[] = {
        {R"({"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}})", R"({})", true},
        {R"({"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}})", R"({"ec2:InstanceType":"m5.large"})", false},
        {R"({"StringLikeIfExists":{"ec2:InstanceType":"t3.*"}})", R"({"ec2:InstanceType":"t3.nano"})", true},
        {R"({"StringNotEqualsIfExists":{"ec2:InstanceType":"t3.micro"}})", R"({"ec2:InstanceType":"t3.micro"})", false},
        {R"({"NumericLessThanIfExists":{"s3:max-keys":"5"}})", R"({})", true},
        {R"({"NumericLessThanIfExists":{"s3:max-keys":"5"}})", R"({"s3:max-keys":"7"})", false},
        {R"({"DateGreaterThanIfExists":{"aws:TokenIssueTime":"2026-01-01"}})", R"({})", true},
        {R"({"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}})", R"({})", true},
        {R"({"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}})", R"({"aws:SourceIp":"11.0.0.1"})", false},
        {R"({"NotIpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}})", R"({"aws:SourceIp":"10.0.0.1"})", false},
        {R"({"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:s3:::*"}})", R"({})", true},
        {R"({"BinaryEqualsIfExists":{"s3:key":"QQ=="}})", R"({})", true},
        {R"({"StringEqualsIgnoreCaseIfExists":{"aws:username":"ALICE"}})", R"({"aws:username":"alice"})", true},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("ForAnyValue needs one request value to match, false on an absent key") {
    const Row rows[] = {
        {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}})", R"({"aws:TagKeys":["owner","env"]})", true},
        {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}})", R"({"aws:TagKeys":["owner","cost"]})", false},
        {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}})", R"({})", false},
        {R"({"ForAnyValue:StringLike":{"aws:TagKeys":"env*"}})", R"({"aws:TagKeys":["environment"]})", true},
        {R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}})", R"({"aws:TagKeys":["env","team"]})", true},
        {R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}})", R"({})", false},
        {R"({"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["env"]}})", R"({})", true},
        // reference_policies_multi-value-conditions: "If the key values in the request resolve to an empty data set
        // (for example, an empty string), ... a condition operator modified by ForAnyValue returns false."
        {R"({"ForAnyValue:StringLike":{"aws:TagKeys":["*"]}})", R"({"aws:TagKeys":""})", false},
        {R"({"ForAnyValue:StringLike":{"aws:TagKeys":["*"]}})", R"({"aws:TagKeys":[""]})", false},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("ForAllValues needs every request value to match, true on an absent key") {
    const Row rows[] = {
        {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}})", R"({"aws:TagKeys":["team","env"]})", true},
        {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}})", R"({"aws:TagKeys":["team","owner"]})", false},
        {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}})", R"({})", true},
        {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}})", R"({"aws:TagKeys":[]})", true},
        {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}})", R"({"aws:TagKeys":""})", true},  // a null dataset
        {R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}})", R"({"aws:TagKeys":[""]})", true},
        {R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}})", R"({"aws:TagKeys":["env","team"]})", true},
        {R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}})", R"({"aws:TagKeys":["env","secret"]})", false},
        {R"({"ForAllValues:StringLike":{"cognito-identity.amazonaws.com:amr":["authenticated","*:123"]}})",
         R"({"cognito-identity.amazonaws.com:amr":["authenticated","graph.facebook.com:123"]})", true},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("a multivalued key without a set qualifier: any value for positive operators, none for negated") {
    const Row rows[] = {
        {R"({"StringEquals":{"aws:TagKeys":"env"}})", R"({"aws:TagKeys":["team","env"]})", true},
        {R"({"StringNotEquals":{"aws:TagKeys":"env"}})", R"({"aws:TagKeys":["team","env"]})", false},
        {R"({"StringNotEquals":{"aws:TagKeys":"env"}})", R"({"aws:TagKeys":["team","owner"]})", true},
    };
    check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("conditions are ANDed across operators and keys, and key names are case-insensitive") {
    const char* both = R"({"StringEquals":{"aws:username":"alice","aws:PrincipalTag/team":"web"},"Bool":{"aws:MultiFactorAuthPresent":"true"}})";
    CHECK(condition_holds(both, context(R"({"AWS:USERNAME":"alice","aws:principaltag/TEAM":"web","aws:MultiFactorAuthPresent":"true"})")));
    CHECK(!condition_holds(both, context(R"({"aws:username":"alice","aws:PrincipalTag/team":"web","aws:MultiFactorAuthPresent":"false"})")));
    CHECK(!condition_holds(both, context(R"({"aws:username":"alice","aws:MultiFactorAuthPresent":"true"})")));
    CHECK(condition_holds(R"({"StringEquals":{"AWS:UserName":"alice"}})", context(R"({"aws:username":"alice"})")));
}

TEST_CASE("operator names are parsed with their qualifier and IfExists suffix") {
    const auto op = ConditionOperator::parse("ForAllValues:StringNotLikeIfExists");
    REQUIRE(op);
    CHECK(op->qualifier == SetQualifier::ForAllValues);
    CHECK(op->if_exists);
    CHECK(op->negated);
    CHECK(op->comparison == Comparison::Like);
    CHECK(!ConditionOperator::parse("NullIfExists"));
    CHECK(!ConditionOperator::parse("ForAnyValue:Null"));
    CHECK(!ConditionOperator::parse("stringequals"));
    CHECK(!ConditionOperator::parse("StringLikeIgnoreCase"));
    for (const auto& name : condition_operator_names()) CHECK_MESSAGE(ConditionOperator::parse(name), name);
    CHECK(condition_operator_names().size() == 27);
}
