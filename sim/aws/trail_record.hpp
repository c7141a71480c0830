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

// One of a record's resources: {"ARN", "accountId" (when known), "type"}.
struct TrailResource {
    std::string arn;
    std::string account_id;  // "": no accountId member (an S3 object's entry has none)
    const char* type = "";   // "AWS::IAM::Role", "AWS::S3::Object", ...
};

struct TrailRecord {
    using Tree = std::shared_ptr<const nlohmann::json>;

    nlohmann::json user_identity;
    Tree additional_event_data;      // null: no additionalEventData member
    std::string event_time;
    const char* event_source = "";
    std::string event_name;
    std::string region;
    std::optional<std::string> source_ip;  // sourceIPAddress, when the call gave one
    Tree request_parameters;         // null: JSON null
    Tree response_elements;          // null: JSON null
    bool failed = false;             // errorCode and errorMessage
    std::string error_code;
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

    // The record as CloudTrail writes it: its members in key order, as a JSON object keeps them.
    template <class W>
    void write(W& w) const {
        auto tree = [&w](const Tree& t) { t ? w.value(*t) : w.null(); };
        w.object(16 + (failed ? 2 : 0) + (resources.empty() ? 0 : 1) + (shared_event_id.empty() ? 0 : 1) + (source_ip ? 1 : 0) +
                 (additional_event_data ? 1 : 0));
        if (additional_event_data) {
            w.key("additionalEventData");
            w.value(*additional_event_data);
        }
        string_member(w, "awsRegion", region);
        if (failed) {
            string_member(w, "errorCode", error_code);
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
                string_member(w, "ARN", res.arn);
                if (!res.account_id.empty()) string_member(w, "accountId", res.account_id);
                string_member(w, "type", res.type);
            }
        }
        w.key("responseElements");
        tree(response_elements);
        if (!shared_event_id.empty()) string_member(w, "sharedEventID", shared_event_id);
        if (source_ip) string_member(w, "sourceIPAddress", *source_ip);
        string_member(w, "userAgent", "stslab");
        w.key("userIdentity");
        w.value(user_identity);
    }

    nlohmann::json tree() const {
        JsonTreeWriter w;
        write(w);
        return w.take();
    }

    // "CloudTrail ACCOUNT: EVENT by WHO[ -> ERROR]": the line the replay shows for it.
    std::string summary() const {
        std::string by = user_identity.value("arn", "");
        if (by.empty())
            by = user_identity.value("type", "") +
                 (user_identity.contains("userName") ? " " + user_identity.value("userName", "") : "");
        std::string s = "CloudTrail " + recipient_account + ": " + event_name + " by " + by;
        if (failed) s += " -> " + error_code;
        return s;
    }
};

}  // namespace stslab::aws
