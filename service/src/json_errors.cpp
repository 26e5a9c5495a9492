#include <fmt/format.h>

#include "api_error.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {

nlohmann::json error_body(const std::string& message, const nlohmann::json& diagnostics) {
  return {{"error", message}, {"diagnostics", diagnostics}};
}

nlohmann::json to_json(const dsl::Diagnostic& d) {
  static constexpr const char* kSeverity[] = {"error", "warning", "note"};
  nlohmann::json j = {{"severity", kSeverity[static_cast<int>(d.severity)]}, {"message", d.message}};
  if (d.span.known()) {
    const dsl::SourceFile& f = *d.span.file;
    if (const std::string* place = f.place_of(d.span.begin)) {  // a workbook: its cell ("Лист1!C7"), no lines
      j["file"] = f.name();
      if (!place->empty()) j["cell"] = *place;
      if (!d.notes.empty()) {
        j["notes"] = nlohmann::json::array();
        for (const auto& n : d.notes) j["notes"].push_back(to_json(n));
      }
      return j;
    }
    std::size_t line = f.line_of(d.span.begin);
    j["file"] = f.name();
    j["line"] = line;
    j["column"] = f.column_of(d.span.begin);
    j["source_line"] = std::string(f.line_text(line));
  }
  if (!d.notes.empty()) {
    j["notes"] = nlohmann::json::array();
    for (const auto& n : d.notes) j["notes"].push_back(to_json(n));
  }
  return j;
}

nlohmann::json to_json(const dsl::Diagnostics& ds) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : ds.all()) out.push_back(to_json(d));
  return out;
}

nlohmann::json parse_body(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) throw ApiError(400, text::tr("the request body is not JSON: send a JSON object (Content-Type: application/json)"));
  if (!j.is_object()) throw ApiError(400, text::tr("the request body must be a JSON object, such as {{\"login\": \"...\", \"password\": \"...\"}}"));
  return j;
}

std::string required_text(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string())
    throw ApiError(400, text::tr("the request needs \"{}\" as a text", name));
  return it->get<std::string>();
}

}  // namespace mera::service
