// The world map's geometry, laid out as the viewer lays it out in a window of a given size (app.cpp's layout, in an
// ImGui context of the test's own, tests/viz/headless.hpp): every call the replay is at drawn as a hop between the
// right ends, trust edges clear of the nodes they do not connect, and the nodes a lesson is about kept when the map
// lacks room for all.
#include "headless.hpp"
#include "panels/panels.hpp"
#include "panels/world_map.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the tooltip window of "+N more"

#include <doctest/doctest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

using namespace stslab;
using namespace stslab::viz;
using namespace stslab::viz::test;

namespace {

// The world maps as the viewer draws them at the view's cursor: under a menu bar, in the panels app.cpp's layout gives
// them in the test's window (a few frames, as a screenshot renders).
std::vector<MapLayout> draw_maps(Headless& ui, ViewState& view) {
    std::vector<MapLayout> maps(view.files.size());
    ui.frames_in_layout(view.files.size(), [&](const Layout& layout) {
        for (std::size_t f = 0; f < view.files.size(); ++f) maps[f] = draw_world_map(layout.world_map[f], view, f);
    });
    return maps;
}

// The viewer's usual windows: a laptop's at 100% and a projector's full HD at 150% (fit_scale).
struct WindowSize {
    ImVec2 display;
    float scale;
};
const WindowSize kWindowSizes[] = {{ImVec2(1280, 800), 1.0f}, {ImVec2(1920, 1080), 1.5f}};

const MapNode& node(const MapLayout& m, const std::string& key) {
    const auto it = m.by_key.find(key);
    REQUIRE_MESSAGE(it != m.by_key.end(), key);
    return m.nodes[it->second];
}

// The first request of `operation` in the run made by `actor`.
std::size_t request_of(const Replay& r, const std::string& operation, const std::string& actor) {
    for (std::size_t k = 1; k <= r.steps(); ++k)
        if (r.arrow(k).kind == ArrowKind::Request && r.arrow(k).label == operation && r.lanes()[r.arrow(k).from] == actor) return k;
    FAIL("no " << operation << " by " << actor << " in the run");
    return 0;
}

// The hop the map draws at `step`, from where to where, and its label: "FROM -> TO: LABEL".
std::string hop_at(Headless& ui, const Replay& r, const MapLayout& m, std::size_t step) {
    std::string out = "none";
    ui.frame([&] {  // the account's title is measured with the font
        if (const std::optional<MapHop> hop = map_hop(r, m, step)) out = hop->from.key + " -> " + hop->to.key + ": " + hop->label;
    });
    return out;
}

// How far p is from the border of the box [min, max].
float off_border(ImVec2 p, ImVec2 min, ImVec2 max) {
    const float dx = std::max({min.x - p.x, 0.0f, p.x - max.x}), dy = std::max({min.y - p.y, 0.0f, p.y - max.y});
    if (dx > 0.0f || dy > 0.0f) return std::sqrt(dx * dx + dy * dy);
    return std::min({p.x - min.x, max.x - p.x, p.y - min.y, max.y - p.y});
}

// Every step of every lesson on its map, as the viewer draws it in `ui`'s window: visit(replay, map, step).
template <class Visit>
void for_each_lesson_step(Headless& ui, Visit visit) {
    for (const std::string& lesson : lessons()) {
        CAPTURE(lesson);
        ViewState view = view_of({lesson});
        const Replay& r = *view.focused();
        const MapLayout m = draw_maps(ui, view)[0];
        for (std::size_t k = 1; k <= r.steps(); ++k) {
            CAPTURE(k);
            visit(r, m, k);
        }
    }
}

}  // namespace

TEST_CASE("every step of every lesson is drawn on the map: a hop between the caller and what it acts on, or between actors") {
    Headless ui;
    for_each_lesson_step(ui, [&](const Replay& r, const MapLayout& m, std::size_t k) {
        CAPTURE(r.arrow(k).label);
        CHECK(hop_at(ui, r, m, k) != "none");
    });
}

// A straight hop ran through the nodes between its ends (lesson 21's admin, under the line from security to dev).
TEST_CASE("hops go around the nodes they do not join, as trust edges do") {
    for (const WindowSize& size : kWindowSizes) {
        CAPTURE(size.display.x);
        Headless ui(size.display, size.scale);
        std::size_t bent = 0;
        for_each_lesson_step(ui, [&](const Replay& r, const MapLayout& m, std::size_t k) {
            std::optional<MapHop> hop;
            ui.frame([&] { hop = map_hop(r, m, k); });
            REQUIRE(hop);
            REQUIRE(hop->path.size() >= 2);
            if (hop->from.key == hop->to.key) return;  // a loop round its own box
            CHECK(off_border(hop->path.front(), hop->from.min, hop->from.max) < 1.0f);
            CHECK(off_border(hop->path.back(), hop->to.min, hop->to.max) < 1.0f);
            if (hop->path.size() > 2) ++bent;
            for (const MapNode& n : m.nodes) {
                if (!n.placed || n.key == hop->from.key || n.key == hop->to.key) continue;
                CAPTURE(n.key);
                for (std::size_t i = 1; i < hop->path.size(); ++i) CHECK_FALSE(segment_crosses(hop->path[i - 1], hop->path[i], n.min, n.max));
            }
        });
        CHECK(bent > 0);
    }
}

TEST_CASE("calls on no node of the map go to the account they act in, named, and a user changing itself loops back to it") {
    Headless ui;
    const auto hop_of = [&](const char* lesson, const std::string& operation, const std::string& actor, bool answer = false) {
        ViewState view = view_of({lesson});
        const Replay& r = *view.focused();
        const std::size_t request = request_of(r, operation, actor);
        return hop_at(ui, r, draw_maps(ui, view)[0], answer ? r.arrow(request).partner : request);
    };
    // Lesson 20: the intern attaches AdministratorAccess to himself; the admin detaches it.
    const std::string intern = "arn:aws:iam::111111111111:user/intern";
    CHECK(hop_of("20-privilege-escalation.json", "iam:AttachUserPolicy", "intern") == intern + " -> " + intern + ": iam:AttachUserPolicy");
    CHECK(hop_of("20-privilege-escalation.json", "iam:DetachUserPolicy", "admin") ==
          "arn:aws:iam::111111111111:user/admin -> " + intern + ": iam:DetachUserPolicy");
    // Lesson 21: dev rewrites the policy he is attached to (no node: his account, the policy named), then makes
    // himself a key of admin's, which answers back to him.
    const std::string dev = "arn:aws:iam::111111111111:user/dev", admin = "arn:aws:iam::111111111111:user/admin";
    const char* l21 = "21-iam-escalation-and-stolen-keys.json";
    CHECK(hop_of(l21, "iam:CreatePolicyVersion", "dev") == dev + " -> account:111111111111: iam:CreatePolicyVersion (policy/DevTools)");
    CHECK(hop_of(l21, "iam:CreatePolicyVersion", "dev", true) == "account:111111111111 -> " + dev + ": iam:CreatePolicyVersion (policy/DevTools)");
    CHECK(hop_of(l21, "iam:CreateAccessKey", "dev") == dev + " -> " + admin + ": iam:CreateAccessKey");
    CHECK(hop_of(l21, "iam:CreateAccessKey", "dev", true) == admin + " -> " + dev + ": iam:CreateAccessKey");
    CHECK(hop_of(l21, "iam:PutUserPolicy", "security") == "arn:aws:iam::111111111111:user/security -> " + admin + ": iam:PutUserPolicy");
    // Lesson 09: the proxy asks for a federated user's token; the federated user then asks who it is.
    CHECK(hop_of("09-federation-proxy.json", "sts:GetFederationToken", "proxy") ==
          "arn:aws:iam::111111111111:user/proxy -> account:111111111111: sts:GetFederationToken (federated-user/kim)");
    CHECK(hop_of("09-federation-proxy.json", "sts:GetCallerIdentity", "kim-browser") ==
          "actor:kim-browser -> account:111111111111: sts:GetCallerIdentity");
    // Lesson 08: a session token, and a call refused before any decision (an answer with no target).
    const std::string lee = "arn:aws:iam::123456789012:user/lee";
    CHECK(hop_of("08-session-token-mfa.json", "sts:GetSessionToken", "lee") == lee + " -> account:123456789012: sts:GetSessionToken");
    CHECK(hop_of("08-session-token-mfa.json", "iam:PutUserPolicy", "lee", true) ==
          "account:123456789012 -> " + lee + ": iam:PutUserPolicy: InvalidClientTokenId");
    // Lesson 18: Identity Center refuses a role in an account the user has no assignment in: the account asked for.
    ViewState view = view_of({"18-identity-center.json"});
    const Replay& r = *view.focused();
    std::size_t refused = 0;
    for (std::size_t k = 1; k <= r.steps(); ++k)
        if (r.arrow(k).error == "ForbiddenException" && r.arrow(k).kind == ArrowKind::Request) refused = k;
    REQUIRE(refused != 0);
    CHECK(hop_at(ui, r, draw_maps(ui, view)[0], refused) == "actor:alice-laptop -> account:333333333333: sso:GetRoleCredentials");
}

