// The replay model the viewer draws: steps over the recorded trace, and what had happened after each.
#include "model/replay.hpp"

#include "aws/idp.hpp"
#include "headless.hpp"  // lessons()

#include <doctest/doctest.h>

#include <algorithm>

using namespace stslab;
using namespace stslab::viz;
using namespace stslab::viz::test;

namespace {

const std::string kScenarios = std::string(STSLAB_SOURCE_DIR) + "/scenarios/";

std::unique_ptr<Replay> flagship(bool external_id) {
    return load_replay(kScenarios + (external_id ? "02-confused-deputy-external-id.json" : "01-confused-deputy.json"));
}

// The answer to the handler action `id` (the deputy's call for a customer).
const Arrow& answer_of(const Replay& r, const std::string& id) {
    const std::size_t step = r.step_of_id(id);
    REQUIRE(step != kNone);
    const Arrow& a = r.arrow(step);
    REQUIRE(a.kind == ArrowKind::Answer);
    return a;
}

}  // namespace

TEST_CASE("every scenario replays as one step per message, each request paired with its answer") {
    for (const std::string& lesson : lessons()) {
        CAPTURE(lesson);
        const auto r = load_replay(kScenarios + lesson);
        std::size_t sent = 0;
        for (const auto& e : r->trace().events()) sent += e.kind == TraceKind::Sent ? 1 : 0;
        CHECK(r->steps() == sent);
        for (std::size_t k = 1; k <= r->steps(); ++k) {
            const Arrow& a = r->arrow(k);
            CHECK(a.first_event <= a.sent_event);
            CHECK(a.sent_event < a.end_event);
            CHECK(a.arrives >= a.sent);
            if (a.kind == ArrowKind::Answer) {
                REQUIRE(a.partner != kNone);
                CHECK(a.partner < k);
                CHECK(r->arrow(a.partner).kind == ArrowKind::Request);
                CHECK(r->arrow(a.partner).partner == k);
                CHECK(r->is_service_lane(a.from));
                CHECK(a.to == r->arrow(a.partner).from);
            }
        }
        // Every event belongs to a step, and a step's events never reach past the last step.
        for (std::size_t i = 0; i < r->trace().size(); ++i) CHECK(r->step_of_event(i) <= r->steps());
        CHECK(r->cloudtrail_count(r->steps()) == r->run().cloudtrail.size());
    }
}

TEST_CASE("without an ExternalId the vendor's AssumeRole for the other customer succeeds, with one it is denied") {
    const auto without = flagship(false);
    const auto with = flagship(true);
    const Arrow& a = answer_of(*without, "mallory-registers-your-role>vendor#1");
    CHECK_FALSE(a.failed);
    const Arrow& b = answer_of(*with, "mallory-registers-your-role>vendor#1");
    CHECK(b.failed);
    CHECK(b.error == "AccessDenied");
    // The scrubber marks the denial on the ExternalId side only.
    CHECK(without->failed_answers().empty());
    CHECK(std::find(with->failed_answers().begin(), with->failed_answers().end(), with->step_of_id("mallory-registers-your-role>vendor#1")) !=
          with->failed_answers().end());
    // The decision sits with the request, where STS decided it, and names the trust policy.
    const auto decisions = with->decisions_of(b.partner);
    REQUIRE(decisions.size() == 1);
    CHECK_FALSE(decisions[0]->allowed);
    CHECK(decisions[0]->resource == "arn:aws:iam::111111111111:role/VendorAccess");
    CHECK((*decisions[0]->data)["denied_by"] == "role trust policy");
    // The world map draws the hop to the role, and back.
    CHECK(with->arrow(b.partner).target == "arn:aws:iam::111111111111:role/VendorAccess");
    CHECK(b.target == with->arrow(b.partner).target);
}

