// Reading the parts of a zip archive from memory with libzip. The size an entry states is not
// trusted: inflating stops one byte past the limit, whatever the entry says.
#include "zip_parts.hpp"

#include <zip.h>

#include "mera/text/tr.hpp"

namespace mera::sheets {

ZipParts::ZipParts(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source) archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (source && !archive_) zip_source_free(source);
  zip_error_fini(&error);
  if (!archive_) throw Refusal{text::tr("the file is not an Excel workbook (.xlsx): it is not a zip archive; save it in Excel as \"Книга Excel (*.xlsx)\"")};
  if (static_cast<std::size_t>(zip_get_num_entries(archive_, 0)) > kMaxParts) {
    zip_discard(archive_);
    archive_ = nullptr;
    throw Refusal{text::tr("the workbook has more than {} parts: it is not a workbook that mera reads", kMaxParts)};
  }
}

ZipParts::~ZipParts() {
  if (archive_) zip_discard(archive_);
}

std::optional<std::string> ZipParts::read(const std::string& path) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive_, path.c_str(), 0, &st) != 0) return std::nullopt;
  std::string too_large = text::tr("the part {} of the workbook inflates to more than {} MB: the file is refused (a damaged or hostile archive)",
                                   path, kMaxPart >> 20);
  if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPart) throw Refusal{too_large};
  zip_file_t* f = zip_fopen(archive_, path.c_str(), 0);
  if (!f) throw Refusal{text::tr("the part {} of the workbook cannot be read: {}", path, zip_strerror(archive_))};
  std::string out;
  char buffer[1 << 16];
  for (;;) {
    zip_int64_t n = zip_fread(f, buffer, sizeof buffer);
    if (n < 0) {
      std::string why = zip_file_strerror(f);
      zip_fclose(f);
      throw Refusal{text::tr("the part {} of the workbook cannot be read: {}", path, why)};
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
    if (out.size() > kMaxPart) {
      zip_fclose(f);
      throw Refusal{too_large};
    }
  }
  zip_fclose(f);
  return out;
}

}  // namespace mera::sheets
