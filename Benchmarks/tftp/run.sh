#!/usr/bin/env bash
# TFTP throughput: `provision serve --tftp` against tftpd-hpa (and atftpd for RFC 7440 windowing),
# all on 127.0.0.1 in one run, real clients (curl, tftp-hpa, atftp), a 64 MiB file, median of RUNS.
# Also CPU seconds per GiB served, from each server's /proc/PID/stat (self + reaped children).
#
#   Benchmarks/tftp/run.sh                 # builds `provision` in release first
#   PROVISION=/path/to/provision RUNS=7 Benchmarks/tftp/run.sh
#   SERVER=standalone Benchmarks/tftp/run.sh   # the TFTP module alone (build-standalone.sh), -O
#
# The peer servers are run from their extracted .deb files (apt-get download + dpkg -x), so
# nothing is installed (atftpd and tftpd-hpa conflict as packages). Clients must be installed:
# apt-get install curl tftp-hpa atftp.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
SIZE_MIB=${SIZE_MIB:-64}

SERVER=${SERVER:-provision}
if [[ "$SERVER" == standalone ]]; then
    STANDALONE=$(Benchmarks/tftp/build-standalone.sh)
elif [[ -z "${PROVISION:-}" ]]; then
    swift build -c release --product provision >&2
    PROVISION="$(swift build -c release --show-bin-path)/provision"
fi
for tool in curl tftp atftp sha256sum apt-get dpkg; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install curl tftp-hpa atftp)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/tftp-bench.XXXXXX)
server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    server_pid=""
}
trap 'stop_server; rm -rf "$work"; [[ -n "${cgroup:-}" ]] && rmdir "$cgroup" 2>/dev/null; true' EXIT

mkdir -p "$work/root" "$work/peers" "$work/out" "$work/data"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$work/root/bench.bin"
chmod -R a+rX "$work/root"
want=$(sha256sum < "$work/root/bench.bin" | cut -c1-64)

(cd "$work/peers" && apt-get download tftpd-hpa atftpd libwrap0 >/dev/null 2>&1 && for deb in *.deb; do dpkg -x "$deb" .; done)
export LD_LIBRARY_PATH="$work/peers/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_server NAME PORT: starts the named server in the background, sets server_pid.
start_server() {
    local name=$1 port=$2
    case $name in
        provision)
            if [[ "$SERVER" == standalone ]]; then
                "$STANDALONE" 127.0.0.1 "$port" "$work/root" >"$work/provision.log" 2>&1 &
                server_pid=$!
                [[ -n "$cgroup" ]] && echo "$server_pid" > "$cgroup/cgroup.procs"
                sleep 1; return
            fi
            "$PROVISION" serve --tftp "127.0.0.1:$port" --assets "$work/root" --data "$work/data" \
                --http 127.0.0.1:0 >"$work/provision.log" 2>&1 &
            ;;
        tftpd-hpa)
            "$work/peers/usr/sbin/in.tftpd" --listen --foreground --address "127.0.0.1:$port" --user root \
                --secure "$work/root" >"$work/tftpd.log" 2>&1 &
            ;;
        atftpd)
            "$work/peers/usr/sbin/atftpd" --daemon --no-fork --port "$port" --bind-address 127.0.0.1 \
                --user root --group root --logfile "$work/atftpd.log" "$work/root" &
            ;;
    esac
    server_pid=$!
    [[ -n "$cgroup" ]] && echo "$server_pid" > "$cgroup/cgroup.procs"
    sleep 1
    kill -0 "$server_pid" 2>/dev/null || { echo "$name did not start" >&2; cat "$work"/*.log >&2; exit 1; }
}

# CPU seconds (user+system) of a server and every process it forks (tftpd-hpa forks per transfer
# and does not reap into cutime), from a cpuacct cgroup when we can make one, else /proc/PID/stat.
cgroup=""
if [[ -w /sys/fs/cgroup/cpuacct ]]; then
    cgroup=/sys/fs/cgroup/cpuacct/tftp-bench-$$
    mkdir -p "$cgroup"
fi
cpu_seconds() {
    if [[ -n "$cgroup" ]]; then
        awk '{ print $1 / 1e9 }' "$cgroup/cpuacct.usage"
    else
        awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$1/stat"
    fi
}

# fetch CLIENT PORT OUT: one download with the named client configuration.
fetch() {
    local client=$1 port=$2 out=$3
    case $client in
        curl-*) curl -sS --tftp-blksize "${client#curl-}" -o "$out" "tftp://127.0.0.1:$port/bench.bin" ;;
        tftp-hpa) tftp -m binary 127.0.0.1 "$port" -c get bench.bin "$out" ;;
        atftp-blksize-*) atftp --option "blksize ${client#atftp-blksize-}" --get -r bench.bin -l "$out" 127.0.0.1 "$port" ;;
        atftp-windowsize-*) atftp --option "windowsize ${client#atftp-windowsize-}" \
                                --get -r bench.bin -l "$out" 127.0.0.1 "$port" ;;
    esac
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# measure SERVER CLIENT...: prints "server client median_s" per client and "server cpu s/GiB".
measure() {
    local server=$1; shift
    local port; port=$(free_port)
    start_server "$server" "$port"
    local cpu_before; cpu_before=$(cpu_seconds "$server_pid")
    local bytes=0
    for client in "$@"; do
        local times=()
        for ((i = 0; i < RUNS; i++)); do
            rm -f "$work/out/bench.bin"
            local start end
            start=$(date +%s.%N)
            fetch "$client" "$port" "$work/out/bench.bin"
            end=$(date +%s.%N)
            got=$(sha256sum < "$work/out/bench.bin" | cut -c1-64)
            [[ "$got" == "$want" ]] || { echo "$server/$client: checksum mismatch" >&2; exit 1; }
            times+=("$(echo "$end - $start" | bc -l)")
            bytes=$((bytes + SIZE_MIB * 1024 * 1024))
        done
        printf '%s %s %.3f\n' "$server" "$client" "$(printf '%s\n' "${times[@]}" | median)"
    done
    local cpu_after; cpu_after=$(cpu_seconds "$server_pid")
    printf '%s cpu-s-per-GiB %.3f\n' "$server" "$(echo "($cpu_after - $cpu_before) * 1073741824 / $bytes" | bc -l)"
    stop_server
}

plain_clients=(curl-512 curl-1468 curl-8192 curl-65464 tftp-hpa atftp-blksize-1468)
window_clients=(atftp-windowsize-4 atftp-windowsize-16)
{
    measure provision "${plain_clients[@]}" "${window_clients[@]}"
    measure tftpd-hpa "${plain_clients[@]}"
    measure atftpd "${window_clients[@]}"
} | tee "$work/results.txt"

echo
echo "| client | provision (s) | tftpd-hpa (s) | atftpd (s) |"
echo "|---|---|---|---|"
for client in "${plain_clients[@]}" "${window_clients[@]}"; do
    p=$(awk -v c="$client" '$1 == "provision" && $2 == c { print $3 }' "$work/results.txt")
    t=$(awk -v c="$client" '$1 == "tftpd-hpa" && $2 == c { print $3 }' "$work/results.txt")
    a=$(awk -v c="$client" '$1 == "atftpd" && $2 == c { print $3 }' "$work/results.txt")
    echo "| $client | $p | ${t:--} | ${a:--} |"
done
echo
echo "CPU seconds per GiB served (server process, user+system):"
awk '$2 == "cpu-s-per-GiB" { printf "- %s: %s\n", $1, $3 }' "$work/results.txt"
