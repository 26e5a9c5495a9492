// Turning a failed must<> of the JSON grammar into a message in plain words: the table of
// json_errors.hpp says what was expected; the bytes at the place say more where they explain
// the mistake (text that is not UTF-8, the end of the file, a single quote, a bare word, a
// comma before a closing bracket).
#include <fmt/format.h>

#include "json_builder.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms::json {

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string lower(std::string_view word) {
  std::string out(word);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// How a control character is written inside a JSON string.
std::string escape_for(char c) {
  switch (c) {
    case '\t': return "\\t";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default: return fmt::format("\\u{:04X}", static_cast<unsigned>(c));
  }
}

}  // namespace

void Builder::fail(const char* begin, const char* end, std::string message) const {
  throw ReadError{offset(begin), offset(end), std::move(message), 0, 0, {}};
}

void Builder::syntax_error(const char* at, const char* input_end, const ErrorText& error) const {
  std::size_t where = offset(at);
  if (at < input_end && bad_utf8_at(text_, where)) fail(at, at + 1, not_utf8_message(text_, where));
  if (error.expected == Expected::string_end || (error.expected == Expected::escape && at == input_end))
    string_error(at, input_end);
  if (at == input_end) end_of_input(at, error);
  if (error.expected == Expected::escape) {  // point at the whole escape: \x, \u12
    const char* backslash = at[-1] == '\\' ? at - 1 : at - 2;
    fail(backslash, at[-1] == '\\' ? at + 1 : at, text::translate(error.message));
  }
  if (error.expected != Expected::other && *at == '\'')
    fail(at, at + 1, error.expected == Expected::name ? text::tr("a name is written in double quotes in JSON, not in single quotes")
                                                      : text::tr("a string is written in double quotes in JSON, not in single quotes"));
  if (error.expected != Expected::other && word_byte(*at)) {
    const char* end = at;
    while (end < input_end && word_byte(*end)) ++end;
    std::string_view word(at, static_cast<std::size_t>(end - at));
    std::string low = lower(word);
    if (error.expected == Expected::name)
      fail(at, end, text::tr("{}: write \"{}\"", text::translate(error.message), word));
    if (low == "true" || low == "false" || low == "null")
      fail(at, end, text::tr("'{}' is written in lower case in JSON: {}", word, low));
    fail(at, end, text::tr("unknown word '{}': a string is written in double quotes", word));
  }
  if (error.expected != Expected::other && (*at == '}' || *at == ']')) {
    const char* before = at;
    while (before > input_begin_ && blank(before[-1])) --before;
    if (before > input_begin_ && before[-1] == ',')
      fail(before - 1, before, text::tr("a comma before '{}' is not allowed in JSON: remove it", *at));
  }
  std::size_t length = 1;
  dsl::decode_at(text_, where, &length);
  fail(at, at + length, text::translate(error.message));
}

// The string stops at a line break, a control character or the end of the input.
void Builder::string_error(const char* at, const char* input_end) const {
  if (at == input_end && !line_mode_)
    fail(string_begin_, at, text::tr("unterminated string: the file ends before its closing '\"'"));
  if (at == input_end || *at == '\n' || *at == '\r')
    fail(string_begin_, at, text::tr("unterminated string: expected '\"' before the end of the line"));
  fail(at, at + 1, text::tr("a control character (U+{:04X}) in a string: write it as {}",
                               static_cast<unsigned>(*at), escape_for(*at)));
}

// The input ends inside an object or an array: the error stands after the last thing read,
// and a note shows where the innermost open bracket is.
void Builder::end_of_input(const char* at, const ErrorText& error) const {
  const char* last = at;
  while (last > input_begin_ && blank(last[-1])) --last;
  const char* what = nullptr;
  const char* open = nullptr;
  if (!open_.empty()) {
    what = open_.back().kind == RawValue::Kind::object ? "an object" : "an array";
    open = text_.data() + open_.back().span.begin;
  } else if (file_array_) {
    what = "the array of submissions";
    open = file_array_;
  }
  if (!what) fail(last, last + 1, text::translate(error.message));
  ReadError e;
  e.begin = offset(last);
  e.end = e.begin + 1;
  // Whole sentences per kind of bracket: Russian declines what English puts in a slot.
  bool object = what == std::string_view("an object"), array = what == std::string_view("an array");
  if (line_mode_)
    e.message = object  ? text::tr("unexpected end of the line inside an object: in JSON lines each object is on one line")
                : array ? text::tr("unexpected end of the line inside an array: in JSON lines each object is on one line")
                        : text::tr("unexpected end of the line inside the array of submissions: in JSON lines each object is on one line");
  else
    e.message = object  ? text::tr("unexpected end of file inside an object")
                : array ? text::tr("unexpected end of file inside an array")
                        : text::tr("unexpected end of file inside the array of submissions");
  e.note_begin = offset(open);
  e.note_end = e.note_begin + 1;
  e.note = object ? text::tr("the object begins here") : array ? text::tr("the array begins here") : text::tr("the array of submissions begins here");
  throw e;
}

}  // namespace mera::forms::json
