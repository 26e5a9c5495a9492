// The syntax tree of a .mera file, exactly as written: no name is resolved here (that is
// rules/check). Every node carries the Span it was parsed from. Members of a block keep their
// source order, so the formatter can print a file back with its comments in place.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mera/dsl/date.hpp"
#include "mera/dsl/source.hpp"

namespace mera::dsl {

// A name as written, with its place.
struct Ident {
  std::string text;
  Span span;
};

// A quoted string: its unescaped value and the place of the quotes.
struct Label {
  std::string text;
  Span span;
};

// One expression node. A single struct with a kind keeps the checker, the formatter and the
// evaluator to one switch each (as Lua's expdesc does).
struct Expr {
  enum class Kind {
    number,     // 12, 2.5           -> number
    percent,    // 60%               -> number (0.6); text keeps "60%"
    date,       // 2020-06-10        -> date
    string,     // "text"            -> text
    boolean,    // true, false       -> boolean
    null,       // null
    name,       // a, form.field, enum.value -> path
    index,      // breakdown[category]: args[0] the breakdown, key the category
    unary,      // op: "-" or "not";  args[0]
    binary,     // op: + - * / < <= > >= == != and or;  args[0], args[1]
    condition,  // if args[0] then args[1] else args[2]
    aggregate,  // op: sum count avg min max; args[0] the source, args[1] the `where` if any
    call,       // op: function name; args
    previous,   // previous(args[0]): the same expression over the previous period
    in_period,  // args[0] in period
  };

