// The `stslab eval` hot path (append_eval_answer: the lite JSON reader, compile, evaluate, answer written
// directly) must answer exactly as the nlohmann::json path (answer_eval_request(...).dump()) does, byte for
// byte, for good requests, for odd JSON and for every kind of fault.
#include "iam/eval_request.hpp"
#include "iam/json_lite.hpp"
#include "iam/policy_gen.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace stslab;
using namespace stslab::iam;
using nlohmann::json;

namespace {

std::string fast(const std::string& line, bool explain = false) {
    std::string out;
    append_eval_answer(line, explain, out);
    return out;
}

std::string reference(const std::string& line, bool explain = false) { return answer_eval_request(line, explain).dump(); }

}  // namespace

TEST_CASE("the fast path answers generated requests exactly as the nlohmann path, with and without --explain") {
    Rng rng(11);
    PolicyGenerator gen(rng);
    for (int i = 0; i < 400; ++i) {
        json x = gen.eval_request();
        if (i % 3 == 0) x["id"] = i;
        if (i % 7 == 0) x["id"] = "r-" + std::to_string(i);
        if (i % 5 == 0) x["identity_policies"][0] = x["identity_policies"][0].dump();  // a policy as a JSON string
        const std::string line = i % 2 ? x.dump() : x.dump(2);                        // and with whitespace
        CHECK(fast(line) == reference(line));
        if (i % 4 == 0) CHECK(fast(line, true) == reference(line, true));
    }
}

TEST_CASE("the fast path gives the same answer for odd JSON: ids, numbers, escapes, repeated keys, non-ASCII") {
    const std::string head = R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject",)"
                             R"("resource":"arn:aws:s3:::b1/k",)";
    const std::string allow = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})";
    const std::vector<std::string> lines = {
        head + R"("id":1.50,"identity_policies":[)" + allow + "]}",
        head + R"("id":{"b":[1,2e2,-0],"a":null},"identity_policies":[)" + allow + "]}",
        head + R"("id":null,"identity_policies":[)" + allow + "]}",
        head + R"("id":"tab\there","identity_policies":[)" + allow + "]}",
        head + R"("id":"\u00e9t\u00e9","identity_policies":[)" + allow + "]}",
        head + R"("id":"été","identity_policies":[)" + allow + "]}",
        head + R"("context":{"s3:max-keys":1e1,"n":-0,"f":2.50,"b":true,"m":[1,"x",false]},"identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThanEquals":{"s3:max-keys":[10.0,1E1]},"StringEquals":{"n":"0"}}}}]})",
        head + R"("identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Deny","Effect":"Allow","Action":"s3:*","Resource":"*"}}]})",
        head + R"("identity_policies":[{"Version":"2012-10-17","Statement":{"Sid":"A\"b\\c\/d","Effect":"Allow","Action":"s3:*","Resource":"*"}}]})",
        head + R"("identity_policies":["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}}"]})",
        head + R"("identity_policies":["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}"]})",
        head + R"("identity_policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqulas":{"aws:username":"alice"}}}]}]})",
        head + R"("identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericEquals":{"k":"x"}}}}]})",
        head + R"("identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}]})",
        head + R"("identity_policies":[]})" + " trailing",
        head + R"("identity_policies":[],"bogus":1})",
        R"({"principal":"arn:aws:iam::role/x","action":"s3:GetObject"})",
        R"({"principal":"arn:aws:iam::111122223333:user/alice"})",
        "[1,2]",
        "{not json",
        "",
        "  {}  ",
        head + R"("scps":[["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"]],)"
               R"("identity_policies":[)" + allow + "]}",
        head + R"("resource_policy":{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}},"identity_policies":[)" + allow + "]}",
    };
    for (const auto& line : lines) {
        CAPTURE(line);
        CHECK(fast(line) == reference(line));
        CHECK(fast(line, true) == reference(line, true));
    }
}

