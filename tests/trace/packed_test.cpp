// The packed trace storage (trace/packed.hpp, TraceStorage::Packed): lossless, and the same output as a tree trace.
#include "core/json_writer.hpp"
#include "scenario/loader.hpp"
#include "scenario/runner.hpp"
#include "trace/packed.hpp"
#include "trace/sequence.hpp"
#include "trace/trace.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace stslab;
using nlohmann::json;

TEST_CASE("a packed payload decodes to the same JSON value, type for type, and dumps the same text") {
    const json values[] = {
        nullptr,
        true,
        false,
        0,
        -5,
        std::numeric_limits<std::int64_t>::min(),
        std::numeric_limits<std::int64_t>::max(),
        std::numeric_limits<std::uint64_t>::max(),
        1.5,
        0.1,
        -2.5e300,
        "",
        "arn:aws:iam::111122223333:role/UpdateApp",
        "sts:AssumeRole \xe2\x9c\x97 AccessDenied",
        std::string(500, 'x'),
        json::array(),
        json::object(),
        json::array({1, "a", nullptr, json::array({json::object({{"k", 2u}})})}),
        json{{"summary", "ALLOW s3:GetObject"}, {"b", {{"nested", {1, 2, 3}}}}, {"a", -1}, {"empty", json::object()}},
    };
    PackedJsonStore store;
    for (const json& v : values) {
        CAPTURE(v.dump());
        const json back = store.get(store.add(v));
        CHECK(back == v);
        CHECK(back.type() == v.type());
        CHECK(back.dump() == v.dump());
    }
}

namespace {

// The same calls to either writer (core/json_writer.hpp): members in key order, a tree among them.
template <class W>
void write_sample(W& w) {
    w.object(6);
    w.key("a");
    w.array(3);
    w.integer(-7);
    w.null();
    w.object(0);
    w.key("b");
    w.boolean(true);
    w.key("c");
    w.string(std::string(200, 'x'));  // longer than kInternMax: written inline
    w.key("d");
    w.value(json::parse(R"({"Statement":[{"Effect":"Allow"}],"n":2.5,"u":18446744073709551615})"));
    w.key("e");
    w.array(0);
    w.key("f");
    w.object(1);
    w.key("g");
    write_strings(w, {"x", "y"});
}

}  // namespace

TEST_CASE("a payload written member by member reads back from a packed store as the tree the same calls build") {
    JsonTreeWriter tree;
    write_sample(tree);
    const json expected = tree.take();
    CHECK(expected["a"] == json::parse("[-7,null,{}]"));
    CHECK(expected["f"]["g"] == json::parse(R"(["x","y"])"));
    PackedJsonStore store;
    PackedJsonStore::Writer packed(store);
    write_sample(packed);
    const std::uint8_t* at = packed.finish();
    CHECK(store.get(at) == expected);
    CHECK(store.get(at).dump() == expected.dump());
    CHECK(store.get(store.add(expected)) == expected);  // the store still takes trees after a writer
}

TEST_CASE("a shared tree is packed once and read back whole from every payload that holds it") {
    auto document = std::make_shared<const json>(json::parse(
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Sid":")" +
        std::string(150, 'S') + R"("}]})"));
    PackedJsonStore store;
    auto write = [&](int twice) {
        PackedJsonStore::Writer w(store);
        w.array(twice ? 3 : 2);
        w.shared(document);
        w.shared(nullptr);
        if (twice) w.shared(document);  // twice in the payload that packs it first
        return w.finish();
    };
    const std::uint8_t* first = write(1);
    const std::uint8_t* second = write(0);
    const std::uint8_t* third = write(0);
    CHECK(store.get(first) == json::array({*document, nullptr, *document}));
    CHECK(store.get(second) == json::array({*document, nullptr}));
    CHECK(store.get(third) == store.get(second));
    // Payloads follow each other in a chunk: the first holds the document (its 150-byte Sid inline, twice), the
    // second only a reference to it.
    CHECK(second - first > 300);
    CHECK(third - second < 8);
    JsonTreeWriter tree;
    tree.array(2);
    tree.shared(document);
    tree.shared(nullptr);
    CHECK(tree.take() == store.get(second));
}

TEST_CASE("a tree writer refuses to give a value whose container got fewer members than it announced") {
    JsonTreeWriter w;
    w.object(2);
    w.key("a");
    w.integer(1);
    CHECK_THROWS_AS(w.take(), std::logic_error);
}

TEST_CASE("a packed store keeps each short string once, however often it is stored") {
    PackedJsonStore store;
    const json event = {{"principal", "arn:aws:iam::111122223333:user/alice"}, {"action", "s3:GetObject"}};
    store.add(event);
    const std::size_t after_one = store.memory_bytes();
    for (int i = 0; i < 1000; ++i) CHECK(store.get(store.add(event)) == event);
    // 1000 more copies cost their few bytes of references each, not their strings again.
    CHECK(store.memory_bytes() == after_one);
}

