#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages that building, running and testing Webstack Lab need.
# Only missing packages are installed; nothing happens when all are present.
# --bench adds what `make bench-compare` runs: wrk, HAProxy and nginx.
set -euo pipefail

bench=0
if [ "${1:-}" = "--bench" ]; then
    bench=1
fi

packages=(
    g++ cmake ninja-build pkgconf
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev
    qt6-l10n-tools qt6-translations-l10n
    libboost-dev libssl-dev libldns-dev libsqlite3-dev nlohmann-json3-dev libjemalloc-dev
)
if [ "$bench" = 1 ]; then
    # A tool counts as present when its command is, whichever package provides it (an nginx
    # from nginx-full, say).
    for tool in wrk:wrk haproxy:haproxy nginx:nginx-light curl:curl jq:jq; do
        command=${tool%%:*}
        if ! command -v "$command" >/dev/null && [ ! -x "/usr/sbin/$command" ]; then
            packages+=("${tool#*:}")
        fi
    done
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null; then
    echo "install-deps: apt-get not found; install these packages by hand: ${missing[*]}" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

# Debian starts the nginx and haproxy services on installation, listening on every interface.
# The benchmark runs its own copies on loopback, so the system services are stopped at once.
services=()
for package in "${missing[@]}"; do
    case $package in
        nginx-light) services+=(nginx) ;;
        haproxy) services+=(haproxy) ;;
    esac
done
if [ ${#services[@]} -gt 0 ] && [ -d /run/systemd/system ]; then
    echo "install-deps: stopping and disabling the ${services[*]} system services that" \
        "installing started; the benchmark starts its own on loopback"
    $sudo systemctl disable --now "${services[@]}"
elif [ ${#services[@]} -gt 0 ] && command -v service >/dev/null; then
    echo "install-deps: stopping the ${services[*]} system services that installing may have" \
        "started; the benchmark starts its own on loopback"
    for service in "${services[@]}"; do
        $sudo service "$service" stop || true
    done
fi
