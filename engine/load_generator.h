#pragma once

#include <utility>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include "builtin_client.h"
#include "latency_histogram.h"
#include "trace.h"

namespace wsl {

class NetworkContexts;

enum class LoadMode { Rate, Users };

// One load run: a constant request rate or a number of users who each send the next request
// when the previous one ends, with a mix of request kinds given as shares.
struct LoadSettings {
    LoadMode mode = LoadMode::Rate;
    int rate = 0;             // requests per second, mode Rate
    int users = 0;            // concurrent users, mode Users
    double pageShare = 1.0;   // GET /
    double readShare = 0.0;   // GET /api/messages
    double writeShare = 0.0;  // POST /api/messages
    std::chrono::seconds duration{10};
    // Whether requests reuse idle keep-alive connections, as a browser's do, or each opens a
    // new connection and shows its setup time.
    bool keepAlive = true;

    static constexpr int kMaxRate = 5000;
    static constexpr int kMaxUsers = 500;
    static constexpr std::chrono::seconds kMaxDuration{3600};
};

// Returns an error message naming the first invalid setting, empty when they are valid.
std::string validateLoad(const LoadSettings& settings);

// The counts of a run so far, or of the last run once it has ended.
struct LoadStatus {
    std::string state = "idle";  // "idle", "running", "stopping", "finished" or "stopped"
    LoadSettings settings;
    double elapsedSeconds = 0;
    double remainingSeconds = 0;
    std::uint64_t sent = 0;
    std::uint64_t inFlight = 0;
    // Requests in flight that wait for one of the rate mode's kMaxConnections.
    std::uint64_t waiting = 0;
    std::uint64_t succeeded = 0;  // a response below 400
    std::uint64_t status4xx = 0;
    std::uint64_t status5xx = 0;
    std::uint64_t refused = 0;
    std::uint64_t timeout = 0;
    std::uint64_t reset = 0;
    std::uint64_t otherErrors = 0;  // blocked by a firewall, TLS failures and the like
    // Sends the rate mode skipped because kMaxInFlight requests were still waiting.
    std::uint64_t skipped = 0;
    std::uint64_t pages = 0;
    std::uint64_t reads = 0;
    std::uint64_t writes = 0;
    // Finished requests that went over a reused keep-alive connection, and the others, which
    // opened a new one or failed before they had one.
    std::uint64_t reusedConnections = 0;
    std::uint64_t newConnections = 0;
    HistogramSnapshot latency;  // of every finished request, failed ones included
};

// Sends load from the client node to the site's entry through the built-in client, so that
// every request is traced as the client's own. One run at a time.
class LoadGenerator {
public:
    using Sender = std::function<boost::asio::awaitable<ClientResult>(ClientRequest)>;
    // Bounds the requests in flight, so that a stalled site does not pile up connections.
    static constexpr std::uint64_t kMaxInFlight = 2000;
    // Bounds the requests of the rate mode on the wire at once, as a crowd of browsers with one
    // connection each would. A request that finds them all busy waits for one, and its latency
    // includes the wait. Without the bound, a site that falls behind gets a new connection for
    // each late request, and accepting them slows it down further. The bound is above the
    // application servers' default concurrency limit and queue (64 + 32), so that their
    // saturation still shows as 503 responses.
    static constexpr std::size_t kMaxConnections = 256;

    // Reports the end of each run as an event of `tracer`. With `contexts`, requests are spread
    // over the network threads' contexts; without, they run on strands of `io`.
    LoadGenerator(boost::asio::io_context& io, Tracer& tracer, NetworkContexts* contexts = nullptr);
    ~LoadGenerator();

    // Starts a run that sends through `sender` on behalf of node `source`, which the run's
    // events name. Returns an error message, empty on success.
    std::string start(const LoadSettings& settings, Sender sender, std::string source);
    // Ends the run early: no new requests; those in flight finish and are counted.
    void stop();
    LoadStatus status() const;

    // The state of one run, shared with its coroutines.
    struct Run;

private:
    boost::asio::io_context& io_;
    Tracer& tracer_;
    NetworkContexts* contexts_;
    mutable std::mutex mutex_;
    std::shared_ptr<Run> run_;
};

}  // namespace wsl
