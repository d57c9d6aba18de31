#include "topology_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>

#include <boost/asio/ip/address_v4.hpp>

#include "app_capacity.h"
#include "fault_json.h"
#include "firewall_json.h"
#include "replication_json.h"

namespace wsl {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

namespace {

constexpr std::string_view kFormat = "webstack-lab-topology";
constexpr int kVersion = 1;

// A rejected file. The line is found afterwards by looking for `"key": value` in the text;
// `occurrence` picks the n-th match, for duplicates.
struct Rejection {
    std::string message;
    std::string key;
    std::string value;  // as JSON text; empty matches any value
    int occurrence = 1;
};

[[noreturn]] void reject(std::string message, std::string key = {}, std::string value = {},
                         int occurrence = 1) {
    throw Rejection{std::move(message), std::move(key), std::move(value), occurrence};
}

std::size_t skipSpace(std::string_view text, std::size_t at) {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) {
        ++at;
    }
    return at;
}

int lineAt(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// The line of the n-th `"key": value` in the text, 0 when there is none.
int lineOf(std::string_view text, const Rejection& rejection) {
    if (rejection.key.empty()) {
        return 0;
    }
    const auto quotedKey = json(rejection.key).dump();
    int seen = 0;
    for (auto at = text.find(quotedKey); at != std::string_view::npos;
         at = text.find(quotedKey, at + 1)) {
        auto next = skipSpace(text, at + quotedKey.size());
        if (next >= text.size() || text[next] != ':') {
            continue;  // the key's text used as a value
        }
        next = skipSpace(text, next + 1);
        const bool matches =
            rejection.value.empty() || text.substr(next, rejection.value.size()) == rejection.value;
        if (matches && ++seen == rejection.occurrence) {
            return lineAt(text, at);
        }
    }
    return 0;
}

constexpr std::array kKinds{NodeKind::Client,    NodeKind::Dns,       NodeKind::LoadBalancer,
                            NodeKind::WebServer, NodeKind::AppServer, NodeKind::Database,
                            NodeKind::Collector};

std::string kindList() {
    std::string list;
    for (const auto kind : kKinds) {
        list += (list.empty() ? "" : ", ") + std::string(nodeKindName(kind));
    }
    return list;
}

void requireKnownFields(const json& object, std::initializer_list<std::string_view> known,
                        const std::string& where) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            reject(where + ": unknown field '" + key + "'", key);
        }
    }
}

std::string stringField(const json& object, const std::string& key, const std::string& where,
                        bool required) {
    const auto it = object.find(key);
    if (it == object.end()) {
        if (required) {
            reject(where + ": the field '" + key + "' is missing");
        }
        return {};
    }
    if (!it->is_string()) {
        reject(where + ": '" + key + "' must be a string", key);
    }
    return it->get<std::string>();
}

long long integerField(const json& object, const std::string& key, const std::string& where,
                       long long fallback, long long low, long long high) {
    const auto it = object.find(key);
    if (it == object.end()) {
        return fallback;
    }
    if (!it->is_number_integer() || it->get<long long>() < low || it->get<long long>() > high) {
        reject(where + ": '" + key + "' must be a whole number from " + std::to_string(low) +
                   " to " + std::to_string(high),
               key, it->dump());
    }
    return it->get<long long>();
}

bool isValidName(const std::string& name) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    };
    return !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), allowed);
}

bool isLoopbackAddress(const std::string& address) {
    boost::system::error_code error;
    const auto parsed = boost::asio::ip::make_address_v4(address, error);
    return !error && parsed.is_loopback() && parsed.to_string() == address;
}

bool isValidDomain(const std::string& domain) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    };
    return domain.size() >= 3 && domain.size() <= 253 && domain.find('.') != std::string::npos &&
           domain.front() != '.' && domain.back() != '.' &&
           domain.find("..") == std::string::npos &&
           std::all_of(domain.begin(), domain.end(), allowed);
}

NodeKind parseKind(const json& node, const std::string& where) {
    const auto text = stringField(node, "kind", where, true);
    for (const auto kind : kKinds) {
        if (text == nodeKindName(kind)) {
            return kind;
        }
    }
    reject(where + ": unknown kind '" + text + "'; the kinds are " + kindList(), "kind",
           json(text).dump());
}

