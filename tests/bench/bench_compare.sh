#!/usr/bin/env bash
# Measures Webstack Lab against HAProxy and nginx on this machine, in one run:
#   1. wrk -> Webstack load balancer -> web-1, against wrk -> HAProxy -> the same web-1;
#   2. balancer -> web -> app -> database read, against HAProxy -> nginx -> the same app-1;
#   3. frame time p50/p95 of the animated diagram under 5,000 req/s, offscreen;
#   4. resident memory after 10 minutes at 2,000 req/s against after 1 minute.
# HAProxy and nginx get as many threads or workers as the engine has network threads, so that a
# ratio compares designs rather than core counts. Everything listens on 127.0.0.1 or on the
# topology's 127.x addresses, and everything started here is stopped on exit. The engine
# always records a trace of every request, so its figures are with tracing on.
#
# Exit code 0 when the benchmark ran, whether or not the targets were met; 2 when it could not.
#
# Options: --quick (shorter runs, not the targets' measure), --build-dir DIR (default build),
# --items LIST (the items to run, default 1,2,3,4).
# Items 1 and 2 measure each side in rounds, alternating which side goes first, and compare
# the sides' median figures, because a shared VM's speed drifts by a third within minutes.
# Environment: BENCH_WRK_THREADS (2), BENCH_WRK_CONNECTIONS (64), BENCH_WRK_SECONDS (10 per
# round), BENCH_ROUNDS (3), BENCH_WARMUP_SECONDS (5), BENCH_FRAME_SECONDS (20), BENCH_MEMORY_EARLY_SECONDS (60),
# BENCH_MEMORY_LATE_SECONDS (600), BENCH_MEMORY_MIX (the load generator's mix of item 4,
# default {"page": 0.6, "read": 0.3, "write": 0.1}).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=$root/build
quick=0
items="1 2 3 4"

usage() {
    sed -n '2,20s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --build-dir) build_dir=$(cd "$2" && pwd); shift ;;
        --items) items=${2//,/ }; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "bench: unknown option '$1'; see --help" >&2; exit 2 ;;
    esac
    shift
done
for item in $items; do
    case $item in
        1 | 2 | 3 | 4) ;;
        *) echo "bench: invalid item '$item' in --items; the items are 1, 2, 3 and 4" >&2; exit 2 ;;
    esac
done

if [ "$quick" = 1 ]; then
    wrk_seconds=${BENCH_WRK_SECONDS:-5}
    warmup_seconds=${BENCH_WARMUP_SECONDS:-2}
    frame_seconds=${BENCH_FRAME_SECONDS:-5}
    memory_early=${BENCH_MEMORY_EARLY_SECONDS:-20}
    memory_late=${BENCH_MEMORY_LATE_SECONDS:-120}
else
    wrk_seconds=${BENCH_WRK_SECONDS:-10}
    warmup_seconds=${BENCH_WARMUP_SECONDS:-5}
    frame_seconds=${BENCH_FRAME_SECONDS:-20}
    memory_early=${BENCH_MEMORY_EARLY_SECONDS:-60}
    memory_late=${BENCH_MEMORY_LATE_SECONDS:-600}
fi
wrk_threads=${BENCH_WRK_THREADS:-2}
rounds=${BENCH_ROUNDS:-3}
[ "$quick" = 0 ] || rounds=${BENCH_ROUNDS:-1}
wrk_connections=${BENCH_WRK_CONNECTIONS:-64}
frame_rate=5000
memory_rate=2000
memory_mix=${BENCH_MEMORY_MIX:-'{"page": 0.6, "read": 0.3, "write": 0.1}'}

engine_binary=$build_dir/app/webstack-lab
frame_binary=$build_dir/tests/bench/bench_frame_time

fail() {
    echo "bench: $*" >&2
    exit 2
}

# --- processes and clean-up -------------------------------------------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/webstack-bench.XXXXXX")
started=()

