#pragma once

#include <QGroupBox>

class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace wsl {

class Engine;

// The application servers' concurrency limit and cost per request, applied to every one of
// them at once, as PUT /capacity does. With a cost and a low limit, a rising load shows
// latency climbing, then 503 responses, until another application server is added.
class CapacityBox : public QGroupBox {
    Q_OBJECT

public:
    explicit CapacityBox(Engine& engine, QWidget* parent = nullptr);

    // Reads the engine's capacity into the fields, which the admin interface may have changed.
    void reload();
    // Sets the engine's capacity from the fields and shows the outcome.
    void apply();

    QSpinBox* concurrencySpin() const { return concurrency_; }
    QSpinBox* costSpin() const { return cost_; }
    QPushButton* applyButton() const { return apply_; }
    QLabel* messageLabel() const { return message_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    Engine& engine_;
    QFormLayout* form_ = nullptr;
    QLabel* hint_ = nullptr;
    QSpinBox* concurrency_ = nullptr;
    QSpinBox* cost_ = nullptr;
    QPushButton* apply_ = nullptr;
    QLabel* message_ = nullptr;
};

}  // namespace wsl
