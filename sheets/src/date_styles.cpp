// xl/styles.xml: <numFmts> gives the workbook's own number formats by id, <cellXfs> the cell
// styles in order (a cell's `s` is an index into them), each with its numFmtId.
#include <charconv>
#include <cstring>
#include <map>

#include "excel_date.hpp"
#include "workbook_parts.hpp"
#include "xml_events.hpp"

namespace mera::sheets {

namespace {

int number(const char* text) {
  int v = 0;
  std::from_chars(text, text + std::strlen(text), v);
  return v;
}

struct StyleEvents : XmlEvents {
  std::map<int, std::string> formats;
  std::vector<int> cell_formats;
  bool in_cell_xfs = false;
  void start(std::string_view name, const char** a) override {
    if (name == "numFmt") {
      const char* id = attribute(a, "numFmtId");
      const char* code = attribute(a, "formatCode");
      if (id && code) formats[number(id)] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const char* id = attribute(a, "numFmtId");
      cell_formats.push_back(id ? number(id) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
  void text(std::string_view) override {}
};

}  // namespace

std::vector<bool> read_date_styles(const ZipParts& zip) {
  auto part = zip.read("xl/styles.xml");
  if (!part) return {};
  StyleEvents e;
  parse_xml("xl/styles.xml", *part, e);
  std::vector<bool> out;
  for (int id : e.cell_formats) {
    auto it = e.formats.find(id);
    out.push_back(date_format(id, it == e.formats.end() ? std::string_view() : std::string_view(it->second)));
  }
  return out;
}

}  // namespace mera::sheets
