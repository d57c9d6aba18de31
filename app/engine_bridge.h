#pragma once

#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

#include "diagram_types.h"
#include "engine.h"

namespace wsl {

// The seam between the engine and the window. It starts and stops the engine, forwards the
// window's commands, and once per frame drains the engine's spans and events into signals.
// While the engine runs, the GUI thread never waits on its network threads; only stop()
// joins them.
class EngineBridge : public QObject {
    Q_OBJECT

public:
    enum class RequestKind { Page, ApiRead, ApiWrite };
    Q_ENUM(RequestKind)

    explicit EngineBridge(EngineOptions options, QObject* parent = nullptr);
    ~EngineBridge() override;

    // Starts every service. Returns an error message, empty on success.
    QString start();
    void stop();

    Engine& engine() { return engine_; }
    QList<DiagramNode> diagramNodes() const;
    QList<DiagramLink> diagramLinks() const;
    QString urlOf(const QString& node) const;

public slots:
    void failNode(const QString& node);
    void restoreNode(const QString& node);
    void sendRequest(wsl::EngineBridge::RequestKind kind);

signals:
    void tripReady(const wsl::Trip& trip);
    void nodeHealthChanged(const QString& node, wsl::NodeHealth health, const QString& detail);
    void eventLogged(double seconds, const QString& node, const QString& kind,
                     const QString& detail);
    void requestFinished(const QString& summary, bool ok);
    void commandFailed(const QString& message);

private:
    void drain();
    void collect(Span span);
    void publishHealth();

    Engine engine_;
    QTimer frameTimer_;
    int framesSinceHealth_ = 0;
    // Spans of requests still in flight, by trace id; bounded like the engine's own store.
    std::map<std::string, std::vector<Span>> open_;
    std::vector<std::string> openOrder_;
    std::map<std::string, std::pair<NodeHealth, QString>> shownHealth_;
};

}  // namespace wsl
