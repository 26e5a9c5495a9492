#include "mera/dsl/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "mera/text/tr.hpp"

namespace mera::dsl {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  chars_before_block_.reserve(text_.size() / kBlock + 1);
  std::uint32_t chars = 0;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (i % kBlock == 0) chars_before_block_.push_back(chars);
    auto c = static_cast<unsigned char>(text_[i]);
    chars += (c & 0xC0) != 0x80;
    if (c == '\n') line_starts_.push_back(i + 1);
  }
  if (text_.size() % kBlock == 0) chars_before_block_.push_back(chars);  // the offset just past the end
}

SourceFile::SourceFile(std::string name, std::string text, std::vector<Place> places)
    : SourceFile(std::move(name), std::move(text)) {
  places_ = std::move(places);
}

const std::string* SourceFile::place_of(std::size_t offset) const {
  if (places_.empty()) return nullptr;
  auto it = std::upper_bound(places_.begin(), places_.end(), offset, [](std::size_t o, const Place& p) { return o < p.offset; });
  return it == places_.begin() ? &places_.front().name : &std::prev(it)->name;
}

std::size_t SourceFile::characters_before(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  std::size_t block = offset / kBlock;
  std::size_t chars = chars_before_block_[block];
  for (std::size_t i = block * kBlock; i < offset; ++i) chars += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
  return chars;
}

std::size_t SourceFile::line_of(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::size_t>(it - line_starts_.begin());
}

std::size_t SourceFile::column_of(std::size_t offset) const {
  std::size_t start = line_starts_[line_of(offset) - 1];
  return characters_before(offset) - characters_before(start) + 1;
}

std::string_view SourceFile::line_text(std::size_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t begin = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

namespace {

// A folder opens as a stream on Linux and then reports an absurd size: it is refused by name.
std::string folder_message(const std::string& path) {
  return text::tr("{} is a folder, not a file: give the path of a file (or the files in it)", path);
}

bool is_folder(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

}  // namespace

std::string unreadable(const std::string& path) {
  if (is_folder(path)) return folder_message(path);
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (in) return {};
  int err = errno;
  return err ? text::tr("cannot open {}: {}", path, std::strerror(err)) : text::tr("cannot open {}", path);
}

SourcePtr read_source(const std::string& path) {
  if (is_folder(path)) throw std::runtime_error(folder_message(path));
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    std::string why = unreadable(path);
    throw std::runtime_error(why.empty() ? text::tr("cannot open {}", path) : why);
  }
  // One allocation of the file's size: a 100 MB submission file costs 100 MB, not the 2-3x a
  // growing stream buffer would.
  auto size = static_cast<std::streamoff>(in.tellg());
  if (size < 0) throw std::runtime_error(text::tr("cannot read {}", path));
  std::string text(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(text.data(), size)) throw std::runtime_error(text::tr("cannot read {}", path));
  return std::make_shared<SourceFile>(path, std::move(text));
}

}  // namespace mera::dsl
