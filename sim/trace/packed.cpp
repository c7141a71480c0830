#include "trace/packed.hpp"

#include <algorithm>
#include <array>
#include <cstring>
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
    kLongRef,   // varint index of a long string written inline by an earlier payload (put_inline)
    kUuid,      // 16 bytes: a UUID in its canonical lowercase form (put_inline)
};

// A UUID as CloudTrail's event and request ids are written, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" in lowercase hex:
// packed as its 16 bytes (two of them a record), and written back the same.
constexpr std::size_t kUuidText = 36;
constexpr std::uint8_t kUuidDigits[32] = {0,  1,  2,  3,  4,  5,  6,  7,  9,  10, 11, 12, 14, 15, 16, 17,
                                          19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};
// Each character's value as a lowercase hex digit, or -1.
constexpr auto kHexValue = [] {
    std::array<std::int8_t, 256> v{};
    for (int c = 0; c < 256; ++c)
        v[c] = static_cast<std::int8_t>(c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1);
    return v;
}();
// The 16 bytes of a UUID in its canonical text, or false for any other text.
bool pack_uuid(std::string_view s, std::uint8_t (&bytes)[16]) {
    if (s.size() != kUuidText || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
    for (std::size_t k = 0; k < 16; ++k) {
        const int high = kHexValue[static_cast<unsigned char>(s[kUuidDigits[2 * k]])];
        const int low = kHexValue[static_cast<unsigned char>(s[kUuidDigits[2 * k + 1]])];
        if (high < 0 || low < 0) return false;
        bytes[k] = static_cast<std::uint8_t>(high << 4 | low);
    }
    return true;
}

std::uint64_t get_varint(const std::uint8_t*& at) {
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        const std::uint8_t byte = *at++;
        v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return v;
    }
}

// The string table's hash: eight bytes at a time, each word mixed in with a multiply (std::hash's murmur took a
// quarter of the interning). Only the table's speed depends on it: ids are given in the order strings arrive.
std::uint32_t string_hash(std::string_view s) {
    constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ull;
    std::uint64_t h = s.size() * kMul;
    const char* p = s.data();
    std::size_t n = s.size();
    const auto word = [](const char* at) {
        std::uint64_t w;
        std::memcpy(&w, at, sizeof w);
        return w;
    };
    for (; n >= 8; n -= 8, p += 8) h = (h ^ word(p)) * kMul, h ^= h >> 29;
    if (n > 0) {
        std::uint64_t tail = 0;
        std::memcpy(&tail, p, n);
        h = (h ^ tail) * kMul;
    }
    h ^= h >> 32;
    return static_cast<std::uint32_t>(h * kMul >> 32);
}

}  // namespace

void PackedJsonStore::put_long_varint(std::uint64_t v) {
    while (v >= 0x80) {
        put_byte(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    put_byte(static_cast<std::uint8_t>(v));
}

void PackedJsonStore::put_shared(const std::shared_ptr<const nlohmann::json>& tree) {
    if (!tree) {
        put_byte(kNull);
        return;
    }
    const auto [it, first] = shared_ids_.try_emplace(tree.get(), static_cast<std::uint32_t>(shared_at_.size()));
    if (first) {
        shared_at_.push_back(nullptr);
        shared_kept_.push_back(tree);
        shared_pending_.emplace_back(it->second, scratch_size_);
    }
    if (first || shared_at_[it->second] == nullptr) {  // packed here (or earlier in this same payload: again)
        encode(*tree);
        return;
    }
    put_byte(kShared);
    put_varint(it->second);
}

void PackedJsonStore::put_container(std::uint8_t tag, std::size_t members) {
    inline_next_ = false;
    put_byte(tag);
    put_varint(members);
}

void PackedJsonStore::put_signed(std::int64_t v) {
    inline_next_ = false;
    put_byte(kInteger);
    put_varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));  // zigzag
}

