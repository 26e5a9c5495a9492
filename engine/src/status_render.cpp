// `mera status` as text: plain, aligned, one line per thing to do, in words a new user reads
// without the manual ("2 days overdue", "due in 3 days", "returned by ... : «why»").
#include <fmt/format.h>

#include <algorithm>

#include "mera/engine/status.hpp"
#include "mera/rules/due_dates.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/dsl/utf8.hpp"

namespace mera::engine {
namespace {

using dsl::display_width;
using dsl::padded;

std::string days(int n) { return fmt::format("{} {}", n, n == 1 ? "day" : "days"); }

const char* kind_word(ItemKind k) {
  switch (k) {
    case ItemKind::overdue: return "overdue";
    case ItemKind::due_soon: return "due soon";
    case ItemKind::next: return "next";
    case ItemKind::returned: return "returned";
    case ItemKind::corrected: return "corrected";
    case ItemKind::to_review: return "to review";
    case ItemKind::ready: return "ready";
    case ItemKind::late: return "late";
  }
  return "";
}

std::string listed(const std::vector<std::string>& units, std::size_t shown = 10) {
  std::string out;
  for (std::size_t i = 0; i < units.size() && i < shown; ++i) out += (i ? ", " : "") + dsl::printable(units[i]);
  if (units.size() > shown) out += fmt::format(" and {} more", units.size() - shown);
  return out;
}

std::string due_words(const StatusItem& i) {
  std::string day = fmt::format("{} ({})", i.due->iso(), rules::weekday_name(*i.due));
  if (i.kind == ItemKind::overdue) return fmt::format("due {}, {} overdue", day, days(i.days));
  return i.days == 0 ? fmt::format("due today, {}", day) : fmt::format("due {}, in {}", day, days(i.days));
}

// "blood_families 2021Q4" or "blood_families 2023Q1..2029Q3 (27 periods)".
std::string what(const StatusItem& i) {
  std::string periods = i.last_period.empty() ? i.period : fmt::format("{}..{} ({} periods)", i.period, i.last_period, i.count);
  return fmt::format("{}{} {}", i.forward ? "forward " : "", i.form, periods);
}

std::string below(const StatusItem& i) {
  if (i.accepted == i.below) return fmt::format("all {} reports below accepted: forward it (mera review forward)", i.below);
  if (i.accepted == 0) return i.below == 1 ? std::string("the report below is not accepted yet") : fmt::format("none of the {} reports below accepted yet", i.below);
  return fmt::format("{} of {} reports below accepted, not yet: {}", i.accepted, i.below, listed(i.units));
}

std::string text(const StatusItem& i) {
  std::string to = i.to.empty() ? "" : " to " + i.to;
  switch (i.kind) {
    case ItemKind::overdue:
    case ItemKind::due_soon: {
      std::string s = fmt::format("{}{}: {}", what(i), to, i.last_period.empty() ? due_words(i) : "the oldest " + due_words(i));
      return i.forward ? s + "; " + below(i) : s;
    }
    case ItemKind::next: return fmt::format("{}{}: {}", what(i), to, due_words(i));
    case ItemKind::returned:
      return fmt::format("{}: returned by {} ({}) at {}:\n«{}»\ncorrect it and submit it again (mera submit --correct)", what(i), dsl::printable(i.by),
                         dsl::printable(i.who), i.at, dsl::printable(i.reason));
    case ItemKind::corrected:
      return fmt::format("{}: corrected at {}, waiting for review by {}, who returned it at {}:\n«{}»", what(i), i.submitted, dsl::printable(i.by), i.at,
                         dsl::printable(i.reason));
    case ItemKind::to_review:
      return fmt::format("{}: {} {} waiting for your review{}", what(i), i.units.size(), i.units.size() == 1 ? "report" : "reports",
                         i.last_period.empty() ? ": " + listed(i.units) : "");
    case ItemKind::ready:
      return fmt::format("{}{}: all {} reports below accepted; due {} ({}), in {}", what(i), to, i.below, i.due->iso(),
                         rules::weekday_name(*i.due), days(i.days));
    case ItemKind::late:
      return fmt::format("{}{}: {} {}, due {}, {} late", what(i), to, i.forward ? "forwarded" : "submitted", i.submitted, i.due->iso(),
                         days(i.days));
  }
  return {};
}

std::string unit_header(const UnitStatus& u) {
  std::string where = u.parent.empty() ? u.unit.level : fmt::format("{} under {}", u.unit.level, u.parent);
  return fmt::format("{}  {}  ({})\n", dsl::printable(u.unit.id), dsl::printable(u.unit.name), dsl::printable(where));
}

std::string share_cell(int part, int whole) {
  if (whole == 0) return "-";
  return fmt::format("{}/{} {:>3}%", part, whole, (part * 100 + whole / 2) / whole);
}

std::string share_table(const StatusReport& r) {
  std::vector<const ShareRow*> rows;
  for (const auto& row : r.by_unit) rows.push_back(&row);
  std::size_t first_level = rows.size();
  for (const auto& row : r.by_level) rows.push_back(&row);
  rows.push_back(&r.total);
  auto label = [&](std::size_t i) {
    const ShareRow& row = *rows[i];
    if (i < first_level) return std::string(static_cast<std::size_t>(row.depth) * 2, ' ') + dsl::printable(row.label);
    return i + 1 == rows.size() ? fmt::format("all ({})", dsl::printable(row.name)) : fmt::format("level {}", dsl::printable(row.label));
  };
  std::size_t lw = display_width("unit");
  for (std::size_t i = 0; i < rows.size(); ++i) lw = std::max(lw, display_width(label(i)));
  std::size_t cw = display_width("received");
  for (const auto* row : rows)
    for (const auto& c : row->cells) cw = std::max({cw, share_cell(c.received, c.expected).size(), share_cell(c.on_time, c.expected).size()});
  std::string out = std::string(lw, ' ');
  for (const auto& p : r.periods) out += "  " + padded(p.text(), 2 * cw + 2);
  out += "\n" + padded("", lw);
  for (std::size_t c = 0; c < r.periods.size(); ++c) out += fmt::format("  {:>{}}  {:>{}}", "received", cw, "on time", cw);
  out += "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i == first_level) out += "\n";
    out += padded(label(i), lw);
    for (const auto& c : rows[i]->cells)
      out += fmt::format("  {:>{}}  {:>{}}", share_cell(c.received, c.expected), cw, share_cell(c.on_time, c.expected), cw);
    out += "\n";
  }
  return out;
}

}  // namespace

