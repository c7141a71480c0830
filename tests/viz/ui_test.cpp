// What the viewer draws, checked without a display: its own words in English and Korean, the font atlas that must
// hold every Korean glyph of them, and the CloudTrail panel drawn in an ImGui context of the test's own (no window,
// no OpenGL: ImGui lays a frame out with a font atlas and a display size alone).
#include "fonts.hpp"
#include "iam/arn.hpp"
#include "headless.hpp"
#include "panels/panels.hpp"
#include "text.hpp"
#include "trace/label_notes.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the CloudTrail table's columns and scroll

#include <doctest/doctest.h>

#include <algorithm>
#include <cfloat>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace stslab;
using namespace stslab::viz;
using namespace stslab::viz::test;

namespace {

// The printf conversions of a format, in order: "step %zu / %zu   t = %s" -> "zu zu s".
std::string conversions(const std::string& format) {
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') continue;
        if (++i < format.size() && format[i] == '%') continue;
        while (i < format.size() && std::strchr("diouxXeEfFgGcsp", format[i]) == nullptr) out += format[i++];
        if (i < format.size()) out += format[i];
        out += ' ';
    }
    return out;
}

// The characters of UTF-8 text beyond ASCII.
std::vector<unsigned> non_ascii(const char* text) {
    std::vector<unsigned> out;
    while (*text != '\0') {
        unsigned c = 0;
        text += ImTextCharFromUtf8(&c, text, nullptr);
        if (c >= 0x80) out.push_back(c);
    }
    return out;
}

bool is_hangul(unsigned c) { return c >= 0xAC00 && c <= 0xD7A3; }

// The CloudTrail panel's table: the only table the test's frames draw.
ImGuiTable& records_table() {
    REQUIRE(GImGui->Tables.GetAliveCount() == 1);
    return *GImGui->Tables.GetByIndex(0);
}

// Whether the table shows the whole of its rows [first, end) (of `rows` one line tall each, under a header row as
// tall): the height of a row is the table's content height shared by its rows and the header.
bool rows_in_view(std::size_t first, std::size_t end, std::size_t rows) {
    const ImGuiWindow& inner = *records_table().InnerWindow;
    const float row_h = inner.ContentSize.y / static_cast<float>(rows + 1);
    const float top = row_h * static_cast<float>(first + 1) - inner.Scroll.y;
    const float bottom = row_h * static_cast<float>(end + 1) - inner.Scroll.y;
    CAPTURE(inner.Scroll.y);
    CAPTURE(top);
    CAPTURE(bottom);
    return top >= row_h - 0.5f && bottom <= inner.Size.y + 0.5f;
}

// The CloudTrail rows the step `step` wrote, as positions among the `count` rows listed.
std::pair<std::size_t, std::size_t> rows_of_step(const Replay& replay, std::size_t count, std::size_t step) {
    std::size_t first = count, end = 0;
    for (std::size_t i = 0; i < count; ++i)
        if (replay.cloudtrail()[i].step == step) {
            first = std::min(first, i);
            end = i + 1;
        }
    return {first, end};
}

}  // namespace

TEST_CASE("every viewer string has Korean, written in Korean, with the same printf conversions as its English") {
    for (const UiText& t : kUiTexts) {
        CAPTURE(t.en);
        CAPTURE(t.ko);
        REQUIRE(t.en != nullptr);
        REQUIRE(t.ko != nullptr);
        CHECK(std::strlen(t.en) > 0);
        CHECK(std::strlen(t.ko) > 0);
        CHECK(std::strcmp(t.en, t.ko) != 0);
        const std::vector<unsigned> ko = non_ascii(t.ko);
        CHECK(std::any_of(ko.begin(), ko.end(), is_hangul));
        CHECK(conversions(t.ko) == conversions(t.en));
    }
    CHECK(std::string(tr(Ui::TabDecision, Language::English)) == "Decision");
    CHECK(std::string(tr(Ui::TabDecision, Language::Korean)) == "평가 결과");
    CHECK(trf(Ui::StepOfTime, Language::Korean, std::size_t{8}, std::size_t{12}, "+0:00:35.040") ==
          "단계 8 / 12   t = +0:00:35.040");
    CHECK(policy_type("role trust policy", Language::Korean) == "역할 신뢰 정책");
    CHECK(policy_type("a policy type the viewer does not know", Language::Korean) == "a policy type the viewer does not know");
    CHECK(describe_origin("kick>admin#2>vendor#1", Language::Korean) == "vendor의 동작 1, 계기: admin의 동작 2, 계기: 단계 kick");
}

