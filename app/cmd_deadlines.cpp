// mera deadlines MODEL --period P | --year Y: when each report is due, hop by hop.
//   --period 2021Q4  every form of that period kind, each hop with its due date and weekday
//   --year 2021      a calendar table per period kind: rows form and hop, columns the periods
#include <fmt/format.h>

#include <iostream>
#include <string_view>

#include "commands.hpp"
#include "mera/rules/due_dates.hpp"
#include "mera/dsl/utf8.hpp"

namespace mera::app {
namespace {

using dsl::display_width;
using dsl::padded;

using forms::Period;
using forms::PeriodKind;

std::string hop(const rules::Deadline& d) { return d.from + " -> " + d.to; }

std::string due_text(const rules::Due& due) {
  std::string s = fmt::format("{}  {}", due.date.iso(), rules::weekday_name(due.date));
  if (due.moved_from)
    s = fmt::format("{:<20}  moved from {} ({})", s, due.moved_from->iso(), rules::weekday_name(*due.moved_from));
  return s;
}

std::size_t hop_width(const rules::Model& m) {
  std::size_t w = 0;
  for (const auto& d : m.deadlines) w = std::max(w, display_width(hop(d)));
  return w;
}

// --period: one block per form of the period's kind.
void print_period(const rules::Model& m, const Period& p) {
  std::cout << fmt::format("{}: due dates for {} ({} .. {})\n", m.name, p.text(), p.first_day().iso(), p.last_day().iso());
  std::size_t w = hop_width(m);
  bool any = false;
  for (const auto& f : m.forms) {
    if (f->period != p.kind) continue;
    any = true;
    std::cout << fmt::format("\n{}  {}\n", f->name, f->label);
    auto hops = rules::hop_due_dates(m, f->name, p);
    if (hops.empty()) std::cout << "  no deadline declared\n";
    for (const auto& h : hops) std::cout << "  " << padded(hop(*h.deadline), w) << "  " << due_text(h.due) << '\n';
  }
  if (!any) std::cout << fmt::format("\nno form of the model is reported by {}\n", forms::period_kind_name(p.kind));
}

// The periods of `kind` in `year`, in order.
std::vector<Period> periods_of(PeriodKind kind, int year) {
  int count = kind == PeriodKind::quarter ? 4 : kind == PeriodKind::half_year ? 2 : kind == PeriodKind::month ? 12 : 1;
  std::vector<Period> out;
  for (int i = 1; i <= count; ++i) out.push_back(Period{kind, year, i});
  return out;
}

// --year: one table for the forms of one period kind; a date moved off a day off is marked '*'.
bool print_table(const rules::Model& m, PeriodKind kind, int year) {
  std::vector<Period> periods = periods_of(kind, year);
  std::size_t fw = display_width("form"), hw = hop_width(m);
  for (const auto& f : m.forms)
    if (f->period == kind) fw = std::max(fw, display_width(f->name));
  std::vector<std::string> rows;
  bool moved = false;
  for (const auto& f : m.forms) {
    if (f->period != kind) continue;
    std::vector<std::vector<rules::HopDue>> cells;
    for (const auto& p : periods) cells.push_back(rules::hop_due_dates(m, f->name, p));
    for (std::size_t h = 0; h < cells.front().size(); ++h) {
      std::string row = padded(h == 0 ? f->name : "", fw) + "  " + padded(hop(*cells.front()[h].deadline), hw);
      for (const auto& c : cells) {
        const rules::Due& due = c[h].due;  // every period of the kind has a rule (checked)
        row += "  " + due.date.iso() + (due.moved_from ? "*" : " ");
        moved = moved || due.moved_from;
      }
      rows.push_back(row);
    }
  }
  if (rows.empty()) return false;
  std::string header = padded("form", fw) + "  " + padded("hop", hw);
  for (const auto& p : periods) header += "  " + padded(p.text(), 11);
  std::cout << fmt::format("\n{}\n", header.substr(0, header.find_last_not_of(' ') + 1));
  for (const auto& r : rows) std::cout << r.substr(0, r.find_last_not_of(' ') + 1) << '\n';
  if (moved) std::cout << "* moved from a weekend or holiday to the next working day\n";
  return true;
}

void print_year(const rules::Model& m, int year) {
  std::cout << fmt::format("{}: due dates in {}\n", m.name, year);
  bool any = false;
  for (PeriodKind k : {PeriodKind::month, PeriodKind::quarter, PeriodKind::half_year, PeriodKind::year})
    any = print_table(m, k, year) || any;
  if (!any) std::cout << "\nthe model declares no deadlines\n";
}

}  // namespace

int run_deadlines(const std::string& model_path, const std::string& period, const std::string& year) {
  if (period.empty() == year.empty()) {
    std::cerr << "mera: deadlines needs either --period (2021Q4) or --year (2021)\n";
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
      std::cerr << fmt::format("mera: '{}' is not a year: write it as 2021\n", year);
      return failure;
    }
    y = as_year->year;
  }
  auto model = load_reported(model_path);
  if (!model) return input_errors;
  if (p) print_period(*model, *p);
  else print_year(*model, y);
  return ok;
}

}  // namespace mera::app
