#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "dns_message.h"
#include "fault.h"
#include "firewall.h"
#include "trace.h"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace wsl {

// An authoritative DNS server for one zone over UDP. The socket's handlers run on one strand
// of an io_context that any number of threads may run. The handlers own the socket through a
// shared pointer, so the server may be destroyed while some of them are still queued. The
// tracer must outlive the io_context's handlers.
class DnsServer {
public:
    // How long start() waits for the socket of the previous stop() to close.
    static constexpr std::chrono::milliseconds kCloseWait{2000};

    // Throws std::invalid_argument when validateDnsZone rejects the zone. `faults` (null: none)
    // can make the server ignore queries (hang), delay replies (slow) or send SERVFAIL (error).
    DnsServer(boost::asio::io_context& io, std::string name, DnsZone zone, Tracer& tracer,
              std::shared_ptr<FaultInjector> faults = nullptr);
    ~DnsServer();

    DnsServer(const DnsServer&) = delete;
    DnsServer& operator=(const DnsServer&) = delete;

    // Binds UDP on address:port, where port 0 lets the OS choose, and returns the bound port.
    // Throws std::system_error when the address is invalid or the bind fails, and
    // std::logic_error when the server is already running. A start after stop() first waits
    // for the previous socket to close, for up to kCloseWait.
    std::uint16_t start(const std::string& address, std::uint16_t port);

    // Closes the socket on its strand, so later queries get ICMP port unreachable like a host
    // whose server is down. Safe from any thread and more than once.
    void stop();

    bool running() const;
    // Screens every datagram before it is parsed; takes effect at the next start(). A datagram
    // the screen does not allow is ignored without a reply.
    void setScreen(ConnectionScreen screen);
    std::uint64_t queriesAnswered() const;
    std::uint64_t queriesIgnored() const;

private:
    struct Counters;
    class Listener;

    boost::asio::io_context& io_;
    const std::string name_;
    const DnsZone zone_;
    Tracer& tracer_;
    const std::shared_ptr<Counters> counters_;
    const std::shared_ptr<FaultInjector> faults_;

    mutable std::mutex mutex_;
    ConnectionScreen screen_;
    std::shared_ptr<Listener> listener_;  // the open socket, null while stopped
    std::shared_ptr<Listener> closing_;   // the socket that the last stop() closes
};

}  // namespace wsl
