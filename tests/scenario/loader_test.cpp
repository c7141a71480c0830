// The loader: valid files load whole, with every default and every derived name the format promises; every
// malformed file is refused with exactly the faults a teacher needs (file, line, column, JSON path, what was
// expected); and no input at all makes it crash, hang or throw anything but ScenarioError.
#include "core/rng.hpp"
#include "scenario/expect.hpp"
#include "scenario/loader.hpp"
#include "scenario/runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>

using namespace stslab;
using nlohmann::json;

namespace {

const std::string kTests = std::string(STSLAB_SOURCE_DIR) + "/tests/scenario";

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The faults `text` is refused with, one a line; "" when it loads.
std::string faults_of(const std::string& text, const std::string& file = "t.json") {
    try {
        load_scenario_text(text, file);
        return "";
    } catch (const ScenarioError& e) {
        return e.what();
    }
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

}  // namespace

TEST_CASE("each malformed scenario is refused with exactly the faults written beside it") {
    // tests/scenario/malformed/NN-what.json holds one kind of mistake; NN-what.expected, every line the loader
    // must report for it, in order (file names relative to that folder).
    const std::string dir = kTests + "/malformed";
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".json") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        const std::string name = path.filename().string();
        CAPTURE(name);
        const std::string expected = read(dir + "/" + path.stem().string() + ".expected");
        REQUIRE_FALSE(expected.empty());
        CHECK(faults_of(read(path.string()), name) + "\n" == expected);
    }
    CHECK(paths.size() >= 91);
}

TEST_CASE("a file that cannot be read is one fault that says so") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/nonexistent/lesson.json", "/nonexistent/lesson.json: cannot open the file (does it exist, and may it be read?)"},
        {kTests + "/valid", kTests + "/valid: this is a folder, not a scenario file"},
    };
    for (const auto& [path, expected] : cases) {
        CAPTURE(path);
        try {
            load_scenario_file(path);
            FAIL("loaded something that is not a file");
        } catch (const ScenarioError& e) {
            CHECK(e.faults().size() == 1);
            CHECK(std::string(e.what()) == expected);
        }
    }
}

TEST_CASE("a fault quoting a name with control characters writes them escaped: one fault, one line, no terminal codes") {
    // Found by fuzzing: a newline and an escape sequence in a step's actor were echoed as they were.
    try {
        load_scenario_text(R"({ "stslab": 1, "actors": { "a": { "kind": "anonymous" } },
                                "steps": [ { "actor": "b\nc\u001b[31m", "call": "send", "to": "a" } ] })", "ctl.json");
        FAIL("loaded a step whose actor does not exist");
    } catch (const ScenarioError& e) {
        const std::string what = e.what();
        CHECK(what.find("there is no actor \"b\\nc\\u001b[31m\"") != std::string::npos);
        CHECK(what.find('\x1b') == std::string::npos);
        CHECK(std::count(what.begin(), what.end(), '\n') + 1 == static_cast<std::ptrdiff_t>(e.faults().size()));
    }
}

// Found by fuzzing: a megabyte key came back whole, twice (in the path and in the message), and a 100 KB actor name
// whole in its fault.
TEST_CASE("a fault quoting a pasted megabyte stays one short line") {
    const std::string key(1000000, 'K'), actor(100000, 'x');
    const std::string what = faults_of(R"({ "stslab": 1, "actors": {}, "steps": [], ")" + key + R"(": 1 })");
    CHECK(what.size() < 1000);
    CHECK(what.find("unknown key \"" + std::string(199, 'K') + "...") != std::string::npos);
    const std::string step = faults_of(R"({ "stslab": 1, "actors": {}, "steps": [ { "actor": ")" + actor + R"(", "call": "send" } ] })");
    CHECK(step.find("there is no actor \"" + std::string(199, 'x') + "...") != std::string::npos);
    CHECK(step.size() < 2000);
}

TEST_CASE("the minimal file loads with every default filled in") {
    const Scenario s = load_scenario_file(kTests + "/valid/minimal.json");
    CHECK(s.id == "minimal");
    CHECK(s.file == kTests + "/valid/minimal.json");
    CHECK(s.title.empty());
    CHECK(s.start == parse_iso8601("2026-01-01T00:00:00Z"));
    CHECK(s.seed == 0);
    CHECK(s.latency == 20);
    CHECK_FALSE(s.world.organization.has_value());
    const aws::User& alice = s.world.accounts.at("111111111111").users.at("alice");
    CHECK(alice.arn == "arn:aws:iam::111111111111:user/alice");
    CHECK(alice.path == "/");
    CHECK(alice.id.empty());  // the runner draws unique ids from the run's generator
    CHECK_FALSE(alice.mfa.has_value());
    CHECK(s.actors.at("alice").kind == ActorKind::User);
    REQUIRE(s.steps.size() == 2);
    CHECK(s.steps[0].id == "step-1");
    CHECK(s.steps[1].id == "step-2");
    CHECK(s.steps[0].at == kSecond);  // "at" defaults to "+1s"
    CHECK(s.steps[1].at == 2 * kSecond);
    CHECK(s.steps[0].spec.expect.kind == Expectation::Kind::Allow);
    CHECK(s.steps[1].spec.expect.kind == Expectation::Kind::None);
}

