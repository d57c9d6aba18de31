#include "connection_affinity.h"

namespace wsl {

ConnectionAffinity& ConnectionAffinity::instance() {
    static ConnectionAffinity affinity;
    return affinity;
}

// The engine only binds IPv4 loopback addresses, so address and port fit in one number.
std::uint64_t ConnectionAffinity::keyOf(const boost::asio::ip::tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    const std::uint64_t host = address.is_v4() ? address.to_v4().to_uint() : 0;
    return host << 16 | endpoint.port();
}

void ConnectionAffinity::announce(const boost::asio::ip::tcp::endpoint& source,
                                  boost::asio::execution_context& context, const void* owner) {
    if (!source.address().is_v4()) {
        return;
    }
    std::lock_guard lock(mutex_);
    entries_.insert_or_assign(keyOf(source), Entry{&context, owner});
}

void ConnectionAffinity::withdraw(const boost::asio::ip::tcp::endpoint& source, const void* owner) {
    std::lock_guard lock(mutex_);
    const auto found = entries_.find(keyOf(source));
    if (found != entries_.end() && found->second.owner == owner) {
        entries_.erase(found);
    }
}

boost::asio::execution_context* ConnectionAffinity::take(
    const boost::asio::ip::tcp::endpoint& peer) {
    if (!peer.address().is_v4()) {
        return nullptr;
    }
    std::lock_guard lock(mutex_);
    const auto found = entries_.find(keyOf(peer));
    if (found == entries_.end()) {
        return nullptr;
    }
    auto* context = found->second.context;
    entries_.erase(found);
    return context;
}

}  // namespace wsl
