#include "dns_server.h"

#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

// Without __bool_true_false_are_defined, which <stdbool.h> sets, ldns 1.8 defines true and
// false as int macros in C++ and so changes overload and template choices below.
#include <stdbool.h>

#include <ldns/ldns.h>

#include <QtTest>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace asio = boost::asio;
using udp = asio::ip::udp;
using namespace std::chrono_literals;
using namespace wsl;

namespace {

constexpr char kLoopback[] = "127.0.0.1";
constexpr char kZoneAddress[] = "127.0.0.20";
constexpr std::uint32_t kZoneTtl = 300;

// Long enough for a reply over loopback on a loaded machine, so a miss is a real failure.
constexpr auto kReplyDeadline = 2000ms;
// How long a packet that must stay unanswered is watched for a reply.
constexpr auto kSilenceWindow = 300ms;
constexpr int kEventTimeoutMs = 2000;

struct LdnsFree {
    void operator()(ldns_pkt* packet) const { ldns_pkt_free(packet); }
    void operator()(ldns_rr* record) const { ldns_rr_free(record); }
    void operator()(char* text) const { std::free(text); }
    void operator()(std::uint8_t* wire) const { std::free(wire); }
};
using PacketPtr = std::unique_ptr<ldns_pkt, LdnsFree>;

std::string takeText(char* text) {
    const std::unique_ptr<char, LdnsFree> owner(text);
    return owner ? std::string(owner.get()) : std::string();
}

std::vector<std::uint8_t> toWire(const ldns_pkt* packet) {
    std::uint8_t* buffer = nullptr;
    std::size_t size = 0;
    const ldns_status status = ldns_pkt2wire(&buffer, packet, &size);
    const std::unique_ptr<std::uint8_t, LdnsFree> owner(buffer);
    if (status != LDNS_STATUS_OK) {
        throw std::runtime_error(ldns_get_errorstr_by_id(status));
    }
    return {owner.get(), owner.get() + size};
}

struct QueryOptions {
    std::string name;
    ldns_rr_type type = LDNS_RR_TYPE_A;
    std::uint16_t id = 0x4a11;
    bool recursionDesired = true;
    bool edns = false;
};

PacketPtr newQueryPacket(const QueryOptions& options) {
    ldns_pkt* packet = nullptr;
    const ldns_status status =
        ldns_pkt_query_new_frm_str(&packet, options.name.c_str(), options.type, LDNS_RR_CLASS_IN,
                                   options.recursionDesired ? LDNS_RD : 0);
    PacketPtr owner(packet);
    if (status != LDNS_STATUS_OK) {
        throw std::runtime_error(ldns_get_errorstr_by_id(status));
    }
    ldns_pkt_set_id(packet, options.id);
    if (options.edns) {
        ldns_pkt_set_edns_udp_size(packet, 1232);
    }
    return owner;
}

std::vector<std::uint8_t> buildQuery(const QueryOptions& options) {
    return toWire(newQueryPacket(options).get());
}

struct AnswerRecord {
    std::string owner;
    ldns_rr_type type;
    std::uint32_t ttl;
    std::string data;
};

// The fields of a reply that the tests check, copied out of the ldns packet.
struct ParsedReply {
    std::uint16_t id = 0;
    bool qr = false;
    bool aa = false;
    bool rd = false;
    bool ra = false;
    ldns_pkt_rcode rcode = LDNS_RCODE_SERVFAIL;
    std::vector<std::string> questionNames;
    std::vector<AnswerRecord> answers;
    bool edns = false;
};

std::optional<ParsedReply> parseReply(const std::vector<std::uint8_t>& wire) {
    ldns_pkt* raw = nullptr;
    if (ldns_wire2pkt(&raw, wire.data(), wire.size()) != LDNS_STATUS_OK) {
        return std::nullopt;
    }
    const PacketPtr packet(raw);

    ParsedReply reply;
    reply.id = ldns_pkt_id(raw);
    reply.qr = ldns_pkt_qr(raw);
    reply.aa = ldns_pkt_aa(raw);
    reply.rd = ldns_pkt_rd(raw);
    reply.ra = ldns_pkt_ra(raw);
    reply.rcode = ldns_pkt_get_rcode(raw);
    reply.edns = ldns_pkt_edns(raw);

    const ldns_rr_list* questions = ldns_pkt_question(raw);
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(questions); ++i) {
        reply.questionNames.push_back(
            takeText(ldns_rdf2str(ldns_rr_owner(ldns_rr_list_rr(questions, i)))));
    }
    const ldns_rr_list* answers = ldns_pkt_answer(raw);
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(answers); ++i) {
        const ldns_rr* record = ldns_rr_list_rr(answers, i);
        const std::string data =
            ldns_rr_rd_count(record) > 0 ? takeText(ldns_rdf2str(ldns_rr_rdf(record, 0))) : "";
        reply.answers.push_back({takeText(ldns_rdf2str(ldns_rr_owner(record))),
                                 ldns_rr_get_type(record), ldns_rr_ttl(record), data});
    }
    return reply;
}

