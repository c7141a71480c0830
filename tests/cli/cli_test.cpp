// The command-line contract of scenario-format.md ("Running it") and README.md ("The command line"), as a user
// sees it: the `stslab` binary is run as a separate process and only its output and exit status are looked at
// (one case also runs a lesson in-process, for the fingerprint the scenario library pins).
#include "scenario/loader.hpp"
#include "scenario/runner.hpp"

#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSource = STSLAB_SOURCE_DIR;
const std::string kCrossAccount = kSource + "/scenarios/03-cross-account-s3.json";
const std::string kMisspeltKey = kSource + "/tests/scenario/malformed/08-misspelt-top-key.json";

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A file in a per-process temporary folder, removed when the test program ends.
class TempDir {
public:
    TempDir() : path_(fs::temp_directory_path() / ("stslab-cli-test-" + std::to_string(::getpid()))) {
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path_ / name) << text;
        return (path_ / name).string();
    }
    fs::path path() const { return path_; }

private:
    fs::path path_;
};

const TempDir& temp() {
    static const TempDir dir;
    return dir;
}

struct Run {
    int status = -1;
    std::string out;
    std::string err;
    std::vector<std::string> lines;  // standard output, line by line
};

// Runs `stslab ARGUMENTS` (arguments as the shell reads them) and collects both outputs and the exit status.
// `environment`: assignments put before the command ("NAME=value").
Run cli(const std::string& arguments, const std::string& environment = "") {
    static int counter = 0;
    const fs::path err_file = temp().path() / ("stderr-" + std::to_string(++counter));
    const std::string command = (environment.empty() ? "" : environment + " ") + std::string(STSLAB_CLI) + " " +
                                arguments + " 2>'" + err_file.string() + "'";
    Run r;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) r.out.append(buffer, n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read_file(err_file);
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) r.lines.push_back(line);
    return r;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

bool digits(const std::string& s, const char* allowed = "0123456789") {
    return !s.empty() && s.find_first_not_of(allowed) == std::string::npos;
}

// The first line of `r`'s standard output that starts with `prefix` (with the prefix cut off), or "(none)".
std::string after(const Run& r, const std::string& prefix) {
    for (const auto& line : r.lines)
        if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    return "(none)";
}

// Whether `line` reads "P passed, F failed" with P > 0 and F == failed.
bool tally(const std::string& line, const std::string& failed) {
    const std::string tail = " passed, " + failed + " failed";
    return line.size() > tail.size() && line.compare(line.size() - tail.size(), tail.size(), tail) == 0 &&
           digits(line.substr(0, line.size() - tail.size())) && line[0] != '0';
}

// The scenario text with the first `from` replaced by `to` (which must be there).
std::string edited(const std::string& text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.substr(0, at) + to + text.substr(at + from.size());
}

const char* kEvalAllow =
    R"({"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b1/k", "identity_policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}]})";
const char* kEvalImplicitDeny =
    R"({"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:PutObject", "resource": "arn:aws:s3:::b1/k", "identity_policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}]})";

}  // namespace

TEST_CASE("run prints the story of a scenario as one readable line per event, each starting with its time") {
    const Run r = cli("run " + kCrossAccount);
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() > 10);
    for (const auto& line : r.lines) CHECK(line.rfind("+", 0) == 0);
    CHECK(contains(r.out, "decision"));
    CHECK(contains(r.out, "cloudtrail"));
    CHECK(contains(r.out, "sts:AssumeRole"));
}

TEST_CASE("run's line for a refused decision says why, in the words the viewer's inspector starts with") {
    const Run r = cli("run " + kSource + "/scenarios/02-confused-deputy-external-id.json");
    CHECK(r.status == 0);
    CHECK(contains(r.out, "DENY sts:AssumeRole on arn:aws:iam::111111111111:role/VendorAccess (ImplicitDeny) - why: The role's "
                          "trust policy allows this principal this action only under a condition that does not hold: "
                          "StringEquals sts:ExternalId wants 'ext-7f3a-your-company', and the request has 'ext-91b2-other'."));
    for (const auto& line : r.lines)
        if (contains(line, "decision") && contains(line, "ALLOW")) CHECK_FALSE(contains(line, "why:"));
}

