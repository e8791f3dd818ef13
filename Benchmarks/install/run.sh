#!/usr/bin/env bash
# Install agent vs the shell baseline, same image, same HTTP server, same disk file, one run.
#   baseline:  curl URL | xz -dc | dd of=disk.img bs=1M seek=<USR-A MiB> conv=notrunc   (and zstd -dc)
#   agent:     provision install --disk disk.img --yes   (download + SHA-256 + ECDSA verify + decompress + write USR-A
#              + OEM/ROOT mkfs + GPT + events)
# Prints median wall time per case (of RUNS), throughput in uncompressed MiB/s, and the agent's peak RSS.
# Usage: Benchmarks/install/run.sh [SIZE_MiB=1024] [RUNS=3]
set -euo pipefail
SIZE_MIB=${1:-1024}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# BENCH_WORK=DIR keeps the generated image there (and reuses it on the next run).
WORK=${BENCH_WORK:-$(mktemp -d /tmp/bench-install.XXXXXX)}
mkdir -p "$WORK"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; [ -z "${BENCH_WORK:-}" ] && rm -rf "$WORK"; return 0; }
trap cleanup EXIT

for tool in curl xz zstd mkfs.ext4 /usr/bin/time python3; do command -v "$tool" >/dev/null || { echo "missing $tool"; exit 1; }; done
# A root image with realistic compressibility: shared libraries from this machine, repeated to SIZE_MIB.
if [ ! -s "$WORK/www/images/root.img.zst" ]; then
  mkdir -p "$WORK/rootfs/usr/lib" "$WORK/www/images"
  find /usr/lib/x86_64-linux-gnu -maxdepth 1 -name '*.so*' -type f -exec cat {} + 2>/dev/null | head -c 256M > "$WORK/corpus" || true
  for i in $(seq 0 $((SIZE_MIB * 85 / 100 / 64 - 1))); do   # 64 MiB files cut from the corpus at different offsets
    { tail -c +$(( (i * 7919 * 4096) % (128 << 20) + 1 )) "$WORK/corpus"; cat "$WORK/corpus"; } | head -c 64M > "$WORK/rootfs/usr/lib/part$i.bin" || true
  done
  rm -f "$WORK/corpus"
  mkfs.ext4 -q -F -d "$WORK/rootfs" "$WORK/root.img" "${SIZE_MIB}M"
  rm -rf "$WORK/rootfs"
  xz -T0 -3 -k -c "$WORK/root.img" > "$WORK/www/images/root.img.xz"
  zstd -q -T0 -10 -c "$WORK/root.img" > "$WORK/www/images/root.img.zst"
fi
[ "${PREPARE_ONLY:-0}" = 1 ] && exit 0

# PROVISION_BIN=path skips the release build (e.g. to measure a debug build; say so with the results).
if [ -n "${PROVISION_BIN:-}" ]; then
  PROVISION=$PROVISION_BIN
else
  swift build -c release --product provision --package-path "$ROOT" >&2
  PROVISION="$(swift build -c release --show-bin-path --package-path "$ROOT")/provision"
fi
rm -f "$WORK/signing.pem" "$WORK/signing.pub.pem"
"$PROVISION" image keygen --out "$WORK/signing.pem" >/dev/null
for f in root.img.xz root.img.zst; do "$PROVISION" image sign "$WORK/www/images/$f" --key "$WORK/signing.pem" >/dev/null; done
printf '#cloud-config\nhostname: bench\n' > "$WORK/www/user_data"
UNCOMPRESSED=$(stat -c %s "$WORK/root.img")

python3 "$ROOT/Tests/Fixtures/http_server.py" "$WORK/www" 0 > "$WORK/server.out" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q '^port ' "$WORK/server.out" 2>/dev/null && break; sleep 0.05; done
PORT=$(sed -n 's/^port //p' "$WORK/server.out")
BASE="http://127.0.0.1:$PORT"

DISK="$WORK/disk.img"
truncate -s $((SIZE_MIB * 2 + 1024))M "$DISK"
# USR-A's offset in MiB as the agent lays it out (EFI after 1 MiB lead-in, then 2 MiB BIOS-BOOT).
DISK_MIB=$((SIZE_MIB * 2 + 1024))
EFI=$(( DISK_MIB / 64 )); [ $EFI -lt 16 ] && EFI=16; [ $EFI -gt 128 ] && EFI=128
USR_A_MIB=$((1 + EFI + 2))

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

plan() { # compression file
  local sha size
  sha=$(sha256sum "$WORK/www/images/$2" | cut -d' ' -f1); size=$(stat -c %s "$WORK/www/images/$2")
  cat > "$WORK/www/install" <<JSON
{"image_url":"/images/$2","signature_url":"/images/$2.sig","compression":"$1","size":$size,"sha256":"$sha",
 "uncompressed_size":$UNCOMPRESSED,"disk":"auto","mirror_b":false,"cloud_config_url":"/user_data",
 "event_url":"/api/v1/machines/52:54:00:00:00:01/events","token":"bench"}
JSON
}

echo "image: $((UNCOMPRESSED >> 20)) MiB uncompressed; xz $(( $(stat -c %s "$WORK/www/images/root.img.xz") >> 20 )) MiB; zstd $(( $(stat -c %s "$WORK/www/images/root.img.zst") >> 20 )) MiB; runs: $RUNS"
# Baseline and agent alternate within each run, so a shared machine's drifting speed hits both alike; the ratio
# column is the median of the per-run ratios (baseline seconds / agent seconds: ≥ 1 means the agent is faster).
timed() { sync; local t0; t0=$(now); "$@"; sync; echo "$(now) - $t0" | bc; }
baseline() { curl -s "$BASE/images/$1" | $2 | dd of="$DISK" bs=1M seek=$USR_A_MIB conv=notrunc status=none; }
agent() {
  /usr/bin/time -f '%M' -o "$WORK/rss" "$PROVISION" install --server "$BASE" --mac 52:54:00:00:00:01 --disk "$DISK" --yes \
    --trusted-keys "$WORK/signing.pub.pem" > "$WORK/agent.log"
}
printf '%-28s %10s %12s %14s %10s\n' case "median s" "MiB/s" "peak RSS MiB" "ratio"
for codec in xz zstd; do
  file=root.img.xz; [ $codec = zstd ] && file=root.img.zst
  decomp="xz -dc"; [ $codec = zstd ] && decomp="zstd -dc"
  plan "$codec" "$file"
  base=(); mine=(); rss=(); ratios=()
  for _ in $(seq "$RUNS"); do
    b=$(timed baseline "$file" "$decomp"); a=$(timed agent)
    base+=("$b"); mine+=("$a"); rss+=("$(tail -1 "$WORK/rss")"); ratios+=("$(echo "$b / $a" | bc -l)")
  done
  mb=$(printf '%s\n' "${base[@]}" | median); ma=$(printf '%s\n' "${mine[@]}" | median)
  r=$(printf '%s\n' "${rss[@]}" | median); q=$(printf '%s\n' "${ratios[@]}" | median)
  printf '%-28s %10.2f %12.1f %14s %10s\n' "baseline curl|$codec|dd" "$mb" "$(echo "$UNCOMPRESSED / 1048576 / $mb" | bc -l)" "-" "-"
  printf '%-28s %10.2f %12.1f %14.1f %10.2f\n' "provision install ($codec)" "$ma" "$(echo "$UNCOMPRESSED / 1048576 / $ma" | bc -l)" "$(echo "$r / 1024" | bc -l)" "$q"
done
