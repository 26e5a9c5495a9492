// Which grammar rules become nodes of PEGTL's parse tree (the rest are transparent).
// build_tree.cpp turns these nodes into the typed syntax tree of ast.hpp.
#pragma once

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar.hpp"

namespace mera::dsl {

namespace g = grammar;

template <typename Rule>
using selector = tao::pegtl::parse_tree::selector<
    Rule,
    tao::pegtl::parse_tree::store_content::on<
        // declarations
        g::model_decl, g::decl_name, g::label, g::extends_clause, g::base_name, g::effective_clause,
        g::effective_date, g::locale_clause, g::locale_name, g::model_close, g::shift_clause, g::holidays_clause, g::holiday,
        g::holiday_first, g::holiday_last, g::level_decl, g::route_decl, g::level_ref, g::enum_decl,
        g::enum_value, g::enum_value_name, g::enum_close, g::form_decl, g::form_close,
        g::period_clause, g::period_kind, g::record_clause, g::record_key, g::by_clause,
        g::by_level, g::field_decl, g::field_name, g::type_name, g::breakdown, g::breakdown_enum,
        g::bound, g::bound_op, g::bound_value, g::required_opt, g::when_opt, g::when_expr,
        g::formula_opt, g::formula, g::rollup_opt, g::rollup_kind, g::check_decl, g::check_level,
        g::check_condition, g::check_message, g::deadline_decl, g::deadline_form, g::hop_from,
        g::hop_to, g::deadline_close, g::due_rule, g::selector, g::day_of_next_month,
        g::days_after, g::fixed_date, g::month_word, g::due_day, g::indicator_decl,
        g::indicator_close, g::value_clause, g::value_expr, g::format_clause, g::format_kind,
        g::format_digits, g::kw_truncate, g::target_clause, g::target_op, g::target_value,
        g::lua_decl, g::lua_block, g::drop_decl, g::drop_kind, g::drop_name, g::drop_hop,
        g::replace_mark, g::replace_decl, g::amend_decl, g::amend_close, g::replace_field,
        g::replaced_field, g::drop_member, g::dropped_field, g::dropped_check,
        // expressions
        // (expression, negated and not_negation are nodes only so that the parser's nesting
        // guard sees them: PEGTL calls the control's start() only for selected rules)
        g::expression, g::negated, g::not_negation,
        g::condition, g::disjunction, g::or_op, g::conjunction, g::and_op, g::negation, g::not_op,
        g::comparison, g::cmp_op, g::in_period, g::sum_expr, g::add_op, g::product, g::mul_op,
        g::unary, g::neg_op, g::date_lit, g::percent_lit, g::number_lit, g::string_lit,
        g::true_lit, g::false_lit, g::null_lit, g::paren, g::reference, g::path, g::name_part,
        g::index_suffix, g::index_key, g::aggregate, g::aggregate_fn, g::aggregate_source,
        g::where_clause, g::previous_call, g::call, g::callee>>;

}  // namespace mera::dsl
