#!/usr/bin/env python3
"""Boots the benchmark VM once and prints, as JSON, when each phase of its console output was first seen
(seconds since power-on), in order, and whether the install succeeded. The whole console goes to CONSOLE_LOG.
  bios: SeaBIOS, e1000 with Debian's iPXE ROM.  uefi: OVMF on q35, virtio-net with no option ROM (EDK2's own PXE).
Usage: boot.py NAMESPACE DISK MAC bios|uefi CONSOLE_LOG"""
import json, os, shutil, subprocess, sys, tempfile, time

ns, disk, mac, firmware, console_log = sys.argv[1:6]
IPXE_ON = [("dhcp", b"Filename:")]
LINUX = [("kernel", b"provision-vm: initramfs running"), ("install", b"provision-vm: install exited")]
if firmware == "uefi":
    vars_fd = os.path.join(tempfile.mkdtemp(prefix="ovmf-"), "OVMF_VARS.fd")
    shutil.copy("/usr/share/OVMF/OVMF_VARS_4M.fd", vars_fd)
    machine = ["-machine", "q35,accel=tcg", "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
               "-drive", f"if=pflash,format=raw,file={vars_fd}"]
    nic = f"virtio-net-pci,netdev=n0,mac={mac},romfile="
    MARKS = [("rom", b"Start PXE over IPv4"), ("romdhcp", b"Station IP address is"),
             ("tftp", b"NBP file downloaded successfully"), ("ipxe", b"Configuring (net0"), *IPXE_ON, ("http", b"Linux version"), *LINUX]
else:
    machine = ["-machine", "accel=tcg"]
    nic = f"e1000,netdev=n0,mac={mac}"
    MARKS = [("rom", b"Configuring (net0"), *IPXE_ON, ("http", b"Probing EDD"), *LINUX]
vm = subprocess.Popen(["ip", "netns", "exec", ns, "qemu-system-x86_64", *machine, "-m", "1536",
                       "-nographic", "-no-reboot", "-boot", "n",
                       "-netdev", "tap,id=n0,ifname=tap0,script=no,downscript=no", "-device", nic,
                       "-drive", f"file={disk},if=virtio,format=raw"],
                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
start, seen, console, index = time.monotonic(), {}, b"", 0
os.set_blocking(vm.stdout.fileno(), False)
while index < len(MARKS) and time.monotonic() - start < 300 and vm.poll() is None:
    try:
        chunk = os.read(vm.stdout.fileno(), 65536)
    except BlockingIOError:
        chunk = b""
    if not chunk:
        time.sleep(0.02)
        continue
    console += chunk
    while index < len(MARKS) and MARKS[index][1] in console:
        seen[MARKS[index][0]] = round(time.monotonic() - start, 2)
        index += 1
ok = b"install exited 0" in console
vm.terminate()
vm.wait()
if firmware == "uefi":
    shutil.rmtree(os.path.dirname(vars_fd), ignore_errors=True)
with open(console_log, "wb") as f:
    f.write(console)
print(json.dumps({"order": [m[0] for m in MARKS], "phases": seen, "ok": ok,
                  "tail": console[-400:].decode(errors="replace") if not ok else ""}))
