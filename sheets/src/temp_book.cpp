// A workbook written through a temporary file: see temp_book.hpp.
#include "temp_book.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "mera/text/tr.hpp"

namespace mera::sheets {

namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::string workbook_bytes(const std::function<void(lxw_workbook*)>& fill) {
  std::string path = (std::filesystem::temp_directory_path() / "mera-workbook-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error(text::tr("cannot make a temporary file for the workbook in {}", std::filesystem::temp_directory_path().string()));
  close(fd);
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) {
    std::filesystem::remove(path);
    throw std::runtime_error(text::tr("cannot write the workbook: {}", path));
  }
  try {
    fill(book);
  } catch (...) {  // nothing left behind: the book's memory, the file
    workbook_close(book);
    std::filesystem::remove(path);
    throw;
  }
  lxw_error status = workbook_close(book);
  std::string bytes = status == LXW_NO_ERROR ? read_bytes(path) : std::string();
  std::filesystem::remove(path);
  if (status != LXW_NO_ERROR) throw std::runtime_error(text::tr("cannot write the workbook: {}", lxw_strerror(status)));
  return bytes;
}

}  // namespace mera::sheets
