#!/usr/bin/env bash
# Power-on to `installed` for a QEMU VM (TCG, virtio disk), phase by phase, in a namespace with a bridge: our DHCP
# server mode (and TFTP) vs dnsmasq as the DHCP (and TFTP) server, our HTTP and install agent in both. Alternating
# runs; medians. Needs root.
#   bios: SeaBIOS, e1000 with Debian's iPXE ROM — DHCP → /boot.ipxe directly, no TFTP.
#   uefi: OVMF's own UEFI PXE on virtio-net, no option ROM — ROM DHCP → TFTP ipxe.efi → iPXE DHCP → /boot.ipxe.
# Usage: bash Benchmarks/netinstall/run.sh [RUNS=3] [bios|uefi]   (PROVISION_BIN=path to skip the release build)
source "$(dirname "$0")/../lib.sh"
ensure_debs qemu-system-x86 ipxe-qemu ipxe ovmf busybox-static cpio dnsmasq-base zstd iproute2
RUNS=${1:-3}; FIRMWARE=${2:-bios}
case $FIRMWARE in bios|uefi) ;; *) echo "firmware must be bios or uefi, not '$FIRMWARE'" >&2; exit 2;; esac
PROVISION=${PROVISION_BIN:-$(provision_release)}
DIR=$WORK/netinstall; rm -rf "$DIR/srv"; mkdir -p "$DIR/srv/assets/vm" "$DIR/srv/profiles"
CACHE=$WORK/netinstall-cache; mkdir -p "$CACHE"
NS=pv-netinstall-$$; MAC=52:54:00:79:00:01
SERVER_PID=""; DNSMASQ_PID=""
stop_all() { for p in $SERVER_PID $DNSMASQ_PID; do kill "$p" 2>/dev/null; done; SERVER_PID=""; DNSMASQ_PID=""; sleep 0.5; }
trap 'stop_all; ip netns delete $NS 2>/dev/null; true' EXIT

[ -f "$CACHE/signing.pem" ] || "$PROVISION" image keygen --out "$CACHE/signing.pem" >/dev/null
"$ROOT/Tests/vm/build-assets.sh" "$CACHE" "$PROVISION" "$CACHE/signing.pub.pem"
cp "$CACHE/vmlinuz" "$CACHE/initrd.gz" "$DIR/srv/assets/vm/"
cp -r "$ROOT/profiles/." "$DIR/srv/profiles/"
printf 'name: vm-install\nboot:\n  kernel: vm/vmlinuz\n  initrd: [vm/initrd.gz]\n  args: [console=ttyS0, panic=5]\ncloud_config: vm.yaml.tmpl\ninstall:\n  image: flatcar/stable\n  disk: auto\n' > "$DIR/srv/profiles/vm-install.yaml"
printf '#cloud-config\nhostname: {{machine.name}}\n' > "$DIR/srv/profiles/vm.yaml.tmpl"
head -c 64M /dev/urandom > "$DIR/root.img"; zstd -q -f -3 "$DIR/root.img" -o "$DIR/root.img.zst"
"$PROVISION" image sign "$DIR/root.img.zst" --key "$CACHE/signing.pem" >/dev/null
"$PROVISION" image import "$DIR/root.img.zst" --os flatcar --version 1.0.0 --channel stable --assets "$DIR/srv/assets" \
    --trusted-keys "$CACHE/signing.pub.pem" >/dev/null

ip netns add $NS; ip -n $NS link set lo up
ip -n $NS link add br0 type bridge; ip -n $NS addr add 10.79.0.1/24 dev br0; ip -n $NS link set br0 up
ip netns exec $NS ip tuntap add tap0 mode tap; ip -n $NS link set tap0 master br0; ip -n $NS link set tap0 up

