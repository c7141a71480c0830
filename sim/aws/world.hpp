// The simulated AWS world: accounts, the organization, IAM principals and their policies, buckets and instances.
//
// The world is plain data that the services (services.hpp: sts*.cpp, iam_service.cpp, services.cpp) read and
// change. Everything is kept in ordered maps so that iteration, and with it every generated id, is the same on
// every run. Policies are compiled once when they enter the world (iam::compile_policy) and replaced whole when
// an IAM call changes them. Identifiers follow facts §1: users AIDA..., roles AROA..., long-term keys AKIA....
#pragma once

#include "aws/idp.hpp"
#include "core/rng.hpp"
#include "core/time.hpp"
#include "iam/policy.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace stslab::aws {

using Tags = std::map<std::string, std::string>;
using PolicyMap = std::map<std::string, iam::Policy>;  // inline policies by name

struct MfaDevice {
    std::string serial;         // arn:aws:iam::ACCT:mfa/NAME
    std::string code = "123456";  // the device's current one-time code in the sandbox
};

struct User {
    std::string account;
    std::string name;
    std::string path = "/";
    std::string arn;
    std::string id;  // AIDA...
    std::vector<std::string> groups;
    PolicyMap policies;
    std::vector<std::string> attached;  // customer managed policy ARNs
    std::optional<iam::Policy> boundary;
    // The managed policy Put...PermissionsBoundary set as the boundary (whose default version `boundary` then
    // holds); "" for the scenario's own boundary document, or none.
    std::string boundary_arn;
    std::optional<MfaDevice> mfa;
    Tags tags;
    std::vector<std::string> access_keys;  // its long-term access key ids, active or not (IAM makes at most 2)
};

struct Group {
    std::string account;
    std::string name;
    std::string arn;
    PolicyMap policies;
    std::vector<std::string> attached;
};

struct Role {
    std::string account;
    std::string name;
    std::string path = "/";
    std::string arn;
    std::string id;  // AROA...
    iam::Policy trust;
    PolicyMap policies;
    std::vector<std::string> attached;
    std::optional<iam::Policy> boundary;
    // The managed policy Put...PermissionsBoundary set as the boundary (whose default version `boundary` then
    // holds); "" for the scenario's own boundary document, or none.
    std::string boundary_arn;
    std::int64_t max_session_duration = 3600;  // seconds, 3600..43200
    std::string description;                   // CreateRole's or UpdateRole's Description; "" for none
    Tags tags;
};

// A customer managed policy keeps up to five versions, one of them the default: the one in effect wherever the
// policy is attached (access_policies_managed-versioning). The scenario's document is v1.
struct PolicyVersion {
    std::string id;  // "v1", "v2", ...: never reused
    iam::Policy policy;
    SimTime created = 0;
};

struct ManagedPolicy {
    std::string account;
    std::string name;
    std::string arn;  // arn:aws:iam::ACCT:policy/NAME, or policy/PATH/NAME
    iam::Policy policy;  // the default version's
    std::vector<PolicyVersion> versions;  // customer managed: in creation order, the default among them
    std::string default_version = "v1";
    int next_version = 2;
};

// S3 Block Public Access's four settings (AmazonS3 access-control-block-public-access), on a bucket and on its
// account: S3 applies "the most restrictive combination" of the two (World::public_access_block).
struct PublicAccessBlock {
    bool block_public_acls = false;
    bool ignore_public_acls = false;
    bool block_public_policy = false;
    bool restrict_public_buckets = false;
};
// The settings by AWS's names (PublicAccessBlockConfiguration), as a file and PutPublicAccessBlock give them.
inline constexpr std::pair<const char*, bool PublicAccessBlock::*> kPublicAccessBlockSettings[] = {
    {"BlockPublicAcls", &PublicAccessBlock::block_public_acls},
    {"IgnorePublicAcls", &PublicAccessBlock::ignore_public_acls},
    {"BlockPublicPolicy", &PublicAccessBlock::block_public_policy},
    {"RestrictPublicBuckets", &PublicAccessBlock::restrict_public_buckets}};

