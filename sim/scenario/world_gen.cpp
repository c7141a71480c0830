#include "scenario/world_gen.hpp"

#include "core/rng.hpp"
#include "iam/policy.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace stslab {
namespace {

using nlohmann::json;

constexpr SimTime kEpisodeGap = 20;     // ms between the starts of two episodes
constexpr SimTime kStepGap = 100;       // ms between the steps of one episode (a round trip is 40 ms)
constexpr std::uint64_t kSlots = 1024;  // saved-credential names in rotation (episodes in flight never share one)

std::string account_id(std::uint64_t index) { return std::to_string(100000000000ULL + index); }
std::string root_arn(const std::string& account) { return "arn:aws:iam::" + account + ":root"; }
std::string bucket_name(const std::string& account) { return "b-" + account; }

json statement(const char* effect, json action, json resource) {
    return {{"Effect", effect}, {"Action", std::move(action)}, {"Resource", std::move(resource)}};
}
json document(json statements) { return {{"Version", "2012-10-17"}, {"Statement", std::move(statements)}}; }

struct GenRole {
    std::uint64_t account = 0;
    std::string arn;
    bool data = false;  // data-* (role sessions may chain into it; the user ops may not assume it)
    std::int64_t max_duration = 3600;
    std::string external_id;  // the ExternalId its trust requires, if any
};

class Generator {
public:
    explicit Generator(const WorldGenConfig& config) : config_(config), rng_(config.seed ^ 0x5754534c41424b57ULL) {}

    Scenario build() {
        s_.file = "bench-world";
        s_.id = "bench-world";
        s_.title.en = "generated organization: " + std::to_string(config_.accounts) + " accounts, " +
                      std::to_string(config_.roles) + " roles";
        s_.start = parse_iso8601("2026-01-01T00:00:00Z");
        s_.seed = config_.seed;
        s_.latency = 20;
        for (std::uint64_t a = 0; a < config_.accounts; ++a) ids_.push_back(account_id(a));
        trusted_by_.resize(config_.accounts);
        organization();
        for (std::uint64_t a = 0; a < config_.accounts; ++a) account(a);
        for (std::uint64_t r = 0; r < config_.roles; ++r) role(r);
        workload();
        return std::move(s_);
    }

private:
    void organization() {
        aws::Organization org;
        org.management = ids_.front();
        org.accounts.insert(ids_.begin(), ids_.end());
        org.id = "o-" + rng_.chars("0123456789abcdefghijklmnopqrstuvwxyz", 10);
        org.full_aws_access_policy =
            iam::compile_policy(document(json::array({statement("Allow", "*", "*")})), iam::PolicyKind::Scp, "FullAWSAccess");
        json rcp = statement("Allow", "*", "*");
        rcp["Principal"] = "*";
        org.full_aws_access_rcp = iam::compile_policy(document(json::array({rcp})), iam::PolicyKind::Rcp, "RCPFullAWSAccess");
        aws::Scp scp;
        scp.name = "NoPrivateWrites";
        for (std::uint64_t a = 3; a < config_.accounts; a += 10) scp.targets.push_back(ids_[a]);
        if (!scp.targets.empty()) {
            scp.policy = iam::compile_policy(document(json::array({statement("Deny", "s3:PutObject", "arn:aws:s3:::*/private/*")})),
                                             iam::PolicyKind::Scp, scp.name);
            org.scps.push_back(std::move(scp));
        }
        org_id_ = org.id;
        s_.world.organization = std::move(org);
    }

    void account(std::uint64_t index) {
        const std::string& id = ids_[index];
        aws::Account& acct = s_.world.accounts[id];
        acct.id = id;
        acct.alias = "tenant-" + std::to_string(index);
        for (const char* name : {"dev", "ops"}) {
            aws::User& u = acct.users[name];
            u.account = id;
            u.name = name;
            u.arn = "arn:aws:iam::" + id + ":user/" + name;
            json statements = json::array({statement("Allow", "sts:AssumeRole", "*"),
                                           statement("Allow", "s3:GetObject", "arn:aws:s3:::" + bucket_name(id) + "/*")});
            if (std::string(name) == "ops") statements.push_back(statement("Deny", "sts:AssumeRole", "arn:aws:iam::*:role/data-*"));
            u.policies.emplace("workload", iam::compile_policy(document(std::move(statements)), iam::PolicyKind::Identity, "workload"));
            ActorSpec actor;
            actor.name = id + "-" + name;
            actor.principal = u.arn;
            s_.actors.emplace(actor.name, std::move(actor));
        }
        aws::Bucket& b = s_.world.buckets[bucket_name(id)];
        b.account = id;
        b.name = bucket_name(id);
        const std::uint64_t n = config_.accounts;
        json readers = json::array({root_arn(ids_[(index + 1) % n]), root_arn(ids_[(index + n - 1) % n])});
        json shared = statement("Allow", "s3:GetObject", "arn:aws:s3:::" + b.name + "/shared/*");
        shared["Sid"] = "NeighboursReadShared";
        shared["Principal"] = {{"AWS", readers}};
        json locked = statement("Deny", "s3:PutObject", "arn:aws:s3:::" + b.name + "/locked/*");
        locked["Sid"] = "NobodyWritesLocked";
        locked["Principal"] = "*";
        b.policy = iam::compile_policy(document(json::array({shared, locked})), iam::PolicyKind::Resource, "bucket policy");
        for (const char* key : {"shared/k0", "shared/k1", "shared/k2", "private/k0", "private/k1", "locked/k0"})
            b.objects[key].content = std::string("v0 of ") + key;
    }

