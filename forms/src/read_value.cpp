// Raw values read as their field's type. JSON values come typed; a CSV cell is text whose
// meaning the field decides (`12`, `2,5`, `60%`, `да`, `2021-03-01`, `high`).
#include "read_value.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "mera/dsl/date.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/forms/spellings.hpp"
#include "mera/forms/typecheck.hpp"
#include "value_text.hpp"
#include "mera/text/tr.hpp"

namespace mera::forms {

namespace {

constexpr double kMaxWhole = 9007199254740991.0;  // 2^53 - 1: every whole number up to it is exact

std::string_view trim(std::string_view s) {
  auto blank_at_start = [&] { return !s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'); };
  auto blank_at_end = [&] { return !s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'); };
  for (;;) {
    if (blank_at_start()) s.remove_prefix(1);
    else if (s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);  // a no-break space
    else break;
  }
  for (;;) {
    if (blank_at_end()) s.remove_suffix(1);
    else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    else break;
  }
  return s;
}

bool textual(const RawValue& raw) { return raw.kind == RawValue::Kind::string || raw.kind == RawValue::Kind::cell; }

// What was written, as "got ..." names it.
std::string written(const RawValue& raw) {
  switch (raw.kind) {
    case RawValue::Kind::null: return text::tr("nothing");
    case RawValue::Kind::boolean: return raw.boolean ? "true" : "false";
    case RawValue::Kind::number: return text::tr("the number {}", raw.text);
    case RawValue::Kind::string: return text::tr("the text {}", quote_text(raw.text));
    case RawValue::Kind::cell: return quote_text(trim(raw.text));
    case RawValue::Kind::object: return text::tr("an object");
    case RawValue::Kind::array: return text::tr("a list");
  }
  return text::tr("a value");
}

enum class Parsed { ok, not_a_number, misspelt, too_large, too_small };

// The power of ten of a decimal number's first significant digit (12.5 -> 1, 0.03 -> -2,
// 1e-400 -> -400): whether a number that a double cannot hold is too large or too close to 0.
long long decimal_order(std::string_view s) {
  std::size_t e = s.find_first_of("eE");
  std::string_view mantissa = s.substr(0, e);
  long long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = s.substr(e + 1);
    if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
    if (std::from_chars(digits.data(), digits.data() + digits.size(), exponent).ec == std::errc::result_out_of_range)
      exponent = digits[0] == '-' ? -(1LL << 62) : (1LL << 62);
  }
  if (!mantissa.empty() && (mantissa[0] == '-' || mantissa[0] == '+')) mantissa.remove_prefix(1);
  std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  std::size_t first = mantissa.find_first_of("123456789");
  if (first == std::string_view::npos) return 0;
  long long place = first < point ? static_cast<long long>(point - first) - 1 : -static_cast<long long>(first - point);
  return place + exponent;
}

// A decimal number: 12, -2.5, 1e3; a `cell` also as a spreadsheet writes it (7 500,50: the
// rule of cell_number, spellings.hpp), and when that spelling is wrong `why` says how.
Parsed parse_number(std::string_view s, bool cell, double& out, std::string& why) {
  std::string buffer;
  if (cell && s.find_first_of(" ,.\xC2\xE2") != std::string_view::npos) {  // not plain digits (most cells are)
    auto plain = cell_number(s, why);
    if (!plain) return Parsed::misspelt;
    buffer = std::move(*plain);
    s = buffer;
  }
  if (s.size() > 1 && s[0] == '+' && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec == std::errc::result_out_of_range && end == s.data() + s.size()) return decimal_order(s) < 0 ? Parsed::too_small : Parsed::too_large;
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty() || !std::isfinite(out)) return Parsed::not_a_number;
  if (out == 0) out = 0;  // no -0
  return Parsed::ok;
}

// A number closer to 0 than a double can hold is refused, not rounded to 0: no figure of a report
// is that small, so it is a mistake in the file, and storing 0 would hide it.
std::string too_small_message(std::string_view s) {
  return text::tr("{} is too close to 0 to be kept as a number (the smallest is about 5e-324); write 0 if it is zero", s);
}

// Lower case for the words of a yes/no cell: ASCII and the Russian alphabet.
std::u32string folded(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0, n = 0; i < s.size(); i += n) {
    char32_t c = dsl::decode_at(s, i, &n);
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    else if (c >= 0x410 && c <= 0x42F) c += 0x20;
    else if (c == 0x401) c = 0x451;
    out.push_back(c);
  }
  return out;
}

std::string value_list(const Enum& en) {
  if (en.values.size() > 12) return "";
  std::string list;
  for (const auto& v : en.values) list += (list.empty() ? "" : ", ") + v.name;
  return " (" + list + ")";
}

class ValueReader {
 public:
  ValueReader(const Field& f, std::vector<ReadProblem>& problems, Reading reading)
      : field_(f), problems_(problems), reading_(reading) {}

