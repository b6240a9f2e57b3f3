"""The features the learned stage and its trainer read: a sentence's words and the rules' candidates.

Every feature is present or absent (a string):

- ``w:<lemma>`` for each noun, verb, adjective, adverb or proper noun of the sentence (lower-cased);
- ``rule:<EVENT>`` for each event type the rule coder found in the sentence (``rule:NONE`` when none),
  ``mode:<mode>`` for each of their modes;
- ``top:<EVENT>``, ``topmode:<mode>`` and ``trigger:<words>`` for the rules' highest-confidence event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from whimbrel.model import Event, Sentence

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})


def by_confidence(events: Iterable[Event]) -> list[Event]:
    """Events from the highest confidence down (the first of equals first)."""
    return sorted(events, key=lambda e: -e.confidence)


def features(sentences: Sequence[Sentence], events: Sequence[Event]) -> frozenset[str]:
    """The features of one sentence (or of several pooled) and the rule coder's events in it."""
    found: set[str] = set()
    for sent in sentences:
        for tok in sent.tokens:
            if tok.pos in CONTENT_POS and tok.lemma.strip():
                found.add("w:" + tok.lemma.lower())
    ranked = by_confidence(events)
    if not ranked:
        found.add("rule:NONE")
        return frozenset(found)
    top = ranked[0]
    found.add("top:" + top.event)
    found.update("topmode:" + m for m in top.mode)
    found.add("trigger:" + top.event_text.lower())
    for event in ranked:
        found.add("rule:" + event.event)
        found.update("mode:" + m for m in event.mode)
    return frozenset(found)
