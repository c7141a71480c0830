// `stslab bench WHAT ...`: speed and memory measurements. Targets are met here, never in timed unit tests.
#include "cli/bench_world.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/kernel_bench.hpp"
#include "core/rng.hpp"
#include "iam/eval_request.hpp"
#include "iam/policy_gen.hpp"
#include "trace/trace.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <vector>

namespace stslab::cli {
namespace {

constexpr const char* kUsage =
    "stslab bench kernel [--events N] [--actors K] [--in-flight M] [--seed S] [--trace]\n"
    "       stslab bench eval [--requests N] [--evaluations M] [--distinct D] [--seed S]\n"
    "       stslab bench world [--accounts A] [--roles R] [--calls C] [--seed S] [--no-fingerprint]";

double peak_memory_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

int bench_kernel(const Args& args) {
    const Options opts(args, {"events", "actors", "in-flight", "seed"}, {"trace"});
    if (!opts.positional().empty()) throw UsageError("unexpected argument '" + opts.positional().front() + "'");
    KernelBenchConfig config;
    config.deliveries = opts.get_uint("events", config.deliveries);
    config.actors = static_cast<std::uint32_t>(opts.get_uint("actors", config.actors));
    config.in_flight = static_cast<std::uint32_t>(opts.get_uint("in-flight", config.in_flight));
    config.seed = opts.get_uint("seed", config.seed);
    if (config.actors == 0 || config.in_flight == 0) throw UsageError("--actors and --in-flight must be at least 1");

    Trace trace;
    const auto t0 = std::chrono::steady_clock::now();
    const KernelBenchResult r = run_kernel_bench(config, opts.has("trace") ? &trace : nullptr);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::printf("kernel: %llu deliveries, %u actors, %u in flight, seed %llu%s\n",
                static_cast<unsigned long long>(r.deliveries), config.actors, config.in_flight,
                static_cast<unsigned long long>(config.seed), opts.has("trace") ? ", trace recorded" : "");
    std::printf("simulated %.3f s in %.3f s of CPU-bound wall time; checksum %016llx\n", r.final_time_ms / 1000.0,
                seconds, static_cast<unsigned long long>(r.checksum));
    if (opts.has("trace")) std::printf("%zu trace events\n", trace.size());
    std::printf("%.0f deliveries per second\n", seconds > 0 ? static_cast<double>(r.deliveries) / seconds : 0.0);
    std::printf("peak memory %.1f MiB\n", peak_memory_mib());
    return 0;
}

// The `stslab eval` workload: D distinct generated requests (default 200: a world's worth of policy sets; 2-5
// policies of 1-3 statements, conditions on about a third of the statements), answered N times in turn (parse the
// JSON line, compile its policies, evaluate, write the answer): uncached, then with the batch's policy cache
// (`stslab eval --batch`), then a tenth as many through nlohmann::json (the path errors take); then M evaluations
// of the already compiled requests.
int bench_eval(const Args& args) {
    const Options opts(args, {"requests", "evaluations", "distinct", "seed"}, {});
    if (!opts.positional().empty()) throw UsageError("unexpected argument '" + opts.positional().front() + "'");
    const std::uint64_t requests = opts.get_uint("requests", 200'000);
    const std::uint64_t evaluations = opts.get_uint("evaluations", 4'000'000);
    const std::uint64_t distinct = opts.get_uint("distinct", 200);
    const std::uint64_t seed = opts.get_uint("seed", 1);
    if (distinct == 0) throw UsageError("--distinct must be at least 1");

    Rng rng(seed);
    iam::PolicyGenerator gen(rng);
    std::vector<std::string> lines;
    lines.reserve(distinct);
    for (std::uint64_t i = 0; i < distinct; ++i) lines.push_back(gen.eval_request().dump());

    // Phase 1: from JSON text to a JSON answer, one request at a time (iam::append_eval_answer, as `stslab eval FILE`
    // answers). Every request is parsed and compiled afresh: nothing is cached between requests.
    std::uint64_t allows = 0, errors = 0, bytes = 0;
    std::string out;
    auto t0 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < requests; ++i) {
        out.clear();
        if (!iam::append_eval_answer(lines[i % distinct], false, out)) ++errors;
        else if (out.compare(0, 19, R"({"decision":"Allow")") == 0) ++allows;
        bytes += out.size();
    }
    const double parse_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // The same through iam::EvalBatch, as `stslab eval --batch` runs: a policy repeated across the batch's
    // requests (same kind, place and text) is compiled once. Reported apart: the uncached number above is the
    // requirement's.
    iam::EvalBatch batch;
    std::uint64_t batch_bytes = 0;
    t0 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < requests; ++i) {
        out.clear();
        batch.answer(lines[i % distinct], false, out, i + 1);
        batch_bytes += out.size();
    }
    const double batch_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // The same through nlohmann::json (answer_eval_request, then dump()): the reference path every error takes.
    const std::uint64_t reference_n = std::max<std::uint64_t>(1, requests / 10);
    std::uint64_t reference_bytes = 0;
    t0 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < reference_n; ++i)
        reference_bytes += iam::answer_eval_request(lines[i % distinct], false).dump().size();
    const double reference_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // Phase 2: evaluations of compiled policies, decision only and with the matched statements and message.
    std::vector<std::unique_ptr<iam::EvalCase>> cases;
    for (const auto& line : lines) {
        auto c = std::make_unique<iam::EvalCase>();
        iam::read_eval_request(nlohmann::json::parse(line), *c);
        cases.push_back(std::move(c));
    }
    auto timed = [&](iam::EvalDetail detail, std::uint64_t n, std::uint64_t& allowed) {
        allowed = 0;
        const auto start = std::chrono::steady_clock::now();
        for (std::uint64_t i = 0; i < n; ++i) {
            const iam::EvalCase& c = *cases[i % cases.size()];
            allowed += iam::evaluate(c.request, c.policies, detail).allowed() ? 1 : 0;
        }
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    std::uint64_t fast_allows = 0, matched_allows = 0;
    const double fast_seconds = timed(iam::EvalDetail::Decision, evaluations, fast_allows);
    const std::uint64_t matched_n = evaluations / 4;
    const double matched_seconds = timed(iam::EvalDetail::Matched, matched_n, matched_allows);

    auto rate = [](std::uint64_t n, double s) { return s > 0 ? static_cast<double>(n) / s : 0.0; };
    std::printf("eval: %llu distinct requests, seed %llu\n", static_cast<unsigned long long>(distinct),
                static_cast<unsigned long long>(seed));
    std::printf("json requests, uncached (parse + compile + evaluate + answer): %llu in %.3f s, %.0f requests per "
                "second (%llu allowed, %llu malformed, %llu bytes out)\n",
                static_cast<unsigned long long>(requests), parse_seconds, rate(requests, parse_seconds),
                static_cast<unsigned long long>(allows), static_cast<unsigned long long>(errors),
                static_cast<unsigned long long>(bytes));
    std::printf("json requests, policies cached within the batch (stslab eval --batch): %llu in %.3f s, %.0f requests "
                "per second (%llu policies compiled, %llu reused, %llu bytes out)\n",
                static_cast<unsigned long long>(requests), batch_seconds, rate(requests, batch_seconds),
                static_cast<unsigned long long>(batch.compiled()), static_cast<unsigned long long>(batch.reused()),
                static_cast<unsigned long long>(batch_bytes));
    std::printf("json requests through nlohmann::json (reference path for errors): %llu in %.3f s, %.0f requests per "
                "second (%llu bytes out)\n",
                static_cast<unsigned long long>(reference_n), reference_seconds, rate(reference_n, reference_seconds),
                static_cast<unsigned long long>(reference_bytes));
    std::printf("compiled evaluations (decision only): %llu in %.3f s, %.0f evaluations per second (%llu allowed)\n",
                static_cast<unsigned long long>(evaluations), fast_seconds, rate(evaluations, fast_seconds),
                static_cast<unsigned long long>(fast_allows));
    std::printf("compiled evaluations (with matched statements and message): %llu in %.3f s, %.0f per second\n",
                static_cast<unsigned long long>(matched_n), matched_seconds, rate(matched_n, matched_seconds));
    std::printf("peak memory %.1f MiB\n", peak_memory_mib());
    return errors == 0 ? 0 : 1;
}

}  // namespace

int bench(const Args& args) {
    if (args.empty()) return usage_error("bench needs a workload", kUsage);
    if (is_help(args[0])) return usage_error(HelpRequested(), kUsage);
    const Args rest(args.begin() + 1, args.end());
    try {
        if (args[0] == "kernel") return bench_kernel(rest);
        if (args[0] == "eval") return bench_eval(rest);
        if (args[0] == "world") return bench_world(rest);
    } catch (const UsageError& e) {
        return usage_error(e, kUsage);
    }
    return usage_error("unknown benchmark '" + args[0] + "'", kUsage);
}

}  // namespace stslab::cli
