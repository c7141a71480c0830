// Inspector: the selected step's request, response and credentials, and the decision's explanation in AWS's
// evaluation order.
#include "panels/panels.hpp"

namespace stslab::viz {

void draw_inspector(const PanelRect& rect, const ViewState& view) {
    if (begin_panel("Inspector", rect)) {
        if (view.trace == nullptr || !view.selected) {
            hint("Nothing selected. The inspector shows a step's request, response, credentials and the "
                 "reason AWS allowed or denied it.");
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
