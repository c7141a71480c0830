// Sequence diagram: one lane per actor and AWS service, one numbered arrow per message in time order, requests
// solid and answers dashed (green when they succeeded, red with the error when not; neutral, without their outcome,
// until the replay reaches them), simulated time on the left.
// Arrows after the cursor are drawn faint (what is still to come); the cursor's row is highlighted and kept in
// view; the hop being replayed travels along its arrow; clicking a row moves the cursor there. Only the visible
// rows are drawn, so a run of any length costs the same per frame.
#include "panels/panels.hpp"

#include <algorithm>

namespace stslab::viz {

std::string fit_label(const std::string& number, std::string label, float room) {
    const auto fits = [&](const std::string& text) { return ImGui::CalcTextSize((number + text).c_str()).x <= room; };
    if (fits(label)) return number + label;
    const std::size_t colon = label.find(':');
    const std::size_t tail = label.find(": ");
    if (colon != std::string::npos && colon != tail) label.erase(0, colon + 1);  // "ec2:Terminate..." -> "Terminate..."
    const std::size_t error = std::min(label.find(": "), label.size());
    const std::string operation = label.substr(0, error), rest = label.substr(error);
    if (fits(operation + rest)) return number + operation + rest;
    // The operation's end gives way first, down to its first kFirst characters, which name it ("AssumeRo...")...
    constexpr std::size_t kFirst = 8;
    const std::size_t least = std::min(kFirst, operation.size());
    for (std::size_t keep = operation.size(); keep-- > least;)
        if (fits(operation.substr(0, keep) + "..." + rest)) return number + operation.substr(0, keep) + "..." + rest;
    // ... then the operation goes, before the error loses a letter: the request's row just above names the operation,
    // and "ExpiredTokenException" says more than "AssumeRo...: ExpiredTokenExce..." (the screenshot review, lesson 14).
    // Only then the error's end.
    if (rest.size() > 2) {
        const std::string code = rest.substr(2);  // after ": "
        for (std::size_t keep = code.size(); keep > 0; --keep) {
            const std::string shown = keep == code.size() ? code : code.substr(0, keep) + "...";
            if (fits(shown)) return number + shown;
        }
    }
    for (std::size_t keep = least; keep-- > 1;)
        if (fits(operation.substr(0, keep) + "...")) return number + operation.substr(0, keep) + "...";
    return number + operation.substr(0, 1) + "...";
}

float row_label_x(float centre, float width, float left, float right) {
    return std::max(left, std::min(centre - width * 0.5f, right - width));
}

std::string sequence_lane_label(const std::string& name) { return fit_text(name, ImGui::CalcTextSize("x").x * 18.0f); }

namespace {

struct Lanes {
    float left = 0.0f, right = 0.0f;
    std::size_t count = 0;
    float x(std::uint32_t lane) const {
        if (count <= 1) return (left + right) * 0.5f;
        return left + (right - left) * static_cast<float>(lane) / static_cast<float>(count - 1);
    }
};

// An answer's colour tells its outcome once the replay has reached it; before, it is drawn as a request is.
ImU32 arrow_colour(const Arrow& a, float alpha, bool future) {
    switch (a.kind) {
        case ArrowKind::Answer:
            if (future) break;
            return a.failed ? deny_colour(alpha) : allow_colour(alpha);
        case ArrowKind::Message: return message_colour(alpha);
        case ArrowKind::Request: break;
    }
    ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    text.w *= alpha;
    return ImGui::GetColorU32(text);
}

// The lane labels, each in the first row (from the top) where it clears the label before it there, so that
// crowded lanes never overlap; returns the height they take.
float draw_lane_headers(const Replay& replay, const Lanes& lanes, float y) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float pad = ImGui::GetStyle().FramePadding.x;
    const float h = ImGui::GetTextLineHeight() + 2.0f * ImGui::GetStyle().FramePadding.y;
    std::vector<float> row_end;  // by row: the right edge of its last label
    for (std::uint32_t i = 0; i < lanes.count; ++i) {
        const std::string name = sequence_lane_label(replay.lanes()[i]);
        const ImVec2 size = ImGui::CalcTextSize(name.c_str());
        const float x = lanes.x(i);
        std::size_t row = 0;
        while (row < row_end.size() && row_end[row] + pad > x - size.x * 0.5f - pad) ++row;
        if (row == row_end.size()) row_end.push_back(0.0f);
        row_end[row] = x + size.x * 0.5f + pad;
        const float top = y + static_cast<float>(row) * (h + 1.0f);
        if (top != y) draw->AddLine(ImVec2(x, y), ImVec2(x, top), ImGui::GetColorU32(ImGuiCol_Border));
        const ImVec2 min(x - size.x * 0.5f - pad, top), max(x + size.x * 0.5f + pad, top + h);
        const bool service = replay.is_service_lane(i);
        draw->AddRectFilled(min, max, ImGui::GetColorU32(service ? ImGuiCol_Header : ImGuiCol_FrameBg));
        draw->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border));
        draw->AddText(ImVec2(min.x + pad, top + ImGui::GetStyle().FramePadding.y), ImGui::GetColorU32(ImGuiCol_Text),
                      name.c_str());
    }
    return static_cast<float>(row_end.size()) * (h + 1.0f) - 1.0f;
}

