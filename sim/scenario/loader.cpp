// Loading a scenario: the top level, actors and their handlers, and the timeline (loader_world.cpp does the
// accounts and the organization).
#include "scenario/loader.hpp"

#include "core/file.hpp"

#include "aws/services.hpp"
#include "iam/arn.hpp"
#include "scenario/loader_internal.hpp"
#include "scenario/runner.hpp"
#include "scenario/templates.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

namespace stslab {

nlohmann::json LocalText::to_json() const { return {{"en", en}, {"ko", ko}}; }

const char* to_string(ActorKind kind) {
    switch (kind) {
        case ActorKind::User: return "user";
        case ActorKind::Deputy: return "deputy";
        case ActorKind::Attacker: return "attacker";
        case ActorKind::Service: return "service";
        case ActorKind::Idp: return "idp";
        case ActorKind::Broker: return "broker";
        case ActorKind::Anonymous: return "anonymous";
    }
    return "user";
}

namespace loader_detail {

std::optional<std::uint64_t> whole_number(const nlohmann::json& value) {
    if (value.is_number_unsigned()) return value.get<std::uint64_t>();
    if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        return v >= 0 ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(v)) : std::nullopt;
    }
    if (!value.is_number_float()) return std::nullopt;
    const double d = value.get<double>();
    // 2^64 is the first double past the largest 64-bit whole number.
    if (!(d >= 0.0) || d >= 18446744073709551616.0 || d != std::floor(d)) return std::nullopt;
    return static_cast<std::uint64_t>(d);
}

using nlohmann::json;

namespace {

// What a step may call: every operation the services implement, an identity provider's sign-in, and `send`.
const Keys& step_calls() {
    static const Keys calls = [] {
        Keys all(aws::known_operations().begin(), aws::known_operations().end());
        all.insert(all.end(), {"idp:Authenticate", "send"});
        return all;
    }();
    return calls;
}

// The simulated calls of `call`'s service ("s3:" calls for "s3:GetObjects").
Keys same_service_calls(const std::string& call) {
    const std::string service = call.substr(0, call.find(':') + 1);
    Keys same;
    for (const std::string& c : step_calls())
        if (!service.empty() && c.compare(0, service.size(), service) == 0) same.push_back(c);
    return same;
}

// The simulated call `call` names in other case ("iam:PUTROLEPOLICY"), or "".
std::string simulated_in_other_case(const std::string& call) {
    for (const std::string& c : step_calls())
        if (c != call && equal_ignoring_case(c, call)) return c;
    return "";
}

// The simulated call `call` is one edit away from, or names in other case, or "". AWS API operations a letter away
// from a simulated one are no typo: S3's ListBuckets (s3:ListAllMyBuckets) and DeleteObjects (s3:DeleteObject).
std::string typo_of_simulated(const std::string& call) {
    if (call == "s3:ListBuckets" || call == "s3:DeleteObjects") return "";
    if (std::string twin = simulated_in_other_case(call); !twin.empty()) return twin;
    return closest_match(call, same_service_calls(call), 1);
}

// What to say of an unknown call: its fix for a case slip or a one-edit typo; else the calls of its service the
// sandbox has (and, for a service not simulated call by call, that any other action is authorized); every call for
// a service it has none of.
std::string calls_like(const std::string& call) {
    // A case slip is the likeliest: AWS writes a service prefix in lower case and an action beginning with a capital
    // letter, and a simulated call as it is listed (a case-twin of one would only be authorized, never carried out).
    const std::string case_slip = " (AWS writes a service prefix in lower case and an action with a capital letter: did you mean \"";
    if (const std::string twin = simulated_in_other_case(call); !twin.empty()) return case_slip + twin + "\"?)";
    if (const std::size_t colon = call.find(':'); colon != std::string::npos && colon + 1 < call.size()) {
        std::string fixed = call;
        for (std::size_t i = 0; i < colon; ++i) fixed[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(fixed[i])));
        fixed[colon + 1] = static_cast<char>(std::toupper(static_cast<unsigned char>(fixed[colon + 1])));
        if (fixed != call && (std::find(step_calls().begin(), step_calls().end(), fixed) != step_calls().end() ||
                              aws::authorization_only_operation(fixed)))
            return case_slip + fixed + "\"?)";
    }
    const Keys same = same_service_calls(call);
    if (same.empty()) return suggest(call, step_calls());
    if (const std::string typo = typo_of_simulated(call); !typo.empty()) return " (did you mean \"" + typo + "\"?)";
    const std::string service = call.substr(0, call.find(':'));
    // For a service simulated call by call (STS, the sign-in endpoint, Identity Center) these are all there is.
    return ": the sandbox's " + service + " calls are " + join_keys(same) +
           (aws::authorization_only_operation(service + ":Get") ? ", and it authorizes (without carrying out) any other "
                                                                  "action written SERVICE:Action"
                                                                : "");
}

const std::vector<std::pair<std::string, ActorKind>> kKinds = {
    {"user", ActorKind::User},       {"deputy", ActorKind::Deputy}, {"attacker", ActorKind::Attacker},
    {"service", ActorKind::Service}, {"idp", ActorKind::Idp},       {"broker", ActorKind::Broker},
    {"anonymous", ActorKind::Anonymous}};

