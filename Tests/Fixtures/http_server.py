#!/usr/bin/env python3
# A small HTTP/1.1 file server for download tests and benchmarks: GET with Range (206/416), POSTs recorded as JSON
# lines in ROOT/.posts.jsonl, GETs logged in ROOT/.requests.log, faults per path from ROOT/.faults.json
# ({"/path": {"drop_after": BYTES, "rate": BYTES_PER_S, "delay": SECONDS, "times": N}}; delay holds a GET or POST).
# Usage: http_server.py ROOT PORT (0 = any); prints "port N" once listening on 127.0.0.1.
import http.server, json, os, re, sys, threading, time
root, port = sys.argv[1], int(sys.argv[2])
lock = threading.Lock()
used = {}

def fault_for(path):
    try:
        with open(os.path.join(root, ".faults.json")) as f:
            fault = json.load(f).get(path)
    except (OSError, ValueError):
        return None
    if not fault:
        return None
    with lock:
        n = used.get(path, 0)
        if n >= fault.get("times", 1):
            return None
        used[path] = n + 1
    return fault

def log(name, line):
    with lock, open(os.path.join(root, name), "a") as f:
        f.write(line + "\n")

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        fault = fault_for(self.path)
        if fault and fault.get("delay"):
            time.sleep(fault["delay"])
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = {"raw": body.decode("latin-1")}
        log(".posts.jsonl", json.dumps({"path": self.path, "authorization": self.headers.get("Authorization", ""), "body": parsed}))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        log(".requests.log", "GET %s %s" % (path, self.headers.get("Range", "-")))
        full = os.path.realpath(os.path.join(root, path.lstrip("/")))
        if not full.startswith(os.path.realpath(root)) or not os.path.isfile(full):
            return self.plain(404, b"not found\n")
        size = os.path.getsize(full)
        start, end, status = 0, size - 1, 200
        m = re.match(r"bytes=(\d+)-(\d*)$", self.headers.get("Range", ""))
        if m:
            start = int(m.group(1))
            if m.group(2):
                end = min(end, int(m.group(2)))
            if start >= size:
                self.send_response(416)
                self.send_header("Content-Range", "bytes */%d" % size)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        fault = fault_for(path)
        if fault and fault.get("delay"):
            time.sleep(fault["delay"])
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end, size))
        self.end_headers()
        remaining, sent = end - start + 1, 0
        drop = fault.get("drop_after") if fault else None
        rate = fault.get("rate") if fault else None
        with open(full, "rb") as f:
            f.seek(start)
            while remaining > 0:
                n = min(65536, remaining)
                if drop is not None:
                    n = min(n, drop - sent)
                    if n <= 0:
                        self.wfile.flush()
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                chunk = f.read(n)
                if not chunk:
                    break
                self.wfile.write(chunk)
                sent += len(chunk)
                remaining -= len(chunk)
                if rate:
                    time.sleep(len(chunk) / rate)
    def plain(self, code, body):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

class Server(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True

server = Server(("127.0.0.1", port), Handler)
print("port %d" % server.server_address[1], flush=True)
server.serve_forever()
