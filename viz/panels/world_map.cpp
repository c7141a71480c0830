// World map: accounts as coloured regions labelled with alias and id; users, roles, buckets and instances as
// labelled nodes; trust relationships as dashed edges (marked when they demand an ExternalId or MFA); the hop
// being replayed travelling along its edge; after each decision the resource shows the result (a check or a
// cross, the reason on hover); and which actor holds which credentials, with the time they have left.
#include "panels/panels.hpp"

#include "iam/arn.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace stslab::viz {
namespace {

using json = nlohmann::json;

enum class NodeKind { User, Role, Bucket, Instance, SamlProvider, OidcProvider, Root, Outside };

struct Node {
    NodeKind kind;
    std::string key;     // ARN (or "actor:NAME" for actors outside AWS)
    std::string name;
    std::string account;
    std::vector<std::string> actors;  // actors acting as this principal
    ImVec2 min, max;
    bool placed = false;
    ImVec2 centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

struct Region {
    std::string account;  // "" for outside AWS
    std::string label;
    ImVec2 min, max;
    std::vector<std::size_t> nodes;
    std::size_t hidden = 0;
    std::string note;  // the account's place in the organization, written at the region's foot
};

struct MapLayout {
    std::vector<Node> nodes;
    std::vector<Region> regions;
    std::map<std::string, std::size_t> by_key;  // ARN -> node
    std::map<std::string, std::size_t> region_of;  // account id -> its region in `regions`
    const Node* find(const std::string& key) const {
        const auto it = by_key.find(key);
        return it == by_key.end() || !nodes[it->second].placed ? nullptr : &nodes[it->second];
    }
};

const char* kind_tag(NodeKind k, Language lang) {
    switch (k) {
        case NodeKind::User: return tr(Ui::KindUser, lang);
        case NodeKind::Role: return tr(Ui::KindRole, lang);
        case NodeKind::Bucket: return tr(Ui::KindBucket, lang);
        case NodeKind::Instance: return tr(Ui::KindInstance, lang);
        case NodeKind::SamlProvider: return tr(Ui::KindSamlProvider, lang);
        case NodeKind::OidcProvider: return tr(Ui::KindOidcProvider, lang);
        case NodeKind::Root: return tr(Ui::KindRoot, lang);
        case NodeKind::Outside: return tr(Ui::KindActor, lang);
    }
    return "";
}

// A role session's role: arn:aws:sts::A:assumed-role/NAME/SESSION -> the role's ARN as the world has it (the
// session ARN does not carry the role's path), or "".
std::string role_of_session(const Replay& replay, const std::string& principal) {
    const std::optional<iam::Arn> arn = iam::Arn::parse(principal);
    const std::string marker = "assumed-role/";
    if (!arn || arn->resource.rfind(marker, 0) != 0) return "";
    const std::size_t slash = arn->resource.find('/', marker.size());
    const std::string name = arn->resource.substr(marker.size(), slash == std::string::npos ? std::string::npos : slash - marker.size());
    const auto a = replay.scenario().world.accounts.find(arn->account);
    if (a == replay.scenario().world.accounts.end()) return "";
    const auto r = a->second.roles.find(name);
    return r == a->second.roles.end() ? "" : r->second.arn;
}

// What a node says: its kind and name, and the actors acting as it when their names differ.
std::string node_text(const Node& n, Language lang) {
    std::string text = std::string(kind_tag(n.kind, lang)) + " " + n.name;
    for (const auto& a : n.actors)
        if (a != n.name) text += " (" + a + ")";
    return text;
}

MapLayout build_layout(const Replay& replay, ImVec2 origin, ImVec2 size, Language lang) {
    MapLayout m;
    const Scenario& s = replay.scenario();
    auto add = [&](NodeKind kind, const std::string& key, const std::string& name, const std::string& account) {
        m.by_key[key] = m.nodes.size();
        m.nodes.push_back(Node{kind, key, name, account, {}, {}, {}, false});
    };
    for (const auto& [id, account] : s.world.accounts) {
        for (const auto& [name, user] : account.users) add(NodeKind::User, user.arn, name, id);
        for (const auto& [name, role] : account.roles) add(NodeKind::Role, role.arn, name, id);
        for (const auto& [name, provider] : account.saml_providers) add(NodeKind::SamlProvider, provider.arn, name, id);
        for (const auto& [host, provider] : account.oidc_providers) add(NodeKind::OidcProvider, provider.arn, host, id);
    }
    // Users and roles the run made (iam:CreateUser, iam:CreateRole) are drawn too, in their accounts.
    for (const auto& [id, account] : replay.run().world.accounts) {
        if (!s.world.accounts.count(id)) continue;
        for (const auto& [name, user] : account.users)
            if (!m.by_key.count(user.arn)) add(NodeKind::User, user.arn, name, id);
        for (const auto& [name, role] : account.roles)
            if (!m.by_key.count(role.arn)) add(NodeKind::Role, role.arn, name, id);
    }
    for (const auto& [name, bucket] : s.world.buckets) add(NodeKind::Bucket, "arn:aws:s3:::" + name, name, bucket.account);
    for (const auto& [id, instance] : s.world.instances) add(NodeKind::Instance, instance.arn(), id, instance.account);
    bool outside = false;
    for (const auto& [name, actor] : s.actors) {
        const auto it = m.by_key.find(actor.principal);
        const std::optional<iam::Arn> arn = iam::Arn::parse(actor.principal);
        const std::string root_account = arn && arn->service == "iam" && arn->resource == "root" ? arn->account : "";
        if (it != m.by_key.end()) {
            m.nodes[it->second].actors.push_back(name);
        } else if (!root_account.empty() && s.world.accounts.count(root_account)) {
            // An account's root user acting in the scenario (an SCP lesson's "even root is denied") is drawn in its
            // account, with the actor's name.
            add(NodeKind::Root, actor.principal, name, root_account);
            m.nodes.back().actors.push_back(name);
        } else if (actor.principal.empty()) {
            add(NodeKind::Outside, "actor:" + name, name, "");
            m.nodes.back().actors.push_back(name);
            outside = true;
        }
    }

    for (const auto& [id, account] : s.world.accounts) {
        Region r;
        r.account = id;
        r.label = account.alias.empty() ? id : account.alias + "  " + id;
        // Its place in the organization: the management account, which no SCP restricts, or a member with the
        // SCPs that reach it (at the root or on the account).
        if (const auto& org = s.world.organization; org && org->accounts.count(id)) {
            if (org->management == id) {
                r.note = tr(Ui::ManagementAccount, lang);
            } else {
                std::string scps;  // as the evaluation finds them (World::scp_levels), FullAWSAccess aside
                for (const auto& level : s.world.scp_levels(id))
                    for (const iam::Policy* p : level)
                        if (p != &org->full_aws_access_policy && (", " + scps + ", ").find(", " + p->name + ", ") == std::string::npos)
                            scps += (scps.empty() ? "" : ", ") + p->name;
                r.note = scps.empty() ? tr(Ui::MemberAccount, lang) : trf(Ui::MemberAccountScp, lang, scps.c_str());
                if (!org->full_aws_access) r.note += tr(Ui::NoFullAwsAccess, lang);
            }
        }
        m.regions.push_back(std::move(r));
    }
    if (outside) m.regions.push_back(Region{"", tr(Ui::OutsideAws, lang), {}, {}, {}, 0, ""});
    for (std::size_t i = 0; i < m.nodes.size(); ++i)
        for (auto& r : m.regions)
            if (r.account == m.nodes[i].account) r.nodes.push_back(i);

    // Regions in a grid: one row up to three accounts, then as square as it gets.
    const std::size_t n = m.regions.size();
    const std::size_t cols = n <= 3 ? std::max<std::size_t>(n, 1) : static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(n))));
    const std::size_t rows = (n + cols - 1) / std::max<std::size_t>(cols, 1);
    const float gap = ImGui::GetStyle().ItemSpacing.x * 1.5f;
    const float rw = (size.x - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float rh = (size.y - gap * static_cast<float>(rows > 0 ? rows - 1 : 0)) / static_cast<float>(std::max<std::size_t>(rows, 1));
    const float line = ImGui::GetTextLineHeight();
    const float pad = ImGui::GetStyle().WindowPadding.x;
    for (std::size_t i = 0; i < n; ++i) {
        Region& r = m.regions[i];
        r.min = ImVec2(origin.x + static_cast<float>(i % cols) * (rw + gap), origin.y + static_cast<float>(i / cols) * (rh + gap));
        r.max = ImVec2(r.min.x + rw, r.min.y + rh);
        m.region_of[r.account] = i;
        // Nodes flow in rows under the label, one text line each; what does not fit is counted, not drawn.
        // The rows are then centred and spread over the region's height, so hops between them stay apart.
        const float node_h = line * 1.5f, hgap = line * 0.8f, vgap = line * 0.7f;
        // A region with a note at its foot (its place in the organization) keeps that line clear of nodes.
        const float top = r.min.y + line * 1.8f, bottom = r.max.y - line * (r.note.empty() ? 0.3f : 1.6f);
        std::vector<std::vector<std::size_t>> rows_of_nodes(1);
        std::vector<float> row_width(1, 0.0f);
        // As many rows as fit, and no more nodes in a row than that needs: tall regions get a column.
        const std::size_t fit = static_cast<std::size_t>(std::max(1.0f, std::floor((bottom - top + vgap) / (node_h + vgap))));
        const std::size_t per_row = (r.nodes.size() + fit - 1) / fit;
        float x = 0.0f;
        for (const std::size_t ni : r.nodes) {
            Node& node = m.nodes[ni];
            const float w = std::min(rw - 2.0f * pad, ImGui::CalcTextSize(node_text(node, lang).c_str()).x + line * 1.0f);
            node.max = ImVec2(w, node_h);  // the size, until placed
            if ((x + w > rw - 2.0f * pad || rows_of_nodes.back().size() >= per_row) && x > 0.0f) {
                if (top + static_cast<float>(rows_of_nodes.size() + 1) * (node_h + vgap) - vgap > bottom) {
                    ++r.hidden;
                    continue;
                }
                rows_of_nodes.emplace_back();
                row_width.push_back(0.0f);
                x = 0.0f;
            }
            if (top + node_h > bottom) {
                ++r.hidden;
                continue;
            }
            rows_of_nodes.back().push_back(ni);
            x += w + hgap;
            row_width.back() = x - hgap;
        }
        const float used = static_cast<float>(rows_of_nodes.size()) * node_h;
        const float spacing = std::min(line * 3.0f, (bottom - top - used) / static_cast<float>(rows_of_nodes.size()));
        float y = top + spacing * 0.5f;
        // A single column zigzags, so that a hop between two nodes does not run through the ones between them.
        const bool column = rows_of_nodes.size() > 2 && per_row == 1;
        for (std::size_t row = 0; row < rows_of_nodes.size(); ++row, y += node_h + spacing) {
            float nx = r.min.x + (rw - row_width[row]) * 0.5f;
            if (column) nx += (row % 2 == 0 ? -1.0f : 1.0f) * std::max(0.0f, std::min(rw * 0.2f, (rw - row_width[row]) * 0.5f - pad));
            for (const std::size_t ni : rows_of_nodes[row]) {
                Node& node = m.nodes[ni];
                const float w = node.max.x;
                node.min = ImVec2(nx, y);
                node.max = ImVec2(nx + w, y + node_h);
                node.placed = true;
                nx += w + hgap;
            }
        }
    }
    return m;
}

