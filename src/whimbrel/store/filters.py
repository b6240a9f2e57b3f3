"""Event filters shared by the read model's queries (REST API, dashboard, exports of the API).

An :class:`EventFilter` becomes one SQL ``WHERE`` clause over the read model's ``ev`` table (alias
``e``) with its parameters; every value goes in as a parameter, never into the SQL text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb

SORTS: dict[str, str] = {
    "date": 'e.day NULLS LAST, e.doc_id, e."start", e.id',
    "-date": 'e.day DESC NULLS LAST, e.doc_id, e."start", e.id',
    "confidence": "e.confidence, e.id",
    "-confidence": "e.confidence DESC, e.id",
    "event": "e.event, e.day, e.id",
    "-event": "e.event DESC, e.day, e.id",
    "status": "e.status, e.day, e.id",
    "-status": "e.status DESC, e.day, e.id",
    "country": "e.country NULLS LAST, e.day, e.id",
    "-country": "e.country DESC NULLS LAST, e.day, e.id",
    "doc": 'e.doc_id, e."start", e.id',
    "-doc": 'e.doc_id DESC, e."start", e.id',
}
"""Sort keys the events list accepts (a leading ``-`` sorts descending), each a total order."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to show; an empty tuple or None means no constraint on that field."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()
    mode: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()  # actor keys, codes or names, as actor or recipient
    min_confidence: float | None = None
    max_confidence: float | None = None
    doc_id: str | None = None
    q: str | None = None  # free text in the sentence, trigger, actors or place
    ids: tuple[str, ...] = field(default=())

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition (``TRUE`` when unfiltered) and its parameters, in order."""
        parts: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            parts.append(sql)
            params.extend(values)

        if self.date_from is not None:
            add("e.day >= ?", self.date_from)
        if self.date_to is not None:
            add("e.day <= ?", self.date_to)
        if self.event:
            add("list_contains(?, e.event)", [v.upper() for v in self.event])
        if self.quad:
            add("list_contains(?, e.quad_code)", list(self.quad))
        if self.mode:
            add("len(list_intersect(e.mode, ?)) > 0", list(self.mode))
        if self.status:
            add("list_contains(?, e.status)", list(self.status))
        if self.country:
            add("list_contains(?, e.country)", [c.upper() for c in self.country])
        if self.actor:
            keys = list(self.actor)
            lowered = [k.casefold() for k in keys]
            add(
                "e.n IN (SELECT n FROM actor_events WHERE a IN (SELECT a FROM actor_index "
                "WHERE list_contains(?, actor_key) OR list_contains(?, code) OR list_has_any(names_lc, ?) "
                "OR list_contains(?, label_lc)))",
                keys,
                keys,
                lowered,
                lowered,
            )
        if self.min_confidence is not None:
            add("e.confidence >= ?", self.min_confidence)
        if self.max_confidence is not None:
            add("e.confidence <= ?", self.max_confidence)
        if self.doc_id is not None:
            add("e.id IN (SELECT event_id FROM event_mentions WHERE doc_id = ?)", self.doc_id)
        if self.q:
            add("contains(e.haystack, ?)", self.q.lower())
        if self.ids:
            add("list_contains(?, e.id)", list(self.ids))
        return (" AND ".join(parts) if parts else "TRUE"), params

    def scope(self, con: duckdb.DuckDBPyConnection) -> str:
        """A join restricting a table with an ``n`` column to the matching events ('' when unfiltered).

        The matching events are found once, into a temporary table of the cursor ``con`` (temporary
        tables are private to a cursor), so that the several queries of one request share them.
        """
        where, params = self.where()
        if where == "TRUE":
            return ""
        con.execute(f"CREATE OR REPLACE TEMP TABLE scope_n AS SELECT e.n FROM ev e WHERE {where}", params)
        return " JOIN scope_n USING (n)"
