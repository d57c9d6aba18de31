#include "database_node.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <nlohmann/json.hpp>

namespace wsl {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

constexpr std::chrono::milliseconds kReplicationTimeout{5000};
// A replica that cannot be reached is retried after this pause, keeping the changeset order.
constexpr std::chrono::milliseconds kReplicationRetry{500};
// Changesets waiting for one replica. Past it the oldest are dropped and the replica diverges.
constexpr std::size_t kMaxQueuedChangesets = 10000;

template <typename Function>
auto onWorker(asio::thread_pool& worker, Function function)
    -> asio::awaitable<decltype(function())> {
    co_return co_await asio::co_spawn(
        worker,
        [function = std::move(function)]() -> asio::awaitable<decltype(function())> {
            co_return function();
        },
        asio::use_awaitable);
}

}  // namespace

// The changesets on their way to one replica, sent one at a time in commit order.
struct DatabaseNode::ReplicaLink {
    explicit ReplicaLink(asio::any_io_executor executor, UpstreamTarget replica)
        : timer(std::move(executor)), target(std::move(replica)) {}
    asio::steady_timer timer;
    UpstreamTarget target;
    std::mutex mutex;
    std::deque<std::vector<std::uint8_t>> queue;
    bool draining = false;
    std::uint64_t shipped = 0;
    std::uint64_t dropped = 0;
};

DatabaseNode::DatabaseNode(NodeSpec spec, const NodeEnvironment& environment,
                           std::filesystem::path file)
    : HttpNode(std::move(spec), environment),
      io_(environment.io),
      instanceId_(environment.instanceId) {
    database_ = std::make_unique<Database>(
        std::move(file), isReplica() ? Database::Role::Replica : Database::Role::Primary);
}

DatabaseNode::~DatabaseNode() {
    DatabaseNode::stop();
    worker_.join();
}

void DatabaseNode::setReplicas(std::vector<UpstreamTarget> replicas) {
    links_.clear();
    for (auto& replica : replicas) {
        links_.push_back(std::make_shared<ReplicaLink>(asio::make_strand(io_), std::move(replica)));
    }
}

void DatabaseNode::setPrimaryName(std::string primary) {
    primaryName_ = std::move(primary);
}

std::uint16_t DatabaseNode::start(std::uint16_t port) {
    const auto bound = HttpNode::start(port);
    shipping_ = true;
    // Changesets queued while this node was down go out now.
    for (const auto& link : links_) {
        asio::co_spawn(link->timer.get_executor(), drain(link), asio::detached);
    }
    return bound;
}

void DatabaseNode::stop() {
    HttpNode::stop();
    shipping_ = false;
    for (const auto& link : links_) {
        asio::post(link->timer.get_executor(), [link] { link->timer.cancel(); });
    }
}

asio::awaitable<HttpResponse> DatabaseNode::handle(HttpRequest& request, RequestContext& context) {
    const auto target = request.target();
    if (target == "/query" && request.method() == http::verb::post) {
        co_return co_await runQuery(request, context);
    }
    if (target == "/replicate" && request.method() == http::verb::post) {
        co_return co_await applyChangeset(request, context);
    }
    if (target == "/" && request.method() == http::verb::get) {
        const json body{{"node", name()}, {"role", isReplica() ? "replica" : "primary"}};
        co_return makeJsonResponse(request, http::status::ok, body.dump());
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

    auto result = co_await onWorker(
        worker_, [this, &sql, &params] { return database_->execute(sql, params); });
    if (!result.ok) {
        co_return makeErrorResponse(request, static_cast<http::status>(result.httpStatus),
                                    name() + ": " + result.error);
    }
    if (!result.changeset.empty()) {
        ship(result.changeset);
    }

    const json reply{
        {"node", name()},
        {"rows", std::move(result.rows)},
        {"truncated", result.truncated},
        {"changes", result.changes},
        {"lastInsertId", result.lastInsertId},
    };
    co_return makeJsonResponse(request, http::status::ok,
                               reply.dump(-1, ' ', false, json::error_handler_t::replace));
}

asio::awaitable<HttpResponse> DatabaseNode::applyChangeset(const HttpRequest& request,
                                                           const RequestContext& context) {
    if (!isReplica()) {
        co_return makeErrorResponse(request, http::status::conflict,
                                    name() + " is the primary and accepts no changesets");
    }
    if (context.peer != primaryName_) {
        co_return makeErrorResponse(request, http::status::forbidden,
                                    "changesets are accepted from " + primaryName_ + " only");
    }
    const auto& body = request.body();
    const std::vector<std::uint8_t> changeset(body.begin(), body.end());
    std::string error;
    const bool applied = co_await onWorker(worker_, [this, &changeset, &error] {
        return database_->applyChangeset(changeset, &error);
    });
    if (!applied) {
        tracer().event(name(), "replication", "changeset rejected: " + error);
        co_return makeErrorResponse(request, http::status::conflict, error);
    }
    co_return makeJsonResponse(request, http::status::ok, json{{"applied", true}}.dump());
}

void DatabaseNode::ship(const std::vector<std::uint8_t>& changeset) {
    for (const auto& link : links_) {
        bool startDrain = false;
        {
            std::lock_guard lock(link->mutex);
            if (link->queue.size() >= kMaxQueuedChangesets) {
                link->queue.pop_front();
                ++link->dropped;
            }
            link->queue.push_back(changeset);
            startDrain = !link->draining && shipping_;
        }
        if (startDrain) {
            asio::co_spawn(link->timer.get_executor(), drain(link), asio::detached);
        }
    }
}

asio::awaitable<void> DatabaseNode::drain(std::shared_ptr<ReplicaLink> link) {
    {
        std::lock_guard lock(link->mutex);
        if (link->draining) {
            co_return;
        }
        link->draining = true;
    }

    while (shipping_) {
        std::vector<std::uint8_t> next;
        {
            // Emptiness and the end of draining are decided under one lock, so that a
            // changeset queued meanwhile starts a new drain.
            std::lock_guard lock(link->mutex);
            if (link->queue.empty()) {
                link->draining = false;
                co_return;
            }
            next = link->queue.front();
        }

        HttpRequest request{http::verb::post, "/replicate", 11};
        request.set(http::field::host, link->target.address);
        request.set(http::field::content_type, "application/octet-stream");
        request.set(kInstanceHeader, instanceId_);
        request.body().assign(next.begin(), next.end());
        const auto result = co_await sendHttpRequest(
            spec().address, link->target, std::move(request), kReplicationTimeout, nullptr);
        if (result.response && result.response->result_int() == 200) {
            std::lock_guard lock(link->mutex);
            link->queue.pop_front();
            ++link->shipped;
            tracer().event(name(), "replication",
                           "changeset of " + std::to_string(next.size()) + " bytes applied on " +
                               link->target.node);
            continue;
        }

        const auto why = result.response ? result.response->body() : result.error;
        tracer().event(name(), "replication",
                       "shipping to " + link->target.node + " failed, retrying: " + why);
        link->timer.expires_after(kReplicationRetry);
        boost::system::error_code ec;
        co_await link->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }

    std::lock_guard lock(link->mutex);
    link->draining = false;
}

}  // namespace wsl
