#include "builtin_client.h"

#include <boost/asio/ip/udp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <random>

#include "dns_message.h"
#include "hop_gate.h"
#include "upstream_client.h"

namespace wsl {

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

// A resolver waits this long for the DNS server before it reports a timeout.
constexpr std::chrono::milliseconds kDnsTimeout{2000};
constexpr std::chrono::milliseconds kHttpTimeout{15000};

std::uint16_t randomQueryId() {
    thread_local std::mt19937 generator{std::random_device{}()};
    return static_cast<std::uint16_t>(generator());
}

// The result of a request on a new connection, as one that was never reused.
PooledResult asPooled(UpstreamResult result) {
    PooledResult pooled;
    static_cast<UpstreamResult&>(pooled) = std::move(result);
    return pooled;
}

struct UdpExchange {
    explicit UdpExchange(const asio::any_io_executor& executor)
        : socket(executor), timer(executor) {}
    udp::socket socket;
    asio::steady_timer timer;
    bool timedOut = false;
};

}  // namespace

BuiltinClient::BuiltinClient(Settings settings, Tracer& tracer)
    : settings_(std::move(settings)), tracer_(tracer) {
    if (settings_.httpsPort != 0) {
        std::string error;
        tlsContext_ = makeTlsClientContext(settings_.certificatePem, error);
    }
}

asio::awaitable<BuiltinClient::Lookup> BuiltinClient::resolve(const std::string& traceId,
                                                              const std::string& parentSpanId) {
    const auto startUs = tracer_.nowUs();
    auto exchange = std::make_shared<UdpExchange>(co_await asio::this_coro::executor);
    Lookup lookup;
    boost::system::error_code ec;

    exchange->timer.expires_after(kDnsTimeout);
    exchange->timer.async_wait([weak = std::weak_ptr(exchange)](boost::system::error_code e) {
        if (auto held = weak.lock(); held && !e) {
            held->timedOut = true;
            boost::system::error_code ignored;
            held->socket.close(ignored);
        }
    });

    // A connected UDP socket reports the server's ICMP "port unreachable" as refused.
    const udp::endpoint server{asio::ip::make_address(settings_.dns.address), settings_.dns.port};
    exchange->socket.open(udp::v4(), ec);
    if (!ec) {
        exchange->socket.bind({asio::ip::make_address(settings_.address), 0}, ec);
    }
    if (!ec) {
        exchange->socket.connect(server, ec);
    }
    const auto id = randomQueryId();
    std::vector<std::uint8_t> query;
    try {
        query = makeDnsQuery(settings_.hostname, id);
    } catch (const std::invalid_argument&) {
        ec = asio::error::invalid_argument;
    }
    if (!ec) {
        co_await exchange->socket.async_send(asio::buffer(query),
                                             asio::redirect_error(asio::use_awaitable, ec));
    }
    std::array<std::uint8_t, 4096> reply{};
    std::size_t received = 0;
    if (!ec) {
        received = co_await exchange->socket.async_receive(
            asio::buffer(reply), asio::redirect_error(asio::use_awaitable, ec));
    }
    exchange->timer.cancel();

    if (ec) {
        lookup.outcome = exchange->timedOut                      ? Outcome::Timeout
                         : ec == asio::error::connection_refused ? Outcome::Refused
                                                                 : Outcome::Error;
        lookup.error = exchange->timedOut
                           ? "no DNS answer in " + std::to_string(kDnsTimeout.count()) + " ms"
                           : ec.message();
    } else {
        const auto parsed = parseDnsReply(std::span(reply.data(), received), id);
        if (parsed.address) {
            lookup.address = *parsed.address;
            lookup.outcome = Outcome::Ok;
        } else {
            lookup.error = parsed.error.empty() ? parsed.rcode : parsed.error;
        }
    }
    recordLookup(traceId, parentSpanId, lookup, startUs);
    co_return lookup;
}

void BuiltinClient::recordLookup(const std::string& traceId, const std::string& parentSpanId,
                                 const Lookup& lookup, std::int64_t startUs) {
    Span span;
    span.traceId = traceId;
    span.spanId = newSpanId();
    span.parentSpanId = parentSpanId;
    span.node = settings_.dns.node;
    span.peer = settings_.name;
    span.protocol = "dns";
    span.method = "A";
    span.target = settings_.hostname;
    span.outcome = lookup.outcome;
    span.detail = lookup.outcome == Outcome::Ok ? lookup.address : lookup.error;
    span.startUs = startUs;
    span.endUs = tracer_.nowUs();
    tracer_.record(std::move(span));
}

void BuiltinClient::reportProgress(const std::string& traceId, bool response,
                                   const std::string& label, bool failed) {
    HopProgress step;
    step.traceId = traceId;
    step.protocol = "dns";
    step.from = response ? settings_.dns.node : settings_.name;
    step.to = response ? settings_.name : settings_.dns.node;
    step.response = response;
    step.failed = failed;
    step.label = label;
    tracer_.progress(std::move(step));
}

void BuiltinClient::recordUnreachable(const std::string& traceId, const std::string& parentSpanId,
                                      const UpstreamTarget& site, const UpstreamResult& reply) {
    Span span;
    span.traceId = traceId;
    span.spanId = newSpanId();
    span.parentSpanId = parentSpanId;
    span.node = site.node;
    span.peer = settings_.name;
    span.outcome = reply.outcome;
    span.detail = reply.error;
    span.startUs = reply.startUs;
    span.endUs = reply.endUs;
    tracer_.record(std::move(span));
}

