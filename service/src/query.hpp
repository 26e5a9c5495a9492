// What several routes read from a query in the same way: a period, a unit (the caller's own by
// default, 404 when the tree has none such), a number, a flag; and the engine's words for the
// command line (`--period P`) put as a query says them (`period=P`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "context.hpp"
#include "mera/forms/period.hpp"

namespace mera::service {

// period=P: nullopt when absent; 400 saying how to write one when it does not read.
std::optional<forms::Period> period_param(const Context& c, const char* name = "period");
// unit=U, or the caller's unit; 404 (with the closest names) when the tree has no such unit.
std::string unit_param(Context& c, const engine::UnitTree& tree);
// A whole number from `least` to `most`, or `absent` when not given; 400 otherwise.
std::int64_t number_param(const Context& c, const char* name, std::int64_t absent, std::int64_t least, std::int64_t most);
// name=true|1 or name=false|0 or absent; 400 for anything else.
bool flag_param(const Context& c, const char* name);
// The day access to a unit's values of a period is judged on: the last day of the period the
// unit was in the tree (as for a stored report), or today without a period.
dsl::Date day_for(const engine::UnitTree& tree, const std::string& unit, const std::optional<forms::Period>& period);
// "--period 2021Q1" -> "period=2021Q1", and so for --unit, --revision, --all: an engine message
// written for the command line, told to a client of the service.
std::string as_query_words(std::string message);

}  // namespace mera::service
