#include "test_support.h"

#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <thread>

#include <sys/socket.h>
#include <sys/time.h>

#include <unistd.h>

#include <filesystem>

namespace wsl::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

void setSocketTimeout(tcp::socket& socket, std::chrono::milliseconds timeout) {
    timeval value{};
    value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    value.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &value, sizeof value);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &value, sizeof value);
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

Reply httpRequest(const std::string& address, std::uint16_t port, const std::string& method,
                  const std::string& target, const std::string& body,
                  const std::map<std::string, std::string>& headers,
                  std::chrono::milliseconds timeout) {
    Reply reply;
    asio::io_context io;
    tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect({asio::ip::make_address(address), port}, ec);
    if (ec) {
        reply.error = ec.message();
        return reply;
    }
    setSocketTimeout(socket, timeout);

    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "www.foobar.com");
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    request.body() = body;
    request.keep_alive(false);
    request.prepare_payload();
    http::write(socket, request, ec);
    if (ec) {
        reply.error = ec.message();
        return reply;
    }

    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    // A response to HEAD announces its body's length but carries none.
    parser.skip(method == "HEAD");
    http::read(socket, buffer, parser, ec);
    const auto& response = parser.get();
    if (ec) {
        reply.error = ec.message();
        return reply;
    }
    reply.status = response.result_int();
    for (const auto& field : response) {
        reply.headers[lower(std::string(field.name_string()))] = std::string(field.value());
    }
    reply.body = response.body();
    return reply;
}

std::string rawExchange(const std::string& address, std::uint16_t port, const std::string& bytes,
                        std::chrono::milliseconds timeout) {
    asio::io_context io;
    tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect({asio::ip::make_address(address), port}, ec);
    if (ec) {
        return {};
    }
    setSocketTimeout(socket, timeout);
    asio::write(socket, asio::buffer(bytes), ec);
    // Read until the server closes or `timeout` passes: a blocking Asio read would wait on
    // past SO_RCVTIMEO, and a server that never closes would hang the test.
    std::string received;
    asio::async_read(socket, asio::dynamic_buffer(received),
                     [](const boost::system::error_code&, std::size_t) {});
    io.run_for(timeout);
    return received;
}

EngineOptions testEngineOptions() {
    EngineOptions options;
    options.topology = distributedTopology(true);
    options.topology.healthCheck.interval = std::chrono::milliseconds(50);
    options.topology.healthCheck.timeout = std::chrono::milliseconds(500);
    options.siteRoot = WEBSTACK_SITE_DIR;
    options.adminPort = 0;
    // Never the user's own certificate folder: a test run leaves it alone.
    options.tlsDirectory = std::filesystem::temp_directory_path() /
                           ("webstack-lab-test-tls-" + std::to_string(::getpid()));
    return options;
}

std::uint16_t portOf(const Engine& engine, const std::string& node) {
    const auto status = engine.node(node);
    return status ? status->port : 0;
}

std::string addressOf(const Engine& engine, const std::string& node) {
    const auto topology = engine.topology();
    const auto* spec = topology.find(node);
    return spec ? spec->address : std::string{};
}

bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds deadline) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

LoadStatus waitForLoadSummary(Engine& engine) {
    waitFor(
        [&engine] {
            const auto state = engine.loadStatus().state;
            return state == "finished" || state == "stopped";
        },
        std::chrono::seconds(20));
    return engine.loadStatus();
}

}  // namespace wsl::test
