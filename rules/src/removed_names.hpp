// Errors about names a regional model took out of its base (a dropped level, form, field...),
// told why: each such error gets a note at the drop. The checks themselves know nothing of
// regions; this runs over their diagnostics afterwards.
#pragma once

#include <vector>

#include "mera/dsl/ast.hpp"
#include "mera/dsl/diagnostic.hpp"
#include "mera/rules/check.hpp"

namespace mera::rules {

// The same diagnostics, with the note of a removal after each error at a name it removed. One
// use that names a removed thing twice is one mistake: its first error stands for it.
dsl::Diagnostics note_removals(const dsl::Diagnostics& diags, const std::vector<const dsl::Decl*>& decls, const Removals& removed);

}  // namespace mera::rules
