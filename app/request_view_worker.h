#pragma once

#include <QList>
#include <QObject>
#include <QThreadPool>

#include <vector>

#include "inspector/request_types.h"
#include "trace.h"

namespace wsl {

// Converts the spans of finished requests into the inspector's request views on a thread of
// its own. A view copies every hop's headers, bodies and wire bytes into Qt types, which at
// thousands of requests a second would take a good part of the GUI thread's frame.
class RequestViewWorker : public QObject {
    Q_OBJECT

public:
    // The spans of one finished request, the entry span among them.
    using RequestSpans = std::vector<SharedSpan>;

    // `tracer` gives the wall-clock time of each request, and must outlive the worker.
    explicit RequestViewWorker(const Tracer& tracer, QObject* parent = nullptr);
    // Waits for the conversion under way. Views not yet converted are dropped.
    ~RequestViewWorker() override;

    // Queues finished requests, oldest first. Their views arrive through converted(), in the
    // order queued.
    void convert(std::vector<RequestSpans> requests);

signals:
    // Emitted on the thread this object lives in, normally the GUI thread.
    void converted(const QList<wsl::RequestView>& views);

private:
    const Tracer& tracer_;
    // One thread, so batches are converted and delivered in the order queued.
    QThreadPool pool_;
};

}  // namespace wsl