// Outcome of one datagram sent to the server under test.
struct Exchange {
    std::vector<std::uint8_t> reply;
    boost::system::error_code error;  // connection_refused after an ICMP port unreachable
    bool timedOut = false;
};

// A connected UDP client with its own io_context, run on the test thread with a deadline.
// Connecting lets the kernel report an ICMP port unreachable as connection_refused.
class UdpClient {
public:
    explicit UdpClient(std::uint16_t serverPort) : socket_(io_) {
        socket_.connect(udp::endpoint(asio::ip::make_address(kLoopback), serverPort));
    }

    std::uint16_t localPort() const { return socket_.local_endpoint().port(); }

    Exchange exchange(const std::vector<std::uint8_t>& datagram,
                      std::chrono::milliseconds deadline = kReplyDeadline) {
        Exchange result;
        socket_.send(asio::buffer(datagram), 0, result.error);
        if (result.error) {
            return result;
        }

        std::array<std::uint8_t, 4096> buffer{};
        bool done = false;
        socket_.async_receive(asio::buffer(buffer),
                              [&](const boost::system::error_code& error, std::size_t bytes) {
                                  done = true;
                                  result.error = error;
                                  result.reply.assign(buffer.data(), buffer.data() + bytes);
                              });
        io_.restart();
        io_.run_for(deadline);
        if (!done) {
            socket_.cancel();
            io_.restart();
            io_.run();
            result.timedOut = true;
            result.error = {};
        }
        return result;
    }

private:
    asio::io_context io_;
    udp::socket socket_;
};

std::vector<std::uint8_t> randomBytes(std::size_t count, unsigned seed) {
    std::mt19937 generator(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::vector<std::uint8_t> bytes(count);
    std::generate(bytes.begin(), bytes.end(),
                  [&] { return static_cast<std::uint8_t>(byte(generator)); });
    return bytes;
}

std::vector<std::uint8_t> buildResponsePacket() {
    const PacketPtr packet = newQueryPacket({"www.foobar.com"});
    ldns_pkt_set_qr(packet.get(), true);
    return toWire(packet.get());
}

std::vector<std::uint8_t> buildStatusOpcodePacket() {
    const PacketPtr packet = newQueryPacket({"www.foobar.com"});
    ldns_pkt_set_opcode(packet.get(), LDNS_PACKET_STATUS);
    return toWire(packet.get());
}

std::vector<std::uint8_t> buildPacketWithoutQuestion() {
    const PacketPtr packet(ldns_pkt_new());
    ldns_pkt_set_id(packet.get(), 0x0102);
    return toWire(packet.get());
}

std::vector<std::uint8_t> buildTwoQuestionPacket() {
    const PacketPtr packet = newQueryPacket({"www.foobar.com"});
    ldns_rr* second = ldns_rr_clone(ldns_rr_list_rr(ldns_pkt_question(packet.get()), 0));
    ldns_rr_set_type(second, LDNS_RR_TYPE_AAAA);
    ldns_pkt_push_rr(packet.get(), LDNS_SECTION_QUESTION, second);
    return toWire(packet.get());
}

}  // namespace

Q_DECLARE_METATYPE(std::vector<std::uint8_t>)

class DnsServerTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void answersAddressForZoneNames_data();
    void answersAddressForZoneNames();
    void nxdomainForUnknownNameInZone();
    void refusedForNameOutsideZone();
    void nodataForOtherTypeAtApex();
    void formerrForTwoQuestions();
    void copiesIdAndRecursionDesired_data();
    void copiesIdAndRecursionDesired();
    void optOnlyWhenQueryHasEdns_data();
    void optOnlyWhenQueryHasEdns();
    void recordsEventForAnsweredQuery();

    void ignoresPacketsThatAreNotQueries_data();
    void ignoresPacketsThatAreNotQueries();
    void throttlesIgnoredPacketEvents();

    void stopMakesPortUnreachable();
    void startAfterStopRestoresSamePort();
    void restartImmediatelyAfterStop();
    void stopTwiceThenDestroyIsSafe();
    void startWhileRunningThrows();
    void startOnBusyPortThrows();
    void startOnInvalidAddressThrows();
    void constructorRejectsInvalidZone();

    void parseDnsReplyReadsServerAnswer();
    void parseDnsReplyReportsNxdomain();
    void parseDnsReplyRejectsWrongId();
    void parseDnsReplyRejectsGarbage();
    void makeDnsQueryRejectsInvalidName();

private:
    DnsZone zone() const;
    ParsedReply ask(const std::vector<std::uint8_t>& query);
    bool hasEvent(const std::string& detail) const;
    int countEvents(const std::string& prefix) const;

    std::unique_ptr<asio::io_context> io_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    std::vector<std::thread> threads_;
    std::unique_ptr<Tracer> tracer_;
    std::unique_ptr<DnsServer> server_;
    std::uint16_t port_ = 0;
};

DnsZone DnsServerTest::zone() const {
    return DnsZone{"foobar.com", kZoneAddress, kZoneTtl};
}

// Two threads run the io_context, as in the engine, so the strand is what keeps the socket safe.
void DnsServerTest::init() {
    io_ = std::make_unique<asio::io_context>();
    work_.emplace(asio::make_work_guard(*io_));
    tracer_ = std::make_unique<Tracer>();
    server_ = std::make_unique<DnsServer>(*io_, "dns-1", zone(), *tracer_);
    port_ = server_->start(kLoopback, 0);
    for (int i = 0; i < 2; ++i) {
        threads_.emplace_back([this] { io_->run(); });
    }
}

void DnsServerTest::cleanup() {
    server_.reset();
    work_.reset();
    for (auto& thread : threads_) {
        thread.join();
    }
    threads_.clear();
    io_.reset();
    tracer_.reset();
}

ParsedReply DnsServerTest::ask(const std::vector<std::uint8_t>& query) {
    UdpClient client(port_);
    const Exchange exchange = client.exchange(query);
    if (exchange.timedOut || exchange.error) {
        throw std::runtime_error(
            "no reply from the DNS server: " +
            (exchange.timedOut ? std::string("timed out") : exchange.error.message()));
    }
    const auto reply = parseReply(exchange.reply);
    if (!reply) {
        throw std::runtime_error("reply does not parse as DNS");
    }
    return *reply;
}

bool DnsServerTest::hasEvent(const std::string& detail) const {
    const auto events = tracer_->recentEvents(Tracer::kMaxEvents);
    return std::any_of(events.begin(), events.end(), [&](const Event& event) {
        return event.node == "dns-1" && event.kind == "dns" && event.detail == detail;
    });
}

int DnsServerTest::countEvents(const std::string& prefix) const {
    const auto events = tracer_->recentEvents(Tracer::kMaxEvents);
    return static_cast<int>(std::count_if(events.begin(), events.end(), [&](const Event& event) {
        return event.detail.starts_with(prefix);
    }));
}

void DnsServerTest::answersAddressForZoneNames_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("www") << "www.foobar.com";
    QTest::newRow("apex") << "foobar.com";
    QTest::newRow("www mixed case") << "WwW.FooBar.COM";
    QTest::newRow("apex upper case") << "FOOBAR.COM.";
}

