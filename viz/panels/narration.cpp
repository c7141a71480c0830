// Narration: the story of the current step, in English or Korean, for each open scenario; and the step's checked
// expectations (what the lesson promises happens).
#include "panels/panels.hpp"

namespace stslab::viz {
namespace {

void file_narration(const ViewState& view, std::size_t index) {
    const OpenFile& file = view.files[index];
    const Replay& replay = *file.replay;
    if (view.files.size() > 1) {  // which of the two lessons, whole: wrapped, not cut at the panel's edge
        ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
        text_wrapped(file.title(view.language));
        ImGui::PopStyleColor();
    }
    const std::size_t step = view.step_of(index);
    const NarrationInfo* n = replay.narration_at(step);
    if (n == nullptr) {
        const LocalText& d = replay.scenario().description;
        const std::string& text = view.language == Language::Korean && !d.ko.empty() ? d.ko : d.en;
        if (!text.empty()) text_wrapped(text);
        else hint(tr(Ui::StepForwardToBegin, view.ui_language()));
    } else {
        const std::string& text = view.language == Language::Korean && !n->ko.empty() ? n->ko : n->en.empty() ? n->ko : n->en;
        text_wrapped(text);
    }
    for (const CheckInfo& c : replay.checks()) {
        if (c.step != step || step == 0) continue;
        // What the lesson promised, without the step's internal id ("vendor#1"), labelled in the narration's language.
        const bool korean = view.ui_language() == Language::Korean;
        const std::string text = c.passed ? tr(Ui::Passed, view.ui_language()) + (korean ? c.expected_ko : c.expected)
                                          : tr(Ui::Failed, view.ui_language()) +
                                                (korean ? c.detail_ko : c.detail.empty() ? c.summary : c.detail);
        ImGui::PushStyleColor(ImGuiCol_Text, c.passed ? allow_colour() : deny_colour());
        text_wrapped(text);
        ImGui::PopStyleColor();
    }
}

}  // namespace

void draw_narration(const PanelRect& rect, ViewState& view) {
    if (begin_panel("narration", tr(Ui::Narration, view.ui_language()), rect)) {
        int language = static_cast<int>(view.language);
        ImGui::RadioButton("English", &language, static_cast<int>(Language::English));
        ImGui::SameLine();
        // The language named in its own words whatever the viewer's language; without the Korean font that would be
        // "???".
        ImGui::RadioButton(tr_label(Ui::KoreanName, view.font_warning.empty() ? Language::Korean : Language::English, "ko").c_str(),
                           &language, static_cast<int>(Language::Korean));
        view.language = static_cast<Language>(language);
        if (!view.font_warning.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
            text_wrapped(view.font_warning);
            ImGui::PopStyleColor();
        }
        ImGui::Separator();
        // Side by side, the run that moved first: a pane that waits keeps its earlier story, below.
        bool any = false;
        for (const bool waiting : {false, true})
            for (std::size_t f = 0; f < view.files.size(); ++f) {
                if (!view.files[f].replay || view.waits(f) != waiting) continue;
                if (any) ImGui::Separator();
                file_narration(view, f);
                any = true;
            }
        if (!any) hint(tr(Ui::NarrationNoScenario, view.ui_language()));
    }
    ImGui::End();
}

}  // namespace stslab::viz
