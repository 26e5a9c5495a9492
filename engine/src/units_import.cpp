#include "mera/engine/units_import.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>

#include "mera/forms/read.hpp"
#include "mera/forms/typecheck.hpp"
#include "unit_forms.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {
namespace {

constexpr std::array<const char*, 6> kColumns{"id", "name", "level", "parent", "from", "to"};
constexpr const char* kFormsColumn = "forms";  // optional: the forms the unit submits (unit_forms.hpp)

struct Row {
  storage::Unit unit;
  storage::Membership membership;
  std::set<std::string> forms;
  dsl::Span span, id_span, level_span, parent_span, from_span, to_span, forms_span;
};

class UnitsTable {
 public:
  UnitsTable(storage::Database& db, const rules::Model& model, UnitsReport& report) : db_(db), model_(model), report_(report) {}

  void header(const forms::CsvRow& row);
  void read(const forms::CsvRow& row);
  void check_and_store();

 private:
  std::optional<dsl::Date> date(const forms::CsvCell& cell, bool required);
  const forms::CsvCell& cell(const forms::CsvRow& row, std::size_t column) const { return row.cells[columns_[column]]; }
  void check_unit(const Row& r);
  void check_forms(const Row& r, bool first);
  void check_parent(const Row& r);
  void check_overlaps();
  void store();

  storage::Database& db_;
  const rules::Model& model_;
  UnitsReport& report_;
  std::array<std::size_t, kColumns.size()> columns_{};
  std::optional<std::size_t> forms_column_;
  bool header_ok_ = false;
  std::vector<Row> rows_;
  std::map<std::string, const Row*> first_row_;  // a unit's first row: name and level must agree
};

void UnitsTable::header(const forms::CsvRow& row) {
  header_ok_ = true;
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    auto it = std::find_if(row.cells.begin(), row.cells.end(), [&](const forms::CsvCell& x) { return x.text == kColumns[c]; });
    if (it == row.cells.end()) {
      report_.diags.error(row.span, text::tr("the header has no column '{}'; a units table has the columns id, name, level, parent, from, to", kColumns[c]));
      header_ok_ = false;
    } else {
      columns_[c] = static_cast<std::size_t>(it - row.cells.begin());
    }
  }
  for (const auto& x : row.cells)
    if (x.text == kFormsColumn) forms_column_ = static_cast<std::size_t>(&x - row.cells.data());
    else if (std::find_if(kColumns.begin(), kColumns.end(), [&](const char* k) { return x.text == k; }) == kColumns.end())
      report_.diags.error(x.span, text::tr("unknown column '{}'{}; a units table has the columns id, name, level, parent, from, to "
                                              "(and optionally forms)",
                                              x.text, forms::closest(x.text, {"id", "name", "level", "parent", "from", "to", kFormsColumn})));
}

std::optional<dsl::Date> UnitsTable::date(const forms::CsvCell& cell, bool required) {
  const std::string& t = cell.text;
  if (t.empty()) {
    if (required) report_.diags.error(cell.span, text::tr("the date a membership starts ('from') is required"));
    return std::nullopt;
  }
  std::string problem;
  std::optional<dsl::Date> day = dsl::parse_iso_date(t, &problem);
  if (!day && problem.empty()) report_.diags.error(cell.span, text::tr("'{}' is not a date; write it as 2020-06-10", t));
  else if (!day) report_.diags.error(cell.span, text::tr("'{}' is not a date: {}", t, problem));
  return day;
}

void UnitsTable::read(const forms::CsvRow& row) {
  if (!header_ok_) return;
  std::size_t widest = std::max(*std::max_element(columns_.begin(), columns_.end()), forms_column_.value_or(0));
  if (row.cells.size() <= widest) return;  // the reader reported the short row
  Row r;
  r.span = row.span;
  r.unit = {cell(row, 0).text, cell(row, 1).text, cell(row, 2).text};
  r.id_span = cell(row, 0).span;
  r.level_span = cell(row, 2).span;
  r.parent_span = cell(row, 3).span;
  r.from_span = cell(row, 4).span;
  r.to_span = cell(row, 5).span;
  r.membership.unit = r.unit.id;
  r.membership.parent = cell(row, 3).text;
  bool ok = true;
  if (r.unit.id.empty() || r.unit.id.find_first_of(" \t") != std::string::npos) {
    report_.diags.error(r.id_span, r.unit.id.empty() ? text::tr("a unit needs an id") : text::tr("a unit id has no blanks: '{}'", r.unit.id));
    ok = false;
  }
  if (forms::blank(r.unit.name)) {
    report_.diags.error(cell(row, 1).span, text::tr("unit '{}' needs a name", r.unit.id));
    ok = false;
  }
  auto from = date(cell(row, 4), true);
  auto to = date(cell(row, 5), false);
  if (!from || (!cell(row, 5).text.empty() && !to)) ok = false;
  if (from && to && *to < *from) {
    report_.diags.error(r.to_span, text::tr("the membership ends ({}) before it starts ({})", to->iso(), from->iso()));
    ok = false;
  }
  if (!model_.level(r.unit.level)) {
    std::vector<std::string> names;
    for (const auto& l : model_.levels) names.push_back(l.name);
    report_.diags.error(r.level_span, text::tr("model '{}' has no level '{}'{}", model_.name, r.unit.level, forms::closest(r.unit.level, names)));
    ok = false;
  }
  if (ok && forms_column_) {
    r.forms_span = row.cells[*forms_column_].span;
    r.forms = read_forms_cell(row.cells[*forms_column_], model_, r.unit.id, r.unit.level, report_.diags, ok);
  }
  if (!ok) return;
  r.membership.from = *from;
  r.membership.to = to;
  rows_.push_back(std::move(r));
}

