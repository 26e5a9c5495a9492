// What the parser says when a `must<>` rule fails: one message per rule, in the words of the
// language. Every must<> of the grammar needs an entry here; the build fails otherwise
// (must_if with RequireMessage), so no user ever sees a demangled C++ rule name.
#pragma once

#include "grammar.hpp"
#include "mera/text/tr.hpp"

namespace mera::dsl {

struct error_messages {
  template <typename Rule> static constexpr const char* message = nullptr;
  // A rule with a message raises only where the grammar says must<>, never on a plain failure
  // (many of these rules are also tried as alternatives).
  template <typename Rule> static constexpr bool raise_on_failure = false;
};

#define MERA_ERROR(rule, text) \
  template <> inline constexpr const char* error_messages::message<grammar::rule> = text

MERA_ERROR(declaration, MERA_TEXT("expected a declaration: model, level, route, enum, form, deadline, indicator, lua, replace, drop or amend"));
MERA_ERROR(replaceable, MERA_TEXT("expected what to replace: level, enum, form, deadline or indicator (a field is replaced inside 'amend form NAME { ... }')"));
MERA_ERROR(decl_name, MERA_TEXT("expected a name"));
MERA_ERROR(base_name, MERA_TEXT("expected the name of the base model after 'extends'"));
MERA_ERROR(block_open, MERA_TEXT("expected '{'"));
MERA_ERROR(model_close, MERA_TEXT("expected 'effective DATE', 'locale ru', 'shift to next working day', 'holidays DATE, ...' or '}' closing the model"));
MERA_ERROR(shift_tail, MERA_TEXT("expected 'to next working day' after 'shift'"));
MERA_ERROR(holiday, MERA_TEXT("expected a holiday's date written as YYYY-MM-DD (or a run of days: 2021-01-01..2021-01-08)"));
MERA_ERROR(holiday_last, MERA_TEXT("expected the last day of the run written as YYYY-MM-DD after '..'"));
MERA_ERROR(locale_name, MERA_TEXT("expected the locale's name after 'locale': ru or en"));
MERA_ERROR(effective_date, MERA_TEXT("expected a date written as YYYY-MM-DD after 'effective'"));
MERA_ERROR(level_ref, MERA_TEXT("expected a level's name"));
MERA_ERROR(enum_values, MERA_TEXT("expected the enum's values: a name and an optional label, separated by commas"));
MERA_ERROR(enum_close, MERA_TEXT("expected ',' or '}' closing the enum"));
MERA_ERROR(period_kind, MERA_TEXT("expected a period kind after 'period': month, quarter, half_year or year"));
MERA_ERROR(kw_per, MERA_TEXT("expected 'per' after 'record' (as in 'record per family_id')"));
MERA_ERROR(record_key, MERA_TEXT("expected the key field's name after 'record per'"));
MERA_ERROR(by_level, MERA_TEXT("expected a level's name after 'by'"));
MERA_ERROR(field_name, MERA_TEXT("expected the field's name after 'field'"));
MERA_ERROR(type_name, MERA_TEXT("expected the field's type: int, number, percent, bool, text, date or an enum"));
MERA_ERROR(breakdown_enum, MERA_TEXT("expected an enum's name after 'by'"));
MERA_ERROR(bound_value, MERA_TEXT("expected a number, percent or date after the comparison"));
MERA_ERROR(when_expr, MERA_TEXT("expected a condition after 'when'"));
MERA_ERROR(formula, MERA_TEXT("expected an expression after '=' in a calculated field"));
MERA_ERROR(rollup_kind, MERA_TEXT("expected 'sum' or 'last' after 'rollup'"));
MERA_ERROR(check_condition, MERA_TEXT("expected the condition of the check"));
MERA_ERROR(check_message, MERA_TEXT("expected the check's message in double quotes after its condition"));
MERA_ERROR(form_close, MERA_TEXT("expected a form member (period, record, by, field, check) or '}' closing the form"));
MERA_ERROR(deadline_form, MERA_TEXT("expected the form's name after 'deadline'"));
MERA_ERROR(hop_from, MERA_TEXT("expected the level the report comes from"));
MERA_ERROR(hop_to, MERA_TEXT("expected the level the report goes to after '->'"));
MERA_ERROR(arrow, MERA_TEXT("expected '->' between two levels"));
MERA_ERROR(route_arrow, MERA_TEXT("expected '->' and the next level: a route goes up from the bottom level through at least two"));
MERA_ERROR(colon, MERA_TEXT("expected ':' after the period (as in 'Q4: January 10')"));
MERA_ERROR(due, MERA_TEXT("expected a due date: 'day N of next month', 'MONTH N' (January 10) or 'N days after'"));
MERA_ERROR(due_day, MERA_TEXT("expected a day number"));
MERA_ERROR(kw_of, MERA_TEXT("expected 'of' (as in 'day 5 of next month')"));
MERA_ERROR(kw_next, MERA_TEXT("expected 'next' (as in 'day 5 of next month')"));
MERA_ERROR(kw_month, MERA_TEXT("expected 'month' (as in 'day 5 of next month')"));
MERA_ERROR(kw_after, MERA_TEXT("expected 'after' (as in '30 days after')"));
MERA_ERROR(deadline_close, MERA_TEXT("expected a rule ('quarter: day 5 of next month') or '}' closing the deadline"));
MERA_ERROR(equals, MERA_TEXT("expected '=' after 'value'"));
MERA_ERROR(value_expr, MERA_TEXT("expected the indicator's formula after 'value ='"));
MERA_ERROR(format_kind, MERA_TEXT("expected a format after 'format': percent, number or int"));
MERA_ERROR(format_digits, MERA_TEXT("expected the number of digits after 'digits'"));
MERA_ERROR(target_op, MERA_TEXT("expected a comparison after 'target' (as in 'target >= 60%')"));
MERA_ERROR(target_value, MERA_TEXT("expected the target's value"));
MERA_ERROR(indicator_close, MERA_TEXT("expected 'value =', 'format', 'target' or '}' closing the indicator"));
MERA_ERROR(lua_block, MERA_TEXT("expected Lua code in long brackets after 'lua': lua [[ ... ]]"));
MERA_ERROR(drop_kind, MERA_TEXT("expected what to drop: level, enum, form, deadline or indicator"));
MERA_ERROR(amend_kind, MERA_TEXT("expected 'form' after 'amend': a regional model amends a form of its base (anything else is changed with 'replace')"));
MERA_ERROR(amend_close, MERA_TEXT("expected a change of the form (field, replace field, drop field, check, drop check, period, record, by) or '}' closing the amended form"));
MERA_ERROR(replaced_field, MERA_TEXT("expected 'field NAME TYPE ...' after 'replace': an amended form replaces its fields one by one"));
MERA_ERROR(drop_target, MERA_TEXT("expected 'field NAME' or 'check \"message\"' after 'drop' in an amended form"));
MERA_ERROR(dropped_field, MERA_TEXT("expected the name of the field to drop"));
MERA_ERROR(dropped_check, MERA_TEXT("expected the message of the check to drop, in double quotes as the base form writes it"));
MERA_ERROR(drop_name, MERA_TEXT("expected the name of what to drop"));
MERA_ERROR(expression, MERA_TEXT("expected an expression"));
MERA_ERROR(unary, MERA_TEXT("expected a value after the operator"));
MERA_ERROR(product, MERA_TEXT("expected a value after the operator"));
MERA_ERROR(escape_char, MERA_TEXT("unknown escape in a string: use \\\" for a quote, \\\\ for a backslash, \\n for a new line"));
MERA_ERROR(negation, MERA_TEXT("expected a condition after 'and'"));
MERA_ERROR(not_negation, MERA_TEXT("expected a condition after 'not'"));
MERA_ERROR(negated, MERA_TEXT("expected a value after '-'"));
MERA_ERROR(sum_expr, MERA_TEXT("expected a value after the comparison"));
MERA_ERROR(conjunction, MERA_TEXT("expected a condition after 'or'"));
MERA_ERROR(kw_period, MERA_TEXT("expected 'period' after 'in' (as in 'closed in period')"));
MERA_ERROR(paren_close, MERA_TEXT("expected ')'"));
MERA_ERROR(paren_open, MERA_TEXT("expected '(' after 'previous'"));
MERA_ERROR(bracket_close, MERA_TEXT("expected ']' after the category"));
MERA_ERROR(index_key, MERA_TEXT("expected a category's name inside '[ ]'"));
MERA_ERROR(name_part, MERA_TEXT("expected a name after '.'"));
MERA_ERROR(aggregate_source, MERA_TEXT("expected what to aggregate: form.field, or a form for count"));
MERA_ERROR(if_then, MERA_TEXT("expected 'then' after the condition of 'if'"));
MERA_ERROR(if_else, MERA_TEXT("expected 'else': an 'if' needs both branches"));
MERA_ERROR(string_close, MERA_TEXT("unterminated string: expected '\"' before the end of the line"));

#undef MERA_ERROR

// The lua block's content rule fails only when the closing bracket never comes. It is no must<>,
// so it raises on its own: otherwise must<lua_block> would report "expected Lua code" at the
// end of the file, for a block that was opened right.
using lua_content = grammar::raw_string<'[', '=', ']', grammar::lua_code>::content;
template <>
inline constexpr const char* error_messages::message<lua_content> =
    MERA_TEXT("the lua block is never closed: expected ']]' (with as many '=' as it was opened with)");
template <> inline constexpr bool error_messages::raise_on_failure<lua_content> = true;

}  // namespace mera::dsl
