#pragma once

#include <QTimer>
#include <QWidget>

#include <chrono>

class QGridLayout;

namespace wsl {

class CapacityBox;
class Engine;
class LoadForm;
class LoadProgress;

// The Load test panel: the settings of a run with Start and Stop, its progress and summary, and
// the application servers' capacity. While visible it polls the engine, quickly during a run
// and slowly otherwise, so that runs started from the admin interface show up too.
class LoadPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kRunningInterval{250};
    static constexpr std::chrono::milliseconds kIdleInterval{1000};

    explicit LoadPanel(Engine& engine, QWidget* parent = nullptr);

    // Starts a run with the form's settings, or shows why it cannot.
    void start();
    void stop();
    // Reads the engine's load status into the form and the progress.
    void refresh();

    LoadForm* form() const { return form_; }
    LoadProgress* progress() const { return progress_; }
    CapacityBox* capacity() const { return capacity_; }
    const QTimer& pollTimer() const { return pollTimer_; }

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void arrange();

    Engine& engine_;
    LoadForm* form_ = nullptr;
    LoadProgress* progress_ = nullptr;
    CapacityBox* capacity_ = nullptr;
    QGridLayout* grid_ = nullptr;
    bool wide_ = false;
    bool startedHere_ = false;  // the run in progress was started with this panel's Start
    bool sawRunning_ = false;   // the last refresh found a run in progress
    QTimer pollTimer_;
};

}  // namespace wsl