TEST_CASE("every step and outcome of every lesson's explained decisions is in the table, so Korean mode shows them in Korean") {
    // The simulator names the steps of AWS's evaluation order ("Explicit deny", "Role trust policy") and their outcomes;
    // a step it gains without an entry here would stay English in the inspector's table.
    std::size_t steps = 0;
    for (const std::string& lesson : lessons()) {
        const ViewState view = view_of({lesson});
        for (const DecisionInfo& d : view.focused()->decisions()) {
            const auto explanation = d.data->find("explanation");
            if (explanation == d.data->end()) continue;
            for (const nlohmann::json& step : explanation->value("steps", nlohmann::json::array())) {
                const std::string name = step.value("step", ""), outcome = step.value("outcome", "");
                CAPTURE(lesson);
                CAPTURE(name);
                CAPTURE(outcome);
                CHECK(evaluation_step(name, Language::Korean) != name);
                CHECK(evaluation_outcome(outcome, Language::Korean) != outcome);
                CHECK(evaluation_step(name, Language::English) == name);
                ++steps;
            }
        }
    }
    CHECK(steps > 500);
    CHECK(evaluation_step("Role trust policy", Language::Korean) == "역할 신뢰 정책");
    CHECK(evaluation_outcome("skipped", Language::Korean) == "해당 없음");
}

// Every note the lessons' labels add is in the simulator's table (library_test); the viewer shows them in Korean.
TEST_CASE("a decision label's notes are shown in the viewer's language") {
    CHECK(label_note(" (at the access point hr-ap)", Language::Korean) == " (액세스 포인트 hr-ap에서)");
    CHECK(label_note(" (at the access point hr-ap)", Language::English) == " (at the access point hr-ap)");
}

