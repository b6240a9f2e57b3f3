"""The Python API: code text in one call, or explain how a text was coded."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from whimbrel.model import Document, Event
from whimbrel.pipeline import Pipeline
from whimbrel.stages.ingest import document_from_text


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The configured pipeline, built once per process."""
    return Pipeline.from_config()


def _as_date(published: dt.date | str | None) -> dt.date | None:
    if isinstance(published, str):
        return dt.date.fromisoformat(published)
    return published


def code_document(
    text: str, published: dt.date | str | None = None, *, pipeline: Pipeline | None = None
) -> Document:
    """Code ``text`` and return the whole coded Document (sentences, mentions, events, outcomes)."""
    doc = document_from_text(text, origin="<text>", published=_as_date(published))
    pipe = pipeline or default_pipeline()
    return pipe.code(doc)  # on its own: a one-off text is linked to no passage of an earlier call


def code(text: str, published: dt.date | str | None = None) -> list[Event]:
    """Code ``text`` (publication date ``published``) and return its events."""
    return list(code_document(text, published).events)


def explain(text: str, published: dt.date | str | None = None) -> dict[str, Any]:
    """Why each sentence of ``text`` did or did not give an event, with tokens, parse and mentions."""
    return explain_document(code_document(text, published))


def explain_document(doc: Document) -> dict[str, Any]:
    """Why each sentence of a coded document did or did not give an event."""
    sentences = []
    for sent in doc.sentences:
        outcome = next((o for o in doc.outcomes if o.sentence == sent.index), None)
        sentences.append(
            {
                "index": sent.index,
                "text": sent.text,
                "tokens": [
                    {
                        "i": t.i,
                        "text": t.text,
                        "lemma": t.lemma,
                        "pos": t.pos,
                        "dep": t.dep,
                        "head": t.head,
                        "ent": t.ent_type,
                    }
                    for t in sent.tokens
                ],
                "mentions": [
                    {"kind": m.kind, "text": m.text, "detail": _detail(m)}
                    for m in doc.mentions
                    if m.sentence == sent.index
                ],
                "events": [
                    {
                        "event": e.event,
                        "cameo": e.cameo,
                        "event_text": e.event_text,
                        "status": e.status,
                        "confidence": e.confidence,
                        "why": list(e.rationale),
                    }
                    for e in doc.events
                    if e.sentence == sent.index
                ],
                "outcome": outcome.reason if outcome else "not parsed",
            }
        )
    duplicates = [
        {"passage": p.index, "duplicate_of": p.duplicate_of}
        for p in doc.passages
        if p.duplicate_of is not None
    ]
    return {"sentences": sentences, "duplicate_passages": duplicates}


def _detail(m: Any) -> str:
    if m.actor is not None:
        return " ".join(str(x) for x in (m.actor.code, m.actor.sector, m.actor.identifier_id) if x)
    if m.place is not None:
        return f"{m.place.name} ({m.place.country}, {m.place.lat}, {m.place.lon}, {m.place.precision})"
    if m.date is not None:
        return f"{m.date.iso} ({m.date.precision})"
    if m.quantity is not None:
        return f"{m.quantity.qualifier + ' ' if m.quantity.qualifier else ''}{m.quantity.value}"
    return ""
