#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "connection_affinity.h"
#include "http_client.h"
#include "http_server.h"
#include "network_contexts.h"

using namespace wsl;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr const char* kLoopback = "127.0.0.1";
constexpr auto kDeadline = std::chrono::seconds(10);

// Two network contexts, each run by its own thread, as the engine runs them.
class RunningContexts {
public:
    RunningContexts() : contexts_(first_, 2) {
        for (std::size_t i = 0; i < contexts_.size(); ++i) {
            auto& context = contexts_.at(i);
            guards_.emplace_back(asio::make_work_guard(context));
            threads_.emplace_back([&context] { context.run(); });
        }
    }

    // Lets each context run until its work is done, so that nothing of a stopped server is left
    // in a context that is destroyed before another.
    ~RunningContexts() {
        guards_.clear();
        for (auto& thread : threads_) {
            thread.join();
        }
    }

    asio::io_context& first() { return first_; }
    NetworkContexts& contexts() { return contexts_; }

    // Returns the index of the context whose thread calls this, or -1.
    int runningHere() {
        for (std::size_t i = 0; i < contexts_.size(); ++i) {
            if (contexts_.at(i).get_executor().running_in_this_thread()) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

private:
    asio::io_context first_;
    NetworkContexts contexts_;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards_;
    std::vector<std::thread> threads_;
};

// Starts a server whose responses name the context that served the request.
std::unique_ptr<HttpServer> startReportingServer(RunningContexts& running, std::uint16_t& port) {
    HttpServer::Options options;
    options.name = "web-1";
    options.connectionContexts = &running.contexts();
    auto server = std::make_unique<HttpServer>(
        running.first(), options,
        [&running](HttpRequest& request, RequestContext&) -> asio::awaitable<HttpResponse> {
            HttpResponse response{http::status::ok, request.version()};
            response.body() = std::to_string(running.runningHere());
            response.prepare_payload();
            co_return response;
        });
    port = server->start(kLoopback, 0);
    return server;
}

// Sends one request on a new connection bound to the loopback address and puts the body in
// `reply`.
asio::awaitable<void> exchange(std::uint16_t port,
                               std::shared_ptr<std::promise<std::string>> reply) {
    HttpRequest request{http::verb::get, "/", 11};
    request.set(http::field::host, kLoopback);
    request.set(http::field::connection, "close");
    // A named variable, because the coroutine keeps a reference to the target.
    const UpstreamTarget target{"web-1", kLoopback, port};
    const auto result = co_await sendHttpRequest(kLoopback, target, std::move(request),
                                                 std::chrono::seconds(5), nullptr);
    reply->set_value(result.response ? result.response->body() : "no response: " + result.error);
}

// Sends one request from a coroutine started on context `index`'s thread, and returns the
// body: the context that served it.
std::string sendFrom(RunningContexts& running, std::size_t index, std::uint16_t port) {
    auto reply = std::make_shared<std::promise<std::string>>();
    auto body = reply->get_future();
    auto& context = running.contexts().at(index);
    // The exchange starts on that context's thread, as a node's request would.
    asio::post(context, [&context, port, reply] {
        asio::co_spawn(context, exchange(port, reply), asio::detached);
    });
    if (body.wait_for(kDeadline) != std::future_status::ready) {
        return "no reply within the deadline";
    }
    return body.get();
}

// Connects with a plain socket, as a client outside the engine does, and returns the body.
std::string sendFromOutside(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    ::inet_pton(AF_INET, kLoopback, &remote.sin_addr);
    std::string received;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) == 0) {
        const std::string request = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
        char buffer[1024];
        for (ssize_t count; (count = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
            received.append(buffer, static_cast<std::size_t>(count));
        }
    }
    ::close(fd);
    const auto body = received.find("\r\n\r\n");
    return body == std::string::npos ? "no response" : received.substr(body + 4);
}

}  // namespace

class ConnectionAffinityTest : public QObject {
    Q_OBJECT

private slots:
    void engineConnectionServedOnOpenerThread();
    void outsideConnectionsTakeTurns();
    void entryTakenOnceWithdrawnByOwner();
    void newerOwnerKeepsReusedPort();
};

// Round robin alone would serve the second and third connections on the other context.
void ConnectionAffinityTest::engineConnectionServedOnOpenerThread() {
    RunningContexts running;
    std::uint16_t port = 0;
    const auto server = startReportingServer(running, port);

    for (const std::size_t index : {0, 0, 1, 1}) {
        QCOMPARE(sendFrom(running, index, port), std::to_string(index));
    }
    server->stop();
}

void ConnectionAffinityTest::outsideConnectionsTakeTurns() {
    RunningContexts running;
    std::uint16_t port = 0;
    const auto server = startReportingServer(running, port);

    const auto first = sendFromOutside(port);
    const auto second = sendFromOutside(port);
    QVERIFY2(first == "0" || first == "1", first.c_str());
    QVERIFY2(second == "0" || second == "1", second.c_str());
    QVERIFY(first != second);
    server->stop();
}

void ConnectionAffinityTest::entryTakenOnceWithdrawnByOwner() {
    auto& affinity = ConnectionAffinity::instance();
    asio::io_context context;
    const tcp::endpoint source{asio::ip::make_address("127.0.0.7"), 40001};
    const int owners[2] = {0, 0};
    const int* owner = &owners[0];
    const int* other = &owners[1];

    QCOMPARE(affinity.take(source), nullptr);
    affinity.announce(source, context, owner);
    QCOMPARE(affinity.take(source), static_cast<asio::execution_context*>(&context));
    QCOMPARE(affinity.take(source), nullptr);

    affinity.announce(source, context, owner);
    affinity.withdraw(source, other);
    QCOMPARE(affinity.take(source), static_cast<asio::execution_context*>(&context));

    affinity.announce(source, context, owner);
    affinity.withdraw(source, owner);
    QCOMPARE(affinity.take(source), nullptr);
}

// A port freed by one socket and bound by another: the first one's late withdraw() leaves the
// second one's entry.
void ConnectionAffinityTest::newerOwnerKeepsReusedPort() {
    auto& affinity = ConnectionAffinity::instance();
    asio::io_context older;
    asio::io_context newer;
    const tcp::endpoint source{asio::ip::make_address("127.0.0.7"), 40002};
    const int owners[2] = {0, 0};

    affinity.announce(source, older, &owners[0]);
    affinity.announce(source, newer, &owners[1]);
    affinity.withdraw(source, &owners[0]);
    QCOMPARE(affinity.take(source), static_cast<asio::execution_context*>(&newer));
}

QTEST_GUILESS_MAIN(ConnectionAffinityTest)
#include "test_connection_affinity.moc"
