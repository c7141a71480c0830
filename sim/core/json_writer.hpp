// Writing a JSON value member by member, so that one description of a payload can either build a nlohmann::json
// tree (JsonTreeWriter, here) or go straight into a packed trace (PackedJsonStore::Writer, trace/packed.hpp)
// without a tree in between: a long run's decisions and explanations are written once, not built, packed and
// freed.
//
// A writer takes: object(n) or array(n), a container whose n members follow; key(k) before each member of an
// object; and the values string(s), boolean(b), integer(i) (a signed number), null(), value(tree) (a whole
// nlohmann::json) and shared(tree) (a tree many payloads hold, such as a policy document; null writes null).
// Object members must come in nlohmann::json's order (sorted by key): the packed form keeps the order it is
// given, and must read back as the tree would.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stslab {

// One object member: its key, then a string or boolean value (two names: a `const char*` would pick a bool
// overload).
template <class W>
void string_member(W& w, std::string_view key, std::string_view text) {
    w.key(key);
    w.string(text);
}
template <class W>
void bool_member(W& w, std::string_view key, bool b) {
    w.key(key);
    w.boolean(b);
}

// An array of strings, to any writer.
template <class W>
void write_strings(W& w, const std::vector<std::string>& values) {
    w.array(values.size());
    for (const auto& v : values) w.string(v);
}

class JsonTreeWriter {
public:
    void object(std::size_t members) { open(nlohmann::json::object(), members); }
    void array(std::size_t members) { open(nlohmann::json::array(), members); }
    void key(std::string_view key) { key_.assign(key); }
    void string(std::string_view text) { put(std::string(text)); }
    void boolean(bool b) { put(b); }
    void integer(std::int64_t n) { put(n); }
    void null() { put(nullptr); }
    void value(const nlohmann::json& tree) { put(tree); }
    void shared(const std::shared_ptr<const nlohmann::json>& tree) { tree ? put(*tree) : null(); }

    // The value written. Throws std::logic_error when a container got fewer members than announced (the packed
    // form of the same calls would not read back).
    nlohmann::json take() {
        if (!stack_.empty()) throw std::logic_error("a JSON writer's container got fewer members than announced");
        return std::move(root_);
    }

private:
    struct Open {
        nlohmann::json* node;
        std::size_t left;  // members still to come
    };
    // Places a value in the open container (or as the root); a container's address stays valid while it is
    // open, since nothing is added to its parent until it is complete.
    nlohmann::json& insert(nlohmann::json v) {
        if (stack_.empty()) return root_ = std::move(v);
        Open& top = stack_.back();
        --top.left;
        if (top.node->is_object()) return (*top.node)[key_] = std::move(v);
        top.node->push_back(std::move(v));
        return top.node->back();
    }
    void close_complete() {
        while (!stack_.empty() && stack_.back().left == 0) stack_.pop_back();
    }
    void put(nlohmann::json v) {
        insert(std::move(v));
        close_complete();
    }
    void open(nlohmann::json container, std::size_t members) {
        nlohmann::json& at = insert(std::move(container));
        if (members > 0) stack_.push_back(Open{&at, members});
        close_complete();
    }

    nlohmann::json root_;
    std::vector<Open> stack_;
    std::string key_;
};

}  // namespace stslab
