"""How long the overview takes to be ready in headless Chromium (requests finished and the DOM
rendered: the page sets body[data-ready="1"]), on a generated store of 100,000 events.

    python benchmarks/page_ready.py --store /tmp/bench.duckdb --runs 5

Each run is a fresh browser context (no cache); the time is from navigation start to ready. Target
(issue 14): under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import ensure_store, live_server

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/whimbrel-bench-100k.duckdb"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--view", default="overview")
    args = parser.parse_args(argv)
    store = ensure_store(args.store, args.events)
    times = []
    with live_server(store) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
        for _ in range(args.runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{base}/?view={args.view}")
            page.wait_for_selector("body[data-ready='1']", timeout=60_000)
            times.append(page.evaluate("window.__whimbrelReadyAt") / 1000)
            context.close()
        browser.close()
    print(
        f"{args.view} ready in headless Chromium over {args.runs} cold loads: "
        f"median {statistics.median(times):.2f} s, max {max(times):.2f} s "
        f"({', '.join(f'{t:.2f}' for t in times)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
