#include "request_view_builder.h"

#include <QCoreApplication>

#include <algorithm>

namespace wsl {

namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

HeaderPairs toHeaderPairs(const HeaderList& headers) {
    HeaderPairs pairs;
    pairs.reserve(static_cast<qsizetype>(headers.size()));
    for (const auto& [name, value] : headers) {
        pairs.append({text(name), text(value)});
    }
    return pairs;
}

QByteArray bytes(const std::string& value) {
    return QByteArray(value.data(), static_cast<qsizetype>(value.size()));
}

}  // namespace

HopView toHopView(const Span& span) {
    if (span.deferred) {
        return toHopView(withContent(span));
    }
    HopView hop;
    hop.node = text(span.node);
    hop.peer = text(span.peer);
    hop.protocol = text(span.protocol);
    hop.method = text(span.method);
    hop.target = text(span.target);
    hop.status = span.status;
    hop.outcome = QString::fromLatin1(outcomeName(span.outcome));
    hop.detail = text(span.detail);
    hop.startUs = span.startUs;
    hop.endUs = span.endUs;
    hop.requestHeaders = toHeaderPairs(span.requestHeaders);
    hop.responseHeaders = toHeaderPairs(span.responseHeaders);
    hop.requestBody = bytes(span.requestBody);
    hop.responseBody = bytes(span.responseBody);
    hop.wireRequest = bytes(span.wireRequest);
    hop.wireResponse = bytes(span.wireResponse);
    hop.encrypted = span.encrypted;
    for (const auto& phase : span.phases) {
        hop.phases.append({text(phase.name), phase.startUs, phase.endUs});
    }
    return hop;
}

RequestView toRequestView(const std::vector<SharedSpan>& spans, const Tracer& tracer) {
    RequestView view;
    if (spans.empty()) {
        return view;
    }
    std::vector<const Span*> ordered;
    for (const auto& span : spans) {
        ordered.push_back(span.get());
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Span* a, const Span* b) { return a->startUs < b->startUs; });
    const auto entryIt =
        std::find_if(ordered.begin(), ordered.end(), [](const Span* span) { return span->entry; });
    const Span& entry = entryIt != ordered.end() ? **entryIt : *ordered.front();

    // The built-in client's own span has no HTTP details: its first HTTP hop has them.
    const Span* front = &entry;
    for (const auto* span : ordered) {
        if (entry.peer.empty() && span->parentSpanId == entry.spanId && span->protocol == "http") {
            front = span;
            break;
        }
    }

    view.traceId = text(entry.traceId);
    view.startUs = entry.startUs;
    view.wallTime = QDateTime::fromMSecsSinceEpoch(tracer.toUnixUs(entry.startUs) / 1000);
    view.method = text(front->method.empty() ? entry.method : front->method);
    view.url = text(front->target.empty() ? entry.target : front->target);
    view.status = entry.status;
    view.durationUs = entry.endUs - entry.startUs;
    for (const auto* span : ordered) {
        view.hops.append(toHopView(*span));
        if (span->protocol == "http" && !span->peer.empty() && span->outcome == Outcome::Ok) {
            view.route.append(text(span->node));
        }
    }
    if (entry.peer.empty()) {
        view.client = client::kBuiltIn;
    }
    // A firewall blocks a connection before its request is read: the list names the rule.
    if (entry.outcome == Outcome::Blocked && view.method.isEmpty()) {
        view.method = QStringLiteral("—");
        view.url = QCoreApplication::translate("RequestView", "(connection blocked: %1)")
                       .arg(text(entry.detail));
        view.client = client::kUnknown;
    }
    return withDerivedFields(view);
}

EventView toEventView(const Event& event) {
    return {event.timeUs, text(event.node), text(event.kind), text(event.detail)};
}

}  // namespace wsl
