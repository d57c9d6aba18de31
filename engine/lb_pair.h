#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace wsl {

class HttpNode;
class Tracer;

// Settings of two load balancers that share a virtual address, as keepalived does with VRRP.
// The active one (MASTER) listens on the virtual address as well as on its own, and both send
// heartbeats. The backup binds the address after `missedHeartbeats` intervals of silence.
struct LoadBalancerPairSettings {
    std::string virtualAddress;  // an IPv4 address in 127.0.0.0/8, or empty for no pair
    // The default advertisement interval of VRRP (RFC 3768) and of keepalived's `advert_int`.
    std::chrono::milliseconds heartbeatInterval{1000};
    // VRRP's Master_Down_Interval is three advertisement intervals plus a skew under one.
    int missedHeartbeats = 3;
    // Whether the balancer with the higher priority takes the address back when it returns,
    // as keepalived does unless `nopreempt` is set.
    bool preempt = true;
};

// One balancer of the pair, as GET /vip reports it.
struct PairMemberStatus {
    std::string node;
    std::string address;
    std::uint16_t heartbeatPort = 0;  // UDP, chosen by the OS
    int priority = 0;
    std::string state;  // keepalived's names: "MASTER", "BACKUP" or "FAULT" (node stopped)
    std::uint64_t heartbeatsSent = 0;
    std::uint64_t heartbeatsReceived = 0;
    int missedHeartbeats = 0;     // whole intervals since the peer's last heartbeat
    std::uint64_t takeovers = 0;  // times this balancer bound the virtual address
};

struct VirtualAddressStatus {
    std::string address;
    std::uint16_t port = 0;
    std::string holder;  // the MASTER's name, empty while no balancer has bound the address
    LoadBalancerPairSettings settings;
    std::vector<PairMemberStatus> members;  // in priority order, highest first
};

// Runs the heartbeats and the virtual-address election of two load balancers. Each balancer
// has its own UDP socket on its own address and its own strand. The two share no state, so
// each learns about the other only from the datagrams they exchange.
class LoadBalancerPair {
public:
    // `first` has the higher priority. The virtual address listens on `port`.
    LoadBalancerPair(boost::asio::io_context& io, Tracer& tracer, LoadBalancerPairSettings settings,
                     HttpNode& first, HttpNode& second, std::uint16_t port,
                     const std::string& instanceId);
    ~LoadBalancerPair();
    LoadBalancerPair(const LoadBalancerPair&) = delete;
    LoadBalancerPair& operator=(const LoadBalancerPair&) = delete;

    // Binds both heartbeat sockets and binds the virtual address on the first balancer before
    // it returns, so that the address accepts connections at once. Throws std::system_error
    // when a socket or the virtual address cannot be bound.
    void start();
    void stop();

    // Makes both members look at their node's state now rather than at their next heartbeat,
    // so that a failed balancer falls silent at once and a restored one speaks at once.
    void nodeStateChanged();

    // Returns the name of the MASTER, empty when no balancer has bound the virtual address.
    std::string holder() const;
    VirtualAddressStatus status() const;

private:
    class Member;

    const LoadBalancerPairSettings settings_;
    const std::uint16_t port_;
    std::shared_ptr<Member> first_;
    std::shared_ptr<Member> second_;
};

}  // namespace wsl
