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
    where, params = flt.where()
    scope, sparams = flt.scope()
    total, docs, first, last, located = rows(
        con,
        f"SELECT count(*), count(DISTINCT e.doc_id), min(e.day), max(e.day), count(e.lat) FROM ev e "
        f"WHERE {where}",
        params,
    )[0]
    by_type = rows(
        con, f"SELECT e.event, count(*) FROM ev e WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1", params
    )
    by_status = rows(
        con, f"SELECT e.status, count(*) FROM ev e WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1", params
    )
    return {
        "totals": {
            "events": int(total),
            "documents": int(docs),
            "located": int(located),
            "actors": int(
                rows(con, f"SELECT count(DISTINCT actor_key) FROM actor_events{scope}", sparams)[0][0]
            ),
            "first_date": None if first is None else first.isoformat(),
            "last_date": None if last is None else last.isoformat(),
        },
        "by_type": [{"event": k, "count": int(n)} for k, n in by_type],
        "by_status": [{"status": k, "count": int(n)} for k, n in by_status],
        "top_actors": actors(con, flt, limit=top)["items"],
        "top_dyads": dyads(con, flt, limit=top),
        "trend": timeseries(con, flt, interval="week", by="none")["series"][0]["points"] if total else [],
    }


def dyads(con: Cursor, flt: EventFilter, *, limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent directed dyads with their event counts."""
    scope, params = flt.scope()
    found = rows(
        con,
        f"SELECT source, any_value(source_label), target, any_value(target_label), count(*) "
        f"FROM dyads{scope} GROUP BY source, target ORDER BY 5 DESC, 1, 3 LIMIT ?",
        [*params, limit],
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
    bucket = f"date_trunc('{interval}', day)"
    if by == "dyad":
        scope, params = flt.scope()
        source = f"SELECT source || ' → ' || target AS g, day FROM dyads{scope}"
    else:
        where, params = flt.where()
        group = {
            "none": "'all'",
            "type": "e.event",
            "quad": "CAST(e.quad_code AS TEXT)",
            "country": "e.country",
        }
        source = f"SELECT {group[by]} AS g, e.day AS day FROM ev e WHERE {where}"
    found = rows(
        con,
        f"""
        WITH kept AS (SELECT * FROM ({source}) WHERE day IS NOT NULL AND g IS NOT NULL),
        groups AS (SELECT g, count(*) AS k FROM kept GROUP BY g ORDER BY k DESC, g LIMIT ?)
        SELECT kept.g, CAST({bucket} AS DATE) AS b, count(*)
        FROM kept JOIN groups USING (g) GROUP BY kept.g, b ORDER BY kept.g, b
        """,
        [*params, top],
    )
    series: dict[str, list[dict[str, Any]]] = {}
    for group_name, bucket_day, n in found:
        series.setdefault(str(group_name), []).append({"date": bucket_day.isoformat(), "count": int(n)})
    ordered = sorted(series.items(), key=lambda item: (-sum(p["count"] for p in item[1]), item[0]))
    return {
        "interval": interval,
        "by": by,
        "series": [
            {"key": key, "total": sum(p["count"] for p in pts), "points": pts} for key, pts in ordered
        ],
    }


def network(con: Cursor, flt: EventFilter, *, nodes: int = 100, min_weight: int = 1) -> dict[str, Any]:
    """The actor network: the ``nodes`` most active actors, and the dyads among them.

    A node's ``activity`` counts the matching events it takes part in, as actor or recipient. An
    edge counts events per quad class (1 verbal cooperation .. 4 material conflict); ``quad`` is
    the most frequent one.
    """
    top = actors(con, flt, limit=nodes)["items"]
    keys = [a["id"] for a in top]
    scope, params = flt.scope()
    edges = rows(
        con,
        f"SELECT source, target, quad_code, count(*) FROM dyads{scope} "
        f"WHERE list_contains(?, source) AND list_contains(?, target) AND source <> target "
        f"GROUP BY source, target, quad_code",
        [*params, keys, keys],
    )
    merged: dict[tuple[str, str], dict[int, int]] = {}
    for source, target, quad, n in edges:
        merged.setdefault((source, target), {})[int(quad or 0)] = int(n)
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
    scope, params = flt.scope()
    cond, extra = "TRUE", []
    if q:
        cond, extra = "(label ILIKE ? OR actor_key = ?)", [f"%{q}%", q]
    ranked = (
        f"SELECT actor_key, any_value(label) AS label, count(*) AS k FROM actor_events{scope} "
        f"WHERE {cond} GROUP BY actor_key"
    )
    total = rows(con, f"SELECT count(*) FROM ({ranked})", [*params, *extra])[0][0]
    page = rows(
        con, f"{ranked} ORDER BY k DESC, actor_key LIMIT ? OFFSET ?", [*params, *extra, limit, offset]
    )
    keys = [key for key, _, _ in page]
    roles = {
        (key, role): (code, sector, int(k))
        for key, role, code, sector, k in rows(
            con,
            f"SELECT actor_key, role, any_value(code), any_value(sector), count(*) FROM event_actors{scope} "
            f"WHERE list_contains(?, actor_key) GROUP BY actor_key, role",
            [*params, keys],
        )
    }
    found = []
    for key, label, n in page:
        as_actor = roles.get((key, "actor"), (None, None, 0))
        as_recipient = roles.get((key, "recipient"), (None, None, 0))
        code = as_actor[0] or as_recipient[0]
        sector = as_actor[1] or as_recipient[1]
        found.append((key, label, code, sector, n, as_actor[2], as_recipient[2]))
    return {
        "total": int(total),
        "items": [
            {
                "id": key,
                "label": label,
                "code": code,
                "sector": sector,
                "events": int(n),
                "as_actor": int(na),
                "as_recipient": int(nr),
            }
            for key, label, code, sector, n, na, nr in found
        ],
    }


def actor_detail(
    con: Cursor, actor_key: str, flt: EventFilter, *, interval: Interval = "week"
) -> dict[str, Any] | None:
    """One actor: names, codes, activity over time (as actor and as recipient) and its dyads."""
    names = rows(
        con,
        "SELECT label, name, code, sector, count(*) FROM event_actors WHERE actor_key = ? "
        "GROUP BY ALL ORDER BY 5 DESC, 2",
        [actor_key],
    )
    if not names:
        return None
    where, params = flt.where()
    scope, sparams = flt.scope()
    activity = rows(
        con,
        f"SELECT a.role, CAST(date_trunc('{interval}', e.day) AS DATE) AS b, count(*) "
        f"FROM event_actors a JOIN ev e ON e.n = a.n "
        f"WHERE a.actor_key = ? AND e.day IS NOT NULL AND {where} GROUP BY 1, 2 ORDER BY 1, 2",
        [actor_key, *params],
    )
    series: dict[str, list[dict[str, Any]]] = {"actor": [], "recipient": []}
    for role, bucket_day, n in activity:
        series[str(role)].append({"date": bucket_day.isoformat(), "count": int(n)})
    dyad_rows = rows(
        con,
        f"SELECT CASE WHEN source = ? THEN 'to' ELSE 'from' END AS direction, "
        f"CASE WHEN source = ? THEN target ELSE source END AS other, "
        f"any_value(CASE WHEN source = ? THEN target_label ELSE source_label END), count(*) "
        f"FROM dyads{scope} WHERE source = ? OR target = ? "
        f"GROUP BY 1, 2 ORDER BY 4 DESC, 2 LIMIT 50",
        [actor_key, actor_key, actor_key, *sparams, actor_key, actor_key],
    )
    label, _, code, sector, _ = names[0]
    return {
        "id": actor_key,
        "label": label,
        "code": code,
        "sector": sector,
        "names": sorted({str(n[1]) for n in names}),
        "activity": {"interval": interval, **series},
        "dyads": [
            {"direction": d, "other": o, "other_label": ol, "count": int(n)} for d, o, ol, n in dyad_rows
        ],
    }


def places(con: Cursor, flt: EventFilter, *, limit: int = 500) -> dict[str, Any]:
    """Places of the matching events with coordinates, the most frequent first."""
    where, params = flt.where()
    found = rows(
        con,
        f"SELECT e.place_key, any_value(e.location), any_value(e.country), any_value(e.lat), "
        f"any_value(e.lon), "
        f"any_value(e.place_precision), count(*), mode(e.event) FROM ev e "
        f"WHERE {where} AND e.place_key IS NOT NULL GROUP BY e.place_key ORDER BY 7 DESC, 1 LIMIT ?",
        [*params, limit],
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
