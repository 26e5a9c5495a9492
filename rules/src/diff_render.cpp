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

#include <algorithm>

#include "diff_parts.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {
namespace {

// In the reader's language, as the item's kind and the aspects are; its name stays as the model
// writes it.
std::string action_word(ChangeAction action) {
  switch (action) {
    case ChangeAction::added: return text::tr("added");
    case ChangeAction::removed: return text::tr("removed");
    case ChangeAction::changed: return text::tr("changed");
  }
  return "";
}

// A label that only repeats the name (the default when none is written) says nothing more.
bool label_adds(const Change& c) {
  if (c.label.empty() || c.label == c.name) return false;
  return !c.name.ends_with("." + c.label);
}

// The action words make a column two spaces wider than the longest of them, in either language.
std::size_t action_width() {
  std::size_t w = 0;
  for (auto action : {ChangeAction::added, ChangeAction::removed, ChangeAction::changed}) w = std::max(w, dsl::display_width(action_word(action)));
  return w + 2;
}

std::string item_line(const Change& c) {
  std::string line = dsl::padded(action_word(c.action), action_width()) + kind_words(c.kind);
  if (!c.name.empty()) line += " " + c.name;
  if (label_adds(c)) line += " «" + c.label + "»";
  if (!c.summary.empty()) line += ": " + c.summary;
  return line + "\n";
}

std::string side(const std::string& text) { return text.empty() ? text::tr("(none)") : text; }

// "1 added" in English, «добавлено 1» in Russian: a tally, the word first.
std::string counted(ChangeAction action, std::size_t n) {
  switch (action) {
    case ChangeAction::added: return text::tr("{} added", n);
    case ChangeAction::removed: return text::tr("{} removed", n);
    case ChangeAction::changed: return text::tr("{} changed", n);
  }
  return "";
}

std::string count_line(const ModelDiff& diff) {
  std::string parts;
  for (auto action : {ChangeAction::added, ChangeAction::removed, ChangeAction::changed})
    if (std::size_t n = diff.count(action)) parts += (parts.empty() ? "" : ", ") + counted(action, n);
  return text::tr("{0} {0:change|changes}", text::count(diff.changes.size())) + ": " + parts + "\n";
}

}  // namespace

std::string render(const ModelDiff& diff, std::string_view old_name, std::string_view new_name) {
  if (diff.empty()) return text::tr("no changes in meaning from {} to {}", old_name, new_name) + "\n";
  std::string out = text::tr("changes in meaning from {} to {}:", old_name, new_name) + "\n";
  for (const Change& c : diff.changes) {
    out += item_line(c);
    for (const AspectChange& a : c.aspects) out += fmt::format("    {}: {} -> {}\n", a.aspect, side(a.before), side(a.after));
  }
  return out + count_line(diff);
}

}  // namespace mera::rules
