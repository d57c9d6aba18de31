#include <QtTest>

#include <nlohmann/json.hpp>

#include <map>
#include <regex>

#include "access_log.h"
#include "collector.h"
#include "monitoring.h"
#include "request_metrics.h"
#include "test_support.h"

using namespace wsl;
using namespace wsl::test;

namespace {

constexpr std::chrono::milliseconds kPushInterval{100};

// One sample line of the exposition text: `name{label="value",…} value`.
struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    std::string value;
};

struct Exposition {
    std::vector<Sample> samples;
    std::vector<std::string> invalidLines;
    std::map<std::string, std::string> types;  // family name -> TYPE
};

Exposition parseExposition(const std::string& text) {
    static const std::regex kSample(
        R"re(^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\})? (\S+)$)re");
    static const std::regex kLabel(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)")re");
    static const std::regex kType(
        R"re(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$)re");
    static const std::regex kValue(R"re(^([-+]?[0-9.]+(e[-+]?[0-9]+)?|[-+]Inf|NaN)$)re");

    Exposition result;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::smatch match;
        if (std::regex_match(line, match, kType)) {
            result.types[match[1]] = match[2];
            continue;
        }
        if (line.starts_with("# HELP ")) {
            continue;
        }
        if (!std::regex_match(line, match, kSample) || !std::regex_match(match[3].str(), kValue)) {
            result.invalidLines.push_back(line);
            continue;
        }
        Sample sample{match[1], {}, match[3]};
        const auto labels = match[2].str();
        for (auto it = std::sregex_iterator(labels.begin(), labels.end(), kLabel);
             it != std::sregex_iterator(); ++it) {
            sample.labels[(*it)[1]] = (*it)[2];
        }
        result.samples.push_back(std::move(sample));
    }
    return result;
}

// The value of the sample `name` whose labels include `labels`; -1 when absent.
double valueOf(const Exposition& exposition, const std::string& name,
               const std::map<std::string, std::string>& labels) {
    for (const auto& sample : exposition.samples) {
        const bool matches = std::all_of(labels.begin(), labels.end(), [&sample](const auto& l) {
            const auto it = sample.labels.find(l.first);
            return it != sample.labels.end() && it->second == l.second;
        });
        if (sample.name == name && matches) {
            return sample.value == "+Inf" ? INFINITY : std::stod(sample.value);
        }
    }
    return -1;
}

}  // namespace

// Monitoring over real loopback sockets: agents push to the collector every 100 ms, /metrics is
// fetched with a real GET, and access logs are read back through the admin interface.
class MonitoringTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void metricsCountRequestsPerNode();
    void metricsParseAsExpositionFormat();
    void failedServerReportedDown();
    void pushesTracedAsMetrics();
    void accessLogUsesCombinedFormat();
    void accessLogEscapesQuotes();
    void accessLogRotatesOnce();
    void accessLogKeepsEachNodesOrder();
    void collectorDownRefusesPushes();
    void badPushRejected();
    void adminChangesInterval();
    void adminPausesAgents();
    void distributedHasNoCollector();
    void pushJsonRoundTrips();

private:
    Reply collectorGet(const std::string& target);
    Exposition scrape();
    Reply admin(const std::string& method, const std::string& target, const std::string& body = {});
    bool upIs(const std::string& node, double value);

    std::unique_ptr<Engine> engine_;
};

void MonitoringTest::init() {
    auto options = testEngineOptions();
    options.topology = withMonitoring(options.topology, true);
    options.topology.monitoring.interval = kPushInterval;
    engine_ = std::make_unique<Engine>(std::move(options));
    engine_->start();
}

void MonitoringTest::cleanup() {
    engine_.reset();
}

Reply MonitoringTest::collectorGet(const std::string& target) {
    return httpRequest(addressOf(*engine_, "collector"), portOf(*engine_, "collector"), "GET",
                       target);
}

Exposition MonitoringTest::scrape() {
    return parseExposition(collectorGet("/metrics").body);
}

Reply MonitoringTest::admin(const std::string& method, const std::string& target,
                            const std::string& body) {
    return httpRequest("127.0.0.1", engine_->adminPort(), method, target, body);
}

