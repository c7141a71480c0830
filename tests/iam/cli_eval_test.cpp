// `stslab eval` as a student runs it (scenario-format.md "Running it"; sim/cli/eval.cpp).
#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Run {
    int status = -1;
    std::vector<std::string> lines;  // standard output, line by line
};

Run run(const std::string& arguments) {
    Run r;
    const std::string command = std::string(STSLAB_CLI) + " " + arguments + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::size_t start = 0;
    while (start < out.size()) {
        const std::size_t end = out.find('\n', start);
        r.lines.push_back(out.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return r;
}

std::string write_temp(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / ("stslab-iam-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(path) << text;
    return path.string();
}

const char* kAllowLine =
    R"({"id":1,"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b1/k","identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}]})";
const char* kDenyLine =
    R"({"id":2,"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b1/k","scps":[["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"]],"identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}]})";
const char* kMalformedLine =
    R"({"id":3,"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"*","identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqulas":{"aws:username":"alice"}}}]}]})";

}  // namespace

TEST_CASE("eval --batch answers one JSON line per request, in order, and goes on past malformed ones") {
    // The last line's number is beyond a double's range: its own error, not the batch's end.
    const std::string file = write_temp("batch.jsonl", std::string(kAllowLine) + "\n" + kDenyLine + "\n\n" +
                                                           kMalformedLine + "\n{not json\n" +
                                                           R"({"id":5,"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","context":{"n":1e400}})" "\n" +
                                                           kAllowLine + "\n");
    const Run r = run("eval --batch " + file);
    CHECK(r.status == 1);  // not every request could be answered
    REQUIRE(r.lines.size() == 6);
    CHECK(nlohmann::json::parse(r.lines[4])["error"]["message"] == "not valid JSON: number overflow parsing '1e400'");
    CHECK(nlohmann::json::parse(r.lines[5])["decision"] == "Allow");
    const auto a = nlohmann::json::parse(r.lines[0]), b = nlohmann::json::parse(r.lines[1]),
               c = nlohmann::json::parse(r.lines[2]), d = nlohmann::json::parse(r.lines[3]);
    CHECK(a["id"] == 1);
    CHECK(a["decision"] == "Allow");
    CHECK(a["denied_by"].is_null());
    CHECK(a["matched"].size() == 1);
    CHECK(b["decision"] == "ExplicitDeny");
    CHECK(b["denied_by"] == "service control policy");
    CHECK(b["message"] == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on "
                          "resource: arn:aws:s3:::b1/k with an explicit deny in a service control policy");
    CHECK(c["id"] == 3);
    CHECK(c["error"]["code"] == "MalformedPolicyDocument");
    CHECK(c["error"]["message"] == "identity_policies/0/Statement/0/Condition/StringEqulas: Invalid Condition type : "
                                   "StringEqulas (did you mean 'StringEquals'?)");
    CHECK(d["error"]["code"] == "InvalidRequest");
    // An error names the request's line in the file (the blank line holds no request): line 5, not answer 4's
    // "line 1" of its one-line request.
    CHECK(c["error"]["line"] == 4);
    CHECK(d["error"]["line"] == 5);
    CHECK(d["error"]["message"] == "not valid JSON (at column 3, byte 3): found 'o'");
    CHECK(!a.contains("explanation"));
    std::filesystem::remove(file);
}

TEST_CASE("eval refuses a value nested deeper than 200 levels, as the loader does, instead of recursing past the stack") {
    // Found by fuzzing: an id (or a policy's Effect) nested 100,000 deep crashed eval when it was written back, and a
    // batch lost every answer before it.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const std::string file = write_temp("deep.jsonl", std::string(kAllowLine) + "\n" + R"({"id":)" + deep + "}\n" +
        R"({"principal":"arn:aws:iam::111122223333:user/a","action":"s3:GetObject","resource":"*","identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":)" +
        deep + R"(,"Action":"*","Resource":"*"}]}]})" "\n" + kAllowLine + "\n");
    const Run r = run("eval --batch " + file);
    CHECK(r.status == 1);
    REQUIRE(r.lines.size() == 4);
    for (const std::size_t i : {1, 2})
        CHECK(nlohmann::json::parse(r.lines[i])["error"]["message"] == "values are nested more than 200 levels deep");
    CHECK(nlohmann::json::parse(r.lines[3])["decision"] == "Allow");
    std::filesystem::remove(file);
}

