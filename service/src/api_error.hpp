// A refusal of a request, thrown by a route and turned into the JSON every error of the service
// has: {"error": "...", "diagnostics": [...]} with its HTTP status (src/json_errors.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "mera/dsl/diagnostic.hpp"

namespace mera::service {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string message, nlohmann::json diagnostics = nlohmann::json::array())
      : std::runtime_error(message), status_(status), diagnostics_(std::move(diagnostics)) {}
  int status() const { return status_; }
  const nlohmann::json& diagnostics() const { return diagnostics_; }

 private:
  int status_;
  nlohmann::json diagnostics_;
};

// The body of an error response.
nlohmann::json error_body(const std::string& message, const nlohmann::json& diagnostics = nlohmann::json::array());

// One diagnostic as JSON: severity, message, and where (file, line, column, the source line),
// the same facts the CLI prints as `file:line:col: error: ...`.
nlohmann::json to_json(const dsl::Diagnostic& d);
nlohmann::json to_json(const dsl::Diagnostics& ds);

// The JSON body of a request: 400 with the parser's words when it is not JSON, or not an object.
nlohmann::json parse_body(const std::string& body);
// A member of a body that must be a string: 400 naming it otherwise.
std::string required_text(const nlohmann::json& body, const char* name);

}  // namespace mera::service
