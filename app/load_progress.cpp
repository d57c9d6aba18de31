#include "load_progress.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>

namespace wsl {

namespace {

// The bar counts in thousandths of the run, so that a long run still moves smoothly.
constexpr int kProgressSteps = 1000;
constexpr int kCountRows = 6;

QString number(std::uint64_t value) {
    return QLocale().toString(static_cast<qulonglong>(value));
}

// A whole percentage in the window's locale, such as "29%".
QString percentText(int percent) {
    return QLocale().toString(percent) + QLocale().percent();
}

QString decimal(double value) {
    return QLocale().toString(value, 'f', 1);
}

QString milliseconds(const HistogramSnapshot& latency, double quantile) {
    return decimal(latency.percentile(quantile) * 1000.0);
}

bool ended(const LoadStatus& status) {
    return status.state == "finished" || status.state == "stopped";
}

// A finished run in rate mode sends its last requests just before its end, so the engine's
// elapsed time falls a tick short of the duration. The run still covered all of it.
double runSeconds(const LoadStatus& status) {
    if (status.state == "finished") {
        return static_cast<double>(status.settings.duration.count());
    }
    return status.elapsedSeconds;
}

std::uint64_t failures(const LoadStatus& status) {
    return status.status4xx + status.status5xx + status.refused + status.timeout + status.reset +
           status.otherErrors;
}

}  // namespace

LoadProgress::LoadProgress(QWidget* parent)
    : QGroupBox(parent),
      state_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      percent_(new QLabel(this)),
      time_(new QLabel(this)),
      summary_(new QLabel(this)) {
    QFont bold = state_->font();
    bold.setBold(true);
    state_->setFont(bold);
    progress_->setRange(0, kProgressSteps);
    progress_->setValue(0);
    // In a right-to-left layout (Arabic), Qt 6.4's Fusion style draws the bar's own text in
    // the wrong colours, mostly invisible, so the percentage is a label of its own.
    progress_->setTextVisible(false);
    percent_->setMinimumWidth(percent_->fontMetrics().horizontalAdvance(percentText(100)));
    percent_->setAlignment(Qt::AlignVCenter | Qt::AlignTrailing);
    time_->setWordWrap(true);

    auto* counts = new QGridLayout;
    counts->setColumnMinimumWidth(2, 24);
    for (int i = 0; i < CountSize; ++i) {
        names_[i] = new QLabel(this);
        values_[i] = new QLabel(this);
        values_[i]->setFont(bold);
        // Wide enough for seven digits, so that the columns do not shift as counts grow.
        values_[i]->setMinimumWidth(
            values_[i]->fontMetrics().horizontalAdvance(QLocale().toString(9'999'999)));
        const int column = i < kCountRows ? 0 : 3;
        counts->addWidget(names_[i], i % kCountRows, column);
        counts->addWidget(values_[i], i % kCountRows, column + 1);
    }
    counts->setColumnStretch(5, 1);

    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(state_);
    auto* bar = new QHBoxLayout;
    bar->addWidget(progress_, 1);
    bar->addWidget(percent_);
    layout->addLayout(bar);
    layout->addWidget(time_);
    layout->addLayout(counts);
    layout->addWidget(summary_);
    layout->addStretch();
    retranslate();
}

void LoadProgress::setStatus(const LoadStatus& status) {
    status_ = status;
    state_->setText(stateName());
    showProgress();
    showCounts();
    showSummary();
}

void LoadProgress::showProgress() {
    const double seconds = static_cast<double>(status_.settings.duration.count());
    const double share = seconds > 0 ? runSeconds(status_) / seconds : 0.0;
    const int steps = std::clamp(static_cast<int>(share * kProgressSteps), 0, kProgressSteps);
    progress_->setValue(steps);
    percent_->setText(percentText(steps * 100 / kProgressSteps));
    if (status_.state == "running") {
        time_->setText(
            tr("%1 s elapsed, %2 s remaining")
                .arg(decimal(status_.elapsedSeconds), decimal(status_.remainingSeconds)));
    } else if (status_.state == "stopping") {
        time_->setText(tr("No more requests are sent; waiting for the %1 in flight.")
                           .arg(number(status_.inFlight)));
    } else if (ended(status_)) {
        time_->setText(
            tr("Ran for %1 s of %2 s").arg(decimal(runSeconds(status_)), decimal(seconds)));
    } else {
        time_->clear();
    }
}

void LoadProgress::showCounts() {
    const std::uint64_t values[CountSize] = {
        status_.sent,      status_.inFlight,    status_.waiting, status_.succeeded,
        status_.status4xx, status_.status5xx,   status_.refused, status_.timeout,
        status_.reset,     status_.otherErrors, status_.skipped};
    for (int i = 0; i < CountSize; ++i) {
        values_[i]->setText(number(values[i]));
    }
}

void LoadProgress::showSummary() {
    if (!ended(status_)) {
        summary_->clear();
        return;
    }
    const QString counts =
        tr("%1 sent, %2 succeeded, %3 failed.")
            .arg(number(status_.sent), number(status_.succeeded), number(failures(status_)));
    const QString latency =
        tr("Latency: p50 %1 ms, p95 %2 ms, p99 %3 ms.")
            .arg(milliseconds(status_.latency, 0.50), milliseconds(status_.latency, 0.95),
                 milliseconds(status_.latency, 0.99));
    const double seconds = runSeconds(status_);
    const auto perSecond = [seconds](std::uint64_t count) {
        return decimal(seconds > 0 ? static_cast<double>(count) / seconds : 0.0);
    };
    const QString rate = tr("Achieved rate: %1 requests per second sent, %2 succeeded per second.")
                             .arg(perSecond(status_.sent), perSecond(status_.succeeded));
    const QString connections =
        tr("Connections: %1 opened, %2 reused.")
            .arg(number(status_.newConnections), number(status_.reusedConnections));
    QStringList lines{counts};
    if (const QStringList kinds = failureKinds(); !kinds.isEmpty()) {
        lines.append(tr("Failures: %1.").arg(QLocale().createSeparatedList(kinds)));
    }
    lines.append(latency);
    lines.append(rate);
    lines.append(connections);
    summary_->setText(lines.join(QLatin1Char('\n')));
}

// The kinds of failure that occurred, each with its count.
QStringList LoadProgress::failureKinds() const {
    const std::pair<std::uint64_t, QString> kinds[] = {
        {status_.status4xx, tr("%1 with 4xx")}, {status_.status5xx, tr("%1 with 5xx")},
        {status_.refused, tr("%1 refused")},    {status_.timeout, tr("%1 timed out")},
        {status_.reset, tr("%1 reset")},        {status_.otherErrors, tr("%1 other errors")}};
    QStringList listed;
    for (const auto& [count, text] : kinds) {
        if (count > 0) {
            listed.append(text.arg(number(count)));
        }
    }
    return listed;
}

QString LoadProgress::stateName() const {
    if (status_.state == "running") {
        return tr("Running");
    }
    if (status_.state == "stopping") {
        return tr("Stopping");
    }
    if (status_.state == "finished") {
        return tr("Finished");
    }
    if (status_.state == "stopped") {
        return tr("Stopped");
    }
    return tr("No run yet");
}

void LoadProgress::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QGroupBox::changeEvent(event);
}

void LoadProgress::retranslate() {
    setTitle(tr("Progress"));
    const QString names[CountSize] = {
        tr("Sent:"),          tr("In flight:"),     tr("Waiting:"), tr("Succeeded:"),
        tr("4xx responses:"), tr("5xx responses:"), tr("Refused:"), tr("Timed out:"),
        tr("Reset:"),         tr("Other errors:"),  tr("Skipped:")};
    for (int i = 0; i < CountSize; ++i) {
        names_[i]->setText(names[i]);
    }
    names_[Skipped]->setToolTip(
        tr("Requests not sent because too many were still waiting for an answer"));
    names_[Waiting]->setToolTip(
        tr("Requests in flight that wait for a free connection: a run keeps at most %1 "
           "connections open, as a crowd of browsers would")
            .arg(number(LoadGenerator::kMaxConnections)));
    setStatus(status_);
}

}  // namespace wsl
