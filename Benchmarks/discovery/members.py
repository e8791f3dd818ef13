#!/usr/bin/env python3
"""Simulated etcd members for the discovery benchmark.

Each member follows etcd 3.4's v2 discovery client exactly (see Tests/Fixtures/discovery/
etcd-discovery-trace.txt): GET _config/size, GET the token dir, PUT itself with prevExist=false, watch its
own key, GET size and dir again, then recursive watches from X-Etcd-Index+1 until `size` members are
known (an empty 200 means "watch again"). One keep-alive HTTP/1.1 connection per member, as Go's
client keeps one per outstanding request.

  members.py tokens --base URL --count N [--size 3] [--etcd]   -> prints N token ids, one a line
  members.py run --base URL --tokens FILE [--size 3] [--pid PID] -> prints a JSON summary

`--base` is the key-space root: http://H:P/discovery for provision, http://H:P/v2/keys for etcd.
"""
import argparse, asyncio, json, os, secrets, sys, time
from urllib.parse import urlsplit, quote


class Connection:
    """A minimal HTTP/1.1 keep-alive client (Content-Length and chunked bodies)."""

    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port, self.prefix = parts.hostname, parts.port, parts.path.rstrip("/")
        self.reader = self.writer = None

    async def request(self, method, path, body=b""):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = f"{method} {self.prefix}{path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        if method in ("PUT", "POST"):
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        headers = {}
        while True:
            line = (await self.reader.readline()).decode().strip()
            if not line:
                break
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding") == "chunked":
            data = b""
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                data += chunk[:-2]
        else:
            data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            self.writer = None
        return status, headers, data

    def close(self):
        if self.writer:
            self.writer.close()


async def member(base, token, number, size):
    c = Connection(base)
    try:
        me = secrets.token_hex(8)
        value = f"m{number}=http://127.0.0.1:{20000 + number}"
        q = "?quorum=false&recursive=false&sorted=false"
        await c.request("GET", f"/{token}/_config/size{q}")
        await c.request("GET", f"/{token}{q}")
        status, _, body = await c.request("PUT", f"/{token}/{me}?prevExist=false", b"value=" + quote(value, safe="").encode())
        if status != 201:
            raise RuntimeError(f"PUT {status} {body[:200]!r}")
        created = json.loads(body)["node"]["createdIndex"]
        await c.request("GET", f"/{token}/{me}?recursive=false&wait=true&waitIndex={created}")
        status, _, body = await c.request("GET", f"/{token}/_config/size{q}")
        want = int(json.loads(body)["node"]["value"])
        status, headers, body = await c.request("GET", f"/{token}{q}")
        nodes = [n for n in json.loads(body)["node"].get("nodes", []) if not n["key"].endswith("/_config")]
        index = int(headers["x-etcd-index"]) + 1
        while len(nodes) < want:
            status, _, body = await c.request("GET", f"/{token}?recursive=true&wait=true&waitIndex={index}")
            if status != 200:
                raise RuntimeError(f"watch {status} {body[:200]!r}")
            if not body:
                continue
            event = json.loads(body)
            nodes.append(event["node"])
            index = event["node"]["modifiedIndex"] + 1
        return len(nodes[:want])
    finally:
        c.close()


async def peak_rss(pid, peak, stop):
    while not stop.is_set():
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
        except OSError:
            pass
        await asyncio.sleep(0.05)


async def run(args):
    tokens = [t.strip() for t in open(args.tokens) if t.strip()]
    peak, stop = [0], asyncio.Event()
    sampler = asyncio.create_task(peak_rss(args.pid, peak, stop)) if args.pid else None
    started = time.monotonic()
    jobs = [member(args.base, t, n, args.size) for t in tokens for n in range(1, args.size + 1)]
    results = await asyncio.gather(*jobs, return_exceptions=True)
    elapsed = time.monotonic() - started
    stop.set()
    if sampler:
        await sampler
    errors = [r for r in results if isinstance(r, BaseException)]
    complete = sum(1 for r in results if r == args.size)
    print(json.dumps({"members": len(jobs), "complete": complete, "errors": len(errors),
                      "first_error": repr(errors[0]) if errors else None,
                      "seconds": round(elapsed, 3), "peak_rss_kib": peak[0]}))


async def tokens(args):
    c = Connection(args.base)
    for _ in range(args.count):
        if args.etcd:
            token = secrets.token_hex(16)
            status, _, body = await c.request("PUT", f"/{token}/_config/size", f"value={args.size}".encode())
        else:
            status, _, body = await c.request("POST", f"/new?size={args.size}")
            token = body.decode().rsplit("/", 1)[-1]
        if status not in (200, 201):
            sys.exit(f"token creation failed: {status} {body[:200]!r}")
        print(token)
    c.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["tokens", "run"])
    p.add_argument("--base", required=True)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--size", type=int, default=3)
    p.add_argument("--tokens")
    p.add_argument("--pid", type=int)
    p.add_argument("--etcd", action="store_true")
    args = p.parse_args()
    asyncio.run(tokens(args) if args.mode == "tokens" else run(args))


if __name__ == "__main__":
    main()
