#pragma once

#include <QGroupBox>

#include "load_generator.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace wsl {

// The settings of a load run (mode, rate or users, request mix, duration) with the Start and
// Stop buttons and the line that shows why a run did not start.
class LoadForm : public QGroupBox {
    Q_OBJECT

public:
    explicit LoadForm(QWidget* parent = nullptr);

    // The settings as entered; the shares are the three percentages divided by 100.
    LoadSettings settings() const;
    // Returns why the entered mix cannot be sent, empty when it can.
    QString mixError() const;
    // Shows the settings of a run this form did not start, such as one started with
    // POST /load, with its mix as percentages of its total.
    void showSettings(const LoadSettings& settings);
    // Enables Start only without a run in progress, and Stop only while a run is sending.
    void setRunning(bool running, bool stopping);
    // Shows `message` under the buttons; an empty message hides the line.
    void showError(const QString& message);

    QComboBox* modeCombo() const { return mode_; }
    QSpinBox* rateSpin() const { return rate_; }
    QSpinBox* usersSpin() const { return users_; }
    QSpinBox* pageSpin() const { return page_; }
    QSpinBox* readSpin() const { return read_; }
    QSpinBox* writeSpin() const { return write_; }
    QSpinBox* durationSpin() const { return duration_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* stopButton() const { return stop_; }
    QLabel* errorLabel() const { return error_; }

signals:
    void startRequested();
    void stopRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    QSpinBox* addShare(int percent);
    void showModeRows();
    void showMixTotal();
    void retranslate();

    QFormLayout* form_ = nullptr;
    QComboBox* mode_ = nullptr;
    QSpinBox* rate_ = nullptr;
    QSpinBox* users_ = nullptr;
    QSpinBox* page_ = nullptr;
    QSpinBox* read_ = nullptr;
    QSpinBox* write_ = nullptr;
    QLabel* mixTotal_ = nullptr;
    QSpinBox* duration_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* stop_ = nullptr;
    QLabel* error_ = nullptr;
};

}  // namespace wsl
