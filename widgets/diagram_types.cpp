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
    }
    return {};
}

}  // namespace wsl