TEST_CASE("the font atlas has a glyph for every character of the viewer's Korean words") {
    Headless ui;
    REQUIRE_MESSAGE(ui.font_warning().empty(), ui.font_warning());
    const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
    std::vector<const char*> korean;
    for (const UiText& t : kUiTexts) korean.push_back(t.ko);
    for (std::size_t n = 0; n < kLabelNoteCount; ++n) korean.push_back(kLabelNotes[n].ko);  // label_note()
    for (const char* text : korean) {
        CAPTURE(text);
        for (const unsigned c : non_ascii(text)) {
            CAPTURE(c);
            CHECK(font.FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
        }
    }
}

// Found by fuzzing: a NUL in a lesson's Korean text ("a\u0000b") emptied the atlas's Korean ranges.
TEST_CASE("the font atlas keeps its Korean glyphs when a lesson's text holds a NUL") {
    Headless ui(ImVec2(1280, 800), 1.0f, std::string("\xeb\x91\x98" "a\0b", 6));  // "둘a", NUL, "b"
    REQUIRE_MESSAGE(ui.font_warning().empty(), ui.font_warning());
    const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
    CHECK(font.FindGlyphNoFallback(static_cast<ImWchar>(0xB458)) != nullptr);  // 둘
    CHECK(font.FindGlyphNoFallback(static_cast<ImWchar>(0xD55C)) != nullptr);  // 한, of the viewer's own "한국어"
}

// The inspector shows each decision's summary_ko and its steps' detail_ko in Korean mode, and the narration each
// check's expected_ko and detail_ko ("통과 - 예상대로: 허용 (응답 필드 포함)"): the atlas built for a lesson
// (korean_text_of, as the viewer builds it) has every glyph of them. The checks' words come from the simulator, not
// the lesson, and drew as "?" where no lesson text had the same syllables ("응답 필드 ?함").
TEST_CASE("the font atlas built for a lesson has a glyph for every character of its Korean explanations and checks") {
    std::size_t characters = 0;
    for (const std::string& lesson : lessons()) {
        const ViewState view = view_of({lesson});
        Headless ui(ImVec2(1280, 800), 1.0f, korean_text_of(view));
        REQUIRE_MESSAGE(ui.font_warning().empty(), ui.font_warning());
        const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
        std::vector<std::string> sentences;
        for (const DecisionInfo& d : view.focused()->decisions())
            for (const ExplanationSentence& both : explanation_sentences(*d.data)) sentences.push_back(both.ko);
        for (const CheckInfo& c : view.focused()->checks()) {
            sentences.push_back(c.expected_ko);
            if (!c.passed) sentences.push_back(c.detail_ko);
        }
        for (const std::string& sentence : sentences) {
            CAPTURE(lesson);
            CAPTURE(sentence);
            CHECK(!sentence.empty());
            for (const unsigned c : non_ascii(sentence.c_str())) {
                CAPTURE(c);
                CHECK(font.FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
                ++characters;
            }
        }
    }
    CHECK(characters > 10000);
}

// The outcome colours are text (PASS, the refusals, the held sessions, warnings): on either theme they contrast 4.5:1
// at least with the window (WCAG 2's ratio for normal text). The light theme's green was 3.8:1, faint on a projector.
TEST_CASE("the allow, deny and warning colours contrast 4.5:1 with the window on both themes") {
    Headless ui;
    const auto luminance = [](ImVec4 c) {
        const auto lin = [](float v) { return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f); };
        return 0.2126f * lin(c.x) + 0.7152f * lin(c.y) + 0.0722f * lin(c.z);
    };
    const auto contrast = [&](ImVec4 a, ImVec4 b) {
        const float la = luminance(a), lb = luminance(b);
        return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
    };
    for (const bool light : {true, false}) {
        CAPTURE(light);
        light ? ImGui::StyleColorsLight() : ImGui::StyleColorsDark();
        ImVec4 window = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
        window.w = 1.0f;
        CHECK(contrast(ImGui::ColorConvertU32ToFloat4(allow_colour()), window) >= 4.5f);
        CHECK(contrast(ImGui::ColorConvertU32ToFloat4(deny_colour()), window) >= 4.5f);
        CHECK(contrast(warning_colour(), window) >= 4.5f);
    }
    ImGui::StyleColorsDark();
}

// The atlas holds the Hangul of the table and of the open scenarios only: Korean written anywhere else in the
// viewer would draw as "?" (the narration's language button once did).
TEST_CASE("the viewer writes its own Korean only from the table, whose glyphs the atlas holds") {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(kSource + "/viz")) {
        const std::string ext = entry.path().extension().string();
        if (entry.path().filename() == "text.hpp" || (ext != ".cpp" && ext != ".hpp")) continue;
        CAPTURE(entry.path().string());
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::vector<unsigned> chars = non_ascii(text.c_str());
        CHECK(std::none_of(chars.begin(), chars.end(), is_hangul));
    }
}

TEST_CASE("a text too long for its room ends (or starts) with \"...\" and never cuts a Korean character in two") {
    Headless ui;
    ui.frame([] {  // the font is measured inside a frame
        const auto width = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; };
        const std::string name = "your-company";
        CHECK(fit_text(name, width(name)) == name);  // whole when it fits
        CHECK(fit_text(name, width("your-co...")) == "your-co...");
        CHECK(fit_text("VendorAccess/vendor-for-other-customer", width("...other-customer"), Cut::Start) == "...other-customer");
        CHECK(fit_text(name, width("..")).empty());  // not even "..." fits
        const std::string korean = "세션 보유자";
        for (float room = width("..."); room < width(korean); room += 1.0f) {
            const std::string fitted = fit_text(korean, room);
            CHECK(width(fitted) <= room);
            REQUIRE(fitted.size() >= 3);
            CHECK(fitted.compare(fitted.size() - 3, 3, "...") == 0);
            // Only whole characters: a cut one would leave a lead byte without all its continuation bytes.
            const std::string kept = fitted.substr(0, fitted.size() - 3);
            CHECK(korean.compare(0, kept.size(), kept) == 0);
            CHECK((static_cast<unsigned char>(korean[kept.size()]) & 0xC0) != 0x80);
        }
    });
}

