// Sequence diagram: one lane per actor and AWS service, one arrow per message, drawn up to the cursor.
#include "panels/panels.hpp"

namespace stslab::viz {

void draw_sequence(const PanelRect& rect, const ViewState& view) {
    if (begin_panel("Sequence diagram", rect)) {
        if (view.trace == nullptr) {
            hint("No scenario open. The sequence diagram draws one lane per actor and AWS service here.");
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
