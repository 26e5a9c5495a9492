// `amend form NAME { ... }` of a regional model, applied to a copy of the base's form.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "mera/dsl/ast.hpp"
#include "mera/dsl/diagnostic.hpp"
#include "mera/dsl/format.hpp"
#include "mera/forms/typecheck.hpp"
#include "mera/rules/check.hpp"
#include "mera/text/tr.hpp"

namespace mera::rules {

// One `amend form` applied to a copy of the form it changes, member by member. Every member
// keeps the span of where it was written, so the checker's errors point at the base's line or
// at the region's.
class Amendment {
 public:
  Amendment(dsl::FormDecl& form, const std::string& region, Removals& removed, dsl::Diagnostics& diags)
      : form_(form), region_(region), removed_(removed), diags_(diags) {}

  void apply(const dsl::AmendDecl& a) {
    if (a.label) form_.label = a.label;
    for (const auto& m : a.members) {
      std::visit([&](const auto& x) { member(x); }, m);
    }
  }

 private:
  using Members = std::vector<dsl::FormMember>;

  Members::iterator field(const std::string& name) {
    return std::find_if(form_.members.begin(), form_.members.end(), [&](const dsl::FormMember& m) {
      auto* f = std::get_if<dsl::FieldDecl>(&m);
      return f && f->name.text == name;
    });
  }

  std::vector<std::string> field_names() const {
    std::vector<std::string> names;
    for (const auto& m : form_.members)
      if (auto* f = std::get_if<dsl::FieldDecl>(&m)) names.push_back(f->name.text);
    return names;
  }

  // "form 'families' has no field 'x' to drop", and why when an earlier change took it out.
  void no_field(const dsl::Ident& name, const std::string& message) {
    diags_.error(name.span, message);
    if (auto r = removed_.find(fmt::format("field {}.{}", form_.name.text, name.text)); r != removed_.end())
      diags_.note(r->second.at, r->second.note);
  }

  // field ...: added after the form's last field.
  void member(const dsl::FieldDecl& f) {
    if (auto it = field(f.name.text); it != form_.members.end()) {
      diags_.error(f.name.span, text::tr("form '{}' already has a field '{}': write 'replace field {}' to change it", form_.name.text, f.name.text, f.name.text));
      diags_.note(std::get<dsl::FieldDecl>(*it).name.span, text::tr("form '{}' declares it here", form_.name.text));
      return;
    }
    auto last = std::find_if(form_.members.rbegin(), form_.members.rend(),
                             [](const dsl::FormMember& m) { return std::holds_alternative<dsl::FieldDecl>(m); });
    form_.members.insert(last == form_.members.rend() ? form_.members.end() : last.base(), f);
  }

  void member(const dsl::ReplaceField& r) {
    const dsl::Ident& name = r.field.name;
    auto it = field(name.text);
    if (it == form_.members.end()) {
      std::string hint = forms::closest(name.text, field_names());
      return no_field(name, text::tr("form '{}' has no field '{}' to replace{}", form_.name.text, name.text,
                                     hint.empty() ? text::tr(": to add it, leave out 'replace'") : hint));
    }
    *it = r.field;
  }

  void member(const dsl::DropField& d) {
    auto it = field(d.name.text);
    if (it == form_.members.end())
      return no_field(d.name, text::tr("form '{}' has no field '{}' to drop{}", form_.name.text, d.name.text, forms::closest(d.name.text, field_names())));
    form_.members.erase(it);
    removed_[fmt::format("field {}.{}", form_.name.text, d.name.text)] =
        {d.span, text::tr("model '{}' drops it here; change or drop what still uses it", region_)};
  }

  // A check has no name: it is the one with this message.
  void member(const dsl::DropCheck& d) {
    std::vector<std::string> messages;
    for (auto it = form_.members.begin(); it != form_.members.end(); ++it) {
      auto* c = std::get_if<dsl::CheckDecl>(&*it);
      if (!c) continue;
      if (c->message.text == d.message.text) {
        form_.members.erase(it);
        return;
      }
      messages.push_back(c->message.text);
    }
    diags_.error(d.message.span, text::tr("form '{}' has no check with the message {}{}", form_.name.text, dsl::format_string(d.message.text),
                                             forms::closest(d.message.text, messages)));
  }

  void member(const dsl::CheckDecl& c) { form_.members.push_back(c); }

  // The form's kind (period or record per) and its level are one each: an amendment's stands
  // in for the base's. A second one in the same amendment goes beside the first, where the
  // form's own check reports it as given twice.
  void member(const dsl::PeriodClause& p) { stand_in<dsl::PeriodClause, dsl::RecordClause>(p, kind_given_); }
  void member(const dsl::RecordClause& r) { stand_in<dsl::PeriodClause, dsl::RecordClause>(r, kind_given_); }
  void member(const dsl::ByClause& b) { stand_in<dsl::ByClause>(b, by_given_); }

  template <typename... Kinds> void stand_in(const dsl::FormMember& clause, bool& given) {
    Members& ms = form_.members;
    auto of_kind = [](const dsl::FormMember& m) { return (std::holds_alternative<Kinds>(m) || ...); };
    auto first = std::find_if(ms.begin(), ms.end(), of_kind);
    if (given) {
      ms.insert(first == ms.end() ? ms.end() : std::next(first), clause);
      return;
    }
    given = true;
    auto at = first == ms.end() ? 0 : first - ms.begin();
    std::erase_if(ms, of_kind);
    ms.insert(ms.begin() + at, clause);
  }

  dsl::FormDecl& form_;
  const std::string& region_;
  Removals& removed_;
  dsl::Diagnostics& diags_;
  bool kind_given_ = false;
  bool by_given_ = false;
};

}  // namespace mera::rules
