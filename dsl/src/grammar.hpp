// The grammar of the mera language: rules only, leaves first, one rule a line where it fits.
// The syntax tree is built from its nodes in build_decls.cpp and build_expr.cpp (selector.hpp says
// which rules are nodes); error messages are in errors.hpp.
// Every rule that a person could get wrong after a keyword is wrapped in `must<>`, so the error
// names what was expected right there instead of failing somewhere far away.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/raw_string.hpp>

namespace mera::dsl::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// ---- lexical ------------------------------------------------------------------------------

struct comment : seq<one<'#'>, until<at<eolf>>> {};
struct sep : star<sor<ascii::space, comment>> {};      // optional blank space
template <typename... R> struct pad : seq<sep, R...> {};  // blank space then R

struct latin_letter : ranges<'a', 'z', 'A', 'Z'> {};
struct cyrillic_letter : utf8::range<0x0400, 0x04FF> {};
struct ident_first : sor<latin_letter, one<'_'>, cyrillic_letter> {};
struct ident_other : sor<ident_first, digit> {};
struct identifier : seq<ident_first, star<ident_other>> {};

template <typename Str> struct word : seq<Str, not_at<ident_other>> {};
#define MERA_KEYWORD(name, text) struct kw_##name : word<TAO_PEGTL_STRING(text)> {}
MERA_KEYWORD(model, "model");
MERA_KEYWORD(extends, "extends");
MERA_KEYWORD(effective, "effective");
MERA_KEYWORD(locale, "locale");
MERA_KEYWORD(level, "level");
MERA_KEYWORD(route, "route");
MERA_KEYWORD(enum_, "enum");
MERA_KEYWORD(form, "form");
MERA_KEYWORD(period, "period");
MERA_KEYWORD(record, "record");
MERA_KEYWORD(per, "per");
MERA_KEYWORD(by, "by");
MERA_KEYWORD(field, "field");
MERA_KEYWORD(required, "required");
MERA_KEYWORD(when, "when");
MERA_KEYWORD(rollup, "rollup");
MERA_KEYWORD(check, "check");
MERA_KEYWORD(warning, "warning");
MERA_KEYWORD(deadline, "deadline");
MERA_KEYWORD(day, "day");
MERA_KEYWORD(of, "of");
MERA_KEYWORD(next, "next");
MERA_KEYWORD(month, "month");
MERA_KEYWORD(days, "days");
MERA_KEYWORD(after, "after");
MERA_KEYWORD(indicator, "indicator");
MERA_KEYWORD(value, "value");
MERA_KEYWORD(format, "format");
MERA_KEYWORD(digits, "digits");
MERA_KEYWORD(truncate, "truncate");
MERA_KEYWORD(target, "target");
MERA_KEYWORD(lua, "lua");
MERA_KEYWORD(replace, "replace");
MERA_KEYWORD(drop, "drop");
MERA_KEYWORD(amend, "amend");
MERA_KEYWORD(and_, "and");
MERA_KEYWORD(or_, "or");
MERA_KEYWORD(not_, "not");
MERA_KEYWORD(if_, "if");
MERA_KEYWORD(then, "then");
MERA_KEYWORD(else_, "else");
MERA_KEYWORD(where, "where");
MERA_KEYWORD(in, "in");
MERA_KEYWORD(true_, "true");
MERA_KEYWORD(false_, "false");
MERA_KEYWORD(null, "null");
MERA_KEYWORD(previous, "previous");
MERA_KEYWORD(shift, "shift");
MERA_KEYWORD(to, "to");
MERA_KEYWORD(working, "working");
MERA_KEYWORD(holidays, "holidays");
#undef MERA_KEYWORD

// Words of the expression language cannot name anything.
struct reserved : sor<kw_and_, kw_or_, kw_not_, kw_if_, kw_then, kw_else_, kw_where, kw_in,
                      kw_true_, kw_false_, kw_null, kw_previous> {};
struct name : seq<not_at<reserved>, identifier> {};

struct escape_char : one<'"', '\\', 'n', 't'> {};
struct string_escape : seq<one<'\\'>, must<escape_char>> {};
struct string_char : sor<string_escape, seq<not_one<'\r', '\n', '"', '\\'>>> {};
struct string_close : one<'"'> {};
struct string_lit : seq<one<'"'>, star<string_char>, must<string_close>> {};
struct label : string_lit {};

struct integer : plus<digit> {};
struct number_lit : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};
struct percent_lit : seq<number_lit, one<'%'>> {};
struct date_lit : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};
struct literal : sor<date_lit, percent_lit, number_lit> {};

// ---- expressions --------------------------------------------------------------------------

struct expression;
struct comparison;

