// CloudTrail: one row per record written up to the cursor, shaped like the console's event history.
#include "panels/panels.hpp"

namespace stslab::viz {

void draw_cloudtrail(const PanelRect& rect, const ViewState& view) {
    if (begin_panel("CloudTrail", rect)) {
        const std::size_t rows = 0;  // records up to the cursor; filled from the trace later
        ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp;
        if (rows > 0) {
            flags |= ImGuiTableFlags_ScrollY;  // fill the panel and keep the header in view
        }
        if (ImGui::BeginTable("records", 5, flags)) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_None, 1.0f);
            ImGui::TableSetupColumn("account", ImGuiTableColumnFlags_None, 1.1f);
            ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_None, 1.2f);
            ImGui::TableSetupColumn("identity", ImGuiTableColumnFlags_None, 1.6f);
            ImGui::TableSetupColumn("error", ImGuiTableColumnFlags_None, 1.0f);
            ImGui::TableHeadersRow();
            ImGui::EndTable();
        }
        if (rows == 0) {
            hint(view.trace == nullptr ? "No scenario open. Every API call the replay makes adds its CloudTrail "
                                         "record here."
                                       : "No CloudTrail records yet.");
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