TEST_CASE("wrapped text breaks at spaces only, never inside \"s3.amazonaws.com\" or a time, and every line fits") {
    Headless ui;
    ui.frame([] {
        const auto width = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; };
        const auto lines = [](const std::string& t) {
            std::vector<std::string> out(1);
            for (const char c : t) {
                if (c == '\n') out.emplace_back();
                else out.back().push_back(c);
            }
            return out;
        };
        const std::string text = "S3 Inventory delivers as s3.amazonaws.com at +0:00:05.040, then stops.";
        // ImGui 1.86 breaks after a '.': at this width its own wrapping ends the first line with "s3.".
        const float room = width("S3 Inventory delivers as s3.amazo");
        const ImFont& font = *ImGui::GetFont();
        const char* imgui_break = font.CalcWordWrapPositionA(1.0f, text.c_str(), text.c_str() + text.size(), room);
        CHECK(std::string(text.c_str(), imgui_break) == "S3 Inventory delivers as s3.");
        const std::string wrapped = wrap_text(text, room);
        CHECK(wrapped == "S3 Inventory delivers as\ns3.amazonaws.com at +0:00:05.040,\nthen stops.");
        for (float r = width("s3.amazonaws.com"); r < width(text) + 10.0f; r += 7.0f) {
            CAPTURE(r);
            const std::string w = wrap_text(text, r);
            std::string rejoined = w;
            std::replace(rejoined.begin(), rejoined.end(), '\n', ' ');
            CHECK(rejoined == text);  // only spaces became line breaks
            for (const std::string& line : lines(w)) CHECK(width(line) <= r);
        }
        CHECK(wrap_text(text, width(text)) == text);
        CHECK(wrap_text("one\ntwo three", 1000.0f) == "one\ntwo three");  // its own breaks are kept
        // A word wider than the room is broken between whole characters, each line fitting.
        const std::string korean = "세션보유자세션보유자";
        const std::string broken = wrap_text(korean, width("세션보"));
        std::string joined;
        for (const std::string& line : lines(broken)) {
            CHECK(width(line) <= width("세션보"));
            CHECK_FALSE(line.empty());
            joined += line;
        }
        CHECK(joined == korean);
        CHECK(lines(broken).size() == 4);
        // An ARN wider than the room breaks after one of its '/' or ':', not a letter from its end.
        const std::string arn = "arn:aws:iam::111122223333:role/access-uni-engineering";
        CHECK(wrap_text("on " + arn, width("arn:aws:iam::111122223333:role/access-uni-engineerin")) ==
              "on\narn:aws:iam::111122223333:role/\naccess-uni-engineering");
    });
}

TEST_CASE("a refused row of the sequence diagram keeps enough of its operation and of its error to read both, else its whole error") {
    Headless ui;
    ui.frame([] {
        const auto width = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; };
        const std::string label = "sts:AssumeRoleWithWebIdentity: AccessDenied";
        CHECK(fit_label("12. ", label, width("12. " + label)) == "12. " + label);  // whole when it fits
        CHECK(fit_label("12. ", label, width("12. AssumeRoleWithWebIdentity: AccessDenied")) == "12. AssumeRoleWithWebIdentity: AccessDenied");
        CHECK(fit_label("12. ", label, width("12. AssumeRoleWith...: AccessDenied")) == "12. AssumeRoleWith...: AccessDenied");
        // The operation keeps its first eight characters before the error gives way.
        CHECK(fit_label("12. ", label, width("12. AssumeRo...: AccessDenied")) == "12. AssumeRo...: AccessDenied");
        // Then the operation goes (the request's row above names it) before the error loses a letter.
        CHECK(fit_label("12. ", label, width("12. AssumeRo...: Access...")) == "12. AccessDenied");
        CHECK(fit_label("12. ", label, width("12. AccessDenied")) == "12. AccessDenied");
        CHECK(fit_label("12. ", label, width("12. AccessDenie")) == "12. AccessDe...");
        for (float room = width("12. A..."); room < width("12. " + label); room += 3.0f) {
            CAPTURE(room);
            const std::string fitted = fit_label("12. ", label, room);
            CHECK(width(fitted) <= room);
            CHECK(fitted.rfind("12. A", 0) == 0);
        }
    });
}

