#include "load_generator.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cmath>
#include <deque>
#include <random>

#include "network_contexts.h"

namespace wsl {

namespace asio = boost::asio;

namespace {

// The rate mode wakes this often and sends every request that has come due since.
constexpr std::chrono::milliseconds kRateTick{5};
// A user whose request failed waits this long before the next, so that a refused connection
// does not turn the user into a busy loop.
constexpr std::chrono::milliseconds kUserPauseAfterFailure{10};

enum RequestKind { Page, Read, Write };

ClientRequest requestOf(int kind, std::uint64_t number) {
    ClientRequest request;
    if (kind == Page) {
        return request;
    }
    request.path = "/api/messages";
    if (kind == Write) {
        request.method = "POST";
        request.contentType = "application/json";
        request.body = R"({"author":"load generator","body":"load test message )" +
                       std::to_string(number) + R"("})";
    }
    return request;
}

bool validShare(double share) {
    return std::isfinite(share) && share >= 0 && share <= 1000;
}

}  // namespace

std::string validateLoad(const LoadSettings& settings) {
    if (settings.mode == LoadMode::Rate &&
        (settings.rate < 1 || settings.rate > LoadSettings::kMaxRate)) {
        return "rate must be between 1 and " + std::to_string(LoadSettings::kMaxRate) +
               " requests per second";
    }
    if (settings.mode == LoadMode::Users &&
        (settings.users < 1 || settings.users > LoadSettings::kMaxUsers)) {
        return "users must be between 1 and " + std::to_string(LoadSettings::kMaxUsers);
    }
    if (settings.duration.count() < 1 || settings.duration > LoadSettings::kMaxDuration) {
        return "seconds must be between 1 and " +
               std::to_string(LoadSettings::kMaxDuration.count());
    }
    if (!validShare(settings.pageShare) || !validShare(settings.readShare) ||
        !validShare(settings.writeShare)) {
        return "each share of the mix must be a number from 0 to 1000";
    }
    if (settings.pageShare + settings.readShare + settings.writeShare <= 0) {
        return "the mix needs at least one share above 0";
    }
    return {};
}

struct LoadGenerator::Run : std::enable_shared_from_this<Run> {
    Run(asio::io_context& io, NetworkContexts* networkContexts, Tracer& runTracer,
        std::string runSource, LoadSettings runSettings, Sender runSender)
        : contexts(networkContexts),
          settings(runSettings),
          sender(std::move(runSender)),
          tracer(runTracer),
          source(std::move(runSource)),
          strand(asio::make_strand(io)),
          timer(strand),
          mix({runSettings.pageShare, runSettings.readShare, runSettings.writeShare}) {
        counts.settings = settings;
        counts.state = "running";
    }

    NetworkContexts* const contexts;  // null: requests run on strands of `strand`'s context
    const LoadSettings settings;
    const Sender sender;
    Tracer& tracer;
    const std::string source;
    const Clock::time_point startedAt = Clock::now();
    asio::strand<asio::io_context::executor_type> strand;
    asio::steady_timer timer;  // the rate mode's tick, used on `strand` only
    LatencyHistogram latency;

    mutable std::mutex mutex;  // guards everything below
    LoadStatus counts;
    Clock::time_point endedAt;
    bool stopRequested = false;
    int activeSchedulers = 0;  // the rate loop, or the users still sending
    std::mt19937 random{std::random_device{}()};
    std::discrete_distribution<int> mix;
    // The rate mode's requests on the wire, at most kMaxConnections, and those waiting for
    // their turn, first come first served. Each waiting timer never expires: cancelling it
    // hands its request the turn.
    std::size_t onTheWire = 0;
    std::deque<std::shared_ptr<asio::steady_timer>> waiting;

    std::chrono::duration<double> elapsed() const {
        return std::min<std::chrono::duration<double>>(Clock::now() - startedAt, settings.duration);
    }
    bool stopping() const {
        std::lock_guard lock(mutex);
        return stopRequested;
    }
    bool sending() const {
        std::lock_guard lock(mutex);
        return !stopRequested && Clock::now() - startedAt < settings.duration;
    }
    // Returns where the next request or user runs: each network thread in turn.
    asio::any_io_executor nextExecutor() {
        if (contexts != nullptr) {
            return contexts->next().get_executor();
        }
        return asio::make_strand(strand.get_inner_executor());
    }
    // Picks the next request's kind and counts it as sent.
    ClientRequest next();
    // Takes one of the rate mode's kMaxConnections turns, or queues `turn` for the next free
    // one and returns false.
    bool takeTurn(const std::shared_ptr<asio::steady_timer>& turn);
    // Hands the turn of a finished request to the first waiting one, or frees it.
    void passTurn();
    void finish(const ClientResult& result, Clock::duration took);
    void schedulerEnded();
    // Marks the run ended once nothing is scheduled or in flight. Called with `mutex` held.
    void endIfIdleLocked();
};