bool MonitoringTest::upIs(const std::string& node, double value) {
    return valueOf(scrape(), "webstack_up", {{"node", node}}) == value;
}

void MonitoringTest::metricsCountRequestsPerNode() {
    constexpr int kRequests = 30;
    for (int i = 0; i < kRequests; ++i) {
        const auto reply =
            httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", "/");
        QCOMPARE(reply.status, 200);
    }

    // The next pushes carry every request.
    QVERIFY(waitFor([this] {
        return valueOf(scrape(), "webstack_requests_total", {{"node", "lb-1"}}) == kRequests;
    }));
    QVERIFY(waitFor([this] {
        const auto metrics = scrape();
        double served = 0;
        for (const auto* web : {"web-1", "web-2", "web-3"}) {
            served += valueOf(metrics, "webstack_requests_total", {{"node", web}});
        }
        return served == kRequests;
    }));

    const auto metrics = scrape();
    QCOMPARE(valueOf(metrics, "webstack_responses_total", {{"node", "lb-1"}, {"class", "2xx"}}),
             double{kRequests});
    QCOMPARE(valueOf(metrics, "webstack_responses_total", {{"node", "lb-1"}, {"class", "5xx"}}),
             0.0);
    for (const auto* node : {"lb-1", "web-1", "web-2", "web-3"}) {
        const auto requests = valueOf(metrics, "webstack_requests_total", {{"node", node}});
        QCOMPARE(valueOf(metrics, "webstack_request_duration_seconds_count", {{"node", node}}),
                 requests);
        QCOMPARE(requests, double(engine_->node(node)->counters.requests));
    }
    // Round robin over three servers: ten each.
    QCOMPARE(valueOf(metrics, "webstack_requests_total", {{"node", "web-2"}}), 10.0);
    QVERIFY(valueOf(metrics, "webstack_request_duration_seconds_sum", {{"node", "lb-1"}}) > 0);
}

void MonitoringTest::metricsParseAsExpositionFormat() {
    QVERIFY(waitFor([this] { return upIs("db-replica-1", 1); }));
    const auto reply = collectorGet("/metrics");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("content-type").starts_with("text/plain; version=0.0.4"));

    const auto metrics = parseExposition(reply.body);
    QVERIFY2(metrics.invalidLines.empty(),
             metrics.invalidLines.empty() ? "" : metrics.invalidLines.front().c_str());
    QCOMPARE(metrics.types.at("webstack_requests_total"), std::string("counter"));
    QCOMPARE(metrics.types.at("webstack_request_duration_seconds"), std::string("histogram"));
    QCOMPARE(metrics.types.at("webstack_up"), std::string("gauge"));
    QVERIFY(metrics.types.contains("webstack_open_connections"));
    QVERIFY(metrics.types.contains("webstack_agent_last_push_seconds"));

    // Every agent's buckets grow with `le` and end at +Inf with the sample count.
    for (const auto& node : monitoredNodes(engine_->topology())) {
        std::vector<std::pair<std::string, double>> buckets;
        for (const auto& sample : metrics.samples) {
            if (sample.name == "webstack_request_duration_seconds_bucket" &&
                sample.labels.at("node") == node) {
                buckets.emplace_back(sample.labels.at("le"), std::stod(sample.value));
            }
        }
        QCOMPARE(buckets.size(), LatencyHistogram::kBucketCount);
        QCOMPARE(buckets.back().first, std::string("+Inf"));
        for (std::size_t i = 1; i < buckets.size(); ++i) {
            QVERIFY(buckets[i].second >= buckets[i - 1].second);
            if (i + 1 < buckets.size()) {
                QVERIFY(std::stod(buckets[i].first) > std::stod(buckets[i - 1].first));
            }
        }
        QCOMPARE(buckets.back().second,
                 valueOf(metrics, "webstack_request_duration_seconds_count", {{"node", node}}));
        QCOMPARE(valueOf(metrics, "webstack_up", {{"node", node}}), 1.0);
        QVERIFY(valueOf(metrics, "webstack_agent_last_push_seconds", {{"node", node}}) > 1.7e9);
    }
}