bool boolField(const json& object, const std::string& key, const std::string& where,
               bool fallback) {
    const auto it = object.find(key);
    if (it == object.end()) {
        return fallback;
    }
    if (!it->is_boolean()) {
        reject(where + ": '" + key + "' must be true or false", key, it->dump());
    }
    return it->get<bool>();
}

// The fault a node starts with, its place behind a load balancer, and a balancer's HTTPS port.
void parseNodeExtras(const json& node, const std::string& where, NodeSpec& spec) {
    if (const auto fault = node.find("fault"); fault != node.end()) {
        if (const auto problem = faultFromJson(fault->dump(), spec.fault); !problem.empty()) {
            reject(where + ": fault: " + problem, "fault");
        }
    }
    spec.weight = static_cast<int>(
        integerField(node, "weight", where, 1, kMinBackendWeight, kMaxBackendWeight));
    spec.backup = boolField(node, "backup", where, false);
    if (node.contains("httpsPort")) {
        if (spec.kind != NodeKind::LoadBalancer) {
            reject(where + ": only a load balancer has an 'httpsPort'", "httpsPort");
        }
        spec.httpsPort =
            static_cast<std::uint16_t>(integerField(node, "httpsPort", where, 0, 0, 65535));
    }
}

NodeSpec parseNode(const json& node, std::size_t index) {
    auto where = "node " + std::to_string(index + 1);
    if (!node.is_object()) {
        reject(where + " must be an object", "nodes");
    }
    requireKnownFields(node,
                       {"name", "kind", "address", "port", "role", "host", "fault", "weight",
                        "backup", "httpsPort"},
                       where);
    NodeSpec spec;
    spec.name = stringField(node, "name", where, true);
    if (!isValidName(spec.name)) {
        reject(where + ": the name '" + spec.name +
                   "' must be 1 to 32 lower-case letters, digits or '-'",
               "name", json(spec.name).dump());
    }
    where = "node '" + spec.name + "'";
    spec.kind = parseKind(node, where);
    spec.address = stringField(node, "address", where, true);
    if (!isLoopbackAddress(spec.address)) {
        reject(where + ": the address '" + spec.address +
                   "' is not an IPv4 address in 127.0.0.0/8; nothing may listen beyond loopback",
               "address", json(spec.address).dump());
    }
    if (spec.kind != NodeKind::Client && !node.contains("port")) {
        reject(where + ": the field 'port' is missing", "name", json(spec.name).dump());
    }
    spec.port = static_cast<std::uint16_t>(integerField(node, "port", where, 0, 0, 65535));
    spec.host = stringField(node, "host", where, false);
    if (!spec.host.empty() && !isValidName(spec.host)) {
        reject(where + ": the host '" + spec.host +
                   "' must be 1 to 32 lower-case letters, digits or '-'",
               "host", json(spec.host).dump());
    }
    const auto role = stringField(node, "role", where, false);
    if (!role.empty() &&
        (spec.kind != NodeKind::Database || (role != "primary" && role != "replica"))) {
        reject(where + ": 'role' is 'primary' or 'replica', and only for a database", "role",
               json(role).dump());
    }
    spec.replica = role == "replica";
    parseNodeExtras(node, where, spec);
    return spec;
}

void checkNodes(const Topology& topology) {
    std::set<std::string> names;
    std::set<std::pair<std::string, std::uint16_t>> endpoints;
    for (const auto& spec : topology.nodes) {
        if (!names.insert(spec.name).second) {
            reject("two nodes are named '" + spec.name + "'", "name", json(spec.name).dump(), 2);
        }
        if (spec.port != 0 && !endpoints.insert({spec.address, spec.port}).second) {
            reject("node '" + spec.name + "': another node already listens on " + spec.address +
                       ":" + std::to_string(spec.port),
                   "name", json(spec.name).dump());
        }
    }
    const auto count = [&](NodeKind kind) { return topology.ofKind(kind).size(); };
    if (count(NodeKind::Client) > 1) {
        reject("only one built-in client is supported", "kind", "\"client\"", 2);
    }
    if (count(NodeKind::Dns) == 0 || count(NodeKind::WebServer) == 0) {
        reject("a topology needs at least one dns node and one web-server", "nodes");
    }
    if (count(NodeKind::LoadBalancer) > 2) {
        reject("at most two load balancers (a pair) are supported", "kind", "\"load-balancer\"", 3);
    }
    const auto databases = topology.ofKind(NodeKind::Database);
    const auto primaries = std::count_if(databases.begin(), databases.end(),
                                         [](const NodeSpec* spec) { return !spec->replica; });
    if (!databases.empty() && primaries != 1) {
        reject("the databases need exactly one primary (the others have \"role\": \"replica\")",
               "nodes");
    }
}

