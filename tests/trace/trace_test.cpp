// The trace: recording through the kernel, the text and JSON-lines writers, and the fingerprint.
#include "core/kernel.hpp"
#include "core/time.hpp"
#include "trace/sequence.hpp"
#include "trace/trace.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sstream>

using namespace stslab;

namespace {

struct Echo final : Actor {
    ActorId self;
    void receive(Kernel& k, const Message& m) override {
        if (k.label_name(m.label) == "hello")
            k.send(self, m.from, k.label("hello response"), 20, std::make_shared<nlohmann::json>(nlohmann::json{{"ok", true}}));
    }
};

Trace record_small_run() {
    Trace trace(parse_iso8601("2026-01-01T09:00:00Z"));
    Kernel k(1);
    k.set_observer(&trace);
    Echo echo;
    const ActorId alice = k.add_actor("alice", nullptr);
    echo.self = k.add_actor("sts", &echo);
    k.at(5000, [&](Kernel& kk) {
        kk.send(alice, echo.self, kk.label("hello"), 20, std::make_shared<nlohmann::json>(nlohmann::json{{"n", 1}}));
    });
    k.run();
    trace.add(k.now(), TraceKind::Narration,
              std::make_shared<nlohmann::json>(nlohmann::json{{"summary", "alice said hello"}}), 0, alice.value);
    return trace;
}

}  // namespace

TEST_CASE("the trace records every send and delivery with its time, actors and label") {
    const Trace trace = record_small_run();
    REQUIRE(trace.size() == 5);
    CHECK(trace[0].kind == TraceKind::Sent);
    CHECK(trace[0].time == 5000);
    CHECK(trace[0].arrives == 5020);
    CHECK(trace.actor_name(trace[0].from) == "alice");
    CHECK(trace.actor_name(trace[0].to) == "sts");
    CHECK(trace.label_name(trace[0].label) == "hello");
    CHECK(trace[1].kind == TraceKind::Delivered);
    CHECK(trace[1].message == trace[0].message);
    CHECK(trace[2].kind == TraceKind::Sent);
    CHECK(trace.label_name(trace[2].label) == "hello response");
    CHECK(trace[3].time == 5040);
    CHECK(trace[4].kind == TraceKind::Narration);
}

TEST_CASE("the text writer prints one readable line per event") {
    std::ostringstream out;
    write_text(record_small_run(), out);
    CHECK(out.str() ==
          "+0:00:05.000  sent               #1 alice -> sts  hello  (arrives +0:00:05.020)\n"
          "+0:00:05.020  delivered          #1 alice -> sts  hello\n"
          "+0:00:05.020  sent               #2 sts -> alice  hello response  (arrives +0:00:05.040)\n"
          "+0:00:05.040  delivered          #2 sts -> alice  hello response\n"
          "+0:00:05.040  narration          alice: alice said hello\n");
}

TEST_CASE("the JSON-lines writer prints one parseable object per event") {
    std::ostringstream out;
    write_jsonl(record_small_run(), out);
    std::istringstream in(out.str());
    std::string line;
    std::vector<nlohmann::json> rows;
    while (std::getline(in, line)) rows.push_back(nlohmann::json::parse(line));
    REQUIRE(rows.size() == 5);
    CHECK(rows[0]["kind"] == "sent");
    CHECK(rows[0]["time"] == "2026-01-01T09:00:05Z");
    CHECK(rows[0]["from"] == "alice");
    CHECK(rows[0]["data"]["n"] == 1);
    CHECK(rows[1]["kind"] == "delivered");
    CHECK(rows[1]["msg"] == 1);
    CHECK(rows[2]["data"]["ok"] == true);
    CHECK(rows[4]["kind"] == "narration");
    CHECK(rows[4]["data"]["summary"] == "alice said hello");
    CHECK(rows[4]["seq"] == 4);
}

TEST_CASE("the fingerprint is stable for the same run and changes with any event") {
    const Trace a = record_small_run();
    const Trace b = record_small_run();
    CHECK(fingerprint(a) == fingerprint(b));
    CHECK(fingerprint_hex(a).size() == 16);
    Trace c = record_small_run();
    c.add(0, TraceKind::WorldChanged, nullptr);
    CHECK(fingerprint(c) != fingerprint(a));
    Trace empty;
    CHECK(fingerprint_hex(empty) == "cbf29ce484222325");  // FNV-1a 64 offset basis: nothing hashed
}

