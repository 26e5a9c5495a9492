// A dashboard, a comparison of two revisions and an explanation as JSON values, for
// `mera eval --format json` and for the HTTP service, which embeds them in its answers: one
// rendering of each for every client. Exact values with full precision beside the displayed ones.
#pragma once

#include <nlohmann/json.hpp>

#include "mera/engine/dashboard.hpp"

namespace mera::engine {

nlohmann::ordered_json to_json(const Dashboard& dashboard);
nlohmann::ordered_json to_json(const DashboardBuilder::Comparison& comparison);
// One indicator's value for the dashboard's (single) unit and period: the formula, the value,
// the target, the indicators it uses and every aggregate with each unit's share and submissions.
nlohmann::ordered_json to_json(const Explanation& explanation, const Dashboard& context);

}  // namespace mera::engine