// An object and how S3 encrypted it at rest: SSE-S3 ("AES256", every object's unless its upload asked for KMS: "all
// new object uploads to Amazon S3 are automatically encrypted", UsingServerSideEncryption), or "aws:kms" /
// "aws:kms:dsse" with the KMS key whose use reading it needs (kms:Decrypt).
struct S3Object {
    std::string content;
    std::string encryption = "AES256";
    std::string kms_key;  // the key's ARN, for aws:kms and aws:kms:dsse
    bool bucket_key = false;  // an SSE-KMS object encrypted with an S3 Bucket Key (answered, not modelled: KMS is still asked)
    std::map<std::string, std::string> tags;  // its tag set, from its upload's Tagging (or its copy's source)
};

// A bucket's default encryption (ServerSideEncryptionByDefault: SSEAlgorithm and KMSMasterKeyID), which S3 gives
// an upload that asks for none. S3's own default is SSE-S3.
struct BucketEncryption {
    std::string algorithm = "AES256";  // "AES256", "aws:kms" or "aws:kms:dsse"
    std::string kms_key;               // as the configuration gives it (an ARN or a bare id); "": the AWS managed key aws/s3
    bool bucket_key = false;           // BucketKeyEnabled, as PutBucketEncryption set it (kept and answered, not modelled)
    std::vector<std::string> blocked_types;  // BlockedEncryptionTypes ("NONE", "SSE-C"): kept and answered (no SSE-C here)
};
// Whether S3 takes `algorithm` as an encryption ("Valid Values: AES256 | aws:kms | aws:kms:dsse").
bool valid_sse_algorithm(std::string_view algorithm);
// A default encryption in words: "SSE-S3 (AES256)", "aws:kms (aws/s3)", "aws:kms KEY".
std::string describe(const BucketEncryption& e);

struct Bucket {
    std::string account;
    std::string name;
    std::string region = "us-east-1";  // where it was created: its calls go to that region's endpoint
    std::optional<iam::Policy> policy;
    BucketEncryption encryption;
    std::map<std::string, S3Object> objects;  // by key
    std::optional<PublicAccessBlock> public_access_block;  // none: never configured (GetPublicAccessBlock: 404)
};

struct Instance {
    std::string account;
    std::string id;
    std::string region = "us-east-1";
    std::string state = "running";  // running, stopped, terminated
    SimTime terminated_at = 0;      // when it was terminated (one terminated in the file: at the start)
    // The VPC it runs in and the private IPv4 address of its primary network interface: where EC2 delivers its role's
    // credentials (aws:Ec2InstanceSourceVpc, aws:Ec2InstanceSourcePrivateIPv4); "" when the file gives none.
    std::string vpc, private_ip;
    std::string type;  // its instance type ("t3.micro"): ec2:InstanceType and DescribeInstances' InstanceType; "" when
                       // the file gives none
    Tags tags;
    std::string arn() const { return "arn:aws:ec2:" + region + ":" + account + ":instance/" + id; }
    // The sandbox places every instance in its Region's first Availability Zone (DescribeInstances' Placement, and
    // the ec2:AvailabilityZone key of calls on it).
    std::string availability_zone() const { return region + "a"; }
    // "Terminated instances remain visible after termination (for approximately one hour)" (API_TerminateInstances):
    // after that EC2 no longer lists the instance, and its id is not found.
    bool gone(SimTime now) const { return state == "terminated" && now - terminated_at >= kHour; }
};

struct SamlProvider {
    std::string arn;
    std::string metadata;  // the idp actor whose metadata document (issuer and signing key) was uploaded
};
struct OidcProvider {
    std::string arn;   // arn:aws:iam::ACCT:oidc-provider/HOST
    std::string host;  // issuer host, e.g. "oidc.example.com"
    std::vector<std::string> client_ids;
};

