#include "load_panel.h"

#include <QEvent>
#include <QGridLayout>
#include <QScrollArea>
#include <QVBoxLayout>

#include "capacity_box.h"
#include "engine.h"
#include "load_form.h"
#include "load_progress.h"

namespace wsl {

namespace {

bool active(const LoadStatus& status) {
    return status.state == "running" || status.state == "stopping";
}

}  // namespace

LoadPanel::LoadPanel(Engine& engine, QWidget* parent) : QWidget(parent), engine_(engine) {
    auto* content = new QWidget;
    form_ = new LoadForm(content);
    progress_ = new LoadProgress(content);
    capacity_ = new CapacityBox(engine_, content);
    grid_ = new QGridLayout(content);
    arrange();

    // The dock may be short, and French texts are long: scroll rather than clip.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(form_, &LoadForm::startRequested, this, &LoadPanel::start);
    connect(form_, &LoadForm::stopRequested, this, &LoadPanel::stop);
    connect(&pollTimer_, &QTimer::timeout, this, &LoadPanel::refresh);
    setWindowTitle(tr("Load test"));
    refresh();
}

void LoadPanel::start() {
    if (const QString error = form_->mixError(); !error.isEmpty()) {
        form_->showError(error);
        return;
    }
    const std::string error = engine_.startLoad(form_->settings());
    if (!error.empty()) {
        form_->showError(tr("The run failed to start: %1").arg(QString::fromStdString(error)));
        return;
    }
    startedHere_ = true;
    form_->showError({});
    refresh();
}

void LoadPanel::stop() {
    engine_.stopLoad();
    refresh();
}

void LoadPanel::refresh() {
    const LoadStatus status = engine_.loadStatus();
    const bool running = status.state == "running";
    // A run started elsewhere shows its own settings once, so that a teacher's edits for the
    // next run are not overwritten while it lasts.
    if (running && !sawRunning_ && !startedHere_) {
        form_->showSettings(status.settings);
    }
    startedHere_ = startedHere_ && running;
    sawRunning_ = running;
    form_->setRunning(running, status.state == "stopping");
    progress_->setStatus(status);
    if (isVisible()) {
        pollTimer_.start(active(status) ? kRunningInterval : kIdleInterval);
    }
}

// Places the three boxes side by side when the panel is wide enough. Otherwise the capacity
// goes under the progress, so that a dock beside the inspector rarely scrolls sideways.
void LoadPanel::arrange() {
    const int needed = form_->sizeHint().width() + progress_->sizeHint().width() +
                       capacity_->sizeHint().width() + 4 * grid_->horizontalSpacing();
    const bool wide = width() >= needed;
    if (wide == wide_ && grid_->count() > 0) {
        return;
    }
    wide_ = wide;
    grid_->removeWidget(form_);
    grid_->removeWidget(progress_);
    grid_->removeWidget(capacity_);
    grid_->addWidget(form_, 0, 0, wide ? 1 : 2, 1);
    grid_->addWidget(progress_, 0, 1);
    grid_->addWidget(capacity_, wide ? 0 : 1, wide ? 2 : 1);
    grid_->setColumnStretch(1, 1);
}

void LoadPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    arrange();
}

void LoadPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        setWindowTitle(tr("Load test"));
    }
    QWidget::changeEvent(event);
}

void LoadPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    capacity_->reload();
    refresh();
}

// A hidden panel does not poll, because showEvent() reads the engine again at once.
void LoadPanel::hideEvent(QHideEvent* event) {
    pollTimer_.stop();
    QWidget::hideEvent(event);
}

}  // namespace wsl
