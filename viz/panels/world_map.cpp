// World map: accounts as coloured regions, principals and resources as nodes, trust edges dashed, and each
// hop drawn as it replays. For now: what was opened, or the hint.
#include "panels/panels.hpp"

namespace stslab::viz {

void draw_world_map(const PanelRect& rect, const ViewState& view) {
    if (begin_panel("World map", rect)) {
        if (view.trace == nullptr) {
            hint("No scenario open. The world map draws accounts, principals and trust here.");
        }
        for (const std::string& file : view.opened) {
            ImGui::Text("opened: %s", file.c_str());
        }
        if (!view.opened.empty()) {
            hint("(Loading scenarios into the viewer is not implemented yet; `stslab run FILE` replays one as text.)");
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
