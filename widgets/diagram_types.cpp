#include "diagram_types.h"

#include <QCoreApplication>

namespace wsl {

QString displayName(NodeRole role) {
    switch (role) {
        case NodeRole::Client:
            return QCoreApplication::translate("DiagramNode", "Client");
        case NodeRole::ExternalClient:
            return QCoreApplication::translate("DiagramNode", "External client");
        case NodeRole::Dns:
            return QCoreApplication::translate("DiagramNode", "DNS server");
        case NodeRole::LoadBalancer:
            return QCoreApplication::translate("DiagramNode", "Load balancer");
        case NodeRole::WebServer:
            return QCoreApplication::translate("DiagramNode", "Web server");
        case NodeRole::AppServer:
            return QCoreApplication::translate("DiagramNode", "Application server");
        case NodeRole::Database:
            return QCoreApplication::translate("DiagramNode", "Database");
        case NodeRole::Collector:
            return QCoreApplication::translate("DiagramNode", "Monitoring collector");
        case NodeRole::Firewall:
            return QCoreApplication::translate("DiagramNode", "Firewall");
    }
    return {};
}

QString displayName(NodeHealth health) {
    switch (health) {
        case NodeHealth::Up:
            return QCoreApplication::translate("DiagramNode", "Up");
        case NodeHealth::GoingDown:
            return QCoreApplication::translate("DiagramNode", "Going down");
        case NodeHealth::Down:
            return QCoreApplication::translate("DiagramNode", "Down");
        case NodeHealth::GoingUp:
            return QCoreApplication::translate("DiagramNode", "Going up");
        case NodeHealth::Maintenance:
            return QCoreApplication::translate("DiagramNode", "Out of rotation");
    }
    return {};
}

}  // namespace wsl
