// expat behind XmlEvents. Names come as "namespace\x01local"; handlers see the local part.
#include "xml_events.hpp"

#include <expat.h>

#include <optional>

#include "mera/text/tr.hpp"
#include "zip_parts.hpp"

namespace mera::sheets {

namespace {

constexpr char kSeparator = '\x01';
constexpr int kMaxDepth = 64;

std::string_view local(const char* name) {
  std::string_view n(name);
  std::size_t at = n.rfind(kSeparator);
  return at == std::string_view::npos ? n : n.substr(at + 1);
}

struct State {
  XML_Parser parser;
  XmlEvents& events;
  int depth = 0;
  std::string refusal;  // why the parser was stopped
  std::optional<Refusal> raised;  // a handler's own refusal, passed on as it is
};

// A handler's exception does not unwind through expat: it stops the parser and is rethrown.
template <class F>
void guarded(State& s, F&& f) {
  try {
    f();
  } catch (Refusal& r) {
    s.raised = std::move(r);
    XML_StopParser(s.parser, XML_FALSE);
  }
}

void stop(State& s, std::string why) {
  s.refusal = std::move(why);
  XML_StopParser(s.parser, XML_FALSE);
}

void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& s = *static_cast<State*>(data);
  if (++s.depth > kMaxDepth) return stop(s, text::tr("elements nested deeper than {}", kMaxDepth));
  // Attribute names lose their namespace in place: expat's strings are ours until the handler returns.
  for (const XML_Char** a = attributes; *a; a += 2) *a = local(*a).data();
  guarded(s, [&] { s.events.start(local(name), attributes); });
}

void on_end(void* data, const XML_Char* name) {
  auto& s = *static_cast<State*>(data);
  --s.depth;
  guarded(s, [&] { s.events.end(local(name)); });
}

void on_text(void* data, const XML_Char* text, int length) {
  auto& s = *static_cast<State*>(data);
  guarded(s, [&] { s.events.text(std::string_view(text, static_cast<std::size_t>(length))); });
}

void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  stop(*static_cast<State*>(data), text::tr("a document type declaration, which no workbook has"));
}

}  // namespace

const char* attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; *a; a += 2)
    if (name == a[0]) return a[1];
  return nullptr;
}

void parse_xml(const std::string& part, std::string_view xml, XmlEvents& events) {
  XML_Parser parser = XML_ParserCreateNS(nullptr, kSeparator);
  if (!parser) throw std::bad_alloc();
  State state{parser, events, 0, {}, {}};
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(parser, on_start, on_end);
  XML_SetCharacterDataHandler(parser, on_text);
  XML_SetStartDoctypeDeclHandler(parser, on_doctype);
  XML_Status status = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  std::string why = state.refusal;
  if (status != XML_STATUS_OK && why.empty()) why = XML_ErrorString(XML_GetErrorCode(parser));
  auto line = XML_GetCurrentLineNumber(parser);
  XML_ParserFree(parser);
  if (state.raised) throw *state.raised;
  if (status != XML_STATUS_OK)
    throw Refusal{text::tr("the part {} of the workbook is not well-formed XML (line {}: {}): the file is damaged; open it in Excel and save it again",
                           part, line, why)};
}

}  // namespace mera::sheets