# $1 = ours|dnsmasq. Starts the servers, registers the machine, boots once; appends the phase JSON to $DIR/$1.jsonl.
run_once() {
    rm -rf "$DIR/srv/var"; truncate -s 0 "$DIR/disk.img"; truncate -s 512M "$DIR/disk.img"
    local dhcp=(--dhcp off --tftp off) tftp=()
    [ "$1" = ours ] && dhcp=(--dhcp server --interface br0 --range 10.79.0.100-10.79.0.150 --tftp 10.79.0.1:69)
    ip netns exec $NS "$PROVISION" serve --http 10.79.0.1:8080 --public-url http://10.79.0.1:8080 --data "$DIR/srv/var" \
        --profiles "$DIR/srv/profiles" --assets "$DIR/srv/assets" --log-level warning "${dhcp[@]}" \
        >"$DIR/out.log" 2>"$DIR/err.log" &
    SERVER_PID=$!
    if [ "$1" = dnsmasq ]; then
        # The PXE ROM (no option 175) gets ipxe.efi by TFTP; iPXE gets /boot.ipxe.
        [ "$FIRMWARE" = uefi ] && tftp=(--enable-tftp --tftp-root=/usr/lib/ipxe --dhcp-boot=tag:!ipxe,ipxe.efi)
        ip netns exec $NS dnsmasq --no-daemon --port=0 --user=root --interface=br0 --bind-interfaces \
            --dhcp-range=10.79.0.100,10.79.0.150,1h --dhcp-leasefile="$DIR/dnsmasq.leases" --pid-file= \
            --dhcp-match=set:ipxe,175 --dhcp-boot=tag:ipxe,http://10.79.0.1:8080/boot.ipxe "${tftp[@]}" 2>"$DIR/dnsmasq.log" &
        DNSMASQ_PID=$!
    fi
    for _ in $(seq 200); do grep -q "listening on" "$DIR/out.log" 2>/dev/null && break; sleep 0.05; done
    PROVISION_SERVER=http://10.79.0.1:8080 PROVISION_TOKEN=$(cat "$DIR/srv/var/admin-token") \
        ip netns exec $NS "$PROVISION" machine add $MAC --name vm1 --profile vm-install >/dev/null
    python3 "$ROOT/Benchmarks/netinstall/boot.py" $NS "$DIR/disk.img" $MAC "$FIRMWARE" "$DIR/console-$1.log" >> "$DIR/$1.jsonl"
    local state
    state=$(PROVISION_SERVER=http://10.79.0.1:8080 PROVISION_TOKEN=$(cat "$DIR/srv/var/admin-token") \
        ip netns exec $NS "$PROVISION" machine show $MAC | awk '/^state:/ {print $2}')
    echo "$1 run: $(tail -1 "$DIR/$1.jsonl" | cut -c1-200) state=$state" >&2
    stop_all
}

rm -f "$DIR"/*.jsonl
for _ in $(seq "$RUNS"); do run_once ours; run_once dnsmasq; done
python3 - "$DIR/ours.jsonl" "$DIR/dnsmasq.jsonl" "$FIRMWARE" <<'PY'
import json, statistics, sys
label = {"rom": "ROM ready", "romdhcp": "ROM DHCP", "tftp": "TFTP ipxe.efi (ROM)", "ipxe": "iPXE starting",
         "dhcp": "iPXE DHCP (→ boot file)",
         "http": "HTTP kernel + initrd", "kernel": "kernel → initramfs", "install": "install (agent)",
         "total": "power-on → installed"}
def phases(path):
    runs = [json.loads(l) for l in open(path)]
    good = [r["phases"] for r in runs if r["ok"]]
    names = runs[0]["order"]
    out = {}
    for i, n in enumerate(names):
        out[n] = statistics.median([r[n] - (r[names[i - 1]] if i else 0) for r in good]) if good else None
    out["total"] = statistics.median([r["install"] for r in good]) if good else None
    return names, out, len(good), len(runs)
names, ours, ok1, n1 = phases(sys.argv[1]); _, peer, ok2, n2 = phases(sys.argv[2])
served = "DHCP + TFTP" if sys.argv[3] == "uefi" else "DHCP"
print(f"| phase (median s, {sys.argv[3]}) | provision {served} ({ok1}/{n1} ok) | dnsmasq {served} ({ok2}/{n2} ok) |\n|---|---|---|")
fmt = lambda v: "–" if v is None else f"{v:.2f}"
for n in names + ["total"]:
    print(f"| {label[n]} | {fmt(ours[n])} | {fmt(peer[n])} |")
PY
