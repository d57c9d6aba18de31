#include "network_contexts.h"

#include <algorithm>

namespace wsl {

NetworkContexts::NetworkContexts(boost::asio::io_context& first, std::size_t count)
    : first_(first) {
    for (std::size_t i = 1; i < std::max<std::size_t>(count, 1); ++i) {
        // A concurrency hint of 1 declares that a single thread runs the context.
        others_.push_back(std::make_unique<boost::asio::io_context>(1));
    }
}

std::size_t NetworkContexts::size() const {
    return others_.size() + 1;
}

boost::asio::io_context& NetworkContexts::at(std::size_t index) {
    return index == 0 ? first_ : *others_.at(index - 1);
}

boost::asio::io_context& NetworkContexts::next() {
    return at(turn_.fetch_add(1, std::memory_order_relaxed) % size());
}

boost::asio::io_context* NetworkContexts::find(const boost::asio::execution_context* context) {
    for (std::size_t i = 0; i < size(); ++i) {
        auto& candidate = at(i);
        if (static_cast<const boost::asio::execution_context*>(&candidate) == context) {
            return &candidate;
        }
    }
    return nullptr;
}

}  // namespace wsl
