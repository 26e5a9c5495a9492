// `mera model diff`: the entry point and the parts of a model outside its forms and Lua (the
// header, levels and route, enums, deadlines, indicators). Each part pairs the items of the
// two models by name and compares a pair aspect by aspect (diff_parts.hpp).
#include <algorithm>
#include <set>

#include "diff_parts.hpp"
#include "mera/dsl/format.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {

std::size_t ModelDiff::count(ChangeAction action) const {
  return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [&](const Change& c) { return c.action == action; }));
}

const char* kind_name(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::model: return "model";
    case ChangeKind::level: return "level";
    case ChangeKind::route: return "route";
    case ChangeKind::enumeration: return "enum";
    case ChangeKind::form: return "form";
    case ChangeKind::field: return "field";
    case ChangeKind::check: return "check";
    case ChangeKind::deadline: return "deadline";
    case ChangeKind::indicator: return "indicator";
    case ChangeKind::lua_function: return "lua function";
    case ChangeKind::lua_code: return "lua code";
  }
  return "item";
}

std::string kind_words(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::model: return text::tr("model");
    case ChangeKind::level: return text::tr("level");
    case ChangeKind::route: return text::tr("route");
    case ChangeKind::enumeration: return text::tr("enum");
    case ChangeKind::form: return text::tr("form");
    case ChangeKind::field: return text::tr("field");
    case ChangeKind::check: return text::tr("check");
    case ChangeKind::deadline: return text::tr("deadline");
    case ChangeKind::indicator: return text::tr("indicator");
    case ChangeKind::lua_function: return text::tr("lua function");
    case ChangeKind::lua_code: return text::tr("lua code");
  }
  return text::tr("item");
}