TEST_CASE("the credentials held after a step are those whose answer has reached their holder, not yet expired") {
    const auto r = flagship(false);
    const std::size_t request = r->step_of_id("you-register>vendor#1") - 1;  // the AssumeRole request's step
    REQUIRE(r->arrow(request).kind == ArrowKind::Request);
    auto sessions = [&](std::size_t step) {
        std::size_t n = 0;
        for (const CredentialInfo* c : r->held_after(step)) n += c->holder == "vendor" && c->expires_t >= 0 ? 1 : 0;
        return n;
    };
    const std::size_t answer = r->arrow(request).partner;
    REQUIRE(answer != kNone);
    CHECK(sessions(0) == 0);
    CHECK(sessions(request - 1) == 0);
    // STS issues the session when it decides (the request's step); the vendor holds it once the answer arrives.
    const CredentialInfo* issued = nullptr;
    for (const CredentialInfo& c : r->credentials())
        if (c.issued_step == request) issued = &c;
    REQUIRE(issued != nullptr);
    CHECK(issued->holder == "vendor");
    CHECK(sessions(request) == 0);
    CHECK(sessions(answer - 1) == 0);
    CHECK(sessions(answer) == 1);
    CHECK(sessions(r->steps()) == 2);  // one for each customer the vendor acted for
    // Long-term keys are held from the start.
    CHECK(r->held_after(0).size() == r->scenario().actors.size());
}

TEST_CASE("the map names held credentials by session, and tells a session issued with MFA from one without (lesson 08)") {
    const auto r = load_replay(kScenarios + "08-session-token-mfa.json");
    std::vector<std::string> names;
    for (const CredentialInfo* c : r->held_after(r->steps()))
        if (c->holder == "lee" && c->expires_t >= 0) names.push_back(held_name(r->scenario().world, *c));
    // GetSessionToken without MFA, then with it: one user, two sessions, told apart only by MFA.
    CHECK(std::count(names.begin(), names.end(), "user/lee") >= 1);
    CHECK(std::count(names.begin(), names.end(), "user/lee (MFA)") == 1);
    const auto flagship_run = flagship(false);
    for (const CredentialInfo* c : flagship_run->held_after(flagship_run->steps()))
        if (c->holder == "vendor" && c->expires_t >= 0)
            CHECK(held_name(flagship_run->scenario().world, *c).rfind("VendorAccess/vendor-for-", 0) == 0);
}

TEST_CASE("in every lesson, credentials are held from the answer that carried them until the first step at or after their expiry") {
    for (const std::string& lesson : lessons()) {
        CAPTURE(lesson);
        const auto r = load_replay(kScenarios + lesson);
        std::size_t peak = 0;
        for (std::size_t k = 0; k <= r->steps(); ++k) {
            const auto held = r->held_after(k);
            peak = std::max<std::size_t>(peak, std::count_if(held.begin(), held.end(), [](const CredentialInfo* c) { return c->expires_t >= 0; }));
            for (const CredentialInfo& c : r->credentials()) {
                CAPTURE(c.access_key_id);
                CAPTURE(k);
                // The answer to the request that issued them, when a call did (its request's partner).
                std::size_t from = c.issued_step;
                if (from > 0 && r->arrow(from).kind == ArrowKind::Request && r->arrow(from).partner != kNone) {
                    from = r->arrow(from).partner;
                    CHECK(r->arrow(from).kind == ArrowKind::Answer);
                    CHECK(r->arrow(from).to == r->arrow(c.issued_step).from);
                }
                const bool expect = from <= k && (c.expires_t < 0 || r->time_at(k) < c.expires_t);
                CHECK((std::find(held.begin(), held.end(), &c) != held.end()) == expect);
            }
        }
        CHECK(r->peak_sessions() == peak);  // the map's session list is sized by it
    }
}

