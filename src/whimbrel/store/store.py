"""The DuckDB store: documents, passages, events and the actor network, one transaction per batch.

Writing is idempotent. A document whose content is already stored as coded (or duplicate) adds
nothing, so a run that is killed and started again neither loses nor doubles anything; only a
``duplicate`` one is listed, as a row with its reason. A failed or skipped document is kept by id
with its reason and is replaced when the same id or origin is later read successfully. Events are
keyed by id: the same event reported by another document adds a mention and a source to the stored
event (corroboration) instead of a second row.

A Store wraps one DuckDB connection and is meant for one thread at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from whimbrel.errors import StoreError
from whimbrel.exports.record import dumps_record, event_to_record
from whimbrel.model import ActorRef, Document, Event, Place, Relation
from whimbrel.store import schema


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


STORED_STATUSES = ("coded", "duplicate")
"""Statuses whose content counts as stored: a document with the same content hash adds nothing."""

UNREAD_STATUSES = ("failed", "skipped")
"""Statuses of documents kept only as a row with a reason; they are upserted by id."""

_ROW_ONLY_STATUSES = ("duplicate", *UNREAD_STATUSES)

TABLES = _words("documents passages events event_mentions actors actor_aliases places relations runs")


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


class Store:
    """An embedded DuckDB store of coded documents and events."""

    def __init__(self, path: str | Path = "whimbrel.duckdb", *, read_only: bool = False) -> None:
        """Open (creating and migrating unless read_only) the store at ``path``; ":memory:" works."""
        self.path = str(path)
        self.read_only = read_only
        try:
            if not self.path.startswith(":memory:") and not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        self._closed = False
        try:
            if read_only:
                schema.check(self._con, self.path)
            else:
                schema.migrate(self._con, self.path)
        except StoreError:
            self.close()
            raise
        except duckdb.Error as exc:
            self.close()
            raise StoreError(f"{self.path}: cannot prepare store schema: {exc}") from exc

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        if not self._closed:
            self._closed = True
            self._con.close()

    # -- runs ---------------------------------------------------------------------------------------

    def start_run(self, config: Mapping[str, Any]) -> str:
        """Record the start of a run with its config; return the run id."""
        now = _utcnow()
        run_id = f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        config_json = json.dumps(dict(config), ensure_ascii=False, default=str)
        self._execute(
            "INSERT INTO runs (id, started_at, config) VALUES (?, ?, ?)", [run_id, now, config_json]
        )
        return run_id

    def finish_run(self, run_id: str, counts: Mapping[str, int], timings: Mapping[str, float]) -> None:
        """Record the end of a run with its counts and timings (seconds)."""
        rows = self._execute(
            "UPDATE runs SET finished_at = ?, counts = ?, timings = ? WHERE id = ? RETURNING id",
            [_utcnow(), json.dumps(dict(counts)), json.dumps(dict(timings)), run_id],
        )
        if not rows:
            raise StoreError(f"{self.path}: no run with id {run_id!r}")

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first, with its config, counts and timings decoded."""
        rows = self._execute(
            "SELECT id, started_at, finished_at, config, counts, timings FROM runs ORDER BY started_at, id"
        )
        return [
            {
                "id": run_id,
                "started_at": _iso(started),
                "finished_at": _iso(finished),
                "config": json.loads(config),
                "counts": None if counts is None else json.loads(counts),
                "timings": None if timings is None else json.loads(timings),
            }
            for run_id, started, finished, config, counts, timings in rows
        ]

    # -- what is already stored ---------------------------------------------------------------------

    def known_content(self, hashes: Iterable[str]) -> dict[str, set[str]]:
        """For each given content hash already stored as coded or duplicate, the ids stored with it."""
        wanted = sorted({h for h in hashes if h})
        if not wanted:
            return {}
        rows = self._execute(
            "SELECT content_hash, id FROM documents "
            "WHERE status IN ('coded', 'duplicate') AND list_contains(?, content_hash)",
            [wanted],
        )
        found: dict[str, set[str]] = {}
        for content, doc_id in rows:
            found.setdefault(str(content), set()).add(str(doc_id))
        return found

    def passage_index(self) -> dict[str, str]:
        """Each stored passage text hash -> ``"<doc_id>:<index>"`` of its first stored occurrence."""
        rows = self._execute(
            "SELECT text_hash, arg_min(coalesce(duplicate_of, doc_id || ':' || CAST(idx AS TEXT)), seq) "
            "FROM passages GROUP BY text_hash"
        )
        return {str(text_hash): str(ref) for text_hash, ref in rows}

    # -- writing ------------------------------------------------------------------------------------

    def write(self, docs: Sequence[Document], run_id: str) -> WriteCounts:
        """Store a batch of documents with their passages, events and relations, in one transaction."""
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")
        if not docs:
            return WriteCounts()
        try:
            self._con.begin()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot start a write: {exc}") from exc
        try:
            counts = _Batch(self._con, run_id).write(docs)
            self._con.commit()
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(
                f"{self.path}: writing {len(docs)} documents failed, none stored: {exc}"
            ) from exc
        except BaseException:
            self._rollback()
            raise
        return counts

    # -- reading ------------------------------------------------------------------------------------

    def event_records(self, *, doc_ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Export records of the stored events (of those reported by ``doc_ids``), by doc, start, id."""
        sql = "SELECT record FROM events"
        params: list[Any] = []
        if doc_ids is not None:
            sql += " WHERE id IN (SELECT event_id FROM event_mentions WHERE list_contains(?, doc_id))"
            params.append(list(doc_ids))
        sql += ' ORDER BY doc_id, "start", id'
        try:
            cursor = self._con.cursor()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot read events: {exc}") from exc
        try:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(1000):
                for (record,) in batch:
                    yield json.loads(record)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot read events: {exc}") from exc
        finally:
            cursor.close()

    def events(
        self,
        *,
        limit: int = 50,
        event: str | None = None,
        status: str | None = None,
        doc_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Rows for an events table, filtered by PLOVER event, status and reporting document.

        ``limit`` <= 0 means no limit.
        """
        where: list[str] = []
        params: list[Any] = []
        if event is not None:
            where.append("event = ?")
            params.append(event.upper())
        if status is not None:
            where.append("status = ?")
            params.append(status)
        if doc_id is not None:
            where.append("id IN (SELECT event_id FROM event_mentions WHERE doc_id = ?)")
            params.append(doc_id)
        sql = (
            "SELECT id, doc_id, event, cameo, actor_names, recipient_names, location, date, status, "
            "confidence, event_text FROM events"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY doc_id, "start", id'
        if limit > 0:
            sql += " LIMIT ?"
            params.append(limit)
        return [dict(zip(_EVENT_ROW_KEYS, row, strict=True)) for row in self._execute(sql, params)]

    def documents(self) -> list[dict[str, Any]]:
        """Every stored document (without its text), in the order stored, with its event count."""
        return [
            self._document_row(row) for row in self._execute(_DOCUMENTS_SQL + " ORDER BY d.added_at, d.id")
        ]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its text and passages, or None when it is not stored."""
        rows = self._execute(_DOCUMENTS_SQL + " WHERE d.id = ?", [doc_id])
        if not rows:
            return None
        doc = self._document_row(rows[0])
        text_rows = self._execute("SELECT text FROM documents WHERE id = ?", [doc_id])
        doc["text"] = text_rows[0][0]
        doc["passages"] = [
            {"index": idx, "start": start, "end": end, "text_hash": text_hash, "duplicate_of": dup}
            for idx, start, end, text_hash, dup in self._execute(
                'SELECT idx, "start", "end", text_hash, duplicate_of FROM passages '
                "WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            )
        ]
        return doc

    def relations(self) -> list[dict[str, Any]]:
        """Every actor-actor relation with its evidence, by document and offset."""
        sql = f'SELECT {_columns(_RELATION_COLUMNS)} FROM relations ORDER BY doc_id, "start", id'
        return [dict(zip(_RELATION_COLUMNS, row, strict=True)) for row in self._execute(sql)]

    def counts(self) -> dict[str, int]:
        """Row counts of each table, and ``documents_<status>`` for each document status."""
        selects = ", ".join(f"(SELECT count(*) FROM {table})" for table in TABLES)
        row = self._execute(f"SELECT {selects}")[0]
        counts = {table: int(n) for table, n in zip(TABLES, row, strict=True)}
        for status in (*STORED_STATUSES, *UNREAD_STATUSES):
            counts[f"documents_{status}"] = 0
        for status, n in self._execute("SELECT status, count(*) FROM documents GROUP BY status"):
            counts[f"documents_{status}"] = int(n)
        return counts

    # -- internals ----------------------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, params).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def _rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):  # a failed commit has already ended the transaction
            self._con.rollback()

    @staticmethod
    def _document_row(row: tuple[Any, ...]) -> dict[str, Any]:
        doc = dict(zip(_DOCUMENT_KEYS, row, strict=True))
        doc["published"] = _iso(doc["published"])
        doc["added_at"] = _iso(doc["added_at"])
        return doc


_EVENT_ROW_KEYS = _words("id doc_id event cameo actor recipient location date status confidence event_text")
_DOCUMENT_KEYS = _words(
    "id origin status reason n_events title url source published language n_chars content_hash run_id "
    "added_at"
)
_DOCUMENTS_SQL = """
SELECT d.id, d.origin, d.status, d.reason, coalesce(n.n_events, 0), d.title, d.url, d.source, d.published,
       d.language, d.n_chars, d.content_hash, d.run_id, d.added_at
FROM documents d
LEFT JOIN (SELECT doc_id, count(DISTINCT event_id) AS n_events FROM event_mentions GROUP BY doc_id) n
       ON n.doc_id = d.id
"""
_DOCUMENT_COLUMNS = _words(
    "id content_hash origin title url source published language status reason n_chars run_id added_at text"
)
_PASSAGE_COLUMNS = ("doc_id", "idx", "start", "end", "text_hash", "duplicate_of")
_EVENT_COLUMNS = _words(
    "id doc_id event cameo quad_code status confidence date date_precision start end event_text "
    "actor_names recipient_names location place_key run_id record"
)
_MENTION_COLUMNS = ("event_id", "doc_id", "start", "end")
_ACTOR_COLUMNS = ("identifier_id", "name", "code", "sector")
_PLACE_COLUMNS = _words("place_key text name geonameid lat lon country admin1 feature_code precision")
_RELATION_COLUMNS = _words(
    "id source_id source_text source_code target_id target_text target_code kind doc_id start end text"
)


class _Batch:
    """One ``Store.write``: decides what each document adds, then inserts it with bulk statements."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        self._con = con
        self._run_id = run_id
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
            (d.id, p.index, p.start, p.end, p.text_hash, p.duplicate_of) for d in stored for p in d.passages
        ]
        events = [event for doc in stored for event in doc.events]
        relations = [relation for doc in stored for relation in doc.relations]
        n_events, n_mentions, n_corroborated = self._write_events(events)
        n_passages = self._insert("passages", _PASSAGE_COLUMNS, passages)
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
        known = {
            str(row[0])
            for row in self._rows(
                "SELECT content_hash FROM documents "
                "WHERE status IN ('coded', 'duplicate') AND list_contains(?, content_hash)",
                [hashes],
            )
        }
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
            *(d.reason, len(d.text), self._run_id, added_at, d.text),
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
        *(None if loc is None else _place_key(loc), run_id, dumps_record(record)),
    )


def _place_row(p: Place) -> tuple[Any, ...]:
    return (p.text, p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.feature_code, p.precision)


def _relation_row(r: Relation) -> tuple[Any, ...]:
    source, target, span = r.source, r.target, r.evidence
    return (
        *(_relation_id(r), source.identifier_id, source.entity_text, source.code),
        *(target.identifier_id, target.entity_text, target.code, r.kind),
        *(span.doc_id, span.start, span.end, r.text),
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
        relation.kind,
        relation.evidence.doc_id,
        str(relation.evidence.start),
        str(relation.evidence.end),
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def _utcnow() -> dt.datetime:
    """Naive UTC, which DuckDB stores as TIMESTAMP without needing a time-zone library."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