TEST_CASE("every key of the specimen file becomes what the format says") {
    const Scenario s = load_scenario_file(kTests + "/valid/everything.json");
    const aws::World& w = s.world;
    const aws::Account& prod = w.accounts.at("111111111111");
    const aws::User& alice = prod.users.at("alice");
    const aws::Role& deploy = prod.roles.at("Deploy");
    const auto& org = *w.organization;
    const std::vector<std::pair<std::string, std::string>> names = {
        {s.id, "specimen"},
        {s.title.ko, "모든 것"},
        {s.description.en, "Every key of format version 1."},
        {prod.alias + " " + prod.color, "prod #f08c00"},
        {alice.arn, "arn:aws:iam::111111111111:user/engineering/alice"},
        {alice.mfa->serial + " " + alice.mfa->code, "arn:aws:iam::111111111111:mfa/alice 654321"},
        {prod.users.at("bob").mfa->serial + " " + prod.users.at("bob").mfa->code, "arn:aws:iam::111111111111:mfa/bob 123456"},
        {alice.tags.at("team"), "web"},
        {alice.groups.at(0), "Developers"},
        {alice.attached.at(0), "arn:aws:iam::111111111111:policy/ReadData"},
        {prod.groups.at("Developers").arn, "arn:aws:iam::111111111111:group/Developers"},
        {deploy.arn, "arn:aws:iam::111111111111:role/ci/Deploy"},
        {deploy.tags.at("env"), "prod"},
        {prod.managed_policies.at("ReadData").arn, "arn:aws:iam::111111111111:policy/ReadData"},
        {prod.saml_providers.at("CorpIdP").arn, "arn:aws:iam::111111111111:saml-provider/CorpIdP"},
        {prod.oidc_providers.at("token.actions.githubusercontent.com").arn,
         "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
        {prod.oidc_providers.at("token.actions.githubusercontent.com").client_ids.at(0), "sts.amazonaws.com"},
        {w.buckets.at("prod-data").account, "111111111111"},
        {w.buckets.at("prod-data").objects.at("report.csv").content, "id,total\n1,42"},
        {w.instances.at("i-0123456789abcdef0").region + " " + w.instances.at("i-0123456789abcdef0").state, "us-east-1 running"},
        {w.instances.at("i-0fedcba9876543210").arn(), "arn:aws:ec2:eu-west-1:111111111111:instance/i-0fedcba9876543210"},
        {w.instances.at("i-0fedcba9876543210").state, "stopped"},
        {org.management, "111111111111"},
        {org.scps.at(0).name + " " + org.scps.at(0).targets.at(0), "DenyLeaveOrg 222222222222"},
        {org.rcps.at(0).name + " " + org.rcps.at(0).targets.at(0), "OnlyOurOrg root"},
        {s.actors.at("alice").color, "#1971c2"},
        {s.actors.at("partner").vars.at("bucket").get<std::string>(), "prod-data"},
        {s.actors.at("partner").handlers.at(1).actions.at(0).params.at("ExternalId").get<std::string>(),
         "${vars.sessions[message.env]}"},  // templates are resolved by the runner, per message
        {s.steps.at(1).id, "step-2"},
        {s.steps.at(3).spec.expect.message_contains, "partner-session"},
        {s.steps.at(2).spec.context.at("aws:SourceIp").at(0).get<std::string>(), "203.0.113.9"},
    };
    for (const auto& [actual, expected] : names) CHECK(actual == expected);

    CHECK(s.start == parse_iso8601("2026-03-02T09:00:00Z"));
    CHECK(s.seed == 7);
    CHECK(s.latency == 50);
    CHECK(alice.policies.count("AssumeAny") == 1);
    CHECK(alice.boundary->kind == iam::PolicyKind::Boundary);
    CHECK(alice.id.empty());
    CHECK(deploy.id.empty());
    CHECK_FALSE(prod.users.at("carol").mfa.has_value());
    CHECK(deploy.max_session_duration == 7200);
    CHECK(deploy.trust.kind == iam::PolicyKind::Trust);
    CHECK(deploy.trust.statements.size() == 3);
    CHECK(prod.groups.at("Developers").policies.count("Describe") == 1);
    CHECK(w.buckets.at("prod-data").policy->kind == iam::PolicyKind::Resource);
    CHECK(org.accounts == std::unordered_set<std::string>{"111111111111", "222222222222", "333333333333"});  // the management account is a member
    CHECK_FALSE(org.full_aws_access);
    CHECK(org.scps.at(0).policy.kind == iam::PolicyKind::Scp);
    CHECK(org.rcps.at(0).policy.kind == iam::PolicyKind::Rcp);
    CHECK(*org.full_aws_access_policy.document ==
          json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"));
    CHECK(*org.full_aws_access_rcp.document ==
          json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})"));

    const std::vector<std::pair<std::string, ActorKind>> kinds = {
        {"alice", ActorKind::User}, {"owner", ActorKind::Service}, {"partner", ActorKind::Deputy},
        {"browser", ActorKind::Anonymous}, {"corp-idp", ActorKind::Idp}};
    for (const auto& [name, kind] : kinds) CHECK(s.actors.at(name).kind == kind);
    CHECK(s.actors.at("owner").principal == "arn:aws:iam::111111111111:root");
    CHECK(s.actors.at("browser").principal.empty());
    const auto& handlers = s.actors.at("partner").handlers;
    REQUIRE(handlers.size() == 2);
    CHECK(handlers[0].on == "*");  // handlers are kept by name
    CHECK(handlers[1].on == "fetch");
    CHECK(handlers[1].actions.size() == 3);
    CHECK(handlers[1].actions[0].save == "partner-session");
    CHECK(handlers[1].actions[0].expect.kind == Expectation::Kind::Deny);

    REQUIRE(s.steps.size() == 26);
    const std::vector<SimTime> times = {5 * kSecond, 10 * kSecond, kMinute, 2 * kMinute, 2 * kMinute + kSecond,
                                        2 * kMinute + 2 * kSecond, 2 * kMinute + 3 * kSecond};
    for (std::size_t i = 0; i < times.size(); ++i) CHECK(s.steps[i].at == times[i]);
    CHECK(s.steps.back().at == 2 * kMinute + 22 * kSecond);
    CHECK(s.steps[0].spec.to == "partner");
    CHECK(s.steps[0].spec.message.at("type") == "fetch");
    CHECK(s.steps[0].spec.expect.then.size() == 1);
    CHECK(s.steps[0].spec.say.ko == "Alice가 파트너에게 보고서를 요청합니다.");
    CHECK(s.steps[1].spec.expect.fields.at("AssumedRoleUser.Arn") == "arn:aws:sts::111111111111:assumed-role/Deploy/alice");
    CHECK(s.steps[3].spec.using_ == "partner-session");  // a step may use what a handler saved
    CHECK(s.steps.back().spec.params.at("PolicyDocument") == "this is not JSON, and the service says so");  // the service's to judge

    // Identity providers (scenarios/README.md, "Identity providers").
    const auto& idps = w.identity_providers;
    REQUIRE(idps.size() == 5);
    CHECK(idps.at("lobby").protocol == aws::IdpProtocol::Direct);  // an idp actor without a directory
    const aws::IdentityProvider& sso = idps.at("sso");
    CHECK(sso.instance == "ssoins-0123456789abcdef");
    CHECK(sso.portal_account == "111111111111");
    CHECK(sso.permission_sets.at("ReadOnly").session_seconds == 7200);
    CHECK(w.accounts.at("222222222222").roles.at(sso.sso_role_name("222222222222", "ReadOnly")).path ==
          "/aws-reserved/sso.amazonaws.com/eu-west-1/");
    const aws::IdentityProvider& corp = idps.at("corp-idp");
    CHECK(corp.protocol == aws::IdpProtocol::Saml);
    CHECK(corp.issuer == "https://idp.example.com/saml");
    CHECK(corp.group_roles.at("Engineers").at(0) == "arn:aws:iam::111111111111:role/ci/Deploy,arn:aws:iam::111111111111:saml-provider/CorpIdP");
    CHECK(corp.users.at("dana").subject == "dana@example.com");
    CHECK(corp.users.at("dana").claims.at("PrincipalTag:team") == "ops");
    CHECK(prod.saml_providers.at("CorpIdP").metadata == "corp-idp");
    CHECK(idps.at("github").users.at("ci").claims.at("repository") == "org/app");
    const aws::IdentityProvider& pool = idps.at("pool");
    CHECK(pool.issuer == "https://cognito-identity.amazonaws.com");
    CHECK(pool.allow_unauthenticated);
    CHECK(pool.users.at("kim").login == "accounts.google.com");
    CHECK(pool.users.at("kim").subject.rfind("us-east-1:", 0) == 0);  // an identity id derived from the pool and the user
    CHECK(s.steps[7].spec.to == "browser");
    CHECK(s.steps[7].spec.save == "dana-saml");
}

TEST_CASE("the specimens that scenarios/README.md points to run with every expectation met") {
    for (const char* file : {"minimal.json", "everything.json"}) {
        CAPTURE(file);
        const RunResult r = run_scenario(load_scenario_file(kTests + "/valid/" + file));
        CHECK_FALSE(r.checks.empty());
        for (const auto& c : r.checks) {
            CAPTURE(c.detail);
            CHECK(c.passed);
        }
    }
}

TEST_CASE("the organization id is derived from the management account alone") {
    const std::string text = read(kTests + "/valid/everything.json");
    const std::string id = load_scenario_text(text, "a.json").world.organization->id;
    CHECK(id.size() == 12);
    CHECK(id.rfind("o-", 0) == 0);
    CHECK(id.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz", 2) == std::string::npos);
    CHECK(load_scenario_text(replace_all(text, "\"seed\": 7", "\"seed\": 8"), "b.json").world.organization->id == id);
    const std::string other = replace_all(text, "\"management\": \"111111111111\"", "\"management\": \"222222222222\"");
    CHECK(load_scenario_text(other, "c.json").world.organization->id != id);
}

TEST_CASE("templates are checked for syntax and variables in handlers, and refused in steps, where other ${...} text is data") {
    // The specimen's partner handler and its second step, with one string replaced.
    const std::string text = read(kTests + "/valid/everything.json");
    struct Case {
        const char* where;  // the string replaced
        const char* value;
        const char* fault;  // the one fault's message, "" when it loads
    };
    const char* handler = "${vars.sessions[message.env]}";
    const char* step = "arn:aws:s3:::prod-data/${aws:username}/*";
    const std::vector<Case> cases = {
        {handler, "${message.env}", ""},
        {handler, "${message.a.b.0}-${from}-${actor}", ""},
        {handler, "${vars.sessions.prod}", ""},
        {handler, "${vars.sessions[vars.bucket]}", ""},  // a lookup is resolved per message, so not checked here
        {handler, "${aws:username} and ${*}", ""},       // IAM policy variables are the policy's
        {handler, "${vars.session.prod}",
         "template '${vars.session.prod}': 'vars.session' does not exist in the \"vars\" of actor \"partner\" "
         "(it has: bucket, sessions)"},
        {handler, "${vars.sessions.dev}",
         "template '${vars.sessions.dev}': 'vars.sessions.dev' does not exist in the \"vars\" of actor \"partner\" "
         "(it has: bucket, sessions)"},
        {handler, "${msg.env}", "template '${msg.env}': unknown template root 'msg': expected message, vars, from or actor "
                                "(write \"$${\" for a \"${\" that is text)"},
        {handler, "echo $${HOME} and $${message.env}", ""},  // escaped: text
        {handler, "${message.env", "template '${message.env': a '${' is never closed with '}'"},
        {handler, "${vars.sessions[message.env}", "template '${vars.sessions[message.env}': unexpected '}'"},
        {step, "arn:aws:s3:::prod-data/${aws:userid}/${*}", ""},
        {step, "curl http://example.com/?k=${HOME}&v=${var.x", ""},  // a step's data, sent as written
        {step, "arn:aws:s3:::prod-data/${from}",
         "the template ${from} works only in an actor's handlers (\"on\"), which have a message to read; a step is "
         "sent as written"},
        {step, "${vars.bucket}",
         "the template ${vars.bucket} works only in an actor's handlers (\"on\"), which have a message to read; a step is "
         "sent as written"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.value);
        try {
            load_scenario_text(replace_all(text, c.where, c.value), "t.json");
            CHECK(std::string(c.fault).empty());
        } catch (const ScenarioError& e) {
            REQUIRE(e.faults().size() == 1);
            CHECK(e.faults()[0].message == c.fault);
        }
    }
}

TEST_CASE("hostile inputs are refused with faults, never a crash or another exception") {
    Rng rng(7);
    std::string random_bytes;
    for (int i = 0; i < 4096; ++i) random_bytes += static_cast<char>(rng.below(256));
    const std::string minimal = read(kTests + "/valid/minimal.json");
    std::string deep_template = "${vars.a";
    for (int i = 0; i < 100000; ++i) deep_template += "[vars.a";
    const std::vector<std::pair<const char*, std::string>> inputs = {
        {"random bytes", random_bytes},
        {"NUL bytes", std::string(64, '\0')},
        {"100000 nested arrays", std::string(100000, '[') + std::string(100000, ']')},
        {"an unclosed object 100000 deep", replace_all(std::string(100000, '{'), "{", "{\"a\":")},
        {"a number with 400 digits", "{\"stslab\": 1" + std::string(400, '0') + "}"},
        {"an exponent beyond double", "{\"stslab\": 1, \"seed\": 1e999}"},
        {"a seed beyond 64 bits", replace_all(minimal, "\"stslab\": 1,", "\"stslab\": 1, \"seed\": 184467440737095516160,")},
        {"an at beyond any clock", replace_all(minimal, "{ \"actor\"", "{ \"at\": \"+99999999999999999999d\", \"actor\"")},
        {"an at in seconds beyond any clock", replace_all(minimal, "{ \"actor\"", "{ \"at\": 1e300, \"actor\"")},
        {"a template nested 100000 deep in a step",
         replace_all(minimal, "\"expect\": \"allow\"", "\"resource\": \"" + deep_template + "\"")},
        {"a 1 MB key", "{\"" + std::string(1 << 20, 'k') + "\": 1}"},
        {"a 1 MB actor name in a step", replace_all(minimal, "{ \"actor\": \"alice\"", "{ \"actor\": \"" + std::string(1 << 20, 'a') + "\"")},
        {"a 1 MB user in an actor's principal", replace_all(minimal, "user/alice\" }", "user/" + std::string(1 << 20, 'a') + "\" }")},
        {"strings everywhere", R"({"stslab": "x", "accounts": "x", "actors": "x", "steps": "x", "organization": "x"})"},
        {"nulls everywhere", R"({"stslab": null, "accounts": {"111111111111": null}, "actors": {"a": null}, "steps": [null]})"},
    };
    for (const auto& [what, text] : inputs) {
        CAPTURE(what);
        try {
            load_scenario_text(text, "hostile.json");
            FAIL("a hostile input loaded");
        } catch (const ScenarioError& e) {
            CHECK_FALSE(e.faults().empty());
        }
    }
}

TEST_CASE("damaged copies of a lesson either load or are refused with faults, never anything else") {
    // Deterministic damage: a deleted character, a duplicated line, a character replaced by JSON punctuation.
    const std::string original = read(std::string(STSLAB_SOURCE_DIR) + "/scenarios/02-confused-deputy-external-id.json");
    Rng rng(2026);
    std::size_t refused = 0;
    for (int i = 0; i < 300; ++i) {
        std::string text = original;
        for (std::uint64_t k = 0, edits = 1 + rng.below(3); k < edits; ++k) {
            const std::size_t at = rng.below(text.size());
            switch (rng.below(3)) {
                case 0: text.erase(at, 1); break;
                case 1: {
                    const std::size_t start = text.rfind('\n', at) + 1;  // 0 on the first line
                    const std::size_t end = std::min(text.find('\n', at), text.size());
                    text.insert(start, text.substr(start, end - start) + "\n");
                    break;
                }
                default: text[at] = "{}[],:\"0a -"[rng.below(11)]; break;
            }
        }
        try {
            load_scenario_text(text, "damaged.json");
        } catch (const ScenarioError& e) {
            CHECK_FALSE(e.faults().empty());
            CHECK(std::string(e.what()).find("internal error") == std::string::npos);
            ++refused;
        }
    }
    CHECK(refused > 150);
}

TEST_CASE("any value of the specimen replaced by one of another type loads or is refused with positioned faults") {
    // Every position of the file in turn, each given a value of a different type: the loader must say where.
    const json specimen = json::parse(read(kTests + "/valid/everything.json"), nullptr, true, true);
    std::vector<std::string> pointers;
    const auto walk = [&](const auto& self, const json& j, const std::string& ptr) -> void {
        if (!ptr.empty()) pointers.push_back(ptr);
        if (j.is_object())
            for (auto it = j.begin(); it != j.end(); ++it) self(self, *it, ptr + "/" + replace_all(replace_all(it.key(), "~", "~0"), "/", "~1"));
        if (j.is_array())
            for (std::size_t i = 0; i < j.size(); ++i) self(self, j[i], ptr + "/" + std::to_string(i));
    };
    walk(walk, specimen, "");
    const std::vector<json> replacements = {42, -1, 1.5, "text", true, nullptr, json::array(), json::object(),
                                            json::array({1, "x"}), json{{"k", "v"}}, 1e300};
    Rng rng(11);
    std::size_t refused = 0;
    for (const auto& ptr : pointers) {
        CAPTURE(ptr);
        json changed = specimen;
        json& target = changed[json::json_pointer(ptr)];
        json replacement;
        do replacement = replacements[rng.below(replacements.size())];
        while (replacement.type() == target.type());
        target = replacement;
        try {
            load_scenario_text(changed.dump(2), "changed.json");
        } catch (const ScenarioError& e) {
            REQUIRE_FALSE(e.faults().empty());
            for (const auto& f : e.faults()) {
                CHECK(f.pos.line > 0);
                CHECK(f.message.find("internal error") == std::string::npos);
            }
            ++refused;
        }
    }
    CHECK(pointers.size() > 250);
    CHECK(refused > pointers.size() / 2);
}

TEST_CASE("expectations: deny and AccessDenied are met by each service's refusal (the format page: \"deny\" (AccessDenied))") {
    Expectation deny;
    deny.kind = Expectation::Kind::Deny;
    Expectation access_denied;
    access_denied.kind = Expectation::Kind::Error;
    access_denied.error = "AccessDenied";
    access_denied.message_contains = "service control policy";
    Expectation expired;
    expired.kind = Expectation::Kind::Error;
    expired.error = "ExpiredToken";
    const CallOutcome ec2{false, "UnauthorizedOperation", "You are not authorized to perform this operation. ... with an explicit deny in a service control policy", {}};
    const CallOutcome iam{false, "InvalidClientTokenId", "The security token included in the request is invalid", {}};
    const CallOutcome invalid{false, "ValidationError", "1 validation error detected", {}};
    CHECK(check_expectation(deny, ec2).empty());
    CHECK(check_expectation(deny, iam).empty());
    CHECK_FALSE(check_expectation(deny, invalid).empty());
    CHECK(check_expectation(access_denied, ec2).empty());
    CHECK_FALSE(check_expectation(access_denied, iam).empty());
    CHECK_FALSE(check_expectation(expired, ec2).empty());
}

TEST_CASE("expectations: a field's number or boolean is met by the same written as text, as the query API answers it") {
    Expectation e;
    e.kind = Expectation::Kind::Allow;
    const nlohmann::json response = {{"PackedPolicySize", 8}, {"Flag", true}, {"Name", "8"}};
    const CallOutcome ok{true, "", "", &response};
    const auto check = [&](const char* path, nlohmann::json want) {
        e.fields = {{path, std::move(want)}};
        return check_expectation(e, ok).empty();
    };
    CHECK(check("PackedPolicySize", 8));
    CHECK(check("PackedPolicySize", "8"));  // <PackedPolicySize>8</PackedPolicySize>
    CHECK_FALSE(check("PackedPolicySize", "08"));
    CHECK_FALSE(check("PackedPolicySize", "9"));
    CHECK(check("Flag", "true"));
    CHECK_FALSE(check("Flag", "false"));
    CHECK(check("Name", 8));  // the other way round
    CHECK_FALSE(check("Name", nullptr));
}

TEST_CASE("actors without a principal: a service or an attacker exchanges messages and holds no AWS credentials, a user must name one") {
    const std::string world = R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "alice": {} } } },
      "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" }, "billing": { "kind": "service" }KIND },
      "steps": [ { "actor": "alice", "call": "send", "to": "billing", "message": { "type": "invoice" }, "expect": "allow" },
                 { "actor": "billing", "call": "sts:GetCallerIdentity", "expect": { "error": "MissingAuthenticationToken" } } ] })";
    const RunResult r = run_scenario(load_scenario_text(replace_all(world, "KIND", ""), "service.json"));
    REQUIRE(r.checks.size() == 2);
    CHECK(r.checks[0].passed);
    CHECK(r.checks[1].passed);
    CHECK_THROWS_WITH_AS(load_scenario_text(replace_all(world, "KIND", R"(, "bob": {})"), "user.json"),
                         doctest::Contains("missing \"principal\""), ScenarioError);
    // Mallory, who only registers a role ARN with the vendor, need not be anyone in AWS (scenario-format.md: "kind"
    // changes how the actor is drawn and, for idp and broker, what it can do).
    const RunResult m = run_scenario(load_scenario_text(
        replace_all(replace_all(world, "KIND", R"(, "mallory": { "kind": "attacker" })"), R"("actor": "alice")", R"("actor": "mallory")"),
        "attacker.json"));
    REQUIRE(m.checks.size() == 2);
    CHECK(m.checks[0].passed);
}

