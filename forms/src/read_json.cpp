// Reading JSON submission files: one object, an array of objects, or JSON lines. The grammar
// (json_grammar.hpp) runs over the file's own bytes; its actions build one submission at a time
// on a small stack (json_builder.hpp) and hand it on as soon as it is complete, so a file of any
// size never becomes one tree. Also parse_json: the same grammar over text that is no file.
#include <fmt/format.h>

#include <limits>
#include <stdexcept>

#include "json_builder.hpp"
#include "json_grammar.hpp"
#include "mera/forms/read.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

namespace {

namespace pegtl = tao::pegtl;
using json::Builder;
using Kind = RawValue::Kind;

// Positions are byte offsets from the text's first byte (input.current() - begin); PEGTL counts
// lines only if asked, which the reader never does.
using Input = pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*>;

// ---- actions: one per rule that builds something ------------------------------------------

template <typename Rule> struct action : pegtl::nothing<Rule> {};

template <> struct action<json::string_open> {
  template <typename In> static void apply(const In& in, Builder& b) { b.open_string(in.begin()); }
};
template <> struct action<json::plain> {
  template <typename In> static void apply(const In& in, Builder& b) { b.append(in.begin(), in.size()); }
};
template <> struct action<json::backslash> {
  template <typename In> static void apply(const In& in, Builder& b) { b.open_escape(in.begin()); }
};
template <> struct action<json::escaped_char> {
  template <typename In> static void apply(const In& in, Builder& b) { b.append_escaped(*in.begin()); }
};
template <> struct action<json::code_unit> {
  template <typename In> static void apply(const In& in, Builder& b) { b.append_code_unit(in.begin()); }
};
template <> struct action<json::surrogate_pair> {
  template <typename In> static void apply(const In& in, Builder& b) { b.append_surrogate_pair(in.begin()); }
};
template <> struct action<json::key> {
  template <typename In> static void apply(const In& in, Builder& b) { b.key(in.begin(), in.end()); }
};

template <Kind K> struct scalar_action {
  template <typename In> static void apply(const In& in, Builder& b) { b.scalar(K, in.begin(), in.end()); }
};
template <> struct action<json::string_value> : scalar_action<Kind::string> {};
template <> struct action<json::number> : scalar_action<Kind::number> {};
template <> struct action<json::true_> : scalar_action<Kind::boolean> {};
template <> struct action<json::false_> : scalar_action<Kind::boolean> {};
template <> struct action<json::null> : scalar_action<Kind::null> {};

template <Kind K> struct open_action {
  template <typename In> static void apply(const In& in, Builder& b) { b.open(K, in.begin()); }
};
template <> struct action<json::object_open> : open_action<Kind::object> {};
template <> struct action<json::array_open> : open_action<Kind::array> {};
struct close_action {
  template <typename In> static void apply(const In& in, Builder& b) { b.close(in.end()); }
};
template <> struct action<json::object_close> : close_action {};
template <> struct action<json::array_close> : close_action {};


template <> struct action<json::file_array_open> {
  template <typename In> static void apply(const In& in, Builder& b) { b.open_file_array(in.begin()); }
};
struct submission_action {
  static void apply0(Builder& b) { b.submission(); }
};
template <> struct action<json::first_submission> : submission_action {};
template <> struct action<json::next_submission> : submission_action {};
template <> struct action<json::stream_submission> : submission_action {};
// A JSON line's submission is handed on by read_lines once the whole line is read.

// ---- control: a failed must<> becomes a ReadError with a message from json_errors.hpp --------

template <typename Rule> struct control : pegtl::normal<Rule> {
  template <typename ParseInput>
  [[noreturn]] static void raise(const ParseInput& in, Builder& b) {
    static_assert(json::error_text<Rule>.message != nullptr, "every must<> of the JSON grammar needs a message in json_errors.hpp");
    b.syntax_error(in.current(), in.end(), json::error_text<Rule>);
  }
};

// ---- the modes of a file ------------------------------------------------------------------

struct Reader {
  const dsl::SourceFile& file;
  dsl::Diagnostics& diags;
  Builder builder;

  // Reads [begin, end) as Rule; a ReadError is reported and ends this input only.
  template <typename Rule> bool read(const char* begin, const char* end, bool line_mode) {
    Input in(begin, end, file.name().c_str());
    builder.start(begin, line_mode);
    try {
      pegtl::parse<Rule, action, control>(in, builder);
      return true;
    } catch (const json::ReadError& e) {
      diags.error(span_of(file, e.begin, e.end), e.message);
      if (!e.note.empty()) diags.note(span_of(file, e.note_begin, e.note_end), e.note);
      builder.reset();
      return false;
    }
  }

  // JSON lines: each line that is not blank is read alone, so a broken line costs only itself.
  void read_lines(std::size_t start) {
    const std::string& text = file.text();
    const char* data = text.data();
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::size_t first = start;
      while (first < end && (data[first] == ' ' || data[first] == '\t' || data[first] == '\r')) ++first;
      if (first < end && read<json::json_line>(data + start, data + end, true)) builder.submission();
      start = end + 1;
    }
  }
};

// A file whose first object is followed, on a later line, by a line that begins with '{' is
// read as JSON lines; a pretty-printed object goes on with a line that begins with a name.
bool json_lines(const std::string& text, std::size_t first) {
  std::size_t eol = text.find('\n', first);
  if (eol == std::string::npos) return false;
  std::size_t next = text.find_first_not_of(" \t\r\n", eol);
  return next != std::string::npos && text[next] == '{';
}

}  // namespace

std::size_t read_json(const dsl::SourceFile& file, std::size_t start, dsl::Diagnostics& diags,
                      const EachSubmission& each) {
  const std::string& text = file.text();
  std::size_t first = text.find_first_not_of(" \t\r\n", start);
  if (first == std::string::npos) return 0;
  Reader reader{file, diags, Builder(text, &file, &diags, &each)};
  const char* begin = text.data() + start;
  const char* end = text.data() + text.size();
  if (text[first] == '[') {
    reader.read<json::array_file>(begin, end, false);
  } else if (text[first] == '{') {
    if (json_lines(text, first)) reader.read_lines(start);
    else reader.read<json::stream_file>(begin, end, false);
  } else if (bad_utf8_at(text, first)) {
    diags.error(span_of(file, first, first + 1), not_utf8_message(text, first));
  } else {
    diags.error(span_of(file, first, first + 1),
                text::tr("expected '{{' or '[': a JSON submission file holds an object {{...}}, an array of them, or one object per line"));
  }
  return reader.builder.count();
}

RawValue parse_json(std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::runtime_error("malformed JSON: the text is larger than 4 GB");
  Builder builder(text, nullptr, nullptr, nullptr);
  Input in(text.data(), text.data() + text.size(), "json");
  try {
    pegtl::parse<json::json_text, action, control>(in, builder);
  } catch (const json::ReadError& e) {
    throw std::runtime_error(fmt::format("malformed JSON at byte {}: {}", e.begin, e.message));
  }
  return builder.take_value();
}

}  // namespace mera::forms
