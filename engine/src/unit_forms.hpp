// The optional `forms` column of a units table: the forms a unit submits, when it submits only
// some of its level's forms (in Tomsk a birth-family organization sends blood_families and staff,
// a foster-family one foster_school, foster_support and staff). Empty: every form of the level.
// Private to engine/.
#pragma once

#include <set>
#include <string>

#include "mera/dsl/diagnostic.hpp"
#include "mera/forms/read.hpp"
#include "mera/rules/model.hpp"

namespace mera::engine {

// The names in the cell, separated by blanks (or commas); each must be a form of the model that
// units of `level` submit. Problems go to `diags` at the cell; `ok` turns false then.
std::set<std::string> read_forms_cell(const forms::CsvCell& cell, const rules::Model& model, const std::string& unit,
                                      const std::string& level, dsl::Diagnostics& diags, bool& ok);

// "blood_families staff", or "every form of its level" for an empty set: for messages.
std::string forms_text(const std::set<std::string>& forms);

}  // namespace mera::engine
