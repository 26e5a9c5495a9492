// `mera model diff OLD NEW`: what two checked models mean differently, not how their text
// differs. Both sides are compiled models, so a file that was only reformatted, commented or
// reordered has no diff; expressions are compared as trees (dsl::format_expr shows them), and
// numbers by value (0.60 and 0.6 are one number).
//
// The order of the changes is fixed, so that the output of two runs can itself be compared:
// by kind first (model header, levels, route, enums, forms with their fields and checks,
// deadlines, indicators, Lua functions, other Lua code), then in the new model's declaration
// order, with a removed item placed after the item that preceded it in the old model.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mera/rules/model.hpp"

namespace mera::rules {

enum class ChangeKind {
  model,         // the header: name, label, extends, effective date, calendar
  level,
  route,         // the order of the levels
  enumeration,
  form,
  field,         // a field of a form: "blood_families.families"
  check,         // a check of a form, named by its severity and condition
  deadline,      // a form's deadline for one hop: "blood_families organization -> platform"
  indicator,
  lua_function,  // a global function of the lua blocks
  lua_code,      // the code of the lua blocks outside their global functions
};

enum class ChangeAction { added, removed, changed };

// One aspect of a changed item, as the language would write it on each side; empty text
// where the aspect is absent on that side (no target, no formula).
// The words of a change (an aspect, a summary, yes and no) are in the language current when
// diff_models ran, so that a diff reads as one text; the file's own text in them (types,
// expressions, formats, due rules, names) is the same in every language.
struct AspectChange {
  std::string aspect;  // "target", "bounds", "Q4", "value high"
  std::string before;
  std::string after;
};

struct Change {
  ChangeKind kind = ChangeKind::model;
  ChangeAction action = ChangeAction::changed;
  std::string name;     // how the language names the item (see ChangeKind)
  std::string label;    // the model's words for it (a label, a check's message); may be empty
  std::string summary;  // added or removed: the item in short ("int >= 0 required")
  std::vector<AspectChange> aspects;  // changed: what changed, in a fixed order per kind
};

struct ModelDiff {
  std::vector<Change> changes;

  bool empty() const { return changes.empty(); }
  std::size_t count(ChangeAction action) const;
};

// Everything `new_model` means differently from `old_model`, in the order described above.
ModelDiff diff_models(const Model& old_model, const Model& new_model);

// Plain text for people: a first line naming both sides, one line per added, removed or
// changed item, an indented `aspect: old -> new` line per changed aspect, and a count line;
// "no changes in meaning from OLD to NEW" when there is nothing.
std::string render(const ModelDiff& diff, std::string_view old_name, std::string_view new_name);

// "field", "lua function": the kind as the language names it, a machine's word (the "kind" of
// a diff over HTTP), the same in every language.
const char* kind_name(ChangeKind kind);
// The kind in the reader's language, as render() writes it: "field", «поле».
std::string kind_words(ChangeKind kind);

}  // namespace mera::rules
