// `stslab bench WHAT ...`: speed and memory measurements. Targets are met here, never in timed unit tests.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/kernel_bench.hpp"
#include "trace/trace.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace stslab::cli {
namespace {

constexpr const char* kUsage =
    "stslab bench kernel [--events N] [--actors K] [--in-flight M] [--seed S] [--trace]";

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

}  // namespace

int bench(const Args& args) {
    if (args.empty()) return usage_error("bench needs a workload", kUsage);
    const Args rest(args.begin() + 1, args.end());
    try {
        if (args[0] == "kernel") return bench_kernel(rest);
    } catch (const UsageError& e) {
        return usage_error(e.what(), kUsage);
    }
    return usage_error("unknown benchmark '" + args[0] + "'", kUsage);
}

}  // namespace stslab::cli
