#include "trace/sequence.hpp"

#include "core/error.hpp"

#include <optional>
#include <set>
#include <string_view>

namespace stslab {
namespace {

bool is_answer(const Trace& trace, std::size_t index) {
    if (!trace.has_data(index)) return false;
    const nlohmann::json data = trace.data(index);
    return data.is_object() && data.contains("ok");
}

// A name or label as the diagram's text, never as its markup: a scenario's message types are any text (an attack
// scenario's may be "<img src=x onerror=...>"). Control characters and Unicode's line separators (U+0085, U+2028,
// U+2029, at which PlantUML ends a line) are spaces.
// - Mermaid: ';', '#', '<', '>' and '%' (a "%%{...}%%" directive anywhere in the source restyles the diagram) are its
//   entity codes, and so is the first letter of a leading "wrap:" or "nowrap:" (with or without a ':' before it), which
//   Mermaid takes for a wrapping directive and strips.
// - PlantUML: '<' (its tags, "<img:URL>" among them, and "<U+0041>" escapes), '~', '&' (HTML entities), '%' (the
//   preprocessor's functions, "%date()"), '[' before '[' (a "[[link]]"), and a quote are Unicode escapes (<U+003C>,
//   ...; a '~' before them is not enough: "~~" is creole's wave underline); creole markup ("**bold**", "//it//",
//   "--st--", "__u__", """mono""", and a leading '#' or '*', a list item: plantuml.com/creole) is escaped with its '~'
//   ("You can use the tilde ~ to escape special creole characters"); a backslash is doubled ("\n" is a line break).
std::string clean_label(const std::string& s, DiagramFormat format) {
    const bool plantuml = format == DiagramFormat::PlantUml;
    // Where a Mermaid wrapping directive would begin: its first letter is written as an entity.
    const std::size_t lead = !s.empty() && s[0] == ':' ? 1 : 0;
    const std::size_t directive = s.compare(lead, 5, "wrap:") == 0 || s.compare(lead, 7, "nowrap:") == 0 ? lead : std::string::npos;
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        const bool separator = (u == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) ||
                               (u == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                                (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9));
        if (separator) {
            out += ' ';
            i += u == 0xC2 ? 1 : 2;
        } else if (u < 0x20 || u == 0x7f) {
            out += ' ';
        } else if (!plantuml) {
            if (c == ';' || c == '#' || c == '<' || c == '>' || c == '%' || i == directive)
                out += "#" + std::to_string(static_cast<int>(c)) + ";";
            else out += c;
        } else if (c == '"' || c == '<' || c == '~' || c == '&' || c == '%' || (c == '[' && i + 1 < s.size() && s[i + 1] == '[')) {
            static const char kHex[] = "0123456789ABCDEF";
            out += std::string("<U+00") + kHex[u >> 4] + kHex[u & 0xF] + ">";
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            const bool doubled = std::string_view("*/-_").find(c) != std::string_view::npos && i + 1 < s.size() && s[i + 1] == c;
            const bool list_mark = out.empty() && (c == '#' || c == '*');
            if (doubled || list_mark) out += '~';
            out += c;
        }
    }
    return out;
}

}  // namespace

std::size_t end_of_step(const Trace& trace, const std::string& step) {
    // The end of the first step `is` picks (given the step's id and its number, from 1), or nullopt.
    const auto end_of = [&trace](auto is) -> std::optional<std::size_t> {
        std::size_t seen = 0;
        bool found = false;
        for (std::size_t i = 0; i < trace.size(); ++i) {
            const TraceEvent& e = trace[i];
            if (e.kind != TraceKind::Step || !trace.has_data(i)) continue;
            const std::string id = trace.data(i).value("step", "");
            if (id.find('>') != std::string::npos) continue;  // a handler's action belongs to the step that caused it
            if (found) return i;
            found = is(id, ++seen);
        }
        return found ? std::optional<std::size_t>(trace.size()) : std::nullopt;
    };
    // A step's id first: a step whose id is "2" is that step, whatever its number.
    if (const auto end = end_of([&step](const std::string& id, std::size_t) { return id == step; })) return *end;
    const bool by_number = !step.empty() && step.find_first_not_of("0123456789") == std::string::npos && step.size() < 9;
    if (by_number)
        if (const auto end = end_of([n = std::stoul(step)](const std::string&, std::size_t seen) { return seen == n; })) return *end;
    throw Error("there is no step '" + step + "' in this scenario");
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
        const std::string name = clean_label(trace.actor_name(a), format);
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