void MonitoringTest::failedServerReportedDown() {
    QVERIFY(waitFor([this] { return upIs("web-2", 1); }));

    QVERIFY(engine_->fail("web-2").empty());
    // Three missed 100 ms intervals, then the next scrape shows it.
    QVERIFY(waitFor([this] { return upIs("web-2", 0); }, std::chrono::seconds(3)));
    QCOMPARE(valueOf(scrape(), "webstack_up", {{"node", "web-1"}}), 1.0);

    QVERIFY(engine_->restore("web-2").empty());
    QVERIFY(waitFor([this] { return upIs("web-2", 1); }, std::chrono::seconds(3)));
}

void MonitoringTest::pushesTracedAsMetrics() {
    QVERIFY(waitFor([this] { return upIs("web-1", 1); }));

    bool seen = false;
    QVERIFY(waitFor([this, &seen] {
        for (const auto& shared : engine_->tracer().drainSpans()) {
            const Span& span = *shared;
            seen = seen || (span.protocol == "metrics" && span.node == "collector" &&
                            span.peer == "web-1" && span.target == "/push" && span.status == 200 &&
                            span.entry);
        }
        return seen;
    }));
    // The pushes leave web-1 but are not requests web-1 served, nor finished requests.
    QCOMPARE(engine_->node("web-1")->counters.requests, std::uint64_t{0});
    QCOMPARE(engine_->requestMetrics("web-1")->requests, std::uint64_t{0});
    for (const auto& record : engine_->tracer().recentRequests(Tracer::kMaxRecentRequests)) {
        for (const auto& span : record.spans) {
            QVERIFY(span.protocol != "metrics");
        }
    }
}

void MonitoringTest::accessLogUsesCombinedFormat() {
    const auto reply =
        httpRequest(addressOf(*engine_, "lb-1"), portOf(*engine_, "lb-1"), "GET", "/?lesson=3", {},
                    {{"User-Agent", "monitoring-test/1.0 (loopback)"},
                     {"Referer", "http://www.foobar.com/start"}});
    QCOMPARE(reply.status, 200);

    const auto log = admin("GET", "/nodes/lb-1/log?last=5");
    QCOMPARE(log.status, 200);
    QVERIFY(log.header("content-type").starts_with("text/plain"));
    const auto last = log.body.substr(log.body.rfind('\n', log.body.size() - 2) + 1);

    static const std::regex kCombined(
        R"re(^(\S+) (\S+) (\S+) \[(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] )re"
        R"re("(\S+) (\S+) (HTTP/1\.[01])" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"\n$)re");
    std::smatch match;
    QVERIFY2(std::regex_match(last, match, kCombined), last.c_str());
    QCOMPARE(match[1].str(), std::string("127.0.0.1"));
    QCOMPARE(match[5].str(), std::string("GET"));
    QCOMPARE(match[6].str(), std::string("/?lesson=3"));
    QCOMPARE(match[8].str(), std::string("200"));
    QCOMPARE(std::stoul(match[9].str()), reply.body.size());
    QCOMPARE(match[10].str(), std::string("http://www.foobar.com/start"));
    QCOMPARE(match[11].str(), std::string("monitoring-test/1.0 (loopback)"));

    // The web server that served it logs the balancer's address as the client.
    QVERIFY(waitFor([this] {
        for (const auto* web : {"web-1", "web-2", "web-3"}) {
            const auto lines = engine_->accessLog(web, 1);
            if (lines && !lines->empty() && lines->back().starts_with("127.0.10.1 - - [")) {
                return true;
            }
        }
        return false;
    }));
    QCOMPARE(admin("GET", "/nodes/no-such-node/log").status, 404);
    QCOMPARE(admin("GET", "/nodes/lb-1/log?last=x").status, 400);
}

