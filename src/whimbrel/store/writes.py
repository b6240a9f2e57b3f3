"""Bulk writes to the DuckDB store: what one ``Store.write`` adds, inserted with bulk statements.

:class:`_Batch` decides, per document, whether its content is new, already stored or only a row
with a reason, then purges what it replaces and inserts documents, passages, events, mentions,
actors, places and relations. The row helpers here turn model objects into table rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import duckdb

from whimbrel.exports.record import dumps_record, event_to_record
from whimbrel.model import ActorRef, Dateline, Document, Event, Place, Relation
from whimbrel.store.spans import SPAN_COLUMNS, span_rows


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


STORED_STATUSES = ("coded", "duplicate")
"""Statuses whose content counts as stored: a document with the same content hash adds nothing."""

UNREAD_STATUSES = ("failed", "skipped")
"""Statuses of documents kept only as a row with a reason; they are upserted by id."""

_ROW_ONLY_STATUSES = ("duplicate", *UNREAD_STATUSES)


@dataclass(frozen=True, slots=True)
class WriteCounts:
    """What one ``Store.write`` call changed."""

    documents: int = 0  # document rows inserted or replaced (coded, duplicate, failed, skipped)
    known: int = 0  # documents that added nothing: content already stored, or a failure of a stored id
    passages: int = 0
    events: int = 0  # new event rows
    mentions: int = 0  # new event_mentions rows, corroborations included
    corroborated: int = 0  # events stored by an earlier write that got a new mention or source
    actors: int = 0
    aliases: int = 0
    places: int = 0
    relations: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts by name, for a run's summary."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


_DOCUMENT_COLUMNS = _words(
    "id content_hash origin title url source published language status reason n_chars run_id added_at text "
    "dateline"
)
_PASSAGE_COLUMNS = ("doc_id", "idx", "start", "end", "text_hash", "duplicate_of", "role")
_EVENT_COLUMNS = _words(
    "id doc_id event cameo quad_code status confidence date date_precision start end event_text "
    "actor_names recipient_names location place_key run_id record incident_id"
)
_MENTION_COLUMNS = ("event_id", "doc_id", "start", "end")
_ACTOR_COLUMNS = ("identifier_id", "name", "code", "sector")
_PLACE_COLUMNS = _words("place_key text name geonameid lat lon country admin1 feature_code precision")
_RELATION_COLUMNS = _words(
    "id source_id source_text source_code target_id target_text target_code kind doc_id start end text"
    " status origin source_sector target_sector"
)


class _Batch:
    """One ``Store.write``: decides what each document adds, then inserts it with bulk statements."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, *, recode: bool = False) -> None:
        self._con = con
        self._run_id = run_id
        self._recode = recode  # rewrite documents stored with the same id and content
        self._now = _utcnow()
        self._existing: dict[str, str] = {}  # doc id -> status, for the batch's ids already stored
        self._first_added: dict[str, dt.datetime] = {}

    def write(self, docs: Sequence[Document]) -> WriteCounts:
        stored, rows_only = self._plan(docs)
        replaced = sorted(d.id for d in stored if self._existing.get(d.id, "failed") not in UNREAD_STATUSES)
        self._purge(replaced)
        new_ids = sorted({d.id for d in stored} | rows_only.keys())
        self._execute("DELETE FROM documents WHERE list_contains(?, id)", [new_ids])
        read = [d for d in docs if d.status not in UNREAD_STATUSES]
        self._execute(
            "DELETE FROM documents WHERE status IN ('failed', 'skipped') "
            "AND (list_contains(?, id) OR list_contains(?, origin))",
            [sorted({d.id for d in read}), sorted({d.origin for d in read})],
        )
        rows = [self._document_row(d) for d in (*stored, *rows_only.values())]
        n_docs = self._insert("documents", _DOCUMENT_COLUMNS, rows)
        passages = [
            (d.id, p.index, p.start, p.end, p.text_hash, p.duplicate_of, p.role)
            for d in stored
            for p in d.passages
        ]
        events = [event for doc in stored for event in doc.events]
        relations = [relation for doc in stored for relation in doc.relations]
        n_events, n_mentions, n_corroborated = self._write_events(events)
        n_passages = self._insert("passages", _PASSAGE_COLUMNS, passages)
        self._insert("event_spans", SPAN_COLUMNS, [row for d in stored for row in span_rows(d)], ignore=True)
        self._insert("place_mentions", PLACE_MENTION_COLUMNS, place_mention_rows(stored), ignore=True)
        repeat_mentions, repeat_corroborated = self._corroborate_repeats(stored)
        n_mentions += repeat_mentions
        n_corroborated += repeat_corroborated
        n_actors, n_aliases = self._write_actors(events, relations)
        places: dict[str, Place] = {}
        for loc in (e.event_loc for e in events if e.event_loc is not None):
            places.setdefault(_place_key(loc), loc)
        return WriteCounts(
            documents=n_docs,
            known=len(docs) - len(stored) - len(rows_only),
            passages=n_passages,
            events=n_events,
            mentions=n_mentions,
            corroborated=n_corroborated,
            actors=n_actors,
            aliases=n_aliases,
            places=self._insert(
                "places", _PLACE_COLUMNS, [(k, *_place_row(p)) for k, p in places.items()], ignore=True
            ),
            relations=self._insert(
                "relations", _RELATION_COLUMNS, [_relation_row(r) for r in relations], ignore=True
            ),
        )

    def _plan(self, docs: Sequence[Document]) -> tuple[list[Document], dict[str, Document]]:
        """The documents to store in full, and those to keep as a row only, upserted by id.

        A row only is kept for a failed or skipped document, and for a ``duplicate`` one whose content
        is already stored (so that its reason, "same text as ...", is not lost).
        """
        ids = list(dict.fromkeys(doc.id for doc in docs))
        for doc_id, status, added_at in self._rows(
            "SELECT id, status, added_at FROM documents WHERE list_contains(?, id)", [ids]
        ):
            self._existing[doc_id] = status
            self._first_added[doc_id] = added_at  # a rewritten id keeps its place in the list
        hashes = sorted({doc.content_hash for doc in docs if doc.content_hash})
        rows = self._rows(
            "SELECT content_hash, id, status FROM documents "
            "WHERE status IN ('coded', 'duplicate') AND list_contains(?, content_hash)",
            [hashes],
        )
        known = {str(row[0]) for row in rows}
        if self._recode:  # the same id and content, coded before: stored again, replacing itself
            again = {(str(h), str(i)) for h, i, status in rows if status == "coded"}
            known -= {doc.content_hash for doc in docs if (doc.content_hash, doc.id) in again}
        read = [doc for doc in docs if doc.status not in UNREAD_STATUSES]
        latest: dict[str, Document] = {}
        for doc in read:
            latest[doc.id] = doc  # of two versions of one id in a batch, the last one is stored
        stored: list[Document] = []
        rows_only: dict[str, Document] = {}
        for doc in latest.values():
            if not (doc.content_hash and doc.content_hash in known):
                known.add(doc.content_hash)
                stored.append(doc)
            elif doc.status == "duplicate" and self._existing.get(doc.id, "duplicate") in _ROW_ONLY_STATUSES:
                rows_only[doc.id] = doc
        read_origins = {doc.origin for doc in read}
        for doc in docs:
            # A read of the same id or origin in this batch supersedes a failure, and a failure
            # never hides a document stored earlier; otherwise the latest reason wins.
            if (
                doc.status in UNREAD_STATUSES
                and doc.id not in latest
                and doc.origin not in read_origins
                and self._existing.get(doc.id, "failed") in UNREAD_STATUSES
            ):
                rows_only[doc.id] = doc
        return stored, rows_only

    def _purge(self, doc_ids: list[str]) -> None:
        """Remove what earlier writes stored for documents that are now stored again."""
        if not doc_ids:
            return
        owned = [
            str(r[0]) for r in self._rows("SELECT id FROM events WHERE list_contains(?, doc_id)", [doc_ids])
        ]
        others = self._rows(
            "SELECT id, record FROM events WHERE NOT list_contains(?, id) AND id IN "
            "(SELECT event_id FROM event_mentions WHERE list_contains(?, doc_id))",
            [owned, doc_ids],
        )
        self._execute(
            "DELETE FROM event_mentions WHERE list_contains(?, event_id) OR list_contains(?, doc_id)",
            [owned, doc_ids],
        )
        self._execute("DELETE FROM events WHERE list_contains(?, id)", [owned])
        self._execute("DELETE FROM passages WHERE list_contains(?, doc_id)", [doc_ids])
        self._execute("DELETE FROM event_spans WHERE list_contains(?, doc_id)", [doc_ids])
        self._execute("DELETE FROM place_mentions WHERE list_contains(?, doc_id)", [doc_ids])
        self._execute("DELETE FROM relations WHERE list_contains(?, doc_id)", [doc_ids])
        gone = set(doc_ids)
        updates: dict[str, dict[str, Any]] = {}
        for event_id, text in others:
            record = json.loads(text)
            record["mentions"] = [m for m in record["mentions"] if m["doc_id"] not in gone]
            record["sources"] = [s for s in record["sources"] if s not in gone]
            updates[str(event_id)] = record
        self._update_records(updates)

    def _document_row(self, d: Document) -> tuple[Any, ...]:
        published = d.published.date() if isinstance(d.published, dt.datetime) else d.published
        added_at = self._first_added.get(d.id, self._now)
        return (
            *(d.id, d.content_hash, d.origin, d.title, d.url, d.source, published, d.language, d.status),
            *(d.reason, len(d.text), self._run_id, added_at, d.text, _dateline_json(d.dateline)),
        )

    def _write_events(self, events: list[Event]) -> tuple[int, int, int]:
        """Insert new events and corroborate stored ones; return (events, mentions, corroborated)."""
        ids = list(dict.fromkeys(e.id for e in events))
        stored = {
            str(i): json.loads(r)
            for i, r in self._rows("SELECT id, record FROM events WHERE list_contains(?, id)", [ids])
        }
        records: dict[str, dict[str, Any]] = {}
        new: dict[str, Event] = {}
        changed: set[str] = set()
        mentions: list[tuple[str, str, int, int]] = []
        for event in events:
            record = event_to_record(event)
            if event.id not in records and event.id not in stored:
                records[event.id] = record
                new[event.id] = event
                added = record["mentions"]
            else:
                target = records.setdefault(event.id, stored.get(event.id, record))
                added = [m for m in record["mentions"] if m not in target["mentions"]]
                sources = [s for s in record["sources"] if s not in target["sources"]]
                target["mentions"].extend(added)
                target["sources"].extend(sources)
                if (added or sources) and event.id not in new:
                    changed.add(event.id)
            mentions.extend((event.id, m["doc_id"], m["start"], m["end"]) for m in added)
        rows = [_event_row(event, records[event.id], self._run_id) for event in new.values()]
        n_events = self._insert("events", _EVENT_COLUMNS, rows)
        self._update_records({i: records[i] for i in sorted(changed)})
        n_mentions = self._insert("event_mentions", _MENTION_COLUMNS, mentions, ignore=True)
        return n_events, n_mentions, len(changed)

    def _corroborate_repeats(self, docs: Sequence[Document]) -> tuple[int, int]:
        """A passage repeating one of another document reports that passage's events again: add the
        repeat as a mention and its document as a source, so provenance survives deduplication."""
        records: dict[str, dict[str, Any]] = {}
        mentions: list[tuple[str, str, int, int]] = []
        for doc in docs:
            for passage in doc.passages:
                origin_doc, _, origin_idx = (passage.duplicate_of or "").rpartition(":")
                if not origin_doc or origin_doc == doc.id or not origin_idx.isdigit():
                    continue
                span = self._rows(
                    'SELECT "start", "end" FROM passages WHERE doc_id = ? AND idx = ?',
                    [origin_doc, int(origin_idx)],
                )
                if not span:
                    continue
                first, last = int(span[0][0]), int(span[0][1])
                shift = passage.start - first
                rows = self._rows(
                    'SELECT id, record, "start", "end" FROM events '
                    'WHERE doc_id = ? AND "start" >= ? AND "end" <= ?',
                    [origin_doc, first, last],
                )
                for event_id, raw, start, end in rows:
                    record = records.setdefault(str(event_id), json.loads(raw))
                    at, to = int(start) + shift, int(end) + shift
                    mention = {"doc_id": doc.id, "start": at, "end": to}
                    if mention not in record["mentions"]:
                        record["mentions"].append(mention)
                        mentions.append((str(event_id), doc.id, at, to))
                    if doc.id not in record["sources"]:
                        record["sources"].append(doc.id)
        self._update_records(records)
        return self._insert("event_mentions", _MENTION_COLUMNS, mentions, ignore=True), len(records)

    def _update_records(self, records: Mapping[str, Mapping[str, Any]]) -> None:
        if records:
            self._execute(
                "UPDATE events SET record = u.record FROM "
                "(SELECT unnest(?) AS id, unnest(?) AS record) AS u WHERE events.id = u.id",
                [list(records), [dumps_record(r) for r in records.values()]],
            )

    def _write_actors(self, events: list[Event], relations: list[Relation]) -> tuple[int, int]:
        refs: list[ActorRef] = []
        for event in events:
            refs.extend((*event.actor, *event.recipient, *filter(None, (event.claimant,))))
        for relation in relations:
            refs.extend((relation.source, relation.target))
        actors: dict[str, ActorRef] = {}
        aliases: dict[tuple[str, str], None] = {}
        for ref in refs:
            if ref.identifier_id:
                actors.setdefault(ref.identifier_id, ref)
                aliases[(ref.identifier_id, ref.entity_text)] = None
        rows = [(i, a.identifier_text or a.entity_text, a.code, a.sector) for i, a in actors.items()]
        n_actors = self._insert("actors", _ACTOR_COLUMNS, rows, ignore=True)
        n_aliases = self._insert("actor_aliases", ("identifier_id", "alias"), list(aliases), ignore=True)
        return n_actors, n_aliases

    def _insert(
        self, table: str, names: Sequence[str], rows: Sequence[tuple[Any, ...]], *, ignore: bool = False
    ) -> int:
        """Insert rows in one statement; return how many were inserted (conflicts skipped if ignore)."""
        if not rows:
            return 0
        # Each column goes in as one list parameter and comes out with unnest: one statement per
        # table, where executemany would run one statement per row (orders of magnitude slower).
        columns = [list(column) for column in zip(*rows, strict=True)]
        if len(columns) != len(names):
            raise ValueError(f"{table}: {len(names)} columns named, rows have {len(columns)}")
        select = ", ".join(f"unnest(?) AS {_quote(name)}" for name in names)
        sql = f"INSERT INTO {table} BY NAME SELECT {select}"
        if ignore:
            sql += " ON CONFLICT DO NOTHING"
        result = self._rows(sql, columns)
        return int(result[0][0]) if result else 0

    def _rows(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return self._con.execute(sql, params).fetchall()

    def _execute(self, sql: str, params: Sequence[Any]) -> None:
        self._con.execute(sql, params)


def _event_row(event: Event, record: Mapping[str, Any], run_id: str) -> tuple[Any, ...]:
    loc = event.event_loc
    return (
        *(event.id, event.doc_id, event.event, event.cameo, event.quad_code, event.status),
        *(record["confidence"], event.date, event.date_precision, event.start, event.end, event.event_text),
        *(_names(event.actor), _names(event.recipient), None if loc is None else loc.name or loc.text),
        *(None if loc is None else _place_key(loc), run_id, dumps_record(record), event.incident_id),
    )


def _dateline_json(dateline: Dateline | None) -> str | None:
    """The document's dateline as a JSON object (its text, place, date and agency), or None."""
    if dateline is None:
        return None
    date = dateline.date
    return json.dumps(
        {
            "text": dateline.text,
            "start": dateline.start,
            "end": dateline.end,
            "place": dateline.place,
            "date_text": dateline.date_text,
            "date": None if date is None else date.iso,
            "date_precision": None if date is None else date.precision,
            "agency": dateline.agency,
        },
        ensure_ascii=False,
    )


PLACE_MENTION_COLUMNS = _words(
    "doc_id start end text geonameid name lat lon country admin1 admin2 feature_code precision"
)


def place_mention_rows(docs: Sequence[Document]) -> list[tuple[Any, ...]]:
    """The resolved place mentions of ``docs``, as rows of ``place_mentions``."""
    rows = []
    for d in docs:
        for m in d.mentions:
            p = m.place
            if m.kind != "place" or p is None or p.unresolved is not None or p.lat is None:
                continue
            where = (p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2)
            rows.append((d.id, m.start, m.end, m.text, *where, p.feature_code, p.precision))
    return rows


def _place_row(p: Place) -> tuple[Any, ...]:
    return (p.text, p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.feature_code, p.precision)


def _relation_row(r: Relation) -> tuple[Any, ...]:
    source, target, span = r.source, r.target, r.evidence
    return (
        *(_relation_id(r), source.identifier_id, source.entity_text, source.code),
        *(target.identifier_id, target.entity_text, target.code, r.kind),
        *(span.doc_id, span.start, span.end, r.text, r.status, r.origin, source.sector, target.sector),
    )


def _columns(names: Sequence[str]) -> str:
    return ", ".join(_quote(name) for name in names)


def _names(refs: Sequence[ActorRef]) -> str:
    return "; ".join(ref.entity_text for ref in refs)


def _place_key(place: Place) -> str:
    if place.geonameid is not None:
        return f"geonames:{place.geonameid}"
    return f"text:{(place.name or place.text).casefold()}"


def _relation_id(relation: Relation) -> str:
    parts = (
        relation.source.identifier_id or relation.source.entity_text,
        relation.target.identifier_id or relation.target.entity_text,
        relation.kind if relation.origin == "text" else f"{relation.kind}:{relation.origin}",
        relation.evidence.doc_id,
        str(relation.evidence.start),
        str(relation.evidence.end),
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _utcnow() -> dt.datetime:
    """Naive UTC, which DuckDB stores as TIMESTAMP without needing a time-zone library."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
