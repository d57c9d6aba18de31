#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLocale>
#include <QMessageBox>

#include <pthread.h>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "admin_export.h"
#include "diagram_view.h"
#include "engine.h"
#include "engine_bridge.h"
#include "main_window.h"
#include "topology_json.h"

using namespace wsl;

namespace {

struct CommandLine {
    bool headless = false;
    QString exportHar;     // file to write the running app's requests to, as HAR
    QString exportEvents;  // file to write the running app's events to, as CSV
    std::uint16_t adminPort = 9901;
    QString language;
    QString topology;  // a preset name or a topology file
};

// Finds a folder of resources/: the environment variable, then the installed copy beside the
// executable, then the source tree this binary was built from.
std::filesystem::path findResources(const char* variable, const char* folder, const char* marker) {
    if (const char* fromEnvironment = std::getenv(variable)) {
        return fromEnvironment;
    }
    const auto installed =
        std::filesystem::path(QCoreApplication::applicationDirPath().toStdString()) /
        "../share/webstack-lab" / folder;
    if (std::filesystem::exists(installed / marker)) {
        return installed;
    }
    return std::filesystem::path(WEBSTACK_SOURCE_RESOURCES_DIR) / folder;
}

// Reads --topology: a preset's name, or a topology file.
std::optional<Topology> chooseTopology(const std::filesystem::path& presets,
                                       const QString& choice) {
    if (choice.isEmpty()) {
        return std::nullopt;
    }
    auto preset = readPreset(presets, choice.toStdString());
    if (auto* topology = std::get_if<Topology>(&preset)) {
        return std::move(*topology);
    }
    std::ifstream file(choice.toStdString(), std::ios::binary);
    if (!file) {
        std::cerr << "webstack-lab: --topology '" << choice.toStdString()
                  << "' is neither a preset (simple, distributed, secured, scaled) nor a "
                     "readable file\n";
        std::exit(2);
    }
    std::ostringstream text;
    text << file.rdbuf();
    auto parsed = parseTopology(text.str());
    if (auto* error = std::get_if<TopologyError>(&parsed)) {
        std::cerr << "webstack-lab: " << choice.toStdString() << ": " << error->describe() << "\n";
        std::exit(2);
    }
    return std::get<Topology>(std::move(parsed));
}

CommandLine parseCommandLine(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main",
        "Teaches how a web request travels through a web infrastructure, with every "
        "component running as a real service on loopback."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
        "headless", QCoreApplication::translate("main", "Run the engine without a window."));
    const QCommandLineOption adminPort(
        "admin-port",
        QCoreApplication::translate("main", "Port of the admin interface on 127.0.0.1."), "port",
        "9901");
    const QCommandLineOption language(
        "lang", QCoreApplication::translate("main", "Window language: en, fr or ar."), "code");
    const QCommandLineOption exportHar(
        "export-har",
        QCoreApplication::translate("main",
                                    "Write the recent requests of the running app "
                                    "(found by --admin-port) to <file> as HAR 1.2."),
        "file");
    const QCommandLineOption exportEvents(
        "export-events",
        QCoreApplication::translate("main",
                                    "Write the recent events of the running app "
                                    "(found by --admin-port) to <file> as CSV."),
        "file");
    const QCommandLineOption topology(
        "topology",
        QCoreApplication::translate("main",
                                    "Start with a preset (simple, distributed, secured, scaled) "
                                    "or a topology file instead of the Distributed stage."),
        "preset-or-file");
    parser.addOptions({headless, adminPort, language, exportHar, exportEvents, topology});
    parser.process(app);

    CommandLine line;
    line.headless = parser.isSet(headless);
    bool valid = false;
    const auto port = parser.value(adminPort).toUInt(&valid);
    if (!valid || port > 65535) {
        std::cerr << "webstack-lab: invalid --admin-port '" << parser.value(adminPort).toStdString()
                  << "': give a port number from 0 to 65535\n";
        std::exit(2);
    }
    line.adminPort = static_cast<std::uint16_t>(port);
    line.language = parser.value(language);
    line.exportHar = parser.value(exportHar);
    line.exportEvents = parser.value(exportEvents);
    line.topology = parser.value(topology);
    return line;
}

void printServices(const Engine& engine) {
    for (const auto& service : engine.services()) {
        std::printf("%-14s %-15s %s\n", service.name.c_str(), service.kind.c_str(),
                    service.url.c_str());
    }
    std::fflush(stdout);
}