TEST_CASE("odd names and labels stay one line of text and valid diagrams") {
    Trace trace(parse_iso8601("2026-01-01T09:00:00Z"));
    Kernel k(1);
    k.set_observer(&trace);
    const ActorId a = k.add_actor("a;b", nullptr);
    const ActorId q = k.add_actor("q\"uote", nullptr);
    k.at(1000, [&](Kernel& kk) { kk.send(a, q, kk.label("two\nlines"), 20, nullptr); });
    k.run();
    trace.add(k.now(), TraceKind::Narration,
              std::make_shared<nlohmann::json>(nlohmann::json{{"summary", "first\nsecond"}}), 0, a.value);
    std::ostringstream text;
    write_text(trace, text);
    std::size_t lines = 0;
    for (const char c : text.str()) lines += c == '\n' ? 1 : 0;
    CHECK(lines == trace.size());  // a line break in a label or a narration is written as \n
    CHECK(text.str().find("two\\nlines") != std::string::npos);
    const std::string mermaid = sequence_diagram(trace, DiagramFormat::Mermaid, trace.size());
    CHECK(mermaid.find("participant P0 as a#59;b\n") != std::string::npos);  // ';' ends a Mermaid statement
    const std::string plantuml = sequence_diagram(trace, DiagramFormat::PlantUml, trace.size());
    CHECK(plantuml.find("participant \"q<U+0022>uote\" as P1\n") != std::string::npos);  // the quote kept, as its code
    // A label is text, never markup: an attack scenario's message type cannot inject HTML or a PlantUML image.
    Trace hostile(parse_iso8601("2026-01-01T09:00:00Z"));
    Kernel k3(1);
    k3.set_observer(&hostile);
    const ActorId m = k3.add_actor("mallory", nullptr), v = k3.add_actor("vendor", nullptr);
    const std::string type("<img src=x onerror=alert(1)>\0<img:http://x/y.png>", 49);  // with a NUL
    k3.at(1000, [&](Kernel& kk) { kk.send(m, v, kk.label(type), 20, nullptr); });
    k3.run();
    const std::string hostile_mermaid = sequence_diagram(hostile, DiagramFormat::Mermaid, hostile.size());
    CHECK(hostile_mermaid.find("P0->>P1: #60;img src=x onerror=alert(1)#62; #60;img:http://x/y.png#62;\n") != std::string::npos);
    const std::string hostile_plantuml = sequence_diagram(hostile, DiagramFormat::PlantUml, hostile.size());
    CHECK(hostile_plantuml.find("P0 -> P1 : <U+003C>img src=x onerror=alert(1)> <U+003C>img:http:~//x/y.png>\n") != std::string::npos);
    // Nor creole markup (plantuml.com/creole: the tilde escapes it), a backslash's line break, or a line separator.
    Trace creole(parse_iso8601("2026-01-01T09:00:00Z"));
    Kernel k4(1);
    k4.set_observer(&creole);
    const ActorId c1 = k4.add_actor("n\\nl", nullptr), c2 = k4.add_actor("vendor", nullptr);
    k4.at(1000, [&](Kernel& kk) { kk.send(c1, c2, kk.label("# **b** //i// --s-- __u__ a\\nb x\xe2\x80\xa8y"), 20, nullptr); });
    k4.run();
    const std::string creole_plantuml = sequence_diagram(creole, DiagramFormat::PlantUml, creole.size());
    CHECK(creole_plantuml.find("participant \"n\\\\nl\" as P0\n") != std::string::npos);
    CHECK(creole_plantuml.find("P0 -> P1 : ~# ~**b~** ~//i~// ~--s~-- ~__u~__ a\\\\nb x y\n") != std::string::npos);
    // Nor what the export audit found to run or restyle: PlantUML's preprocessor ("%date()"), a tilde (creole's "~~"
    // is a wave underline), a "[[link]]", an HTML entity, a "<U+0041>" escape; Mermaid's "%%{init...}%%" directive
    // anywhere in the source, and a leading "wrap:" or "nowrap:", which it strips.
    Trace odd(parse_iso8601("2026-01-01T09:00:00Z"));
    Kernel k5(1);
    k5.set_observer(&odd);
    const ActorId o1 = k5.add_actor("wrap:proxy", nullptr), o2 = k5.add_actor("%date()", nullptr);
    k5.at(1000, [&](Kernel& kk) { kk.send(o1, o2, kk.label("~/x [[u v]] &#34; <U+0041> %%{init: {}}%%"), 20, nullptr); });
    k5.at(2000, [&](Kernel& kk) { kk.send(o1, o2, kk.label(":nowrap:cookie"), 20, nullptr); });
    k5.run();
    const std::string odd_plantuml = sequence_diagram(odd, DiagramFormat::PlantUml, odd.size());
    CHECK(odd_plantuml.find("participant \"<U+0025>date()\" as P1\n") != std::string::npos);
    CHECK(odd_plantuml.find("P0 -> P1 : <U+007E>/x <U+005B>[u v]] <U+0026>#34; <U+003C>U+0041> <U+0025><U+0025>{init: {}}<U+0025><U+0025>\n") !=
          std::string::npos);
    const std::string odd_mermaid = sequence_diagram(odd, DiagramFormat::Mermaid, odd.size());
    CHECK(odd_mermaid.find("participant P0 as #119;rap:proxy\n") != std::string::npos);
    CHECK(odd_mermaid.find("#37;#37;{init: {}}#37;#37;") != std::string::npos);
    CHECK(odd_mermaid.find("P0->>P1: :#110;owrap:cookie\n") != std::string::npos);
    // With no message at all, the actors are still named (PlantUML refuses an empty diagram).
    Trace quiet(parse_iso8601("2026-01-01T09:00:00Z"));
    Kernel k2(1);
    k2.set_observer(&quiet);
    k2.add_actor("alice", nullptr);
    k2.run();
    CHECK(sequence_diagram(quiet, DiagramFormat::PlantUml, quiet.size()).find("participant \"alice\" as P0\n") != std::string::npos);
}

