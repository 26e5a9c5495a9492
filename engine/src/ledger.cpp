#include "ledger.hpp"

#include <algorithm>

#include "moment.hpp"

namespace mera::engine {

ReportState state_at(const ReportTrack& track, std::string_view moment) {
  ReportState s;
  for (const auto& v : track.versions) {
    if (compare_moments(v.submitted_at, moment) > 0) continue;
    if (!s.first || v.version < s.first->version) s.first = &v;
    if (!s.current || v.version > s.current->version) s.current = &v;
  }
  if (!s.current) return s;
  for (const auto& e : track.events) {
    if (e.action == "forwarded" || compare_moments(e.at, moment) > 0) continue;
    if (e.submission == s.current->id) s.verdict = &e;
    else if (e.action == "returned") s.earlier_return = &e;
  }
  return s;
}

const storage::WorkflowEvent* forwarded_by(const ReportTrack& track, std::string_view moment) {
  for (const auto& e : track.events)
    if (e.action == "forwarded" && compare_moments(e.at, moment) <= 0) return &e;
  return nullptr;
}

const storage::WorkflowEvent* last_event(const ReportTrack& track) { return track.events.empty() ? nullptr : &track.events.back(); }

Ledger Ledger::load(const storage::Database& db) {
  Ledger ledger;
  for (auto& v : db.report_versions()) {
    auto& track = ledger.reports_[Key{v.form, v.unit, v.period}];
    track.versions.push_back(std::move(v));
  }
  for (auto& e : db.workflow_events()) {
    if (e.period.empty()) continue;  // a record's events: records have no due dates
    ledger.reports_[Key{e.form, e.unit, e.period}].events.push_back(std::move(e));
  }
  for (auto& [key, track] : ledger.reports_)
    std::sort(track.versions.begin(), track.versions.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return ledger;
}

const ReportTrack* Ledger::find(const std::string& form, const std::string& unit, const std::string& period) const {
  auto it = reports_.find(Key{form, unit, period});
  return it == reports_.end() ? nullptr : &it->second;
}

}  // namespace mera::engine
