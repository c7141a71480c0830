// The notes a decision's label adds to its request ("s3:GetObject on ARN (at the access point hr-ap)"), as the
// services write them, and their Korean: the text replay (`stslab run --lang ko`) and the viewer show them so.
#pragma once

#include <cstddef>
#include <string>

namespace stslab {

// One note in English, as a service writes it ("%s" stands for any text: a name, an object), and in Korean.
struct LabelNote {
    const char* en;
    const char* ko;
};

// Every note the services write; a test fails on a lesson's note that has no entry.
extern const LabelNote kLabelNotes[];
extern const std::size_t kLabelNoteCount;

// What a decision's label adds to its request, " (no such role)", " (at the access point hr-ap)", in Korean: each
// top-level "(...)" whose English is a note, in Korean with the same texts; one it does not know, as it is.
std::string korean_label_note(const std::string& added);

}  // namespace stslab
