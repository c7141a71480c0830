// `stslab run`, `check`, `trail` and `export`: a scenario file in, its story out (scenario-format.md,
// "Running it").
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/loader.hpp"
#include "scenario/runner.hpp"
#include "trace/sequence.hpp"

#include <iostream>

namespace stslab::cli {
namespace {

constexpr const char* kRunUsage = "stslab run FILE [--format text|json] [--lang en|ko]";
constexpr const char* kCheckUsage = "stslab check FILE...";
constexpr const char* kTrailUsage = "stslab trail FILE";
constexpr const char* kExportUsage = "stslab export FILE --mermaid|--plantuml [--until STEP]";

// Runs `body` with usage errors turned into exit status 2 and scenario faults printed with exit status 1.
template <class Body>
int guarded(const char* usage, Body&& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        return usage_error(e, usage);
    } catch (const ScenarioError& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
}

// The command line only writes a run out: a packed trace, and the CloudTrail records kept apart only for `trail`.
constexpr RunOptions kWriteOut{TraceStorage::Packed, false};
constexpr RunOptions kWriteOutTrail{TraceStorage::Packed, true};

std::string single_file(const Options& opts) {
    if (opts.positional().size() != 1) throw UsageError("expected exactly one scenario file");
    return opts.positional().front();
}

}  // namespace

int run(const Args& args) {
    return guarded(kRunUsage, [&] {
        const Options opts(args, {"format", "lang"}, {});
        const std::string format = opts.get("format", "text"), lang = opts.get("lang", "en");
        if (format != "text" && format != "json") throw UsageError("--format is text or json, not '" + format + "'");
        if (lang != "en" && lang != "ko") throw UsageError("--lang is en or ko, not '" + lang + "'");
        // --lang ko: the text replay's narration and the reasons for refusals in Korean (the JSON has both always).
        if (format == "json" && opts.has("lang")) throw UsageError("--lang is for the text format: the JSON has both languages");
        const RunResult r = run_scenario(load_scenario_file(single_file(opts)), kWriteOut);
        if (format == "json") write_jsonl(*r.trace, std::cout);
        else write_text(*r.trace, std::cout, lang == "ko");
        return 0;
    });
}

int check(const Args& args) {
    return guarded(kCheckUsage, [&] {
        const Options opts(args, {}, {});
        if (opts.positional().empty()) throw UsageError("expected at least one scenario file");
        std::size_t passed = 0, failed = 0;
        for (const std::string& file : opts.positional()) {
            try {
                const RunResult r = run_scenario(load_scenario_file(file), kWriteOut);
                for (const CheckResult& c : r.checks) {
                    if (c.passed) {
                        ++passed;
                        continue;
                    }
                    ++failed;
                    std::cout << one_line(input_name(file) + ": step " + c.step + ": " + c.detail) << '\n';
                }
            } catch (const ScenarioError& e) {
                ++failed;  // a file that cannot be loaded counts as one failure, with the reason
                std::cout << input_name(file) << ": cannot be loaded:\n" << e.what() << '\n';
            } catch (const Error& e) {  // nor can one that cannot run; the other files are still checked
                ++failed;
                std::cout << one_line(input_name(file) + ": cannot be run: " + e.what()) << '\n';
            }
        }
        std::cout << passed << " passed, " << failed << " failed\n";
        return failed == 0 ? 0 : 1;
    });
}

int trail(const Args& args) {
    return guarded(kTrailUsage, [&] {
        const Options opts(args, {}, {});
        const RunResult r = run_scenario(load_scenario_file(single_file(opts)), kWriteOutTrail);
        std::cout << nlohmann::json{{"Records", r.cloudtrail}}.dump(2) << '\n';
        return 0;
    });
}

int export_diagram(const Args& args) {
    return guarded(kExportUsage, [&] {
        const Options opts(args, {"until"}, {"mermaid", "plantuml"});
        if (opts.has("mermaid") == opts.has("plantuml")) throw UsageError("choose one of --mermaid and --plantuml");
        const RunResult r = run_scenario(load_scenario_file(single_file(opts)), kWriteOut);
        std::size_t end = r.trace->size();
        if (opts.has("until")) {
            try {
                end = end_of_step(*r.trace, opts.get("until", ""));
            } catch (const Error& e) {  // an argument that names no step: a usage error
                throw UsageError(single_file(opts) + ": " + e.what() + " (--until takes a step's id or its number, from 1)");
            }
        }
        std::cout << sequence_diagram(*r.trace, opts.has("mermaid") ? DiagramFormat::Mermaid : DiagramFormat::PlantUml, end);
        return 0;
    });
}

}  // namespace stslab::cli
