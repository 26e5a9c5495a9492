// The compiled model as JSON, for clients to build forms from: levels, enums, forms with their
// fields (type, bounds, when, formula, labels) and checks (with their messages), indicators and
// deadlines. Expressions are given in the model's own canonical text (mera fmt's).
#pragma once

#include <nlohmann/json.hpp>

#include "mera/rules/model.hpp"

namespace mera::service {

nlohmann::json model_json(const rules::Model& model);

}  // namespace mera::service
