// libxlsxwriter of Debian writes to a file only: a workbook is written to a temporary file and
// read back as bytes, the file removed whatever happens.
#pragma once

#include <functional>
#include <string>

struct lxw_workbook;

namespace mera::sheets {

// Makes a workbook on a temporary file, lets `fill` add its sheets, closes it and returns the
// bytes. Throws std::runtime_error when it cannot be written.
std::string workbook_bytes(const std::function<void(lxw_workbook*)>& fill);

}  // namespace mera::sheets