struct paren_close : one<')'> {};
struct paren : seq<one<'('>, pad<must<expression>>, pad<must<paren_close>>> {};
struct bracket_close : one<']'> {};
struct index_key : name {};
struct index_suffix : seq<sep, one<'['>, pad<must<index_key>>, pad<must<bracket_close>>> {};
struct name_part : name {};
struct path : seq<name_part, star<sep, one<'.'>, pad<must<name_part>>>> {};

struct aggregate_fn : sor<word<TAO_PEGTL_STRING("sum")>, word<TAO_PEGTL_STRING("count")>,
                          word<TAO_PEGTL_STRING("avg")>, word<TAO_PEGTL_STRING("min")>,
                          word<TAO_PEGTL_STRING("max")>> {};
struct where_clause : seq<kw_where, pad<must<expression>>> {};
struct aggregate_source : seq<path, opt<index_suffix>> {};
struct aggregate : seq<aggregate_fn, sep, one<'('>, pad<must<aggregate_source>>,
                       opt<sep, where_clause>, pad<must<paren_close>>> {};
struct paren_open : one<'('> {};
struct previous_call : seq<kw_previous, sep, must<paren_open>, pad<must<expression>>,
                           pad<must<paren_close>>> {};
struct call_args : opt<expression, star<sep, one<','>, pad<must<expression>>>> {};
struct callee : name {};
struct call : seq<callee, sep, one<'('>, pad<call_args>, pad<must<paren_close>>> {};

struct true_lit : kw_true_ {};
struct false_lit : kw_false_ {};
struct null_lit : kw_null {};
// Where a member of a block begins (`format int`, `value =`, `field x`), an expression left
// unfinished on the line before must not take the member's first word for a name: the error
// is then "expected a value" after 'value =', not a puzzle about 'int'.
// Only on one line: a name may end an expression and the next member begin on the next line.
struct blanks : star<one<' ', '\t'>> {};
struct may_follow_expression : sor<reserved, kw_when, kw_rollup, kw_required> {};
struct member_start : sor<seq<sor<kw_format, kw_field, kw_check, kw_period, kw_by, kw_record>, blanks,
                              not_at<may_follow_expression>, identifier>,
                          seq<kw_value, blanks, one<'='>, not_at<one<'='>>>,
                          seq<sor<kw_replace, kw_drop>, blanks, sor<kw_field, kw_check>>> {};
struct reference : seq<not_at<member_start>, path, opt<index_suffix>> {};
struct primary : sor<literal, string_lit, true_lit, false_lit, null_lit, paren, aggregate,
                     previous_call, call, reference> {};

struct neg_op : one<'-'> {};
struct not_op : kw_not_ {};
// The operand of '-' and of 'not' is a rule of its own, entered only after the operator: the
// parser counts it as a level of nesting (parse.cpp).
struct negated;
struct unary : sor<seq<neg_op, sep, must<negated>>, primary> {};
struct negated : unary {};
struct mul_op : one<'*', '/'> {};
struct product : seq<unary, star<sep, mul_op, pad<must<unary>>>> {};
struct add_op : seq<one<'+', '-'>, not_at<one<'>'>>> {};
struct sum_expr : seq<product, star<sep, add_op, pad<must<product>>>> {};
struct cmp_op : sor<string<'<', '='>, string<'>', '='>, string<'=', '='>, string<'!', '='>,
                    one<'<'>, seq<one<'>'>>> {};
struct in_period : seq<kw_in, sep, must<kw_period>> {};
struct comparison : seq<sum_expr, opt<sep, sor<in_period, seq<cmp_op, pad<must<sum_expr>>>>>> {};
struct not_negation;
struct negation : sor<seq<not_op, sep, must<not_negation>>, comparison> {};
struct not_negation : negation {};
struct and_op : kw_and_ {};
struct conjunction : seq<negation, star<sep, and_op, pad<must<negation>>>> {};
struct or_op : kw_or_ {};
struct disjunction : seq<conjunction, star<sep, or_op, pad<must<conjunction>>>> {};
struct if_then : seq<kw_then, pad<must<expression>>> {};
struct if_else : seq<kw_else_, pad<must<expression>>> {};
struct condition : seq<kw_if_, pad<must<expression>>, pad<must<if_then>>, pad<must<if_else>>> {};
struct expression : sor<condition, disjunction> {};

// ---- declarations -------------------------------------------------------------------------

struct decl_name : identifier {};
struct block_open : one<'{'> {};
// One closing rule per block kind, so an error can say which block is left open.
struct model_close : one<'}'> {};
struct enum_close : one<'}'> {};
struct form_close : one<'}'> {};
struct deadline_close : one<'}'> {};
struct indicator_close : one<'}'> {};
struct opt_label : opt<sep, label> {};

