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
    {"01-confused-deputy.json", "fa791e504746d4c2"},
    {"02-confused-deputy-external-id.json", "c78612c0e8b3e3d0"},
    {"03-cross-account-s3.json", "b582b28751e27580"},
    {"04-mfa-protected-role.json", "f94a98be49d906bd"},
    {"05-role-chaining.json", "143a589792e27aed"},
    {"06-revoke-sessions.json", "b152270538d87684"},
    {"07-time-condition.json", "cb49d28b3d7c0db7"},
    {"08-session-token-mfa.json", "55cfb22e7a9d9d4d"},
    {"09-federation-proxy.json", "d27072cf85422ad2"},
    {"10-scp-guardrail.json", "49ca8d2125aabc36"},
    {"11-permissions-boundary.json", "03ab0f5806fec65c"},
    {"12-session-policy.json", "3804794d302cb2bb"},
    {"13-credentials-expire.json", "11c28180eb9e2704"},
    {"14-saml-federation.json", "134e2c8a0c40c473"},
    {"15-cognito-mobile-app.json", "85bf32b5ffd09e97"},
    {"16-oidc-web-app.json", "65979815a92a2029"},
    {"17-identity-broker-console.json", "5ddf4b1ebdd5f850"},
    {"18-identity-center.json", "4824d1889b9b5aa9"},
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
