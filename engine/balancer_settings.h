#pragma once

#include <optional>
#include <string>

namespace wsl {

// The load balancer's choice of a backend for a new request:
// - round-robin: each backend in turn, weights ignored.
// - weighted-round-robin: nginx's smooth weighted round robin. Weights 3:1:1 give a, b, a, c, a.
// - least-connections: the minimum of requests in flight per unit of weight.
// - source-hash: the client's address chooses (weighted rendezvous hashing), so a removed
//   backend remaps only its own clients.
enum class BalanceAlgorithm { RoundRobin, WeightedRoundRobin, LeastConnections, SourceHash };

const char* balanceAlgorithmName(BalanceAlgorithm algorithm);
std::optional<BalanceAlgorithm> balanceAlgorithmFromName(const std::string& name);

// A backend's administrative state, set by an operator and independent of health checks, as in
// HAProxy's runtime API. Drain and maintenance both stop new requests and let the ones in
// flight finish.
enum class BackendMode { Ready, Drain, Maintenance };

const char* backendModeName(BackendMode mode);

struct BalancerSettings {
    BalanceAlgorithm algorithm = BalanceAlgorithm::RoundRobin;
    // Attempts per request, the first included. 0: as many as there are backends, which is
    // nginx's default (proxy_next_upstream_tries 0).
    int maxTries = 0;
};

// The bounds a setting must respect; empty when valid, otherwise what is wrong with it.
std::string validateBalancerSettings(const BalancerSettings& settings);

// Backend weights, as HAProxy bounds them (1 to 256; drain replaces HAProxy's weight 0).
inline constexpr int kMinBackendWeight = 1;
inline constexpr int kMaxBackendWeight = 256;

}  // namespace wsl
