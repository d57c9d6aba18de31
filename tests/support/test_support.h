#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "engine.h"

namespace wsl::test {

struct Reply {
    int status = 0;                              // 0: no HTTP response (see error)
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string error;

    // The value of header `name` (lower case), empty when absent.
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string{} : it->second;
    }
};

// A blocking HTTP/1.1 exchange on a new loopback connection, bounded by `timeout`.
Reply httpRequest(const std::string& address, std::uint16_t port, const std::string& method,
                  const std::string& target, const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {},
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Sends raw bytes, then reads until the server closes the connection or `timeout` passes.
std::string rawExchange(const std::string& address, std::uint16_t port, const std::string& bytes,
                        std::chrono::milliseconds timeout);

// The Distributed topology with every port chosen by the OS, the admin interface on an OS
// port, and health checks fast enough for tests.
EngineOptions testEngineOptions();

std::uint16_t portOf(const Engine& engine, const std::string& node);
std::string addressOf(const Engine& engine, const std::string& node);

// Polls `condition` until it is true or `deadline` passes.
bool waitFor(const std::function<bool()>& condition,
             std::chrono::milliseconds deadline = std::chrono::seconds(10));

// Waits up to 20 s for the engine's load run to end, finished or stopped, and returns its
// status.
LoadStatus waitForLoadSummary(Engine& engine);

}  // namespace wsl::test
