// The discrete-event kernel: simulated time, an ordered event queue, actors and the messages between them.
//
// Contract:
// - Events run in (time, priority, insertion sequence) order: simultaneous events always run in the same order,
//   lower priority values first, then first scheduled first.
// - Actors talk only through the kernel: send() schedules a delivery after a latency (each hop has one), and the
//   kernel calls the receiver's Actor::receive() at that time.
// - Timed actions (at()) run arbitrary code at a time; scenario steps are scheduled this way.
// - One Rng, seeded at construction, is the source of every random choice of the run.
// - An optional KernelObserver (the trace recorder, usually) hears every actor, send and delivery; with none
//   attached the kernel does no recording work at all.
#pragma once

#include "core/event_queue.hpp"
#include "core/rng.hpp"
#include "core/time.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace stslab {

// Strong ids: an actor index and an interned label index must never be confused with each other or with counts.
struct ActorId {
    std::uint32_t value = std::numeric_limits<std::uint32_t>::max();
    bool valid() const { return value != std::numeric_limits<std::uint32_t>::max(); }
    friend bool operator==(ActorId a, ActorId b) { return a.value == b.value; }
    friend bool operator!=(ActorId a, ActorId b) { return a.value != b.value; }
};
struct LabelId {
    std::uint32_t value = 0;
    friend bool operator==(LabelId a, LabelId b) { return a.value == b.value; }
    friend bool operator!=(LabelId a, LabelId b) { return a.value != b.value; }
};
using MessageId = std::uint64_t;  // 1, 2, 3... in send order; 0 means "no message"

// A message body: immutable JSON shared between the sender, the receiver and the trace (never copied).
using Payload = std::shared_ptr<const nlohmann::json>;

struct Message {
    MessageId id = 0;
    ActorId from;
    ActorId to;
    LabelId label;     // what the message is, e.g. "sts:AssumeRole" or "sts:AssumeRole response"
    SimTime sent_at = 0;
    Payload body;      // may be null
};

class Kernel;

class Actor {
public:
    virtual ~Actor() = default;
    // Called when a message addressed to this actor arrives; kernel.now() is the arrival time.
    virtual void receive(Kernel& kernel, const Message& message) = 0;
};

// Hears what happens in the kernel. Every hook has an empty default.
class KernelObserver {
public:
    virtual ~KernelObserver() = default;
    virtual void on_actor_added(ActorId /*id*/, const std::string& /*name*/) {}
    virtual void on_label_added(LabelId /*id*/, const std::string& /*name*/) {}
    virtual void on_sent(const Message& /*message*/, SimTime /*deliver_at*/) {}
    virtual void on_delivered(const Message& /*message*/, SimTime /*now*/) {}
};

// Priorities for simultaneous events (lower runs first).
namespace priority {
constexpr int kFirst = -1000;
constexpr int kNormal = 0;
constexpr int kLast = 1000;
}  // namespace priority

class Kernel {
public:
    explicit Kernel(std::uint64_t seed = 0);
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    // Registers an actor under a unique display name. The kernel does not own it; it must outlive the run.
    // `actor` may be null for a participant that only sends (a scenario's driver).
    ActorId add_actor(const std::string& name, Actor* actor);
    const std::string& actor_name(ActorId id) const { return actor_names_.at(id.value); }
    std::size_t actor_count() const { return actors_.size(); }
    // The id of a named actor, or an invalid id.
    ActorId find_actor(const std::string& name) const;

    // Interns a message label; the same text always gives the same id. Label 0 is "" (no label).
    LabelId label(const std::string& text);
    const std::string& label_name(LabelId id) const { return labels_.at(id.value); }

    // Sends a message that arrives after `latency` (>= 0). Returns its id.
    MessageId send(ActorId from, ActorId to, LabelId label, Duration latency, Payload body = nullptr,
                   int priority = priority::kNormal);

    // Runs `action` at time `when` (>= now()).
    void at(SimTime when, std::function<void(Kernel&)> action, int priority = priority::kNormal);

    // Runs the next event; false when the queue is empty.
    bool step();
    // Runs every event due at or before `until`, then sets the clock to `until` (if later). Returns the count.
    std::uint64_t run_until(SimTime until);
    // Runs until the queue is empty. Returns the count.
    std::uint64_t run();

    SimTime now() const { return now_; }
    bool idle() const { return queue_.empty(); }
    std::size_t pending() const { return queue_.size(); }
    // The time of the next event (only when !idle()).
    SimTime next_time() const { return queue_.peek().time; }
    std::uint64_t events_run() const { return events_run_; }

    Rng& rng() { return rng_; }
    void set_observer(KernelObserver* observer);

private:
    // Event payloads live in two pools; an entry's slot has kActionBit set when it names a timed action.
    static constexpr std::uint32_t kActionBit = 0x80000000u;
    template <class T> static std::uint32_t take(std::vector<T>& pool, std::vector<std::uint32_t>& free);

    SimTime now_ = 0;
    std::uint64_t events_run_ = 0;
    MessageId next_message_ = 1;
    EventQueue queue_;  // payload: a message slot, or an action slot with kActionBit
    std::vector<Message> messages_;
    std::vector<std::uint32_t> free_messages_;
    std::vector<std::function<void(Kernel&)>> actions_;
    std::vector<std::uint32_t> free_actions_;
    std::vector<Actor*> actors_;
    std::vector<std::string> actor_names_;
    std::unordered_map<std::string, std::uint32_t> actor_ids_;  // by name: a generated world has thousands
    std::vector<std::string> labels_;
    Rng rng_;
    KernelObserver* observer_ = nullptr;
};

}  // namespace stslab
