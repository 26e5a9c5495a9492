#include "cell_ref.hpp"

namespace mera::sheets {

std::optional<CellRef> parse_cell_ref(std::string_view ref) {
  CellRef out;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; ++i) out.column = out.column * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
  if (i == 0 || i == ref.size() || ref.size() - i > 7) return std::nullopt;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return std::nullopt;
    out.row = out.row * 10 + static_cast<std::size_t>(ref[i] - '0');
  }
  if (out.row == 0 || out.row > kMaxRow || out.column > kMaxColumn) return std::nullopt;
  return out;
}

std::string column_name(std::size_t column) {
  std::string out;
  for (; column > 0; column = (column - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
  return out;
}

std::string cell_name(CellRef ref) { return column_name(ref.column) + std::to_string(ref.row); }

}  // namespace mera::sheets
