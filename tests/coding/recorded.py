"""The coder's test sentences as spaCy parsed them once (``parses.json``), and mentions made by hand.

``scripts/record_coding_parses.py`` writes the parses from ``sentences.txt``; the tests never load
spaCy. Mentions are written by the tests themselves (``actor``, ``place``, ``date``, ``quantity``),
so each rule is tested on the parse and the mentions it reads, without the knowledge base or the
gazetteer.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger, find_triggers
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.model import (
    ActorRef,
    DatePrecision,
    DateValue,
    Entity,
    Mention,
    Place,
    Quantity,
    Sentence,
    Token,
)

HERE = Path(__file__).resolve().parent
PARSES = HERE / "parses.json"
SENTENCES = HERE / "sentences.txt"


@functools.cache
def recorded() -> dict[str, Any]:
    """The fixture file, read once."""
    data: dict[str, Any] = json.loads(PARSES.read_text(encoding="utf-8"))
    return data


def listed_sentences() -> list[str]:
    """The sentences of ``sentences.txt``, in order."""
    lines = SENTENCES.read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


def parse(text: str, index: int = 0) -> Sentence:
    """The recorded parse of ``text`` as sentence ``index`` of its document."""
    data = recorded()
    found = data["sentences"].get(text)
    if found is None:
        raise KeyError(
            f"{text!r} has no recorded parse: add it to tests/coding/sentences.txt and run "
            "scripts/record_coding_parses.py"
        )
    tokens = tuple(Token(**dict(zip(data["token_fields"], row, strict=True))) for row in found["tokens"])
    entities = tuple(
        Entity(**dict(zip(data["entity_fields"], row, strict=True))) for row in found["entities"]
    )
    return Sentence(
        index=index,
        passage=0,
        start=tokens[0].idx,
        end=tokens[-1].end,
        text=text,
        tokens=tokens,
        entities=entities,
    )


def at(sent: Sentence, word: str, nth: int = 0) -> int:
    """The index of the ``nth`` token whose text is ``word``."""
    hits = [t.i for t in sent.tokens if t.text == word]
    if len(hits) <= nth:
        raise KeyError(f"{word!r} is not token {nth} of {sent.text!r}")
    return hits[nth]


def _span(sent: Sentence, words: str) -> tuple[int, int]:
    want = words.split()
    texts = [t.text for t in sent.tokens]
    for start in range(len(texts) - len(want) + 1):
        if texts[start : start + len(want)] == want:
            return start, start + len(want)
    raise KeyError(f"{words!r} are not tokens of {sent.text!r}")


def mention(sent: Sentence, kind: Any, words: str, **fields: Any) -> Mention:
    """A mention of ``kind`` over the tokens ``words`` (their texts, separated by spaces)."""
    start, end = _span(sent, words)
    first, last = sent.tokens[start], sent.tokens[end - 1]
    return Mention(
        kind=kind,
        sentence=sent.index,
        start=first.idx,
        end=last.end,
        token_start=start,
        token_end=end,
        text=words,
        **fields,
    )


def actor(
    sent: Sentence, words: str, code: str | None = None, sector: str | None = None, ident: str | None = None
) -> Mention:
    """An actor mention, coded ``code`` (None: an actor the knowledge base does not code)."""
    ref = ActorRef(entity_text=words, code=code, sector=sector, identifier_id=ident)
    return mention(sent, "actor", words, actor=ref)


def place(sent: Sentence, words: str, country: str, precision: str = "city") -> Mention:
    """A place mention in ``country``."""
    where = Place(text=words, name=words, country=country, precision=precision)
    return mention(sent, "place", words, place=where)


def date(sent: Sentence, words: str, iso: str, precision: DatePrecision = "day") -> Mention:
    """A date mention."""
    return mention(sent, "date", words, date=DateValue(iso=iso, precision=precision))


def quantity(sent: Sentence, words: str, value: int, qualifier: str | None = None) -> Mention:
    """A quantity mention."""
    return mention(sent, "quantity", words, quantity=Quantity(value=value, qualifier=qualifier))


def trigger_at(lexicon: Lexicon, tree: Tree, word: str) -> Trigger:
    """The trigger the coder finds on the token ``word`` of the tree's sentence."""
    i = at(tree.sentence, word)
    for t in find_triggers(tree, lexicon, lexicon.cues.light_verbs):
        if t.token == i:
            return t
    raise KeyError(f"{word!r} is no trigger in {tree.sentence.text!r}")
