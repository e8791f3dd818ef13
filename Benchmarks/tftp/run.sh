#!/usr/bin/env bash
# TFTP throughput: `provision serve --tftp` against tftpd-hpa (and atftpd for RFC 7440 windowing),
# all on 127.0.0.1 in one run, real clients (curl, tftp-hpa, atftp), a 64 MiB file, median of RUNS.
# Also CPU seconds per GiB served, from each server's /proc/PID/stat (self + reaped children).
#
#   Benchmarks/tftp/run.sh                 # builds `provision` in release first
#   PROVISION=/path/to/provision RUNS=7 Benchmarks/tftp/run.sh
#
# The peer servers are run from their extracted .deb files (apt-get download + dpkg -x), so
# nothing is installed (atftpd and tftpd-hpa conflict as packages). Clients must be installed:
# apt-get install curl tftp-hpa atftp.
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
RUNS=${RUNS:-5}
SIZE_MIB=${SIZE_MIB:-64}

if [[ -z "${PROVISION:-}" ]]; then
    PROVISION=$(provision_release)
fi
for tool in curl tftp atftp sha256sum apt-get dpkg; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install curl tftp-hpa atftp)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/tftp-bench.XXXXXX)
stop_servers() {
    for name in "${!pid[@]}"; do kill "${pid[$name]}" 2>/dev/null || true; wait "${pid[$name]}" 2>/dev/null || true; done
    if [[ -n "${cgroot:-}" ]]; then rmdir "$cgroot"/* "$cgroot" 2>/dev/null || true; fi
}
trap 'stop_servers; rm -rf "$work"' EXIT

mkdir -p "$work/root" "$work/peers" "$work/out" "$work/data"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$work/root/bench.bin"
chmod -R a+rX "$work/root"
want=$(sha256sum < "$work/root/bench.bin" | cut -c1-64)

(cd "$work/peers" && apt-get download tftpd-hpa atftpd libwrap0 >/dev/null 2>&1 && for deb in *.deb; do dpkg -x "$deb" .; done)
export LD_LIBRARY_PATH="$work/peers/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

declare -A pid port
# start_server NAME: starts the named server in the background on a free port (pid[NAME], port[NAME]).
start_server() {
    local name=$1
    port[$name]=$(free_port)
    local port=${port[$name]}
    case $name in
        provision)
            "$PROVISION" serve --tftp "127.0.0.1:$port" --assets "$work/root" --data "$work/data" \
                --profiles "$ROOT/profiles" --http 127.0.0.1:0 --log-level warning >"$work/provision.log" 2>&1 &
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
    pid[$name]=$!
    if [[ -n "$cgroot" ]]; then mkdir -p "$cgroot/$name"; echo "${pid[$name]}" > "$cgroot/$name/cgroup.procs"; fi
    sleep 1
    kill -0 "${pid[$name]}" 2>/dev/null || { echo "$name did not start" >&2; cat "$work"/*.log >&2; exit 1; }
}

# CPU seconds (user+system) of a server and every process it forks (tftpd-hpa forks per transfer
# and does not reap into cutime): one cpuacct cgroup per server when we can make one, else /proc/PID/stat.
cgroot=""
if [[ -w /sys/fs/cgroup/cpuacct ]]; then cgroot=/sys/fs/cgroup/cpuacct/tftp-bench-$$; mkdir -p "$cgroot"; fi
cpu_seconds() {  # NAME
    if [[ -n "$cgroot" ]]; then
        awk '{ print $1 / 1e9 }' "$cgroot/$1/cpuacct.usage"
    else
        awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/${pid[$1]}/stat"
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

# The servers run side by side and take turns on every fetch, so load changes on a shared machine
# hit all of them alike: for each client, RUNS rounds of one fetch per server.
plain_clients=(curl-512 curl-1468 curl-8192 curl-65464 tftp-hpa atftp-blksize-1468)
window_clients=(atftp-windowsize-4 atftp-windowsize-16)
for name in provision tftpd-hpa atftpd; do start_server "$name"; done
declare -A cpu_before
for name in provision tftpd-hpa atftpd; do cpu_before[$name]=$(cpu_seconds "$name"); done

for client in "${plain_clients[@]}" "${window_clients[@]}"; do
    peers=(tftpd-hpa); [[ $client == atftp-windowsize-* ]] && peers=(atftpd)
    for ((i = 0; i < RUNS; i++)); do
        for server in provision "${peers[@]}"; do
            rm -f "$work/out/bench.bin"
            start=$(date +%s.%N)
            fetch "$client" "${port[$server]}" "$work/out/bench.bin" >/dev/null 2>&1
            end=$(date +%s.%N)
            got=$(sha256sum < "$work/out/bench.bin" | cut -c1-64)
            [[ "$got" == "$want" ]] || { echo "$server/$client: checksum mismatch" >&2; exit 1; }
            echo "$end - $start" | bc -l >> "$work/times.$server.$client"
        done
    done
    for server in provision "${peers[@]}"; do
        printf '%s %s %.3f\n' "$server" "$client" "$(median < "$work/times.$server.$client")"
    done
done | tee "$work/results.txt"
for name in provision tftpd-hpa atftpd; do
    served=$(cat "$work"/times."$name".* 2>/dev/null | wc -l)
    [[ $served -gt 0 ]] || continue
    echo "$name cpu-s-per-GiB $(echo "($(cpu_seconds "$name") - ${cpu_before[$name]}) * 1024 / ($served * $SIZE_MIB)" | bc -l)"
done | tee -a "$work/results.txt"

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
echo "CPU seconds per GiB served (server and its children, user+system):"
awk '$2 == "cpu-s-per-GiB" { printf "- %s: %.2f\n", $1, $3 }' "$work/results.txt"