// --until takes a step's id or its number: an id that is a number is that step first (export audit: a step with the
// id "2" was cut as the second step).
TEST_CASE("export's --until finds a step by its id before its number") {
    Trace trace(parse_iso8601("2026-01-01T09:00:00Z"));
    for (const char* id : {"2", "x", "y"})
        trace.add(0, TraceKind::Step, std::make_shared<nlohmann::json>(nlohmann::json{{"step", id}}));
    CHECK(end_of_step(trace, "2") == 1);  // the step named "2", the first
    CHECK(end_of_step(trace, "x") == 2);
    CHECK(end_of_step(trace, "3") == 3);  // no step is named "3": the third
    CHECK_THROWS(end_of_step(trace, "4"));
}

TEST_CASE("a decision's explanation gives its sentences in both languages, in the order the inspector shows them") {
    const nlohmann::json decision = nlohmann::json::parse(R"({"explanation": {
        "summary": "S", "summary_ko": "요약",
        "steps": [{"step": "Explicit deny", "outcome": "pass", "detail": "D1", "detail_ko": "설명1"},
                  {"step": "Identity-based policies", "outcome": "deny", "detail": "D2", "detail_ko": "설명2"}],
        "policies": [{"statements": [{"action": {"detail": "A", "detail_ko": "작업", "matched": true},
                                      "resource": {"detail": "R", "detail_ko": "리소스", "matched": false}}]}]}})");
    std::vector<std::string> en, ko;
    for (const ExplanationSentence& s : explanation_sentences(decision)) {
        en.push_back(s.en);
        ko.push_back(s.ko);
    }
    CHECK(en == std::vector<std::string>{"S", "D1", "D2", "A", "R"});
    CHECK(ko == std::vector<std::string>{"요약", "설명1", "설명2", "작업", "리소스"});
    CHECK(refusal_reason(decision, true) == "설명2");
    CHECK(explanation_sentences(nlohmann::json::parse(R"({"decision": "Allow"})")).empty());
}