std::vector<LinkSpec> parseLinks(const json& links, const Topology& topology) {
    if (!links.is_array()) {
        reject("'links' must be a list", "links");
    }
    std::vector<LinkSpec> result;
    for (std::size_t i = 0; i < links.size(); ++i) {
        const auto where = "link " + std::to_string(i + 1);
        const auto& link = links[i];
        if (!link.is_object()) {
            reject(where + " must be an object with 'from' and 'to'", "links");
        }
        requireKnownFields(link, {"from", "to"}, where);
        LinkSpec spec{stringField(link, "from", where, true), stringField(link, "to", where, true)};
        for (const auto* end : {&spec.from, &spec.to}) {
            if (topology.find(*end) == nullptr) {
                reject(where + ": no node is named '" + *end + "'",
                       end == &spec.from ? "from" : "to", json(*end).dump());
            }
        }
        if (spec.from == spec.to) {
            reject(where + ": a node cannot link to itself", "from", json(spec.from).dump());
        }
        result.push_back(std::move(spec));
    }
    return result;
}

HealthCheckSettings parseHealthCheck(const json& object) {
    const std::string where = "healthCheck";
    if (!object.is_object()) {
        reject("'healthCheck' must be an object", "healthCheck");
    }
    requireKnownFields(object, {"intervalMs", "timeoutMs", "rise", "fall", "path"}, where);
    HealthCheckSettings checks;
    checks.interval = std::chrono::milliseconds(
        integerField(object, "intervalMs", where, checks.interval.count(), 10, 600000));
    checks.timeout = std::chrono::milliseconds(
        integerField(object, "timeoutMs", where, checks.timeout.count(), 10, 60000));
    checks.rise = static_cast<int>(integerField(object, "rise", where, checks.rise, 1, 100));
    checks.fall = static_cast<int>(integerField(object, "fall", where, checks.fall, 1, 100));
    if (object.contains("path")) {
        checks.path = stringField(object, "path", where, true);
        if (checks.path.empty() || checks.path.front() != '/' ||
            checks.path.find_first_of(" \r\n") != std::string::npos) {
            reject("healthCheck: 'path' must start with '/' and hold no spaces", "path");
        }
    }
    return checks;
}

const json& objectSection(const json& document, const std::string& key) {
    const auto& section = document[key];
    if (!section.is_object()) {
        reject("'" + key + "' must be an object", key);
    }
    return section;
}

BalancerSettings parseBalancer(const json& section) {
    const std::string where = "balancer";
    requireKnownFields(section, {"algorithm", "maxTries"}, where);
    BalancerSettings settings;
    if (section.contains("algorithm")) {
        const auto name = stringField(section, "algorithm", where, true);
        const auto algorithm = balanceAlgorithmFromName(name);
        if (!algorithm) {
            reject("balancer: unknown algorithm '" + name +
                       "'; use round-robin, weighted-round-robin, least-connections or "
                       "source-hash",
                   "algorithm", json(name).dump());
        }
        settings.algorithm = *algorithm;
    }
    settings.maxTries = static_cast<int>(integerField(section, "maxTries", where, 0, 0, 100));
    return settings;
}

LoadBalancerPairSettings parsePair(const json& section) {
    const std::string where = "loadBalancerPair";
    requireKnownFields(
        section, {"virtualAddress", "heartbeatIntervalMs", "missedHeartbeats", "preempt"}, where);
    LoadBalancerPairSettings pair;
    pair.virtualAddress = stringField(section, "virtualAddress", where, true);
    if (!pair.virtualAddress.empty() && !isLoopbackAddress(pair.virtualAddress)) {
        reject(where + ": the virtual address '" + pair.virtualAddress +
                   "' is not an IPv4 address in 127.0.0.0/8",
               "virtualAddress", json(pair.virtualAddress).dump());
    }
    pair.heartbeatInterval = std::chrono::milliseconds(
        integerField(section, "heartbeatIntervalMs", where, 1000, 10, 60000));
    pair.missedHeartbeats =
        static_cast<int>(integerField(section, "missedHeartbeats", where, 3, 1, 100));
    pair.preempt = boolField(section, "preempt", where, true);
    return pair;
}

