#include "core/event_queue.hpp"

#include "core/error.hpp"

#include <string>

namespace stslab {
namespace {

constexpr std::uint64_t kSequenceLimit = 1ULL << 48;

std::uint64_t biased(SimTime t) { return static_cast<std::uint64_t>(t) ^ (1ULL << 63); }

}  // namespace

EventQueue::EventQueue() {
    head_.fill(kNil);
    tail_.fill(kNil);
}

void EventQueue::push(SimTime time, int priority, std::uint32_t payload) {
    if (time < floor_)
        throw Error("cannot schedule an event at " + format_offset(time) + ", before the current time " +
                    format_offset(floor_));
    if (priority < -32768 || priority > 32767) throw Error("event priority out of range: " + std::to_string(priority));
    if (sequence_ >= kSequenceLimit) throw Error("too many events scheduled in one run");
    const std::uint64_t sequence = sequence_++;
    ++size_;
    if (priority == kWheelPriority && static_cast<std::uint64_t>(time - floor_) < kWheelSpan) {
        std::uint32_t n = free_node_;
        if (n != kNil) {
            free_node_ = nodes_[n].next;
        } else {
            n = static_cast<std::uint32_t>(nodes_.size());
            nodes_.emplace_back();
        }
        nodes_[n] = Node{sequence, payload, kNil};
        const auto bucket = static_cast<std::uint32_t>(static_cast<std::uint64_t>(time) & (kWheelSpan - 1));
        if (tail_[bucket] == kNil) {
            head_[bucket] = n;
            occupied_[bucket / 64] |= 1ULL << (bucket % 64);
        } else {
            nodes_[tail_[bucket]].next = n;
        }
        tail_[bucket] = n;
        ++wheel_size_;
        return;
    }
    const auto bp = static_cast<std::uint64_t>(priority + 32768);
    const HeapEntry entry{(static_cast<Uint128>(biased(time)) << 64) | (bp << 48) | sequence, payload};
    heap_.push_back(entry);
    sift_up(heap_.size() - 1, entry);
}

void EventQueue::sift_up(std::size_t hole, const HeapEntry& entry) {
    while (hole > 0) {
        const std::size_t parent = (hole - 1) / 4;
        if (heap_[parent].key <= entry.key) break;
        heap_[hole] = heap_[parent];
        hole = parent;
    }
    heap_[hole] = entry;
}

std::uint32_t EventQueue::first_bucket() const {
    if (wheel_size_ == 0) return kNil;
    const auto start = static_cast<std::uint32_t>(static_cast<std::uint64_t>(floor_) & (kWheelSpan - 1));
    constexpr std::uint32_t kWords = kWheelSpan / 64;
    // The first word, masked to the bits at or after `start`; then whole words, wrapping around once.
    std::uint32_t word = start / 64;
    std::uint64_t bits = occupied_[word] & (~0ULL << (start % 64));
    for (std::uint32_t i = 0; i <= kWords; ++i) {
        if (bits) return word * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits));
        word = (word + 1) % kWords;
        bits = occupied_[word];
    }
    return kNil;  // unreachable while wheel_size_ > 0
}

SimTime EventQueue::bucket_time(std::uint32_t bucket) const {
    const auto start = static_cast<std::uint64_t>(floor_) & (kWheelSpan - 1);
    return floor_ + static_cast<SimTime>((bucket - start) & (kWheelSpan - 1));
}

EventQueue::Item EventQueue::item_of(const HeapEntry& e) {
    Item item;
    item.time = static_cast<SimTime>(static_cast<std::uint64_t>(e.key >> 64) ^ (1ULL << 63));
    item.priority = static_cast<std::int32_t>((static_cast<std::uint64_t>(e.key) >> 48) & 0xffff) - 32768;
    item.sequence = static_cast<std::uint64_t>(e.key) & (kSequenceLimit - 1);
    item.payload = e.payload;
    return item;
}

bool EventQueue::wheel_first(std::uint32_t bucket) const {
    if (bucket == kNil) return false;
    if (heap_.empty()) return true;
    const Item top = item_of(heap_.front());
    const SimTime t = bucket_time(bucket);
    if (t != top.time) return t < top.time;
    if (top.priority != kWheelPriority) return kWheelPriority < top.priority;
    return nodes_[head_[bucket]].sequence < top.sequence;
}

EventQueue::Item EventQueue::peek() const {
    const std::uint32_t bucket = first_bucket();
    if (wheel_first(bucket)) {
        const Node& n = nodes_[head_[bucket]];
        return Item{bucket_time(bucket), kWheelPriority, n.sequence, n.payload};
    }
    return item_of(heap_.front());
}

EventQueue::Item EventQueue::pop() {
    const std::uint32_t bucket = first_bucket();
    const Item item = wheel_first(bucket) ? pop_wheel(bucket) : pop_heap();
    floor_ = item.time;
    --size_;
    return item;
}

EventQueue::Item EventQueue::pop_wheel(std::uint32_t bucket) {
    const std::uint32_t n = head_[bucket];
    const Node node = nodes_[n];
    const Item item{bucket_time(bucket), kWheelPriority, node.sequence, node.payload};
    head_[bucket] = node.next;
    if (node.next == kNil) {
        tail_[bucket] = kNil;
        occupied_[bucket / 64] &= ~(1ULL << (bucket % 64));
    }
    nodes_[n].next = free_node_;
    free_node_ = n;
    --wheel_size_;
    return item;
}

EventQueue::Item EventQueue::pop_heap() {
    const Item item = item_of(heap_.front());
    const HeapEntry last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return item;
    // Bottom-up deletion: move the hole to a leaf along the smallest children, then sift the last entry up.
    std::size_t hole = 0;
    for (;;) {
        const std::size_t first = hole * 4 + 1;
        if (first >= n) break;
        std::size_t best = first;
        const std::size_t end = first + 4 < n ? first + 4 : n;
        for (std::size_t c = first + 1; c < end; ++c)
            if (heap_[c].key < heap_[best].key) best = c;
        heap_[hole] = heap_[best];
        hole = best;
    }
    sift_up(hole, last);
    return item;
}

}  // namespace stslab
