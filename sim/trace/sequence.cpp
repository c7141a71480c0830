#include "trace/sequence.hpp"

#include "core/error.hpp"

#include <set>

namespace stslab {
namespace {

bool is_answer(const Trace& trace, std::size_t index) {
    if (!trace.has_data(index)) return false;
    const nlohmann::json data = trace.data(index);
    return data.is_object() && data.contains("ok");
}

// A name or label as the diagram's text, never as its markup: a scenario's message types are any text (an attack
// scenario's may be "<img src=x onerror=...>"). Control characters are spaces; Mermaid's ';', '#', '<' and '>' are
// its entity codes; PlantUML's '<' (its tags, "<img:URL>" among them) and '~' are escaped with its '~'.
std::string clean_label(const std::string& s, DiagramFormat format) {
    std::string out;
    for (const char c : s) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += ' ';
        else if (format == DiagramFormat::Mermaid && (c == ';' || c == '#' || c == '<' || c == '>'))
            out += "#" + std::to_string(static_cast<int>(c)) + ";";
        else if (format == DiagramFormat::PlantUml && (c == '<' || c == '~')) out += std::string("~") + c;
        else out += c;
    }
    return out;
}

}  // namespace

std::size_t end_of_step(const Trace& trace, const std::string& step) {
    const bool by_number = !step.empty() && step.find_first_not_of("0123456789") == std::string::npos && step.size() < 9;
    std::size_t seen = 0;
    bool found = false;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const TraceEvent& e = trace[i];
        if (e.kind != TraceKind::Step || !trace.has_data(i)) continue;
        const std::string id = trace.data(i).value("step", "");
        if (id.find('>') != std::string::npos) continue;  // a handler's action belongs to the step that caused it
        if (found) return i;
        ++seen;
        found = by_number ? seen == std::stoul(step) : id == step;
    }
    if (!found) throw Error("there is no step '" + step + "' in this scenario");
    return trace.size();
}

std::string sequence_diagram(const Trace& trace, DiagramFormat format, std::size_t end) {
    // Participants in the order the trace knows them, but only those that take part.
    std::set<std::uint32_t> used;
    for (std::size_t i = 0; i < end && i < trace.size(); ++i)
        if (trace[i].kind == TraceKind::Sent) {
            used.insert(trace[i].from);
            used.insert(trace[i].to);
        }
    const bool mermaid = format == DiagramFormat::Mermaid;
    std::string out = mermaid ? "sequenceDiagram\n    autonumber\n" : "@startuml\nautonumber\n";
    // A run without messages still names its actors: PlantUML refuses a diagram with nothing in it.
    if (used.empty())
        for (std::uint32_t a = 0; a < trace.actor_count(); ++a)
            if (!trace.actor_name(a).empty()) used.insert(a);
    for (std::uint32_t a : used) {
        std::string name = clean_label(trace.actor_name(a), format);
        if (!mermaid)  // PlantUML has no escape for a quote inside a quoted name
            for (char& c : name)
                if (c == '"') c = '\'';
        out += mermaid ? "    participant P" + std::to_string(a) + " as " + name + "\n"
                       : "participant \"" + name + "\" as P" + std::to_string(a) + "\n";
    }
    for (std::size_t i = 0; i < end && i < trace.size(); ++i) {
        const TraceEvent& e = trace[i];
        if (e.kind != TraceKind::Sent) continue;
        const std::string from = "P" + std::to_string(e.from), to = "P" + std::to_string(e.to);
        const std::string label = clean_label(trace.label_name(e.label), format);
        const bool answer = is_answer(trace, i);
        if (mermaid) out += "    " + from + (answer ? "-->>" : "->>") + to + ": " + label + "\n";
        else out += from + (answer ? " --> " : " -> ") + to + " : " + label + "\n";
    }
    if (!mermaid) out += "@enduml\n";
    return out;
}

}  // namespace stslab
