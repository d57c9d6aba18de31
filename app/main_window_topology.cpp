// The window's topology controls: the stage selector and File → Open / Save topology.
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>
#include <QToolBar>

#include "diagram_view.h"
#include "engine_bridge.h"
#include "main_window.h"
#include "topology_json.h"

namespace wsl {

QString MainWindow::stageTitle(const QString& preset) {
    if (preset == QLatin1String("simple")) {
        return tr("1. Simple");
    }
    if (preset == QLatin1String("distributed")) {
        return tr("2. Distributed");
    }
    if (preset == QLatin1String("secured")) {
        return tr("3. Secured and monitored");
    }
    if (preset == QLatin1String("scaled")) {
        return tr("4. Scaled up");
    }
    return preset;
}

void MainWindow::createStageControls(QToolBar* toolBar) {
    stageLabel_ = new QLabel(this);
    stageCombo_ = new QComboBox(this);
    stageCombo_->setObjectName("StageCombo");
    for (const auto& preset : bridge_.presetNames()) {
        stageCombo_->addItem(stageTitle(preset), preset);
    }
    toolBar->addWidget(stageLabel_);
    toolBar->addWidget(stageCombo_);
    connect(stageCombo_, &QComboBox::activated, this, &MainWindow::switchStage);
    showTopology();
}

void MainWindow::switchStage(int index) {
    const auto preset = stageCombo_->itemData(index).toString();
    if (preset.isEmpty()) {
        return;  // "Custom" stands for an opened file
    }
    QString error;
    const auto topology = bridge_.preset(preset, &error);
    if (!topology) {
        QMessageBox::warning(this, tr("Stage not switched"), error);
        showTopology();
        return;
    }
    applyTopology(*topology, stageTitle(preset));
}

void MainWindow::applyTopology(const Topology& topology, const QString& origin) {
    const auto error = bridge_.loadTopology(topology);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Topology not started"),
                             tr("%1 could not start, so the previous topology is running "
                                "again.\n\n%2")
                                 .arg(origin, error));
        return;
    }
    statusBar()->showMessage(tr("Now running: %1").arg(origin), 5000);
}

void MainWindow::openTopology() {
    const auto path = QFileDialog::getOpenFileName(this, tr("Open topology"), QString(),
                                                   tr("Webstack Lab topology (*.json)"));
    if (!path.isEmpty()) {
        openTopologyFile(path);
    }
}

void MainWindow::openTopologyFile(const QString& path) {
    const auto name = QFileInfo(path).fileName();
    QFile file(path);
    if (file.size() > static_cast<qint64>(kMaxTopologyFileBytes)) {
        QMessageBox::warning(
            this, tr("Topology not opened"),
            tr("%1 is larger than 1 MiB; a topology file is much smaller.").arg(name));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Topology not opened"),
                             tr("Cannot read %1: %2").arg(name, file.errorString()));
        return;
    }
    const auto text = file.readAll().toStdString();
    auto parsed = parseTopology(text);
    if (const auto* error = std::get_if<TopologyError>(&parsed)) {
        const auto where = error->line > 0 ? tr("%1, line %2").arg(name).arg(error->line) : name;
        QMessageBox::warning(this, tr("Topology not opened"),
                             tr("%1: %2\n\nThe running topology is unchanged.")
                                 .arg(where, QString::fromStdString(error->message)));
        return;
    }
    applyTopology(std::get<Topology>(parsed), name);
}

// QFileDialog confirms before an existing file is replaced, and QSaveFile replaces it only
// once the whole topology has been written.
void MainWindow::saveTopology() {
    const auto topology = bridge_.engine().runningTopology();
    auto suggested = QString::fromStdString(topology.name).toLower().replace(' ', '-');
    auto path =
        QFileDialog::getSaveFileName(this, tr("Save topology"), suggested + QStringLiteral(".json"),
                                     tr("Webstack Lab topology (*.json)"));
    if (path.isEmpty()) {
        return;
    }
    // A name typed without an extension gets .json, so that File → Open lists it. The dialog
    // confirmed only the name as typed, so confirm again before replacing the .json file.
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".json");
        if (QFileInfo::exists(path) &&
            QMessageBox::question(this, tr("Save topology"),
                                  tr("%1 already exists. Replace it?").arg(path)) !=
                QMessageBox::Yes) {
            return;
        }
    }
    QSaveFile file(path);
    const auto text = QByteArray::fromStdString(topologyToJson(topology));
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Topology not saved"),
                             tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 8000);
}

// Redraws the diagram and points the selector at the running topology.
void MainWindow::showTopology() {
    if (stageCombo_ == nullptr) {
        return;
    }
    diagram_->setTopology(bridge_.diagramNodes(), bridge_.diagramLinks());
    selectedNode_.clear();
    const auto running = QString::fromStdString(bridge_.engine().topology().name);
    int match = -1;
    for (int i = 0; i < stageCombo_->count(); ++i) {
        const auto preset = stageCombo_->itemData(i).toString();
        QString error;
        const auto topology = preset.isEmpty() ? std::nullopt : bridge_.preset(preset, &error);
        if (topology && QString::fromStdString(topology->name) == running) {
            match = i;
        }
    }
    const int custom = stageCombo_->findData(QString());
    if (match < 0 && custom < 0) {
        stageCombo_->addItem(tr("Custom"), QString());
    }
    stageCombo_->setCurrentIndex(match >= 0 ? match : stageCombo_->findData(QString()));
    if (siteLabel_ != nullptr) {
        retranslate();
    }
}

}  // namespace wsl
