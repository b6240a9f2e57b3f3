"""The store's schema as an ordered list of migrations, each recorded in the ``migrations`` table.

A migration is never edited once released: a change to the schema is a new migration appended to
:data:`MIGRATIONS`. :func:`migrate` applies the ones a store has not seen yet, each in its own
transaction together with its ``migrations`` row, so a store is always at a recorded version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from whimbrel.errors import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: a version number, a one-line name and its SQL statements."""

    version: int
    name: str
    statements: tuple[str, ...]


_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""

_INITIAL = (
    """
    CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        config JSON NOT NULL,
        counts JSON,
        timings JSON
    )
    """,
    # status is 'coded', 'duplicate', 'skipped' or 'failed'; reason says why for the last three.
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        origin TEXT NOT NULL,
        title TEXT,
        url TEXT,
        source TEXT,
        published DATE,
        language TEXT,
        status TEXT NOT NULL,
        reason TEXT,
        n_chars BIGINT NOT NULL,
        run_id TEXT,
        added_at TIMESTAMP NOT NULL,
        text TEXT NOT NULL
    )
    """,
    # seq orders passages by arrival, so the first stored occurrence of a text is well defined.
    "CREATE SEQUENCE passages_seq",
    """
    CREATE TABLE passages (
        doc_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        "start" BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        text_hash TEXT NOT NULL,
        duplicate_of TEXT,
        seq BIGINT NOT NULL DEFAULT nextval('passages_seq'),
        PRIMARY KEY (doc_id, idx)
    )
    """,
    # record is the export record (whimbrel.exports.record); the other columns are for filtering.
    """
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        event TEXT NOT NULL,
        cameo TEXT,
        quad_code INTEGER,
        status TEXT NOT NULL,
        confidence DOUBLE,
        date TEXT,
        date_precision TEXT,
        "start" BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        event_text TEXT,
        actor_names TEXT,
        recipient_names TEXT,
        location TEXT,
        place_key TEXT,
        run_id TEXT,
        record JSON NOT NULL
    )
    """,
    """
    CREATE TABLE event_mentions (
        event_id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        "start" BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        PRIMARY KEY (event_id, doc_id, "start", "end")
    )
    """,
    """
    CREATE TABLE actors (
        identifier_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        code TEXT,
        sector TEXT
    )
    """,
    """
    CREATE TABLE actor_aliases (
        identifier_id TEXT NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (identifier_id, alias)
    )
    """,
    # place_key is 'geonames:<id>' for a resolved place, else 'text:<casefolded name>'.
    """
    CREATE TABLE places (
        place_key TEXT PRIMARY KEY,
        "text" TEXT,
        name TEXT,
        geonameid BIGINT,
        lat DOUBLE,
        lon DOUBLE,
        country TEXT,
        admin1 TEXT,
        feature_code TEXT,
        "precision" TEXT
    )
    """,
    # source_id/target_id are actor identifier_ids when resolved; start/end are the evidence span.
    """
    CREATE TABLE relations (
        id TEXT PRIMARY KEY,
        source_id TEXT,
        source_text TEXT NOT NULL,
        source_code TEXT,
        target_id TEXT,
        target_text TEXT NOT NULL,
        target_code TEXT,
        kind TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        "start" BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        "text" TEXT
    )
    """,
)

# The text spans behind each event's fields (role is trigger, actor, recipient, place or date), for
# the dashboard's document reader; found by whimbrel.store.spans when the event is written.
_EVENT_SPANS = (
    """
    CREATE TABLE event_spans (
        event_id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        role TEXT NOT NULL,
        "start" BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        "text" TEXT NOT NULL,
        PRIMARY KEY (event_id, doc_id, role, "start", "end")
    )
    """,
)

# Relations say how the evidence reports them (asserted, negated, denied, alleged) and where they come
# from ("text" or "kb"), and the sectors of their two actors; rows written before keep NULL, read as
# asserted text relations.
_RELATION_STATUS = (
    "ALTER TABLE relations ADD COLUMN status TEXT",
    "ALTER TABLE relations ADD COLUMN origin TEXT",
    "ALTER TABLE relations ADD COLUMN source_sector TEXT",
    "ALTER TABLE relations ADD COLUMN target_sector TEXT",
)

# What produced a run's records (whimbrel version, knowledge fingerprint, model, day): exports give
# it as each record's produced_by. Older runs keep NULL.
_PRODUCED_BY = ("ALTER TABLE runs ADD COLUMN produced_by JSON",)
# Every resolved place mention of a stored document (``whimbrel export --format places-jsonl``).
_PLACE_MENTIONS = (
    """
    CREATE TABLE place_mentions (
        doc_id TEXT,
        "start" INTEGER,
        "end" INTEGER,
        "text" TEXT,
        geonameid BIGINT,
        name TEXT,
        lat DOUBLE,
        lon DOUBLE,
        country TEXT,
        admin1 TEXT,
        admin2 TEXT,
        feature_code TEXT,
        "precision" TEXT,
        PRIMARY KEY (doc_id, "start", "end")
    )
    """,
)

# Wire metadata and the incident and attribution fields of the record (issue 10). Older rows keep
# NULL: a passage without a role is reporting, a document without a dateline has none.
_WIRE_METADATA = (
    "ALTER TABLE passages ADD COLUMN role TEXT",
    "ALTER TABLE documents ADD COLUMN dateline JSON",
    "ALTER TABLE events ADD COLUMN incident_id TEXT",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _INITIAL),
    Migration(2, "event spans", _EVENT_SPANS),
    Migration(3, "relation status and origin", _RELATION_STATUS),
    Migration(4, "what produced each run", _PRODUCED_BY),
    Migration(5, "passage roles, document datelines, event incidents", _WIRE_METADATA),
    Migration(6, "place mentions", _PLACE_MENTIONS),
)
"""Every schema step, oldest first; versions are 1, 2, 3... without gaps."""

LATEST = MIGRATIONS[-1].version


def applied_versions(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The migration versions recorded in the store, oldest first (empty for a new store)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    return [int(row[0]) for row in con.execute("SELECT version FROM migrations ORDER BY version").fetchall()]


def migrate(con: duckdb.DuckDBPyConnection, path: str) -> list[int]:
    """Apply the migrations the store at ``path`` has not seen yet; return the versions applied now."""
    con.execute(_MIGRATIONS_TABLE)
    done = set(applied_versions(con))
    _refuse_newer(done, path)
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        con.begin()
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO migrations VALUES (?, ?, ?)",
                [migration.version, migration.name, _utcnow()],
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
        applied.append(migration.version)
    return applied


def check(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Raise StoreError unless the store is at exactly the latest schema version (read-only opening)."""
    done = set(applied_versions(con))
    _refuse_newer(done, path)
    missing = [m.version for m in MIGRATIONS if m.version not in done]
    if missing:
        raise StoreError(
            f"{path}: store schema is not up to date (missing migrations {missing}); "
            "open it once without read_only to migrate it"
        )


def _refuse_newer(done: set[int], path: str) -> None:
    if done and max(done) > LATEST:
        raise StoreError(
            f"{path}: store schema version {max(done)} is newer than this whimbrel supports ({LATEST}); "
            "upgrade whimbrel"
        )


def _utcnow() -> dt.datetime:
    """Naive UTC, which DuckDB stores as TIMESTAMP without needing a time-zone library."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
