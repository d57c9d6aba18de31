#pragma once

#include <utility>

#include <chrono>
#include <optional>
#include <string>

#include "http_types.h"

namespace wsl {

// Where an upstream request ended. `requestSent` shows a retry policy whether the server may
// already have acted on the request.
struct UpstreamResult {
    Outcome outcome = Outcome::Error;
    std::optional<HttpResponse> response;
    std::string error;
    bool requestSent = false;
    std::int64_t startUs = 0;
    std::int64_t connectedUs = 0;  // when the TCP connection was established, 0 if it never was
    std::int64_t handshakeEndUs = 0;  // when the TLS handshake ended, 0 without TLS
    std::int64_t endUs = 0;
};

struct UpstreamTarget {
    std::string node;  // for spans and messages
    std::string address;
    std::uint16_t port = 0;
};

// Sends one request on a new connection from `sourceAddress` (so that the server sees this
// node's own loopback address as the peer) and reads the response. The whole exchange is
// bounded by `timeout`. Never throws for network failures: they are in the result.
boost::asio::awaitable<UpstreamResult> sendHttpRequest(const std::string& sourceAddress,
                                                       const UpstreamTarget& target,
                                                       HttpRequest request,
                                                       std::chrono::milliseconds timeout,
                                                       Tracer* clock);

// The trust settings of an HTTPS client connection.
struct TlsClientSettings {
    std::string certificatePem;  // the only certificate trusted, as curl --cacert does
    std::string serverName;      // sent as SNI and checked against the certificate's names
};

// As sendHttpRequest, over TLS 1.2 or later. A certificate that is not `tls.certificatePem`
// or does not name `tls.serverName` fails the request before it is sent.
boost::asio::awaitable<UpstreamResult> sendHttpsRequest(const std::string& sourceAddress,
                                                        const UpstreamTarget& target,
                                                        HttpRequest request,
                                                        std::chrono::milliseconds timeout,
                                                        Tracer* clock, TlsClientSettings tls);

// Sends a request on behalf of the one described by `context`: forwards its traceparent, adds
// an "upstream-connect" phase to `context`, and records a span for a connection the target
// never accepted, since the target cannot.
boost::asio::awaitable<UpstreamResult> forwardRequest(RequestContext& context,
                                                      const UpstreamTarget& target,
                                                      HttpRequest request,
                                                      std::chrono::milliseconds timeout);

}  // namespace wsl
