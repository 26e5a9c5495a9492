// Which sheets a workbook has: xl/workbook.xml names them (<sheet name= r:id=>), and
// xl/_rels/workbook.xml.rels says which part each relationship id is.
#include <map>

#include "mera/text/tr.hpp"
#include "workbook_parts.hpp"
#include "xml_events.hpp"

namespace mera::sheets {

namespace {

struct WorkbookEvents : XmlEvents {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  bool from_1904 = false;
  void start(std::string_view name, const char** a) override {
    if (name == "sheet") {
      const char* n = attribute(a, "name");
      const char* id = attribute(a, "id");
      if (n && id) sheets.emplace_back(n, id);
    } else if (name == "workbookPr") {
      const char* d = attribute(a, "date1904");
      from_1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
    }
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

struct RelationshipEvents : XmlEvents {
  std::map<std::string, std::string> targets;
  void start(std::string_view name, const char** a) override {
    const char* id = attribute(a, "Id");
    const char* target = attribute(a, "Target");
    if (name == "Relationship" && id && target) targets[id] = target;
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

// "worksheets/sheet1.xml" is relative to xl/; "/xl/worksheets/sheet1.xml" is from the root.
std::string part_path(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

}  // namespace

const SheetEntry* WorkbookIndex::sheet(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

WorkbookIndex read_index(const ZipParts& zip) {
  auto workbook = zip.read("xl/workbook.xml");
  if (!workbook) throw Refusal{text::tr("the file is a zip archive but not an Excel workbook: it has no xl/workbook.xml")};
  WorkbookEvents w;
  parse_xml("xl/workbook.xml", *workbook, w);
  RelationshipEvents r;
  if (auto rels = zip.read("xl/_rels/workbook.xml.rels")) parse_xml("xl/_rels/workbook.xml.rels", *rels, r);
  WorkbookIndex index;
  index.from_1904 = w.from_1904;
  for (auto& [name, id] : w.sheets) {
    auto it = r.targets.find(id);
    if (it != r.targets.end()) index.sheets.push_back({name, part_path(it->second)});
  }
  return index;
}

}  // namespace mera::sheets
