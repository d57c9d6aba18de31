#include <utility>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <sys/stat.h>
#include <algorithm>
#include <future>
#include <map>
#include <memory>

#include "builtin_client.h"
#include "engine.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

struct TlsReply {
    int status = 0;  // 0: no HTTP response (see error)
    std::string location;
    std::string body;
    std::string protocol;  // "TLSv1.3"
    std::string error;
};

struct TlsRequest {
    std::string method = "GET";
    std::string target = "/";
    std::string body;
    std::string serverName = "www.foobar.com";  // SNI, Host and the name verified
    std::string traceparent;
};

// One HTTPS exchange that trusts only `caFile` and verifies the certificate for
// `request.serverName`, as curl --cacert does.
TlsReply httpsRequest(const std::string& address, std::uint16_t port, const std::string& caFile,
                      const TlsRequest& request) {
    TlsReply reply;
    asio::io_context io;
    asio::ssl::context context(asio::ssl::context::tls_client);
    boost::system::error_code ec;
    if (!caFile.empty()) {
        context.load_verify_file(caFile, ec);
    }
    auto stream = std::make_shared<asio::ssl::stream<asio::ip::tcp::socket>>(io, context);
    stream->set_verify_mode(asio::ssl::verify_peer);
    stream->set_verify_callback(asio::ssl::host_name_verification(request.serverName));
    // SSL_set_tlsext_host_name without its C cast.
    SSL_ctrl(stream->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
             const_cast<char*>(request.serverName.c_str()));

    http::request<http::string_body> message{http::string_to_verb(request.method), request.target,
                                             11};
    message.set(http::field::host, request.serverName + ":" + std::to_string(port));
    message.set(http::field::user_agent, "test-https");
    if (!request.traceparent.empty()) {
        message.set("traceparent", request.traceparent);
    }
    if (!request.body.empty()) {
        message.set(http::field::content_type, "application/json");
        message.body() = request.body;
    }
    message.prepare_payload();
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;

    const asio::ip::tcp::endpoint server{asio::ip::make_address(address), port};
    stream->next_layer().async_connect(server, [&](boost::system::error_code step) {
        ec = step;
        if (step) {
            return;
        }
        stream->async_handshake(asio::ssl::stream_base::client, [&](boost::system::error_code hs) {
            ec = hs;
            if (hs) {
                return;
            }
            reply.protocol = SSL_get_version(stream->native_handle());
            http::async_write(*stream, message, [&](boost::system::error_code wr, std::size_t) {
                ec = wr;
                if (!wr) {
                    http::async_read(*stream, buffer, response,
                                     [&](boost::system::error_code rd, std::size_t) { ec = rd; });
                }
            });
        });
    });
    io.run_for(std::chrono::seconds(10));
    if (!io.stopped()) {
        reply.error = "timed out";
    } else if (ec) {
        reply.error = ec.message();
    } else {
        reply.status = response.result_int();
        reply.location = std::string(response[http::field::location]);
        reply.body = response.body();
    }
    return reply;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

// HTTPS terminated at the load balancer, over real loopback sockets: the generated
// certificate, redirects, X-Forwarded-Proto, ciphertext on the wire and the waterfall phases.
class HttpsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void handshakeVerifiesAsWwwFoobar();
    void untrustedOrWrongNameFails();
    void certificateReusedOnSecondStart();
    void certificateRegeneratedForNewNames();
    void plainHttpRedirectedWhenEnabled();
    void forceHttpsAppServesOverHttps();
    void addedAppServerForcesHttps();
    void httpsWireBytesAreCiphertext();
    void forwardedProtoSeenByWebServer();
    void phasesAreOrdered();
    void harHasSslAndConnect();
    void servicesListHttpsUrl();
    void failedBalancerClosesHttps();
    void builtInClientUsesHttps();
    void loadRunReusesTlsConnections();
    void adminSetsRedirect();

private:
    void startEngine(const std::string& domain = "foobar.com");
    TlsReply getHttps(const TlsRequest& request = {});
    Reply getHttp(const std::string& method, const std::string& target,
                  const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {});
    RequestRecord waitForTrace(const std::string& traceId);
    const Span* spanAt(const RequestRecord& record, const std::string& node);

    std::unique_ptr<QTemporaryDir> folder_;
    std::unique_ptr<Engine> engine_;
};

void HttpsTest::init() {
    folder_ = std::make_unique<QTemporaryDir>();
    QVERIFY(folder_->isValid());
    startEngine();
}

