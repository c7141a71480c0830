// The scenario library: every lesson in scenarios/ loads, every expectation in it holds, and its whole run is
// pinned by a trace fingerprint, so any change to what a lesson shows is noticed (architecture.md, Tests).
#include "scenario/loader.hpp"
#include "scenario/runner.hpp"
#include "trace/label_notes.hpp"
#include "iam/policy.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>

using namespace stslab;

namespace {

const std::map<std::string, std::string> kFingerprints = {
    {"01-confused-deputy.json", "c0667a666a255c11"},
    {"02-confused-deputy-external-id.json", "76eeff7c2ef17242"},
    {"03-cross-account-s3.json", "cf6aa2ab1fddb843"},
    {"04-mfa-protected-role.json", "e8f60bae52bf0299"},
    {"05-role-chaining.json", "c42499484b21a902"},
    {"06-revoke-sessions.json", "32ca9575a4587ac4"},
    {"07-time-condition.json", "18bbffc8aa6e43d3"},
    {"08-session-token-mfa.json", "9508c5f994201989"},
    {"09-federation-proxy.json", "d574302c296438b9"},
    {"10-scp-guardrail.json", "071c05f6821ed930"},
    {"11-permissions-boundary.json", "aa5dbcb5e4274a23"},
    {"12-session-policy.json", "55d0f6217b577d98"},
    {"13-credentials-expire.json", "f7aa8085ad3d2893"},
    {"14-saml-federation.json", "baf51b4a329240ce"},
    {"15-cognito-mobile-app.json", "7a378dbd44a29619"},
    {"16-oidc-web-app.json", "32b2f19693090df2"},
    {"17-identity-broker-console.json", "c539fa9cca0f087e"},
    {"18-identity-center.json", "3f434da3d105d4a9"},
    {"19-abac-tags.json", "85522540bf169882"},
    {"20-privilege-escalation.json", "daccb3211518d707"},
    {"21-iam-escalation-and-stolen-keys.json", "51a60e7430701595"},
    {"22-organization-bucket.json", "d6b95624094c1f20"},
    {"23-source-ip-deny.json", "895d60865aadeaa5"},
    {"24-resource-control-policy.json", "ded38f254d92a347"},
    {"25-cross-service-confused-deputy.json", "5ed7e7c02b9b1101"},
    {"26-ec2-instance-role.json", "7a14320bfee52a23"},
    {"27-scp-ou-inheritance.json", "8f90810606496075"},
    {"28-block-public-access.json", "e6b7ec8054999253"},
    {"29-ec2-launch-guardrails.json", "5648aedda9ced070"},
    {"30-sse-kms-cross-account.json", "6719525947b8bdd0"},
    {"31-vpc-endpoint-data-perimeter.json", "26780e6c2a49aff0"},
    {"32-presigned-url.json", "258f0b28591cb46c"},
    {"33-root-session-unlocks-bucket.json", "cd6c5a9fd2247b93"},
    {"34-s3-access-points.json", "a33bb6273d3d4323"},
    {"35-outbound-identity-federation.json", "2d67237ff1663cbc"},
    {"36-stolen-instance-credentials.json", "3be11bcc893f25e4"},
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

// The viewer's Korean mode shows each decision's summary_ko, each evaluation step's detail_ko and each statement's
// (how its action, resource and principal matched): in every lesson, every decision has them, in Hangul, and they keep what the English names: each quoted value ('ext-ours') and each
// word with a colon or a slash (sts:ExternalId, Statement/0, arn:aws:iam::...).
TEST_CASE("every explained decision of every lesson says in Korean what it says in English, with the same names and values") {
    const auto hangul = [](const std::string& s) { return s.find("\xea") != std::string::npos || s.find("\xeb") != std::string::npos ||
                                                          s.find("\xec") != std::string::npos || s.find("\xed") != std::string::npos; };
    // The quoted values and the words with ':' or '/' of an English sentence.
    const auto names = [](const std::string& s) {
        std::vector<std::string> out;
        // A quote opens after a space or '(' and closes before a space or punctuation (not the one of "role's").
        const auto opens = [&](std::size_t q) { return q == 0 || s[q - 1] == ' ' || s[q - 1] == '('; };
        const auto closes = [&](std::size_t q) { return q + 1 == s.size() || std::string(" ,.;)").find(s[q + 1]) != std::string::npos; };
        for (std::size_t q = 0; q < s.size(); ++q) {
            if (s[q] != '\'' || !opens(q)) continue;
            std::size_t end = q + 1;
            while (end < s.size() && !(s[end] == '\'' && closes(end))) ++end;
            if (end == s.size()) break;
            out.push_back(s.substr(q, end - q + 1));
            q = end;
        }
        std::istringstream words(s);
        for (std::string w; words >> w;) {
            while (!w.empty() && std::string(".,;:()\"").find(w.back()) != std::string::npos) w.pop_back();
            while (!w.empty() && std::string("(\"").find(w.front()) != std::string::npos) w.erase(0, 1);
            if (w.find('\'') == std::string::npos && w.find_first_of(":/") != std::string::npos) out.push_back(w);
        }
        return out;
    };
    std::size_t steps = 0;
    for (const std::string& file : library_files()) {
        CAPTURE(file);
        const RunResult r = run_scenario(load_scenario_file(std::string(STSLAB_SOURCE_DIR) + "/scenarios/" + file));
        for (std::size_t i = 0; i < r.trace->size(); ++i) {
            if ((*r.trace)[i].kind != TraceKind::Decision) continue;
            const std::vector<ExplanationSentence> sentences = explanation_sentences(r.trace->data(i));
            CHECK(!sentences.empty());
            for (const auto& [en, ko] : sentences) {
                CAPTURE(en);
                CAPTURE(ko);
                CHECK(hangul(ko));
                for (const std::string& name : names(en)) {
                    CAPTURE(name);
                    // A policy the sandbox named ('bucket policy of b') is named in Korean ('b의 버킷 정책').
                    const std::string korean = name.size() > 2 && name.front() == '\''
                                                   ? "'" + iam::policy_name_ko(name.substr(1, name.size() - 2)) + "'"
                                                   : name;
                    CHECK((ko.find(name) != std::string::npos || ko.find(korean) != std::string::npos));
                }
                ++steps;
            }
        }
    }
    CHECK(steps > 500);
}

// `stslab run --lang ko` and the viewer's Korean mode show what a decision's label adds to its request ("(at the access
// point hr-ap)") in Korean: every note a lesson's labels add is in the table (trace/label_notes.hpp).
TEST_CASE("every note a lesson's decision labels add to their request is in Korean in the text replay") {
    std::size_t notes = 0;
    for (const std::string& file : library_files()) {
        CAPTURE(file);
        const RunResult r = run_scenario(load_scenario_file(std::string(STSLAB_SOURCE_DIR) + "/scenarios/" + file));
        for (std::size_t i = 0; i < r.trace->size(); ++i) {
            if ((*r.trace)[i].kind != TraceKind::Decision) continue;
            const nlohmann::json data = r.trace->data(i);
            const std::string asked = data.value("action", "") + " on " + data.value("resource", "");
            const std::string label = data.value("label", "");
            REQUIRE(label.compare(0, asked.size(), asked) == 0);
            if (label.size() == asked.size()) continue;
            const std::string added = label.substr(asked.size());
            CAPTURE(added);
            const std::string korean = korean_label_note(added);
            CHECK(korean != added);
            CHECK(to_text(*r.trace, i, 0, true).find(korean) != std::string::npos);
            ++notes;
        }
    }
    CHECK(notes > 10);
    CHECK(korean_label_note(" (then refused: centralized root access is not enabled for the organization (RootSessions))") ==
          " (이후 거부: centralized root access is not enabled for the organization (RootSessions))");
    CHECK(korean_label_note(" (the source s3:GetObject reads) (S3 decrypting s3://b/k with its KMS key)") ==
          " (s3:GetObject가 읽는 원본) (S3가 KMS 키로 s3://b/k 복호화)");
    CHECK(korean_label_note(" (a note the table does not have)") == " (a note the table does not have)");
    // Each entry's Korean has a "%s" for each of its English.
    const auto slots = [](const std::string& text) {
        std::size_t n = 0;
        for (std::size_t at = text.find("%s"); at != std::string::npos; at = text.find("%s", at + 2)) ++n;
        return n;
    };
    for (std::size_t n = 0; n < kLabelNoteCount; ++n) {
        CAPTURE(kLabelNotes[n].en);
        CHECK(slots(kLabelNotes[n].en) == slots(kLabelNotes[n].ko));
    }
}
