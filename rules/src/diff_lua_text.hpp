// The text of the lua blocks, cut into what `mera model diff` compares: each global function
// (`function NAME(...) ... end`) and the code outside them. Lua is compared as text, not by
// meaning: rules/ never runs Lua and has no Lua parser, so this is a scan that knows only
// strings, comments and the words that open and close a block. Comments, indentation, blank
// lines and runs of blanks outside strings are left out of the text; a line broken
// differently, or anything else written differently, is a change.
#pragma once

#include <string>
#include <vector>

#include "mera/rules/model.hpp"

namespace mera::rules::diff {

struct LuaFunctionText {
  std::string name;
  std::vector<std::string> lines;  // from `function` to its `end`: trimmed, comments left out
};

struct LuaText {
  std::vector<LuaFunctionText> functions;  // in the order of the blocks; a later one redefining
                                           // a name stands in for the earlier one
  std::vector<std::string> outside;        // every other line of code, likewise
};

LuaText read_lua(const std::vector<LuaChunk>& chunks);

}  // namespace mera::rules::diff
