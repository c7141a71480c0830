// CloudTrail: the records written up to the cursor, as the console's event history shows them (time, account,
// event with its error, identity), filterable by account and by any text in the record. Selecting a row moves the
// cursor to the call that wrote it; hovering shows the whole record.
#include "panels/panels.hpp"

#include <algorithm>
#include <cctype>

namespace stslab::viz {
namespace {

// Text that fits the cell, cut from the left when it must ("...assumed-role/VendorAccess/vendor-for-other-customer"):
// an identity's end (the session name) is what tells two rows apart.
void text_cut_from_left(const std::string& text) {
    const float room = ImGui::GetContentRegionAvail().x;
    if (ImGui::CalcTextSize(text.c_str()).x <= room) {
        ImGui::TextUnformatted(text.c_str());
        return;
    }
    // The fewest characters to drop, found by halving (a text is measured a few times, not once per character).
    const auto shown = [&](std::size_t from) {
        while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;  // whole UTF-8 characters
        return "..." + text.substr(from);
    };
    std::size_t low = 0, high = text.size();
    while (low < high) {
        const std::size_t mid = (low + high) / 2;
        if (ImGui::CalcTextSize(shown(mid).c_str()).x <= room) high = mid;
        else low = mid + 1;
    }
    ImGui::TextUnformatted(shown(low).c_str());
}


bool contains_folded(const std::string& haystack, const char* needle) {
    if (*needle == '\0') return true;
    const std::string n(needle);
    const auto it = std::search(haystack.begin(), haystack.end(), n.begin(), n.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != haystack.end();
}

bool row_matches(const CloudTrailRow& row, const char* filter) {
    if (*filter == '\0') return true;
    for (const std::string* field : {&row.time, &row.account, &row.event, &row.identity, &row.error})
        if (contains_folded(*field, filter)) return true;
    return row.record != nullptr && contains_folded(row.record->dump(), filter);
}

}  // namespace

void draw_cloudtrail(const PanelRect& rect, ViewState& view) {
    if (begin_panel("CloudTrail", rect)) {
        const Replay* replay = view.focused();
        if (replay == nullptr) {
            hint("No scenario open. Every API call the replay makes adds its CloudTrail record here.");
            ImGui::End();
            return;
        }
        // Filters: account, then free text.
        std::vector<std::string> accounts;
        for (const auto& [id, account] : replay->scenario().world.accounts)
            accounts.push_back(account.alias.empty() ? id : id + " " + account.alias);
        view.cloudtrail_account = std::clamp(view.cloudtrail_account, 0, static_cast<int>(accounts.size()));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11.0f);
        if (ImGui::BeginCombo("##account", view.cloudtrail_account == 0 ? "all accounts" : accounts[view.cloudtrail_account - 1].c_str())) {
            if (ImGui::Selectable("all accounts", view.cloudtrail_account == 0)) view.cloudtrail_account = 0;
            for (std::size_t i = 0; i < accounts.size(); ++i)
                if (ImGui::Selectable(accounts[i].c_str(), view.cloudtrail_account == static_cast<int>(i) + 1))
                    view.cloudtrail_account = static_cast<int>(i) + 1;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1.0f);
        ImGui::InputTextWithHint("##filter", "filter: event, identity, error, any text", view.cloudtrail_filter,
                                 sizeof view.cloudtrail_filter);
        const std::string account_filter =
            view.cloudtrail_account == 0 ? "" : accounts[view.cloudtrail_account - 1].substr(0, 12);

        const std::size_t count = replay->cloudtrail_count(view.cursor);
        std::vector<std::size_t> rows;
        rows.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            const CloudTrailRow& row = replay->cloudtrail()[i];
            if (!account_filter.empty() && row.account != account_filter) continue;
            if (row_matches(row, view.cloudtrail_filter)) rows.push_back(i);
        }
        const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                      ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
        if (ImGui::BeginTable("records", 4, flags)) {
            ImGui::TableSetupScrollFreeze(0, 1);
            // The time and the account are always whole (twelve digits tell accounts apart); the rest share the width.
            const float pad = 2.0f * ImGui::GetStyle().CellPadding.x;
            ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00:00:00").x + pad);
            ImGui::TableSetupColumn("account", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("000000000000").x + pad);
            ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_None, 1.0f);
            ImGui::TableSetupColumn("identity", ImGuiTableColumnFlags_None, 1.8f);
            ImGui::TableHeadersRow();
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(rows.size()));
            while (clipper.Step()) {
                for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                    const CloudTrailRow& row = replay->cloudtrail()[rows[static_cast<std::size_t>(r)]];
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::PushID(r);
                    const std::string time = row.time.size() > 11 ? row.time.substr(11, 8) : row.time;  // hh:mm:ss
                    if (ImGui::Selectable(time.c_str(), view.inspected() == row.step, ImGuiSelectableFlags_SpanAllColumns)) {
                        view.move_to(row.step);
                        view.hop = 1.0f;
                    }
                    if (ImGui::IsItemHovered() && row.record != nullptr) {
                        ImGui::BeginTooltip();
                        json_text(*row.record, "record");
                        ImGui::EndTooltip();
                    }
                    ImGui::PopID();
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(row.account.c_str());
                    // A failed call's event is red, with its error: "AssumeRole: AccessDenied" (there is no room for a
                    // column of its own beside whole accounts and identities).
                    ImGui::TableNextColumn();
                    if (row.error.empty()) {
                        ImGui::TextUnformatted(row.event.c_str());
                    } else {
                        ImGui::PushStyleColor(ImGuiCol_Text, deny_colour());
                        ImGui::TextUnformatted((row.event + ": " + row.error).c_str());
                        ImGui::PopStyleColor();
                    }
                    ImGui::TableNextColumn();
                    text_cut_from_left(row.identity);
                }
            }
            ImGui::EndTable();
        }
        if (count == 0) hint("No CloudTrail records yet: they appear as the replay makes calls.");
    }
    ImGui::End();
}

}  // namespace stslab::viz
