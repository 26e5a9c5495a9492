// Reading CSV submission files: the first record names the columns (form and unit required;
// period, record, correction, submitted_at optional; every other column a field, `field[category]`
// a category of a breakdown), each following record is one submission. Every problem of every
// row is reported; a row with a problem is not handed on, and reading goes on with the next.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "csv_records.hpp"
#include "mera/forms/read.hpp"
#include "mera/forms/spellings.hpp"
#include "read_formats.hpp"
#include "value_text.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

namespace {

using csv::Cell;
using csv::Record;

struct Column {
  enum class Role { header, field, category, unnamed } role = Role::field;
  std::string name;      // a header member's or a field's name (of the breakdown, for a category)
  std::string category;  // for a category
  dsl::Span span;        // the header cell
  RawMember SubmissionInput::*member = nullptr;  // for a header member
  std::size_t slot = 0;  // for a field or a category: its place in SubmissionInput::values
};

RawMember SubmissionInput::*header_member(std::string_view written) {
  std::string_view name = header_column(written);
  if (name == "form") return &SubmissionInput::form;
  if (name == "unit") return &SubmissionInput::unit;
  if (name == "period") return &SubmissionInput::period;
  if (name == "record") return &SubmissionInput::record;
  if (name == "correction") return &SubmissionInput::correction;
  if (name == "submitted_at") return &SubmissionInput::submitted_at;
  return nullptr;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "line 4 has 7 fields, the header has 6: ...": a row of the wrong width says which line and how
// to mend it; a value holding the separator unquoted is the usual cause of a row too wide.
std::string width_message(const dsl::SourceFile& file, std::size_t row_begin, std::size_t fields, std::size_t header, char separator) {
  std::string mend = fields > header ? (separator == ',' ? text::tr("a value with a comma must be quoted (\"Центр, филиал\", \"7 500,50\"), or the cells parted by ';'")
                                                         : text::tr("a name with a ';' must be quoted (\"Центр; филиал\")"))
                                     : text::tr("give every column its field, an empty one too");
  return text::tr("line {0} has {1} {1:field|fields}, the header has {2}: {3}", file.line_of(row_begin), text::count(fields),
                  header, mend);
}

// A first line that names none of a submission's columns is data, not a header: one message
// that shows what it begins with, rather than one per cell ("column '0' is given twice").
bool names_a_column(const Record& r) {
  for (std::size_t i = 0; i < r.size; ++i)
    if (header_member(trim(r[i].text))) return true;
  return false;
}

std::string not_a_header_message(const Record& r) {
  std::string begins;
  for (std::size_t i = 0; i < r.size && i < 3; ++i) begins += (i ? ", " : "") + quote_text(trim(r[i].text));
  return text::tr("the first line must be a header naming the columns (form, unit, period or record, then the fields), and "
                     "this one names none of them: it begins {}{}",
                     begins, r.size > 3 ? ", ..." : "");
}

class CsvReader {
 public:
  CsvReader(const dsl::SourceFile& file, char separator, dsl::Diagnostics& diags) : file_(file), separator_(separator), diags_(diags) {}

  bool header(const Record& r);
  bool row_ok(const Record& r);
  SubmissionInput submission(Record& r) const;

 private:
  bool column(const Cell& cell, std::size_t index);
  void error(dsl::Span at, std::string message) { diags_.error(at, std::move(message)); }

  const dsl::SourceFile& file_;
  char separator_;
  dsl::Diagnostics& diags_;
  std::vector<Column> columns_;
  std::size_t slots_ = 0;
  std::size_t named_ = 0;  // columns up to the last one with a name: a row may end there
  std::map<std::string, std::size_t> seen_;        // a column's whole name -> its index
  std::map<std::string, std::size_t> breakdowns_;  // a breakdown's name -> its first column
};

// One header cell: `name`, `field[category]`, or nothing (a column without a name). The column
// is kept even when it is wrong, so that columns_ stays indexed like the header's cells.
bool CsvReader::column(const Cell& cell, std::size_t index) {
  Column& c = columns_.emplace_back();
  c.span = span_of(file_, cell.begin, cell.end);
  std::string_view text = trim(cell.text);
  std::size_t open = text.find('[');
  if (text.empty()) {
    c.role = Column::Role::unnamed;
    return true;
  }
  if (open != std::string_view::npos || text.find(']') != std::string_view::npos) {
    std::string_view name = trim(text.substr(0, open == std::string_view::npos ? 0 : open));
    bool well_formed = open != std::string_view::npos && text.back() == ']' && !name.empty() &&
                       text.find_first_of("[]", open + 1) == text.size() - 1 && text.size() > open + 2;
    if (!well_formed) {
      error(c.span, text::tr("column '{}' is neither a field's name nor 'field[category]'", text));
      return false;
    }
    if (header_member(name)) {
      error(c.span, text::tr("'{}' is a column of its own: it has no categories", name));
      return false;
    }
    c.role = Column::Role::category;
    c.name = name;
    c.category = trim(text.substr(open + 1, text.size() - open - 2));
  } else {
    c.member = header_member(text);
    c.name = c.member ? header_column(text) : text;
    c.role = c.member ? Column::Role::header : Column::Role::field;
  }
  std::string whole = c.role == Column::Role::category ? c.name + "[" + c.category + "]" : c.name;
  auto [it, fresh] = seen_.emplace(whole, index);
  if (!fresh) {
    error(c.span, text::tr("column '{}' is given twice", whole));
    diags_.note(columns_[it->second].span, text::tr("first given here"));
    return false;
  }
  if (c.role == Column::Role::header) return true;
  auto [at, first_time] = breakdowns_.emplace(c.name, index);
  const Column& first = columns_[at->second];
  if (first.role != c.role) {
    error(c.span, text::tr("'{}' is given both as one column and by categories", c.name));
    diags_.note(first.span, text::tr("first given here"));
    return false;
  }
  c.slot = first_time ? slots_++ : first.slot;
  return true;
}

bool CsvReader::header(const Record& r) {
  if (!names_a_column(r)) {
    error(span_of(file_, r.begin, r.end), not_a_header_message(r));
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < r.size; ++i) ok = column(r[i], i) && ok;
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].role != Column::Role::unnamed) named_ = i + 1;
  bool form = seen_.count("form") > 0, unit = seen_.count("unit") > 0;
  if (!form || !unit) {
    std::string missing = !form && !unit ? text::tr("'form' and 'unit' columns") : !form ? text::tr("'form' column") : text::tr("'unit' column");
    error(span_of(file_, r.begin, r.end),
          text::tr("the header has no {}: the first line names the columns, and 'form' and 'unit' are required", missing));
    ok = false;
  }
  return ok;
}

