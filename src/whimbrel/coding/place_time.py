"""Where and when: an event's place and date, read from its own clause first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from whimbrel.coding.roles import LOCATION_PREPS
from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger
from whimbrel.model import DatePrecision, DateValue, Document, Mention, Place

# Dependents that start another clause: an event's place and date are looked for outside them last.
OTHER_CLAUSES = frozenset({"conj", "ccomp", "parataxis", "advcl", "relcl"})
# Most precise first; "site", "city" and "region" are older stores' names.
_PLACE_RANK = {"point": 1, "site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}


def _located(m: Mention | None) -> Place | None:
    """The mention's place when it is a resolved one (unresolved places keep only their reason)."""
    if m is None or m.place is None or m.place.unresolved is not None:
        return None
    return m.place


def event_place(tree: Tree, trig: Trigger, used: Sequence[Mention]) -> Place | None:
    """The most precise place a location phrase of the event's clause names ("in", "near", "at",
    "outside"), else the event's object when it is a place ("shelled Rafah"), else the sentence's one
    place."""
    if not tree.has("place"):
        return None  # no place in the sentence: neither the clause nor the sentence locates the event
    used_spans = {(m.start, m.end) for m in used}
    best: Place | None = None
    low = tree.low
    for j in tree.subtree(trig.governor, stop=OTHER_CLAUSES):
        if low[j] not in LOCATION_PREPS or tree.tokens[j].dep != "prep":
            continue
        for obj in tree.kids(j, "pobj"):
            for c in _place_heads(tree, obj.i):
                m = tree.mention_at("place", c)
                place = _located(m)
                if m is None or place is None or (m.start, m.end) in used_spans:
                    continue
                rank = _PLACE_RANK.get(place.precision or "city", 1)
                if best is None or rank < _PLACE_RANK.get(best.precision or "city", 1):
                    best = place
    return best or _object_place(tree, trig, used_spans) or _sentence_place(tree, used_spans)


def _object_place(tree: Tree, trig: Trigger, used: set[tuple[int, int]]) -> Place | None:
    """ "shelled Rafah", "struck the town of Kramatorsk": the event's direct object names a place."""
    for obj in tree.kids(trig.governor, "dobj"):
        for c in _place_heads(tree, obj.i):
            m = tree.mention_at("place", c)
            place = _located(m)
            if m is not None and place is not None and (m.start, m.end) not in used:
                return place
    return None


def _in_actor_tree(tree: Tree, m: Mention) -> bool:
    return any(a.start <= m.start and m.end <= a.end for a in tree.of_kind("actor"))


def _in_actor(m: Mention, actors: Sequence[tuple[int, int, int]]) -> bool:
    """ "Israeli tanks": a place named inside an actor's phrase says who, not where."""
    return any(s == m.sentence and start <= m.start and m.end <= end for s, start, end in actors)


def focus_place(doc: Document, sentence: int, passage: int) -> Place | None:
    """Where the paragraph is, failing a place in the event's own sentence: the place its sentences up
    to this one name most often (the latest on a tie), else the document's fallback place (its
    dateline's)."""
    counts: dict[tuple[str | None, str | None], int] = {}
    latest: dict[tuple[str | None, str | None], tuple[int, Place]] = {}
    sentences = doc.sentences
    actors = [(m.sentence, m.start, m.end) for m in doc.mentions if m.kind == "actor"]
    for m in doc.mentions:
        if m.kind != "place" or m.sentence > sentence or _in_actor(m, actors):
            continue
        own = sentences[m.sentence] if 0 <= m.sentence < len(sentences) else None
        place = (
            _located(m) if own is not None and own.index == m.sentence and own.passage == passage else None
        )
        if place is None:
            continue
        key = (place.name, place.country)
        counts[key] = counts.get(key, 0) + 1
        latest[key] = (m.start, place)
    if counts:
        key = max(counts, key=lambda k: (counts[k], latest[k][0]))
        return latest[key][1]
    fallback = getattr(doc, "fallback_place", None)
    return fallback if isinstance(fallback, Place) and fallback.lat is not None else None


def _place_heads(tree: Tree, i: int) -> list[int]:
    """A location phrase's nouns: its conjuncts and, inside them, "the town of X", "a sector of X"."""
    out = []
    for c in tree.conjuncts(i):
        out.append(c)
        for of in tree.kids(c, "prep"):
            if of.text.lower() == "of":
                for inner in tree.kids(of.i, "pobj"):
                    out.extend(tree.conjuncts(inner.i))
    return out


def _sentence_place(tree: Tree, used: set[tuple[int, int]]) -> Place | None:
    """Failing a place in the event's own clause, the one place the sentence locates something in."""
    found = []
    for m in tree.of_kind("place"):
        head = tree.head(m.token_end - 1)
        place = _located(m)
        if place is None or (m.start, m.end) in used or head is None:
            continue
        if head.dep == "prep" and head.text.lower() in LOCATION_PREPS and not _in_actor_tree(tree, m):
            found.append(place)
    names = {p.name for p in found}
    return found[0] if len(names) == 1 else None


class EventDate(NamedTuple):
    """When an event happened (or, for a plan, when it was said), and the day a plan is for."""

    date: str | None
    precision: DatePrecision
    end: str | None = None  # the last day of a range
    planned: str | None = None  # a planned event: the day it is planned for


def event_date(doc: Document, tree: Tree, trig: Trigger, *, planned: bool = False) -> EventDate:
    """A date in the event's own clause, else one modifying a verb above it, else publication.

    A planned event ("will meet on Friday") is dated when it was said, as PLOVER codes it, and the day
    it is planned for is the date's forward reading. A date that can only be later than publication
    dates nothing that already happened.
    """
    value = _clause_date(tree, trig) if tree.has("date") else None
    if value is None:
        return _publication(doc)
    if planned:
        said = _publication(doc)
        ahead = value.ahead or (value.iso if value.precision == "day" and said.date is not None else None)
        if ahead is not None and said.date is not None and ahead < said.date:
            ahead = None  # a day before it was said is no plan's day
        return said._replace(planned=ahead)
    if value.precision == "publication":
        return _publication(doc)
    return EventDate(value.iso, value.precision, value.end)


def _clause_date(tree: Tree, trig: Trigger) -> DateValue | None:
    for j in tree.subtree(trig.governor, stop=OTHER_CLAUSES):
        m = tree.mention_at("date", j)
        if m is not None and m.date is not None:
            return m.date
    for anc in tree.ancestors(trig.governor):
        if anc.pos not in {"VERB", "AUX"}:
            continue
        for k in tree.kids(anc.i, "npadvmod", "prep", "advmod"):
            for j in [k.i, *(o.i for o in tree.kids(k.i, "pobj"))]:
                m = tree.mention_at("date", j)
                if m is not None and m.date is not None:
                    return m.date
    return None


def _publication(doc: Document) -> EventDate:
    """The document's own date: its publication date, else its dateline's."""
    if doc.published is not None:
        return EventDate(doc.published.isoformat(), "publication")
    if doc.fallback_date is not None:
        return EventDate(doc.fallback_date.iso, "publication")
    return EventDate(None, "unknown")
