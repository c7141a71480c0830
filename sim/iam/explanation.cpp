#include "iam/explanation.hpp"

#include "core/json_writer.hpp"

namespace stslab::iam {

nlohmann::json to_json(const Explanation& e) {
    JsonTreeWriter w;
    write_json(w, e);
    return w.take();
}

}  // namespace stslab::iam
