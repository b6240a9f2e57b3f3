"""``--format relations-jsonl``: one stored relation per line, with its evidence and provenance."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO


def relation_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A relation row of the store as the relations-jsonl record."""

    def side(name: str) -> dict[str, Any]:
        return {
            "entity_text": row.get(f"{name}_text"),
            "code": row.get(f"{name}_code"),
            "sector": row.get(f"{name}_sector"),
            "identifier_id": row.get(f"{name}_id"),
        }

    return {
        "id": row.get("id"),
        "source": side("source"),
        "target": side("target"),
        "kind": row.get("kind"),
        "status": row.get("status") or "asserted",
        "origin": row.get("origin") or "text",
        "evidence": row.get("text"),
        "doc_id": row.get("doc_id"),
        "start": row.get("start"),
        "end": row.get("end"),
    }


def write_relations_jsonl(_records: Iterable[Mapping[str, Any]], out: TextIO, **options: Any) -> int:
    """Write every relation (``options["relations"]``, the store's rows) as one JSON line each."""
    count = 0
    for row in options.get("relations", ()):
        out.write(json.dumps(relation_record(row), ensure_ascii=False, sort_keys=False))
        out.write("\n")
        count += 1
    return count


write_relations_jsonl.wants_relations = True  # type: ignore[attr-defined]