void HttpsTest::cleanup() {
    engine_.reset();
    folder_.reset();
}

void HttpsTest::startEngine(const std::string& domain) {
    engine_.reset();
    auto options = testEngineOptions();
    options.topology.domain = domain;
    for (auto& spec : options.topology.nodes) {
        if (spec.kind == NodeKind::LoadBalancer) {
            spec.httpsPort = 0;
        }
    }
    options.tlsDirectory = (folder_->path() + "/tls").toStdString();
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
}

TlsReply HttpsTest::getHttps(const TlsRequest& request) {
    const auto https = engine_->https();
    return httpsRequest(addressOf(*engine_, "lb-1"), https.port, https.certificateFile, request);
}

Reply HttpsTest::getHttp(const std::string& method, const std::string& target,
                         const std::string& body,
                         const std::map<std::string, std::string>& headers) {
    auto all = headers;
    all.emplace("Host", "www.foobar.com:" + std::to_string(portOf(*engine_, "lb-1")));
    return httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), method, target, body,
                       all);
}

RequestRecord HttpsTest::waitForTrace(const std::string& traceId) {
    RequestRecord found;
    waitFor([&] {
        for (auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
            if (record.traceId == traceId) {
                found = std::move(record);
                return true;
            }
        }
        return false;
    });
    return found;
}

const Span* HttpsTest::spanAt(const RequestRecord& record, const std::string& node) {
    const auto it = std::find_if(record.spans.begin(), record.spans.end(),
                                 [&node](const Span& span) { return span.node == node; });
    return it == record.spans.end() ? nullptr : &*it;
}

void HttpsTest::handshakeVerifiesAsWwwFoobar() {
    const auto https = engine_->https();
    QVERIFY(https.port != 0);
    QCOMPARE(https.node, std::string("lb-1"));

    const auto reply = getHttps();
    QVERIFY2(reply.error.empty(), reply.error.c_str());
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.protocol == "TLSv1.2" || reply.protocol == "TLSv1.3", reply.protocol.c_str());

    TlsRequest byAddress;
    byAddress.serverName = addressOf(*engine_, "lb-1");
    QCOMPARE(getHttps(byAddress).status, 200);
}

void HttpsTest::untrustedOrWrongNameFails() {
    const auto https = engine_->https();
    const auto untrusted = httpsRequest(addressOf(*engine_, "lb-1"), https.port, "", TlsRequest{});
    QCOMPARE(untrusted.status, 0);
    QVERIFY(!untrusted.error.empty());

    TlsRequest otherName;
    otherName.serverName = "www.example.com";
    const auto wrongName = getHttps(otherName);
    QCOMPARE(wrongName.status, 0);
    QVERIFY(!wrongName.error.empty());

    // The balancer reports the handshakes that the clients aborted.
    QVERIFY(waitFor([this] {
        const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
        return std::count_if(events.begin(), events.end(), [](const Event& event) {
                   return event.kind == "tls" && contains(event.detail, "handshake");
               }) >= 2;
    }));
}

void HttpsTest::certificateReusedOnSecondStart() {
    const auto first = engine_->https();
    QVERIFY(!first.fingerprint.empty());
    QVERIFY(QFile::exists(QString::fromStdString(first.certificateFile)));

    struct stat key {};
    const auto keyFile = folder_->path() + "/tls/private-key.pem";
    QCOMPARE(::stat(keyFile.toLocal8Bit().constData(), &key), 0);
    QCOMPARE(key.st_mode & 0777, 0600u);
    struct stat directory {};
    QCOMPARE(::stat((folder_->path() + "/tls").toLocal8Bit().constData(), &directory), 0);
    QCOMPARE(directory.st_mode & 0777, 0700u);

    startEngine();
    QCOMPARE(engine_->https().fingerprint, first.fingerprint);
    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    QVERIFY(std::any_of(events.begin(), events.end(), [](const Event& event) {
        return event.kind == "tls" && contains(event.detail, "reusing");
    }));
    QCOMPARE(getHttps().status, 200);
}

void HttpsTest::certificateRegeneratedForNewNames() {
    const auto first = engine_->https().fingerprint;
    startEngine("example.org");
    QVERIFY(engine_->https().fingerprint != first);
    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    QVERIFY(std::any_of(events.begin(), events.end(), [](const Event& event) {
        return event.kind == "tls" && contains(event.detail, "does not cover www.example.org");
    }));
    TlsRequest request;
    request.serverName = "www.example.org";
    QCOMPARE(getHttps(request).status, 200);
}