namespace diff {

void Aspects::compare(std::string aspect, std::string before, std::string after) {
  bool same = before == after;
  compare(std::move(aspect), std::move(before), std::move(after), same);
}

void Aspects::compare(std::string aspect, std::string before, std::string after, bool same) {
  if (!same) list_.push_back({std::move(aspect), std::move(before), std::move(after)});
}

void Changes::added(ChangeKind kind, std::string name, std::string label, std::string summary) {
  out_.push_back({kind, ChangeAction::added, std::move(name), std::move(label), std::move(summary), {}});
}

void Changes::removed(ChangeKind kind, std::string name, std::string label, std::string summary) {
  out_.push_back({kind, ChangeAction::removed, std::move(name), std::move(label), std::move(summary), {}});
}

void Changes::changed(ChangeKind kind, std::string name, std::string label, Aspects aspects) {
  if (aspects.empty()) return;
  out_.push_back({kind, ChangeAction::changed, std::move(name), std::move(label), {}, aspects.take()});
}

namespace {

std::string quoted(const std::string& label) { return dsl::format_string(label); }

// The days of `days` that `other` does not list.
std::vector<dsl::Date> only_in(const std::vector<dsl::Date>& days, const std::vector<dsl::Date>& other) {
  std::vector<dsl::Date> out;
  std::set_difference(days.begin(), days.end(), other.begin(), other.end(), std::back_inserter(out));
  return out;
}

// Where a declaration stands: its file among the model's sources, then its place in the file.
std::pair<std::size_t, std::uint32_t> position(const Model& model, const dsl::Span& span) {
  auto it = std::find_if(model.sources.begin(), model.sources.end(), [&](const dsl::SourcePtr& s) { return s.get() == span.file; });
  return {static_cast<std::size_t>(it - model.sources.begin()), span.begin};
}

// Indicators are kept in evaluation order; people read them in the order they were written.
std::vector<const Indicator*> declared_indicators(const Model& model) {
  std::vector<const Indicator*> out = pointers(model.indicators);
  std::stable_sort(out.begin(), out.end(), [&](const Indicator* a, const Indicator* b) { return position(model, a->span) < position(model, b->span); });
  return out;
}

std::string route_text(const Model& model) {
  std::string text;
  for (const auto& l : model.levels) text += (text.empty() ? "" : ", ") + l.name;
  return text;
}

std::string value_names(const forms::Enum& e) {
  std::string text;
  for (const auto& v : e.values) text += (text.empty() ? "" : ", ") + v.name;
  return text;
}

// The values that both enums have, in the order `e` lists them.
std::string common_values(const forms::Enum& e, const forms::Enum& other) {
  std::string text;
  for (const auto& v : e.values)
    if (other.value(v.name)) text += (text.empty() ? "" : ", ") + v.name;
  return text;
}

void enum_values(const forms::Enum& before, const forms::Enum& after, Aspects& aspects) {
  auto name = [](const forms::EnumValue& v) { return v.name; };
  for (const auto& [was, is] : pair_up(pointers(before.values), pointers(after.values), name)) {
    const auto& v = is ? *is : *was;
    aspects.compare(text::tr("value {}", v.name), was ? quoted(was->label) : "", is ? quoted(is->label) : "");
  }
  aspects.compare(text::tr("order of values"), common_values(before, after), common_values(after, before));
}

}  // namespace

// The header: a model renamed is still this model, so it is always "changed", never swapped.
void diff_header(const Model& before, const Model& after, Changes& out) {
  Aspects a;
  a.compare(text::tr("name"), before.name, after.name);
  a.compare(text::tr("label"), quoted(before.label), quoted(after.label));
  a.compare(text::tr("extends"), before.extends, after.extends);
  a.compare(text::tr("effective"), before.effective.iso(), after.effective.iso());
  a.compare(text::tr("shift to next working day"), yes_no(before.calendar.shift), yes_no(after.calendar.shift));
  // Only the days that differ: a region's list of holidays runs over years.
  a.compare(text::tr("holidays"), days_text(only_in(before.calendar.holidays, after.calendar.holidays)),
            days_text(only_in(after.calendar.holidays, before.calendar.holidays)));
  out.changed(ChangeKind::model, after.name, after.label, std::move(a));
}

void diff_levels(const Model& before, const Model& after, Changes& out) {
  auto name = [](const Level& l) { return l.name; };
  for (const auto& [was, is] : pair_up(pointers(before.levels), pointers(after.levels), name)) {
    if (!was) out.added(ChangeKind::level, is->name, is->label, "");
    else if (!is) out.removed(ChangeKind::level, was->name, was->label, "");
    else {
      Aspects a;
      a.compare(text::tr("label"), quoted(was->label), quoted(is->label));
      out.changed(ChangeKind::level, is->name, is->label, std::move(a));
    }
  }
  Aspects route;
  route.compare(text::tr("levels from the bottom up"), route_text(before), route_text(after));
  out.changed(ChangeKind::route, "", "", std::move(route));
}

void diff_enums(const Model& before, const Model& after, Changes& out) {
  auto name = [](const forms::Enum& e) { return e.name; };
  for (const auto& [was, is] : pair_up(pointers(before.enums), pointers(after.enums), name)) {
    if (!was) out.added(ChangeKind::enumeration, is->name, is->label, value_names(*is));
    else if (!is) out.removed(ChangeKind::enumeration, was->name, was->label, value_names(*was));
    else {
      Aspects a;
      a.compare(text::tr("label"), quoted(was->label), quoted(is->label));
      enum_values(*was, *is, a);
      out.changed(ChangeKind::enumeration, is->name, is->label, std::move(a));
    }
  }
}

// A deadline is one hop of one form; its rules are compared period by period.
void diff_deadlines(const Model& before, const Model& after, Changes& out) {
  auto hop = [](const Deadline& d) { return d.form + " " + d.from + " -> " + d.to; };
  auto selector = [](const DueRule& r) { return r.selector; };
  for (const auto& [was, is] : pair_up(pointers(before.deadlines), pointers(after.deadlines), hop)) {
    if (!was) out.added(ChangeKind::deadline, hop(*is), "", rules_text(*is));
    else if (!is) out.removed(ChangeKind::deadline, hop(*was), "", rules_text(*was));
    else {
      Aspects a;
      for (const auto& [old_rule, new_rule] : pair_up(pointers(was->rules), pointers(is->rules), selector))
        a.compare(new_rule ? new_rule->selector : old_rule->selector, old_rule ? due_text(*old_rule) : "", new_rule ? due_text(*new_rule) : "");
      out.changed(ChangeKind::deadline, hop(*is), "", std::move(a));
    }
  }
}

void diff_indicators(const Model& before, const Model& after, Changes& out) {
  auto name = [](const Indicator& i) { return i.name; };
  for (const auto& [was, is] : pair_up(declared_indicators(before), declared_indicators(after), name)) {
    if (!was) out.added(ChangeKind::indicator, is->name, is->label, dsl::format_expr(is->value));
    else if (!is) out.removed(ChangeKind::indicator, was->name, was->label, dsl::format_expr(was->value));
    else {
      Aspects a;
      a.compare(text::tr("label"), quoted(was->label), quoted(is->label));
      a.compare(text::tr("value"), dsl::format_expr(was->value), dsl::format_expr(is->value), same_meaning(was->value, is->value));
      a.compare(text::tr("format"), format_text(was->format), format_text(is->format));
      bool same_target = was->target.has_value() == is->target.has_value() &&
                         (!was->target || (was->target->op == is->target->op && same_meaning(was->target->value, is->target->value)));
      a.compare(text::tr("target"), target_text(was->target), target_text(is->target), same_target);
      out.changed(ChangeKind::indicator, is->name, is->label, std::move(a));
    }
  }
}

}  // namespace diff

ModelDiff diff_models(const Model& old_model, const Model& new_model) {
  ModelDiff result;
  diff::Changes out(result.changes);
  diff::diff_header(old_model, new_model, out);
  diff::diff_levels(old_model, new_model, out);
  diff::diff_enums(old_model, new_model, out);
  diff::diff_forms(old_model, new_model, out);
  diff::diff_deadlines(old_model, new_model, out);
  diff::diff_indicators(old_model, new_model, out);
  diff::diff_lua(old_model, new_model, out);
  return result;
}

}  // namespace mera::rules
