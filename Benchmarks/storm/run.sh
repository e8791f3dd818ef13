#!/usr/bin/env bash
# Boot storm: CLIENTS simulated BIOS PXE machines at once against `provision serve --dhcp server` (release build):
# DHCP → TFTP undionly.kpxe → /boot.ipxe → /ipxe → kernel + initrd over HTTP (storm.py is the load generator).
# Server and clients sit in two network namespaces joined by a veth pair. Needs root.
# Reports completion time, failures, p50/p99 per phase, server CPU seconds and peak RSS.
# Usage: bash Benchmarks/storm/run.sh [CLIENTS=1000]   (KERNEL_MIB=4 INITRD_MIB=4 size the boot files)
source "$(dirname "$0")/../lib.sh"
ensure_debs python3 ipxe iproute2
CLIENTS=${1:-1000}
KERNEL_MIB=${KERNEL_MIB:-4}; INITRD_MIB=${INITRD_MIB:-4}
PROVISION=${PROVISION_BIN:-$(provision_release)}
DIR=$WORK/storm; rm -rf "$DIR"; mkdir -p "$DIR/assets/storm" "$DIR/profiles"
S=pv-storm-s-$$; C=pv-storm-c-$$
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; ip netns delete $S 2>/dev/null; ip netns delete $C 2>/dev/null; true; }
trap cleanup EXIT

ip netns add $S; ip netns add $C
ip link add vs0 netns $S type veth peer name vc0 netns $C
ip -n $S addr add 10.80.0.1/21 dev vs0; ip -n $C addr add 10.80.0.2/21 dev vc0
for ns in $S $C; do ip -n $ns link set lo up; done
ip -n $S link set vs0 up; ip -n $C link set vc0 up

cp -r "$ROOT/profiles/." "$DIR/profiles/"
cat > "$DIR/profiles/storm.yaml" <<'YAML'
name: storm
boot:
  kernel: storm/vmlinuz
  initrd: [storm/initrd.img]
  args: [console=ttyS0]
YAML
head -c ${KERNEL_MIB}M /dev/urandom > "$DIR/assets/storm/vmlinuz"
head -c ${INITRD_MIB}M /dev/urandom > "$DIR/assets/storm/initrd.img"
python3 - "$DIR/machines.csv" "$CLIENTS" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("mac,name,profile\n")
    for i in range(int(sys.argv[2])):
        f.write("52:54:00:ee:%02x:%02x,storm%d,storm\n" % (i >> 8, i & 255, i))
PY

ip netns exec $S "$PROVISION" serve --http 10.80.0.1:8080 --public-url http://10.80.0.1:8080 --data "$DIR/var" \
    --profiles "$DIR/profiles" --assets "$DIR/assets" --tftp 10.80.0.1:69 --log-level warning \
    --dhcp server --interface vs0 --range 10.80.1.0-10.80.7.254 --lease 1h >"$DIR/out.log" 2>"$DIR/err.log" &
SERVER_PID=$!
for _ in $(seq 200); do grep -q "listening on" "$DIR/out.log" 2>/dev/null && break; sleep 0.05; done
export PROVISION_SERVER=http://10.80.0.1:8080 PROVISION_TOKEN=$(cat "$DIR/var/admin-token")
ip netns exec $S "$PROVISION" machine import "$DIR/machines.csv" >/dev/null

ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
before=$(ticks)
RESULT=$(ip netns exec $C env STORM_DHCP_ONLY=${STORM_DHCP_ONLY:-0} STORM_SERVER=10.80.0.1 STORM_HTTP_PORT=8080 python3 "$ROOT/Benchmarks/storm/storm.py" vc0 "$CLIENTS" 525400ee)
cpu=$(awk -v a="$before" -v b="$(ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / hz}')
hwm=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status")
echo "$RESULT" | python3 "$ROOT/Benchmarks/storm/report.py"
echo "server CPU ${cpu} s, peak RSS ${hwm} MiB ($(basename "$PROVISION"), kernel ${KERNEL_MIB} MiB + initrd ${INITRD_MIB} MiB per client)"
