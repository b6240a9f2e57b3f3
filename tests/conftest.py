"""Shared fixtures: the real pipeline (spaCy model, gazetteer, knowledge base) built once per session."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from whimbrel.config import load_config
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Resources
from whimbrel.run_state import RunState
from whimbrel.stages.ingest import document_from_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_88b063ae348bfb30.txt"


def whimbrel(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a child process, as a user would (the gazetteer cache is kept per test dir)."""
    env = dict(os.environ)
    env.setdefault("WHIMBREL_CACHE_DIR", str(cwd / ".cache"))
    return subprocess.run(
        [sys.executable, "-m", "whimbrel", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=600,
    )


def need_shared(path: Path) -> Path:
    """Skip the calling test, with a reason, when ../shared does not hold ``path``."""
    if not path.exists():
        pytest.skip(f"{path} not found: the gold data in ../shared is absent")
    return path


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    # The gazetteer index is built once per test session into a temporary cache, never into $HOME.
    mp = pytest.MonkeyPatch()
    mp.setenv("WHIMBREL_CACHE_DIR", str(tmp_path_factory.mktemp("whimbrel-cache")))


@pytest.fixture(scope="session")
def resources() -> Resources:
    """Real adapters, loaded once."""
    return Resources(load_config(env={}))


@pytest.fixture()
def pipeline(resources: Resources) -> Pipeline:
    """The default pipeline."""
    return Pipeline.from_config(resources.settings, resources=resources)


@pytest.fixture()
def code(pipeline: Pipeline) -> Any:
    """Code a text into a Document, as the next document of one run (a test's calls share a run)."""
    run = RunState()

    def _code(text: str, published: str | None = "2024-03-15", doc_id: str | None = None) -> Document:
        pub = dt.date.fromisoformat(published) if published else None
        doc = document_from_text(text, origin="<test>", doc_id=doc_id, published=pub)
        coded = pipeline.run_batch([doc], run)[0]
        run.commit()
        return coded

    return _code


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    """The record contract as a JSON Schema (skips when ../shared is absent)."""
    path = need_shared(SHARED / "record.schema.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
