// The loader's inside, shared by loader.cpp (top level, actors, steps) and loader_world.cpp (accounts,
// policies, organization). Not for use outside sim/scenario/loader*.cpp: call load_scenario_* (loader.hpp).
//
// Loading is three passes over the parsed document: declare every account's principals, providers and managed
// policies by name and ARN (so a policy may name a principal written further down); fill in and check every
// account, then the organization; then the actors and the steps, which refer to all of it. Faults are collected
// throughout and reported in document order.
#pragma once

#include "scenario/loader_checker.hpp"
#include "scenario/scenario.hpp"

#include "iam/policy.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace stslab::loader_detail {

// Whether a call's `save` names a token ("@NAME") rather than credentials (`using`).
bool saves_token(const std::string& call);
// A JSON number that is a whole number from 0, however written (3600, 3600.0, 3.6e3); nullopt for anything else or
// one past 2^64 - 1.
std::optional<std::uint64_t> whole_number(const nlohmann::json& value);
// The calls whose answer carries credentials that `save` can keep: the STS calls that issue them, signin:Login and
// sso:GetRoleCredentials.
const Keys& credential_calls();

class Loader : Checker {
public:
    Loader(const std::string& file, const SourceMap& positions) : Checker(file, positions) {}

    // The checked scenario; throws ScenarioError with every fault.
    Scenario load(const nlohmann::json& root, const std::string& file);

private:
    // ---- the world (loader_world.cpp) ----
    void accounts(const nlohmann::json& j, const std::string& ptr);
    void declare_account(aws::Account& a, const nlohmann::json& j, const std::string& ptr);
    void fill_account(aws::Account& a, const nlohmann::json& j, const std::string& ptr);
    void iam_quotas(const aws::Account& a, const std::string& ptr);
    void user(aws::Account& a, aws::User& u, const nlohmann::json& j, const std::string& ptr);
    std::optional<aws::MfaDevice> mfa_device(const nlohmann::json& j, const std::string& ptr, const std::string& serial);
    void role(aws::Account& a, aws::Role& r, const nlohmann::json& j, const std::string& ptr);
    void buckets(const aws::Account& a, const nlohmann::json& j, const std::string& ptr);
    void kms_keys(aws::Account& a, const nlohmann::json& j, const std::string& ptr);
    void vpc_endpoints(aws::Account& a, const nlohmann::json& j, const std::string& ptr);
    void access_points(aws::Account& a, const nlohmann::json& j, const std::string& ptr);
    aws::BucketEncryption bucket_encryption(const nlohmann::json& e, const std::string& ptr);
    void instances(const aws::Account& a, const nlohmann::json& j, const std::string& ptr);
    void organization(const nlohmann::json& j, const std::string& ptr);
    void organizational_units(const nlohmann::json& j, const std::string& ptr, aws::Organization& org);
    std::vector<aws::Scp> org_policies(const nlohmann::json& j, const std::string& ptr, const char* key,
                                       const aws::Organization& org);
    bool account_in_file(const std::string& id, const std::string& ptr);
    std::optional<iam::Policy> policy(const nlohmann::json& doc, const std::string& ptr, iam::PolicyKind kind,
                                      const std::string& name);
    void iam_name(const std::string& name, const std::string& ptr, const char* what, std::size_t max);
    void inline_policies(const nlohmann::json& obj, const std::string& ptr, aws::PolicyMap& out);
    std::vector<std::string> attached(const nlohmann::json& obj, const std::string& ptr, const aws::Account& a);
    void principals_exist(const iam::Policy& p, const std::string& ptr);
    void principal_exists(const iam::PrincipalEntry& e, const std::string& ptr);
    std::map<std::string, std::string> tags(const nlohmann::json& obj, const std::string& ptr, bool iam);