// Lesson 21: the calls the developer signs with the administrator's key (and the session token he got with it) were
// drawn from him with nothing to say whose key it was. They are his to send, so they still come from him; under the
// label, who AWS took him for, as CloudTrail records it ("as user/admin"), or whose key it was when it authenticated
// no one (the deleted key).
TEST_CASE("a call signed with a stolen key comes from the one who sends it, marked with who AWS takes the caller for") {
    const std::string dev = "arn:aws:iam::111111111111:user/dev", secrets = "arn:aws:s3:::secrets";
    for (const Language lang : {Language::English, Language::Korean}) {
        CAPTURE(static_cast<int>(lang));
        Headless ui;
        ViewState view = view_of({"21-iam-escalation-and-stolen-keys.json"});
        view.language = lang;
        const Replay& r = *view.focused();
        const MapLayout m = draw_maps(ui, view)[0];
        const auto step_of = [&](const std::string& id) {
            for (std::size_t k = 1; k <= r.steps(); ++k)
                if (r.arrow(k).kind == ArrowKind::Request && r.arrow(k).step_id == id) return k;
            FAIL("no request of step " << id);
            return std::size_t{0};
        };
        const auto hop_of = [&](std::size_t step) {
            std::optional<MapHop> hop;
            ui.frame([&] { hop = map_hop(r, m, step); });
            REQUIRE(hop);
            return *hop;
        };
        const std::string as = lang == Language::English ? "as user/admin" : "user/admin 신원으로";
        const std::string key = lang == Language::English ? "with user/admin's key" : "user/admin의 키로";
        for (const char* id : {"dev-reads-with-key", "session-lives-on", "session-ended"}) {
            CAPTURE(id);
            const MapHop request = hop_of(step_of(id)), answer = hop_of(r.arrow(step_of(id)).partner);
            CHECK(request.from.key == dev);
            CHECK(request.to.key == secrets);
            CHECK(request.as == as);
            CHECK(answer.from.key == secrets);
            CHECK(answer.to.key == dev);
            CHECK(answer.as == as);
        }
        const MapHop dead = hop_of(step_of("stolen-key-dead"));
        CHECK(dead.from.key == dev);
        CHECK(dead.as == key);
        CHECK(hop_of(r.arrow(step_of("stolen-key-dead")).partner).as == key);
        // The session token he asks for with it (a call on the account's title).
        CHECK(hop_of(step_of("dev-gets-session")).as == as);
        // The administrator's own call, and the developer's with his own key, say nothing more.
        CHECK(hop_of(step_of("admin-still-works")).as.empty());
        CHECK(hop_of(step_of("dev-reads-secret")).as.empty());
        // The label's box has room for both lines, clear of the nodes and the accounts' borders.
        std::vector<TrustEdge> trust;
        ui.frame([&] { trust = trust_edges(r, m); });
        const std::size_t k = step_of("dev-reads-with-key");
        const MapHop hop = hop_of(k);
        ui.frame([&] {
            const HopLabel label = hop_label_box(r, m, hop, k, trust);
            CHECK(label.text == "s3:GetObject");
            CHECK(label.max.x - label.min.x >= ImGui::CalcTextSize(as.c_str()).x);
            CHECK(label.max.y - label.min.y >= 2.0f * ImGui::GetTextLineHeight());
            for (const MapNode& n : m.nodes)
                if (n.placed) CHECK(label.overlap_area(MapBox{n.min, n.max}) == 0.0f);
            const float area = (label.max.x - label.min.x) * (label.max.y - label.min.y);
            for (const MapRegion& g : m.regions) CHECK(label.overlap_area(MapBox{g.min, g.max}) == doctest::Approx(area));
        });
    }
}

TEST_CASE("an account a call goes to is its title on the map") {
    Headless ui;
    ViewState view = view_of({"21-iam-escalation-and-stolen-keys.json"});
    const Replay& r = *view.focused();
    const MapLayout m = draw_maps(ui, view)[0];
    std::optional<MapHop> hop;
    ui.frame([&] { hop = map_hop(r, m, request_of(r, "iam:CreatePolicyVersion", "dev")); });
    REQUIRE(hop);
    const MapRegion& account = m.regions[m.region_of.at("111111111111")];
    const float band = ImGui::GetTextLineHeight() * 1.5f;
    CHECK(hop->to.min.x >= account.min.x);
    CHECK(hop->to.max.x <= account.max.x);
    CHECK(hop->to.min.y >= account.min.y);
    CHECK(hop->to.max.y <= account.min.y + band);
}

