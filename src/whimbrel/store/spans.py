"""The text spans behind an event's fields, stored so a reader can highlight them in the document.

An event knows its trigger span exactly. Its actors, recipients, place and date are values; the span
each came from is the mention of the same kind in the event's sentence that carries that value (the
same resolved actor or entity text, the same place, the same date), or failing that the first
occurrence of the value's text in the sentence. A value found in neither way gets no span.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from whimbrel.model import ActorRef, Document, Event, Mention

SPAN_COLUMNS = ("event_id", "doc_id", "role", "start", "end", "text")
ROLES = ("trigger", "actor", "recipient", "place", "date")

SpanRow = tuple[str, str, str, int, int, str]


def span_rows(doc: Document) -> list[SpanRow]:
    """One row per (event, role, span) for the events of ``doc``, without repeats."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in doc.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    rows: dict[SpanRow, None] = {}
    for event in doc.events:
        for row in _event_spans(doc, event, by_sentence.get(event.sentence, [])):
            rows[row] = None
    return list(rows)


def _event_spans(doc: Document, event: Event, mentions: Sequence[Mention]) -> Iterator[SpanRow]:
    if event.trigger_end > event.trigger_start:
        yield _row(doc, event, "trigger", event.trigger_start, event.trigger_end)
    for role, refs in (("actor", event.actor), ("recipient", event.recipient)):
        for ref in refs:
            span = _actor_span(ref, mentions) or _find(doc, event, ref.entity_text)
            if span is not None:
                yield _row(doc, event, role, *span)
    loc = event.event_loc
    if loc is not None:
        place = next(
            (
                (m.start, m.end)
                for m in mentions
                if m.kind == "place" and m.place is not None and (m.place == loc or m.text == loc.text)
            ),
            None,
        )
        span = place or _find(doc, event, loc.text)
        if span is not None:
            yield _row(doc, event, "place", *span)
    if event.date is not None:
        dated = [m for m in mentions if m.kind == "date" and m.date is not None]
        same = next(
            ((m.start, m.end) for m in dated if m.date is not None and m.date.iso == event.date), None
        )
        if same is not None:
            yield _row(doc, event, "date", *same)


def _actor_span(ref: ActorRef, mentions: Sequence[Mention]) -> tuple[int, int] | None:
    for m in mentions:
        if m.kind != "actor" or m.actor is None:
            continue
        if m.text == ref.entity_text or (ref.identifier_id and m.actor.identifier_id == ref.identifier_id):
            return m.start, m.end
    return None


def _find(doc: Document, event: Event, text: str) -> tuple[int, int] | None:
    if not text:
        return None
    sentence = doc.text[event.start : event.end]
    at = sentence.find(text)
    if at < 0:
        at = sentence.casefold().find(text.casefold())
        if at < 0 or len(sentence.casefold()) != len(sentence):
            return None
    return event.start + at, event.start + at + len(text)


def _row(doc: Document, event: Event, role: str, start: int, end: int) -> SpanRow:
    return (event.id, doc.id, role, start, end, doc.text[start:end])
