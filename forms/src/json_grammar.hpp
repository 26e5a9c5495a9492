// The JSON of submission files (RFC 8259): rules only, leaves first, one rule a line where it
// fits. Actions live in read_json.cpp, error messages in json_errors.hpp.
// Every rule that a person could get wrong after a token is wrapped in `must<>`, so the error
// names what was expected right there. No rule backtracks over a value: a value's first byte
// decides its kind, so the builder's stack always matches what was read.
#pragma once

#include <tao/pegtl.hpp>

namespace mera::forms::json {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// ---- lexical ------------------------------------------------------------------------------

struct ws : star<one<' ', '\t', '\r', '\n'>> {};
struct comma : one<','> {};

struct true_ : string<'t', 'r', 'u', 'e'> {};
struct false_ : string<'f', 'a', 'l', 's', 'e'> {};
struct null : string<'n', 'u', 'l', 'l'> {};

// Numbers are kept as written; these rules only say what a number may look like.
struct digits : plus<digit> {};
struct frac_digits : digits {};
struct exp_digits : digits {};
struct frac : seq<one<'.'>, must<frac_digits>> {};
struct exp : seq<one<'e', 'E'>, opt<one<'+', '-'>>, must<exp_digits>> {};
struct single_zero : not_at<digit> {};
struct integer_part : sor<seq<one<'0'>, must<single_zero>>, seq<range<'1', '9'>, star<digit>>> {};
struct number : seq<at<ranges<'0', '9', '-'>>, opt<one<'-'>>, must<integer_part>, opt<frac>, opt<exp>> {};

// Strings: runs of characters taken as they are, and escapes. A character is printable ASCII
// other than '"' and '\', or a well-formed UTF-8 sequence (utf8::range rejects overlong forms,
// surrogates and bytes that are not UTF-8), so the text of every string is valid UTF-8.
struct ascii_char : ranges<0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F> {};
struct utf8_char : utf8::range<0x80, 0x10FFFF> {};
struct plain : plus<sor<ascii_char, utf8_char>> {};
struct escaped_char : one<'"', '\\', '/', 'b', 'f', 'n', 'r', 't'> {};
struct high_surrogate : seq<one<'d', 'D'>, one<'8', '9', 'a', 'b', 'A', 'B'>, xdigit, xdigit> {};
struct low_surrogate : seq<one<'d', 'D'>, ranges<'c', 'f', 'C', 'F'>, xdigit, xdigit> {};
struct surrogate_pair : seq<high_surrogate, one<'\\'>, one<'u'>, low_surrogate> {};
struct code_unit : rep<4, xdigit> {};  // a surrogate alone is refused by its action
struct unicode_escape : seq<one<'u'>, sor<surrogate_pair, must<code_unit>>> {};
struct escape_code : sor<escaped_char, unicode_escape> {};
struct backslash : one<'\\'> {};
struct escape : seq<backslash, must<escape_code>> {};
struct string_open : one<'"'> {};
struct string_close : one<'"'> {};
struct quoted : seq<string_open, star<sor<plain, escape>>, must<string_close>> {};
struct string_value : quoted {};
struct key : quoted {};

// ---- values -------------------------------------------------------------------------------

struct value;

// { "name": value, ... }
struct name_separator : one<':'> {};
struct member_value : seq<value> {};
struct member : seq<key, ws, must<name_separator>, ws, must<member_value>> {};
struct first_member : member {};
struct next_member : member {};
struct object_open : one<'{'> {};
struct object_close : one<'}'> {};
struct object_members : seq<must<first_member>, star<ws, comma, ws, must<next_member>>, ws, must<object_close>> {};
struct object : seq<object_open, ws, sor<object_close, object_members>> {};

// [ value, ... ]
struct first_element : seq<value> {};
struct next_element : seq<value> {};
struct array_open : one<'['> {};
struct array_close : one<']'> {};
struct array_elements : seq<must<first_element>, star<ws, comma, ws, must<next_element>>, ws, must<array_close>> {};
struct array : seq<array_open, ws, sor<array_close, array_elements>> {};

struct value : sor<string_value, number, object, array, true_, false_, null> {};

// ---- files --------------------------------------------------------------------------------
// Each submission is a value of its own rule, whose action hands it on as soon as it is read.

// [ {...}, {...} ]: the array itself is no value (it is never built).
struct first_submission : value {};
struct next_submission : value {};
struct file_array_open : one<'['> {};
struct file_array_close : one<']'> {};
struct array_file_end : eof {};
struct submissions : seq<must<first_submission>, star<ws, comma, ws, must<next_submission>>, ws, must<file_array_close>> {};
struct array_file : seq<ws, file_array_open, ws, sor<file_array_close, submissions>, ws, must<array_file_end>> {};

// {...} and more objects after it (a pretty-printed object, or several one after another).
struct stream_submission : value {};
struct stream_end : eof {};
struct stream_file : seq<ws, must<stream_submission>, ws, star<stream_submission, ws>, must<stream_end>> {};

// One line of a JSON lines file (the input is that line alone).
struct line_submission : value {};
struct line_end : eof {};
struct json_line : seq<ws, must<line_submission>, ws, must<line_end>> {};

// parse_json: one value, nothing after it.
struct text_value : value {};
struct text_end : eof {};
struct json_text : seq<ws, must<text_value>, ws, must<text_end>> {};

}  // namespace mera::forms::json