// The handler templates in `text` (${message...}, ${vars...}, ${from}, ${actor}), each as written up to its
// first '}' (or the text's end), in order. IAM policy variables such as ${aws:username} are not among them. Linear in
// the text: a hostile one of thousands of "${" and no '}' took a minute when each looked for its end afresh.
std::vector<std::string_view> handler_templates(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t close = text.find('}');  // the first '}' at or after the template at hand, or npos
    for (std::size_t open = text.find("${"); open != std::string_view::npos; open = text.find("${", open + 2)) {
        if (open > 0 && text[open - 1] == '$') continue;  // "$${": text, not a template
        // Its root runs to the first '.', '[' or '}'.
        const std::string_view rest = text.substr(open + 2);
        const bool handler_root = std::any_of(std::begin(kTemplateRoots), std::end(kTemplateRoots), [rest](std::string_view root) {
            return rest.substr(0, root.size()) == root &&
                   (rest.size() == root.size() || std::string_view(".[}").find(rest[root.size()]) != std::string_view::npos);
        });
        if (!handler_root) continue;
        if (close != std::string_view::npos && close < open) close = text.find('}', open);
        out.push_back(text.substr(open, close == std::string_view::npos ? close : close - open + 1));
    }
    return out;
}

}  // namespace

Keys Loader::actor_names() const {
    Keys names;
    for (const auto& [n, a] : s_.actors) names.push_back(n);
    return names;
}

// ---- templates ----

void Loader::check_templates(const json& value, const std::string& p, const ActorSpec* handler_of) {
    if (value.is_string()) {
        check_template(value.get_ref<const std::string&>(), p, handler_of);
    } else if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) check_templates(*it, at(p, it.key()), handler_of);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) check_templates(value[i], at(p, i), handler_of);
    }
}

void Loader::check_template(const std::string& text, const std::string& p, const ActorSpec* handler_of) {
    if (!has_template(text)) return;
    const std::vector<std::string_view> templates = handler_templates(text);
    // A step is sent as written: only a template of a handler's own (${message...}, ${vars...}, ${from}, ${actor})
    // is a fault there; other "${...}" text (a shell's ${HOME}, an IAM policy variable) is data.
    if (!handler_of) {
        if (!templates.empty())
            fault(p, "the template " + template_shown(templates.front()) + " works only in an actor's handlers (\"on\"), which have a "
                     "message to read; a step is sent as written");
        return;
    }
    if (const std::string problem = check_template_syntax(text); !problem.empty())
        return fault(p, problem + (problem.find("unknown template root") != std::string::npos
                                       ? " (write \"$${\" for a \"${\" that is text)" : ""));
    if (templates.empty()) return;  // only IAM policy variables
    // ${vars.a.b} (without a [...] lookup, which depends on the message) must name one of the actor's variables.
    const json no_message = json::object();
    for (const auto& t : templates) {
        if (t.rfind("${vars", 0) != 0 || t.find('[') != std::string::npos) continue;
        try {
            resolve_templates(json(std::string(t)), TemplateEnv{&no_message, &handler_of->vars, "", handler_of->name});
        } catch (const Error& e) {
            Keys names;
            for (auto it = handler_of->vars.begin(); it != handler_of->vars.end(); ++it) names.push_back(it.key());
            fault(p, std::string(e.what()) + " in the \"vars\" of actor \"" + handler_of->name + "\"" +
                         (names.empty() ? std::string(", which has none") : " (it has: " + join_keys(names) + ")"));
        }
    }
}

// ---- calls: a step, or an action of a handler ----

Expectation Loader::expectation(const json& j, const std::string& p, bool allow_then) {
    Expectation e;
    e.source = j;
    if (j.is_string()) {
        if (j == "allow") e.kind = Expectation::Kind::Allow;
        else if (j == "deny") e.kind = Expectation::Kind::Deny;
        else fault(p, "expect is \"allow\", \"deny\", or an object like {\"error\": \"AccessDenied\"}, not " + quoted_value(j.dump()));
        return e;
    }
    if (!j.is_object()) {
        fault(p, "expect is \"allow\", \"deny\", or an object like {\"error\": \"AccessDenied\"}, not " +
                     (j.is_array() ? std::string("an array") : quoted_value(j.dump())));
        return e;
    }
    object(j, p, allow_then ? Keys{"error", "message_contains", "fields", "then"} : Keys{"error", "message_contains", "fields"});
    if (const auto error = string(j, "error", p)) {
        e.kind = Expectation::Kind::Error;
        e.error = *error;
        if (error->empty()) fault(at(p, "error"), "\"error\" names an error code, such as \"AccessDenied\", not an empty string");
    }
    e.message_contains = string(j, "message_contains", p).value_or("");
    if (const json* f = member(j, "fields"); f && map(*f, at(p, "fields"))) {
        if (!e.error.empty()) fault(at(p, "fields"), "\"fields\" describe a successful answer and cannot go with \"error\"");
        for (auto it = f->begin(); it != f->end(); ++it) e.fields[it.key()] = *it;
        if (f->empty()) fault(at(p, "fields"), "\"fields\" names no member to check: give dotted paths and their values, or expect \"allow\"");
        e.kind = Expectation::Kind::Allow;
    }
    if (!e.message_contains.empty() && e.error.empty())
        fault(at(p, "message_contains"), "\"message_contains\" needs \"error\" (the error whose message it checks)");
    if (allow_then && array(j, "then", p, "expectations")) {
        const json& then = j.at("then");
        for (std::size_t i = 0; i < then.size(); ++i) e.then.push_back(expectation(then[i], at(at(p, "then"), i), false));
    }
    if (e.kind == Expectation::Kind::None && e.then.empty() && j.empty())
        fault(p, std::string("an empty expectation: give \"error\" or \"fields\"") + (allow_then ? " or \"then\"" : ""));
    return e;
}

