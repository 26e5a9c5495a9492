// Accept and return: the unit above judges the current version of a report. The rules, in the
// order they are checked: a real moment, not in the future; a reason to return; a version that
// exists and is current; the reviewer is the report unit's parent; the version is waiting for
// review; the step is not dated before the report's last one.
#include "reviewer.hpp"

#include <fmt/format.h>

#include "moment.hpp"
#include "mera/forms/read.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {

struct Reviewer::Target {
  ReportTrack track;
  storage::ReportVersion version;  // the version judged
  std::string record;
  std::string name;                // report_name of it
};

std::string report_name(const std::string& form, const std::string& unit, const std::string& period, const std::string& record) {
  return period.empty() ? text::tr("{} of {}, record {}", form, unit, record) : text::tr("{} of {} for {}", form, unit, period);
}

ReportTrack track_of(const storage::Database& db, const std::string& form, const std::string& unit, const std::string& period,
                     const std::string& record) {
  ReportTrack t;
  for (const auto& s : db.versions(form, unit, period, record))
    t.versions.push_back(storage::ReportVersion{s.id, s.form, s.unit, s.period, s.version, s.submitted_at});
  t.events = db.workflow_events(form, unit, period, record);
  return t;
}

Reviewer::Reviewer(storage::Database& db, std::string now, Revisions* shared)
    : db_(db),
      now_(std::move(now)),
      tree_(UnitTree::load(db)),
      duties_(db, tree_),
      own_revisions_(db),
      revisions_(shared ? *shared : own_revisions_) {}

ReviewOutcome Reviewer::apply(const ReviewRequest& r) {
  return r.action == ReviewAction::forward ? forward(r) : judge(r);
}

// The moment of the step: given (a day or a day and time), or now; never after now.
std::string Reviewer::moment(const ReviewRequest& r, std::string& at) const {
  if (r.at.empty()) {
    at = now_;
    return {};
  }
  std::string why;
  auto given = normalized_moment(r.at, why);
  if (!given) return text::tr("'{}' is not a date: {}", r.at, why);
  if (compare_moments(*given, now_) > 0) return text::tr("{} is in the future (now is {})", r.at, now_);
  at = *given;
  return {};
}

std::string Reviewer::unknown_unit(const std::string& id) const {
  return text::tr("no unit '{}' in the unit tree{}", id, forms::closest(id, tree_.ids()));
}

// The version judged: by id it must be the current one; by report, the one current at `at`.
std::string Reviewer::resolve(const ReviewRequest& r, const std::string& at, Target& t) const {
  if (r.submission) {
    auto s = db_.submission(r.submission);
    if (!s) return text::tr("no submission {} in {}", r.submission, db_.path());
    t.track = track_of(db_, s->form, s->unit, s->period, s->record_key);
    t.record = s->record_key;
    t.name = report_name(s->form, s->unit, s->period, s->record_key);
    const auto& latest = t.track.versions.back();
    if (latest.id != s->id)
      return text::tr("submission {} is version {} of {}, and version {} replaced it (submission {}, submitted {}): review submission {}",
                         s->id, s->version, t.name, latest.version, latest.id, latest.submitted_at, latest.id);
    t.version = latest;
  } else {
    if (r.form.empty() || r.unit.empty() || (r.period.empty() == r.record.empty()))
      return text::tr("a review names the report: its form, unit, and period (or record)");
    std::string period = r.period, why;
    if (!period.empty()) {
      auto p = forms::read_period(period, &why);
      if (!p) return why;
      period = p->text();  // 2021q4 and 4 кв. 2021 are 2021Q4
    }
    t.name = report_name(r.form, r.unit, period, r.record);
    t.record = r.record;
    t.track = track_of(db_, r.form, r.unit, period, r.record);
    if (t.track.versions.empty()) return text::tr("{} was never submitted", t.name);
    ReportState state = state_at(t.track, at);
    if (!state.current)
      return text::tr("{} was first submitted at {}, after {}: a report is reviewed after it is submitted", t.name,
                         t.track.versions.front().submitted_at, at);
    t.version = *state.current;
  }
  if (compare_moments(at, t.version.submitted_at) < 0)
    return text::tr("{} (submission {}) was submitted at {}, after {}: a report is reviewed after it is submitted", t.name, t.version.id,
                       t.version.submitted_at, at);
  return {};
}