TEST_CASE("the map marks a call's answer, not only its decision: allowed then refused with ValidationError, or refused for expired credentials") {
    const auto r = load_replay(kScenarios + "05-role-chaining.json");
    const std::string spoke = "arn:aws:iam::222222222222:role/Spoke";
    const std::size_t answer = r->step_of_id("chain-for-2h");  // a step's last message: its answer
    REQUIRE(answer != kNone);
    REQUIRE(r->arrow(answer).kind == ArrowKind::Answer);
    const std::size_t request = r->arrow(answer).partner;
    // At the request STS has decided (the trust allows the chain); the answer then refuses the two hours.
    CHECK(r->outcome_on(spoke, request).ok());
    CHECK_FALSE(r->outcome_on(spoke, answer).ok());
    REQUIRE(r->outcome_on(spoke, answer).answer != nullptr);
    CHECK(r->outcome_on(spoke, answer).answer->error == "ValidationError");
    // The next chain, for the default hour, succeeds.
    CHECK(r->outcome_on(spoke, r->step_of_id("chain-default")).ok());
    // An hour later the session's read fails before any decision: the bucket is marked refused.
    const std::size_t late = r->step_of_id("an-hour-later");
    const Arrow& late_answer = r->arrow(late);
    CHECK(late_answer.error == "ExpiredToken");
    CHECK_FALSE(r->outcome_on(late_answer.target, late).ok());
}

TEST_CASE("the replay can tell an assertion edited after signing from one the IdP signed, with the IdP's key") {
    const auto r = load_replay(kScenarios + "14-saml-federation.json");
    const auto token_of = [&](const std::string& id) {
        const std::size_t step = r->step_of_id(id);
        REQUIRE(step != kNone);
        const nlohmann::json* body = r->arrow(step).body;
        REQUIRE(body != nullptr);
        return (*body)["message"]["token"];
    };
    const nlohmann::json signed_one = token_of("bob-signs-in"), edited = token_of("bob-edits-his-assertion");
    const aws::IdentityProvider* idp = r->run().world.idp_by_issuer(signed_one["Issuer"].get<std::string>());
    REQUIRE(idp != nullptr);
    CHECK(aws::signature_valid(signed_one, idp->key));
    CHECK_FALSE(aws::signature_valid(edited, idp->key));
    CHECK(token_signer(r->run().world, signed_one).signer == idp);
    CHECK(token_signer(r->run().world, edited).named == idp);
    CHECK(token_signer(r->run().world, edited).signer == nullptr);
}

TEST_CASE("an assertion its IdP signed naming another IdP as issuer is told apart from an edited one") {
    // "Override" sets a field before the IdP signs (scenarios/README.md): the signature is good, for the wrong key.
    const auto r = load_replay_text(R"({"stslab": 1,
        "accounts": {"111111111111": {}},
        "actors": {
          "corp-idp": {"kind": "idp", "idp": {"protocol": "saml", "issuer": "https://corp.example.com/saml",
                                             "users": {"bob": {}}}},
          "partner-idp": {"kind": "idp", "idp": {"protocol": "saml", "issuer": "https://partner.example.com/saml"}},
          "browser": {"kind": "anonymous"}},
        "steps": [{"id": "claims-partner", "at": "+1s", "actor": "corp-idp", "call": "idp:Authenticate",
                   "params": {"User": "bob", "Override": {"Issuer": "https://partner.example.com/saml"}},
                   "to": "browser"}]})",
                                    "override.json");
    const std::size_t step = r->step_of_id("claims-partner");
    REQUIRE(step != kNone);
    REQUIRE(r->arrow(step).body != nullptr);
    const nlohmann::json token = (*r->arrow(step).body)["message"]["token"];
    const TokenSigner who = token_signer(r->run().world, token);
    REQUIRE(who.named != nullptr);
    REQUIRE(who.signer != nullptr);
    CHECK(who.named->actor == "partner-idp");
    CHECK(who.signer->actor == "corp-idp");
}

TEST_CASE("the narration after a step is that step's, and a step's start belongs to the message it sends") {
    const auto r = flagship(false);
    CHECK(r->narration_at(0) == nullptr);
    const std::size_t step = r->step_of_id("mallory-registers-your-role");
    REQUIRE(step != kNone);
    const NarrationInfo* n = r->narration_at(step);
    REQUIRE(n != nullptr);
    CHECK(n->en.find("Mallory") != std::string::npos);
    CHECK_FALSE(n->ko.empty());
    CHECK(r->narration_at(step - 1)->en != n->en);
}

