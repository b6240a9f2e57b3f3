"""Counts over a read model: the overview, time series, the actor network, actors and places.

Dyads are directed (actor, recipient) pairs of one event; an event with two actors and one recipient
gives two dyads. Every function takes a read-model cursor and an :class:`EventFilter`.
"""

from __future__ import annotations

from typing import Any, Literal

from whimbrel.store.filters import EventFilter
from whimbrel.store.queries import Cursor, rows

Interval = Literal["day", "week", "month"]
SeriesBy = Literal["none", "type", "country", "dyad", "quad"]


def overview(con: Cursor, flt: EventFilter, *, top: int = 10) -> dict[str, Any]:
    """Totals, events by type and status, the top actors and dyads, and the weekly trend."""
    scope = flt.scope(con)
    total, docs, first, last, located = rows(
        con, f"SELECT count(*), count(DISTINCT doc_id), min(day), max(day), count(lat) FROM ev{scope}"
    )[0]
    by_type = rows(con, f"SELECT event, count(*) FROM ev{scope} GROUP BY 1 ORDER BY 2 DESC, 1")
    by_status = rows(con, f"SELECT status, count(*) FROM ev{scope} GROUP BY 1 ORDER BY 2 DESC, 1")
    n_actors = rows(con, f"SELECT count(DISTINCT a) FROM actor_events{scope}")[0][0]
    return {
        "totals": {
            "events": int(total),
            "documents": int(docs),
            "located": int(located),
            "actors": int(n_actors),
            "first_date": None if first is None else first.isoformat(),
            "last_date": None if last is None else last.isoformat(),
        },
        "by_type": [{"event": k, "count": int(n)} for k, n in by_type],
        "by_status": [{"status": k, "count": int(n)} for k, n in by_status],
        "top_actors": _ranked_actors(con, scope, limit=top),
        "top_dyads": _dyads(con, scope, limit=top),
        "trend": _series(con, f"SELECT 'all' AS g, day FROM ev{scope}", "week", 1)[0]["points"]
        if total
        else [],
    }


