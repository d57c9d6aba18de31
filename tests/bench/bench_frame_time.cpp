// Measures how responsive the window stays while the stack serves a steady load. A load
// generator sends `GET /` to the load balancer over loopback. Meanwhile the GUI thread scrolls
// the request list and selects rows for the detail pane, and the diagram animates the requests
// (a sample of them once they come faster than the eye can follow).
//
// "Frame time" is the GUI thread's work per frame: the wall time spent dispatching events
// (timers, posted events, socket notifications, painting) between two ticks of a 16 ms clock.
// A 60 Hz display leaves kFrameTimeBudgetMs for it, so its p95 is checked against that budget.
//
// Exit code 0 when no frame interval exceeded kFrameBudgetMs and the frame time's p95 is within
// kFrameTimeBudgetMs, 1 otherwise, 2 when the stack did not start.

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QMetaEnum>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>
#include <vector>

#include "diagram_view.h"
#include "engine_bridge.h"
#include "inspector/request_list_widget.h"
#include "load_generator.h"
#include "main_window.h"
#include "packet_layer.h"
#include "test_support.h"

using namespace wsl;

namespace {

constexpr double kFrameBudgetMs = 50;
// One frame at 60 Hz.
constexpr double kFrameTimeBudgetMs = 16;
constexpr int kFrameClockMs = 16;
// Scrolling starts once the list has rows, after this much load.
constexpr int kWarmUpMs = 1000;
// The scroll bar moves this many rows per step, and a row is selected every this many steps.
constexpr int kRowsPerStep = 3;
constexpr int kStepsPerSelection = 20;

// Returns the calling thread's CPU time in ms. A dispatch whose wall time far exceeds its CPU
// time was waiting on a lock or for a core, rather than busy.
double threadCpuMs() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double msSince(const QElapsedTimer& timer) {
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

// Returns the nearest-rank percentile of sorted `values`, or 0 when `values` is empty.
double percentile(const std::vector<double>& values, double fraction) {
    if (values.empty()) {
        return 0;
    }
    const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(values.size()));
    return values[std::min(rank, values.size() - 1)];
}

void printDistribution(const char* name, std::vector<double> values) {
    std::sort(values.begin(), values.end());
    std::printf("%-22s n=%-6zu p50=%6.1f ms  p95=%6.1f ms  p99=%6.1f ms  max=%6.1f ms\n", name,
                values.size(), percentile(values, 0.50), percentile(values, 0.95),
                percentile(values, 0.99), values.empty() ? 0.0 : values.back());
}

struct DispatchStats {
    int count = 0;
    double totalMs = 0;
    double totalCpuMs = 0;
    double maxMs = 0;
    double cpuOfMaxMs = 0;
};

// Times every top-level event delivery on the GUI thread and sums it by receiver and event
// type, so that a slow frame can be traced to the timer, widget or paint that caused it.
class ProfilingApplication : public QApplication {
public:
    using QApplication::QApplication;

    bool notify(QObject* receiver, QEvent* event) override {
        if (depth_ > 0 || !profiling_) {
            return QApplication::notify(receiver, event);
        }
        // The receiver may delete itself while handling the event, so it is described first.
        const Receiver described = describe(receiver, event);
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = threadCpuMs();
        ++depth_;
        const bool handled = QApplication::notify(receiver, event);
        --depth_;
        const double ms = msSince(timer);
        const double cpuMs = threadCpuMs() - cpuStart;
        busyMs_ += ms;
        if (ms >= 1.0) {
            record(labelOf(described), ms, cpuMs);
        }
        return handled;
    }

    // Returns the wall time of every top-level dispatch since the last call, and restarts it.
    double takeBusyMs() { return std::exchange(busyMs_, 0.0); }

    void setProfiling(bool on) { profiling_ = on; }
    // QTimer members have no name, so they are identified by the object that contains them.
    void nameMember(const void* owner, std::size_t size, const QString& name) {
        owners_.push_back({static_cast<const char*>(owner), size, name});
    }

