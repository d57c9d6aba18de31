#include "balancer_settings.h"

#include <array>
#include <utility>

namespace wsl {

namespace {

// More tries than this only repeats the same few backends.
constexpr int kMaxTries = 100;

constexpr std::array<std::pair<BalanceAlgorithm, const char*>, 4> kAlgorithmNames{{
    {BalanceAlgorithm::RoundRobin, "round-robin"},
    {BalanceAlgorithm::WeightedRoundRobin, "weighted-round-robin"},
    {BalanceAlgorithm::LeastConnections, "least-connections"},
    {BalanceAlgorithm::SourceHash, "source-hash"},
}};

}  // namespace

const char* balanceAlgorithmName(BalanceAlgorithm algorithm) {
    for (const auto& [value, name] : kAlgorithmNames) {
        if (value == algorithm) {
            return name;
        }
    }
    return "round-robin";
}

std::optional<BalanceAlgorithm> balanceAlgorithmFromName(const std::string& name) {
    for (const auto& [value, known] : kAlgorithmNames) {
        if (name == known) {
            return value;
        }
    }
    return std::nullopt;
}

const char* backendModeName(BackendMode mode) {
    switch (mode) {
        case BackendMode::Ready:
            return "ready";
        case BackendMode::Drain:
            return "drain";
        case BackendMode::Maintenance:
            return "maint";
    }
    return "ready";
}

std::string validateBalancerSettings(const BalancerSettings& settings) {
    if (settings.maxTries < 0 || settings.maxTries > kMaxTries) {
        return "maxTries must be between 0 (one per backend) and " + std::to_string(kMaxTries) +
               ", not " + std::to_string(settings.maxTries);
    }
    return {};
}

}  // namespace wsl