// A unit named on several rows (it moved) keeps one name and level; a stored unit stays as stored.
void UnitsTable::check_unit(const Row& r) {
  auto [it, first] = first_row_.emplace(r.unit.id, &r);
  const storage::Unit* earlier = first ? nullptr : &it->second->unit;
  std::optional<storage::Unit> stored = db_.unit(r.unit.id);
  if (!earlier && stored) earlier = &*stored;
  if (earlier && (earlier->name != r.unit.name || earlier->level != r.unit.level)) {
    report_.diags.error(r.id_span, text::tr("unit '{}' is {} «{}» {}, and this row says {} «{}»", r.unit.id, earlier->level, earlier->name,
                                               first ? text::tr("in the database") : text::tr("on an earlier row"), r.unit.level, r.unit.name));
    if (!first) report_.diags.note(it->second->span, text::tr("the earlier row"));
  }
  check_forms(r, first);
}

// A unit keeps one forms list: the same on each of its rows, and the one stored (a table without
// the column says nothing about forms).
void UnitsTable::check_forms(const Row& r, bool first) {
  if (!forms_column_) return;
  const Row* earlier = first_row_[r.unit.id];
  if (!first && earlier->forms != r.forms) {
    report_.diags.error(r.forms_span, text::tr("unit '{}' submits {} on an earlier row, and this row says {}", r.unit.id,
                                                  forms_text(earlier->forms), forms_text(r.forms)));
    report_.diags.note(earlier->span, text::tr("the earlier row"));
  } else if (first && db_.unit(r.unit.id)) {
    std::set<std::string> stored;
    for (const auto& f : db_.unit_forms())
      if (f.unit == r.unit.id) stored.insert(f.form);
    if (stored != r.forms)
      report_.diags.error(r.forms_span, text::tr("unit '{}' submits {} in the database, and this row says {}; an import does not change "
                                                    "the forms of a stored unit (yet)",
                                                    r.unit.id, forms_text(stored), forms_text(r.forms)));
  }
}

// The route decides who reports to whom: a parent is one level up, the top has none.
void UnitsTable::check_parent(const Row& r) {
  const rules::Level* level = model_.level(r.unit.level);
  const rules::Level* above = static_cast<std::size_t>(level->rank + 1) < model_.levels.size() ? &model_.levels[static_cast<std::size_t>(level->rank + 1)] : nullptr;
  if (r.membership.parent.empty()) {
    if (above)
      report_.diags.error(r.parent_span, text::tr("unit '{}' is {} ({}): it needs a parent of the level {} ({})", r.unit.id, level->name, level->label,
                                                     above->name, above->label));
    return;
  }
  if (!above) {
    report_.diags.error(r.parent_span, text::tr("unit '{}' is {}, the top of the route: it has no parent", r.unit.id, level->name));
    return;
  }
  std::string parent_level;
  if (auto row = first_row_.find(r.membership.parent); row != first_row_.end()) parent_level = row->second->unit.level;
  else if (auto stored = db_.unit(r.membership.parent)) parent_level = stored->level;
  else {
    std::vector<std::string> ids;
    for (const auto& [id, row2] : first_row_) ids.push_back(id);
    report_.diags.error(r.parent_span, text::tr("no unit '{}' (neither in this table nor in the database){}", r.membership.parent,
                                                   forms::closest(r.membership.parent, ids)));
    return;
  }
  if (parent_level != above->name)
    report_.diags.error(r.parent_span, text::tr("the parent of {} '{}' must be {} ({}), and '{}' is {}", level->name, r.unit.id, above->name,
                                                   above->label, r.membership.parent, parent_level));
}

bool overlap(const storage::Membership& a, const storage::Membership& b) {
  return a.from <= b.to.value_or(dsl::Date{9999, 12, 31}) && b.from <= a.to.value_or(dsl::Date{9999, 12, 31});
}

