#include "mera/text/language.hpp"

#include <atomic>
#include <cstdlib>
#include <string>

namespace mera::text {
namespace {

std::atomic<Language> default_language{Language::en};
thread_local std::optional<Language> thread_language;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "ru", "ru-RU", "RU_ru" -> ru; "en", "en-GB", "*" -> en; anything else: none of ours.
std::optional<Language> tag_language(std::string_view tag) {
  if (tag == "*") return Language::en;
  if (tag.size() < 2 || (tag.size() > 2 && tag[2] != '-' && tag[2] != '_')) return std::nullopt;
  std::string primary{lower(tag[0]), lower(tag[1])};
  if (primary == "ru") return Language::ru;
  if (primary == "en") return Language::en;
  return std::nullopt;
}

// The q of a language-range's parameters (";q=0.8"); 1 when absent, -1 when unreadable.
double quality(std::string_view params) {
  while (!params.empty()) {
    std::size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() < 2 || lower(p[0]) != 'q' || p[1] != '=') continue;
    std::string value(trim(p.substr(2)));
    char* end = nullptr;
    double q = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || q < 0 || q > 1) return -1;
    return q;
  }
  return 1;
}

}  // namespace

Language current() { return thread_language.value_or(default_language.load(std::memory_order_relaxed)); }

void set_default(Language language) { default_language.store(language, std::memory_order_relaxed); }

Scope::Scope(Language language) : before_(thread_language) { thread_language = language; }

Scope::~Scope() { thread_language = before_; }

Language from_accept_language(std::string_view header) {
  Language best = Language::en;
  double best_q = 0;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view range = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    std::size_t semi = range.find(';');
    auto language = tag_language(trim(range.substr(0, semi)));
    double q = semi == std::string_view::npos ? 1 : quality(range.substr(semi + 1));
    if (language && q > best_q) best = *language, best_q = q;
  }
  return best;
}

Language from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    std::string_view v(value);
    return v.size() >= 2 && lower(v[0]) == 'r' && lower(v[1]) == 'u' ? Language::ru : Language::en;
  }
  return Language::en;
}

}  // namespace mera::text