TEST_CASE("simulated time after a step is its message's arrival, and N finds the next AssumeRole") {
    const auto r = flagship(false);
    CHECK(r->time_at(0) == 0);
    CHECK(r->time_at(1) == r->arrow(1).arrives);
    CHECK(r->time_at(r->steps() + 5) == r->arrow(r->steps()).arrives);
    const std::size_t first = r->next_assume_role(0);
    REQUIRE(first != kNone);
    CHECK(r->arrow(first).label == "sts:AssumeRole");
    const std::size_t second = r->next_assume_role(first);
    REQUIRE(second != kNone);
    CHECK(second > first);
    CHECK(r->next_assume_role(r->steps()) == kNone);
}

TEST_CASE("CloudTrail rows appear with the call that wrote them, in order") {
    const auto r = flagship(true);
    std::size_t previous = 0;
    for (std::size_t k = 0; k <= r->steps(); ++k) {
        const std::size_t count = r->cloudtrail_count(k);
        CHECK(count >= previous);
        previous = count;
    }
    const Arrow& denied = answer_of(*r, "mallory-registers-your-role>vendor#1");
    // A refused cross-account AssumeRole is recorded in the caller's account only (cloudtrail-integration).
    std::size_t denied_rows = 0;
    for (std::size_t i = 0; i < r->cloudtrail_count(denied.partner); ++i)
        if (r->cloudtrail()[i].step == denied.partner && r->cloudtrail()[i].error == "AccessDenied") ++denied_rows;
    CHECK(denied_rows == 1);
}

TEST_CASE("a broken file is refused with the loader's faults, naming file, line and path") {
    try {
        load_replay_text("{\"stslab\": 1, \"acounts\": {}}", "broken.json");
        FAIL("a broken scenario loaded");
    } catch (const std::exception& e) {
        const std::string what = e.what();
        CHECK(what.find("broken.json:1:") != std::string::npos);
        CHECK(what.find("did you mean \"accounts\"") != std::string::npos);
    }
}

TEST_CASE("the inspector names where a message comes from in words, a handler's trigger too, however deep") {
    CHECK(describe_origin("") == "");
    CHECK(describe_origin("assume") == "scenario step assume");
    CHECK(describe_origin("kick>admin#2") == "admin's action 2, handling step kick");
    CHECK(describe_origin("kick>admin#2>vendor#1") == "vendor's action 1, handling admin's action 2, handling step kick");

    // A step sends to admin, whose handler sends to vendor, whose handler calls STS: the runner's ids read back.
    const auto r = load_replay_text(R"({"stslab": 1,
        "accounts": {"111111111111": {"users": {"admin": {}, "vendor": {}}}},
        "actors": {
          "admin": {"principal": "arn:aws:iam::111111111111:user/admin",
                    "on": {"kick": [{"call": "send", "to": "vendor", "message": {"type": "go"}}]}},
          "vendor": {"principal": "arn:aws:iam::111111111111:user/vendor",
                     "on": {"go": [{"call": "sts:GetCallerIdentity"}]}}},
        "steps": [{"id": "kick", "at": "+1s", "actor": "admin", "call": "send", "to": "admin",
                   "message": {"type": "kick"}}]})",
                                    "nested.json");
    bool seen = false;
    for (std::size_t step = 1; step <= r->steps(); ++step)
        if (r->arrow(step).label.find("GetCallerIdentity") != std::string::npos) {
            CHECK(describe_origin(r->arrow(step).step_id) ==
                  "vendor's action 1, handling admin's action 1, handling step kick");
            seen = true;
        }
    CHECK(seen);
}

TEST_CASE("a service whose calls are only authorized has a service lane, and an actor named like it keeps its own") {
    const auto r = load_replay_text(R"({ "stslab": 1,
          "accounts": { "111111111111": { "users": { "alice": { "policies": { "p": { "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*" }] } } } } } },
          "actors": { "alice": { "principal": "arn:aws:iam::111111111111:user/alice" }, "DynamoDB": { "kind": "anonymous" } },
          "steps": [ { "actor": "alice", "call": "dynamodb:GetItem", "resource": "arn:aws:dynamodb:us-east-1:111111111111:table/T", "expect": "allow" },
                     { "actor": "alice", "call": "kms:Decrypt", "expect": "deny" } ] })",
                                    "authorization-only.json");
    REQUIRE(r->steps() == 4);
    const std::vector<std::string>& lanes = r->lanes();
    const auto lane = [&](const std::string& name) {
        const auto it = std::find(lanes.begin(), lanes.end(), name);
        REQUIRE(it != lanes.end());
        return static_cast<std::uint32_t>(it - lanes.begin());
    };
    CHECK_FALSE(r->is_service_lane(lane("alice")));
    CHECK_FALSE(r->is_service_lane(lane("DynamoDB")));
    CHECK(r->is_service_lane(lane("DynamoDB service")));
    CHECK(r->is_service_lane(lane("KMS")));
    CHECK(r->arrow(1).to == lane("DynamoDB service"));
    CHECK(r->arrow(3).to == lane("KMS"));
}