def dyads(con: Cursor, flt: EventFilter, *, limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent directed dyads with their event counts."""
    return _dyads(con, flt.scope(con), limit=limit)


def _dyads(con: Cursor, scope: str, *, limit: int) -> list[dict[str, Any]]:
    found = rows(
        con,
        f"SELECT s.actor_key, s.label, t.actor_key, t.label, g.k FROM "
        f"(SELECT source, target, count(*) AS k FROM dyads{scope} GROUP BY source, target) g "
        f"JOIN actor_index s ON s.a = g.source JOIN actor_index t ON t.a = g.target "
        f"ORDER BY g.k DESC, s.actor_key, t.actor_key LIMIT ?",
        [limit],
    )
    return [
        {"source": s, "source_label": sl, "target": t, "target_label": tl, "count": int(n)}
        for s, sl, t, tl, n in found
    ]


def timeseries(
    con: Cursor, flt: EventFilter, *, interval: Interval = "week", by: SeriesBy = "none", top: int = 8
) -> dict[str, Any]:
    """Event counts per day, week (from Monday) or month, one series per group of ``by``.

    ``by`` is none (one series), type, quad, country (of the place), or dyad; only the ``top``
    largest groups get a series of their own. Events without a date are left out.
    """
    scope = flt.scope(con)
    if by == "dyad":
        source = (
            f"SELECT s.actor_key || ' → ' || t.actor_key AS g, d.day FROM dyads d{scope} "
            f"JOIN actor_index s ON s.a = d.source JOIN actor_index t ON t.a = d.target"
        )
    else:
        group = {"none": "'all'", "type": "event", "quad": "CAST(quad_code AS TEXT)", "country": "country"}
        source = f"SELECT {group[by]} AS g, day FROM ev{scope}"
    return {"interval": interval, "by": by, "series": _series(con, source, interval, top)}


def _series(con: Cursor, source: str, interval: Interval, top: int) -> list[dict[str, Any]]:
    found = rows(
        con,
        f"""
        WITH kept AS (SELECT * FROM ({source}) WHERE day IS NOT NULL AND g IS NOT NULL),
        groups AS (SELECT g, count(*) AS k FROM kept GROUP BY g ORDER BY k DESC, g LIMIT ?)
        SELECT kept.g, CAST(date_trunc('{interval}', day) AS DATE) AS b, count(*)
        FROM kept JOIN groups USING (g) GROUP BY kept.g, b ORDER BY kept.g, b
        """,
        [top],
    )
    series: dict[str, list[dict[str, Any]]] = {}
    for group_name, bucket_day, n in found:
        series.setdefault(str(group_name), []).append({"date": bucket_day.isoformat(), "count": int(n)})
    ordered = sorted(series.items(), key=lambda item: (-sum(p["count"] for p in item[1]), item[0]))
    return [{"key": key, "total": sum(p["count"] for p in pts), "points": pts} for key, pts in ordered]


def network(con: Cursor, flt: EventFilter, *, nodes: int = 100, min_weight: int = 1) -> dict[str, Any]:
    """The actor network: the ``nodes`` most active actors, and the dyads among them.

    A node's ``activity`` counts the matching events it takes part in, as actor or recipient. An
    edge counts events per quad class (1 verbal cooperation .. 4 material conflict); ``quad`` is
    the most frequent one.
    """
    scope = flt.scope(con)
    top = _ranked_actors(con, scope, limit=nodes, roles=False)
    ints = [a["a"] for a in top]
    keys = {a["a"]: a["id"] for a in top}
    edges = rows(
        con,
        f"SELECT source, target, quad_code, count(*) FROM dyads{scope} "
        f"WHERE source IN (SELECT unnest(?)) AND target IN (SELECT unnest(?)) AND source <> target "
        f"GROUP BY source, target, quad_code",
        [ints, ints],
    )
    merged: dict[tuple[str, str], dict[int, int]] = {}
    for source, target, quad, n in edges:
        merged.setdefault((keys[source], keys[target]), {})[int(quad or 0)] = int(n)
    edge_list = []
    for (source, target), quads in sorted(merged.items()):
        weight = sum(quads.values())
        if weight < min_weight:
            continue
        dominant = max(sorted(quads), key=lambda q: quads[q])
        edge_list.append(
            {
                "source": source,
                "target": target,
                "weight": weight,
                "quad": dominant,
                "by_quad": {str(q): n for q, n in sorted(quads.items())},
            }
        )
    return {
        "nodes": [
            {
                "id": a["id"],
                "label": a["label"],
                "code": a["code"],
                "sector": a["sector"],
                "activity": a["events"],
            }
            for a in top
        ],
        "edges": edge_list,
    }


def actors(
    con: Cursor, flt: EventFilter, *, limit: int = 50, offset: int = 0, q: str | None = None
) -> dict[str, Any]:
    """Actors of the matching events, most active first, with their counts as actor and recipient."""
    scope = flt.scope(con)
    total = rows(con, f"SELECT count(DISTINCT a) FROM actor_events{scope}{_named(q)}", _named_params(q))[0][0]
    items = _ranked_actors(con, scope, limit=limit, offset=offset, q=q)
    for item in items:
        del item["a"]
    return {"total": int(total), "items": items}


def _named(q: str | None) -> str:
    return " WHERE a IN (SELECT a FROM actor_index WHERE label ILIKE ? OR actor_key = ?)" if q else ""


def _named_params(q: str | None) -> list[Any]:
    return [f"%{q}%", q] if q else []


def _ranked_actors(
    con: Cursor, scope: str, *, limit: int, offset: int = 0, q: str | None = None, roles: bool = True
) -> list[dict[str, Any]]:
    page = rows(
        con,
        f"SELECT i.a, i.actor_key, i.label, i.code, i.sector, g.k FROM "
        f"(SELECT a, count(*) AS k FROM actor_events{scope}{_named(q)} GROUP BY a) g "
        f"JOIN actor_index i USING (a) ORDER BY g.k DESC, i.actor_key LIMIT ? OFFSET ?",
        [*_named_params(q), limit, offset],
    )
    counts: dict[tuple[int, str], int] = {}
    if roles and page:
        for a, role, k in rows(
            con,
            f"SELECT a, role, count(*) FROM event_actors{scope} "
            f"WHERE a IN (SELECT unnest(?)) GROUP BY a, role",
            [[row[0] for row in page]],
        ):
            counts[(int(a), str(role))] = int(k)
    return [
        {
            "a": int(a),
            "id": key,
            "label": label,
            "code": code,
            "sector": sector,
            "events": int(n),
            "as_actor": counts.get((int(a), "actor"), 0),
            "as_recipient": counts.get((int(a), "recipient"), 0),
        }
        for a, key, label, code, sector, n in page
    ]


def actor_detail(
    con: Cursor, actor_key: str, flt: EventFilter, *, interval: Interval = "week"
) -> dict[str, Any] | None:
    """One actor: names, codes, activity over time (as actor and as recipient) and its dyads."""
    found = rows(con, "SELECT a, label, code, sector FROM actor_index WHERE actor_key = ?", [actor_key])
    if not found:
        return None
    a, label, code, sector = found[0]
    names = [
        str(n) for (n,) in rows(con, "SELECT DISTINCT name FROM event_actors WHERE a = ? ORDER BY 1", [a])
    ]
    scope = flt.scope(con)
    activity = rows(
        con,
        f"SELECT x.role, CAST(date_trunc('{interval}', e.day) AS DATE) AS b, count(*) "
        f"FROM event_actors x{scope} JOIN ev e USING (n) "
        f"WHERE x.a = ? AND e.day IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
        [a],
    )
    series: dict[str, list[dict[str, Any]]] = {"actor": [], "recipient": []}
    for role, bucket_day, n in activity:
        series[str(role)].append({"date": bucket_day.isoformat(), "count": int(n)})
    dyad_rows = rows(
        con,
        f"SELECT g.direction, i.actor_key, i.label, g.k FROM ("
        f"SELECT CASE WHEN source = ? THEN 'to' ELSE 'from' END AS direction, "
        f"CASE WHEN source = ? THEN target ELSE source END AS other, count(*) AS k "
        f"FROM dyads{scope} WHERE source = ? OR target = ? GROUP BY 1, 2) g "
        f"JOIN actor_index i ON i.a = g.other ORDER BY g.k DESC, i.actor_key LIMIT 50",
        [a, a, a, a],
    )
    return {
        "id": actor_key,
        "label": label,
        "code": code,
        "sector": sector,
        "names": names,
        "activity": {"interval": interval, **series},
        "dyads": [
            {"direction": d, "other": o, "other_label": ol, "count": int(n)} for d, o, ol, n in dyad_rows
        ],
    }


def places(con: Cursor, flt: EventFilter, *, limit: int = 500) -> dict[str, Any]:
    """Places of the matching events with coordinates, the most frequent first."""
    scope = flt.scope(con)
    found = rows(
        con,
        f"SELECT place_key, any_value(location), any_value(country), any_value(lat), any_value(lon), "
        f"any_value(place_precision), count(*), mode(event) FROM ev{scope} "
        f"WHERE place_key IS NOT NULL GROUP BY place_key ORDER BY 7 DESC, 1 LIMIT ?",
        [limit],
    )
    return {
        "items": [
            {
                "id": key,
                "name": name,
                "country": country,
                "lat": lat,
                "lon": lon,
                "precision": precision,
                "events": int(n),
                "top_event": top,
            }
            for key, name, country, lat, lon, precision, n, top in found
        ]
    }
