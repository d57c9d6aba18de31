#pragma once

#include <utility>

#include <boost/asio/io_context.hpp>

#include "http_server.h"

namespace wsl {

class Engine;

// The engine's control interface, JSON over HTTP on loopback, in the manner of HAProxy's
// runtime API and Envoy's admin port:
//   GET  /nodes                   every node: name, kind, address, state, counters
//   POST /nodes/<name>/fail       close the node's listener
//   POST /nodes/<name>/restore    open it again
//   GET  /requests?last=N         recent finished requests with their spans
//   GET  /events?last=N           recent engine events
//   GET  /har?last=N              recent requests as HAR 1.2
//   GET  /events.csv?last=N       recent events as CSV
//   GET  /mode, POST /mode        pacing: live, slow motion (delayMs per hop) or step
//   POST /step, POST /continue    release the hop held longest, or all and go live
//   GET  /topology, PUT /topology the running topology as a file; replace it with another
//   GET  /presets, POST /preset   the preset names; switch to one ({"name": "secured"})
//   GET, PUT /nodes/<name>/fault  injected fault: none, down, hang, slow or error
//   POST /nodes/<name>/deploy     restart the node with {"downtimeMs": N} of downtime
//   GET  /firewalls, GET|PUT /firewalls/<name>/rules, POST /firewalls/<name>/enable|disable
//                                 see admin_firewalls.cpp
//   GET  /nodes/<name>/log?last=N the node's access log (combined format), as text
//   GET  /monitoring              collector URL, agents and push interval
//   PUT  /monitoring              {"intervalMs": N, "enabled": bool}, both optional
//   GET  /balancer, PUT /balancer  algorithm, tries and health checks; backends as balanced
//   POST /nodes/<name>/drain|maint|ready, PUT /nodes/<name>/weight   one backend at the balancer
//   POST /deploy/rolling, GET /deploy  restart a tier one server at a time, and its progress
//   GET  /vip                     the load-balancer pair: holder, heartbeats, missed counts
//   POST /servers {"kind":"web"}  start the next web (or "app") server and put it in rotation
//   DELETE /servers/<name>        take a web or app server out of rotation, then stop it
//   GET  /https, POST /https      HTTPS at the balancer: redirectHttps and forceHttps
//   GET  /replication             database roles, lag, lost writes and the settings
//   PUT  /replication             change the replication settings (any subset of them)
//   POST /databases/<name>/promote  make a replica the primary once the primary failed
//   GET  /spof                    single points of failure: each unit and what its failure stops
//   POST /load, GET /load, POST /load/stop, GET|PUT /capacity  see admin_load_routes.cpp
// The window's actions call the same Engine functions.
class AdminServer {
public:
    AdminServer(boost::asio::io_context& io, Engine& engine);

    std::uint16_t start(const std::string& address, std::uint16_t port);
    void stop();

private:
    HttpResponse handle(const HttpRequest& request);
    HttpResponse nodeAction(const HttpRequest& request, const std::string& path);
    HttpResponse pacing(const HttpRequest& request, const std::string& path);
    HttpResponse topologyAction(const HttpRequest& request, const std::string& path);
    // Load balancer and deploy routes, in admin_balancer_routes.cpp.
    static bool isBalancerRoute(const std::string& path);
    HttpResponse balancerRoutes(const HttpRequest& request, const std::string& path);
    HttpResponse replication(const HttpRequest& request, const std::string& path);
    HttpResponse exportRecords(const HttpRequest& request, const std::string& target,
                               const std::string& path);
    HttpResponse faultRoutes(const HttpRequest& request, const std::string& path);
    HttpResponse faultState(const HttpRequest& request, const std::string& name);
    HttpResponse deployRoute(const HttpRequest& request, const std::string& name);
    HttpResponse firewallRoutes(const HttpRequest& request, const std::string& path);
    HttpResponse replaceFirewallRules(const HttpRequest& request, const std::string& name);
    HttpResponse accessLogRoute(const HttpRequest& request, const std::string& target,
                                const std::string& path);
    HttpResponse monitoringRoute(const HttpRequest& request);
    // GET /vip, POST /servers and DELETE /servers/<name>.
    HttpResponse pairAndScaling(const HttpRequest& request, const std::string& path);
    HttpResponse addServer(const HttpRequest& request);
    HttpResponse removeServer(const HttpRequest& request, const std::string& name);
    HttpResponse https(const HttpRequest& request);
    // GET /spof, in admin_spof.cpp.
    HttpResponse spofRoute(const HttpRequest& request);
    HttpResponse viewRoute(const HttpRequest& request);
    // Load generator and application-server capacity, in admin_load_routes.cpp.
    static bool isLoadRoute(const std::string& path);
    HttpResponse loadRoutes(const HttpRequest& request, const std::string& path);

    Engine& engine_;
    HttpServer server_;
};

}  // namespace wsl
