"""GeoJSON export: the events that have a place, as a FeatureCollection of points (``--format geojson``).

Each feature's geometry is the event location's point (``[lon, lat]``, RFC 7946) and its properties
are the export record itself, ``event_loc`` included; events without a located place are left out (the
count written says how many went in).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO


def feature(record: Mapping[str, Any]) -> dict[str, Any] | None:
    """The GeoJSON feature of an export record, or None when it has no located place."""
    loc = record.get("event_loc") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    if lat is None or lon is None:
        return None
    return {
        "type": "Feature",
        "id": record.get("id"),
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": dict(record),
    }


def write_geojson(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write one FeatureCollection of the located events; return how many features were written."""
    count = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for record in records:
        found = feature(record)
        if found is None:
            continue
        out.write(",\n" if count else "\n")
        out.write(json.dumps(found, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