TEST_CASE("eval --explain adds the full explanation, a single request file answers in one line") {
    const std::string file = write_temp("one.json", std::string(kAllowLine));
    const Run r = run("eval --explain " + file);
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() == 1);
    const auto a = nlohmann::json::parse(r.lines[0]);
    REQUIRE(a.contains("explanation"));
    CHECK(a["explanation"]["steps"].size() >= 6);
    CHECK(a["explanation"]["steps"][0]["step"] == "Explicit deny");
    CHECK(a["explanation"]["policies"][0]["statements"][0]["applies"] == true);
    std::filesystem::remove(file);
}

TEST_CASE("eval reads a request file with comments, as a scenario file may have, and places a syntax error by line and column") {
    const std::string commented = write_temp("commented.json", "// alice reads b1/k\n/* allowed by her policy */ " + std::string(kAllowLine));
    Run r = run("eval " + commented);
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() == 1);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");
    const std::string broken = write_temp("broken.json", "{\n  \"principal\": \"arn:aws:iam::111122223333:user/alice\",\n  \"action\": ]\n}");
    r = run("eval " + broken);
    CHECK(r.status == 1);
    REQUIRE(r.lines.size() == 1);
    CHECK(nlohmann::json::parse(r.lines[0])["error"]["message"] == "not valid JSON (at line 3, column 13, byte 70): found ']'");
    std::filesystem::remove(commented);
    std::filesystem::remove(broken);
}

TEST_CASE("eval reports a missing file with status 1 and usage errors with status 2") {
    CHECK(run("eval /nonexistent/requests.jsonl").status == 1);
    CHECK(run("eval --batch /nonexistent/requests.jsonl").status == 1);
    CHECK(run("eval").status == 2);
    CHECK(run("eval --bogus x").status == 2);
    CHECK(run("eval a.json b.json").status == 2);
}

TEST_CASE("eval: every request has aws:CurrentTime and aws:EpochTime, now unless given (reference_policies_condition-keys)") {
    // "This key is always included in the request context": a Deny after 2020 applies to a request that gives no time.
    const std::string deny_after_2020 =
        R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},)"
        R"({"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01"}}}]}])";
    const std::string head = R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b1/k",)";
    const std::string file = write_temp(
        "clock.jsonl",
        head + deny_after_2020 + "}\n" +
            // A given time is used, and aws:EpochTime follows it (2019-06-01 is 1559347200).
            head + R"("context":{"aws:CurrentTime":"2019-06-01T00:00Z"},)" + deny_after_2020 + "}\n" + head +
            R"("context":{"aws:CurrentTime":"2019-06-01T00:00:00Z"},"identity_policies":[{"Version":"2012-10-17","Statement":)"
            R"({"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericEquals":{"aws:EpochTime":"1559347200"}}}}]})" "\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 3);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "ExplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[1])["decision"] == "Allow");
    CHECK(nlohmann::json::parse(r.lines[2])["decision"] == "Allow");
    std::filesystem::remove(file);
}

TEST_CASE("eval: a federated user's issuer_arn, named by a bucket policy, is limited by the session policy") {
    const std::string request =
        R"({"principal":{"arn":"arn:aws:sts::111122223333:federated-user/kim","issuer_arn":"arn:aws:iam::111122223333:user/proxy"},)"
        R"("action":"s3:GetObject","resource":"arn:aws:s3:::b1/k",)"
        R"("resource_policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/proxy"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"}},)";
    const std::string file = write_temp(
        "issuer.jsonl",
        request + R"("session_policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}})" "\n" +
            request + R"("session_policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}})" "\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 2);
    const auto limited = nlohmann::json::parse(r.lines[0]);
    CHECK(limited["decision"] == "ImplicitDeny");
    CHECK(limited["denied_by"] == "session policy");
    CHECK(nlohmann::json::parse(r.lines[1])["decision"] == "Allow");
    std::filesystem::remove(file);
}