    // ---- actors and the timeline (loader.cpp) ----
    void top_level(const nlohmann::json& root, const std::string& file);
    void actors(const nlohmann::json& j, const std::string& ptr);
    void actor(ActorSpec& a, const nlohmann::json& j, const std::string& ptr);
    void actor_principal(const std::string& principal, const std::string& ptr);
    void service_principal_call(const CallSpec& c, const ActorSpec& actor, const std::string& ptr);
    void steps(const nlohmann::json& j, const std::string& ptr);
    SimTime step_time(const nlohmann::json& step, const std::string& ptr, SimTime previous);
    CallSpec call(const nlohmann::json& j, const std::string& ptr, const ActorSpec* handler_of);
    Expectation expectation(const nlohmann::json& j, const std::string& ptr, bool allow_then);
    // `handler_of` is the actor whose handler the value is in; nullptr in a step, where templates are faults.
    void check_templates(const nlohmann::json& value, const std::string& ptr, const ActorSpec* handler_of);
    void check_template(const std::string& text, const std::string& ptr, const ActorSpec* handler_of);
    void handler_usings_saved();
    // The templates of an expectation's members ("error" is never filled in); a send's "then", against its receiver:
    // its variables and its handler's actions.
    void expectation_templates(const nlohmann::json& e, const std::string& ptr, const ActorSpec* handler_of);
    void sent_thens_checked();

    // ---- identity providers (loader_idp.cpp) ----
    void identity_provider(ActorSpec& a, const nlohmann::json& j, const std::string& ptr);
    void role_pair(const std::string& pair, const std::string& ptr);
    void identity_center(aws::IdentityProvider& idp, const nlohmann::json& j, const std::string& ptr);
    void assignments(aws::IdentityProvider& idp, const nlohmann::json& j, const std::string& ptr);
    void saml_metadata(const nlohmann::json& root);
    void authenticate_call(const CallSpec& c, const std::string& actor, const std::string& ptr);
    void token_reference(const CallSpec& c, const std::string& ptr, const std::set<std::string>& tokens_so_far);
    std::string region(const nlohmann::json& e, const std::string& ptr);
    // "vpc" (a VPC endpoint's, an access point's): a VPC id, "vpc-..."; "" when absent.
    std::string vpc_id(const nlohmann::json& e, const std::string& ptr);
    // "block_public_access" (a bucket's, an account's, an access point's): true, false, or the settings by AWS's
    // names, each else as in `unset` (all off, as for a bucket or an account; an access point's are all on). Absent:
    // nullopt.
    std::optional<aws::PublicAccessBlock> public_access_block(const nlohmann::json& e, const std::string& ptr,
                                                              aws::PublicAccessBlock unset = {});
    void key_reference(const CallSpec& c, const std::string& ptr, const std::set<std::string>& saved_so_far);
    Keys actor_names() const;

    Scenario s_;
    bool world_known_ = false;     // "accounts" was an object: faults about missing principals are real
    std::set<std::string> saved_;  // every `save` of a step or handler action, for `using`
    std::set<std::string> saved_tokens_;  // every `save` of an idp:Authenticate, for "@NAME"
    std::vector<std::pair<std::string, std::string>> handler_usings_;  // (pointer, name) checked at the end
    std::set<std::string> presigned_urls_;  // every `save` of a presign, for "presigned"
    std::vector<std::pair<std::string, std::string>> handler_presigned_;  // (pointer, name) checked at the end
    struct SentThen {
        std::string pointer;          // of the "then" array
        const nlohmann::json* then;   // in the document, which outlives the loader's work
        std::string to;               // the receiver
        std::string type;             // the message's type, which picks the receiver's handler
    };
    std::vector<SentThen> sent_thens_;  // checked at the end, when every actor's variables are known
    std::set<std::string> protocol_unknown_;  // identity providers without a known "protocol" (a fault already)
    std::set<std::string> kind_unknown_;      // actors whose "kind" is misspelt (a fault already)
};

}  // namespace stslab::loader_detail