void DnsServerTest::answersAddressForZoneNames() {
    QFETCH(QString, name);
    const std::string queryName = name.toStdString();
    const std::string absolute = queryName.ends_with('.') ? queryName : queryName + ".";

    const ParsedReply reply = ask(buildQuery({queryName}));

    QVERIFY(reply.qr);
    QVERIFY(reply.aa);
    QCOMPARE(reply.rcode, LDNS_RCODE_NOERROR);
    QCOMPARE(reply.questionNames, std::vector<std::string>{absolute});
    QCOMPARE(reply.answers.size(), std::size_t{1});
    QCOMPARE(reply.answers[0].owner, absolute);
    QCOMPARE(reply.answers[0].type, LDNS_RR_TYPE_A);
    QCOMPARE(reply.answers[0].ttl, kZoneTtl);
    QCOMPARE(reply.answers[0].data, std::string(kZoneAddress));
    QTRY_COMPARE_WITH_TIMEOUT(server_->queriesAnswered(), std::uint64_t{1}, kEventTimeoutMs);
}

void DnsServerTest::nxdomainForUnknownNameInZone() {
    const ParsedReply reply = ask(buildQuery({"nope.foobar.com"}));

    QCOMPARE(reply.rcode, LDNS_RCODE_NXDOMAIN);
    QVERIFY(reply.aa);
    QVERIFY(reply.answers.empty());
    QCOMPARE(reply.questionNames, std::vector<std::string>{"nope.foobar.com."});
}

void DnsServerTest::refusedForNameOutsideZone() {
    const ParsedReply reply = ask(buildQuery({"example.org"}));

    QCOMPARE(reply.rcode, LDNS_RCODE_REFUSED);
    QVERIFY(!reply.aa);
    QVERIFY(!reply.ra);
    QVERIFY(reply.answers.empty());
}

void DnsServerTest::nodataForOtherTypeAtApex() {
    const ParsedReply reply = ask(buildQuery({"foobar.com", LDNS_RR_TYPE_AAAA}));

    QCOMPARE(reply.rcode, LDNS_RCODE_NOERROR);
    QVERIFY(reply.aa);
    QVERIFY(reply.answers.empty());
}

void DnsServerTest::formerrForTwoQuestions() {
    const ParsedReply reply = ask(buildTwoQuestionPacket());

    QCOMPARE(reply.rcode, LDNS_RCODE_FORMERR);
    QVERIFY(reply.answers.empty());
}

void DnsServerTest::copiesIdAndRecursionDesired_data() {
    QTest::addColumn<int>("id");
    QTest::addColumn<bool>("recursionDesired");
    QTest::newRow("rd set") << 0x0001 << true;
    QTest::newRow("rd clear") << 0xfffe << false;
}

void DnsServerTest::copiesIdAndRecursionDesired() {
    QFETCH(int, id);
    QFETCH(bool, recursionDesired);
    const auto queryId = static_cast<std::uint16_t>(id);

    const ParsedReply reply =
        ask(buildQuery({"www.foobar.com", LDNS_RR_TYPE_A, queryId, recursionDesired}));

    QCOMPARE(reply.id, queryId);
    QCOMPARE(reply.rd, recursionDesired);
    QVERIFY(!reply.ra);
}

void DnsServerTest::optOnlyWhenQueryHasEdns_data() {
    QTest::addColumn<bool>("edns");
    QTest::newRow("with edns") << true;
    QTest::newRow("without edns") << false;
}

void DnsServerTest::optOnlyWhenQueryHasEdns() {
    QFETCH(bool, edns);

    QueryOptions options{"www.foobar.com"};
    options.edns = edns;
    const ParsedReply reply = ask(buildQuery(options));

    QCOMPARE(reply.edns, edns);
    QCOMPARE(reply.answers.size(), std::size_t{1});
}

void DnsServerTest::recordsEventForAnsweredQuery() {
    UdpClient client(port_);
    const Exchange exchange = client.exchange(buildQuery({"www.foobar.com"}));
    QVERIFY(!exchange.timedOut);

    const std::string peer = std::string(kLoopback) + ":" + std::to_string(client.localPort());
    QTRY_VERIFY_WITH_TIMEOUT(hasEvent("www.foobar.com. A -> 127.0.0.20 for " + peer),
                             kEventTimeoutMs);

    const Exchange nodata = client.exchange(buildQuery({"foobar.com", LDNS_RR_TYPE_AAAA}));
    QVERIFY(!nodata.timedOut);
    QTRY_VERIFY_WITH_TIMEOUT(hasEvent("foobar.com. AAAA -> NOERROR, no AAAA record for " + peer),
                             kEventTimeoutMs);

    const Exchange refused = client.exchange(buildQuery({"example.org"}));
    QVERIFY(!refused.timedOut);
    QTRY_VERIFY_WITH_TIMEOUT(hasEvent("example.org. A -> REFUSED for " + peer), kEventTimeoutMs);
}