TEST_CASE("a call on no node is marked allowed or denied by its account's title, as a call on a node is by the node") {
    Headless ui;
    const auto hop_of = [&](const char* lesson, const std::string& operation, const std::string& actor, bool answer) {
        ViewState view = view_of({lesson});
        const Replay& r = *view.focused();
        const std::size_t request = request_of(r, operation, actor);
        const MapLayout m = draw_maps(ui, view)[0];
        std::optional<MapHop> hop;
        ui.frame([&] { hop = map_hop(r, m, answer ? r.arrow(request).partner : request); });
        REQUIRE(hop);
        return *hop;
    };
    const auto allowed = [&](const char* lesson, const std::string& operation, const std::string& actor, bool answer) {
        const MapHop hop = hop_of(lesson, operation, actor, answer);
        return hop.allowed ? (*hop.allowed ? "allowed" : "denied") : "unmarked";
    };
    const char* l21 = "21-iam-escalation-and-stolen-keys.json";
    // Allowed when decided, then answered.
    CHECK(allowed("09-federation-proxy.json", "sts:GetFederationToken", "proxy", false) == std::string("allowed"));
    CHECK(allowed("09-federation-proxy.json", "sts:GetFederationToken", "proxy", true) == std::string("allowed"));
    CHECK(allowed(l21, "iam:CreatePolicyVersion", "dev", true) == std::string("allowed"));
    // A session token needs no decision: marked by its answer. A call refused before any decision, by its answer.
    CHECK(allowed("08-session-token-mfa.json", "sts:GetSessionToken", "lee", false) == std::string("unmarked"));
    CHECK(allowed("08-session-token-mfa.json", "sts:GetSessionToken", "lee", true) == std::string("allowed"));
    CHECK(allowed("08-session-token-mfa.json", "iam:PutUserPolicy", "lee", false) == std::string("unmarked"));
    CHECK(allowed("08-session-token-mfa.json", "iam:PutUserPolicy", "lee", true) == std::string("denied"));
    // A hop to a node leaves the mark to the node.
    CHECK(allowed(l21, "iam:CreateAccessKey", "dev", false) == std::string("unmarked"));
    CHECK(allowed(l21, "iam:CreateAccessKey", "dev", true) == std::string("unmarked"));
}

// Every account's mark sits in its title band, clear of "+N more" (the flagship's maps side by side at 1024x600 fold
// nodes and cut titles short: there the mark covers the title's end); right of the title when there is room.
TEST_CASE("an account's outcome mark is in its title band, right of its title when there is room, clear of '+N more'") {
    for (const ImVec2 display : {ImVec2(1024, 600), ImVec2(1280, 800)}) {
        CAPTURE(display.x);
        Headless ui(display);
        ViewState flagship = view_of({"01-confused-deputy.json", "02-confused-deputy-external-id.json"});
        ViewState lesson = view_of({"09-federation-proxy.json"});
        std::vector<MapLayout> maps = draw_maps(ui, flagship);
        maps.push_back(draw_maps(ui, lesson)[0]);
        for (const MapLayout& m : maps)
            for (const MapRegion& r : m.regions) {
                CAPTURE(r.label);
                const float line = ImGui::GetTextLineHeight(), side = line * 0.9f;
                CHECK(r.mark.x >= r.min.x);
                CHECK(r.mark.x + side <= r.max.x);
                CHECK(r.mark.y >= r.min.y);
                CHECK(r.mark.y + side <= r.min.y + line * 1.5f);
                if (!r.folded.empty()) CHECK(r.mark.x + side <= r.more_min.x);
            }
        // Lesson 09's map, one account wide, has room for the titles and the marks beside them.
        for (const MapRegion& r : maps.back().regions) CHECK(r.mark.x >= r.title_max.x);
    }
}

// The flagship's one trust, "VendorAccess may be assumed by the vendor's account": it left from the vendor's border
// facing the role, a dozen pixels across the gap between the accounts, which a student on a projector could not see.
TEST_CASE("a role trusting another account is joined to that account's title by a line a student can see") {
    for (const WindowSize& size : kWindowSizes) {
        Headless ui(size.display, size.scale);
        CAPTURE(size.display.x);
        for (const char* lesson : {"01-confused-deputy.json", "02-confused-deputy-external-id.json"}) {
            ViewState view = view_of({lesson});
            const MapLayout m = draw_maps(ui, view)[0];
            std::vector<TrustEdge> trust;
            ui.frame([&] { trust = trust_edges(*view.replay(0), m); });
            REQUIRE(trust.size() == 1);
            const TrustEdge& e = trust[0];
            CHECK(e.from == "account:222222222222");
            const MapRegion& vendor = m.regions[m.region_of.at("222222222222")];
            CHECK(off_border(e.path.front(), vendor.title_min, vendor.title_max) < 1.0f);
            float length = 0.0f;
            for (std::size_t i = 1; i < e.path.size(); ++i)
                length += std::hypot(e.path[i].x - e.path[i - 1].x, e.path[i].y - e.path[i - 1].y);
            ui.frame([&] { CHECK(length > 4.0f * ImGui::GetTextLineHeight()); });
        }
    }
}

// The lessons whose roles trust a whole account drawn with users between its title and the role (06, 19): a straight
// line from the title struck the users' labels out.
TEST_CASE("trust edges go around the nodes they do not connect, from their source to the role's border") {
    const auto check = [](Headless& ui, const std::vector<std::string>& files) {
        ViewState view = view_of(files);
        const std::vector<MapLayout> maps = draw_maps(ui, view);
        std::size_t edges = 0;
        for (std::size_t f = 0; f < files.size(); ++f) {
            const MapLayout& m = maps[f];
            std::vector<TrustEdge> trust;
            ui.frame([&] { trust = trust_edges(*view.replay(f), m); });
            edges += trust.size();
            for (const TrustEdge& e : trust) {
                CAPTURE(files[f]);
                CAPTURE(e.from);
                CAPTURE(e.to);
                REQUIRE(e.path.size() >= 2);
                const MapNode& to = node(m, e.to);
                CHECK(off_border(e.path.back(), to.min, to.max) < 1.0f);
                if (e.from.rfind("account:", 0) != 0) {
                    const MapNode& from = node(m, e.from);
                    CHECK(off_border(e.path.front(), from.min, from.max) < 1.0f);
                }
                for (const MapNode& n : m.nodes) {
                    if (!n.placed || n.key == e.from || n.key == e.to) continue;
                    CAPTURE(n.key);
                    for (std::size_t i = 1; i < e.path.size(); ++i) CHECK_FALSE(segment_crosses(e.path[i - 1], e.path[i], n.min, n.max));
                }
            }
        }
        return edges;
    };
    for (const WindowSize& size : kWindowSizes) {
        Headless ui(size.display, size.scale);
        CAPTURE(size.display.x);
        std::size_t edges = 0;
        for (const std::string& lesson : lessons()) edges += check(ui, {lesson});
        CHECK(edges > 20);
        CHECK(check(ui, {"06-revoke-sessions.json"}) == 1);
        CHECK(check(ui, {"19-abac-tags.json"}) == 2);
    }
    for (const ImVec2 display : {ImVec2(1024, 600), ImVec2(1280, 800)}) {
        Headless ui(display);
        CHECK(check(ui, {"01-confused-deputy.json", "02-confused-deputy-external-id.json"}) == 2);
    }
}