// Refusals no policy decision explains (expired credentials, here) are told by the answer's line, in AWS's words.
TEST_CASE("run's line for a failed answer gives AWS's message after the error code") {
    const Run r = cli("run " + kSource + "/scenarios/13-credentials-expire.json");
    CHECK(r.status == 0);
    CHECK(contains(r.out, "sent               #6 S3 -> jo  s3:GetObject \xe2\x9c\x97 ExpiredToken: The security token included in the request is "
                          "expired  (arrives +0:16:05.040)"));
    for (const auto& line : r.lines)
        if (contains(line, "sent") && contains(line, "\xe2\x9c\x93")) CHECK_FALSE(contains(line, "\xe2\x9c\x93:"));  // a success has no message
}

TEST_CASE("run --lang ko tells the story in Korean: the narration, the sandbox's own lines, the world's changes and why a call was refused") {
    const std::string lesson = kSource + "/scenarios/02-confused-deputy-external-id.json";
    const Run en = cli("run " + lesson), ko = cli("run " + lesson + " --lang ko");
    CHECK(ko.status == 0);
    REQUIRE(ko.lines.size() == en.lines.size());  // the same events, line for line
    CHECK(contains(ko.out, "narration          alice: 당신은 벤더에 가입하고 당신 역할의 ARN을 알려 줍니다."));
    CHECK(contains(ko.out, "거부 sts:AssumeRole, 리소스 arn:aws:iam::111111111111:role/VendorAccess (암시적 거부) - 거부 이유: "
                           "역할의 신뢰 정책은 이 보안 주체에게 이 작업을 조건부로만 허용하는데, 그 조건이 충족되지 않습니다: "
                           "StringEquals sts:ExternalId: 정책 값 'ext-7f3a-your-company', 요청 값 'ext-91b2-other'."));
    CHECK(contains(ko.out, "credential-issued  alice: arn:aws:iam::111111111111:user/alice의 장기 액세스 키 AKIA"));
    CHECK(contains(ko.out, "check              vendor: 통과 mallory-registers-your-role>vendor#1: 예상 오류 AccessDenied"));
    CHECK(contains(ko.out, "step               vendor: you-register>vendor#1: vendor sts:AssumeRole ('register' 처리 중)"));
    CHECK(contains(ko.out, "cloudtrail         STS: CloudTrail 111111111111: AssumeRole, 호출자 AWSAccount"));
    CHECK(contains(ko.out, "(도착 +0:00:05.020)"));
    CHECK_FALSE(contains(ko.out, "(arrives"));
    // Every line keeps its time, its kind and its actor, and every ARN, access key and error code the English one
    // quotes: AWS's words are the same in both languages.
    const std::regex aws_words(R"(arn:[^ ,)]+|[AS]IA[A-Z0-9]{16}|AccessDenied|ValidationError)");
    for (std::size_t i = 0; i < en.lines.size(); ++i) {
        std::size_t same = en.lines[i].find(": ", 33);                        // an event's actor
        if (same == std::string::npos) same = en.lines[i].find("  (arrives");  // a message sent
        CHECK(ko.lines[i].compare(0, same, en.lines[i], 0, same) == 0);
        for (std::sregex_iterator m(en.lines[i].begin(), en.lines[i].end(), aws_words), end; m != end; ++m)
            CHECK_MESSAGE(contains(ko.lines[i], m->str()), ko.lines[i]);
    }
    // A world change is told in Korean too, each service's sentence with the same ARNs, keys and versions.
    const std::string iam_lesson = kSource + "/scenarios/21-iam-escalation-and-stolen-keys.json";
    const Run iam_en = cli("run " + iam_lesson), iam_ko = cli("run " + iam_lesson + " --lang ko");
    REQUIRE(iam_ko.lines.size() == iam_en.lines.size());
    CHECK(contains(iam_ko.out, "world-changed      IAM: arn:aws:iam::111111111111:policy/DevTools의 버전 v2 삭제"));
    const std::regex iam_words(R"(arn:[^ ,)]*[^ ,):]|AKIA[A-Z0-9]{16}|v[0-9]+)");
    std::size_t changes = 0;
    for (std::size_t i = 0; i < iam_en.lines.size(); ++i) {
        if (!contains(iam_en.lines[i], "world-changed")) continue;
        ++changes;
        CHECK_FALSE(iam_ko.lines[i] == iam_en.lines[i]);
        for (std::sregex_iterator m(iam_en.lines[i].begin(), iam_en.lines[i].end(), iam_words), end; m != end; ++m)
            CHECK_MESSAGE(contains(iam_ko.lines[i], m->str()), iam_ko.lines[i]);
    }
    CHECK(changes >= 5);
    CHECK(cli("run " + lesson + " --lang en").out == en.out);
    const Run fr = cli("run " + lesson + " --lang fr");
    CHECK(fr.status == 2);
    CHECK(contains(fr.err, "--lang is en or ko, not 'fr'"));
    CHECK(cli("run " + lesson + " --format json --lang ko").status == 2);  // the JSON has both languages always
}

