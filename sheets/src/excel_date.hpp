// Excel's dates: a number of days (the serial) in a cell whose number format shows a date.
#pragma once

#include <string>
#include <string_view>

namespace mera::sheets {

// Whether a number format shows a date or a time: the built-in ones (14-22, 45-47) or a
// format code with d, m, y, h or s outside quotes and brackets ("dd.mm.yyyy", "[$-419]d mmmm").
bool date_format(int id, std::string_view code);

// The serial as an ISO date ("2023-03-31"), or a date and time when it has a fraction of a
// day; empty when it is not a number or out of Excel's range. `from_1904`: the workbook's
// other calendar (workbookPr date1904).
std::string serial_to_iso(std::string_view serial, bool from_1904);

}  // namespace mera::sheets