void DnsServerTest::ignoresPacketsThatAreNotQueries_data() {
    QTest::addColumn<std::vector<std::uint8_t>>("packet");
    QTest::newRow("random bytes") << randomBytes(48, 7);
    QTest::newRow("short header") << std::vector<std::uint8_t>{0x12, 0x34, 0x01};
    QTest::newRow("response bit set") << buildResponsePacket();
    QTest::newRow("status opcode") << buildStatusOpcodePacket();
    QTest::newRow("no question") << buildPacketWithoutQuestion();
}

void DnsServerTest::ignoresPacketsThatAreNotQueries() {
    QFETCH(std::vector<std::uint8_t>, packet);
    QVERIFY(!answerDnsQuery(packet, zone()).has_value());
    UdpClient client(port_);

    const Exchange ignored = client.exchange(packet, kSilenceWindow);
    QVERIFY(ignored.timedOut);
    QTRY_COMPARE_WITH_TIMEOUT(server_->queriesIgnored(), std::uint64_t{1}, kEventTimeoutMs);
    QVERIFY(countEvents("ignored malformed packet from 127.0.0.1:") == 1);

    const Exchange answered = client.exchange(buildQuery({"www.foobar.com"}));
    QVERIFY(!answered.timedOut);
    QVERIFY(!answered.error);
    const auto reply = parseReply(answered.reply);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->answers.size(), std::size_t{1});
}

// A burst well inside one report interval yields one event, while the counter includes every
// packet.
void DnsServerTest::throttlesIgnoredPacketEvents() {
    constexpr int kBurst = 20;
    UdpClient client(port_);
    for (int i = 0; i < kBurst; ++i) {
        client.exchange(randomBytes(32, 100 + static_cast<unsigned>(i)), 0ms);
    }

    QTRY_COMPARE_WITH_TIMEOUT(server_->queriesIgnored(), std::uint64_t{kBurst}, kEventTimeoutMs);
    const int events = countEvents("ignored malformed packet");
    QVERIFY(events >= 1);
    QVERIFY2(events < kBurst, qPrintable(QString::number(events) + " events for the burst"));
}

void DnsServerTest::stopMakesPortUnreachable() {
    server_->stop();
    QVERIFY(!server_->running());

    // The close runs on the server's strand, so a query sent right after stop() may still be
    // answered. The deadline bounds the wait for the ICMP port unreachable.
    UdpClient client(port_);
    const auto deadline = std::chrono::steady_clock::now() + kReplyDeadline;
    bool refused = false;
    while (!refused && std::chrono::steady_clock::now() < deadline) {
        const Exchange exchange = client.exchange(buildQuery({"www.foobar.com"}), 100ms);
        refused = exchange.error == asio::error::connection_refused;
    }
    QVERIFY(refused);
    QVERIFY(hasEvent("stopped listening on udp 127.0.0.1:" + std::to_string(port_)));
}

void DnsServerTest::startAfterStopRestoresSamePort() {
    server_->stop();
    UdpClient client(port_);
    QTRY_VERIFY_WITH_TIMEOUT(client.exchange(buildQuery({"www.foobar.com"}), 100ms).error ==
                                 asio::error::connection_refused,
                             kEventTimeoutMs);

    QCOMPARE(server_->start(kLoopback, port_), port_);
    QVERIFY(server_->running());

    const ParsedReply reply = ask(buildQuery({"www.foobar.com"}));
    QCOMPARE(reply.answers.size(), std::size_t{1});
    QCOMPARE(reply.answers[0].data, std::string(kZoneAddress));
}

