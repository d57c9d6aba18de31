#pragma once

#include <QList>
#include <QString>

namespace wsl {

enum class NodeRole { Client, ExternalClient, Dns, LoadBalancer, WebServer, AppServer, Database };

enum class NodeHealth { Up, GoingDown, Down, GoingUp };

struct DiagramNode {
    QString name;
    NodeRole role = NodeRole::Client;
    QString address;       // host:port such as "127.0.10.1:8080", or empty
    bool replica = false;  // databases only
    QString host = {};     // nodes sharing a host are drawn inside one frame
};

// A "sends requests to" edge of the diagram, between two node names.
struct DiagramLink {
    QString from;
    QString to;
};

enum class LegKind { Request, Response, ErrorResponse, DnsQuery, DnsResponse, Refused };

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