// Only the unit directly above the report's unit (as the tree stood then) may judge it.
std::string Reviewer::check_reviewer(const ReviewRequest& r, const Target& t) const {
  if (!tree_.unit(r.as)) return unknown_unit(r.as);
  std::optional<std::string> parent;
  std::string when;
  if (auto period = forms::parse_period(t.version.period)) {
    parent = duties_.parent_for(t.version.unit, *period);
    when = text::tr("in {}", t.version.period);
  } else {
    dsl::Date day = day_of(t.version.submitted_at);
    parent = tree_.parent_on(t.version.unit, day);
    when = text::tr("on {}", day.iso());
  }
  if (!parent) return text::tr("{} was not in the unit tree {}, so nobody can review its report", t.version.unit, when);
  if (parent->empty()) return text::tr("{} is the top of the unit tree: nobody above it reviews its reports", t.version.unit);
  if (*parent != r.as)
    return r.action == ReviewAction::accept
               ? text::tr("{} cannot accept {}: only the unit above {} may, and {} {} was under {}", r.as, t.name, t.version.unit, when,
                          t.version.unit, *parent)
               : text::tr("{} cannot return {}: only the unit above {} may, and {} {} was under {}", r.as, t.name, t.version.unit, when,
                          t.version.unit, *parent);
  return {};
}

// The version must be waiting for review, and the step not dated before the report's last one.
std::string Reviewer::check_verdict(const ReviewRequest& r, const Target& t, const std::string& at) const {
  const storage::WorkflowEvent* verdict = nullptr;
  for (const auto& e : t.track.events)
    if (e.submission == t.version.id) verdict = &e;
  bool accept = r.action == ReviewAction::accept;
  if (verdict && verdict->action == "accepted")
    return accept ? text::tr("{} (submission {}) is already accepted: by {} ({}) at {}", t.name, t.version.id, verdict->actor, verdict->who, verdict->at)
                  : text::tr("{} (submission {}) was accepted by {} at {}: an accepted report is not returned; if it is wrong, its unit submits a correction "
                                "(mera submit --correct), which waits for review again",
                                t.name, t.version.id, verdict->actor, verdict->at);
  if (verdict)
    return accept ? text::tr("{} (submission {}) was returned by {} at {} («{}») and no corrected version has come since: it can be accepted once "
                                "{} submits a correction (mera submit --correct)",
                                t.name, t.version.id, verdict->actor, verdict->at, verdict->reason, t.version.unit)
                  : text::tr("{} (submission {}) is already returned: by {} ({}) at {}: «{}»", t.name, t.version.id, verdict->actor, verdict->who,
                                verdict->at, verdict->reason);
  if (const auto* last = last_event(t.track); last && compare_moments(at, last->at) < 0)
    return text::tr("this step is dated {}, before the last step of {} ({} at {}): steps are recorded in the order they happened", at, t.name,
                       last->action, last->at);
  return {};
}

ReviewOutcome Reviewer::judge(const ReviewRequest& r) {
  ReviewOutcome out;
  std::string at;
  Target t;
  bool returning = r.action == ReviewAction::return_for_correction;
  std::string problem = moment(r, at);
  if (problem.empty() && returning && forms::blank(r.reason))
    problem = r.reason.empty() ? text::tr("a report is returned with a reason (--reason TEXT, or the reason column), so that its unit knows what to correct")
                               : text::tr("a report is returned with a reason (--reason TEXT, or the reason column), so that its unit knows what to correct; "
                                          "the one given is only blank space");
  if (problem.empty()) problem = resolve(r, at, t);
  if (problem.empty()) problem = check_reviewer(r, t);
  if (problem.empty()) problem = check_verdict(r, t, at);
  if (!problem.empty()) {
    out.message = problem;
    return out;
  }
  storage::WorkflowEvent e;
  e.action = returning ? "returned" : "accepted";
  e.submission = t.version.id;
  e.form = t.version.form;
  e.unit = t.version.unit;
  e.period = t.version.period;
  e.record_key = t.record;
  e.actor = r.as;
  e.reason = r.reason;
  e.who = r.user;
  e.at = at;
  e.source = r.source;
  std::string done = returning ? text::tr("returned {} (submission {}, version {}) as {}", t.name, t.version.id, t.version.version, r.as)
                               : text::tr("accepted {} (submission {}, version {}) as {}", t.name, t.version.id, t.version.version, r.as);
  if (returning) done += fmt::format(": «{}»", r.reason);
  return record(r, std::move(e), std::move(done));
}

ReviewOutcome Reviewer::record(const ReviewRequest& r, storage::WorkflowEvent event, std::string done) {
  ReviewOutcome out;
  event.id = db_.add_workflow_event(event);
  text::Scope english(text::Language::en);  // the audit log is English, whatever the reader's language
  std::string subject = event.submission ? fmt::format("submission {}", event.submission) : report_name(event.form, event.unit, event.period);
  std::string detail = fmt::format("{}, by {} at {}", report_name(event.form, event.unit, event.period, event.record_key), event.actor, event.at);
  if (!event.reason.empty()) detail += ": " + event.reason;
  if (!r.source.empty()) detail += " (" + r.source + ")";
  db_.add_audit({0, now_, r.user, fmt::format("review.{}", action_word(r.action)), subject, detail});
  out.done = true;
  out.message = std::move(done);
  out.event = std::move(event);
  return out;
}

}  // namespace mera::engine
