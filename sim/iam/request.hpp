// What an authorization question is about: who asks (Principal), what they ask to do (action, resource), and
// the request context, the key/value facts a policy's Condition element tests (reference_policies_evaluation-
// logic, "Processing the request context"; reference_policies_condition-keys).
//
// Context keys are case-insensitive (reference_policies_elements_condition: "Condition key names are not case-
// sensitive"); values are case-sensitive strings, each key single-valued or multivalued. The evaluator reads only
// the context: keys that describe the principal (aws:PrincipalArn, aws:username, ...) are put there by
// add_principal_keys(), so a caller that knows better (the simulated STS) may set them itself first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stslab::iam {

enum class PrincipalType : std::uint8_t {
    Anonymous,        // no credentials at all
    Root,             // the account's root user, arn:aws:iam::ACCT:root
    IAMUser,          // arn:aws:iam::ACCT:user/PATH/NAME
    AssumedRole,      // a role session, arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
    FederatedUser,    // a GetFederationToken session, arn:aws:sts::ACCT:federated-user/NAME
    SAMLUser,         // the holder of a SAML assertion calling AssumeRoleWithSAML (arn = the provider ARN)
    WebIdentityUser,  // the holder of an OIDC token calling AssumeRoleWithWebIdentity (arn = provider ARN or host)
    Service,          // an AWS service principal, e.g. "ec2.amazonaws.com" (arn = that name)
};

// AWS's name for the type as aws:PrincipalType gives it ("User", "AssumedRole", "Account", ...).
const char* principal_type_name(PrincipalType type);

struct Principal {
    PrincipalType type = PrincipalType::Anonymous;
    std::string arn;        // as described above; empty for Anonymous
    std::string account;    // the 12-digit account the principal belongs to; empty for Service/Anonymous
    std::string role_arn;   // AssumedRole only: the role's ARN (with its path), which aws:PrincipalArn gives
    std::string issuer_arn; // FederatedUser only: the IAM user whose keys called GetFederationToken, when known
    std::string name;       // IAMUser: the user name; AssumedRole: the session name; FederatedUser: the name
    std::string id;         // aws:userid when known (AIDA..., AROA...:SESSION, ACCT:NAME, or the account id)
    bool console = false;   // FederatedUser: a console session (the federation endpoint's sign-in), which may call IAM

    // Reads a principal from its ARN: a user, role session, federated user, root (also as a bare account id),
    // a SAML or OIDC provider ARN, a service name ("s3.amazonaws.com"), or "anonymous". A role session's role
    // ARN is derived without a path (the session ARN does not carry it). Throws stslab::Error on anything else
    // (including a role ARN: a role never makes a request, its sessions do).
    static Principal from_arn(std::string_view text);

    // The name shown in AccessDenied messages: the ARN, or "anonymous".
    const std::string& display() const;
};

struct ContextEntry {
    std::string key;                  // as given, e.g. "aws:PrincipalTag/Team" (looked up in any case)
    std::vector<std::string> values;  // one value for a single-valued key
    bool multivalued = false;
};

class RequestContext {
public:
    // Sets a single-valued key (replacing any earlier value of the key, whatever its case).
    void set(std::string_view key, std::string value);
    // Sets a multivalued key (ForAnyValue / ForAllValues operate on these).
    void set_multi(std::string_view key, std::vector<std::string> values);
    // Sets a single-valued key only when it is not present yet.
    void set_default(std::string_view key, std::string value);

    // The entry for a key in any case; nullptr when absent.
    const ContextEntry* get(std::string_view key) const;

    const std::vector<ContextEntry>& entries() const { return entries_; }
    void reserve(std::size_t keys) { entries_.reserve(keys); }

private:
    ContextEntry& slot(std::string_view key);
    std::vector<ContextEntry> entries_;
};

// Adds the keys AWS derives from the principal, unless already present: aws:PrincipalArn (a role session's is the
// ROLE's ARN), aws:PrincipalAccount, aws:PrincipalType, aws:username (IAM users only), aws:userid (when known, or
// derivable: root -> the account id, federated user -> ACCT:NAME), aws:PrincipalIsAWSService (signed requests) and
// aws:PrincipalServiceName (services); an anonymous caller's aws:PrincipalType, aws:PrincipalAccount and aws:userid.
// (reference_policies_condition-keys; reference_policies_variables "Request information that you can use".)
void add_principal_keys(RequestContext& context, const Principal& principal);

struct Request {
    Principal principal;
    std::string action;            // "s3:GetObject"; matched case-insensitively
    std::string resource;          // the resource ARN; for sts:AssumeRole the role's ARN
    std::string resource_account;  // the account owning the resource; empty = the principal's own account
    RequestContext context;
};

// A Request kept as one block of bytes, every string length-prefixed, and read back whole: a long run's trace keeps
// each decision's request this way, in about a third of the memory of the Request's own strings and vectors.
class PackedRequest {
public:
    explicit PackedRequest(const Request& request);
    Request unpack() const;
    std::size_t memory_bytes() const { return bytes_.capacity(); }

private:
    std::string bytes_;
};

}  // namespace stslab::iam
