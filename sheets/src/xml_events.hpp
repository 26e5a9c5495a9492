// The XML of a workbook's parts read as events (expat): elements by their local names (the
// namespace dropped), attributes likewise. A document type declaration (where entity bombs
// live), nesting deeper than a workbook ever goes, or malformed XML is a Refusal.
#pragma once

#include <string>
#include <string_view>

namespace mera::sheets {

class XmlEvents {
 public:
  virtual ~XmlEvents() = default;
  // `attributes` alternate local names and values, ending in a null.
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view text) = 0;
};

// Throws Refusal naming `part` and the line of the fault.
void parse_xml(const std::string& part, std::string_view xml, XmlEvents& events);

// The value of the attribute `name` among expat's `attributes`, or null.
const char* attribute(const char** attributes, std::string_view name);

}  // namespace mera::sheets
