// The trace: an append-only, typed record of one run, and what the replay, the CLI and the tests read.
//
// The kernel feeds it message events through the KernelObserver interface; the world (later layers) appends
// decisions, credentials, world changes and narration with add(). Events are never changed once appended,
// so a viewer can move a cursor over them back and forth without re-simulating.
//
// Writers: one readable text line per event, or one JSON object per line (JSON lines). fingerprint() is the
// 64-bit FNV-1a hash of the JSON-lines form: two runs with equal fingerprints recorded the same events.
//
// Storage: a Tree trace keeps every payload as the JSON tree it was given (shared with the kernel's messages,
// Trace::tree()), which the viewer points into. A Packed trace (for long runs and the command line) packs each
// payload as it arrives (packed.hpp, several times smaller); data() gives it back.
// Both give the same JSON lines, byte for byte, and so the same fingerprint.
#pragma once

#include "core/json_writer.hpp"
#include "core/kernel.hpp"
#include "trace/packed.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace stslab {

enum class TraceKind : std::uint8_t {
    Sent,              // a message left its sender
    Delivered,         // a message reached its receiver
    Decision,          // an authorization decision, with its explanation
    CredentialIssued,  // credentials came into being (long-term keys at load, STS answers later)
    CredentialExpired, // credentials passed their expiry
    WorldChanged,      // the world changed (a policy put, an object written, an instance stopped)
    Narration,         // the text a step shows while it replays
    Step,              // a scenario step began
    CloudTrail,        // a CloudTrail record was written
    Check,             // a step's expectation was checked (passed or failed)
    TokenIssued,       // an identity provider issued a SAML assertion or an OIDC ID token
};

// The name used in JSON lines and text ("sent", "delivered", "decision", ...).
const char* to_string(TraceKind kind);

struct TraceEvent {
    static constexpr std::uint32_t kNone = 0xffffffffu;

    SimTime time = 0;
    TraceKind kind = TraceKind::Sent;
    std::uint32_t from = kNone;   // actor index (Sent/Delivered; optional for others)
    std::uint32_t to = kNone;     // actor index
    std::uint32_t label = 0;      // label index; 0 = none
    MessageId message = 0;        // Sent/Delivered: the message; others: the message it concerns, or 0
    SimTime arrives = 0;          // Sent: when it will be delivered
    // The payload (the message's body, or the event's details; a string member "summary" is what the text writer
    // prints for a non-message event) is the trace's: Trace::data(), or Trace::tree() in a Tree trace. An event
    // does not carry it: a long run's Packed trace has no use for a pointer per event.
};

// A payload kept in the form it was made in, and written as JSON only when it is read: a decision keeps its
// request and the policies it was made with (aws/pinned.hpp), and its explanation is worked out again on reading
// instead of being written out for every call of a long run. json() must give the same value every time.
class DeferredPayload {
public:
    virtual ~DeferredPayload() = default;
    virtual nlohmann::json json() const = 0;
    virtual std::size_t memory_bytes() const = 0;  // what it holds, its own size included (an estimate)
};

enum class TraceStorage : std::uint8_t {
    Tree,    // payloads kept as JSON trees, Trace::tree() (the viewer)
    Packed,  // payloads packed as they arrive; read them with Trace::data() (long runs, the command line)
};

class Trace : public KernelObserver {
public:
    explicit Trace(EpochMs start = 0, TraceStorage storage = TraceStorage::Tree);

    EpochMs start() const { return start_; }
    TraceStorage storage() const { return storage_; }
    // A deque: appending never moves (or copies) the events already recorded, and a long run never holds two
    // arrays of them at once, as a growing vector would.
    const std::deque<TraceEvent>& events() const { return events_; }
    std::size_t size() const { return events_.size(); }
    const TraceEvent& operator[](std::size_t i) const { return events_[i]; }

    // Whether event `index` has a payload, and the payload (null JSON when it has none), in either storage.
    bool has_data(std::size_t index) const;
    nlohmann::json data(std::size_t index) const;
    // A Tree trace's payload of event `index` as it keeps it (shared with the kernel's message), or null: null for
    // every event of a Packed trace.
    const nlohmann::json* tree(std::size_t index) const {
        return storage_ == TraceStorage::Tree ? trees_[index].get() : nullptr;
    }
    // The memory the recorded events hold: the events, and their payloads when packed (shared trees not counted).
    std::size_t memory_bytes() const;

    const std::string& actor_name(std::uint32_t index) const;
    std::uint32_t actor_count() const { return static_cast<std::uint32_t>(actors_.size()); }
    const std::string& label_name(std::uint32_t index) const;