    void printSlowest(int rows) const {
        std::vector<std::pair<QString, DispatchStats>> sorted(stats_.begin(), stats_.end());
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto& a, const auto& b) { return a.second.maxMs > b.second.maxMs; });
        std::printf("GUI-thread dispatches of 1 ms or more, slowest first (wall/CPU ms):\n");
        for (int i = 0; i < rows && i < static_cast<int>(sorted.size()); ++i) {
            const auto& [label, stats] = sorted[static_cast<std::size_t>(i)];
            std::printf("  %-46s n=%-5d total=%7.0f/%-7.0f max=%5.1f/%-5.1f\n", qPrintable(label),
                        stats.count, stats.totalMs, stats.totalCpuMs, stats.maxMs,
                        stats.cpuOfMaxMs);
        }
    }

private:
    struct Owner {
        const char* begin;
        std::size_t size;
        QString name;
    };

    struct Receiver {
        const char* address;
        const QMetaObject* meta;
        const QMetaObject* parentMeta;
        QEvent::Type eventType;
    };

    static Receiver describe(QObject* receiver, QEvent* event) {
        const auto* parent = receiver->parent();
        return {reinterpret_cast<const char*>(receiver), receiver->metaObject(),
                parent ? parent->metaObject() : nullptr, event->type()};
    }

    QString labelOf(const Receiver& receiver) const {
        for (const auto& owner : owners_) {
            if (receiver.address >= owner.begin && receiver.address < owner.begin + owner.size) {
                return owner.name;
            }
        }
        QString name = QString::fromLatin1(receiver.meta->className());
        if (receiver.parentMeta) {
            name += QStringLiteral(" in ") + QString::fromLatin1(receiver.parentMeta->className());
        }
        const auto* type = QMetaEnum::fromType<QEvent::Type>().valueToKey(receiver.eventType);
        return name + QStringLiteral(": ") +
               (type ? QString::fromLatin1(type) : QString::number(int(receiver.eventType)));
    }

    void record(const QString& label, double ms, double cpuMs) {
        auto& stats = stats_[label];
        ++stats.count;
        stats.totalMs += ms;
        stats.totalCpuMs += cpuMs;
        if (ms > stats.maxMs) {
            stats.maxMs = ms;
            stats.cpuOfMaxMs = cpuMs;
        }
    }

    int depth_ = 0;
    bool profiling_ = false;
    double busyMs_ = 0;
    std::map<QString, DispatchStats> stats_;
    std::vector<Owner> owners_;
};

struct Options {
    double rate = 2000;
    int seconds = 20;
    int connections = 8;
};

Options parseOptions(const QApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Measures GUI frame times while the load balancer serves a steady request rate.");
    parser.addHelpOption();
    const QCommandLineOption rate(
        "rate", "Requests per second sent to the load balancer (default 2000, minimum 1).", "n",
        "2000");
    const QCommandLineOption seconds(
        "seconds", "How long the load runs, in seconds (default 20, minimum 2).", "n", "20");
    const QCommandLineOption connections(
        "connections", "Keep-alive connections that share the load (default 8, minimum 1).", "n",
        "8");
    parser.addOptions({rate, seconds, connections});
    parser.process(app);

    Options options;
    options.rate = std::max(1.0, parser.value(rate).toDouble());
    options.seconds = std::max(2, parser.value(seconds).toInt());
    options.connections = std::max(1, parser.value(connections).toInt());
    return options;
}

// Scrolls the request list up and down a few rows per step, bouncing at either end, and now
// and then selects the row in the middle of the view so that the detail pane changes.
class Scroller {
public:
    explicit Scroller(QTableView* table) : table_(table) {}

    void step() {
        QElapsedTimer timer;
        timer.start();

        auto* bar = table_->verticalScrollBar();
        const int next = bar->value() + direction_ * kRowsPerStep * bar->singleStep();
        if (next <= bar->minimum() || next >= bar->maximum()) {
            direction_ = -direction_;
        }
        bar->setValue(std::clamp(next, bar->minimum(), bar->maximum()));

        if (++steps_ % kStepsPerSelection == 0) {
            QElapsedTimer selectTimer;
            selectTimer.start();
            const int row = table_->rowAt(table_->viewport()->height() / 2);
            if (row >= 0) {
                table_->selectRow(row);
            }
            selectMs_.push_back(msSince(selectTimer));
        }
        // Painting waits for the frame's update, as after a wheel event. Rows scrolled to and
        // rows inserted are then drawn once, and the frame time includes the drawing.
        table_->viewport()->update();
        stepMs_.push_back(msSince(timer));
    }

