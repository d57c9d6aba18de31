#include "request_types.h"

#include <QCoreApplication>

namespace wsl {

QStringList outcome::all() {
    return {kOk, kRefused, kTimeout, kReset, kBlocked, kError};
}

QString client::label(const QString& clientId) {
    if (clientId == kBuiltIn) {
        return QCoreApplication::translate("RequestView", "built-in");
    }
    if (clientId == kCurl) {
        return QCoreApplication::translate("RequestView", "curl");
    }
    if (clientId == kBrowser) {
        return QCoreApplication::translate("RequestView", "browser");
    }
    if (clientId == kOther) {
        return QCoreApplication::translate("RequestView", "other");
    }
    if (clientId == kUnknown) {
        return QCoreApplication::translate("RequestView", "unknown");
    }
    return clientId;
}

QString clientFromUserAgent(const QString& userAgent) {
    const QString agent = userAgent.trimmed();
    if (agent.startsWith(QLatin1String("webstack-lab-client"))) {
        return client::kBuiltIn;
    }
    if (agent.startsWith(QLatin1String("curl/"), Qt::CaseInsensitive)) {
        return client::kCurl;
    }
    if (agent.startsWith(QLatin1String("Mozilla/"))) {
        return client::kBrowser;
    }
    return client::kOther;
}

QString headerValue(const HeaderPairs& headers, const QString& name) {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

RequestView withDerivedFields(RequestView request) {
    if (request.hops.isEmpty()) {
        return request;
    }
    const HopView& entry = request.hops.first();

    if (request.client.isEmpty()) {
        request.client = clientFromUserAgent(headerValue(entry.requestHeaders, "User-Agent"));
    }
    if (request.outcome.isEmpty()) {
        request.outcome = entry.outcome;
    }
    if (request.route.isEmpty()) {
        for (const HopView& hop : std::as_const(request.hops)) {
            if (!request.route.contains(hop.node)) {
                request.route.append(hop.node);
            }
        }
    }
    return request;
}

QList<int> failedHops(const RequestView& request) {
    QList<int> failed;
    for (int i = 0; i < request.hops.size(); ++i) {
        if (request.hops.at(i).outcome != outcome::kOk) {
            failed.append(i);
        }
    }
    return failed;
}

QList<int> hopDepths(const QList<HopView>& hops) {
    QList<int> depths(hops.size(), 0);
    for (int i = 0; i < hops.size(); ++i) {
        const QString& peer = hops.at(i).peer;
        for (int parent = i - 1; parent >= 0; --parent) {
            if (!peer.isEmpty() && hops.at(parent).node == peer) {
                depths[i] = depths.at(parent) + 1;
                break;
            }
        }
    }
    return depths;
}

bool isDatabaseHop(const HopView& hop) {
    return hop.protocol == QLatin1String("http") && !hop.detail.isEmpty() &&
           hop.node.startsWith(QLatin1String("db-"));
}

}  // namespace wsl