// A sign-in token from the federation endpoint (id_roles_providers_enable-console-custom-url): whose session it
// opens, for how long, and when it was made (the login URL is valid for 15 minutes).
struct SigninGrant {
    std::string access_key_id;  // the temporary credentials the broker exchanged
    std::optional<std::int64_t> session_duration;  // seconds of console session; none: as long as the credentials
    std::int64_t issued_at = 0;  // SimTime
};

// A customer managed KMS key and its key policy, which "is the primary way to control access to a KMS key" (kms
// key-policies): a key the world does not declare has KMS's default key policy.
struct KmsKey {
    std::string id;
    std::string region = "us-east-1";
    std::string arn;  // arn:aws:kms:REGION:ACCOUNT:key/ID
    iam::Policy policy;
};

// A VPC endpoint (vpc-endpoints-access): a request that came through it (its aws:SourceVpce) to the service it
// connects to must be allowed by its endpoint policy as well as by everything else.
struct VpcEndpoint {
    std::string id;       // "vpce-0a1b2c3d4e5f67890"
    std::string arn;      // arn:aws:ec2:us-east-1:ACCOUNT:vpc-endpoint/ID (EC2's form; the sandbox's VPCs are in us-east-1)
    std::string account;  // the account that owns it (aws:VpceAccount)
    std::string service;  // the service it connects to, by its actions' prefix: "s3", "sts", "kms", ...
    std::string type;     // "Gateway" (S3 and DynamoDB only) or "Interface", AWS's VpcEndpointType names
    std::string vpc;      // the VPC it is in ("vpc-..."): its requests' aws:SourceVpc; "" when the file gives none
    iam::Policy policy;   // its endpoint policy; without one, the default, which allows everything
};

// An S3 access point (access-points): a named way in to one bucket, with its own resource-based policy. "For an
// application or user to be able to access objects through an access point, both the access point and the underlying
// bucket ... must permit the request" (access-points-policies).
struct AccessPoint {
    std::string name;     // 3 to 50 characters, unique in its account and region
    std::string account;  // its owner's, which may not be the bucket's (a cross-account access point)
    std::string region;   // the bucket's
    std::string bucket;
    std::string vpc;      // its network origin's VPC ("vpc-..."), "" for Internet
    // Its policy; with a VPC network origin, followed by the Deny S3 applies to a request that does not come from that
    // VPC (S3 "rejects any request made to the access point that doesn't originate from that VPC", access-points-vpc;
    // "it effectively behaves as if there is an explicit Deny policy statement that denies all requests where
    // aws:SourceVpc does not equal the VPC ID", the FSx for ONTAP guide's access points page). None: no policy.
    std::optional<iam::Policy> policy;
    std::string arn;      // arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME
    // Its own Block Public Access settings: "All block public access settings are enabled by default for access
    // points" (access-points-bpa-settings); S3 applies them with its account's.
    PublicAccessBlock public_access_block{true, true, true, true};
    const char* network_origin() const { return vpc.empty() ? "Internet" : "VPC"; }
};

struct Account {
    std::string id;
    std::string alias;
    std::string color;  // optional display colour ("#rrggbb"), chosen by the scenario
    std::map<std::string, User> users;
    std::map<std::string, Group> groups;
    std::map<std::string, Role> roles;
    std::map<std::string, ManagedPolicy> managed_policies;  // by name
    std::map<std::string, SamlProvider> saml_providers;     // by name
    std::map<std::string, OidcProvider> oidc_providers;     // by host
    std::vector<std::string> root_access_keys;               // the root user's long-term access key ids
    PublicAccessBlock public_access_block;                   // S3 Block Public Access for all its buckets
    std::optional<MfaDevice> root_mfa;                       // the root user's MFA device, if any
    std::map<std::string, KmsKey> kms_keys;                  // by key id
    std::map<std::string, VpcEndpoint> vpc_endpoints;        // by endpoint id
    std::map<std::string, AccessPoint> access_points;        // by name
    // Outbound identity federation (id_roles_providers_outbound): whether its principals may get JWTs from
    // sts:GetWebIdentityToken, and the issuer URL IAM made for the account when it was first enabled ("" before).
    bool outbound_federation = false;
    std::string outbound_issuer;
};