namespace {

// Two actors whose handlers send every message they get to the next actor; the first step serves.
std::string handler_world(const std::string& extra_actor_keys, const std::string& steps) {
    return R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "alice": {} },
        "roles": { "R": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::111111111111:user/alice" }, "Action": "sts:AssumeRole" }] } } } } },
      "actors": {
        "ping": { "principal": "arn:aws:iam::111111111111:user/alice" )" + extra_actor_keys + R"( },
        "pong": { "principal": "arn:aws:iam::111111111111:user/alice",
                  "on": { "ball": [ { "call": "send", "to": "${from}", "message": { "type": "ball" } } ],
                          "session": [ { "call": "sts:AssumeRole", "save": "s-${message.who}",
                                         "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "${message.who}" } },
                                       { "call": "sts:GetCallerIdentity", "using": "s-${message.who}" } ] } } },
      "steps": [ )" + steps + " ] }";
}

}  // namespace

TEST_CASE("handlers that answer each other are cut after a bound with a failed check, the run ends") {
    const RunResult r = run_scenario(load_scenario_text(
        handler_world(R"(, "on": { "ball": [ { "call": "send", "to": "${from}", "message": { "type": "ball" } } ] })",
                      R"({ "actor": "ping", "call": "send", "to": "pong", "message": { "type": "ball" } })"),
        "loop.json"));
    REQUIRE(r.checks.size() == 1);
    CHECK_FALSE(r.checks[0].passed);
    CHECK(r.checks[0].detail.find("actors whose handlers answer each other would never stop") != std::string::npos);
    // Named by the step that began it and its last hop, not by every hop between (a line of 6 KB).
    CHECK(r.checks[0].step == "step-1>...(1000 hops)...>ping#1");
}

