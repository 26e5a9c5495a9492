// A version's standing: the report's track read as of now with state_at (the reading status and
// completeness use for any day), then what only a single version can be: replaced by a newer
// one, or accepted and carried up the route by the unit that accepted it.
#include "mera/engine/review_state.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "duties.hpp"
#include "ledger.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"
#include "moment.hpp"
#include "reviewer.hpp"

namespace mera::engine {
namespace {

// A report as storage keys it: form, unit, period, record.
using ReportKey = std::tuple<std::string, std::string, std::string, std::string>;

class Tracks {
 public:
  explicit Tracks(const storage::Database& db) : db_(db) {}
  const ReportTrack& of(const std::string& form, const std::string& unit, const std::string& period, const std::string& record) {
    ReportKey key{form, unit, period, record};
    auto it = tracks_.find(key);
    if (it == tracks_.end()) it = tracks_.emplace(key, track_of(db_, form, unit, period, record)).first;
    return it->second;
  }

 private:
  const storage::Database& db_;
  std::map<ReportKey, ReportTrack> tracks_;
};

// The last accept or return of one version.
std::optional<storage::WorkflowEvent> verdict_of(const ReportTrack& track, std::int64_t id, std::string_view moment) {
  std::optional<storage::WorkflowEvent> verdict;
  for (const auto& e : track.events)
    if (e.submission == id && e.action != "forwarded" && compare_moments(e.at, moment) <= 0) verdict = e;
  return verdict;
}

// The unit above a report: for a period, its parent as the tree stood for the period (the one
// that reviews it, Duties); for a record, its parent on the day it was submitted.
std::string reviewer_of(const Duties& duties, const storage::Submission& v) {
  std::optional<std::string> parent;
  if (auto period = forms::parse_period(v.period)) parent = duties.parent_for(v.unit, *period);
  else parent = duties.tree().parent_on(v.unit, day_of(v.submitted_at));
  return parent.value_or("");
}

}  // namespace

bool ReportNames::record_form(const storage::Submission& s) {
  try {
    if (auto rev = db_.revision(s.revision))
      if (const auto* form = revisions_.get(*rev).model->form(s.form)) return form->period == forms::PeriodKind::record;
  } catch (const std::exception&) {
    // a revision a newer mera no longer checks: fall back on what is stored
  }
  return s.period.empty() && !s.record_key.empty();
}

std::string ReportNames::name(const storage::Submission& s) {
  return record_form(s) ? report_name(s.form, s.unit, "", s.record_key) : report_name(s.form, s.unit, s.period);
}

const char* state_word(ReviewState state) {
  switch (state) {
    case ReviewState::submitted: return "submitted";
    case ReviewState::returned: return "returned";
    case ReviewState::accepted: return "accepted";
    case ReviewState::forwarded: return "forwarded";
    case ReviewState::superseded: return "superseded";
  }
  return "";
}

std::vector<VersionStanding> standings(const storage::Database& db, const std::vector<storage::Submission>& versions) {
  const std::string now = storage::now_utc();
  UnitTree tree = UnitTree::load(db);
  Duties duties(db, tree);
  Tracks tracks(db);
  std::vector<VersionStanding> out;
  for (const auto& v : versions) {
    VersionStanding s;
    s.submission = v.id;
    s.reviewer = reviewer_of(duties, v);
    const ReportTrack& track = tracks.of(v.form, v.unit, v.period, v.record_key);
    s.verdict = verdict_of(track, v.id, now);
    ReportState current = state_at(track, now);
    if (current.current && current.current->version > v.version) {
      s.state = ReviewState::superseded;
      for (const auto& newer : track.versions)
        if (newer.version > v.version && !s.replaced_by) {
          s.replaced_by = newer.id;
          s.replaced_version = newer.version;
          s.replaced_at = newer.submitted_at;
        }
    } else if (current.returned()) {
      s.state = ReviewState::returned;
    } else if (current.accepted()) {
      s.state = ReviewState::accepted;
      // Carried up once the unit that accepted it forwards its own report of the form and period,
      // after this acceptance (a forward before it carried an older version).
      if (!v.period.empty())
        if (const auto* f = forwarded_by(tracks.of(v.form, current.verdict->actor, v.period, ""), now);
            f && compare_moments(f->at, current.verdict->at) >= 0) {
          s.state = ReviewState::forwarded;
          s.forward = *f;
        }
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<VersionStanding> standing(const storage::Database& db, std::int64_t submission) {
  auto s = db.submission(submission);
  if (!s) return std::nullopt;
  return standings(db, {*s}).front();
}

std::string describe(const VersionStanding& s, const storage::Submission& v) {
  auto verdict = [](const storage::WorkflowEvent& e) {
    std::string text = e.action == "accepted"   ? text::tr("accepted by {} ({}) at {}", e.actor, e.who, e.at)
                       : e.action == "returned" ? text::tr("returned by {} ({}) at {}", e.actor, e.who, e.at)
                                                : text::tr("{} by {} ({}) at {}", e.action, e.actor, e.who, e.at);
    return e.reason.empty() ? text : text + fmt::format(": «{}»", e.reason);
  };
  switch (s.state) {
    case ReviewState::submitted:
      return s.reviewer.empty() ? text::tr("submitted; nobody above {} reviews it", v.unit)
                                : text::tr("submitted, waiting for review by {}", s.reviewer);
    case ReviewState::returned:
      return text::tr("{}; {} corrects it and submits it again (mera submit --correct)", verdict(*s.verdict), v.unit);
    case ReviewState::accepted: return verdict(*s.verdict);
    case ReviewState::forwarded:
      return text::tr("forwarded: {}, and sent up the route by {} ({}) at {}", verdict(*s.verdict), s.forward->actor, s.forward->who,
                         s.forward->at);
    case ReviewState::superseded: {
      std::string by = text::tr("superseded by version {} (submission {}, submitted {})", s.replaced_version, s.replaced_by, s.replaced_at);
      return by + (s.verdict ? text::tr("; before that it was {}", verdict(*s.verdict)) : text::tr("; it was not reviewed"));
    }
  }
  return {};
}

}  // namespace mera::engine