    const std::vector<double>& stepMs() const { return stepMs_; }
    const std::vector<double>& selectMs() const { return selectMs_; }

private:
    QTableView* table_;
    int direction_ = 1;
    int steps_ = 0;
    std::vector<double> stepMs_;
    std::vector<double> selectMs_;
};

// Records the time between consecutive ticks of a 16 ms timer: a tick that comes late means a
// frame was missed. The GUI thread's CPU time over the same interval shows whether the thread
// was busy or off the CPU, and the time it spent dispatching events is the frame time.
class FrameClock {
public:
    explicit FrameClock(ProfilingApplication& app) {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(kFrameClockMs);
        QObject::connect(&timer_, &QTimer::timeout, [this, &app] {
            const double cpuNow = threadCpuMs();
            const double busyMs = app.takeBusyMs();
            if (sinceTick_.isValid()) {
                intervalsMs_.push_back(msSince(sinceTick_));
                cpuMs_.push_back(cpuNow - cpuAtTick_);
                workMs_.push_back(busyMs);
            }
            sinceTick_.start();
            cpuAtTick_ = cpuNow;
        });
    }

    void start() { timer_.start(); }
    void stop() { timer_.stop(); }
    const std::vector<double>& intervalsMs() const { return intervalsMs_; }
    const std::vector<double>& cpuMs() const { return cpuMs_; }
    const std::vector<double>& workMs() const { return workMs_; }

private:
    QTimer timer_;
    QElapsedTimer sinceTick_;
    double cpuAtTick_ = 0;
    std::vector<double> intervalsMs_;
    std::vector<double> cpuMs_;
    std::vector<double> workMs_;
};

// Times the window's handlers for one bridge signal: `before` is connected ahead of the
// window's own slots and `after` behind them, so the gap is the window's work. Samples add up
// until flush(), so that the many trips of one drain count as one sample.
class HandlerTimer {
public:
    void before() { timer_.start(); }
    void after() { pendingMs_ += msSince(timer_); }
    void flush() {
        samplesMs_.push_back(pendingMs_);
        pendingMs_ = 0;
    }
    const std::vector<double>& samplesMs() const { return samplesMs_; }

private:
    QElapsedTimer timer_;
    double pendingMs_ = 0;
    std::vector<double> samplesMs_;
};

bool waitForSite(const Engine& engine) {
    const auto address = test::addressOf(engine, "lb-1");
    const auto port = test::portOf(engine, "lb-1");
    return test::waitFor(
        [&] { return test::httpRequest(address, port, "GET", "/").status == 200; });
}

int report(const bench::LoadResult& load, const Options& options, const FrameClock& clock,
           const Scroller& scroller, const HandlerTimer& batches, const HandlerTimer& trips) {
    std::printf("load: %d s at %.0f req/s target over %d connections\n", options.seconds,
                options.rate, options.connections);
    std::printf("requests sent=%llu succeeded=%llu failed=%llu achieved=%.0f req/s\n",
                static_cast<unsigned long long>(load.sent),
                static_cast<unsigned long long>(load.succeeded),
                static_cast<unsigned long long>(load.failed),
                load.seconds > 0 ? static_cast<double>(load.succeeded) / load.seconds : 0.0);
    printDistribution("frame time (GUI work)", clock.workMs());
    printDistribution("frame interval", clock.intervalsMs());
    printDistribution("GUI CPU per frame", clock.cpuMs());
    printDistribution("scroll step", scroller.stepMs());
    printDistribution("row selection", scroller.selectMs());
    printDistribution("list: request batch", batches.samplesMs());
    printDistribution("diagram: batch's trips", trips.samplesMs());

    const auto& frames = clock.intervalsMs();
    const auto slow =
        std::count_if(frames.begin(), frames.end(), [](double ms) { return ms > kFrameBudgetMs; });
    const auto& cpu = clock.cpuMs();
    const auto busy =
        std::count_if(cpu.begin(), cpu.end(), [](double ms) { return ms > kFrameBudgetMs; });
    std::vector<double> work = clock.workMs();
    std::sort(work.begin(), work.end());
    const double workP95 = percentile(work, 0.95);
    const bool workPass = workP95 <= kFrameTimeBudgetMs && !work.empty();
    const bool pass = slow == 0 && !frames.empty() && workPass;
    // CPU time never exceeds wall time, so these frames are a subset of the slow ones.
    std::printf("frames over %.0f ms: %ld of %zu; with over %.0f ms of GUI-thread CPU: %ld\n",
                kFrameBudgetMs, static_cast<long>(slow), frames.size(), kFrameBudgetMs,
                static_cast<long>(busy));
    std::printf("%s: no frame over %.0f ms while scrolling\n", slow == 0 ? "PASS" : "FAIL",
                kFrameBudgetMs);
    std::printf("%s: frame time p95 %.1f ms within %.0f ms\n", workPass ? "PASS" : "FAIL", workP95,
                kFrameTimeBudgetMs);
    return pass ? 0 : 1;
}