// The expectation is no part of the action: one whose template names nothing in the message fails its check, and the
// action is made all the same, and the handler's next one after it (the story does not change).
TEST_CASE("a handler action whose expectation's template does not resolve is still made, and its check fails saying why") {
    const RunResult r = run_scenario(load_scenario_text(R"({ "stslab": 1,
      "accounts": { "111111111111": { "users": { "alice": {}, "bob": {} } } },
      "actors": { "ping": { "principal": "arn:aws:iam::111111111111:user/alice" },
                  "pong": { "principal": "arn:aws:iam::111111111111:user/bob",
                            "on": { "hi": [ { "call": "sts:GetCallerIdentity", "expect": { "fields": { "Arn": "${message.nope}" } } },
                                            { "call": "sts:GetCallerIdentity", "expect": "allow" } ] } } },
      "steps": [ { "actor": "ping", "call": "send", "to": "pong", "message": { "type": "hi" } } ] })",
                                                        "unresolved.json"));
    REQUIRE(r.checks.size() == 2);
    CHECK_FALSE(r.checks[0].passed);
    CHECK(r.checks[0].detail.find("but a template of the expectation did not resolve: template '${message.nope}'") != std::string::npos);
    CHECK(r.checks[1].passed);
    CHECK(r.cloudtrail.size() == 2);
}

