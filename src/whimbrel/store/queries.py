"""Read queries over a read model (``store.readmodel``): events, one event, documents, map points.

Each function takes a DuckDB cursor of a read model and returns plain JSON-ready values.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from whimbrel.store.filters import SORTS, EventFilter
from whimbrel.store.writes import _RELATION_COLUMNS as RELATION_COLUMNS

Cursor = duckdb.DuckDBPyConnection

_LIST_COLUMNS = (
    "id",
    "doc_id",
    "event",
    "cameo",
    "quad_code",
    "status",
    "attribution",
    "confidence",
    "date",
    "date_precision",
    "event_text",
    "actor_names",
    "recipient_names",
    "location",
    "country",
    "lat",
    "lon",
    "mode",
    "sentence",
)


def rows(con: Cursor, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Run ``sql`` and fetch every row."""
    return con.execute(sql, params or []).fetchall()


def list_events(
    con: Cursor, flt: EventFilter, *, sort: str = "-date", limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """One page of events matching ``flt``, in ``sort`` order, with the total that match."""
    scope = flt.scope(con)
    total = rows(con, f"SELECT count(*) FROM ev{scope}")[0][0]
    columns = ", ".join(f"e.{c}" for c in _LIST_COLUMNS)
    page = rows(
        con, f"SELECT {columns} FROM ev e{scope} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?", [limit, offset]
    )
    items = [dict(zip(_LIST_COLUMNS, row, strict=True)) for row in page]
    for item in items:
        item["actor"] = item.pop("actor_names")
        item["recipient"] = item.pop("recipient_names")
    return {"total": int(total), "limit": limit, "offset": offset, "sort": sort, "items": items}


def event_records(con: Cursor, flt: EventFilter, *, sort: str = "doc") -> list[dict[str, Any]]:
    """The export records of every event matching ``flt``."""
    where, params = flt.where()
    found = rows(
        con,
        f"SELECT r.record FROM ev e JOIN events r ON r.id = e.id WHERE {where} ORDER BY {SORTS[sort]}",
        params,
    )
    return [json.loads(record) for (record,) in found]


def event_detail(con: Cursor, event_id: str) -> dict[str, Any] | None:
    """An event's record, its mentions (with each one's text and document title) and its sentence
    with the spans behind its fields, offsets relative to the sentence."""
    found = rows(con, "SELECT record, doc_id FROM events WHERE id = ?", [event_id])
    if not found:
        return None
    record = json.loads(found[0][0])
    info = record["text_info"]
    docs: dict[str, tuple[Any, str]] = {}
    mentions = []
    for doc_id, start, end in rows(
        con,
        'SELECT doc_id, "start", "end" FROM event_mentions WHERE event_id = ? ORDER BY doc_id, "start"',
        [event_id],
    ):
        if doc_id not in docs:  # one indexed lookup per document (most events have one or two)
            found_doc = rows(con, "SELECT title, text FROM documents WHERE id = ?", [doc_id])
            docs[doc_id] = found_doc[0] if found_doc else (None, "")
        title, text = docs[doc_id]
        mentions.append(
            {"doc_id": doc_id, "start": int(start), "end": int(end), "title": title, "text": text[start:end]}
        )
    spans = event_spans(con, event_id, str(info["doc_id"]))
    start, end = int(info["start"]), int(info["end"])
    sentence_spans = [
        {**s, "start": s["start"] - start, "end": s["end"] - start}
        for s in spans
        if start <= s["start"] and s["end"] <= end
    ]
    return {
        "record": record,
        "mentions": mentions,
        "highlight": {
            "doc_id": info["doc_id"],
            "start": start,
            "end": end,
            "text": record["text"],
            "spans": sentence_spans,
        },
    }


def event_spans(con: Cursor, event_id: str, doc_id: str) -> list[dict[str, Any]]:
    """The spans behind an event's fields in one document, in text order."""
    return [
        {"role": role, "start": int(start), "end": int(end), "text": text}
        for role, start, end, text in rows(
            con,
            'SELECT role, "start", "end", "text" FROM event_spans WHERE event_id = ? AND doc_id = ? '
            'ORDER BY "start", role',
            [event_id, doc_id],
        )
    ]


_DOC_COLUMNS = ("id", "origin", "title", "url", "source", "published", "language", "status", "reason")


def document(con: Cursor, doc_id: str) -> dict[str, Any] | None:
    """A document's text and metadata, its events, and the spans behind them (document offsets)."""
    found = rows(con, f"SELECT {', '.join(_DOC_COLUMNS)}, text FROM documents WHERE id = ?", [doc_id])
    if not found:
        return None
    doc = dict(zip((*_DOC_COLUMNS, "text"), found[0], strict=True))
    doc["published"] = None if doc["published"] is None else doc["published"].isoformat()
    events = []
    for event_id, start, end, record in rows(
        con,
        'SELECT m.event_id, m."start", m."end", e.record FROM event_mentions m '
        'JOIN events e ON e.id = m.event_id WHERE m.doc_id = ? ORDER BY m."start", m.event_id',
        [doc_id],
    ):
        rec = json.loads(record)
        events.append(
            {
                "id": event_id,
                "start": int(start),
                "end": int(end),
                "event": rec["event"],
                "cameo": rec.get("cameo"),
                "status": rec["status"],
                "attribution": rec.get("attribution"),
                "claimant": rec.get("claimant"),
                "confidence": rec.get("confidence"),
                "actor": [a["entity_text"] for a in rec.get("actor", [])],
                "recipient": [a["entity_text"] for a in rec.get("recipient", [])],
                "event_text": rec.get("event_text"),
                "date": rec.get("date"),
            }
        )
    doc["events"] = events
    doc["spans"] = [
        {"event_id": event_id, "role": role, "start": int(start), "end": int(end)}
        for event_id, role, start, end in rows(
            con,
            'SELECT event_id, role, "start", "end" FROM event_spans WHERE doc_id = ? '
            'ORDER BY "start", "end", role, event_id',
            [doc_id],
        )
    ]
    doc["passages"] = [
        {"index": int(idx), "start": int(start), "end": int(end), "duplicate_of": dup}
        for idx, start, end, dup in rows(
            con,
            'SELECT idx, "start", "end", duplicate_of FROM passages WHERE doc_id = ? ORDER BY idx',
            [doc_id],
        )
    ]
    return doc


def documents(con: Cursor, *, limit: int = 50, offset: int = 0, q: str | None = None) -> dict[str, Any]:
    """A page of stored documents (no text), newest first, with their event counts."""
    where, params = "TRUE", []
    if q:
        where, params = "(d.title ILIKE ? OR d.id = ?)", [f"%{q}%", q]
    total = rows(con, f"SELECT count(*) FROM documents d WHERE {where}", params)[0][0]
    page = rows(
        con,
        f"SELECT d.id, d.title, d.source, d.published, d.status, coalesce(n.k, 0) FROM documents d "
        f"LEFT JOIN (SELECT doc_id, count(*) AS k FROM event_mentions GROUP BY doc_id) n ON n.doc_id = d.id "
        f"WHERE {where} ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = [
        {
            "id": i,
            "title": t,
            "source": s,
            "published": None if p is None else p.isoformat(),
            "status": st,
            "n_events": int(k),
        }
        for i, t, s, p, st, k in page
    ]
    return {"total": int(total), "items": items}


def map_points(con: Cursor, flt: EventFilter, *, limit: int = 20_000) -> dict[str, Any]:
    """Events with coordinates as compact rows ``[id, lat, lon, event, quad_code]``."""
    scope = flt.scope(con)
    cond = "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    total = rows(con, f"SELECT count(*) FROM ev e{scope} WHERE {cond}")[0][0]
    points = rows(
        con,
        f"SELECT e.id, e.lat, e.lon, e.event, e.quad_code FROM ev e{scope} WHERE {cond} "
        f"ORDER BY e.day DESC NULLS LAST, e.id LIMIT ?",
        [limit],
    )
    return {"total": int(total), "points": [list(p) for p in points]}


def relations(con: Cursor) -> list[dict[str, Any]]:
    """Every actor-actor relation with its evidence (the rows ``Store.relations`` gives)."""
    columns = ", ".join(f'"{c}"' for c in RELATION_COLUMNS)
    found = rows(con, f'SELECT {columns} FROM relations ORDER BY doc_id, "start", id')
    return [dict(zip(RELATION_COLUMNS, row, strict=True)) for row in found]


def published_dates(con: Cursor) -> dict[str, str]:
    """Each document's publication date (ISO), for the documents that have one."""
    found = rows(con, "SELECT id, published FROM documents WHERE published IS NOT NULL")
    return {str(doc_id): published.isoformat() for doc_id, published in found}
