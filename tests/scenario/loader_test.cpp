// The loader: valid files load whole; every malformed file is refused with exactly the faults a teacher needs
// (file, line, column, JSON path, what was expected); and no input at all makes it crash or hang.
#include "core/rng.hpp"
#include "scenario/loader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace stslab;

namespace {

const std::string kDir = std::string(STSLAB_SOURCE_DIR) + "/tests/scenario/malformed";

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("each malformed scenario is refused with exactly the faults written beside it") {
    // tests/scenario/malformed/NN-what.json holds one kind of mistake; NN-what.expected, every line the loader
    // must report for it (paths relative to that folder).
    std::size_t files = 0;
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(kDir))
        if (e.path().extension() == ".json") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        const std::string name = path.filename().string();
        CAPTURE(name);
        const std::string expected = read(kDir + "/" + path.stem().string() + ".expected");
        REQUIRE_FALSE(expected.empty());
        try {
            load_scenario_text(read(path.string()), name);
            FAIL("a malformed file loaded");
        } catch (const ScenarioError& e) {
            CHECK(std::string(e.what()) + "\n" == expected);
            CHECK(!e.faults().empty());
        }
        ++files;
    }
    CHECK(files >= 40);
}

TEST_CASE("a file that cannot be read is one fault that says so") {
    try {
        load_scenario_file("/nonexistent/lesson.json");
        FAIL("loaded a missing file");
    } catch (const ScenarioError& e) {
        CHECK(std::string(e.what()) == "/nonexistent/lesson.json: cannot open the file (does it exist, and may it be read?)");
    }
}

TEST_CASE("a valid file loads with its defaults filled in") {
    const Scenario s = load_scenario_text(R"({
      // comments are fine
      "stslab": 1,
      "accounts": { "111111111111": { "users": { "alice": { "mfa": true } },
        "roles": { "R": { "path": "/ops/", "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::111111111111:user/alice" }, "Action": "sts:AssumeRole" }] } } } } },
      "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" } },
      "steps": [ { "actor": "alice", "call": "sts:GetCallerIdentity" }, { "at": "+2m", "actor": "alice", "call": "sts:GetCallerIdentity" } ]
    })", "dir/my-lesson.json");
    CHECK(s.id == "my-lesson");
    CHECK(s.seed == 0);
    CHECK(s.latency == 20);
    CHECK(s.start == parse_iso8601("2026-01-01T00:00:00Z"));
    REQUIRE(s.steps.size() == 2);
    CHECK(s.steps[0].id == "step-1");
    CHECK(s.steps[0].at == kSecond);
    CHECK(s.steps[1].at == kSecond + 2 * kMinute);
    const auto& account = s.world.accounts.at("111111111111");
    CHECK(account.roles.at("R").arn == "arn:aws:iam::111111111111:role/ops/R");
    CHECK(account.roles.at("R").max_session_duration == 3600);
    CHECK(account.users.at("alice").mfa->serial == "arn:aws:iam::111111111111:mfa/alice");
    CHECK(account.users.at("alice").mfa->code == "123456");
}

TEST_CASE("mutated files either load or are refused with faults, never anything else") {
    // Deterministic damage to a valid lesson: deleted, duplicated and replaced characters and lines.
    const std::string original = read(std::string(STSLAB_SOURCE_DIR) + "/scenarios/02-confused-deputy-external-id.json");
    Rng rng(2026);
    std::size_t refused = 0;
    for (int i = 0; i < 300; ++i) {
        std::string text = original;
        const int edits = 1 + static_cast<int>(rng.below(3));
        for (int k = 0; k < edits; ++k) {
            const std::size_t at = rng.below(text.size());
            switch (rng.below(4)) {
                case 0: text.erase(at, 1 + rng.below(8)); break;
                case 1: text.insert(at, text.substr(at, 1 + rng.below(40))); break;
                case 2: text[at] = "{}[],:\"0a -"[rng.below(11)]; break;
                default: text.insert(at, "\"x\": [1, {\"y\": null}], "); break;
            }
        }
        try {
            load_scenario_text(text, "mutated.json");
        } catch (const ScenarioError& e) {
            CHECK(!e.faults().empty());
            ++refused;
        }
    }
    CHECK(refused > 200);
}
