// The viewer's own words in English and Korean (text.hpp).
#include "text.hpp"

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

namespace stslab::viz {

std::string trf(Ui id, Language language, ...) {
    const char* format = tr(id, language);
    std::va_list args;
    va_start(args, language);
    std::va_list again;
    va_copy(again, args);
    const int size = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::string out(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
    if (size > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
    va_end(again);
    return out;
}

std::string tr_label(Ui id, Language language, const char* imgui_id) {
    return std::string(tr(id, language)) + "###" + imgui_id;
}

namespace {

// The simulator's own word `name`, one of the table's English entries first..last, in `language`; else as it is.
std::string sim_word(const std::string& name, Ui first, Ui last, Language language) {
    for (int i = static_cast<int>(first); i <= static_cast<int>(last); ++i)
        if (name == kUiTexts[i].en) return tr(static_cast<Ui>(i), language);
    return name;
}

}  // namespace

std::string policy_type(const std::string& name, Language language) {
    return sim_word(name, Ui::PolicyIdentity, Ui::PolicyEndpoint, language);
}

std::string evaluation_step(const std::string& name, Language language) {
    return sim_word(name, Ui::EvalWhoMayCall, Ui::EvalSession, language);
}

std::string evaluation_outcome(const std::string& outcome, Language language) {
    return sim_word(outcome, Ui::OutcomePass, Ui::OutcomeSkipped, language);
}

namespace {

// One "(...)" of a label note in `language`: the note whose English it is (a "%s" standing for any text), else as it is.
std::string note_group(const std::string& group, Language language) {
    for (int id = static_cast<int>(Ui::NoteNoSuchRole); id <= static_cast<int>(Ui::NotePassedRole); ++id) {
        // The English cut at each "%s": the group must have each piece in turn, the first at its start and the last at
        // its end, and what lies between them is the texts (one to three).
        const std::string english = kUiTexts[id].en;
        std::vector<std::string> pieces;
        for (std::size_t from = 0;;) {
            const std::size_t slot = english.find("%s", from);
            pieces.push_back(english.substr(from, slot == std::string::npos ? std::string::npos : slot - from));
            if (slot == std::string::npos) break;
            from = slot + 2;
        }
        if (group.compare(0, pieces.front().size(), pieces.front()) != 0) continue;
        std::vector<std::string> texts;
        std::size_t at = pieces.front().size();
        bool matched = true;
        for (std::size_t k = 1; k < pieces.size() && matched; ++k) {
            const bool last = k + 1 == pieces.size();
            const std::size_t next = last ? (group.size() >= pieces[k].size() ? group.size() - pieces[k].size() : std::string::npos)
                                          : group.find(pieces[k], at + 1);
            matched = next != std::string::npos && next > at && group.compare(next, pieces[k].size(), pieces[k]) == 0;
            if (matched) texts.push_back(group.substr(at, next - at));
            at = next + pieces[k].size();
        }
        if (!matched || (pieces.size() == 1 && group != english)) continue;
        const Ui ui = static_cast<Ui>(id);
        switch (texts.size()) {
            case 0: return tr(ui, language);
            case 1: return trf(ui, language, texts[0].c_str());
            case 2: return trf(ui, language, texts[0].c_str(), texts[1].c_str());
            case 3: return trf(ui, language, texts[0].c_str(), texts[1].c_str(), texts[2].c_str());
            default: return group;
        }
    }
    return group;
}

}  // namespace

std::string label_note(const std::string& added, Language language) {
    if (language == Language::English) return added;
    // Each top-level "(...)", its own parentheses counted: "(then refused: ... (RootSessions))".
    std::string out;
    std::size_t i = 0;
    while (i < added.size()) {
        if (added[i] != '(') {
            out += added[i++];
            continue;
        }
        std::size_t end = i;
        for (int depth = 0; end < added.size(); ++end) {
            depth += added[end] == '(' ? 1 : added[end] == ')' ? -1 : 0;
            if (depth == 0) break;
        }
        if (end == added.size()) return out + added.substr(i);  // unbalanced: the rest as it is
        out += note_group(added.substr(i, end - i + 1), language);
        i = end + 1;
    }
    return out;
}

}  // namespace stslab::viz
