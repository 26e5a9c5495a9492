// xl/sharedStrings.xml: <si><t>text</t></si>, or rich text runs <si><r><t>..</t></r>..</si>
// whose texts join; phonetic runs (<rPh>) are not part of the text.
#include "workbook_parts.hpp"
#include "xml_events.hpp"

namespace mera::sheets {

namespace {

struct SharedStringEvents : XmlEvents {
  std::vector<std::string> strings;
  bool in_t = false;
  int phonetic = 0;
  void start(std::string_view name, const char**) override {
    if (name == "si") strings.emplace_back();
    else if (name == "rPh") ++phonetic;
    else if (name == "t") in_t = !strings.empty() && phonetic == 0;
  }
  void end(std::string_view name) override {
    if (name == "t") in_t = false;
    else if (name == "rPh") --phonetic;
  }
  void text(std::string_view t) override {
    if (in_t) strings.back() += t;
  }
};

}  // namespace

std::vector<std::string> read_shared_strings(const ZipParts& zip) {
  auto part = zip.read("xl/sharedStrings.xml");
  if (!part) return {};
  SharedStringEvents e;
  parse_xml("xl/sharedStrings.xml", *part, e);
  return std::move(e.strings);
}

}  // namespace mera::sheets
