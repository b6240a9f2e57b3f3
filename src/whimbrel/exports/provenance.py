"""The export record's ``cite_info`` and ``produced_by``, added to a stored record when it is read.

They come from the document the event was found in and the run that coded it, so a store coded
before they existed gains them on export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PROVENANCE_KEYS = ("cite_info", "produced_by")
_BEFORE = "confidence"  # the DESIGN record puts them just before the confidence


def cite_info(
    *, title: str | None, url: str | None, source: str | None, published: str | None, file: str | None
) -> dict[str, Any]:
    """PLOVER's ``cite_info`` of the source document, plus the file (or row) it was read from."""
    return {"title": title, "url": url, "source": source, "published": published, "file": file}


def with_provenance(
    record: Mapping[str, Any], cite: Mapping[str, Any] | None, produced: Mapping[str, Any] | None
) -> dict[str, Any]:
    """``record`` with ``cite_info`` and ``produced_by`` placed before ``confidence`` (or at the end)."""
    out: dict[str, Any] = {}
    extra = {"cite_info": dict(cite) if cite is not None else None,
             "produced_by": dict(produced) if produced is not None else None}  # fmt: skip
    for key, value in record.items():
        if key in PROVENANCE_KEYS:
            continue
        if key == _BEFORE:
            out.update(extra)
        out[key] = value
    for key, value in extra.items():
        out.setdefault(key, value)
    return out
