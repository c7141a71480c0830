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
    {"01-confused-deputy.json", "65c853f1ed9d59fa"},
    {"02-confused-deputy-external-id.json", "fa395d01df6a0185"},
    {"03-cross-account-s3.json", "4f638283f9595898"},
    {"04-mfa-protected-role.json", "425b74dbc5531a1b"},
    {"05-role-chaining.json", "71ea5a5edbe97f25"},
    {"06-revoke-sessions.json", "c1c65379ff4b7cfd"},
    {"07-time-condition.json", "7b61958f17d3a60e"},
    {"08-session-token-mfa.json", "e2751fa2646a5fba"},
    {"09-federation-proxy.json", "5b213483faa46598"},
    {"10-scp-guardrail.json", "62ee590a746f42b2"},
    {"11-permissions-boundary.json", "faa3b5614b5835da"},
    {"12-session-policy.json", "c0af77ee2c103d42"},
    {"13-credentials-expire.json", "4a0f2f678f4b4aad"},
    {"14-saml-federation.json", "5c049ac830b1c904"},
    {"15-cognito-mobile-app.json", "12568864fa7d2556"},
    {"16-oidc-web-app.json", "d9323e489f24efb4"},
    {"17-identity-broker-console.json", "c5d276c30534eea3"},
    {"18-identity-center.json", "18a3fb5245033b47"},
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
