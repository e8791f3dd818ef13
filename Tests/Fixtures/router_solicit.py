#!/usr/bin/env python3
# Solicits a router on IFACE (ICMPv6 type 133 to ff02::2, RFC 4861 §4.1) once a second, as a host does, and prints
# the first router advertisement that comes back as "from=ADDR lifetime=N flags=N" (exit 0), or "none" (exit 1)
# after 6 s. Until IFACE's link-local address leaves duplicate address detection a send fails; that is retried too.
# Usage: router_solicit.py IFACE   (needs root: raw ICMPv6 socket)
import errno, socket, struct, sys, time
iface = sys.argv[1]
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
s.settimeout(0.2)
end, next_send = time.time() + 6, 0.0
while time.time() < end:
    if time.time() >= next_send:
        next_send = time.time() + 1
        try:
            s.sendto(bytes([133, 0, 0, 0, 0, 0, 0, 0]), ("ff02::2", 0, 0, socket.if_nametoindex(iface)))
        except OSError as error:  # EADDRNOTAVAIL: our link-local address is still tentative
            if error.errno != errno.EADDRNOTAVAIL:
                raise
            next_send = time.time() + 0.1
    try:
        data, addr = s.recvfrom(1500)
    except TimeoutError:
        continue
    if len(data) >= 16 and data[0] == 134:
        print("from=%s lifetime=%d flags=%d" % (addr[0], struct.unpack("!H", data[6:8])[0], data[5]))
        sys.exit(0)
print("none")
sys.exit(1)
