// Text from outside (data files, unit names, reasons, ids) on its way to a terminal or a
// message. Two separate worries: a control character or an escape sequence must not act on the
// terminal (a unit named "\x1b[2J" clearing the screen, a fake line in a report), and a value
// of 50 MB must not make a message of 50 MB.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mera::dsl {

// `text` with everything a terminal would act on shown as an escape: \t \n \r, other C0
// controls and DEL as \xNN, C1 controls and the bidirectional overrides as \u{NNNN}, bytes that
// are not UTF-8 as \xNN. Letters of every alphabet (Cyrillic included) and symbols stay as they are.
// `lines`: keep line breaks as they are, for a text of several lines that mera composed itself
// (an error that carries rendered diagnostics) with outside values inside.
std::string printable(std::string_view text, bool lines = false);

// One character of `text` at `offset` as printable() shows it, and how many bytes it took.
std::string printable_at(std::string_view text, std::size_t offset, std::size_t& length);

// `text` cut to at most `max_chars` characters with "…" after the cut; whole when it fits. Only
// the part kept is read, so cutting a huge value costs as much as the cut.
std::string clipped(std::string_view text, std::size_t max_chars = 60);

// printable(clipped(text)): the usual way to put an outside value into a message.
std::string shown(std::string_view text, std::size_t max_chars = 60);

}  // namespace mera::dsl
