"""Identity: the stable id of an event mention (see docs/identity.md)."""

from __future__ import annotations

import hashlib


def event_id(doc_id: str, start: int, end: int, event: str, trigger: int) -> str:
    """A stable id from the document, the sentence span, the trigger and the code."""
    key = f"{doc_id}|{start}|{end}|{trigger}|{event}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
