// Helpers every panel uses: fixed window placement, hints, theme-aware colours, time and label text, marks; and where
// the panels go (compute_layout).
#include "panels/panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace stslab::viz {

std::string OpenFile::title(Language language) const {
    if (replay) {
        const LocalText& t = replay->scenario().title;
        const std::string& text = language == Language::Korean && !t.ko.empty() ? t.ko : t.en;
        if (!text.empty()) return text;
    }
    return std::filesystem::path(path).filename().string();
}

const std::vector<std::array<std::size_t, 2>>& ViewState::timeline() const {
    const Replay* now[2] = {replay(0), replay(1)};
    const std::uint64_t serials[2] = {now[0] ? now[0]->serial() : 0, now[1] ? now[1]->serial() : 0};
    if (serials[0] != aligned_[0] || serials[1] != aligned_[1]) {
        aligned_[0] = serials[0];
        aligned_[1] = serials[1];
        timeline_ = now[0] && now[1] ? align_steps(*now[0], *now[1]) : std::vector<std::array<std::size_t, 2>>{};
    }
    return timeline_;
}

std::size_t ViewState::last_step() const {
    if (!timeline().empty()) return timeline().size() - 1;
    std::size_t last = 0;
    for (const auto& f : files)
        if (f.replay) last = std::max(last, f.replay->steps());
    return last;
}

void ViewState::move_to(std::size_t step) {
    step = std::min(step, last_step());
    if (step > cursor) hop = 0.0f;  // the new hop travels from its start
    else hop = 1.0f;
    cursor = step;
}

std::size_t ViewState::step_of(std::size_t file) const {
    const Replay* r = replay(file);
    if (r == nullptr) return 0;
    if (timeline().empty()) return std::min(cursor, r->steps());
    return timeline()[std::min(cursor, timeline().size() - 1)][file];
}

std::size_t ViewState::cursor_at(std::size_t file, std::size_t step) const {
    if (timeline().empty()) return step;
    for (std::size_t k = 0; k < timeline().size(); ++k)
        if (timeline()[k][file] >= step) return k;
    return timeline().size() - 1;
}

bool ViewState::waits(std::size_t file) const {
    if (timeline().empty() || cursor == 0 || cursor >= timeline().size()) return false;
    return timeline()[cursor][file] == timeline()[cursor - 1][file];
}

SimTime ViewState::now() const {
    SimTime t = 0;
    for (std::size_t f = 0; f < files.size(); ++f)
        if (const Replay* r = replay(f)) t = std::max(t, r->time_at(step_of(f)));
    return t;
}

float ViewState::hop_of(std::size_t file) const { return waits(file) ? 1.0f : hop; }

Layout compute_layout(ImVec2 display, float top, std::size_t files) {
    const float strip = transport_height();
    const float body = std::max(display.y - top - strip, 0.0f);
    const float upper = std::floor(body * (files > 1 ? 0.64f : 0.60f));
    const float lower = body - upper;
    const float inspector_w = std::floor(display.x * 0.38f);  // the decision's explanation: the lesson itself
    const float narration_w = std::floor(display.x * 0.27f);
    const float cloudtrail_w = display.x - inspector_w - narration_w;
    const float lower_y = top + upper;
    Layout l;
    if (files > 1) {
        const float half = std::floor(display.x * 0.5f);
        const float map_h = std::floor(upper * 0.56f);
        for (int i = 0; i < 2; ++i) {
            const float x = i == 0 ? 0.0f : half, w = i == 0 ? half : display.x - half;
            l.world_map[i] = {{x, top}, {w, map_h}};
            l.sequence[i] = {{x, top + map_h}, {w, upper - map_h}};
        }
    } else {
        const float map_w = std::floor(display.x * 0.58f);
        l.world_map[0] = {{0, top}, {map_w, upper}};
        l.sequence[0] = {{map_w, top}, {display.x - map_w, upper}};
    }
    l.inspector = {{0, lower_y}, {inspector_w, lower}};
    l.cloudtrail = {{inspector_w, lower_y}, {cloudtrail_w, lower}};
    l.narration = {{inspector_w + cloudtrail_w, lower_y}, {narration_w, lower}};
    l.transport = {{0, lower_y + lower}, {display.x, strip}};
    return l;
}

