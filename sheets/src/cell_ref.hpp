// Cell references: "C7" is column 3, row 7 (both 1-based); columns run A..XFD (16384).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mera::sheets {

struct CellRef {
  std::size_t row = 0;
  std::size_t column = 0;
};

inline constexpr std::size_t kMaxColumn = 16384;
inline constexpr std::size_t kMaxRow = 1048576;

// Nothing when `ref` is not a reference within those bounds ("$C$7" is not: cells name
// themselves without dollars).
std::optional<CellRef> parse_cell_ref(std::string_view ref);
std::string column_name(std::size_t column);  // 3 -> "C", 28 -> "AB"
std::string cell_name(CellRef ref);           // "C7"

}  // namespace mera::sheets
