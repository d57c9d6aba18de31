#include "trip_builder.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace wsl {

namespace {

using Children = std::multimap<std::string, const Span*>;

bool isFailedConnection(const Span& span) {
    return span.outcome == Outcome::Refused || span.outcome == Outcome::Blocked;
}

Leg responseLeg(const Span& span) {
    const auto from = QString::fromStdString(span.node);
    const auto to = QString::fromStdString(span.peer);
    if (span.protocol == "dns") {
        const bool answered = span.outcome == Outcome::Ok;
        return {from, to, answered ? LegKind::DnsResponse : LegKind::ErrorResponse,
                QString::fromStdString(span.detail)};
    }
    const bool failed = span.status >= 400 || span.status == 0 || span.outcome != Outcome::Ok;
    const auto label = span.status == 0 ? QCoreApplication::translate("TripBuilder", "no response")
                                        : QString::number(span.status);
    return {from, to, failed ? LegKind::ErrorResponse : LegKind::Response, label};
}

void addLegs(const Span& span, const Children& children, QList<Leg>& legs) {
    const bool hasPeer = !span.peer.empty();
    if (hasPeer) {
        legs.append(requestLeg(span));
        if (isFailedConnection(span)) {
            return;
        }
    }

    std::vector<const Span*> caused;
    const auto [first, last] = children.equal_range(span.spanId);
    for (auto it = first; it != last; ++it) {
        caused.push_back(it->second);
    }
    std::sort(caused.begin(), caused.end(),
              [](const Span* a, const Span* b) { return a->startUs < b->startUs; });
    for (const auto* child : caused) {
        addLegs(*child, children, legs);
    }

    if (hasPeer) {
        legs.append(responseLeg(span));
    }
}

}  // namespace

Leg requestLeg(const Span& span) {
    const auto from = QString::fromStdString(span.peer);
    const auto to = QString::fromStdString(span.node);
    // A firewall drops the connection before any request is read, so there is no method.
    if (span.outcome == Outcome::Blocked) {
        return {from, to, LegKind::Refused, QCoreApplication::translate("TripBuilder", "blocked")};
    }
    const auto label = QString::fromStdString(span.method + " " + span.target);
    if (isFailedConnection(span)) {
        return {from, to, LegKind::Refused, label};
    }
    return {from, to, span.protocol == "dns" ? LegKind::DnsQuery : LegKind::Request, label};
}

Trip metricsTrip(const Span& span) {
    const auto from = QString::fromStdString(span.peer);
    const auto to = QString::fromStdString(span.node);
    const bool reached = span.outcome == Outcome::Ok;
    return {QString::fromStdString(span.traceId),
            {{from, to, reached ? LegKind::Metrics : LegKind::Refused, QString()}}};
}

Trip buildTrip(const std::vector<SharedSpan>& spans) {
    Trip trip;
    if (spans.empty()) {
        return trip;
    }
    trip.traceId = QString::fromStdString(spans.front()->traceId);

    Children children;
    for (const auto& span : spans) {
        if (!span->parentSpanId.empty()) {
            children.emplace(span->parentSpanId, span.get());
        }
    }
    // The root is the entry span: its parent, if any, lives outside the engine.
    const auto root =
        std::find_if(spans.begin(), spans.end(), [](const SharedSpan& s) { return s->entry; });
    if (root != spans.end()) {
        addLegs(**root, children, trip.legs);
    }
    return trip;
}

QStringList tripPath(const Trip& trip) {
    QStringList path;
    for (const auto& leg : trip.legs) {
        path.append(leg.from + ">" + leg.to);
    }
    return path;
}

}  // namespace wsl
