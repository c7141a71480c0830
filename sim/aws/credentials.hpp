// Credentials, long-term and temporary, in one store keyed by access key id (facts §1-2).
//
// Every credential records who issued it and when, when it expires, whether MFA was used (and when), the source
// identity, session tags, session policies, how deep in a role chain it is, and which credential it was made
// with, so that any later call can be authorized and recorded exactly as AWS would.
#pragma once

#include "core/time.hpp"
#include "iam/policy.hpp"
#include "iam/request.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace stslab::aws {

enum class CredentialKind : std::uint8_t {
    LongTerm,         // an IAM user's or the root user's access key (AKIA...)
    AssumeRole,       // AssumeRole (ASIA...)
    SAML,             // AssumeRoleWithSAML
    WebIdentity,      // AssumeRoleWithWebIdentity
    SessionToken,     // GetSessionToken
    FederationToken,  // GetFederationToken
    AssumeRoot,       // AssumeRoot: a privileged session as a member account's root user
};
const char* to_string(CredentialKind kind);

// A long-term access key's status (API_UpdateAccessKey, API_DeleteAccessKey): only an active key authenticates.
// Temporary credentials are not keys of this kind and stay valid until they expire, whatever becomes of the key
// they were requested with (id_credentials_temp_control-access_disable-perms).
enum class KeyStatus : std::uint8_t { Active, Inactive, Deleted };

struct Credential {
    std::string access_key_id;
    // No secret access key or session token: they are in the answer that hands them out (the trace has it) and
    // nowhere else. Nothing the sandbox does checks a signature, and a long run keeps a credential per AssumeRole.
    CredentialKind kind = CredentialKind::LongTerm;
    iam::Principal principal;   // who calls with it
    std::string user_arn;       // LongTerm/SessionToken/FederationToken: the IAM user or root that owns it
    std::string role_arn;       // role sessions: the role (with its path)
    std::string role_id;        // role sessions: the role's AROA id
    std::string session_name;   // role sessions: RoleSessionName; federated users: Name
    SimTime issued_at = 0;
    std::optional<SimTime> expires_at;  // none for long-term keys
    bool mfa = false;           // MFA was authenticated when the credentials were made
    SimTime mfa_at = 0;
    std::string source_identity;
    std::map<std::string, std::string> session_tags;
    std::vector<std::string> transitive_tag_keys;
    bool has_session_policy = false;   // a session policy was passed (always true for federated users)
    std::vector<iam::Policy> session_policies;
    // AssumeRoot: the task policy that scopes the root session, "the identity based policy that scopes the session to
    // the privileged tasks that can be performed" (API_AssumeRoot, TaskPolicyArn). AWS's are Deny only: the root user
    // may do everything else it could.
    std::optional<iam::Policy> task_policy;
    // A role session whose AssumeRole* call set DurationSeconds without being made with an IAM user's long-term
    // keys: the federation endpoint refuses it (id_roles_providers_enable-console-custom-url).
    bool duration_without_user_keys = false;
    int chain_depth = 0;        // 0 long-term or GetSessionToken/GetFederationToken; 1 first AssumeRole; 2+ chained
    std::string parent;         // the access key id the credentials were requested with ("" for long-term)
    std::string holder;         // the actor the credentials were handed to
    bool from_console = false;  // a console session (signin:Login): CloudTrail's sessionCredentialFromConsole
    bool instance_role = false; // issued to EC2 for an instance: its applications read it from the instance metadata
                                //   service (CloudTrail's sessionContext.ec2RoleDelivery)
    KeyStatus status = KeyStatus::Active;  // long-term keys: made inactive or deleted by IAM
    // The condition keys the session's issuer gives every later request (key -> string or array): a federated
    // session's from the IdP's assertion or token (saml:sub, cognito-identity.amazonaws.com:sub, ...), an EC2
    // instance's ec2:RoleDelivery and ec2:SourceInstanceARN. And for web identity sessions CloudTrail's
    // sessionContext.webIdFederationData.
    nlohmann::json session_keys;  // null (no keys) or an object
    nlohmann::json web_identity_data;

    bool is_temporary() const { return kind != CredentialKind::LongTerm; }
    bool is_role_session() const {
        return kind == CredentialKind::AssumeRole || kind == CredentialKind::SAML || kind == CredentialKind::WebIdentity;
    }
    bool expired(SimTime now) const { return expires_at && now >= *expires_at; }
};

class CredentialStore {
public:
    // Adds credentials; their access key id must be new.
    const Credential& add(Credential credential);
    const Credential* find(const std::string& access_key_id) const;
    // Sets a long-term key's status (a deleted key stays in the store, so that the trace can still name it).
    void set_status(const std::string& access_key_id, KeyStatus status);

private:
    // Hashed: a long run holds a credential for every AssumeRole, and nothing lists them in order. References to
    // a credential stay valid as the store grows.
    std::unordered_map<std::string, Credential> by_key_;
};

}  // namespace stslab::aws
