#pragma once

#include <utility>

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "fault.h"
#include "firewall.h"
#include "http_types.h"
#include "request_metrics.h"

namespace wsl {

class AccessLogWriter;
class NetworkContexts;

using HttpHandler =
    std::function<boost::asio::awaitable<HttpResponse>(HttpRequest&, RequestContext&)>;

struct HttpServerCounters {
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;    // responses with status 500 and above
    std::uint64_t rejected = 0;  // limits breached: 408, 413, 431, 503 for too many connections
    std::uint64_t openConnections = 0;
};

// An HTTP/1.1 server with keep-alive and the limits of HttpLimits, on one plain listener and
// optionally a TLS one. Every request it serves becomes a span; the handler fills in what it
// did. stop() closes the listeners and every open connection, so that the node behaves as a
// host whose server process is gone.
class HttpServer {
public:
    struct Options {
        std::string name;
        HttpLimits limits;
        PeerNamer peerNamer;
        Tracer* tracer = nullptr;  // null: requests are not traced (the admin interface)
        HopGate* gate = nullptr;   // null: requests are never slowed or held
        // Requests carrying another instance's id in kInstanceHeader get 421.
        std::string instanceId;
        // Hang, slow and error faults applied to every request; null: none (the admin
        // interface).
        std::shared_ptr<FaultInjector> faults;
        // Asked about every new connection before anything is read from it. Empty: every
        // connection is served.
        ConnectionScreen screen;
        AccessLogWriter* accessLog = nullptr;  // null: requests are not logged
        // Where accepted connections run, each on one context; null: on a strand of the
        // server's own io_context, which any number of threads may run.
        NetworkContexts* connectionContexts = nullptr;
    };

    HttpServer(boost::asio::io_context& io, Options options, HttpHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and listens; port 0 lets the OS choose. Returns the bound port. Throws
    // std::system_error when the address cannot be bound.
    std::uint16_t start(const std::string& address, std::uint16_t port);
    // Adds a listener that speaks HTTPS (TLS 1.2 or later) with the given PEM certificate chain
    // and private key, and serves it with the same handler, limits and spans. Call after
    // start(). Throws std::system_error when the address cannot be bound and
    // boost::system::system_error when the certificate or key is invalid.
    std::uint16_t startTls(const std::string& address, std::uint16_t port,
                           const std::string& certificatePem, const std::string& keyPem);
    // Closes every listener and connection.
    void stop();
    bool running() const;
    HttpServerCounters counters() const;
    // Requests by status class and the time each took, health checks excluded.
    RequestMetricsSnapshot metrics() const;

private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace wsl
