"""JSONL export: one export record per line (``whimbrel export --format jsonl``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from whimbrel.exports.record import dumps_record


def write_jsonl(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write each record as one line of JSON to ``out``; return how many were written."""
    count = 0
    for record in records:
        out.write(dumps_record(record))
        out.write("\n")
        count += 1
    return count
