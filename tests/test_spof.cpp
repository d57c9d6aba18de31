#include <QtTest>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "presets.h"
#include "spof.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

// "name: pages reads writes" for each point, in topology order, so that a failed comparison
// shows both lists.
using Points = std::vector<std::string>;

Points describe(const SpofReport& report) {
    Points result;
    for (const auto& point : report.points) {
        std::string line = point.name + ":";
        for (const auto function : point.stops) {
            line += std::string(" ") + siteFunctionName(function);
        }
        result.push_back(line);
    }
    return result;
}

Points analyse(const Topology& topology, const std::set<std::string>& down = {}) {
    return describe(
        analyseSpof(topology, [&down](const std::string& name) { return !down.contains(name); }));
}

Topology stage(const char* name) {
    return *builtInStage(name, true);
}

QString show(const Points& points) {
    QStringList lines;
    for (const auto& line : points) {
        lines << QString::fromStdString(line);
    }
    return lines.join(QStringLiteral(" | "));
}

}  // namespace

#define COMPARE_POINTS(actual, expected)                                                 \
    QVERIFY2((actual) == (expected), qPrintable(QStringLiteral("got: ") + show(actual) + \
                                                QStringLiteral("; wanted: ") + show(expected)))

class SpofTest : public QObject {
    Q_OBJECT

private slots:
    void simpleStage();
    void distributedStage();
    void securedStage();
    void scaledStage();
    void autoPromotionCoversPrimary();
    void lastWebServerBecomesSpof();
    void pairBalancersCoverEachOther();
    void failedUnitsAreNotReported();
    void adminListsRunningStackPoints();
    void secondDnsServerIsUnused();
    void runningAutoPromotionCoversPrimary();
};

void SpofTest::simpleStage() {
    // One DNS server, and one machine running the web server, the app server and the database:
    // either failing stops everything. The nodes on server-1 fail as one unit, the host.
    COMPARE_POINTS(analyse(stage("simple")),
                   (Points{"dns-1: pages reads writes", "server-1: pages reads writes"}));
}

void SpofTest::distributedStage() {
    // dns-1 and the single balancer lb-1 are on every path. Three web servers cover each
    // other. app-1 is the only app server: pages still work without it, API calls do not.
    // Reads fall back from the replica to the primary and back, so neither database stops
    // them. Only the primary takes writes, and promotion is by hand by default.
    COMPARE_POINTS(analyse(stage("distributed")),
                   (Points{"dns-1: pages reads writes", "lb-1: pages reads writes",
                           "app-1: reads writes", "db-primary: writes"}));
}

void SpofTest::securedStage() {
    // The Distributed stack plus firewalls (on their node) and the collector (which serves
    // no visitor): the same points.
    COMPARE_POINTS(analyse(stage("secured")),
                   (Points{"dns-1: pages reads writes", "lb-1: pages reads writes",
                           "app-1: reads writes", "db-primary: writes"}));
}

void SpofTest::scaledStage() {
    // The balancer pair shares the virtual address, with three web and two app servers. Only
    // DNS remains, and the primary for writes because promotion is by hand.
    COMPARE_POINTS(analyse(stage("scaled")),
                   (Points{"dns-1: pages reads writes", "db-primary: writes"}));
}

void SpofTest::autoPromotionCoversPrimary() {
    auto topology = stage("scaled");
    topology.replication.autoPromoteAfter = std::chrono::seconds(5);
    COMPARE_POINTS(analyse(topology), (Points{"dns-1: pages reads writes"}));
    // With the replica down, no replica can be promoted, so the primary stops reads and writes.
    COMPARE_POINTS(analyse(topology, {"db-replica-1"}),
                   (Points{"dns-1: pages reads writes", "db-primary: reads writes"}));
}

void SpofTest::lastWebServerBecomesSpof() {
    COMPARE_POINTS(
        analyse(stage("distributed"), {"web-1", "web-2"}),
        (Points{"dns-1: pages reads writes", "lb-1: pages reads writes",
                "web-3: pages reads writes", "app-1: reads writes", "db-primary: writes"}));
}

void SpofTest::pairBalancersCoverEachOther() {
    const auto topology = stage("scaled");
    const auto points = analyse(topology);
    QVERIFY(std::ranges::none_of(points, [](const auto& line) { return line.starts_with("lb-"); }));
    // Once one balancer is down, the other is the last entry.
    COMPARE_POINTS(
        analyse(topology, {"lb-1"}),
        (Points{"dns-1: pages reads writes", "lb-2: pages reads writes", "db-primary: writes"}));
}

void SpofTest::failedUnitsAreNotReported() {
    // With the replica down, the primary serves reads as well. The replica is not listed.
    COMPARE_POINTS(analyse(stage("distributed"), {"db-replica-1"}),
                   (Points{"dns-1: pages reads writes", "lb-1: pages reads writes",
                           "app-1: reads writes", "db-primary: reads writes"}));
    // With DNS down nothing works, so no other failure stops anything more.
    COMPARE_POINTS(analyse(stage("distributed"), {"dns-1"}), Points{});
}

void SpofTest::adminListsRunningStackPoints() {
    Engine engine(testEngineOptions());
    engine.start();
    const auto admin = engine.adminPort();
    const auto points = [admin] {
        const auto reply = httpRequest("127.0.0.1", admin, "GET", "/spof");
        std::map<std::string, std::vector<std::string>> result;
        if (reply.status != 200) {
            return result;
        }
        const auto body = nlohmann::json::parse(reply.body);
        for (const auto& point : body.at("nodes")) {
            result[point.at("name")] = point.at("stops").get<std::vector<std::string>>();
        }
        return result;
    };
    const std::vector<std::string> all{"pages", "reads", "writes"};
    auto now = points();
    QCOMPARE(now.size(), std::size_t{4});
    QVERIFY(now["lb-1"] == all);
    QVERIFY((now["app-1"] == std::vector<std::string>{"reads", "writes"}));
    QVERIFY(!now.contains("web-3"));

    QVERIFY(engine.fail("web-1").empty());
    QVERIFY(engine.fail("web-2").empty());
    QVERIFY(waitFor([&] {
        now = points();
        return now.contains("web-3") && now["web-3"] == all;
    }));
    QCOMPARE(httpRequest("127.0.0.1", admin, "POST", "/spof").status, 405);
    engine.stop();
}

void SpofTest::secondDnsServerIsUnused() {
    // The built-in client queries dns-1 only, so a second DNS server takes over nothing.
    auto topology = stage("scaled");
    topology.nodes.insert(topology.nodes.begin() + 2, {"dns-2", NodeKind::Dns, "127.0.0.54", 0});
    COMPARE_POINTS(analyse(topology), (Points{"dns-1: pages reads writes", "db-primary: writes"}));
}

void SpofTest::runningAutoPromotionCoversPrimary() {
    Engine engine(testEngineOptions());
    engine.start();
    QCOMPARE(engine.spof().points.back().name, std::string("db-primary"));

    // The engine reads the settings in effect, which the topology does not follow.
    auto settings = engine.replication().settings;
    settings.autoPromoteAfter = std::chrono::seconds(5);
    engine.setReplicationSettings(settings);
    const auto points = describe(engine.spof());
    COMPARE_POINTS(points, (Points{"dns-1: pages reads writes", "lb-1: pages reads writes",
                                   "app-1: reads writes"}));
    engine.stop();
}

QTEST_GUILESS_MAIN(SpofTest)
#include "test_spof.moc"