std::string interval(const storage::Membership& m) {
  if (m.parent.empty()) return m.to ? text::tr("at the top from {} to {}", m.from.iso(), m.to->iso()) : text::tr("at the top from {} on", m.from.iso());
  return m.to ? text::tr("under {} from {} to {}", m.parent, m.from.iso(), m.to->iso()) : text::tr("under {} from {} on", m.parent, m.from.iso());
}

// A unit sits in one place at a time: its memberships, as they will be once this table is in
// (a row may end a stored open membership: that is how a move is written), do not overlap.
void UnitsTable::check_overlaps() {
  auto same_start = [](const storage::Membership& a, const storage::Membership& b) {
    return a.unit == b.unit && a.parent == b.parent && a.from == b.from;
  };
  std::vector<storage::Membership> after = db_.memberships();
  std::vector<const Row*> added;
  for (const auto& r : rows_) {
    auto stored = std::find_if(after.begin(), after.end(), [&](const storage::Membership& s) { return same_start(s, r.membership); });
    if (stored == after.end()) {
      added.push_back(&r);
    } else if (stored->to && stored->to != r.membership.to) {
      report_.diags.error(r.to_span, text::tr("unit '{}' is stored {}; a membership that has ended cannot be changed", r.unit.id, interval(*stored)));
    } else {
      stored->to = r.membership.to;
    }
  }
  for (std::size_t i = 0; i < added.size(); ++i) {
    const auto& m = added[i]->membership;
    for (std::size_t j = 0; j < i; ++j)
      if (added[j]->membership.unit == m.unit && overlap(added[j]->membership, m)) {
        report_.diags.error(added[i]->from_span, text::tr("unit '{}' would be in two places at once: {} and {}", m.unit,
                                                             interval(added[j]->membership), interval(m)));
        report_.diags.note(added[j]->span, text::tr("the other row"));
      }
    for (const auto& s : after)
      if (s.unit == m.unit && overlap(s, m))
        report_.diags.error(added[i]->from_span, text::tr("unit '{}' is stored {}, which overlaps this row ({}); end that membership first "
                                                             "(a row with the same parent and 'from', and a 'to')",
                                                             m.unit, interval(s), interval(m)));
  }
}

void UnitsTable::store() {
  // Units first: a row may name a parent that a later row introduces.
  for (const auto& r : rows_) {
    if (!db_.unit(r.unit.id)) {
      db_.add_unit(r.unit);
      for (const auto& f : r.forms) db_.add_unit_form({r.unit.id, f});
      ++report_.units_added;
    }
  }
  auto stored = db_.memberships();
  for (const auto& r : rows_) {
    auto same = std::find_if(stored.begin(), stored.end(), [&](const storage::Membership& s) {
      return s.unit == r.membership.unit && s.parent == r.membership.parent && s.from == r.membership.from;
    });
    if (same == stored.end()) {
      db_.add_membership(r.membership);
      ++report_.memberships_added;
    } else if (!same->to && r.membership.to) {
      db_.set_membership_end(same->id, *r.membership.to);
      ++report_.memberships_closed;
    } else {
      ++report_.unchanged;
    }
  }
}

// Every row that could be read is checked, so that one run reports every problem.
void UnitsTable::check_and_store() {
  for (const auto& r : rows_) check_unit(r);
  for (const auto& r : rows_) check_parent(r);
  check_overlaps();
  if (!report_.diags.has_errors()) store();
}

}  // namespace

UnitsReport import_units_in(storage::Database& db, const dsl::SourceFile& table, const rules::Model& model, const std::string& user,
                            const std::string& now) {
  UnitsReport report;
  UnitsTable units(db, model, report);
  bool first = true;
  forms::read_csv_rows(table, report.diags, [&](forms::CsvRow&& row) {
    if (first) units.header(row);
    else units.read(row);
    first = false;
  });
  if (first) report.diags.error({}, text::tr("{}: the table is empty; it needs the header id, name, level, parent, from, to", table.name()));
  units.check_and_store();
  report.refused = report.diags.has_errors();
  if (!report.refused)
    db.add_audit({0, now, user, "units.import", table.name(),
                  fmt::format("{} units and {} memberships added, {} memberships ended, {} rows unchanged", report.units_added,
                              report.memberships_added, report.memberships_closed, report.unchanged)});
  return report;
}

UnitsReport import_units(storage::Database& db, const dsl::SourceFile& table, const rules::Model& model, const std::string& user,
                         const std::string& now) {
  storage::Transaction tx = db.write();
  UnitsReport report = import_units_in(db, table, model, user, now);
  if (!report.refused) tx.commit();
  return report;
}

}  // namespace mera::engine
