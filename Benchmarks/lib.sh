# Shared by the benchmark scripts: package installs, the release binary, medians, RSS.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/Benchmarks/.work}
mkdir -p "$WORK"

ensure_debs() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# The release build of provision (its own scratch path so it never fights the debug build).
provision_release() {
    (cd "$ROOT" && swift build -c release --product provision --scratch-path .build-release >&2)
    echo "$ROOT/.build-release/release/provision"
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# Starts `provision serve` on a free port in $1 (a fresh dir); sets SERVER_PID and SERVER_URL.
start_provision() {
    local dir=$1; shift
    mkdir -p "$dir"
    "$PROVISION" serve --http 127.0.0.1:0 --data "$dir/var" --profiles "$ROOT/profiles" --assets "$dir/assets" \
        --tftp off --log-level warning "$@" >"$dir/out.log" 2>"$dir/err.log" &
    SERVER_PID=$!
    for _ in $(seq 200); do
        grep -q "listening on" "$dir/out.log" 2>/dev/null && break
        sleep 0.05
    done
    SERVER_URL=$(grep -o 'http://[0-9.:]*' "$dir/out.log" | head -1)
    export PROVISION_SERVER=$SERVER_URL PROVISION_TOKEN=$(cat "$dir/var/admin-token")
}
