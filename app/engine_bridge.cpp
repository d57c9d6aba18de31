#include "engine_bridge.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>

#include <utility>

#include <QFile>
#include <QSaveFile>

#include "builtin_client.h"
#include "har.h"
#include "hop_gate.h"
#include "request_view_builder.h"
#include "trip_builder.h"

Q_LOGGING_CATEGORY(lcBridge, "webstack.app.bridge")

namespace wsl {

namespace {

// The GUI drains the engine once per frame, at about 60 Hz.
constexpr int kFrameMs = 16;
// Node states change at health-check pace; polling them every 15 frames (0.25 s) is enough.
constexpr int kFramesPerHealthPoll = 15;
constexpr std::size_t kMaxOpenTraces = 5000;

NodeRole roleOf(NodeKind kind) {
    switch (kind) {
        case NodeKind::Client:
            return NodeRole::Client;
        case NodeKind::Dns:
            return NodeRole::Dns;
        case NodeKind::LoadBalancer:
            return NodeRole::LoadBalancer;
        case NodeKind::WebServer:
            return NodeRole::WebServer;
        case NodeKind::AppServer:
            return NodeRole::AppServer;
        case NodeKind::Database:
            return NodeRole::Database;
        case NodeKind::Collector:
            return NodeRole::Collector;
    }
    return NodeRole::Client;
}

// Combines what the load balancer believes with whether the node really listens: a failed
// server that no check has caught yet is already on its way down.
std::pair<NodeHealth, QString> healthOf(const NodeStatus& status) {
    const auto count = QStringLiteral("%1/%2");
    // An operator's drain or maintenance: still listening, but out of rotation.
    if (status.state == "DRAIN" || status.state == "MAINT") {
        if (!status.listening) {
            return {NodeHealth::Down, QString()};
        }
        return {NodeHealth::Maintenance,
                status.state == "DRAIN" ? QCoreApplication::translate("EngineBridge", "DRAIN")
                                        : QCoreApplication::translate("EngineBridge", "MAINT")};
    }
    if (status.state == "going down") {
        return {NodeHealth::GoingDown, count.arg(status.checkCount).arg(status.checkLimit)};
    }
    if (status.state == "going up") {
        return {NodeHealth::GoingUp, count.arg(status.checkCount).arg(status.checkLimit)};
    }
    if (status.state == "DOWN") {
        return status.listening
                   ? std::pair{NodeHealth::GoingUp, count.arg(0).arg(status.checkLimit)}
                   : std::pair{NodeHealth::Down, QString()};
    }
    if (!status.listening && status.kind == NodeKind::WebServer) {
        return {NodeHealth::GoingDown, count.arg(0).arg(status.checkLimit)};
    }
    return {status.listening ? NodeHealth::Up : NodeHealth::Down, QString()};
}

}  // namespace

EngineBridge::EngineBridge(EngineOptions options, QObject* parent)
    : QObject(parent), engine_(std::move(options)), views_(engine_.tracer()) {
    connect(&views_, &RequestViewWorker::converted, this,
            [this](const QList<RequestView>& views) { unpublished_.append(views); });
    frameTimer_.setInterval(kFrameMs);
    connect(&frameTimer_, &QTimer::timeout, this, &EngineBridge::drain);
}

EngineBridge::~EngineBridge() {
    stop();
}

QString EngineBridge::start() {
    try {
        engine_.start();
    } catch (const std::exception& error) {
        qCWarning(lcBridge) << "engine did not start:" << error.what();
        return QString::fromStdString(error.what());
    }
    frameTimer_.start();
    publishHealth();
    return {};
}

QString EngineBridge::loadTopology(const Topology& topology) {
    const auto error = engine_.replaceTopology(topology);
    noticeTopologyChange();
    if (!error.empty()) {
        qCWarning(lcBridge) << "topology" << topology.name.c_str() << "refused:" << error.c_str();
    }
    return QString::fromStdString(error);
}

std::optional<Topology> EngineBridge::preset(const QString& name, QString* error) const {
    auto loaded = engine_.loadPreset(name.toStdString());
    if (auto* message = std::get_if<std::string>(&loaded)) {
        *error = QString::fromStdString(*message);
        return std::nullopt;
    }
    return std::get<Topology>(std::move(loaded));
}

QStringList EngineBridge::presetNames() const {
    QStringList names;
    for (const auto& name : engine_.presetNames()) {
        names.append(QString::fromStdString(name));
    }
    return names;
}

// With a load-balancer pair the site is the virtual address, which DNS answers.
QString EngineBridge::siteUrl() const {
    if (const auto pair = engine_.virtualAddress()) {
        return QStringLiteral("http://%1:%2")
            .arg(QString::fromStdString(pair->address))
            .arg(pair->port);
    }
    const auto topology = engine_.topology();
    const auto* entry = entryNode(topology);
    return entry == nullptr ? QString() : urlOf(QString::fromStdString(entry->name));
}

// Traces in flight belong to the old nodes; the views start again from the new topology.
void EngineBridge::noticeTopologyChange() {
    const auto version = engine_.topologyVersion();
    if (version == shownTopologyVersion_) {
        return;
    }
    shownTopologyVersion_ = version;
    open_.clear();
    openOrder_.clear();
    shownHealth_.clear();
    emit topologyChanged();
    publishHealth();
}

void EngineBridge::stop() {
    frameTimer_.stop();
    engine_.stop();
}

QList<DiagramNode> EngineBridge::diagramNodes() const {
    QList<DiagramNode> nodes;
    const auto topology = engine_.topology();
    for (const auto& spec : topology.nodes) {
        DiagramNode node;
        node.name = QString::fromStdString(spec.name);
        node.role = roleOf(spec.kind);
        node.replica = spec.replica;
        node.host = QString::fromStdString(spec.host);
        if (const auto status = engine_.node(spec.name)) {
            node.address = QStringLiteral("%1:%2")
                               .arg(QString::fromStdString(status->address))
                               .arg(status->port);
        } else {
            node.address = QString::fromStdString(spec.address);
        }
        nodes.append(node);
    }
    for (const auto& spec : topology.firewalls) {
        DiagramNode firewall;
        firewall.name = QString::fromStdString(spec.name);
        firewall.role = NodeRole::Firewall;
        firewall.protects = QString::fromStdString(spec.protects);
        nodes.append(firewall);
    }
    return nodes;
}

QList<DiagramLink> EngineBridge::diagramLinks() const {
    QList<DiagramLink> links;
    const auto topology = engine_.topology();
    for (const auto& link : topology.links) {
        links.append({QString::fromStdString(link.from), QString::fromStdString(link.to)});
    }
    return links;
}

QString EngineBridge::urlOf(const QString& node) const {
    for (const auto& service : engine_.services()) {
        if (QString::fromStdString(service.name) == node) {
            return QString::fromStdString(service.url);
        }
    }
    return {};
}

void EngineBridge::failNode(const QString& node) {
    const auto error = engine_.fail(node.toStdString());
    if (!error.empty()) {
        emit commandFailed(QString::fromStdString(error));
    }
    publishHealth();
}

void EngineBridge::restoreNode(const QString& node) {
    const auto error = engine_.restore(node.toStdString());
    if (!error.empty()) {
        emit commandFailed(QString::fromStdString(error));
    }
    publishHealth();
}

void EngineBridge::sendRequest(RequestKind kind) {
    ClientRequest request;
    if (kind == RequestKind::ApiRead) {
        request.path = "/api/messages";
    } else if (kind == RequestKind::ApiWrite) {
        request.method = "POST";
        request.path = "/api/messages";
        request.contentType = "application/json";
        request.body = R"({"author": "Webstack Lab", "body": "Hello from the built-in client"})";
    }

    // The callback runs on a network thread; the QPointer drops it if the bridge is gone.
    QPointer<EngineBridge> self(this);
    engine_.sendRequest(request, [self, request](const ClientResult& result) {
        const bool ok = result.outcome == Outcome::Ok && result.status > 0 && result.status < 400;
        const auto summary = result.status > 0 ? QStringLiteral("%1 %2 → %3 (%4)")
                                                     .arg(QString::fromStdString(request.method),
                                                          QString::fromStdString(request.path))
                                                     .arg(result.status)
                                                     .arg(QString::fromStdString(result.servedBy))
                                               : QStringLiteral("%1 %2 → %3")
                                                     .arg(QString::fromStdString(request.method),
                                                          QString::fromStdString(request.path),
                                                          QString::fromStdString(result.error));
        QMetaObject::invokeMethod(
            self.data(),
            [self, summary, ok] {
                if (self) {
                    emit self->requestFinished(summary, ok);
                }
            },
            Qt::QueuedConnection);
    });
}

void EngineBridge::drain() {
    noticeTopologyChange();
    noticeViewChange();
    playProgress();

    std::vector<RequestViewWorker::RequestSpans> finished;
    for (const auto& span : engine_.tracer().drainSpans()) {
        collect(span, finished);
    }
    views_.convert(std::move(finished));
    publishFinished();

    QList<EventView> events;
    for (const auto& event : engine_.tracer().drainEvents()) {
        events.append(toEventView(event));
    }
    if (!events.isEmpty()) {
        emit eventsArrived(events);
    }

    if (++framesSinceHealth_ >= kFramesPerHealthPoll) {
        framesSinceHealth_ = 0;
        publishHealth();
    }
}

// At thousands of requests a second, the list costs more per insert than per row. A request
// after a quiet spell is published at once; later ones wait for the batch to fill its interval.
void EngineBridge::publishFinished() {
    if (unpublished_.isEmpty()) {
        return;
    }
    if (sinceBatch_.isValid() && sinceBatch_.elapsed() < kRequestBatchMs) {
        return;
    }
    sinceBatch_.start();
    emit requestsFinished(std::exchange(unpublished_, {}));
}

// While hops are paced, each message is drawn as it leaves, so that picture and traffic move
// together.
void EngineBridge::playProgress() {
    for (const auto& progress : engine_.tracer().drainProgress()) {
        const bool dns = progress.protocol == "dns";
        LegKind kind = dns ? LegKind::DnsQuery : LegKind::Request;
        if (progress.response) {
            kind = progress.failed ? LegKind::ErrorResponse
                                   : (dns ? LegKind::DnsResponse : LegKind::Response);
        }
        Trip leg;
        leg.traceId = QString::fromStdString(progress.traceId);
        leg.legs.append({QString::fromStdString(progress.from), QString::fromStdString(progress.to),
                         kind, QString::fromStdString(progress.label)});
        emit legReady(leg);
    }
}

void EngineBridge::setShowMonitoringTraffic(bool show) {
    auto view = engine_.view().get();
    view.monitoringTraffic = show;
    setView(view);
}

void EngineBridge::setView(const ViewSettings& view) {
    engine_.view().set(view);
    noticeViewChange();
}

// The admin interface changes the view on a network thread, so the version shows when to read
// it again.
void EngineBridge::noticeViewChange() {
    const int version = engine_.view().version();
    if (version == shownViewVersion_) {
        return;
    }
    shownViewVersion_ = version;
    const auto view = engine_.view().get();
    showMonitoringTraffic_ = view.monitoringTraffic;
    emit viewChanged(view);
}

bool EngineBridge::showsMonitoringTraffic() const {
    return showMonitoringTraffic_;
}

// Gathers spans by trace; the entry span ends last, so when it arrives the trip is complete.
void EngineBridge::collect(const SharedSpan& shared,
                           std::vector<RequestViewWorker::RequestSpans>& finished) {
    const Span& span = *shared;
    // Agents push once a second per server: never requests of their own, and drawn only on
    // demand. legReady plays them without counting them as trips.
    if (span.protocol == "metrics") {
        if (showMonitoringTraffic_) {
            emit legReady(metricsTrip(span));
        }
        return;
    }

    // A refused or blocked connection passes no gate, so while paced it is drawn as soon as it
    // happens. tripReady does not play trips while paced.
    const bool failedConnection =
        span.outcome == Outcome::Refused || span.outcome == Outcome::Blocked;
    if (failedConnection && pacing() != Pacing::Live) {
        emit legReady({QString::fromStdString(span.traceId), {requestLeg(span)}});
    }

    auto& spans = open_[span.traceId];
    if (spans.empty()) {
        openOrder_.push_back(span.traceId);
    }
    const bool complete = span.entry;
    const auto traceId = span.traceId;
    spans.push_back(shared);

    if (complete) {
        emit tripReady(buildTrip(spans));
        finished.push_back(std::move(spans));
        open_.erase(traceId);
    }
    // Drops the oldest traces whose entry span never came (their client vanished).
    while (openOrder_.size() > 2 * kMaxOpenTraces || open_.size() > kMaxOpenTraces) {
        open_.erase(openOrder_.front());
        openOrder_.pop_front();
    }
}

EngineBridge::Pacing EngineBridge::pacing() const {
    switch (engine_.gate().mode()) {
        case HopMode::SlowMotion:
            return Pacing::SlowMotion;
        case HopMode::Step:
            return Pacing::Step;
        case HopMode::Live:
            break;
    }
    return Pacing::Live;
}

int EngineBridge::heldHops() const {
    return static_cast<int>(engine_.gate().held());
}

void EngineBridge::setPacing(Pacing pacing, int legMs) {
    const auto mode = pacing == Pacing::SlowMotion ? HopMode::SlowMotion
                      : pacing == Pacing::Step     ? HopMode::Step
                                                   : HopMode::Live;
    engine_.gate().setMode(mode, std::chrono::milliseconds(legMs));
    emit pacingChanged(pacing);
}

void EngineBridge::step() {
    engine_.gate().step();
}

void EngineBridge::continueAll() {
    engine_.gate().continueAll();
    emit pacingChanged(Pacing::Live);
}

namespace {

// Writes through QSaveFile, so that a failed write never leaves half a file behind.
QString writeFile(const QString& path, const std::string& content) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return file.errorString();
    }
    file.write(content.data(), static_cast<qint64>(content.size()));
    return file.commit() ? QString() : file.errorString();
}

}  // namespace