    void role(std::uint64_t index) {
        const std::uint64_t n = config_.accounts;
        const std::uint64_t a = index % n;
        const std::uint64_t partner = n > 1 ? (a + 1 + rng_.below(n - 1)) % n : a;
        const std::string& id = ids_[a];
        const std::string name = (index % 5 < 2 ? "data-" : "app-") + std::to_string(index);
        GenRole g;
        g.account = a;
        g.arn = "arn:aws:iam::" + id + ":role/" + name;
        g.data = index % 5 < 2;
        g.max_duration = index % 4 == 0 ? 7200 : 3600;
        const std::uint64_t kind = index % 8;
        json principals = json::array({root_arn(id), kind == 6 ? "arn:aws:iam::" + ids_[partner] + ":user/dev" : root_arn(ids_[partner])});
        json trust = {{"Effect", "Allow"}, {"Principal", {{"AWS", principals}}}, {"Action", "sts:AssumeRole"}};
        if (kind == 4 || kind == 5) {
            g.external_id = "ext-" + std::to_string(index);
            trust["Condition"] = {{"StringEquals", {{"sts:ExternalId", g.external_id}}}};
        } else if (kind == 7) {
            trust["Condition"] = {{"StringEquals", {{"aws:PrincipalOrgID", org_id_}}}};
        }
        aws::Role& r = s_.world.accounts[id].roles[name];
        r.account = id;
        r.name = name;
        r.arn = g.arn;
        r.max_session_duration = g.max_duration;
        r.trust = iam::compile_policy(document(json::array({trust})), iam::PolicyKind::Trust, "trust");
        json access = json::array({statement("Allow", json::array({"s3:GetObject", "s3:PutObject"}),
                                             "arn:aws:s3:::" + bucket_name(id) + "/*"),
                                   statement("Allow", "s3:GetObject", "arn:aws:s3:::*/shared/*"),
                                   statement("Allow", "sts:AssumeRole", "arn:aws:iam::*:role/data-*")});
        r.policies.emplace("access", iam::compile_policy(document(std::move(access)), iam::PolicyKind::Identity, "access"));
        trusted_by_[a].push_back(roles_.size());
        if (partner != a && kind != 6) trusted_by_[partner].push_back(roles_.size());
        roles_.push_back(std::move(g));
    }

    // A role whose trust names `account` (its root), data-* only when `data`; nullptr when there is none.
    const GenRole* trusting(std::uint64_t account, bool data) {
        const auto& trusted = trusted_by_[account];
        for (int attempt = 0; attempt < 8 && !trusted.empty(); ++attempt) {
            const GenRole& r = roles_[trusted[rng_.below(trusted.size())]];
            if (!data || r.data) return &r;
        }
        return nullptr;
    }

    void add_step(std::uint64_t episode, int k, const std::string& actor, CallSpec spec) {
        Step step;
        step.id = "e" + std::to_string(episode) + "." + std::to_string(k);
        step.at = static_cast<SimTime>(episode) * kEpisodeGap + k * kStepGap;
        step.actor = actor;
        step.spec = std::move(spec);
        s_.steps.push_back(std::move(step));
    }

