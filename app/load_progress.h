#pragma once

#include <QGroupBox>

#include <array>

#include "load_generator.h"

class QLabel;
class QProgressBar;

namespace wsl {

// The run in progress or the last one: its state, a progress bar with the elapsed and the
// remaining time, live counts by outcome, and once it has ended a summary with latency
// percentiles and the achieved rate.
class LoadProgress : public QGroupBox {
    Q_OBJECT

public:
    enum Count {
        Sent,
        InFlight,
        Waiting,
        Succeeded,
        Status4xx,
        Status5xx,
        Refused,
        Timeout,
        Reset,
        Other,
        Skipped,
        CountSize
    };

    explicit LoadProgress(QWidget* parent = nullptr);

    void setStatus(const LoadStatus& status);

    QLabel* stateLabel() const { return state_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* percentLabel() const { return percent_; }
    QLabel* timeLabel() const { return time_; }
    QLabel* countLabel(Count count) const { return values_[count]; }
    QLabel* summaryLabel() const { return summary_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void showProgress();
    void showCounts();
    void showSummary();
    QStringList failureKinds() const;
    void retranslate();
    QString stateName() const;

    LoadStatus status_;
    QLabel* state_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* percent_ = nullptr;  // beside the bar, which draws no text of its own
    QLabel* time_ = nullptr;
    std::array<QLabel*, CountSize> names_{};
    std::array<QLabel*, CountSize> values_{};
    QLabel* summary_ = nullptr;
};

}  // namespace wsl