void MonitoringTest::accessLogEscapesQuotes() {
    AccessLogEntry entry;
    entry.clientAddress = "127.0.5.1";
    entry.time = std::chrono::system_clock::from_time_t(0);
    entry.method = "GET";
    entry.target = "/a\"b";
    entry.status = 404;
    entry.userAgent = "evil\"agent\n127.0.0.9 - - forged";
    const auto line = formatCombinedLogLine(entry);
    QCOMPARE(line,
             std::string(R"(127.0.5.1 - - [01/Jan/1970:00:00:00 +0000] "GET /a\x22b HTTP/1.1" )"
                         R"(404 - "-" "evil\x22agent\x0A127.0.0.9 - - forged")"));
}

void MonitoringTest::accessLogRotatesOnce() {
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    AccessLogWriter writer(directory.path().toStdString(), 100);
    // 30 bytes a line: the file passes 100 bytes after four lines and rotates on the next flush.
    for (int i = 0; i < 4; ++i) {
        writer.append("web-1", "line " + std::to_string(i) + std::string(23, 'x'));
    }
    writer.flush();
    writer.append("web-1", "line 4");
    writer.flush();

    const auto path = writer.pathOf("web-1");
    QVERIFY(std::filesystem::exists(path.string() + ".1"));
    QCOMPARE(std::filesystem::file_size(path), std::uintmax_t{7});
    const auto lines = writer.tail("web-1", 2);
    QCOMPARE(lines.size(), std::size_t{2});
    QVERIFY(lines[0].starts_with("line 3"));
    QCOMPARE(lines[1], std::string("line 4"));
    // A node name never leaves the log folder.
    QCOMPARE(writer.pathOf("../etc").parent_path(), path.parent_path());
}

void MonitoringTest::accessLogKeepsEachNodesOrder() {
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    AccessLogWriter writer(directory.path().toStdString(), 1024 * 1024);
    // Interleaved as two web servers' requests arrive, and written in one flush.
    for (int i = 0; i < 3; ++i) {
        writer.append("web-1", "web-1 line " + std::to_string(i));
        writer.append("web-2", "web-2 line " + std::to_string(i));
    }
    writer.flush();

    const std::vector<std::string> web1{"web-1 line 0", "web-1 line 1", "web-1 line 2"};
    const std::vector<std::string> web2{"web-2 line 0", "web-2 line 1", "web-2 line 2"};
    QCOMPARE(writer.tail("web-1", 10), web1);
    QCOMPARE(writer.tail("web-2", 10), web2);
    QCOMPARE(std::filesystem::file_size(writer.pathOf("web-1")), std::uintmax_t{3 * 13});
}

void MonitoringTest::collectorDownRefusesPushes() {
    QVERIFY(waitFor([this] { return upIs("lb-1", 1); }));
    engine_->tracer().drainSpans();
    QVERIFY(engine_->fail("collector").empty());

    bool refused = false;
    QVERIFY(waitFor([this, &refused] {
        for (const auto& shared : engine_->tracer().drainSpans()) {
            const Span& span = *shared;
            refused = refused || (span.protocol == "metrics" && span.peer == "lb-1" &&
                                  span.outcome == Outcome::Refused);
        }
        return refused;
    }));
    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    QVERIFY(std::any_of(events.begin(), events.end(), [](const Event& event) {
        return event.node == "lb-1" && event.kind == "monitoring" &&
               event.detail.find("cannot push to collector") != std::string::npos;
    }));
}

void MonitoringTest::badPushRejected() {
    const auto address = addressOf(*engine_, "collector");
    const auto port = portOf(*engine_, "collector");
    const auto push = [&](const std::string& body) {
        return httpRequest(address, port, "POST", "/push", body,
                           {{"Content-Type", "application/json"}});
    };

    QCOMPARE(push("{not json").status, 400);
    QCOMPARE(push("[1, 2]").status, 400);
    QCOMPARE(push(R"({"node": "web-1", "intervalMs": 100})").status, 400);

    MetricsPush valid;
    valid.node = "web-1";
    valid.interval = kPushInterval;
    QCOMPARE(push(toPushJson(valid)).status, 200);
    valid.node = "not-in-topology";
    const auto unknown = push(toPushJson(valid));
    QCOMPARE(unknown.status, 400);
    QVERIFY(unknown.body.find("not-in-topology") != std::string::npos);

    const auto events = engine_->tracer().recentEvents(Tracer::kMaxEvents);
    QVERIFY(std::any_of(events.begin(), events.end(), [](const Event& event) {
        return event.node == "collector" && event.detail.starts_with("rejected push #1 from");
    }));

    const auto oversize = push(std::string(Collector::kMaxPushBytes + 1, ' '));
    QCOMPARE(oversize.status, 413);
    QCOMPARE(httpRequest(address, port, "GET", "/push").status, 405);
}

