// A compact, lossless store for the JSON payloads of a long trace (TraceStorage::Packed in trace.hpp).
//
// A payload is encoded into a byte stream: one tag byte per value, integers as (zigzag) varints, doubles as their
// 8 bytes, arrays and objects as a count then their members. Strings up to kInternMax bytes (every object key,
// and the values that repeat from event to event: ARNs, actions, policy names, the explanation's sentences) are
// stored once in the store's string table and referred to by a varint index; longer strings (session tokens,
// secrets) are written inline, and a later payload that repeats one lately written (a session token in its
// CloudTrail record and again in STS's answer) refers to it there. A UUID written inline (CloudTrail's event and
// request ids) takes its 16 bytes. Decoding gives back the same JSON value, type for type (signed, unsigned and
// floating numbers stay what they were), so its dump() is byte for byte the dump() of the original.
//
// A tree shared by many payloads (Writer::shared: the policy documents every decision lists) is packed once, where
// it first occurs, and later payloads refer to those bytes.
//
// The bytes live in fixed-size chunks that never move, so a stored payload is named by a plain pointer, and
// growing the store never copies what is already there.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace stslab {

class PackedJsonStore {
public:
    static constexpr std::size_t kInternMax = 96;  // longer strings are written inline

    PackedJsonStore() = default;
    PackedJsonStore(const PackedJsonStore&) = delete;
    PackedJsonStore& operator=(const PackedJsonStore&) = delete;

    // Writes the string values of these object keys inline, never in the string table: values that seldom repeat
    // (ids drawn at random, one-off sentences) would only grow the table that every other string is looked up in.
    // The encoding changes, not what get() gives back.
    void write_values_inline(std::initializer_list<std::string_view> keys);

    // Stores `value`; the returned pointer names it until the store is destroyed.
    const std::uint8_t* add(const nlohmann::json& value);
    // The value stored at `at` (a pointer add() returned).
    nlohmann::json get(const std::uint8_t* at) const;

    // Bytes held: the chunks, the string table and its index (an estimate of the index's nodes).
    std::size_t memory_bytes() const;

    // Writes one payload member by member (core/json_writer.hpp), in the encoding add() gives a tree, so that
    // get() of what finish() returns is the tree a JsonTreeWriter would have built from the same calls. One
    // writer at a time; nothing else may be added to the store until finish().
    class Writer {
    public:
        explicit Writer(PackedJsonStore& store);
        void object(std::size_t members);
        void array(std::size_t members);
        void key(std::string_view key) { store_.put_key(key); }
        void string(std::string_view text) { store_.put_string(text); }
        void boolean(bool b);
        void integer(std::int64_t n);
        void null();
        void value(const nlohmann::json& tree) { store_.encode(tree); }
        // A tree shared by many payloads (a policy document): packed the first time, referred to afterwards.
        // The store keeps it alive. Null writes null.
        void shared(const std::shared_ptr<const nlohmann::json>& tree) { store_.put_shared(tree); }
        const std::uint8_t* finish();

    private:
        PackedJsonStore& store_;
    };

private:
    void encode(const nlohmann::json& value);
    nlohmann::json decode(const std::uint8_t*& at) const;
    void put_varint(std::uint64_t v) {  // inline: most are string ids and counts under 128, one byte
        if (v < 0x80 && scratch_size_ < scratch_.size()) {
            scratch_[scratch_size_++] = static_cast<std::uint8_t>(v);
            return;
        }
        put_long_varint(v);
    }
    void put_long_varint(std::uint64_t v);
    void put_shared(const std::shared_ptr<const nlohmann::json>& tree);
    void put_container(std::uint8_t tag, std::size_t members);  // an array's or object's tag and count
    void put_signed(std::int64_t v);  // an integer value: its tag, then the zigzag varint
    void put_string(std::string_view s);  // a string value
    void put_key(std::string_view k);     // an object's key
    void put_inline(std::string_view s);
    void put_scalar(std::uint8_t tag) {  // null, true, false
        inline_next_ = false;
        put_byte(tag);
    }
    std::uint8_t* reserve(std::size_t n);  // room for n more bytes of the current payload
    const std::uint8_t* store_scratch();   // copies the encoded payload into the chunks