cleanup() {
    local pid
    for pid in "${started[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${started[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# Stops one process started here and drops it from the list, so that clean-up never signals
# a process id that the system has since reused.
stop_process() {
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    local pid kept=()
    for pid in "${started[@]}"; do
        [ "$pid" = "$1" ] || kept+=("$pid")
    done
    started=("${kept[@]}")
}

# Returns 0 when something accepts connections on 127.0.0.1:$1.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

next_port=18080
# Sets the variable named $1 to a port of 127.0.0.1 that nothing listens on, from 18080 up,
# skipping ports already handed out by this script. It sets a variable rather than printing,
# because a command substitution would run it in a subshell and lose the count of ports given.
take_free_port() {
    while port_in_use "$next_port"; do
        next_port=$((next_port + 1))
    done
    printf -v "$1" '%s' "$next_port"
    next_port=$((next_port + 1))
}

# Fails unless $1 is free: a server that cannot bind its port exits, and the check that it
# responds would then reach whatever else listens there.
expect_free_port() {
    ! port_in_use "$1" || fail "port $1 of 127.0.0.1 is already in use"
}

# Waits up to 30 s until `curl` gets a 2xx from $1, or until process $2 (if given) has ended.
wait_for_http() {
    local deadline=$((SECONDS + 30))
    until curl -fs -o /dev/null --max-time 2 "$1"; do
        [ $SECONDS -lt $deadline ] || return 1
        [ -z "${2:-}" ] || kill -0 "$2" 2>/dev/null || return 1
        sleep 0.2
    done
}

# --- checks -----------------------------------------------------------------------------------

# Returns 0 when item $1 was chosen with --items.
chosen() {
    [[ " $items " == *" $1 "* ]]
}

check_tools() {
    local tool missing=()
    for tool in wrk haproxy nginx curl; do
        command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
    done
    [ ${#missing[@]} -eq 0 ] ||
        fail "missing ${missing[*]}; run scripts/install-deps.sh --bench"
    [ -x "$engine_binary" ] || fail "$engine_binary not found; build it first (make bench-compare)"
    if chosen 3; then
        [ -x "$frame_binary" ] || fail "$frame_binary not found; build the target bench_frame_time"
    fi
}

# The engine's network threads: EngineOptions::networkThreads in engine/engine.h.
read_network_threads() {
    local threads
    threads=$(sed -n 's/^ *std::size_t networkThreads = \([0-9]\+\);.*/\1/p' \
        "$root/engine/engine.h")
    [ -n "$threads" ] || fail "EngineOptions::networkThreads not found in engine/engine.h"
    echo "$threads"
}

PATH=$PATH:/usr/sbin
check_tools
threads=$(read_network_threads)

# --- the engine -------------------------------------------------------------------------------

# A balancer, one web server, one application server and one database, on addresses that the
# other stages do not use.
write_topology() {
    cat >"$work/topology.json" <<'EOF'
{
  "format": "webstack-lab-topology",
  "version": 1,
  "name": "Benchmark",
  "domain": "foobar.com",
  "nodes": [
    {"name": "client", "kind": "client", "address": "127.0.5.9"},
    {"name": "dns-1", "kind": "dns", "address": "127.0.0.59", "port": 5353},
    {"name": "lb-1", "kind": "load-balancer", "address": "127.0.10.9", "port": 8080},
    {"name": "web-1", "kind": "web-server", "address": "127.0.20.9", "port": 8080},
    {"name": "app-1", "kind": "app-server", "address": "127.0.30.9", "port": 8080},
    {"name": "db-primary", "kind": "database", "address": "127.0.40.9", "port": 8080,
     "role": "primary"}
  ],
  "links": [
    {"from": "client", "to": "dns-1"},
    {"from": "client", "to": "lb-1"},
    {"from": "lb-1", "to": "web-1"},
    {"from": "web-1", "to": "app-1"},
    {"from": "app-1", "to": "db-primary"}
  ]
}
EOF
}

# Starts the headless engine with the arguments given; sets engine_pid and engine_out, the
# file of its service listing.
start_engine() {
    engine_out=$work/engine-$1.out
    shift
    "$engine_binary" --headless --admin-port 0 "$@" >"$engine_out" 2>"$engine_out.err" &
    engine_pid=$!
    started+=("$engine_pid")
    local deadline=$((SECONDS + 30))
    until grep -qs '^admin ' "$engine_out"; do
        kill -0 "$engine_pid" 2>/dev/null || fail "the engine did not start: $(cat "$engine_out.err")"
        [ $SECONDS -lt $deadline ] || fail "the engine printed no admin address within 30 s"
        sleep 0.2
    done
}

# Prints host:port of a service from the engine's start-up listing.
service_address() {
    awk -v name="$1" '$1 == name { sub(/^[a-z]+:\/\//, "", $3); print $3 }' "$engine_out"
}

# --- HAProxy and nginx ------------------------------------------------------------------------

# Starts HAProxy on 127.0.0.1:$2 in front of $3 (host:port), with $threads threads. With $4 set
# to "like-for-like" it also does the balancer's per-request work. It adds X-Forwarded-For,
# X-Forwarded-Proto, Via both ways and a request id (the balancer adds traceparent). It writes a
# log line per request (option httplog, to its log file).
start_haproxy() {
    local config=$work/haproxy-$1.cfg log_global="" log_defaults="" log_frontend=""
    if [ "${4:-}" = like-for-like ]; then
        log_global="    log stdout format raw local0"
        log_defaults=$'    log global\n    option httplog'
        log_frontend=$'    option forwardfor\n    http-request set-header X-Forwarded-Proto http\n'
        log_frontend+=$'    http-request add-header Via "1.1 haproxy"\n'
        log_frontend+=$'    http-response add-header Via "1.1 haproxy"\n'
        log_frontend+=$'    unique-id-format %{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid\n'
        log_frontend+='    unique-id-header X-Unique-ID'
    fi
    cat >"$config" <<EOF
global
    nbthread $threads
    maxconn 4096
$log_global
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
$log_defaults
frontend bench
    bind 127.0.0.1:$2
    default_backend upstream
$log_frontend
backend upstream
    server only $3
EOF
    expect_free_port "$2"
    haproxy -f "$config" -db >"$work/haproxy-$1.log" 2>&1 &
    started+=($!)
    haproxy_pid=$!
    wait_for_http "http://127.0.0.1:$2/" "$haproxy_pid" || fail "HAProxy did not answer: $(cat "$work/haproxy-$1.log")"
}

# Starts nginx on 127.0.0.1:$1 serving resources/site and passing /api/ to $2 (host:port) over
# keep-alive connections, with $threads workers. Every path it writes is inside $work/nginx.
start_nginx() {
    local prefix=$work/nginx
    mkdir -p "$prefix/logs" "$prefix/temp"
    cat >"$prefix/nginx.conf" <<EOF
daemon off;
worker_processes $threads;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 4096; }
http {
    types { text/html html; text/css css; application/javascript js; }
    access_log $prefix/logs/access.log;
    client_body_temp_path $prefix/temp/body;
    proxy_temp_path $prefix/temp/proxy;
    fastcgi_temp_path $prefix/temp/fastcgi;
    uwsgi_temp_path $prefix/temp/uwsgi;
    scgi_temp_path $prefix/temp/scgi;
    upstream app { server $2; keepalive 64; }
    server {
        listen 127.0.0.1:$1;
        root $root/resources/site;
        location /api/ {
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
    expect_free_port "$1"
    nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" \
        >"$prefix/logs/stdout.log" 2>&1 &
    started+=($!)
    nginx_pid=$!
    wait_for_http "http://127.0.0.1:$1/" "$nginx_pid" || fail "nginx did not answer: $(cat "$prefix/logs/error.log")"
}

# --- wrk --------------------------------------------------------------------------------------

declare -A rps p50 p99 errors

# Converts a wrk duration (12.5us, 3.2ms, 1.1s, 2m) to milliseconds.
to_ms() {
    awk -v d="$1" 'BEGIN {
        v = d + 0; u = d; sub(/^[0-9.]+/, "", u)
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000
        printf "%.2f", v }'
}

# Waits up to 65 s until fewer than 1,000 TCP sockets of the benchmark topology's nodes (the
# addresses 127.0.x.9) are in TIME_WAIT. A run that opens a connection per request leaves
# thousands, and a run that follows at once pays for them: its connects search a crowded port
# range. /proc/net/tcp shows 127.0.x.9 as 09xx007F on little-endian machines.
settle() {
    local waited=0
    while [ "$(awk '$4 == "06" && $2 ~ /^09..007F:/' /proc/net/tcp | wc -l)" -ge 1000 ] &&
        [ $waited -lt 65 ]; do
        sleep 1
        waited=$((waited + 1))
    done
    [ $waited = 0 ] || echo "  (waited $waited s for the previous run's TIME_WAIT sockets to expire)"
}

declare -A runs runs_p50 runs_p99

# Runs wrk against $2 (a URL) once and adds its figures to the label $1's runs; $3 names the
# round in the printed line.
run_wrk() {
    local label=$1 url=$2 round=$3 out=$work/wrk.txt
    settle
    wrk -t"$wrk_threads" -c"$wrk_connections" -d"${wrk_seconds}s" --latency "$url" >"$out" 2>&1 ||
        fail "wrk failed on $url: $(cat "$out")"
    local rate median50 median99 failed
    rate=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    median50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    median99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    failed=$(awk '
        /Non-2xx or 3xx responses:/ { n += $NF }
        /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
        END { print n + 0 }' "$out")
    runs[$label]+=" $rate"
    runs_p50[$label]+=" $median50"
    runs_p99[$label]+=" $median99"
    errors[$label]=$((${errors[$label]:-0} + failed))
    local flag=""
    [ "$failed" = 0 ] || flag="  <- ERRORS: $(grep -E 'Non-2xx|Socket errors' "$out" | tr -s ' ' | paste -sd ';')"
    printf '  %-44s %8s req/s   p50 %7s ms   p99 %7s ms   errors %s%s\n' "$label ($round)" \
        "$rate" "$median50" "$median99" "$failed" "$flag"
}

# Prints the median of the numbers in $1 (the mean of the middle two for an even count) with the
# printf format $2.
median() {
    tr ' ' '\n' <<<"$1" | awk 'NF' | sort -g | awk -v format="$2" '
        { v[NR] = $1 }
        END { printf format "\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Measures the sides given as label/URL pairs: a warm-up of each, then $rounds rounds that run
# every side once, the order reversed in every other round. Sets rps, p50 and p99 of each label
# to its median over the rounds and prints them.
measure_sides() {
    local labels=() urls=() i round order
    while [ $# -gt 0 ]; do
        labels+=("$1")
        urls+=("$2")
        shift 2
    done
    for i in "${!urls[@]}"; do
        settle
        wrk -t"$wrk_threads" -c"$wrk_connections" -d"${warmup_seconds}s" "${urls[$i]}" \
            >/dev/null 2>&1 || fail "wrk could not reach ${urls[$i]}"
    done
    for round in $(seq "$rounds"); do
        order=$(seq 0 $((${#labels[@]} - 1)))
        [ $((round % 2)) = 1 ] || order=$(tac <<<"$order")
        for i in $order; do
            run_wrk "${labels[$i]}" "${urls[$i]}" "round $round"
        done
    done
    echo "  medians over $rounds rounds of ${wrk_seconds} s:"
    for i in "${!labels[@]}"; do
        local label=${labels[$i]}
        rps[$label]=$(median "${runs[$label]}" %.0f)
        p50[$label]=$(median "${runs_p50[$label]}" %.2f)
        p99[$label]=$(median "${runs_p99[$label]}" %.2f)
        printf '  %-44s %8s req/s   p50 %7s ms   p99 %7s ms   errors %s\n' "$label" \
            "${rps[$label]}" "${p50[$label]}" "${p99[$label]}" "${errors[$label]}"
    done
}

# Prints $1 / $2 with two decimals.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# --- the four items ---------------------------------------------------------------------------

declare -A figure target verdict

# Records an item's figure, target and PASS/FAIL ($4 is 1 when the target was met).
record() {
    figure[$1]=$2
    target[$1]=$3
    if [ "$4" = 1 ]; then verdict[$1]=PASS; else verdict[$1]=FAIL; fi
}

at_least() {
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "n/a" && a >= b) }' && echo 1 || echo 0
}

at_most() {
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a <= b) }' && echo 1 || echo 0
}

# Prints 1 when the wrk run $1 had no errors. Errors on Webstack's side turn the item's verdict
# into FAIL whatever the ratio; errors on the reference side are flagged but do not.
clean() {
    [ "${errors[$1]}" = 0 ] && echo 1 || echo 0
}

item_balancer() {
    echo "1. Balancer: GET / through one balancer to one web server (tracing on)"
    local web lb haproxy_port like_port plain_pid like_pid
    web=$(service_address web-1)
    lb=$(service_address lb-1)
    take_free_port haproxy_port
    take_free_port like_port
    start_haproxy balancer "$haproxy_port" "$web"
    plain_pid=$haproxy_pid
    start_haproxy balancer-like "$like_port" "$web" like-for-like
    like_pid=$haproxy_pid
    measure_sides "wrk -> web-1 (ceiling)" "http://$web/" \
        "wrk -> Webstack lb-1 -> web-1" "http://$lb/" \
        "wrk -> HAProxy -> web-1" "http://127.0.0.1:$haproxy_port/" \
        "wrk -> HAProxy like-for-like -> web-1" "http://127.0.0.1:$like_port/"
    stop_process "$plain_pid"
    stop_process "$like_pid"
    local value like
    value=$(ratio "${rps[wrk -> Webstack lb-1 -> web-1]}" "${rps[wrk -> HAProxy -> web-1]}")
    like=$(ratio "${rps[wrk -> Webstack lb-1 -> web-1]}" \
        "${rps[wrk -> HAProxy like-for-like -> web-1]}")
    echo "  ratio Webstack / HAProxy: $value x (the target's measure)"
    echo "  ratio Webstack / HAProxy like-for-like (forwarding fields, request id, log): $like x"
    echo "  share of the direct figure: Webstack $(ratio "${rps[wrk -> Webstack lb-1 -> web-1]}" \
        "${rps[wrk -> web-1 (ceiling)]}"), HAProxy $(ratio "${rps[wrk -> HAProxy -> web-1]}" \
        "${rps[wrk -> web-1 (ceiling)]}") (near 1.00: web-1 was the bottleneck)"
    local met
    met=$(at_least "$value" 1.0)
    [ "$(clean "wrk -> Webstack lb-1 -> web-1")" = 1 ] || met=0
    record 1 "${value}x HAProxy (${like}x like-for-like)" ">= 1.0x" "$met"
}

item_chain() {
    echo "2. Full chain: GET /api/messages, balancer -> web -> app -> database read"
    local lb app haproxy_port nginx_port
    lb=$(service_address lb-1)
    app=$(service_address app-1)
    take_free_port nginx_port
    take_free_port haproxy_port
    start_nginx "$nginx_port" "$app"
    start_haproxy chain "$haproxy_port" "127.0.0.1:$nginx_port"
    measure_sides "wrk -> Webstack lb -> web -> app" "http://$lb/api/messages" \
        "wrk -> HAProxy -> nginx -> app-1" "http://127.0.0.1:$haproxy_port/api/messages"
    stop_process "$haproxy_pid"
    stop_process "$nginx_pid"
    local value
    value=$(ratio "${rps[wrk -> Webstack lb -> web -> app]}" "${rps[wrk -> HAProxy -> nginx -> app-1]}")
    echo "  ratio Webstack / HAProxy+nginx: $value x"
    local met
    met=$(at_least "$value" 0.8)
    [ "$(clean "wrk -> Webstack lb -> web -> app")" = 1 ] || met=0
    record 2 "${value}x HAProxy+nginx" ">= 0.8x" "$met"
}

# Prints "p50 p95" of the frame time line of bench_frame_time's output, or of its frame
# interval line when the former is missing (then with a third word, "interval").
frame_figures() {
    awk '
        function value(name,   i, v) {
            for (i = 1; i <= NF; i++) if ($i ~ "^" name "([=:]|$)") {
                v = $i; sub("^" name "[=:]?", "", v)
                if (v == "") v = $(i + 1)
                return v + 0
            }
        }
        tolower($0) ~ /^frame time/ { print value("p50"), value("p95"); found = 1; exit }
        tolower($0) ~ /^frame interval/ && !interval { interval = value("p50") " " value("p95") }
        END { if (!found && interval) print interval, "interval" }' "$1"
}

item_frames() {
    echo "3. Diagram frame time under $frame_rate req/s for ${frame_seconds} s, offscreen"
    local out=$work/frames.txt status=0
    settle
    QT_QPA_PLATFORM=offscreen "$frame_binary" --rate "$frame_rate" --seconds "$frame_seconds" \
        >"$out" 2>&1 || status=$?
    [ "$status" -le 1 ] || fail "bench_frame_time could not run: $(tail -3 "$out")"
    grep -E '^(requests|frame|GUI CPU)' "$out" | sed 's/^/  /'
    local figures p50_ms p95_ms kind
    figures=$(frame_figures "$out")
    [ -n "$figures" ] || fail "no frame figures in bench_frame_time's output"
    read -r p50_ms p95_ms kind <<<"$figures"
    local name="frame time"
    if [ "$kind" = interval ]; then
        name="frame interval"
        echo "  (no 'frame time' line in bench_frame_time's output: the frame interval is shown)"
    fi
    local met achieved
    met=$(at_most "$p95_ms" 16)
    achieved=$(sed -n 's/.*achieved=\([0-9]*\).*/\1/p' "$out" | head -1)
    if [ "${achieved:-0}" -lt $((frame_rate * 9 / 10)) ]; then
        echo "  <- the load reached only ${achieved:-?} of $frame_rate req/s"
        met=0
    fi
    record 3 "$name p50 $p50_ms ms, p95 $p95_ms ms" "p95 <= 16 ms" "$met"
}

# Prints the load generator's counts from GET /load, with the rate it achieved.
load_summary() {
    curl -fs --max-time 5 "http://$1/load" | jq -r '
        "\(.sent) sent (\(.sent / ([.elapsedSeconds, 0.001] | max) | floor) req/s), " +
        "\(.succeeded) succeeded, \(.failed | add) failed, \(.inFlight) in flight"'
}

# Prints the rate the load generator achieved, in requests per second.
load_rate() {
    curl -fs --max-time 5 "http://$1/load" | jq -r '.sent / ([.elapsedSeconds, 0.001] | max) | floor'
}

# Starts the Distributed stage and its load generator at $memory_rate req/s, for longer than
# the measurement lasts; sets admin, the admin interface's host:port.
start_memory_load() {
    start_engine memory
    admin=$(service_address admin)
    local body="{\"mode\": \"rate\", \"rate\": $memory_rate, \"seconds\": $((memory_late + 30)),"
    body+=" \"mix\": $memory_mix}"
    curl -fs --max-time 5 -X POST -H 'Content-Type: application/json' -d "$body" \
        "http://$admin/load" >/dev/null || fail "POST /load to http://$admin failed"
}

# Sleeps until $1 seconds after $2 (a $SECONDS value), then prints the engine's VmRSS in kB.
rss_at() {
    local left=$(($1 - (SECONDS - $2)))
    [ "$left" -le 0 ] || sleep "$left"
    awk '/^VmRSS:/ { print $2 }' "/proc/$engine_pid/status"
}

item_memory() {
    echo "4. Resident memory at $memory_rate req/s (Distributed stage, the engine's load generator)"
    echo "  mix: $memory_mix"
    [ "$quick" = 0 ] || echo "  --quick: ${memory_early} s and ${memory_late} s, not the targets' measure"
    settle
    start_memory_load
    local begun=$SECONDS early late achieved
    early=$(rss_at "$memory_early" "$begun")
    echo "  after ${memory_early} s: VmRSS $((early / 1024)) MB; $(load_summary "$admin")"
    late=$(rss_at "$memory_late" "$begun")
    echo "  after ${memory_late} s: VmRSS $((late / 1024)) MB; $(load_summary "$admin")"
    achieved=$(load_rate "$admin")
    curl -fs --max-time 5 -X POST "http://$admin/load/stop" >/dev/null || true
    stop_process "$engine_pid"

    local growth met
    growth=$(awk -v a="$early" -v b="$late" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
    echo "  growth: $growth MB"
    met=$(at_most "$growth" 20)
    if [ "$achieved" -lt $((memory_rate * 9 / 10)) ]; then
        echo "  <- the load generator reached only $achieved of $memory_rate req/s"
        met=0
    fi
    record 4 "+$growth MB (${memory_early} s -> ${memory_late} s, $achieved req/s)" "<= 20 MB" "$met"
}

print_machine() {
    echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores,"\
        "load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "Engine network threads: $threads (HAProxy nbthread and nginx worker_processes: $threads)"
    echo "wrk: -t$wrk_threads -c$wrk_connections, $rounds rounds of ${wrk_seconds} s per side after a ${warmup_seconds} s warm-up"
    echo "Engine: $engine_binary"
    echo
}

print_table() {
    echo
    printf '%-4s %-44s %-14s %s\n' Item Measured Target Result
    local item
    for item in $items; do
        printf '%-4s %-44s %-14s %s\n' "$item" "${figure[$item]}" "${target[$item]}" \
            "${verdict[$item]}"
    done
    [ "$quick" = 0 ] || echo "(--quick: shorter runs, not the targets' measure)"
}


print_machine
if chosen 1 || chosen 2; then
    write_topology
    start_engine chain --topology "$work/topology.json"
    wait_for_http "http://$(service_address lb-1)/" || fail "the balancer lb-1 did not answer GET /"
    if chosen 1; then item_balancer; echo; fi
    if chosen 2; then item_chain; echo; fi
    stop_process "$engine_pid"
fi
if chosen 3; then item_frames; echo; fi
if chosen 4; then item_memory; fi
print_table
