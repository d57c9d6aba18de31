#include "static_files.h"

#include <fcntl.h>
#ifdef __linux__
#include <linux/openat2.h>
#include <sys/syscall.h>
#endif
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

bool isInside(const fs::path& root, const fs::path& candidate) {
    const auto [rootEnd, candidateIt] =
        std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
    return rootEnd == root.end();
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

// Reads a regular file of at most kMaxFileBytes from an open descriptor, with one fstat and
// its reads, and closes it.
std::optional<std::string> readRegularFile(int fd) {
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

// The flags of every open: it does not block, so that a FIFO placed in the site cannot hold a
// network thread.
constexpr int kOpenFlags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;

#ifdef __linux__
// The site root's folder, opened once per thread and root, and closed with the thread.
struct RootFolder {
    RootFolder() = default;
    RootFolder(const RootFolder&) = delete;
    RootFolder& operator=(const RootFolder&) = delete;
    ~RootFolder() { reset(); }

    void reset() {
        if (fd >= 0) {
            ::close(fd);
        }
        fd = -1;
    }

    fs::path root;
    int fd = -1;
};

// `renew` opens the folder again, for a root that was deleted and made anew while the engine ran.
int rootFolderOf(const fs::path& root, bool renew) {
    thread_local RootFolder folder;
    if (folder.fd >= 0 && root == folder.root && !renew) {
        return folder.fd;
    }
    folder.reset();
    folder.root = root;
    folder.fd = ::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    return folder.fd;
}

// Opens `relative` under `folder` and fails when resolving it would leave the folder, through
// "..", an absolute path or a symbolic link. The kernel checks each step, so one system call
// replaces canonical()'s readlink per path component.
int openBeneath(int folder, const fs::path& relative) {
    open_how how{};
    how.flags = kOpenFlags;
    how.resolve = RESOLVE_BENEATH;
    return static_cast<int>(::syscall(SYS_openat2, folder, relative.c_str(), &how, sizeof how));
}

// Opens the file at `relative` under `root`. Returns -1 with errno set when it fails, and
// ENOSYS when the kernel has no openat2 (before Linux 5.6) or a sandbox refuses it.
int openInSite(const fs::path& root, const fs::path& relative) {
    int folder = rootFolderOf(root, false);
    if (folder < 0) {
        return -1;
    }
    int fd = openBeneath(folder, relative);
    struct stat info {};
    // A root folder deleted since it was opened has no links left: open its successor.
    if (fd < 0 && errno == ENOENT && ::fstat(folder, &info) == 0 && info.st_nlink == 0) {
        folder = rootFolderOf(root, true);
        fd = folder < 0 ? -1 : openBeneath(folder, relative);
    }
    if (fd < 0 && errno == EPERM) {
        errno = ENOSYS;
    }
    return fd;
}
#else
int openInSite(const fs::path&, const fs::path&) {
    errno = ENOSYS;
    return -1;
}
#endif

// Opens the file by its canonical path, checked to lie under the root's, for systems without
// openat2. canonical() resolves "..", "." and symbolic links, so the check covers the real file.
int openCanonical(const fs::path& root, const fs::path& relative) {
    std::error_code ec;
    const auto& canonicalRoot = canonicalRootOf(root, ec);
    if (ec) {
        return -1;
    }
    const auto file = fs::canonical(canonicalRoot / relative, ec);
    if (ec || !isInside(canonicalRoot, file)) {
        return -1;
    }
    return ::open(file.c_str(), kOpenFlags);
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

    const auto relative = fs::path(*decoded).relative_path();
    int fd = openInSite(root, relative);
    if (fd < 0 && errno == ENOSYS) {
        fd = openCanonical(root, relative);
    }
    if (fd < 0) {
        return std::nullopt;
    }
    auto content = readRegularFile(fd);
    if (!content) {
        return std::nullopt;
    }
    return StaticFile{std::move(*content), contentTypeFor(relative)};
}

}  // namespace wsl
