// Narration: the story of the current step, in English or Korean.
#include "panels/panels.hpp"

namespace stslab::viz {

void draw_narration(const PanelRect& rect, ViewState& view) {
    if (begin_panel("Narration", rect)) {
        int language = static_cast<int>(view.language);
        ImGui::RadioButton("English", &language, static_cast<int>(Language::English));
        ImGui::SameLine();
        // Without the Korean font the label would be "???".
        ImGui::RadioButton(view.font_warning.empty() ? "한국어" : "Korean", &language,
                           static_cast<int>(Language::Korean));
        view.language = static_cast<Language>(language);
        if (!view.font_warning.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
            ImGui::TextWrapped("%s", view.font_warning.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::Separator();
        if (view.trace == nullptr) {
            hint(view.language == Language::English
                     ? "No scenario open. Each step's story appears here as the replay runs."
                     : "열린 시나리오가 없습니다. 재생하면 각 단계의 설명이 여기에 나타납니다.");
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