void PackedJsonStore::put_inline(std::string_view s) {
    if (std::uint8_t bytes[16]; pack_uuid(s, bytes)) {
        put_byte(kUuid);
        put_bytes(bytes, sizeof bytes);
        return;
    }
    if (s.size() > kInternMax) {
        // A long string an earlier payload wrote (a session token: in STS's answer and again in its CloudTrail
        // record) is referred to where it is; the others are remembered once their payload is stored.
        const std::uint32_t hash = string_hash(s);
        const LongRecent& seen = long_recent_[hash & (kLongRecent - 1)];
        if (seen.id != 0 && seen.hash == hash && seen.size == s.size()) {
            const std::uint8_t* at = long_at_[seen.id - 1];
            if (get_varint(at) == s.size() && std::memcmp(at, s.data(), s.size()) == 0) {
                put_byte(kLongRef);
                put_varint(seen.id - 1);
                return;
            }
        }
        long_pending_.push_back(LongPending{scratch_size_ + 1, hash, s.size()});
    }
    put_byte(kInline);
    put_varint(s.size());
    put_bytes(s.data(), s.size());
}

void PackedJsonStore::put_string(std::string_view s) {
    const bool written_inline = inline_next_ || s.size() > kInternMax;
    inline_next_ = false;
    if (written_inline) return put_inline(s);
    put_byte(kInterned);
    put_varint(intern(s));
}

void PackedJsonStore::put_key(std::string_view k) {
    if (k.size() > kInternMax) {
        put_inline(k);
        inline_next_ = false;
        return;
    }
    const std::uint32_t id = intern(k);
    put_byte(kInterned);
    put_varint(id);
    inline_next_ = id < inline_values_.size() && inline_values_[id];
}

void PackedJsonStore::write_values_inline(std::initializer_list<std::string_view> keys) {
    for (const std::string_view k : keys) {
        const std::uint32_t id = intern(k);
        if (inline_values_.size() <= id) inline_values_.resize(id + 1);
        inline_values_[id] = true;
    }
}

std::string_view PackedJsonStore::table_string(std::uint32_t index) const {
    const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(chars_.data() + begin, ends_[index] - begin);
}

std::uint32_t PackedJsonStore::intern(std::string_view s) {
    const auto at = reinterpret_cast<std::uintptr_t>(s.data());
    // The slot: the address and length multiplied through (Fibonacci hashing), the top bits taken. The literals a
    // record writes lie a few bytes apart; xor-ing the address's bits put pairs of them in one slot, each pushing the
    // other out at every record (half the lookups hit, where now two thirds do).
    static_assert(kRecent == std::size_t{1} << 12);
    Recent& recent = recent_[((at ^ (std::uint64_t{s.size()} << 52)) * 0x9e3779b97f4a7c15ull) >> (64 - 12)];
    if (recent.data == s.data() && recent.size == s.size() &&
        (s.empty() || std::memcmp(chars_.data() + recent.begin, s.data(), s.size()) == 0))
        return recent.id;
    const Slot& slot = intern_in_table(s);
    recent = Recent{s.data(), s.size(), slot.id - 1, slot.where >> 8};
    return recent.id;
}

// A slot holds where its string's characters are, so that a lookup compares them without reading the by-index
// ends first: at a million calls the table is far larger than the cache, and that read was one more miss.
const PackedJsonStore::Slot& PackedJsonStore::intern_in_table(std::string_view s) {
    static_assert(kInternMax < 256, "a slot keeps a string's length in a byte");
    if ((ends_.size() + 1) * 4 > slots_.size() * 3) grow();
    const std::uint32_t hash = string_hash(s);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.id == 0) {
            const std::uint64_t begin = chars_.size();
            chars_.insert(chars_.end(), s.begin(), s.end());
            ends_.push_back(chars_.size());
            slot = Slot{hash, static_cast<std::uint32_t>(ends_.size()), begin << 8 | s.size()};
            return slot;
        }
        if (slot.hash == hash && (slot.where & 0xff) == s.size() &&
            (s.empty() || std::memcmp(chars_.data() + (slot.where >> 8), s.data(), s.size()) == 0))
            return slot;
    }
}

void PackedJsonStore::put_bytes(const void* data, std::size_t n) {
    if (scratch_size_ + n > scratch_.size()) grow_scratch(n);
    std::memcpy(scratch_.data() + scratch_size_, data, n);
    scratch_size_ += n;
}

void PackedJsonStore::grow_scratch(std::size_t n) {
    scratch_.resize(std::max(scratch_.size() * 2, scratch_size_ + n + 256));
}