TEST_CASE("a packed store writes a long string once and refers to it from the payloads that repeat it") {
    PackedJsonStore store;
    const std::string token = "IQoJb3JpZ2luX2Vj" + std::string(200, 'x');  // longer than a string the table keeps
    const json answer = {{"Credentials", {{"SessionToken", token}, {"Again", token}}}};  // twice in one payload
    const std::uint8_t* first = store.add(answer);
    std::vector<const std::uint8_t*> later;
    const auto record = [&](int i) { return json{{"responseElements", {{"sessionToken", token}}}, {"n", i}}; };
    later.push_back(store.add(record(0)));
    const std::size_t after_one = store.memory_bytes();  // its keys and the token in the store
    for (int i = 1; i < 10000; ++i) later.push_back(store.add(record(i)));
    CHECK(store.get(first) == answer);
    for (int i = 0; i < 10000; i += 997)
        CHECK(store.get(later[static_cast<std::size_t>(i)]) == record(i));
    // 10,000 repeats fit in the chunk the first one opened: a few bytes each, not 216.
    CHECK(store.memory_bytes() == after_one);
    // Another long string of the same length is its own.
    const std::string other = "IQoJb3JpZ2luX2Vj" + std::string(200, 'y');
    CHECK(store.get(store.add(json(other))) == json(other));
}

TEST_CASE("a packed store gives back every id written inline as it was, a UUID in its 16 bytes or not") {
    PackedJsonStore store;
    store.write_values_inline({"eventID"});
    const std::string uuid = "0f9e8d7c-6b5a-4930-8a1b-2c3d4e5f6a7b";
    const std::uint8_t* at = store.add(json{{"eventID", uuid}});
    CHECK(store.get(at) == json{{"eventID", uuid}});
    // Not quite a UUID's canonical text: kept as given.
    for (const std::string& other : {std::string("0F9E8D7C-6B5A-4930-8A1B-2C3D4E5F6A7B"), std::string("0f9e8d7c-6b5a-4930-8a1b-2c3d4e5f6a7g"),
                                     std::string("0f9e8d7c6-b5a-4930-8a1b-2c3d4e5f6a7b"), uuid.substr(1), uuid + "0", std::string(36, '-')})
        CHECK(store.get(store.add(json{{"eventID", other}})) == json{{"eventID", other}});
    // 40,000 more in 16 bytes each, with their few bytes of key and container, fit in the chunk the first opened:
    // in their 36 characters and their length, they would take two more.
    const std::size_t before = store.memory_bytes();
    for (int i = 0; i < 40000; ++i) store.add(json{{"eventID", uuid}});
    CHECK(store.memory_bytes() == before);
}

TEST_CASE("a packed payload stays where it was stored while the store grows past many chunks") {
    PackedJsonStore store;
    const std::uint8_t* first = store.add(json{{"n", 0}});
    const std::uint8_t* big = store.add(json(std::string(3 << 20, 'b')));  // larger than a chunk
    for (int i = 1; i < 200000; ++i) store.add(json{{"n", i}, {"pad", std::string(150, 'p')}});
    CHECK(store.get(first) == json{{"n", 0}});
    CHECK(store.get(big).get_ref<const std::string&>().size() == std::size_t{3} << 20);
}

TEST_CASE("a packed trace writes the same JSON lines, text and diagrams as a tree trace for every library lesson") {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(STSLAB_SOURCE_DIR) + "/scenarios")) {
        if (entry.path().extension() != ".json") continue;
        CAPTURE(entry.path().filename().string());
        const Scenario scenario = load_scenario_file(entry.path().string());
        const RunResult tree = run_scenario(scenario);
        const RunResult packed = run_scenario(scenario, RunOptions{TraceStorage::Packed, false});
        CHECK(packed.trace->storage() == TraceStorage::Packed);
        REQUIRE(packed.trace->size() == tree.trace->size());
        std::ostringstream tree_lines, packed_lines, tree_text, packed_text;
        write_jsonl(*tree.trace, tree_lines);
        write_jsonl(*packed.trace, packed_lines);
        CHECK(packed_lines.str() == tree_lines.str());
        write_text(*tree.trace, tree_text);
        write_text(*packed.trace, packed_text);
        CHECK(packed_text.str() == tree_text.str());
        CHECK(fingerprint_hex(*packed.trace) == fingerprint_hex(*tree.trace));
        CHECK(sequence_diagram(*packed.trace, DiagramFormat::Mermaid, packed.trace->size()) ==
              sequence_diagram(*tree.trace, DiagramFormat::Mermaid, tree.trace->size()));
        CHECK(packed.cloudtrail.empty());
        CHECK_FALSE(tree.cloudtrail.empty());
    }
}

