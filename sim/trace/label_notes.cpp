// The decision labels' notes in Korean (label_notes.hpp).
#include "trace/label_notes.hpp"

#include <vector>

namespace stslab {

const LabelNote kLabelNotes[] = {
    {"(no such role)", "(존재하지 않는 역할)"},
    {"(at the access point %s)", "(액세스 포인트 %s에서)"},
    {"(at the bucket, for the access point %s)", "(버킷에서, 액세스 포인트 %s를 거친 요청)"},
    {"(by the bucket owner's root user, whom the bucket policy cannot lock out)",
     "(버킷 소유자의 루트 사용자: 버킷 정책으로 막을 수 없음)"},
    {"(authorized only: the sandbox does not carry out this call)", "(권한 평가만: 샌드박스는 이 호출을 실행하지 않음)"},
    {"(then refused: %s)", "(이후 거부: %s)"},
    {"(the tags the write sets)", "(쓰기가 설정하는 태그)"},
    {"(the source %s reads)", "(%s가 읽는 원본)"},
    {"(then refused by S3 Block Public Access: the policy is public and BlockPublicPolicy is on)",
     "(이후 S3 퍼블릭 액세스 차단이 거부: 정책이 퍼블릭이고 BlockPublicPolicy가 켜져 있음)"},
    {"(S3 Block Public Access: RestrictPublicBuckets)", "(S3 퍼블릭 액세스 차단: RestrictPublicBuckets)"},
    {"(a key DeleteObjects lists; authorized only: the sandbox does not delete it)",
     "(DeleteObjects가 나열한 키, 권한 평가만: 샌드박스는 삭제하지 않음)"},
    {"(S3 decrypting s3://%s with its KMS key)", "(S3가 KMS 키로 s3://%s 복호화)"},
    {"(S3 encrypting s3://%s with its KMS key)", "(S3가 KMS 키로 s3://%s 암호화)"},
    {"(S3 decrypting s3://%s with the AWS managed key aws/s3)", "(S3가 AWS 관리형 키 aws/s3로 s3://%s 복호화)"},
    {"(S3 encrypting s3://%s with the AWS managed key aws/s3)", "(S3가 AWS 관리형 키 aws/s3로 s3://%s 암호화)"},
    {"(the instance profile's role, which %s hands to EC2)", "(인스턴스 프로필의 역할: %s가 EC2에 넘김)"},
    {"(%s: the role %s hands to %s)", "(%s: %s가 %s에 넘기는 역할)"},
};
const std::size_t kLabelNoteCount = sizeof kLabelNotes / sizeof kLabelNotes[0];

namespace {

// `text` cut at each "%s".
std::vector<std::string> pieces_of(const std::string& text) {
    std::vector<std::string> pieces;
    for (std::size_t from = 0;;) {
        const std::size_t slot = text.find("%s", from);
        pieces.push_back(text.substr(from, slot == std::string::npos ? std::string::npos : slot - from));
        if (slot == std::string::npos) return pieces;
        from = slot + 2;
    }
}

// One "(...)" in Korean: the note whose English it is, each "%s" the text the group has there; else as it is.
std::string korean_group(const std::string& group) {
    for (std::size_t n = 0; n < kLabelNoteCount; ++n) {
        // The group must have each English piece in turn, the first at its start and the last at its end, and what
        // lies between them is the texts.
        const std::vector<std::string> pieces = pieces_of(kLabelNotes[n].en);
        if (group.compare(0, pieces.front().size(), pieces.front()) != 0) continue;
        if (pieces.size() == 1 && group != pieces.front()) continue;
        std::vector<std::string> texts;
        std::size_t at = pieces.front().size();
        bool matched = true;
        for (std::size_t k = 1; k < pieces.size() && matched; ++k) {
            const bool last = k + 1 == pieces.size();
            const std::size_t next = last ? (group.size() >= pieces[k].size() ? group.size() - pieces[k].size() : std::string::npos)
                                          : group.find(pieces[k], at + 1);
            matched = next != std::string::npos && next > at && group.compare(next, pieces[k].size(), pieces[k]) == 0;
            if (matched) texts.push_back(group.substr(at, next - at));
            at = next + pieces[k].size();
        }
        if (!matched) continue;
        const std::vector<std::string> korean = pieces_of(kLabelNotes[n].ko);
        if (korean.size() != pieces.size()) return group;  // a table entry whose two texts do not agree (tested)
        std::string out = korean.front();
        for (std::size_t k = 1; k < korean.size(); ++k) out += texts[k - 1] + korean[k];
        return out;
    }
    return group;
}

}  // namespace

std::string korean_label_note(const std::string& added) {
    // Each top-level "(...)", its own parentheses counted: "(then refused: ... (RootSessions))".
    std::string out;
    std::size_t i = 0;
    while (i < added.size()) {
        if (added[i] != '(') {
            out += added[i++];
            continue;
        }
        std::size_t end = i;
        for (int depth = 0; end < added.size(); ++end) {
            depth += added[end] == '(' ? 1 : added[end] == ')' ? -1 : 0;
            if (depth == 0) break;
        }
        if (end == added.size()) return out + added.substr(i);  // unbalanced: the rest as it is
        out += korean_group(added.substr(i, end - i + 1));
        i = end + 1;
    }
    return out;
}

}  // namespace stslab