MonitoringSettings parseMonitoring(const json& section) {
    const std::string where = "monitoring";
    requireKnownFields(
        section,
        {"enabled", "collector", "agents", "intervalMs", "pushTimeoutMs", "accessLogMaxBytes"},
        where);
    MonitoringSettings settings;
    settings.enabled = boolField(section, "enabled", where, false);
    settings.collector = stringField(section, "collector", where, false);
    if (const auto agents = section.find("agents"); agents != section.end()) {
        if (!agents->is_array()) {
            reject("monitoring: 'agents' must be a list of node names", "agents");
        }
        for (const auto& agent : *agents) {
            if (!agent.is_string()) {
                reject("monitoring: 'agents' must be a list of node names", "agents");
            }
            settings.agents.push_back(agent.get<std::string>());
        }
    }
    settings.interval =
        std::chrono::milliseconds(integerField(section, "intervalMs", where, 1000, 10, 60000));
    settings.pushTimeout =
        std::chrono::milliseconds(integerField(section, "pushTimeoutMs", where, 1000, 10, 60000));
    settings.accessLogMaxBytes = static_cast<std::uint64_t>(integerField(
        section, "accessLogMaxBytes", where, 4 * 1024 * 1024, 4096, 1024LL * 1024 * 1024));
    return settings;
}

FirewallSpec parseFirewall(const json& entry, std::size_t index) {
    auto where = "firewall " + std::to_string(index + 1);
    if (!entry.is_object()) {
        reject(where + " must be an object", "firewalls");
    }
    requireKnownFields(entry, {"name", "protects", "defaultAction", "enabled", "rules"}, where);
    FirewallSpec firewall;
    firewall.name = stringField(entry, "name", where, true);
    where = "firewall '" + firewall.name + "'";
    firewall.protects = stringField(entry, "protects", where, true);
    firewall.enabled = boolField(entry, "enabled", where, true);
    json table{{"rules", entry.value("rules", json::array())}};
    if (entry.contains("defaultAction")) {
        table["defaultAction"] = entry["defaultAction"];
    }
    auto parsed = parseRuleTable(table);
    if (!parsed.error.empty()) {
        reject(where + ": " + parsed.error, "name", json(firewall.name).dump());
    }
    firewall.rules = std::move(parsed.rules);
    firewall.defaultAction = parsed.defaultAction.value_or(FirewallAction::Reject);
    return firewall;
}

AppCapacity parseCapacity(const json& section) {
    const std::string where = "appCapacity";
    requireKnownFields(section, {"concurrencyLimit", "queueLimit", "costMs", "queueTimeoutMs"},
                       where);
    AppCapacity capacity;
    capacity.concurrencyLimit =
        static_cast<int>(integerField(section, "concurrencyLimit", where, capacity.concurrencyLimit,
                                      1, AppCapacity::kMaxConcurrencyLimit));
    capacity.queueLimit = static_cast<int>(integerField(
        section, "queueLimit", where, capacity.queueLimit, 0, AppCapacity::kMaxQueueLimit));
    capacity.costPerRequest = std::chrono::milliseconds(
        integerField(section, "costMs", where, 0, 0, AppCapacity::kMaxCost.count()));
    capacity.queueTimeout = std::chrono::milliseconds(
        integerField(section, "queueTimeoutMs", where, capacity.queueTimeout.count(), 1,
                     AppCapacity::kMaxQueueTimeout.count()));
    return capacity;
}

