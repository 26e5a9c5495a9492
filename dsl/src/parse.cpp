// The parse driver: checks the bytes, runs the grammar one declaration at a time, turns PEGTL's
// parse errors into diagnostics with a suggestion where one is likely, and resumes after each.
#include "mera/dsl/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "build_tree.hpp"
#include "errors.hpp"
#include "grammar.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/text/tr.hpp"
#include "selector.hpp"

namespace mera::dsl {
namespace pegtl = tao::pegtl;

namespace {

// Comments are kept aside (keyed by offset: backtracking may match one twice) for the formatter.
using CommentSink = std::map<std::uint32_t, std::string>;

template <typename Rule> struct collect : pegtl::nothing<Rule> {};
template <> struct collect<grammar::comment> {
  template <typename Input> static void apply(const Input& in, CommentSink& sink) {
    sink.emplace(static_cast<std::uint32_t>(in.iterator().byte), in.string());
  }
};

// Nesting guard: PEGTL descends recursively, so a file of ten thousand '(' would overflow the
// stack. The rules through which expressions nest count their depth here, one count for each
// level a reader sees: a nested expression (in parentheses, an argument, a branch), a '-', a
// 'not'; so "more than 64 levels" means what it says. The counted rules must be nodes of the
// parse tree (selector.hpp): for other rules PEGTL's tree builder never calls start().
thread_local int nesting = 0;
constexpr const char* kTooDeep = "expression nested too deeply";

template <typename Rule>
using base_control = pegtl::must_if<error_messages, pegtl::normal, true>::control<Rule>;
template <typename Rule> struct control : base_control<Rule> {};

template <typename Rule> struct depth_counted : base_control<Rule> {
  template <typename Input, typename... States> static void start(const Input& in, States&&...) {
    if (++nesting > kMaxNesting) {
      nesting = 0;
      throw pegtl::parse_error(fmt::format("{} (more than {} levels)", kTooDeep, kMaxNesting), in);
    }
  }
  template <typename Input, typename... States> static void success(const Input&, States&&...) { --nesting; }
  template <typename Input, typename... States> static void failure(const Input&, States&&...) { --nesting; }
};
template <> struct control<grammar::expression> : depth_counted<grammar::expression> {};
template <> struct control<grammar::negated> : depth_counted<grammar::negated> {};
template <> struct control<grammar::not_negation> : depth_counted<grammar::not_negation> {};

const char* const kDeclarationWords[] = {"model", "level", "route", "enum", "form", "deadline",
                                         "indicator", "lua", "replace", "drop", "amend"};
const char* const kFormWords[] = {"period", "record", "by", "field", "check"};
const char* const kAmendWords[] = {"period", "record", "by", "field", "check", "replace", "drop"};
const char* const kIndicatorWords[] = {"value", "format", "target"};

// The identifier-like word that starts at `offset`, if any.
std::string_view word_at(std::string_view text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size()) {
    std::size_t n = 1;
    char32_t cp = decode_at(text, end, &n);
    bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_' ||
                  (cp >= '0' && cp <= '9') || (cp >= 0x0400 && cp <= 0x04FF);
    if (!letter) break;
    end += n;
  }
  return text.substr(offset, end - offset);
}

template <std::size_t N> bool one_of(std::string_view word, const char* const (&words)[N]) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

template <std::size_t N>
std::string suggestion(std::string_view word, const char* const (&words)[N]) {
  for (const char* w : words)
    if (edit_distance(word, w) <= 2 && word.size() >= 2 && word != w) return w;
  return {};
}

// Where the code of a line ends: before a trailing comment and blank space (0 for none).
std::size_t code_end(std::string_view line) {
  bool in_string = false;
  std::size_t end = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char ch = line[i];
    if (in_string) {
      if (ch == '\\') ++i;
      else if (ch == '"') in_string = false;
      end = i + 1;
    } else if (ch == '#') {
      break;
    } else {
      in_string = ch == '"';
      if (ch != ' ' && ch != '\t' && ch != '\r') end = i + 1;
    }
  }
  return std::min(end, line.size());
}

// The end of the file, a '}' or a word that begins a declaration or a member of a block.
bool begins_something(std::string_view text, std::size_t offset) {
  if (offset >= text.size() || text[offset] == '}') return true;
  std::string_view w = word_at(text, offset);
  return one_of(w, kDeclarationWords) || one_of(w, kFormWords) || one_of(w, kIndicatorWords);
}

