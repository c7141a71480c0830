#include "trace/trace.hpp"

#include "core/text.hpp"
#include "trace/label_notes.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace stslab {
namespace {

const std::string kUnknown = "?";
// packed_'s mark for an event whose payload is deferred (an address no payload in the store can have).
const std::uint8_t kDeferredMark = 0;
const std::uint8_t* const kDeferred = &kDeferredMark;

void set_at(std::vector<std::string>& table, std::uint32_t index, const std::string& name) {
    if (table.size() <= index) table.resize(index + 1);
    table[index] = name;
}

struct Fnv1a {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    void add(const std::string& s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
    }
};

// A string member of `data`, "" when it has none.
std::string text_member(const nlohmann::json& data, const char* key) {
    const auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The line's text in Korean for the events the sandbox words itself (a decision, credentials issued or expired, a
// step, a check, a CloudTrail record, a world change), built from the payload's members and the English summary; ""
// keeps the English. AWS's words (actions, ARNs, error codes, the
// expectation as the file writes it) stay as they are, as in the explanations.
std::string korean_line(TraceKind kind, const nlohmann::json& data, const std::string& summary) {
    switch (kind) {
        case TraceKind::Decision: {
            const std::string decision = text_member(data, "decision"), action = text_member(data, "action"),
                              resource = text_member(data, "resource"), label = text_member(data, "label");
            std::string line = (decision == "Allow" ? "허용 " : "거부 ") + action + ", 리소스 " + resource;
            // What the label adds to "ACTION on RESOURCE": " (at the access point hr-ap)".
            if (const std::string asked = action + " on " + resource; starts_with(label, asked))
                line += korean_label_note(label.substr(asked.size()));
            if (decision == "ExplicitDeny") line += " (명시적 거부)";
            else if (decision == "ImplicitDeny") line += " (암시적 거부)";
            return line;
        }
        case TraceKind::CredentialIssued: {
            const std::string key = text_member(data, "access_key_id"), principal = text_member(data, "principal");
            if (!data.contains("issued")) return principal + "의 장기 액세스 키 " + key + " 보유";  // the actor's own, at load
            const std::string expires = text_member(data, "expires");
            return text_member(data, "holder") + "에게 " + key + " 발급 (" + principal + "), " +
                   (expires.empty() ? std::string("장기 액세스 키") : "만료 " + expires);
        }
        case TraceKind::CredentialExpired:
            return text_member(data, "principal") + "의 자격 증명 " + text_member(data, "access_key_id") + " 만료";
        case TraceKind::Check: {
            const std::string step = text_member(data, "step");
            return data.value("passed", false) ? "통과 " + step + ": 예상 " + text_member(data, "expected_ko")
                                               : "실패 " + step + ": " + text_member(data, "detail_ko");
        }
        case TraceKind::Step: {  // "ID: ACTOR CALL", a handler's action then " (handling 'TYPE')"
            static const std::string kHandling = " (handling '";
            const std::size_t at = summary.rfind(kHandling);
            if (at == std::string::npos || summary.size() < at + kHandling.size() + 2) return "";
            return summary.substr(0, at) + " ('" + summary.substr(at + kHandling.size(), summary.size() - at - kHandling.size() - 2) +
                   "' 처리 중)";
        }
        case TraceKind::TokenIssued: {
            static const std::pair<const char*, const char*> kWhat[] = {
                {"SAML assertion", "SAML 어설션"}, {"access portal token", "액세스 포털 토큰"},
                {"access token", "액세스 토큰"}, {"ID token", "ID 토큰"}, {"presigned URL", "미리 서명된 URL"}};
            std::string what = text_member(data, "what");
            for (const auto& [en, ko] : kWhat)
                if (what == en) what = ko;
            const std::string user = text_member(data, "user"), save = text_member(data, "save"), to = text_member(data, "to"),
                              tampered = text_member(data, "tampered");
            return (user == "a guest" ? std::string("게스트") : user) + "의 " + what + " 발급" +
                   (tampered.empty() ? "" : ", 서명 후 변조됨(" + tampered + ")") +
                   (save.empty() ? "" : " (저장 이름: " + save + ")") + (to.empty() ? "" : ", " + to + "에게 전달");
        }
        case TraceKind::CloudTrail: {  // "CloudTrail ACCOUNT: EVENT by WHO[ -> ERROR]"
            const std::size_t by = summary.find(" by ");
            return by == std::string::npos ? "" : summary.substr(0, by) + ", 호출자 " + summary.substr(by + 4);
        }
        case TraceKind::WorldChanged: return text_member(data, "summary_ko");  // the service wrote both
        default: return "";
    }
}

}  // namespace

const char* to_string(TraceKind kind) {
    switch (kind) {
        case TraceKind::Sent: return "sent";
        case TraceKind::Delivered: return "delivered";
        case TraceKind::Decision: return "decision";
        case TraceKind::CredentialIssued: return "credential-issued";
        case TraceKind::CredentialExpired: return "credential-expired";
        case TraceKind::WorldChanged: return "world-changed";
        case TraceKind::Narration: return "narration";
        case TraceKind::Step: return "step";
        case TraceKind::CloudTrail: return "cloudtrail";
        case TraceKind::Check: return "check";
        case TraceKind::TokenIssued: return "token-issued";
    }
    return "unknown";
}

Trace::Trace(EpochMs start, TraceStorage storage) : start_(start), storage_(storage) {
    labels_.emplace_back();
    if (storage_ == TraceStorage::Packed) store_ = std::make_shared<PackedJsonStore>();
}

void Trace::keep(const TraceEvent& event, Payload data) {
    if (storage_ == TraceStorage::Packed) {
        packed_.push_back(data ? store_->add(*data) : nullptr);
    } else {
        trees_.push_back(std::move(data));
    }
    events_.push_back(event);
}

bool Trace::has_data(std::size_t index) const {
    return storage_ == TraceStorage::Packed ? packed_[index] != nullptr : trees_[index] != nullptr;
}

const DeferredPayload* Trace::deferred_at(std::size_t index) const {
    const auto it = std::lower_bound(deferred_.begin(), deferred_.end(), index,
                                     [](const auto& entry, std::size_t i) { return entry.first < i; });
    return it != deferred_.end() && it->first == index ? it->second.get() : nullptr;
}

nlohmann::json Trace::data(std::size_t index) const {
    if (storage_ == TraceStorage::Packed) {
        if (packed_[index] == kDeferred) return deferred_at(index)->json();
        return packed_[index] ? store_->get(packed_[index]) : nlohmann::json();
    }
    return trees_[index] ? *trees_[index] : nlohmann::json();
}

namespace {
// A deque's blocks (libstdc++: 512 bytes, or one element when it is larger) and its map of them (an estimate).
template <class T>
std::size_t deque_bytes(const std::deque<T>& d) {
    constexpr std::size_t per_block = sizeof(T) < 512 ? 512 / sizeof(T) : 1;
    const std::size_t blocks = d.size() / per_block + 1;
    return blocks * per_block * sizeof(T) + blocks * sizeof(void*);
}
}  // namespace

std::size_t Trace::memory_bytes() const {
    return deque_bytes(events_) + (storage_ == TraceStorage::Packed ? deque_bytes(packed_) : deque_bytes(trees_)) +
           (store_ ? store_->memory_bytes() : 0) + deferred_.capacity() * sizeof(deferred_.front()) + deferred_bytes_;
}

const std::string& Trace::actor_name(std::uint32_t index) const {
    return index < actors_.size() ? actors_[index] : kUnknown;
}

const std::string& Trace::label_name(std::uint32_t index) const {
    return index < labels_.size() ? labels_[index] : kUnknown;
}

TraceEvent Trace::event(SimTime time, TraceKind kind, MessageId message, std::uint32_t actor) {
    TraceEvent e;
    e.time = time;
    e.kind = kind;
    e.from = actor;
    e.message = message;
    return e;
}

void Trace::add(SimTime time, TraceKind kind, Payload data, MessageId message, std::uint32_t actor) {
    keep(event(time, kind, message, actor), std::move(data));
}

void Trace::add_deferred(SimTime time, TraceKind kind, std::shared_ptr<const DeferredPayload> payload,
                         MessageId message, std::uint32_t actor) {
    if (storage_ != TraceStorage::Packed) {
        add(time, kind, std::make_shared<const nlohmann::json>(payload->json()), message, actor);
        return;
    }
    deferred_bytes_ += payload->memory_bytes();
    deferred_.emplace_back(events_.size(), std::move(payload));
    packed_.push_back(kDeferred);
    events_.push_back(event(time, kind, message, actor));
}

std::uint32_t Trace::intern_label(const std::string& text) {
    for (std::size_t i = 0; i < labels_.size(); ++i)
        if (labels_[i] == text) return static_cast<std::uint32_t>(i);
    labels_.push_back(text);
    return static_cast<std::uint32_t>(labels_.size() - 1);
}

void Trace::on_actor_added(ActorId id, const std::string& name) { set_at(actors_, id.value, name); }
void Trace::on_label_added(LabelId id, const std::string& name) { set_at(labels_, id.value, name); }

void Trace::on_sent(const Message& message, SimTime deliver_at) {
    TraceEvent e;
    e.time = message.sent_at;
    e.kind = TraceKind::Sent;
    e.from = message.from.value;
    e.to = message.to.value;
    e.label = message.label.value;
    e.message = message.id;
    e.arrives = deliver_at;
    keep(e, message.body);
}

void Trace::on_delivered(const Message& message, SimTime now) {
    TraceEvent e;
    e.time = now;
    e.kind = TraceKind::Delivered;
    e.from = message.from.value;
    e.to = message.to.value;
    e.label = message.label.value;
    e.message = message.id;
    // The body was recorded when the message was sent; the delivery refers to it by message id.
    keep(e, nullptr);
}

nlohmann::json to_json(const Trace& trace, std::size_t index) {
    const TraceEvent& e = trace[index];
    nlohmann::json j;
    j["seq"] = index;
    j["t"] = e.time;
    j["time"] = format_iso8601(trace.start() + e.time);
    j["kind"] = to_string(e.kind);
    if (e.message) j["msg"] = e.message;
    if (e.from != TraceEvent::kNone) j["from"] = trace.actor_name(e.from);
    if (e.to != TraceEvent::kNone) j["to"] = trace.actor_name(e.to);
    if (e.label) j["label"] = trace.label_name(e.label);
    if (e.kind == TraceKind::Sent) j["arrives"] = e.arrives;
    if (trace.has_data(index)) j["data"] = trace.data(index);
    return j;
}

std::string refusal_reason(const nlohmann::json& decision, bool in_korean) {
    const auto explanation = decision.find("explanation");
    if (explanation == decision.end() || !explanation->is_object()) return "";
    const auto steps = explanation->find("steps");
    if (steps == explanation->end() || !steps->is_array()) return "";
    for (const nlohmann::json& step : *steps)
        if (step.is_object() && step.value("outcome", "") == "deny") return step.value(in_korean ? "detail_ko" : "detail", "");
    return "";
}

std::vector<ExplanationSentence> explanation_sentences(const nlohmann::json& decision) {
    std::vector<ExplanationSentence> out;
    const auto explanation = decision.find("explanation");
    if (explanation == decision.end() || !explanation->is_object()) return out;
    const auto add = [&out](const nlohmann::json& j, const char* en, const char* ko) {
        if (j.is_object()) out.push_back({j.value(en, ""), j.value(ko, "")});
    };
    const auto list = [](const nlohmann::json& j, const char* key) { return j.value(key, nlohmann::json::array()); };
    add(*explanation, "summary", "summary_ko");
    for (const nlohmann::json& step : list(*explanation, "steps")) add(step, "detail", "detail_ko");
    for (const nlohmann::json& policy : list(*explanation, "policies"))
        for (const nlohmann::json& statement : list(policy, "statements"))
            for (const char* part : {"action", "resource", "principal"})
                if (const auto m = statement.find(part); m != statement.end()) add(*m, "detail", "detail_ko");
    return out;
}

std::string to_text(const Trace& trace, std::size_t index, std::size_t time_width, bool in_korean) {
    const TraceEvent& e = trace[index];
    std::string line = format_offset(e.time);
    if (line.size() < time_width) line.insert(0, time_width - line.size(), ' ');
    char kind[24];
    std::snprintf(kind, sizeof kind, "  %-18s ", to_string(e.kind));  // "credential-expired" is 18 wide
    line += kind;
    if (e.kind == TraceKind::Sent || e.kind == TraceKind::Delivered) {
        line += "#" + std::to_string(e.message) + " " + trace.actor_name(e.from) + " -> " + trace.actor_name(e.to);
        if (e.label) line += "  " + trace.label_name(e.label);
        if (e.kind == TraceKind::Sent) {
            // A refused or failed call's answer says what AWS said, as the CLI prints it after the code: for many
            // (expired credentials, a session that may not call GetSessionToken, a wrong MFA code) no decision
            // event says why. Only a failed answer's payload is read ("OPERATION ✗ CODE" is its label).
            if (e.label && trace.label_name(e.label).find("\xe2\x9c\x97") != std::string::npos && trace.has_data(index)) {
                const nlohmann::json body = trace.data(index);
                if (const auto error = body.find("error"); error != body.end() && error->is_object())
                    if (const std::string message = text_member(*error, "message"); !message.empty()) line += ": " + message;
            }
            line += (in_korean ? "  (도착 " : "  (arrives ") + format_offset(e.arrives) + ")";
        }
        return one_line(std::move(line));
    }
    if (e.from != TraceEvent::kNone) line += trace.actor_name(e.from) + ": ";
    if (trace.has_data(index)) {
        const nlohmann::json data = trace.data(index);
        const std::string summary = text_member(data, "summary");
        const std::string korean = !in_korean                         ? std::string()
                                   : e.kind == TraceKind::Narration ? text_member(data, "ko")
                                                                    : korean_line(e.kind, data, summary);
        if (!korean.empty()) line += korean;
        else if (!summary.empty()) line += summary;
        else line += data.dump();
        // A class replaying a lesson in a terminal reads why a call was refused, not only that.
        if (e.kind == TraceKind::Decision)
            if (const std::string why = refusal_reason(data, in_korean); !why.empty())
                line += (in_korean ? " - 거부 이유: " : " - why: ") + why;
    }
    return one_line(std::move(line));
}

void write_text(const Trace& trace, std::ostream& out, bool in_korean) {
    // Events are in time order: the last one's time is the widest.
    const std::size_t width = trace.size() ? format_offset(trace.events().back().time).size() : 0;
    for (std::size_t i = 0; i < trace.size(); ++i) out << to_text(trace, i, width, in_korean) << '\n';
}

void write_jsonl(const Trace& trace, std::ostream& out) {
    for (std::size_t i = 0; i < trace.size(); ++i) out << to_json(trace, i).dump() << '\n';
}

std::uint64_t fingerprint(const Trace& trace) {
    Fnv1a hash;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        hash.add(to_json(trace, i).dump());
        hash.add("\n");
    }
    return hash.h;
}

std::string fingerprint_hex(const Trace& trace) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fingerprint(trace)));
    return buf;
}

}  // namespace stslab
