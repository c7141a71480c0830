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
    {"01-confused-deputy.json", "19334bc58da5efca"},
    {"02-confused-deputy-external-id.json", "fa812f3719eea0b9"},
    {"03-cross-account-s3.json", "e32fa80e945a3102"},
    {"04-mfa-protected-role.json", "87e298e075fb8977"},
    {"05-role-chaining.json", "1f323f33e60f868b"},
    {"06-revoke-sessions.json", "9463e1dd5b6af5f1"},
    {"07-time-condition.json", "50256d8f08dfe8bc"},
    {"08-session-token-mfa.json", "d4cb3511a5f39ff2"},
    {"09-federation-proxy.json", "c34efeb6960517ac"},
    {"10-scp-guardrail.json", "d619a9410cad129e"},
    {"11-permissions-boundary.json", "faa3b5614b5835da"},
    {"12-session-policy.json", "7c96e00a32c74818"},
    {"13-credentials-expire.json", "3c7d4ed628ca8db3"},
    {"14-saml-federation.json", "2edc242504c3573e"},
    {"15-cognito-mobile-app.json", "32cf452f2e8fcaf6"},
    {"16-oidc-web-app.json", "cddbdda2635da3b4"},
    {"17-identity-broker-console.json", "cd587358a0f08b1d"},
    {"18-identity-center.json", "f347342f21bcd8f5"},
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
