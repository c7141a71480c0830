// Reading a whole input file with a bound, so that an endless input (a FIFO, /dev/zero) is refused rather than
// read until memory runs out.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace stslab {

enum class ReadResult { Ok, TooLarge };

// Appends the stream's bytes to `out`; stops with TooLarge once more than `limit` bytes have come.
inline ReadResult read_bounded(std::istream& in, std::size_t limit, std::string& out) {
    char block[1 << 16];
    while (in.read(block, sizeof block) || in.gcount() > 0) {
        out.append(block, static_cast<std::size_t>(in.gcount()));
        if (out.size() > limit) return ReadResult::TooLarge;
    }
    return ReadResult::Ok;
}

}  // namespace stslab
