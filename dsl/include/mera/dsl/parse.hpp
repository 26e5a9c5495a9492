// Stage 1 of the pipeline: text to syntax tree.
#pragma once

#include "mera/dsl/ast.hpp"
#include "mera/dsl/diagnostic.hpp"

namespace mera::dsl {

// Parses one file. Syntax errors go to `diags`, one per broken declaration: after an error the
// parser resumes at the next line that starts with a declaration keyword, so a file with three
// typos shows three messages. A file that is not UTF-8 or is empty gets one error and no tree.
File parse(SourcePtr source, Diagnostics& diags);

// Expressions nested deeper than this are refused with a diagnostic, not a stack overflow.
inline constexpr int kMaxNesting = 64;

}  // namespace mera::dsl