// The parser notices that something is missing (the message after a check's condition, the '{'
// after a form's label, a block's '}') only where the next member or declaration begins, often
// lines below. The mistake is at the end of the code before it, if that code is on an earlier
// line and not before `floor` (the start of the declaration); otherwise it is at `offset`.
std::size_t missing_at(const SourceFile& file, std::size_t offset, std::size_t floor) {
  if (!begins_something(file.text(), offset)) return offset;
  std::size_t line = file.line_of(offset);
  if (code_end(file.line_text(line).substr(0, offset - file.line_start(line))) > 0) return offset;
  for (--line; line >= 1; --line) {
    std::size_t end = code_end(file.line_text(line));
    if (end == 0) continue;  // a blank line or a comment
    std::size_t at = file.line_start(line) + end;
    return at > floor ? at : offset;
  }
  return offset;
}

// The kind of block whose closing rule `message` belongs to, or null for other messages.
const char* block_of(const std::string& message) {
  if (message == error_messages::message<grammar::model_close>) return MERA_TEXT("model");
  if (message == error_messages::message<grammar::enum_close>) return MERA_TEXT("enum");
  if (message == error_messages::message<grammar::form_close>) return MERA_TEXT("form");
  if (message == error_messages::message<grammar::deadline_close>) return MERA_TEXT("deadline");
  if (message == error_messages::message<grammar::indicator_close>) return MERA_TEXT("indicator");
  if (message == error_messages::message<grammar::amend_close>) return MERA_TEXT("amended form");
  return nullptr;
}

// A block that runs into the next declaration (or the end of the file) was never closed: the
// '}' is missing after its last line, and the note shows which block it is.
void report_unclosed(const char* block, std::size_t offset, const SourceFile& file, std::size_t decl_start,
                     Diagnostics& diags) {
  auto at = static_cast<std::uint32_t>(missing_at(file, offset, decl_start));
  diags.error({&file, at, at + 1}, text::tr("expected '}}' closing the {}", text::translate(block)));
  auto begin = static_cast<std::uint32_t>(decl_start);
  diags.note({&file, begin, static_cast<std::uint32_t>(begin + word_at(file.text(), begin).size())},
             text::tr("the {} begins here", text::translate(block)));
}

// Lua's long bracket swallowed the rest of the file: point at the bracket never closed.
void report_unclosed_lua(const SourceFile& file, std::size_t decl_start, Diagnostics& diags) {
  std::size_t open = file.text().find('[', decl_start);
  std::size_t end = file.text().find('[', open + 1) + 1;
  std::string close(end - open, '=');
  close.front() = close.back() = ']';
  diags.error({&file, static_cast<std::uint32_t>(open), static_cast<std::uint32_t>(end)},
              text::tr("the lua block is never closed: expected '{}' to match this '{}'", close,
                          file.text().substr(open, end - open)));
}

// The parser stops at the letter after the backslash; the escape is both.
void report_escape(const SourceFile& file, std::uint32_t offset, std::string message, Diagnostics& diags) {
  std::size_t n = 0;
  if (offset < file.text().size()) decode_at(file.text(), offset, &n);
  diags.error({&file, offset - 1, static_cast<std::uint32_t>(offset + n)}, std::move(message));
}

// The nesting guard trips where a nested expression begins: point at what opened it, the '('
// or the '-' or the word ('not', 'then') before it.
void report_too_deep(const SourceFile& file, std::size_t offset, std::string message, Diagnostics& diags) {
  const std::string& text = file.text();
  std::size_t end = offset;
  while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  std::size_t begin = end > 0 ? end - 1 : 0;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin])) &&
         std::isalpha(static_cast<unsigned char>(text[begin - 1])))
    --begin;
  diags.error({&file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(std::max(end, begin + 1))},
              std::move(message));
}

