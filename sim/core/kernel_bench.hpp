// The kernel benchmark's workload (`stslab bench kernel`), kept in the library so tests can run it small.
//
// `in_flight` messages travel between `actors` actors; each takes a uniformly random 1..100 ms to arrive; each
// delivery sends one new message to a pseudo-random actor; the run stops after `deliveries` deliveries.
#pragma once

#include <cstdint>

namespace stslab {

class Trace;

struct KernelBenchConfig {
    std::uint64_t deliveries = 2'000'000;
    std::uint32_t actors = 1000;
    std::uint32_t in_flight = 1000;
    std::uint64_t seed = 1;
};

struct KernelBenchResult {
    std::uint64_t deliveries = 0;
    std::int64_t final_time_ms = 0;  // the simulated clock when the run stopped
    std::uint64_t checksum = 0;      // a hash of (time, receiver) of every delivery: equal runs, equal checksums
};

// Runs the workload; when `trace` is given, every send and delivery is recorded in it.
KernelBenchResult run_kernel_bench(const KernelBenchConfig& config, Trace* trace = nullptr);

}  // namespace stslab