// The screenshot review: lesson 14's "9. SAML assertion (edited after sign..." (a long label on an arrow by the first
// lanes, pushed left) ran to 6 pixels from its time, over the time column's gap, and read as part of the time.
TEST_CASE("a sequence row's label is centred on its arrow, kept in the row, and never over the time column") {
    const float left = 150.0f, right = 600.0f;  // the time column's end; the row's visible end
    CHECK(row_label_x(400.0f, 100.0f, left, right) == 350.0f);  // centred on its arrow
    CHECK(row_label_x(580.0f, 100.0f, left, right) == 500.0f);  // moved left to end in the row
    CHECK(row_label_x(160.0f, 100.0f, left, right) == left);    // by the first lane: right of the times
    CHECK(row_label_x(300.0f, 500.0f, left, right) == left);    // wider than the row: still right of the times
    for (float centre = 0.0f; centre <= 700.0f; centre += 7.0f)
        for (float width = 10.0f; width <= 600.0f; width += 13.0f) {
            const float x = row_label_x(centre, width, left, right);
            CHECK(x >= left);
            if (width <= right - left) CHECK(x + width <= right);
        }
}

TEST_CASE("CloudTrail gives events the width they need, and shortens only what a narrow panel cannot hold") {
    Headless ui;
    ViewState view = view_of({"01-confused-deputy.json"});
    const Replay& replay = *view.focused();
    view.move_to(replay.steps());
    const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
    const auto width = [&](const std::string& text) { return font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, text.c_str()).x; };
    float widest = 0.0f;
    for (const CloudTrailRow& row : replay.cloudtrail())
        widest = std::max(widest, width(row.error.empty() ? row.event : row.event + ": " + row.error));
    const auto event_room = [&](float panel_width) {
        for (int i = 0; i < 3; ++i) ui.frame([&] { draw_cloudtrail(PanelRect{{0, 470}, {panel_width, 275}}, view); });
        const ImGuiTableColumn& event = records_table().Columns[2];
        return event.WorkMaxX - event.WorkMinX;
    };
    // The CloudTrail panel's width in a 1280x800 window (app.cpp's compute_layout): the lesson's commonest calls
    // read whole (they used to read "AssumeRol", "GetObjec").
    CHECK(event_room(449.0f) >= width("AssumeRole"));
    // With room, every event of the run reads whole; in a narrow panel the identity keeps its share and the longest
    // events are shortened (whole in the row's tooltip). The same table follows its panel's width frame to frame.
    CHECK(event_room(800.0f) >= widest);
    const float narrow = event_room(300.0f);
    CHECK(narrow < widest);
    CHECK(narrow >= width("event"));
    CHECK(event_room(800.0f) >= widest);
}

