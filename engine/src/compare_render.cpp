// Two evaluations of one request side by side: under the revision in force and under another
// (usually a draft), so that a methodologist sees what a changed formula would do to stored
// history before anyone approves it.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "dashboard_lines.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/engine/dashboard.hpp"
#include "mera/engine/dashboard_json.hpp"
#include "mera/engine/display.hpp"

namespace mera::engine {
namespace {

using dsl::display_width;
using dsl::padded;

// One line of the comparison: the same indicator (or category) under both revisions, or
// under only one of them.
struct Pair {
  const Line* before = nullptr;
  const Line* after = nullptr;

  const Line& line() const { return after ? *after : *before; }  // its label and name
  // A breakdown's heading line: no value on either side.
  bool heading() const { return !(before && before->value) && !(after && after->value); }
};

const double* number(const Line* l) { return l && l->value ? l->value->get<double>() : nullptr; }

bool same(const Line& a, const Line& b) {
  if (a.shown != b.shown) return false;
  const double *x = number(&a), *y = number(&b);
  return !x || !y || *x == *y;  // equal display, and equal exact values where both have one
}

// What happened to a line: "" (unchanged), "changed" (its value), "target" (the same value
// judged against another target), "new" (only the what-if revision has it), "gone" (only the
// revision in force has it).
std::string change(const Pair& p) {
  if (!p.before) return "new";
  if (!p.after) return "gone";
  if (p.heading()) return "";
  if (!same(*p.before, *p.after)) return "changed";
  return p.before->target != p.after->target || p.before->status != p.after->status ? "target" : "";
}

// Both sides in the what-if's locale, so that a line differs only when its value does.
std::vector<Line> unit_lines(const Dashboard* d, std::size_t unit, rules::NumberLocale locale) {
  std::vector<Line> out;
  if (!d || unit >= d->units.size()) return out;
  for (const auto& v : d->units[unit].values)
    for (auto& l : lines(v, locale)) out.push_back(std::move(l));
  return out;
}

// One unit under both revisions: the what-if's lines in their order, then what only the
// revision in force has. The pairs point into `before` and `after`, whose elements stay put
// when the struct is moved.
struct UnitComparison {
  const storage::Unit* unit = nullptr;
  std::vector<Line> before, after;
  std::vector<Pair> pairs;
};

std::vector<UnitComparison> compared_units(const DashboardBuilder::Comparison& c) {
  const Dashboard* before = c.in_force ? &*c.in_force : nullptr;
  std::vector<UnitComparison> out(c.what_if.units.size());
  for (std::size_t u = 0; u < out.size(); ++u) {
    UnitComparison& uc = out[u];
    uc.unit = &c.what_if.units[u].unit;
    uc.before = unit_lines(before, u, c.what_if.revision->model->locale);
    uc.after = unit_lines(&c.what_if, u, c.what_if.revision->model->locale);
    std::map<std::string, const Line*> old_lines;
    for (const auto& l : uc.before) old_lines.emplace(l.name, &l);
    for (const auto& l : uc.after) {
      auto it = old_lines.find(l.name);
      uc.pairs.push_back({it == old_lines.end() ? nullptr : it->second, &l});
      if (it != old_lines.end()) old_lines.erase(it);
    }
    for (const auto& l : uc.before)
      if (old_lines.contains(l.name)) uc.pairs.push_back({&l, nullptr});
  }
  return out;
}

struct Counts {
  std::size_t changed = 0, targets = 0, added = 0, gone = 0, values = 0;
};

std::string table(const DashboardBuilder::Comparison& c) {
  const Dashboard& after = c.what_if;
  const Dashboard* before = c.in_force ? &*c.in_force : nullptr;
  std::string out = fmt::format("{} «{}», period {}\n", after.revision->model->name, after.revision->model->label, after.period.text());
  out += before ? fmt::format("  in force: {}\n", revision_words(*before)) : "  in force: no approved revision is in force for this period\n";
  out += fmt::format("  compared: {}\n", revision_words(after));
  std::string old_head = before ? fmt::format("revision {}", before->revision->revision.id) : std::string("in force");
  std::string new_head = fmt::format("revision {}", after.revision->revision.id);
  Counts counts;
  for (const auto& uc : compared_units(c)) {
    out += fmt::format("\n{} «{}» ({})\n", uc.unit->id, uc.unit->name, uc.unit->level);
    std::size_t label_w = display_width("indicator"), old_w = display_width(old_head), new_w = display_width(new_head);
    for (const auto& p : uc.pairs) {
      label_w = std::max(label_w, display_width(p.line().label));
      if (p.before) old_w = std::max(old_w, display_width(p.before->shown));
      if (p.after) new_w = std::max(new_w, display_width(p.after->shown));
    }
    out += fmt::format("  {}  {}  {}  {:<7}  {}\n", padded("indicator", label_w), padded(old_head, old_w, true), padded(new_head, new_w, true),
                       "change", "name");
    for (const auto& p : uc.pairs) {
      std::string what = change(p);
      if (!p.heading()) ++counts.values;
      if (what == "changed") ++counts.changed;
      if (what == "target") ++counts.targets;
      if (what == "new") ++counts.added;
      if (what == "gone") ++counts.gone;
      out += fmt::format("  {}  {}  {}  {:<7}  {}\n", padded(p.line().label, label_w), padded(p.before ? p.before->shown : "", old_w, true),
                         padded(p.after ? p.after->shown : "", new_w, true), what, p.line().name);
    }
  }
  out += fmt::format("\n{} of {} values change, {} are judged against a changed target, {} are new and {} gone under revision {}.\n",
                     counts.changed, counts.values, counts.targets, counts.added, counts.gone, after.revision->revision.id);
  out += "(`target` in the change column: the same value, another target or verdict; `mera eval --revision REV` shows them.)\n";
  return out;
}

std::string csv(const DashboardBuilder::Comparison& c) {
  const Dashboard& after = c.what_if;
  const Dashboard* before = c.in_force ? &*c.in_force : nullptr;
  std::string out = "unit,period,indicator,label,in_force_revision,in_force_value,in_force_display,revision,value,display,change\n";
  auto exact_of = [](const Line* l) {
    const double* x = number(l);
    return x ? exact(*x) : std::string();
  };
  for (const auto& uc : compared_units(c))
    for (const auto& p : uc.pairs) {
      if (p.heading()) continue;
      const std::string& label = p.line().label;
      std::string row;
      for (const std::string& field :
           {uc.unit->id, after.period.text(), p.line().name, label.substr(label.find_first_not_of(' ')),
            before ? std::to_string(before->revision->revision.id) : std::string(), exact_of(p.before), p.before ? p.before->shown : "",
            std::to_string(after.revision->revision.id), exact_of(p.after), p.after ? p.after->shown : "", change(p)})
        row += csv_field(field) + ',';
      row.back() = '\n';
      out += row;
    }
  return out;
}

nlohmann::ordered_json comparison_json(const DashboardBuilder::Comparison& c) {
  const Dashboard& after = c.what_if;
  const Dashboard* before = c.in_force ? &*c.in_force : nullptr;
  auto side = [](const Line* l) {
    if (!l) return nlohmann::ordered_json(nullptr);
    nlohmann::ordered_json j;
    const double* x = number(l);
    j["value"] = x ? nlohmann::ordered_json(*x) : nlohmann::ordered_json(nullptr);
    j["display"] = l->shown;
    return j;
  };
  nlohmann::ordered_json out;
  out["model"] = after.revision->model->name;
  out["period"] = after.period.text();
  out["in_force"] = before ? nlohmann::ordered_json(before->revision->revision.id) : nlohmann::ordered_json(nullptr);
  out["revision"] = after.revision->revision.id;
  out["units"] = nlohmann::ordered_json::array();
  for (const auto& uc : compared_units(c)) {
    nlohmann::ordered_json unit;
    unit["unit"] = uc.unit->id;
    unit["indicators"] = nlohmann::ordered_json::array();
    for (const auto& p : uc.pairs) {
      if (p.heading()) continue;
      nlohmann::ordered_json i;
      i["name"] = p.line().name;
      i["in_force"] = side(p.before);
      i["revision"] = side(p.after);
      std::string what = change(p);
      i["change"] = what.empty() ? std::string("same") : what;
      unit["indicators"].push_back(std::move(i));
    }
    out["units"].push_back(std::move(unit));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json to_json(const DashboardBuilder::Comparison& comparison) { return comparison_json(comparison); }

std::string render(const DashboardBuilder::Comparison& comparison, DashboardFormat format) {
  switch (format) {
    case DashboardFormat::json: return to_json(comparison).dump(2) + "\n";
    case DashboardFormat::csv: return csv(comparison);
    default: return table(comparison);
  }
}

}  // namespace mera::engine
