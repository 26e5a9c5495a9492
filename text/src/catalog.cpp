// The embedded catalog (text/ru.po, made into an array by text/embed.cmake), read once on first
// use into a hash map from the English template to the Russian one.
#include <string_view>
#include <unordered_map>

#include "mera/text/catalog.hpp"
#include "mera/text/tr.hpp"

namespace mera::text {
namespace detail {
extern const unsigned char kRussianCatalog[];
extern const std::size_t kRussianCatalogSize;
}  // namespace detail

namespace {

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Table = std::unordered_map<std::string, std::string, Hash, std::equal_to<>>;

const Table& table() {
  static const Table t = [] {
    Table out;
    for (const Entry& e : russian_catalog().entries)
      if (!e.russian.empty()) out.emplace(e.english, e.russian);
    return out;
  }();
  return t;
}

}  // namespace

const Catalog& russian_catalog() {
  static const Catalog c = parse_po(
      std::string_view(reinterpret_cast<const char*>(detail::kRussianCatalog), detail::kRussianCatalogSize));
  return c;
}

const std::string* russian(std::string_view english) {
  const Table& t = table();
  auto it = t.find(english);
  return it == t.end() ? nullptr : &it->second;
}

}  // namespace mera::text
