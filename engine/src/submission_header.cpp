#include "submission_header.hpp"

#include <fmt/format.h>

#include <array>

#include "mera/dsl/printable.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {
namespace {

using forms::RawMember;
using forms::RawValue;

bool given(const RawMember& m) { return !m.first.name.empty() && m.second.kind != RawValue::Kind::null; }

// The spaces a spreadsheet leaves around a cell's text, which nobody sees.
std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// A member that must be a text: JSON string (as it is) or CSV cell (without the spaces around it).
std::string text_of(const RawMember& m, const std::string& context, const std::string& what, dsl::Diagnostics& diags) {
  if (m.second.kind == RawValue::Kind::cell) return trimmed(m.second.text);
  if (m.second.kind == RawValue::Kind::string) return m.second.text;
  diags.error(m.second.span, text::tr("{}\"{}\" must be a text: {}", context, m.first.name, what));
  return {};
}

std::optional<bool> yes_no(const RawValue& v) {
  if (v.kind == RawValue::Kind::boolean) return v.boolean;
  if (v.kind != RawValue::Kind::cell && v.kind != RawValue::Kind::string) return std::nullopt;
  for (const char* yes : {"true", "yes", "1", "да", "TRUE", "Yes", "Да"}) if (v.text == yes) return true;
  for (const char* no : {"false", "no", "0", "нет", "", "FALSE", "No", "Нет"}) if (v.text == no) return false;
  return std::nullopt;
}

}  // namespace

std::optional<dsl::Date> read_moment(const std::string& text, std::string& why) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > text.size()) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  std::string problem;
  std::optional<dsl::Date> day = dsl::parse_iso_date(std::string_view(text).substr(0, 10), &problem);
  bool shape = day || !problem.empty();
  if (shape && text.size() > 10) {
    std::string rest = text.substr(10);
    if (!rest.empty() && rest.back() == 'Z') rest.pop_back();
    bool time = (rest.size() == 6 || rest.size() == 9) && (rest[0] == 'T' || rest[0] == ' ') && rest[3] == ':';
    int hh = time ? digits(11, 2) : -1, mm = time ? digits(14, 2) : -1;
    int ss = time && rest.size() == 9 ? (rest[6] == ':' ? digits(17, 2) : -1) : 0;
    shape = time && hh >= 0 && hh < 24 && mm >= 0 && mm < 60 && ss >= 0 && ss < 60;
  }
  if (!shape) {
    why = text::tr("write a date as 2021-04-03, or a date and time as 2021-04-03T10:00:00Z");
    return std::nullopt;
  }
  if (!day) why = problem;
  return day;
}

std::string period_words(forms::PeriodKind kind) {
  switch (kind) {
    case forms::PeriodKind::quarter: return text::tr("quarter");
    case forms::PeriodKind::half_year: return text::tr("half-year");
    case forms::PeriodKind::month: return text::tr("month");
    case forms::PeriodKind::year: return text::tr("year");
    case forms::PeriodKind::record: return text::tr("record");
  }
  return "";
}

std::string period_example(forms::PeriodKind kind, int year) {
  switch (kind) {
    case forms::PeriodKind::quarter: return text::tr("; write {0}Q1, {0}Q2, {0}Q3 or {0}Q4", year);
    case forms::PeriodKind::half_year: return text::tr("; write {0}H1 or {0}H2", year);
    case forms::PeriodKind::month: return text::tr("; write {0}-01 to {0}-12", year);
    case forms::PeriodKind::year: return text::tr("; write {}", year);
    case forms::PeriodKind::record: return "";
  }
  return "";
}

