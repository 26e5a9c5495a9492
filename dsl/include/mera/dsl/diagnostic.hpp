// Diagnostics are values: collected by every stage, rendered one way,
// `file:line:col: error: message`, then the source line and a caret under the place.
#pragma once

#include <string>
#include <vector>

#include "mera/dsl/source.hpp"

namespace mera::dsl {

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  Span span;
  std::string message;
  std::vector<Diagnostic> notes;  // "note: ... declared here" lines that follow the message
};

// The sink every stage writes to; it keeps the order in which problems were found.
class Diagnostics {
 public:
  void error(Span span, std::string message);
  void warning(Span span, std::string message);
  // Attaches a note to the last reported diagnostic.
  void note(Span span, std::string message);

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return list_; }
  void append(const Diagnostics& other);
  // Orders by file (in first-seen order), then position; keeps the order of equal positions.
  void sort();

 private:
  void keep(const Span& span);

  std::vector<Diagnostic> list_;
  std::size_t errors_ = 0;
  // The files the spans point into, so a diagnostic outlives the syntax tree it came from.
  std::vector<std::shared_ptr<const SourceFile>> files_;
};

// `file:line:col: error: message`, the source line, a caret; notes likewise.
std::string render(const Diagnostic& d);
std::string render(const Diagnostics& ds);

}  // namespace mera::dsl
