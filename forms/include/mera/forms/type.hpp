// The types of the expression language. int, number and percent are all numbers to arithmetic
// (a percent is a share, 60% = 0.6); `integer` remembers an int field for bounds and display.
#pragma once

#include <string>

namespace mera::forms {

struct Enum;

struct Type {
  enum class Kind {
    error,      // already reported: stops cascades, compatible with everything
    any,        // a Lua function's result: known only when it runs
    null,       // the literal null
    number,
    boolean,
    text,
    date,
    category,   // one value of an enum
    breakdown,  // an int per category of an enum (`int by risk`)
  };
  Kind kind = Kind::error;
  const Enum* enumeration = nullptr;  // for category and breakdown
  bool integer = false;               // an int field
  bool percent = false;               // a percent field

  static Type of(Kind k) { return Type{k}; }
  bool is(Kind k) const { return kind == k; }
  // error and any fit every expectation; they were reported already or are checked at run time.
  bool unknown() const { return kind == Kind::error || kind == Kind::any; }
  bool numeric() const { return kind == Kind::number || unknown(); }
  bool boolean() const { return kind == Kind::boolean || unknown(); }
};

// "a number", "a date", "a category of risk": how a type is named in a message.
std::string describe(const Type& t);

}  // namespace mera::forms
