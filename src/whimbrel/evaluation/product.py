"""Code gold texts through the product path: ``whimbrel run`` into a store, then ``whimbrel export``.

Every ``whimbrel eval`` score is of the records a user would get for the same text. :class:`ProductCoder`
writes the gold texts as a JSONL input (``id``, ``text``, ``published``), runs :func:`whimbrel.runner.run`
on it into a new, temporary DuckDB store with the configured pipeline (built from the config, as ``run``
builds it), and reads the exported records back with :meth:`Store.event_records`, the reader
``whimbrel export`` uses. Nothing is scored from the pipeline's internal objects.

Each call is one fresh run: a new store and no passages seen before it. Gold sets repeat sentences, and
``run`` stores a repeated text once (documents are keyed by their content), as a duplicate; so each
distinct text is written once, with the publication date of its first item, and every gold item with that
text gets its records.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whimbrel.config import Settings, load_config
from whimbrel.pipeline import Resources
from whimbrel.runner import run
from whimbrel.store import Store

# Gold sentences with no date of their own are published on this day.
DEFAULT_PUBLISHED = dt.date(2000, 1, 1)

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class GoldText:
    """One text to code, with its publication date."""

    text: str
    published: dt.date | None = DEFAULT_PUBLISHED


@dataclass(frozen=True, slots=True)
class Coded:
    """The exported records of each gold text, in input order, and the texts that did not code."""

    records: list[list[Record]]
    failed: dict[int, str] = field(default_factory=dict)  # input index -> the document's reason

    def failures(self) -> str:
        """A note on the texts that did not code: how many, and the commonest reason."""
        if not self.failed:
            return "every text coded"
        reason, n = Counter(self.failed.values()).most_common(1)[0]
        return f"{len(self.failed)} texts did not code ({n} of them: {reason})"


class ProductCoder:
    """Runs ``run`` + ``export`` over gold texts; the adapters (spaCy, gazetteer...) are loaded once."""

    def __init__(self, settings: Settings | None = None, *, resources: Resources | None = None) -> None:
        self.settings = settings or (resources.settings if resources else load_config())
        self.resources = resources or Resources(self.settings)

    def code(self, items: Sequence[GoldText]) -> Coded:
        """The records ``whimbrel export`` writes for each item after ``whimbrel run`` on all of them."""
        distinct: dict[str, tuple[str, dt.date | None]] = {}  # text -> (doc id, published)
        for item in items:
            distinct.setdefault(item.text, (f"e{len(distinct)}", item.published))
        with tempfile.TemporaryDirectory(prefix="whimbrel-eval-") as tmp:
            inputs = Path(tmp) / "gold.jsonl"
            with inputs.open("w", encoding="utf-8") as fh:
                for text, (doc_id, published) in distinct.items():
                    row = {"id": doc_id, "text": text, "published": published and published.isoformat()}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            self.resources.passage_index.clear()  # a fresh run: no passage is taken from an earlier one
            with Store(Path(tmp) / "eval.duckdb") as store:
                run([str(inputs)], store, self.settings, resources=self.resources)
                by_doc: dict[str, list[Record]] = {}
                for record in store.event_records():
                    by_doc.setdefault(str(record["text_info"]["doc_id"]), []).append(record)
                reasons = {
                    str(d["id"]): str(d["reason"] or d["status"])
                    for d in store.documents()
                    if d["status"] != "coded"
                }
        records: list[list[Record]] = []
        failed: dict[int, str] = {}
        for i, item in enumerate(items):
            doc_id = distinct[item.text][0]
            records.append(by_doc.get(doc_id, []))
            if doc_id in reasons:
                failed[i] = reasons[doc_id]
        return Coded(records, failed)

    def records(
        self, texts: Sequence[str], *, published: dt.date | None = DEFAULT_PUBLISHED
    ) -> list[list[Record]]:
        """The records of each text, all published on ``published``."""
        return self.code([GoldText(t, published) for t in texts]).records


def top_record(records: Sequence[Record]) -> Record | None:
    """The highest-confidence record (the first of equals), or None."""
    best: Record | None = None
    for record in records:
        if best is None or float(record["confidence"]) > float(best["confidence"]):
            best = record
    return best


def codes(entities: Sequence[Record]) -> tuple[str, ...]:
    """The codes of a record's ``actor`` or ``recipient`` entities, where they have one."""
    return tuple(str(e["code"]) for e in entities if e.get("code"))


def sectors(entities: Sequence[Record]) -> tuple[str, ...]:
    """The sectors of a record's ``actor`` or ``recipient`` entities, where they have one."""
    return tuple(str(e["sector"]) for e in entities if e.get("sector"))
