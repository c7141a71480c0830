// The kernel's event queue: a calendar queue in front of a heap, ordered by (time, priority, insertion sequence).
//
// Most events of a simulation are due soon (a message hop takes milliseconds) and have the normal priority.
// Those go into a timing wheel: one FIFO list per millisecond of the next kWheelSpan ms, plus a bitmap of the
// non-empty lists, so scheduling and taking the next event cost O(1). Everything else (other priorities, times
// further ahead) goes into a 4-ary heap keyed by one 128-bit number. pop() takes whichever of the two heads comes
// first, so the order is exactly (time, priority, sequence) whichever structure an event sits in.
//
// Invariant: every wheel event's time lies in [floor, floor + kWheelSpan), where floor is the time of the last
// event popped; events are never pushed before the floor. So a bucket index identifies one time.
#pragma once

#include "core/rng.hpp"  // Uint128
#include "core/time.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace stslab {

class EventQueue {
public:
    struct Item {
        SimTime time = 0;
        std::int32_t priority = 0;
        std::uint64_t sequence = 0;  // insertion order, from 0
        std::uint32_t payload = 0;   // the caller's handle
    };

    EventQueue();

    // Schedules `payload` at `time` (>= floor()) with `priority` in [-32768, 32767]. Throws Error otherwise.
    void push(SimTime time, int priority, std::uint32_t payload);
    // Takes the first event in (time, priority, sequence) order. The queue must not be empty.
    Item pop();
    // The first event without taking it. The queue must not be empty.
    Item peek() const;

    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    // The time of the last event popped (0 before any): nothing may be scheduled before it.
    SimTime floor() const { return floor_; }

private:
    static constexpr std::size_t kWheelSpan = 4096;  // ms covered by the wheel; a power of two
    static constexpr std::uint32_t kNil = 0xffffffffu;
    static constexpr int kWheelPriority = 0;

    struct Node {
        std::uint64_t sequence;
        std::uint32_t payload;
        std::uint32_t next;
    };
    struct HeapEntry {
        Uint128 key;  // biased time (high 64 bits), biased priority (16 bits), sequence (48 bits)
        std::uint32_t payload;
    };

    // The first non-empty wheel bucket at or after the floor's, or kNil.
    std::uint32_t first_bucket() const;
    SimTime bucket_time(std::uint32_t bucket) const;
    static Item item_of(const HeapEntry& e);
    Item pop_wheel(std::uint32_t bucket);
    Item pop_heap();
    // Moves `entry`, placed at `hole`, up to where it belongs in the heap.
    void sift_up(std::size_t hole, const HeapEntry& entry);
    // Whether the wheel's head in `bucket` comes before the heap's top.
    bool wheel_first(std::uint32_t bucket) const;

    SimTime floor_ = 0;
    std::uint64_t sequence_ = 0;
    std::size_t size_ = 0;
    std::size_t wheel_size_ = 0;

    std::vector<Node> nodes_;
    std::uint32_t free_node_ = kNil;
    std::array<std::uint32_t, kWheelSpan> head_;
    std::array<std::uint32_t, kWheelSpan> tail_;
    std::array<std::uint64_t, kWheelSpan / 64> occupied_{};

    std::vector<HeapEntry> heap_;  // 4-ary min-heap
};

}  // namespace stslab