// id_roles_use_revoke-sessions: sessions issued before the revocation are denied everything, later ones are not.
// Their credentials are still held (they have not expired), so the map must say which of them is revoked.
TEST_CASE("a session issued before its role's revocation is marked revoked from the revocation on, a later one never") {
    const auto r = load_replay(kScenarios + "06-revoke-sessions.json");
    const std::size_t revoked_at = r->step_of_id("admin-revokes");
    REQUIRE(revoked_at != kNone);
    const auto sessions = [&](std::size_t step) {
        std::vector<const CredentialInfo*> out;
        for (const CredentialInfo* c : r->held_after(step))
            if (c->expires_t >= 0) out.push_back(c);
        return out;
    };
    const auto before = sessions(revoked_at - 2);
    REQUIRE(before.size() == 1);
    CHECK_FALSE(r->revoked_after(*before[0], revoked_at - 2));
    CHECK(r->revoked_after(*before[0], revoked_at));
    const auto last = sessions(r->steps());
    REQUIRE(last.size() == 2);
    CHECK(r->revoked_after(*last[0], r->steps()));
    CHECK_FALSE(r->revoked_after(*last[1], r->steps()));  // assumed again after the revocation
}

// Lesson 21 ends the stolen session with an inline policy of its own on the user (Deny * before an
// aws:TokenIssueTime), not the console's revocation: the map showed it held and green while every call with it was
// denied (the screenshot review). The administrator's own long-term key has no aws:TokenIssueTime and is never revoked.
TEST_CASE("a user's temporary credentials issued before a Deny on aws:TokenIssueTime put by hand are marked revoked") {
    const auto r = load_replay(kScenarios + "21-iam-escalation-and-stolen-keys.json");
    const std::size_t denied_at = r->step_of_id("security-denies-old-tokens");
    REQUIRE(denied_at != kNone);
    const CredentialInfo* stolen = nullptr;
    for (const CredentialInfo* c : r->held_after(denied_at))
        if (c->expires_t >= 0 && c->holder == "dev" && c->principal == "arn:aws:iam::111111111111:user/admin") stolen = c;
    REQUIRE(stolen != nullptr);
    CHECK_FALSE(r->revoked_after(*stolen, denied_at - 2));
    CHECK(r->revoked_after(*stolen, denied_at - 1));  // from the request, which IAM handles as it arrives
    CHECK(r->revoked_after(*stolen, r->steps()));
    for (const CredentialInfo* c : r->held_after(r->steps()))
        if (c->expires_t < 0) CHECK_FALSE(r->revoked_after(*c, r->steps()));
}

