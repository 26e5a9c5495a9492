// UTF-8 facts the parser and the checker need about names and files.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mera::dsl {

// Offset of the first byte that is not well-formed UTF-8, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// For a name that mixes Latin and Cyrillic letters: the byte offset (within the name) of the
// first letter of the alphabet it uses less, i.e. the letter most likely typed by mistake.
std::optional<std::size_t> mixed_script_letter(std::string_view name);

// The code point that starts at `offset`, and its length in bytes.
char32_t decode_at(std::string_view text, std::size_t offset, std::size_t* length = nullptr);

// Levenshtein distance in code points: for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Width on screen, in code points: a Cyrillic label takes a column per letter, not per byte, so
// the tables mera prints stay aligned.
std::size_t display_width(std::string_view text);
// `text` and then spaces up to `width` columns; `right`: the spaces first (numbers).
std::string padded(std::string_view text, std::size_t width, bool right = false);

}  // namespace mera::dsl
