#pragma once

#include <QMainWindow>
#include <QTranslator>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QToolButton;
class QDockWidget;

namespace wsl {

class DiagramView;
class EngineBridge;

// The window: toolbar, the live diagram, an event log and the service addresses.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(EngineBridge& bridge, QWidget* parent = nullptr);

    DiagramView* diagram() const { return diagram_; }
    // Loads the French ("fr") or Arabic ("ar") translation, or English for any other code.
    void switchLanguage(const QString& code);

protected:
    void changeEvent(QEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createEventDock();
    void createStatusBar();
    void connectBridge();
    void retranslate();
    void countTrip();
    void logEvent(double seconds, const QString& node, const QString& kind, const QString& detail);
    void failSelected();
    void restoreSelected();

    EngineBridge& bridge_;
    DiagramView* diagram_ = nullptr;
    QTranslator translator_;
    QString selectedNode_;

    QMenu* fileMenu_ = nullptr;
    QMenu* requestMenu_ = nullptr;
    QMenu* nodeMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* languageMenu_ = nullptr;
    QToolButton* sendButton_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* sendPageAction_ = nullptr;
    QAction* sendReadAction_ = nullptr;
    QAction* sendWriteAction_ = nullptr;
    QAction* failSelectedAction_ = nullptr;
    QAction* restoreSelectedAction_ = nullptr;
    QActionGroup* languageGroup_ = nullptr;
    QAction* englishAction_ = nullptr;
    QAction* frenchAction_ = nullptr;
    QAction* arabicAction_ = nullptr;
    QDockWidget* eventDock_ = nullptr;
    QPlainTextEdit* eventLog_ = nullptr;
    QLabel* siteLabel_ = nullptr;
    QLabel* servicesLabel_ = nullptr;
    QLabel* lastRequestLabel_ = nullptr;
    QLabel* tripCountLabel_ = nullptr;
    int tripCount_ = 0;
};

}  // namespace wsl
