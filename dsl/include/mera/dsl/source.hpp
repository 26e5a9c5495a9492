// Source files and positions. Every syntax node keeps a Span (file and byte range) from the
// moment it is born; lines and columns are computed from it only when a human needs them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mera::dsl {

// A place in a file that is not lines of text (a workbook): from byte `offset` of the text that
// stands for it, messages name it `name` ("Лист1!C7") instead of a line and a column.
struct Place {
  std::size_t offset = 0;
  std::string name;
};

// One loaded .mera file: its name as the user gave it and its bytes.
// Always held by a shared_ptr (read_source, make_shared), so diagnostics can keep it alive.
class SourceFile : public std::enable_shared_from_this<SourceFile> {
 public:
  SourceFile(std::string name, std::string text);
  // A file that stands for another one (a workbook's cells as CSV text): `places`, in the order
  // of their offsets, name where each part of `text` came from.
  SourceFile(std::string name, std::string text, std::vector<Place> places);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  // 1-based line of a byte offset.
  std::size_t line_of(std::size_t offset) const;
  // 1-based column in characters (UTF-8 code points), so a caret lines up on screen. Costs a
  // look-up and at most one block of bytes, however long the line (a one-line 100 MB file).
  std::size_t column_of(std::size_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string_view line_text(std::size_t line) const;
  // Byte offset where a 1-based line starts.
  std::size_t line_start(std::size_t line) const { return line_starts_[line - 1]; }
  // The name of the place that holds `offset` ("Лист1!C7"), or null when the file is text
  // whose places are its lines and columns.
  const std::string* place_of(std::size_t offset) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
  std::vector<Place> places_;
  // Characters (bytes that do not continue a UTF-8 sequence) before each block of kBlock bytes:
  // built once with the line starts, so no diagnostic rescans its line from the start.
  static constexpr std::size_t kBlock = 256;
  std::vector<std::uint32_t> chars_before_block_;
  std::size_t characters_before(std::size_t offset) const;
};

using SourcePtr = std::shared_ptr<const SourceFile>;

// A byte range in one source file. A default Span points nowhere (whole-model messages).
struct Span {
  const SourceFile* file = nullptr;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool known() const { return file != nullptr; }
};

// Reads a file into a SourceFile; throws std::runtime_error naming the path on I/O failure
// (with the reason that unreadable() gives).
SourcePtr read_source(const std::string& path);

// Why `path` cannot be read as a file ("missing.json: No such file or directory", "data is a
// folder, not a file: ..."), or empty when it opens: to check every file before using any.
std::string unreadable(const std::string& path);

}  // namespace mera::dsl