// The world map draws each step between the nodes the replay names for it, and a call on something it has no node
// for (nothing, "*", a federated user, a managed policy) goes to the account the call acts in.
TEST_CASE("each step names the map nodes it joins, and each call the account it acts in") {
    for (const std::string& lesson : lessons()) {
        CAPTURE(lesson);
        const auto r = load_replay(kScenarios + lesson);
        for (std::size_t k = 1; k <= r->steps(); ++k) {
            const Arrow& a = r->arrow(k);
            CAPTURE(a.label);
            CHECK_FALSE((a.kind == ArrowKind::Answer ? a.to_node : a.from_node).empty());  // the caller, the sender
            if (a.kind == ArrowKind::Message) continue;
            CHECK_FALSE(a.account.empty());
            if (a.kind != ArrowKind::Answer) continue;
            const Arrow& request = r->arrow(a.partner);
            CHECK(a.from_node == request.to_node);
            CHECK(a.to_node == request.from_node);
            CHECK(a.account == request.account);
        }
    }
    const auto call = [](const Replay& r, const std::string& operation, const std::string& error = "") -> const Arrow& {
        for (std::size_t k = 1; k <= r.steps(); ++k)
            if (r.arrow(k).kind == ArrowKind::Request && r.arrow(k).label == operation && r.arrow(k).error == error) return r.arrow(k);
        FAIL("no " << operation << " " << error);
        return r.arrow(1);
    };
    // The account the request names (Identity Center asked for a role in production), the signing credentials'
    // (a federated user's), the world's only one (a console sign-in URL, which carries no credentials).
    const auto identity_center = load_replay(kScenarios + "18-identity-center.json");
    const Arrow& refused = call(*identity_center, "sso:GetRoleCredentials", "ForbiddenException");
    CHECK(refused.account == "333333333333");
    CHECK(refused.from_node == "actor:alice-laptop");
    CHECK(refused.to_node.empty());
    const auto federation = load_replay(kScenarios + "09-federation-proxy.json");
    CHECK(call(*federation, "sts:GetCallerIdentity").account == "111111111111");
    CHECK(call(*federation, "sts:GetFederationToken").account == "111111111111");
    CHECK(call(*federation, "sts:GetFederationToken").from_node == "arn:aws:iam::111111111111:user/proxy");
    const auto broker = load_replay(kScenarios + "17-identity-broker-console.json");
    CHECK(call(*broker, "signin:Login").account == "444444444444");
    // A chained AssumeRole comes from the role whose session signed it.
    const auto chaining = load_replay(kScenarios + "05-role-chaining.json");
    CHECK(call(*chaining, "sts:AssumeRole", "ValidationError").from_node == "arn:aws:iam::111111111111:role/Hub");
}

TEST_CASE("the map's nodes are ranked by how many steps involve them, so that the lesson's role is the last to fold") {
    const auto r = flagship(true);
    const auto vendor_access = r->steps_of_node("arn:aws:iam::111111111111:role/VendorAccess");
    const auto alice = r->steps_of_node("arn:aws:iam::111111111111:user/alice");
    // Three AssumeRole calls and their answers, and the read its session makes and its answer.
    CHECK(vendor_access.count == 8);
    CHECK(vendor_access.first == r->next_assume_role(0));
    CHECK(alice.count == 1);  // she registers the role with the vendor
    CHECK(r->steps_of_node("no such node").count == 0);
    CHECK(r->steps_of_node("no such node").first == kNone);
}

// Lesson 21: the developer signs calls with the administrator's key he made himself, and with the session token he got
// with it. The call is his (his lane, his node on the map); AWS takes it for the administrator, as CloudTrail records.
TEST_CASE("a call signed with another principal's key names whose key it is and who AWS took the caller for") {
    const auto r = load_replay(kScenarios + "21-iam-escalation-and-stolen-keys.json");
    const std::string admin = "arn:aws:iam::111111111111:user/admin", dev = "arn:aws:iam::111111111111:user/dev";
    const auto request = [&](const std::string& id) -> const Arrow& {
        for (std::size_t k = 1; k <= r->steps(); ++k)
            if (r->arrow(k).kind == ArrowKind::Request && r->arrow(k).step_id == id) return r->arrow(k);
        FAIL("no request of step " << id);
        return r->arrow(1);
    };
    for (const char* id : {"dev-gets-session", "dev-reads-with-key", "session-lives-on", "session-ended"}) {
        CAPTURE(id);
        const Arrow& a = request(id);
        CHECK(r->lanes()[a.from] == "dev");
        CHECK(a.from_node == dev);
        CHECK(a.signed_by == admin);
        CHECK(a.seen_as == admin);
        // Its answer says the same.
        REQUIRE(a.partner != kNone);
        CHECK(r->arrow(a.partner).signed_by == admin);
        CHECK(r->arrow(a.partner).seen_as == admin);
    }
    // The deleted key authenticates no one: no CloudTrail record, so nobody AWS took him for; still the admin's key.
    const Arrow& dead = request("stolen-key-dead");
    CHECK(dead.signed_by == admin);
    CHECK(dead.seen_as.empty());
    CHECK(r->arrow(dead.partner).error == "InvalidAccessKeyId");
    // Each one's own key, and a role session (its role is where the hop comes from), name nobody else.
    for (const char* id : {"dev-makes-admin-key", "admin-still-works", "security-deletes-key"}) {
        CAPTURE(id);
        CHECK(request(id).signed_by.empty());
        CHECK(request(id).seen_as.empty());
    }
    const auto deputy = flagship(false);
    for (const Arrow& a : deputy->arrows()) CHECK(a.signed_by.empty());
}