void draw_arrowhead(ImDrawList* draw, ImVec2 from, ImVec2 to, ImU32 colour, float size) {
    const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
    if (len < 1.0f) return;
    const float ux = dx / len, uy = dy / len;
    draw->AddTriangleFilled(to, ImVec2(to.x - ux * size - uy * size * 0.5f, to.y - uy * size + ux * size * 0.5f),
                            ImVec2(to.x - ux * size + uy * size * 0.5f, to.y - uy * size - ux * size * 0.5f), colour);
}

// The point where the segment from a node's centre towards `towards` leaves the node's box.
// Where the line from the centre of the box [min, max] towards `towards` leaves the box.
ImVec2 edge_point(ImVec2 min, ImVec2 max, ImVec2 towards) {
    const ImVec2 c((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    const float dx = towards.x - c.x, dy = towards.y - c.y;
    const float hw = (max.x - min.x) * 0.5f, hh = (max.y - min.y) * 0.5f;
    if (std::fabs(dx) < 1e-3f && std::fabs(dy) < 1e-3f) return c;
    const float t = std::min(std::fabs(dx) > 1e-3f ? hw / std::fabs(dx) : 1e9f, std::fabs(dy) > 1e-3f ? hh / std::fabs(dy) : 1e9f);
    return ImVec2(c.x + dx * std::min(t, 1.0f), c.y + dy * std::min(t, 1.0f));
}

ImVec2 edge_point(const Node& n, ImVec2 towards) { return edge_point(n.min, n.max, towards); }

// The idp actor running the identity provider a Federated principal names: the one whose metadata a SAML
// provider holds, or whose issuer an OIDC provider (or a well-known host) is.
const Node* idp_node(const Replay& replay, const MapLayout& m, const std::string& federated) {
    const aws::World& w = replay.scenario().world;
    if (const aws::SamlProvider* sp = w.saml_provider(federated)) return m.find("actor:" + sp->metadata);
    const aws::OidcProvider* op = w.oidc_provider(federated);
    const std::string host = op != nullptr ? op->host : federated;
    if (const aws::IdentityProvider* idp = w.idp_by_issuer("https://" + host)) return m.find("actor:" + idp->actor);
    return nullptr;
}

// A dashed arrow from `from` into `target`, labelled with what the trust demands.
// A rectangle a label takes on the map, which the hop's label keeps clear of.
struct Box {
    ImVec2 min, max;
    float overlap_area(const Box& o) const {
        const float w = std::min(max.x, o.max.x) - std::max(min.x, o.min.x);
        const float h = std::min(max.y, o.max.y) - std::max(min.y, o.min.y);
        return w > 0.0f && h > 0.0f ? w * h : 0.0f;
    }
};

void trust_edge(ImVec2 from, const Node& target, const std::string& demands, ImDrawList* draw, std::vector<Box>& labels) {
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const float line = ImGui::GetTextLineHeight();
    const ImVec2 to = edge_point(target, from);
    dashed_line(draw, from, to, colour, 1.0f);  // whole pixels wide: ImGui draws a dash as one quad, not three
    draw_arrowhead(draw, from, to, colour, line * 0.5f);
    if (demands.empty()) return;
    const ImVec2 mid((from.x + to.x) * 0.5f, (from.y + to.y) * 0.5f);
    const ImVec2 ts = ImGui::CalcTextSize(demands.c_str());
    draw->AddRectFilled(ImVec2(mid.x - 2, mid.y - 1), ImVec2(mid.x + ts.x + 2, mid.y + ts.y + 1), ImGui::GetColorU32(ImGuiCol_WindowBg));
    draw->AddText(mid, ImGui::GetColorU32(warning_colour()), demands.c_str());
    labels.push_back(Box{ImVec2(mid.x - 2, mid.y - 1), ImVec2(mid.x + ts.x + 2, mid.y + ts.y + 1)});
}

// Where a trust edge from a whole account starts: the account's border, facing the role; for a role in that account,
// just under the account's title, above the role. Never on the title itself.
ImVec2 account_edge_start(const Region& r, const Node& target) {
    const ImVec2 c = target.centre();
    if (c.x < r.min.x || c.x > r.max.x || c.y < r.min.y || c.y > r.max.y) return edge_point(r.min, r.max, c);
    return ImVec2(c.x, r.min.y + ImGui::GetTextLineHeight() * 1.4f);
}

// Trust edges: for each role, who its trust policy lets in (AWS principals, and Federated identity providers,
// which their IdP actor feeds), and what it demands. Returns where the demands' labels are.
std::vector<Box> draw_trust(const Replay& replay, const MapLayout& m, ImDrawList* draw) {
    std::vector<Box> labels;
    std::set<std::pair<const Node*, const Node*>> feeds;  // IdP actor -> provider, drawn once
    for (const auto& [id, account] : replay.scenario().world.accounts) {
        for (const auto& [name, role] : account.roles) {
            const Node* target = m.find(role.arn);
            if (target == nullptr) continue;
            const json& doc = *role.trust.document;
            const json statements = doc.contains("Statement") ? (doc["Statement"].is_array() ? doc["Statement"] : json::array({doc["Statement"]})) : json::array();
            for (const json& st : statements) {
                if (!st.is_object() || st.value("Effect", "") != "Allow" || !st.contains("Principal")) continue;
                const json& p = st["Principal"];
                if (!p.is_object()) continue;
                const std::string conditions = st.contains("Condition") ? st["Condition"].dump() : "";
                std::string demands;
                if (conditions.find("sts:ExternalId") != std::string::npos) demands = "ExternalId";
                if (conditions.find("MultiFactorAuth") != std::string::npos) demands += demands.empty() ? "MFA" : " + MFA";
                const json federated = !p.contains("Federated") ? json::array() : p["Federated"].is_array() ? p["Federated"] : json::array({p["Federated"]});
                for (const json& f : federated) {
                    if (!f.is_string()) continue;
                    const Node* provider = m.find(f.get<std::string>());
                    const Node* idp = idp_node(replay, m, f.get<std::string>());
                    if (provider != nullptr) trust_edge(edge_point(*provider, target->centre()), *target, demands, draw, labels);
                    const Node* to = provider != nullptr ? provider : target;  // a well-known issuer has no provider node
                    if (idp != nullptr && feeds.insert({idp, to}).second) trust_edge(edge_point(*idp, to->centre()), *to, "", draw, labels);
                }
                if (!p.contains("AWS")) continue;
                const json aws = p["AWS"].is_array() ? p["AWS"] : json::array({p["AWS"]});
                for (const json& who : aws) {
                    if (!who.is_string()) continue;
                    const std::string w = who.get<std::string>();
                    // A trust naming ACCT:root names the account (facts §1), never the root user's node.
                    if (const Node* n = m.find(w); n != nullptr && n->kind != NodeKind::Root) {
                        trust_edge(edge_point(*n, target->centre()), *target, demands, draw, labels);
                        continue;
                    }
                    const std::optional<iam::Arn> parsed = iam::Arn::parse(w);
                    const std::string acct = iam::is_account_id(w) ? w : parsed ? parsed->account : "";
                    const auto r = m.region_of.find(acct);
                    if (r != m.region_of.end()) trust_edge(account_edge_start(m.regions[r->second], *target), *target, demands, draw, labels);
                }
            }
        }
    }
    return labels;
}

// Where an actor is on the map: its principal's node, or its own node outside AWS.
const Node* actor_node(const Replay& replay, const MapLayout& m, const std::string& actor) {
    const auto it = replay.scenario().actors.find(actor);
    if (it == replay.scenario().actors.end()) return nullptr;
    if (const Node* n = m.find(it->second.principal)) return n;
    return m.find("actor:" + actor);
}

// Where a call comes from on the map: the role whose session signed it (a chained call, an ABAC session's), else the
// actor's own node.
const Node* caller_node(const Replay& replay, const MapLayout& m, const std::string& actor, const Arrow& request) {
    if (request.body != nullptr && request.body->is_object())
        if (const CredentialInfo* c = replay.credential(request.body->value("access_key_id", "")))
            if (const Node* role = m.find(role_of_session(replay, c->principal))) return role;
    return actor_node(replay, m, actor);
}

void draw_hop(const Replay& replay, const ViewState& view, const MapLayout& m, ImDrawList* draw, const std::vector<Box>& trust_labels) {
    if (view.cursor == 0 || view.cursor > replay.steps()) return;
    const Arrow& a = replay.arrow(view.cursor);
    const std::string& from_lane = replay.lanes()[a.from];
    const std::string& to_lane = replay.lanes()[a.to];
    const Node* from = nullptr;
    const Node* to = nullptr;
    switch (a.kind) {
        case ArrowKind::Request: from = caller_node(replay, m, from_lane, a); to = m.find(a.target); break;
        case ArrowKind::Answer:
            from = m.find(a.target);
            to = a.partner != kNone ? caller_node(replay, m, to_lane, replay.arrow(a.partner)) : actor_node(replay, m, to_lane);
            break;
        case ArrowKind::Message: from = actor_node(replay, m, from_lane); to = actor_node(replay, m, to_lane); break;
    }
    if (from == nullptr || to == nullptr || from == to) return;
    const ImU32 colour = a.kind == ArrowKind::Answer ? (a.failed ? deny_colour() : allow_colour())
                         : a.kind == ArrowKind::Message ? message_colour() : ImGui::GetColorU32(ImGuiCol_Text);
    const ImVec2 p0 = edge_point(*from, to->centre()), p1 = edge_point(*to, from->centre());
    draw->AddLine(p0, p1, colour, 3.0f);
    const float line = ImGui::GetTextLineHeight();
    draw_arrowhead(draw, p0, p1, colour, line * 0.7f);
    const ImVec2 dot(p0.x + (p1.x - p0.x) * view.hop, p0.y + (p1.y - p0.y) * view.hop);
    draw->AddCircleFilled(dot, line * 0.45f, colour);
    const std::string label = plain_label(a.label);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    // Along the hop, above or below it: the first place that covers no node and no trust edge's demand (the
    // ExternalId a lesson is about). When none is clear (a narrow map), the place that covers least, a demand
    // counting four times a node, so the lesson's marker stays readable.
    const auto box_at = [&](float t, float dy) {
        const ImVec2 c(p0.x + (p1.x - p0.x) * t, p0.y + (p1.y - p0.y) * t + dy);
        return Box{ImVec2(c.x - ts.x * 0.5f - 4, c.y - 2), ImVec2(c.x + ts.x * 0.5f + 4, c.y + ts.y + 2)};
    };
    const auto covered = [&](const Box& b) {
        float area = 0.0f;
        for (const Box& l : trust_labels) area += 4.0f * b.overlap_area(l);
        for (const Node& n : m.nodes)
            if (n.placed) area += b.overlap_area(Box{n.min, n.max});
        return area;
    };
    Box place = box_at(0.5f, -line * 1.3f);
    float least = covered(place);
    for (const float t : {0.5f, 0.35f, 0.65f, 0.25f, 0.75f})
        for (const float dy : {-line * 1.3f, line * 0.4f, -line * 2.6f, line * 1.7f})
            if (least > 0.0f) {
                const Box b = box_at(t, dy);
                if (const float area = covered(b); area < least) {
                    place = b;
                    least = area;
                }
            }
    // Inside the map: a hop near its edge keeps its label, error and all, in view.
    const float lo = draw->GetClipRectMin().x, hi = draw->GetClipRectMax().x;
    const float shift = place.min.x < lo ? lo - place.min.x : std::min(0.0f, hi - place.max.x);
    place.min.x += shift;
    place.max.x += shift;
    draw->AddRectFilled(place.min, place.max, ImGui::GetColorU32(ImGuiCol_PopupBg));
    draw->AddText(ImVec2(place.min.x + 4, place.min.y + 2), colour, label.c_str());
}

void node_tooltip(const Replay& replay, const Node& n, const DecisionInfo* decision, const Arrow* failed_answer, Language lang) {
    ImGui::BeginTooltip();
    ImGui::Text("%s %s", kind_tag(n.kind, lang), n.key.c_str());
    if (failed_answer != nullptr)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(deny_colour()), "%s",
                           trf(Ui::CallFailed, lang, failed_answer->error.c_str()).c_str());
    for (const auto& a : n.actors) ImGui::TextDisabled("%s", trf(Ui::ActsAs, lang, a.c_str()).c_str());
    if (decision != nullptr && decision->data != nullptr) {
        const json& d = *decision->data;
        ImGui::Separator();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(decision->allowed ? allow_colour() : deny_colour()), "%s",
                           plain_label(d.value("summary", "")).c_str());
        const std::string message = d.value("message", "");
        if (!message.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
            ImGui::TextUnformatted(message.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    if (n.kind == NodeKind::Role) {
        const Scenario& s = replay.scenario();
        for (const auto& [id, account] : s.world.accounts)
            for (const auto& [name, role] : account.roles)
                if (role.arn == n.key) {
                    ImGui::Separator();
                    ImGui::TextDisabled("%s", tr(Ui::TrustPolicy, lang));
                    json_text(*role.trust.document, "trust");
                }
    }
    ImGui::EndTooltip();
}

void draw_nodes(const Replay& replay, const ViewState& view, const MapLayout& m, ImDrawList* draw) {
    const Language lang = view.ui_language();
    const float line = ImGui::GetTextLineHeight();
    for (const Node& n : m.nodes) {
        if (!n.placed) continue;
        const bool acting = !n.actors.empty();
        const ImU32 border = n.account.empty() ? message_colour() : account_colour(replay, n.account);
        draw->AddRectFilled(n.min, n.max, ImGui::GetColorU32(ImGuiCol_FrameBg));
        draw->AddRect(n.min, n.max, border, 0.0f, 0, acting ? 2.0f : 1.0f);
        draw->PushClipRect(n.min, n.max, true);
        const std::string tag = kind_tag(n.kind, lang);
        const float x = n.min.x + line * 0.5f, y = n.min.y + line * 0.25f;
        draw->AddText(ImVec2(x, y), ImGui::GetColorU32(ImGuiCol_TextDisabled), tag.c_str());
        const std::string rest = node_text(n, lang).substr(tag.size());
        draw->AddText(ImVec2(x + ImGui::CalcTextSize(tag.c_str()).x, y), acting ? message_colour() : ImGui::GetColorU32(ImGuiCol_Text),
                      rest.c_str());
        draw->PopClipRect();
        // The outcome of the latest call on this resource, up to the cursor (Replay::outcome_on).
        const Replay::Outcome outcome = replay.outcome_on(n.key, view.cursor);
        if (outcome.known()) {
            const ImVec2 at(n.max.x - line * 0.55f, n.min.y - line * 0.45f);
            draw->AddCircleFilled(ImVec2(at.x + line * 0.45f, at.y + line * 0.45f), line * 0.6f, ImGui::GetColorU32(ImGuiCol_WindowBg));
            draw_mark(draw, at, line * 0.9f, outcome.ok());
        }
        ImGui::SetCursorScreenPos(n.min);
        ImGui::PushID(n.key.c_str());
        ImGui::InvisibleButton("##node", ImVec2(std::max(1.0f, n.max.x - n.min.x), std::max(1.0f, n.max.y - n.min.y)));
        if (ImGui::IsItemHovered())
            node_tooltip(replay, n, outcome.decision, outcome.answer != nullptr && outcome.answer->failed ? outcome.answer : nullptr, lang);
        ImGui::PopID();
    }
}

// Who holds which temporary credentials now: a dotted line from the holder to the role it acts as, and one line
// each in the map's corner with the time left.
void draw_held(const Replay& replay, const ViewState& view, const MapLayout& m, ImDrawList* draw, ImVec2 corner) {
    const Language lang = view.ui_language();
    const SimTime now = replay.time_at(view.cursor);
    // The temporary credentials held, each with whether its role's revocation reached it: its credentials are still
    // valid, but the role denies them everything (id_roles_use_revoke-sessions), so it is shown, and marked so, in
    // the colour of a denial.
    std::vector<std::pair<const CredentialInfo*, bool>> held;
    for (const CredentialInfo* c : replay.held_after(view.cursor))
        if (c->expires_t >= 0) held.emplace_back(c, replay.revoked_after(*c, view.cursor));
    // One dotted line per holder and role, however many sessions: green when any of them is live, so the live ones
    // are drawn first.
    std::vector<std::pair<const CredentialInfo*, bool>> live_first = held;
    std::stable_partition(live_first.begin(), live_first.end(), [](const auto& h) { return !h.second; });
    std::vector<std::pair<const Node*, const Node*>> drawn;
    for (const auto& [c, revoked] : live_first) {
        const Node* r = m.find(role_of_session(replay, c->principal));
        const Node* a = actor_node(replay, m, c->holder);
        if (r == nullptr || a == nullptr || r == a || std::find(drawn.begin(), drawn.end(), std::pair(a, r)) != drawn.end())
            continue;
        drawn.emplace_back(a, r);
        dashed_line(draw, edge_point(*a, r->centre()), edge_point(*r, a->centre()),
                    revoked ? deny_colour(0.6f) : allow_colour(0.8f), 2.0f, 2.0f);
    }
    // The first three, one line each, and how many more there are.
    const float line = ImGui::GetTextLineHeight();
    const std::size_t shown = std::min<std::size_t>(held.size(), 3);
    const float room = draw->GetClipRectMax().x - corner.x - 4.0f;
    float y = corner.y - line * static_cast<float>(shown + (held.size() > shown ? 1 : 0));
    for (std::size_t i = 0; i < shown; ++i, y += line) {
        const auto& [c, revoked] = held[i];
        const std::string role = role_of_session(replay, c->principal);
        // The session's own name tells two sessions of one role apart (the vendor's, one for each customer).
        const std::string name = role.empty() ? c->principal.substr(c->principal.rfind(':') + 1)
                                              : c->principal.substr(c->principal.find("assumed-role/") + 13);
        // The time left before the name, which a long role name would push past the panel's edge.
        const std::string left = format_sim_time(std::max<SimTime>(0, c->expires_t - now)).substr(1);
        std::string text = trf(role.empty() ? Ui::HoldsCredentials : Ui::HoldsSession, lang, c->holder.c_str(), left.c_str(),
                               name.c_str()) +
                           (revoked ? tr(Ui::RevokedAll, lang) : "");
        // Too wide for the map (two maps side by side): the short form, then the name's start given up for its end,
        // where the sessions of one role differ ("...for-your-company", "...for-other-customer").
        if (ImGui::CalcTextSize(text.c_str()).x > room) {
            const std::string head = c->holder + " (" + left.substr(0, left.find('.')) + "): ";
            const std::string tail = revoked ? tr(Ui::Revoked, lang) : "";
            std::string fitted = name;
            while (fitted.size() > 8 && ImGui::CalcTextSize((head + fitted + tail).c_str()).x > room)
                fitted = "..." + fitted.substr(fitted.compare(0, 3, "...") == 0 ? 4 : 1);
            text = head + fitted + tail;
        }
        draw->AddText(ImVec2(corner.x, y), revoked ? deny_colour() : allow_colour(), text.c_str());
    }
    if (held.size() > shown)
        draw->AddText(ImVec2(corner.x, y), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                      trf(Ui::MoreCredentials, lang, held.size() - shown).c_str());
}

}  // namespace

void draw_world_map(const PanelRect& rect, ViewState& view, std::size_t file) {
    const Language lang = view.ui_language();
    const std::string title = view.files.size() > 1 ? trf(Ui::WorldOf, lang, view.files[file].title(view.language).c_str())
                                                    : tr(Ui::WorldMap, lang);
    if (begin_panel(("map" + std::to_string(file)).c_str(), title, rect,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        const Replay* replay = view.replay(file);
        if (replay == nullptr) {
            if (file < view.files.size() && !view.files[file].error.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
                ImGui::TextWrapped("%s", trf(Ui::CouldNotBeLoaded, lang, view.files[file].path.c_str()).c_str());
                ImGui::PopStyleColor();
                ImGui::TextUnformatted(view.files[file].error.c_str());
            } else {
                hint(tr(Ui::WorldNoScenario, lang));
            }
        } else {
            if (const std::string& e = view.files[file].error; !e.empty()) {
                // The file on disk is broken now: its faults, over the last good run (hover for all of them).
                const std::size_t first_break = e.find('\n');
                ImGui::PushStyleColor(ImGuiCol_Text, warning_colour());
                ImGui::TextWrapped("%s%s", trf(Ui::FileHasErrors, lang, e.substr(0, first_break).c_str()).c_str(),
                                   first_break == std::string::npos ? "" : tr(Ui::MoreOnHover, lang));
                ImGui::PopStyleColor();
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.c_str());
            } else if (view.files.size() > 1) {
                if (file == view.focus) ImGui::TextColored(warning_colour(), "%s", tr(Ui::ShownInInspector, lang));
                else if (ImGui::SmallButton(tr_label(Ui::ShowInInspector, lang, "show").c_str())) view.focus = file;
            } else {
                ImGui::TextDisabled("%s", tr(Ui::MapLegend, lang));
            }
            const ImVec2 origin = ImGui::GetCursorScreenPos();
            const ImVec2 avail = ImGui::GetContentRegionAvail();
            // Room for the list of sessions held, as many lines as the run ever needs (at most 4): the same at every
            // step, so the nodes stay where they are while the cursor moves.
            const std::size_t sessions = replay->peak_sessions();
            const float legend = ImGui::GetTextLineHeight() * static_cast<float>(std::min<std::size_t>(sessions, 4));
            const MapLayout m = build_layout(*replay, origin, ImVec2(avail.x, avail.y - legend - (legend > 0 ? 4.0f : 0.0f)), lang);
            ImDrawList* draw = ImGui::GetWindowDrawList();
            for (const Region& r : m.regions) {
                const ImU32 fill = r.account.empty() ? message_colour(0.08f) : account_colour(*replay, r.account, 0.22f);
                const ImU32 edge = r.account.empty() ? message_colour(0.8f) : account_colour(*replay, r.account, 0.9f);
                // A tinted label band and a wide tinted frame mark the region; the inside stays clear. Corners are
                // square throughout the map: Mesa's software renderer fills rectangles on its fast path, and a
                // rounded box is a fan of triangles across its whole area (render/draw_split.hpp).
                const float band = ImGui::GetTextLineHeight() * 1.5f;
                draw->AddRectFilled(r.min, ImVec2(r.max.x, std::min(r.max.y, r.min.y + band)), fill);
                draw->AddRect(ImVec2(r.min.x + 4.0f, r.min.y + 4.0f), ImVec2(r.max.x - 4.0f, r.max.y - 4.0f), fill, 0.0f, 0, 8.0f);
                draw->AddRect(r.min, r.max, edge, 0.0f, 0, 2.0f);
                draw->PushClipRect(r.min, r.max, true);
                const ImU32 text = readable_colour(edge);
                draw->AddText(ImVec2(r.min.x + ImGui::GetStyle().WindowPadding.x, r.min.y + 4.0f), text, r.label.c_str());
                if (!r.note.empty())
                    draw->AddText(ImVec2(r.min.x + ImGui::GetStyle().WindowPadding.x, r.max.y - ImGui::GetTextLineHeight() - 10.0f),
                                  text, r.note.c_str());
                draw->PopClipRect();
                if (r.hidden > 0) {
                    // In the bottom right corner, clear of the note at the foot's left.
                    const std::string more = trf(Ui::MoreNodes, lang, r.hidden);
                    draw->AddText(ImVec2(r.max.x - ImGui::CalcTextSize(more.c_str()).x - 12.0f,
                                         r.max.y - ImGui::GetTextLineHeight() - 10.0f),
                                  ImGui::GetColorU32(ImGuiCol_TextDisabled), more.c_str());
                }
            }
            const std::vector<Box> trust_labels = draw_trust(*replay, m, draw);
            draw_nodes(*replay, view, m, draw);
            draw_held(*replay, view, m, draw, ImVec2(origin.x + 4.0f, origin.y + avail.y - 2.0f));
            draw_hop(*replay, view, m, draw, trust_labels);
        }
    }
    ImGui::End();
}

}  // namespace stslab::viz
