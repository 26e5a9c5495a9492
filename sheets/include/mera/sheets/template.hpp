// `mera template`: a form as an Excel workbook to fill in (libxlsxwriter). The data sheet shows
// the fields' labels; the names a reader needs stay where nobody sees them (a hidden first row,
// a hidden sheet `mera`); enum and yes/no fields get drop-down lists, bounds become validation,
// required fields are marked and `when` is noted on their headers; the form's checks are listed
// on a sheet of their own. A record form is one row per record, a periodic form one row per
// unit and period. read_workbook (workbook.hpp) reads the filled-in workbook back.
#pragma once

#include <string>
#include <vector>

#include "mera/forms/form.hpp"

namespace mera::sheets {

struct TemplateRequest {
  const forms::Form* form = nullptr;
  std::string unit;    // filled in on the first row when given
  std::string period;  // likewise (a periodic form)
  std::vector<std::string> units;  // the ids of the units that submit the form: the unit column's drop-down list
};

// The workbook's bytes. Throws std::runtime_error when libxlsxwriter cannot write it (the disk).
std::string make_template(const TemplateRequest& request);

// The file name a workbook of the request is offered as: "blood_families_org01_2023Q1.xlsx".
std::string template_file_name(const TemplateRequest& request);

}  // namespace mera::sheets