TEST_CASE("eval: STS's caller rules come before policies, and a web identity provider may be named as it is") {
    const std::string deny_all = R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}})";
    const std::string file = write_temp(
        "callers.jsonl",
        // API_GetCallerIdentity: "you can still perform this operation" under an explicit deny.
        R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"sts:GetCallerIdentity","identity_policies":[)" +
            deny_all + "]}\n" +
            // API_AssumeRole: "You cannot call AssumeRole by using AWS root account credentials".
            R"({"principal":"arn:aws:iam::111122223333:root","action":"sts:AssumeRole","resource":"arn:aws:iam::111122223333:role/T",)"
            R"("trust_policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}}})" "\n"
            // Facts §6: a trust policy names Cognito as {"Federated": "cognito-identity.amazonaws.com"}.
            R"({"principal":"cognito-identity.amazonaws.com","action":"sts:AssumeRoleWithWebIdentity","resource":"arn:aws:iam::111122223333:role/T",)"
            R"("trust_policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}}})" "\n");
    const Run r = run("eval --batch --explain " + file);
    REQUIRE(r.lines.size() == 3);
    const auto who_am_i = nlohmann::json::parse(r.lines[0]);
    CHECK(who_am_i["decision"] == "Allow");
    CHECK(who_am_i["explanation"]["steps"][0]["step"] == "Who may call");
    const auto root = nlohmann::json::parse(r.lines[1]);
    CHECK(root["decision"] == "ImplicitDeny");
    CHECK(root["message"] == "Roles may not be assumed by root accounts.");
    CHECK(root["explanation"]["summary"] == "ImplicitDeny: Roles may not be assumed by root accounts.");
    CHECK(nlohmann::json::parse(r.lines[2])["decision"] == "Allow");
    std::filesystem::remove(file);
}

// Facts §3: "an identity policy alone never lets anyone assume a role"; reference_policies_evaluation-logic: role
// trust policies "must explicitly allow access for principals". A question that leaves the trust policy out is
// answered as a role whose trust allows nobody, for every STS action a trust policy governs; IAM's own actions on
// the role (iam:PassRole) are the identity-based policies' to decide.
TEST_CASE("eval: an STS question about a role that gives no trust policy is refused by the role trust policy") {
    const std::string allow_all = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})";
    std::string lines;
    for (const char* action : {"sts:AssumeRole", "sts:TagSession", "iam:PassRole"})
        lines += std::string(R"({"principal":"arn:aws:iam::111122223333:user/alice","action":")") + action +
                 R"(","resource":"arn:aws:iam::111122223333:role/T","identity_policies":[)" + allow_all + "]}\n";
    const std::string file = write_temp("no-trust.jsonl", lines);
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 3);
    const auto assume = nlohmann::json::parse(r.lines[0]);
    CHECK(assume["decision"] == "ImplicitDeny");
    CHECK(assume["denied_by"] == "role trust policy");
    CHECK(assume["message"] == "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on "
                               "resource: arn:aws:iam::111122223333:role/T because no role trust policy allows the "
                               "sts:AssumeRole action");
    CHECK(nlohmann::json::parse(r.lines[1])["denied_by"] == "role trust policy");
    CHECK(nlohmann::json::parse(r.lines[2])["decision"] == "Allow");
    std::filesystem::remove(file);
}

// API_SimulatePrincipalPolicy: the IAM policy simulator takes "a user, group, or role" as PolicySourceArn. A role's
// ARN asks about its sessions: its policies decide, and a bucket policy naming the role is limited by its boundary
// (reference_policies_evaluation-logic_policy-eval-denyallow), as for any of its sessions.
TEST_CASE("eval: a role's ARN as the principal asks about the role's sessions") {
    const std::string bucket = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/R"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"}})";
    const std::string ec2_only = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}})";
    const std::string ask = R"({"principal":"arn:aws:iam::111122223333:role/R","action":"s3:GetObject","resource":"arn:aws:s3:::b1/k",)";
    const std::string file = write_temp(
        "role.jsonl", ask + R"("identity_policies":[)" + ec2_only + "]}\n" +
                          ask + R"("resource_policy":)" + bucket + "}\n" +
                          ask + R"("resource_policy":)" + bucket + R"(,"permissions_boundary":)" + ec2_only + "}\n" +
                          R"({"principal":"arn:aws:iam::111122223333:role/R","action":"sts:GetSessionToken"})" "\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 4);
    const auto own = nlohmann::json::parse(r.lines[0]);
    CHECK(own["decision"] == "ImplicitDeny");
    CHECK(own["message"] == "User: arn:aws:iam::111122223333:role/R is not authorized to perform: s3:GetObject on "
                            "resource: arn:aws:s3:::b1/k because no identity-based policy allows the s3:GetObject action");
    CHECK(nlohmann::json::parse(r.lines[1])["decision"] == "Allow");
    CHECK(nlohmann::json::parse(r.lines[2])["denied_by"] == "permissions boundary");
    CHECK(nlohmann::json::parse(r.lines[3])["message"] == "Cannot call GetSessionToken with session credentials");
    std::filesystem::remove(file);
}

