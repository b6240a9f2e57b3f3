"""Gold texts through the product path: ``whimbrel run`` into a fresh store, then ``whimbrel export``.

Every ``whimbrel eval`` score of a set in ``../shared/data`` is of the records a user would get for the
same text. :class:`ProductCoder` hands the texts to :func:`whimbrel.evaluation.exported.export_records`
(JSONL input, :func:`whimbrel.runner.run` into a new temporary store with the pipeline from the
configuration, the records read back with the reader of ``whimbrel export``). Nothing is scored from the
pipeline's internal objects.

Gold sets repeat sentences; each distinct text is coded once, with the publication date of its first
item, and every gold item with that text gets its records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from whimbrel.config import Settings, load_config
from whimbrel.evaluation.exported import InputDocument, Record, export_records
from whimbrel.pipeline import Resources

__all__ = ["DEFAULT_PUBLISHED", "GoldText", "ProductCoder", "Record", "codes", "sectors", "top_record"]

# Gold sentences with no date of their own are published on this day.
DEFAULT_PUBLISHED = dt.date(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class GoldText:
    """One text to code, with its publication date."""

    text: str
    published: dt.date | None = DEFAULT_PUBLISHED


class ProductCoder:
    """Runs ``run`` + ``export`` over gold texts; the adapters (spaCy, gazetteer...) are loaded once."""

    def __init__(self, settings: Settings | None = None, *, resources: Resources | None = None) -> None:
        self.settings = settings or (resources.settings if resources else load_config())
        self.resources = resources or Resources(self.settings)

    def code(self, items: Sequence[GoldText]) -> list[list[Record]]:
        """The records ``whimbrel export`` writes for each item, in input order, after one run."""
        ids: dict[str, str] = {}
        docs: list[InputDocument] = []
        for item in items:
            if item.text not in ids:
                ids[item.text] = f"e{len(ids)}"
                docs.append(InputDocument(ids[item.text], item.text, item.published))
        by_id = export_records(docs, settings=self.settings, resources=self.resources)
        return [by_id[ids[item.text]] for item in items]

    def records(
        self, texts: Sequence[str], *, published: dt.date | None = DEFAULT_PUBLISHED
    ) -> list[list[Record]]:
        """The records of each text, all published on ``published``."""
        return self.code([GoldText(t, published) for t in texts])


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