void HttpsTest::plainHttpRedirectedWhenEnabled() {
    QCOMPARE(getHttp("GET", "/").status, 200);

    QVERIFY(engine_->setRedirectHttps(true).empty());
    const auto reply = getHttp("GET", "/about.html?x=1");
    QCOMPARE(reply.status, 308);
    const auto expected =
        "https://www.foobar.com:" + std::to_string(engine_->https().port) + "/about.html?x=1";
    QCOMPARE(reply.header("location"), expected);
    QCOMPARE(getHttps().status, 200);

    QVERIFY(engine_->setRedirectHttps(false).empty());
    QCOMPARE(getHttp("GET", "/").status, 200);
}

void HttpsTest::forceHttpsAppServesOverHttps() {
    QVERIFY(engine_->setForceHttps(true).empty());

    TlsRequest api;
    api.target = "/api/whoami";
    const auto secure = getHttps(api);
    QVERIFY2(secure.error.empty(), secure.error.c_str());
    QCOMPARE(secure.status, 200);
    QVERIFY(contains(secure.body, "appServer"));

    // Over plain HTTP the application server itself sends the client to HTTPS.
    const auto plain = getHttp("GET", "/api/whoami");
    QCOMPARE(plain.status, 308);
    QCOMPARE(plain.header("location"),
             "https://www.foobar.com:" + std::to_string(engine_->https().port) + "/api/whoami");

    // With the balancer redirecting too, following the redirect ends in 200, not a loop.
    QVERIFY(engine_->setRedirectHttps(true).empty());
    QCOMPARE(getHttp("GET", "/api/whoami").status, 308);
    QCOMPARE(getHttps(api).status, 200);
}

void HttpsTest::addedAppServerForcesHttps() {
    QVERIFY(engine_->setForceHttps(true).empty());
    const auto added = engine_->addServer(NodeKind::AppServer);
    QVERIFY2(added.error.empty(), added.error.c_str());

    const auto reply = httpRequest(addressOf(*engine_, added.name), portOf(*engine_, added.name),
                                   "GET", "/api/whoami");
    QCOMPARE(reply.status, 308);
}

void HttpsTest::httpsWireBytesAreCiphertext() {
    const std::string body = R"({"author":"eve","body":"secret-marker-4217"})";
    const std::string plainTrace = "0af7651916cd43dd8448eb211c80319c";
    const std::string tlsTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

    const auto plain = getHttp("POST", "/api/messages", body,
                               {{"traceparent", formatTraceparent(plainTrace, newSpanId())},
                                {"Content-Type", "application/json"}});
    QCOMPARE(plain.status, 201);
    TlsRequest post;
    post.method = "POST";
    post.target = "/api/messages";
    post.body = body;
    post.traceparent = formatTraceparent(tlsTrace, newSpanId());
    QCOMPARE(getHttps(post).status, 201);

    const auto plainRecord = waitForTrace(plainTrace);
    const auto tlsRecord = waitForTrace(tlsTrace);
    const Span* plainSpan = spanAt(plainRecord, "lb-1");
    const Span* tlsSpan = spanAt(tlsRecord, "lb-1");
    QVERIFY(plainSpan != nullptr);
    QVERIFY(tlsSpan != nullptr);

    QVERIFY(!plainSpan->encrypted);
    QVERIFY(contains(plainSpan->wireRequest, "POST /api/messages HTTP/1.1"));
    QVERIFY(contains(plainSpan->wireRequest, "Host: www.foobar.com"));
    QVERIFY(contains(plainSpan->wireRequest, "secret-marker-4217"));
    QVERIFY(contains(plainSpan->wireResponse, "HTTP/1.1 201"));

    QVERIFY(tlsSpan->encrypted);
    QVERIFY(!tlsSpan->wireRequest.empty());
    QVERIFY(!tlsSpan->wireResponse.empty());
    QVERIFY(!contains(tlsSpan->wireRequest, "POST /api/messages"));
    QVERIFY(!contains(tlsSpan->wireRequest, "Host: www.foobar.com"));
    QVERIFY(!contains(tlsSpan->wireRequest, "secret-marker-4217"));
    QVERIFY(!contains(tlsSpan->wireResponse, "HTTP/1.1 201"));
    QVERIFY(!contains(tlsSpan->wireResponse, "writtenTo"));
    // TLS records: content type 22 (handshake) first, then version 3.x.
    QCOMPARE(static_cast<unsigned char>(tlsSpan->wireRequest[0]), 0x16);
    QCOMPARE(static_cast<unsigned char>(tlsSpan->wireRequest[1]), 0x03);
    QVERIFY(tlsSpan->wireRequest.size() <= Tracer::kMaxWireBytes);
    // The decrypted request is still recorded for the inspector's header view.
    QVERIFY(contains(tlsSpan->requestBody, "secret-marker-4217"));
}

