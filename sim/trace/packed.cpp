#include "trace/packed.hpp"

#include <cstring>
#include <functional>
#include <stdexcept>

namespace stslab {
namespace {

enum Tag : std::uint8_t {
    kNull,
    kFalse,
    kTrue,
    kInteger,   // zigzag varint
    kUnsigned,  // varint
    kFloat,     // 8 bytes
    kInterned,  // varint index into the string table
    kInline,    // varint length, then the bytes
    kArray,     // varint count, then the values
    kObject,    // varint count, then (string, value) pairs
    kShared,    // varint index of a shared tree packed earlier (put_shared)
};

std::uint64_t get_varint(const std::uint8_t*& at) {
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        const std::uint8_t byte = *at++;
        v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return v;
    }
}

}  // namespace

void PackedJsonStore::put_varint(std::uint64_t v) {
    while (v >= 0x80) {
        scratch_.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    scratch_.push_back(static_cast<std::uint8_t>(v));
}

void PackedJsonStore::put_shared(const std::shared_ptr<const nlohmann::json>& tree) {
    if (!tree) {
        scratch_.push_back(kNull);
        return;
    }
    const auto [it, first] = shared_ids_.try_emplace(tree.get(), static_cast<std::uint32_t>(shared_at_.size()));
    if (first) {
        shared_at_.push_back(nullptr);
        shared_kept_.push_back(tree);
        shared_pending_.emplace_back(it->second, scratch_.size());
    }
    if (first || shared_at_[it->second] == nullptr) {  // packed here (or earlier in this same payload: again)
        encode(*tree);
        return;
    }
    scratch_.push_back(kShared);
    put_varint(it->second);
}

void PackedJsonStore::put_signed(std::int64_t v) {
    scratch_.push_back(kInteger);
    put_varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));  // zigzag
}

void PackedJsonStore::put_string(std::string_view s) {
    if (s.size() > kInternMax) {
        scratch_.push_back(kInline);
        put_varint(s.size());
        scratch_.insert(scratch_.end(), s.begin(), s.end());
        return;
    }
    scratch_.push_back(kInterned);
    put_varint(intern(s));
}

std::uint32_t PackedJsonStore::intern(std::string_view s) {
    if ((strings_.size() + 1) * 4 > slots_.size() * 3) grow();
    const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(s));
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.id == 0) {
            strings_.emplace_back(s);
            hashes_.push_back(hash);
            string_bytes_ += s.size();
            slot = Slot{hash, static_cast<std::uint32_t>(strings_.size())};
            return slot.id - 1;
        }
        if (slot.hash == hash && strings_[slot.id - 1] == s) return slot.id - 1;
    }
}

void PackedJsonStore::grow() {
    std::vector<Slot> slots(slots_.empty() ? 1024 : slots_.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t id = 0; id < hashes_.size(); ++id) {
        std::size_t i = hashes_[id] & mask;
        while (slots[i].id != 0) i = (i + 1) & mask;
        slots[i] = Slot{hashes_[id], id + 1};
    }
    slots_ = std::move(slots);
}

void PackedJsonStore::encode(const nlohmann::json& value) {
    using T = nlohmann::json::value_t;
    switch (value.type()) {
        case T::null: scratch_.push_back(kNull); return;
        case T::boolean: scratch_.push_back(value.get<bool>() ? kTrue : kFalse); return;
        case T::number_integer: put_signed(value.get<std::int64_t>()); return;
        case T::number_unsigned:
            scratch_.push_back(kUnsigned);
            put_varint(value.get<std::uint64_t>());
            return;
        case T::number_float: {
            const double d = value.get<double>();
            std::uint8_t bytes[sizeof d];
            std::memcpy(bytes, &d, sizeof d);
            scratch_.push_back(kFloat);
            scratch_.insert(scratch_.end(), bytes, bytes + sizeof d);
            return;
        }
        case T::string: put_string(value.get_ref<const std::string&>()); return;
        case T::array:
            scratch_.push_back(kArray);
            put_varint(value.size());
            for (const auto& v : value) encode(v);
            return;
        case T::object:
            scratch_.push_back(kObject);
            put_varint(value.size());
            for (auto it = value.begin(); it != value.end(); ++it) {
                put_string(it.key());
                encode(it.value());
            }
            return;
        case T::binary:
        case T::discarded: break;
    }
    throw std::logic_error("a trace payload holds a JSON value that has no text form");
}

