// mera deadlines MODEL | --db DB [--unit U] --period P | --year Y: when each report is due, hop by hop.
//   --period 2021Q4  every form of that period kind, each hop with its due date and weekday
//   --year 2021      a calendar table per period kind: rows form and hop, columns the periods
//   --db DB          the model in force in the database (on the first day of the period or year)
//   --unit U         only U's deadlines: the forms it submits and the hops it forwards
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string_view>

#include <functional>
#include <stdexcept>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/engine/revisions.hpp"
#include "mera/engine/status.hpp"
#include "mera/rules/due_dates.hpp"
#include "mera/text/tr.hpp"

namespace mera::app {
namespace {

using dsl::display_width;
using dsl::padded;

using forms::Period;
using forms::PeriodKind;

std::string hop(const rules::Deadline& d) { return d.from + " -> " + d.to; }

// Which hops to show: every one, or only those of one unit (--unit).
using Shown = std::function<bool(const forms::Form&, const rules::Deadline&, const Period&)>;

std::string weekday(const dsl::Date& day) { return text::translate(rules::weekday_name(day)); }

std::string due_text(const rules::Due& due) {
  std::string s = fmt::format("{}  {}", due.date.iso(), weekday(due.date));
  if (due.moved_from) s = padded(s, 20) + "  " + text::tr("moved from {} ({})", due.moved_from->iso(), weekday(*due.moved_from));
  return s;
}

std::size_t hop_width(const rules::Model& m) {
  std::size_t w = 0;
  for (const auto& d : m.deadlines) w = std::max(w, display_width(hop(d)));
  return w;
}

// --period: one block per form of the period's kind.
void print_period(const rules::Model& m, const Period& p, const std::string& whose, const Shown& shown) {
  std::cout << text::tr("{}: due dates for {} ({} .. {}){}", m.name, p.text(), p.first_day().iso(), p.last_day().iso(), whose) << "\n";
  std::size_t w = hop_width(m);
  bool any = false;
  for (const auto& f : m.forms) {
    if (f->period != p.kind) continue;
    auto hops = rules::hop_due_dates(m, f->name, p);
    std::erase_if(hops, [&](const rules::HopDue& h) { return shown && !shown(*f, *h.deadline, p); });
    if (shown && hops.empty()) continue;  // not the unit's form
    any = true;
    std::cout << fmt::format("\n{}  {}\n", f->name, f->label);
    if (hops.empty()) std::cout << "  " << text::tr("no deadline declared") << "\n";
    for (const auto& h : hops) std::cout << "  " << padded(hop(*h.deadline), w) << "  " << due_text(h.due) << '\n';
  }
  if (!any && shown) std::cout << "\n" << text::tr("nothing of the unit's is due for {}", p.text()) << "\n";
  else if (!any) std::cout << "\n" << text::tr("no form of the model is reported by {}", forms::period_kind_name(p.kind)) << "\n";
}

// The periods of `kind` in `year`, in order.
std::vector<Period> periods_of(PeriodKind kind, int year) {
  int count = kind == PeriodKind::quarter ? 4 : kind == PeriodKind::half_year ? 2 : kind == PeriodKind::month ? 12 : 1;
  std::vector<Period> out;
  for (int i = 1; i <= count; ++i) out.push_back(Period{kind, year, i});
  return out;
}

// --year: one table for the forms of one period kind; a date moved off a day off is marked '*'.
bool print_table(const rules::Model& m, PeriodKind kind, int year, const Shown& shown) {
  std::vector<Period> periods = periods_of(kind, year);
  const std::string form_word = text::tr("form"), hop_word = text::tr("hop");
  std::size_t fw = display_width(form_word), hw = std::max(hop_width(m), display_width(hop_word));
  for (const auto& f : m.forms)
    if (f->period == kind) fw = std::max(fw, display_width(f->name));
  std::vector<std::string> rows;
  bool moved = false;
  for (const auto& f : m.forms) {
    if (f->period != kind) continue;
    std::vector<std::vector<rules::HopDue>> cells;
    for (const auto& p : periods) cells.push_back(rules::hop_due_dates(m, f->name, p));
    bool first = true;
    for (std::size_t h = 0; h < cells.front().size(); ++h) {
      const rules::Deadline& d = *cells.front()[h].deadline;
      if (shown && std::none_of(periods.begin(), periods.end(), [&](const Period& p) { return shown(*f, d, p); })) continue;
      std::string row = padded(first ? f->name : "", fw) + "  " + padded(hop(d), hw);
      first = false;
      for (const auto& c : cells) {
        const rules::Due& due = c[h].due;  // every period of the kind has a rule (checked)
        row += "  " + due.date.iso() + (due.moved_from ? "*" : " ");
        moved = moved || due.moved_from;
      }
      rows.push_back(row);
    }
  }
  if (rows.empty()) return false;
  std::string header = padded(form_word, fw) + "  " + padded(hop_word, hw);
  for (const auto& p : periods) header += "  " + padded(p.text(), 11);
  std::cout << fmt::format("\n{}\n", header.substr(0, header.find_last_not_of(' ') + 1));
  for (const auto& r : rows) std::cout << r.substr(0, r.find_last_not_of(' ') + 1) << '\n';
  if (moved) std::cout << text::tr("* moved from a weekend or holiday to the next working day") << "\n";
  return true;
}

void print_year(const rules::Model& m, int year, const std::string& whose, const Shown& shown) {
  std::cout << text::tr("{}: due dates in {}{}", m.name, year, whose) << "\n";
  bool any = false;
  for (PeriodKind k : {PeriodKind::month, PeriodKind::quarter, PeriodKind::half_year, PeriodKind::year})
    any = print_table(m, k, year, shown) || any;
  if (!any) std::cout << "\n" << (shown ? text::tr("nothing of the unit's is due that year") : text::tr("the model declares no deadlines")) << "\n";
}

// --db [--unit]: the revision in force on `day`, and for a unit only its hops.
int print_from_database(const DeadlinesArgs& a, const std::optional<Period>& p, int year) {
  storage::Database db = storage::Database::open(a.db);
  engine::Revisions revisions(db);
  dsl::Date day = p ? p->first_day() : dsl::Date{year, 1, 1};
  std::string why;
  const engine::LoadedRevision* rev = revisions.in_force(day, why);
  if (!rev) {
    std::cerr << "mera: " << text::tr("error") << ": " << why << "\n";
    return input_errors;
  }
  std::string whose = text::tr(", revision {} in force on {}", rev->revision.id, day.iso());
  Shown shown;
  std::unique_ptr<engine::UnitDeadlines> unit;
  if (!a.unit.empty()) {
    try {
      unit = std::make_unique<engine::UnitDeadlines>(db, a.unit);
    } catch (const std::invalid_argument& e) {
      std::cerr << "mera: " << text::tr("error") << ": " << dsl::printable(e.what(), true) << '\n';
      return failure;
    }
    const storage::Unit& u = unit->unit();
    whose += "\n" + text::tr("for {}  {}  ({}): the forms it submits and the hops it forwards", u.id, u.name, u.level);
    const rules::Model& model = *rev->model;
    shown = [&unit, &model](const forms::Form& f, const rules::Deadline& d, const Period& period) {
      return unit->parent_for(period).has_value() && unit->concerns(model, f, d, period);
    };
  }
  if (p) print_period(*rev->model, *p, whose, shown);
  else print_year(*rev->model, year, whose, shown);
  return ok;
}

}  // namespace

int run_deadlines(const DeadlinesArgs& a) {
  const std::string& period = a.period;
  const std::string& year = a.year;
  if (a.model.empty() == a.db.empty()) {
    std::cerr << "mera: " << text::tr("deadlines needs a model: a model folder (MODEL) or a database (--db DB), one of them") << "\n";
    return failure;
  }
  if (!a.unit.empty() && a.db.empty()) {
    std::cerr << "mera: " << text::tr("--unit needs --db: the unit tree and its forms lists are in the database") << "\n";
    return failure;
  }
  if (period.empty() == year.empty()) {
    std::cerr << "mera: " << text::tr("deadlines needs either --period (2021Q4) or --year (2021)") << "\n";
    return failure;
  }
  std::optional<Period> p;
  int y = 0;
  if (!period.empty()) {
    std::string why;
    p = forms::parse_period(period, &why);
    if (!p) {
      std::cerr << fmt::format("mera: {}\n", why);
      return failure;
    }
  } else {
    std::optional<Period> as_year = forms::parse_period(year);
    if (!as_year || as_year->kind != PeriodKind::year) {
      std::cerr << "mera: " << text::tr("'{}' is not a year: write it as 2021", year) << "\n";
      return failure;
    }
    y = as_year->year;
  }
  if (!a.db.empty()) return print_from_database(a, p, y);
  auto model = load_reported(a.model);
  if (!model) return input_errors;
  if (p) print_period(*model, *p, "", {});
  else print_year(*model, y, "", {});
  return ok;
}

}  // namespace mera::app
