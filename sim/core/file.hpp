// Reading a whole input file with a bound, so that an endless input (a FIFO, /dev/zero) is refused rather than
// read until memory runs out.
#pragma once

#include <cstddef>
#include <fstream>
#include <iostream>
#include <string>

namespace stslab {

enum class ReadResult { Ok, TooLarge, CannotOpen };

// Appends the stream's bytes to `out`; stops with TooLarge once more than `limit` bytes have come.
inline ReadResult read_bounded(std::istream& in, std::size_t limit, std::string& out) {
    char block[1 << 16];
    while (in.read(block, sizeof block) || in.gcount() > 0) {
        out.append(block, static_cast<std::size_t>(in.gcount()));
        if (out.size() > limit) return ReadResult::TooLarge;
    }
    return ReadResult::Ok;
}

// The whole of a file, or of standard input for "-", into `out` (at most `limit` bytes).
inline ReadResult read_input(const std::string& path, std::size_t limit, std::string& out) {
    if (path == "-") return read_bounded(std::cin, limit, out);
    std::ifstream file(path, std::ios::binary);
    if (!file) return ReadResult::CannotOpen;
    const ReadResult result = read_bounded(file, limit, out);
    // A directory opens but cannot be read (EISDIR): it is not an empty file.
    return file.bad() ? ReadResult::CannotOpen : result;
}

// How messages name what read_input read: the path, or "<stdin>" for "-".
inline std::string input_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

}  // namespace stslab
