#!/usr/bin/env python3
"""Boot storm: N simulated network-boot clients at once, each doing what a BIOS PXE machine does:
DHCP (DISCOVER/OFFER/REQUEST/ACK, broadcast, retried like a ROM) -> TFTP of the iPXE binary (blksize 1468)
-> GET /boot.ipxe -> GET /ipxe?mac=... -> GET kernel and initrd (the URLs the script names).
Prints one JSON object: completion time, failures, and p50/p99 per phase.
Usage: storm.py IFACE CLIENTS [MAC_PREFIX]   (run inside the clients' namespace, as root)
"""
import asyncio, json, os, random, re, socket, struct, sys, time

IFACE, CLIENTS = sys.argv[1], int(sys.argv[2])
MAC_PREFIX = bytes.fromhex(sys.argv[3] if len(sys.argv) > 3 else "525400ee")
VENDOR = b"PXEClient:Arch:00000:UNDI:002001"


def dhcp_packet(kind, xid, mac, requested=None, server=None):
    head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000, b"\0" * 4, b"\0" * 4,
                       b"\0" * 4, b"\0" * 4, mac.ljust(16, b"\0"), b"", b"")
    opts = bytes([53, 1, kind, 60, len(VENDOR)]) + VENDOR + bytes([93, 2, 0, 0, 55, 4, 1, 3, 66, 67])
    if requested:
        opts += bytes([50, 4]) + requested
    if server:
        opts += bytes([54, 4]) + server
    return head + b"\x63\x82\x53\x63" + opts + b"\xff"


def parse_reply(data):
    if len(data) < 240 or data[0] != 2:
        return None
    xid = struct.unpack("!I", data[4:8])[0]
    yiaddr, siaddr = data[16:20], data[20:24]
    bootfile = data[108:236].split(b"\0")[0].decode()
    opts, i, kind, server = data[240:], 0, None, None
    while i < len(opts) and opts[i] != 255:
        if opts[i] == 0:
            i += 1
            continue
        code, length = opts[i], opts[i + 1]
        value = opts[i + 2:i + 2 + length]
        if code == 53:
            kind = value[0]
        elif code == 54:
            server = value
        i += 2 + length
    return xid, kind, yiaddr, siaddr, bootfile, server


class DHCPMux(asyncio.DatagramProtocol):
    """One port-68 socket for every simulated client; replies are routed by transaction id."""
    def __init__(self):
        self.waiting = {}

    def datagram_received(self, data, addr):
        parsed = parse_reply(data)
        if parsed and parsed[0] in self.waiting:
            queue = self.waiting[parsed[0]]
            queue.put_nowait(parsed)


async def dhcp(mux, transport, mac):
    xid = random.getrandbits(32)
    queue = asyncio.Queue()
    mux.waiting[xid] = queue
    try:
        for kind, expect in ((1, 2), (3, 5)):
            for timeout in (4, 8, 16):  # PXE ROM retransmission schedule, seconds
                if kind == 1:
                    transport.sendto(dhcp_packet(1, xid, mac), ("255.255.255.255", 67))
                else:
                    transport.sendto(dhcp_packet(3, xid, mac, offer[2], offer[5]), ("255.255.255.255", 67))
                try:
                    while True:
                        reply = await asyncio.wait_for(queue.get(), timeout)
                        if reply[1] == expect:
                            break
                    break
                except asyncio.TimeoutError:
                    continue
            else:
                raise RuntimeError(f"DHCP: no reply of type {expect}")
            if kind == 1:
                offer = reply
        return socket.inet_ntoa(reply[3]), reply[4]
    finally:
        del mux.waiting[xid]


class TFTPClient(asyncio.DatagramProtocol):
    def __init__(self):
        self.queue = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.queue.put_nowait((data, addr))


