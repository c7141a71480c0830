// CloudTrail: the records written up to the cursor, as the console's event history shows them (time, account,
// event with its error, identity; in a narrow panel the account is a swatch of its colour on the map), filterable by
// account and by any text in the record. Selecting a row moves the cursor to the call that wrote it; hovering shows
// the whole row and record. When the step changes, the records it wrote scroll into view.
#include "panels/panels.hpp"

#include "iam/arn.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

namespace stslab::viz {
namespace {

// Text that fits the cell, cut when it must: an identity from its start ("...VendorAccess/vendor-for-other-customer"),
// its end (the session name) being what tells two rows apart (the row's tooltip has it whole).
void text_cut(const std::string& text, Cut cut) {
    ImGui::TextUnformatted(fit_text(text, ImGui::GetContentRegionAvail().x, cut).c_str());
}

// An identity's cell: an ARN's resource cut from its start (above); a "TYPE NAME" identity that is no ARN ("SAMLUser
// alice@corp.example.com", "AWSAccount 222222222222") gives up its type, then its name's end, so that two users of one
// domain do not both read "...example.com".
void identity_cell(const std::string& identity) {
    const std::size_t space = identity.find(' ');
    if (space == std::string::npos || ImGui::CalcTextSize(identity.c_str()).x <= ImGui::GetContentRegionAvail().x)
        return text_cut(identity, Cut::Start);
    text_cut(identity.substr(space + 1), Cut::End);
}

bool contains_folded(const std::string& haystack, const char* needle) {
    if (*needle == '\0') return true;
    const std::string n(needle);
    const auto it = std::search(haystack.begin(), haystack.end(), n.begin(), n.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != haystack.end();
}

// A record's error as the table shows it: EC2's "Client.UnauthorizedOperation" without the prefix every EC2 code has,
// which at 1600x900 cut lesson 29's refused RunInstances to "RunInstances: Client.Un...".
std::string error_text(const CloudTrailRow& row) { return row.error.rfind("Client.", 0) == 0 ? row.error.substr(7) : row.error; }

// A record's event as the table shows it: a failed call's with its error, "AssumeRole: AccessDenied" (there is no
// room for a column of its own beside whole accounts and identities).
std::string event_text(const CloudTrailRow& row) { return row.error.empty() ? row.event : row.event + ": " + error_text(row); }

// An account as the filter and the row's tooltip name it: "111111111111 company" (its alias, when it has one).
std::string account_name(const Replay& replay, const std::string& id) {
    const auto it = replay.scenario().world.accounts.find(id);
    return it == replay.scenario().world.accounts.end() || it->second.alias.empty() ? id : id + " " + it->second.alias;
}

// A record's identity as the table shows it: an ARN in the record's own account without the prefix the account column
// already says ("user/dev", "assumed-role/VendorAccess/vendor-for-other-customer"), as the console's user name column
// is short; an identity from another account whole, its account being the point (the row's tooltip has it whole).
std::string identity_text(const CloudTrailRow& row) {
    const std::optional<iam::Arn> arn = iam::Arn::parse(row.identity);
    return arn && arn->account == row.account && !arn->resource.empty() ? arn->resource : row.identity;
}

// Whether the run's records fall on more than one date (their eventTime, "2026-01-01T09:00:05Z", in time order).
bool spans_days(const Replay& replay) {
    const auto& rows = replay.cloudtrail();
    return !rows.empty() && rows.front().time.compare(0, 10, rows.back().time, 0, 10) != 0;
}

// The widest event_text of the run: the default font is monospaced (event names and errors are ASCII), so it is the
// longest. Over the whole run, so that the column keeps its width while the replay goes on.
float widest_event(const Replay& replay) {
    const CloudTrailRow* widest = nullptr;
    std::size_t longest = 0;
    for (const CloudTrailRow& row : replay.cloudtrail()) {
        const std::size_t length = event_text(row).size();
        if (length > longest) {
            longest = length;
            widest = &row;
        }
    }
    return widest == nullptr ? 0.0f : ImGui::CalcTextSize(event_text(*widest).c_str()).x;
}

// The room the run's widest identity needs to read whole as identity_cell shows it: a "TYPE NAME" identity that is no
// ARN ("AWSAccount 222222222222") by its name alone, which is what the cell falls back to.
float widest_identity(const Replay& replay) {
    float widest = 0.0f;
    for (const CloudTrailRow& row : replay.cloudtrail()) {
        const std::string identity = identity_text(row);
        const std::size_t space = identity.find(' ');
        widest = std::max(widest, ImGui::CalcTextSize((space == std::string::npos ? identity : identity.substr(space + 1)).c_str()).x);
    }
    return widest;
}

// The rows (positions in `shown`, the records listed, in order) that the latest step at or before `step` wrote: the
// records of the step being looked at, or the last ones before it. [first, end); empty when there are none.
struct RowRange {
    std::size_t first = 0, end = 0;
};

RowRange current_records(const Replay& replay, const std::vector<std::size_t>& shown, std::size_t step) {
    std::size_t end = shown.size();
    while (end > 0 && replay.cloudtrail()[shown[end - 1]].step > step) --end;
    if (end == 0) return {};
    const std::size_t writer = replay.cloudtrail()[shown[end - 1]].step;
    std::size_t first = end - 1;
    while (first > 0 && replay.cloudtrail()[shown[first - 1]].step == writer) --first;
    return {first, end};
}

// The scroll position that shows the content from `top` to `bottom` in a view `height` tall whose first `header`
// pixels the frozen header row covers, moving as little as possible (and showing the top of what does not fit).
float scroll_to_show(float scroll, float height, float header, float top, float bottom) {
    if (bottom > scroll + height) scroll = bottom - height;
    if (top < scroll + header) scroll = top - header;
    return std::max(scroll, 0.0f);
}

bool row_matches(const CloudTrailRow& row, const char* filter) {
    if (*filter == '\0') return true;
    for (const std::string* field : {&row.time, &row.account, &row.event, &row.identity, &row.error})
        if (contains_folded(*field, filter)) return true;
    return row.record != nullptr && contains_folded(row.record->dump(), filter);
}

}  // namespace

float cloudtrail_event_width(float shared, float widest_event, float identity_need, float identity_least, float header) {
    // 40% and the few pixels of the borders, which the identity had when they were not counted.
    const float identity = std::min(identity_need, std::max(std::floor(shared * 0.4f) + 8.0f, identity_least));
    return std::max(std::min(widest_event, std::floor(shared - identity)), header);
}

std::string cloudtrail_event_cell(const CloudTrailRow& row, float room) {
    const std::string event = event_text(row);
    // Too wide, a failed call keeps its error whole (why it failed is what the class reads) and its name gives way, as
    // the sequence diagram's arrows do: "AssumeRo...: AccessDenied".
    if (!row.error.empty() && ImGui::CalcTextSize(event.c_str()).x > room) {
        const std::string tail = ": " + error_text(row);
        const std::string name = fit_text(row.event, room - ImGui::CalcTextSize(tail.c_str()).x, Cut::End);
        // Not down to "...: AccessDenied", which names no call (lesson 31 at 1280x720): three letters of it at least
        // ("Ass...: AccessDenied", lesson 02's refused AssumeRole at 1600x900), else the event from its start
        // ("PutObject: Ac...").
        if (name == row.event || name.size() >= 3 + 3) return name + tail;
    }
    return fit_text(event, room, Cut::End);
}

void draw_cloudtrail(const PanelRect& rect, ViewState& view) {
    const Language lang = view.ui_language();
    const float room = rect.size.x - ImGui::GetStyle().FramePadding.x * 2.0f;
    if (begin_panel("cloudtrail", file_panel_title(view, "CloudTrail", Ui::CloudTrailOf, room), rect)) {
        const Replay* replay = view.focused();
        if (replay == nullptr) {
            hint(tr(Ui::CloudTrailNoScenario, lang));
            ImGui::End();
            return;
        }
        // Filters: account, then free text.
        std::vector<std::string> accounts;
        for (const auto& entry : replay->scenario().world.accounts) accounts.push_back(account_name(*replay, entry.first));
        view.cloudtrail_account = std::clamp(view.cloudtrail_account, 0, static_cast<int>(accounts.size()));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11.0f);
        const char* all_accounts = tr(Ui::AllAccounts, lang);
        if (ImGui::BeginCombo("##account", view.cloudtrail_account == 0 ? all_accounts : accounts[view.cloudtrail_account - 1].c_str())) {
            if (ImGui::Selectable(all_accounts, view.cloudtrail_account == 0)) view.cloudtrail_account = 0;
            for (std::size_t i = 0; i < accounts.size(); ++i)
                if (ImGui::Selectable(accounts[i].c_str(), view.cloudtrail_account == static_cast<int>(i) + 1))
                    view.cloudtrail_account = static_cast<int>(i) + 1;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1.0f);
        // A short hint, which the box never cuts off; what it matches in its tooltip.
        ImGui::InputTextWithHint("##filter", tr(Ui::FilterHint, lang), view.cloudtrail_filter, sizeof view.cloudtrail_filter);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Ui::FilterTip, lang));
        const std::string account_filter =
            view.cloudtrail_account == 0 ? "" : accounts[view.cloudtrail_account - 1].substr(0, 12);

