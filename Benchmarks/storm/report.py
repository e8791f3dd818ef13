"""Formats storm.py's JSON summary (stdin) as the lines BENCHMARKS.md records."""
import json
import sys

r = json.loads(sys.stdin.read())
print(f"clients {r['clients']}: completed {r['completed']}, failures {r['failures']}, all done in {r['seconds']} s")
if r["first_failure"]:
    print("first failure:", r["first_failure"])
print("| phase | p50 ms | p99 ms |\n|---|---|---|")
for phase in ("dhcp", "tftp", "scripts", "kernel+initrd", "total"):
    print(f"| {phase} | {r[phase]['p50_ms']} | {r[phase]['p99_ms']} |")
