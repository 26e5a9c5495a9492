// GET / and GET /{page}: the web pages (web/, built by vite) served from a folder, so mera needs
// nothing else at run time (no CDN, no other server). The folder is share/mera/web beside the
// binary (the installed layout, `cmake --install`), else, for the binary in its build folder,
// BUILD/web/dist, where the build puts the bundle. A name that is a file of the bundle is that
// file, with its type; any other one-segment path (/login, /form, /review) is the app's own
// page, index.html, which reads the address and shows it. Paths under /api/ are never pages.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api_error.hpp"
#include "context.hpp"
#include "mera/text/tr.hpp"

namespace mera::service {
namespace {

namespace fs = std::filesystem;

// Where the bundle is: beside the running binary first, then the build tree it was built in.
fs::path web_root(std::vector<std::string>* looked) {
  std::error_code error;
  fs::path exe = fs::read_symlink("/proc/self/exe", error);
  std::vector<fs::path> candidates;
  if (!error) candidates.push_back((exe.parent_path() / MERA_WEB_FROM_BIN).lexically_normal());
  // The build tree's bundle only for the mera in its build folder: an installed one that lost
  // its share/ must say so, not serve what a build folder happens to hold.
  if (error || fs::equivalent(exe.parent_path(), MERA_BUILD_BIN_DIR, error)) candidates.emplace_back(MERA_WEB_BUILD_DIR);
  for (const auto& dir : candidates) {
    if (fs::is_regular_file(dir / "index.html", error)) return dir;
    if (looked) looked->push_back(dir.string());
  }
  return {};
}

const fs::path& root() {
  static const fs::path found = web_root(nullptr);
  return found;
}

const char* content_type(const fs::path& file) {
  std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool read_file(const fs::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

void send(Context& c, const fs::path& file, bool hashed) {
  std::string body;
  if (!read_file(file, body)) throw ApiError(500, text::tr("the web page {} could not be read", file.string()));
  c.res.status = 200;
  // vite names each bundled file by its content's hash: it may be kept for ever; index.html,
  // which names them, must be asked for again each time.
  c.res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  c.res.set_header("X-Content-Type-Options", "nosniff");
  c.res.set_content(body, content_type(file));
}

void page(Context& c, const std::string& name) {
  if (root().empty()) {
    std::vector<std::string> looked;
    web_root(&looked);
    throw ApiError(404, text::tr("the web pages are not installed with this mera: looked in {}; build them with the build "
                                 "(it needs node and npm) or install mera with cmake --install",
                                 fmt::format("{}", fmt::join(looked, ", "))));
  }
  // One path segment of plain characters: no way out of the folder.
  bool plain = !name.empty() && name[0] != '.' && name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == std::string::npos;
  std::error_code error;
  if (plain && name != "index.html" && fs::is_regular_file(root() / name, error)) return send(c, root() / name, true);
  // A name with an extension that is not in the bundle is a file that is missing, not a page.
  if (plain && fs::path(name).has_extension()) throw ApiError(404, text::tr("no file {} among the web pages", name));
  send(c, root() / "index.html", false);
}

}  // namespace

void add_web_routes(Router& router) {
  router.get("/", [](Context& c) { page(c, ""); });
  router.get("/([^/]+)", [](Context& c) { page(c, c.req.matches[1]); });
}

}  // namespace mera::service
