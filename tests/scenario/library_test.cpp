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
    {"01-confused-deputy.json", "dd75fd38ed5f39fa"},
    {"02-confused-deputy-external-id.json", "9b95f92a1c38decf"},
    {"03-cross-account-s3.json", "da5a0b46a888ebf1"},
    {"04-mfa-protected-role.json", "3da0b37c247f8e8b"},
    {"05-role-chaining.json", "1fa1955f1bc2e9c9"},
    {"06-revoke-sessions.json", "a8a9d6f185c224ab"},
    {"07-time-condition.json", "9aeaadf3e71af166"},
    {"08-session-token-mfa.json", "46516dfe1263b7f0"},
    {"09-federation-proxy.json", "e423175b292d2a34"},
    {"10-scp-guardrail.json", "a04cf122b3f933de"},
    {"11-permissions-boundary.json", "161c812ae1b08522"},
    {"12-session-policy.json", "8078766654b0c315"},
    {"13-credentials-expire.json", "c2ee07a2211cc021"},
    {"14-saml-federation.json", "05573adfb36d771b"},
    {"15-cognito-mobile-app.json", "e251b32abec152da"},
    {"16-oidc-web-app.json", "a7e8e1cf3a989c30"},
    {"17-identity-broker-console.json", "16ec9cf13943a115"},
    {"18-identity-center.json", "dc45bf0ed2f32650"},
    {"19-abac-tags.json", "da2d850275135613"},
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