void parseSections(const json& document, Topology& topology) {
    if (document.contains("appCapacity")) {
        topology.appCapacity = parseCapacity(objectSection(document, "appCapacity"));
    }
    if (document.contains("balancer")) {
        topology.balancer = parseBalancer(objectSection(document, "balancer"));
    }
    if (document.contains("loadBalancerPair")) {
        topology.loadBalancerPair = parsePair(objectSection(document, "loadBalancerPair"));
        if (!topology.loadBalancerPair.virtualAddress.empty() &&
            topology.ofKind(NodeKind::LoadBalancer).size() != 2) {
            reject("a virtual address needs exactly two load balancers", "virtualAddress");
        }
    }
    if (document.contains("replication")) {
        std::string error;
        const auto settings =
            updateSettings(objectSection(document, "replication"), topology.replication, &error);
        if (!settings) {
            reject("replication: " + error, "replication");
        }
        topology.replication = *settings;
    }
    if (document.contains("monitoring")) {
        topology.monitoring = parseMonitoring(objectSection(document, "monitoring"));
    }
    if (document.contains("firewalls")) {
        const auto& firewalls = document["firewalls"];
        if (!firewalls.is_array()) {
            reject("'firewalls' must be a list", "firewalls");
        }
        for (std::size_t i = 0; i < firewalls.size(); ++i) {
            topology.firewalls.push_back(parseFirewall(firewalls[i], i));
        }
        if (const auto error = validateFirewalls(topology); !error.empty()) {
            reject(error, "firewalls");
        }
    }
}

Topology parseDocument(const json& document) {
    if (!document.is_object()) {
        reject("a topology file contains one JSON object");
    }
    requireKnownFields(
        document,
        {"format", "version", "name", "domain", "healthCheck", "nodes", "links", "balancer",
         "loadBalancerPair", "replication", "monitoring", "firewalls", "appCapacity"},
        "the file");
    if (stringField(document, "format", "the file", true) != kFormat) {
        reject("'format' must be \"" + std::string(kFormat) + "\"", "format");
    }
    if (integerField(document, "version", "the file", kVersion, kVersion, kVersion) != kVersion) {
        reject("unsupported version", "version");
    }
    Topology topology;
    topology.name = stringField(document, "name", "the file", true);
    if (topology.name.empty() || topology.name.size() > 64) {
        reject("'name' must hold 1 to 64 characters", "name");
    }
    if (document.contains("domain")) {
        topology.domain = stringField(document, "domain", "the file", true);
        if (!isValidDomain(topology.domain)) {
            reject("'" + topology.domain + "' is not a domain name such as foobar.com", "domain");
        }
    }
    if (document.contains("healthCheck")) {
        topology.healthCheck = parseHealthCheck(document["healthCheck"]);
    }
    const auto nodes = document.find("nodes");
    if (nodes == document.end() || !nodes->is_array() || nodes->empty()) {
        reject("'nodes' must be a list of at least one node", "nodes");
    }
    for (std::size_t i = 0; i < nodes->size(); ++i) {
        topology.nodes.push_back(parseNode((*nodes)[i], i));
    }
    checkNodes(topology);
    if (document.contains("links")) {
        topology.links = parseLinks(document["links"], topology);
    }
    parseSections(document, topology);
    return topology;
}

}  // namespace

std::string TopologyError::describe() const {
    return line > 0 ? "line " + std::to_string(line) + ": " + message : message;
}

std::variant<Topology, TopologyError> parseTopology(std::string_view text) {
    if (text.size() > kMaxTopologyFileBytes) {
        return TopologyError{"the file is larger than 1 MiB", 0};
    }
    json document;
    try {
        document = json::parse(text);
    } catch (const json::parse_error& error) {
        return TopologyError{"not valid JSON: " + std::string(error.what()),
                             lineAt(text, error.byte == 0 ? 0 : error.byte - 1)};
    }
    try {
        return parseDocument(document);
    } catch (const Rejection& rejection) {
        return TopologyError{rejection.message, lineOf(text, rejection)};
    }
}

std::variant<Topology, std::string> readPreset(const std::filesystem::path& directory,
                                               const std::string& name) {
    const bool plain =
        !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string::npos;
    const auto path = directory / (name + ".json");
    std::error_code error;
    if (!plain || directory.empty() || !std::filesystem::is_regular_file(path, error)) {
        return "no preset named '" + name + "'";
    }
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    auto parsed = parseTopology(text.str());
    if (auto* invalid = std::get_if<TopologyError>(&parsed)) {
        return "the preset " + path.string() + " is invalid: " + invalid->describe();
    }
    return std::get<Topology>(std::move(parsed));
}

