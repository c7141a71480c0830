// One CloudTrail record (cloudtrail.hpp), kept as its parts and written member by member (core/json_writer.hpp):
// a long run's trace packs it without a tree being built and freed for every call, and the two records of a
// cross-account call share their request parameters and response elements.
#pragma once

#include "core/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stslab::aws {

// One of a record's resources: {"ARN", "accountId" (when known), "type"}, or {"ARNPrefix", "type"} for the objects a
// listing covers.
struct TrailResource {
    std::string arn;
    std::string account_id;  // "": no accountId member (an S3 object's entry has none)
    const char* type = "";   // "AWS::IAM::Role", "AWS::S3::Object", ...
    bool prefix = false;     // `arn` is an ARNPrefix
};

// A record's userIdentity (cloudtrail-event-reference-user-identity), kept as its parts and written member by member:
// it is built for every call, and a tree of it cost a tenth of a simulated call. An empty text is an absent member.
struct TrailIdentity {
    struct Issuer {
        const char* type = "Role";  // "Role", "IAMUser", "Root"
        std::string principal_id, arn, account_id, user_name;  // user_name: "" when there is none
    };
    const char* type = "Unknown";  // "Root", "IAMUser", "AssumedRole", "FederatedUser", "AWSAccount", "SAMLUser", ...
    bool has_principal_id = false;  // principalId, which may be present and empty (an anonymous S3 request's)
    std::string principal_id, access_key_id, account_id, arn, user_name, identity_provider;
    std::string invoked_by;  // an AWSService caller: the service principal ("cloudtrail.amazonaws.com")
    // sessionContext, for temporary credentials: its attributes (creationDate, mfaAuthenticated), the role or user
    // that issued the session, the source identity and a web identity's webIdFederationData.
    bool has_session = false;
    bool assumed_root = false;  // the caller's session in an AssumeRoot event: sessionContext's assumedRoot "true"
    std::string creation_date;
    bool mfa = false;
    std::optional<Issuer> issuer;
    std::string source_identity;
    std::string ec2_role_delivery;  // an instance role's session: the metadata service's version ("2.0")
    std::shared_ptr<const nlohmann::json> web_id_data;

    // A caller outside IAM: {"type", "principalId", "userName", "identityProvider"?} (SAMLUser, WebIdentityUser, or
    // an Identity Center user as Unknown).
    static TrailIdentity outside(const char* type, std::string principal_id, std::string user_name,
                                 std::string identity_provider = "") {
        TrailIdentity id;
        id.type = type;
        id.has_principal_id = true;
        id.principal_id = std::move(principal_id);
        id.user_name = std::move(user_name);
        id.identity_provider = std::move(identity_provider);
        return id;
    }

    template <class W>
    void write(W& w) const {
        const auto present = [](const std::string& s) { return s.empty() ? 0 : 1; };
        w.object(1 + present(access_key_id) + present(account_id) + present(arn) + present(identity_provider) +
                 present(invoked_by) + (has_principal_id ? 1 : 0) + (has_session ? 1 : 0) + present(user_name));
        if (!access_key_id.empty()) string_member(w, "accessKeyId", access_key_id);
        if (!account_id.empty()) string_member(w, "accountId", account_id);
        if (!arn.empty()) string_member(w, "arn", arn);
        if (!identity_provider.empty()) string_member(w, "identityProvider", identity_provider);
        if (!invoked_by.empty()) string_member(w, "invokedBy", invoked_by);
        if (has_principal_id) string_member(w, "principalId", principal_id);
        if (has_session) {
            w.key("sessionContext");
            w.object(1 + (assumed_root ? 1 : 0) + present(ec2_role_delivery) + (issuer ? 1 : 0) + present(source_identity) +
                     (web_id_data ? 1 : 0));
            if (assumed_root) string_member(w, "assumedRoot", "true");
            w.key("attributes");
            w.object(2);
            string_member(w, "creationDate", creation_date);
            string_member(w, "mfaAuthenticated", mfa ? "true" : "false");
            // attributes has its two members: the rest are sessionContext's, in key order.
            if (!ec2_role_delivery.empty()) string_member(w, "ec2RoleDelivery", ec2_role_delivery);
            if (issuer) {
                w.key("sessionIssuer");
                w.object(4 + present(issuer->user_name));
                string_member(w, "accountId", issuer->account_id);
                string_member(w, "arn", issuer->arn);
                string_member(w, "principalId", issuer->principal_id);
                string_member(w, "type", issuer->type);
                if (!issuer->user_name.empty()) string_member(w, "userName", issuer->user_name);
            }
            if (!source_identity.empty()) string_member(w, "sourceIdentity", source_identity);
            if (web_id_data) {
                w.key("webIdFederationData");
                w.value(*web_id_data);
            }
        }
        string_member(w, "type", type);
        if (!user_name.empty()) string_member(w, "userName", user_name);
    }

