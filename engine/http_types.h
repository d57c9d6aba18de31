#pragma once

// The HTTP message types every node handles. Only message headers are included here: the
// parser, serializer and socket code of Beast stay in http_server.cpp and http_client.cpp,
// because they are slow to compile.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "trace.h"

namespace wsl {

class HopGate;

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// The limits every HTTP listener enforces, each with the status sent on a breach.
struct HttpLimits {
    // 431 beyond: nginx's large_client_header_buffers default is 8 KiB per line.
    std::size_t maxHeaderBytes = 8 * 1024;
    // 413 beyond: the demo site posts short messages; nginx's client_max_body_size is 1 MiB.
    std::size_t maxBodyBytes = 1024 * 1024;
    // 408: the whole header must arrive within this time. nginx's client_header_timeout is 60 s,
    // and this one is shorter so that a slow sender is visibly cut off in a lesson.
    std::chrono::milliseconds headerTimeout{10000};
    std::chrono::milliseconds bodyTimeout{30000};
    // A keep-alive connection with no new request for this long is closed quietly.
    std::chrono::milliseconds idleTimeout{15000};
    // 503 beyond: connections open at once on one node.
    std::size_t maxConnections = 512;
};

// Names the running engine on every request one node sends another, so that a node never
// serves a request from another copy of the app that found its port.
inline constexpr const char* kInstanceHeader = "X-Webstack-Instance";

// Maps a peer's address to its node name, or "external" for a process outside the engine.
using PeerNamer = std::function<std::string(const std::string& address)>;

// The request facts a handler receives, and the span it fills in.
struct RequestContext {
    std::string node;
    std::string peer;  // the peer's node name, or "external"
    std::string peerAddress;
    std::string sourceAddress;  // this node's own address, to bind outgoing connections to
    std::string traceId;
    std::string spanId;
    std::string parentSpanId;
    Tracer* tracer = nullptr;
    HopGate* gate = nullptr;  // null: requests are never slowed or held
    // Sent on every request this node forwards. The server's own string, which outlives the
    // request: it is longer than std::string keeps inline, so a copy would cost an allocation.
    std::string_view instanceId;
    std::string protocol = "http";  // the span's protocol; "metrics" for monitoring pushes
    Outcome outcome = Outcome::Ok;
    std::string detail;
    std::int64_t arrivalUs = 0;     // when the whole request had been read
    std::vector<SpanPhase> phases;  // handlers add theirs; the span gets them all

    // The traceparent header for a request this node sends upstream on behalf of this one.
    std::string traceparent() const { return formatTraceparent(traceId, spanId); }
    bool tls = false;
};

HttpResponse makeResponse(const HttpRequest& request, http::status status, std::string body,
                          const std::string& contentType);
HttpResponse makeJsonResponse(const HttpRequest& request, http::status status,
                              const std::string& json);
HttpResponse makeErrorResponse(const HttpRequest& request, http::status status,
                               const std::string& message);

HeaderList copyHeaders(const http::fields& fields);
// The fields of a head as it crossed the wire, in the list copyHeaders() gives for the parsed
// message.
HeaderList headersOfHead(std::string_view head);

// Whether prepare_payload() would leave `response` with the same fields and values: it carries
// one Content-Length, in canonical digits, equal to its body's size, no Transfer-Encoding, and
// its status allows a body. prepare_payload() would also move Content-Length behind the other
// fields, but the order of differently named fields carries no meaning (RFC 9110, section 5.3).
// Reading the fields costs less than the erase and insertion prepare_payload() always makes.
bool payloadFieldsCurrent(const HttpResponse& response);

// The message as its bytes cross the wire, cut after `limit` bytes.
std::string wireBytes(const HttpRequest& request, std::size_t limit);
std::string wireBytes(const HttpResponse& response, std::size_t limit);

// The start line, the header fields and the empty line after them, as they cross the wire,
// followed by the first `bodyBytes` bytes of the body.
std::string headBytes(const HttpRequest& request, std::size_t bodyBytes);
std::string headBytes(const HttpResponse& response, std::size_t bodyBytes);

}  // namespace wsl
