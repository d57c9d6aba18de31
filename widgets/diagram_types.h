#pragma once

#include <QList>
#include <QString>

namespace wsl {

enum class NodeRole {
    Client,
    ExternalClient,
    Dns,
    LoadBalancer,
    WebServer,
    AppServer,
    Database,
    Collector,
    Firewall,
};

// Maintenance: an operator took the node out of rotation (drain or maintenance) while it still
// listens.
enum class NodeHealth { Up, GoingDown, Down, GoingUp, Maintenance };

struct DiagramNode {
    QString name;
    NodeRole role = NodeRole::Client;
    QString address;        // host:port such as "127.0.10.1:8080", or empty
    bool replica = false;   // databases only
    QString host = {};      // nodes sharing a host are drawn inside one frame
    QString protects = {};  // firewalls only: the protected node
};

// A "sends requests to" edge of the diagram, between two node names.
struct DiagramLink {
    QString from;
    QString to;
};

// Metrics: a monitoring agent's push to the collector, drawn small.
enum class LegKind { Request, Response, ErrorResponse, DnsQuery, DnsResponse, Refused, Metrics };

// One hop of a request, drawn as one packet moving from `from` to `to`.
struct Leg {
    QString from;
    QString to;
    LegKind kind = LegKind::Request;
    QString label;  // shown beside the packet, e.g. "GET /" or "200"
};

// The hops of one traced request, played one leg after another.
struct Trip {
    QString traceId;
    QList<Leg> legs;
};

// Translated names for tooltips and menus.
QString displayName(NodeRole role);
QString displayName(NodeHealth health);

}  // namespace wsl
