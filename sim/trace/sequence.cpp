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

std::string clean_label(std::string s, DiagramFormat format) {
    for (auto& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    if (format == DiagramFormat::Mermaid) {
        std::string out;
        for (char c : s) out += c == ';' ? std::string("#59;") : c == '#' ? std::string("#35;") : std::string(1, c);
        return out;
    }
    return s;
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
