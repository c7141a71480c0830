// Cutting a frame's draw commands for Mesa's software renderer (viz/render/draw_split.hpp): every index drawn
// once and in order, quads in runs that llvmpipe's rectangle path accepts (a multiple of six, at most 1020
// indices), with the clip rectangle and texture of the command they came from.
#include "render/draw_split.hpp"

#include <doctest/doctest.h>

#include <imgui.h>

#include <vector>

using namespace stslab::viz;

namespace {

// A quad as ImGui writes a rectangle or a glyph (PrimRect): 0 1 2, 0 2 3 from its first vertex.
void add_quad(std::vector<ImDrawIdx>& idx, ImDrawIdx first) {
    for (int k : {0, 1, 2, 0, 2, 3}) idx.push_back(static_cast<ImDrawIdx>(first + k));
}

// Triangles that share no edge (arrowheads, say): no two of them make a quad.
void add_triangles(std::vector<ImDrawIdx>& idx, ImDrawIdx first, int triangles) {
    for (int i = 0; i < triangles; ++i)
        for (int k : {0, 1, 2}) idx.push_back(static_cast<ImDrawIdx>(first + 3 * i + k));
}

// The runs lie end to end over all `count` indices.
void check_covers(const std::vector<IndexRun>& runs, unsigned count) {
    unsigned next = 0;
    for (const IndexRun& r : runs) {
        CHECK(r.offset == next);
        CHECK(r.count % 3 == 0);
        if (r.quads) {
            CHECK(r.count % 6 == 0);
            CHECK(r.count <= kMaxQuadRunIndices);
        }
        next += r.count;
    }
    CHECK(next == count);
}

}  // namespace

TEST_CASE("quads, lone triangles and quads again make three runs in order") {
    std::vector<ImDrawIdx> idx;
    for (int q = 0; q < 5; ++q) add_quad(idx, static_cast<ImDrawIdx>(4 * q));
    add_triangles(idx, 20, 7);
    for (int q = 0; q < 3; ++q) add_quad(idx, static_cast<ImDrawIdx>(41 + 4 * q));
    const auto runs = software_runs(idx.data(), static_cast<unsigned>(idx.size()));
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].quads);
    CHECK(runs[0].count == 30);
    CHECK_FALSE(runs[1].quads);
    CHECK(runs[1].count == 21);
    CHECK(runs[2].quads);
    CHECK(runs[2].count == 18);
    check_covers(runs, static_cast<unsigned>(idx.size()));
}

TEST_CASE("a long run of glyphs is cut at 170 quads, below llvmpipe's 1023-index pieces") {
    std::vector<ImDrawIdx> idx;
    for (int q = 0; q < 400; ++q) add_quad(idx, static_cast<ImDrawIdx>(4 * q));
    const auto runs = software_runs(idx.data(), static_cast<unsigned>(idx.size()));
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].count == 1020);
    CHECK(runs[1].count == 1020);
    CHECK(runs[2].count == 360);
    check_covers(runs, static_cast<unsigned>(idx.size()));
}

TEST_CASE("a quad out of step with the six-index groups is still found after a lone triangle") {
    std::vector<ImDrawIdx> idx;
    add_triangles(idx, 0, 1);  // one triangle, then quads starting at index 3
    add_quad(idx, 3);
    add_quad(idx, 7);
    const auto runs = software_runs(idx.data(), static_cast<unsigned>(idx.size()));
    REQUIRE(runs.size() == 2);
    CHECK_FALSE(runs[0].quads);
    CHECK(runs[0].count == 3);
    CHECK(runs[1].quads);
    CHECK(runs[1].offset == 3);
    CHECK(runs[1].count == 12);
}

TEST_CASE("nothing to draw gives no runs") {
    CHECK(software_runs(nullptr, 0).empty());
}

TEST_CASE("a real ImGui frame keeps every index, clip rectangle and texture, its text is drawn as quad runs") {
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas (no texture: nothing is drawn here)
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 600));
    ImGui::Begin("split");
    for (int i = 0; i < 60; ++i) ImGui::Text("line %d: arn:aws:iam::111111111111:role/UpdateApp may be assumed", i);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddCircleFilled(ImVec2(400, 300), 40.0f, IM_COL32(255, 0, 0, 255));
    draw->AddRect(ImVec2(10, 10), ImVec2(300, 200), IM_COL32(0, 255, 0, 255), 6.0f, 0, 2.0f);
    ImGui::End();
    ImGui::Render();
    ImDrawData* data = ImGui::GetDrawData();

    struct Drawn {
        ImVec4 clip;
        ImTextureID texture;
        std::vector<ImDrawIdx> indices;
    };
    auto drawn = [&] {
        std::vector<Drawn> out;
        for (int l = 0; l < data->CmdListsCount; ++l)
            for (const ImDrawCmd& cmd : data->CmdLists[l]->CmdBuffer)
                for (unsigned i = 0; i < cmd.ElemCount; ++i) {
                    if (out.empty() || out.back().clip.x != cmd.ClipRect.x || out.back().clip.y != cmd.ClipRect.y ||
                        out.back().clip.z != cmd.ClipRect.z || out.back().clip.w != cmd.ClipRect.w ||
                        out.back().texture != cmd.TextureId)
                        out.push_back(Drawn{cmd.ClipRect, cmd.TextureId, {}});
                    out.back().indices.push_back(data->CmdLists[l]->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)]);
                }
        return out;
    };
    const std::vector<Drawn> before = drawn();
    int commands_before = 0;
    for (int l = 0; l < data->CmdListsCount; ++l) commands_before += data->CmdLists[l]->CmdBuffer.Size;

    split_for_software_renderer(data);

    const std::vector<Drawn> after = drawn();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < before.size(); ++i) CHECK(after[i].indices == before[i].indices);
    int commands_after = 0, quad_indices = 0, all_indices = 0;
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawCmd& cmd : data->CmdLists[l]->CmdBuffer) {
            ++commands_after;
            all_indices += static_cast<int>(cmd.ElemCount);
            const ImDrawIdx* first = data->CmdLists[l]->IdxBuffer.Data + cmd.IdxOffset;
            const auto runs = software_runs(first, cmd.ElemCount);
            REQUIRE(runs.size() == 1);  // each command is now exactly one run
            if (runs[0].quads) quad_indices += static_cast<int>(cmd.ElemCount);
        }
    CHECK(commands_after > commands_before);  // 60 lines of text do not fit in one 170-quad run
    CHECK(quad_indices * 10 > all_indices * 9);  // the text (most of the frame) went into quad runs
    ImGui::DestroyContext(context);
}
