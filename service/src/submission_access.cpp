#include "submission_access.hpp"

#include "mera/engine/intake.hpp"

#include <fmt/format.h>

#include "api_error.hpp"
#include "mera/engine/intake.hpp"
#include "mera/forms/period.hpp"
#include "mera/forms/read.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {
namespace {

bool is_text(const forms::RawMember& m) {
  return !m.first.name.empty() && (m.second.kind == forms::RawValue::Kind::string || m.second.kind == forms::RawValue::Kind::cell);
}

// The day a report in a request concerns: its period's last day, else today (records, and
// periods that do not read: the engine reports those).
dsl::Date day_of(const forms::SubmissionInput& input) {
  if (is_text(input.period))
    if (auto p = forms::read_period(input.period.second.text)) return p->last_day();
  return today_utc();
}

}  // namespace

void check_senders(Context& c, const dsl::SourcePtr& body, Action action, bool import, const engine::UnitTree& tree) {
  dsl::Diagnostics ignored, forbidden, dated;  // syntax errors are the engine's to report, in full
  const Caller& me = c.caller();
  dsl::SourcePtr read = engine::read_any(body, ignored, [&](forms::SubmissionInput&& input) {
    if (is_text(input.unit)) {
      // A unit by its name, as the engine reads it (engine/src/intake.cpp: a CSV cell without the
      // spaces around it); a name it does not take is checked as it is, and refused.
      std::string unit = input.unit.second.text;
      if (input.unit.second.kind == forms::RawValue::Kind::cell) {
        unit.erase(0, unit.find_first_not_of(" \t"));
        unit.erase(unit.find_last_not_of(" \t") + 1);
      }
      if (auto named = tree.named(unit); !tree.unit(unit) && named.size() == 1) unit = named[0]->id;
      Decision d = decide(me, action, unit, day_of(input), tree);
      if (!d.allowed) forbidden.error(input.unit.second.span, d.why);
    }
    if (!import && !input.submitted_at.first.name.empty())
      dated.error(input.submitted_at.first.span,
                  text::tr("\"submitted_at\" is set by the server: it stamps each report with the time it receives it; leave "
                           "\"submitted_at\" out (only an administrator's import of old reports, POST /api/submissions?import=true, may give it)"));
  });
  if (forbidden.has_errors())
    throw ApiError(403, text::tr("refused: {} of the reports are of units the account '{}' may not {} for; nothing was stored",
                                    text::count(forbidden.error_count()), me.login, action_words(action)),
                   to_json(forbidden));
  if (dated.has_errors())
    throw ApiError(400, text::tr("refused: {} of the reports give \"submitted_at\"; nothing was stored", text::count(dated.error_count())),
                   to_json(dated));
}

NamedReport readable_report(Context& c, const engine::UnitTree& tree) {
  const std::string& text = c.req.matches[1];
  NamedReport out;
  try {
    out.id = std::stoll(text);
  } catch (const std::exception&) {
    throw ApiError(404, text::tr("no submission {}: a submission id is a number (GET /api/submissions lists them)", text));
  }
  c.caller();
  auto s = c.db().submission(out.id);
  if (!s) throw ApiError(404, text::tr("no submission {} (GET /api/submissions lists those you may read)", out.id));
  out.day = report_day(*s, tree);
  c.require(Action::read_submissions, s->unit, out.day, tree);
  out.submission = std::move(*s);
  return out;
}

dsl::Date report_day(const storage::Submission& s, const engine::UnitTree& tree) {
  if (auto p = forms::parse_period(s.period)) return tree.last_day_in(s.unit, p->first_day(), p->last_day()).value_or(p->last_day());
  if (auto day = dsl::parse_iso_date(std::string_view(s.submitted_at).substr(0, 10))) return *day;
  return today_utc();
}

}  // namespace mera::service