// The problems of a row that its text does not show: the number of cells, a value under a column
// without a name. A row whose text is not UTF-8 gets no more messages than that one. Columns
// without a name at the end of the header (a separator at the end of the line) may be left out.
bool CsvReader::row_ok(const Record& r) {
  if (r.not_utf8) return false;
  bool ok = !r.broken;
  if (r.size < named_ || r.size > columns_.size()) {
    dsl::Span at = r.size > columns_.size() ? span_of(file_, r[columns_.size()].begin, r[columns_.size()].end)
                                            : span_of(file_, r.end, r.end + 1);
    error(at, width_message(file_, r.begin, r.size, columns_.size(), separator_));
    return false;
  }
  for (std::size_t i = 0; i < r.size; ++i) {
    if (columns_[i].role == Column::Role::unnamed && !trim(r[i].text).empty()) {
      error(span_of(file_, r[i].begin, r[i].end), text::tr("a value in column {}, which has no name in the header", i + 1));
      ok = false;
    }
  }
  return ok;
}

SubmissionInput CsvReader::submission(Record& r) const {
  SubmissionInput s;
  s.span = span_of(file_, r.begin, r.end);
  s.values.resize(slots_);
  for (std::size_t i = 0; i < r.size; ++i) {
    const Column& c = columns_[i];
    Cell& cell = r.cells[i];
    RawValue v;
    v.span = span_of(file_, cell.begin, cell.end);
    if (!cell.text.empty()) {
      v.kind = RawValue::Kind::cell;
      v.text = std::move(cell.text);
    }
    if (c.role == Column::Role::header) {
      s.*c.member = {RawKey{c.name, c.span}, std::move(v)};
    } else if (c.role == Column::Role::field) {
      s.values[c.slot] = {RawKey{c.name, c.span}, std::move(v)};
    } else if (c.role == Column::Role::category) {
      RawMember& breakdown = s.values[c.slot];
      if (breakdown.first.name.empty()) {
        breakdown.first = {c.name, c.span};
        breakdown.second.kind = RawValue::Kind::object;
        breakdown.second.span = v.span;
      }
      breakdown.second.span.begin = std::min(breakdown.second.span.begin, v.span.begin);
      breakdown.second.span.end = std::max(breakdown.second.span.end, v.span.end);
      breakdown.second.members.push_back({RawKey{c.category, c.span}, std::move(v)});
    }
  }
  return s;
}

}  // namespace

std::size_t read_csv(const dsl::SourceFile& file, std::size_t start, dsl::Diagnostics& diags,
                     const EachSubmission& each) {
  csv::Scanner scanner(file, start, diags);
  Record record;
  if (!scanner.next(record) || record.not_utf8) return 0;
  CsvReader reader(file, scanner.separator(), diags);
  if (!reader.header(record) || record.broken) return 0;
  std::size_t count = 0;
  while (scanner.next(record)) {
    if (!reader.row_ok(record)) continue;
    each(reader.submission(record));
    ++count;
  }
  return count;
}

// The rows of any CSV table. A row whose text has a problem (reported by the scanner) is not
// passed on; when that row is the header, no row is: the caller takes the first row passed as
// the header.
void read_csv_rows(const dsl::SourceFile& file, dsl::Diagnostics& diags, const std::function<void(CsvRow&&)>& each) {
  if (file.text().size() > std::numeric_limits<std::uint32_t>::max()) {
    diags.error({&file, 0, 0}, too_large_message(file.text().size()));
    return;
  }
  csv::Scanner scanner(file, after_bom(file.text()), diags);
  Record record;
  std::size_t width = 0;  // the header's fields
  for (bool header = true; scanner.next(record); header = false) {
    if (record.broken) {
      if (header) return;
      continue;
    }
    if (header) {
      width = record.size;
    } else if (record.size != width) {
      diags.error(record.size > width ? span_of(file, record[width].begin, record[width].end) : span_of(file, record.end, record.end + 1),
                  width_message(file, record.begin, record.size, width, scanner.separator()));
      continue;
    }
    CsvRow row;
    row.span = span_of(file, record.begin, record.end);
    row.cells.reserve(record.size);
    for (std::size_t i = 0; i < record.size; ++i)
      row.cells.push_back({std::move(record.cells[i].text), span_of(file, record[i].begin, record[i].end)});
    each(std::move(row));
  }
}

}  // namespace mera::forms