    // Appends a non-message event. `data` may be null.
    void add(SimTime time, TraceKind kind, Payload data, MessageId message = 0,
             std::uint32_t actor = TraceEvent::kNone);
    // Appends a non-message event whose payload `write(writer)` writes member by member (core/json_writer.hpp):
    // straight into the store of a Packed trace, as a tree in a Tree trace. The same JSON either way.
    template <class Write>
    void add_written(SimTime time, TraceKind kind, Write&& write, MessageId message = 0,
                     std::uint32_t actor = TraceEvent::kNone) {
        if (storage_ == TraceStorage::Packed) {
            PackedJsonStore::Writer w(*store_);
            write(w);
            packed_.push_back(w.finish());
            events_.push_back(event(time, kind, message, actor));
            return;
        }
        JsonTreeWriter w;
        write(w);
        add(time, kind, std::make_shared<const nlohmann::json>(w.take()), message, actor);
    }
    // Appends a non-message event whose payload is `payload.json()`: kept as it is in a Packed trace and written
    // when read, written now in a Tree trace.
    void add_deferred(SimTime time, TraceKind kind, std::shared_ptr<const DeferredPayload> payload,
                      MessageId message = 0, std::uint32_t actor = TraceEvent::kNone);
    // A Packed trace writes the string values of these keys inline (PackedJsonStore::write_values_inline).
    void write_values_inline(std::initializer_list<std::string_view> keys) {
        if (store_) store_->write_values_inline(keys);
    }
    // Appends a label to the trace's own table (for events the kernel did not label).
    std::uint32_t intern_label(const std::string& text);

    // KernelObserver
    void on_actor_added(ActorId id, const std::string& name) override;
    void on_label_added(LabelId id, const std::string& name) override;
    void on_sent(const Message& message, SimTime deliver_at) override;
    void on_delivered(const Message& message, SimTime now) override;

private:
    void keep(const TraceEvent& event, Payload data);  // appends, packing the payload in a Packed trace
    static TraceEvent event(SimTime time, TraceKind kind, MessageId message, std::uint32_t actor);

    EpochMs start_;
    TraceStorage storage_;
    std::deque<TraceEvent> events_;
    std::deque<Payload> trees_;                    // Tree: each event's payload, or null
    std::deque<const std::uint8_t*> packed_;      // Packed: each event's payload in store_, or null, or
                                                   // kDeferred: the payload is in deferred_
    // Packed: the deferred payloads, by event index, in the order of the events.
    std::vector<std::pair<std::size_t, std::shared_ptr<const DeferredPayload>>> deferred_;
    std::size_t deferred_bytes_ = 0;
    const DeferredPayload* deferred_at(std::size_t index) const;
    std::shared_ptr<PackedJsonStore> store_;       // Packed only; shared by copies of the trace (it only grows)
    std::vector<std::string> actors_;
    std::vector<std::string> labels_;
};

// Why a decision (a Decision event's payload) refused: the evaluation step that denied, in words ("The role's trust
// policy allows this principal this action only under a condition that does not hold: ..."), or in Korean (the
// step's detail_ko); "" for an Allow.
std::string refusal_reason(const nlohmann::json& decision, bool in_korean = false);

// A sentence of a decision's explanation, in English and in Korean.
struct ExplanationSentence {
    std::string en, ko;
};
// Every sentence of a decision's explanation (a Decision event's payload), in the order the viewer's inspector shows
// them: the summary, each evaluation step's detail, each statement's action, resource and principal detail (a
// member missing is an empty text). None for a decision without an explanation.
std::vector<ExplanationSentence> explanation_sentences(const nlohmann::json& decision);

// One event as a JSON object: {"seq", "t", "time", "kind", and the fields that apply}.
nlohmann::json to_json(const Trace& trace, std::size_t index);
// One readable line (no newline). `time_width`: the time is right-aligned in that many characters, so that the
// columns after it stay put once a run passes ten hours ("+10:00:00.000" is one character wider). `in_korean`: a
// narration's Korean text and a refusal's reason in Korean (the rest, AWS's words and the sandbox's, as they are).
std::string to_text(const Trace& trace, std::size_t index, std::size_t time_width = 0, bool in_korean = false);

void write_text(const Trace& trace, std::ostream& out, bool in_korean = false);
void write_jsonl(const Trace& trace, std::ostream& out);

// FNV-1a 64 over the JSON-lines form, and that value as 16 lower-case hex digits.
std::uint64_t fingerprint(const Trace& trace);
std::string fingerprint_hex(const Trace& trace);

}  // namespace stslab
