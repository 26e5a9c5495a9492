// What the fuzz targets check their inputs against: the Tomsk model of examples/, loaded once
// per process, and for the targets that store, a database made from it in a temporary folder
// (its units, and the 2021 reports so that review steps have something to act on). The targets
// roll back every input's transaction, so each input meets the same database.
#pragma once

#include <memory>

#include "mera/engine/lua_functions.hpp"
#include "mera/forms/eval.hpp"
#include "mera/rules/model.hpp"
#include "mera/storage/database.hpp"

namespace mera::fuzz {

struct Tomsk {
  std::shared_ptr<const rules::Model> model;
  forms::EnumTable enums;
  std::unique_ptr<engine::LuaFunctions> functions;
};

// Aborts when the model does not load: a fuzz run against no model tests nothing.
const Tomsk& tomsk();

// Made on the first call, removed when the process ends normally.
storage::Database& tomsk_database();

// The fixed time every target gives as "now", so a run does not depend on the day it is made.
inline constexpr const char* kNow = "2026-12-02T12:00:00Z";

}  // namespace mera::fuzz