// The screenshot review: lesson 18's development account holds roles as wide as it, and the trust edges going round
// them turned at corners 2 pixels inside its box, on the border's line: dashed stubs read as sticking out of its left
// border. An edge between two nodes of one account now stays clear inside that account's box, in every lesson at the
// viewer's window sizes.
TEST_CASE("a trust edge between two nodes of one account stays inside that account's box") {
    for (const WindowSize& size : kWindowSizes) {
        Headless ui(size.display, size.scale);
        CAPTURE(size.display.x);
        std::size_t inside_one = 0;
        for (const std::string& lesson : lessons()) {
            CAPTURE(lesson);
            ViewState view = view_of({lesson});
            const MapLayout m = draw_maps(ui, view)[0];
            std::vector<TrustEdge> trust;
            ui.frame([&] { trust = trust_edges(*view.focused(), m); });
            for (const TrustEdge& e : trust) {
                if (e.from.rfind("account:", 0) == 0) continue;
                const MapNode& from = node(m, e.from);
                const MapNode& to = node(m, e.to);
                for (const MapRegion& g : m.regions) {
                    const auto holds = [&](ImVec2 p) { return p.x >= g.min.x && p.x <= g.max.x && p.y >= g.min.y && p.y <= g.max.y; };
                    if (!holds(from.centre()) || !holds(to.centre())) continue;
                    // Clear of the border's 2-pixel line too: the edges ran 2 pixels inside it, and read as outside.
                    const auto well_inside = [&](ImVec2 p) {
                        return p.x >= g.min.x + 3.0f && p.x <= g.max.x - 3.0f && p.y >= g.min.y + 3.0f && p.y <= g.max.y - 3.0f;
                    };
                    ++inside_one;
                    CAPTURE(e.from);
                    CAPTURE(e.to);
                    for (const ImVec2 p : e.path) {
                        CAPTURE(p.x);
                        CAPTURE(p.y);
                        CHECK(well_inside(p));
                    }
                }
            }
        }
        CHECK(inside_one > 10);
    }
}

// The screenshot review: at 1280x720 lesson 18's trust edges from identity-center to the providers cut through
// production's corner, across its title band and title; at its last step the hop from development's title to
// alice-laptop ran through the management account's footer ("management account: no SCP applies"). A line struck the
// words out as one through a node would. Trust edges and hops now go round the title band and the note of an account
// that holds neither of their ends (through the gaps between accounts), in every lesson at the viewer's window sizes.
TEST_CASE("trust edges and hops cross no title band or note of an account that holds neither of their ends") {
    for (const WindowSize& size : {WindowSize{ImVec2(1280, 720), 1.0f}, WindowSize{ImVec2(1280, 800), 1.0f},
                                   WindowSize{ImVec2(1600, 900), 1.25f}, WindowSize{ImVec2(1920, 1080), 1.5f}}) {
        CAPTURE(size.display.x);
        CAPTURE(size.display.y);
        Headless ui(size.display, size.scale);
        float band = 0.0f;  // a title band's height: 1.5 lines
        ui.frame([&] { band = ImGui::GetTextLineHeight() * 1.5f; });
        std::size_t passing = 0;
        // Every segment of `path` clear of the title bands and notes of the accounts holding neither `from` nor `to`.
        const auto check = [&](const MapLayout& m, const std::vector<ImVec2>& path, ImVec2 from, ImVec2 to) {
            for (const MapRegion& g : m.regions) {
                const auto holds = [&](ImVec2 p) { return p.x >= g.min.x && p.x <= g.max.x && p.y >= g.min.y && p.y <= g.max.y; };
                if (holds(from) || holds(to)) continue;
                CAPTURE(g.label);
                ++passing;
                for (std::size_t i = 1; i < path.size(); ++i) {
                    CHECK_FALSE(segment_crosses(path[i - 1], path[i], g.min, ImVec2(g.max.x, g.min.y + band)));
                    if (!g.note.empty()) CHECK_FALSE(segment_crosses(path[i - 1], path[i], g.note_min, g.note_max));
                }
            }
        };
        for (const std::string& lesson : lessons()) {
            CAPTURE(lesson);
            ViewState view = view_of({lesson});
            const Replay& r = *view.focused();
            const MapLayout m = draw_maps(ui, view)[0];
            std::vector<TrustEdge> trust;
            ui.frame([&] { trust = trust_edges(r, m); });
            const auto centre = [&](const std::string& key) {
                if (key.rfind("account:", 0) != 0) return node(m, key).centre();
                const MapRegion& g = m.regions[m.region_of.at(key.substr(8))];
                return ImVec2((g.title_min.x + g.title_max.x) * 0.5f, (g.title_min.y + g.title_max.y) * 0.5f);
            };
            for (const TrustEdge& e : trust) {
                CAPTURE(e.from);
                CAPTURE(e.to);
                check(m, e.path, centre(e.from), centre(e.to));
            }
            for (std::size_t k = 1; k <= r.steps(); ++k) {
                std::optional<MapHop> hop;
                ui.frame([&] { hop = map_hop(r, m, k); });
                REQUIRE(hop);
                CAPTURE(k);
                CAPTURE(hop->label);
                const auto mid = [](const MapEnd& e) { return ImVec2((e.min.x + e.max.x) * 0.5f, (e.min.y + e.max.y) * 0.5f); };
                check(m, hop->path, mid(hop->from), mid(hop->to));
            }
        }
        CHECK(passing > 100);
    }
}

