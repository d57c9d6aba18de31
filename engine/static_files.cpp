#include "static_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace wsl {

namespace fs = std::filesystem;

namespace {

// Files bigger than this are not served: the demo site is a few small pages.
constexpr std::uintmax_t kMaxFileBytes = 16 * 1024 * 1024;

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Percent-decodes the path part of a target; nullopt for a bad escape or a NUL byte.
std::optional<std::string> decodePath(const std::string& target) {
    const auto path = target.substr(0, target.find_first_of("?#"));
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '%') {
            out += path[i];
            continue;
        }
        if (i + 2 >= path.size() || hexValue(path[i + 1]) < 0 || hexValue(path[i + 2]) < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(hexValue(path[i + 1]) * 16 + hexValue(path[i + 2]));
        i += 2;
    }
    if (out.empty() || out.front() != '/' || out.find('\0') != std::string::npos) {
        return std::nullopt;
    }
    return out;
}

bool isInside(const fs::path& root, const fs::path& candidate) {
    const auto [rootEnd, candidateIt] =
        std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
    return rootEnd == root.end();
}

}  // namespace

std::string contentTypeFor(const fs::path& file) {
    const auto extension = file.extension().string();
    if (extension == ".html") {
        return "text/html; charset=utf-8";
    }
    if (extension == ".css") {
        return "text/css; charset=utf-8";
    }
    if (extension == ".js") {
        return "text/javascript; charset=utf-8";
    }
    if (extension == ".json") {
        return "application/json";
    }
    if (extension == ".svg") {
        return "image/svg+xml";
    }
    if (extension == ".png") {
        return "image/png";
    }
    if (extension == ".txt") {
        return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
}

std::optional<StaticFile> readStaticFile(const fs::path& root, const std::string& target) {
    auto decoded = decodePath(target);
    if (!decoded) {
        return std::nullopt;
    }
    if (decoded->back() == '/') {
        *decoded += "index.html";
    }

    std::error_code ec;
    const auto canonicalRoot = fs::canonical(root, ec);
    if (ec) {
        return std::nullopt;
    }
    // canonical() resolves "..", "." and symbolic links, so the check below sees the real file.
    const auto file = fs::canonical(canonicalRoot / fs::path(*decoded).relative_path(), ec);
    if (ec || !isInside(canonicalRoot, file) || !fs::is_regular_file(file, ec)) {
        return std::nullopt;
    }
    if (fs::file_size(file, ec) > kMaxFileBytes || ec) {
        return std::nullopt;
    }

    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) {
        return std::nullopt;
    }
    return StaticFile{content.str(), contentTypeFor(file)};
}

}  // namespace wsl
