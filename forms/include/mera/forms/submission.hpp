// A submission as a file states it, before it is checked against its form: names and values as
// written, each with its place in the file, so every message can point at what is wrong.
#pragma once

#include <string>
#include <vector>

#include "mera/dsl/source.hpp"

namespace mera::forms {

struct RawKey {
  std::string name;
  dsl::Span span;
};

struct RawMember;

// A value as written: JSON gives it a type; a CSV cell is text that the field's type decides
// how to read (kind `cell`).
struct RawValue {
  enum class Kind { null, boolean, number, string, cell, object, array };
  Kind kind = Kind::null;
  bool boolean = false;
  std::string text;  // a string's or a cell's contents; a number as written (12, 2.50, 1e3)
  std::vector<RawMember> members;  // object, in file order
  std::vector<RawValue> items;     // array
  dsl::Span span;
};

// A key and its value. A named struct rather than std::pair<RawKey, RawValue>: RawValue holds
// a vector of these while it is still incomplete, which std::vector allows for a declared
// struct but not for a std::pair (clang refuses the pair's instantiation). The members keep the
// pair's names, so code reads it as it read the pair.
struct RawMember {
  RawKey first;
  RawValue second;
};

struct SubmissionInput {
  dsl::Span span;         // the whole submission: a JSON object or a CSV row
  std::string position;   // how messages name it besides file:line: "[3]" in an array, else empty
  RawMember form;         // the header members, as written; key name empty when absent
  RawMember unit;
  RawMember period;       // for forms with a period
  RawMember record;       // for record forms (optional: the record key field also says it)
  RawMember correction;   // true when this replaces an earlier submission
  RawMember submitted_at; // optional: when it was submitted (loading history), ISO date or date-time
  std::vector<RawMember> values;  // field name -> value; a breakdown is an object of categories
  std::vector<RawMember> unknown; // header members that mera does not know (reported)
};

}  // namespace mera::forms