TEST_CASE("with two maps side by side at 1024x600 the flagship keeps VendorAccess, folds what the run involves least, and names it on hover") {
    Headless ui(ImVec2(1024, 600));
    ViewState view = view_of({"01-confused-deputy.json", "02-confused-deputy-external-id.json"});
    view.move_to(8);
    const std::vector<MapLayout> maps = draw_maps(ui, view);
    for (std::size_t f = 0; f < 2; ++f) {
        CAPTURE(f);
        const MapLayout& m = maps[f];
        const Replay& r = *view.replay(f);
        CHECK(node(m, "arn:aws:iam::111111111111:role/VendorAccess").placed);
        CHECK(node(m, "arn:aws:s3:::your-company-data").placed);
        for (const MapRegion& region : m.regions) {
            // A node is drawn or listed as folded, never both; and none drawn is involved in fewer steps than one folded.
            for (const std::size_t ni : region.nodes) {
                const bool folded = std::find(region.folded.begin(), region.folded.end(), ni) != region.folded.end();
                CHECK(m.nodes[ni].placed != folded);
                if (!folded) continue;
                for (const std::size_t other : region.nodes)
                    if (m.nodes[other].placed) CHECK(r.steps_of_node(m.nodes[other].key).count >= r.steps_of_node(m.nodes[ni].key).count);
            }
        }
    }
    // "+N more" at the right of the account's title band: hovered, a tooltip lists what is folded.
    const MapRegion& yours = maps[1].regions[maps[1].region_of.at("111111111111")];
    REQUIRE_FALSE(yours.folded.empty());
    CHECK(yours.more_min.y >= yours.min.y);
    CHECK(yours.more_max.y <= yours.min.y + ImGui::GetTextLineHeight() * 1.5f);
    // The badge shortens to "+N" rather than cut the account's twelve digits ("1111..." is no account).
    for (const MapLayout& m : maps)
        for (const MapRegion& region : m.regions) {
            if (region.folded.empty() || region.account.empty()) continue;
            CAPTURE(region.account);
            CHECK(region.more == trf(Ui::MoreNodesShort, Language::English, region.folded.size()));
            CHECK(region.title_max.x - region.min.x - ImGui::GetStyle().WindowPadding.x >=
                  ImGui::CalcTextSize(region.account.c_str()).x);
        }
    ImGui::GetIO().MousePos = ImVec2((yours.more_min.x + yours.more_max.x) * 0.5f, (yours.more_min.y + yours.more_max.y) * 0.5f);
    draw_maps(ui, view);
    const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
    CHECK((tooltip != nullptr && tooltip->Active));
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

// Lesson 18's four regions are a grid of two columns; sharing the height column by column, their regions no longer
// lined up.
TEST_CASE("lesson 18's accounts share the map by what they hold, in rows that line up: every node is drawn at 1280x800 and at 1920x1080 full screen") {
    for (const WindowSize& size : kWindowSizes) {
        CAPTURE(size.display.x);
        Headless ui(size.display, size.scale);
        ViewState view = view_of({"18-identity-center.json"});
        const MapLayout m = draw_maps(ui, view)[0];
        for (const MapNode& n : m.nodes) {
            CAPTURE(n.key);
            CHECK(n.placed);
        }
        for (const MapRegion& r : m.regions) CHECK(r.folded.empty());
        // Two rows of two: a region is as tall as the others of its row, and clear of the other row.
        REQUIRE(m.regions.size() == 4);
        std::set<float> tops, lefts;
        for (const MapRegion& a : m.regions) {
            tops.insert(a.min.y);
            lefts.insert(a.min.x);
            for (const MapRegion& b : m.regions) {
                CAPTURE(a.label);
                CAPTURE(b.label);
                const bool same_row = a.min.y == b.min.y && a.max.y == b.max.y;
                CHECK((same_row || a.max.y < b.min.y || b.max.y < a.min.y));
            }
        }
        CHECK(tops.size() == 2);
        CHECK(lefts.size() == 2);
    }
}

// For the hop of every step of every view (one lesson, or the flagship's two side by side) drawn at `ui`'s size: its map,
// the trust edges drawn on it, the hop, its label as placed, and the label's width on one line.
template <class Check>
void for_each_hop_label(Headless& ui, const std::vector<std::vector<std::string>>& views, Check&& check) {
    for (const std::vector<std::string>& files : views) {
        ViewState view = view_of(files);
        const std::vector<MapLayout> maps = draw_maps(ui, view);
        for (std::size_t f = 0; f < files.size(); ++f) {
            CAPTURE(files[f]);
            const Replay& r = *view.replay(f);
            const MapLayout& m = maps[f];
            std::vector<TrustEdge> trust;
            ui.frame([&] { trust = trust_edges(r, m); });
            for (std::size_t k = 1; k <= r.steps(); ++k) {
                CAPTURE(k);
                std::optional<MapHop> hop;
                HopLabel label{};
                float one_line = 0.0f;
                ui.frame([&] {
                    hop = map_hop(r, m, k);
                    if (!hop) return;
                    label = hop_label_box(r, m, *hop, k, trust);
                    one_line = ImGui::CalcTextSize(hop->label.c_str()).x + 8.0f;
                });
                REQUIRE(hop);
                CAPTURE(hop->label);
                check(m, trust, *hop, label, one_line);
            }
        }
    }
}

// The flagship comparison at 1280x720: the right map's "sts:AssumeRole: AccessDenied" covered "user alice", and the
// left map's label sat on the account's border; lesson 21's "iam:CreatePolicyVersion (policy/DevTools)" covered the
// account's title and its mark.
TEST_CASE("a hop's label stays on the map clear of nodes, demands and (with room) titles: every step of every lesson, and the flagship") {
    struct Case {
        ImVec2 display;
        float scale;
        std::vector<std::vector<std::string>> views;
        bool titles;  // room to keep clear of the accounts' titles (not the flagship at 1024x600, whose titles are cut short)
    };
    std::vector<std::vector<std::string>> each;
    for (const std::string& lesson : lessons()) each.push_back({lesson});
    const std::vector<std::vector<std::string>> flagship = {{"01-confused-deputy.json", "02-confused-deputy-external-id.json"}};
    for (const Case& c : {Case{ImVec2(1280, 800), 1.0f, each, true}, Case{ImVec2(1920, 1080), 1.5f, each, true},
                          Case{ImVec2(1280, 720), 1.0f, flagship, true}, Case{ImVec2(1024, 600), 1.0f, flagship, false}}) {
        CAPTURE(c.display.x);
        CAPTURE(c.display.y);
        Headless ui(c.display, c.scale);
        std::size_t labels = 0, covering = 0, off = 0, tags = 0, titles = 0;
        for_each_hop_label(ui, c.views, [&](const MapLayout& m, const std::vector<TrustEdge>& trust, const MapHop&,
                                            const HopLabel& label, float) {
            ++labels;
            const bool inside = label.min.x >= m.min.x && label.max.x <= m.max.x && label.min.y >= m.min.y && label.max.y <= m.max.y;
            CHECK(inside);
            off += inside ? 0 : 1;
            std::string covered;
            for (const MapNode& n : m.nodes)
                if (n.placed && label.overlap_area(MapBox{n.min, n.max}) > 0.0f) covered += (covered.empty() ? "" : " ") + n.key;
            CHECK_MESSAGE(covered.empty(), "covers " << covered);
            covering += covered.empty() ? 0 : 1;
            // Nor what a trust demands (the ExternalId a lesson is about), nor, with room, an account's title.
            for (const TrustEdge& e : trust)
                if (!e.demands.empty() && label.overlap_area(e.tag) > 0.0f) {
                    CHECK_MESSAGE(false, "covers " << e.demands << " of " << e.to);
                    ++tags;
                }
            for (const MapRegion& g : m.regions)
                if (label.overlap_area(MapBox{g.title_min, g.title_max}) > 0.0f) {
                    CHECK_MESSAGE(!c.titles, "covers the title of " << g.label);
                    ++titles;
                }
        });
        MESSAGE(c.display.x << "x" << c.display.y << ": of " << labels << " hop labels, " << covering << " cover a node, " << off
                            << " leave the map, " << tags << " cover a demand, " << titles << " a title");
        CHECK(labels > 20);  // every lesson, or the flagship's 13 steps and 12
    }
}

// The flagship comparison at 1280x720: "sts:AssumeRole: AccessDenied" ran across the borders of two accounts at the
// denial, and "s3:GetObject" out of the crowded account of its bucket into the vendor's; in all, 65 labels crossed a
// border over these steps and windows (22 of 1280x800's 366, 23 of 1920x1080's, 10 of the flagship's 25 at 1280x720
// and 10 at 1024x600): 17 with an account wide enough for them, 48 wider on one line than every account. Now a label
// one account has room for (on one line, or broken into lines) crosses none; one no account has room for (6, the
// flagship's at 1024x600) crosses only the gaps between accounts side by side, under their title bands.
TEST_CASE("a hop's label crosses no account's border when one account has room for it, else only the gaps between accounts: every step of every lesson, and the flagship") {
    struct Case {
        ImVec2 display;
        float scale;
        std::vector<std::vector<std::string>> views;
    };
    std::vector<std::vector<std::string>> each;
    for (const std::string& lesson : lessons()) each.push_back({lesson});
    const std::vector<std::vector<std::string>> flagship = {{"01-confused-deputy.json", "02-confused-deputy-external-id.json"}};
    for (const Case& c : {Case{ImVec2(1280, 800), 1.0f, each}, Case{ImVec2(1920, 1080), 1.5f, each}, Case{ImVec2(1600, 900), 1.25f, each},
                          Case{ImVec2(1280, 720), 1.0f, flagship}, Case{ImVec2(1024, 600), 1.0f, flagship}}) {
        CAPTURE(c.display.x);
        CAPTURE(c.display.y);
        Headless ui(c.display, c.scale);
        const float band = ImGui::GetTextLineHeight() * 1.5f;
        std::size_t labels = 0, crossing = 0, wide = 0, elsewhere = 0;
        for_each_hop_label(ui, c.views, [&](const MapLayout& m, const std::vector<TrustEdge>&, const MapHop& hop,
                                            const HopLabel& label, float) {
            ++labels;
            const float w = label.max.x - label.min.x, h = label.max.y - label.min.y, area = w * h;
            // Inside an account the hop does not join, where it reads as that account's (the screenshot review).
            const auto inside = [](ImVec2 p, const MapRegion& g) { return p.x >= g.min.x && p.x <= g.max.x && p.y >= g.min.y && p.y <= g.max.y; };
            const auto centre = [](const MapEnd& e) { return ImVec2((e.min.x + e.max.x) * 0.5f, (e.min.y + e.max.y) * 0.5f); };
            for (const MapRegion& g : m.regions)
                if (label.overlap_area(MapBox{g.min, g.max}) >= area - 1.0f && !inside(centre(hop.from), g) && !inside(centre(hop.to), g))
                    ++elsewhere;
            // Whether an account is wide and tall enough for the label as placed, inside its frame.
            const bool fits = std::any_of(m.regions.begin(), m.regions.end(), [&](const MapRegion& g) {
                return w + 8.0f <= g.max.x - g.min.x && h + 8.0f <= g.max.y - g.min.y;
                    });
                    wide += fits ? 0 : 1;
                    // Broken into lines only at its own breaks (after ": ", before " ("), and only when no account is
                    // wide enough for it on one line or when that places it better (in the account it belongs to,
                    // not next door): the words are the label's.
                    std::string joined = label.text;
                    std::replace(joined.begin(), joined.end(), '\n', ' ');
                    CHECK(joined == hop.label);
                    if (label.text != hop.label) {
                        const bool breaks = hop.label.find(": ") != std::string::npos || hop.label.find(" (") != std::string::npos;
                        CHECK(breaks);
                    }
                    std::string crossed;
                    for (const MapRegion& g : m.regions)
                        if (const float in = label.overlap_area(MapBox{g.min, g.max}); in >= 1.0f && area - in >= 1.0f) {
                            crossed += (crossed.empty() ? "" : ", ") + g.label;
                            // Across the gap beside it, under its title band.
                            CHECK(label.min.y >= g.min.y + band);
                            CHECK(label.max.y <= g.max.y);
                        }
                    if (crossed.empty()) return;
                    ++crossing;
                    CHECK_MESSAGE(!fits, "crosses the border of " << crossed);
                    // Its ends inside accounts, not in a gap.
                    for (const float x : {label.min.x, label.max.x})
                        CHECK(std::any_of(m.regions.begin(), m.regions.end(), [&](const MapRegion& g) { return x > g.min.x && x < g.max.x; }));
        });
        MESSAGE(c.display.x << "x" << c.display.y << ": of " << labels << " hop labels, " << crossing << " cross an account's border; "
                            << wide << " are wider than every account; " << elsewhere << " sit in an account the hop does not join");
        CHECK(labels > 20);
    }
}

// The screenshot review: at 1600x900 lesson 27's step 16, "ec2:DescribeInstances: UnauthorizedOperation" (sandbox has
// no room for it beside sam and the instance), straddled the gap between sandbox and shared in two lines, or in English
// ran on one line across management and prod over prod's note. It now goes where an account has room for it whole, with
// its lines: no place reached shared's room under its bucket.
TEST_CASE("lesson 27's denied DescribeInstances at 1600x900 crosses no account's border and covers no note, in English and in Korean") {
    for (const Language lang : {Language::English, Language::Korean}) {
        CAPTURE(static_cast<int>(lang));
        ViewState view = view_of({"27-scp-ou-inheritance.json"});
        view.language = lang;
        Headless ui(ImVec2(1600, 900), 1.25f, korean_text_of(view));
        const Replay& r = *view.focused();
        const MapLayout m = draw_maps(ui, view)[0];
        std::vector<TrustEdge> trust;
        ui.frame([&] { trust = trust_edges(r, m); });
        std::size_t checked = 0;
        for (std::size_t k = 1; k <= r.steps(); ++k) {
            HopLabel label{};
            std::optional<MapHop> hop;
            ui.frame([&] {
                hop = map_hop(r, m, k);
                if (hop) label = hop_label_box(r, m, *hop, k, trust);
            });
            if (!hop || hop->label != "ec2:DescribeInstances: UnauthorizedOperation") continue;
            CAPTURE(k);
            ++checked;
            const float area = (label.max.x - label.min.x) * (label.max.y - label.min.y);
            for (const MapRegion& g : m.regions) {
                CAPTURE(g.label);
                const float in = label.overlap_area(MapBox{g.min, g.max});
                CHECK((in < 1.0f || area - in < 1.0f));  // in one account or clear of it
                if (!g.note.empty()) CHECK(label.overlap_area(MapBox{g.note_min, g.note_max}) == 0.0f);
            }
        }
        CHECK(checked >= 1);
    }
}

// The flagship's step 4 (the role's session reads the bucket stacked under it) drew an arrow shorter than its own
// head; the bracket that mended it then also caught the step 8 answer between two boxes side by side, and looped it
// round the vendor's user into the next account. A hop between two boxes is now long enough to see, and one between
// boxes side by side runs between them, never past the far one.
TEST_CASE("a hop between two boxes is long enough to see, and between boxes side by side never loops past the far one") {
    Headless ui(ImVec2(1280, 720), 1.0f);
    std::size_t hops = 0, side_by_side = 0;
    for_each_hop_label(ui, {{"01-confused-deputy.json", "02-confused-deputy-external-id.json"}},
                       [&](const MapLayout&, const std::vector<TrustEdge>&, const MapHop& hop, const HopLabel&, float) {
                           if (hop.from.key == hop.to.key) return;  // a loop on one box
                           ++hops;
                           const float line = ImGui::GetTextLineHeight();
                           float length = 0.0f;
                           for (std::size_t i = 1; i < hop.path.size(); ++i)
                               length += std::hypot(hop.path[i].x - hop.path[i - 1].x, hop.path[i].y - hop.path[i - 1].y);
                           const bool stacked = hop.from.min.x < hop.to.max.x && hop.to.min.x < hop.from.max.x;
                           if (stacked) {
                               CHECK(length >= line * 2.0f);
                               return;
                           }
                           ++side_by_side;
                           const float left = std::min(hop.from.min.x, hop.to.min.x), right = std::max(hop.from.max.x, hop.to.max.x);
                           for (const ImVec2 p : hop.path) CHECK((p.x >= left - 0.5f && p.x <= right + 0.5f));
                       });
    CHECK(hops > 20);
    CHECK(side_by_side > 0);
}

// Lesson 27 at 1600x900: "dynamodb:CreateTable (table/orders)" sat on sandbox's left edge, inside the account's box but
// over its frame's wide stroke (8 pixels inside the edge), the border's colour through its first letters. A label
// inside an account wide enough for it clear of the stroke is clear of it.
TEST_CASE("a hop's label inside an account keeps clear of its frame's stroke when the account has room") {
    constexpr float stroke = 8.0f;  // world_map.cpp's kFrameStroke
    Headless ui(ImVec2(1600, 900), 1.25f);
    std::size_t inside = 0;
    for_each_hop_label(ui, {{"27-scp-ou-inheritance.json"}}, [&](const MapLayout& m, const std::vector<TrustEdge>&, const MapHop& hop,
                                                                    const HopLabel& label, float) {
        CAPTURE(hop.label);
        const float w = label.max.x - label.min.x, area = w * (label.max.y - label.min.y);
        for (const MapRegion& g : m.regions) {
            if (label.overlap_area(MapBox{g.min, g.max}) < area - 1.0f || g.max.x - g.min.x < w + 2.0f * stroke + 2.0f) continue;
            ++inside;
            CHECK(label.min.x >= g.min.x + stroke);
            CHECK(label.max.x <= g.max.x - stroke);
            CHECK(label.max.y <= g.max.y - stroke);
        }
    });
    CHECK(inside > 10);
}

// Lesson 27 is about where an account sits in the organization: each account's note names the OUs above it.
TEST_CASE("an account's note names the organizational units above it, the management account that no SCP applies") {
    Headless ui(ImVec2(1280, 800));
    ViewState view = view_of({"27-scp-ou-inheritance.json"});
    const MapLayout m = draw_maps(ui, view)[0];
    const auto note = [&](const std::string& account) { return m.regions[m.region_of.at(account)].note; };
    CHECK(note("111111111111") == tr(Ui::ManagementAccount, Language::English));
    CHECK(note("222222222222").rfind("member account in Workloads/Prod, SCP ", 0) == 0);
    CHECK(note("333333333333").rfind("member account in Sandbox, SCP ", 0) == 0);
    CHECK(note("444444444444").rfind("member account, SCP ", 0) == 0);  // directly under the root
    const MapLayout ko = layout_world_map(*view.replay(0), ImVec2(0, 0), ImVec2(1000, 600), Language::Korean);
    CHECK(ko.regions[ko.region_of.at("222222222222")].note.rfind(trf(Ui::MemberAccountOuScp, Language::Korean, "Workloads/Prod", ""), 0) == 0);
}

// A cut note ("member account in Workloads/Prod, SCP FullAWSAccess, DenyOut...") gives the rest on hover: the SCPs of
// each level from the root down, where lesson 27's point shows, Workloads' allow-list in place of FullAWSAccess
// (orgs_manage_policies_inheritance_auth: a call needs an Allow at every level).
TEST_CASE("hovering an account's note lists the SCPs of each organization level from the root down to the account") {
    Headless ui(ImVec2(1280, 800));
    ViewState view = view_of({"27-scp-ou-inheritance.json"});
    const MapLayout m = draw_maps(ui, view)[0];
    const auto levels = [&](const std::string& account) { return m.regions[m.region_of.at(account)].levels; };
    CHECK(levels("222222222222") == std::vector<std::string>{tr(Ui::ScpLevels, Language::English),
                                                             "  the root: FullAWSAccess, DenyOutsideSeoul",
                                                             "  OU Workloads: WorkloadsAllowedServices, ProtectWorkloads",
                                                             "  OU Prod: FullAWSAccess",
                                                             "  account 222222222222: FullAWSAccess"});
    CHECK(levels("444444444444") == std::vector<std::string>{tr(Ui::ScpLevels, Language::English),
                                                             "  the root: FullAWSAccess, DenyOutsideSeoul",
                                                             "  account 444444444444: FullAWSAccess"});
    CHECK(levels("111111111111").empty());  // the management account: no SCP applies
    const MapRegion& prod = m.regions[m.region_of.at("222222222222")];
    ImGui::GetIO().MousePos = ImVec2(prod.note_min.x + 4.0f, (prod.note_min.y + prod.note_max.y) * 0.5f);
    draw_maps(ui, view);
    const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
    CHECK((tooltip != nullptr && tooltip->Active));
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    const MapLayout ko = layout_world_map(*view.replay(0), ImVec2(0, 0), ImVec2(1000, 600), Language::Korean);
    CHECK(ko.regions[ko.region_of.at("333333333333")].levels.at(2) == "  OU Sandbox: FullAWSAccess");
    CHECK(ko.regions[ko.region_of.at("333333333333")].levels.at(1) == "  루트: FullAWSAccess, DenyOutsideSeoul");
}

// Lesson 27's footers cut an SCP's name ("SCP FullAWSAc..."): a note gives up its tail, then its long words, then its
// last SCPs for their count, never a name cut. FullAWSAccess, on nearly every level, is not listed.
TEST_CASE("an account's note fits its region's width with whole SCP names and the count of the rest") {
    Headless ui(ImVec2(1600, 900), 1.25f);
    ui.frame([&] {
        MapRegion r;
        r.note = "member account in Workloads/Prod, SCP DenyOutsideSeoul, WorkloadsAllowedServices, ProtectWorkloads";
        r.note_tail = " (no FullAWSAccess)";
        r.note_head = "Workloads/Prod, SCP ";
        r.note_scps = {"DenyOutsideSeoul", "WorkloadsAllowedServices", "ProtectWorkloads"};
        const auto width = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; };
        const auto joined = [](const std::vector<std::string>& lines) {
            std::string out;
            for (const std::string& l : lines) out += (out.empty() ? "" : " ") + l;
            return out;
        };
        const float wide = width(r.note + r.note_tail);
        CHECK(note_lines(r, wide + 1.0f) == std::vector<std::string>{r.note + r.note_tail});
        CHECK(joined(note_lines(r, width(r.note) + 1.0f)) == r.note);  // the tail gave way
        const std::string short_form = "Workloads/Prod, SCP DenyOutsideSeoul, WorkloadsAllowedServices, ProtectWorkloads";
        CHECK(joined(note_lines(r, width(short_form) + 1.0f)) == short_form);
        const float narrow = width("Workloads/Prod, SCP DenyOutsideSeoul +2") + 1.0f;
        const std::vector<std::string> counted = note_lines(r, narrow);
        REQUIRE(counted.size() == kNoteLines);
        CHECK(joined(counted) == "Workloads/Prod, SCP DenyOutsideSeoul +2");
        CHECK(joined(counted).find("...") == std::string::npos);
        for (const std::string& l : counted) CHECK(width(l) <= narrow);
        const float narrower = width("Workloads/Prod, SCP +3") + 1.0f;  // not even one name: the count alone
        CHECK(note_lines(r, narrower) == std::vector<std::string>{"Workloads/Prod, SCP +3"});
    });
    // Lesson 27 at 1600x900 in Korean: whole names, and the count of those without room.
    ViewState view = view_of({"27-scp-ou-inheritance.json"});
    view.language = Language::Korean;
    const MapLayout m = draw_maps(ui, view)[0];
    for (const MapRegion& g : m.regions) {
        CAPTURE(g.account);
        if (g.note.empty()) continue;
        REQUIRE(!g.note_lines.empty());
        CHECK(g.note_lines.size() <= kNoteLines);
        for (const std::string& l : g.note_lines) {
            CHECK(l.find("...") == std::string::npos);
            CHECK(l.find("FullAWSAccess,") == std::string::npos);
        }
        CHECK(g.note_max.x <= g.max.x);
        for (const std::size_t ni : g.nodes)
            if (m.nodes[ni].placed) CHECK(m.nodes[ni].max.y <= g.note_min.y);
    }
    CHECK(m.regions[m.region_of.at("222222222222")].note_lines.at(0).find(" +") != std::string::npos);
    CHECK(m.regions[m.region_of.at("444444444444")].note_lines.at(0).find("DenyOutsideSeoul") != std::string::npos);
}