// Found by fuzzing: a handler sending back two copies of the message it handles doubled it every hop, and the run
// filled memory long before the handler bound; one copy made it a level deeper every hop (147 MB of trace); a text
// copied twice into one doubled the text (found by fuzzing again: 2^1000 bytes were asked for).
TEST_CASE("a handler that copies its message into the one it sends is stopped once the message outgrows a bound") {
    for (const char* copies : {R"("x": "${message}", "y": "${message}")", R"("x": "${message}")",
                               R"("s": "${message.s}${message.s}")"}) {
        CAPTURE(copies);
        const RunResult r = run_scenario(load_scenario_text(
            std::string(R"({ "stslab": 1, "actors": { "a": { "kind": "anonymous", "on": { "ball": [
                  { "call": "send", "to": "${actor}", "message": { "type": "ball", )") + copies + R"( } } ] } } },
              "steps": [ { "actor": "a", "call": "send", "to": "a", "message": { "type": "ball", "s": "ab" } } ] })",
            "grow.json"));
        bool said = false;
        for (std::size_t i = 0; i < r.trace->size(); ++i)
            if ((*r.trace)[i].kind == TraceKind::Narration)
                said |= r.trace->data(i).value("en", "").find("TemplateError: \"message\" grew past 10000 values, 64 levels "
                                                               "or 1048576 bytes of text") != std::string::npos;
        CHECK(said);
        CHECK(r.trace->size() < 2000);  // the run ended long before the handler bound's thousand hops
    }
}

// Found by fuzzing: a token valid for 106,751,991,166 days ended past the int64 range of milliseconds.
TEST_CASE("an identity provider's token that would expire after the year 9999 is refused as a ValidationError") {
    // 18446744073709551615, past the signed 64-bit numbers, was read as -1 second (fuzzing again).
    for (const char* valid_for : {R"("ValidFor": "106751991166d")", R"("ValidFor": 9223372036854775)",
                                  R"("ValidFor": 18446744073709551615)", R"("SessionNotOnOrAfter": "2999999d")"}) {
        CAPTURE(valid_for);
        const RunResult r = run_scenario(load_scenario_text(
            std::string(R"({ "stslab": 1, "actors": { "corp-idp": { "kind": "idp", "idp": { "protocol": "saml",
                  "issuer": "https://idp.example.com/saml", "users": { "alice": {} } } } },
              "steps": [ { "actor": "corp-idp", "call": "idp:Authenticate", "params": { "User": "alice", )") + valid_for +
                R"( }, "expect": { "error": "ValidationError", "message_contains": "after the year 9999" } } ] })",
            "forever.json"));
        REQUIRE(r.checks.size() == 1);
        CHECK(r.checks[0].passed);
    }
}

TEST_CASE("a then that no handler can meet fails, saying why, a handler's save may use templates") {
    const RunResult r = run_scenario(load_scenario_text(handler_world("",
        R"({ "id": "typo", "actor": "ping", "call": "send", "to": "pong", "message": { "type": "bal" }, "expect": { "then": ["allow"] } },
           { "id": "two", "actor": "ping", "call": "send", "to": "pong", "message": { "type": "session", "who": "ann" },
             "expect": { "then": ["allow", { "fields": { "Arn": "arn:aws:sts::111111111111:assumed-role/R/ann" } }] } })"),
        "then.json"));
    REQUIRE(r.checks.size() == 3);  // one per `then` entry: the typo's one, and the session chain's two
    CHECK_FALSE(r.checks[0].passed);  // the first send's then
    bool no_handler = false;
    for (const auto& c : r.checks) no_handler |= c.detail.find("pong has no handler for a message of type 'bal'") != std::string::npos;
    CHECK(no_handler);
    std::size_t passed = 0;
    for (const auto& c : r.checks) passed += c.passed ? 1 : 0;
    CHECK(passed == 2);
}