TEST_CASE("run keeps its columns when a run passes ten hours: times are right-aligned to the widest") {
    const std::string file = temp().write("long-run.json", R"({"stslab": 1, "accounts": {"111111111111": {"users": {"a": {}}}},
 "actors": {"a": {"principal": "arn:aws:iam::111111111111:user/a"}},
 "steps": [{"id": "early", "at": "+1s", "actor": "a", "call": "sts:GetCallerIdentity"},
           {"id": "late", "at": "+11h", "actor": "a", "call": "sts:GetCallerIdentity"}]})");
    const Run r = cli("run " + file);
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() > 4);
    CHECK(r.lines.front().rfind(" +0:00:00.000  ", 0) == 0);
    CHECK(r.lines.back().rfind("+11:00:01.040  ", 0) == 0);
    for (const auto& line : r.lines) CHECK(line.find_first_not_of(' ', 15) == 15);  // the kind column starts at 15
}

TEST_CASE("run --format json prints one JSON event per line, numbered in order, with its time and kind") {
    const Run r = cli("run " + kCrossAccount + " --format json");
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() > 10);
    const Run text = cli("run " + kCrossAccount + " --format text");
    CHECK(text.lines.size() == r.lines.size());
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
        const json e = json::parse(r.lines[i]);
        CHECK(e.at("seq") == i);
        CHECK(e.at("t").is_number_integer());
        CHECK(e.at("time").is_string());
        CHECK(e.at("kind").is_string());
    }
}

TEST_CASE("run --format json writes exactly the trace whose fingerprint the scenario library pins") {
    // tests/scenario/library_test.cpp pins fingerprint_hex() of each lesson's trace, the FNV-1a 64 of its JSON
    // lines. The command line records a packed trace; what it writes must hash to the same value.
    const Run r = cli("run " + kCrossAccount + " --format json");
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char c : r.out) h = (h ^ c) * 0x100000001b3ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    CHECK(std::string(hex) == stslab::fingerprint_hex(*stslab::run_scenario(stslab::load_scenario_file(kCrossAccount)).trace));
}

TEST_CASE("run gives the same output byte for byte every time") {
    CHECK(cli("run " + kCrossAccount + " --format json").out == cli("run " + kCrossAccount + " --format json").out);
}

TEST_CASE("check of a library scenario ends with 'N passed, 0 failed' and exit status 0") {
    const Run r = cli("check " + kCrossAccount);
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() == 1);
    CHECK(tally(r.lines.back(), "0"));
}

TEST_CASE("check of a scenario with a wrong expect names the file and the step and exits non-zero") {
    const std::string original = read_file(kCrossAccount);
    const std::string wrong = temp().write(
        "wrong-expect.json", edited(original, R"("params": { "Body": "v2" }, "expect": "allow")",
                                    R"("params": { "Body": "v2" }, "expect": "deny")"));
    const Run r = cli("check " + wrong);
    CHECK(r.status != 0);
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines[0].rfind(wrong + ": step david-updates: ", 0) == 0);
    CHECK(tally(r.lines.back(), "1"));
}