async def tftp(server, name, blksize=1468):
    loop = asyncio.get_running_loop()
    transport, proto = await loop.create_datagram_endpoint(TFTPClient, local_addr=("0.0.0.0", 0))
    try:
        request = b"\0\1" + name.encode() + b"\0octet\0blksize\0" + str(blksize).encode() + b"\0"
        transport.sendto(request, (server, 69))
        last, peer, expected, size, retries = request, (server, 69), 1, 0, 0
        while True:
            try:
                data, addr = await asyncio.wait_for(proto.queue.get(), 2)
            except asyncio.TimeoutError:
                retries += 1
                if retries > 5:
                    raise RuntimeError("TFTP timeout")
                transport.sendto(last, peer)
                continue
            op = struct.unpack("!H", data[:2])[0]
            if op == 6:  # OACK
                peer, last = addr, b"\0\4\0\0"
                transport.sendto(last, peer)
                continue
            if op == 5:
                raise RuntimeError("TFTP error " + data[4:-1].decode(errors="replace"))
            block = struct.unpack("!H", data[2:4])[0]
            peer = addr
            if block == expected & 0xFFFF:
                size += len(data) - 4
                expected += 1
                retries = 0
            last = b"\0\4" + data[2:4]
            transport.sendto(last, peer)
            if block == (expected - 1) & 0xFFFF and len(data) - 4 < blksize:
                return size
    finally:
        transport.close()


async def http_get(reader, writer, host, path):
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    status = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    if b" 200 " not in status:
        raise RuntimeError(f"GET {path}: {status.decode().strip()}")
    body, remaining = bytearray(), length
    keep = length < 65536
    while remaining:
        chunk = await reader.read(min(remaining, 1 << 20))
        if not chunk:
            raise RuntimeError(f"GET {path}: connection closed")
        remaining -= len(chunk)
        if keep:
            body += chunk
    return bytes(body), length


async def client(index, mux, transport, results):
    mac = MAC_PREFIX + struct.pack("!H", index)
    phases, start = {}, time.monotonic()
    try:
        t = time.monotonic()
        _address, bootfile = await dhcp(mux, transport, mac)
        phases["dhcp"] = time.monotonic() - t
        if DHCP_ONLY:
            phases.update({"tftp": 0, "scripts": 0, "kernel+initrd": 0, "total": time.monotonic() - start})
            results.append(phases)
            return
        t = time.monotonic()
        await tftp(SERVER, bootfile)
        phases["tftp"] = time.monotonic() - t
        t = time.monotonic()
        reader, writer = await asyncio.open_connection(SERVER, HTTP_PORT)
        host = f"{SERVER}:{HTTP_PORT}"
        await http_get(reader, writer, host, "/boot.ipxe")
        machex = "-".join(f"{b:02x}" for b in mac)
        script, _ = await http_get(reader, writer, host, f"/ipxe?mac={machex}&arch=i386")
        phases["scripts"] = time.monotonic() - t
        t = time.monotonic()
        urls = re.findall(rb"(?:kernel|initrd) (http://\S+)", script)
        if len(urls) < 2:
            raise RuntimeError(f"/ipxe named no kernel and initrd: {script[:200]!r}")
        for url in urls:
            path = "/" + url.decode().split("/", 3)[3]
            await http_get(reader, writer, host, path.split(" ")[0])
        phases["kernel+initrd"] = time.monotonic() - t
        writer.close()
        phases["total"] = time.monotonic() - start
        results.append(phases)
    except Exception as error:  # noqa: BLE001 - every failure is counted and one is shown
        results.append({"error": f"{type(error).__name__}: {error}"})


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else None


async def main():
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, IFACE.encode())
    sock.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # SO_RCVBUFFORCE: a thousand broadcast replies at once
    sock.bind(("0.0.0.0", 68))
    transport, mux = await loop.create_datagram_endpoint(DHCPMux, sock=sock)
    results = []
    start = time.monotonic()
    await asyncio.gather(*(client(i, mux, transport, results) for i in range(CLIENTS)))
    elapsed = time.monotonic() - start
    failures = [r["error"] for r in results if "error" in r]
    ok = [r for r in results if "error" not in r]
    summary = {"clients": CLIENTS, "completed": len(ok), "failures": len(failures), "seconds": round(elapsed, 2),
               "first_failure": failures[0] if failures else None}
    for phase in ("dhcp", "tftp", "scripts", "kernel+initrd", "total"):
        values = [r[phase] for r in ok]
        summary[phase] = {"p50_ms": round(percentile(values, 50) * 1000, 1) if values else None,
                          "p99_ms": round(percentile(values, 99) * 1000, 1) if values else None}
    print(json.dumps(summary))


SERVER = os.environ.get("STORM_SERVER", "10.80.0.1")
HTTP_PORT = int(os.environ.get("STORM_HTTP_PORT", "8080"))
DHCP_ONLY = os.environ.get("STORM_DHCP_ONLY") == "1"  # isolates the DHCP server's share of a storm
asyncio.run(main())