// The issuer URL of an account's outbound identity federation: "https://<uuid>.tokens.sts.global.api.aws"
// (API_EnableOutboundWebIdentityFederation, IssuerIdentifier), the UUID derived from the account so that it never changes.
std::string outbound_issuer_url(const std::string& account);
// The key STS signs an account's web identity tokens with (the sandbox's tokens are keyed digests: scenarios/README.md).
std::string outbound_signing_key(const std::string& account);

struct Scp {
    std::string name;
    std::vector<std::string> targets;  // account ids, OU names, or "root"
    iam::Policy policy;
};

// An organizational unit: a branch of the organization's tree, under the root or another OU (orgs_manage_ous).
struct OrganizationalUnit {
    std::string name;
    std::string id;      // "ou-" + the root's 4 characters + "-" + 8 more (API_OrganizationalUnit)
    std::string parent;  // the OU it is in, by name; "" for the root
};

// Which of an organization's policies name each target ("root" or an account id), in the policies' order: built on
// first use, as an organization's policies are fixed once the world is loaded. Positions, not pointers, so that a
// copy of the world may keep it.
struct PolicyTargetIndex {
    std::unordered_map<std::string, std::vector<std::size_t>> by_target;
    bool built = false;
    // By account: what each of its levels is ("root", an OU's name, the account's id), as World::scp_level_targets.
    std::unordered_map<std::string, std::shared_ptr<const std::vector<std::string>>> level_targets;
};

struct Organization {
    std::string id;  // o-xxxxxxxxxx
    std::string management;
    std::unordered_set<std::string> accounts;  // asked of every call (in_organization), never walked
    std::vector<Scp> scps;
    std::vector<Scp> rcps;
    std::map<std::string, OrganizationalUnit> ous;     // by name
    std::map<std::string, std::string> ou_of_account;  // account id -> the OU it is in (none: it is under the root)
    bool full_aws_access = true;  // FullAWSAccess attached at the root and every account, as AWS does by default
    // Centralized root access for member accounts (id_root-enable-root-access): the features IAM has enabled, as
    // ListOrganizationsFeatures names them ("RootCredentialsManagement", "RootSessions"), and the member account
    // registered as IAM's delegated administrator ("" for none), which may then manage them as the management
    // account does.
    std::set<std::string> iam_features;
    std::string iam_delegated_administrator;
    iam::Policy full_aws_access_policy;
    iam::Policy full_aws_access_rcp;  // RCPFullAWSAccess, always attached at the root
    mutable PolicyTargetIndex scp_index, rcp_index;

    // The root's id, "r-" and 4 characters of the organization's id (AWS's examples pair o-a1b2c3d4e5 with r-ab12).
    std::string root_id() const { return "r-" + id.substr(2, 4); }
    // The OUs an account is in, from the one under the root down to its own; none for an account under the root.
    std::vector<const OrganizationalUnit*> ou_chain(const std::string& account) const;
    // An account's AWS Organizations path, as aws:PrincipalOrgPaths and aws:ResourceOrgPaths give it: the
    // organization, the root and each OU down to the account's ("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/").
    std::string account_path(const std::string& account) const;
};

class World {
public:
    std::map<std::string, Account> accounts;
    std::optional<Organization> organization;
    std::map<std::string, Bucket> buckets;      // bucket names are global
    std::map<std::string, Instance> instances;  // by instance id
    // Identity providers outside AWS, by the idp actor that runs them. STS reads their signing keys as AWS reads a
    // SAML provider's uploaded metadata or an OIDC issuer's published keys.
    std::map<std::string, IdentityProvider> identity_providers;
    std::map<std::string, SigninGrant> signin_tokens;  // by SigninToken
    // The decisions behind EC2's encoded authorization failure messages, by encoded message: what
    // sts:DecodeAuthorizationMessage gives back.
    std::map<std::string, std::string> authorization_messages;
    // KMS key policies made on first use (services.cpp): the default key policy of each account whose undeclared keys
    // a call has named, by account id, and the AWS managed key aws/s3's, by "aws/s3 ACCOUNT REGION". A key the file
    // declares keeps its own (Account::kms_keys).
    std::map<std::string, iam::Policy> default_key_policies;
    // Whether any bucket or account has ever had RestrictPublicBuckets on: until one has, no call needs to look a
    // bucket up for it (public_access_restricted, on every S3 call).
    bool public_buckets_restricted_anywhere = false;