TEST_CASE("check counts a file that cannot be loaded as one failure, with the reason, and goes on") {
    const Run r = cli("check " + kMisspeltKey + " " + kCrossAccount);
    CHECK(r.status != 0);
    CHECK(contains(r.out, "08-misspelt-top-key.json: cannot be loaded"));
    CHECK(contains(r.out, "unknown key \"acounts\""));
    REQUIRE(!r.lines.empty());
    CHECK(tally(r.lines.back(), "1"));
}

TEST_CASE("check prints one line per failure even when an expectation holds a line break") {
    const std::string file = temp().write("line-break.json", R"({"stslab": 1, "accounts": {"111111111111": {"users": {"a": {}}}},
 "actors": {"a": {"principal": "arn:aws:iam::111111111111:user/a"}},
 "steps": [{"id": "e1", "at": "+1s", "actor": "a", "call": "sts:GetCallerIdentity", "expect": {"error": "Access\nDenied"}}]})");
    const Run r = cli("check " + file);
    CHECK(r.status == 1);
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines[0] == file + ": step e1: expected error Access\\nDenied, got success");
    CHECK(r.lines[1] == "0 passed, 1 failed");
}

TEST_CASE("trail prints the CloudTrail records as {\"Records\": [...]}") {
    const Run r = cli("trail " + kCrossAccount);
    CHECK(r.status == 0);
    const json trail = json::parse(r.out);
    REQUIRE(trail.is_object());
    CHECK(trail.size() == 1);
    const json& records = trail.at("Records");
    REQUIRE(records.is_array());
    REQUIRE(records.size() > 3);
    bool saw_sts = false, saw_s3 = false;
    for (const json& record : records) {
        CHECK(record.at("eventName").is_string());
        CHECK(record.at("eventTime").is_string());
        CHECK(record.at("userIdentity").is_object());
        CHECK(record.at("recipientAccountId").is_string());
        saw_sts = saw_sts || record.at("eventSource") == "sts.amazonaws.com";
        saw_s3 = saw_s3 || record.at("eventSource") == "s3.amazonaws.com";
    }
    CHECK(saw_sts);
    CHECK(saw_s3);
}

TEST_CASE("export --mermaid prints a numbered sequence diagram, and --until STEP stops after that step") {
    const Run all = cli("export " + kCrossAccount + " --mermaid");
    CHECK(all.status == 0);
    REQUIRE(all.lines.size() > 2);
    CHECK(all.lines[0] == "sequenceDiagram");
    CHECK(contains(all.out, "autonumber"));
    CHECK(contains(all.out, "participant "));
    const Run part = cli("export " + kCrossAccount + " --mermaid --until theresa-assumes");
    CHECK(part.status == 0);
    auto arrows = [](const Run& r) {
        std::vector<std::string> out;
        for (const auto& line : r.lines)
            if (contains(line, "->>")) out.push_back(line);
        return out;
    };
    const auto every = arrows(all), until = arrows(part);
    REQUIRE(!until.empty());
    REQUIRE(until.size() < every.size());
    CHECK(std::equal(until.begin(), until.end(), every.begin()));  // the first arrows of the whole diagram
}

TEST_CASE("export --plantuml prints a diagram between @startuml and @enduml") {
    const Run r = cli("export " + kCrossAccount + " --plantuml --until 2");
    CHECK(r.status == 0);
    REQUIRE(r.lines.size() > 2);
    CHECK(r.lines.front() == "@startuml");
    CHECK(r.lines.back() == "@enduml");
    CHECK(count_of(r.out, " -> ") > 0);
}

