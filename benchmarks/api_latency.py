"""Latency of the API's heavy endpoints on a generated store (default 100,000 events), one request at a
time against a live `whimbrel serve` on loopback.

    python benchmarks/api_latency.py --store /tmp/bench.duckdb --events 100000 --rounds 20

Targets (issue 14): /api/events with filters p95 < 200 ms; /api/stats/timeseries and /api/network
< 300 ms. Each endpoint is asked with every filter of serving.FILTERS, ``--rounds`` times. The server
keeps the answers of each snapshot; here every request carries a distinct ``_`` parameter (which the
API ignores), so every answer is computed afresh: these are the uncached times.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import FILTERS, ensure_store, live_server, percentile

ENDPOINTS = (
    ("/api/events", "limit=50"),
    ("/api/stats/timeseries", "by=type&interval=week"),
    ("/api/stats/timeseries", "by=dyad&interval=month"),
    ("/api/network", "nodes=100"),
    ("/api/stats/overview", ""),
    ("/api/map", ""),
)


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise SystemExit(f"{url}: HTTP {response.status}")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/whimbrel-bench-100k.duckdb"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    store = ensure_store(args.store, args.events)
    with live_server(store) as base:
        print(f"{'endpoint':<34} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for path, fixed in ENDPOINTS:
            for flt in FILTERS[:2]:  # warm-up: the first query of a shape compiles its plan
                timed_get(f"{base}{path}?{fixed}&{flt}&_=warm")
            samples = [
                timed_get(f"{base}{path}?{fixed}&{flt}&_={i}") * 1000
                for i in range(args.rounds)
                for flt in FILTERS
            ]
            label = f"{path}?{fixed}" if fixed else path
            p50, p95 = percentile(samples, 50), percentile(samples, 95)
            print(f"{label:<34} {len(samples):>4} {p50:>8.1f} {p95:>8.1f} {max(samples):>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
