#!/usr/bin/env python3
"""Boots the benchmark VM once and prints, as JSON, when each phase of its console output was first seen
(seconds since power-on): ROM ready, DHCP done, kernel+initrd fetched, initramfs running, install done.
Usage: boot.py NAMESPACE DISK MAC"""
import json, os, subprocess, sys, time

ns, disk, mac = sys.argv[1:4]
MARKS = [("rom", b"Configuring (net0"), ("dhcp", b"Filename:"), ("http", b"Probing EDD"),
         ("kernel", b"provision-vm: initramfs running"), ("install", b"provision-vm: install exited")]
vm = subprocess.Popen(["ip", "netns", "exec", ns, "qemu-system-x86_64", "-machine", "accel=tcg", "-m", "1536",
                       "-nographic", "-no-reboot", "-boot", "n",
                       "-netdev", "tap,id=n0,ifname=tap0,script=no,downscript=no", "-device", f"e1000,netdev=n0,mac={mac}",
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
print(json.dumps({"phases": seen, "ok": ok, "tail": console[-400:].decode(errors="replace") if not ok else ""}))