TEST_CASE("export names an unknown --until step and asks for exactly one diagram format") {
    const Run unknown = cli("export " + kCrossAccount + " --mermaid --until no-such-step");
    CHECK(unknown.status == 2);  // an argument error, with the usage
    CHECK(contains(unknown.err, kCrossAccount + ": there is no step 'no-such-step' in this scenario"));  // which file
    CHECK(contains(unknown.err, "usage: stslab export"));
    const Run both = cli("export " + kCrossAccount + " --mermaid --plantuml");
    CHECK(both.status == 2);
    CHECK(contains(both.err, "choose one of --mermaid and --plantuml"));
    const Run neither = cli("export " + kCrossAccount);
    CHECK(neither.status == 2);
}

TEST_CASE("eval FILE answers one authorization question with a decision") {
    const Run allow = cli("eval " + temp().write("allow.json", kEvalAllow));
    CHECK(allow.status == 0);
    const json answer = json::parse(allow.out);
    CHECK(answer.at("decision") == "Allow");
    CHECK(answer.contains("matched"));
    const json deny = json::parse(cli("eval " + temp().write("deny.json", kEvalImplicitDeny)).out);
    CHECK(deny.at("decision") == "ImplicitDeny");
    CHECK(deny.at("message").is_string());
    // A folder given for the file is said to be one (found by fuzzing), as the scenario commands say it.
    const Run folder = cli("eval '" + temp().path().string() + "'");
    CHECK(folder.status != 0);
    CHECK(contains(folder.err, "this is a folder, not a file of questions"));
}

TEST_CASE("eval --batch prints one answer a line, in order, and goes on past a malformed line") {
    const std::string batch =
        temp().write("batch.jsonl", std::string(kEvalAllow) + "\n{this is not json\n" + kEvalImplicitDeny + "\n");
    const Run r = cli("eval --batch " + batch);
    CHECK(r.status != 0);  // not every request could be answered
    REQUIRE(r.lines.size() == 3);
    CHECK(json::parse(r.lines[0]).at("decision") == "Allow");
    CHECK(json::parse(r.lines[1]).contains("error"));
    CHECK(json::parse(r.lines[2]).at("decision") == "ImplicitDeny");
}

TEST_CASE("an unknown command says which, prints the usage and exits 2") {
    const Run r = cli("frobnicate");
    CHECK(r.status == 2);
    CHECK(contains(r.err, "unknown command 'frobnicate'"));
    CHECK(contains(r.err, "usage: stslab"));
    CHECK(r.out.empty());
}

TEST_CASE("no command at all prints the usage and exits 2, help prints it and exits 0") {
    const Run none = cli("");
    CHECK(none.status == 2);
    CHECK(contains(none.err, "usage: stslab"));
    const Run help = cli("--help");
    CHECK(help.status == 0);
    for (const char* command : {"run", "check", "trail", "export", "eval", "bench"}) CHECK(contains(help.out, command));
}

TEST_CASE("--help or -h after a command prints that command's usage to standard output and exits 0") {
    for (const char* command : {"run --help", "check -h", "trail --help", "export --help", "eval --help", "bench --help",
                                "bench world -h"}) {
        CAPTURE(command);
        const Run r = cli(command);
        CHECK(r.status == 0);
        CHECK(contains(r.out, "usage: stslab " + std::string(command).substr(0, std::string(command).find(' '))));
        CHECK(r.err.empty());
    }
}

TEST_CASE("an unknown or repeated option or a missing file argument is a usage error naming it, with exit status 2") {
    const Run option = cli("run " + kCrossAccount + " --colour");
    CHECK(option.status == 2);
    CHECK(contains(option.err, "unknown option --colour"));
    CHECK(contains(option.err, "usage: stslab run"));
    const Run format = cli("run " + kCrossAccount + " --format xml");
    CHECK(format.status == 2);
    CHECK(contains(format.err, "xml"));
    const Run no_file = cli("trail");
    CHECK(no_file.status == 2);
    CHECK(contains(no_file.err, "usage: stslab trail"));
    const Run bench = cli("bench world --calls many");
    CHECK(bench.status == 2);
    CHECK(contains(bench.err, "--calls"));
    const Run twice = cli("export " + kCrossAccount + " --mermaid --until a --until b");
    CHECK(twice.status == 2);
    CHECK(contains(twice.err, "option --until is given twice"));
}

