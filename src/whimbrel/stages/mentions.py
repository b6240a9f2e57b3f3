"""What the four mention stages (actors, places, dates, quantities) share.

Each of them finds one kind of mention in the sentences the coder will read, and adds its mentions to
the document's: within a sentence, actors come first, then places, dates and quantities, each kind in
the order it was found. ``mentions`` in a pipeline's stage list stands for the four, in that order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from whimbrel.model import (
    ActorRef,
    DateValue,
    Document,
    Mention,
    MentionKind,
    Place,
    Quantity,
    Sentence,
    Token,
)

# The order of the kinds within one sentence.
_KIND_ORDER: dict[str, int] = {"actor": 0, "place": 1, "date": 2, "quantity": 3, "source": 4}


def span_text(tokens: Sequence[Token], start: int, end: int) -> str:
    """The text of tokens ``start:end``, with the spaces between them."""
    if end - start == 1:
        return tokens[start].text
    return "".join([t.text + t.whitespace for t in tokens[start : end - 1]]) + tokens[end - 1].text


def mention(
    kind: MentionKind,
    sent: Sentence,
    start: int,
    end: int,
    *,
    text: str | None = None,  # the span's text, when the caller has it already
    actor: ActorRef | None = None,
    place: Place | None = None,
    date: DateValue | None = None,
    quantity: Quantity | None = None,
) -> Mention:
    """A mention of tokens ``start:end`` of ``sent``."""
    tokens = sent.tokens
    last = tokens[end - 1]
    if text is None:
        text = span_text(tokens, start, end)
    end_char = last.idx + len(last.text)  # Token.end
    return Mention(
        kind=kind,
        sentence=sent.index,
        start=tokens[start].idx,
        end=end_char,
        token_start=start,
        token_end=end,
        text=text,
        actor=actor,
        place=place,
        date=date,
        quantity=quantity,
    )


def readable(doc: Document, max_tokens: int) -> list[Sentence]:
    """The sentences that get mentions: a "sentence" of thousands of tokens (a page without full stops)
    is no sentence, and the coder says so rather than spending minutes on it."""
    return [s for s in doc.sentences if len(s.tokens) <= max_tokens]


def with_mentions(doc: Document, found: Iterable[Mention]) -> Document:
    """``doc`` with ``found`` added to its mentions, in sentence order, then kind, then as found."""
    added = list(found)
    if not added:
        return doc
    merged = sorted([*doc.mentions, *added], key=lambda m: (m.sentence, _KIND_ORDER[m.kind]))
    return replace(doc, mentions=tuple(merged))
