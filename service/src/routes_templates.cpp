// GET /api/templates?form=F[&unit=U][&period=P]: the workbook of a form to fill in, the same one
// `mera template` writes (engine/templates.hpp). Without a unit it is the model's (everybody's
// to read, as /api/model is); with a unit, the caller must be one who may send that unit's
// drafts (Action::validate), on the day its reports of the period are judged on.
#include <fmt/format.h>

#include <cctype>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/engine/templates.hpp"
#include "mera/text/tr.hpp"
#include "query.hpp"

namespace mera::service {
namespace {

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Content-Disposition for a name that may not be ASCII (a form or unit named in Cyrillic): an
// ASCII fallback and the UTF-8 name percent-encoded (RFC 6266, RFC 5987).
std::string disposition(const std::string& name) {
  std::string ascii, encoded;
  for (unsigned char ch : name) {
    bool plain = std::isalnum(ch) || ch == '.' || ch == '_' || ch == '-';
    ascii += plain ? static_cast<char>(ch) : '_';
    encoded += plain ? std::string(1, static_cast<char>(ch)) : fmt::format("%{:02X}", ch);
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

void get_templates(Context& c) {
  std::string form = c.param("form");
  if (form.empty()) throw ApiError(400, text::tr("give the form: GET /api/templates?form=blood_families (GET /api/model lists the forms)"));
  std::optional<forms::Period> period = period_param(c);
  engine::TemplateAsked asked{form, c.param("unit"), period ? period->text() : std::string()};
  if (!asked.unit.empty()) {
    engine::UnitTree tree = engine::UnitTree::load(c.db());
    asked.unit = unit_param(c, tree);
    c.require(Action::validate, asked.unit, day_for(tree, asked.unit, period), tree);
  } else {
    c.caller();
  }
  engine::TemplateMade made = engine::make_template(c.db(), asked);
  if (!made.error.empty()) throw ApiError(made.no_such_form ? 404 : 400, made.error);
  c.res.set_header("Content-Disposition", disposition(made.file_name));
  c.res.set_content(made.bytes, kXlsx);
}

}  // namespace

void add_template_routes(Router& router) { router.get("/api/templates", get_templates); }

}  // namespace mera::service
