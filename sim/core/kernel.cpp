#include "core/kernel.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <utility>

namespace stslab {

Kernel::Kernel(std::uint64_t seed) : rng_(seed) { labels_.emplace_back(); }

ActorId Kernel::add_actor(const std::string& name, Actor* actor) {
    const ActorId id{static_cast<std::uint32_t>(actors_.size())};
    if (!actor_ids_.emplace(name, id.value).second) throw Error("an actor named '" + name + "' already exists");
    actors_.push_back(actor);
    actor_names_.push_back(name);
    if (observer_) observer_->on_actor_added(id, name);
    return id;
}

ActorId Kernel::find_actor(const std::string& name) const {
    const auto it = actor_ids_.find(name);
    return it == actor_ids_.end() ? ActorId{} : ActorId{it->second};
}

LabelId Kernel::label(const std::string& text) {
    // Labels are few (one per kind of call), so a linear search beats a map here.
    const auto it = std::find(labels_.begin(), labels_.end(), text);
    if (it != labels_.end()) return LabelId{static_cast<std::uint32_t>(it - labels_.begin())};
    const LabelId id{static_cast<std::uint32_t>(labels_.size())};
    labels_.push_back(text);
    if (observer_) observer_->on_label_added(id, text);
    return id;
}

void Kernel::set_observer(KernelObserver* observer) {
    observer_ = observer;
    if (!observer_) return;
    // A late observer still learns the names it will see.
    for (std::size_t i = 0; i < actor_names_.size(); ++i)
        observer_->on_actor_added(ActorId{static_cast<std::uint32_t>(i)}, actor_names_[i]);
    for (std::size_t i = 1; i < labels_.size(); ++i)
        observer_->on_label_added(LabelId{static_cast<std::uint32_t>(i)}, labels_[i]);
}

template <class T>
std::uint32_t Kernel::take(std::vector<T>& pool, std::vector<std::uint32_t>& free) {
    if (!free.empty()) {
        const std::uint32_t slot = free.back();
        free.pop_back();
        return slot;
    }
    if (pool.size() >= kActionBit) throw Error("too many events in flight at once");
    pool.emplace_back();
    return static_cast<std::uint32_t>(pool.size() - 1);
}

MessageId Kernel::send(ActorId from, ActorId to, LabelId label, Duration latency, Payload body, int priority) {
    if (latency < 0) throw Error("a message cannot arrive before it is sent (latency " + std::to_string(latency) + " ms)");
    if (!to.valid() || to.value >= actors_.size()) throw Error("message sent to an unknown actor");
    const std::uint32_t slot = take(messages_, free_messages_);
    Message& m = messages_[slot];
    m.id = next_message_++;
    m.from = from;
    m.to = to;
    m.label = label;
    m.sent_at = now_;
    m.body = std::move(body);
    queue_.push(now_ + latency, priority, slot);
    if (observer_) observer_->on_sent(m, now_ + latency);
    return m.id;
}

void Kernel::at(SimTime when, std::function<void(Kernel&)> action, int priority) {
    if (when < now_)
        throw Error("cannot schedule an action at " + format_offset(when) + ", before the current time " +
                    format_offset(now_));
    if (!action) throw Error("cannot schedule an empty action");
    const std::uint32_t slot = take(actions_, free_actions_);
    actions_[slot] = std::move(action);
    queue_.push(when, priority, slot | kActionBit);
}

bool Kernel::step() {
    if (queue_.empty()) return false;
    const EventQueue::Item entry = queue_.pop();
    now_ = entry.time;
    ++events_run_;
    // Move the event out of its pool first: handling it may schedule more events, which may reuse or
    // reallocate the pools.
    if (entry.payload & kActionBit) {
        const std::uint32_t slot = entry.payload & ~kActionBit;
        const std::function<void(Kernel&)> action = std::move(actions_[slot]);
        actions_[slot] = nullptr;
        free_actions_.push_back(slot);
        action(*this);
    } else {
        const Message message = std::move(messages_[entry.payload]);
        free_messages_.push_back(entry.payload);
        if (observer_) observer_->on_delivered(message, now_);
        if (Actor* actor = actors_[message.to.value]) actor->receive(*this, message);
    }
    return true;
}

std::uint64_t Kernel::run_until(SimTime until) {
    std::uint64_t count = 0;
    while (!queue_.empty() && queue_.peek().time <= until) {
        step();
        ++count;
    }
    if (until > now_) now_ = until;
    return count;
}

std::uint64_t Kernel::run() {
    std::uint64_t count = 0;
    while (step()) ++count;
    return count;
}

}  // namespace stslab