    // Look-ups by ARN; nullptr when there is no such thing.
    const User* user(const std::string& arn) const;
    const Role* role(const std::string& arn) const;
    const KmsKey* kms_key(const std::string& arn) const;
    const VpcEndpoint* vpc_endpoint(std::string_view id) const;
    // The access point an ARN names (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME, perhaps followed by /object/KEY);
    // null when it names none.
    const AccessPoint* access_point(std::string_view arn) const;  // by its id, in whichever account has it
    // The Block Public Access settings in force for `bucket`: its own and its account's, each on if either is.
    PublicAccessBlock public_access_block(const Bucket& bucket) const;
    // An access point's settings in force: its own with its account's, "the most restrictive combination".
    PublicAccessBlock public_access_block(const AccessPoint& ap) const;
    User* user(const std::string& arn);
    Role* role(const std::string& arn);
    const ManagedPolicy* managed_policy(const std::string& arn) const;
    const Account* account(const std::string& id) const;
    // The SAML provider or OIDC provider with this ARN; nullptr when there is none.
    const SamlProvider* saml_provider(const std::string& arn) const;
    const OidcProvider* oidc_provider(const std::string& arn) const;
    // The identity provider whose issuer ("iss" of its tokens) is `issuer`; nullptr when none is.
    const IdentityProvider* idp_by_issuer(const std::string& issuer) const;
    // Every identity provider whose keys an issuer's tokens are checked with: Cognito's identity pools all issue as
    // https://cognito-identity.amazonaws.com, signed with Cognito's published keys.
    std::vector<const IdentityProvider*> idps_by_issuer(const std::string& issuer) const;

    // Whether `account` is in the organization (and so subject to its SCPs unless it is the management account).
    bool in_organization(const std::string& account) const;
    // The SCP levels that apply to a principal of `account`, root first then the account; empty outside an
    // organization and for the management account.
    std::vector<std::vector<const iam::Policy*>> scp_levels(const std::string& account) const;
    std::vector<std::vector<const iam::Policy*>> rcp_levels(const std::string& account) const;
    // What each of those levels is, in the same order: "root", an OU's name, the account's id. Null outside the
    // organization or for its management account.
    std::shared_ptr<const std::vector<std::string>> scp_level_targets(const std::string& account) const;
    std::shared_ptr<const std::vector<std::string>> rcp_level_targets(const std::string& account) const;

    // Every identity-based policy of a user: its inline and attached policies, then its groups'.
    std::vector<const iam::Policy*> identity_policies(const User& user) const;
    std::vector<const iam::Policy*> identity_policies(const Role& role) const;
};

// Saves a trust or resource policy into the world as IAM does: each user and role its Principal (or NotPrincipal)
// names by ARN is kept by its unique id, so that the policy no longer names it once it is deleted, nor another
// user or role made later under the same name (reference_policies_elements_principal).
void bind_unique_ids(const World& world, iam::Policy& policy);

// AWS-style unique ids and keys, drawn from the run's generator.
std::string make_unique_id(Rng& rng, const char* prefix);  // "AIDA" / "AROA" + 17 characters
std::string make_access_key_id(Rng& rng, const char* prefix);  // "AKIA" / "ASIA" + 16 characters
std::string make_secret_key(Rng& rng);  // 40 characters
std::string make_uuid(Rng& rng);        // a random (version 4) UUID
std::string make_session_token(Rng& rng);

}  // namespace stslab::aws