void PackedJsonStore::grow() {
    std::vector<Slot> slots(slots_.empty() ? 1024 : slots_.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (const Slot& old : slots_) {
        if (old.id == 0) continue;
        std::size_t i = old.hash & mask;
        while (slots[i].id != 0) i = (i + 1) & mask;
        slots[i] = old;
    }
    slots_ = std::move(slots);
}

void PackedJsonStore::encode(const nlohmann::json& value) {
    using T = nlohmann::json::value_t;
    switch (value.type()) {
        case T::null: put_scalar(kNull); return;
        case T::boolean: put_scalar(value.get<bool>() ? kTrue : kFalse); return;
        case T::number_integer: put_signed(value.get<std::int64_t>()); return;
        case T::number_unsigned:
            put_scalar(kUnsigned);
            put_varint(value.get<std::uint64_t>());
            return;
        case T::number_float: {
            const double d = value.get<double>();
            std::uint8_t bytes[sizeof d];
            std::memcpy(bytes, &d, sizeof d);
            put_scalar(kFloat);
            put_bytes(bytes, sizeof d);
            return;
        }
        case T::string: put_string(value.get_ref<const std::string&>()); return;
        case T::array:
            put_container(kArray, value.size());
            for (const auto& v : value) encode(v);
            return;
        case T::object:
            put_container(kObject, value.size());
            for (auto it = value.begin(); it != value.end(); ++it) {
                put_key(it.key());
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
    std::uint8_t* at = reserve(scratch_size_);
    std::memcpy(at, scratch_.data(), scratch_size_);
    for (const auto& [id, offset] : shared_pending_) shared_at_[id] = at + offset;
    shared_pending_.clear();
    for (const LongPending& p : long_pending_) {
        long_at_.push_back(at + p.offset);
        long_recent_[p.hash & (kLongRecent - 1)] = LongRecent{p.hash, p.size, static_cast<std::uint32_t>(long_at_.size())};
    }
    long_pending_.clear();
    return at;
}

const std::uint8_t* PackedJsonStore::add(const nlohmann::json& value) {
    scratch_size_ = 0;
    shared_pending_.clear();
    long_pending_.clear();
    encode(value);
    return store_scratch();
}

PackedJsonStore::Writer::Writer(PackedJsonStore& store) : store_(store) {
    store_.scratch_size_ = 0;
    store_.shared_pending_.clear();
    store_.long_pending_.clear();
}

void PackedJsonStore::Writer::object(std::size_t members) { store_.put_container(kObject, members); }

void PackedJsonStore::Writer::array(std::size_t members) { store_.put_container(kArray, members); }

void PackedJsonStore::Writer::boolean(bool b) { store_.put_scalar(b ? kTrue : kFalse); }

void PackedJsonStore::Writer::integer(std::int64_t n) { store_.put_signed(n); }

void PackedJsonStore::Writer::null() { store_.put_scalar(kNull); }

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
        case kInterned: return std::string(table_string(static_cast<std::uint32_t>(get_varint(at))));
        case kInline: {
            const std::size_t n = get_varint(at);
            std::string s(reinterpret_cast<const char*>(at), n);
            at += n;
            return s;
        }
        case kUuid: {
            std::string s(kUuidText, '-');
            for (std::size_t k = 0; k < 16; ++k) {
                s[kUuidDigits[2 * k]] = "0123456789abcdef"[at[k] >> 4];
                s[kUuidDigits[2 * k + 1]] = "0123456789abcdef"[at[k] & 0xf];
            }
            at += 16;
            return s;
        }
        case kLongRef: {
            const std::uint8_t* written = long_at_.at(get_varint(at));
            const std::size_t n = get_varint(written);
            return std::string(reinterpret_cast<const char*>(written), n);
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
    // The string table: its characters end to end and an end offset per string.
    // The shared trees themselves are the world's (its policy documents), not counted, as a tree trace's are not.
    return chunk_bytes_ + scratch_.capacity() + chars_.capacity() + ends_.capacity() * sizeof(std::size_t) +
           slots_.capacity() * sizeof(Slot) +
           shared_ids_.size() * 32 + shared_at_.capacity() * sizeof(const std::uint8_t*) +
           shared_kept_.capacity() * sizeof(std::shared_ptr<const nlohmann::json>) +
           long_at_.capacity() * sizeof(const std::uint8_t*) + long_recent_.size() * sizeof(LongRecent);
}

}  // namespace stslab