void HttpsTest::forwardedProtoSeenByWebServer() {
    const std::string plainTrace = "11111111111111111111111111111111";
    const std::string tlsTrace = "22222222222222222222222222222222";
    // A client's own value is replaced, never passed on.
    getHttp("GET", "/", {},
            {{"traceparent", formatTraceparent(plainTrace, newSpanId())},
             {"X-Forwarded-Proto", "https"}});
    TlsRequest request;
    request.traceparent = formatTraceparent(tlsTrace, newSpanId());
    QCOMPARE(getHttps(request).status, 200);

    const auto headerAtWeb = [this](const std::string& traceId) {
        const auto record = waitForTrace(traceId);
        for (const auto& span : record.spans) {
            if (span.node.starts_with("web-")) {
                for (const auto& [name, value] : span.requestHeaders) {
                    if (name == "X-Forwarded-Proto") {
                        return value;
                    }
                }
            }
        }
        return std::string("(missing)");
    };
    QCOMPARE(headerAtWeb(plainTrace), std::string("http"));
    QCOMPARE(headerAtWeb(tlsTrace), std::string("https"));
}

void HttpsTest::phasesAreOrdered() {
    const std::string traceId = "33333333333333333333333333333333";
    TlsRequest request;
    request.target = "/api/whoami";
    request.traceparent = formatTraceparent(traceId, newSpanId());
    QCOMPARE(getHttps(request).status, 200);

    const auto record = waitForTrace(traceId);
    const Span* lb = spanAt(record, "lb-1");
    QVERIFY(lb != nullptr);
    std::map<std::string, SpanPhase> phases;
    for (const auto& phase : lb->phases) {
        QVERIFY2(phase.startUs <= phase.endUs, phase.name.c_str());
        QVERIFY2(phase.startUs >= lb->startUs && phase.endUs <= lb->endUs, phase.name.c_str());
        phases.emplace(phase.name, phase);
    }
    QVERIFY(phases.contains("tls-handshake"));
    QVERIFY(phases.contains("queue"));
    QVERIFY(phases.contains("upstream-connect"));
    QCOMPARE(lb->phases.front().name, std::string("tls-handshake"));
    QCOMPARE(lb->startUs, phases["tls-handshake"].startUs);
    QVERIFY(phases["tls-handshake"].endUs <= phases["queue"].startUs);
    QVERIFY(phases["queue"].endUs <= phases["upstream-connect"].startUs);

    // The web server's own hop connects to the application server, and has no TLS.
    const Span* web = nullptr;
    for (const auto& span : record.spans) {
        web = span.node.starts_with("web-") ? &span : web;
    }
    QVERIFY(web != nullptr);
    QVERIFY(!web->encrypted);
    QCOMPARE(web->phases.size(), std::size_t{1});
    QCOMPARE(web->phases.front().name, std::string("upstream-connect"));
    QVERIFY(web->phases.front().startUs >= web->startUs);
}

void HttpsTest::harHasSslAndConnect() {
    QCOMPARE(getHttps().status, 200);
    QVERIFY(waitFor([this] { return !engine_->tracer().recentRequests(1).empty(); }));

    const auto reply = httpRequest("127.0.0.1", engine_->adminPort(), "GET", "/har?last=1");
    QCOMPARE(reply.status, 200);
    const auto entry = QJsonDocument::fromJson(QByteArray::fromStdString(reply.body))
                           .object()["log"]
                           .toObject()["entries"]
                           .toArray()
                           .first()
                           .toObject();
    const auto timings = entry["timings"].toObject();
    QVERIFY(timings["ssl"].toDouble() >= 0);
    QCOMPARE(timings["connect"].toDouble(), timings["ssl"].toDouble());
    QVERIFY(timings["wait"].toDouble() >= 0);
    QVERIFY(entry["request"].toObject()["url"].toString().startsWith("https://www.foobar.com"));
}