CallSpec Loader::call(const json& j, const std::string& p, const ActorSpec* handler_of) {
    CallSpec c;
    c.pointer = p;
    Keys keys = {"call", "params", "resource", "using", "save", "to", "message", "context", "expect", "say", "presign", "presigned"};
    if (!handler_of) keys.insert(keys.begin(), {"id", "at", "actor"});
    if (!object(j, p, keys)) return c;
    const auto call = string(j, "call", p, true);
    c.call = call.value_or("");
    const bool is_send = c.call == "send";
    const bool simulated = std::find(step_calls().begin(), step_calls().end(), c.call) != step_calls().end();
    // Any other SERVICE:Action is authorized and not carried out (services.hpp), unless it is a one-edit typo of a
    // simulated call ("s3:GetObjects"): that is refused with its fix.
    const bool authorization_only = !simulated && aws::authorization_only_operation(c.call) && typo_of_simulated(c.call).empty();
    const bool known = simulated || authorization_only;
    if (call && !known) fault(at(p, "call"), "unknown call \"" + c.call + "\"" + calls_like(c.call));
    if (const json* params = member(j, "params")) {
        if (params->is_object()) c.params = *params;
        else fault(at(p, "params"), std::string("expected an object of the operation's parameters, found ") + json_type_name(*params));
        for (auto it = c.params.begin(); it != c.params.end(); ++it)
            if (const char* meant = aws::parameter_in_other_case(c.call, it.key()))
                fault(at(at(p, "params"), it.key()), "\"" + it.key() + "\" is not a parameter of " + c.call +
                                                         ": AWS's parameter names are case sensitive; did you mean \"" + meant + "\"?");
        // An MFA code is given to STS alone (AssumeRole, GetSessionToken); another service would not read it, and
        // the call would be refused by an MFA condition with no word of why.
        if (known && !is_send && c.params.contains("TokenCode") && !aws::takes_parameter(c.call, "TokenCode"))
            fault(at(at(p, "params"), "TokenCode"),
                  "\"TokenCode\" is not a parameter of " + c.call + ": an MFA code goes to sts:GetSessionToken or "
                  "sts:AssumeRole, whose credentials carry the MFA (save them, then make this call \"using\" them)");
    }
    c.resource = string(j, "resource", p).value_or("");
    const auto using_ = string(j, "using", p);
    if (using_ && using_->empty()) fault(at(p, "using"), "\"using\" needs the name of saved credentials (leave it out for the actor's own keys)");
    c.using_ = using_.value_or("");
    const auto save = string(j, "save", p);
    if (save && save->empty()) fault(at(p, "save"), "\"save\" needs a name for what it keeps");
    c.save = save.value_or("");
    const auto to = string(j, "to", p);
    c.to = to.value_or("");
    // A presigned URL (using-presigned-url): made client-side with the signer's credentials for one call on one object,
    // valid "up to the expiration date and time", at most 604800 seconds (the AWS CLI's presign: "Maximum is 604800
    // seconds"); anyone who holds it makes that call as the signer.
    const bool object_call = c.call == "s3:GetObject" || c.call == "s3:PutObject" || c.call == "s3:HeadObject";
    if (const json* ps = member(j, "presign")) {
        const bool lifetime = ps->is_number_integer() && ps->get<long long>() >= 1 && ps->get<long long>() <= 604800;
        if (!lifetime) fault(at(p, "presign"), "\"presign\" is the URL's lifetime in seconds, 1 to 604800 (seven days)");
        c.presign = lifetime ? static_cast<std::uint32_t>(ps->get<long long>()) : 1;  // a presign still, in the file's other faults
        if (!object_call) fault(at(p, "presign"), "a presigned URL is for s3:GetObject, s3:PutObject or s3:HeadObject, not " + c.call);
        if (c.save.empty()) missing(p, "save", "missing \"save\": a presigned URL is kept under a name for the step that uses it");
    }
    if (const auto url = string(j, "presigned", p)) {
        c.presigned = *url;
        if (url->empty()) fault(at(p, "presigned"), "\"presigned\" needs the name a presign step saved its URL as");
        if (!object_call) fault(at(p, "presigned"), "a presigned URL is for s3:GetObject, s3:PutObject or s3:HeadObject, not " + c.call);
        for (const char* k : {"using", "presign"})
            if (member(j, k)) fault(at(p, k), std::string("a call made with a presigned URL carries the signer's credentials: no \"") + k + "\"");
        if (handler_of && !has_template(*url)) handler_presigned_.emplace_back(at(p, "presigned"), *url);
    }
    if (const json* m = member(j, "message")) c.message = *m;
    if (const json* ctx = member(j, "context"); ctx && map(*ctx, at(p, "context"))) {
        // A request context holds text: a number or true/false is taken as it is written ("aws:MultiFactorAuthAge":
        // 300 is "300", "aws:SecureTransport": true is "true"), as the Numeric and Bool operators read it.
        const auto scalar = [](const json& v) { return v.is_string() || v.is_number() || v.is_boolean(); };
        const char* expected = "a context value is a string, a number, true or false, or an array of them";
        for (auto it = ctx->begin(); it != ctx->end(); ++it) {
            const std::string key_at = at(at(p, "context"), it.key());
            if (it->is_array()) {
                for (std::size_t i = 0; i < it->size(); ++i)
                    if (!scalar((*it)[i]))
                        fault(at(key_at, i), std::string(expected) + ", not " + json_type_name((*it)[i]));
            } else if (!scalar(*it)) {
                fault(key_at, std::string(expected) + ", not " + json_type_name(*it));
            }
        }
        // "The aws:SourceIp condition key is always included in the request, except for requests that use an Amazon
        // VPC endpoint" (AWS re:Post, iam-restrict-access-policy): such a request has only its private address.
        bool source_ip = false, through_endpoint = false;
        for (auto it = ctx->begin(); it != ctx->end(); ++it) {
            source_ip = source_ip || equal_ignoring_case(it.key(), "aws:SourceIp");
            through_endpoint = through_endpoint || equal_ignoring_case(it.key(), "aws:SourceVpce");
        }
        if (source_ip && through_endpoint)
            fault(at(p, "context"), "a request through a VPC endpoint (aws:SourceVpce) has no aws:SourceIp: AWS includes it "
                                    "\"except for requests that use an Amazon VPC endpoint\"; give the caller's private "
                                    "address as aws:VpcSourceIp");
        c.context = *ctx;
    }
    if (const json* e = member(j, "expect")) c.expect = expectation(*e, at(p, "expect"), is_send);
    c.say = text(j, "say", p);

    // An S3 or EC2 action needs the resource it acts on (EC2 may name instances by params.InstanceIds instead).
    const bool names_instances = c.params.is_object() && c.params.contains("InstanceIds");
    const bool needs_resource = c.call.rfind("s3:", 0) == 0 ||
                                (c.call.rfind("ec2:", 0) == 0 && c.call != "ec2:DescribeInstances" && !names_instances);
    if (simulated && needs_resource && c.resource == "*" && c.call.rfind("ec2:", 0) == 0)
        fault(at(p, "resource"), c.call + " acts on instances: \"*\" names none (give an instance's ARN, or params.InstanceIds)");
    // A role assumption names its role in its params, as AWS's API does: a "resource" may repeat it (it is not
    // read), but not stand in for it.
    if ((c.call == "sts:AssumeRole" || c.call == "sts:AssumeRoleWithSAML" || c.call == "sts:AssumeRoleWithWebIdentity") &&
        member(j, "resource") && !member(c.params, "RoleArn"))
        fault(at(p, "resource"), c.call + " names the role it assumes in params.RoleArn, not in \"resource\": move it there");
    const bool bucket_call = c.call == "s3:PutBucketPolicy" || c.call == "s3:DeleteBucketPolicy";
    if (bucket_call && c.resource.rfind("arn:aws:s3:::", 0) == 0 && c.resource.find('/') != std::string::npos)
        fault(at(p, "resource"), c.call + " acts on a bucket, arn:aws:s3:::BUCKET, not on an object like " + c.resource);
    // S3's bucket and object ARNs have no region and no account (arn:aws:s3:::BUCKET/KEY); only an access point's has
    // both. Written like most ARNs, a bucket's would reach S3 as a bucket named "us-east-1:111122223333:b".
    if (simulated && c.call.rfind("s3:", 0) == 0 && !c.resource.empty() && c.resource != "*" && !has_template(c.resource) &&
        c.resource.rfind("arn:aws:s3:::", 0) != 0) {
        const auto arn = iam::Arn::parse(c.resource);
        if (!arn || arn->service != "s3" || arn->resource.rfind("accesspoint/", 0) != 0)
            fault(at(p, "resource"), "expected an S3 ARN: arn:aws:s3:::BUCKET/KEY for an object, arn:aws:s3:::BUCKET for a "
                                     "bucket (S3's have no region or account), or an access point's "
                                     "arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME[/object/KEY]; found \"" + c.resource + "\"");
    }
    if (authorization_only && !c.resource.empty() && c.resource != "*" && !has_template(c.resource) && !iam::Arn::parse(c.resource))
        fault(at(p, "resource"), "expected an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) or \"*\", found \"" +
                                     c.resource + "\"");
    if (simulated && needs_resource && c.resource.empty())  // an unknown call's one fault is that it is unknown
        missing(p, "resource", "missing \"resource\": " + c.call + " acts on a resource (an ARN like " +
                     (c.call[0] == 's' ? "arn:aws:s3:::bucket/key" : "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0") + ")");
    if (is_send) {
        if (!member(j, "to")) missing(p, "to", "missing \"to\": a send needs the actor that receives the message");
        if (!member(j, "message")) missing(p, "message", "missing \"message\": a send carries a message (any JSON)");
    } else if (!c.call.empty()) {
        // idp:Authenticate may hand its assertion or token to an actor ("to"), drawn as a hop.
        for (const char* k : {"to", "message"})
            if (member(j, k) && !((c.call == "idp:Authenticate" || c.presign > 0) && std::string(k) == "to"))
                fault(at(p, k), std::string("\"") + k + "\" belongs only to \"call\": \"send\"" +
                                    (std::string(k) == "to" ? ", \"idp:Authenticate\" and a presign" : ""));
    }
    if (to && !has_template(*to) && !s_.actors.count(*to))
        fault(at(p, "to"), "there is no actor \"" + c.to + "\"" + hint(c.to, actor_names()));
    if (handler_of && !c.using_.empty() && !has_template(c.using_)) handler_usings_.emplace_back(at(p, "using"), c.using_);
    if (known && !c.save.empty() && !saves_token(c.call) && c.presign == 0 &&
        std::find(credential_calls().begin(), credential_calls().end(), c.call) == credential_calls().end()) {
        std::string which;
        for (const std::string& k : credential_calls()) which += (which.empty() ? "" : ", ") + k;
        fault(at(p, "save"), c.call + " answers with no credentials or token to save (credentials come from " + which +
                                 "; tokens from idp:Authenticate and signin:GetSigninToken; an encoded authorization failure message from a refused EC2 call other than a Describe call, whose refusal has none)");
    }
    if (!c.save.empty()) (c.presign > 0 ? presigned_urls_ : saves_token(c.call) ? saved_tokens_ : saved_).insert(c.save);
    if (handler_of && c.call == "idp:Authenticate") authenticate_call(c, handler_of->name, p);
    for (const char* k : {"params", "resource", "using", "to", "message", "context", "say"})
        if (const json* v = member(j, k)) check_templates(*v, at(p, k), handler_of);
    // What the call is expected to answer: a step's is compared as written. A send's "then" holds what the receiver's
    // actions answer, whose templates are the receiver's own: checked once every actor's variables are known.
    if (const json* e = member(j, "expect"); e && e->is_object()) {
        expectation_templates(*e, at(p, "expect"), handler_of);
        if (const json* then = member(*e, "then"); then && then->is_array() && is_send && to && !has_template(*to)) {
            const json* type = c.message.is_object() ? member(c.message, "type") : nullptr;
            sent_thens_.push_back({at(at(p, "expect"), "then"), &*then, *to,
                                   type && type->is_string() ? type->get<std::string>() : std::string("message")});
        }
    }
    return c;
}