namespace {

void writeOptionalSections(const Topology& topology, ordered_json& document) {
    const auto& capacity = topology.appCapacity;
    const AppCapacity defaults;
    if (capacity.concurrencyLimit != defaults.concurrencyLimit ||
        capacity.queueLimit != defaults.queueLimit ||
        capacity.costPerRequest != defaults.costPerRequest ||
        capacity.queueTimeout != defaults.queueTimeout) {
        document["appCapacity"] = {{"concurrencyLimit", capacity.concurrencyLimit},
                                   {"queueLimit", capacity.queueLimit},
                                   {"costMs", capacity.costPerRequest.count()},
                                   {"queueTimeoutMs", capacity.queueTimeout.count()}};
    }
    const auto& pair = topology.loadBalancerPair;
    if (!pair.virtualAddress.empty()) {
        document["loadBalancerPair"] = {{"virtualAddress", pair.virtualAddress},
                                        {"heartbeatIntervalMs", pair.heartbeatInterval.count()},
                                        {"missedHeartbeats", pair.missedHeartbeats},
                                        {"preempt", pair.preempt}};
    }
    const auto& monitoring = topology.monitoring;
    if (monitoring.enabled || !monitoring.collector.empty() || !monitoring.agents.empty()) {
        document["monitoring"] = {{"enabled", monitoring.enabled},
                                  {"collector", monitoring.collector},
                                  {"agents", monitoring.agents},
                                  {"intervalMs", monitoring.interval.count()},
                                  {"pushTimeoutMs", monitoring.pushTimeout.count()},
                                  {"accessLogMaxBytes", monitoring.accessLogMaxBytes}};
    }
    if (topology.firewalls.empty()) {
        return;
    }
    ordered_json firewalls = ordered_json::array();
    for (const auto& firewall : topology.firewalls) {
        ordered_json rules = ordered_json::array();
        for (const auto& rule : firewall.rules) {
            rules.push_back(ordered_json::parse(toJson(rule).dump()));
        }
        firewalls.push_back({{"name", firewall.name},
                             {"protects", firewall.protects},
                             {"defaultAction", firewallActionName(firewall.defaultAction)},
                             {"enabled", firewall.enabled},
                             {"rules", rules}});
    }
    document["firewalls"] = firewalls;
}

}  // namespace

std::string topologyToJson(const Topology& topology) {
    ordered_json nodes = ordered_json::array();
    for (const auto& spec : topology.nodes) {
        ordered_json node{
            {"name", spec.name}, {"kind", nodeKindName(spec.kind)}, {"address", spec.address}};
        if (spec.kind != NodeKind::Client) {
            node["port"] = spec.port;
        }
        if (spec.kind == NodeKind::Database) {
            node["role"] = spec.replica ? "replica" : "primary";
        }
        if (!spec.host.empty()) {
            node["host"] = spec.host;
        }
        if (spec.httpsPort) {
            node["httpsPort"] = *spec.httpsPort;
        }
        if (spec.weight != 1) {
            node["weight"] = spec.weight;
        }
        if (spec.backup) {
            node["backup"] = true;
        }
        if (spec.fault.mode != FaultMode::None) {
            node["fault"] = ordered_json::parse(toJson(spec.fault).dump());
        }
        nodes.push_back(std::move(node));
    }
    ordered_json links = ordered_json::array();
    for (const auto& link : topology.links) {
        links.push_back({{"from", link.from}, {"to", link.to}});
    }
    const auto& checks = topology.healthCheck;
    ordered_json document{
        {"format", kFormat},
        {"version", kVersion},
        {"name", topology.name},
        {"domain", topology.domain},
        {"healthCheck",
         {{"intervalMs", checks.interval.count()},
          {"timeoutMs", checks.timeout.count()},
          {"rise", checks.rise},
          {"fall", checks.fall},
          {"path", checks.path}}},
        {"balancer",
         {{"algorithm", balanceAlgorithmName(topology.balancer.algorithm)},
          {"maxTries", topology.balancer.maxTries}}},
        {"replication", ordered_json::parse(toJson(topology.replication).dump())},
        {"nodes", nodes},
        {"links", links},
    };
    writeOptionalSections(topology, document);
    return document.dump(2) + "\n";
}

}  // namespace wsl