  Kind kind = Kind::null;
  Span span;
  std::string op;           // operator, aggregate or function name
  std::string text;         // string literal value, or the literal as written for numbers
  double number = 0;
  Date date;
  bool boolean = false;
  std::vector<Ident> path;  // for names: the dotted parts
  Ident key;                // for index
  Ident callee;             // for calls: the function's name and place
  std::vector<Expr> args;
  bool has_where = false;   // for aggregates
  std::uint16_t depth = 1;  // height of this subtree (bounded by the parser)
};

// ---- declarations -------------------------------------------------------------------------

struct Holiday {               // 2021-02-23, or a run of days 2021-01-01..2021-01-08
  Date first;
  Date last;                   // == first for a single day
  Span first_span;
  std::optional<Span> last_span;
  Span span;
};

struct HolidaysClause {        // holidays 2021-01-01..2021-01-08, 2021-02-23
  std::vector<Holiday> days;
  Span span;
};

struct ModelDecl {             // model tomsk "Томская область" [extends base] { effective DATE [locale ru] }
  Ident name;
  std::optional<Label> label;
  std::optional<Ident> extends;
  std::optional<Date> effective;
  Span effective_span;
  std::optional<Ident> locale; // `locale ru`: how numbers are shown
  std::optional<Span> shift;   // `shift to next working day`
  std::vector<HolidaysClause> holidays;
  Span span;
  std::uint32_t close = 0;     // offset of the closing brace
};

struct LevelDecl {             // level organization "Организация"
  Ident name;
  std::optional<Label> label;
  Span span;
};

struct RouteDecl {             // route organization -> platform -> center
  std::vector<Ident> levels;
  Span span;
};

struct EnumValue {
  Ident name;
  std::optional<Label> label;
};

struct EnumDecl {              // enum risk "Уровень риска" { low "низкий", high "высокий" }
  Ident name;
  std::optional<Label> label;
  std::vector<EnumValue> values;
  Span span;
  std::uint32_t close = 0;
};

struct Bound {                 // >= 0
  std::string op;
  Expr value;
  Span span;                   // from the operator to the end of the value
};

struct FieldDecl {             // field families int >= 0 required "Количество семей"
  Ident name;
  Ident type;                  // int number percent bool text date, or an enum's name
  std::optional<Ident> breakdown;   // `by risk`: one value per category of the enum
  std::vector<Bound> bounds;
  std::optional<Span> required;
  std::optional<Expr> when;    // relevance: the field is filled only when this holds
  std::optional<Expr> formula; // calculated: `= a + b`
  std::optional<Ident> rollup; // sum | last
  std::optional<Label> label;
  Span span;
};

enum class CheckSeverity { error, warning };

struct CheckDecl {             // check [warning] a + b <= c "message {a}"
  CheckSeverity severity = CheckSeverity::error;
  Expr condition;
  Label message;
  Span span;
};

struct PeriodClause { Ident kind; Span span; };     // period quarter
struct RecordClause { Ident key; Span span; };      // record per family_id
struct ByClause { Ident level; Span span; };        // by organization

using FormMember = std::variant<PeriodClause, RecordClause, ByClause, FieldDecl, CheckDecl>;

struct FormDecl {
  Ident name;
  std::optional<Label> label;
  std::vector<FormMember> members;
  Span span;
  std::uint32_t close = 0;
};

struct DueRule {               // Q4: January 10   |   quarter: day 5 of next month
  enum class Kind { day_of_next_month, fixed_date, days_after };
  Ident selector;              // quarter, half_year, year, month, Q1..Q4, H1, H2
  Kind kind = Kind::day_of_next_month;
  int day = 0;                 // day of month, or number of days after the period
  int month = 0;               // for fixed dates, 1..12
  Span due_span;
  Span span;
};

struct DeadlineDecl {          // deadline blood_families organization -> platform { ... }
  Ident form;
  Ident from;
  Ident to;
  std::vector<DueRule> rules;
  Span span;
  std::uint32_t close = 0;
};

struct ValueClause { Expr value; Span span; };
struct FormatClause {          // format percent [digits 1] [truncate]
  Ident kind;
  std::optional<int> digits;
  bool truncate = false;
  Span span;
};
struct TargetClause { std::string op; Expr value; Span span; };

using IndicatorMember = std::variant<ValueClause, FormatClause, TargetClause>;

struct IndicatorDecl {
  Ident name;
  std::optional<Label> label;
  std::vector<IndicatorMember> members;
  Span span;
  std::uint32_t close = 0;
};

struct LuaDecl {               // lua [[ ... ]]
  std::string code;
  Span code_span;              // the code between the brackets
  Span span;
};

struct DropDecl {              // drop indicator name   |   drop deadline form from -> to
  Ident kind;
  Ident name;
  std::optional<Ident> from, to;
  Span span;
};

// `amend form NAME { ... }`: a regional model changes one form of its base member by member
// instead of restating it. Fields and checks are added as in a form; the rest says what changes.
struct ReplaceField {          // replace field NAME TYPE ...: the base's field of that name, changed
  FieldDecl field;
  Span span;                   // including the word `replace`
};
struct DropField { Ident name; Span span; };        // drop field NAME
struct DropCheck { Label message; Span span; };     // drop check "message as the base writes it"

// period, record per and by stand in for the base form's; a field or check is added.
using AmendMember = std::variant<PeriodClause, RecordClause, ByClause, FieldDecl, CheckDecl,
                                 ReplaceField, DropField, DropCheck>;

struct AmendDecl {             // amend form blood_families ["label"] { members }
  Ident form;
  std::optional<Label> label;  // stands in for the base form's label
  std::vector<AmendMember> members;
  Span span;
  std::uint32_t close = 0;
};

using DeclNode = std::variant<ModelDecl, LevelDecl, RouteDecl, EnumDecl, FormDecl, DeadlineDecl,
                              IndicatorDecl, LuaDecl, DropDecl, AmendDecl>;

struct Decl {
  DeclNode node;
  bool replace = false;        // `replace form ...`: a regional model overrides its base
  Span span;                   // including the `replace` keyword
};

struct Comment {
  std::uint32_t offset;        // where the '#' is
  std::string text;            // from '#' to the end of the line
};

// One parsed file.
struct File {
  SourcePtr source;
  std::vector<Decl> decls;
  std::vector<Comment> comments;  // in source order
};

}  // namespace mera::dsl