TEST_CASE("eval: one policy may stand alone where a list is expected, and a list of policies where levels are: one level") {
    const std::string s3 = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})";
    const std::string ec2 = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}})";
    const std::string ask = R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b1/k",)";
    const std::string file = write_temp(
        "shapes.jsonl", ask + R"("identity_policies":)" + s3 + "}\n" +
                            // one level: the allow-list of EC2 beside S3's; as two levels, EC2's would refuse
                            ask + R"("identity_policies":[)" + s3 + R"(],"scps":[)" + ec2 + "," + s3 + "]}\n" +
                            ask + R"("identity_policies":[)" + s3 + R"(],"scps":[[)" + ec2 + "],[" + s3 + "]]}\n" +
                            ask + R"("identity_policies":[)" + s3 + R"(],"scps":[[)" + ec2 + "]," + s3 + "]}\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 4);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");
    const auto one_level = nlohmann::json::parse(r.lines[1]);
    CHECK(one_level["decision"] == "Allow");
    CHECK(one_level["matched"].dump().find("\"scps/1\"") != std::string::npos);
    CHECK(nlohmann::json::parse(r.lines[2])["denied_by"] == "service control policy");
    CHECK(nlohmann::json::parse(r.lines[3])["error"]["message"] ==
          "scps: expected an array of levels, each an array of policies (or one level's policies alone), not both");
    std::filesystem::remove(file);
}

// A question generator may write a field it leaves out as null: an optional field that is null is absent, in a
// single question and in a batch (whose lines are read by another reader).
TEST_CASE("eval: an optional field written as null is left out") {
    const std::string q = R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k",)"
                          R"("resource_account":null,"context":null,"resource_policy":null,"permissions_boundary":null,"session_policy":null,)"
                          R"("scps":null,"rcps":null,"trust_policy":null,)"
                          R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}]})";
    for (const char* command : {"eval ", "eval --batch "}) {
        const std::string file = write_temp("nulls.jsonl", q + "\n");
        const Run r = run(command + file);
        REQUIRE(r.lines.size() == 1);
        CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");
        std::filesystem::remove(file);
    }
}

