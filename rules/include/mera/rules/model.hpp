// The compiled model: what the checker produces and every later stage reads. Immutable once
// built (shared as std::shared_ptr<const Model>); every name in it resolves.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mera/dsl/ast.hpp"
#include "mera/forms/form.hpp"
#include "mera/forms/typecheck.hpp"

namespace mera::rules {

struct Level {
  std::string name;
  std::string label;
  int rank = 0;  // position on the route: 0 is the bottom (organization)
  dsl::Span span;
};

// One rule of a deadline: the periods it applies to and when the report is due.
struct DueRule {
  std::string selector;  // quarter, half_year, year, month (every period) or Q1..Q4, H1, H2
  dsl::DueRule::Kind kind = dsl::DueRule::Kind::day_of_next_month;
  int day = 0;
  int month = 0;
  dsl::Span span;
};

struct Deadline {
  std::string form;
  std::string from;
  std::string to;
  std::vector<DueRule> rules;
  dsl::Span span;
};

// Working-day rules of the model (`shift to next working day`, `holidays ...` in its header).
// Without `shift` no due date moves: the Regulation's dates as written.
struct Calendar {
  bool shift = false;               // a due date on a day off moves to the next working day
  std::vector<dsl::Date> holidays;  // every listed day, runs expanded, sorted, no duplicates
};

// How the dashboard's table shows numbers (`locale ru` in the model's header): en, the
// default, 62.4 % and 1532; ru 62,4 % and 1 532 (a no-break space between thousands). JSON
// and CSV keep plain machine numbers whatever the locale.
enum class NumberLocale { en, ru };

struct Format {
  enum class Kind { number, percent, integer };
  Kind kind = Kind::number;
  int digits = 1;
  bool truncate = false;  // cut, not rounded, for display (published tables do that)
};

struct Target {
  std::string op;
  dsl::Expr value;
};

struct Indicator {
  std::string name;
  std::string label;
  dsl::Expr value;
  Format format;
  std::optional<Target> target;
  std::vector<std::string> depends_on;  // indicators used in `value` (outside previous())
  dsl::Span span;
};

struct LuaChunk {
  std::string code;
  int first_line = 1;  // the .mera line where the code starts, so Lua's errors point there
  dsl::Span span;
};

class Model {
 public:
  std::string name;
  std::string label;
  std::string extends;            // the base model's name, if regional
  dsl::Date effective;
  dsl::Span effective_span;       // where the header says it (publishing compares it with --effective)
  Calendar calendar;
  NumberLocale locale = NumberLocale::en;
  std::vector<Level> levels;      // in route order, bottom first
  std::vector<std::unique_ptr<forms::Enum>> enums;
  std::vector<std::unique_ptr<forms::Form>> forms;
  std::vector<Deadline> deadlines;
  std::vector<Indicator> indicators;  // in evaluation order: dependencies first
  std::vector<LuaChunk> lua;
  forms::FunctionTable functions;
  std::vector<dsl::SourcePtr> sources;  // keeps every Span's file alive

  const Level* level(std::string_view name) const;
  const forms::Form* form(std::string_view name) const;
  const forms::Enum* enumeration(std::string_view name) const;
  const Indicator* indicator(std::string_view name) const;
  std::vector<std::string> form_names() const;  // for "did you mean"
  std::size_t field_count() const;
  // "tomsk: 5 forms, 57 fields, 34 indicators, 10 deadlines, 4 levels", in the reader's language
  std::string summary() const;
};

}  // namespace mera::rules
