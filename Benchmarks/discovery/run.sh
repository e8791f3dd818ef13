#!/usr/bin/env bash
# Discovery service, side by side with etcd itself in the same run.
#  1. Time for a 3-member etcd cluster to become healthy through our discovery URL, vs the same three
#     members given a static --initial-cluster (the floor: no discovery at all). RUNS runs each, medians.
#  2. TOKENS tokens x 3 simulated members (members.py: etcd's v2 discovery client, request for request)
#     registering and watching concurrently: completion time, errors, peak server RSS. Against provision's
#     /discovery and against etcd 3.4's own v2 keys API (--enable-v2, what discovery.etcd.io runs on).
# Usage: bash Benchmarks/discovery/run.sh   (results: markdown on stdout)
source "$(dirname "$0")/../lib.sh"
ensure_debs etcd-server etcd-client curl python3
PROVISION=${PROVISION:-$(provision_release)}  # PROVISION=path uses a prebuilt binary
DIR=$WORK/discovery; rm -rf "$DIR"; mkdir -p "$DIR"
RUNS=${RUNS:-5}; TOKENS=${TOKENS:-1000}
HERE=$(cd "$(dirname "$0")" && pwd)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

ETCD_PIDS=()
cleanup() {
    for pid in "${ETCD_PIDS[@]}" ${SERVER_PID:-}; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

now() { date +%s.%N; }

# start_member NAME N EXTRA...: client port 3N379, peer port 3N380, data in $DIR/run/NAME.
start_member() {
    local name=$1 n=$2; shift 2
    mkdir -p "$DIR/run/$name"; chmod 700 "$DIR/run/$name"
    etcd --name "$name" --data-dir "$DIR/run/$name" \
        --listen-client-urls "http://127.0.0.1:3${n}379" --advertise-client-urls "http://127.0.0.1:3${n}379" \
        --listen-peer-urls "http://127.0.0.1:3${n}380" --initial-advertise-peer-urls "http://127.0.0.1:3${n}380" \
        "$@" >"$DIR/run/$name.log" 2>&1 &
    ETCD_PIDS+=($!)
}

# Waits until all three members answer /health with "true"; fails after 60 s.
wait_healthy() {
    local deadline=$(( $(date +%s) + 60 ))
    while [ "$(date +%s)" -lt $deadline ]; do
        local ok=0
        for n in 1 2 3; do curl -s -m 1 "http://127.0.0.1:3${n}379/health" | grep -q '"health":"true"' && ok=$((ok + 1)); done
        [ $ok -eq 3 ] && return 0
        sleep 0.02
    done
    echo "cluster did not become healthy; logs in $DIR/run" >&2; return 1
}

stop_members() {
    for pid in "${ETCD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${ETCD_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    ETCD_PIDS=(); rm -rf "$DIR/run"
}

start_provision "$DIR/server"

# 1. Cluster bootstrap time.
: >"$DIR/discovery.times"; : >"$DIR/static.times"
for _ in $(seq "$RUNS"); do
    url=$(curl -s "$SERVER_URL/discovery/new?size=3")
    t0=$(now)
    for n in 1 2 3; do start_member "m$n" $n --discovery "$url"; done
    wait_healthy; echo "$(now) - $t0" | bc >>"$DIR/discovery.times"; stop_members

    t0=$(now); cluster_token="static-$RANDOM"
    for n in 1 2 3; do
        start_member "m$n" $n --initial-cluster-state new --initial-cluster-token "$cluster_token" \
            --initial-cluster "m1=http://127.0.0.1:31380,m2=http://127.0.0.1:32380,m3=http://127.0.0.1:33380"
    done
    wait_healthy; echo "$(now) - $t0" | bc >>"$DIR/static.times"; stop_members
done
DISC_S=$(median <"$DIR/discovery.times"); STATIC_S=$(median <"$DIR/static.times")
DISC_ALL=$(sort -g "$DIR/discovery.times" | xargs printf '%.2f '); STATIC_ALL=$(sort -g "$DIR/static.times" | xargs printf '%.2f ')

# 2. Many tokens, members registering and watching at once.
python3 "$HERE/members.py" tokens --base "$SERVER_URL/discovery" --count "$TOKENS" >"$DIR/tokens"
RSS_BEFORE=$(rss_kib "$SERVER_PID")
OURS=$(python3 "$HERE/members.py" run --base "$SERVER_URL/discovery" --tokens "$DIR/tokens" --pid "$SERVER_PID")

mkdir -p "$DIR/etcd"
etcd --data-dir "$DIR/etcd" --enable-v2=true --listen-client-urls http://127.0.0.1:34379 \
    --advertise-client-urls http://127.0.0.1:34379 --listen-peer-urls http://127.0.0.1:34380 \
    --initial-advertise-peer-urls http://127.0.0.1:34380 --initial-cluster default=http://127.0.0.1:34380 >"$DIR/etcd.log" 2>&1 &
ETCD_V2=$!; ETCD_PIDS+=($ETCD_V2)
for _ in $(seq 100); do curl -s -m 1 http://127.0.0.1:34379/health | grep -q true && break; sleep 0.1; done
python3 "$HERE/members.py" tokens --etcd --base http://127.0.0.1:34379/v2/keys --count "$TOKENS" >"$DIR/etcd-tokens"
ETCD_RSS_BEFORE=$(rss_kib "$ETCD_V2")
THEIRS=$(python3 "$HERE/members.py" run --base http://127.0.0.1:34379/v2/keys --tokens "$DIR/etcd-tokens" --pid "$ETCD_V2")

field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
cat <<MD
| 3-member etcd cluster healthy | median s | all runs, sorted |
|---|---|---|
| through provision discovery | $DISC_S | $DISC_ALL |
| static --initial-cluster (floor) | $STATIC_S | $STATIC_ALL |

| $TOKENS tokens x 3 members registering + watching at once | seconds | complete | errors | server RSS before -> peak | first error |
|---|---|---|---|---|---|
| provision /discovery (SQLite) | $(field "$OURS" seconds) | $(field "$OURS" complete) | $(field "$OURS" errors) | ${RSS_BEFORE} KiB -> $(field "$OURS" peak_rss_kib) KiB | $(field "$OURS" first_error) |
| etcd 3.4 v2 keys API | $(field "$THEIRS" seconds) | $(field "$THEIRS" complete) | $(field "$THEIRS" errors) | ${ETCD_RSS_BEFORE} KiB -> $(field "$THEIRS" peak_rss_kib) KiB | $(field "$THEIRS" first_error) |
MD