void MonitoringTest::adminChangesInterval() {
    auto state = nlohmann::json::parse(admin("GET", "/monitoring").body);
    QCOMPARE(state["enabled"].get<bool>(), true);
    QCOMPARE(state["intervalMs"].get<int>(), 100);
    QCOMPARE(state["collector"].get<std::string>(), std::string("collector"));
    QVERIFY(state["collectorUrl"].get<std::string>().starts_with("http://127.0.60.1:"));
    QCOMPARE(state["agents"].size(), std::size_t{7});

    QCOMPARE(admin("PUT", "/monitoring", R"({"intervalMs": 250})").status, 200);
    state = nlohmann::json::parse(admin("GET", "/monitoring").body);
    QCOMPARE(state["intervalMs"].get<int>(), 250);

    QCOMPARE(admin("PUT", "/monitoring", R"({"intervalMs": 1})").status, 400);
    QCOMPARE(admin("PUT", "/monitoring", R"({"enabled": "yes"})").status, 400);
    QCOMPARE(admin("PUT", "/monitoring", "not json").status, 400);
    QCOMPARE(admin("POST", "/monitoring").status, 405);
}

void MonitoringTest::adminPausesAgents() {
    QVERIFY(waitFor([this] { return upIs("app-1", 1); }));
    QCOMPARE(admin("PUT", "/monitoring", R"({"enabled": false})").status, 200);
    QVERIFY(waitFor([this] { return upIs("app-1", 0); }, std::chrono::seconds(3)));

    QCOMPARE(admin("PUT", "/monitoring", R"({"enabled": true})").status, 200);
    QVERIFY(waitFor([this] { return upIs("app-1", 1); }, std::chrono::seconds(3)));
}

void MonitoringTest::distributedHasNoCollector() {
    const auto topology = distributedTopology(true);
    QVERIFY(topology.ofKind(NodeKind::Collector).empty());
    QVERIFY(!topology.monitoring.enabled);

    const auto monitored = withMonitoring(topology, true);
    QCOMPARE(monitored.ofKind(NodeKind::Collector).size(), std::size_t{1});
    QCOMPARE(std::string(nodeKindName(NodeKind::Collector)), std::string("collector"));
    // Applying it twice adds neither a second collector nor duplicate links.
    const auto twice = withMonitoring(monitored, true);
    QCOMPARE(twice.nodes.size(), monitored.nodes.size());
    QCOMPARE(twice.links.size(), monitored.links.size());
}

void MonitoringTest::pushJsonRoundTrips() {
    MetricsPush push;
    push.node = "db-primary";
    push.interval = std::chrono::milliseconds(1000);
    push.metrics.requests = 7;
    push.metrics.responses = {5, 0, 1, 1};
    push.metrics.openConnections = 2;
    push.metrics.latency.counts[3] = 7;
    push.metrics.latency.count = 7;
    push.metrics.latency.sumUs = 1234;

    std::string error;
    const auto parsed = parsePushJson(toPushJson(push), &error);
    QVERIFY2(parsed.has_value(), error.c_str());
    QCOMPARE(parsed->node, push.node);
    QCOMPARE(parsed->interval, push.interval);
    QCOMPARE(parsed->metrics.requests, std::uint64_t{7});
    QCOMPARE(parsed->metrics.responses[3], std::uint64_t{1});
    QCOMPARE(parsed->metrics.latency.count, std::uint64_t{7});
    QCOMPARE(parsed->metrics.latency.sumUs, std::uint64_t{1234});

    QVERIFY(!parsePushJson(R"({"node": "x", "intervalMs": -5})", &error));
    QVERIFY(error.find("intervalMs") != std::string::npos);
}

QTEST_GUILESS_MAIN(MonitoringTest)
#include "test_monitoring.moc"
