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
    {"01-confused-deputy.json", "768835e9bafb9dfe"},
    {"02-confused-deputy-external-id.json", "942ed8f676400a88"},
    {"03-cross-account-s3.json", "eba65c70e1000bfc"},
    {"04-mfa-protected-role.json", "86b7be785be537ba"},
    {"05-role-chaining.json", "e4cb8b03072ebb89"},
    {"06-revoke-sessions.json", "172a19ad28756a12"},
    {"07-time-condition.json", "a513f9eb81fdbd32"},
    {"08-session-token-mfa.json", "b5cccf185d95b381"},
    {"09-federation-proxy.json", "3d2091110085c320"},
    {"10-scp-guardrail.json", "084cf4cafb22c054"},
    {"11-permissions-boundary.json", "4f9ea48c4d8dad5c"},
    {"12-session-policy.json", "8b2717f3ec3e27ab"},
    {"13-credentials-expire.json", "29d3434c1f6b4a64"},
    {"14-saml-federation.json", "c924367d3b6b3a06"},
    {"15-cognito-mobile-app.json", "e47ce72f759d376f"},
    {"16-oidc-web-app.json", "658f908e42ce3a22"},
    {"17-identity-broker-console.json", "a2ebca2e842ed1d7"},
    {"18-identity-center.json", "4ce8589269635d1d"},
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