  Value read(const RawValue& raw) {
    if (raw.kind == RawValue::Kind::null || (textual(raw) && trim(raw.text).empty())) return Value::none(NoValue::empty);
    const Type& t = field_.type;
    switch (t.kind) {
      case Type::Kind::number: return t.percent ? percent(raw) : number(raw, t.integer);
      case Type::Kind::boolean: return boolean(raw);
      case Type::Kind::text: return text(raw);
      case Type::Kind::date: return date(raw);
      case Type::Kind::category: return category(raw);
      case Type::Kind::breakdown: return breakdown(raw);
      default: break;
    }
    throw std::logic_error(fmt::format("field '{}' of form has no type a submission can give", field_.name));
  }

 private:
  Value fail(dsl::Span span, std::string message) {
    problems_.push_back({category_, std::move(message), span});
    return Value::none(NoValue::empty);
  }
  Value expected(const RawValue& raw, std::string_view what) {
    return fail(raw.span, text::tr("expected {}, got {}", what, written(raw)));
  }

  Value number(const RawValue& raw, bool whole);
  Value percent(const RawValue& raw);
  Value boolean(const RawValue& raw);
  Value text(const RawValue& raw);
  Value date(const RawValue& raw);
  Value category(const RawValue& raw);
  Value breakdown(const RawValue& raw);
  std::optional<std::size_t> category_index(const Enum& en, std::string_view name) const;

