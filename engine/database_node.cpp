#include "database_node.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <charconv>
#include <future>

#include <nlohmann/json.hpp>

#include "database_replication_detail.h"

namespace wsl {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

constexpr std::chrono::milliseconds kSnapshotTimeout{5000};
// A replica that failed to copy the primary's rows tries again after this pause.
constexpr std::chrono::milliseconds kResyncRetry{500};

std::optional<std::int64_t> positionHeader(const HttpRequest& request) {
    const auto value = request[kPositionHeader];
    std::int64_t position = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), position);
    if (value.empty() || error != std::errc{} || end != value.data() + value.size()) {
        return std::nullopt;
    }
    return position;
}

std::string rejectionForRole(ReplicationRole role, const std::string& node,
                             const std::string& primary) {
    switch (role) {
        case ReplicationRole::Primary:
            return node + " is the primary and accepts no changesets";
        case ReplicationRole::Fenced:
            return node + " was replaced as primary and accepts no changesets until it rejoins";
        case ReplicationRole::Resynchronising:
            return node + " is copying every row from " + primary + "; send changesets later";
        case ReplicationRole::Replica:
            break;
    }
    return {};
}

}  // namespace

const char* replicationRoleName(ReplicationRole role) {
    switch (role) {
        case ReplicationRole::Primary:
            return "primary";
        case ReplicationRole::Replica:
            return "replica";
        case ReplicationRole::Fenced:
            return "fenced";
        case ReplicationRole::Resynchronising:
            return "resynchronising";
    }
    return "unknown";
}

DatabaseNode::DatabaseNode(NodeSpec spec, const NodeEnvironment& environment,
                           std::filesystem::path file)
    : HttpNode(std::move(spec), environment),
      io_(environment.io),
      instanceId_(environment.instanceId),
      role_(this->spec().replica ? ReplicationRole::Replica : ReplicationRole::Primary),
      primaryName_(this->spec().replica ? std::string{} : this->spec().name),
      syncStrand_(asio::make_strand(environment.io)) {
    database_ = std::make_unique<Database>(
        std::move(file), isReplica() ? Database::Role::Replica : Database::Role::Primary);
}

DatabaseNode::~DatabaseNode() {
    DatabaseNode::stop();
    worker_.join();
}

template <typename Function>
auto DatabaseNode::runOnWorkerAndWait(Function function) -> decltype(function()) {
    auto task = std::make_shared<std::packaged_task<decltype(function())()>>(std::move(function));
    auto result = task->get_future();
    asio::post(worker_, [task] { (*task)(); });
    return result.get();
}

void DatabaseNode::setReplicas(std::vector<UpstreamTarget> replicas) {
    closeLinks();
    std::lock_guard lock(mutex_);
    for (auto& replica : replicas) {
        links_.push_back(makeLink(std::move(replica)));
    }
}

void DatabaseNode::setPrimaryName(std::string primary) {
    std::lock_guard lock(mutex_);
    primaryName_ = std::move(primary);
}

ReplicationRole DatabaseNode::role() const {
    std::lock_guard lock(mutex_);
    return role_;
}

std::uint16_t DatabaseNode::start(std::uint16_t port) {
    const auto bound = HttpNode::start(port);
    shipping_ = true;
    // Changesets queued while this node was down go out now.
    std::vector<std::shared_ptr<ReplicaLink>> links;
    {
        std::lock_guard lock(mutex_);
        links = links_;
    }
    for (const auto& link : links) {
        asio::co_spawn(link->timer.get_executor(), drain(link), asio::detached);
    }
    return bound;
}

void DatabaseNode::stop() {
    HttpNode::stop();
    shipping_ = false;
    {
        std::lock_guard lock(mutex_);
        for (const auto& link : links_) {
            asio::post(link->timer.get_executor(), [link] { link->timer.cancel(); });
        }
    }
    wakeSyncWaiters();
}

void DatabaseNode::promote(std::vector<UpstreamTarget> replicas) {
    runOnWorkerAndWait([this] { database_->setRole(Database::Role::Primary); });
    setReplicas(std::move(replicas));
    std::lock_guard lock(mutex_);
    role_ = ReplicationRole::Primary;
    primaryName_ = name();
    writeLog_.clear();
}

void DatabaseNode::fence() {
    closeLinks();
    {
        std::lock_guard lock(mutex_);
        role_ = ReplicationRole::Fenced;
        primaryName_.clear();
    }
    runOnWorkerAndWait([this] { database_->setRole(Database::Role::Replica); });
}