// Lesson 24 attaches resource control policies: the note's hover lists them after the SCPs.
TEST_CASE("an account reached by resource control policies lists them by level after its SCPs") {
    Headless ui(ImVec2(1280, 800));
    ViewState view = view_of({"24-resource-control-policy.json"});
    const MapLayout m = draw_maps(ui, view)[0];
    bool rcps = false;
    for (const MapRegion& r : m.regions)
        rcps = rcps || std::find(r.levels.begin(), r.levels.end(), tr(Ui::RcpLevels, Language::English)) != r.levels.end();
    CHECK(rcps);
}

// Lesson 30's bucket encrypts its uploads with a KMS key by default: its hover says so, with its policy.
TEST_CASE("hovering a bucket shows its default encryption and its policy, and a KMS key its key policy") {
    Headless ui(ImVec2(1280, 800));
    ViewState view = view_of({"30-sse-kms-cross-account.json"});
    const MapLayout m = draw_maps(ui, view)[0];
    const aws::Bucket& bucket = view.replay(0)->scenario().world.buckets.at("finance-reports");
    CHECK(default_encryption_text(bucket.encryption, Language::English) ==
          "default encryption: aws:kms 1234abcd-12ab-34cd-56ef-1234567890ab");
    CHECK(default_encryption_text(aws::BucketEncryption{}, Language::English) == "default encryption: SSE-S3 (AES256)");
    aws::BucketEncryption managed;
    managed.algorithm = "aws:kms";
    CHECK(default_encryption_text(managed, Language::Korean) == "기본 암호화: aws:kms (aws/s3)");
    const MapNode& n = node(m, "arn:aws:s3:::finance-reports");
    REQUIRE(n.placed);
    ImGui::GetIO().MousePos = n.centre();
    draw_maps(ui, view);
    const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
    CHECK((tooltip != nullptr && tooltip->Active));
    // Its policy is there: the tooltip is taller than the few lines of a bucket's name and encryption.
    CHECK((tooltip != nullptr && tooltip->Size.y > ImGui::GetTextLineHeight() * 8));
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    // The account's KMS key is drawn in it by its short id, and its hover shows the key policy.
    const MapNode& key = node(m, "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    CHECK(key.placed);
    CHECK(key.account == "111111111111");
    CHECK(node_text(key, Language::English) == "kms key 1234abcd...");
    CHECK(node_text(key, Language::Korean).rfind("KMS 키", 0) == 0);
    ImGui::GetIO().MousePos = key.centre();
    draw_maps(ui, view);
    const ImGuiWindow* key_tip = ImGui::FindWindowByName("##Tooltip_00");
    CHECK((key_tip != nullptr && key_tip->Active && key_tip->Size.y > ImGui::GetTextLineHeight() * 8));
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

// Lesson 36's instance says on hover where EC2 delivers its role's credentials, and an endpoint without a policy of its
// own shows the default one the loader gives it.
TEST_CASE("hovering an instance shows its VPC and private address, and an endpoint without a policy shows the default one") {
    Headless ui(ImVec2(1280, 800));
    ViewState view = view_of({"36-stolen-instance-credentials.json"});
    const MapLayout m = draw_maps(ui, view)[0];
    CHECK(trf(Ui::InstanceNetwork, Language::English, "vpc-0a1b2c3d", "10.0.1.25") ==
          "in vpc-0a1b2c3d, private IPv4 address 10.0.1.25: where EC2 delivers its role's credentials");
    const auto tooltip_lines = [&](const std::string& key) {
        const MapNode& n = node(m, key);
        REQUIRE(n.placed);
        ImGui::GetIO().MousePos = n.centre();
        draw_maps(ui, view);
        const ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
        ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        return tip != nullptr && tip->Active ? tip->Size.y / ImGui::GetTextLineHeightWithSpacing() : 0.0f;
    };
    CHECK(tooltip_lines("arn:aws:ec2:us-east-1:111111111111:instance/i-0a1b2c3d4e5f60718") >= 2.0f);
    CHECK(tooltip_lines("arn:aws:ec2:us-east-1:444444444444:vpc-endpoint/vpce-0badc0de0badc0de1") >= 2.0f);
}

// Lesson 31's VPC endpoint is drawn in its account by a short id, and hovering it shows its service, its VPC and the
// endpoint policy every request through it must meet.
TEST_CASE("a VPC endpoint is drawn in its account, marked by the requests through it, and hovering it shows its endpoint policy") {
    Headless ui(ImVec2(1280, 800));
    ViewState view = view_of({"31-vpc-endpoint-data-perimeter.json"});
    const MapLayout m = draw_maps(ui, view)[0];
    const MapNode& endpoint = node(m, "arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/vpce-0a1b2c3d4e5f60718");
    CHECK(endpoint.placed);
    CHECK(endpoint.account == "111111111111");
    CHECK(node_text(endpoint, Language::English) == "vpc endpoint vpce-0a1b2c3d...");
    CHECK(node_text(endpoint, Language::Korean).rfind("VPC 엔드포인트", 0) == 0);
    // It is marked by the latest request through it: passed at step 1 (the read), refused at step 5 (the copy out),
    // and still so at step 6 (the upload from home did not go through it).
    const Replay& replay = *view.replay(0);
    REQUIRE(replay.outcome_on(endpoint.key, 1).known());
    CHECK(replay.outcome_on(endpoint.key, 1).ok());
    CHECK(!replay.outcome_on(endpoint.key, 5).ok());
    CHECK(replay.outcome_on(endpoint.key, 6).decision == replay.outcome_on(endpoint.key, 5).decision);
    ImGui::GetIO().MousePos = endpoint.centre();
    draw_maps(ui, view);
    const ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
    CHECK((tip != nullptr && tip->Active && tip->Size.y > ImGui::GetTextLineHeight() * 8));
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

// Found by fuzzing: a call on a table with a 190-character name drew its label across every account of the map. The
// name now keeps its end, within the widest account.
TEST_CASE("a call on a resource with a long name is labelled with the name's end, within an account's width") {
    Headless ui;
    const std::string table = "orders-" + std::string(180, 'x') + "-archive";
    const std::string path = (std::filesystem::temp_directory_path() / "stslab-long-resource.json").string();
    std::ofstream(path) << R"({ "stslab": 1, "accounts": { "111111111111": { "users": { "kim": { "policies": { "p": {
        "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] } } } } },
        "222222222222": {} },
      "actors": { "kim": { "principal": "arn:aws:iam::111111111111:user/kim" } },
      "steps": [ { "actor": "kim", "call": "dynamodb:GetItem",
                   "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/)" + table + R"(" } ] })";
    ViewState view;
    view.files.push_back(OpenFile{path, load_replay(path), "", {}});
    const MapLayout m = draw_maps(ui, view)[0];
    std::string label;
    float widest = 0.0f, label_width = 0.0f;
    ui.frame([&] {
        label = map_hop(*view.focused(), m, 1)->label;
        label_width = ImGui::CalcTextSize(label.substr(label.find(" (")).c_str()).x;
    });
    for (const MapRegion& r : m.regions) widest = std::max(widest, r.max.x - r.min.x);
    CHECK(label.rfind("dynamodb:GetItem (...", 0) == 0);
    CHECK(label.size() > 30);
    CHECK(label.substr(label.size() - 9) == "-archive)");
    CHECK(label_width <= widest);
    std::filesystem::remove(path);
}
