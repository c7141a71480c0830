// Organizational units (an addition to the format: scenarios/README.md, "organization"): an SCP attached to an OU
// applies to every account below it, and an action must be allowed at every level from the root through each OU in
// the direct path to the account (orgs_manage_policies_inheritance_auth); aws:PrincipalOrgPaths names the path.
#include "aws_test_util.hpp"

#include <regex>

using namespace stslab;
using namespace stslab::test;

namespace {

// Three member accounts: 222 in Prod (under Workloads), 333 in Sandbox (under the root), 444 under the root itself.
std::string org_world(const std::string& organization_extra, const std::string& steps) {
    std::string accounts, actors;
    for (const char* id : {"222222222222", "333333333333", "444444444444"}) {
        accounts += std::string(R"(, ")") + id + R"(": { "users": { "dev": { "policies": { "all": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } },
            "buckets": { "b-)" + std::string(id).substr(0, 3) + R"(": { "objects": { "k": "v" } } } })";
        actors += std::string(R"(, "dev-)") + std::string(id).substr(0, 3) + R"(": { "principal": "arn:aws:iam::)" + id + R"(:user/dev" })";
    }
    return R"({ "stslab": 1, "start": "2026-01-01T00:00:00Z",
      "accounts": { "111111111111": {} )" + accounts + R"( },
      "organization": { "management": "111111111111", "accounts": ["222222222222", "333333333333", "444444444444"],
        "ous": { "Workloads": {}, "Prod": { "parent": "Workloads", "accounts": ["222222222222"] },
                 "Sandbox": { "parent": "root", "accounts": ["333333333333"] } } )" + organization_extra + R"( },
      "actors": { "admin": { "principal": "arn:aws:iam::111111111111:root" } )" + actors + R"( },
      "steps": [ )" + steps + R"( ] })";
}

std::string call(const std::string& who, const std::string& action, const std::string& resource, const std::string& expect) {
    return R"({ "actor": "dev-)" + who + R"(", "call": ")" + action + R"(", "resource": ")" + resource + R"(", "expect": )" + expect + " }";
}

}  // namespace

