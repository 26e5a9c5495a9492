// A review file: workflow steps as CSV rows (form,unit,period,action,as,reason,user,at), applied
// in order in one transaction. A refused row does not stop the others from being checked (each
// against the steps before it that passed), so one run reports every problem; then, if anything
// was refused, the transaction rolls back and nothing of the file is stored.
#include <fmt/format.h>

#include <array>

#include "mera/forms/read.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"
#include "reviewer.hpp"

namespace mera::engine {
namespace {

enum Column { form, unit, period, record, action, as, reason, user, at, column_count };
constexpr std::array<const char*, column_count> kNames{"form", "unit", "period", "record", "action", "as", "reason", "user", "at"};

// The columns a review file has, for the refusals of a header: the names are the file's, the
// note on record forms is the reader's.
std::string header_text() { return "form,unit,period,action,as,reason,user,at" + text::tr(" (record instead of period for record forms)"); }

class ReviewTable {
 public:
  ReviewTable(storage::Database& db, const ReviewOptions& options, ReviewFileReport& report)
      : options_(options), report_(report), reviewer_(db, options.now, options.revisions) {}

  void header(const forms::CsvRow& row);
  void step(const forms::CsvRow& row);

 private:
  const forms::CsvCell* cell(const forms::CsvRow& row, Column c) const {
    return columns_[c] < 0 ? nullptr : &row.cells[static_cast<std::size_t>(columns_[c])];
  }
  std::string text(const forms::CsvRow& row, Column c) const {
    const forms::CsvCell* x = cell(row, c);
    return x ? x->text : std::string();
  }

  const ReviewOptions& options_;
  ReviewFileReport& report_;
  Reviewer reviewer_;
  std::array<int, column_count> columns_{};
  bool header_ok_ = false;
};

void ReviewTable::header(const forms::CsvRow& row) {
  columns_.fill(-1);
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const auto& x = row.cells[i];
    auto it = std::find_if(kNames.begin(), kNames.end(), [&](const char* n) { return x.text == n; });
    if (it == kNames.end())
      report_.diags.error(x.span, text::tr("unknown column '{}'{}; a review file has the columns {}", x.text,
                                           forms::closest(x.text, {kNames.begin(), kNames.end()}), header_text()));
    else
      columns_[static_cast<std::size_t>(it - kNames.begin())] = static_cast<int>(i);
  }
  for (Column c : {Column::form, Column::unit, Column::action, Column::as})
    if (columns_[c] < 0)
      report_.diags.error(row.span, text::tr("the header has no column '{}'; a review file has the columns {}", kNames[c], header_text()));
  if (columns_[period] < 0 && columns_[record] < 0)
    report_.diags.error(row.span, text::tr("the header has neither 'period' nor 'record'; a review file has the columns {}", header_text()));
  header_ok_ = !report_.diags.has_errors();
}

void ReviewTable::step(const forms::CsvRow& row) {
  if (!header_ok_) return;
  int widest = *std::max_element(columns_.begin(), columns_.end());
  if (row.cells.size() <= static_cast<std::size_t>(widest)) return;  // the reader reported the short row
  ++report_.read;
  std::string word = text(row, action);
  auto what = action_from_word(word);
  if (!what) {
    report_.diags.error(cell(row, action)->span, text::tr("unknown action '{}'{}; write accept, return or forward", word,
                                                          forms::closest(word, {"accept", "return", "forward"})));
    return;
  }
  ReviewRequest r;
  r.action = *what;
  r.form = text(row, form);
  r.unit = text(row, unit);
  r.period = text(row, period);
  r.record = text(row, record);
  r.as = text(row, as);
  r.reason = text(row, reason);
  r.user = text(row, user).empty() ? options_.user : text(row, user);
  r.at = text(row, at);
  r.source = fmt::format("{}:{}", report_.file, row.span.known() ? row.span.file->line_of(row.span.begin) : 0);
  if (r.action == ReviewAction::forward && r.unit.empty()) r.unit = r.as;
  ReviewOutcome out = reviewer_.apply(r);
  if (!out.done) {
    report_.diags.error(row.span, out.message);
    return;
  }
  ++report_.recorded;
  ++(r.action == ReviewAction::accept ? report_.accepted : r.action == ReviewAction::forward ? report_.forwarded : report_.returned);
}

}  // namespace

ReviewFileReport review_file(storage::Database& db, const dsl::SourcePtr& file, const ReviewOptions& options) {
  storage::Transaction tx = db.write();
  ReviewFileReport report = review_file_in(db, file, options);
  if (!report.refused) tx.commit();  // else the transaction rolls back
  return report;
}

ReviewFileReport review_file_in(storage::Database& db, const dsl::SourcePtr& file, const ReviewOptions& given) {
  ReviewOptions options = given;
  if (options.now.empty()) options.now = storage::now_utc();
  ReviewFileReport report;
  report.file = file->name();
  ReviewTable table(db, options, report);
  bool first = true;
  forms::read_csv_rows(*file, report.diags, [&](forms::CsvRow&& row) {
    if (first) table.header(row);
    else table.step(row);
    first = false;
  });
  if (first) report.diags.error({}, text::tr("{}: the file is empty; a review file has the columns {}", report.file, header_text()));
  if (report.diags.has_errors()) {
    report.refused = true;
    report.recorded = report.accepted = report.returned = report.forwarded = 0;
    return report;
  }
  text::Scope english(text::Language::en);  // the audit log is English, whatever the reader's language
  db.add_audit({0, options.now, options.user, "review.import", report.file, summary(report)});
  return report;
}

std::string summary(const ReviewFileReport& r) {
  if (r.refused)
    return text::tr("{0}: refused: {1} {1:error|errors} in {2} {2:row|rows}; nothing of this file was stored", r.file,
                    text::count(r.diags.error_count()), text::count(r.read));
  return text::tr("{0}: {1} {1:step|steps} recorded ({2} accepted, {3} returned, {4} forwarded)", r.file, text::count(r.recorded), r.accepted,
                  r.returned, r.forwarded);
}

}  // namespace mera::engine
