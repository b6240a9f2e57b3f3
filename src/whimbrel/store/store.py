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
import json
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from whimbrel.errors import StoreError
from whimbrel.exports.provenance import cite_info, with_provenance
from whimbrel.model import Document
from whimbrel.store import schema
from whimbrel.store.snapshot import Publisher, is_lock_error
from whimbrel.store.writes import (
    _RELATION_COLUMNS,
    PLACE_MENTION_COLUMNS,
    STORED_STATUSES,
    UNREAD_STATUSES,
    _Batch,
    _columns,
    _utcnow,
    _words,
)
from whimbrel.store.writes import WriteCounts as WriteCounts

TABLES = _words(
    "documents passages events event_mentions actors actor_aliases places place_mentions relations runs"
)


class Store:
    """An embedded DuckDB store of coded documents and events."""

    def __init__(
        self, path: str | Path = "whimbrel.duckdb", *, read_only: bool = False, lock_wait: float = 10.0
    ) -> None:
        """Open (creating and migrating unless read_only) the store at ``path``; ":memory:" works.

        Another process holding the file's lock (a server taking a snapshot, say) is waited for up to
        ``lock_wait`` seconds.
        """
        self.path = str(path)
        self.read_only = read_only
        try:
            if not self.path.startswith(":memory:") and not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._con = _connect(self.path, read_only, lock_wait)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        self._closed = False
        self._publisher = Publisher(self.path)
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
            try:
                if not self.read_only:
                    self._publisher.flush(self._con)
            finally:
                self._con.close()

    # -- runs ---------------------------------------------------------------------------------------

    def start_run(self, config: Mapping[str, Any], produced_by: Mapping[str, Any] | None = None) -> str:
        """Record the start of a run with its config and what produces it; return the run id."""
        now = _utcnow()
        run_id = f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        config_json = json.dumps(dict(config), ensure_ascii=False, default=str)
        produced = None if produced_by is None else json.dumps(dict(produced_by), ensure_ascii=False)
        self._execute(
            "INSERT INTO runs (id, started_at, config, produced_by) VALUES (?, ?, ?, ?)",
            [run_id, now, config_json, produced],
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
        self._publisher.changed()

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

    def write(self, docs: Sequence[Document], run_id: str, *, recode: bool = False) -> WriteCounts:
        """Store a batch of documents with their passages, events and relations, in one transaction.

        With ``recode``, a document stored as coded with the same id and content is written again: its
        events, passages and relations are replaced, not added to.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")
        if not docs:
            return WriteCounts()
        try:
            self._con.begin()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot start a write: {exc}") from exc
        try:
            counts = _Batch(self._con, run_id, recode=recode).write(docs)
            self._con.commit()
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(
                f"{self.path}: writing {len(docs)} documents failed, none stored: {exc}"
            ) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self._publisher.after_write(self._con)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: stored, but cannot publish a snapshot: {exc}") from exc
        return counts

    # -- reading ------------------------------------------------------------------------------------

    def event_records(self, *, doc_ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Export records of the stored events (of those reported by ``doc_ids``), by doc, start, id.

        Each record carries the ``cite_info`` of its document and the ``produced_by`` of its run.
        """
        sql = (
            "SELECT e.record, d.title, d.url, d.source, CAST(d.published AS TEXT), d.origin, r.produced_by "
            "FROM events e LEFT JOIN documents d ON d.id = e.doc_id LEFT JOIN runs r ON r.id = e.run_id"
        )
        params: list[Any] = []
        if doc_ids is not None:
            sql += " WHERE e.id IN (SELECT event_id FROM event_mentions WHERE list_contains(?, doc_id))"
            params.append(list(doc_ids))
        sql += ' ORDER BY e.doc_id, e."start", e.id'
        try:
            cursor = self._con.cursor()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot read events: {exc}") from exc
        try:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(1000):
                for record, title, url, source, published, origin, produced in batch:
                    cite = cite_info(title=title, url=url, source=source, published=published, file=origin)
                    yield with_provenance(
                        json.loads(record), cite, None if produced is None else json.loads(produced)
                    )
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot read events: {exc}") from exc
        finally:
            cursor.close()

    def place_mentions(self) -> Iterator[dict[str, Any]]:
        """Every stored resolved place mention, by document and offset."""
        columns = ", ".join(f'"{c}"' for c in PLACE_MENTION_COLUMNS)
        sql = f'SELECT {columns} FROM place_mentions ORDER BY doc_id, "start", "end"'
        try:
            rows = self._con.execute(sql).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot read place mentions: {exc}") from exc
        for row in rows:
            yield dict(zip(PLACE_MENTION_COLUMNS, row, strict=True))

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

    def resolve_document(self, ref: str) -> list[str]:
        """The ids of the documents ``ref`` names: an id, a unique id prefix, or a file name or path.

        A file name matches every document read from that file (each row of a table, item of a
        feed, member of an archive). Raises StoreError when nothing matches and when an id prefix
        fits several documents.
        """
        exact = self._execute("SELECT id FROM documents WHERE id = ?", [ref])
        if exact:
            return [str(exact[0][0])]
        by_file = [
            str(doc_id)
            for doc_id, origin in self._execute("SELECT id, origin FROM documents ORDER BY added_at, id")
            if ref in _file_names(str(origin))
        ]
        if by_file:
            return by_file
        prefixed = [
            str(row[0])
            for row in self._execute(
                "SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [ref]
            )
        ]
        if len(prefixed) == 1:
            return prefixed
        if prefixed:
            shown = ", ".join(prefixed[:5]) + (", ..." if len(prefixed) > 5 else "")
            raise StoreError(f"--doc {ref!r} fits several documents ({shown}); give more of the id")
        raise StoreError(f"--doc {ref!r}: no stored document has that id, id prefix or file name")

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
            {
                "index": idx,
                "start": start,
                "end": end,
                "text_hash": text_hash,
                "duplicate_of": dup,
                "role": role,
            }
            for idx, start, end, text_hash, dup, role in self._execute(
                'SELECT idx, "start", "end", text_hash, duplicate_of, role FROM passages '
                "WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            )
        ]
        return doc

    def stored_documents(self, doc_ids: Sequence[str] | None = None) -> Iterator[Document]:
        """The coded documents as ingested (text and metadata, nothing coded), in the order stored, to
        code them again; only those of ``doc_ids`` when given."""
        sql = (
            "SELECT id, text, content_hash, origin, title, url, source, published, language "
            "FROM documents WHERE status = 'coded'"
        )
        params: list[Any] = []
        if doc_ids is not None:
            sql += " AND list_contains(?, id)"
            params.append(list(doc_ids))
        for row in self._execute(sql + " ORDER BY added_at, id", params):
            doc_id, text, content_hash, origin, title, url, source, published, language = row
            yield Document(
                id=doc_id,
                text=text,
                content_hash=content_hash,
                origin=origin,
                title=title,
                url=url,
                source=source,
                published=published,
                language=language or "en",
            )

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


def _connect(path: str, read_only: bool, lock_wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + lock_wait
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_error(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


_PART = re.compile(r"(![^!]*|#\d+|:\d+)$")


def _file_names(origin: str) -> set[str]:
    """The names a document's origin answers to: itself, its file's path and its file's name.

    ``corpus.csv:12`` (a row), ``wire.rss#3`` (an item) and ``bundle.zip!a.txt`` (a member) are
    read from ``corpus.csv``, ``wire.rss`` and ``bundle.zip``.
    """
    names = {origin}
    path = origin
    while (shorter := _PART.sub("", path)) != path:
        path = shorter
        names.add(path)
    names.add(os.path.basename(path))
    return names


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())