void Loader::expectation_templates(const json& e, const std::string& p, const ActorSpec* handler_of) {
    for (auto it = e.begin(); it != e.end(); ++it) {
        if (it.key() == "then") continue;
        if (it.key() == "error" && it->is_string() && !handler_templates(it->get_ref<const std::string&>()).empty()) {
            fault(at(p, "error"), "an error code is compared as written: templates are filled in only in \"fields\" values "
                                  "and \"message_contains\", in an actor's handlers");
            continue;
        }
        check_templates(*it, at(p, it.key()), handler_of);
    }
}

namespace {
std::string count_of(std::size_t n, const char* thing) { return std::to_string(n) + " " + thing + (n == 1 ? "" : "s"); }
}  // namespace

void Loader::sent_thens_checked() {
    for (const SentThen& sent : sent_thens_) {
        const auto receiver = s_.actors.find(sent.to);
        if (receiver == s_.actors.end()) continue;  // already a fault
        for (std::size_t i = 0; i < sent.then->size(); ++i)
            if ((*sent.then)[i].is_object()) expectation_templates((*sent.then)[i], at(sent.pointer, i), &receiver->second);
        // An entry past the handler's last action names an action that does not exist (a type the receiver has no
        // handler for is reported at run time, as a message it leaves unanswered).
        const std::vector<Handler>& handlers = receiver->second.handlers;
        auto h = std::find_if(handlers.begin(), handlers.end(), [&](const Handler& x) { return x.on == sent.type; });
        if (h == handlers.end()) h = std::find_if(handlers.begin(), handlers.end(), [](const Handler& x) { return x.on == "*"; });
        if (h != handlers.end() && sent.then->size() > h->actions.size())
            fault(at(sent.pointer, h->actions.size()),
                  "\"then\" checks " + count_of(sent.then->size(), "action") + ", but " + sent.to +
                      "'s handler for '" + h->on + "' has " + count_of(h->actions.size(), "action"));
    }
}