// model tomsk "Томская область" [extends base] { effective 2020-06-10 [locale ru] }
struct base_name : identifier {};
struct extends_clause : seq<kw_extends, pad<must<base_name>>> {};
struct effective_date : date_lit {};
struct effective_clause : seq<kw_effective, pad<must<effective_date>>> {};
// locale ru: how the dashboard shows numbers (62,4 %, 1 532); en, the default, 62.4 %, 1532
struct locale_name : identifier {};
struct locale_clause : seq<kw_locale, pad<must<locale_name>>> {};
// shift to next working day: a due date on a weekend or a listed holiday moves forward
struct shift_tail : seq<kw_to, sep, kw_next, sep, kw_working, sep, kw_day> {};
struct shift_clause : seq<kw_shift, pad<must<shift_tail>>> {};
// holidays 2021-01-01..2021-01-08, 2021-02-23
struct holiday_first : date_lit {};
struct holiday_last : date_lit {};
struct range_dots : string<'.', '.'> {};
struct holiday : seq<holiday_first, opt<sep, range_dots, pad<must<holiday_last>>>> {};
struct holidays_clause : seq<kw_holidays, pad<must<holiday>>, star<sep, one<','>, pad<must<holiday>>>> {};
struct model_member : sor<effective_clause, locale_clause, shift_clause, holidays_clause> {};
struct model_decl : seq<kw_model, pad<must<decl_name>>, opt_label, opt<sep, extends_clause>,
                        pad<must<block_open>>, star<pad<model_member>>, pad<must<model_close>>> {};

// level organization "Организация"
struct level_decl : seq<kw_level, pad<must<decl_name>>, opt_label> {};

// route organization -> platform -> center
struct arrow : string<'-', '>'> {};
struct level_ref : identifier {};
// The first '->' is a must: without it `route organization` would fail as a whole and be
// reported as an unknown declaration at 'route'.
struct route_arrow : arrow {};
struct route_decl : seq<kw_route, pad<must<level_ref>>, pad<must<route_arrow>>, pad<must<level_ref>>,
                        star<sep, arrow, pad<must<level_ref>>>> {};

// enum risk "Уровень риска" { low "низкий", high "высокий" }
struct enum_value_name : identifier {};
struct enum_value : seq<enum_value_name, opt_label> {};
struct enum_values : seq<enum_value, star<sep, one<','>, sep, enum_value>, opt<sep, one<','>>> {};
struct enum_decl : seq<kw_enum_, pad<must<decl_name>>, opt_label, pad<must<block_open>>,
                       pad<must<enum_values>>, pad<must<enum_close>>> {};

// form members
// The words that begin a form member are never the name after 'period' or 'by', nor a field's
// type: `period` left without its kind must not take the 'by' of the next line as the kind.
// (`replace` and `drop` begin the members of an amended form.)
struct member_word : sor<kw_period, kw_record, kw_by, kw_field, kw_check, kw_replace, kw_drop> {};
struct period_kind : seq<not_at<member_word>, identifier> {};
struct period_clause : seq<kw_period, pad<must<period_kind>>> {};
struct record_key : identifier {};
struct record_clause : seq<kw_record, pad<must<kw_per>>, pad<must<record_key>>> {};
struct by_level : seq<not_at<member_word>, identifier> {};
struct by_clause : seq<kw_by, pad<must<by_level>>> {};

struct field_name : identifier {};
// Nor is an option's word a type: `field x required` lacks its type.
struct type_name : seq<not_at<sor<member_word, kw_required, kw_when, kw_rollup>>, identifier> {};
struct breakdown_enum : identifier {};
struct breakdown : seq<kw_by, pad<must<breakdown_enum>>> {};
struct bound_op : sor<string<'>', '='>, string<'<', '='>, one<'>'>, one<'<'>> {};
struct bound_value : seq<opt<one<'-'>>, literal> {};
struct bound : seq<bound_op, pad<must<bound_value>>> {};
struct required_opt : kw_required {};
struct when_expr : expression {};
struct when_opt : seq<kw_when, pad<must<when_expr>>> {};
struct formula : expression {};
struct formula_opt : seq<one<'='>, not_at<one<'='>>, pad<must<formula>>> {};
struct rollup_kind : identifier {};
struct rollup_opt : seq<kw_rollup, pad<must<rollup_kind>>> {};
struct field_option : sor<bound, required_opt, when_opt, formula_opt, rollup_opt> {};
struct field_decl : seq<kw_field, pad<must<field_name>>, pad<must<type_name>>,
                        opt<sep, breakdown>, star<sep, field_option>, opt_label> {};

