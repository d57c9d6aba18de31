#pragma once

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

namespace wsl {

// The io_contexts that serve the nodes' connections, one per network thread. Each is run by a
// single thread, so a connection handed to one needs no strand: its handlers never run at the
// same time, and its executor copies no shared state. The first is the engine's own io_context,
// so it also runs everything that is not a connection: health checks, DNS and the admin
// interface. The others serve connections only, and a connection keeps the one it was given.
class NetworkContexts {
public:
    // Creates the contexts after `first`, `count` in all. A count of 0 counts as 1.
    NetworkContexts(boost::asio::io_context& first, std::size_t count);
    NetworkContexts(const NetworkContexts&) = delete;
    NetworkContexts& operator=(const NetworkContexts&) = delete;

    std::size_t size() const;
    boost::asio::io_context& at(std::size_t index);
    // Returns the context for a new connection: each in turn.
    boost::asio::io_context& next();
    // Returns `context` as one of these io_contexts, or null when it is not one of them.
    boost::asio::io_context* find(const boost::asio::execution_context* context);

private:
    boost::asio::io_context& first_;
    std::vector<std::unique_ptr<boost::asio::io_context>> others_;
    std::atomic<std::size_t> turn_{0};
};

}  // namespace wsl