void draw_row(const Replay& replay, ViewState& view, std::size_t file, std::size_t step, const Lanes& lanes, float time_x,
              float time_w, float row_h) {
    const Arrow& a = replay.arrow(step);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float width = lanes.right - time_x + ImGui::GetStyle().ItemSpacing.x;
    ImGui::PushID(static_cast<int>(step));
    if (ImGui::InvisibleButton("##row", ImVec2(std::max(width, 1.0f), row_h))) view.move_to(view.cursor_at(file, step));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();

    const std::size_t at = view.step_of(file);
    const bool current = step == at, future = step > at;
    // A pane that waits keeps its row outlined, not filled: the moment is the other run's.
    if (current && view.waits(file))
        draw->AddRect(top, ImVec2(top.x + width, top.y + row_h), ImGui::GetColorU32(ImGuiCol_Header), 0.0f, 0, 2.0f);
    else if (current) draw->AddRectFilled(top, ImVec2(top.x + width, top.y + row_h), ImGui::GetColorU32(ImGuiCol_Header));
    else if (hovered) draw->AddRectFilled(top, ImVec2(top.x + width, top.y + row_h), ImGui::GetColorU32(ImGuiCol_HeaderHovered, 0.5f));

    const float alpha = future ? 0.30f : 1.0f;
    ImVec4 dim = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    dim.w *= alpha;
    const std::string when = format_sim_time(a.sent);
    const float line_h = ImGui::GetTextLineHeight();
    draw->AddText(ImVec2(time_x, top.y + (row_h - line_h) * 0.5f), ImGui::GetColorU32(dim), when.c_str());

    const float x0 = lanes.x(a.from), x1 = lanes.x(a.to), y = top.y + row_h * 0.72f;
    const ImU32 colour = arrow_colour(a, alpha, future);
    const float thick = current ? 2.5f : 1.5f;
    if (a.kind == ArrowKind::Answer) dashed_line(draw, ImVec2(x0, y), ImVec2(x1, y), colour, thick);
    else draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), colour, thick);
    const float head = line_h * 0.45f, dir = x1 >= x0 ? 1.0f : -1.0f;
    draw->AddTriangleFilled(ImVec2(x1, y), ImVec2(x1 - dir * head, y - head * 0.55f), ImVec2(x1 - dir * head, y + head * 0.55f), colour);
    if (current && view.hop_of(file) < 1.0f) {  // the hop on its way
        const float x = x0 + (x1 - x0) * view.hop_of(file);
        draw->AddCircleFilled(ImVec2(x, y), line_h * 0.32f, colour);
    }

    const float mark = a.kind == ArrowKind::Answer ? line_h : 0.0f;
    // Centred over its arrow, but kept inside the row: a long label between the last lanes would run off the right
    // edge and lose its mark. The row's end, or the panel's visible edge when the lanes run wider than the panel.
    const float right = std::min(top.x + width, ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) -
                        ImGui::GetStyle().ItemSpacing.x;
    // Right of the time column and its gap, whatever this row's time, and a gap more: a long label pushed left ran up
    // to 6 pixels from its time (lesson 14's "9. SAML assertion (edited after sign..." read as part of the time).
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float left = time_x + std::max(time_w, ImGui::CalcTextSize(when.c_str()).x + gap) + gap;
    const std::string label = fit_label(std::to_string(step) + ". ",
                                        future ? label_without_outcome(a.label) : plain_label(a.label), right - left - mark - 3.0f);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float lx = row_label_x((x0 + x1) * 0.5f, size.x + mark + 3.0f, left, right);
    const float ly = y - line_h - 2.0f;
    ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    text.w *= alpha;
    draw->AddText(ImVec2(lx, ly), a.failed && a.kind == ArrowKind::Answer && !future ? deny_colour(alpha) : ImGui::GetColorU32(text),
                  label.c_str());
    if (mark > 0.0f && !future) draw_mark(draw, ImVec2(lx + size.x + 3.0f, ly), line_h * 0.9f, !a.failed);

    if (hovered) {
        const Language lang = view.ui_language();
        ImGui::BeginTooltip();
        ImGui::Text("%zu. %s -> %s  %s", step, replay.lanes()[a.from].c_str(), replay.lanes()[a.to].c_str(),
                    (future ? label_without_outcome(a.label) : plain_label(a.label)).c_str());
        ImGui::TextDisabled("%s%s", trf(Ui::SentArrives, lang, format_sim_time(a.sent).c_str(), format_sim_time(a.arrives).c_str()).c_str(),
                            a.step_id.empty() ? "" : trf(Ui::StepId, lang, a.step_id.c_str()).c_str());
        ImGui::TextDisabled("%s", tr(Ui::ClickToMove, lang));
        ImGui::EndTooltip();
    }
}

}  // namespace

