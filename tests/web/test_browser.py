"""End to end: Debian's Chromium, driven by Playwright, against a live `whimbrel serve` on loopback.

Screenshots of each view are saved under test-artifacts/browser/ (or $WHIMBREL_ARTIFACTS).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import HOSTILE_ID, ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = Path(os.environ.get("WHIMBREL_ARTIFACTS", ROOT / "test-artifacts")) / "browser"

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} not found: the browser tests need Debian's chromium (apt-get install chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def api(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def server(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A live server with reviews allowed, over a copy of the shared store."""
    db = tmp_path_factory.mktemp("live") / "live.duckdb"
    shutil.copyfile(store_path, db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    with subprocess.Popen(
        [sys.executable, "-m", "whimbrel", "serve", "--db", str(db), "--port", str(port), "--allow-review"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    api(base, "/api/status")
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        message = proc.stderr.read() if proc.stderr else ""
                        raise RuntimeError(f"serve did not start: {message!r}") from None
                    time.sleep(0.2)
            yield base, db
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("pageerror", lambda exc: errors.append(str(exc)))
    new_page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield new_page
    context.close()
    assert not errors, errors


def open_view(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview(server: tuple[str, Path], page: Page) -> None:
    base, _ = server
    open_view(page, base + "/")
    total = api(base, "/api/stats/overview")["totals"]["events"]
    assert page.inner_text("#total-events .value") == f"{total:,}"
    assert page.locator("#top-actors li").count() == 10
    assert page.locator("#top-dyads li").count() == 10
    assert page.locator("svg.trend rect").count() > 10
    shot(page, "overview")


def test_filter_is_kept_in_the_url(server: tuple[str, Path], page: Page) -> None:
    base, _ = server
    open_view(page, base + "/?view=events")
    page.select_option("#filters select[name=event]", "ASSAULT")
    page.fill("#filters input[name=min_confidence]", "0.5")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready='1']")
    assert "event=ASSAULT" in page.url and "min_confidence=0.5" in page.url
    expected = api(base, "/api/events?event=ASSAULT&min_confidence=0.5")["total"]
    assert page.inner_text("#events-summary").startswith(f"{expected:,} events match")
    types = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    assert types and set(types) == {"ASSAULT"}
    shared = page.url
    open_view(page, shared)  # the same URL opened afresh shows the same filtered view
    assert page.input_value("#filters select[name=event]") == "ASSAULT"
    assert page.inner_text("#events-summary").startswith(f"{expected:,} events match")
    shot(page, "events-filtered")


def test_open_an_event_and_see_its_sentence(server: tuple[str, Path], page: Page) -> None:
    base, _ = server
    open_view(page, base + "/?view=events&sort=-confidence")
    first = page.locator("#events-table tbody tr").first
    event_id = first.get_attribute("data-id")
    first.click()
    page.wait_for_selector("#event-sentence")
    page.wait_for_selector("body[data-ready='1']")
    assert f"id={event_id}" in page.url
    record = api(base, f"/api/events/{event_id}")["record"]
    assert page.inner_text("#event-sentence").strip() == record["text"]
    assert page.inner_text("#event-sentence mark.role-trigger") == record["event_text"]
    assert page.inner_text("#event-sentence mark.role-actor") == record["actor"][0]["entity_text"]
    assert page.locator("#event-sentence mark.role-place").count() == 1
    shot(page, "event")


def test_map_has_markers_and_a_click_opens_the_event(server: tuple[str, Path], page: Page) -> None:
    base, _ = server
    open_view(page, base + "/?view=map")
    page.wait_for_selector(".cluster-icon")
    located = api(base, "/api/map")["total"]
    counts = [int(t.replace(",", "")) for t in page.locator(".cluster").all_inner_texts()]
    singles = page.locator("path.leaflet-interactive").count()
    assert counts and sum(counts) + singles == located
    assert page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() > 100  # outlines
    shot(page, "map")
    one = api(base, "/api/events?limit=1&sort=confidence")["items"][0]
    open_view(page, base + f"/?view=map&q={urllib.parse.quote(one['sentence'])}")
    marker = page.locator("path.leaflet-interactive")
    assert marker.count() == 1  # one matching event: a marker of its own, not a cluster
    marker.click(force=True)
    page.wait_for_selector("#event-sentence")
    assert f"id={one['id']}" in page.url


def test_network_has_nodes(server: tuple[str, Path], page: Page) -> None:
    base, _ = server
    open_view(page, base + "/?view=network")
    nodes = page.evaluate("window.__whimbrelNetwork.nodes().length")
    edges = page.evaluate("window.__whimbrelNetwork.edges().length")
    expected = api(base, "/api/network?nodes=60")
    assert nodes == len(expected["nodes"]) > 0 and edges == len(expected["edges"]) > 0
    assert page.locator("#network canvas").count() > 0
    shot(page, "network")


def test_timeline_brushing_sets_the_date_range(server: tuple[str, Path], page: Page) -> None:
    base, _ = server
    open_view(page, base + "/?view=timeline")
    box = page.locator("#timeline-chart").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    page.mouse.up()
    page.wait_for_selector("body[data-ready='1']")
    assert "date_from=" in page.url and "date_to=" in page.url
    page.check("#type-filter input[value=PROTEST]")
    page.wait_for_selector("body[data-ready='1']")
    assert "event=PROTEST" in page.url
    shot(page, "timeline")


def test_correct_an_event(server: tuple[str, Path], page: Page) -> None:
    base, db = server
    event = api(base, "/api/events?limit=1&event=CONSULT")["items"][0]
    open_view(page, base + f"/?view=event&id={event['id']}")
    page.select_option("#correct-form select[name=event]", "AGREE")
    page.fill("#correct-form input[name=recipient]", "A neighbouring government")
    page.click("#save-correction")
    page.locator("#review-message", has_text="Saved to the reviews file").wait_for()
    review = api(base, f"/api/events/{event['id']}")["review"]
    assert review["verdict"] == "corrected" and review["changes"]["event"] == "AGREE"
    lines = Path(f"{db}.reviews.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["event_id"] == event["id"]
    assert api(base, f"/api/events/{event['id']}")["record"]["event"] == "CONSULT"  # the store is untouched
    shot(page, "review")


def test_hostile_document_runs_nothing(server: tuple[str, Path], page: Page) -> None:
    base, _ = server
    open_view(page, base + f"/?view=doc&id={HOSTILE_ID}")
    assert "<script>" in page.inner_text("#doc-text")
    page.hover("#doc-text")
    open_view(page, base + "/?view=event&id=hostile-event")
    page.hover("#event-sentence")
    open_view(page, base + f"/?view=events&doc={HOSTILE_ID}")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img, main b").count() == 0
    shot(page, "hostile")


def test_explain_box_codes_pasted_text(server: tuple[str, Path], page: Page) -> None:
    base, _ = server
    open_view(page, base + "/?view=explain")
    page.fill("#explain-text", "Protesters marched through the capital on Monday, police said.")
    page.click("#explain-run")
    page.wait_for_selector("#explain-out[data-done='1']", timeout=180_000)
    assert "Protesters marched" in page.inner_text("#explain-out")
    assert page.locator("#explain-out .explained").count() == 1
    shot(page, "explain")