// start() must wait for the close that stop() posted, or the bind would find the port in use.
void DnsServerTest::restartImmediatelyAfterStop() {
    for (int round = 0; round < 5; ++round) {
        server_->stop();
        QCOMPARE(server_->start(kLoopback, port_), port_);
    }
    const ParsedReply reply = ask(buildQuery({"foobar.com"}));
    QCOMPARE(reply.answers.size(), std::size_t{1});
}

void DnsServerTest::stopTwiceThenDestroyIsSafe() {
    // A query in flight while the server goes away must not touch the destroyed object.
    UdpClient client(port_);
    client.exchange(buildQuery({"www.foobar.com"}), 0ms);

    server_->stop();
    server_->stop();
    QVERIFY(!server_->running());
    server_.reset();

    QTRY_VERIFY_WITH_TIMEOUT(client.exchange(buildQuery({"www.foobar.com"}), 100ms).error ==
                                 asio::error::connection_refused,
                             kEventTimeoutMs);
}

void DnsServerTest::startWhileRunningThrows() {
    QVERIFY_THROWS_EXCEPTION(std::logic_error, server_->start(kLoopback, 0));
    QVERIFY(server_->running());
}

void DnsServerTest::startOnBusyPortThrows() {
    DnsServer second(*io_, "dns-2", zone(), *tracer_);
    QVERIFY_THROWS_EXCEPTION(std::system_error, second.start(kLoopback, port_));
    QVERIFY(!second.running());
}

void DnsServerTest::startOnInvalidAddressThrows() {
    DnsServer second(*io_, "dns-2", zone(), *tracer_);
    QVERIFY_THROWS_EXCEPTION(std::system_error, second.start("127.0.0.300", 0));
}

void DnsServerTest::constructorRejectsInvalidZone() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             DnsServer(*io_, "dns-2", DnsZone{"foobar.com", "", 60}, *tracer_));
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        DnsServer(*io_, "dns-2", DnsZone{"foobar..com", kZoneAddress, 60}, *tracer_));
}

void DnsServerTest::parseDnsReplyReadsServerAnswer() {
    UdpClient client(port_);
    const Exchange exchange = client.exchange(makeDnsQuery("www.foobar.com", 777));
    QVERIFY(!exchange.timedOut);

    const DnsLookup lookup = parseDnsReply(exchange.reply, 777);
    QCOMPARE(lookup.address, std::optional<std::string>(kZoneAddress));
    QCOMPARE(lookup.rcode, std::string("NOERROR"));
    QVERIFY(lookup.error.empty());
}

void DnsServerTest::parseDnsReplyReportsNxdomain() {
    UdpClient client(port_);
    const Exchange exchange = client.exchange(makeDnsQuery("nope.foobar.com", 778));
    QVERIFY(!exchange.timedOut);

    const DnsLookup lookup = parseDnsReply(exchange.reply, 778);
    QVERIFY(!lookup.address.has_value());
    QCOMPARE(lookup.rcode, std::string("NXDOMAIN"));
    QCOMPARE(lookup.error, std::string("server returned NXDOMAIN"));
}

void DnsServerTest::parseDnsReplyRejectsWrongId() {
    const auto reply = answerDnsQuery(makeDnsQuery("www.foobar.com", 10), zone());
    QVERIFY(reply.has_value());

    const DnsLookup lookup = parseDnsReply(reply->wire, 11);
    QVERIFY(!lookup.address.has_value());
    QCOMPARE(lookup.error, std::string("reply ID 10 does not match query ID 11"));
}

void DnsServerTest::parseDnsReplyRejectsGarbage() {
    const DnsLookup lookup = parseDnsReply(randomBytes(40, 3), 1);
    QVERIFY(!lookup.address.has_value());
    QVERIFY(lookup.rcode.empty());
    QVERIFY(!lookup.error.empty());

    const DnsLookup query = parseDnsReply(makeDnsQuery("www.foobar.com", 1), 1);
    QVERIFY(!query.address.has_value());
    QCOMPARE(query.error, std::string("packet is a query, not a reply (QR clear)"));
}

void DnsServerTest::makeDnsQueryRejectsInvalidName() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeDnsQuery("", 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeDnsQuery(std::string(64, 'a') + ".com", 1));
}

QTEST_GUILESS_MAIN(DnsServerTest)
#include "test_dns.moc"
