#include "aws/caller.hpp"

#include "aws/services.hpp"
#include "core/text.hpp"
#include "iam/arn.hpp"

#include <iterator>
#include <set>
#include <string_view>

namespace stslab::aws {

void fail(ApiResult& result, std::string code, std::string message, int http_status) {
    result.ok = false;
    result.http_status = http_status;
    result.response = {{"Error", {{"Type", http_status >= 500 ? "Receiver" : "Sender"}, {"Code", code}, {"Message", message}}}};
    result.error_code = std::move(code);
    result.error_message = std::move(message);
}

void access_denied(ApiResult& result, std::string message) { fail(result, "AccessDenied", std::move(message), 403); }

namespace {

// Whether the user behind a user's credentials is still `user`: not deleted and made again under its name (another
// user, with another unique id). A federated user's id is its own ("ACCT:NAME"): its IAM user's is that of the keys
// that called GetFederationToken (through the federation token, for a console session made from one).
bool same_user(const CredentialStore& store, const Credential& c, const User& user) {
    const Credential* keys = &c;
    while (keys && keys->kind == CredentialKind::FederationToken) keys = store.find(keys->parent);
    return !keys || keys->principal.id.empty() || keys->principal.id == user.id;
}

}  // namespace

Caller caller_of(const ServiceContext& sc, const Credential* credential) {
    Caller c;
    c.credential = credential;
    if (!credential) return c;  // Anonymous
    c.principal = credential->principal;
    const World& w = sc.world;
    if (credential->is_role_session()) {
        // The session's role, unless it was deleted (and perhaps made again under its name: another role, with
        // another unique id, whose permissions the old sessions never had).
        if (const Role* role = w.role(credential->role_arn); role && role->id == credential->role_id) {
            c.identity = w.identity_policies(*role);
            c.boundary = role->boundary ? &*role->boundary : nullptr;
            c.principal_tags = role->tags;
        }
    } else if (const User* user = w.user(credential->user_arn); user && same_user(sc.credentials, *credential, *user)) {
        c.identity = w.identity_policies(*user);
        c.boundary = user->boundary ? &*user->boundary : nullptr;
        c.principal_tags = user->tags;
    }
    // "New session tags override existing assumed role or federated user tags with the same tag key, regardless of
    // case" (id_session-tags, "Things to know about session tags").
    for (const auto& [k, v] : credential->session_tags) {
        for (auto it = c.principal_tags.begin(); it != c.principal_tags.end();)
            it = equal_ignoring_case(it->first, k) ? c.principal_tags.erase(it) : std::next(it);
        c.principal_tags[k] = v;
    }
    for (const auto& p : credential->session_policies) c.session.push_back(&p);
    // An AssumeRoot session is the member account's root user, which needs no policy to allow it, scoped by its task
    // policy, "the identity based policy that scopes the session" (API_AssumeRoot): its Denies, among the identity's.
    if (credential->task_policy) c.identity.push_back(&*credential->task_policy);
    return c;
}

namespace {

// The keys a request through a VPC endpoint has about the endpoint's VPC and owner, for the services that support each
// (reference_policies_condition-keys: aws:SourceVpcArn, aws:VpceAccount, aws:VpceOrgID, aws:VpceOrgPaths, each with its
// list of services; IAM's for every action but iam:PassRole). `action` is the request's.
void add_endpoint_keys(const World& world, const VpcEndpoint& endpoint, const std::string& action, iam::RequestContext& ctx) {
    static const std::set<std::string_view> kVpcArn = {
        "apprunner", "discovery", "athena", "servicediscovery", "applicationinsights", "cloudformation", "comprehendmedical",
        "compute-optimizer", "ecr", "ecs", "kinesisanalytics", "route53", "datasync", "ebs", "scheduler", "firehose",
        "medical-imaging", "healthlake", "omics", "iam", "iotfleetwise", "iotwireless", "kms", "lambda",
        "payment-cryptography", "polly", "acm-pca", "rbin", "rekognition", "servicequotas", "s3", "storagegateway",
        "ssm-contacts", "textract", "transcribe", "transfer"};
    // aws:VpceAccount and aws:VpceOrgPaths: those, and DynamoDB, GameLift and Shield.
    static const std::set<std::string_view> kOwner = [] {
        std::set<std::string_view> s = kVpcArn;
        s.insert({"dynamodb", "gamelift", "shield"});
        return s;
    }();
    // aws:VpceOrgID: those, and more.
    static const std::set<std::string_view> kOrgId = [] {
        std::set<std::string_view> s = kOwner;
        s.insert({"b2bi", "cognito-identity", "dms", "ds-data", "identitystore", "iottwinmaker", "cassandra", "network-firewall",
                  "sms-voice", "pricing", "ses", "sqs", "workmail"});
        return s;
    }();
    if (action == "iam:PassRole") return;
    const std::string_view service = std::string_view(action).substr(0, action.find(':'));
    const std::string& account = endpoint.account;
    if (kVpcArn.count(service) && !endpoint.vpc.empty())  // the sandbox's VPCs are in us-east-1, as its endpoints
        ctx.set_default("aws:SourceVpcArn", "arn:aws:ec2:us-east-1:" + account + ":vpc/" + endpoint.vpc);
    if (kOwner.count(service)) ctx.set_default("aws:VpceAccount", account);
    if (!world.in_organization(account)) return;
    if (kOrgId.count(service)) ctx.set_default("aws:VpceOrgID", world.organization->id);
    if (kOwner.count(service) && !ctx.get("aws:VpceOrgPaths"))
        ctx.set_multi("aws:VpceOrgPaths", {world.organization->account_path(account)});
}

// The world's VPC endpoint a request came through, by its aws:SourceVpce; null when it names none of them.
const VpcEndpoint* endpoint_of(const World& world, const iam::RequestContext& ctx) {
    const iam::ContextEntry* vpce = ctx.get("aws:SourceVpce");
    return vpce && !vpce->multivalued && vpce->values.size() == 1 ? world.vpc_endpoint(vpce->values.front()) : nullptr;
}

}  // namespace

iam::RequestContext request_context(const ServiceContext& sc, const Caller& caller, const nlohmann::json& extra) {
    iam::RequestContext ctx;
    // The keys set below, and those the principal and the call add (aws:ResourceAccount, s3:prefix, ...).
    ctx.reserve(24 + caller.principal_tags.size() +
                (caller.credential ? caller.credential->session_keys.size() : 0) + extra.size());
    const EpochMs now = sc.start + sc.now;
    ctx.set("aws:CurrentTime", format_iso8601_seconds(now));
    ctx.set("aws:EpochTime", std::to_string(now / kSecond));
    ctx.set("aws:SecureTransport", "true");
    // "always included in the request context" (reference_policies_condition-keys): the region the call goes to
    // (us-east-1 unless the service says otherwise: EC2 sets its own), and whether a service made the call on the
    // principal's behalf, never here.
    ctx.set("aws:RequestedRegion", "us-east-1");
    ctx.set("aws:ViaAWSService", "false");
    if (const Credential* cr = caller.credential) {
        if (cr->is_temporary()) {
            // To the millisecond, so that a revocation (AWSRevokeOlderSessions) tells apart sessions issued in its
            // second before and after it.
            ctx.set("aws:TokenIssueTime", format_iso8601(sc.start + cr->issued_at));
            // Present for temporary credentials (absent for long-term keys), but "not present for federated
            // identities": a SAML or web identity session (reference_policies_condition-keys).
            if (cr->kind != CredentialKind::SAML && cr->kind != CredentialKind::WebIdentity) {
                ctx.set("aws:MultiFactorAuthPresent", cr->mfa ? "true" : "false");
                if (cr->mfa) ctx.set("aws:MultiFactorAuthAge", std::to_string((sc.now - cr->mfa_at) / kSecond));
            }
        }
        if (!cr->source_identity.empty()) ctx.set("aws:SourceIdentity", cr->source_identity);
        // The keys its issuer gave the session (saml:sub, cognito-identity.amazonaws.com:sub, ec2:RoleDelivery, ...).
        for (auto it = cr->session_keys.begin(); it != cr->session_keys.end(); ++it) set_context_key(ctx, it.key(), *it);
        for (const auto& [k, v] : caller.principal_tags) ctx.set("aws:PrincipalTag/" + k, v);
        if (sc.world.in_organization(caller.principal.account)) {
            ctx.set("aws:PrincipalOrgID", sc.world.organization->id);
            ctx.set_multi("aws:PrincipalOrgPaths", {sc.world.organization->account_path(caller.principal.account)});
        }
    }
    iam::add_principal_keys(ctx, caller.principal);
    for (auto it = extra.begin(); it != extra.end(); ++it) set_context_key(ctx, it.key(), *it);
    // A service principal acting for a resource (the step gives its aws:SourceAccount, or an aws:SourceArn that names
    // an account): when that account is in the organization, the request has aws:SourceOrgID and aws:SourceOrgPaths,
    // "included in the request context only when the call to your resource is being made directly by an AWS service
    // principal on behalf of a resource owned by an account which is a member of an organization"
    // (reference_policies_condition-keys).
    if (caller.principal.type == iam::PrincipalType::Service) {
        std::string source;
        if (const iam::ContextEntry* a = ctx.get("aws:SourceAccount"); a && a->values.size() == 1) source = a->values.front();
        else if (const iam::ContextEntry* arn = ctx.get("aws:SourceArn"); arn && arn->values.size() == 1)
            if (const auto parsed = iam::Arn::parse(arn->values.front())) source = parsed->account;
        if (sc.world.in_organization(source)) {
            ctx.set_default("aws:SourceOrgID", sc.world.organization->id);
            if (!ctx.get("aws:SourceOrgPaths")) ctx.set_multi("aws:SourceOrgPaths", {sc.world.organization->account_path(source)});
        }
    }
    // A request through a VPC endpoint the world declares comes from that endpoint's VPC (aws:SourceVpc), unless the
    // step says otherwise.
    if (const VpcEndpoint* endpoint = endpoint_of(sc.world, ctx); endpoint && !endpoint->vpc.empty()) {
        ctx.set_default("aws:SourceVpc", endpoint->vpc);
        // An instance's role credentials used through an endpoint of the instance's own VPC: the request comes from
        // the instance, at its private address (aws:VpcSourceIp, "included in the request context only if the request
        // is made using a VPC endpoint"), unless the step says it came from another host.
        const iam::ContextEntry* vpc = ctx.get("aws:Ec2InstanceSourceVpc");
        const iam::ContextEntry* address = ctx.get("aws:Ec2InstanceSourcePrivateIPv4");
        if (vpc && address && vpc->values.size() == 1 && address->values.size() == 1 && vpc->values.front() == endpoint->vpc)
            ctx.set_default("aws:VpcSourceIp", address->values.front());
    }
    return ctx;
}

void add_resource_tags(iam::RequestContext& ctx, const char* service, const std::map<std::string, std::string>& tags) {
    for (const auto& [k, v] : tags) {
        ctx.set(std::string(service) + ":ResourceTag/" + k, v);
        ctx.set("aws:ResourceTag/" + k, v);
    }
}

void set_context_key(iam::RequestContext& ctx, const std::string& key, const nlohmann::json& value) {
    auto text = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    if (!value.is_array()) return ctx.set(key, text(value));
    std::vector<std::string> values;
    for (const auto& v : value) values.push_back(text(v));
    ctx.set_multi(key, std::move(values));
}

const iam::Decision& authorize(const ServiceContext& sc, const Caller& caller, const std::string& action,
                               const std::string& resource, const std::string& resource_account,
                               const iam::Policy* resource_policy, iam::RequestContext context, ApiResult& result,
                               bool aws_managed_key) {
    iam::Request request;
    request.principal = caller.principal;
    request.action = action;
    request.resource = resource;
    request.resource_account = resource_account;
    request.context = std::move(context);
    // The account that owns the resource (aws:ResourceAccount, reference_policies_condition-keys).
    if (!resource_account.empty()) request.context.set_default("aws:ResourceAccount", resource_account);
    // "included in the request context only if the account that owns the resource is a member of an organization"
    // (aws:ResourceOrgID, aws:ResourceOrgPaths).
    if (sc.world.in_organization(resource_account)) {
        request.context.set_default("aws:ResourceOrgID", sc.world.organization->id);
        if (!request.context.get("aws:ResourceOrgPaths"))
            request.context.set_multi("aws:ResourceOrgPaths", {sc.world.organization->account_path(resource_account)});
    }
    iam::PolicySet set;
    set.identity = caller.identity;
    set.resource = resource_policy;
    set.boundary = caller.boundary;
    set.session = caller.session;
    set.scps = sc.world.scp_levels(caller.principal.account);
    set.rcps = sc.world.rcp_levels(resource_account);
    set.scp_targets = sc.world.scp_level_targets(caller.principal.account);
    set.rcp_targets = sc.world.rcp_level_targets(resource_account);
    const auto& org = sc.world.organization;
    set.principal_in_management_account = org && org->management == caller.principal.account;
    set.resource_in_management_account = org && org->management == resource_account;
    set.aws_managed_key = aws_managed_key;
    set.public_access_restricted = public_access_restricted(sc.world, caller.principal, resource, resource_policy);
    // The request came through a VPC endpoint of its service: that endpoint's policy must allow it too
    // (vpc-endpoints-access). An endpoint of another service did not carry it.
    if (const VpcEndpoint* endpoint = endpoint_of(sc.world, request.context);
        endpoint && equal_ignoring_case(endpoint->service, std::string_view(action).substr(0, action.find(':')))) {
        set.endpoint = &endpoint->policy;
        add_endpoint_keys(sc.world, *endpoint, action, request.context);
    }
    iam::Decision decision = iam::evaluate(request, set, iam::EvalDetail::Matched);
    result.decisions.push_back(
        DecisionRecord{set.public_access_restricted ? " (S3 Block Public Access: RestrictPublicBuckets)" : "",
                       std::move(request), std::move(decision), sc.pins.pin(set)});
    return result.decisions.back().decision;
}

}  // namespace stslab::aws
