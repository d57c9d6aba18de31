#include "load_form.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

#include <chrono>

#include "form_rows.h"

namespace wsl {

namespace {

// A short first run: light enough for the one-server stage, long enough to watch.
constexpr int kDefaultRate = 20;
constexpr int kDefaultUsers = 10;
constexpr int kDefaultSeconds = 30;

}  // namespace

LoadForm::LoadForm(QWidget* parent) : QGroupBox(parent), form_(new QFormLayout) {
    form_->setRowWrapPolicy(QFormLayout::WrapLongRows);

    mode_ = new QComboBox(this);
    mode_->addItem(QString(), static_cast<int>(LoadMode::Rate));
    mode_->addItem(QString(), static_cast<int>(LoadMode::Users));
    addLabelledRow(form_, mode_);

    rate_ = new QSpinBox(this);
    rate_->setRange(1, LoadSettings::kMaxRate);
    rate_->setValue(kDefaultRate);
    addLabelledRow(form_, rate_);

    users_ = new QSpinBox(this);
    users_->setRange(1, LoadSettings::kMaxUsers);
    users_->setValue(kDefaultUsers);
    addLabelledRow(form_, users_);

    page_ = addShare(100);
    read_ = addShare(0);
    write_ = addShare(0);
    mixTotal_ = new QLabel(this);
    mixTotal_->setWordWrap(true);
    form_->addRow(mixTotal_);

    duration_ = new QSpinBox(this);
    duration_->setRange(1, static_cast<int>(LoadSettings::kMaxDuration.count()));
    duration_->setValue(kDefaultSeconds);
    addLabelledRow(form_, duration_);

    start_ = new QPushButton(this);
    stop_ = new QPushButton(this);
    stop_->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(stop_);
    buttons->addStretch();

    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(QStringLiteral("QLabel { color: #D55E00; font-weight: bold; }"));
    error_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form_);
    layout->addLayout(buttons);
    layout->addWidget(error_);
    layout->addStretch();

    connect(mode_, &QComboBox::currentIndexChanged, this, &LoadForm::showModeRows);
    connect(start_, &QPushButton::clicked, this, &LoadForm::startRequested);
    connect(stop_, &QPushButton::clicked, this, &LoadForm::stopRequested);
    showModeRows();
    retranslate();
}

QSpinBox* LoadForm::addShare(int percent) {
    auto* share = new QSpinBox(this);
    share->setRange(0, 100);
    share->setValue(percent);
    connect(share, &QSpinBox::valueChanged, this, &LoadForm::showMixTotal);
    addLabelledRow(form_, share);
    return share;
}

LoadSettings LoadForm::settings() const {
    LoadSettings settings;
    settings.mode = static_cast<LoadMode>(mode_->currentData().toInt());
    settings.rate = rate_->value();
    settings.users = users_->value();
    settings.pageShare = page_->value() / 100.0;
    settings.readShare = read_->value() / 100.0;
    settings.writeShare = write_->value() / 100.0;
    settings.duration = std::chrono::seconds(duration_->value());
    return settings;
}

void LoadForm::showSettings(const LoadSettings& settings) {
    mode_->setCurrentIndex(mode_->findData(static_cast<int>(settings.mode)));
    rate_->setValue(settings.rate);
    users_->setValue(settings.users);
    duration_->setValue(static_cast<int>(settings.duration.count()));
    const double total = settings.pageShare + settings.readShare + settings.writeShare;
    const auto percent = [total](double share) {
        return total > 0 ? static_cast<int>(std::lround(share / total * 100.0)) : 0;
    };
    page_->setValue(percent(settings.pageShare));
    read_->setValue(percent(settings.readShare));
    write_->setValue(percent(settings.writeShare));
}

QString LoadForm::mixError() const {
    if (page_->value() + read_->value() + write_->value() > 0) {
        return {};
    }
    return tr(
        "The request mix is all zeros. Give pages, API reads or API writes a share above "
        "0 %.");
}

void LoadForm::setRunning(bool running, bool stopping) {
    start_->setEnabled(!running && !stopping);
    stop_->setEnabled(running && !stopping);
}

void LoadForm::showError(const QString& message) {
    error_->setText(message);
    error_->setVisible(!message.isEmpty());
}

void LoadForm::showModeRows() {
    const bool rate = mode_->currentData().toInt() == static_cast<int>(LoadMode::Rate);
    form_->setRowVisible(rate_, rate);
    form_->setRowVisible(users_, !rate);
}

void LoadForm::showMixTotal() {
    const int total = page_->value() + read_->value() + write_->value();
    form_->setRowVisible(mixTotal_, total != 100);
    if (total == 100) {
        mixTotal_->clear();
    } else if (total == 0) {
        mixTotal_->setText(tr("Give at least one kind of request a share above 0 %."));
    } else {
        // The engine draws each request's kind with these weights, so they need not add up.
        mixTotal_->setText(
            tr("The shares add up to %1 %; each is taken as a part of that total.").arg(total));
    }
}

void LoadForm::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QGroupBox::changeEvent(event);
}

void LoadForm::retranslate() {
    setTitle(tr("Load run"));
    mode_->setItemText(0, tr("Constant rate"));
    mode_->setItemText(1, tr("Concurrent users"));
    mode_->setToolTip(
        tr("Constant rate sends a fixed number of requests per second, however slow the answers. "
           "Concurrent users each send their next request when the previous one has ended."));
    setRowLabel(form_, mode_, tr("Mode:"));
    setRowLabel(form_, rate_, tr("Rate (requests per second):"));
    setRowLabel(form_, users_, tr("Users:"));
    setRowLabel(form_, page_, tr("Pages (%):"));
    setRowLabel(form_, read_, tr("API reads (%):"));
    setRowLabel(form_, write_, tr("API writes (%):"));
    setRowLabel(form_, duration_, tr("Duration (seconds):"));
    page_->setToolTip(tr("Share of requests for the home page (GET /)"));
    read_->setToolTip(tr("Share of requests that read the message list (GET /api/messages)"));
    write_->setToolTip(tr("Share of requests that post a message (POST /api/messages)"));
    start_->setText(tr("Start"));
    stop_->setText(tr("Stop"));
    stop_->setToolTip(tr("Send no more requests; those in flight finish and are counted"));
    showMixTotal();
}

}  // namespace wsl