Span BuiltinClient::makeRoot(const ClientRequest& request, const std::string& traceId) const {
    Span root;
    root.traceId = traceId;
    root.spanId = newSpanId();
    root.node = settings_.name;
    root.method = request.method;
    root.target = request.path;
    root.entry = true;
    return root;
}

void BuiltinClient::recordRoot(Span root, const ClientResult& result, std::int64_t startUs) {
    root.status = result.status;
    root.outcome = result.outcome;
    root.detail = result.error;
    root.startUs = startUs;
    root.endUs = tracer_.nowUs();
    tracer_.record(std::move(root));
}

asio::awaitable<ClientResult> BuiltinClient::send(ClientRequest request) {
    const auto startUs = tracer_.nowUs();
    ClientResult result;
    result.traceId = newTraceId();
    auto root = makeRoot(request, result.traceId);

    // The DNS hop is paced here, on both legs, because the DNS server itself answers at once.
    const bool paced = settings_.gate != nullptr && settings_.gate->isPaced();
    if (paced) {
        reportProgress(result.traceId, false, "A " + settings_.hostname, false);
        co_await settings_.gate->pass(settings_.dns.node);
    }
    const auto lookup = co_await resolve(result.traceId, root.spanId);
    if (paced) {
        co_await settings_.gate->pass(settings_.dns.node);
        const bool found = lookup.outcome == Outcome::Ok;
        reportProgress(result.traceId, true, found ? lookup.address : lookup.error, !found);
    }
    if (lookup.outcome != Outcome::Ok) {
        result.outcome = lookup.outcome;
        result.error = "DNS lookup of " + settings_.hostname + " failed: " + lookup.error;
    } else {
        co_await exchange(request, lookup.address, result, root, nullptr);
    }
    recordRoot(std::move(root), result, startUs);
    co_return result;
}

asio::awaitable<ClientResult> BuiltinClient::sendTo(ClientRequest request, std::string address,
                                                    UpstreamPool* pool) {
    const auto startUs = tracer_.nowUs();
    ClientResult result;
    result.traceId = newTraceId();
    auto root = makeRoot(request, result.traceId);
    co_await exchange(request, address, result, root, pool);
    recordRoot(std::move(root), result, startUs);
    co_return result;
}

asio::awaitable<PooledResult> BuiltinClient::transfer(HttpRequest message,
                                                      const UpstreamTarget& site,
                                                      UpstreamPool* pool) {
    const auto timeout =
        settings_.gate ? settings_.gate->upstreamTimeout(kHttpTimeout) : kHttpTimeout;
    if (settings_.httpsPort != 0 && pool != nullptr) {
        TlsClientSettings tls{settings_.certificatePem, settings_.hostname};
        co_return co_await sendPooledHttpsRequest(*pool, settings_.address, site,
                                                  std::move(message), timeout, &tracer_,
                                                  std::move(tls), tlsContext_);
    }
    if (settings_.httpsPort != 0) {
        TlsClientSettings tls{settings_.certificatePem, settings_.hostname};
        auto secure = co_await sendHttpsRequest(settings_.address, site, std::move(message),
                                                timeout, &tracer_, std::move(tls), tlsContext_);
        co_return asPooled(std::move(secure));
    }
    if (pool != nullptr) {
        co_return co_await sendPooledHttpRequest(*pool, settings_.address, site, std::move(message),
                                                 timeout, &tracer_);
    }
    auto plain =
        co_await sendHttpRequest(settings_.address, site, std::move(message), timeout, &tracer_);
    co_return asPooled(std::move(plain));
}

asio::awaitable<void> BuiltinClient::exchange(const ClientRequest& request,
                                              const std::string& address, ClientResult& result,
                                              Span& root, UpstreamPool* pool) {
    HttpRequest message{http::string_to_verb(request.method), request.path, 11};
    message.set(http::field::host, settings_.hostname);
    message.set(http::field::user_agent, "webstack-lab-client");
    message.set("traceparent", formatTraceparent(result.traceId, root.spanId));
    message.set(kInstanceHeader, settings_.instanceId);
    if (!request.contentType.empty()) {
        message.set(http::field::content_type, request.contentType);
    }
    message.body() = request.body;

    const bool https = settings_.httpsPort != 0;
    const UpstreamTarget site{settings_.nodeNamer(address), address,
                              https ? settings_.httpsPort : settings_.httpPort};
    auto reply = co_await transfer(std::move(message), site, pool);
    result.outcome = reply.outcome;
    result.error = reply.error;
    result.reusedConnection = reply.reused;
    // A reused connection was set up by an earlier request, so this one has no connect phase,
    // which HAR 1.2 exports as "connect": -1.
    const auto connectEndUs = reply.connectedUs != 0 ? reply.connectedUs : reply.endUs;
    if (!reply.reused) {
        const auto connectStartUs =
            reply.connectStartUs != 0 ? reply.connectStartUs : reply.startUs;
        root.phases.push_back({"connect", connectStartUs, connectEndUs});
    }
    if (reply.handshakeEndUs != 0) {
        root.phases.push_back({"tls-handshake", connectEndUs, reply.handshakeEndUs});
    }
    if (!reply.requestSent) {
        recordUnreachable(result.traceId, root.spanId, site, reply);
    }
    if (reply.response) {
        result.status = reply.response->result_int();
        result.servedBy = std::string((*reply.response)["X-Served-By"]);
        result.body = std::move(reply.response->body());
        root.responseHeaders = copyHeaders(reply.response->base());
    }
}

}  // namespace wsl
