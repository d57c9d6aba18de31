#include "admin_export.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace wsl {

namespace {

// The admin interface responds at once, and a stuck one must not hang a script.
constexpr int kTimeoutSeconds = 10;

std::string lastError() {
    return std::strerror(errno);
}

// Sends one HTTP/1.0 GET and returns the whole response, or sets *error.
std::string fetch(std::uint16_t port, const std::string& target, std::string* error) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        *error = "cannot create a socket: " + lastError();
        return {};
    }
    timeval timeout{kTimeoutSeconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);

    sockaddr_in admin{};
    admin.sin_family = AF_INET;
    admin.sin_port = htons(port);
    admin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&admin), sizeof admin) != 0) {
        *error = "no Webstack Lab admin interface on 127.0.0.1:" + std::to_string(port) + ": " +
                 lastError() + "; start webstack-lab first, or pass its --admin-port";
        ::close(fd);
        return {};
    }

    // HTTP/1.0: the server closes the connection after the response, which ends the read.
    const std::string request = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    std::string response;
    if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
        char buffer[65536];
        for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
            response.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    if (response.empty()) {
        *error = "the admin interface on port " + std::to_string(port) + " sent no response";
    }
    return response;
}

}  // namespace

std::string exportFromAdmin(std::uint16_t port, const std::string& target,
                            const std::string& path) {
    std::string error;
    const auto response = fetch(port, target, &error);
    if (!error.empty()) {
        return error;
    }
    const auto headerEnd = response.find("\r\n\r\n");
    if (!response.starts_with("HTTP/1.") || headerEnd == std::string::npos ||
        response.compare(9, 3, "200") != 0) {
        return "the admin interface failed: " + response.substr(0, response.find("\r\n"));
    }

    // O_EXCL: the file is created here or not at all, so an existing one is never replaced.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        return errno == EEXIST ? path + " already exists; choose another name or remove it"
                               : "cannot create " + path + ": " + lastError();
    }
    const auto body = response.substr(headerEnd + 4);
    const bool written = ::write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size());
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
        ::unlink(path.c_str());
        return "cannot write " + path + ": " + lastError();
    }
    return {};
}

}  // namespace wsl