TEST_CASE("the lite reader reads objects in nlohmann's order and leaves what it does not accept to nlohmann") {
    lite::Document doc;
    CHECK_FALSE(doc.parse(R"( {"b": 1, "a": 2, "b": 3} )"));  // a repeated key: nlohmann's path reports it
    REQUIRE(doc.parse(R"( {"b": {"k": -2.5e3}, "a": [true, null, "x\ny"]} )"));
    const lite::Value root = doc.root();
    REQUIRE(root.size() == 2);
    std::vector<std::string> keys;
    for (const auto& [key, value] : root.items()) keys.emplace_back(key);
    CHECK(keys == std::vector<std::string>{"a", "b"});
    CHECK(root["a"][2].str() == "x\ny");
    CHECK(root["a"][1].is_null());
    CHECK(root["b"]["k"].raw() == "-2.5e3");
    CHECK(lite::json_text(root["b"]["k"]) == json::parse("-2.5e3").dump());
    CHECK_FALSE(root.contains("c"));
    REQUIRE(doc.parse(R"(["abcdefghijklmnopq\nrs", "0123456789abcdef", "abcdefgh\"ij\\kl"])"));
    CHECK(doc.root()[0].str() == "abcdefghijklmnopq\nrs");
    CHECK(doc.root()[1].str() == "0123456789abcdef");
    CHECK(doc.root()[2].str() == "abcdefgh\"ij\\kl");
    for (const char* text : {"\"abcdefghijk\tl\"", "\"abcdefghijk\xc3\xa9\"", "\"abcdefghijklmnop", "\"abcdefgh\x01\""})
        CHECK_FALSE(doc.parse(text));
    for (const char* text : {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\u0041\"", "\"\xc3\xa9\"", "tru",
                             "{} {}", "\"a\tb\""})
        CHECK_FALSE(doc.parse(text));
}

TEST_CASE("a batch that compiles repeated policies once answers exactly as each request alone") {
    Rng rng(5);
    PolicyGenerator gen(rng);
    std::vector<std::string> lines;
    for (int i = 0; i < 40; ++i) lines.push_back(gen.eval_request().dump());
    lines.push_back(R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","identity_policies":[{"Statement":1}]})");
    EvalBatch batch;
    for (int round = 0; round < 3; ++round)
        for (const auto& line : lines) {
            std::string out;
            const bool answered = batch.answer(line, round == 2, out, 0);
            CHECK(out == reference(line, round == 2));
            CHECK(answered == (out.rfind(R"({"error")", 0) != 0));
        }
    CHECK(batch.reused() > batch.compiled());
}

TEST_CASE("the lite reader finds a string's end, escapes and refused bytes at every position of strings up to 40 bytes") {
    // The scanner skips plain bytes a block at a time: every position of a block, and strings shorter and longer
    // than a block, must be read as nlohmann reads them (or left to it).
    lite::Document doc;
    for (std::size_t length = 0; length <= 40; ++length) {
        std::string plain;
        for (std::size_t i = 0; i < length; ++i) plain += static_cast<char>('a' + i % 26);
        CAPTURE(length);
        const std::string whole = "[\"" + plain + "\"]";  // the document's strings are views into its text
        REQUIRE(doc.parse(whole));
        CHECK(doc.root()[0].str() == plain);
        for (std::size_t at = 0; at <= length; ++at) {
            CAPTURE(at);
            const std::string before = plain.substr(0, at), after = plain.substr(at);
            REQUIRE(doc.parse("[\"" + before + "\\n" + after + "\"]"));
            CHECK(doc.root()[0].str() == before + "\n" + after);
            CHECK(doc.root()[0].str() == json::parse("\"" + before + "\\n" + after + "\"").get<std::string>());
            CHECK_FALSE(doc.parse("[\"" + before + "\x01" + after + "\"]"));         // a control byte
            CHECK_FALSE(doc.parse("[\"" + before + "\xc3\xa9" + after + "\"]"));     // non-ASCII: nlohmann's
            CHECK_FALSE(doc.parse("[\"" + before + "\"" + after + "\"]"));           // ends early, then garbage
            const std::string with_del = "[\"" + before + "\x7f" + after + "\"]";  // DEL is plain ASCII
            REQUIRE(doc.parse(with_del));
            CHECK(doc.root()[0].str() == before + "\x7f" + after);
        }
        CHECK_FALSE(doc.parse("[\"" + plain));  // no closing quote
    }
}

TEST_CASE("a key twice in one object: in a policy it is malformed, elsewhere the request is (reference_policies_grammar)") {
    const std::string head = R"({"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject",)"
                             R"("resource":"arn:aws:s3:::b1/k",)";
    const json in_policy = answer_eval_request(
        head + R"("identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Deny","Effect":"Allow","Action":"s3:*","Resource":"*"}}]})", false);
    CHECK(in_policy["error"]["code"] == "MalformedPolicyDocument");
    CHECK(in_policy["error"]["path"] == "identity_policies/0/Statement");
    const json in_request = answer_eval_request(head + R"("action":"s3:PutObject","identity_policies":[]})", false);
    CHECK(in_request["error"]["code"] == InvalidEvalRequest::kCode);
    CHECK(in_request["error"]["message"].get<std::string>().find("the key \"action\" appears twice") != std::string::npos);
}
