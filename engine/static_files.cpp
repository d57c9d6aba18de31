#include "static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

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

// Resolves the site root once per thread and root: the root is the same for every request, and
// resolving it costs a system call per path component.
const fs::path& canonicalRootOf(const fs::path& root, std::error_code& ec) {
    thread_local fs::path lastRoot;
    thread_local fs::path lastCanonical;
    if (lastCanonical.empty() || root != lastRoot) {
        auto resolved = fs::canonical(root, ec);
        if (ec) {
            static const fs::path kNone;
            return kNone;
        }
        lastRoot = root;
        lastCanonical = std::move(resolved);
    }
    return lastCanonical;
}

// Reads a regular file of at most kMaxFileBytes with one open, one fstat and its reads. The
// open does not block, so that a FIFO placed in the site cannot hold a network thread.
std::optional<std::string> readRegularFile(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat info {};
    std::optional<std::string> content;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
        static_cast<std::uintmax_t>(info.st_size) <= kMaxFileBytes) {
        std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
        std::size_t done = 0;
        while (done < bytes.size()) {
            const auto got = ::read(fd, bytes.data() + done, bytes.size() - done);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got <= 0) {
                break;
            }
            done += static_cast<std::size_t>(got);
        }
        // A file that shrank while it was read is served as far as it still goes.
        bytes.resize(done);
        content = std::move(bytes);
    }
    ::close(fd);
    return content;
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
    const auto& canonicalRoot = canonicalRootOf(root, ec);
    if (ec) {
        return std::nullopt;
    }
    // canonical() resolves "..", "." and symbolic links, so the check below sees the real file.
    const auto file = fs::canonical(canonicalRoot / fs::path(*decoded).relative_path(), ec);
    if (ec || !isInside(canonicalRoot, file)) {
        return std::nullopt;
    }
    auto content = readRegularFile(file);
    if (!content) {
        return std::nullopt;
    }
    return StaticFile{std::move(*content), contentTypeFor(file)};
}

}  // namespace wsl
