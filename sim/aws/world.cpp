#include "aws/world.hpp"

#include "aws/aws_managed.hpp"
#include "core/sha1.hpp"
#include "core/text.hpp"

#include "iam/arn.hpp"

#include <algorithm>
#include <utility>

namespace stslab::aws {

namespace {

// `own` with the account's settings: each on when either is.
PublicAccessBlock with_account(const World& w, PublicAccessBlock own, const std::string& account) {
    if (const Account* a = w.account(account))
        for (const auto& [name, setting] : kPublicAccessBlockSettings) own.*setting = own.*setting || a->public_access_block.*setting;
    return own;
}

}  // namespace

PublicAccessBlock World::public_access_block(const Bucket& bucket) const {
    return with_account(*this, bucket.public_access_block.value_or(PublicAccessBlock{}), bucket.account);
}
PublicAccessBlock World::public_access_block(const AccessPoint& ap) const {
    return with_account(*this, ap.public_access_block, ap.account);
}
namespace {

// "arn:aws:iam::ACCT:user/PATH/NAME" -> (ACCT, NAME) when the resource starts with `type` + "/".
bool split_iam_arn(const std::string& arn, const char* type, std::string& account, std::string& name) {
    const auto parsed = iam::Arn::parse(arn);
    if (!parsed || parsed->service != "iam") return false;
    const std::string prefix = std::string(type) + "/";
    if (parsed->resource.compare(0, prefix.size(), prefix) != 0) return false;
    account = parsed->account;
    name = parsed->resource.substr(parsed->resource.rfind('/') + 1);
    return true;
}

template <class T>
const T* find_in(const World& w, const std::string& arn, const char* type, std::map<std::string, T> Account::*member) {
    std::string account, name;
    if (!split_iam_arn(arn, type, account, name)) return nullptr;
    const Account* a = w.account(account);
    if (!a) return nullptr;
    const auto& items = a->*member;
    const auto it = items.find(name);
    return it == items.end() || it->second.arn != arn ? nullptr : &it->second;
}

}  // namespace

const User* World::user(const std::string& arn) const { return find_in(*this, arn, "user", &Account::users); }
const Role* World::role(const std::string& arn) const { return find_in(*this, arn, "role", &Account::roles); }
const KmsKey* World::kms_key(const std::string& arn) const {
    const auto key = iam::Arn::parse(arn);
    if (!key || key->service != "kms" || key->resource.compare(0, 4, "key/") != 0) return nullptr;
    const auto account = accounts.find(key->account);
    if (account == accounts.end()) return nullptr;
    const auto it = account->second.kms_keys.find(key->resource.substr(4));
    return it != account->second.kms_keys.end() && it->second.arn == arn ? &it->second : nullptr;
}
const VpcEndpoint* World::vpc_endpoint(std::string_view id) const {
    for (const auto& [account_id, account] : accounts)
        if (const auto it = account.vpc_endpoints.find(std::string(id)); it != account.vpc_endpoints.end()) return &it->second;
    return nullptr;
}
const AccessPoint* World::access_point(std::string_view arn) const {
    // arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME[/object/KEY]
    const auto parsed = iam::Arn::parse(arn);
    if (!parsed || parsed->service != "s3" || parsed->resource.compare(0, 12, "accesspoint/") != 0) return nullptr;
    const std::string rest = parsed->resource.substr(12);
    const std::string name = rest.substr(0, rest.find('/'));
    const Account* a = account(parsed->account);
    if (!a) return nullptr;
    const auto it = a->access_points.find(name);
    return it != a->access_points.end() && it->second.region == parsed->region ? &it->second : nullptr;
}
User* World::user(const std::string& arn) { return const_cast<User*>(std::as_const(*this).user(arn)); }
Role* World::role(const std::string& arn) { return const_cast<Role*>(std::as_const(*this).role(arn)); }

const ManagedPolicy* World::managed_policy(const std::string& arn) const {
    if (starts_with(arn, "arn:aws:iam::aws:policy/")) return aws_managed_policy(arn);
    std::string account, name;
    if (!split_iam_arn(arn, "policy", account, name)) return nullptr;
    const Account* a = this->account(account);
    if (!a) return nullptr;
    const auto it = a->managed_policies.find(name);
    return it == a->managed_policies.end() || it->second.arn != arn ? nullptr : &it->second;  // its path too
}

const SamlProvider* World::saml_provider(const std::string& arn) const {
    return find_in(*this, arn, "saml-provider", &Account::saml_providers);
}

const OidcProvider* World::oidc_provider(const std::string& arn) const {
    const auto parsed = iam::Arn::parse(arn);
    const std::string prefix = "oidc-provider/";
    if (!parsed || parsed->service != "iam" || parsed->resource.compare(0, prefix.size(), prefix) != 0) return nullptr;
    const Account* a = this->account(parsed->account);
    if (!a) return nullptr;
    const auto it = a->oidc_providers.find(parsed->resource.substr(prefix.size()));  // the host may hold a path
    return it == a->oidc_providers.end() ? nullptr : &it->second;
}

std::vector<const IdentityProvider*> World::idps_by_issuer(const std::string& issuer) const {
    std::vector<const IdentityProvider*> out;
    for (const auto& [name, idp] : identity_providers)
        if (idp.issuer == issuer || idp.direct_issuers.count(issuer) > 0) out.push_back(&idp);
    return out;
}

const IdentityProvider* World::idp_by_issuer(const std::string& issuer) const {
    const std::vector<const IdentityProvider*> all = idps_by_issuer(issuer);
    return all.empty() ? nullptr : all.front();
}

const Account* World::account(const std::string& id) const {
    const auto it = accounts.find(id);
    return it == accounts.end() ? nullptr : &it->second;
}

bool World::in_organization(const std::string& account) const {
    return organization && organization->accounts.count(account) > 0;
}

namespace {

const std::string kRootTarget = "root";  // a policy's target for the organization's root

// The organization levels that apply to `account`: the root, each OU down to the account's own, then the account
// itself ("a permission must be allowed at every level from the root through each OU in the direct path to the
// account": orgs_manage_policies_inheritance_auth). `everywhere` (FullAWSAccess, RCPFullAWSAccess) is attached at
// every level, as AWS attaches it by default to the root, every OU and every account. AWS never lets a level have no
// policy at all; a level the scenario leaves empty (possible only with "full_aws_access": false) is taken as not
// being there, i.e. it inherits. Calls `level(target, policies)` for each level that applies, in that order.
template <class Level>
void for_each_level(const Organization& org, const std::vector<Scp>& policies, PolicyTargetIndex& index,
                    const std::string& account, const iam::Policy* everywhere, Level&& level) {
    if (!index.built) {
        for (std::size_t i = 0; i < policies.size(); ++i)
            for (const auto& target : policies[i].targets) index.by_target[target].push_back(i);
        index.built = true;
    }
    std::vector<const std::string*> targets{&kRootTarget};
    for (const OrganizationalUnit* ou : org.ou_chain(account)) targets.push_back(&ou->name);
    targets.push_back(&account);
    for (const std::string* target : targets) {
        std::vector<const iam::Policy*> attached;
        if (everywhere) attached.push_back(everywhere);
        if (const auto it = index.by_target.find(*target); it != index.by_target.end())
            for (const std::size_t i : it->second) attached.push_back(&policies[i].policy);
        if (!attached.empty()) level(*target, std::move(attached));
    }
}

std::vector<std::vector<const iam::Policy*>> levels(const Organization& org, const std::vector<Scp>& policies,
                                                    PolicyTargetIndex& index, const std::string& account,
                                                    const iam::Policy* everywhere) {
    std::vector<std::vector<const iam::Policy*>> out;
    for_each_level(org, policies, index, account, everywhere,
                   [&](const std::string&, std::vector<const iam::Policy*>&& level) { out.push_back(std::move(level)); });
    return out;
}

// What levels() gives each level for ("root", an OU's name, the account's id): worked out once an account, as the
// organization's policies are fixed. Names, not pointers, so that a copy of the world may keep it.
std::shared_ptr<const std::vector<std::string>> level_targets(const Organization& org, const std::vector<Scp>& policies,
                                                              PolicyTargetIndex& index, const std::string& account,
                                                              const iam::Policy* everywhere) {
    auto& cached = index.level_targets[account];
    if (!cached) {
        std::vector<std::string> targets;
        for_each_level(org, policies, index, account, everywhere,
                       [&](const std::string& target, std::vector<const iam::Policy*>&&) { targets.push_back(target); });
        cached = std::make_shared<const std::vector<std::string>>(std::move(targets));
    }
    return cached;
}

}  // namespace

std::vector<std::vector<const iam::Policy*>> World::scp_levels(const std::string& account) const {
    if (!in_organization(account) || organization->management == account) return {};
    return levels(*organization, organization->scps, organization->scp_index, account,
                  organization->full_aws_access ? &organization->full_aws_access_policy : nullptr);
}

std::vector<std::vector<const iam::Policy*>> World::rcp_levels(const std::string& account) const {
    if (!in_organization(account) || organization->management == account) return {};
    return levels(*organization, organization->rcps, organization->rcp_index, account, &organization->full_aws_access_rcp);
}

std::shared_ptr<const std::vector<std::string>> World::scp_level_targets(const std::string& account) const {
    if (!in_organization(account) || organization->management == account) return nullptr;
    return level_targets(*organization, organization->scps, organization->scp_index, account,
                         organization->full_aws_access ? &organization->full_aws_access_policy : nullptr);
}

std::shared_ptr<const std::vector<std::string>> World::rcp_level_targets(const std::string& account) const {
    if (!in_organization(account) || organization->management == account) return nullptr;
    return level_targets(*organization, organization->rcps, organization->rcp_index, account, &organization->full_aws_access_rcp);
}

std::vector<const OrganizationalUnit*> Organization::ou_chain(const std::string& account) const {
    std::vector<const OrganizationalUnit*> chain;
    const auto in = ou_of_account.find(account);
    // The loader refuses a cycle; the bound keeps a world made otherwise from looping.
    for (auto ou = in == ou_of_account.end() ? ous.end() : ous.find(in->second); ou != ous.end() && chain.size() <= ous.size();
         ou = ous.find(ou->second.parent))
        chain.push_back(&ou->second);
    std::reverse(chain.begin(), chain.end());
    return chain;
}

std::string Organization::account_path(const std::string& account) const {
    std::string path = id + "/" + root_id() + "/";
    for (const OrganizationalUnit* ou : ou_chain(account)) path += ou->id + "/";
    return path;
}

std::vector<const iam::Policy*> World::identity_policies(const User& user) const {
    std::vector<const iam::Policy*> out;
    for (const auto& [name, p] : user.policies) out.push_back(&p);
    for (const auto& arn : user.attached)
        if (const ManagedPolicy* m = managed_policy(arn)) out.push_back(&m->policy);
    const Account* a = account(user.account);
    for (const auto& g : user.groups) {
        const auto it = a->groups.find(g);
        if (it == a->groups.end()) continue;
        for (const auto& [name, p] : it->second.policies) out.push_back(&p);
        for (const auto& arn : it->second.attached)
            if (const ManagedPolicy* m = managed_policy(arn)) out.push_back(&m->policy);
    }
    return out;
}

std::vector<const iam::Policy*> World::identity_policies(const Role& role) const {
    std::vector<const iam::Policy*> out;
    for (const auto& [name, p] : role.policies) out.push_back(&p);
    for (const auto& arn : role.attached)
        if (const ManagedPolicy* m = managed_policy(arn)) out.push_back(&m->policy);
    return out;
}

void bind_unique_ids(const World& world, iam::Policy& policy) {
    using K = iam::PrincipalEntry::Kind;
    for (auto& st : policy.statements)
        for (auto& e : st.principals.entries) {
            if (e.kind == K::User) {
                if (const User* u = world.user(e.value)) e.unique_id = u->id;
            } else if (e.kind == K::Role) {
                if (const Role* r = world.role(e.value)) e.unique_id = r->id;
            }
        }
}

// A unique id is 21 characters, its prefix and 17 of the alphabet access key ids are drawn from: upper-case letters
// and the digits 2 to 7 (AWS's own, "AIDAJQABLZS4A3QDU576Q" in reference_identifiers; "AROAJ3UQRY75GDAKWTAA2"), never
// 0, 1, 8 or 9.
std::string make_unique_id(Rng& rng, const char* prefix) { return prefix + rng.chars(Rng::kUpperDigits, 17); }

std::string make_access_key_id(Rng& rng, const char* prefix) { return prefix + rng.chars(Rng::kUpperDigits, 16); }

std::string outbound_issuer_url(const std::string& account) {
    const std::string hex = to_hex(sha1("outbound-web-identity-federation/" + account));
    return "https://" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-4" + hex.substr(13, 3) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12) + ".tokens.sts.global.api.aws";
}

std::string outbound_signing_key(const std::string& account) { return "sts-outbound-web-identity-federation/" + account; }

// A random (version 4) UUID, written digit by digit: two for every CloudTrail record (event id, request id).
std::string make_uuid(Rng& rng) {
    const std::uint64_t a = rng.next(), b = rng.next();
    std::string out = "xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx";
    auto put = [&out](std::size_t at, std::uint64_t value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value >>= 4)
            out[at + static_cast<std::size_t>(i)] = "0123456789abcdef"[value & 0xf];
    };
    put(0, a >> 32, 8);
    put(9, (a >> 16) & 0xffff, 4);
    put(15, a & 0xfff, 3);
    put(19, 0x8000 | ((b >> 48) & 0x3fff), 4);
    put(24, b & 0xffffffffffffULL, 12);
    return out;
}

std::string make_secret_key(Rng& rng) { return rng.chars(Rng::kBase64, 40); }

std::string make_session_token(Rng& rng) { return "IQoJb3JpZ2luX2Vj" + rng.chars(Rng::kBase64, 120); }

bool valid_sse_algorithm(std::string_view algorithm) {
    return algorithm == "AES256" || algorithm == "aws:kms" || algorithm == "aws:kms:dsse";
}

std::string describe(const BucketEncryption& e) {
    return e.algorithm == "AES256" ? "SSE-S3 (AES256)" : e.algorithm + (e.kms_key.empty() ? " (aws/s3)" : " " + e.kms_key);
}

}  // namespace stslab::aws
