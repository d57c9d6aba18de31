#pragma once

#include <utility>

#include <boost/asio/io_context.hpp>

#include "http_server.h"

namespace wsl {

class Engine;

// The engine's control interface, JSON over HTTP on loopback, in the manner of HAProxy's
// runtime API and Envoy's admin port:
//   GET  /nodes                   every node: name, kind, address, state, counters
//   POST /nodes/<name>/fail       close the node's listener
//   POST /nodes/<name>/restore    open it again
//   GET  /requests?last=N         recent finished requests with their spans
//   GET  /events?last=N           recent engine events
//   GET  /har?last=N              recent requests as HAR 1.2
//   GET  /events.csv?last=N       recent events as CSV
//   GET  /mode, POST /mode        pacing: live, slow motion (delayMs per hop) or step
//   POST /step, POST /continue    release the hop held longest, or all and go live
//   GET  /replication             database roles, lag, lost writes and the settings
//   PUT  /replication             change the replication settings (any subset of them)
//   POST /databases/<name>/promote  make a replica the primary once the primary failed
// The window's actions call the same Engine functions.
class AdminServer {
public:
    AdminServer(boost::asio::io_context& io, Engine& engine);

    std::uint16_t start(const std::string& address, std::uint16_t port);
    void stop();

private:
    HttpResponse handle(const HttpRequest& request);
    HttpResponse nodeAction(const HttpRequest& request, const std::string& path);
    HttpResponse pacing(const HttpRequest& request, const std::string& path);
    HttpResponse replication(const HttpRequest& request, const std::string& path);
    HttpResponse exportRecords(const HttpRequest& request, const std::string& target,
                               const std::string& path);

    Engine& engine_;
    HttpServer server_;
};

}  // namespace wsl
