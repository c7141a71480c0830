// NotPrincipal only with "Effect": "Deny". AWS's page (reference_policies_elements_notprincipal, "AWS JSON policy
// elements: NotPrincipal", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
// says: "NotPrincipal must be used with "Effect":"Deny". Using it with "Effect":"Allow" is not supported." (Older
// versions of the page only advised against Allow; the current one, checked for issue 3, rejects it.) The page
// also says it is for resource-based policies only, never identity-based policies or role trust policies.
#include "iam_test_util.hpp"

#include <doctest/doctest.h>

using namespace stslab::iam;
using namespace stslab::iam::test;

TEST_CASE("a resource-based policy may use NotPrincipal with Deny but not with Allow (reference_policies_elements_notprincipal)") {
    const std::string deny =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}]})";
    const std::string allow =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}]})";
    CHECK(malformed_message(deny, PolicyKind::Resource).empty());
    CHECK(malformed_message(allow, PolicyKind::Resource) ==
          R"(Statement/0/NotPrincipal: NotPrincipal can only be used with "Effect": "Deny")");
    // A trust policy names no Resource, and IAM says so first (policy_compile.cpp): without one, the NotPrincipal.
    CHECK(malformed_message(deny, PolicyKind::Trust) == "Statement/0/Resource: Has prohibited field Resource");
    const std::string trust =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]})";
    CHECK(malformed_message(trust, PolicyKind::Trust) == "Statement/0/NotPrincipal: NotPrincipal is not supported in a role trust policy");
    CHECK(malformed_message(deny, PolicyKind::Identity) == "Statement/0/NotPrincipal: Policy document should not specify a principal.");
}
