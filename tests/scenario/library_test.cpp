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
    {"01-confused-deputy.json", "60a84ebd0f1ce08c"},
    {"02-confused-deputy-external-id.json", "39931a9e86971693"},
    {"03-cross-account-s3.json", "597f5dad876be279"},
    {"04-mfa-protected-role.json", "87e298e075fb8977"},
    {"05-role-chaining.json", "b196294dace2a665"},
    {"06-revoke-sessions.json", "3a5e9a34d297c6b8"},
    {"07-time-condition.json", "bfa2412f3d315b1a"},
    {"08-session-token-mfa.json", "d4cb3511a5f39ff2"},
    {"09-federation-proxy.json", "23961030004e62a9"},
    {"10-scp-guardrail.json", "d619a9410cad129e"},
    {"11-permissions-boundary.json", "e7972a365c20efe4"},
    {"12-session-policy.json", "6f281a9c8ec99f29"},
    {"13-credentials-expire.json", "cb13bb9cb2c669da"},
    {"14-saml-federation.json", "850c6bcf717d2385"},
    {"15-cognito-mobile-app.json", "361deb45bfb6d90c"},
    {"16-oidc-web-app.json", "b711b7fff74f9ffc"},
    {"17-identity-broker-console.json", "5d718b291d736ea8"},
    {"18-identity-center.json", "9b9d115f85847669"},
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
