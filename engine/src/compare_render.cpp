// Two evaluations of one request side by side: under the revision in force and under another
// (usually a draft), so that a methodologist sees what a changed formula would do to stored
// history before anyone approves it.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "dashboard_lines.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/engine/dashboard.hpp"
#include "mera/engine/display.hpp"

namespace mera::engine {
namespace {

using dsl::display_width;
using dsl::padded;

// One line of the comparison: the same indicator (or category) under both revisions, or
// under only one of them.
struct Pair {
  std::string label, name;
  const Line* before = nullptr;
  const Line* after = nullptr;
};

bool same(const Line& a, const Line& b) {
  if (a.shown != b.shown) return false;
  const double* x = a.value ? a.value->get<double>() : nullptr;
  const double* y = b.value ? b.value->get<double>() : nullptr;
  return !x || !y || *x == *y;  // equal display, and equal exact values where both have one
}

// What happened to a line: "" (unchanged), "changed" (its value), "target" (the same value
// judged against another target), "new" (only the what-if revision has it), "gone" (only the
// revision in force has it).
std::string change(const Pair& p) {
  if (!p.before) return "new";
  if (!p.after) return "gone";
  if (!p.before->value && !p.after->value) return "";  // a breakdown's heading line
  if (!same(*p.before, *p.after)) return "changed";
  return p.before->target != p.after->target || p.before->status != p.after->status ? "target" : "";
}

// The lines of one unit under both revisions: the what-if's order, then what only the
// revision in force has, where it stood.
std::vector<Pair> pair_up(const std::vector<Line>& before, const std::vector<Line>& after) {
  std::map<std::string, const Line*> old_lines;
  for (const auto& l : before) old_lines.emplace(l.name, &l);
  std::vector<Pair> out;
  for (const auto& l : after) {
    auto it = old_lines.find(l.name);
    out.push_back({l.label, l.name, it == old_lines.end() ? nullptr : it->second, &l});
  }
  for (const auto& l : before) {
    bool kept = std::any_of(after.begin(), after.end(), [&](const Line& a) { return a.name == l.name; });
    if (!kept) out.push_back({l.label, l.name, &l, nullptr});
  }
  return out;
}

std::vector<Line> unit_lines(const Dashboard* d, std::size_t unit) {
  std::vector<Line> out;
  if (!d || unit >= d->units.size()) return out;
  for (const auto& v : d->units[unit].values)
    for (auto& l : lines(v)) out.push_back(std::move(l));
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
  for (std::size_t u = 0; u < after.units.size(); ++u) {
    const auto& unit = after.units[u].unit;
    out += fmt::format("\n{} «{}» ({})\n", unit.id, unit.name, unit.level);
    std::vector<Line> old_lines = unit_lines(before, u), new_lines = unit_lines(&after, u);
    std::vector<Pair> pairs = pair_up(old_lines, new_lines);
    std::size_t label_w = display_width("indicator"), old_w = display_width(old_head), new_w = display_width(new_head);
    for (const auto& p : pairs) {
      label_w = std::max(label_w, display_width(p.label));
      if (p.before) old_w = std::max(old_w, display_width(p.before->shown));
      if (p.after) new_w = std::max(new_w, display_width(p.after->shown));
    }
    out += fmt::format("  {}  {}  {}  {:<7}  {}\n", padded("indicator", label_w), padded(old_head, old_w, true), padded(new_head, new_w, true),
                       "change", "name");
    for (const auto& p : pairs) {
      std::string what = change(p);
      if ((p.before && p.before->value) || (p.after && p.after->value)) ++counts.values;
      if (what == "changed") ++counts.changed;
      if (what == "target") ++counts.targets;
      if (what == "new") ++counts.added;
      if (what == "gone") ++counts.gone;
      out += fmt::format("  {}  {}  {}  {:<7}  {}\n", padded(p.label, label_w), padded(p.before ? p.before->shown : "", old_w, true),
                         padded(p.after ? p.after->shown : "", new_w, true), what, p.name);
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
    const double* x = l && l->value ? l->value->get<double>() : nullptr;
    return x ? exact(*x) : std::string();
  };
  for (std::size_t u = 0; u < after.units.size(); ++u) {
    std::vector<Line> old_lines = unit_lines(before, u), new_lines = unit_lines(&after, u);
    for (const auto& p : pair_up(old_lines, new_lines)) {
      if ((!p.before || !p.before->value) && (!p.after || !p.after->value)) continue;  // a breakdown's heading
      std::string row;
      for (const std::string& field :
           {after.units[u].unit.id, after.period.text(), p.name, p.label.substr(p.label.find_first_not_of(' ')),
            before ? std::to_string(before->revision->revision.id) : std::string(), exact_of(p.before), p.before ? p.before->shown : "",
            std::to_string(after.revision->revision.id), exact_of(p.after), p.after ? p.after->shown : "", change(p)})
        row += csv_field(field) + ',';
      row.back() = '\n';
      out += row;
    }
  }
  return out;
}

std::string json(const DashboardBuilder::Comparison& c) {
  const Dashboard& after = c.what_if;
  const Dashboard* before = c.in_force ? &*c.in_force : nullptr;
  auto side = [](const Line* l) {
    nlohmann::ordered_json j;
    if (!l) return nlohmann::ordered_json(nullptr);
    const double* x = l->value ? l->value->get<double>() : nullptr;
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
  for (std::size_t u = 0; u < after.units.size(); ++u) {
    nlohmann::ordered_json unit;
    unit["unit"] = after.units[u].unit.id;
    unit["indicators"] = nlohmann::ordered_json::array();
    std::vector<Line> old_lines = unit_lines(before, u), new_lines = unit_lines(&after, u);
    for (const auto& p : pair_up(old_lines, new_lines)) {
      if ((!p.before || !p.before->value) && (!p.after || !p.after->value)) continue;
      nlohmann::ordered_json i;
      i["name"] = p.name;
      i["in_force"] = side(p.before);
      i["revision"] = side(p.after);
      i["change"] = change(p).empty() ? std::string("same") : change(p);
      unit["indicators"].push_back(std::move(i));
    }
    out["units"].push_back(std::move(unit));
  }
  return out.dump(2) + "\n";
}

}  // namespace

std::string render(const DashboardBuilder::Comparison& comparison, DashboardFormat format) {
  switch (format) {
    case DashboardFormat::json: return json(comparison);
    case DashboardFormat::csv: return csv(comparison);
    default: return table(comparison);
  }
}

}  // namespace mera::engine
