"""A read model of a store snapshot: the snapshot attached read-only, plus flat tables built once.

The store keeps each event's record as JSON. Filtering and counting 100,000 events by actor, mode or
country through JSON on every request is too slow for a dashboard, so opening a read model flattens
them once into in-memory tables:

- ``ev``: one row per event with the columns the filters and charts use (the day as a DATE, the
  place's country and coordinates, the modes as a list, the sentence);
- ``actor_index``: one row per actor, with a stable ``actor_key`` (the identifier id, else ``text:``
  and the casefolded entity text), an integer key ``a``, its label, code, sector and the names it
  was written as;
- ``event_actors``: one row per (event, role, actor), role ``actor`` or ``recipient``;
- ``actor_events``: one row per (event, actor) whatever the role;
- ``dyads``: one row per directed (actor, recipient) pair of an event, with its quad class and day.

Events are joined by ``n``, an integer key of ``ev``, and actors by ``a`` (faster than text keys).

Every stored table is visible under its own name through a view over the snapshot. A connection is
used through ``cursor()``, one per thread.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from whimbrel.errors import StoreError
from whimbrel.store.store import TABLES

STORED_TABLES = (*TABLES, "event_spans")

_ACTOR_TYPE = (
    '[{"entity_text": "VARCHAR", "code": "VARCHAR", "sector": "VARCHAR", '
    '"identifier_id": "VARCHAR", "identifier_text": "VARCHAR"}]'
)

_EV = """
CREATE TABLE ev AS
SELECT row_number() OVER (ORDER BY e.id) AS n, e.id, e.doc_id, e.event, e.cameo, e.quad_code, e.status,
       e.confidence, e.date, e.date_precision,
       try_cast(CASE length(e.date) WHEN 4 THEN e.date || '-01-01' WHEN 7 THEN e.date || '-01'
                ELSE left(e.date, 10) END AS DATE) AS day,
       e."start", e."end", e.event_text, e.actor_names, e.recipient_names, e.location, e.place_key,
       coalesce(p.country, json_extract_string(e.record, '$.event_loc.country')) AS country,
       coalesce(p.lat, TRY_CAST(json_extract(e.record, '$.event_loc.lat') AS DOUBLE)) AS lat,
       coalesce(p.lon, TRY_CAST(json_extract(e.record, '$.event_loc.lon') AS DOUBLE)) AS lon,
       coalesce(p."precision", json_extract_string(e.record, '$.event_loc.precision')) AS place_precision,
       coalesce(TRY_CAST(json_extract(e.record, '$.mode') AS VARCHAR[]), []) AS mode,
       json_extract_string(e.record, '$.text') AS sentence,
       json_extract_string(e.record, '$.attribution.kind') AS attribution,
       lower(concat_ws(' ', json_extract_string(e.record, '$.text'), e.actor_names, e.recipient_names,
                       e.location)) AS haystack
FROM snap.events e LEFT JOIN snap.places p ON p.place_key = e.place_key
"""

_RAW_ACTORS = f"""
CREATE TEMP TABLE raw_actors AS
SELECT x.n, x.role, a.entity_text AS name, a.code, a.sector,
       coalesce(a.identifier_id, 'text:' || lower(a.entity_text)) AS actor_key,
       coalesce(a.identifier_text, a.entity_text) AS label
FROM (
    SELECT v.n, 'actor' AS role, unnest(from_json(r.record -> '$.actor', '{_ACTOR_TYPE}')) AS a
    FROM snap.events r JOIN ev v ON v.id = r.id
    UNION ALL
    SELECT v.n, 'recipient', unnest(from_json(r.record -> '$.recipient', '{_ACTOR_TYPE}'))
    FROM snap.events r JOIN ev v ON v.id = r.id
) x
WHERE a.entity_text IS NOT NULL
"""

# One row per actor: its integer key ``a``, the names it was written as (casefolded) for matching.
_ACTOR_INDEX = """
CREATE TABLE actor_index AS
SELECT row_number() OVER (ORDER BY actor_key) AS a, actor_key, label, lower(label) AS label_lc, code, sector,
       names_lc
FROM (
    SELECT actor_key, arg_max(label, k) AS label, arg_max(code, k) AS code, arg_max(sector, k) AS sector,
           list(DISTINCT lower(name)) AS names_lc
    FROM (SELECT actor_key, label, code, sector, name, count(*) OVER (PARTITION BY actor_key, label) AS k
          FROM raw_actors)
    GROUP BY actor_key
)
"""

_EVENT_ACTORS = """
CREATE TABLE event_actors AS
SELECT DISTINCT r.n, r.role, i.a, r.name FROM raw_actors r JOIN actor_index i USING (actor_key)
"""

# One row per (event, actor) whatever the role, for activity counts without DISTINCT.
_ACTOR_EVENTS = "CREATE TABLE actor_events AS SELECT DISTINCT n, a FROM event_actors"

# Directed dyads: each (actor, recipient) pair of an event, once.
_DYADS = """
CREATE TABLE dyads AS
SELECT DISTINCT x.n, x.a AS source, y.a AS target, e.quad_code, e.day
FROM event_actors x
JOIN event_actors y ON y.n = x.n AND y.role = 'recipient'
JOIN ev e ON e.n = x.n
WHERE x.role = 'actor'
"""

_LOOKED_UP = ("event_mentions", "event_spans")

_EMPTY_SPANS = """
CREATE TABLE event_spans (event_id TEXT, doc_id TEXT, role TEXT, "start" BIGINT, "end" BIGINT, "text" TEXT)
"""


def open_read_model(snapshot: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection over the snapshot file, with the flat tables built."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET threads TO 2")
        con.execute("SET enable_progress_bar = false")
        con.execute("ATTACH ? AS snap (READ_ONLY)", [str(snapshot)])
        present = {
            str(row[0])
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'snap'"
            ).fetchall()
        }
        for table in STORED_TABLES:
            if table in _LOOKED_UP and table in present:
                # Looked up by event and by document on every detail request: kept in memory, indexed.
                con.execute(f"CREATE TABLE {table} AS SELECT * FROM snap.{table}")
            elif table in present:
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM snap.{table}")
            elif table == "event_spans":
                con.execute(_EMPTY_SPANS)  # a store written before spans were kept
            else:
                raise StoreError(f"{snapshot}: not a whimbrel store (no table {table!r})")
        for table in _LOOKED_UP:
            for column in ("event_id", "doc_id"):
                con.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
        con.execute(_EV)
        for statement in (_RAW_ACTORS, _ACTOR_INDEX, _EVENT_ACTORS, _ACTOR_EVENTS, _DYADS):
            con.execute(statement)
        con.execute("DROP TABLE raw_actors")
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{snapshot}: cannot read the snapshot: {exc}") from exc
    except BaseException:
        con.close()
        raise
    return con
