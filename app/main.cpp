// mera: the command line. Thin by design: parse arguments, call the libraries, print.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "mera/dsl/printable.hpp"
#include "mera/storage/error.hpp"
#include "mera/text/language.hpp"
#include "mera/text/tr.hpp"
#include "usage.hpp"

namespace {

// Who is at the keyboard, for the record kept with every submission and in the audit log.
std::string default_user() {
  for (const char* name : {"MERA_USER", "USER", "LOGNAME"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return "unknown";
}

}  // namespace

int main(int argc, char** argv) {
  // English unless LC_ALL, LC_MESSAGES or LANG asks for Russian (ru_RU.UTF-8).
  mera::text::set_default(mera::text::from_environment());
  CLI::App app{"mera: declared forms, indicators, deadlines and routing for monitoring social help to families\n"
               "(models are .mera files; see docs/language.md)",
               "mera"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("mera ") + MERA_VERSION, "print the version of mera");

  std::string model;
  auto* check = app.add_subcommand("check", "Parse and check a model (a .mera file or a folder of them); print its summary");
  check->add_option("MODEL", model, "a .mera file or a folder of .mera files")->required();

  std::vector<std::string> files;
  bool check_only = false;
  auto* fmt = app.add_subcommand("fmt", "Rewrite .mera files in the canonical layout (comments kept)");
  fmt->add_option("FILE", files, ".mera files or folders of them")->required();
  fmt->add_flag("--check", check_only, "change nothing; exit 1 if a file is not in the canonical layout");

  std::string db, user = default_user();
  auto add_db = [&](CLI::App* cmd) { cmd->add_option("--db", db, "the database file")->required(); };
  auto add_user = [&](CLI::App* cmd) {
    cmd->add_option("--user", user, "who does this, for the record (default: $MERA_USER or $USER)")->capture_default_str();
  };

  auto* init = app.add_subcommand("init", "Create a database: the model as its first revision, and the units of the model folder's units.csv");
  add_db(init);
  init->add_option("MODEL", model, "a .mera file or a folder of them (with units.csv)")->required();
  add_user(init);

  auto* units = app.add_subcommand("units", "The unit tree: import units and their dated memberships, list the tree");
  units->require_subcommand(1);
  std::string table, on;
  auto* units_import = units->add_subcommand("import", "Import a units table (columns id, name, level, parent, from, to); all or nothing");
  add_db(units_import);
  units_import->add_option("FILE", table, "a CSV file")->required();
  add_user(units_import);
  auto* units_list = units->add_subcommand("list", "Print the unit tree as it stood on a day");
  add_db(units_list);
  units_list->add_option("--on", on, "the day, as 2021-03-31 (default: today)");

  bool correct = false;
  auto* submit = app.add_subcommand("submit", "Submit reports from JSON, CSV or XLSX files; each file is stored whole or not at all");
  add_db(submit);
  submit->add_option("FILE", files, "JSON (an object, an array or JSON lines), CSV or XLSX (made by mera template) files")->required();
  submit->add_flag("--correct", correct, "the submissions replace earlier ones (a correction keeps the earlier version readable)");
  std::string encoding = "utf-8";
  submit->add_option("--encoding", encoding, "the files' text encoding: utf-8 (the default) or cp1251 (Windows-1251, converted)");
  add_user(submit);

  mera::app::TemplateArgs template_args;
  auto* template_cmd = app.add_subcommand("template", "An Excel workbook (.xlsx) to fill in, made from a form; mera submit takes it back");
  template_cmd->add_option("--db", template_args.db, "the database (its model in force)")->required();
  template_cmd->add_option("--form", template_args.form, "the form, by name: blood_families")->required();
  template_cmd->add_option("--unit", template_args.unit, "the unit, filled in on the first row: org01");
  template_cmd->add_option("--period", template_args.period, "the period, filled in on the first row: 2023Q1");
  template_cmd->add_option("-o,--output", template_args.output, "the workbook to write (default: FORM_UNIT_PERIOD.xlsx)");

  mera::storage::SubmissionFilter filter;
  std::int64_t id = 0;
  auto* submissions = app.add_subcommand("submissions", "List stored submissions, or show one with its values and versions");
  add_db(submissions);
  submissions->add_option("--form", filter.form, "only this form");
  submissions->add_option("--unit", filter.unit, "only this unit");
  submissions->add_option("--period", filter.period, "only this period (2021Q1)");
  submissions->add_flag("--all", filter.all_versions, "every version, not only the current one");
  submissions->add_option("--id", id, "show this submission in full");
  std::string submissions_format = "table", submissions_output;
  submissions->add_option("--format", submissions_format, "table (for people), or json, csv, xlsx: the reports as mera submit reads them, to fix and send back with --correct")
      ->capture_default_str();
  submissions->add_option("-o,--output", submissions_output, "with --format: the file to write (default: stdout; for xlsx FORM_UNIT_PERIOD.xlsx)");

  mera::app::DeadlinesArgs deadlines_args;
  auto* deadlines = app.add_subcommand("deadlines", "Due dates of every hop of the route: for one period, or the whole year as a table");
  deadlines->add_option("MODEL", deadlines_args.model, "a .mera file or a folder of .mera files (or --db)");
  deadlines->add_option("--db", deadlines_args.db, "the model in force in this database, instead of MODEL");
  deadlines->add_option("--unit", deadlines_args.unit, "with --db: only the forms this unit submits and the hops it forwards");
  deadlines->add_option("--period", deadlines_args.period, "one period: 2021Q4, 2021H2, 2021-03, 2021");
  deadlines->add_option("--year", deadlines_args.year, "a whole year as a calendar table: 2021");

  mera::engine::DashboardRequest request;
  std::string format = "table", explain, eval_output;
  auto* eval = app.add_subcommand("eval", "Evaluate every indicator for a unit and period (default: the top of the tree, the last complete year)");
  add_db(eval);
  eval->add_option("--unit", request.unit, "the unit (default: the top of the tree)");
  eval->add_flag("--all", request.all_units, "every unit of the tree, top first")->excludes("--unit");
  eval->add_option("--period", request.period, "2021, 2021H1, 2021Q3 or 2021-03, or a range of one kind: 2019..2023, 2021Q1..2022Q4 (default: the last complete year with reports)");
  eval->add_option("--format", format,
                   "table (for people), json or csv (for machines: exact values beside the displayed ones), csv-excel (for Excel: UTF-8 "
                   "with a BOM, ';', a decimal comma, a column per period) or xlsx (a workbook: units x indicators, values in the "
                   "indicators' formats, targets coloured, a sheet of the series for a range; to -o FILE.xlsx or a redirected output)")
      ->capture_default_str();
  eval->add_option("-o,--output", eval_output, "write the dashboard to this file instead of the standard output (for xlsx: FILE.xlsx)");
  eval->add_option("--explain", explain, "show how one indicator's value came about: its formula, aggregates, units and submissions");
  bool compare = false;
  auto* eval_revision = eval->add_option("--revision", request.revision,
                                         "evaluate under this revision, a draft too (what-if over stored history; nothing is stored)");
  eval->add_flag("--compare", compare, "with --revision: the revision in force and REV side by side, and what changes")
      ->needs(eval_revision)
      ->excludes("--explain");

  // mera model (issue 6): revisions of the model (Regulation 1.5, 4.4) and their differences.
  auto* model_cmd = app.add_subcommand("model", "Revisions of the model: publish a draft, approve it, list them, diff two models");
  model_cmd->require_subcommand(1);
  std::string effective;
  auto* publish = model_cmd->add_subcommand("publish", "Store a changed model as a draft revision; it changes nothing until approved");
  add_db(publish);
  publish->add_option("MODEL", model, "a .mera file or a folder of them")->required();
  publish->add_option("--effective", effective, "the first day it governs, as in the model's header: 2021-01-01")->required();
  add_user(publish);
  std::int64_t revision_id = 0;
  std::string approver;
  auto* approve = model_cmd->add_subcommand("approve", "Approve a draft revision as the department (Regulation 1.5); from then on it governs "
                                                       "the periods starting on or after its effective date");
  add_db(approve);
  approve->add_option("REV", revision_id, "the revision number (mera model list)")->required();
  approve->add_option("--as", approver, "the unit that approves: the one at the top of the route (the department)")->required();
  add_user(approve);
  auto* model_list = model_cmd->add_subcommand("list", "Every revision: status, effective date, the periods it governs, hash, who and when");
  add_db(model_list);
  std::string diff_db, old_model, new_model;
  auto* model_diff = model_cmd->add_subcommand("diff", "What two models mean differently: forms, fields, checks, deadlines, indicators, "
                                                         "levels and Lua added, removed or changed (layout and comments never count)");
  model_diff->add_option("OLD", old_model, "a model folder or .mera file; with --db, a revision number")->required();
  model_diff->add_option("NEW", new_model, "a model folder or .mera file; with --db, a revision number")->required();
  model_diff->add_option("--db", diff_db, "read revision numbers from this database");

  std::string demo_db;
  auto* demo = app.add_subcommand("demo", "Build a database from examples/tomsk and its sample data, and print the region's dashboard");
  demo->add_option("--db", demo_db, "keep the database at this path (default: a temporary file, removed afterwards)");

  // mera review and mera status (issue 5): the route as a workflow, and where reporting stands.
  mera::app::ReviewArgs review_args;
  auto* review = app.add_subcommand("review", "Accept or return a report as the unit above it, forward a unit's own report up the route, "
                                              "show a report's history; or apply a review file");
  review->add_option("--db", review_args.db, "the database file")->required();
  review->add_option("--file", review_args.file, "a review file (CSV: form,unit,period,action,as,reason,user,at), stored whole or not at all");
  add_user(review);
  review->require_subcommand(0, 1);
  auto add_step = [&](const char* name, const char* what) {
    auto* step = review->add_subcommand(name, what);
    step->fallthrough();  // --db and --user may come after the step too
    step->callback([&review_args, name] { review_args.action = name; });
    return step;
  };
  auto* accept = add_step("accept", "Accept a report (its current version, by submission id) as the unit directly above its unit");
  accept->add_option("ID", review_args.id, "the submission id (mera submissions)")->required();
  accept->add_option("--as", review_args.as, "the unit that reviews: the parent of the report's unit")->required();
  accept->add_option("--reason", review_args.reason, "a remark kept with the step");
  auto* give_back = add_step("return", "Return a report for correction, with the reason; its unit submits a corrected version");
  give_back->add_option("ID", review_args.id, "the submission id (mera submissions)")->required();
  give_back->add_option("--as", review_args.as, "the unit that reviews: the parent of the report's unit")->required();
  give_back->add_option("--reason", review_args.reason, "why: what the unit must correct (required)");
  auto* forward = add_step("forward", "Send a unit's own report of a form and period up the route, once it has accepted everything below");
  forward->add_option("--form", review_args.form, "the form")->required();
  forward->add_option("--period", review_args.period, "the period: 2021Q4")->required();
  forward->add_option("--as", review_args.as, "the unit that forwards (a platform, the center)")->required();
  forward->add_option("--reason", review_args.reason, "a remark kept with the step");
  auto* history = add_step("history", "Every version and step of the report a submission belongs to, and where it stands");
  history->add_option("ID", review_args.id, "a submission id of the report (any version)")->required();

  mera::app::StatusArgs status_args;
  auto* status = app.add_subcommand("status", "What is overdue, due soon, returned, waiting for review or late, per unit, and completeness "
                                              "and timeliness, as of a day");
  status->add_option("--db", status_args.db, "the database file")->required();
  status->add_option("--on", status_args.on, "the day, as 2022-01-12 (default: today); later reports and steps do not count");
  status->add_option("--unit", status_args.unit, "only this unit and the units below it");
  status->add_option("--soon", status_args.soon, "\"due soon\" means due within this many days")->capture_default_str();
  status->add_option("--period", status_args.period, "completeness for this period and the longer ones containing it (default: the latest due)");
  status->add_flag("--history", status_args.history, "also the late reports of earlier periods (by default only the latest period's)");

  // mera db (issue 13): the database file itself, for its keeper.
  auto* db_cmd = app.add_subcommand("db", "The database file itself: check it");
  db_cmd->require_subcommand(1);
  auto* db_check = db_cmd->add_subcommand("check", "SQLite's integrity check and mera's own invariants: ok with counts, or every problem");
  add_db(db_check);

  // mera users and mera serve (issue 14): the accounts of the service, and the service itself.
  mera::app::UsersArgs users_args;
  auto* users = app.add_subcommand("users", "Accounts of mera serve: add one (password from standard input), list, disable, change a password");
  users->require_subcommand(1);
  auto add_users_step = [&](const char* name, const char* what, bool needs_login) {
    auto* step = users->add_subcommand(name, what);
    step->add_option("--db", users_args.db, "the database file")->required();
    if (needs_login) step->add_option("--login", users_args.login, "the account's login")->required();
    add_user(step);
    step->callback([&users_args, name] { users_args.action = name; });
    return step;
  };
  auto* users_add = add_users_step("add", "Add an account: its unit and role; the password is one line of standard input", true);
  users_add->add_option("--unit", users_args.unit, "the unit it acts for (mera units list)")->required();
  users_add->add_option("--role", users_args.role, "submitter, reviewer, viewer, methodologist, approver or admin")->required();
  add_users_step("list", "Every account: login, role, unit, whether disabled", false);
  add_users_step("disable", "Disable an account: it can no longer log in, and its sessions end at once", true);
  add_users_step("passwd", "Set a new password (from standard input); the account's sessions end", true);

  mera::app::ServeArgs serve_args;
  auto* serve = app.add_subcommand("serve", "The HTTP service (JSON): accounts, access by unit, submissions, status; see docs/service.md");
  serve->add_option("--db", serve_args.db, "the database file")->required();
  serve->add_option("--listen", serve_args.listen, "HOST:PORT to listen on (port 0: any free port)")->capture_default_str();
  serve->add_option("--session-hours", serve_args.session_hours, "how long a login stays valid")->capture_default_str();
  serve->add_option("--threads", serve_args.threads, "connections served at once (a kept-alive connection holds its thread)")->capture_default_str();
  serve->add_option("--max-request-mb", serve_args.max_request_mb, "larger requests are refused (413)")->capture_default_str()->check(CLI::Range(1, 1024));
  serve->add_option("--queue", serve_args.queue, "writes waiting for a group commit at most; more are refused (503, Retry-After)")->capture_default_str()->check(CLI::Range(1, 100000));
  serve->add_option("--request-seconds", serve_args.request_seconds, "a write not started within this is refused (503); a silent client is disconnected")->capture_default_str()->check(CLI::Range(1, 3600));

  // Bare `mera`, `mera help [COMMAND]`, `--version` and a mistyped command (usage.cpp).
  if (auto answered = mera::app::answer_before_parse(app, std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr))
    return *answered;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? mera::app::ok : mera::app::failure;
  }
  try {
    if (check->parsed()) return mera::app::run_check(model);
    if (fmt->parsed()) return mera::app::run_fmt(files, check_only);
    if (init->parsed()) return mera::app::run_init(db, model, user);
    if (units_import->parsed()) return mera::app::run_units_import(db, table, user);
    if (units_list->parsed()) return mera::app::run_units_list(db, on);
    if (submit->parsed()) return mera::app::run_submit(db, files, user, correct, encoding);
    if (deadlines->parsed()) return mera::app::run_deadlines(deadlines_args);
    if (template_cmd->parsed()) return mera::app::run_template(template_args);
    if (submissions->parsed()) return mera::app::run_submissions(db, filter, id, submissions_format, submissions_output);
    if (eval->parsed()) return mera::app::run_eval(db, request, format, explain, compare, eval_output);
    if (publish->parsed()) return mera::app::run_model_publish(db, model, effective, user);
    if (approve->parsed()) return mera::app::run_model_approve(db, revision_id, approver, user);
    if (model_list->parsed()) return mera::app::run_model_list(db);
    if (model_diff->parsed()) return mera::app::run_model_diff(diff_db, old_model, new_model);
    if (demo->parsed()) return mera::app::run_demo(demo_db, user);
    if (review->parsed()) return mera::app::run_review(review_args, user);
    if (status->parsed()) return mera::app::run_status(status_args);
    if (db_check->parsed()) return mera::app::run_db_check(db);
    if (users->parsed()) return mera::app::run_users(users_args, user);
    if (serve->parsed()) return mera::app::run_serve(serve_args);
  } catch (const mera::storage::Busy& e) {
    std::cerr << "mera: " << mera::dsl::printable(e.what(), true) << '\n';
    return mera::app::failure;
  } catch (const std::exception& e) {
    std::cerr << "mera: " << mera::text::tr("error") << ": " << mera::dsl::printable(e.what(), true) << '\n';
    return mera::app::failure;
  }
  return mera::app::failure;
}