void DatabaseNode::addReplica(UpstreamTarget replica) {
    std::shared_ptr<ReplicaLink> replaced;
    {
        std::lock_guard lock(mutex_);
        const auto same = std::find_if(links_.begin(), links_.end(), [&replica](const auto& link) {
            return link->target.node == replica.node;
        });
        if (same != links_.end()) {
            replaced = *same;
            links_.erase(same);
        }
        links_.push_back(makeLink(std::move(replica)));
    }
    // A replica that rejoins again gets a fresh link, since it copies every row anyway.
    if (replaced) {
        std::lock_guard lock(replaced->mutex);
        replaced->closed = true;
        replaced->queue.clear();
    }
}

asio::awaitable<std::int64_t> DatabaseNode::resynchronise(UpstreamTarget primary) {
    closeLinks();
    {
        std::lock_guard lock(mutex_);
        role_ = ReplicationRole::Resynchronising;
        primaryName_ = primary.node;
        writeLog_.clear();
    }
    co_await onWorker(worker_, [this] {
        database_->setRole(Database::Role::Replica);
        return true;
    });

    asio::steady_timer pause(co_await asio::this_coro::executor);
    while (running()) {
        std::string error;
        const auto snapshot = co_await fetchSnapshot(primary, &error);
        std::optional<std::int64_t> discarded;
        if (snapshot) {
            discarded = co_await onWorker(worker_, [this, &snapshot, &error] {
                auto replaced = database_->replaceRows(snapshot->at("rows"), &error);
                if (replaced) {
                    position_ = snapshot->at("position").get<std::int64_t>();
                }
                return replaced;
            });
        }
        if (discarded) {
            std::lock_guard lock(mutex_);
            role_ = ReplicationRole::Replica;
            discardedRows_ = *discarded;
            co_return *discarded;
        }

        tracer().event(name(), "replication",
                       "copying the rows of " + primary.node + " failed, retrying: " + error);
        pause.expires_after(kResyncRetry);
        boost::system::error_code ec;
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return -1;
}

// NOTE: the HTTP client reads at most 8 MiB of response, so a table larger than that cannot be
// copied and the rejoin keeps retrying.
asio::awaitable<std::optional<json>> DatabaseNode::fetchSnapshot(const UpstreamTarget& primary,
                                                                 std::string* error) {
    HttpRequest request{http::verb::get, "/snapshot", 11};
    request.set(http::field::host, primary.address);
    request.set(kInstanceHeader, instanceId_);
    const auto result = co_await sendHttpRequest(spec().address, primary, std::move(request),
                                                 kSnapshotTimeout, nullptr);
    if (!result.response) {
        *error = result.error;
        co_return std::nullopt;
    }
    if (result.response->result_int() != 200) {
        *error = "status " + std::to_string(result.response->result_int()) + ": " +
                 result.response->body();
        co_return std::nullopt;
    }
    auto body = json::parse(result.response->body(), nullptr, false);
    if (!body.is_object() || !body.value("rows", json()).is_array() ||
        !body.value("position", json()).is_number_integer()) {
        *error = "the reply is not a snapshot";
        co_return std::nullopt;
    }
    co_return body;
}

asio::awaitable<HttpResponse> DatabaseNode::handle(HttpRequest& request, RequestContext& context) {
    const auto target = request.target();
    if (target == "/query" && request.method() == http::verb::post) {
        co_return co_await runQuery(request, context);
    }
    if (target == "/replicate" && request.method() == http::verb::post) {
        co_return co_await applyChangeset(request, context);
    }
    if (target == "/snapshot" && request.method() == http::verb::get) {
        co_return co_await sendSnapshot(request);
    }
    if (target == "/" && request.method() == http::verb::get) {
        co_return statusResponse(request);
    }
    co_return makeErrorResponse(request, http::status::not_found,
                                "use POST /query with {\"sql\": …, \"params\": […]}");
}

asio::awaitable<HttpResponse> DatabaseNode::runQuery(const HttpRequest& request,
                                                     RequestContext& context) {
    const auto body = json::parse(request.body(), nullptr, false);
    if (!body.is_object() || !body.value("sql", json()).is_string()) {
        co_return makeErrorResponse(request, http::status::bad_request,
                                    R"(expected {"sql": "…", "params": […]})");
    }
    const auto sql = body["sql"].get<std::string>();
    const auto params = body.value("params", json::array());
    // The inspector shows each database hop's SQL.
    context.detail = sql;

    std::int64_t position = 0;
    auto result = co_await onWorker(worker_, [this, &sql, &params, &position] {
        auto executed = database_->execute(sql, params);
        if (!executed.changeset.empty()) {
            position = recordWrite(sql, params, executed.changeset);
        }
        return executed;
    });
    if (!result.ok) {
        co_return makeErrorResponse(request, static_cast<http::status>(result.httpStatus),
                                    name() + ": " + result.error);
    }

    json reply{
        {"node", name()},
        {"rows", std::move(result.rows)},
        {"truncated", result.truncated},
        {"changes", result.changes},
        {"lastInsertId", result.lastInsertId},
    };
    if (position > 0) {
        reply["position"] = position;
        const bool synchronous = [this] {
            std::lock_guard lock(mutex_);
            return settings_.mode == ReplicationSettings::Mode::Synchronous;
        }();
        if (synchronous) {
            const auto outcome = co_await waitForReplicas(position);
            reply["appliedOn"] = outcome.applied;
            reply["outOfSync"] = outcome.outOfSync;
        }
        acknowledge(position);
    }
    co_return makeJsonResponse(request, http::status::ok,
                               reply.dump(-1, ' ', false, json::error_handler_t::replace));
}

asio::awaitable<HttpResponse> DatabaseNode::applyChangeset(const HttpRequest& request,
                                                           const RequestContext& context) {
    ReplicationRole role;
    std::string primary;
    {
        std::lock_guard lock(mutex_);
        role = role_;
        primary = primaryName_;
    }
    if (role != ReplicationRole::Replica) {
        co_return makeErrorResponse(request, http::status::conflict,
                                    rejectionForRole(role, name(), primary));
    }
    if (context.peer != primary) {
        co_return makeErrorResponse(request, http::status::forbidden,
                                    "changesets are accepted from " + primary + " only");
    }
    // A changeset numbered at or below the position is already in the database, for instance
    // one queued for this replica while it copied the primary's rows.
    const auto position = positionHeader(request);
    if (position && *position <= position_) {
        co_return makeJsonResponse(request, http::status::ok,
                                   json{{"applied", false}, {"position", position_.load()}}.dump());
    }

    const auto& body = request.body();
    const std::vector<std::uint8_t> changeset(body.begin(), body.end());
    std::string error;
    const bool applied = co_await onWorker(worker_, [this, &changeset, &error, position] {
        const bool ok = database_->applyChangeset(changeset, &error);
        if (ok && position) {
            position_ = *position;
        }
        return ok;
    });
    if (!applied) {
        tracer().event(name(), "replication", "changeset rejected: " + error);
        co_return makeErrorResponse(request, http::status::conflict, error);
    }
    co_return makeJsonResponse(request, http::status::ok,
                               json{{"applied", true}, {"position", position_.load()}}.dump());
}

asio::awaitable<HttpResponse> DatabaseNode::sendSnapshot(const HttpRequest& request) {
    if (role() != ReplicationRole::Primary) {
        co_return makeErrorResponse(request, http::status::conflict,
                                    name() + " is not the primary: copy the primary's rows");
    }
    std::string error;
    // The position is read on the worker with the rows, so that both reflect the same commits.
    std::int64_t position = 0;
    auto rows = co_await onWorker(worker_, [this, &error, &position] {
        position = position_;
        return database_->snapshotRows(&error);
    });
    if (!rows) {
        tracer().event(name(), "replication", "failed to read the rows for a snapshot: " + error);
        co_return makeErrorResponse(request, http::status::internal_server_error,
                                    name() + ": " + error);
    }
    const json reply{{"node", name()}, {"position", position}, {"rows", std::move(*rows)}};
    co_return makeJsonResponse(request, http::status::ok,
                               reply.dump(-1, ' ', false, json::error_handler_t::replace));
}

DatabaseReplicationState DatabaseNode::replicationState() const {
    DatabaseReplicationState state;
    state.name = name();
    state.listening = running();
    state.position = position_;
    state.lag = replicaLag();
    std::lock_guard lock(mutex_);
    state.role = role_;
    state.primary = primaryName_;
    state.discardedRows = discardedRows_;
    return state;
}

HttpResponse DatabaseNode::statusResponse(const HttpRequest& request) const {
    const auto state = replicationState();
    json lag = json::array();
    for (const auto& replica : state.lag) {
        lag.push_back({{"replica", replica.replica},
                       {"changesetsBehind", replica.changesetsBehind},
                       {"msBehind", replica.msBehind},
                       {"outOfSync", replica.outOfSync}});
    }
    const json body{{"node", name()},
                    {"role", replicationRoleName(state.role)},
                    {"position", state.position},
                    {"primary", state.primary},
                    {"replicas", lag}};
    return makeJsonResponse(request, http::status::ok, body.dump());
}

}  // namespace wsl
