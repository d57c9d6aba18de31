#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace wsl {

// The effect of an injected fault on a node. `Down` closes the listener (see Engine::fail); the
// other modes act on each request the node receives, health checks included.
enum class FaultMode {
    None,
    Down,
    Hang,   // accept and read the request, never respond
    Slow,   // respond `delay` later than the handler would
    Error,  // respond `status` to a random `share` of requests
};

const char* faultModeName(FaultMode mode);
std::optional<FaultMode> faultModeFromName(std::string_view name);

struct FaultSettings {
    FaultMode mode = FaultMode::None;
    std::chrono::milliseconds delay{0};  // Slow
    double share = 1.0;                  // Error: fraction of requests, from 0 to 1
    int status = 500;                    // Error: 500 to 599; DNS sends SERVFAIL instead
    // Error: restarts the random generator, so that the same requests fail on every run of a
    // test. Without it the generator continues from its current state.
    std::optional<std::uint64_t> seed;
};

// Upper bound of the Slow delay: a minute keeps a mistyped value from holding connections for
// hours, and is far beyond every client and health-check timeout of the lab.
inline constexpr std::chrono::milliseconds kMaxFaultDelay{60000};

// Returns why the settings cannot be applied, or an empty string when they can.
std::string validateFault(const FaultSettings& settings);

// A one-line description for events: "slow: +300 ms per request".
std::string describeFault(const FaultSettings& settings);

// The fault applied to one request.
struct FaultAction {
    FaultMode mode = FaultMode::None;  // None: serve it normally
    std::chrono::milliseconds delay{0};
    int status = 0;
};

// The fault state of one node, shared by the node and its server. Thread-safe: requests on
// every network thread draw from it while the admin interface changes it.
class FaultInjector {
public:
    FaultInjector();

    void set(const FaultSettings& settings);
    FaultSettings settings() const;

    // Decides the fate of one request; under Error this draws from the random generator.
    FaultAction next();

    // Runs `listener` after every set() that leaves Hang, so that a server can release the
    // requests it holds. Every server of the node adds one (a balancer of a pair has a second
    // listener on the virtual address).
    void onHangReleased(std::function<void()> listener);

private:
    mutable std::mutex mutex_;
    FaultSettings settings_;
    // Whether next() has nothing to draw. Every request of every node reads it, and a node is
    // seldom broken, so it is read without the lock.
    std::atomic<bool> quiet_{true};
    std::mt19937_64 random_;
    std::vector<std::function<void()>> hangReleased_;
};

}  // namespace wsl
