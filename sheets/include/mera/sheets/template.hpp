// `mera template`: a form as an Excel workbook to fill in (libxlsxwriter). The data sheet shows
// the fields' labels; the names a reader needs stay where nobody sees them (a hidden first row,
// a hidden sheet `mera`); enum and yes/no fields get drop-down lists, bounds become validation,
// required fields are marked and `when` is noted on their headers; the form's checks are listed
// on a sheet of their own. A record form is one row per record, a periodic form one row per
// unit and period. read_workbook (workbook.hpp) reads the filled-in workbook back. Given stored
// reports, the workbook is the template filled in with them (`mera submissions --format xlsx`):
// fixed and submitted as a correction, it replaces them.
#pragma once

#include <string>
#include <vector>

#include "mera/forms/form.hpp"
#include "mera/forms/value.hpp"

namespace mera::sheets {

// A report to fill a row with: its unit, its period (a periodic form) and its values, one per
// field of the form (calculated fields are not written: the form computes them).
struct FilledReport {
  std::string unit, period;
  std::vector<forms::Value> values;
};

struct TemplateRequest {
  const forms::Form* form = nullptr;
  std::string unit;    // filled in on the first row when given
  std::string period;  // likewise (a periodic form)
  std::vector<std::string> units;  // the ids of the units that submit the form: the unit column's drop-down list
  std::vector<FilledReport> reports;  // rows from the first data row on; when given, unit and period are not written
};

// The workbook's bytes. Throws std::runtime_error when libxlsxwriter cannot write it (the disk).
std::string make_template(const TemplateRequest& request);

// The file name a workbook of the request is offered as: "blood_families_org01_2023Q1.xlsx".
std::string template_file_name(const TemplateRequest& request);

}  // namespace mera::sheets