void draw_sequence(const PanelRect& rect, ViewState& view, std::size_t file) {
    const Language lang = view.ui_language();
    const std::string title = view.files.size() > 1 ? trf(Ui::SequenceOf, lang, view.files[file].title(view.language).c_str())
                                                    : tr(Ui::SequenceDiagram, lang);
    if (begin_panel(("sequence" + std::to_string(file)).c_str(), title, rect, ImGuiWindowFlags_NoScrollbar)) {
        const Replay* replay = view.replay(file);
        if (replay == nullptr) {
            hint(tr(Ui::SequenceNoScenario, lang));
        } else if (replay->steps() == 0) {
            hint(tr(Ui::NoMessages, lang));
        } else {
            const ImGuiStyle& style = ImGui::GetStyle();
            const ImVec2 origin = ImGui::GetCursorScreenPos();
            const float avail = ImGui::GetContentRegionAvail().x - style.ScrollbarSize;
            const float time_w = ImGui::CalcTextSize("+0:00:00.000").x + style.ItemSpacing.x;  // format_sim_time's form
            Lanes lanes;
            lanes.count = replay->lanes().size();
            float widest = 0.0f;
            for (const auto& name : replay->lanes()) widest = std::max(widest, ImGui::CalcTextSize(sequence_lane_label(name).c_str()).x);
            lanes.left = origin.x + time_w + widest * 0.5f + style.FramePadding.x;
            lanes.right = std::max(lanes.left, origin.x + avail - widest * 0.5f - style.FramePadding.x);
            const float headers = draw_lane_headers(*replay, lanes, origin.y);
            ImGui::Dummy(ImVec2(avail, headers + style.ItemSpacing.y));

            const float row_h = ImGui::GetTextLineHeight() * 2.2f;
            ImGui::BeginChild("rows", ImVec2(0, 0), false);
            {
                // Lifelines behind the arrows, over the visible part only.
                ImDrawList* draw = ImGui::GetWindowDrawList();
                const ImVec2 wmin = ImGui::GetWindowPos(), wsize = ImGui::GetWindowSize();
                for (std::uint32_t i = 0; i < lanes.count; ++i)
                    dashed_line(draw, ImVec2(lanes.x(i), wmin.y), ImVec2(lanes.x(i), wmin.y + wsize.y),
                                ImGui::GetColorU32(ImGuiCol_Border), 1.0f, 3.0f);
            }
            ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, 0.0f));
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(replay->steps()), row_h);
            while (clipper.Step())
                for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k)
                    draw_row(*replay, view, file, static_cast<std::size_t>(k) + 1, lanes, origin.x, time_w, row_h);
            ImGui::PopStyleVar();

            // Keep the cursor's row in view when the cursor moved (not while the user scrolls elsewhere).
            ImGuiStorage* storage = ImGui::GetStateStorage();
            const ImGuiID key = ImGui::GetID("cursor-seen");
            const int seen = storage->GetInt(key, -1);
            const std::size_t at = view.step_of(file);
            if (seen != static_cast<int>(at) && view.follow_sequence) {
                const float y = static_cast<float>(at == 0 ? 0 : at - 1) * row_h;
                const float height = ImGui::GetWindowHeight();
                if (y < ImGui::GetScrollY() || y + row_h > ImGui::GetScrollY() + height)
                    ImGui::SetScrollY(std::max(0.0f, y - height * 0.4f));
            }
            storage->SetInt(key, static_cast<int>(at));
            ImGui::EndChild();
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
