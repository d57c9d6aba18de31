// The balancing algorithms of BackendPool. Every function here runs with the pool's mutex held.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "backend_pool.h"

namespace wsl {

namespace {

// FNV-1a, then the splitmix64 finaliser: short keys that differ in one byte (127.0.0.2 and
// 127.0.0.3) must land far apart.
std::uint64_t hashKey(const std::string& key) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const unsigned char c : key) {
        hash = (hash ^ c) * 1099511628211ull;
    }
    hash ^= hash >> 30;
    hash *= 0xbf58476d1ce4e5b9ull;
    hash ^= hash >> 27;
    hash *= 0x94d049bb133111ebull;
    return hash ^ (hash >> 31);
}

// Weighted rendezvous hashing: each backend scores the key, the highest score wins. A backend
// that leaves takes only the keys it won; every other key keeps its backend.
double rendezvousScore(const std::string& sourceAddress, const BackendStatus& backend) {
    const auto hash = hashKey(sourceAddress + '|' + backend.target.node);
    // A uniform number in (0, 1), never 0 or 1, so that the logarithm is finite and negative.
    const double uniform = (static_cast<double>(hash >> 11) + 0.5) / 9007199254740992.0;
    return -static_cast<double>(backend.weight) / std::log(uniform);
}

}  // namespace

// Active backends while any receives traffic, the backups otherwise; less those in `exclude`.
std::vector<std::size_t> BackendPool::candidatesLocked(
    const std::vector<std::string>& exclude) const {
    const bool backups = backupsServeLocked();
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < backends_.size(); ++i) {
        const auto& backend = backends_[i];
        const bool excluded =
            std::find(exclude.begin(), exclude.end(), backend.target.node) != exclude.end();
        if (backend.backup == backups && receivesTraffic(backend) && !excluded) {
            candidates.push_back(i);
        }
    }
    return candidates;
}

std::size_t BackendPool::chooseLocked(const std::vector<std::size_t>& candidates,
                                      const std::string& sourceAddress) {
    switch (algorithm_) {
        case BalanceAlgorithm::RoundRobin:
            return roundRobinLocked(candidates);
        case BalanceAlgorithm::WeightedRoundRobin:
            return weightedRoundRobinLocked(candidates);
        case BalanceAlgorithm::LeastConnections:
            return leastConnectionsLocked(candidates);
        case BalanceAlgorithm::SourceHash:
            return sourceHashLocked(candidates, sourceAddress);
    }
    return candidates.front();
}

std::size_t BackendPool::roundRobinLocked(const std::vector<std::size_t>& candidates) {
    for (std::size_t tried = 0; tried < backends_.size(); ++tried) {
        const auto index = next_ % backends_.size();
        next_ = (next_ + 1) % backends_.size();
        if (std::find(candidates.begin(), candidates.end(), index) != candidates.end()) {
            return index;
        }
    }
    return candidates.front();
}

// nginx's smooth weighted round robin: every candidate gains its weight, the highest score
// wins and pays back the sum of the weights, so that a heavy backend's turns are spread out.
std::size_t BackendPool::weightedRoundRobinLocked(const std::vector<std::size_t>& candidates) {
    int total = 0;
    std::size_t best = candidates.front();
    for (const auto index : candidates) {
        auto& backend = backends_[index];
        backend.currentWeight += backend.weight;
        total += backend.weight;
        if (backend.currentWeight > backends_[best].currentWeight) {
            best = index;
        }
    }
    backends_[best].currentWeight -= total;
    return best;
}

// Fewest requests in flight per unit of weight; ties go round in turn so that idle backends
// share the load.
std::size_t BackendPool::leastConnectionsLocked(const std::vector<std::size_t>& candidates) {
    const auto fewer = [this](std::size_t a, std::size_t b) {
        const auto& left = backends_[a];
        const auto& right = backends_[b];
        return left.inFlight * static_cast<std::uint64_t>(right.weight) <
               right.inFlight * static_cast<std::uint64_t>(left.weight);
    };
    std::optional<std::size_t> best;
    for (std::size_t offset = 0; offset < backends_.size(); ++offset) {
        const auto index = (next_ + offset) % backends_.size();
        const bool candidate =
            std::find(candidates.begin(), candidates.end(), index) != candidates.end();
        if (candidate && (!best || fewer(index, *best))) {
            best = index;
        }
    }
    next_ = (*best + 1) % backends_.size();
    return *best;
}

std::size_t BackendPool::sourceHashLocked(const std::vector<std::size_t>& candidates,
                                          const std::string& sourceAddress) const {
    std::size_t best = candidates.front();
    double bestScore = rendezvousScore(sourceAddress, backends_[best]);
    for (const auto index : candidates) {
        const double score = rendezvousScore(sourceAddress, backends_[index]);
        if (score > bestScore) {
            best = index;
            bestScore = score;
        }
    }
    return best;
}

}  // namespace wsl
