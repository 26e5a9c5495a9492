// `mera status` as text: plain, aligned, one line per thing to do, in words a new user reads
// without the manual ("2 days overdue", "due in 3 days", "returned by ... : «why»").
#include <fmt/format.h>

#include <algorithm>

#include "mera/engine/status.hpp"
#include "mera/rules/due_dates.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {
namespace {

using dsl::display_width;
using dsl::padded;

std::string days(int n) { return text::tr("{0} {0:day|days}", text::count(n)); }

std::string weekday(dsl::Date d) { return text::translate(rules::weekday_name(d)); }

std::string kind_word(ItemKind k) {
  switch (k) {
    case ItemKind::overdue: return text::tr("overdue");
    case ItemKind::due_soon: return text::tr("due soon");
    case ItemKind::next: return text::tr("next");
    case ItemKind::returned: return text::tr("returned");
    case ItemKind::corrected: return text::tr("corrected");
    case ItemKind::to_review: return text::tr("to review");
    case ItemKind::ready: return text::tr("ready");
    case ItemKind::late: return text::tr("late");
  }
  return "";
}

std::string listed(const std::vector<std::string>& units, std::size_t shown = 10) {
  std::string out;
  for (std::size_t i = 0; i < units.size() && i < shown; ++i) out += (i ? ", " : "") + dsl::printable(units[i]);
  if (units.size() > shown) out += text::tr(" and {} more", units.size() - shown);
  return out;
}

std::string due_words(const StatusItem& i) {
  std::string day = fmt::format("{} ({})", i.due->iso(), weekday(*i.due));
  if (i.kind == ItemKind::overdue) return text::tr("due {}, {} overdue", day, days(i.days));
  return i.days == 0 ? text::tr("due today, {}", day) : text::tr("due {}, in {}", day, days(i.days));
}

// "blood_families 2021Q4" or "blood_families 2023Q1..2029Q3 (27 periods)".
std::string what(const StatusItem& i) {
  std::string periods = i.last_period.empty() ? i.period : text::tr("{0}..{1} ({2} {2:period|periods})", i.period, i.last_period, text::count(i.count));
  return i.forward ? text::tr("forward {} {}", i.form, periods) : fmt::format("{} {}", i.form, periods);
}

std::string below(const StatusItem& i) {
  if (i.accepted == i.below) return text::tr("all {} reports below accepted: forward it (mera review forward)", text::count(i.below));
  if (i.accepted == 0)
    return i.below == 1 ? text::tr("the report below is not accepted yet") : text::tr("none of the {} reports below accepted yet", text::count(i.below));
  return text::tr("{} of {} reports below accepted, not yet: {}", text::count(i.accepted), text::count(i.below), listed(i.units));
}

std::string text(const StatusItem& i) {
  std::string to = i.to.empty() ? "" : text::tr(" to {}", i.to);
  switch (i.kind) {
    case ItemKind::overdue:
    case ItemKind::due_soon: {
      std::string s = fmt::format("{}{}: {}", what(i), to, i.last_period.empty() ? due_words(i) : text::tr("the oldest {}", due_words(i)));
      return i.forward ? s + "; " + below(i) : s;
    }
    case ItemKind::next: return fmt::format("{}{}: {}", what(i), to, due_words(i));
    case ItemKind::returned:
      return text::tr("{}: returned by {} ({}) at {}:\n«{}»\ncorrect it and submit it again (mera submit --correct)", what(i), dsl::printable(i.by),
                         dsl::printable(i.who), i.at, dsl::printable(i.reason));
    case ItemKind::corrected:
      return text::tr("{}: corrected at {}, waiting for review by {}, who returned it at {}:\n«{}»", what(i), i.submitted, dsl::printable(i.by), i.at,
                         dsl::printable(i.reason));
    case ItemKind::to_review:
      return text::tr("{0}: {1} {1:report|reports} waiting for your review{2}", what(i), text::count(i.units.size()),
                      i.last_period.empty() ? ": " + listed(i.units) : "");
    case ItemKind::ready:
      return text::tr("{}{}: all {} reports below accepted; due {} ({}), in {}", what(i), to, text::count(i.below), i.due->iso(),
                      weekday(*i.due), days(i.days));
    case ItemKind::late:
      return i.forward ? text::tr("{}{}: forwarded {}, due {}, {} late", what(i), to, i.submitted, i.due->iso(), days(i.days))
                       : text::tr("{}{}: submitted {}, due {}, {} late", what(i), to, i.submitted, i.due->iso(), days(i.days));
  }
  return {};
}

std::string unit_header(const UnitStatus& u) {
  std::string where = u.parent.empty() ? u.unit.level : text::tr("{} under {}", u.unit.level, u.parent);
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
    return i + 1 == rows.size() ? text::tr("all ({})", dsl::printable(row.name)) : text::tr("level {}", dsl::printable(row.label));
  };
  std::size_t lw = display_width(text::tr("unit"));
  for (std::size_t i = 0; i < rows.size(); ++i) lw = std::max(lw, display_width(label(i)));
  const std::string received = text::tr("received"), on_time = text::tr("on time");
  std::size_t cw = std::max(display_width(received), display_width(on_time));
  for (const auto* row : rows)
    for (const auto& c : row->cells) cw = std::max({cw, share_cell(c.received, c.expected).size(), share_cell(c.on_time, c.expected).size()});
  std::string out = std::string(lw, ' ');
  for (const auto& p : r.periods) out += "  " + padded(p.text(), 2 * cw + 2);
  out += "\n" + padded("", lw);
  for (std::size_t c = 0; c < r.periods.size(); ++c) out += "  " + padded(received, cw, true) + "  " + padded(on_time, cw, true);
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
  std::string scope = r.scope.empty() ? text::tr("every unit") : text::tr("{} and the units below it", dsl::printable(r.scope));
  std::string out = text::tr("Status on {} ({}): {}{}", r.on.iso(), weekday(r.on), scope, r.model.empty() ? "" : text::tr(", model {}", r.model)) + "\n";
  dsl::Date soon = dsl::Date::from_days(r.on.days() + r.soon_days);
  out += text::tr("A due date is the last day on time; \"due soon\" is due by {} (within {}).", soon.iso(), days(r.soon_days)) + "\n";
  if (today < r.on) out += text::tr("{} is after today ({}): this is what falls due by then if nothing more comes in.", r.on.iso(), today.iso()) + "\n";
  if (!r.note.empty()) out += text::tr("Note: {}.", r.note) + "\n";
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
      out += "  " + padded(kind_word(i.kind), 10) + " " + t + "\n";  // continuation lines under the text
    }
  }
  if (!quiet.empty())
    out += "\n" + text::tr("{0} {0:unit|units}: nothing overdue, due soon, returned, waiting or late: {1}", text::count(quiet.size()), listed(quiet, quiet.size())) + "\n";
  if (r.earlier_late > 0)
    out += "\n" + text::tr("{0} {0:report|reports} of earlier periods came late (the next period's report was due by {1} too); --history lists them.",
                            text::count(r.earlier_late), r.on.iso()) + "\n";
  bool any = std::any_of(r.total.cells.begin(), r.total.cells.end(), [](const ReportingShare& c) { return c.expected > 0; });
  if (!any) {
    out += "\n" + text::tr("No report was due by {}, so there is no completeness to show yet.", r.on.iso()) + "\n";
    return out;
  }
  out += "\n" + text::tr("Completeness and timeliness of the reports due by {}", r.on.iso()) + "\n";
  out += text::tr("(received: in and not returned, of those expected; on time: first submitted by its due date; - : nothing was due)") + "\n\n";
  return out + share_table(r);
}

}  // namespace mera::engine
