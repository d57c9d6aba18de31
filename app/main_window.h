#pragma once

#include <QMainWindow>
#include <QTranslator>

#include <functional>

class QToolBar;

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QMenu;
class QToolButton;
class QDockWidget;
class QSpinBox;

namespace wsl {

class CountLabel;
class DiagramView;
class Engine;
struct FaultSettings;
struct Topology;
struct ViewSettings;
enum class NodeKind;
class EngineBridge;
class LoadPanel;
class EventListWidget;
class RequestDetailWidget;
class RequestListWidget;
class RequestStore;
struct RequestView;

// The window: toolbar, the live diagram, an event log and the service addresses.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(EngineBridge& bridge, QWidget* parent = nullptr);
    ~MainWindow() override;

    DiagramView* diagram() const { return diagram_; }
    QComboBox* stageCombo() const { return stageCombo_; }
    // Opens a topology file as File → Open does, with its message boxes. For tests.
    void openTopologyFile(const QString& path);
    RequestListWidget* requestList() const { return requestList_; }
    RequestDetailWidget* requestDetail() const { return requestDetail_; }
    EventListWidget* eventList() const { return eventList_; }
    // Loads the French ("fr") or Arabic ("ar") translation, or English for any other code.
    void switchLanguage(const QString& code);

protected:
    void changeEvent(QEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createEventDock();
    void createInspectorDock();
    void createMonitoringDock();
    void createLoadDock();
    void createPacingControls(QToolBar* toolBar);
    void createStageControls(QToolBar* toolBar);
    void switchStage(int index);
    void openTopology();
    void saveTopology();
    void applyTopology(const Topology& topology, const QString& origin);
    void showTopology();
    static QString stageTitle(const QString& preset);
    void createControlMenus();
    void createSettingsMenu();
    void showSettings();
    void retranslateSettings();
    void report(const std::string& error);
    void retranslateControls();
    void onSelected(const std::function<std::string(Engine&, const std::string&)>& command);
    void setSelectedFault(const FaultSettings& fault);
    void hangSelected();
    void slowSelected();
    void errorSelected();
    void clearFaultSelected();
    void deploySelected();
    void drainSelected();
    void readySelected();
    void promoteSelected();
    void addServer(NodeKind kind);
    void addWebServer();
    void addAppServer();
    void removeSelected();
    void rollingDeploy();
    void applyPacing();
    void showRequest(const RequestView& request);
    void exportHar();
    void exportSelectedHar();
    QStringList selectedTraceIds() const;
    void exportEvents();
    void exportFile(const QString& title, const QString& fileName, const QString& filter,
                    const std::function<QString(const QString&)>& write);
    void createStatusBar();
    void connectBridge();
    void connectViewState();
    void createLoadSwitch();
    void followLoadRun();
    void retranslateLoadSwitch();
    void applyView(const ViewSettings& view);
    void retranslate();
    void countTrip();
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
    EventListWidget* eventList_ = nullptr;
    QDockWidget* inspectorDock_ = nullptr;
    RequestStore* requestStore_ = nullptr;
    RequestListWidget* requestList_ = nullptr;
    RequestDetailWidget* requestDetail_ = nullptr;
    QAction* exportHarAction_ = nullptr;
    QAction* exportSelectedHarAction_ = nullptr;
    QAction* exportEventsAction_ = nullptr;
    QAction* openTopologyAction_ = nullptr;
    QAction* saveTopologyAction_ = nullptr;
    QLabel* stageLabel_ = nullptr;
    QComboBox* stageCombo_ = nullptr;
    QMenu* scaleMenu_ = nullptr;
    QList<QAction*> controlActions_;
    QMenu* settingsMenu_ = nullptr;
    QMenu* algorithmMenu_ = nullptr;
    QActionGroup* algorithmGroup_ = nullptr;
    QAction* redirectHttpsAction_ = nullptr;
    QAction* forceHttpsAction_ = nullptr;
    QAction* synchronousAction_ = nullptr;
    QAction* monitoringTrafficAction_ = nullptr;
    QAction* spofAction_ = nullptr;
    LoadPanel* loadPanel_ = nullptr;
    QAction* loadAction_ = nullptr;
    QSpinBox* loadRateSpin_ = nullptr;
    QString shownPanel_;  // the front panel last applied from the view settings
    QLabel* modeLabel_ = nullptr;
    QComboBox* modeCombo_ = nullptr;
    QAction* stepAction_ = nullptr;
    QAction* continueAction_ = nullptr;
    QLabel* speedLabel_ = nullptr;
    QComboBox* speedCombo_ = nullptr;
    QLabel* siteLabel_ = nullptr;
    QLabel* servicesLabel_ = nullptr;
    QLabel* lastRequestLabel_ = nullptr;
    CountLabel* tripCountLabel_ = nullptr;
    int tripCount_ = 0;
    bool tripCountQueued_ = false;  // whether the label's update waits in the event queue
};

}  // namespace wsl