// The screenshot review: at 1600x900 lesson 27's event column read "TerminateInstances..." and "DecodeAuthorizatio..."
// beside an identity column of "user/priya" with room to spare: the event had 60% of the room whatever the identities
// needed. The identity column keeps what its widest needs (up to 40%), and the event takes the rest.
TEST_CASE("CloudTrail's identity column gives the event column the room its identities do not need") {
    // The share, as a pure function: the widest event whole when the identities leave room for it...
    CHECK(cloudtrail_event_width(500.0f, 300.0f, 100.0f, 80.0f, 40.0f) == 300.0f);
    // ... else the identity what it needs and the event the rest, though more than 60% ...
    CHECK(cloudtrail_event_width(400.0f, 350.0f, 100.0f, 80.0f, 40.0f) == 300.0f);
    // ... the identity never more than 40% and 8 pixels (a role session's ARN gives way from its start) ...
    CHECK(cloudtrail_event_width(400.0f, 350.0f, 300.0f, 80.0f, 40.0f) == 232.0f);
    // ... unless that leaves it less than a short user's name ...
    CHECK(cloudtrail_event_width(200.0f, 350.0f, 300.0f, 100.0f, 40.0f) == 100.0f);
    // ... and the event never narrower than its heading.
    CHECK(cloudtrail_event_width(50.0f, 350.0f, 300.0f, 20.0f, 40.0f) == 40.0f);

    for (const auto& [display, scale] : {std::pair{ImVec2(1600, 900), 1.25f}, std::pair{ImVec2(1280, 720), 1.0f}}) {
        CAPTURE(display.x);
        for (const std::string lesson : {"27-scp-ou-inheritance.json", "04-mfa-protected-role.json"}) {
            CAPTURE(lesson);
            Headless ui(display, scale);
            ViewState view = view_of({lesson});
            const Replay& replay = *view.focused();
            view.move_to(replay.steps());
            ui.frames_in_layout(1, [&](const Layout& layout) { draw_cloudtrail(layout.cloudtrail, view); });
            const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
            const auto width = [&](const std::string& text) { return font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, text.c_str()).x; };
            const auto room = [](const ImGuiTableColumn& c) { return c.WorkMaxX - c.WorkMinX; };
            const ImGuiTable& table = records_table();
            const float event = room(table.Columns[2]), identity = room(table.Columns[3]), shared = event + identity;
            INFO("event " << event << ", identity " << identity);
            // More than it had, unless the identities need more than 40%.
            float need = 0.0f;
            for (const CloudTrailRow& row : replay.cloudtrail()) {
                const std::optional<iam::Arn> arn = iam::Arn::parse(row.identity);
                const std::string shown = arn && arn->account == row.account ? arn->resource
                                          : row.identity.find(' ') != std::string::npos ? row.identity.substr(row.identity.find(' ') + 1)
                                                                                        : row.identity;
                need = std::max(need, width(shown));
            }
            // (The identity column stretches: it also has what the scroll bar leaves when there is none.)
            if (need < shared * 0.38f) CHECK(identity <= need + ImGui::GetStyle().ScrollbarSize + 2.0f);
            else CHECK(event >= shared * 0.54f);  // about the 60% of the content it had, the borders counted
            CHECK(event >= width("TerminateInstances"));
            CHECK(identity >= std::min(need, shared * 0.38f));
        }
    }
}

// The screenshot review: at 1600x900 lesson 29's refused launches read "RunInstances: Client.Un..." in a 280-pixel event
// column. EC2's codes all start with "Client." in CloudTrail; the cell leaves it out, as the sequence diagram and the
// inspector do, and keeps the error whole where a name of three letters leaves it room.
TEST_CASE("CloudTrail names a refused EC2 call's error without EC2's Client. prefix, whole where three letters of the call leave room") {
    Headless ui(ImVec2(1600, 900), 1.25f);
    ViewState view = view_of({"29-ec2-launch-guardrails.json"});
    const Replay& replay = *view.focused();
    const auto refused = std::find_if(replay.cloudtrail().begin(), replay.cloudtrail().end(),
                                      [](const CloudTrailRow& row) { return row.error == "Client.UnauthorizedOperation"; });
    REQUIRE(refused != replay.cloudtrail().end());
    ui.frame([&] {
        const auto width = [](const char* text) { return ImGui::CalcTextSize(text).x; };
        CHECK(cloudtrail_event_cell(*refused, 1000.0f) == "RunInstances: UnauthorizedOperation");
        CHECK(cloudtrail_event_cell(*refused, width("Run...: UnauthorizedOperation")) == "Run...: UnauthorizedOperation");
        // The 26 characters lesson 29's column has at 1600x900: not room for both, the event from its start.
        CHECK(cloudtrail_event_cell(*refused, 280.0f) == "RunInstances: Unauthori...");
        // Other services' codes as the record has them.
        CloudTrailRow denied = *refused;
        denied.event = "AssumeRole";
        denied.error = "AccessDenied";
        CHECK(cloudtrail_event_cell(denied, width("Ass...: AccessDenied")) == "Ass...: AccessDenied");
    });
}

