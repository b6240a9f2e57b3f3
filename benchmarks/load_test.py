"""An open-loop load test of `whimbrel serve` on loopback: requests arrive on a fixed schedule
whatever the server's speed, across a mix of endpoints, through at most ``--clients`` connections.

    python benchmarks/load_test.py --store /tmp/bench.duckdb --rate 100 --seconds 30 --clients 50

Latency is measured from each request's scheduled time, so a queue that builds up counts against the
server (no coordinated omission). ``--warmup`` seconds of the same load come first and are not
counted: the server keeps each snapshot's answers, so the first request for each URL costs more.
Client and server share this machine's cores: the numbers are a lower bound of what the server
alone would do. Target (issue 14): p99 < 250 ms and zero errors at 100 requests/s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import FILTERS, ensure_store, live_server, percentile

# (weight, path, fixed parameters): what a dashboard session asks for, roughly.
MIX = (
    (5, "/api/events", "limit=50"),
    (2, "/api/stats/overview", ""),
    (2, "/api/stats/timeseries", "by=type"),
    (1, "/api/network", "nodes=60"),
    (1, "/api/map", "limit=5000"),
    (3, "/api/events/{id}", ""),
    (1, "/api/actors", "limit=20"),
)


async def run(
    base: str, rate: float, seconds: float, clients: int, ids: list[str], warmup: float
) -> dict[str, float]:
    rng = random.Random(5)
    weights = [w for w, _, _ in MIX]
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def one(scheduled: float, url: str, counted: bool) -> None:
            nonlocal errors
            await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
            failed = False
            try:
                response = await client.get(url)
                failed = response.status_code != 200
            except httpx.HTTPError:
                failed = True
            if counted:
                errors += failed
                latencies.append(time.perf_counter() - scheduled)

        start = time.perf_counter() + 0.5
        skipped = int(rate * warmup)
        total = int(rate * seconds)
        tasks = []
        for i in range(skipped + total):
            _, path, fixed = rng.choices(MIX, weights)[0]
            if "{id}" in path:
                url = path.format(id=rng.choice(ids))
            else:
                url = f"{path}?{fixed}&{rng.choice(FILTERS)}"
            tasks.append(asyncio.create_task(one(start + i / rate, url, i >= skipped)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start - warmup
    ms = [x * 1000 for x in latencies]
    return {
        "requests": float(total),
        "achieved_rate": total / elapsed,
        "p50": percentile(ms, 50),
        "p99": percentile(ms, 99),
        "max": max(ms),
        "errors": float(errors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/whimbrel-bench-100k.duckdb"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second, open loop")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=50, help="at most this many connections")
    parser.add_argument(
        "--warmup", type=float, default=0.0, help="seconds of the same load first, not counted (cold answers)"
    )
    args = parser.parse_args(argv)
    store = ensure_store(args.store, args.events)
    with live_server(store) as base:
        ids = [e["id"] for e in httpx.get(f"{base}/api/events?limit=500", timeout=60).json()["items"]]
        result = asyncio.run(run(base, args.rate, args.seconds, args.clients, ids, args.warmup))
    print(
        f"open loop {args.rate:g} req/s for {args.seconds:g} s after {args.warmup:g} s of warm-up, "
        f"{args.clients} clients, "
        f"{os.cpu_count()} cores shared by client and server: {result['requests']:.0f} requests, "
        f"achieved {result['achieved_rate']:.1f}/s, "
        f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, max {result['max']:.1f} ms, "
        f"errors {result['errors']:.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