  const Field& field_;
  std::vector<ReadProblem>& problems_;
  Reading reading_;
  std::string category_;  // the breakdown category being read
};

// int: a JSON number that is whole, or a cell; number: the same, fractions allowed.
Value ValueReader::number(const RawValue& raw, bool whole) {
  std::string what = whole ? text::tr("a whole number") : text::tr("a number");
  if (raw.kind != RawValue::Kind::number && raw.kind != RawValue::Kind::cell) return expected(raw, what);
  std::string_view s = trim(raw.text);
  double d = 0;
  std::string why;
  switch (parse_number(s, raw.kind == RawValue::Kind::cell, d, why)) {
    case Parsed::not_a_number: return fail(raw.span, text::tr("{} is not {}", quote_text(s), what));
    case Parsed::misspelt: return fail(raw.span, why);
    case Parsed::too_large: return fail(raw.span, text::tr("{} is too large a number", s));
    case Parsed::too_small: return fail(raw.span, too_small_message(s));
    case Parsed::ok: break;
  }
  if (std::string why_not = whole && std::floor(d) != d ? comma_thousands_problem(s) : ""; !why_not.empty())
    return fail(raw.span, why_not);
  if (whole && std::floor(d) != d) return fail(raw.span, text::tr("{} is not a whole number", s));
  if (whole && std::fabs(d) > kMaxWhole) return fail(raw.span, text::tr("{} is too large: a whole number is at most 9007199254740991 (2^53 - 1)", s));
  return Value(d);
}

// percent: a share (a JSON number, or a cell such as 0.6) or a percent ("60%", "60 %").
Value ValueReader::percent(const RawValue& raw) {
  std::string what = text::tr("a percent (\"60%\" or the share 0.6)");
  std::string_view s = trim(raw.text);
  bool sign = textual(raw) && !s.empty() && s.back() == '%';
  if (raw.kind != RawValue::Kind::number && raw.kind != RawValue::Kind::cell && !sign) return expected(raw, what);
  std::string_view digits = sign ? trim(s.substr(0, s.size() - 1)) : s;
  double d = 0;
  std::string why;
  switch (parse_number(digits, raw.kind != RawValue::Kind::number, d, why)) {
    case Parsed::not_a_number: return fail(raw.span, text::tr("{} is not {}", quote_text(s), what));
    case Parsed::misspelt: return fail(raw.span, why);
    case Parsed::too_large: return fail(raw.span, text::tr("{} is too large a number", s));
    case Parsed::too_small: return fail(raw.span, too_small_message(s));
    case Parsed::ok: break;
  }
  double share = sign ? d / 100 : d;
  if (reading_ == Reading::submitted && share > 1) {
    if (sign) return fail(raw.span, text::tr("{} is over 100%: a share cannot be larger than the whole", s));
    return fail(raw.span, text::tr("{} would be {}%: write a percent as \"60%\" or as the share 0.6", s, number_text(d * 100)));
  }
  return Value(share);
}

// bool: JSON true or false; a cell true/false, yes/no, да/нет, 1/0 in any case.
Value ValueReader::boolean(const RawValue& raw) {
  if (raw.kind == RawValue::Kind::boolean) return Value(raw.boolean);
  if (raw.kind != RawValue::Kind::cell) return expected(raw, text::tr("true or false"));
  std::u32string w = folded(trim(raw.text));
  if (w == U"true" || w == U"yes" || w == U"да" || w == U"1") return Value(true);
  if (w == U"false" || w == U"no" || w == U"нет" || w == U"0") return Value(false);
  return fail(raw.span, text::tr("{} is not true or false (write true/false, yes/no, да/нет or 1/0)", quote_text(trim(raw.text))));
}

Value ValueReader::text(const RawValue& raw) {
  if (raw.kind == RawValue::Kind::string) return Value(raw.text);
  if (raw.kind == RawValue::Kind::cell) return Value(std::string(trim(raw.text)));
  return expected(raw, text::tr("text"));
}

// date: 2021-03-01 or 01.03.2021 (cell_date, spellings.hpp), a JSON text or a cell.
Value ValueReader::date(const RawValue& raw) {
  if (!textual(raw)) return expected(raw, text::tr("a date (31.03.2021 or 2021-03-31)"));
  std::string why;
  if (auto d = cell_date(raw.text, why)) return Value(*d);
  return fail(raw.span, why);
}

std::optional<std::size_t> ValueReader::category_index(const Enum& en, std::string_view name) const {
  for (std::size_t i = 0; i < en.values.size(); ++i)
    if (en.values[i].name == name) return i;
  for (std::size_t i = 0; i < en.values.size(); ++i)
    if (en.values[i].label == name) return i;
  return std::nullopt;
}

// A category of an enum: its name (or its label, as a person may type it).
Value ValueReader::category(const RawValue& raw) {
  const Enum& en = *field_.type.enumeration;
  if (!textual(raw)) return expected(raw, text::tr("a value of {}{}", en.name, value_list(en)));
  std::string_view s = trim(raw.text);
  if (auto i = category_index(en, s)) return Value(Category{&en, *i});
  return fail(raw.span, text::tr("{} is not a value of {}{}{}", quote_text(s), en.name, value_list(en), closest(s, en.value_names())));
}

// A breakdown: an object with a count for every category ({"low": 5, "high": 0}). An object
// where nothing is filled in is an empty value; a partly filled one must give every category.
Value ValueReader::breakdown(const RawValue& raw) {
  const Enum& en = *field_.type.enumeration;
  if (raw.kind != RawValue::Kind::object)
    return expected(raw, text::tr("an object with a number for each category of {}{}", en.name, value_list(en)));
  Breakdown b{&en, std::vector<double>(en.values.size(), 0.0)};
  std::vector<const RawKey*> keys(en.values.size(), nullptr);
  std::vector<char> filled(en.values.size(), 0);
  std::size_t before = problems_.size();
  for (const auto& [key, value] : raw.members) {
    auto i = category_index(en, key.name);
    if (!i) {
      fail(key.span, text::tr("'{}' is not a category of {}{}{}", key.name, en.name, value_list(en), closest(key.name, en.value_names())));
      continue;
    }
    if (keys[*i]) {
      fail(key.span, text::tr("category '{}' is given twice", en.values[*i].name));
      continue;
    }
    keys[*i] = &key;
    if (value.kind == RawValue::Kind::null || (textual(value) && trim(value.text).empty())) continue;
    category_ = en.values[*i].name;
    Value v = number(value, field_.type.integer);
    category_.clear();
    if (const double* d = v.get<double>()) b.counts[*i] = *d;
    filled[*i] = 1;
  }
  if (problems_.size() > before) return Value::none(NoValue::empty);
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < filled.size(); ++i)
    if (!filled[i]) missing.push_back(text::tr("'{}'", en.values[i].name));
  if (missing.size() == en.values.size()) return Value::none(NoValue::empty);
  if (missing.size() == 1) return fail(raw.span, text::tr("category {} is missing: give 0 if there are none", missing[0]));
  if (!missing.empty()) {
    std::string last = missing.back();
    missing.pop_back();
    return fail(raw.span, text::tr("categories {} and {} are missing: give 0 where there are none", fmt::join(missing, ", "), last));
  }
  return Value(std::move(b));
}

}  // namespace

Value read_value(const Field& f, const RawValue& raw, std::vector<ReadProblem>& problems, Reading reading) {
  return ValueReader(f, problems, reading).read(raw);
}

}  // namespace mera::forms
