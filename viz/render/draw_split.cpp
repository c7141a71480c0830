#include "render/draw_split.hpp"

namespace stslab::viz {
namespace {

// Two triangles that share two of their corners: a quad (ImGui writes rectangles and glyphs this way).
bool is_quad(const ImDrawIdx* i) {
    int shared = 0;
    for (int a = 0; a < 3; ++a)
        for (int b = 3; b < 6; ++b) shared += i[a] == i[b] ? 1 : 0;
    return shared == 2;
}

}  // namespace

std::vector<IndexRun> software_runs(const ImDrawIdx* indices, unsigned count) {
    std::vector<IndexRun> runs;
    for (unsigned p = 0; p + 3 <= count;) {
        const bool quad = p + 6 <= count && is_quad(indices + p);
        const unsigned take = quad ? 6 : 3;
        if (runs.empty() || runs.back().quads != quad || (quad && runs.back().count + take > kMaxQuadRunIndices))
            runs.push_back(IndexRun{p, 0, quad});
        runs.back().count += take;
        p += take;
    }
    return runs;
}

void split_for_software_renderer(ImDrawData* data) {
    for (int l = 0; l < data->CmdListsCount; ++l) {
        ImDrawList* list = data->CmdLists[l];
        ImVector<ImDrawCmd> split;
        split.reserve(list->CmdBuffer.Size);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback != nullptr || cmd.ElemCount == 0) {
                split.push_back(cmd);
                continue;
            }
            for (const IndexRun& run : software_runs(list->IdxBuffer.Data + cmd.IdxOffset, cmd.ElemCount)) {
                ImDrawCmd part = cmd;
                part.IdxOffset = cmd.IdxOffset + run.offset;
                part.ElemCount = run.count;
                split.push_back(part);
            }
        }
        list->CmdBuffer.swap(split);
    }
}

}  // namespace stslab::viz