void HttpsTest::servicesListHttpsUrl() {
    const auto url =
        "https://" + addressOf(*engine_, "lb-1") + ":" + std::to_string(engine_->https().port);
    const auto services = engine_->services();
    QVERIFY(std::any_of(services.begin(), services.end(), [&url](const ServiceInfo& service) {
        return service.name == "lb-1" && service.url == url;
    }));
}

void HttpsTest::failedBalancerClosesHttps() {
    const auto port = engine_->https().port;
    QVERIFY(engine_->fail("lb-1").empty());
    const auto down = getHttps();
    QCOMPARE(down.status, 0);
    QVERIFY2(contains(down.error, "refused"), down.error.c_str());

    QVERIFY(engine_->restore("lb-1").empty());
    QCOMPARE(engine_->https().port, port);
    QCOMPARE(getHttps().status, 200);
}

void HttpsTest::builtInClientUsesHttps() {
    std::promise<ClientResult> done;
    auto result = done.get_future();
    ClientRequest request;
    request.path = "/api/whoami";
    engine_->sendRequest(request, [&done](const ClientResult& reply) { done.set_value(reply); });
    QCOMPARE(result.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    const auto reply = result.get();
    QVERIFY2(reply.error.empty(), reply.error.c_str());
    QCOMPARE(reply.status, 200);

    const auto record = waitForTrace(reply.traceId);
    const Span* lb = spanAt(record, "lb-1");
    QVERIFY(lb != nullptr);
    QVERIFY(lb->encrypted);
    QVERIFY(!contains(lb->wireRequest, "GET /api/whoami"));
    const Span* client = spanAt(record, "client");
    QVERIFY(client != nullptr);
    QCOMPARE(client->phases.size(), std::size_t{2});
    QCOMPARE(client->phases[0].name, std::string("connect"));
    QCOMPARE(client->phases[1].name, std::string("tls-handshake"));
    QVERIFY(client->phases[0].endUs <= client->phases[1].startUs);
    QVERIFY(client->phases[1].startUs <= client->phases[1].endUs);
}

// Over HTTPS a load run keeps its connections, and with them their TLS sessions: only the
// requests that opened a connection pay for a handshake.
void HttpsTest::loadRunReusesTlsConnections() {
    LoadSettings settings;
    settings.rate = 50;
    settings.duration = std::chrono::seconds(2);
    QCOMPARE(engine_->startLoad(settings), std::string());
    const auto summary = waitForLoadSummary(*engine_);
    QCOMPARE(summary.state, std::string("finished"));
    QCOMPARE(summary.succeeded, std::uint64_t{100});
    // A request every 20 ms, each taking a few: a handful of connections carry them all, and a
    // quarter leaves room for a slow machine.
    QVERIFY2(summary.newConnections <= 25, std::to_string(summary.newConnections).c_str());
    QCOMPARE(summary.reusedConnections, summary.sent - summary.newConnections);

    std::uint64_t handshakes = 0;
    std::uint64_t encryptedAtBalancer = 0;
    for (const auto& shared : engine_->tracer().drainSpans()) {
        const Span& span = *shared;
        if (span.node == "client" && span.entry) {
            for (const auto& phase : span.phases) {
                handshakes += phase.name == "tls-handshake" ? 1 : 0;
            }
        }
        if (span.node == "lb-1" && span.encrypted && !contains(span.wireRequest, "GET /")) {
            ++encryptedAtBalancer;
        }
    }
    QCOMPARE(handshakes, summary.newConnections);
    QCOMPARE(encryptedAtBalancer, summary.sent);
}

void HttpsTest::adminSetsRedirect() {
    const auto admin = engine_->adminPort();
    const auto before = httpRequest("127.0.0.1", admin, "GET", "/https");
    QCOMPARE(before.status, 200);
    QVERIFY(contains(before.body, R"("redirectHttps": false)"));
    QVERIFY(contains(before.body, engine_->https().fingerprint));

    const auto set = httpRequest("127.0.0.1", admin, "POST", "/https",
                                 R"({"redirectHttps": true, "forceHttps": true})");
    QCOMPARE(set.status, 200);
    QVERIFY(contains(set.body, R"("redirectHttps": true)"));
    QVERIFY(contains(set.body, R"("forceHttps": true)"));
    QCOMPARE(getHttp("GET", "/").status, 308);

    const auto invalid =
        httpRequest("127.0.0.1", admin, "POST", "/https", R"({"redirectHttps": 1})");
    QCOMPARE(invalid.status, 400);
}

QTEST_GUILESS_MAIN(HttpsTest)
#include "test_https.moc"
