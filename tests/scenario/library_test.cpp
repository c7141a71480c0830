// The scenario library: every lesson in scenarios/ loads, every expectation in it holds, and its whole run is
// pinned by a trace fingerprint, so any change to what a lesson shows is noticed (architecture.md, Tests).
#include "scenario/loader.hpp"
#include "scenario/runner.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>

using namespace stslab;

namespace {

const std::map<std::string, std::string> kFingerprints = {
    {"01-confused-deputy.json", "0163ec7c26d424cc"},
    {"02-confused-deputy-external-id.json", "4a255bfb44dce02b"},
    {"03-cross-account-s3.json", "6904412c7ed9974c"},
    {"04-mfa-protected-role.json", "922b0b2904b84256"},
    {"05-role-chaining.json", "39d0f3974e3102d1"},
    {"06-revoke-sessions.json", "98231d474d426dd6"},
    {"07-time-condition.json", "90a60487ac8d7208"},
    {"08-session-token-mfa.json", "8f51dd377cebae52"},
    {"09-federation-proxy.json", "9ebad797dd52a212"},
    {"10-scp-guardrail.json", "2719ddd0d8ab90fb"},
    {"11-permissions-boundary.json", "d5f425e464a1f031"},
    {"12-session-policy.json", "e6cef75ad4ff8065"},
    {"13-credentials-expire.json", "d37dabd2f190e441"},
    {"14-saml-federation.json", "07193d99e386b3f2"},
    {"15-cognito-mobile-app.json", "fc22aed9ebc58cd5"},
    {"16-oidc-web-app.json", "0dd70fbd2e40922b"},
    {"17-identity-broker-console.json", "42ce96d77cc03c30"},
    {"18-identity-center.json", "d27a320e4d0e634c"},
    {"19-abac-tags.json", "747b1a94a8e48832"},
    {"20-privilege-escalation.json", "986a2e9c35e51c09"},
    {"21-iam-escalation-and-stolen-keys.json", "7680c8894ce00134"},
};

std::set<std::string> library_files() {
    std::set<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(STSLAB_SOURCE_DIR) + "/scenarios"))
        if (entry.path().extension() == ".json") files.insert(entry.path().filename().string());
    return files;
}

}  // namespace

TEST_CASE("every lesson of the library is pinned here, and every pinned lesson exists") {
    std::set<std::string> pinned;
    for (const auto& [file, fp] : kFingerprints) pinned.insert(file);
    CHECK(library_files() == pinned);
}

TEST_CASE("every lesson runs with all its expectations met and the same trace as pinned") {
    for (const std::string& file : library_files()) {
        CAPTURE(file);
        const RunResult r = run_scenario(load_scenario_file(std::string(STSLAB_SOURCE_DIR) + "/scenarios/" + file));
        CHECK(r.checks.size() >= 3);
        for (const auto& c : r.checks) {
            CAPTURE(c.step);
            CAPTURE(c.detail);
            CHECK(c.passed);
        }
        const auto pin = kFingerprints.find(file);
        REQUIRE(pin != kFingerprints.end());
        CHECK(fingerprint_hex(*r.trace) == pin->second);
    }
}

TEST_CASE("running a lesson twice gives a byte-identical trace") {
    const std::string file = std::string(STSLAB_SOURCE_DIR) + "/scenarios/02-confused-deputy-external-id.json";
    const RunResult a = run_scenario(load_scenario_file(file));
    const RunResult b = run_scenario(load_scenario_file(file));
    std::ostringstream ta, tb;
    write_jsonl(*a.trace, ta);
    write_jsonl(*b.trace, tb);
    CHECK(ta.str() == tb.str());
    CHECK(!ta.str().empty());
}
