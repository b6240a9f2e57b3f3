"""Phoenix-style CAMEO TSV: one row per directed dyad (``--format cameo-tsv``).

Columns follow the Phoenix event data set: an event with several actors or recipients gives one
row per (source, target) pair; one without a recipient gives rows with an empty target.
Events without a CAMEO code are left out. Goldstein scores are not given (whimbrel has none).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TextIO

COLUMNS: tuple[str, ...] = (
    "EventID", "Date", "Year", "Month", "Day",
    "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorText",
    "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorText",
    "EventCode", "EventRootCode", "QuadClass", "PloverEvent", "Status",
    "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
)  # fmt: skip


def _clean(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _actor(entity: Mapping[str, Any] | None) -> tuple[str, str, str, str]:
    if not entity:
        return "", "", "", ""
    code, sector = _clean(entity.get("code")), _clean(entity.get("sector"))
    return code + sector, code, sector, _clean(entity.get("entity_text"))


def write_cameo_tsv(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write a header and one row per dyad to ``out``; return how many rows were written."""
    out.write("\t".join(COLUMNS) + "\n")
    count = 0
    for record in records:
        cameo = _clean(record.get("cameo"))
        if not cameo:
            continue
        date = str(record.get("date") or "")
        parts = [*date.split("-"), "", "", ""][:3]
        loc = record.get("event_loc") or {}
        cite = record.get("cite_info") or {}
        info = record.get("text_info") or {}
        sources: list[Mapping[str, Any] | None] = list(record.get("actor") or ()) or [None]
        targets: list[Mapping[str, Any] | None] = list(record.get("recipient") or ()) or [None]
        for source in sources:
            for target in targets:
                row = (
                    _clean(record.get("id")), date.replace("-", ""), *parts,
                    *_actor(source), *_actor(target),
                    cameo, cameo[:2], _clean(record.get("quad_code")), _clean(record.get("event")),
                    _clean(record.get("status")),
                    _clean(loc.get("lat")), _clean(loc.get("lon")),
                    _clean(loc.get("name") or loc.get("text")),
                    _clean(loc.get("admin1")), _clean(loc.get("country")),
                    f"{_clean(info.get('doc_id'))}:{_clean(info.get('start'))}",
                    _clean(cite.get("url")), _clean(cite.get("source")),
                )  # fmt: skip
                out.write("\t".join(row) + "\n")
                count += 1
    return count