bool begin_panel(const char* id, const std::string& title, const PanelRect& rect, ImGuiWindowFlags extra) {
    ImGui::SetNextWindowPos(rect.pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(rect.size, ImGuiCond_Always);
    // Panels tile the window and never overlap, so they draw no background of their own: the frame is cleared
    // to the background colour instead, which saves a blended full-screen pass (the software renderer's cost
    // is mostly pixels drawn).
    const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    return ImGui::Begin((title + "###" + id).c_str(), nullptr, fixed | extra);
}

std::string file_panel_title(const ViewState& view, const std::string& plain, Ui of, float room) {
    if (view.files.size() < 2 || view.focused() == nullptr) return plain;
    const Language lang = view.ui_language();
    const char* side = tr(view.focus == 0 ? Ui::LeftPane : Ui::RightPane, lang);
    const std::string head = trf(of, lang, side, "");
    return head + fit_text(view.files[view.focus].title(view.language), room - ImGui::CalcTextSize(head.c_str()).x, Cut::Start);
}

void hint(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    text_wrapped(text);
    ImGui::PopStyleColor();
}

std::string wrap_text(const std::string& text, float room) {
    const auto width = [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; };
    // The bytes of `word`'s longest start that fits (at least one whole UTF-8 character).
    const auto fitting = [&](std::string_view word) {
        std::size_t n = 1;
        while (n < word.size() && (static_cast<unsigned char>(word[n]) & 0xC0) == 0x80) ++n;
        for (std::size_t next = n; next < word.size(); n = next) {
            ++next;
            while (next < word.size() && (static_cast<unsigned char>(word[next]) & 0xC0) == 0x80) ++next;
            if (width(word.substr(0, next)) > room) break;
        }
        return n;
    };
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {  // each of the text's own lines
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line;
        bool fresh = true;  // nothing on this output line yet
        for (std::size_t at = start; at <= end;) {  // each word (a run without spaces; two spaces give an empty one)
            std::size_t stop = text.find(' ', at);
            if (stop == std::string::npos || stop > end) stop = end;
            std::string_view word(text.data() + at, stop - at);
            at = stop + 1;
            if (!fresh && width(line + " " + std::string(word)) > room) {
                out += line + "\n";
                line.clear();
                fresh = true;
            }
            if (!fresh) line += ' ';
            // A word wider than the room on its own (an ARN) is broken after its last '/' or ':' that fits, else
            // between characters.
            for (std::size_t n; width(word) > room && (n = fitting(word)) < word.size(); word.remove_prefix(n)) {
                if (const std::size_t sep = word.substr(0, n).find_last_of("/:"); sep != std::string_view::npos && sep > 0)
                    n = sep + 1;
                out += std::string(word.substr(0, n)) + "\n";
            }
            line += word;
            fresh = false;
        }
        out += line;
        if (end == text.size()) break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

void text_wrapped(const std::string& text) {
    ImGui::TextUnformatted(wrap_text(text, ImGui::GetContentRegionAvail().x).c_str());
}

bool dark_theme() {
    const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    return 0.2126f * bg.x + 0.7152f * bg.y + 0.0722f * bg.z < 0.5f;
}

ImVec4 warning_colour() {
    return dark_theme() ? ImVec4(1.00f, 0.72f, 0.25f, 1.0f)   // amber on dark
                        : ImVec4(0.62f, 0.29f, 0.00f, 1.0f);  // burnt orange on light
}

// On the light theme, dark enough for text on a projector: 4.5:1 at least against the window (WCAG's for normal text);
// the green was 3.8:1 (the screenshot review).
ImU32 allow_colour(float alpha) {
    return dark_theme() ? ImGui::GetColorU32(ImVec4(0.35f, 0.85f, 0.45f, alpha))
                        : ImGui::GetColorU32(ImVec4(0.08f, 0.45f, 0.16f, alpha));
}

ImU32 deny_colour(float alpha) {
    return dark_theme() ? ImGui::GetColorU32(ImVec4(1.00f, 0.38f, 0.35f, alpha))
                        : ImGui::GetColorU32(ImVec4(0.80f, 0.10f, 0.10f, alpha));
}

ImU32 readable_colour(ImU32 colour) {
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(colour);
    // A projector washes colours out: text in an account's colour is darkened on a light background (about 6:1 for
    // the palette's orange) and lightened on a dark one.
    const float k = dark_theme() ? 0.35f : 0.0f, scale = dark_theme() ? 1.0f : 0.55f;
    c.x = c.x * scale + (1.0f - c.x) * k;
    c.y = c.y * scale + (1.0f - c.y) * k;
    c.z = c.z * scale + (1.0f - c.z) * k;
    c.w = 1.0f;
    return ImGui::GetColorU32(c);
}

ImU32 message_colour(float alpha) {
    return dark_theme() ? ImGui::GetColorU32(ImVec4(0.55f, 0.70f, 1.00f, alpha))
                        : ImGui::GetColorU32(ImVec4(0.15f, 0.30f, 0.75f, alpha));
}

std::string format_sim_time(SimTime t) {
    const long long ms = static_cast<long long>(t < 0 ? 0 : t);
    const long long h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
    char out[48];
    // Always hours, minutes and seconds, as `stslab run` writes times: "+2:15.000" beside "+5:02:15.000" read alike.
    std::snprintf(out, sizeof out, "+%lld:%02lld:%02lld.%03lld", h, m, s, frac);
    return out;
}

std::string fit_text(const std::string& text, float room, Cut cut) {
    const auto width = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; };
    if (width(text) <= room) return text;
    if (width("...") > room) return "";
    const auto shown = [&](std::size_t drop) {
        if (cut == Cut::End) {
            std::size_t keep = text.size() - drop;
            while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;  // whole UTF-8 characters
            return text.substr(0, keep) + "...";
        }
        while (drop < text.size() && (static_cast<unsigned char>(text[drop]) & 0xC0) == 0x80) ++drop;
        return "..." + text.substr(drop);
    };
    // The fewest characters to drop, found by halving (a text is measured a few times, not once per character).
    std::size_t low = 1, high = text.size();
    while (low < high) {
        const std::size_t mid = (low + high) / 2;
        if (width(shown(mid)) <= room) high = mid;
        else low = mid + 1;
    }
    return shown(low);
}

std::string label_without_outcome(const std::string& label) {
    std::string out = label.substr(0, std::min(label.find("\xE2\x9C\x93"), label.find("\xE2\x9C\x97")));  // U+2713, U+2717
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string plain_label(const std::string& label) {
    static const std::string check = "\xE2\x9C\x93", cross = "\xE2\x9C\x97";  // U+2713, U+2717
    std::string out = label;
    if (const std::size_t c = out.find(cross); c != std::string::npos) {
        std::string rest = out.substr(c + cross.size());
        while (!rest.empty() && rest.front() == ' ') rest.erase(rest.begin());
        out = out.substr(0, c);
        while (!out.empty() && out.back() == ' ') out.pop_back();
        if (!rest.empty()) out += ": " + rest;
    }
    if (const std::size_t c = out.find(check); c != std::string::npos) {
        out.erase(c, check.size());
        while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    return out;
}

void draw_mark(ImDrawList* draw, ImVec2 p, float size, bool ok) {
    const float t = std::max(1.5f, size / 7.0f);
    if (ok) {
        const ImU32 c = allow_colour();
        draw->AddLine(ImVec2(p.x + size * 0.10f, p.y + size * 0.55f), ImVec2(p.x + size * 0.40f, p.y + size * 0.85f), c, t);
        draw->AddLine(ImVec2(p.x + size * 0.40f, p.y + size * 0.85f), ImVec2(p.x + size * 0.92f, p.y + size * 0.15f), c, t);
    } else {
        const ImU32 c = deny_colour();
        draw->AddLine(ImVec2(p.x + size * 0.15f, p.y + size * 0.15f), ImVec2(p.x + size * 0.85f, p.y + size * 0.85f), c, t);
        draw->AddLine(ImVec2(p.x + size * 0.85f, p.y + size * 0.15f), ImVec2(p.x + size * 0.15f, p.y + size * 0.85f), c, t);
    }
}

void dashed_line(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 1.0f) return;
    const float ux = dx / length, uy = dy / length;
    // Across or down the screen a dash is a plain rectangle: a quarter of the vertices of an anti-aliased line,
    // which matters to a software renderer (a sequence diagram draws hundreds of dashes a frame).
    const bool straight = dx == 0.0f || dy == 0.0f;
    const float hx = uy * thickness * 0.5f, hy = ux * thickness * 0.5f;  // half the thickness, across the line
    for (float s = 0.0f; s < length; s += 2.0f * dash) {
        const float e = std::min(s + dash, length);
        const ImVec2 p(a.x + ux * s, a.y + uy * s), q(a.x + ux * e, a.y + uy * e);
        if (straight)
            draw->AddRectFilled(ImVec2(std::min(p.x, q.x) - std::abs(hx), std::min(p.y, q.y) - std::abs(hy)),
                                ImVec2(std::max(p.x, q.x) + std::abs(hx), std::max(p.y, q.y) + std::abs(hy)), colour);
        else
            draw->AddLine(p, q, colour, thickness);
    }
}

void json_text(const nlohmann::json& value, const char* id) {
    const std::string text = value.dump(2);
    ImGui::PushID(id);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopID();
}

ImU32 account_colour(const Replay& replay, const std::string& account_id, float alpha) {
    auto rgb = [alpha](int r, int g, int b) {
        return ImGui::GetColorU32(ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, alpha));
    };
    const Scenario& s = replay.scenario();
    const auto it = s.world.accounts.find(account_id);
    if (it != s.world.accounts.end() && it->second.color.size() == 7 && it->second.color[0] == '#') {
        const unsigned long v = std::strtoul(it->second.color.c_str() + 1, nullptr, 16);
        return rgb(static_cast<int>(v >> 16 & 0xff), static_cast<int>(v >> 8 & 0xff), static_cast<int>(v & 0xff));
    }
    // By the part the account plays: whose actors live there.
    for (const auto& [name, actor] : s.actors) {
        if (actor.principal.find(":" + account_id + ":") == std::string::npos) continue;
        if (actor.kind == ActorKind::Deputy) return rgb(0x2f, 0x9e, 0x44);
        if (actor.kind == ActorKind::Attacker) return rgb(0x70, 0x48, 0xe8);
    }
    static const int palette[][3] = {{0xf0, 0x8c, 0x00}, {0x1c, 0x7e, 0xd6}, {0x0c, 0xa6, 0x78}, {0xe6, 0x49, 0x80}};
    std::size_t index = 0;
    for (const auto& [id, account] : s.world.accounts) {
        if (id == account_id) break;
        ++index;
    }
    const int* c = palette[index % 4];
    return rgb(c[0], c[1], c[2]);
}

std::string korean_text_of(const ViewState& view) {
    std::string text;
    for (const OpenFile& f : view.files) {
        if (!f.replay) continue;
        const Scenario& s = f.replay->scenario();
        text += s.title.ko + s.description.ko;
        for (const NarrationInfo& n : f.replay->narration()) text += n.ko;
        // The explanations' Korean sentences, which the inspector shows in Korean.
        for (const DecisionInfo& d : f.replay->decisions())
            if (d.data)
                for (const ExplanationSentence& sentence : explanation_sentences(*d.data)) text += sentence.ko;
        // What each check expected and why it failed, which the narration shows in Korean.
        for (const CheckInfo& c : f.replay->checks()) text += c.expected_ko + c.detail_ko;
    }
    return text;
}

}  // namespace stslab::viz
