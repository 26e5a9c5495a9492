// Values of the expression language at run time: what a submitted field holds and what an
// expression gives. An empty value is never a silent zero: it says why it is empty.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mera/dsl/date.hpp"
#include "mera/forms/form.hpp"

namespace mera::forms {

// Why a value is missing. Arithmetic over an empty value is empty with the same reason.
enum class NoValue {
  empty,          // not filled in (or the literal null)
  zero_division,  // x / 0, including 0/0
  missing_data,   // nothing was submitted for it (indicators)
  lua_error,      // a function defined in Lua failed; detail says how
};

struct Null {
  NoValue reason = NoValue::empty;
  std::string detail;  // for lua_error: Lua's message; otherwise optional
};

// One value of an enum (`risk.high`), by its index in the enum's values.
struct Category {
  const Enum* enumeration = nullptr;
  std::size_t index = 0;
  const std::string& name() const { return enumeration->values[index].name; }
};

class Value;

// An int per category of an enum (`int by risk`), in the order the enum declares them. A
// breakdown that an indicator computes (`sum(visits.by_risk) / sum(visits.families)`) may have
// no value in some of its categories (that category's 0/0): `empty` then holds, for each
// category, why it has none (nullopt where it has a value), and counts[i] is 0 there. A
// submitted breakdown has every category: its `empty` stays empty.
struct Breakdown {
  const Enum* enumeration = nullptr;
  std::vector<double> counts;
  std::vector<std::optional<Null>> empty;

  Breakdown() = default;
  Breakdown(const Enum* e, std::vector<double> c) : enumeration(e), counts(std::move(c)) {}

  // Why category i has no value; nullptr when it has one.
  const Null* why_empty(std::size_t i) const { return i < empty.size() && empty[i] ? &*empty[i] : nullptr; }
  // Category i's number, or its empty value with the reason.
  Value at(std::size_t i) const;
  // Marks category i empty, for `reason`.
  void set_empty(std::size_t i, Null reason);
};

class Value {
 public:
  using Data = std::variant<Null, double, bool, std::string, dsl::Date, Category, Breakdown>;

  Value() = default;
  Value(Null n) : data_(std::move(n)) {}
  Value(double d) : data_(d) {}
  Value(bool b) : data_(b) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(const char* s) : data_(std::string(s)) {}  // text, never the bool a pointer converts to
  Value(dsl::Date d) : data_(d) {}
  Value(Category c) : data_(c) {}
  Value(Breakdown b) : data_(std::move(b)) {}

  static Value none(NoValue reason, std::string detail = {}) { return Value(Null{reason, std::move(detail)}); }

  bool is_null() const { return std::holds_alternative<Null>(data_); }
  template <typename T> bool is() const { return std::holds_alternative<T>(data_); }
  template <typename T> const T& as() const { return std::get<T>(data_); }
  template <typename T> const T* get() const { return std::get_if<T>(&data_); }
  const Data& data() const { return data_; }

 private:
  Data data_;
};

// How a value is quoted in a message: 12, 0.5, 2021-03-01, high, "low 5, medium 3, high 0",
// and "empty" for a missing value ("low 0.5, high empty (division by zero)" in a breakdown).
std::string to_text(const Value& v);

}  // namespace mera::forms
