#!/bin/sh
# Builds what the QEMU network-install test boots, cached in OUT:
#   OUT/vmlinuz      Debian's kernel (linux-image-amd64, downloaded once)
#   OUT/initrd.gz    busybox, the virtio (disk, net) and e1000 modules, `provision` with its shared libraries, mkfs.ext4,
#                    the trusted key, and an /init that runs `provision install` and powers off
# The initrd is rebuilt only when the provision binary or the key changed.
# Usage: build-assets.sh OUT PROVISION_BINARY TRUSTED_KEY_PEM
set -eu
mkdir -p "$1"
OUT=$(cd "$1" && pwd) PROVISION=$2 KEY=$3
HERE=$(cd "$(dirname "$0")" && pwd)

if [ ! -f "$OUT/vmlinuz" ]; then
    rm -rf "$OUT/kernel" && mkdir -p "$OUT/kernel"
    package=$(apt-cache depends linux-image-amd64 | sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -1)
    (cd "$OUT/kernel" && apt-get download "$package" >/dev/null 2>&1 || { apt-get update -qq && apt-get download "$package"; })
    dpkg-deb -x "$OUT"/kernel/*.deb "$OUT/kernel/root"
    cp "$OUT"/kernel/root/boot/vmlinuz-* "$OUT/vmlinuz.part" && mv "$OUT/vmlinuz.part" "$OUT/vmlinuz"
fi

stamp=$(cat "$PROVISION" "$KEY" "$0" "$HERE/init" | sha256sum | cut -c1-16)
[ -f "$OUT/initrd.gz" ] && [ "$(cat "$OUT/initrd.stamp" 2>/dev/null)" = "$stamp" ] && exit 0

tree="$OUT/initrd-tree"
rm -rf "$tree" && mkdir -p "$tree/bin" "$tree/usr/bin" "$tree/etc/provision" "$tree/lib/modules" "$tree/proc" "$tree/sys" "$tree/dev" "$tree/tmp"
cp /bin/busybox "$tree/bin/busybox"
cp "$HERE/init" "$tree/init" && chmod +x "$tree/init"
modules=$(find "$OUT/kernel/root/lib/modules" -name '*.ko*' \( -path '*drivers/virtio/*' -o -name 'virtio_blk.ko*' -o -name 'e1000.ko*' \
    -o -name 'virtio_net.ko*' -o -name 'net_failover.ko*' -o -name 'failover.ko*' \))
for m in $modules; do cp "$m" "$tree/lib/modules/"; done
strip -o "$tree/usr/bin/provision" "$PROVISION"
mkdir -p "$tree/usr/sbin" && cp /usr/sbin/mkfs.ext4 "$tree/usr/sbin/mkfs.ext4"
# Shared libraries at the paths the loader and RUNPATH look in.
for binary in "$PROVISION" /usr/sbin/mkfs.ext4; do
    ldd "$binary" | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' | while read -r lib; do
        mkdir -p "$tree$(dirname "$lib")" && cp -L "$lib" "$tree$lib"
    done
done
cp "$KEY" "$tree/etc/provision/trusted-keys.pem"
(cd "$tree" && find . | cpio -o -H newc --quiet | gzip -1 > "$OUT/initrd.gz.part")
mv "$OUT/initrd.gz.part" "$OUT/initrd.gz"
echo "$stamp" > "$OUT/initrd.stamp"
rm -rf "$tree"