// Side by side, one cursor walks both runs in simulated time. The flagship's two lessons agree for eight steps; then
// without ExternalId the vendor reads your bucket for Mallory (two steps lesson 02 never has), and both ask STS who
// they are at the same moment.
TEST_CASE("two replays side by side step together in simulated time, one waiting while the other makes calls it does not") {
    const auto plain = flagship(false), fixed = flagship(true);
    const auto timeline = align_steps(*plain, *fixed);
    REQUIRE(timeline.size() == 16);
    for (std::size_t k = 0; k <= 8; ++k) CHECK(timeline[k] == std::array<std::size_t, 2>{k, k});
    CHECK(timeline[9] == std::array<std::size_t, 2>{9, 8});
    CHECK(plain->arrow(9).label == "s3:GetObject");
    CHECK(timeline[11] == std::array<std::size_t, 2>{11, 9});
    CHECK(plain->arrow(11).label == "sts:GetCallerIdentity");
    CHECK(fixed->arrow(9).label == "sts:GetCallerIdentity");
    CHECK(timeline.back() == std::array<std::size_t, 2>{plain->steps(), fixed->steps()});
    const Replay* replays[2] = {plain.get(), fixed.get()};
    for (std::size_t k = 1; k < timeline.size(); ++k) {
        CAPTURE(k);
        // Each shared step moves at least one run by one arrow; those that move, move to the same moment, and a run
        // that waits has nothing sent earlier.
        SimTime moment = -1;
        for (int i = 0; i < 2; ++i) {
            const std::size_t from = timeline[k - 1][i], to = timeline[k][i];
            CHECK(to - from <= 1);
            if (to == from + 1) {
                if (moment >= 0) CHECK(replays[i]->arrow(to).sent == moment);
                moment = replays[i]->arrow(to).sent;
            }
        }
        REQUIRE(moment >= 0);
        for (int i = 0; i < 2; ++i)
            if (timeline[k][i] == timeline[k - 1][i] && timeline[k][i] < replays[i]->steps())
                CHECK(replays[i]->arrow(timeline[k][i] + 1).sent > moment);
    }
    // A run beside itself steps one arrow at a time, even where two arrows are sent at the same moment.
    const auto same = align_steps(*plain, *plain);
    REQUIRE(same.size() == plain->steps() + 1);
    for (std::size_t k = 0; k < same.size(); ++k) CHECK(same[k] == std::array<std::size_t, 2>{k, k});
}

// The map shows the world at the cursor: lesson 27's Sam terminates his instance at step 8 (its answer).
TEST_CASE("an instance's state follows the calls that changed it, step by step") {
    const auto r = load_replay(kScenarios + "27-scp-ou-inheritance.json");
    const std::string sams = "i-0bbbbbbbbbbbbbbb2";
    CHECK(r->instance_state(sams, 0) == "running");
    std::size_t terminated_at = kNone;
    for (std::size_t k = 1; k <= r->steps() && terminated_at == kNone; ++k)
        if (r->instance_state(sams, k) == "terminated") terminated_at = k;
    REQUIRE(terminated_at != kNone);
    CHECK(r->arrow(terminated_at).label == "ec2:TerminateInstances");  // decided when its request arrives
    CHECK(r->instance_state(sams, r->steps()) == "terminated");
    CHECK(r->instance_state("i-0aaaaaaaaaaaaaaa1", r->steps()) == "running");  // Priya's was refused
    CHECK(r->instance_state("i-nope", 3).empty());
}
