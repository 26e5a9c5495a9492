// `mera model diff` as people read it:
//
//   changes in meaning from tomsk-2020 to tomsk-2021:
//   added    field blood_families.reopened «Случай открыт повторно»: int >= 0
//   changed  indicator positive_share «Доля семей с положительной динамикой»
//       target: >= 60% -> >= 65%
//   2 changes: 1 added, 1 changed
//
// An item is named as the language names it, with the model's label in «»; an aspect shows
// each side as the file would write it, "(none)" where that side has nothing.
#include <fmt/format.h>

#include "diff_parts.hpp"

namespace mera::rules {
namespace {

const char* action_word(ChangeAction action) {
  switch (action) {
    case ChangeAction::added: return "added";
    case ChangeAction::removed: return "removed";
    case ChangeAction::changed: return "changed";
  }
  return "";
}

// A label that only repeats the name (the default when none is written) says nothing more.
bool label_adds(const Change& c) {
  if (c.label.empty() || c.label == c.name) return false;
  return !c.name.ends_with("." + c.label);
}

std::string item_line(const Change& c) {
  std::string line = fmt::format("{:<9}{}", action_word(c.action), kind_name(c.kind));
  if (!c.name.empty()) line += " " + c.name;
  if (label_adds(c)) line += " «" + c.label + "»";
  if (!c.summary.empty()) line += ": " + c.summary;
  return line + "\n";
}

std::string side(const std::string& text) { return text.empty() ? "(none)" : text; }

std::string count_line(const ModelDiff& diff) {
  std::string parts;
  for (auto action : {ChangeAction::added, ChangeAction::removed, ChangeAction::changed})
    if (std::size_t n = diff.count(action)) parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", n, action_word(action));
  return diff::plural(diff.changes.size(), "change") + ": " + parts + "\n";
}

}  // namespace

std::string render(const ModelDiff& diff, std::string_view old_name, std::string_view new_name) {
  if (diff.empty()) return fmt::format("no changes in meaning from {} to {}\n", old_name, new_name);
  std::string out = fmt::format("changes in meaning from {} to {}:\n", old_name, new_name);
  for (const Change& c : diff.changes) {
    out += item_line(c);
    for (const AspectChange& a : c.aspects) out += fmt::format("    {}: {} -> {}\n", a.aspect, side(a.before), side(a.after));
  }
  return out + count_line(diff);
}

}  // namespace mera::rules