// No handler action fails unseen: one with no expectation that could not run (a template that did not resolve,
// no saved credentials, no such actor) says so in the narration, and so does a message of a type its receiver,
// which handles others, has no handler for (most likely a typo).
TEST_CASE("a handler action that fails before any service sees it, or a message no handler takes, is reported in the replay") {
    const RunResult r = run_scenario(load_scenario_text(handler_world("",
        R"({ "id": "no-who", "actor": "ping", "call": "send", "to": "pong", "message": { "type": "session" } },
           { "id": "typo", "actor": "ping", "call": "send", "to": "pong", "message": { "type": "sesion" } },
           { "id": "no-type", "actor": "ping", "call": "send", "to": "pong", "message": "just text" })"),
        "unseen.json"));
    CHECK(r.checks.empty());  // nothing was expected, so nothing is counted
    std::vector<std::string> narrated;
    for (std::size_t i = 0; i < r.trace->size(); ++i)
        if ((*r.trace)[i].kind == TraceKind::Narration) narrated.push_back(r.trace->data(i)["summary"].get<std::string>());
    REQUIRE(narrated.size() == 3);
    CHECK(narrated[0].find("pong's action no-who>pong#1 (sts:AssumeRole) did not run: TemplateError: ") == 0);
    CHECK(narrated[0].find("who") != std::string::npos);
    CHECK(narrated[1] == "pong has no handler for a message of type 'sesion' (did you mean 'session'?): the message is left unanswered");
    CHECK(narrated[2].find("pong has no handler for a message with no \"type\"") == 0);
}

TEST_CASE("a handler action's expect may use templates: fields and message_contains are filled in from the message") {
    const RunResult r = run_scenario(load_scenario_text(handler_world(
        R"(, "on": { "who": [ { "call": "sts:AssumeRole", "save": "as-${message.who}",
              "params": { "RoleArn": "arn:aws:iam::111111111111:role/R", "RoleSessionName": "${message.who}" },
              "expect": { "fields": { "AssumedRoleUser.Arn": "arn:aws:sts::111111111111:assumed-role/R/${message.who}" } } },
            { "call": "sts:AssumeRole", "params": { "RoleArn": "arn:aws:iam::111111111111:role/Nope", "RoleSessionName": "xy" },
              "expect": { "error": "AccessDenied", "message_contains": "${actor} handles ${from}" } } ] })",
        R"({ "actor": "pong", "call": "send", "to": "ping", "message": { "type": "who", "who": "ann" } })"),
        "expect-templates.json"));
    REQUIRE(r.checks.size() == 2);
    CHECK(r.checks[0].passed);
    CHECK_FALSE(r.checks[1].passed);  // AWS's message does not say "ping handles pong": the template was filled in
    CHECK(r.checks[1].detail.find("ping handles pong") != std::string::npos);
}

TEST_CASE("a step may use credentials a handler saves under a template (\"s-${message.who}\" saves \"s-ann\")") {
    const RunResult r = run_scenario(load_scenario_text(handler_world("",
        R"({ "actor": "ping", "call": "send", "to": "pong", "message": { "type": "session", "who": "ann" } },
           { "at": "+5s", "actor": "ping", "call": "sts:GetCallerIdentity", "using": "s-ann",
             "expect": { "fields": { "Arn": "arn:aws:sts::111111111111:assumed-role/R/ann" } } })"),
        "templated-save.json"));
    REQUIRE(r.checks.size() == 1);
    CHECK(r.checks[0].passed);
    // A name no save can make is still a fault of the file.
    CHECK_THROWS_WITH_AS(load_scenario_text(handler_world("",
                             R"({ "actor": "ping", "call": "sts:GetCallerIdentity", "using": "t-ann" })"), "t.json"),
                         doctest::Contains("no earlier step saves credentials as \"t-ann\""), ScenarioError);
}

TEST_CASE("a handler's using that names no credentials fails the action, never falling back to the actor's own keys") {
    const RunResult r = run_scenario(load_scenario_text(handler_world(
        R"(, "on": { "use": [ { "call": "sts:GetCallerIdentity", "using": "${message.u}", "expect": "allow" } ] })",
        R"({ "actor": "pong", "call": "send", "to": "ping", "message": { "type": "use", "u": "" } })"),
        "empty-using.json"));
    REQUIRE(r.checks.size() == 1);
    CHECK_FALSE(r.checks[0].passed);
    CHECK(r.checks[0].detail.find("MissingCredentials") != std::string::npos);
}

// The format names steps by "id" without asking ids to differ (scenario-format.md, Steps): a file that numbers its
// steps by hand, or uses one id twice, runs unchanged, each step told apart in `check` and `run` output.
TEST_CASE("step ids need not differ: a repeated id is told apart by its occurrence, an unnamed step never takes an author's id") {
    const auto ids_of = [](const std::string& steps) {
        const Scenario s = load_scenario_text(R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "alice": {} } } },
            "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" } }, "steps": [)" + steps + "] }", "t.json");
        std::vector<std::string> ids;
        for (const Step& step : s.steps) ids.push_back(step.id);
        return ids;
    };
    const std::string whoami = R"({ "id": "whoami", "actor": "alice", "call": "sts:GetCallerIdentity" })";
    const std::string unnamed = R"({ "actor": "alice", "call": "sts:GetCallerIdentity" })";
    CHECK(ids_of(whoami + "," + whoami + "," + whoami) == std::vector<std::string>{"whoami", "whoami (2)", "whoami (3)"});
    CHECK(ids_of(unnamed + "," + replace_all(whoami, "whoami", "step-1")) == std::vector<std::string>{"step-1 (unnamed)", "step-1"});
    CHECK(ids_of(replace_all(whoami, "whoami", "step-2") + "," + unnamed) == std::vector<std::string>{"step-2", "step-2 (unnamed)"});
    CHECK(ids_of(unnamed + "," + unnamed) == std::vector<std::string>{"step-1", "step-2"});
}