// A packed trace keeps a decision as its request and the policies it was made with, and writes the explanation
// when it is read (trace.hpp, DeferredPayload; aws/pinned.hpp): read after the run, it must show the policies as
// they were when the call was decided, not as the run left them. Here the role's inline policy and its trust
// policy are replaced in place (same names) between calls.
TEST_CASE("a packed trace's decisions show the policies in force when they were made, after the world replaced them") {
    const char* text = R"({
      "stslab": 1, "start": "2026-03-02T09:00:00Z", "seed": 1,
      "accounts": { "111111111111": {
        "users": {
          "eve": { "policies": { "assume": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Action": ["sts:AssumeRole", "s3:GetObject"], "Resource": "*" }] } } },
          "admin": { "policies": { "iam": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Action": "iam:*", "Resource": "*" }] } } } },
        "roles": { "Reports": {
          "trust": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Principal": { "AWS": "arn:aws:iam::111111111111:root" }, "Action": "sts:AssumeRole" }] },
          "policies": { "read": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }] } } } },
        "buckets": { "reports": { "objects": { "q1.pdf": "Q1" } } } } },
      "actors": { "eve": { "principal": "arn:aws:iam::111111111111:user/eve" },
                  "admin": { "principal": "arn:aws:iam::111111111111:user/admin" } },
      "steps": [
        { "id": "assume", "at": "+1s", "actor": "eve", "call": "sts:AssumeRole", "save": "s",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/Reports", "RoleSessionName": "eve" }, "expect": "allow" },
        { "id": "read", "actor": "eve", "call": "s3:GetObject", "using": "s",
          "resource": "arn:aws:s3:::reports/q1.pdf", "expect": "allow" },
        { "id": "narrow", "actor": "admin", "call": "iam:PutRolePolicy", "expect": "allow",
          "params": { "RoleName": "Reports", "PolicyName": "read", "PolicyDocument": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*" }] } } },
        { "id": "close", "actor": "admin", "call": "iam:UpdateAssumeRolePolicy", "expect": "allow",
          "params": { "RoleName": "Reports", "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny",
            "Principal": { "AWS": "arn:aws:iam::111111111111:root" }, "Action": "sts:AssumeRole" }] } } },
        { "id": "read-again", "actor": "eve", "call": "s3:GetObject", "using": "s",
          "resource": "arn:aws:s3:::reports/q1.pdf", "expect": { "error": "AccessDenied" } },
        { "id": "assume-again", "actor": "eve", "call": "sts:AssumeRole",
          "params": { "RoleArn": "arn:aws:iam::111111111111:role/Reports", "RoleSessionName": "eve" },
          "expect": { "error": "AccessDenied" } }
      ] })";
    const Scenario scenario = load_scenario_text(text, "replaced.json");
    const RunResult tree = run_scenario(scenario);
    const RunResult packed = run_scenario(scenario, RunOptions{TraceStorage::Packed, false});
    for (const auto& c : packed.checks) CHECK_MESSAGE(c.passed, c.step);
    std::ostringstream tree_lines, packed_lines;
    write_jsonl(*tree.trace, tree_lines);
    write_jsonl(*packed.trace, packed_lines);
    CHECK(packed_lines.str() == tree_lines.str());
    // Each decision shows the documents it was made with: the first read and AssumeRole the policies as first
    // written, the later ones the replacements.
    std::vector<json> reads, assumes;
    for (std::size_t i = 0; i < packed.trace->size(); ++i) {
        if ((*packed.trace)[i].kind != TraceKind::Decision) continue;
        const json d = packed.trace->data(i);
        if (d["action"] == "s3:GetObject") reads.push_back(d);
        if (d["action"] == "sts:AssumeRole") assumes.push_back(d);
    }
    REQUIRE(reads.size() == 2);
    REQUIRE(assumes.size() == 2);
    CHECK(reads[0]["decision"] == "Allow");
    CHECK(reads[0]["documents"].dump().find("arn:aws:s3:::reports/*") != std::string::npos);
    CHECK(reads[1]["decision"] == "ImplicitDeny");
    CHECK(reads[1]["documents"].dump().find("arn:aws:s3:::other/*") != std::string::npos);
    CHECK(assumes[0]["decision"] == "Allow");
    CHECK(assumes[1]["decision"] == "ExplicitDeny");
    CHECK(assumes[0]["documents"].dump().find("\"Deny\"") == std::string::npos);
    CHECK(assumes[1]["documents"].dump().find("\"Deny\"") != std::string::npos);
}