// At 1024x600 the panel is 359 pixels wide: the account's twelve digits left the event and the identity about 100
// pixels between them ("GetO...", "...dev"; 65 and 41 pixels, now about 120 and 90).
TEST_CASE("in a 1024x600 window CloudTrail's event and identity columns each have room for a call and a user, the account a swatch") {
    Headless ui(ImVec2(1024, 600));
    ViewState view = view_of({"21-iam-escalation-and-stolen-keys.json"});
    view.move_to(view.focused()->steps());
    ui.frames_in_layout(1, [&](const Layout& layout) { draw_cloudtrail(layout.cloudtrail, view); });
    const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
    const auto width = [&](const char* text) { return font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, text).x; };
    const auto room = [](const ImGuiTableColumn& c) { return c.WorkMaxX - c.WorkMinX; };
    const ImGuiTable& table = records_table();
    INFO("time " << room(table.Columns[0]) << ", account " << room(table.Columns[1]) << ", event " << room(table.Columns[2])
                 << ", identity " << room(table.Columns[3]));
    CHECK(room(table.Columns[1]) < width("000"));
    CHECK(room(table.Columns[2]) >= width("PutUserPolicy"));
    CHECK(room(table.Columns[3]) >= width("user/admin"));
}

TEST_CASE("CloudTrail brings the current step's records into view when the step changes, and leaves a hand scroll alone") {
    Headless ui;
    ViewState view = view_of({"21-iam-escalation-and-stolen-keys.json"});
    const Replay& replay = *view.focused();
    const PanelRect rect{{486, 470}, {449, 200}};  // room for a few rows of the run's 18
    const auto frames = [&](int n) {
        for (int i = 0; i < n; ++i) ui.frame([&] { draw_cloudtrail(rect, view); });
    };
    const auto step_to = [&](std::size_t step) {
        view.move_to(step);
        frames(3);
    };
    const auto shows_records_of = [&](std::size_t step) {
        const std::size_t count = replay.cloudtrail_count(view.cursor);
        const auto [first, end] = rows_of_step(replay, count, step);
        REQUIRE(first < end);
        return rows_in_view(first, end, count);
    };
    // The last step that wrote a record, and one in the middle whose records sit below the first rows.
    std::size_t last_writer = 0, middle_writer = 0;
    for (const CloudTrailRow& row : replay.cloudtrail()) {
        last_writer = row.step;
        if (middle_writer == 0 && replay.cloudtrail_count(row.step) >= 10) middle_writer = row.step;
    }
    REQUIRE(middle_writer != 0);

    step_to(last_writer);
    REQUIRE(records_table().InnerWindow->ScrollMax.y > 0.0f);  // more rows than the panel shows
    CHECK(shows_records_of(last_writer));

    // The user scrolls back to the first records while paused: they stay there, frame after frame.
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiWindow& inner = *records_table().InnerWindow;
    io.MousePos = ImVec2(inner.Pos.x + inner.Size.x * 0.5f, inner.Pos.y + inner.Size.y * 0.5f);
    io.MouseWheel = 100.0f;
    frames(1);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frames(5);
    CHECK(records_table().InnerWindow->Scroll.y == 0.0f);
    CHECK_FALSE(shows_records_of(last_writer));

    // The next step brings its records into view again: back to the middle of the run, then on to its end.
    step_to(middle_writer);
    CHECK(shows_records_of(middle_writer));
    step_to(0);
    step_to(middle_writer);
    CHECK(shows_records_of(middle_writer));
    step_to(last_writer);
    CHECK(shows_records_of(last_writer));
}

