// Helpers every panel uses: fixed window placement, dimmed hints, theme-aware warning colour.
#include "panels/panels.hpp"

namespace stslab::viz {

bool begin_panel(const char* title, const PanelRect& rect, ImGuiWindowFlags extra) {
    ImGui::SetNextWindowPos(rect.pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(rect.size, ImGuiCond_Always);
    const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    return ImGui::Begin(title, nullptr, fixed | extra);
}

void hint(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

ImVec4 warning_colour() {
    const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    const float luminance = 0.2126f * bg.x + 0.7152f * bg.y + 0.0722f * bg.z;
    return luminance < 0.5f ? ImVec4(1.00f, 0.72f, 0.25f, 1.0f)   // amber on dark
                            : ImVec4(0.70f, 0.33f, 0.00f, 1.0f);  // burnt orange on light
}

}  // namespace stslab::viz
