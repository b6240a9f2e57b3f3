"""Fixtures for the server tests: a small generated store, with one hostile document, and the app."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from whimbrel.model import ActorRef, Document, Event, Mention, Passage, Span
from whimbrel.store import Store
from whimbrel.web.app import ServeOptions, create_app

ROOT = Path(__file__).resolve().parents[2]

HOSTILE_ID = "hostile-doc"
HOSTILE_TEXT = (
    'Rebels <script>window.__pwned = 1</script> attacked a <img src=x onerror="window.__pwned = 2"> '
    'police post <b onmouseover="window.__pwned = 3">yesterday</b>.'
)


def load_synthetic() -> ModuleType:
    """benchmarks/synthetic.py, loaded by path (the benchmarks folder is not a package)."""
    name = "whimbrel_benchmarks_synthetic"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "synthetic.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def hostile_document() -> Document:
    """A document whose text holds a script element and event-handler attributes, with one event."""
    text = HOSTILE_TEXT
    rebels = ActorRef(
        "Rebels", code="XXX", sector="REB", identifier_id="test:rebels", identifier_text="Rebels"
    )
    police = ActorRef("police post", code="XXX", sector="COP")
    trigger = text.index("attacked")
    event = Event(
        id="hostile-event",
        event="ASSAULT",
        doc_id=HOSTILE_ID,
        sentence=0,
        start=0,
        end=len(text),
        text=text,
        event_text="attacked",
        trigger_start=trigger,
        trigger_end=trigger + len("attacked"),
        quad_code=4,
        cameo="190",
        date="2024-01-02",
        date_precision="day",
        actor=(rebels,),
        recipient=(police,),
        status="unverified",
        confidence=0.5,
        mentions=(Span(HOSTILE_ID, 0, len(text)),),
    )
    police_at = text.index("police post")
    return Document(
        id=HOSTILE_ID,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        origin="hostile.html",
        title='<script>window.__pwned = 4</script>Hostile "title"',
        status="coded",
        passages=(Passage(0, 0, len(text), "hostile"),),
        mentions=(
            Mention("actor", 0, 0, 6, 0, 1, "Rebels", actor=rebels),
            Mention("actor", 0, police_at, police_at + 11, 0, 1, "police post", actor=police),
        ),
        events=(event,),
    )


def build_store(path: Path, n_events: int = 300) -> Path:
    """A generated store of ``n_events`` events plus the hostile document."""
    load_synthetic().make_store(path, n_events, seed=11, batch=50)
    with Store(path) as store:
        run_id = store.start_run({"test": "hostile"})
        store.write([hostile_document()], run_id)
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store shared by the read-only tests of a session."""
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="session")
def client(store_path: Path) -> Iterator[TestClient]:
    """The app over the shared store, read-only, no token."""
    with TestClient(create_app(ServeOptions(store=store_path))) as test_client:
        yield test_client