// One cursor over the flagship's two lessons: each pane shows its own step of the same moment, a pane that waits does
// not replay its last hop again, and clicking a row of either sequence diagram puts the cursor where that pane is there.
TEST_CASE("side by side, each pane shows its own step at the shared cursor, and a waiting pane's hop stays arrived") {
    ViewState view = view_of({"01-confused-deputy.json", "02-confused-deputy-external-id.json"});
    CHECK(view.last_step() == 15);
    view.move_to(9);  // lesson 01's vendor reads your bucket for Mallory; lesson 02's was refused a step earlier
    CHECK(view.step_of(0) == 9);
    CHECK(view.step_of(1) == 8);
    CHECK(view.hop_of(0) == 0.0f);
    CHECK(view.hop_of(1) == 1.0f);
    CHECK_FALSE(view.waits(0));
    CHECK(view.waits(1));
    // One moment for both panes: the later run's time, which the waiting pane's countdowns follow too.
    CHECK(view.now() == view.replay(0)->time_at(9));
    CHECK(view.now() > view.replay(1)->time_at(8));
    view.move_to(11);  // both ask STS who they are
    CHECK(view.step_of(0) == 11);
    CHECK(view.step_of(1) == 9);
    CHECK(view.hop_of(0) == 0.0f);
    CHECK(view.hop_of(1) == 0.0f);
    CHECK(view.cursor_at(1, 9) == 11);
    CHECK(view.cursor_at(0, 10) == 10);
    view.move_to(14);
    CHECK(view.waits(0));  // lesson 01 has ended; lesson 02's Mallory tries once more
    CHECK(view.now() == view.replay(1)->time_at(view.step_of(1)));
    view.move_to(99);
    CHECK(view.cursor == 15);
    CHECK(view.step_of(0) == 12);
    CHECK(view.step_of(1) == 13);
    // Two other lessons opened in their place (the first ones freed first, as the app's open does): the shared
    // steps are worked out for them, whatever addresses the new replays have.
    view.files.clear();
    view.files = view_of({"05-role-chaining.json", "06-revoke-sessions.json"}).files;
    CHECK(view.last_step() == align_steps(*view.replay(0), *view.replay(1)).size() - 1);
    // One file: the cursor is its step.
    ViewState one = view_of({"02-confused-deputy-external-id.json"});
    CHECK(one.last_step() == 13);
    one.move_to(9);
    CHECK(one.step_of(0) == 9);
    CHECK(one.cursor_at(0, 9) == 9);
}

// At 1600x900 lesson 31's step 6 put its result ("PASS - as expected: error AccessDenied") half under the narration
// panel's fold, below a scrollbar: the story scrolls in a child of its own, and the panel itself never does.
TEST_CASE("the narration panel keeps the step's result in view, the story scrolling above it") {
    for (const auto& [display, scale] : {std::pair{ImVec2(1600, 900), 1.25f}, std::pair{ImVec2(1280, 720), 1.0f}}) {
        CAPTURE(display.x);
        Headless ui(display, scale);
        ViewState view = view_of({"31-vpc-endpoint-data-perimeter.json"});
        view.move_to(6);
        ui.frames_in_layout(1, [&](const Layout& layout) { draw_narration(layout.narration, view); });
        const ImGuiWindow* panel = ImGui::FindWindowByName("###narration");
        REQUIRE(panel != nullptr);
        CHECK(panel->ScrollMax.y == 0.0f);
        CHECK_FALSE(panel->ScrollbarY);
        const ImGuiWindow* story = nullptr;
        for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
            if (w->ParentWindow == panel && (w->Flags & ImGuiWindowFlags_ChildWindow)) story = w;
        REQUIRE(story != nullptr);
        CHECK(story->Pos.y + story->Size.y < panel->Pos.y + panel->Size.y - ImGui::GetTextLineHeight());  // a line below it
    }
}

// Found by fuzzing: a 200-character actor name set the lanes' margin, and the diagram shrank to nothing.
TEST_CASE("a sequence diagram lane's label is cut to 18 characters, and lesson names stay whole") {
    Headless ui;
    ui.frame([] {
        const float room = ImGui::CalcTextSize("x").x * 18.0f;
        CHECK(ImGui::CalcTextSize(sequence_lane_label(std::string(200, 'a')).c_str()).x <= room);
        CHECK(sequence_lane_label("vendor-integration-service") == "vendor-integrat...");
        for (const char* name : {"identity-center", "lookalike-login", "alice-laptop", "STS"}) CHECK(sequence_lane_label(name) == name);
    });
}