ClientRequest LoadGenerator::Run::next() {
    std::lock_guard lock(mutex);
    const int kind = mix(random);
    ++counts.sent;
    ++counts.inFlight;
    if (kind == Page) {
        ++counts.pages;
    } else if (kind == Read) {
        ++counts.reads;
    } else {
        ++counts.writes;
    }
    return requestOf(kind, counts.sent);
}

bool LoadGenerator::Run::takeTurn(const std::shared_ptr<asio::steady_timer>& turn) {
    std::lock_guard lock(mutex);
    if (onTheWire < LoadGenerator::kMaxConnections) {
        ++onTheWire;
        return true;
    }
    waiting.push_back(turn);
    ++counts.waiting;
    return false;
}

void LoadGenerator::Run::passTurn() {
    std::lock_guard lock(mutex);
    if (waiting.empty()) {
        --onTheWire;
        return;
    }
    auto next = std::move(waiting.front());
    waiting.pop_front();
    --counts.waiting;
    // Posted to the waiting request's own executor. The request runs there without a break from
    // queueing its timer until its wait has begun, so the cancel comes after the wait.
    asio::post(next->get_executor(), [next] { next->cancel(); });
}

void LoadGenerator::Run::finish(const ClientResult& result, Clock::duration took) {
    latency.record(std::chrono::duration_cast<std::chrono::microseconds>(took));
    std::lock_guard lock(mutex);
    --counts.inFlight;
    if (result.reusedConnection) {
        ++counts.reusedConnections;
    } else {
        ++counts.newConnections;
    }
    if (result.outcome == Outcome::Ok && result.status >= 500) {
        ++counts.status5xx;
    } else if (result.outcome == Outcome::Ok && result.status >= 400) {
        ++counts.status4xx;
    } else if (result.outcome == Outcome::Ok) {
        ++counts.succeeded;
    } else if (result.outcome == Outcome::Refused) {
        ++counts.refused;
    } else if (result.outcome == Outcome::Timeout) {
        ++counts.timeout;
    } else if (result.outcome == Outcome::Reset) {
        ++counts.reset;
    } else {
        ++counts.otherErrors;
    }
    endIfIdleLocked();
}

void LoadGenerator::Run::schedulerEnded() {
    std::lock_guard lock(mutex);
    --activeSchedulers;
    endIfIdleLocked();
}

void LoadGenerator::Run::endIfIdleLocked() {
    if (activeSchedulers > 0 || counts.inFlight > 0 || counts.state != "running") {
        return;
    }
    endedAt = Clock::now();
    counts.state = stopRequested ? "stopped" : "finished";
    tracer.event(source, "load",
                 "load run " + counts.state + ": " + std::to_string(counts.sent) + " sent, " +
                     std::to_string(counts.succeeded) + " succeeded, " +
                     std::to_string(counts.sent - counts.succeeded - counts.skipped) + " failed");
}

namespace {

using RunPointer = std::shared_ptr<LoadGenerator::Run>;

// Sends `request`, counted as sent at `startedAt`, and counts its end.
asio::awaitable<ClientResult> sendCounted(RunPointer run, ClientRequest request,
                                          Clock::time_point startedAt) {
    ClientResult result;
    try {
        result = co_await run->sender(std::move(request));
    } catch (const std::exception& error) {
        result.outcome = Outcome::Error;
        result.error = error.what();
    }
    run->finish(result, Clock::now() - startedAt);
    co_return result;
}

asio::awaitable<ClientResult> sendOne(RunPointer run) {
    auto request = run->next();
    co_return co_await sendCounted(run, std::move(request), Clock::now());
}

// Sends one request of the rate mode once it has a turn among the kMaxConnections. It is
// counted as sent and in flight from the start, so that kMaxInFlight bounds the waiting ones.
asio::awaitable<void> sendInTurn(RunPointer run) {
    auto request = run->next();
    const auto startedAt = Clock::now();
    auto turn = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor,
                                                     asio::steady_timer::time_point::max());
    if (!run->takeTurn(turn)) {
        boost::system::error_code handedOver;
        co_await turn->async_wait(asio::redirect_error(asio::use_awaitable, handedOver));
    }
    co_await sendCounted(run, std::move(request), startedAt);
    run->passTurn();
}

