// Building values as the JSON grammar's actions report them, and handing each submission on.
#include "json_builder.hpp"
#include "mera/text/tr.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <utility>

namespace mera::forms::json {

namespace {

unsigned hex4(const char* p) {
  unsigned v = 0;
  for (int i = 0; i < 4; ++i) {
    char c = p[i];
    unsigned digit = c <= '9' ? unsigned(c - '0') : c <= 'F' ? unsigned(c - 'A' + 10) : unsigned(c - 'a' + 10);
    v = v * 16 + digit;
  }
  return v;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// How a message names a value that should have been an object.
std::string kind_name(const RawValue& v) {
  switch (v.kind) {
    case RawValue::Kind::null: return "null";
    case RawValue::Kind::boolean: return v.boolean ? "true" : "false";
    case RawValue::Kind::number: return text::tr("a number");
    case RawValue::Kind::string: return text::tr("a string");
    case RawValue::Kind::cell: return text::tr("a cell");
    case RawValue::Kind::object: return text::tr("an object");
    case RawValue::Kind::array: return text::tr("an array");
  }
  return text::tr("a value");
}

// Objects with more members than this find names given twice by sorting, not pair by pair.
constexpr std::size_t kPairwiseNames = 16;

}  // namespace

Builder::Builder(std::string_view text, const dsl::SourceFile* file, dsl::Diagnostics* diags,
                 const EachSubmission* each)
    : text_(text), file_(file), diags_(diags), each_(each), submission_members_(file != nullptr) {
  open_.reserve(kMaxNesting);  // never reallocates
  frames_.reserve(kMaxNesting);
  members_.reserve(64);
  input_begin_ = text.data();
}

void Builder::start(const char* input_begin, bool line_mode) {
  input_begin_ = input_begin;
  line_mode_ = line_mode;
}

void Builder::open_file_array(const char* at) { file_array_ = at; }

void Builder::reset() {
  open_.clear();
  frames_.clear();
  members_.clear();
  items_.clear();
  failed_ = false;
}

// For parse_json the file is null: the span points nowhere, its offsets only name the byte.
dsl::Span Builder::span(const char* begin, const char* end) const {
  return {file_, static_cast<std::uint32_t>(offset(begin)), static_cast<std::uint32_t>(offset(end))};
}

// ---- strings ------------------------------------------------------------------------------

// A string without escapes is taken from the input as it is; the first escape copies what came
// before it to buffer_, where the rest is decoded.
void Builder::open_string(const char* at) {
  string_begin_ = at;
  escaped_ = false;
}

void Builder::open_escape(const char* backslash) {
  if (escaped_) return;
  buffer_.assign(string_begin_ + 1, backslash);
  escaped_ = true;
}

// The text of the string [begin, end), quotes included.
std::string_view Builder::string_text(const char* begin, const char* end) const {
  if (escaped_) return buffer_;
  return {begin + 1, static_cast<std::size_t>(end - begin - 2)};
}

void Builder::append_escaped(char code) {
  switch (code) {
    case 'b': buffer_ += '\b'; break;
    case 'f': buffer_ += '\f'; break;
    case 'n': buffer_ += '\n'; break;
    case 'r': buffer_ += '\r'; break;
    case 't': buffer_ += '\t'; break;
    default: buffer_ += code; break;  // '"', '\\', '/'
  }
}

void Builder::append_code_unit(const char* hex) {
  unsigned unit = hex4(hex);
  if (unit >= 0xD800 && unit <= 0xDBFF)
    fail(hex - 2, hex + 4, text::tr("a lone surrogate \\u{}: a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)", std::string_view(hex, 4)));
  if (unit >= 0xDC00 && unit <= 0xDFFF)
    fail(hex - 2, hex + 4, text::tr("a lone surrogate \\u{}: a low surrogate must follow a high one (\\uD800-\\uDBFF)", std::string_view(hex, 4)));
  append_utf8(buffer_, unit);
}

void Builder::append_surrogate_pair(const char* hex) {
  unsigned high = hex4(hex), low = hex4(hex + 6);
  append_utf8(buffer_, 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
}

// A member is added when its name is read; its value follows.
void Builder::key(const char* begin, const char* end) {
  RawMember& m = members_.emplace_back();
  m.first.name.assign(string_text(begin, end));
  m.first.span = span(begin, end);
}

// ---- values -------------------------------------------------------------------------------

// Where the value just completed goes: the member whose name was read last, a new item of the
// open array, or, outermost, done_.
RawValue& Builder::new_value() {
  if (open_.empty()) {
    done_ = RawValue();
    return done_;
  }
  if (open_.back().kind == RawValue::Kind::object) return members_.back().second;
  return items_.emplace_back();
}

void Builder::scalar(RawValue::Kind kind, const char* begin, const char* end) {
  RawValue& v = new_value();
  v.kind = kind;
  v.span = span(begin, end);
  if (kind == RawValue::Kind::string) v.text.assign(string_text(begin, end));
  else if (kind == RawValue::Kind::number) v.text.assign(begin, end);
  else if (kind == RawValue::Kind::boolean) v.boolean = *begin == 't';
}

void Builder::open(RawValue::Kind kind, const char* at) {
  if (open_.size() >= kMaxNesting)
    fail(at, at + 1, text::tr("nested too deeply: more than {} levels of objects and arrays", kMaxNesting));
  RawValue& v = open_.emplace_back();
  v.kind = kind;
  v.span = span(at, at + 1);
  frames_.push_back(kind == RawValue::Kind::object ? members_.size() : items_.size());
}

template <typename T> static void move_tail(std::vector<T>& from, std::size_t start, std::vector<T>& to) {
  to.assign(std::make_move_iterator(from.begin() + static_cast<std::ptrdiff_t>(start)), std::make_move_iterator(from.end()));
  from.resize(start);
}

void Builder::close(const char* end) {
  RawValue& v = open_.back();
  v.span.end = static_cast<std::uint32_t>(offset(end));
  std::size_t start = frames_.back();
  frames_.pop_back();
  if (v.kind == RawValue::Kind::array) {
    move_tail(items_, start, v.items);
  } else if (open_.size() == 1 && submission_members_) {
    check_names(members_.data() + start, members_.size() - start);  // they stay for submission()
  } else {
    move_tail(members_, start, v.members);
    check_names(v.members.data(), v.members.size());
  }
  RawValue value = std::move(v);
  open_.pop_back();
  new_value() = std::move(value);
}

// A name given twice is reported at the second, with a note at the first. Small objects are
// checked pair by pair; large ones (any input may be a million members) by sorting.
void Builder::check_names(const RawMember* members, std::size_t n) {
  if (n <= kPairwiseNames) {
    for (std::size_t i = 1; i < n; ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (members[i].first.name == members[j].first.name) {
          given_twice(members[i].first, members[j].first);
          break;
        }
    return;
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto name = [&](std::size_t i) -> const std::string& { return members[i].first.name; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return name(a) < name(b); });
  std::vector<std::pair<std::size_t, std::size_t>> twice;  // (again, first), reported in file order
  for (std::size_t k = 1, first = order[0]; k < n; ++k) {
    if (name(order[k]) == name(first)) twice.emplace_back(order[k], first);
    else first = order[k];
  }
  std::sort(twice.begin(), twice.end());
  for (auto [again, first] : twice) given_twice(members[again].first, members[first].first);
}

void Builder::given_twice(const RawKey& again, const RawKey& first) {
  std::string message = text::tr("'{}' is given twice", again.name);
  if (!diags_) throw ReadError{again.span.begin, again.span.end, std::move(message), 0, 0, {}};
  diags_->error(again.span, std::move(message));
  diags_->note(first.span, text::tr("first given here"));
  failed_ = true;
}

void Builder::report(dsl::Span at, std::string message) {
  diags_->error(at, std::move(message));
  failed_ = true;
}

// The members of a submission object go where SubmissionInput says: the header members, the
// values, and whatever else to `unknown`. False when `values` is not an object.
bool Builder::fill(SubmissionInput& s, RawMember* members, std::size_t n) {
  for (RawMember* m = members; m != members + n; ++m) {
    const std::string& name = m->first.name;
    RawMember* header = name == "form" ? &s.form : name == "unit" ? &s.unit : name == "period" ? &s.period
                      : name == "record" ? &s.record : name == "correction" ? &s.correction
                      : name == "submitted_at" ? &s.submitted_at : nullptr;
    if (header) {
      *header = std::move(*m);
    } else if (name == "values") {
      if (m->second.kind != RawValue::Kind::object) {
        report(m->second.span, text::tr("'values' is {}, not an object of field names and values {{\"field\": value, ...}}", kind_name(m->second)));
        return false;
      }
      s.values = std::move(m->second.members);
    } else {
      s.unknown.push_back(std::move(*m));
    }
  }
  return true;
}

void Builder::submission() {
  std::string position = file_array_ ? fmt::format("[{}]", index_++) : std::string();
  bool failed = std::exchange(failed_, false);
  SubmissionInput s;
  bool ok = false;
  if (done_.kind != RawValue::Kind::object) {
    if (file_array_) report(done_.span, text::tr("element {} of the array is {}, not a submission object {{...}}", position, kind_name(done_)));
    else report(done_.span, text::tr("expected a submission object {{...}}, not {}", kind_name(done_)));
  } else {
    s.span = done_.span;
    s.position = std::move(position);
    ok = fill(s, members_.data(), members_.size()) && !failed;
  }
  members_.clear();
  failed_ = false;
  if (!ok) return;
  (*each_)(std::move(s));
  ++count_;
}

}  // namespace mera::forms::json