// ---- actors ----

void Loader::actors(const json& j, const std::string& p) {
    if (!map(j, p)) return;
    // Names first, so that handlers and steps may refer to any actor. The services are actors of the run too, with
    // their own names.
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key().empty()) fault(at(p, it.key()), "an actor needs a name: \"\" names no one");
        else if (is_service_actor(it.key()))
            fault(at(p, it.key()), "\"" + it.key() + "\" is the name of a service in every run (" +
                                       service_actor_names() + "): give the actor another name");
        s_.actors[it.key()].name = it.key();
    }
    for (auto it = j.begin(); it != j.end(); ++it) actor(s_.actors.at(it.key()), *it, at(p, it.key()));
}

void Loader::actor(ActorSpec& a, const json& j, const std::string& p) {
    if (!object(j, p, {"principal", "kind", "color", "vars", "idp", "on"})) return;
    const std::string kind = string(j, "kind", p).value_or("user");
    const auto k = std::find_if(kKinds.begin(), kKinds.end(), [&](const auto& e) { return e.first == kind; });
    if (k != kKinds.end()) {
        a.kind = k->second;
    } else {
        Keys names;
        for (const auto& e : kKinds) names.push_back(e.first);
        fault(at(p, "kind"), "unknown actor kind \"" + kind + "\"" + suggest(kind, names));
    }
    a.color = color(j, p);
    // A misspelt "kind" is its one fault: the actor is not then taken for a user who lacks a principal, nor its
    // identity provider's keys and calls for another actor's.
    if (misspelt(p, "kind")) kind_unknown_.insert(a.name);
    const bool kind_known = k != kKinds.end() && !kind_unknown_.count(a.name);
    if (const auto principal = string(j, "principal", p); principal && k != kKinds.end() && a.kind == ActorKind::Anonymous) {
        fault(at(p, "principal"), "an \"anonymous\" actor holds no AWS credentials and signs nothing: remove "
                                  "\"principal\", or give the actor another \"kind\" to act as " + *principal);
    } else if (principal && aws::is_service_principal(*principal)) {
        a.principal = *principal;  // an AWS service, signing its own calls (services.hpp, service_principal_may_call)
        if (k != kKinds.end() && a.kind != ActorKind::Service)
            fault(at(p, "principal"), *principal + " is an AWS service principal: it acts as an actor of \"kind\": \"service\"");
    } else if (principal) {
        a.principal = *principal;
        actor_principal(*principal, at(p, "principal"));
    } else if (!member(j, "principal") && kind_known && a.kind == ActorKind::User) {
        // Only a user must name one: a deputy, an attacker, a service, an identity provider or a broker may hold no AWS
        // credentials (Mallory may only send messages), and "kind" otherwise changes only how an actor is drawn.
        missing(p, "principal", "missing \"principal\": the ARN of the IAM user (or arn:aws:iam::ACCOUNT:root) this actor "
                                "acts as, or a \"kind\" other than \"user\" (\"anonymous\", \"attacker\", ...) for an "
                                "actor with no AWS credentials");
    }
    if (const json* idp = member(j, "idp")) {
        if (a.kind == ActorKind::Idp) identity_provider(a, *idp, at(p, "idp"));
        else if (kind_known) fault(at(p, "idp"), "\"idp\" describes an identity provider: give the actor \"kind\": \"idp\"");
    } else if (a.kind == ActorKind::Idp) {  // without a directory: its steps say what it issues
        aws::IdentityProvider& direct = s_.world.identity_providers[a.name];
        direct.actor = a.name;
        direct.protocol = aws::IdpProtocol::Direct;
    }
    if (const json* vars = member(j, "vars")) {
        if (vars->is_object()) a.vars = *vars;
        else fault(at(p, "vars"), std::string("expected an object of the actor's variables, found ") + json_type_name(*vars));
    }
    if (const json* on = member(j, "on"); on && map(*on, at(p, "on"))) {
        for (auto h = on->begin(); h != on->end(); ++h) {
            const std::string hp = at(at(p, "on"), h.key());
            if (!h->is_array()) {
                fault(hp, std::string("a handler is an array of actions, found ") + json_type_name(*h));
                continue;
            }
            Handler handler;
            handler.on = h.key();
            for (std::size_t i = 0; i < h->size(); ++i) {
                handler.actions.push_back(call((*h)[i], at(hp, i), &a));
                service_principal_call(handler.actions.back(), a, at(hp, i));
            }
            a.handlers.push_back(std::move(handler));
        }
    }
}