// Names the two 16 ms timers of the app: the bridge's drain and the diagram's animation.
void nameAppTimers(ProfilingApplication& app, EngineBridge& bridge, MainWindow& window) {
    app.nameMember(&bridge, sizeof(EngineBridge), "engine bridge frame timer (drain)");
    for (auto* item : window.diagram()->scene()->items()) {
        if (auto* layer = dynamic_cast<PacketLayer*>(item)) {
            app.nameMember(layer, sizeof(PacketLayer), "diagram packet layer frame timer");
        }
    }
}

}  // namespace

int main(int argc, char* argv[]) {
    ProfilingApplication app(argc, argv);
    const auto options = parseOptions(app);

    EngineBridge bridge(test::testEngineOptions());
    if (const auto error = bridge.start(); !error.isEmpty()) {
        std::fprintf(stderr, "The stack failed to start: %s\n", qPrintable(error));
        return 2;
    }
    // The bridge emits the trips of its drains before each batch of finished requests, so a
    // trips sample covers the drains of one batch.
    HandlerTimer batches;
    HandlerTimer trips;
    QObject::connect(&bridge, &EngineBridge::tripReady, [&] { trips.before(); });
    QObject::connect(&bridge, &EngineBridge::requestsFinished, [&] {
        trips.flush();
        batches.before();
    });
    MainWindow window(bridge);
    QObject::connect(&bridge, &EngineBridge::tripReady, [&] { trips.after(); });
    QObject::connect(&bridge, &EngineBridge::requestsFinished, [&] {
        batches.after();
        batches.flush();
    });
    window.resize(1400, 900);
    window.show();
    if (!waitForSite(bridge.engine())) {
        std::fprintf(stderr, "GET / to the load balancer lb-1 timed out after 10 s.\n");
        return 2;
    }

    nameAppTimers(app, bridge, window);
    bench::LoadGenerator load({test::addressOf(bridge.engine(), "lb-1"),
                               test::portOf(bridge.engine(), "lb-1"), options.rate,
                               std::chrono::seconds(options.seconds), options.connections});
    Scroller scroller(window.requestList()->tableView());
    QTimer scrollTimer;
    scrollTimer.setInterval(kFrameClockMs);
    QObject::connect(&scrollTimer, &QTimer::timeout, [&] { scroller.step(); });
    FrameClock clock(app);
    app.nameMember(&scrollTimer, sizeof scrollTimer, "scroll step timer (scroll, select)");
    app.nameMember(&clock, sizeof clock, "frame clock timer");
    QTimer finishPoll;
    finishPoll.setInterval(100);
    QObject::connect(&finishPoll, &QTimer::timeout, [&] {
        if (load.isFinished()) {
            app.quit();
        }
    });

    load.start();
    QTimer::singleShot(kWarmUpMs, [&] {
        app.setProfiling(true);
        scrollTimer.start();
        clock.start();
        finishPoll.start();
    });
    app.exec();
    clock.stop();
    scrollTimer.stop();
    load.stop();

    const int status = report(load.result(), options, clock, scroller, batches, trips);
    app.printSlowest(10);
    return status;
}
