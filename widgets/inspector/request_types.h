#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// What the inspector shows of traced requests. The app converts the engine's spans and events
// into these types, so that the widgets depend on Qt only.
namespace wsl {

using HeaderPairs = QList<QPair<QString, QString>>;

// A named interval inside a hop, on the engine clock: "tls-handshake", "queue",
// "upstream-connect" or "connect".
struct HopPhase {
    QString name;
    qint64 startUs = 0;
    qint64 endUs = 0;
};

// One hop (span) of a request, as the node that handled it recorded it.
struct HopView {
    QString node;  // "web-2"
    QString peer;  // the sender: "lb-1", "client" or "external", or empty for the client's own hop
    QString protocol;    // "http" or "dns"
    QString method;      // "GET", or the record type ("A") for DNS
    QString target;      // "/api/messages", or the queried name for DNS
    int status = 0;      // HTTP status, 0 when no response was sent
    QString outcome;     // "ok", "refused", "timeout", "reset", "blocked" or "error"
    QString detail;      // error message, DNS answer, or the SQL that a database ran
    qint64 startUs = 0;  // microseconds on the engine's clock, shared by every hop
    qint64 endUs = 0;
    HeaderPairs requestHeaders;   // as the node received them
    HeaderPairs responseHeaders;  // as the node sent them
    QByteArray requestBody;       // up to the first KiB
    QByteArray responseBody;      // up to the first KiB
    QByteArray wireRequest;       // bytes that crossed the link peer -> node, bounded by the engine
    QByteArray wireResponse;      // bytes that crossed the link node -> peer
    bool encrypted = false;       // the link used TLS, so the wire bytes are ciphertext
    QList<HopPhase> phases;       // in start order
};

// One finished request and all of its hops.
struct RequestView {
    QString traceId;
    qint64 startUs = 0;  // start of the entry hop
    QDateTime wallTime;  // local time at the start, for the Time column
    QString client;      // "built-in", "curl", "browser" or "other"
    QString method;
    QString url;
    int status = 0;
    qint64 durationUs = 0;
    QStringList route;  // nodes in order, e.g. {"lb-1", "web-2", "app-1", "db-replica-1"}
    // The outcome that the client got, which is the entry hop's. Failed hops that the stack
    // recovered from, such as a refused attempt followed by a retry, stay in failedHops().
    QString outcome;
    QList<HopView> hops;  // in start order, so hops.first() is the entry hop
};

// Something that happened outside a request.
struct EventView {
    qint64 timeUs = 0;  // engine clock, as HopView::startUs
    QString node;
    QString
        kind;  // "health-check", "state", "fault", "retry", "replication", "dns", "port", "error"
    QString detail;
};

namespace outcome {
inline const QString kOk = QStringLiteral("ok");
inline const QString kRefused = QStringLiteral("refused");
inline const QString kTimeout = QStringLiteral("timeout");
inline const QString kReset = QStringLiteral("reset");
inline const QString kBlocked = QStringLiteral("blocked");
inline const QString kError = QStringLiteral("error");

// Every outcome the engine reports, in the order the filter help lists them.
QStringList all();
}  // namespace outcome

namespace client {
inline const QString kBuiltIn = QStringLiteral("built-in");
inline const QString kCurl = QStringLiteral("curl");
inline const QString kBrowser = QStringLiteral("browser");
inline const QString kOther = QStringLiteral("other");
// A connection closed before any request was read, so no User-Agent is known.
inline const QString kUnknown = QStringLiteral("unknown");

// Returns the translated name of a client id, for display.
QString label(const QString& clientId);
}  // namespace client

// Classifies a User-Agent header as one of the client ids: the app's own client sends
// "webstack-lab-client", curl sends "curl/<version>", and browsers send "Mozilla/5.0 …".
QString clientFromUserAgent(const QString& userAgent);

// Returns the value of the first header named `name`, compared case-insensitively as HTTP does.
QString headerValue(const HeaderPairs& headers, const QString& name);

// Returns a copy with the fields the engine may leave empty filled from the hops: the client
// from the entry hop's User-Agent, the outcome from the entry hop, and the route from the hop
// nodes in start order.
RequestView withDerivedFields(RequestView request);

// Returns the indexes of hops whose outcome is not "ok".
QList<int> failedHops(const RequestView& request);

// Returns each hop's depth in the call tree: 0 for a hop without a parent, otherwise one more
// than its parent's. A hop's parent is the latest earlier hop handled by the hop's peer.
QList<int> hopDepths(const QList<HopView>& hops);

// Whether the hop is a database query: an HTTP hop to a "db-" node that recorded SQL.
bool isDatabaseHop(const HopView& hop);

}  // namespace wsl