TEST_CASE("an SCP attached to an OU denies in every account below it, however deep, and nowhere else (orgs_manage_policies_inheritance_auth)") {
    const auto r = run_text(org_world(R"(, "scps": [{ "name": "NoDelete", "targets": ["Workloads"], "policy": { "Version": "2012-10-17",
        "Statement": [{ "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*" }] } },
        { "name": "NoWritesInOUs", "targets": ["root"], "policy": { "Version": "2012-10-17",
        "Statement": [{ "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*",
                        "Condition": { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-*/r-*/ou-*" } } }] } }])",
        call("222", "s3:DeleteObject", "arn:aws:s3:::b-222/k", R"({ "error": "AccessDenied", "message_contains": "explicit deny in a service control policy" })") + "," +
        call("222", "s3:GetObject", "arn:aws:s3:::b-222/k", "\"allow\"") + "," +
        call("333", "s3:DeleteObject", "arn:aws:s3:::b-333/k", "\"allow\"") + "," +
        call("444", "s3:DeleteObject", "arn:aws:s3:::b-444/k", "\"allow\"") + "," +
        // aws:PrincipalOrgPaths names the OUs: an account in one has "ou-" in its path, one under the root does not.
        call("333", "s3:PutObject", "arn:aws:s3:::b-333/k", R"({ "error": "AccessDenied" })") + "," +
        call("444", "s3:PutObject", "arn:aws:s3:::b-444/k", "\"allow\"")));
    require_all_pass(r, 6);
    // The Deny's place, by level and by what the level is: the OU it is attached to.
    bool named = false;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Decision)
            named = named || refusal_reason(r.trace->data(i)).find("'NoDelete' at organization level 1 (OU Workloads)") != std::string::npos;
    CHECK(named);
    // The account's path: the organization, the root, then each OU down to its own, each OU with an id of AWS's form.
    const aws::Organization& org = *r.world.organization;
    const std::regex ou_id("ou-[0-9a-z]{4}-[0-9a-z]{8}");
    for (const auto& [name, ou] : org.ous) CHECK(std::regex_match(ou.id, ou_id));
    CHECK(org.ous.at("Workloads").id != org.ous.at("Prod").id);
    CHECK(org.account_path("222222222222") ==
          org.id + "/" + org.root_id() + "/" + org.ous.at("Workloads").id + "/" + org.ous.at("Prod").id + "/");
    CHECK(org.account_path("444444444444") == org.id + "/" + org.root_id() + "/");
}

TEST_CASE("with FullAWSAccess detached, an action must be allowed at the root, at every OU on the way and at the account") {
    const std::string allow_all = R"({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] })";
    const auto r = run_text(org_world(R"(, "full_aws_access": false, "scps": [
        { "name": "RootAll", "targets": ["root"], "policy": )" + allow_all + R"( },
        { "name": "WorkloadsS3", "targets": ["Workloads"], "policy": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*" }] } },
        { "name": "ProdS3", "targets": ["Prod"], "policy": { "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }] } },
        { "name": "AccountsAll", "targets": ["222222222222", "333333333333", "444444444444"], "policy": )" + allow_all + R"( }])",
        call("222", "s3:GetObject", "arn:aws:s3:::b-222/k", "\"allow\"") + "," +
        // Workloads allows EC2, but Prod, below it, does not: the intersection of the levels.
        call("222", "ec2:DescribeInstances", "*", R"({ "error": "UnauthorizedOperation" })") + "," +
        call("333", "ec2:DescribeInstances", "*", "\"allow\"")));
    require_all_pass(r, 3);
    // Why: the level that allows nothing, by its number, by what it is and by the SCPs attached there (the root is level 0).
    std::string why;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Decision && why.empty()) why = refusal_reason(r.trace->data(i));
    CHECK(why.rfind("No SCP at organization level 2 (OU Prod: ProdS3) allows the request", 0) == 0);
}

TEST_CASE("OUs form a tree under the root: an unknown parent, a cycle, an account in two OUs and a misspelled OU target are faults of the file") {
    const auto faults = [](const std::string& organization) {
        const std::string text = R"({ "stslab": 1, "accounts": { "111111111111": {}, "222222222222": {} },
          "organization": { "management": "111111111111", "accounts": ["222222222222"], )" + organization + R"( },
          "actors": {}, "steps": [] })";
        try {
            load_scenario_text(text, "ous.json");
        } catch (const ScenarioError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(faults(R"("ous": { "Prod": { "parent": "Workload" }, "Workloads": {} })").find(
              "at organization/ous/Prod/parent: no OU is named \"Workload\" (a parent is \"root\" or another OU's name) (did you mean \"Workloads\"?)") !=
          std::string::npos);
    CHECK(faults(R"("ous": { "A": { "parent": "B" }, "B": { "parent": "A" } })").find("would be inside itself") != std::string::npos);
    CHECK(faults(R"("ous": { "A": { "accounts": ["222222222222"] }, "B": { "accounts": ["222222222222"] } })")
              .find("account 222222222222 is already in the OU \"A\": an account is in one OU") != std::string::npos);
    CHECK(faults(R"("ous": { "A": { "accounts": ["111111111111", "333333333333"] } })").find("is not in this scenario") != std::string::npos);
    CHECK(faults(R"("ous": { "root": {} })").find("neither \"root\" nor an account id") != std::string::npos);
    CHECK(faults(R"("ous": { "Workloads": {} }, "scps": [{ "name": "x", "targets": ["Workload"], "policy": { "Version": "2012-10-17",
                     "Statement": [{ "Effect": "Deny", "Action": "*", "Resource": "*" }] } }])")
              .find("at organization/scps/0/targets/0: a target is \"root\", an OU's name or a member account's id; no OU is named \"Workload\" (did you mean \"Workloads\"?)") != std::string::npos);
    CHECK(faults(R"("ous": { "Workloads": { "accounts": ["222222222222"] } })").empty());
}
