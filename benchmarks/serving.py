"""Shared by the server benchmarks: a generated store of the asked size, and a live `whimbrel serve`."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic

# A mix of filters the dashboard sends: none, by type, by country and type, by actor, by text, by dates.
FILTERS: tuple[str, ...] = (
    "",
    "event=ASSAULT",
    "country=IRQ&event=ASSAULT,COERCE",
    "actor=synthetic:actor-7",
    "q=Baghdad&min_confidence=0.6",
    "date_from=2024-01-01&date_to=2024-03-31",
    "status=unverified,claimed&sort=-confidence",
    "event=PROTEST&country=KEN&sort=date",
)


def ensure_store(path: Path, events: int) -> Path:
    """The store at ``path``, generated with ``events`` events if it does not exist."""
    if not path.exists():
        print(f"generating {events:,} events into {path} ...", file=sys.stderr)
        synthetic.make_store(path, events)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)


@contextlib.contextmanager
def live_server(store: Path) -> Iterator[str]:
    """``whimbrel serve`` on a free loopback port; yields its base URL once it answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "whimbrel", "serve", "--db", str(store), "--port", str(port)]
    with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=dict(os.environ)) as proc:
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    get_json(base + "/api/status")
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit("whimbrel serve did not start") from None
                    time.sleep(0.25)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]