    static constexpr std::size_t kChunk = 1 << 20;
    std::vector<std::unique_ptr<std::uint8_t[]>> chunks_;
    std::size_t used_ = kChunk;  // bytes used in the last chunk
    std::size_t capacity_ = 0;   // size of the last chunk
    std::size_t chunk_bytes_ = 0;
    // The payload being encoded: bytes [0, scratch_size_) of scratch_, written through put_byte / put_bytes (on
    // this hot path std::vector::push_back is a call per byte).
    std::vector<std::uint8_t> scratch_;
    std::size_t scratch_size_ = 0;
    void put_byte(std::uint8_t b) {
        if (scratch_size_ == scratch_.size()) grow_scratch(1);
        scratch_[scratch_size_++] = b;
    }
    void put_bytes(const void* data, std::size_t n);
    void grow_scratch(std::size_t n);
    // The string table: strings by index, and an open-addressing index over them (each slot holds a string's
    // hash, index + 1 (0 is an empty slot) and where its characters are), kept at most three quarters full.
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t id = 0;     // index + 1
        std::uint64_t where = 0;  // offset in chars_ << 8 | length
    };
    std::uint32_t intern(std::string_view s);
    const Slot& intern_in_table(std::string_view s);
    void grow();
    // The strings interned lately, by where their characters were: most keys are literals and most values are the
    // world's own strings (ARNs, names), interned again and again from the same address. A hit still compares the
    // characters, so an address reused for other text only misses. Direct-mapped: one entry per slot.
    struct Recent {
        const char* data = nullptr;
        std::size_t size = ~std::size_t{0};  // matches nothing
        std::uint32_t id = 0;
        std::uint64_t begin = 0;  // offset of its characters in chars_
    };
    static constexpr std::size_t kRecent = 4096;
    std::vector<Recent> recent_ = std::vector<Recent>(kRecent);
    // The table's strings, end to end in one buffer (no allocation per string): string i is
    // chars_[ends_[i - 1], ends_[i]).
    std::string_view table_string(std::uint32_t index) const;
    std::vector<char> chars_;
    std::vector<std::size_t> ends_;  // by index
    std::vector<Slot> slots_;
    std::vector<bool> inline_values_;  // by string id: the keys whose values are written inline
    bool inline_next_ = false;         // the last key written is one of them
    // Shared trees: where each was packed (null until the payload holding it is stored), by the tree's address;
    // the trees are kept so that an address is never reused for another tree.
    std::unordered_map<const nlohmann::json*, std::uint32_t> shared_ids_;
    std::vector<const std::uint8_t*> shared_at_;
    std::vector<std::shared_ptr<const nlohmann::json>> shared_kept_;
    std::vector<std::pair<std::uint32_t, std::size_t>> shared_pending_;  // (id, offset in scratch_)
    // Long strings (over kInternMax) written inline: where each is (its length, then its characters) in the chunks,
    // and the latest ones by hash, direct-mapped, so that a later payload refers to one instead of writing it again.
    struct LongRecent {
        std::uint32_t hash = 0;
        std::size_t size = 0;
        std::uint32_t id = 0;  // index in long_at_ + 1; 0: empty
    };
    struct LongPending {
        std::size_t offset;  // of the length, in scratch_
        std::uint32_t hash;
        std::size_t size;
    };
    static constexpr std::size_t kLongRecent = 1024;
    std::vector<const std::uint8_t*> long_at_;
    std::vector<LongRecent> long_recent_ = std::vector<LongRecent>(kLongRecent);
    std::vector<LongPending> long_pending_;  // written into the payload being encoded
};

}  // namespace stslab
