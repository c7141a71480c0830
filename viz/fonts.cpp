// The font atlas (fonts.hpp).
#include "fonts.hpp"

#include "text.hpp"
#include "trace/label_notes.hpp"

#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace stslab::viz {
namespace {

constexpr const char* kKoreanFont = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";

}  // namespace

std::string load_fonts(float size_px, const std::string& korean_text) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig latin;
    latin.SizePixels = size_px;
    io.Fonts->AddFontDefault(&latin);

    const char* override_path = std::getenv("STSLAB_KOREAN_FONT");
    const std::string path = override_path != nullptr && *override_path != '\0' ? override_path : kKoreanFont;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return "Korean font not found: install fonts-nanum (" + path + ")";
    }
    static ImVector<ImWchar> ranges;  // the atlas keeps a pointer until it is built
    ranges.clear();
    static const ImWchar extra[] = {0x2010, 0x205E, 0x2190, 0x21FF, 0x25A0, 0x25FF, 0x3131, 0x318E, 0};
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(extra);
    for (const UiText& text : kUiTexts) builder.AddText(text.ko);
    for (std::size_t n = 0; n < kLabelNoteCount; ++n) builder.AddText(kLabelNotes[n].ko);
    builder.AddText(korean_text.c_str(), korean_text.c_str() + korean_text.size());
    // A NUL in a lesson's text (JSON's "\u0000") would make the first range start at 0, which ends ImGui's list of
    // ranges: no Korean glyph at all, the viewer's own words drawn as "?".
    builder.UsedChars[0] &= ~1u;
    builder.BuildRanges(&ranges);
    ImFontConfig korean;
    korean.MergeMode = true;
    korean.OversampleH = 1;  // whole-pixel glyphs: sharp at 1:1 and sampled nearest (see upload_font_atlas_bgra)
    korean.OversampleV = 1;
    korean.PixelSnapH = true;
    if (io.Fonts->AddFontFromFileTTF(path.c_str(), size_px, &korean, ranges.Data) == nullptr) {
        return "Korean font could not be loaded: " + path;
    }
    return "";
}

}  // namespace stslab::viz