std::uint8_t* PackedJsonStore::reserve(std::size_t n) {
    if (used_ + n > capacity_) {
        capacity_ = n > kChunk ? n : kChunk;
        chunks_.push_back(std::make_unique<std::uint8_t[]>(capacity_));
        chunk_bytes_ += capacity_;
        used_ = 0;
    }
    std::uint8_t* at = chunks_.back().get() + used_;
    used_ += n;
    return at;
}

const std::uint8_t* PackedJsonStore::store_scratch() {
    std::uint8_t* at = reserve(scratch_.size());
    std::memcpy(at, scratch_.data(), scratch_.size());
    for (const auto& [id, offset] : shared_pending_) shared_at_[id] = at + offset;
    shared_pending_.clear();
    return at;
}

const std::uint8_t* PackedJsonStore::add(const nlohmann::json& value) {
    scratch_.clear();
    encode(value);
    return store_scratch();
}

PackedJsonStore::Writer::Writer(PackedJsonStore& store) : store_(store) {
    store_.scratch_.clear();
    store_.shared_pending_.clear();
}

void PackedJsonStore::Writer::object(std::size_t members) {
    store_.scratch_.push_back(kObject);
    store_.put_varint(members);
}

void PackedJsonStore::Writer::array(std::size_t members) {
    store_.scratch_.push_back(kArray);
    store_.put_varint(members);
}

void PackedJsonStore::Writer::boolean(bool b) { store_.scratch_.push_back(b ? kTrue : kFalse); }

void PackedJsonStore::Writer::integer(std::int64_t n) { store_.put_signed(n); }

void PackedJsonStore::Writer::null() { store_.scratch_.push_back(kNull); }

const std::uint8_t* PackedJsonStore::Writer::finish() { return store_.store_scratch(); }

nlohmann::json PackedJsonStore::decode(const std::uint8_t*& at) const {
    switch (*at++) {
        case kNull: return nullptr;
        case kFalse: return false;
        case kTrue: return true;
        case kInteger: {
            const std::uint64_t z = get_varint(at);
            return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
        }
        case kUnsigned: return get_varint(at);
        case kFloat: {
            double d;
            std::memcpy(&d, at, sizeof d);
            at += sizeof d;
            return d;
        }
        case kInterned: return strings_[get_varint(at)];
        case kInline: {
            const std::size_t n = get_varint(at);
            std::string s(reinterpret_cast<const char*>(at), n);
            at += n;
            return s;
        }
        case kArray: {
            nlohmann::json a = nlohmann::json::array();
            for (std::uint64_t n = get_varint(at); n > 0; --n) a.push_back(decode(at));
            return a;
        }
        case kShared: {
            const std::uint8_t* tree = shared_at_[get_varint(at)];
            return decode(tree);
        }
        case kObject: {
            nlohmann::json o = nlohmann::json::object();
            for (std::uint64_t n = get_varint(at); n > 0; --n) {
                const nlohmann::json key = decode(at);
                o[key.get_ref<const std::string&>()] = decode(at);
            }
            return o;
        }
        default: break;
    }
    throw std::logic_error("corrupt packed trace payload");
}

nlohmann::json PackedJsonStore::get(const std::uint8_t* at) const { return decode(at); }

std::size_t PackedJsonStore::memory_bytes() const {
    // Each table string: its characters (when longer than the 15 kept inside it) and its 32-byte object.
    // The shared trees themselves are the world's (its policy documents), not counted, as a tree trace's are not.
    return chunk_bytes_ + scratch_.capacity() + string_bytes_ + strings_.size() * 32 +
           hashes_.capacity() * sizeof(std::uint32_t) + slots_.capacity() * sizeof(Slot) +
           shared_ids_.size() * 32 + shared_at_.capacity() * sizeof(const std::uint8_t*) +
           shared_kept_.capacity() * sizeof(std::shared_ptr<const nlohmann::json>);
}

}  // namespace stslab
