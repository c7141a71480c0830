// `stslab eval FILE` / `stslab eval --batch FILE.jsonl [--explain]`: answer authorization questions without a
// world, like the IAM policy simulator (scenario-format.md "Running it"; the request format is in
// iam/eval_request.hpp). One JSON line per request, in input order; a request that cannot be read yields a line
// {"error": {"code", "message"}} and the batch goes on. A batch compiles a policy that repeats across its
// requests (same place in the request, same text) once (iam::EvalBatch); the answers are the same as one request
// at a time. Exit status: 0 when every request was answered, 1 when a file cannot be read or some request was
// malformed, 2 on a usage error. FILE "-" reads standard input.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "iam/eval_request.hpp"

#include <filesystem>
#include <iostream>

namespace stslab::cli {
namespace {

constexpr const char* kUsage = "stslab eval [--explain] FILE | stslab eval --batch [--explain] FILE.jsonl";

// Reads the whole input, or throws Error naming the file.
// At most 1 GiB: an endless input (/dev/zero) is refused, a batch of millions of requests is not.
std::string read_all(const std::string& path) {
    std::string text;
    switch (read_input(path, std::size_t{1} << 30, text)) {
        case ReadResult::CannotOpen: {
            std::error_code ignored;
            throw Error("cannot read '" + path + "': " +
                        (std::filesystem::is_directory(path, ignored) ? "this is a folder, not a file of questions"
                                                                      : "no such file or not readable"));
        }
        case ReadResult::TooLarge: throw Error("'" + path + "' is larger than 1 GiB");
        case ReadResult::Ok: break;
    }
    return text;
}

// A batch line that is only a comment ("// ..." or one "/* ... */") holds no request.
bool only_comment(std::string_view line) {
    return line.substr(0, 2) == "//" || (line.substr(0, 2) == "/*" && line.size() >= 4 && line.find("*/", 2) == line.size() - 2);
}

}  // namespace

int eval(const Args& args) {
    try {
        const Options opts(args, {}, {"batch", "explain"});
        if (opts.positional().size() != 1)
            throw UsageError(opts.positional().empty() ? "eval needs a file" : "eval takes one file");
        const std::string text = read_all(opts.positional().front());
        const bool explain = opts.has("explain");
        bool all_answered = true;
        std::string out;  // answers, written out in blocks
        iam::EvalBatch batch;  // compiles a policy repeated across the batch's requests once
        auto answer = [&](std::string_view request, std::size_t line) {
            if (!batch.answer(request, explain, out, line)) all_answered = false;
            out += '\n';
            if (out.size() >= (1u << 16)) {
                std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
                out.clear();
            }
        };
        if (!opts.has("batch")) {
            answer(text, 0);
        } else {
            std::size_t start = 0;
            for (std::size_t line_number = 1; start < text.size(); ++line_number) {
                std::size_t end = text.find('\n', start);
                if (end == std::string::npos) end = text.size();
                std::string_view line(text.data() + start, end - start);
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                const std::size_t first = line.find_first_not_of(" \t");
                if (first != std::string_view::npos && !only_comment(line.substr(first))) answer(line, line_number);
                start = end + 1;
            }
        }
        std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
        std::cout.flush();
        return all_answered ? 0 : 1;
    } catch (const UsageError& e) {
        return usage_error(e, kUsage);
    }
}

}  // namespace stslab::cli
