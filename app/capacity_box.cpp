#include "capacity_box.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "engine.h"
#include "form_rows.h"

namespace wsl {

CapacityBox::CapacityBox(Engine& engine, QWidget* parent)
    : QGroupBox(parent),
      engine_(engine),
      form_(new QFormLayout),
      hint_(new QLabel(this)),
      concurrency_(new QSpinBox(this)),
      cost_(new QSpinBox(this)),
      apply_(new QPushButton(this)),
      message_(new QLabel(this)) {
    form_->setRowWrapPolicy(QFormLayout::WrapLongRows);
    hint_->setWordWrap(true);
    concurrency_->setRange(1, AppCapacity::kMaxConcurrencyLimit);
    cost_->setRange(0, static_cast<int>(AppCapacity::kMaxCost.count()));
    addLabelledRow(form_, concurrency_);
    addLabelledRow(form_, cost_);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(apply_);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint_);
    layout->addLayout(form_);
    layout->addLayout(buttons);
    layout->addWidget(message_);
    layout->addStretch();

    connect(apply_, &QPushButton::clicked, this, &CapacityBox::apply);
    reload();
    retranslate();
}

void CapacityBox::reload() {
    const AppCapacity capacity = engine_.appCapacity();
    concurrency_->setValue(capacity.concurrencyLimit);
    cost_->setValue(static_cast<int>(capacity.costPerRequest.count()));
}

void CapacityBox::apply() {
    // The queue limit and queue timeout stay as they are, because only the admin interface sets
    // them.
    AppCapacity capacity = engine_.appCapacity();
    capacity.concurrencyLimit = concurrency_->value();
    capacity.costPerRequest = std::chrono::milliseconds(cost_->value());
    const std::string error = engine_.setAppCapacity(capacity);
    if (!error.empty()) {
        message_->setText(
            tr("The capacity was not changed: %1").arg(QString::fromStdString(error)));
        return;
    }
    message_->setText(tr("Applied to every application server: %1 at once, %2 ms each.")
                          .arg(capacity.concurrencyLimit)
                          .arg(capacity.costPerRequest.count()));
}

void CapacityBox::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QGroupBox::changeEvent(event);
}

void CapacityBox::retranslate() {
    setTitle(tr("Application servers' capacity"));
    hint_->setText(
        tr("Give each request a cost and lower the limit, then raise the rate: latency climbs, "
           "then 503 responses appear. Scale → Add an application server brings them back down."));
    setRowLabel(form_, concurrency_, tr("Requests handled at once:"));
    setRowLabel(form_, cost_, tr("Cost per request (ms):"));
    concurrency_->setToolTip(
        tr("Each application server handles this many requests at once; more wait in a short "
           "queue, and beyond it get 503 Service Unavailable."));
    cost_->setToolTip(tr("How long each application server works on every request"));
    apply_->setText(tr("Apply"));
}

}  // namespace wsl
