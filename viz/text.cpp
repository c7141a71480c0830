// The viewer's own words in English and Korean (text.hpp).
#include "text.hpp"

#include "trace/label_notes.hpp"

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

std::string label_note(const std::string& added, Language language) {
    return language == Language::Korean ? korean_label_note(added) : added;
}

}  // namespace stslab::viz