sigset_t stopSignals() {
    sigset_t stopSet;
    sigemptyset(&stopSet);
    sigaddset(&stopSet, SIGINT);
    sigaddset(&stopSet, SIGTERM);
    sigaddset(&stopSet, SIGUSR1);  // sent by main() itself to end the waiting thread
    return stopSet;
}

int runExport(const CommandLine& line) {
    const bool har = !line.exportHar.isEmpty();
    const auto path = (har ? line.exportHar : line.exportEvents).toStdString();
    const auto error =
        exportFromAdmin(line.adminPort, har ? "/har?last=1000" : "/events.csv?last=5000", path);
    if (!error.empty()) {
        std::cerr << "webstack-lab: " << error << "\n";
        return 1;
    }
    std::cerr << "webstack-lab: wrote " << path << "\n";
    return 0;
}

int runHeadless(EngineOptions options) {
    Engine engine(std::move(options));
    // No window drains the spans. The trace store and the admin interface still get them all.
    engine.tracer().setQueueForDrain(false);
    try {
        engine.start();
    } catch (const std::exception& error) {
        std::cerr << "webstack-lab: " << error.what() << "\n";
        return 1;
    }
    printServices(engine);

    const auto stopSet = stopSignals();
    int received = 0;
    do {
        sigwait(&stopSet, &received);
    } while (received == SIGUSR1);
    std::cerr << "webstack-lab: stopping on " << (received == SIGINT ? "SIGINT" : "SIGTERM")
              << "\n";
    engine.stop();
    return 0;
}

QString systemLanguage() {
    switch (QLocale::system().language()) {
        case QLocale::French:
            return QStringLiteral("fr");
        case QLocale::Arabic:
            return QStringLiteral("ar");
        default:
            return QStringLiteral("en");
    }
}

int runWindow(QApplication& app, EngineOptions options, const QString& language) {
    EngineBridge bridge(std::move(options));
    if (const auto error = bridge.start(); !error.isEmpty()) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("main", "Webstack Lab"),
            QCoreApplication::translate("main", "The engine did not start: %1").arg(error));
        return 1;
    }
    printServices(bridge.engine());

    // SIGINT and SIGTERM close the window as the Quit action does.
    std::thread signalWaiter([] {
        const auto stopSet = stopSignals();
        int received = 0;
        sigwait(&stopSet, &received);
        if (received != SIGUSR1) {
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        }
    });

    MainWindow window(bridge);
    window.switchLanguage(language.isEmpty() ? systemLanguage() : language);
    window.show();
    const int status = app.exec();

    pthread_kill(signalWaiter.native_handle(), SIGUSR1);
    signalWaiter.join();
    bridge.stop();
    return status;
}

}  // namespace

int main(int argc, char* argv[]) {
    // Blocked before any thread starts, so that every thread inherits the mask and only the
    // thread in sigwait() receives them.
    const auto stopSet = stopSignals();
    pthread_sigmask(SIG_BLOCK, &stopSet, nullptr);

    bool headless = false;
    for (int i = 1; i < argc; ++i) {
        // Exports talk to a running app and need no window either, nor do help and version,
        // which must also work over SSH without a display.
        const std::string_view argument(argv[i]);
        headless = headless || argument == "--headless" || argument.starts_with("--export-") ||
                   argument == "--help" || argument == "-h" || argument == "--version" ||
                   argument == "-v";
    }
    std::unique_ptr<QCoreApplication> app;
    if (headless) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        app = std::make_unique<QApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName("webstack-lab");
    QCoreApplication::setApplicationVersion(WEBSTACK_VERSION);
    QCoreApplication::setOrganizationName("Webstack Lab");

    const auto commandLine = parseCommandLine(*app);
    if (!commandLine.exportHar.isEmpty() || !commandLine.exportEvents.isEmpty()) {
        return runExport(commandLine);
    }
    EngineOptions options;
    options.siteRoot = findResources("WEBSTACK_SITE_DIR", "site", "index.html");
    options.presetDirectory = findResources("WEBSTACK_PRESET_DIR", "presets", "simple.json");
    options.adminPort = commandLine.adminPort;
    if (auto topology = chooseTopology(options.presetDirectory, commandLine.topology)) {
        options.topology = std::move(*topology);
    }

    if (commandLine.headless) {
        return runHeadless(std::move(options));
    }
    return runWindow(static_cast<QApplication&>(*app), std::move(options), commandLine.language);
}
