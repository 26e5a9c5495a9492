// The pieces `diff_models` is built from, shared by its files: how items of the two models are
// paired up, how the aspects of a pair are collected, and the describers that write an item
// as the language would (diff_describe.cpp).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mera/rules/diff.hpp"

namespace mera::rules::diff {

// ---- pairing --------------------------------------------------------------------------------

// An item of the old model and its counterpart in the new one; either may be missing.
template <typename T> struct Pair {
  const T* before = nullptr;
  const T* after = nullptr;
};

// Pairs items by key, in the new model's order; an old item without a counterpart goes right
// after the old item that preceded it (or first), so a removal shows where it stood. A key
// that repeats (two identical checks) pairs its occurrences in order.
template <typename T, typename KeyOf>
std::vector<Pair<T>> pair_up(const std::vector<const T*>& olds, const std::vector<const T*>& news, KeyOf key_of) {
  auto keyed = [&](const std::vector<const T*>& items) {
    std::map<std::string, int> seen;
    std::vector<std::string> keys;
    for (const T* item : items) {
      std::string key = key_of(*item);
      keys.push_back(key + '\n' + std::to_string(seen[key]++));
    }
    return keys;
  };
  std::vector<std::string> old_keys = keyed(olds), new_keys = keyed(news);
  std::map<std::string, std::size_t> new_index;
  for (std::size_t i = 0; i < news.size(); ++i) new_index.emplace(new_keys[i], i);
  std::vector<const T*> match(news.size(), nullptr);
  std::vector<std::vector<const T*>> removed_after(news.size() + 1);  // [0]: before every new item
  std::size_t anchor = 0;
  for (std::size_t i = 0; i < olds.size(); ++i) {
    auto it = new_index.find(old_keys[i]);
    if (it == new_index.end()) {
      removed_after[anchor].push_back(olds[i]);
    } else {
      match[it->second] = olds[i];
      anchor = it->second + 1;
    }
  }
  std::vector<Pair<T>> pairs;
  for (const T* gone : removed_after[0]) pairs.push_back({gone, nullptr});
  for (std::size_t i = 0; i < news.size(); ++i) {
    pairs.push_back({match[i], news[i]});
    for (const T* gone : removed_after[i + 1]) pairs.push_back({gone, nullptr});
  }
  return pairs;
}

// Pointers to the items of a vector of values or of unique_ptrs, in their order.
template <typename T> std::vector<const T*> pointers(const std::vector<T>& items) {
  std::vector<const T*> out;
  for (const auto& item : items) out.push_back(&item);
  return out;
}
template <typename T> std::vector<const T*> pointers(const std::vector<std::unique_ptr<T>>& items) {
  std::vector<const T*> out;
  for (const auto& item : items) out.push_back(item.get());
  return out;
}

// ---- collecting -----------------------------------------------------------------------------

// The aspects of one pair, compared one at a time in the order they are asked for.
class Aspects {
 public:
  // Differs when the texts differ.
  void compare(std::string aspect, std::string before, std::string after);
  // Differs when `same` says so; the texts only show it (an expression's number as written).
  void compare(std::string aspect, std::string before, std::string after, bool same);
  bool empty() const { return list_.empty(); }
  std::vector<AspectChange> take() { return std::move(list_); }

 private:
  std::vector<AspectChange> list_;
};

// The list of changes being built, one call per item, in the order the output will have.
class Changes {
 public:
  explicit Changes(std::vector<Change>& out) : out_(out) {}
  void added(ChangeKind kind, std::string name, std::string label, std::string summary);
  void removed(ChangeKind kind, std::string name, std::string label, std::string summary);
  // Appends nothing when no aspect differs.
  void changed(ChangeKind kind, std::string name, std::string label, Aspects aspects);

 private:
  std::vector<Change>& out_;
};

// The parts of diff_models, one per kind (diff.cpp, diff_forms.cpp, diff_lua.cpp).
void diff_header(const Model& before, const Model& after, Changes& out);
void diff_levels(const Model& before, const Model& after, Changes& out);
void diff_enums(const Model& before, const Model& after, Changes& out);
void diff_forms(const Model& before, const Model& after, Changes& out);
void diff_deadlines(const Model& before, const Model& after, Changes& out);
void diff_indicators(const Model& before, const Model& after, Changes& out);
void diff_lua(const Model& before, const Model& after, Changes& out);

// ---- comparing and describing (diff_expr.cpp, diff_describe.cpp) ----------------------------

// Whether two checked expressions mean the same: the same tree, numbers equal by value.
bool same_meaning(const dsl::Expr& a, const dsl::Expr& b);
bool same_meaning(const std::optional<dsl::Expr>& a, const std::optional<dsl::Expr>& b);

// Each writes one aspect as the language does; "" where the model has nothing to write.
std::string expr_text(const std::optional<dsl::Expr>& e);
std::string type_text(const forms::Type& type);              // int, percent, risk, int by risk
std::string bounds_text(const std::vector<forms::Bound>& bounds);  // >= 0 <= 100, lower first
bool same_bounds(const std::vector<forms::Bound>& a, const std::vector<forms::Bound>& b);
const char* rollup_text(forms::Rollup rollup);               // sum, last
forms::Rollup default_rollup(const forms::Type& type);       // what a field gets unless it says
std::string field_text(const forms::Field& field);           // int >= 0 required rollup last
std::string period_text(const forms::Form& form);            // quarter, record per family_id (tr)
std::string format_text(const Format& format);               // percent digits 1 truncate
std::string target_text(const std::optional<Target>& target);  // >= 60%
std::string due_text(const DueRule& rule);                   // day 5 of next month, January 10
std::string rules_text(const Deadline& deadline);            // quarter: day 5 of next month; Q4: ...
std::string days_text(const std::vector<dsl::Date>& days);   // 2021-01-01..2021-01-08, 2021-02-23
std::string yes_no(bool value);                              // yes, no; да, нет

}  // namespace mera::rules::diff
