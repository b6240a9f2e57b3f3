"""What produced a record: whimbrel's version, a fingerprint of its knowledge, the model, the day.

The knowledge fingerprint is the first 16 hex of a SHA-256 over every shipped knowledge and
classifier file (by name and content) and the user's extra actor files, so two runs with the
same fingerprint coded with the same dictionaries, lexicons and weights.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from whimbrel.config import Settings

_DATA_SUFFIXES = (".json", ".jsonl", ".tsv", ".toml")


def knowledge_fingerprint(extra_files: Iterable[str | Path] = ()) -> str:
    """The fingerprint of the shipped knowledge and models plus ``extra_files``."""
    digest = hashlib.sha256()
    package = resources.files("whimbrel")
    for folder in ("knowledge",):  # no model weights ship (the learned stage's model is the user's)
        root = package.joinpath(folder)
        entries = sorted((e for e in root.iterdir() if e.name.endswith(_DATA_SUFFIXES)), key=lambda e: e.name)
        for entry in entries:
            digest.update(f"{folder}/{entry.name}\0".encode())
            digest.update(entry.read_bytes())
    for path in extra_files:
        digest.update(f"extra/{Path(path).name}\0".encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()[:16]


def _version_of(distribution: str) -> str | None:
    for name in (distribution, distribution.replace("_", "-")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def produced_by(settings: Settings, *, today: dt.date | None = None) -> dict[str, Any]:
    """The record's ``produced_by`` object for a run with ``settings``."""
    from whimbrel import __version__
    from whimbrel.stages.actors import ActorsConfig
    from whimbrel.stages.nlp import NlpConfig

    model = NlpConfig.model_validate(settings.stage("nlp")).model
    version = _version_of(model)
    extra = ActorsConfig.model_validate(settings.stage("actors")).actor_files
    return {
        "whimbrel": __version__,
        "knowledge": knowledge_fingerprint(extra),
        "model": f"{model} {version}" if version else model,
        "coded_date": (today or dt.datetime.now(dt.UTC).date()).isoformat(),
    }
