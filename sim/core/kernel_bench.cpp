#include "core/kernel_bench.hpp"

#include "core/error.hpp"
#include "core/kernel.hpp"
#include "trace/trace.hpp"

#include <vector>

namespace stslab {
namespace {

struct BenchState {
    std::uint64_t target = 0;
    std::uint64_t delivered = 0;
    std::uint64_t checksum = 0xcbf29ce484222325ULL;
    LabelId label;
    std::uint32_t actors = 0;
};

class BenchActor final : public Actor {
public:
    BenchActor(BenchState& state, ActorId self) : state_(state), self_(self) {}
    void receive(Kernel& kernel, const Message& message) override {
        ++state_.delivered;
        state_.checksum = (state_.checksum ^ (static_cast<std::uint64_t>(kernel.now()) * 1000003u + message.to.value)) *
                          0x100000001b3ULL;
        const ActorId to{static_cast<std::uint32_t>(kernel.rng().below(state_.actors))};
        kernel.send(self_, to, state_.label, kernel.rng().between(1, 100));
    }

private:
    BenchState& state_;
    ActorId self_;
};

}  // namespace

KernelBenchResult run_kernel_bench(const KernelBenchConfig& config, Trace* trace) {
    if (config.actors == 0) throw Error("the kernel benchmark needs at least one actor");
    if (config.in_flight == 0) throw Error("the kernel benchmark needs at least one message in flight");
    Kernel kernel(config.seed);
    if (trace) kernel.set_observer(trace);
    BenchState state;
    state.target = config.deliveries;
    state.actors = config.actors;
    state.label = kernel.label("ping");
    std::vector<BenchActor> actors;
    actors.reserve(config.actors);
    for (std::uint32_t i = 0; i < config.actors; ++i) {
        actors.emplace_back(state, ActorId{i});
        kernel.add_actor("a" + std::to_string(i), &actors.back());
    }
    for (std::uint32_t i = 0; i < config.in_flight; ++i) {
        const ActorId from{static_cast<std::uint32_t>(kernel.rng().below(config.actors))};
        const ActorId to{static_cast<std::uint32_t>(kernel.rng().below(config.actors))};
        kernel.send(from, to, state.label, kernel.rng().between(1, 100));
    }
    while (state.delivered < state.target && kernel.step()) {
    }
    return KernelBenchResult{state.delivered, kernel.now(), state.checksum};
}

}  // namespace stslab
