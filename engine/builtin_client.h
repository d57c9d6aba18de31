#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string>

#include "upstream_client.h"

namespace wsl {

class TlsClientContext;
class UpstreamPool;

struct ClientRequest {
    std::string method = "GET";
    std::string path = "/";
    std::string body;
    std::string contentType;
};

struct ClientResult {
    std::string traceId;
    Outcome outcome = Outcome::Error;
    int status = 0;
    std::string servedBy;  // the X-Served-By header of the response
    std::string body;
    std::string error;
    bool reusedConnection = false;  // sent over an idle keep-alive connection of a pool
};

// The diagram's own browser: resolves the site's name through the lab's DNS server, then
// sends the request to the address it got, from the client node's own address. It reports the
// DNS lookup and the whole request as spans of one trace.
class BuiltinClient {
public:
    struct Settings {
        std::string name = "client";
        std::string address;   // the client's own loopback address
        std::string hostname;  // e.g. www.foobar.com
        UpstreamTarget dns;
        std::uint16_t httpPort = 8080;  // DNS gives an address, the port is the site's
        // Non-zero: requests go over HTTPS to this port instead, trusting only this certificate,
        // as a browser sent to the https URL would.
        std::uint16_t httpsPort = 0;
        std::string certificatePem;
        PeerNamer nodeNamer;      // names the node at the resolved address
        HopGate* gate = nullptr;  // paces the DNS hop; null: never
        std::string instanceId;
    };

    BuiltinClient(Settings settings, Tracer& tracer);

    boost::asio::awaitable<ClientResult> send(ClientRequest request);
    // Sends the request to the site's entry at `address` without a DNS lookup, with the same
    // spans otherwise. The load generator uses it, so that DNS does not double its traffic.
    // With `pool`, a plain HTTP request goes over an idle keep-alive connection of the pool when
    // one is left, as a browser's would, and its root span then has no "connect" phase. HTTPS
    // requests open a new connection each, pool or not.
    boost::asio::awaitable<ClientResult> sendTo(ClientRequest request, std::string address,
                                                UpstreamPool* pool = nullptr);

private:
    struct Lookup {
        std::string address;
        std::string error;
        Outcome outcome = Outcome::Error;
    };

    boost::asio::awaitable<Lookup> resolve(const std::string& traceId,
                                           const std::string& parentSpanId);
    void recordLookup(const std::string& traceId, const std::string& parentSpanId,
                      const Lookup& lookup, std::int64_t startUs);
    // The HTTP exchange with the site at `address`, as a child of `root`, which it completes
    // with the response but does not record. `pool` as for sendTo.
    boost::asio::awaitable<void> exchange(const ClientRequest& request, const std::string& address,
                                          ClientResult& result, Span& root, UpstreamPool* pool);
    // Sends `message` over the connection that the settings and `pool` call for.
    boost::asio::awaitable<PooledResult> transfer(HttpRequest message, const UpstreamTarget& site,
                                                  UpstreamPool* pool);
    Span makeRoot(const ClientRequest& request, const std::string& traceId) const;
    void recordRoot(Span root, const ClientResult& result, std::int64_t startUs);
    // Reports one leg of the DNS exchange while hops are paced.
    void reportProgress(const std::string& traceId, bool response, const std::string& label,
                        bool failed);
    // The server never accepted the connection, so the client reports the hop for it.
    void recordUnreachable(const std::string& traceId, const std::string& parentSpanId,
                           const UpstreamTarget& site, const UpstreamResult& reply);

    const Settings settings_;
    Tracer& tracer_;
    // Prepared once from settings_.certificatePem; null without HTTPS or when the certificate
    // is invalid, and then each request reports the error.
    std::shared_ptr<TlsClientContext> tlsContext_;
};

}  // namespace wsl