std::string render(const StatusReport& r, dsl::Date today) {
  std::string scope = r.scope.empty() ? "every unit" : dsl::printable(r.scope) + " and the units below it";
  std::string out = fmt::format("Status on {} ({}): {}{}\n", r.on.iso(), rules::weekday_name(r.on), scope,
                                r.model.empty() ? "" : ", model " + r.model);
  dsl::Date soon = dsl::Date::from_days(r.on.days() + r.soon_days);
  out += fmt::format("A due date is the last day on time; \"due soon\" is due by {} (within {}).\n", soon.iso(), days(r.soon_days));
  if (today < r.on) out += fmt::format("{} is after today ({}): this is what falls due by then if nothing more comes in.\n", r.on.iso(), today.iso());
  if (!r.note.empty()) out += "Note: " + r.note + ".\n";
  std::vector<std::string> quiet;
  for (const auto& u : r.units) {
    if (u.items.empty()) {
      quiet.push_back(u.unit.id);
      continue;
    }
    out += "\n" + unit_header(u);
    for (const auto& i : u.items) {
      std::string t = text(i);
      for (std::size_t nl = t.find('\n'); nl != std::string::npos; nl = t.find('\n', nl + 1)) t.insert(nl + 1, std::string(13, ' '));
      out += fmt::format("  {:<10} {}\n", kind_word(i.kind), t);  // continuation lines under the text
    }
  }
  if (!quiet.empty())
    out += fmt::format("\n{} {}: nothing overdue, due soon, returned, waiting or late: {}\n", quiet.size(), quiet.size() == 1 ? "unit" : "units",
                       listed(quiet, quiet.size()));
  if (r.earlier_late > 0)
    out += fmt::format("\n{} of earlier periods came late (the next period's report was due by {} too); --history lists them.\n",
                       r.earlier_late == 1 ? std::string("1 report") : fmt::format("{} reports", r.earlier_late), r.on.iso());
  bool any = std::any_of(r.total.cells.begin(), r.total.cells.end(), [](const ReportingShare& c) { return c.expected > 0; });
  if (!any) {
    out += fmt::format("\nNo report was due by {}, so there is no completeness to show yet.\n", r.on.iso());
    return out;
  }
  out += fmt::format("\nCompleteness and timeliness of the reports due by {}\n", r.on.iso());
  out += "(received: in and not returned, of those expected; on time: first submitted by its due date; - : nothing was due)\n\n";
  return out + share_table(r);
}

}  // namespace mera::engine
