// The public face of the workflow: one step in its own transaction, and the history of a report.
#include "mera/engine/workflow.hpp"

#include <fmt/format.h>

#include "mera/engine/review_state.hpp"
#include "mera/dsl/utf8.hpp"
#include "mera/storage/clock.hpp"
#include "mera/text/tr.hpp"
#include "reviewer.hpp"

namespace mera::engine {

const char* action_word(ReviewAction action) {
  switch (action) {
    case ReviewAction::accept: return "accept";
    case ReviewAction::return_for_correction: return "return";
    case ReviewAction::forward: return "forward";
  }
  return "";
}

std::optional<ReviewAction> action_from_word(std::string_view word) {
  for (ReviewAction a : {ReviewAction::accept, ReviewAction::return_for_correction, ReviewAction::forward})
    if (word == action_word(a)) return a;
  return std::nullopt;
}

ReviewOutcome apply_review(storage::Database& db, const ReviewRequest& request, const std::string& now) {
  Reviewer reviewer(db, now);
  return reviewer.apply(request);
}

ReviewOutcome review(storage::Database& db, const ReviewRequest& request, const std::string& given_now) {
  std::string now = given_now.empty() ? storage::now_utc() : given_now;
  storage::Transaction tx = db.write();
  ReviewOutcome out = apply_review(db, request, now);
  if (out.done) tx.commit();
  return out;
}

namespace {

// A step of the history in the reader's words; the stored action stays the machine's word.
std::string step_word(std::string_view action) {
  if (action == "submitted") return text::translate(MERA_TEXT("submitted"));
  if (action == "accepted") return text::translate(MERA_TEXT("accepted"));
  if (action == "returned") return text::translate(MERA_TEXT("returned"));
  if (action == "forwarded") return text::translate(MERA_TEXT("forwarded"));
  return std::string(action);
}

// Padded by characters: the Russian words are Cyrillic.
std::string line(const std::string& at, std::string_view what, const std::string& text) {
  return dsl::padded(at, 20) + "  " + dsl::padded(step_word(what), 9) + "  " + text;
}

std::string verdict_line(const storage::WorkflowEvent& e) {
  std::string text = text::tr("by {} ({})", e.actor, e.who);
  if (!e.reason.empty()) text += fmt::format(": «{}»", e.reason);
  return line(e.at, e.action, text);
}

}  // namespace

ReportHistory report_history(const storage::Database& db, std::int64_t id) {
  ReportHistory h;
  auto s = db.submission(id);
  if (!s) return h;
  std::string label;
  if (auto rev = db.revision(s->revision)) {
    try {
      Revisions revisions(db);
      if (const auto* form = revisions.get(*rev).model->form(s->form)) label = fmt::format(" «{}»", form->label);
    } catch (const std::exception&) {
      // a revision that no longer checks still has a history; only its label is lost
    }
  }
  ReportNames names(db);
  bool record = names.record_form(*s);  // a period stored with a record by mistake names nothing
  h.title = names.name(*s) + label;
  ReportTrack t = track_of(db, s->form, s->unit, s->period, s->record_key);
  auto versions = db.versions(s->form, s->unit, s->period, s->record_key);
  for (const auto& v : versions) {
    std::string text = text::tr("version {}, submission {}, by {}{}", v.version, v.id, v.submitted_by, v.version > 1 ? text::tr(": a correction") : "");
    if (!v.source.empty()) text += " (" + v.source + ")";
    if (v.id == id) text += "  <-";
    h.lines.push_back(line(v.submitted_at, "submitted", text));
    for (const auto& e : t.events)
      if (e.submission == v.id) h.lines.push_back(verdict_line(e));
  }
  UnitTree tree = UnitTree::load(db);
  Duties duties(db, tree);
  std::optional<std::string> parent;
  if (auto period = record ? std::nullopt : forms::parse_period(s->period)) {
    parent = duties.parent_for(s->unit, *period);
    if (parent && !parent->empty())
      for (const auto& e : track_of(db, s->form, *parent, s->period, "").events)
        if (e.action == "forwarded")
          h.lines.push_back(line(e.at, "forwarded", text::tr("by {} ({}), with the other reports of {} for {} below it", e.actor, e.who, s->form, s->period)));
  }
  // Where the report stands: its latest version's standing, in the words `mera submissions` uses.
  const storage::Submission& latest = versions.back();
  h.now = text::tr("version {} (submission {}): {}", latest.version, latest.id, describe(*standing(db, latest.id), latest));
  return h;
}

}  // namespace mera::engine