asio::awaitable<void> paceRate(RunPointer run) {
    const auto total = static_cast<std::uint64_t>(run->settings.rate) *
                       static_cast<std::uint64_t>(run->settings.duration.count());
    std::uint64_t scheduled = 0;
    // Runs until every request of the run is scheduled, rather than until the duration has
    // passed, so that the last tick's requests are not lost.
    while (!run->stopping() && scheduled < total) {
        // Every request whose moment has come, counting the one at time zero.
        const auto due = std::min<std::uint64_t>(
            total, static_cast<std::uint64_t>(run->elapsed().count() * run->settings.rate) + 1);
        for (; scheduled < due; ++scheduled) {
            std::unique_lock lock(run->mutex);
            if (run->counts.inFlight >= LoadGenerator::kMaxInFlight) {
                ++run->counts.skipped;
                continue;
            }
            lock.unlock();
            asio::co_spawn(run->nextExecutor(), sendInTurn(run), asio::detached);
        }
        boost::system::error_code cancelled;
        run->timer.expires_after(kRateTick);
        co_await run->timer.async_wait(asio::redirect_error(asio::use_awaitable, cancelled));
    }
    run->schedulerEnded();
}

asio::awaitable<void> actAsUser(RunPointer run) {
    while (run->sending()) {
        const auto result = co_await sendOne(run);
        if (result.outcome != Outcome::Ok) {
            asio::steady_timer pause(co_await asio::this_coro::executor, kUserPauseAfterFailure);
            boost::system::error_code ignored;
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        }
    }
    run->schedulerEnded();
}

}  // namespace

LoadGenerator::LoadGenerator(asio::io_context& io, Tracer& tracer, NetworkContexts* contexts)
    : io_(io), tracer_(tracer), contexts_(contexts) {}

LoadGenerator::~LoadGenerator() {
    stop();
}

std::string LoadGenerator::start(const LoadSettings& settings, Sender sender, std::string source) {
    if (auto error = validateLoad(settings); !error.empty()) {
        return error;
    }
    std::lock_guard lock(mutex_);
    if (run_) {
        std::lock_guard runLock(run_->mutex);
        if (run_->counts.state == "running") {
            return "a load run is in progress; stop it (POST /load/stop) and wait until it has "
                   "stopped";
        }
    }
    run_ = std::make_shared<Run>(io_, contexts_, tracer_, std::move(source), settings,
                                 std::move(sender));
    const bool rate = settings.mode == LoadMode::Rate;
    run_->activeSchedulers = rate ? 1 : settings.users;
    if (rate) {
        asio::co_spawn(run_->strand, paceRate(run_), asio::detached);
        return {};
    }
    for (int i = 0; i < settings.users; ++i) {
        asio::co_spawn(run_->nextExecutor(), actAsUser(run_), asio::detached);
    }
    return {};
}

void LoadGenerator::stop() {
    std::lock_guard lock(mutex_);
    if (!run_) {
        return;
    }
    {
        std::lock_guard runLock(run_->mutex);
        run_->stopRequested = true;
    }
    asio::post(run_->strand, [run = run_] { run->timer.cancel(); });
}

LoadStatus LoadGenerator::status() const {
    std::lock_guard lock(mutex_);
    if (!run_) {
        return {};
    }
    std::lock_guard runLock(run_->mutex);
    auto status = run_->counts;
    const auto end = status.state == "running" ? Clock::now() : run_->endedAt;
    const auto elapsed =
        std::min<std::chrono::duration<double>>(end - run_->startedAt, run_->settings.duration);
    status.elapsedSeconds = elapsed.count();
    status.remainingSeconds =
        status.state == "running" && !run_->stopRequested
            ? (std::chrono::duration<double>(run_->settings.duration) - elapsed).count()
            : 0.0;
    if (status.state == "running" && run_->stopRequested) {
        status.state = "stopping";
    }
    status.latency = run_->latency.snapshot();
    return status;
}

}  // namespace wsl
