#include "request_view_worker.h"

#include <memory>
#include <utility>

#include "request_view_builder.h"

namespace wsl {

RequestViewWorker::RequestViewWorker(const Tracer& tracer, QObject* parent)
    : QObject(parent), tracer_(tracer) {
    pool_.setMaxThreadCount(1);
}

RequestViewWorker::~RequestViewWorker() {
    pool_.clear();
    pool_.waitForDone();
}

void RequestViewWorker::convert(std::vector<RequestSpans> requests) {
    if (requests.empty()) {
        return;
    }
    // QThreadPool copies its task, so the spans travel in a shared pointer instead.
    auto batch = std::make_shared<std::vector<RequestSpans>>(std::move(requests));
    pool_.start([this, batch] {
        QList<RequestView> views;
        views.reserve(static_cast<qsizetype>(batch->size()));
        for (const auto& spans : *batch) {
            views.append(toRequestView(spans, tracer_));
        }
        batch->clear();
        // Queued to this object, so the views arrive on its thread. The destructor waits for
        // this task, and Qt discards calls still queued to a destroyed object.
        QMetaObject::invokeMethod(
            this, [this, views = std::move(views)] { emit converted(views); },
            Qt::QueuedConnection);
    });
}

}  // namespace wsl
