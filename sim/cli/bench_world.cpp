// `stslab bench world`: a generated organization (scenario/world_gen.hpp) run through run_scenario(), the same
// kernel, services, authorization, CloudTrail and trace code as `stslab run`, with the full trace recorded.
// Prints the simulated calls per second, the peak memory, the trace's size per event and its fingerprint.
#include "cli/bench_world.hpp"

#include "cli/options.hpp"
#include "scenario/runner.hpp"
#include "scenario/world_gen.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

namespace stslab::cli {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The resident set now, in bytes (/proc/self/statm: pages), 0 when unknown.
std::uint64_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0, resident = 0;
    if (!(statm >> size >> resident)) return 0;
    return resident * 4096;
}

// The process's CPU time so far, user and system, in seconds.
struct CpuTime {
    double user = 0, system = 0;
};
CpuTime cpu_time() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return CpuTime{seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

std::uint64_t peak_resident_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // KiB on Linux
}

}  // namespace

int bench_world(const Args& args) {
    const Options opts(args, {"accounts", "roles", "calls", "seed"}, {"no-fingerprint"});
    if (!opts.positional().empty()) throw UsageError("unexpected argument '" + opts.positional().front() + "'");
    WorldGenConfig config;
    config.accounts = opts.get_uint("accounts", config.accounts);
    config.roles = opts.get_uint("roles", config.roles);
    config.calls = opts.get_uint("calls", config.calls);
    config.seed = opts.get_uint("seed", config.seed);
    if (config.accounts == 0 || config.roles == 0) throw UsageError("--accounts and --roles must be at least 1");

    auto t0 = std::chrono::steady_clock::now();
    const Scenario scenario = generate_world(config);
    const double generate_seconds = seconds_since(t0);

    const std::uint64_t before = resident_bytes();
    const CpuTime cpu_before = cpu_time();
    t0 = std::chrono::steady_clock::now();
    // Recorded as `stslab run` records: a packed trace (trace.hpp, TraceStorage).
    const RunResult result = run_scenario(scenario, RunOptions{TraceStorage::Packed, false});
    const double run_seconds = seconds_since(t0);
    const CpuTime cpu_after = cpu_time();
    const double user = cpu_after.user - cpu_before.user, system = cpu_after.system - cpu_before.system;
    const std::uint64_t after = resident_bytes();
    const std::uint64_t peak = peak_resident_bytes();

    // What the calls did: every answer from a service is labelled "OPERATION ✓" or "OPERATION ✗ CODE".
    const Trace& trace = *result.trace;
    const std::uint64_t events = trace.size();
    const SimTime simulated = events ? trace.events().back().time : 0;
    const std::string failed_mark = " \xe2\x9c\x97 ";  // " ✗ "
    std::uint64_t calls = 0, failed = 0;
    std::map<std::string, std::uint64_t> errors;
    for (const TraceEvent& e : trace.events()) {
        if (e.kind != TraceKind::Sent) continue;
        const std::string& from = trace.actor_name(e.from);
        if (from != "STS" && from != "IAM" && from != "S3" && from != "EC2") continue;
        ++calls;
        const std::string& label = trace.label_name(e.label);
        if (const auto mark = label.find(failed_mark); mark != std::string::npos) {
            ++failed;
            ++errors[label.substr(mark + failed_mark.size())];
        }
    }

    std::printf("world: %llu accounts, %llu roles, %zu users, %zu buckets; %llu calls, seed %llu (generated in %.2f s)\n",
                static_cast<unsigned long long>(config.accounts), static_cast<unsigned long long>(config.roles),
                scenario.actors.size(), scenario.world.buckets.size(), static_cast<unsigned long long>(config.calls),
                static_cast<unsigned long long>(config.seed), generate_seconds);
    std::printf("%llu API calls answered, simulated %.1f s of AWS time in %.3f s\n", static_cast<unsigned long long>(calls),
                static_cast<double>(simulated) / 1000.0, run_seconds);
    // Also per second of the process's own CPU time, which time the machine gives other work does not count: on a
    // shared machine the wall clock's rate varies from run to run by a fifth. System time is mostly the kernel
    // handing the growing trace fresh, zeroed pages.
    std::printf("%.0f calls per second; %.0f per second of CPU time (user %.2f s, system %.2f s)\n",
                run_seconds > 0 ? static_cast<double>(calls) / run_seconds : 0.0,
                user + system > 0 ? static_cast<double>(calls) / (user + system) : 0.0, user, system);
    std::printf("%llu calls failed:", static_cast<unsigned long long>(failed));
    for (const auto& [code, count] : errors) std::printf(" %s %llu", code.c_str(), static_cast<unsigned long long>(count));
    std::printf("\n");
    // The trace's own memory per event, and (an upper bound) how much the process grew during the run per event:
    // the trace, the credentials issued, the kernel's queue.
    const std::uint64_t grown = (peak > before ? peak : after) - before;
    std::printf("%llu trace events, %.0f bytes per event (the process grew %.0f bytes per event)\n",
                static_cast<unsigned long long>(events),
                events ? static_cast<double>(trace.memory_bytes()) / static_cast<double>(events) : 0.0,
                events ? static_cast<double>(grown) / static_cast<double>(events) : 0.0);
    std::printf("peak memory %.1f MiB\n", static_cast<double>(peak) / (1024.0 * 1024.0));
    if (!opts.has("no-fingerprint")) {
        t0 = std::chrono::steady_clock::now();
        const std::string fp = fingerprint_hex(trace);
        std::printf("trace fingerprint %s (computed in %.2f s)\n", fp.c_str(), seconds_since(t0));
    }
    return 0;
}

}  // namespace stslab::cli
