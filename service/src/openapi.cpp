// GET /api/openapi.json: an OpenAPI 3 document of every route (method, path, parameters, body,
// responses with the error shape), and GET /api/routes: the routes as Router registered them,
// so that a test holds the one against the other both ways (tests/service/api_routes_test.cpp).
// Neither needs a login: they describe the service, not its data.
#include <fmt/format.h>

#include <map>

#include "context.hpp"

namespace mera::service {
namespace {

using nlohmann::json;

struct Param {
  const char* name;
  const char* in;  // "query" or "path"
  const char* description;
};

struct Doc {
  const char* method;
  const char* path;
  const char* summary;
  std::vector<Param> params;
  const char* body;  // what the request's body holds; null: none
  std::vector<int> errors;
  int success = 200;
};

// clang-format off
const std::vector<Doc>& docs() {
  static const std::vector<Doc> kDocs = {
      {"POST", "/api/login", "log in: a bearer token for the later requests", {}, "{\"login\", \"password\"}", {400, 401, 403, 429}},
      {"POST", "/api/logout", "end the session of the bearer token", {}, nullptr, {401}},
      {"GET", "/api/me", "the account of the bearer token: login, unit, role", {}, nullptr, {401}},
      {"GET", "/api/model", "the revision in force on a day, as JSON: levels, enums, forms, checks, indicators, deadlines",
       {{"on", "query", "a day, 2022-01-12; today by default"}}, nullptr, {400, 401, 404}},
      {"POST", "/api/validate", "check a draft report or batch; nothing stored", {}, "a submission file as mera submit reads it (JSON, CSV, or an .xlsx workbook of mera template with Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)", {400, 401, 403}},
      {"POST", "/api/submissions", "submit reports: one request, one transaction",
       {{"correct", "query", "true: the reports correct stored ones"}, {"import", "query", "true: an administrator's import of old reports with their own dates"}},
       "a submission file as mera submit reads it (JSON, CSV, or an .xlsx workbook of mera template with Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; its errors carry \"cell\": \"Лист1!C7\")", {400, 401, 403, 409}, 201},
      {"GET", "/api/submissions", "the stored reports the account may read",
       {{"form", "query", "a form"}, {"unit", "query", "a unit"}, {"period", "query", "a period, 2021Q4"}, {"all", "query", "true: every version"}},
       nullptr, {400, 401, 403}},
      {"GET", "/api/submissions/{id}", "one version with its values, state and every version of the report",
       {{"id", "path", "a submission id"}}, nullptr, {401, 403, 404}},
      {"GET", "/api/submissions/{id}/history", "the report's versions and workflow steps (returns with reasons, accepts, forwards)",
       {{"id", "path", "a submission id"}}, nullptr, {401, 403, 404}},
      {"POST", "/api/submissions/{id}/accept", "accept a report of a unit directly below", {{"id", "path", "a submission id"}},
       "{\"reason\"?}", {400, 401, 403, 404, 409}},
      {"POST", "/api/submissions/{id}/return", "return a report for correction, with a reason", {{"id", "path", "a submission id"}},
       "{\"reason\"}", {400, 401, 403, 404, 409}},
      {"POST", "/api/forward", "the caller's unit sends its report of a form and period up the route", {},
       "{\"form\", \"period\", \"reason\"?}", {400, 401, 403, 409}},
      {"GET", "/api/status", "what is overdue, due soon, returned, to review, late; completeness",
       {{"unit", "query", "a unit; the caller's by default"}, {"on", "query", "a day"}, {"period", "query", "a period"},
        {"soon", "query", "days ahead"}, {"history", "query", "true: late reports of earlier periods too"}},
       nullptr, {400, 401, 403, 404}},
      {"GET", "/api/units", "the unit tree on a day: the caller's unit and those below", {{"on", "query", "a day"}}, nullptr, {400, 401}},
      {"GET", "/api/indicators", "every indicator of a unit and period (mera eval); format=csv gives CSV",
       {{"unit", "query", "a unit; the caller's by default"}, {"period", "query", "a period; the last complete year with reports by default"},
        {"format", "query", "json (default) or csv"}},
       nullptr, {400, 401, 403, 404}},
      {"GET", "/api/indicators/{name}/explain", "how one indicator's value came about: aggregates, units, submissions",
       {{"name", "path", "an indicator"}, {"unit", "query", "a unit"}, {"period", "query", "a period"}}, nullptr, {400, 401, 403, 404}},
      {"GET", "/api/dashboard", "the indicators of a unit and every unit below it that the account may read",
       {{"unit", "query", "a unit; the caller's by default"}, {"period", "query", "a period"}}, nullptr, {400, 401, 403, 404}},
      {"GET", "/api/deadlines", "when each report is due, hop by hop (mera deadlines)",
       {{"period", "query", "a period, 2021Q4 (or year)"}, {"year", "query", "a year, 2021 (or period)"}, {"unit", "query", "only this unit's forms and hops"}},
       nullptr, {400, 401, 403, 404}},
      {"GET", "/api/templates", "the workbook (.xlsx) of a form to fill in, as mera template writes it; POST it filled in to /api/submissions",
       {{"form", "query", "a form"}, {"unit", "query", "a unit, filled in on the first row"}, {"period", "query", "a period, 2023Q1, filled in on the first row"}},
       nullptr, {400, 401, 403, 404}},
      {"GET", "/api/audit", "the audit log, oldest first, a page at a time (administrators)",
       {{"since", "query", "the entries after this id; 0 by default"}, {"limit", "query", "at most this many, 1 to 1000; 100 by default"}},
       nullptr, {400, 401, 403}},
      {"GET", "/api/revisions", "every revision of the model and the periods each governs", {}, nullptr, {401}},
      {"POST", "/api/revisions", "publish a draft revision (methodologists)", {},
       "{\"root\": \"tomsk\", \"effective\": \"2022-01-01\", \"files\": {\"tomsk/model.mera\": \"...\"}}", {400, 401, 403, 409}, 201},
      {"GET", "/api/revisions/diff", "what revision `to` means differently from revision `from`",
       {{"from", "query", "a revision"}, {"to", "query", "a revision"}}, nullptr, {400, 401, 404, 409}},
      {"POST", "/api/revisions/{id}/approve", "approve a revision, as the unit at the top of the route (Regulation 1.5)",
       {{"id", "path", "a revision"}}, nullptr, {401, 403, 404, 409}},
      {"GET", "/api/revisions/{id}/compare", "what-if: a unit's indicators under the revision beside those in force; nothing stored",
       {{"id", "path", "a revision"}, {"unit", "query", "a unit"}, {"period", "query", "a period"}}, nullptr, {400, 401, 403, 404}},
      {"GET", "/api/users", "the accounts of the units in the administrator's sub-tree", {}, nullptr, {401, 403}},
      {"POST", "/api/users", "add an account (administrators); the password only in the body", {},
       "{\"login\", \"unit\", \"role\", \"password\"}", {400, 401, 403, 409}, 201},
      {"POST", "/api/users/{login}/disable", "disable an account; its sessions end", {{"login", "path", "a login"}}, nullptr, {401, 403, 404, 409}},
      {"POST", "/api/users/{login}/password", "set a new password; its sessions end", {{"login", "path", "a login"}},
       "{\"password\"}", {400, 401, 403, 404}},
      {"GET", "/api/openapi.json", "this document", {}, nullptr, {}},
      {"GET", "/api/routes", "the routes as the server registered them (method, pattern)", {}, nullptr, {}},
      {"GET", "/", "the web pages: the app's first page (index.html)", {}, nullptr, {404}},
      {"GET", "/{page}", "the web pages: a file of the bundle with its type, else the app's page (index.html)",
       {{"page", "path", "a file of the bundle, or a page of the app: login, form, review"}}, nullptr, {404}},
  };
  return kDocs;
}
// clang-format on

const char* status_words(int status) {
  switch (status) {
    case 200: return "done";
    case 201: return "stored";
    case 400: return "the request has problems: every one listed";
    case 401: return "no session, or no longer one: log in";
    case 403: return "logged in, and not allowed: what the account may do";
    case 404: return "no such thing (or route)";
    case 409: return "refused by the state of things: a repeated report, a step its state does not allow";
    case 429: return "locked after failed logins: Retry-After says when";
  }
  return "";
}

bool is_public(const Doc& d) {
  return std::string_view(d.path).rfind("/api/", 0) != 0 || std::string_view(d.path) == "/api/login" || std::string_view(d.path) == "/api/openapi.json" || std::string_view(d.path) == "/api/routes";
}

json document() {
  json error_ref = {{"$ref", "#/components/schemas/Error"}};
  json paths = json::object();
  for (const Doc& d : docs()) {
    json op = {{"summary", d.summary}, {"operationId", fmt::format("{} {}", d.method, d.path)}};
    json params = json::array();
    for (const Param& p : d.params)
      params.push_back({{"name", p.name}, {"in", p.in}, {"required", std::string_view(p.in) == "path"}, {"description", p.description},
                        {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (d.body)
      op["requestBody"] = {{"required", true},
                           {"description", d.body},
                           {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    json responses = json::object();
    json ok_content = {{"application/json", {{"schema", {{"type", "object"}}}}}};
    if (std::string_view(d.path) == "/api/indicators") ok_content["text/csv"] = {{"schema", {{"type", "string"}}}};
    if (std::string_view(d.path).rfind("/api/", 0) != 0) ok_content = {{"text/html", {{"schema", {{"type", "string"}}}}}};
    responses[std::to_string(d.success)] = {{"description", status_words(d.success)}, {"content", ok_content}};
    std::vector<int> errors = d.errors;
    errors.push_back(503);  // the database busy with other writes: every route may say so
    for (int e : errors)
      responses[std::to_string(e)] = {{"description", e == 503 ? "the database is busy: retry" : status_words(e)},
                                      {"content", {{"application/json", {{"schema", error_ref}}}}}};
    op["responses"] = responses;
    if (!is_public(d)) op["security"] = json::array({{{"bearer", json::array()}}});
    std::string method = d.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    paths[d.path][method] = op;
  }
  json diagnostic = {{"type", "object"},
                     {"required", {"severity", "message"}},
                     {"properties",
                      {{"severity", {{"type", "string"}, {"enum", {"error", "warning", "note"}}}},
                       {"message", {{"type", "string"}}},
                       {"file", {{"type", "string"}}},
                       {"line", {{"type", "integer"}}},
                       {"column", {{"type", "integer"}}},
                       {"source_line", {{"type", "string"}}},
                       {"notes", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Diagnostic"}}}}}}}};
  json error = {{"type", "object"},
                {"required", {"error", "diagnostics"}},
                {"properties",
                 {{"error", {{"type", "string"}, {"description", "what happened and what to do"}}},
                  {"diagnostics", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Diagnostic"}}}}}}}};
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "mera serve"}, {"version", "1"}, {"description", "The rules engine of the monitoring of social help to families, over HTTP (docs/service.md)."}}},
          {"paths", paths},
          {"components",
           {{"schemas", {{"Error", error}, {"Diagnostic", diagnostic}}},
            {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "the token POST /api/login gives"}}}}}}}};
}

}  // namespace

void add_openapi_routes(Router& router) {
  router.get("/api/openapi.json", [](Context& c) { c.reply(200, document()); });
  router.get("/api/routes", [](Context& c) {
    json list = json::array();
    for (const auto& [method, pattern] : c.state.routes) list.push_back({{"method", method}, {"pattern", pattern}});
    c.reply(200, {{"routes", list}});
  });
}

}  // namespace mera::service