// Turns a parse error into a diagnostic, saying more when the word at the place explains it.
// `decl_start` is where the declaration being parsed begins.
void report(const pegtl::parse_error& e, const SourceFile& file, std::size_t decl_start, Diagnostics& diags) {
  auto offset = static_cast<std::uint32_t>(e.positions().front().byte);
  std::string_view word = word_at(file.text(), offset);
  Span span{&file, offset, static_cast<std::uint32_t>(offset + word.size())};
  if (auto bad = mixed_script_letter(word)) {
    std::size_t n = 1;
    char32_t cp = decode_at(word, *bad, &n);
    diags.error({&file, static_cast<std::uint32_t>(offset + *bad), static_cast<std::uint32_t>(offset + *bad + n)},
                text::tr("'{}' mixes Latin and Cyrillic letters: '{}' (U+{:04X}) is {}", word,
                         word.substr(*bad, n), static_cast<unsigned>(cp),
                         text::translate(cp < 0x80 ? MERA_TEXT("Latin") : MERA_TEXT("Cyrillic"))));
    return;
  }
  std::string message(e.message());
  if (message == error_messages::message<lua_content>) return report_unclosed_lua(file, decl_start, diags);
  if (message == error_messages::message<grammar::escape_char>) return report_escape(file, offset, text::translate(message), diags);
  if (message.rfind(kTooDeep, 0) == 0) return report_too_deep(file, offset, text::tr("expression nested too deeply (more than {} levels)", kMaxNesting), diags);
  const char* block = block_of(message);
  if (block && (offset >= file.text().size() || one_of(word, kDeclarationWords)))
    return report_unclosed(block, offset, file, decl_start, diags);
  std::string hint;
  if (message == error_messages::message<grammar::declaration>) hint = suggestion(word, kDeclarationWords);
  if (message == error_messages::message<grammar::form_close>) hint = suggestion(word, kFormWords);
  if (message == error_messages::message<grammar::indicator_close>) hint = suggestion(word, kIndicatorWords);
  if (message == error_messages::message<grammar::amend_close>) hint = suggestion(word, kAmendWords);
  // The grammar's messages are the English keys (compared above); the reader gets them in his language.
  std::string shown = hint.empty() ? text::translate(message) : text::tr("unknown word '{}': did you mean '{}'?", word, hint);
  // Something expected inside a declaration is missing: say so where it should have been.
  if (!block && (!hint.empty() || message != error_messages::message<grammar::declaration>)) {
    if (auto at = static_cast<std::uint32_t>(missing_at(file, offset, decl_start)); at != offset) {
      diags.error({&file, at, at + 1}, std::move(shown));
      return;
    }
  }
  if (word.empty()) span.end = offset + 1;
  diags.error(span, std::move(shown));
}

// The offset of the first character that is neither blank space nor in a comment.
std::size_t skip_blank(std::string_view text, std::size_t offset) {
  while (offset < text.size()) {
    if (text[offset] == '#') offset = std::min(text.find('\n', offset), text.size());
    else if (text[offset] == ' ' || text[offset] == '\t' || text[offset] == '\r' || text[offset] == '\n') ++offset;
    else break;
  }
  return offset;
}

// Whether a line begins a declaration. `replace field`, `drop field` and `drop check` begin
// members of an amended form instead: resuming there would report the rest of the block again.
bool begins_declaration(std::string_view line) {
  std::string_view first = word_at(line, 0);
  if (!one_of(first, kDeclarationWords)) return false;
  if (first != "replace" && first != "drop") return true;
  std::size_t next = line.find_first_not_of(" \t", first.size());
  std::string_view second = next == std::string_view::npos ? std::string_view() : word_at(line, next);
  return second != "field" && second != "check";
}

// After an error, parsing resumes at the next line that begins with a declaration keyword: the
// line of the error itself when the declaration that failed began before it (a form missing its
// '}' runs into the next declaration, which is then read, not skipped).
std::size_t resume_point(const SourceFile& file, std::size_t error_offset, std::size_t decl_start) {
  std::size_t line = file.line_of(error_offset);
  if (file.line_start(line) <= decl_start) ++line;
  for (;; ++line) {
    std::string_view text = file.line_text(line);
    if (text.data() == nullptr || (text.empty() && file.line_start(line - 1) >= file.text().size()))
      return file.text().size();
    if (begins_declaration(text)) return file.line_start(line);
  }
}

}  // namespace

File parse(SourcePtr source, Diagnostics& diags) {
  File file{source, {}, {}};
  const SourceFile& src = *source;
  const std::string& text = src.text();
  if (auto bad = first_invalid_utf8(text)) {
    auto at = static_cast<std::uint32_t>(*bad);
    diags.error({&src, at, at + 1},
                text::tr("the file is not UTF-8 (byte 0x{:02X} here): save it as UTF-8",
                            static_cast<unsigned char>(text[*bad])));
    return file;
  }
  if (text.find_first_not_of(" \t\r\n\v\f") == std::string::npos) {  // the blank space of grammar::sep
    diags.error({&src, 0, 0}, text::tr("the file is empty: a model declares at least 'model NAME {{ effective DATE }}'"));
    return file;
  }
  CommentSink comments;
  TreeBuilder builder(src, diags);
  std::size_t offset = 0;
  while (offset < text.size()) {
    std::size_t decl_start = skip_blank(text, offset);
    pegtl::memory_input<> in(text.data() + offset, text.data() + text.size(), src.name(), offset, 1, 1);
    nesting = 0;
    try {
      auto root = pegtl::parse_tree::parse<grammar::next_declaration, selector, collect, control>(in, comments);
      if (!root || root->children.empty()) break;  // only blank space and comments were left
      file.decls.push_back(builder.declaration(*root->children.front()));
      offset = in.byte();
    } catch (const pegtl::parse_error& e) {
      report(e, src, decl_start, diags);
      offset = resume_point(src, e.positions().front().byte, decl_start);
    }
  }
  for (auto& [at, comment] : comments) file.comments.push_back({at, comment});
  return file;
}

}  // namespace mera::dsl