// An addition to the format's fields: "vpc_endpoint_policy", the policy of the VPC endpoint the request came through,
// which must allow it too and is named when it does not (vpc-endpoints-access; troubleshoot_access-denied).
TEST_CASE("eval: a vpc_endpoint_policy must allow the request as well, in a single question and in a batch") {
    const std::string q = R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:PutObject","resource":"arn:aws:s3:::other/k",)"
                          R"("resource_account":"999999999999","resource_policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                          R"("Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::other/*"}]},)"
                          R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}],)"
                          R"("vpc_endpoint_policy":{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*",)"
                          R"("Condition":{"StringEquals":{"aws:ResourceAccount":"111122223333"}}}]}})";
    for (const char* command : {"eval ", "eval --batch "}) {
        const std::string file = write_temp("endpoint.jsonl", q + "\n");
        const Run r = run(command + file);
        REQUIRE(r.lines.size() == 1);
        const auto d = nlohmann::json::parse(r.lines[0]);
        CHECK(d["decision"] == "ImplicitDeny");
        CHECK(d["denied_by"] == "VPC endpoint policy");
        std::filesystem::remove(file);
    }
}

// From the fuzzing audit: a misspelt field was refused without the one meant.
TEST_CASE("eval names the field a misspelt one was meant to be") {
    const std::string file = write_temp("misspelt.json",
        R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","identity_policy":[]})");
    const Run r = run("eval " + file);
    REQUIRE(r.lines.size() == 1);
    CHECK(nlohmann::json::parse(r.lines[0])["error"]["message"] ==
          "unknown field \"identity_policy\" (did you mean 'identity_policies'?)");
    std::filesystem::remove(file);
}

// reference_policies_condition-keys: aws:ResourceAccount names the resource's owner, aws:PrincipalIsAWSService is in
// "all signed API requests"; as `stslab run` sets them, a question that names the owner gets them too.
TEST_CASE("eval: aws:ResourceAccount follows resource_account or the resource's ARN, aws:PrincipalIsAWSService is false for a user") {
    const std::string policies =
        R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",)"
        R"("Condition":{"Bool":{"aws:PrincipalIsAWSService":"false"}}},)"
        R"({"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceAccount":"111122223333"}}}]}]})";
    const std::string alice = R"({"principal":"arn:aws:iam::111122223333:user/alice",)";
    const std::string file = write_temp(
        "owner.jsonl",
        alice + R"("action":"s3:GetObject","resource":"arn:aws:s3:::b1/k","resource_account":"111122223333",)" + policies + "\n" +
            alice + R"("action":"s3:GetObject","resource":"arn:aws:s3:::b1/k","resource_account":"444455556666",)" + policies + "\n" +
            alice + R"("action":"sts:AssumeRole","resource":"arn:aws:iam::444455556666:role/R",)" + policies + "\n" +
            // No owner named: the key is absent, and StringNotEquals on an absent key matches.
            alice + R"("action":"s3:GetObject","resource":"arn:aws:s3:::b1/k",)" + policies + "\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 4);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");
    CHECK(nlohmann::json::parse(r.lines[1])["decision"] == "ExplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[2])["decision"] == "ExplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[3])["decision"] == "ExplicitDeny");
    std::filesystem::remove(file);
}

// reference_policies_condition-keys, aws:MultiFactorAuthPresent: the AWS page's "not recommended" Deny with Bool false
// "does not deny access to requests that are made using long-term credentials", but does deny temporary credentials
// obtained without MFA, such as a role session's.
TEST_CASE("eval: a role session has aws:MultiFactorAuthPresent false unless the context says true, a user has none") {
    const std::string policies =
        R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},)"
        R"({"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}]})";
    const std::string get = R"("action":"s3:GetObject","resource":"arn:aws:s3:::b1/k",)";
    const std::string file = write_temp(
        "mfa.jsonl",
        R"({"principal":"arn:aws:iam::111122223333:user/alice",)" + get + policies + "\n" +
            R"({"principal":{"arn":"arn:aws:sts::111122223333:assumed-role/R/s","role_arn":"arn:aws:iam::111122223333:role/R"},)" + get + policies + "\n" +
            R"({"principal":{"arn":"arn:aws:sts::111122223333:assumed-role/R/s","role_arn":"arn:aws:iam::111122223333:role/R"},)" + get +
            R"("context":{"aws:MultiFactorAuthPresent":"true"},)" + policies + "\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 3);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");
    CHECK(nlohmann::json::parse(r.lines[1])["decision"] == "ExplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[2])["decision"] == "Allow");
    std::filesystem::remove(file);
}

// reference_policies_elements_condition_operators, Null: "If the user is using temporary credentials, then the key
// aws:TokenIssueTime exists and has a value". The page's Allow with Null true refuses a role session and a federated
// user and lets a user's long-term keys through; a question that gives no issue time gets the request's time, so the
// AWSRevokeOlderSessions Deny (id_roles_use_revoke-sessions) refuses a session issued before its moment.
TEST_CASE("eval: a role session and a federated user have aws:TokenIssueTime, the request's time unless given, a user has none") {
    const std::string null_true =
        R"("identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*",)"
        R"("Condition":{"Null":{"aws:TokenIssueTime":"true"}}}}]})";
    const std::string revoke =
        R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},)"
        R"({"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-03-02T09:02:05Z"}}}]}]})";
    const std::string session =
        R"({"principal":{"arn":"arn:aws:sts::111122223333:assumed-role/R/s","role_arn":"arn:aws:iam::111122223333:role/R"},)";
    const std::string describe = R"("action":"ec2:DescribeInstances","resource":"*",)";
    const std::string file = write_temp(
        "token-issue-time.jsonl",
        R"({"principal":"arn:aws:iam::111122223333:user/alice",)" + describe + null_true + "\n" + session + describe +
            null_true + "\n" +
            R"({"principal":"arn:aws:sts::111122223333:federated-user/fred","session_policy":{"Version":"2012-10-17",)"
            R"("Statement":{"Effect":"Allow","Action":"*","Resource":"*"}},)" + describe + null_true + "\n" +
            // Issued before the revocation, issued after it, and (no issue time) at the request's time, after it.
            session + describe + R"("context":{"aws:TokenIssueTime":"2026-03-02T09:00:05Z"},)" + revoke + "\n" +
            session + describe + R"("context":{"aws:CurrentTime":"2026-03-02T09:00:00Z"},)" + revoke + "\n" +
            session + describe + R"("context":{"aws:CurrentTime":"2026-03-02T10:00:00Z"},)" + revoke + "\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 6);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");  // long-term keys: no aws:TokenIssueTime
    CHECK(nlohmann::json::parse(r.lines[1])["decision"] == "ImplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[2])["decision"] == "ImplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[3])["decision"] == "ExplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[4])["decision"] == "ExplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[5])["decision"] == "Allow");
    std::filesystem::remove(file);
}

// reference_policies_condition-keys: aws:SecureTransport and aws:ViaAWSService are always in the request context;
// the sandbox's calls make them true and false, and so does eval unless the context says otherwise.
TEST_CASE("eval: aws:ViaAWSService is false and aws:SecureTransport true unless the context says otherwise") {
    const std::string policies =
        R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",)"
        R"("Condition":{"Bool":{"aws:SecureTransport":"true"}}},)"
        R"({"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:ViaAWSService":"false"}}}]}]})";
    const std::string get = R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b1/k",)";
    const std::string file = write_temp(
        "always.jsonl",
        get + policies + "\n" + get + R"("context":{"aws:ViaAWSService":"true"},)" + policies + "\n" + get +
            R"("context":{"aws:ViaAWSService":"true","aws:SecureTransport":false},)" + policies + "\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 3);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "ExplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[1])["decision"] == "Allow");
    CHECK(nlohmann::json::parse(r.lines[2])["decision"] == "ImplicitDeny");
    std::filesystem::remove(file);
}

// reference_policies_condition-keys, aws:RequestedRegion: "This key is always included in the request context". The
// region guardrail of reference_policies_examples_aws_deny-requested-region refuses nothing in us-east-1.
TEST_CASE("eval: aws:RequestedRegion is the resource ARN's region, else us-east-1, unless the context says otherwise") {
    const std::string policies =
        R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},)"
        R"({"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1"]}}}]}]})";
    const std::string alice = R"({"principal":"arn:aws:iam::111122223333:user/alice",)";
    const std::string file = write_temp(
        "region.jsonl",
        alice + R"("action":"iam:ListUsers","resource":"*",)" + policies + "\n" +
            alice + R"("action":"ec2:StopInstances","resource":"arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0",)" + policies + "\n" +
            alice + R"("action":"s3:GetObject","resource":"arn:aws:s3:::b1/k","context":{"aws:RequestedRegion":"eu-west-1"},)" + policies + "\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 3);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");
    CHECK(nlohmann::json::parse(r.lines[1])["decision"] == "ExplicitDeny");
    CHECK(nlohmann::json::parse(r.lines[2])["decision"] == "ExplicitDeny");
    std::filesystem::remove(file);
}

// access_policies, "Session policies": one is passed when a role session or a federated user is made; an IAM user's
// own keys carry none. A question that gives one for a user is refused, not answered as if the user were a session.
// And an unknown field a megabyte long (found by fuzzing) is named in a bounded message, with no "did you mean".
// The format page's example of an eval question gives an IAM user a session policy, with every other kind of policy:
// it is answered, and the session policy narrows the user as the question says. An unknown field's name is cut short.
TEST_CASE("eval: the format page's example (a user with a session policy) is answered, and an unknown field's name is cut short") {
    const std::string allow_all = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
    const std::string alice = R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject",)"
                              R"("resource":"arn:aws:s3:::b1/k","resource_account":"111122223333",)"
                              R"("context":{"aws:MultiFactorAuthPresent":"true","aws:PrincipalTag/team":["a","b"]},)"
                              R"("identity_policies":[)" + allow_all + R"(],"resource_policy":{"Version":"2012-10-17","Statement":)"
                              R"([{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b1/secret"}]},)"
                              R"("permissions_boundary":)" + allow_all + R"(,"scps":[[)" + allow_all + "],[" + allow_all +
                              R"(]],"rcps":[[{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",)"
                              R"("Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}]}]])";
    const auto session = [](const char* action) {
        return std::string(R"(,"session_policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":")") + action +
               R"(","Resource":"*"}}})";
    };
    const std::string file = write_temp("session.jsonl", alice + session("s3:*") + "\n" + alice + session("s3:PutObject") +
                                                             "\n" + alice + ",\"" + std::string(100000, 'A') + "\":1}\n");
    const Run r = run("eval --batch " + file);
    REQUIRE(r.lines.size() == 3);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");
    const nlohmann::json narrowed = nlohmann::json::parse(r.lines[1]);
    CHECK(narrowed["decision"] == "ImplicitDeny");
    CHECK(narrowed["denied_by"] == "session policy");
    const std::string unknown = nlohmann::json::parse(r.lines[2])["error"]["message"];
    CHECK(unknown.size() < 300);
    CHECK(unknown.rfind("unknown field \"AAAA", 0) == 0);
    CHECK(r.status == 1);
    std::filesystem::remove(file);
}

// reference_policies_variables, principal key values: a role session's aws:userid is "role-id:caller-specified-role-name";
// a batch line that is only a comment holds no request.
TEST_CASE("eval: a role session's id is completed with its session name, and comment lines of a batch are skipped") {
    const std::string file = write_temp(
        "userid.jsonl",
        "// a role session named s1 of the role whose id is AROAEXAMPLE\n  /* one more */\n"
        R"({"principal":{"arn":"arn:aws:sts::111122223333:assumed-role/R/s1","id":"AROAEXAMPLE"},"action":"s3:GetObject",)"
        R"("identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*",)"
        R"("Condition":{"StringEquals":{"aws:userid":"AROAEXAMPLE:s1"}}}}]})" "\n");
    const Run r = run("eval --batch " + file);
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() == 1);
    CHECK(nlohmann::json::parse(r.lines[0])["decision"] == "Allow");
    std::filesystem::remove(file);
}

