"""Code documents the way a user does: ``whimbrel run`` into a fresh store, then ``whimbrel export``.

:func:`export_records` writes the documents as a JSONL input (``id``, ``text``, ``published``), runs
:func:`whimbrel.runner.run` on it into a temporary DuckDB store, and reads the records back with
:meth:`Store.event_records`, the reader ``whimbrel export`` uses. The records are grouped by the id of
the document that reports them.

``run`` stores a text once: a second document with the same text is kept as a duplicate and not coded.
Suites that code one text under several publication dates need each copy coded, so documents whose
text repeats go to a later run of their own. Each run writes to a new store, so it starts with no
passage seen before it.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whimbrel.config import Settings, load_config
from whimbrel.pipeline import Resources
from whimbrel.runner import run
from whimbrel.store import Store

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class InputDocument:
    """One document to code: its id, text and publication date."""

    id: str
    text: str
    published: dt.date | None = None


def _rounds(docs: Sequence[InputDocument]) -> list[list[InputDocument]]:
    """Split ``docs`` into runs in which no text repeats (first copies first, in input order)."""
    rounds: list[list[InputDocument]] = []
    seen: list[set[str]] = []
    for doc in docs:
        for texts, batch in zip(seen, rounds, strict=True):
            if doc.text not in texts:
                texts.add(doc.text)
                batch.append(doc)
                break
        else:
            seen.append({doc.text})
            rounds.append([doc])
    return rounds


def export_records(
    docs: Sequence[InputDocument],
    *,
    settings: Settings | None = None,
    resources: Resources | None = None,
) -> dict[str, list[Record]]:
    """The exported records of each document id (every id present, with ``[]`` when it gave none)."""
    settings = settings or (resources.settings if resources else load_config())
    resources = resources or Resources(settings)
    out: dict[str, list[Record]] = {doc.id: [] for doc in docs}
    for batch in _rounds(docs):
        with tempfile.TemporaryDirectory(prefix="whimbrel-eval-") as tmp:
            inputs = Path(tmp) / "documents.jsonl"
            with inputs.open("w", encoding="utf-8") as fh:
                for doc in batch:
                    published = doc.published.isoformat() if doc.published else None
                    row = {"id": doc.id, "text": doc.text, "published": published}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            with Store(Path(tmp) / "eval.duckdb") as store:
                run([str(inputs)], store, settings, resources=resources)
                for record in store.event_records():
                    doc_id = str(record["text_info"]["doc_id"])
                    if doc_id in out:
                        out[doc_id].append(record)
    return out
