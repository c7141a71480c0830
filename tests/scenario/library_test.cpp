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
    {"01-confused-deputy.json", "34f5ce48dd4e3b1a"},
    {"02-confused-deputy-external-id.json", "2b59b7a8608480af"},
    {"03-cross-account-s3.json", "7091a8583e98d8b4"},
    {"04-mfa-protected-role.json", "86a7840225b9d1fb"},
    {"05-role-chaining.json", "151de0ac152d27b9"},
    {"06-revoke-sessions.json", "778c46a684371019"},
    {"07-time-condition.json", "56dd24c9599107ee"},
    {"08-session-token-mfa.json", "7a2e5213e3adf4d6"},
    {"09-federation-proxy.json", "f1b31a2ee2e31494"},
    {"10-scp-guardrail.json", "62ee590a746f42b2"},
    {"11-permissions-boundary.json", "faa3b5614b5835da"},
    {"12-session-policy.json", "ea3384850538513e"},
    {"13-credentials-expire.json", "6912cd124f342389"},
    {"14-saml-federation.json", "c86bca0191df31a0"},
    {"15-cognito-mobile-app.json", "fcd77e1eb9ff47b6"},
    {"16-oidc-web-app.json", "243ab03e42d02e0c"},
    {"17-identity-broker-console.json", "6adcfb128e37cbd5"},
    {"18-identity-center.json", "3116f7ba75c2724b"},
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