// IAM's CreateOpenIDConnectProvider takes the issuer's URL, and the provider's ARN names its host and path: a file
// may key the provider either way (a trailing slash, which IAM keeps, names another provider).
TEST_CASE("an OIDC provider keyed by its https:// URL is the provider of its host, and a key naming another scheme is a fault") {
    const auto world = [](const std::string& key) {
        return R"({ "stslab": 1, "accounts": { "111111111111": { "oidc_providers": { ")" + key + R"(": { "client_ids": ["app1"] } },
            "roles": { "Web": { "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
              "Principal": { "Federated": "arn:aws:iam::111111111111:oidc-provider/oidc.example.com" },
              "Action": "sts:AssumeRoleWithWebIdentity" }] } } } } } })";
    };
    for (const char* key : {"oidc.example.com", "https://oidc.example.com"}) {
        CAPTURE(key);
        const Scenario s = load_scenario_text(world(key), "t.json");
        const auto& providers = s.world.accounts.at("111111111111").oidc_providers;
        REQUIRE(providers.count("oidc.example.com") == 1);
        CHECK(providers.at("oidc.example.com").arn == "arn:aws:iam::111111111111:oidc-provider/oidc.example.com");
    }
    // IAM keeps a trailing slash: "https://oidc.example.com/" is another provider, which this trust does not name.
    CHECK(faults_of(world("https://oidc.example.com/")).find("oidc-provider/oidc.example.com") != std::string::npos);
    CHECK(faults_of(world("http://oidc.example.com")).find("at accounts/111111111111/oidc_providers/http:~1~1oidc.example.com: an OIDC "
                                                           "provider is named by its issuer's host") != std::string::npos);
}

// From a third-party audit: a policy pasted as the CLI shows it, JSON text in a string, was refused in the world while
// params took it. Both forms are a policy, as AWS's API takes them.
TEST_CASE("a policy in the world may be its JSON text, and a fault in the text is placed at the string") {
    const std::string bucket_policy = R"("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:user/PRINCIPAL\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}")";
    const auto world = [&](const std::string& principal) {
        std::string policy = bucket_policy;
        policy.replace(policy.find("PRINCIPAL"), 9, principal);
        return R"({ "stslab": 1, "accounts": { "111111111111": {
            "users": { "alice": { "policies": { "none": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}" } } },
            "buckets": { "b": { "objects": { "k": "v" },
            "policy": )" + policy + R"( } } } },
          "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" } },
          "steps": [ { "actor": "alice", "call": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "expect": "allow" } ] })";
    };
    const RunResult r = run_scenario(load_scenario_text(world("alice"), "text.json"));
    REQUIRE(r.checks.size() == 1);
    CHECK(r.checks[0].passed);
    try {
        load_scenario_text(world("bob"), "text.json");
        FAIL("loaded");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("text.json:4:13: at accounts/111111111111/buckets/b/policy/Statement/0/Principal/AWS: "
                                         "there is no user arn:aws:iam::111111111111:user/bob in this scenario") != std::string::npos);
    }
}

// From a fuzzing audit: "AssumedRoleUser.ARN" found nothing, and the failure did not say that the member is "Arn".
TEST_CASE("a fields path that finds nothing names the member it lacks and the one it may have meant") {
    Expectation allow;
    allow.kind = Expectation::Kind::Allow;
    const nlohmann::json response = nlohmann::json::parse(
        R"({"AssumedRoleUser": {"Arn": "arn:aws:sts::1:assumed-role/R/s", "AssumedRoleId": "AROA:s"}, "PackedPolicySize": 6})");
    const CallOutcome ok{true, "", "", &response};
    allow.fields = {{"AssumedRoleUser.ARN", "x"}};
    CHECK(check_expectation(allow, ok) ==
          R"(expected AssumedRoleUser.ARN = "x", got nothing (AssumedRoleUser has no member "ARN": did you mean "Arn"?))");
    allow.fields = {{"Credentials.AccessKeyId", "x"}};
    CHECK(check_expectation(allow, ok) ==
          R"(expected Credentials.AccessKeyId = "x", got nothing (the answer has no member "Credentials"; it has AssumedRoleUser, PackedPolicySize))");
    allow.fields = {{"AssumedRoleUser.Arn", "arn:aws:sts::1:assumed-role/R/s"}};
    CHECK(check_expectation(allow, ok).empty());
    // An empty answer (DeleteObject's) says it has none, not an empty list.
    const nlohmann::json empty = nlohmann::json::object();
    allow.fields = {{"Nope", "x"}};
    CHECK(check_expectation(allow, CallOutcome{true, "", "", &empty}) ==
          R"(expected Nope = "x", got nothing (the answer has no member "Nope"; it has none))");
}

// The course is taught in Korean: what a check expected and why it failed are written in Korean too (the sandbox's
// words; AWS's error codes and messages stay as AWS writes them).
TEST_CASE("a check's expectation and failure are told in Korean beside English, AWS's words kept as they are") {
    Expectation allow;
    allow.kind = Expectation::Kind::Allow;
    Expectation error;
    error.kind = Expectation::Kind::Error;
    error.error = "AccessDenied";
    error.message_contains = "ExternalId";
    const CallOutcome denied{false, "AccessDenied", "User: arn:aws:iam::1:user/a is not authorized", nullptr};
    CHECK(describe(allow, true) == "허용");
    CHECK(describe(error, true) == "오류 AccessDenied");
    CHECK(check_expectation(allow, denied) == "expected allow, got AccessDenied: User: arn:aws:iam::1:user/a is not authorized");
    CHECK(check_expectation(allow, denied, true) == "허용을 예상했으나 결과는 AccessDenied: User: arn:aws:iam::1:user/a is not authorized");
    CHECK(check_expectation(error, denied, true) == "\"ExternalId\"를 포함하는 메시지를 예상했으나 결과는 AccessDenied: User: arn:aws:iam::1:user/a is not authorized");
    CHECK(check_expectation(error, CallOutcome{true, "", "", nullptr}, true) == "오류 AccessDenied을(를) 예상했으나 결과는 성공");
    Expectation deny;  // the particle follows the word: 를 after a vowel, 을(를) after a code either may follow
    deny.kind = Expectation::Kind::Deny;
    CHECK(check_expectation(deny, CallOutcome{true, "", "", nullptr}, true) == "거부를 예상했으나 결과는 성공");
    // Both are in the trace's check events, which `run --lang ko` and the viewer read.
    const RunResult r = run_scenario(load_scenario_text(R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "alice": {} } } },
        "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" } },
        "steps": [ { "id": "s3", "actor": "alice", "call": "s3:ListBucket", "resource": "arn:aws:s3:::nope", "expect": "allow" } ] })", "t.json"));
    REQUIRE(r.checks.size() == 1);
    CHECK_FALSE(r.checks[0].passed);
    CHECK(r.checks[0].expected_ko == "허용");
    CHECK(r.checks[0].detail_ko.rfind("허용을 예상했으나 결과는 ", 0) == 0);
}

