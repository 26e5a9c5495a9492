// The workbook of a form to fill in (sheets/template.hpp) for `mera template` and the service's
// /api/templates: the form of the revision in force for the period (the newest approved one
// without a period), the unit and period checked against the unit tree and the form.
#pragma once

#include <string>

#include "mera/storage/database.hpp"

namespace mera::engine {

struct TemplateAsked {
  std::string form, unit, period;
};

struct TemplateMade {
  std::string error;      // why there is no workbook (an unknown form, unit or period), else empty
  std::string bytes;      // the .xlsx
  std::string file_name;  // "blood_families_org01_2023Q1.xlsx"
  bool no_such_form = false;  // the error is that the model has no such form (404, not 400)
};

TemplateMade make_template(const storage::Database& db, const TemplateAsked& asked);

}  // namespace mera::engine
