#pragma once

#include <functional>
#include <string>
#include <vector>

#include "topology.h"

namespace wsl {

// A service the site gives its visitors: static pages, API reads or API writes.
enum class SiteFunction { Pages, Reads, Writes };

const char* siteFunctionName(SiteFunction function);

// A failure unit whose failure alone stops one or more functions that work now. The unit is a
// node, or a host when nodes share one, because nodes on one host fail together.
struct SinglePointOfFailure {
    std::string name;
    std::vector<std::string> members;  // the nodes on a host; the node itself otherwise
    std::vector<SiteFunction> stops;   // in the order pages, reads, writes
};

struct SpofReport {
    std::vector<SinglePointOfFailure> points;  // in topology order
};

// Finds every single point of failure of `topology` given which nodes are up now. `primary` is
// the database accepting writes (empty: the first database that is not a replica).
//
// The dependency rules follow what the engine does:
// - Every function needs the first DNS server, because the built-in client resolves the
//   domain there and queries no other.
// - Then the entry. With a pair's virtual address, any load balancer up takes the address.
//   Without a pair it is the first load balancer, and without balancers the first web server.
// - Behind a balancer, any web server up serves pages; a web server reaches any app server up.
// - Reads need a replica or the primary (the app server falls back to the primary).
// - Writes need the primary; with automatic promotion on (autoPromoteAfter > 0) a replica up
//   takes over, so the primary alone stops writes only while promotion is by hand.
// - Clients and the collector serve no visitor; firewalls run on their node and fail with it.
SpofReport analyseSpof(const Topology& topology,
                       const std::function<bool(const std::string& node)>& isUp,
                       const std::string& primary = {});

}  // namespace wsl