        const std::size_t count = replay->cloudtrail_count(view.step_of(view.focus));
        std::vector<std::size_t> rows;
        rows.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            const CloudTrailRow& row = replay->cloudtrail()[i];
            if (!account_filter.empty() && row.account != account_filter) continue;
            if (row_matches(row, view.cloudtrail_filter)) rows.push_back(i);
        }
        // Above the table, which takes the panel's height: below it the hint was cut off.
        if (count == 0) hint(tr(Ui::NoRecordsYet, lang));
        const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                      ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
        // The table's width, whether it shows a scroll bar or not: measured inside the table, the room shrank when
        // the rows came to need one, and the event column with it (lesson 27's at its end, 17 pixels at 1600x900).
        const float table_w = ImGui::GetContentRegionAvail().x;
        if (ImGui::BeginTable("records", 4, flags)) {
            ImGui::TableSetupScrollFreeze(0, 1);
            // The time is always whole. The event gets the width of the run's widest when the identity keeps room for
            // the run's widest beside it; else the identity keeps what it needs up to 40% of what time and account
            // leave (or a user's "user/admin", in a narrow panel), its end (the session name) being what tells two rows apart, and the event the rest
            // (cloudtrail_event_width). A longer event is shortened, and whole in the row's tooltip. The account is its
            // twelve digits when the event still gets its widest and the identity 16 characters beside them; else a
            // swatch of the account's colour on the map, the account whole in the row's tooltip (so in the default
            // layout at every window size: in a 1024-pixel window the digits left the event and the identity about 100
            // pixels between them).
            // Fixed and not resizable, these columns take their widths every frame (ImGui keeps a resizable column's
            // first width). Widths are of the content, in whole pixels: ImGui adds the cells' padding.
            const ImGuiStyle& style = ImGui::GetStyle();
            const auto text_w = [](const char* text) { return std::ceil(ImGui::CalcTextSize(text).x); };
            // A run over more than one day shows each record's date too ("01-02 09:00:05"): by the clock alone a
            // later day's record reads as earlier.
            const bool dated = spans_days(*replay);
            const float time_w = text_w(dated ? "00-00 00:00:00" : "00:00:00"), digits_w = text_w("000000000000");
            const float swatch_w = std::ceil(ImGui::GetTextLineHeight() * 0.7f);
            const float widest = std::ceil(widest_event(*replay));
            // Account, event, identity: what the scroll bar, the time, the cells' padding and the five borders leave.
            const float rest = table_w - style.ScrollbarSize - time_w - 8.0f * style.CellPadding.x - 5.0f;
            const bool digits = rest - digits_w - widest >= text_w("0000000000000000");
            const float shared = rest - (digits ? digits_w : swatch_w);
            const float event_w = cloudtrail_event_width(shared, widest, std::ceil(widest_identity(*replay)), text_w("user/admin"),
                                                       text_w(tr(Ui::ColumnEvent, lang)));
            const ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize;
            ImGui::TableSetupColumn(tr(Ui::ColumnTime, lang), ImGuiTableColumnFlags_WidthFixed, time_w);
            ImGui::TableSetupColumn(digits ? tr(Ui::ColumnAccount, lang) : "##account", fixed, digits ? digits_w : swatch_w);
            ImGui::TableSetupColumn(tr(Ui::ColumnEvent, lang), fixed, event_w);
            ImGui::TableSetupColumn(tr(Ui::ColumnIdentity, lang), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableHeadersRow();
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(rows.size()));
            while (clipper.Step()) {
                for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                    const CloudTrailRow& row = replay->cloudtrail()[rows[static_cast<std::size_t>(r)]];
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::PushID(r);
                    const std::string time = row.time.size() < 19 ? row.time
                                             : dated          ? row.time.substr(5, 5) + " " + row.time.substr(11, 8)  // MM-DD hh:mm:ss
                                                              : row.time.substr(11, 8);                               // hh:mm:ss
                    if (ImGui::Selectable(time.c_str(), view.step_of(view.focus) == row.step, ImGuiSelectableFlags_SpanAllColumns)) {
                        view.move_to(view.cursor_at(view.focus, row.step));
                        view.hop = 1.0f;
                    }
                    // The row whole: the event, the account and the identity (which the cells may shorten), the record.
                    if (ImGui::IsItemHovered() && row.record != nullptr) {
                        ImGui::BeginTooltip();
                        ImGui::PushStyleColor(ImGuiCol_Text, row.error.empty() ? ImGui::GetColorU32(ImGuiCol_Text) : deny_colour());
                        // As the record has it: "RunInstances: Client.UnauthorizedOperation".
                        ImGui::TextUnformatted(row.error.empty() ? row.event.c_str() : (row.event + ": " + row.error).c_str());
                        ImGui::PopStyleColor();
                        ImGui::PushStyleColor(ImGuiCol_Text, readable_colour(account_colour(*replay, row.account)));
                        ImGui::TextUnformatted(account_name(*replay, row.account).c_str());
                        ImGui::PopStyleColor();
                        ImGui::TextUnformatted(row.identity.c_str());
                        ImGui::Separator();
                        json_text(*row.record, "record");
                        ImGui::EndTooltip();
                    }
                    ImGui::PopID();
                    ImGui::TableNextColumn();
                    if (digits) {
                        ImGui::TextUnformatted(row.account.c_str());
                    } else {
                        const ImVec2 at = ImGui::GetCursorScreenPos();
                        const float line = ImGui::GetTextLineHeight();
                        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + line * 0.15f), ImVec2(at.x + swatch_w, at.y + line * 0.85f),
                                                                  account_colour(*replay, row.account));
                        ImGui::Dummy(ImVec2(swatch_w, line));
                    }
                    // A failed call's event is red, with its error.
                    ImGui::TableNextColumn();
                    if (!row.error.empty()) ImGui::PushStyleColor(ImGuiCol_Text, deny_colour());
                    ImGui::TextUnformatted(cloudtrail_event_cell(row, ImGui::GetContentRegionAvail().x).c_str());
                    if (!row.error.empty()) ImGui::PopStyleColor();
                    ImGui::TableNextColumn();
                    identity_cell(identity_text(row));
                }
            }
            // When the step changes, and only then (a user who scrolled elsewhere while paused stays there), bring the
            // records of the step being looked at into view. Every row is one line tall, the header row too.
            ImGuiStorage* storage = ImGui::GetStateStorage();
            const ImGuiID seen = ImGui::GetID("step-seen");
            if (storage->GetInt(seen, -1) != static_cast<int>(view.step_of(view.focus))) {
                storage->SetInt(seen, static_cast<int>(view.step_of(view.focus)));
                const RowRange current = current_records(*replay, rows, view.step_of(view.focus));
                if (current.end > current.first) {
                    const float row_h = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
                    ImGui::SetScrollY(scroll_to_show(ImGui::GetScrollY(), ImGui::GetWindowHeight(), row_h,
                                                     row_h * static_cast<float>(current.first + 1),
                                                     row_h * static_cast<float>(current.end + 1)));
                }
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
