// Typed reading of a hand-written JSON document, with faults instead of exceptions: the loader's vocabulary for
// "an object with these keys", "a string here", "a list of strings there".
//
// Every reader records a fault at the value's JSON pointer (so with its file, line and column) when the value is
// missing or of the wrong type, and returns nothing; the caller carries on, so one pass over a file finds all of
// its faults. Messages say what was found and what was expected ("expected a string, found a number").
#pragma once

#include "scenario/diagnostics.hpp"
#include "scenario/scenario.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace stslab {

using Keys = std::vector<std::string>;

// "a string", "an object", "true or false", ... as a sentence says it.
const char* json_type_name(const nlohmann::json& value);
// "a, b, c".
std::string join_keys(const Keys& keys);
// did_you_mean(), for names of a length a person types: a hostile megabyte-long name gets no hint rather than
// seconds of edit-distance work.
std::string spelling_hint(std::string_view word, const Keys& candidates);
// The hint when there is one, else the advice.
inline std::string or_hint(const std::string& did_you_mean, const char* advice) { return did_you_mean.empty() ? advice : did_you_mean; }
inline bool contains(const Keys& keys, const std::string& key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); }

// Whether NAME is one of the names `saved` holds: as written, or as a handler's templated save makes it at run time
// ("session-${from}" saves "session-alice": any text stands for each template).
bool saved_under(const std::set<std::string>& saved, const std::string& name);

// " (did you mean \"X\"?)" for a likely misspelling, else " (expected one of: A, B, C)".
std::string suggest(std::string_view word, const Keys& candidates);

class Checker {
public:
    Checker(const std::string& file, const SourceMap& positions) : d_(file, &positions) {}

    void fault(const std::string& ptr, const std::string& message) { d_.add(ptr, message); }
    bool has_faults() const { return !d_.empty(); }
    // spelling_hint() for the file's first kHintedFaults faults, "" past them: each hint measures the word against
    // every candidate, and a hostile file of thousands of unknown names among thousands of saved ones took half a
    // minute. `names`: any container of strings, or a function that lists them (called only for a hint).
    static constexpr std::size_t kHintedFaults = 100;
    template <class Names>
    std::string hint(std::string_view word, const Names& names) const {
        if (d_.faults().size() >= kHintedFaults) return {};
        if constexpr (std::is_invocable_v<const Names&>) return spelling_hint(word, names());
        else if constexpr (std::is_same_v<Names, Keys>) return spelling_hint(word, names);
        else return spelling_hint(word, Keys(std::begin(names), std::end(names)));
    }
    // Every fault so far, ordered as the file reads (by line and column; ties keep the order found).
    std::vector<Fault> faults_in_document_order() const;

    static std::string at(const std::string& ptr, std::string_view key) { return pointer_append(ptr, key); }
    static std::string at(const std::string& ptr, std::size_t index) { return pointer_append(ptr, std::to_string(index)); }
    static const nlohmann::json* member(const nlohmann::json& obj, const char* key);

    // `j` must be an object whose keys are all in `allowed`; each other key is a fault with a "did you mean".
    // False (after a fault) when `j` is not an object.
    bool object(const nlohmann::json& j, const std::string& ptr, const Keys& allowed);
    // `key` of `j` (at `ptr`) is not one of `allowed`: when it is a misspelling of one that `j` lacks, a later
    // missing() of that one stays silent (the misspelling's own fault says it all).
    void note_misspelling(const nlohmann::json& j, const std::string& ptr, const std::string& key, const Keys& allowed);
    // Whether `key` of the object at `ptr` is missing because it was misspelt: what would be in it is unknown, so a
    // name that should be there is no fault of its own.
    bool misspelt(const std::string& ptr, std::string_view key) const { return misspelt_.count(at(ptr, key)) != 0; }
    // `j` must be an object; its keys are names (of users, buckets, ...) that the caller checks.
    bool map(const nlohmann::json& j, const std::string& ptr);
    // `obj[key]` must be an array; each element is checked by the caller. False when absent or not an array.
    bool array(const nlohmann::json& obj, const char* key, const std::string& ptr, const char* of_what);

    // A fault for a required key that is absent, unless an unknown key of the same object was already reported
    // as its likely misspelling (one fault for one mistake).
    void missing(const std::string& ptr, const char* key, const std::string& message);

    // obj[key] as a string; nullopt when absent (a fault when `required`) or not a string (a fault).
    std::optional<std::string> string(const nlohmann::json& obj, const char* key, const std::string& ptr,
                                      bool required = false);
    // obj[key] as a list of strings; empty when absent. Elements that are not strings are faults.
    std::vector<std::string> strings(const nlohmann::json& obj, const char* key, const std::string& ptr);
    // The same, where a value listed twice is a fault (an account in an organization, a user's group).
    std::vector<std::string> distinct_strings(const nlohmann::json& obj, const char* key, const std::string& ptr);
    // obj[key] as an object of string values (tags); empty when absent.
    std::map<std::string, std::string> string_map(const nlohmann::json& obj, const char* key, const std::string& ptr);
    // obj[key] as a display colour "#rrggbb"; "" when absent or wrong (a fault).
    std::string color(const nlohmann::json& obj, const std::string& ptr);
    // obj[key] as a string or {"en": ..., "ko": ...}.
    LocalText text(const nlohmann::json& obj, const char* key, const std::string& ptr);

private:
    Diagnostics d_;
    std::set<std::string> misspelt_;  // pointers of required keys that an unknown key was taken to be
};

}  // namespace stslab
