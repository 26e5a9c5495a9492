// The one-line pieces of the canonical layout, and the few facts about the source text that
// the layout needs (format_lines.cpp); shared with the part that arranges the lines into a
// file and places the comments (format.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mera/dsl/ast.hpp"

namespace mera::dsl::layout {

using Offset = std::uint32_t;

// ---- the source text ----------------------------------------------------------------------

// A comment as printed: trailing blanks go (and the '\r' of a CRLF file).
std::string trim_right(const std::string& s);

// Whether the source has an empty line between two offsets. An empty range has none, which
// happens for a node whose inner comments were printed before it.
bool blank_between(const std::string& src, Offset from, Offset to);

// A block's `{`: the first one from `from` on that is not in a comment.
Offset open_brace(const std::string& src, Offset from);

// ---- lines --------------------------------------------------------------------------------

// Width on screen, in code points: alignment and the enum's line limit must not count bytes.
std::size_t width(std::string_view text);

// A declaration's first line: the whole declaration for level, route, drop and lua; the header
// up to and including `{` for blocks (form, enum, deadline, indicator, amend). Starts with `replace ` when the declaration has it.
std::string decl_line(const Decl& d);

// `enum NAME "label" { a "x", b "y" }` on one line.
std::string enum_line(const Decl& d, const EnumDecl& e);
std::string enum_value(const EnumValue& v);

// A field is split at the type column: "field NAME" | "TYPE [by E] [options] ["label"]".
std::string field_key(const FieldDecl& f);
std::string field_rest(const FieldDecl& f);
// The type and options of a field, without its label.
std::string field_options(const FieldDecl& f);

std::string form_member(const FormMember& m);  // period, record, by and check lines
// The lines of an amended form other than its fields: period, record, by, check, drop field,
// drop check.
std::string amend_member(const AmendMember& m);
std::string indicator_member(const IndicatorMember& m);

// A deadline rule is split at the due column: "quarter:" | "day 5 of next month".
std::string rule_key(const DueRule& r);
std::string rule_due(const DueRule& r);

}  // namespace mera::dsl::layout