QString EngineBridge::exportHar(const QString& path, const QStringList& traceIds) const {
    const auto& tracer = engine_.tracer();
    auto records = tracer.recentRequests(Tracer::kMaxRecentRequests);
    if (!traceIds.isEmpty()) {
        std::erase_if(records, [&traceIds](const RequestRecord& record) {
            return !traceIds.contains(QString::fromStdString(record.traceId));
        });
        if (records.empty()) {
            return tr("the selected requests are older than the engine's last %1")
                .arg(Tracer::kMaxRecentRequests);
        }
    }
    const auto har = toHar(records, tracer);
    return writeFile(path, har.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

QString EngineBridge::exportEventsCsv(const QString& path) const {
    const auto& tracer = engine_.tracer();
    return writeFile(path, eventsToCsv(tracer.recentEvents(Tracer::kMaxEvents)));
}

void EngineBridge::publishHealth() {
    for (const auto& status : engine_.nodes()) {
        const auto health = healthOf(status);
        auto& shown = shownHealth_[status.name];
        if (shown == health) {
            continue;
        }
        shown = health;
        emit nodeHealthChanged(QString::fromStdString(status.name), health.first, health.second);
    }
    publishSpof();
}

void EngineBridge::publishSpof() {
    QHash<QString, QStringList> marks;
    for (const auto& point : engine_.spof().points) {
        QStringList stops;
        for (const auto function : point.stops) {
            stops.append(QString::fromLatin1(siteFunctionName(function)));
        }
        for (const auto& member : point.members) {
            marks.insert(QString::fromStdString(member), stops);
        }
    }
    if (marks != spofMarks_) {
        spofMarks_ = marks;
        emit spofChanged(spofMarks_);
    }
}

}  // namespace wsl