// An AWS service principal's own calls (no "using"): those it makes on a resource's behalf.
void Loader::service_principal_call(const CallSpec& c, const ActorSpec& actor, const std::string& p) {
    if (!aws::is_service_principal(actor.principal) || !c.using_.empty()) return;
    const bool call_known = aws::known_operation(c.call) || aws::authorization_only_operation(c.call);
    if (!call_known || aws::service_principal_may_call(c.call)) return;  // an unknown call is a fault of its own
    fault(at(p, "call"), actor.name + " acts as the AWS service principal " + actor.principal + ", which makes only "
                         "sts:AssumeRole (of a service role), S3 calls and the calls the sandbox authorizes only, on a "
                         "resource's behalf (give aws:SourceArn and aws:SourceAccount in \"context\"), not " + c.call +
                         "; with credentials a step saved (\"using\") it may make any call");
}

void Loader::actor_principal(const std::string& principal, const std::string& p) {
    if (!world_known_) return;  // the missing "accounts" is the fault
    const auto arn = iam::Arn::parse(principal);
    if (arn && arn->service == "iam" && arn->resource == "root") {
        account_in_file(arn->account, p);
        return;
    }
    if (s_.world.user(principal)) return;
    if (arn && misspelt(at(at(std::string(), "accounts"), arn->account), "users")) return;  // its account's users are unknown
    if (s_.world.role(principal))
        return fault(p, "an actor acts as an IAM user or an account's root user, not as a role: give a user here and "
                        "let a step assume " + principal);
    // A role session is what a step's AssumeRole makes, never an actor's own identity.
    if (arn && arn->service == "sts" && starts_with(arn->resource, "assumed-role/")) {
        const std::string role = arn->resource.substr(13, arn->resource.find('/', 13) - 13);
        return fault(p, "an actor acts as an IAM user or an account's root user, not as a role session: give a user "
                        "here and let a step assume arn:" + arn->partition + ":iam::" + arn->account + ":role/" + role +
                        " (and \"save\" its credentials for the steps that use them)");
    }
    fault(p, "an actor acts as an IAM user or an account's root user; there is no user " + principal +
                 " in this scenario" + hint(principal, [this] {
                     Keys users;
                     for (const auto& [id, acct] : s_.world.accounts)
                         for (const auto& [n, u] : acct.users) users.push_back(u.arn);
                     return users;
                 }));
}

// ---- steps ----