struct check_level : kw_warning {};
struct check_condition : expression {};
struct check_message : label {};
struct check_decl : seq<kw_check, opt<sep, check_level>, pad<must<check_condition>>,
                        pad<must<check_message>>> {};

struct form_member : sor<period_clause, record_clause, by_clause, field_decl, check_decl> {};
struct form_decl : seq<kw_form, pad<must<decl_name>>, opt_label, pad<must<block_open>>,
                       star<pad<form_member>>, pad<must<form_close>>> {};

// deadline blood_families organization -> platform { quarter: day 5 of next month }
struct deadline_form : identifier {};
struct hop_from : identifier {};
struct hop_to : identifier {};
struct due_day : integer {};
struct day_of_next_month : seq<kw_day, pad<must<due_day>>, pad<must<kw_of>>, pad<must<kw_next>>,
                               pad<must<kw_month>>> {};
struct days_after : seq<due_day, sep, kw_days, pad<must<kw_after>>> {};
struct month_word : identifier {};
struct fixed_date : seq<month_word, pad<must<due_day>>> {};
struct due : sor<day_of_next_month, days_after, fixed_date> {};
struct selector : identifier {};
struct colon : one<':'> {};
struct due_rule : seq<selector, pad<must<colon>>, pad<must<due>>> {};
struct deadline_decl : seq<kw_deadline, pad<must<deadline_form>>, pad<must<hop_from>>,
                           pad<must<arrow>>, pad<must<hop_to>>, pad<must<block_open>>,
                           star<pad<due_rule>>, pad<must<deadline_close>>> {};

// indicator members
struct value_expr : expression {};
struct equals : one<'='> {};
struct value_clause : seq<kw_value, pad<must<equals>>, pad<must<value_expr>>> {};
struct format_kind : identifier {};
struct format_digits : integer {};
struct format_clause : seq<kw_format, pad<must<format_kind>>,
                           opt<sep, kw_digits, pad<must<format_digits>>>,
                           opt<sep, kw_truncate>> {};
struct target_op : cmp_op {};
struct target_value : expression {};
struct target_clause : seq<kw_target, pad<must<target_op>>, pad<must<target_value>>> {};
struct indicator_member : sor<value_clause, format_clause, target_clause> {};
struct indicator_decl : seq<kw_indicator, pad<must<decl_name>>, opt_label, pad<must<block_open>>,
                            star<pad<indicator_member>>, pad<must<indicator_close>>> {};

// lua [[ ... ]] (Lua's own long brackets: [==[ ... ]==] when the code holds "]]")
struct lua_code : any {};
struct lua_block : raw_string<'[', '=', ']', lua_code> {};
struct lua_decl : seq<kw_lua, pad<must<lua_block>>> {};

// drop indicator name | drop deadline form from -> to
struct drop_kind : identifier {};
struct drop_name : identifier {};
// A hop after the name is for `drop deadline`, on the same line (a word on the next line begins
// something else); once its first level is there, the '->' must follow.
struct drop_hop : seq<hop_from, pad<must<arrow>>, pad<must<hop_to>>> {};
struct drop_decl : seq<kw_drop, pad<must<drop_kind>>, pad<must<drop_name>>, opt<blanks, drop_hop>> {};

// amend form NAME ["label"] { field ... | replace field ... | drop field NAME | check ... |
//                            drop check "message" | period ... | record per ... | by ... }
struct amend_kind : kw_form {};
struct amend_close : one<'}'> {};
struct replaced_field : field_decl {};
struct replace_field : seq<kw_replace, pad<must<replaced_field>>> {};
struct dropped_field : identifier {};
struct dropped_check : label {};
struct drop_target : sor<seq<kw_field, pad<must<dropped_field>>>, seq<kw_check, pad<must<dropped_check>>>> {};
struct drop_member : seq<kw_drop, pad<must<drop_target>>> {};
struct amend_member : sor<replace_field, drop_member, period_clause, record_clause, by_clause,
                          field_decl, check_decl> {};
struct amend_decl : seq<kw_amend, pad<must<amend_kind>>, pad<must<decl_name>>, opt_label,
                        pad<must<block_open>>, star<pad<amend_member>>, pad<must<amend_close>>> {};

struct replace_mark : kw_replace {};
struct replaceable : sor<level_decl, enum_decl, form_decl, deadline_decl, indicator_decl> {};
struct replace_decl : seq<replace_mark, pad<must<replaceable>>> {};

struct declaration : sor<model_decl, level_decl, route_decl, enum_decl, form_decl, deadline_decl,
                         indicator_decl, lua_decl, drop_decl, replace_decl, amend_decl> {};

// One declaration at a time: the parser loops over this so it can recover after an error.
struct next_declaration : seq<sep, sor<eof, must<declaration>>> {};

}  // namespace mera::dsl::grammar
