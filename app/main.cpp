#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLocale>
#include <QMessageBox>

#include <pthread.h>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "admin_export.h"
#include "diagram_view.h"
#include "engine.h"
#include "engine_bridge.h"
#include "main_window.h"

using namespace wsl;

namespace {

struct CommandLine {
    bool headless = false;
    QString exportHar;     // file to write the running app's requests to, as HAR
    QString exportEvents;  // file to write the running app's events to, as CSV
    std::uint16_t adminPort = 9901;
    QString language;
};

// Finds the demo site: WEBSTACK_SITE_DIR, then the installed copy beside the executable,
// then the source tree this binary was built from.
std::filesystem::path findSiteRoot() {
    if (const char* fromEnvironment = std::getenv("WEBSTACK_SITE_DIR")) {
        return fromEnvironment;
    }
    const auto installed =
        std::filesystem::path(QCoreApplication::applicationDirPath().toStdString()) /
        "../share/webstack-lab/site";
    if (std::filesystem::exists(installed / "index.html")) {
        return installed;
    }
    return WEBSTACK_SOURCE_SITE_DIR;
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
    parser.addOptions({headless, adminPort, language, exportHar, exportEvents});
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
        // Exports talk to a running app and need no window either.
        const std::string_view argument(argv[i]);
        headless = headless || argument == "--headless" || argument.starts_with("--export-");
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
    options.siteRoot = findSiteRoot();
    options.adminPort = commandLine.adminPort;

    if (commandLine.headless) {
        return runHeadless(std::move(options));
    }
    return runWindow(static_cast<QApplication&>(*app), std::move(options), commandLine.language);
}