TEST_CASE("a malformed scenario file is reported as FILE:LINE:COL with what is wrong, and exit status 1") {
    const Run r = cli("run " + kMisspeltKey);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    const std::string file = "08-misspelt-top-key.json:";
    const std::size_t at = r.err.find(file);
    REQUIRE(at != std::string::npos);
    const std::string position = r.err.substr(at + file.size(), r.err.find(": ", at + file.size()) - at - file.size());
    CHECK(digits(position.substr(0, position.find(':'))));  // LINE:COL
    CHECK(digits(position.substr(position.find(':') + 1)));
    CHECK(contains(r.err, "did you mean \"accounts\""));
    const std::string broken = temp().write("broken.json", "{\n  \"stslab\": 1,\n  \"accounts\": {,\n}\n");
    const Run syntax = cli("run " + broken);
    CHECK(syntax.status == 1);
    CHECK(contains(syntax.err, "broken.json:3:"));
}

TEST_CASE("a scenario file that does not exist is reported with its name and a non-zero exit status") {
    const Run r = cli("run " + (temp().path() / "no-such-file.json").string());
    CHECK(r.status != 0);
    CHECK(contains(r.err, "no-such-file.json"));
}

TEST_CASE("bench world with a tiny organization prints calls per second, peak memory, bytes per event and a fingerprint") {
    const Run r = cli("bench world --accounts 4 --roles 12 --calls 300 --seed 7");
    CHECK(r.status == 0);
    // By the wall clock, and by the process's own CPU time (which other work on the machine does not count).
    const std::regex rate(R"(\d+ calls per second; \d+ per second of CPU time \(user \d+\.\d\d s, system \d+\.\d\d s\))");
    CHECK(std::count_if(r.lines.begin(), r.lines.end(), [&](const std::string& line) { return std::regex_match(line, rate); }) == 1);
    const std::string peak = after(r, "peak memory ");
    CHECK(peak.size() > 4);
    CHECK(peak.compare(peak.size() - 4, 4, " MiB") == 0);
    CHECK(digits(peak.substr(0, peak.size() - 4), "0123456789."));
    CHECK(after(r, "300 API calls answered, ").rfind("simulated ", 0) == 0);
    bool saw_events = false, saw_failed = false;
    for (const auto& line : r.lines) {
        const std::size_t e = line.find(" trace events, ");
        if (e != std::string::npos && digits(line.substr(0, e))) {
            const std::string rest = line.substr(e + 15);
            saw_events = digits(rest.substr(0, rest.find(' '))) && rest.find(" bytes per event") != std::string::npos;
        }
        const std::size_t f = line.find(" calls failed:");
        if (f != std::string::npos && digits(line.substr(0, f))) saw_failed = contains(line, " AccessDenied ");
    }
    CHECK(saw_events);
    CHECK(saw_failed);
    const std::string fp = after(r, "trace fingerprint ");
    CHECK(digits(fp.substr(0, 16), "0123456789abcdef"));
    CHECK(fp.substr(16, 1) == " ");
}

TEST_CASE("bench world is deterministic: the same seed gives the same trace fingerprint, another seed another") {
    auto fingerprint = [](const std::string& seed, const std::string& environment = "") {
        const Run r = cli("bench world --accounts 3 --roles 9 --calls 200 --seed " + seed, environment);
        const std::string fp = after(r, "trace fingerprint ").substr(0, 16);
        REQUIRE(digits(fp, "0123456789abcdef"));
        REQUIRE(fp.size() == 16);
        return fp;
    };
    const std::string first = fingerprint("1");
    CHECK(fingerprint("1") == first);
    CHECK(fingerprint("2") != first);
}

TEST_CASE("a scenario file named - is read from standard input, and its faults name <stdin>") {
    const Run ok = cli("check - < " + kCrossAccount);
    CHECK(ok.status == 0);
    CHECK(contains(ok.out, "passed, 0 failed"));
    const Run bad = cli("check - < " + kMisspeltKey);
    CHECK(bad.status == 1);
    CHECK(contains(bad.out, "<stdin>:"));
}
