// The parts of a workbook's zip archive (libzip), read with limits: a part larger than the
// limit, or an archive of too many parts, is refused before it is inflated (a zip bomb).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct zip;

namespace mera::sheets {

// A refusal of the workbook as a whole, in the reader's language (caught by read_workbook).
struct Refusal {
  std::string message;
};

inline constexpr std::size_t kMaxPart = 64u << 20;   // bytes of one inflated part
inline constexpr std::size_t kMaxParts = 10000;      // entries of the archive

class ZipParts {
 public:
  // Throws Refusal when `bytes` is not a zip archive (or one of too many parts).
  explicit ZipParts(std::string_view bytes);
  ~ZipParts();
  ZipParts(const ZipParts&) = delete;
  ZipParts& operator=(const ZipParts&) = delete;

  // The inflated part at `path`, or nothing when the archive has none. Throws Refusal when it is
  // larger than kMaxPart (its stated size or what inflating gives) or cannot be inflated.
  std::optional<std::string> read(const std::string& path) const;

 private:
  zip* archive_ = nullptr;
};

}  // namespace mera::sheets