SimTime Loader::step_time(const json& e, const std::string& p, SimTime previous) {
    const json* value = member(e, "at");
    // Times are written with four-digit years, as AWS writes them: the last step is in the year 9999.
    static const EpochMs kLast = parse_iso8601("9999-12-31T23:59:59Z");
    try {
        SimTime t = previous + kSecond;
        if (!value) {
        } else if (value->is_string()) {
            t = parse_at(value->get<std::string>(), s_.start, previous);
        } else if (value->is_number() && value->get<double>() >= 0 && value->get<double>() < 1e12) {
            t = static_cast<SimTime>(value->get<double>() * kSecond);
        } else if (value->is_number()) {
            throw Error("seconds from the start must be from 0 to 999999999999, found " + value->dump());
        } else {
            throw Error("expected \"+DURATION\" (e.g. \"+30s\"), seconds from the start, or an ISO time, found " +
                        std::string(json_type_name(*value)));
        }
        if (t > kLast - s_.start) throw Error("the step would fall after 9999-12-31T23:59:59Z, the last time the sandbox writes");
        return t;
    } catch (const Error& err) {
        fault(value ? at(p, "at") : p, err.what());
        return previous;
    }
}

void Loader::steps(const json& j, const std::string& p) {
    auto when = [&](SimTime t) { return format_offset(t) + " (" + format_iso8601(s_.start + t) + ")"; };
    if (!j.is_array()) return fault(p, std::string("expected an array of steps, found ") + json_type_name(j));
    SimTime previous = 0;
    std::set<std::string> ids;
    std::set<std::string> saved = saved_;  // a handler's action may save at any time
    std::set<std::string> tokens = saved_tokens_;
    std::set<std::string> urls = presigned_urls_;
    const Keys actors = actor_names();
    // An unnamed step is named by its place, "step-N", unless the file named another step so: then "step-N (unnamed)".
    // The format does not ask for ids to differ: one written twice is told apart below.
    std::set<std::string> named;
    for (const json& e : j)
        if (e.is_object() && e.contains("id") && e["id"].is_string()) named.insert(e["id"].get<std::string>());
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string sp = at(p, i);
        const json& e = j[i];
        Step step;
        step.spec = call(e, sp, nullptr);
        if (!e.is_object()) continue;
        const auto id = string(e, "id", sp);
        const std::string by_place = "step-" + std::to_string(i + 1);
        step.id = id.value_or(named.count(by_place) ? by_place + " (unnamed)" : by_place);
        // An id names the step on one line of `check` and `run` output.
        if (id && (id->empty() || id->find_first_of("\r\n\t") != std::string::npos))
            fault(at(sp, "id"), "a step id is a name on one line, not empty and without line breaks or tabs");
        else  // an id used again is told apart by its occurrence: "whoami", then "whoami (2)"
            for (int n = 2; !ids.insert(step.id).second; ++n) step.id = id.value_or(by_place) + " (" + std::to_string(n) + ")";
        step.at = step_time(e, sp, previous);
        if (step.at < previous) {
            // A number (or a text of one) is seconds from the start, where "+3s" is three seconds after the last step.
            const json* written = member(e, "at");
            const bool number = written && (written->is_number() ||
                                             (written->is_string() && !written->get_ref<const std::string&>().empty() &&
                                              written->get_ref<const std::string&>().find_first_not_of("0123456789.") == std::string::npos));
            fault(at(sp, "at"), "this step is at " + when(step.at) + ", before " +
                                    (i == 0 ? "the scenario's start at " : "the previous step at ") + when(previous) +
                                    ": steps never go back in time" +
                                    (number ? " (a number is seconds from the scenario's start: \"+" +
                                                  (written->is_string() ? written->get<std::string>() : written->dump()) +
                                                  "s\" would be that many seconds after the previous step)"
                                            : std::string()));
        }
        previous = std::max(previous, step.at);
        const auto actor = string(e, "actor", sp, true);
        step.actor = actor.value_or("");
        if (actor && !s_.actors.count(step.actor)) {
            // An actor is named by its key in "actors", not by its principal's ARN.
            std::string whose;
            for (const auto& [name, a] : s_.actors)
                if (!a.principal.empty() && a.principal == step.actor) whose = name;
            fault(at(sp, "actor"), "there is no actor \"" + step.actor + "\"" +
                                       (whose.empty() ? hint(step.actor, actors)
                                                      : " (actors are named by their key in \"actors\": did you mean \"" + whose +
                                                            "\", whose principal that is?)"));
        }
        if (!step.spec.using_.empty() && !saved_under(saved, step.spec.using_) && !tokens.count(step.spec.using_))
            fault(at(sp, "using"), "no earlier step saves credentials as \"" + step.spec.using_ + "\"" +
                                       hint(step.spec.using_, saved));
        if (!step.spec.using_.empty() && tokens.count(step.spec.using_))
            fault(at(sp, "using"), "\"" + step.spec.using_ + "\" is a token (from idp:Authenticate, signin:GetSigninToken or a refused EC2 call), not credentials: "
                                   "pass it as \"SAMLAssertion\", \"WebIdentityToken\", \"SigninToken\" or \"EncodedMessage\": \"@" + step.spec.using_ + "\"");
        token_reference(step.spec, sp, tokens);
        key_reference(step.spec, sp, saved);
        if (step.spec.call == "idp:Authenticate" && actor) authenticate_call(step.spec, step.actor, sp);
        if (const auto a = s_.actors.find(step.actor); a != s_.actors.end()) service_principal_call(step.spec, a->second, sp);
        if (!step.spec.presigned.empty() && !saved_under(urls, step.spec.presigned))
            fault(at(sp, "presigned"), "no earlier step presigns a URL saved as \"" + step.spec.presigned + "\"" +
                                           hint(step.spec.presigned, urls));
        if (!step.spec.save.empty())
            (step.spec.presign > 0 ? urls : saves_token(step.spec.call) ? tokens : saved).insert(step.spec.save);
        s_.steps.push_back(std::move(step));
    }
}