    // An AssumeRole of `role` that its trust and the caller's policies allow; `bad` spoils it in one of the ways
    // a student meets: a missing or wrong ExternalId, too long a session (ValidationError), or nothing.
    CallSpec assume(std::uint64_t episode, const GenRole& role, bool chained, bool bad, const std::string& using_,
                    const std::string& save) {
        CallSpec spec;
        spec.call = "sts:AssumeRole";
        spec.params = {{"RoleArn", role.arn}, {"RoleSessionName", "e" + std::to_string(episode)}};
        const std::int64_t max = chained ? 3600 : role.max_duration;  // a chained session lasts at most an hour
        if (!role.external_id.empty()) {
            if (!bad) spec.params["ExternalId"] = role.external_id;
            else if (rng_.below(2) == 0) spec.params["ExternalId"] = "ext-wrong";  // else: none at all
        } else if (bad) {
            spec.params["DurationSeconds"] = max + 3600;
        }
        if (!bad && rng_.below(4) == 0) spec.params["DurationSeconds"] = 900 * rng_.between(1, max / 900);
        spec.using_ = using_;
        spec.save = save;
        return spec;
    }

    CallSpec s3_call(std::uint64_t account, const std::string& using_, std::uint64_t episode) {
        const std::uint64_t n = config_.accounts;
        const std::uint64_t where = rng_.below(10);
        const std::uint64_t target = where < 6 ? account : where < 9 ? (account + 1) % n : rng_.below(n);
        static constexpr const char* kKeys[] = {"shared/k0", "shared/k1", "shared/k2", "private/k0",
                                                "private/k1", "locked/k0", "shared/missing"};
        static constexpr std::uint64_t kWeights[] = {25, 20, 20, 15, 10, 5, 5};
        std::uint64_t roll = rng_.below(100), k = 0;
        while (roll >= kWeights[k]) roll -= kWeights[k++];
        CallSpec spec;
        const bool put = target == account && k != 6 && rng_.below(10) < 4;
        spec.call = put ? "s3:PutObject" : "s3:GetObject";
        spec.resource = "arn:aws:s3:::" + bucket_name(ids_[target]) + "/" + kKeys[k];
        if (put) spec.params = {{"Body", "v" + std::to_string(episode)}};
        spec.using_ = using_;
        return spec;
    }

    // One episode: a user assumes a role (one time in ten a call that fails, which ends the episode), chains
    // into data-* roles now and then, and makes S3 calls with the last credentials it obtained.
    void episode(std::uint64_t e) {
        const std::uint64_t u = rng_.below(config_.accounts);
        const bool bad = rng_.below(10) == 0;
        const GenRole* role = bad && rng_.below(2) ? &roles_[rng_.below(roles_.size())] : trusting(u, false);
        if (!role) role = &roles_[rng_.below(roles_.size())];
        // ops may not assume data-* roles (an explicit Deny in its policy): only a bad episode sends it there.
        const bool ops = role->data ? bad : rng_.below(4) == 0;
        const std::string actor = ids_[u] + (ops ? "-ops" : "-dev");
        const std::string slot = "s" + std::to_string(e % kSlots) + "-";
        int k = 0;
        std::string save = slot + "1";
        add_step(e, k++, actor, assume(e, *role, false, bad, "", save));
        if (bad) return;
        for (int depth = 2; depth <= 3 && rng_.below(2) == 0 && s_.steps.size() < config_.calls; ++depth) {
            const bool bad_hop = rng_.below(10) == 0;
            const GenRole* next = trusting(role->account, !bad_hop);
            if (!next) break;
            const std::string next_save = slot + std::to_string(depth);
            add_step(e, k++, actor, assume(e, *next, true, bad_hop && next->data, save, next_save));
            if (bad_hop) break;  // a role session may only assume data-* roles: the S3 calls use the last good session
            role = next;
            save = next_save;
        }
        const std::uint64_t calls = 1 + rng_.below(3);
        for (std::uint64_t c = 0; c < calls && s_.steps.size() < config_.calls; ++c)
            add_step(e, k++, actor, s3_call(role->account, save, e));
    }

    void workload() {
        s_.steps.reserve(config_.calls);
        for (std::uint64_t e = 0; s_.steps.size() < config_.calls; ++e) episode(e);
        // Episodes overlap in time; the runner schedules steps as listed, so list them in time order.
        std::stable_sort(s_.steps.begin(), s_.steps.end(), [](const Step& x, const Step& y) { return x.at < y.at; });
    }

    const WorldGenConfig& config_;
    Rng rng_;
    Scenario s_;
    std::vector<std::string> ids_;
    std::string org_id_;
    std::vector<GenRole> roles_;
    std::vector<std::vector<std::size_t>> trusted_by_;  // account index -> roles whose trust names it
};

}  // namespace

Scenario generate_world(const WorldGenConfig& config) {
    if (config.accounts == 0 || config.roles == 0) throw std::invalid_argument("a world needs at least one account and one role");
    if (config.accounts > 899'999'999'999ULL) throw std::invalid_argument("too many accounts for 12-digit account ids");
    return Generator(config).build();
}

}  // namespace stslab
