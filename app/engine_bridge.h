#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "diagram_types.h"
#include "engine.h"
#include "inspector/request_types.h"
#include "request_view_worker.h"

namespace wsl {

// The seam between the engine and the window. It starts and stops the engine, forwards the
// window's commands, and once per frame drains the engine's spans and events into signals.
// While the engine runs, the GUI thread never waits on its network threads; only stop()
// joins them.
class EngineBridge : public QObject {
    Q_OBJECT

public:
    static constexpr int kRequestBatchMs = 100;

    enum class RequestKind { Page, ApiRead, ApiWrite };
    Q_ENUM(RequestKind)
    enum class Pacing { Live, SlowMotion, Step };
    Q_ENUM(Pacing)

    explicit EngineBridge(EngineOptions options, QObject* parent = nullptr);
    ~EngineBridge() override;

    // Starts every service. Returns an error message, empty on success.
    QString start();
    void stop();

    Engine& engine() { return engine_; }
    // Stops every node and starts `topology` instead; on failure the previous topology keeps
    // running. Returns an error message, empty on success. Emits topologyChanged().
    QString loadTopology(const Topology& topology);
    // Reads a preset by name ("simple", ...); fills `error` when it cannot.
    std::optional<Topology> preset(const QString& name, QString* error) const;
    QStringList presetNames() const;
    // The URL of the node that receives the site's traffic.
    QString siteUrl() const;
    QList<DiagramNode> diagramNodes() const;
    QList<DiagramLink> diagramLinks() const;
    QString urlOf(const QString& node) const;
    Pacing pacing() const;
    int heldHops() const;
    // Writes the engine's recent requests as HAR 1.2, or its recent events as CSV. Returns an
    // error message, empty on success.
    // With `traceIds`, only those requests; the engine keeps the last 1000 requests.
    QString exportHar(const QString& path, const QStringList& traceIds = {}) const;
    QString exportEventsCsv(const QString& path) const;
    bool showsMonitoringTraffic() const;
    // The single points of failure as last computed: each node with what its failure stops
    // ("pages", "reads", "writes"). A host's failure marks every node on it.
    QHash<QString, QStringList> spofMarks() const { return spofMarks_; }

public slots:
    void failNode(const QString& node);
    void restoreNode(const QString& node);
    void sendRequest(wsl::EngineBridge::RequestKind kind);
    // `legMs` is how long the diagram takes for one leg: in slow motion each hop waits as long.
    void setPacing(wsl::EngineBridge::Pacing pacing, int legMs);
    void step();
    void continueAll();
    // Sets whether the monitoring agents' pushes to the collector are drawn. Off by default,
    // because every server pushes once a second. Pushes never reach requestsFinished.
    void setShowMonitoringTraffic(bool show);
    // Stores what the window shows in the engine, where GET /view reads it.
    void setView(const wsl::ViewSettings& view);

signals:
    // A finished request, with all its legs. While hops are paced its legs were already sent
    // one by one through legReady.
    void tripReady(const wsl::Trip& trip);
    void legReady(const wsl::Trip& leg);
    // Finished requests, oldest first, at most every kRequestBatchMs: the list inserts and
    // repaints once per batch rather than once per frame.
    void requestsFinished(const QList<wsl::RequestView>& requests);
    void eventsArrived(const QList<wsl::EventView>& events);
    void pacingChanged(wsl::EngineBridge::Pacing pacing);
    void nodeHealthChanged(const QString& node, wsl::NodeHealth health, const QString& detail);
    void requestFinished(const QString& summary, bool ok);
    void commandFailed(const QString& message);
    // The running topology changed: from the window, the admin interface or a scale action.
    void topologyChanged();
    // The single points of failure changed, with node health, replication roles or topology.
    void spofChanged(const QHash<QString, QStringList>& marks);
    // The view settings changed, through setView() or the admin interface's PUT /view.
    void viewChanged(const wsl::ViewSettings& view);

private:
    void drain();
    void collect(const SharedSpan& shared, std::vector<RequestViewWorker::RequestSpans>& finished);
    void playProgress();
    void publishFinished();
    void publishHealth();
    void publishSpof();
    void noticeTopologyChange();
    void noticeViewChange();

    Engine engine_;
    QTimer frameTimer_;
    int framesSinceHealth_ = 0;
    // Finished requests not yet published, and the time since the last batch.
    QList<RequestView> unpublished_;
    QElapsedTimer sinceBatch_;
    // Declared after engine_, whose tracer it reads, so that it stops first.
    RequestViewWorker views_;
    // Spans of requests still in flight, by trace id; bounded like the engine's own store.
    std::map<std::string, RequestViewWorker::RequestSpans> open_;
    // Trace ids in arrival order, finished ones included: they are skipped when evicting.
    std::deque<std::string> openOrder_;
    std::map<std::string, std::pair<NodeHealth, QString>> shownHealth_;
    int shownTopologyVersion_ = 0;
    bool showMonitoringTraffic_ = false;
    int shownViewVersion_ = 0;
    QHash<QString, QStringList> spofMarks_;
};

}  // namespace wsl
