// Completeness and timeliness of reporting: of the reports a form expects, how many came, and
// how many came on time. What `mera status` prints and what formulas may use
// (completeness(form) = received / expected, timeliness(form) = on_time / expected; 0 expected is
// 0/0, no value).
//
// Expected: one report of `form` for every period of the form's kind inside the period asked
// (a quarter of a year, 2021Q1..Q4 of 2021) for which an approved model revision is in force on
// its first day, from every unit that submits the form (of the form's level, and named by its
// `forms` list if it has one) and sat under `unit` (or is `unit`) on that period's last day.
// A unit that moved mid-year counts under its old parent before the move and its new one after.
// Received: a version is stored and it was not returned (a returned report counts again once
// its corrected version is in). On time: received, and its first version was submitted on or
// before the due date of the form's first hop (from the submitting level); a form without such
// a deadline is on time whenever it is received.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "mera/engine/unit_tree.hpp"
#include "mera/forms/period.hpp"
#include "mera/rules/model.hpp"
#include "mera/storage/database.hpp"

namespace mera::engine {

struct ReportingShare {
  int expected = 0;
  int received = 0;
  int on_time = 0;

  ReportingShare& operator+=(const ReportingShare& o) {
    expected += o.expected;
    received += o.received;
    on_time += o.on_time;
    return *this;
  }
  friend bool operator==(const ReportingShare&, const ReportingShare&) = default;
};

// Reads what it needs once (report headers, workflow events, the forms of units), then answers
// for any form, unit and period. The database, tree and model must outlive it; it sees the
// database as it was when built.
class Reporting {
 public:
  Reporting(const storage::Database& db, const UnitTree& tree);
  ~Reporting();
  Reporting(const Reporting&) = delete;
  Reporting& operator=(const Reporting&) = delete;

  // Everything stored counts. `model` gives the form's level and deadlines: the revision in
  // force for `period`. A record form, or a period shorter than the form's kind, expects nothing.
  // Throws std::invalid_argument for a form the model does not have.
  ReportingShare share(const rules::Model& model, const std::string& form, const std::string& unit, const forms::Period& period) const;

  // As it stood at the end of day `as_of`: only reports due by then are expected (a form without
  // a first-hop deadline: once its period has ended), and only what was submitted and reviewed
  // by then counts. What `mera status --on DATE` prints.
  ReportingShare share_on(const rules::Model& model, const std::string& form, const std::string& unit, const forms::Period& period,
                          dsl::Date as_of) const;

  struct Impl;

 private:
  ReportingShare count(const rules::Model& model, const std::string& form, const std::string& unit, const forms::Period& period,
                       std::optional<dsl::Date> as_of) const;

  std::unique_ptr<Impl> impl_;
};

// One question, one answer: builds a Reporting for it. For many, keep a Reporting.
ReportingShare reporting_share(const storage::Database& db, const rules::Model& model, const UnitTree& tree, const std::string& form,
                               const std::string& unit, const forms::Period& period);

}  // namespace mera::engine