Header read_header(const forms::SubmissionInput& input, const std::string& now, dsl::Diagnostics& diags) {
  Header h;
  h.whole = input.span;
  std::string where = input.position.empty() ? "" : input.position + " ";
  h.context = where;  // until the header is read, messages say only where
  if (given(input.form)) {
    h.form = text_of(input.form, h.context, text::tr("the name of a form"), diags);
    h.form_span = input.form.second.span;
  }
  if (given(input.unit)) {
    h.unit = text_of(input.unit, h.context, text::tr("the id of a unit"), diags);
    h.unit_span = input.unit.second.span;
  }
  if (given(input.period)) {
    // A year may come as a number (a spreadsheet's cell 2021, JSON's 2021).
    bool number = input.period.second.kind == RawValue::Kind::number;
    h.period_text = number ? input.period.second.text : text_of(input.period, h.context, text::tr("a period such as 2021Q1"), diags);
    h.period_span = input.period.second.span;
  }
  if (given(input.record)) {
    h.record = text_of(input.record, h.context, text::tr("the key of a record"), diags);
    h.record_span = input.record.second.span;
  }
  std::string key = !h.period_text.empty() ? h.period_text : h.record;
  std::string named;  // "families, org1, 2021Q1": what of the header is known
  for (const std::string* part : {&h.form, &h.unit, &key})
    if (!part->empty()) named += (named.empty() ? "" : ", ") + dsl::clipped(*part);  // an id of 50 MB is not repeated in every message
  h.context = where + named + (named.empty() ? "" : ": ");
  if (h.form.empty() && !given(input.form))
    diags.error(input.span, h.context + text::tr("the submission does not name its form (\"form\")"));
  if (h.unit.empty() && !given(input.unit))
    diags.error(input.span, h.context + text::tr("the submission does not name its unit (\"unit\")"));
  if (!h.period_text.empty()) {
    std::string why;
    h.period = forms::read_period(h.period_text, &why);
    if (!h.period) {
      h.period_unreadable = true;
      diags.error(h.period_span, h.context + why);
    }
  }
  if (given(input.correction)) {
    if (auto yes = yes_no(input.correction.second)) h.correction = *yes;
    else diags.error(input.correction.second.span, h.context + text::tr("\"correction\" is true or false"));
  }
  std::string why;
  auto today = read_moment(now, why);
  h.submitted_at = now;
  h.day = h.today = today.value_or(dsl::Date{1970, 1, 1});
  if (given(input.submitted_at)) {
    h.submitted_at_span = input.submitted_at.second.span;
    std::string text = text_of(input.submitted_at, h.context, text::tr("a date such as 2021-04-03"), diags);
    if (auto day = read_moment(text, why)) {
      if (today && *today < *day) {
        diags.error(input.submitted_at.second.span, text::tr("{}submitted_at {} is in the future (today is {})", h.context, dsl::clipped(text), today->iso()));
      } else {
        h.submitted_at = text;
        h.day = *day;
      }
    } else if (!text.empty()) {
      diags.error(input.submitted_at.second.span, text::tr("{}'{}' is not a date: {}", h.context, dsl::clipped(text), why));
    }
  }
  for (const auto& [k, v] : input.unknown)
    diags.error(k.span, text::tr("{}unknown member \"{}\" (a submission has \"form\", \"unit\", \"period\" or \"record\", \"values\", "
                                    "and may have \"correction\" and \"submitted_at\"){}",
                                    h.context, dsl::clipped(k.name), forms::closest(k.name, {"form", "unit", "period", "record", "values", "correction", "submitted_at"})));
  return h;
}

std::string record_key(const Header& h, const forms::Form& form, const forms::ValidValues& valid, dsl::Diagnostics& diags) {
  std::string key;
  for (std::size_t i = 0; i < form.fields.size(); ++i)
    if (form.fields[i].name == form.record_key && !valid.values[i].is_null())
      key = valid.values[i].is<std::string>() ? valid.values[i].as<std::string>() : forms::to_text(valid.values[i]);
  if (key.empty() && h.record.empty()) {
    diags.error(h.whole, text::tr("{}form '{}' is kept one record per {}: give the field {}", h.context, form.name, form.record_key, form.record_key));
  } else if (key.empty()) {
    return h.record;
  } else if (!h.record.empty() && h.record != key) {
    diags.error(h.record_span, text::tr("{}\"record\" is '{}' but the field {} is '{}'", h.context, dsl::clipped(h.record), form.record_key, dsl::clipped(key)));
  }
  return key;
}

}  // namespace mera::engine