// JSON has one kind of number: 3600.0 and 3.6e3 are the whole number 3600 (RFC 8259, section 6), so a file that
// writes its version, seed or a role's maximum session that way loads as written with integers.
TEST_CASE("whole numbers load however JSON writes them: 1.0, 1000.0, 3.6e3") {
    const Scenario s = load_scenario_text(R"({ "stslab": 1.0, "seed": 1000.0, "accounts": { "111111111111": { "roles": { "R": {
        "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": "sts:AssumeRole" }] },
        "max_session_duration": 3.6e3 } } } } })", "t.json");
    CHECK(s.seed == 1000);
    CHECK(s.world.accounts.at("111111111111").roles.at("R").max_session_duration == 3600);
    CHECK(faults_of(R"({ "stslab": 1, "seed": 18446744073709551616 })").find("at seed: the seed is a whole number from 0 to 18446744073709551615") !=
          std::string::npos);
}

// Found by the reactive-actor audit: a handler with no actions handles its message by doing nothing (it was reported
// as missing, with itself as the "did you mean"); a "then" waiting on a handler past the run's bound of handler starts
// fails, where it used to vanish; and a step's own expect is compared as written, so a template there is a fault, as
// anywhere else in a step (a send's "then" keeps the receiver's templates).
TEST_CASE("a handler with no actions does nothing, a then cut off by the handler bound fails, a step's expect takes no templates") {
    const std::string quiet_text = R"({ "stslab": 1,
        "actors": { "a": { "kind": "attacker", "on": { "ping": [] } }, "s": { "kind": "attacker" } },
        "steps": [ { "actor": "s", "call": "send", "to": "a", "message": { "type": "ping" } } THEN ] })";
    std::string text = quiet_text;
    text.replace(text.find("THEN"), 4, "");
    const RunResult quiet = run_scenario(load_scenario_text(text, "quiet.json"));
    CHECK(quiet.checks.empty());
    for (std::size_t i = 0; i < quiet.trace->size(); ++i) CHECK((*quiet.trace)[i].kind != TraceKind::Narration);
    // A "then" entry for an action the handler does not have is a fault of the file.
    text = quiet_text;
    text.replace(text.find("THEN"), 4, R"(, { "id": "t", "actor": "s", "call": "send", "to": "a", "message": { "type": "ping" },
                                             "expect": { "then": ["allow"] } })");
    CHECK_THROWS_WITH(load_scenario_text(text, "quiet.json"),
                      doctest::Contains("at steps/1/expect/then/0: \"then\" checks 1 action, but a's handler for 'ping' has 0 actions"));

    const RunResult cut = run_scenario(load_scenario_text(R"({ "stslab": 1, "actors": {
        "a": { "kind": "attacker", "on": { "ping": [ { "call": "send", "to": "b", "message": { "type": "pong" } } ] } },
        "b": { "kind": "attacker", "on": { "pong": [ { "call": "send", "to": "a", "message": { "type": "ping" } } ] } },
        "c": { "kind": "attacker", "on": { "x": [ { "call": "send", "to": "s", "message": { "type": "y" } } ] } },
        "s": { "kind": "attacker" } },
      "steps": [ { "id": "loop", "actor": "s", "call": "send", "to": "a", "message": { "type": "ping" } },
        { "id": "later", "at": "+1h", "actor": "s", "call": "send", "to": "c", "message": { "type": "x" }, "expect": { "then": [ "allow" ] } } ] })",
        "cut.json"));
    REQUIRE(cut.checks.size() == 2);
    CHECK(cut.checks[0].detail.find("handlers started 1000 times") == 0);
    CHECK(cut.checks[1].step == "later>c#1");
    CHECK(cut.checks[1].detail == "expected allow, but that action never ran: no handler starts after the run's first 1000");

    CHECK_THROWS_WITH(load_scenario_text(R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "u": {} } } },
        "actors": { "u": { "principal": "arn:aws:iam::111111111111:user/u" } },
        "steps": [ { "actor": "u", "call": "sts:GetCallerIdentity", "expect": { "fields": { "Arn": "arn:aws:iam::111111111111:user/${actor}" } } } ] })",
                                         "step.json"),
                      doctest::Contains("at steps/0/expect/fields/Arn: the template ${actor} works only in an actor's handlers"));
}

// Found by fuzzing: the loader's work on a hostile file grew with the square of its size. Each "did you mean" measures
// the name against every candidate: hints stop after a file's first 100 faults (Checker::kHintedFaults).
TEST_CASE("a file of thousands of faults gets spelling hints for its first hundred only") {
    std::string steps;
    for (int i = 0; i < 120; ++i)
        steps += std::string(i ? "," : "") + R"({ "actor": "a", "call": "sts:GetCallerIdentity", "using": "sesion)" +
                 std::to_string(i) + R"(" })";
    const std::string text = R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "a": {} } } },
        "actors": { "a": { "principal": "arn:aws:iam::111111111111:user/a" } }, "steps": [
        { "actor": "a", "call": "sts:GetCallerIdentity", "save": "session5" }, )" + steps + "] }";
    const std::string faults = faults_of(text);
    CHECK(faults.find(R"(at steps/6/using: no earlier step saves credentials as "sesion5" (did you mean "session5"?))") !=
          std::string::npos);
    CHECK(faults.find(R"(at steps/101/using: no earlier step saves credentials as "sesion100")" "\n") != std::string::npos);
}

// A template in a step's text, thousands of "${" long, is named by its first 120 bytes (the whole of it was pasted into
// the fault), and is found in time linear in the text.
TEST_CASE("a step's handler template is named cut short, however long it runs") {
    std::string say;
    for (int i = 0; i < 2000; ++i) say += "${from.";
    const std::string faults = faults_of(R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "a": {} } } },
        "actors": { "a": { "principal": "arn:aws:iam::111111111111:user/a" } },
        "steps": [ { "actor": "a", "call": "sts:GetCallerIdentity", "say": ")" + say + R"(" } ] })");
    CHECK(faults.find("the template " + say.substr(0, 120) + "... works only in an actor's handlers") != std::string::npos);
    CHECK(faults.size() < 1000);
}

// A start whose zone moves it out of four-digit years in UTC could not be written back ("-001-12-31T10:00:01Z").
TEST_CASE("a start that its zone puts before the year 0 or after 9999 is a fault") {
    for (const char* start : {"0000-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"}) {
        CAPTURE(start);
        const std::string faults = faults_of(std::string(R"({ "stslab": 1, "start": ")") + start + R"(" })");
        CHECK(faults.find(std::string("at start: invalid time '") + start + "': in UTC it falls") != std::string::npos);
    }
    CHECK(faults_of(R"({ "stslab": 1, "start": "0000-01-01T00:00:00-01:00" })").empty());
}
