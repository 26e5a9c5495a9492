// Forward: a unit above the level that submits a form sends its own report of that form and
// period to the next level (platform -> center for the organizations' forms). It may once
// everything below it is in: every expected report accepted (the level just above the
// submitters), or every unit below forwarded (higher up). The hop must be one the model
// declares a deadline for: that deadline is what the forward is on time or late against.
#include <fmt/format.h>

#include "moment.hpp"
#include "mera/forms/typecheck.hpp"
#include "reviewer.hpp"
#include "mera/text/tr.hpp"

namespace mera::engine {
namespace {

std::string joined(const std::vector<std::string>& parts, std::size_t shown = 8) {
  std::string out;
  for (std::size_t i = 0; i < parts.size() && i < shown; ++i) out += (i ? ", " : "") + parts[i];
  if (parts.size() > shown) out += text::tr(" and {} more", parts.size() - shown);
  return out;
}

const rules::Level* level_above(const rules::Model& model, const rules::Level& level) {
  auto next = static_cast<std::size_t>(level.rank + 1);
  return next < model.levels.size() ? &model.levels[next] : nullptr;
}

}  // namespace

// Everything below `as` for the form and period, as of `at`: empty when all of it is in.
std::string Reviewer::check_below(const storage::Unit& as, const forms::Form& form, const forms::Period& period,
                                  const rules::Model& model, const std::string& at) const {
  const rules::Level* mine = model.level(as.level);
  const rules::Level* submitters = model.level(form.level);
  const std::string p = period.text();
  std::vector<std::string> missing;
  std::size_t below = 0;
  if (mine->rank == submitters->rank + 1) {
    for (const storage::Unit* u : duties_.expected(form, period, as.id)) {
      ++below;
      ReportTrack track = track_of(db_, form.name, u->id, p, "");
      ReportState s = state_at(track, at);  // points into `track`
      if (!s.submitted()) missing.push_back(text::tr("{} (not submitted)", u->id));
      else if (s.returned()) missing.push_back(text::tr("{} (returned at {}, not corrected yet)", u->id, s.verdict->at));
      else if (s.pending()) missing.push_back(text::tr("{} (waiting for your review: submission {})", u->id, s.current->id));
    }
  } else {
    for (const auto& id : tree_.ids()) {
      const storage::Unit* child = tree_.unit(id);
      const rules::Level* level = model.level(child->level);
      if (!level || level->rank != mine->rank - 1 || tree_.parent_on(id, period.last_day()) != as.id) continue;
      if (duties_.expected(form, period, id).empty()) continue;  // nothing of this form below the child
      ++below;
      if (!forwarded_by(track_of(db_, form.name, id, p, ""), at)) missing.push_back(text::tr("{} (not forwarded)", id));
    }
  }
  if (below == 0)
    return text::tr("nothing below {} submits {} for {}: there is nothing to forward", as.id, form.name, p);
  if (!missing.empty())
    return text::tr("{0} cannot forward {1} for {2} yet: {3} of the {4} reports below {3:is|are} not accepted: {5}", as.id, form.name, p,
                    text::count(missing.size()), text::count(below), joined(missing));
  return {};
}

ReviewOutcome Reviewer::forward(const ReviewRequest& r) {
  ReviewOutcome out;
  auto refuse = [&](std::string why) {
    out.message = std::move(why);
    return out;
  };
  std::string at;
  if (auto problem = moment(r, at); !problem.empty()) return refuse(problem);
  if (r.form.empty() || r.period.empty()) return refuse(text::tr("a forward names the form and the period (--form F --period P)"));
  const storage::Unit* as = tree_.unit(r.as);
  if (!as) return refuse(unknown_unit(r.as));
  if (!r.unit.empty() && r.unit != r.as)
    return refuse(text::tr("{} can forward only its own report, not {}'s (leave the unit out, or give {})", r.as, r.unit, r.as));
  std::string why;
  auto period = forms::parse_period(r.period, &why);
  if (!period) return refuse(why);
  const LoadedRevision* rev = revisions_.in_force(period->first_day(), why);
  if (!rev) return refuse(why);
  const rules::Model& model = *rev->model;
  const forms::Form* form = model.form(r.form);
  if (!form) return refuse(text::tr("model '{}' has no form '{}'{}", model.name, r.form, forms::closest(r.form, model.form_names())));
  if (form->period != period->kind)
    return refuse(text::tr("form '{}' is not submitted per {}, so there is no report of it for {}", form->name,
                              forms::period_kind_name(period->kind), r.period));
  const rules::Level* mine = model.level(as->level);
  const rules::Level* submitters = model.level(form->level);
  if (!mine || !submitters) return refuse(text::tr("unit {} is {}, a level model '{}' does not have", as->id, as->level, model.name));
  if (mine->rank == submitters->rank)
    return refuse(text::tr("{} is submitted by {} itself: {} sends it with mera submit, and the unit above accepts it; forward is for the levels "
                              "above the one that submits",
                              form->name, as->level, as->id));
  if (mine->rank < submitters->rank)
    return refuse(text::tr("{} is submitted by {}, above {} ({}): nothing of it passes through {}", form->name, form->level, as->id, as->level, as->id));
  const rules::Level* above = level_above(model, *mine);
  bool declared = false;
  for (const auto& d : model.deadlines) declared = declared || (d.form == form->name && d.from == as->level);
  if (!above || !declared)
    return refuse(text::tr("model '{}' declares no deadline for {} from {}{}: {} does not forward this form", model.name, form->name, as->level,
                           above ? text::tr(" to {}", above->name) : "", as->id));
  auto parent = duties_.parent_for(as->id, *period);
  if (!parent || parent->empty()) return refuse(text::tr("{} has no unit above it in {}: there is nobody to forward to", as->id, r.period));
  if (day_of(at) <= period->last_day())
    return refuse(text::tr("{} ends on {}: its reports are forwarded after that, and this step is dated {}", r.period,
                              period->last_day().iso(), at));
  ReportTrack mine_track = track_of(db_, form->name, as->id, period->text(), "");
  if (const auto* done = forwarded_by(mine_track, "9999-12-31"))
    return refuse(text::tr("{} already forwarded {} for {}: at {} ({})", as->id, form->name, period->text(), done->at, done->who));
  if (auto problem = check_below(*as, *form, *period, model, at); !problem.empty()) return refuse(problem);
  storage::WorkflowEvent e;
  e.action = "forwarded";
  e.form = form->name;
  e.unit = as->id;
  e.period = period->text();
  e.actor = as->id;
  e.reason = r.reason;
  e.who = r.user;
  e.at = at;
  e.source = r.source;
  std::string done = text::tr("forwarded {} for {} from {} to {}", form->name, e.period, as->id, *parent);
  return record(r, std::move(e), std::move(done));
}

}  // namespace mera::engine