void Loader::handler_usings_saved() {
    for (const auto& [p, name] : handler_usings_)
        if (!saved_under(saved_, name))
            fault(p, "no step or handler action saves credentials as \"" + name + "\"" +
                         hint(name, saved_));
    for (const auto& [p, name] : handler_presigned_)
        if (!saved_under(presigned_urls_, name))
            fault(p, "no step or handler action presigns a URL saved as \"" + name + "\"" +
                         hint(name, presigned_urls_));
}

// ---- the whole file ----

void Loader::top_level(const json& root, const std::string& file) {
    const json* version = member(root, "stslab");
    if (!version) missing("", "stslab", "missing \"stslab\": 1 (the format version) at the top level");
    else if (whole_number(*version) != std::optional<std::uint64_t>(1)) fault("/stslab", "this is format version 1: \"stslab\" must be 1, not " + quoted_value(version->dump()));
    std::string stem = file.substr(file.find_last_of('/') + 1);
    if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0) stem.resize(stem.size() - 5);
    s_.file = file;
    s_.id = string(root, "id", "").value_or(stem);
    s_.title = text(root, "title", "");
    s_.description = text(root, "description", "");
    s_.start = parse_iso8601("2026-01-01T00:00:00Z");
    if (const auto start = string(root, "start", "")) {
        try {
            s_.start = parse_iso8601(*start);
        } catch (const Error& e) {
            fault("/start", e.what());
        }
    }
    if (const json* seed = member(root, "seed")) {
        if (const auto n = whole_number(*seed))
            s_.seed = *n;
        else
            // A number past 2^64 is read as a double, whose digits are not the ones written.
            fault("/seed", std::string("the seed is a whole number from 0 to 18446744073709551615, found ") +
                               (seed->is_number_float() && seed->get<double>() >= 18446744073709551616.0 ? "a larger number"
                                : seed->is_number()                                                   ? seed->dump()
                                                                                                      : json_type_name(*seed)));
    }
    if (const auto latency = string(root, "latency", "")) {
        try {
            s_.latency = parse_duration(*latency);
            // A hop takes milliseconds in AWS; a day is room enough for any lesson, and keeps every delivery time a
            // date (a latency of 106751991167 days overflowed the clock: found by fuzzing).
            if (s_.latency > 24 * 3600 * 1000)
                fault("/latency", "a hop takes at most a day (\"1d\"), not " + *latency);
        } catch (const Error& e) {
            fault("/latency", e.what());
        }
    }
}

Scenario Loader::load(const json& root, const std::string& file) {
    const Keys top = {"stslab", "id", "title", "description", "start", "seed", "latency", "organization",
                      "accounts", "actors", "steps"};
    if (!object(root, "", top)) throw ScenarioError(faults_in_document_order());
    top_level(root, file);
    if (const json* a = member(root, "accounts")) {
        accounts(*a, "/accounts");
    } else {
        // Optional, as every top-level key but "stslab" is: a world without accounts. Unless an unknown key (already
        // a fault) may be the accounts misspelt: then the principals it would hold are not reported missing too.
        world_known_ = true;
        for (auto it = root.begin(); it != root.end(); ++it) world_known_ = world_known_ && contains(top, it.key());
    }
    if (const json* org = member(root, "organization")) organization(*org, "/organization");
    if (const json* a = member(root, "actors")) actors(*a, "/actors");
    if (const json* st = member(root, "steps")) steps(*st, "/steps");
    handler_usings_saved();
    sent_thens_checked();
    saml_metadata(root);
    if (has_faults()) throw ScenarioError(faults_in_document_order());
    return std::move(s_);
}

}  // namespace loader_detail

Scenario load_scenario_text(std::string_view text, const std::string& file) {
    ParsedJson parsed;
    try {
        parsed = parse_jsonc(text, file);
    } catch (const JsonSyntaxError& e) {
        throw ScenarioError({Fault{file, e.pos(), "", e.reason()}});
    } catch (const nlohmann::json::exception& e) {  // a number beyond what a double holds ("1e999")
        const std::string what = e.what();
        throw ScenarioError({Fault{file, {}, "", "a number is too large to store (" + what.substr(what.find(']') + 2) + ")"}});
    }
    try {
        return loader_detail::Loader(file, parsed.positions).load(parsed.value, file);
    } catch (const ScenarioError&) {
        throw;
    } catch (const std::exception& e) {  // a loader bug must still not escape as anything but a refusal
        throw ScenarioError({Fault{file, {}, "", std::string("internal error in the loader, please report it: ") + e.what()}});
    }
}

// A scenario is written by hand; a bound keeps an endless input (a FIFO, /dev/zero) from being read for ever.
constexpr std::size_t kMaxScenarioBytes = std::size_t{64} << 20;

Scenario load_scenario_file(const std::string& path) {
    const std::string name = input_name(path);
    auto refuse = [&](const std::string& why) { return ScenarioError({Fault{name, SourcePos{}, "", why}}); };
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) throw refuse("this is a folder, not a scenario file");
    std::string text;
    switch (read_input(path, kMaxScenarioBytes, text)) {
        case ReadResult::CannotOpen: throw refuse("cannot open the file (does it exist, and may it be read?)");
        case ReadResult::TooLarge:
            throw refuse("the file is larger than " + std::to_string(kMaxScenarioBytes >> 20) + " MiB: too large for a scenario");
        case ReadResult::Ok: break;
    }
    return load_scenario_text(text, name);
}

}  // namespace stslab