    // Who made the call, as the replay's line names it: the ARN, else the type and user name.
    std::string who() const {
        if (!arn.empty()) return arn;
        if (!invoked_by.empty()) return invoked_by;
        return std::string(type) + (user_name.empty() ? "" : " " + user_name);
    }
};

// The TLS a request came over, as AWS's records show it (tlsDetails, and S3's additionalEventData.CipherSuite).
inline constexpr const char* kTlsCipherSuite = "TLS_AES_128_GCM_SHA256";

struct TrailRecord {
    using Tree = std::shared_ptr<const nlohmann::json>;

    TrailIdentity user_identity;
    Tree additional_event_data;      // null: no additionalEventData member
    std::string event_time;
    const char* event_source = "";
    std::string event_name;
    std::string region;
    std::optional<std::string> source_ip;  // sourceIPAddress, when the call gave one
    std::string user_agent = "stslab";     // userAgent: the sandbox's own, or the AWS service that made the call
    Tree request_parameters;         // null: JSON null
    Tree response_elements;          // null: JSON null
    bool failed = false;             // errorCode and errorMessage
    std::string error_code;          // "": no errorCode member (a failed console sign-in has only the message)
    std::string error_message;
    std::string request_id;
    std::string event_id;
    bool read_only = false;
    const char* event_type = "AwsApiCall";
    bool management_event = true;
    const char* event_category = "Management";
    std::string recipient_account;
    std::vector<TrailResource> resources;  // empty: no resources member
    std::string shared_event_id;     // "": no sharedEventID member
    bool from_console = false;       // sessionCredentialFromConsole "true" (AWS leaves it out unless it is true)
    std::string tls_host;            // tlsDetails' clientProvidedHostHeader; "": no tlsDetails member
    std::string vpc_endpoint_id;     // vpcEndpointId, for a request made through a VPC endpoint; "": none

    // The record as CloudTrail writes it: its members in key order, as a JSON object keeps them.
    template <class W>
    void write(W& w) const {
        auto tree = [&w](const Tree& t) { t ? w.value(*t) : w.null(); };
        w.object(16 + (failed ? (error_code.empty() ? 1 : 2) : 0) + (resources.empty() ? 0 : 1) + (shared_event_id.empty() ? 0 : 1) + (source_ip ? 1 : 0) +
                 (additional_event_data ? 1 : 0) + (from_console ? 1 : 0) + (tls_host.empty() ? 0 : 1) +
                 (vpc_endpoint_id.empty() ? 0 : 1));
        if (additional_event_data) {
            w.key("additionalEventData");
            w.value(*additional_event_data);
        }
        string_member(w, "awsRegion", region);
        if (failed) {
            if (!error_code.empty()) string_member(w, "errorCode", error_code);
            string_member(w, "errorMessage", error_message);
        }
        string_member(w, "eventCategory", event_category);
        string_member(w, "eventID", event_id);
        string_member(w, "eventName", event_name);
        string_member(w, "eventSource", event_source);
        string_member(w, "eventTime", event_time);
        string_member(w, "eventType", event_type);
        string_member(w, "eventVersion", "1.08");
        bool_member(w, "managementEvent", management_event);
        bool_member(w, "readOnly", read_only);
        string_member(w, "recipientAccountId", recipient_account);
        string_member(w, "requestID", request_id);
        w.key("requestParameters");
        tree(request_parameters);
        if (!resources.empty()) {
            w.key("resources");
            w.array(resources.size());
            for (const TrailResource& res : resources) {
                w.object(res.account_id.empty() ? 2 : 3);
                string_member(w, res.prefix ? "ARNPrefix" : "ARN", res.arn);
                if (!res.account_id.empty()) string_member(w, "accountId", res.account_id);
                string_member(w, "type", res.type);
            }
        }
        w.key("responseElements");
        tree(response_elements);
        if (from_console) string_member(w, "sessionCredentialFromConsole", "true");
        if (!shared_event_id.empty()) string_member(w, "sharedEventID", shared_event_id);
        if (source_ip) string_member(w, "sourceIPAddress", *source_ip);
        if (!tls_host.empty()) {
            w.key("tlsDetails");
            w.object(3);
            string_member(w, "cipherSuite", kTlsCipherSuite);
            string_member(w, "clientProvidedHostHeader", tls_host);
            string_member(w, "tlsVersion", "TLSv1.3");
        }
        string_member(w, "userAgent", user_agent);
        w.key("userIdentity");
        user_identity.write(w);
        if (!vpc_endpoint_id.empty()) string_member(w, "vpcEndpointId", vpc_endpoint_id);
    }

    nlohmann::json tree() const {
        JsonTreeWriter w;
        write(w);
        return w.take();
    }

    // "CloudTrail ACCOUNT: EVENT by WHO[ -> ERROR]": the line the replay shows for it.
    std::string summary() const {
        std::string s = "CloudTrail " + recipient_account + ": " + event_name + " by " + user_identity.who();
        if (failed) s += " -> " + (error_code.empty() ? std::string("Failure") : error_code);
        return s;
    }
};

}  // namespace stslab::aws