// reference_policies_variables, principal key values: an IAM user's aws:userid is its unique id, a role session's
// "role-id:caller-specified-role-name"; the key is in every signed request. A question that gives no id gets a
// stand-in of IAM's form, the same for every session of one role (helper audit: the key had been missing, so a
// StringNotLike on it denied every session).
TEST_CASE("eval: an IAM user and a role session have aws:userid even when the question gives no id") {
    const auto ask = [](const std::string& principal, const std::string& condition) {
        return R"({"principal":")" + principal + R"(","action":"s3:GetObject","resource":"arn:aws:s3:::b1/k",)"
               R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},)"
               R"({"Effect":"Deny","Action":"*","Resource":"*","Condition":)" + condition + "}]}]}\n";
    };
    const std::string file = write_temp(
        "userid-standin.jsonl",
        ask("arn:aws:sts::111122223333:assumed-role/R/sess1", R"({"StringNotLike":{"aws:userid":"AROA*:sess1"}})") +
            ask("arn:aws:sts::111122223333:assumed-role/R/sess2", R"({"StringLike":{"aws:userid":"*:sess1"}})") +
            ask("arn:aws:iam::111122223333:user/alice", R"({"StringNotLike":{"aws:userid":"AIDA?????????????????"}})") +
            ask("arn:aws:iam::111122223333:user/alice", R"({"Null":{"aws:userid":"true"}})"));
    const Run r = run("eval --batch --explain " + file);
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() == 4);
    for (const std::string& line : r.lines) CHECK(nlohmann::json::parse(line)["decision"] == "Allow");
    // Two sessions of one role share its id; two roles' ids differ.
    const auto userid = [](const std::string& question) {
        const std::string file = write_temp("userid-one.json", question);
        const Run one = run("eval --explain " + file);
        std::filesystem::remove(file);
        REQUIRE(one.lines.size() == 1);
        const std::string line = one.lines[0];
        const std::size_t at = line.find("\"request_value\":\"");
        REQUIRE(at != std::string::npos);
        return line.substr(at + 17, line.find('"', at + 17) - at - 17);
    };
    const std::string condition = R"({"StringEquals":{"aws:userid":"x"}})";
    const std::string s1 = userid(ask("arn:aws:sts::111122223333:assumed-role/R/s1", condition));
    const std::string s2 = userid(ask("arn:aws:sts::111122223333:assumed-role/R/s2", condition));
    const std::string other = userid(ask("arn:aws:sts::111122223333:assumed-role/Other/s1", condition));
    CHECK(s1.size() == 21 + 3);
    CHECK(s1.substr(0, 21) == s2.substr(0, 21));
    CHECK(s1.substr(21) == ":s1");
    CHECK(other.substr(0, 21) != s1.substr(0, 21));
    std::filesystem::remove(file);
}
