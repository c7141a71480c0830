// Handler templates: references into the message, the actor's variables, the sender and the actor itself.
#include "core/error.hpp"
#include "scenario/templates.hpp"

#include <doctest/doctest.h>

using namespace stslab;
using nlohmann::json;

TEST_CASE("templates resolve message members, variables with a bracketed lookup, the sender and the actor") {
    const json message = {{"type", "register"}, {"customer", "mallory"}, {"role_arn", "arn:aws:iam::111:role/R"},
                          {"list", {"a", "b"}}, {"obj", {{"k", 1}}}};
    const json vars = {{"external_ids", {{"victim", "ext-1"}, {"mallory", "ext-2"}}}};
    const TemplateEnv env{&message, &vars, "mallory", "vendor"};
    CHECK(resolve_templates("${message.role_arn}", env) == "arn:aws:iam::111:role/R");
    CHECK(resolve_templates("${vars.external_ids[message.customer]}", env) == "ext-2");
    CHECK(resolve_templates("vendor-for-${from}", env) == "vendor-for-mallory");
    CHECK(resolve_templates("${actor}", env) == "vendor");
    CHECK(resolve_templates("${message.list.1}", env) == "b");
    CHECK(resolve_templates("${message.obj}", env) == json{{"k", 1}});  // a whole template keeps its JSON type
    CHECK(resolve_templates("x=${message.obj}", env) == "x={\"k\":1}");
    CHECK(resolve_templates(json{{"RoleArn", "${message.role_arn}"}, {"n", 3}}, env) ==
          json{{"RoleArn", "arn:aws:iam::111:role/R"}, {"n", 3}});
    CHECK(resolve_templates("no templates here", env) == "no templates here");
    // IAM policy variables are the policy's, not the handler's.
    CHECK(resolve_templates("arn:aws:s3:::b/${aws:username}/${message.customer}/${*}", env) ==
          "arn:aws:s3:::b/${aws:username}/mallory/${*}");
    // "$${" is a "${" meant as text, never read as a template; "$$" alone is two dollars.
    CHECK(resolve_templates("echo $${HOME} $${message.customer} ${from} costs $$5", env) ==
          "echo ${HOME} ${message.customer} mallory costs $$5");
}

TEST_CASE("a template that does not resolve is an error naming it") {
    const json message = {{"type", "register"}};
    const json vars = json::object();
    const TemplateEnv env{&message, &vars, "a", "b"};
    CHECK_THROWS_WITH_AS(resolve_templates("${message.role_arn}", env),
                         "template '${message.role_arn}': 'message.role_arn' does not exist", Error);
    CHECK_THROWS_WITH_AS(resolve_templates("${vars.ids[message.type]}", env),
                         "template '${vars.ids[message.type]}': 'vars.ids' does not exist", Error);
}

TEST_CASE("template syntax is checked without a message") {
    CHECK(check_template_syntax("${message.a.b}") == "");
    CHECK(check_template_syntax("${vars.ids[message.customer]}-x") == "");
    CHECK(check_template_syntax("${msg.a}") == "template '${msg.a}': unknown template root 'msg': expected message, vars, from or actor");
    CHECK(check_template_syntax("${message.a") == "template '${message.a': a '${' is never closed with '}'");
    CHECK(check_template_syntax("${vars.x[message.y}") == "template '${vars.x[message.y}': unexpected '}'");
    CHECK(check_template_syntax("${message..a}") == "template '${message..a}': an empty member name after '.'");
}
