// The parse driver: checks the bytes, runs the grammar one declaration at a time, turns PEGTL's
// parse errors into diagnostics with a suggestion where one is likely, and resumes after each.
#include "mera/dsl/parse.hpp"

#include <fmt/format.h>

#include <map>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "build_tree.hpp"
#include "errors.hpp"
#include "grammar.hpp"
#include "mera/dsl/utf8.hpp"
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
// stack. The rules through which expressions nest count their depth here.
thread_local int nesting = 0;

template <typename Rule>
using base_control = pegtl::must_if<error_messages, pegtl::normal, true>::control<Rule>;
template <typename Rule> struct control : base_control<Rule> {};

template <typename Rule> struct depth_counted : base_control<Rule> {
  template <typename Input, typename... States> static void start(const Input& in, States&&...) {
    if (++nesting > kMaxNesting) {
      nesting = 0;
      throw pegtl::parse_error(fmt::format("expression nested too deeply (more than {} levels)", kMaxNesting), in);
    }
  }
  template <typename Input, typename... States> static void success(const Input&, States&&...) { --nesting; }
  template <typename Input, typename... States> static void failure(const Input&, States&&...) { --nesting; }
};
template <> struct control<grammar::expression> : depth_counted<grammar::expression> {};
template <> struct control<grammar::unary> : depth_counted<grammar::unary> {};
template <> struct control<grammar::negation> : depth_counted<grammar::negation> {};

const char* const kDeclarationWords[] = {"model", "level", "route", "enum", "form", "deadline",
                                         "indicator", "lua", "replace", "drop"};
const char* const kFormWords[] = {"period", "record", "by", "field", "check"};
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

template <std::size_t N>
std::string suggestion(std::string_view word, const char* const (&words)[N]) {
  for (const char* w : words)
    if (edit_distance(word, w) <= 2 && word.size() >= 2) return w;
  return {};
}

// Turns a parse error into a diagnostic, saying more when the word at the place explains it.
void report(const pegtl::parse_error& e, const SourceFile& file, Diagnostics& diags) {
  auto offset = static_cast<std::uint32_t>(e.positions().front().byte);
  std::string_view word = word_at(file.text(), offset);
  Span span{&file, offset, static_cast<std::uint32_t>(offset + word.size())};
  if (auto bad = mixed_script_letter(word)) {
    std::size_t n = 1;
    char32_t cp = decode_at(word, *bad, &n);
    diags.error({&file, static_cast<std::uint32_t>(offset + *bad), static_cast<std::uint32_t>(offset + *bad + n)},
                fmt::format("'{}' mixes Latin and Cyrillic letters: '{}' (U+{:04X}) is {}", word,
                            word.substr(*bad, n), static_cast<unsigned>(cp),
                            cp < 0x80 ? "Latin" : "Cyrillic"));
    return;
  }
  std::string message(e.message());
  std::string hint;
  if (message == error_messages::message<grammar::declaration>) hint = suggestion(word, kDeclarationWords);
  if (message == error_messages::message<grammar::form_close>) hint = suggestion(word, kFormWords);
  if (message == error_messages::message<grammar::indicator_close>) hint = suggestion(word, kIndicatorWords);
  if (!hint.empty()) message = fmt::format("unknown word '{}': did you mean '{}'?", word, hint);
  if (word.empty()) span.end = offset + 1;
  diags.error(span, std::move(message));
}

// After an error, parsing resumes at the next line that begins with a declaration keyword.
std::size_t resume_point(const SourceFile& file, std::size_t error_offset) {
  std::size_t line = file.line_of(error_offset) + 1;
  for (;; ++line) {
    std::string_view text = file.line_text(line);
    if (text.data() == nullptr || (text.empty() && file.line_start(line - 1) >= file.text().size()))
      return file.text().size();
    for (const char* w : kDeclarationWords)
      if (word_at(text, 0) == w) return file.line_start(line);
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
                fmt::format("the file is not UTF-8 (byte 0x{:02X} here): save it as UTF-8",
                            static_cast<unsigned char>(text[*bad])));
    return file;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    diags.error({&src, 0, 0}, "the file is empty: a model declares at least 'model NAME { effective DATE }'");
    return file;
  }
  CommentSink comments;
  TreeBuilder builder(src, diags);
  std::size_t offset = 0;
  while (offset < text.size()) {
    pegtl::memory_input<> in(text.data() + offset, text.data() + text.size(), src.name(), offset, 1, 1);
    nesting = 0;
    try {
      auto root = pegtl::parse_tree::parse<grammar::next_declaration, selector, collect, control>(in, comments);
      if (!root || root->children.empty()) break;  // only blank space and comments were left
      file.decls.push_back(builder.declaration(*root->children.front()));
      offset = in.byte();
    } catch (const pegtl::parse_error& e) {
      report(e, src, diags);
      offset = resume_point(src, e.positions().front().byte);
    }
  }
  for (auto& [at, comment] : comments) file.comments.push_back({at, comment});
  return file;
}

}  // namespace mera::dsl
