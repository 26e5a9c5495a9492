// The subcommands of `mera`. Each returns the process exit code:
// 0 success, 1 the input has errors (diagnostics printed), 2 usage or system failure.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mera/dsl/date.hpp"
#include "mera/engine/dashboard.hpp"
#include "mera/rules/model.hpp"
#include "mera/storage/records.hpp"

namespace mera::app {

enum Exit { ok = 0, input_errors = 1, failure = 2 };

// Loads and checks a model, printing its diagnostics (and, if any, the count of errors) to
// stderr, as every command that reads a model does. Null when the model has errors.
std::shared_ptr<const rules::Model> load_reported(const std::string& model_path);

int run_check(const std::string& model_path);
int run_fmt(const std::vector<std::string>& paths, bool check_only);
int run_init(const std::string& db_path, const std::string& model_path, const std::string& user);
int run_units_import(const std::string& db_path, const std::string& file, const std::string& user);
int run_units_list(const std::string& db_path, const std::string& on);
int run_submit(const std::string& db_path, const std::vector<std::string>& files, const std::string& user, bool correct,
               const std::string& encoding);
// mera deadlines (cmd_deadlines.cpp): a model folder, or the model in force in a database and,
// with --unit, only that unit's forms and hops.
struct DeadlinesArgs {
  std::string model, db, unit, period, year;
};
int run_deadlines(const DeadlinesArgs& args);
// mera template (cmd_template.cpp): issue 17, the form as a workbook.
struct TemplateArgs {
  std::string db, form, unit, period, output;
};
int run_template(const TemplateArgs& args);
// mera submissions (cmd_submissions.cpp): a list, one in full, or with a format (json, csv,
// xlsx) the reports as `mera submit` reads them (issue 17.4), to `output` or stdout.
int run_submissions(const std::string& db_path, const storage::SubmissionFilter& filter, std::int64_t id, const std::string& format = "table",
                    const std::string& output = {});

// mera eval and mera demo (cmd_eval.cpp, cmd_demo.cpp).
dsl::Date today();
// `output`: a file to write the dashboard to; empty: the standard output.
int print_dashboard(const storage::Database& db, const engine::DashboardRequest& request, engine::DashboardFormat format,
                    const std::string& explain, bool compare = false, const std::string& output = "");
int run_eval(const std::string& db_path, const engine::DashboardRequest& request, const std::string& format,
             const std::string& explain, bool compare, const std::string& output);
int run_demo(const std::string& db_path, const std::string& user);

// mera model publish|approve|list|diff (cmd_model.cpp, cmd_model_diff.cpp): issue 6, revisions.
int run_model_publish(const std::string& db_path, const std::string& model_path, const std::string& effective, const std::string& user);
int run_model_approve(const std::string& db_path, std::int64_t revision, const std::string& as, const std::string& user);
int run_model_list(const std::string& db_path);
int run_model_diff(const std::string& db_path, const std::string& old_arg, const std::string& new_arg);

// mera review and mera status (cmd_review.cpp, cmd_status.cpp): issue 5, the workflow.
struct ReviewArgs {
  std::string db;
  std::string file;    // a review file; or one of the steps below
  std::string action;  // accept, return, forward, history (the subcommand given)
  std::int64_t id = 0;
  std::string as, reason, form, period;
};
int run_review(const ReviewArgs& args, const std::string& user);
struct StatusArgs {
  std::string db, on, unit, period;
  int soon = 7;
  bool history = false;
};
int run_status(const StatusArgs& args);

// mera db check (cmd_db.cpp): issue 13, a database's integrity and mera's invariants.
int run_db_check(const std::string& db_path);

// mera users and mera serve (cmd_users.cpp, cmd_serve.cpp): issue 14, the service.
struct UsersArgs {
  std::string db, action, login, unit, role;  // action: add, list, disable, passwd
};
int run_users(const UsersArgs& args, const std::string& user);
struct ServeArgs {
  std::string db, listen = "127.0.0.1:8080";
  double session_hours = 12;
  int threads = 32;
  int max_request_mb = 16;
  int queue = 512;
  int request_seconds = 30;
};
int run_serve(const ServeArgs& args);

}  // namespace mera::app
