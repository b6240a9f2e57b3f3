"""Places JSONL export: every resolved place mention, one per line (``--format places-jsonl``).

Each line has ``doc_id``, ``start``, ``end``, ``text``, ``geonameid``, ``name``, ``lat``, ``lon``,
``country``, ``admin1``, ``admin2``, ``feature_code`` and ``precision``: the mentions the places stage
resolved, whether or not an event sits there. The writer reads the store's place mentions, not its
events (its ``source``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

SOURCE = "place_mentions"
KEYS = (
    "doc_id",
    "start",
    "end",
    "text",
    "geonameid",
    "name",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "feature_code",
    "precision",
)


def write_places_jsonl(mentions: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write each place mention as one line of JSON; return how many were written."""
    count = 0
    for m in mentions:
        out.write(json.dumps({key: m.get(key) for key in KEYS}, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


write_places_jsonl.source = SOURCE  # type: ignore[attr-defined]
