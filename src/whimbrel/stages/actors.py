"""Actors: the actor mentions of each sentence.

Actors come from the shipped knowledge base (countries, IGOs, sector nouns,
named groups and people), composed into one mention when a country or demonym
modifies a sector noun ("the US military" → USA + MIL). Named entities the
knowledge base does not know are actors too, uncoded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from itertools import compress
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from whimbrel.config import MAX_SENTENCE_TOKENS
from whimbrel.knowledge.actors import ActorEntry, ActorKB, ActorMatch
from whimbrel.model import ActorRef, Document, Mention, Sentence, Token
from whimbrel.stages.base import Resources, Stage, StageConfig
from whimbrel.stages.mentions import mention, readable, span_text, with_mentions

_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})
_TEXT = attrgetter("text")
_DEP = attrgetter("dep")


class ActorsConfig(StageConfig):
    """``[stages.actors]``."""

    # Extra actor files (JSONL, same format as the shipped knowledge base).
    actor_files: tuple[str, ...] = ()

    def files(self) -> list[Path]:
        """The extra actor files as paths."""
        return [Path(p) for p in self.actor_files]


class _Candidate(NamedTuple):
    """An actor span. Every rule below builds ``ref.entity_text`` as the text of ``start:end``.

    Immutable like the frozen records, but a tuple: several are built per sentence, and a frozen
    dataclass sets each field through ``object.__setattr__``. Compared only by identity (``is``).
    """

    start: int
    end: int
    ref: ActorRef
    modifier: bool  # a country or demonym that may qualify a following sector noun
    sector_only: bool
    bare: bool = False  # an adjective that is no actor unless it qualifies a sector noun


class Actors(Stage):
    """Find and resolve actor mentions: coded from the knowledge base, or named and uncoded."""

    name = "actors"
    requires = frozenset({"sentences"})
    provides = frozenset({"actors"})
    Config = ActorsConfig

    def __init__(self, actors: ActorKB, *, max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> None:
        self.actors = actors
        self.max_sentence_tokens = max_sentence_tokens

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Actors:
        """Build from ``[stages.actors]`` (its actor files are read by ``resources.actors``)."""
        cls.Config.read(cfg, cls.name)  # checked here; its files are read once, by resources.actors
        return cls(resources.actors, max_sentence_tokens=resources.settings.pipeline.max_sentence_tokens)

    def process(self, doc: Document) -> Document:
        """Add the actor mentions of every sentence of ``doc``."""
        found: list[Mention] = []
        for sent in readable(doc, self.max_sentence_tokens):
            found.extend(self._actors(sent, list(map(_TEXT, sent.tokens)), doc.published))
        return with_mentions(doc, found)

    # -- actors -----------------------------------------------------------------------------------

    def _actors(self, sent: Sentence, words: list[str], published: dt.date | None) -> list[Mention]:
        tokens = sent.tokens
        matches = self.actors.match(words, at=published)
        candidates = [c for m in matches if (c := self._candidate(m, tokens)) is not None]
        covered = {i for c in candidates for i in range(c.start, c.end)}
        links = _links(tokens)
        merged = [c for c in _acting(_led_by(_compose(candidates, tokens), links), tokens) if not c.bare]
        # Named entities the knowledge base does not know are still actors, just uncoded.
        for ent in sent.entities:
            if ent.label not in _ACTOR_LABELS or not covered.isdisjoint(range(ent.start, ent.end)):
                continue
            start = (
                ent.start + 1 if tokens[ent.start].lemma == "the" and ent.end - ent.start > 1 else ent.start
            )
            text = span_text(tokens, start, ent.end)
            ident = text if ent.label == "PERSON" else None
            ref = ActorRef(entity_text=text, identifier_text=ident)
            merged.append(_Candidate(start, ent.end, ref, modifier=False, sector_only=False))
        if not merged:
            return []
        merged.sort(key=lambda c: c.start)
        found = _owned(_titled(merged, tokens), links)
        outlets = self._outlets
        return [
            mention(
                "source" if c.ref.identifier_id in outlets else "actor",
                sent,
                c.start,
                c.end,
                text=c.ref.entity_text,
                actor=c.ref,
            )
            for c in found
        ]

    @cached_property
    def _outlets(self) -> frozenset[str]:
        """The knowledge base's news outlets and agencies, by id."""
        return frozenset(e.id for e in self.actors.entries() if is_outlet(e))

    def _candidate(self, match: ActorMatch, tokens: Sequence[Token]) -> _Candidate | None:
        entry = match.entry
        text = span_text(tokens, match.start, match.end)
        prev = tokens[match.start - 1].text.lower() if match.start > 0 else ""
        # "pro-Iranian", "anti-American": an affiliation or an opponent, not a nationality.
        if prev == "-" and match.start > 1 and tokens[match.start - 2].text.lower() in {"pro", "anti"}:
            return None
        if entry.kind == "sector" and tokens[match.end - 1].pos not in {"NOUN", "PROPN"}:
            return None  # "official contact", "military response": an adjective, not an actor
        if entry.kind == "sector":
            ref = ActorRef(
                entity_text=text, sector=entry.sector, identifier_id=entry.id, identifier_text=entry.name
            )
            return _Candidate(match.start, match.end, ref, modifier=False, sector_only=True)
        if is_outlet(entry):
            # "told Reuters", "according to Al Jazeera": a source, never an actor, and of no country
            ref = ActorRef(text, None, entry.sector, entry.id, entry.name)
            return _Candidate(match.start, match.end, ref, modifier=False, sector_only=False)
        if match.demonym and prev == "ethnic":
            # "ethnic Albanians in Macedonia": a people, coded by where they live, not by the state
            ref = ActorRef(entity_text=text, sector="CVL")
            people = tokens[match.end - 1].tag in {"NNS", "NNPS"}
            return _Candidate(match.start, match.end, ref, modifier=True, sector_only=not people, bare=False)
        if match.demonym:
            ref = self.actors.ref(entry, text)
            token = tokens[match.end - 1]
            # "Iraqis" is an actor; "Iraqi" only qualifies a sector noun ("Iraqi police", not "Iraqi land").
            people = token.tag in {"NNS", "NNPS"} or token.dep in {
                "nsubj",
                "nsubjpass",
                "dobj",
                "pobj",
                "conj",
            }
            if people and token.tag in {"NNS", "NNPS"}:
                ref = replace(ref, sector="CVL")  # "Young Algerians blocked roads": the people, not the state
            return _Candidate(match.start, match.end, ref, modifier=True, sector_only=False, bare=not people)
        # A country acting is its government (PLOVER's reading).
        ref = self.actors.ref(entry, text, default_sector="GOV" if entry.kind == "country" else None)
        return _Candidate(match.start, match.end, ref, modifier=entry.kind == "country", sector_only=False)


def is_outlet(entry: ActorEntry) -> bool:
    """A news outlet or agency: a named organisation of the journalists' sector (JRN). Press-freedom
    NGOs (kind "ngo") act in their own right and are no outlets."""
    return entry.kind == "group" and entry.sector == "JRN"


def _sector_runs(candidates: list[_Candidate], tokens: Sequence[Token]) -> list[_Candidate]:
    """Adjacent sector nouns ("rebel leaders", "military police") are one actor, of the first sector."""
    out: list[_Candidate] = []
    for cand in candidates:
        prev = out[-1] if out else None
        if (
            prev is not None
            and cand.sector_only
            and not prev.modifier
            and (prev.end == cand.start or (prev.ref.code and _modifies(prev, cand, tokens)))
            and (prev.sector_only or prev.ref.code)
        ):  # "rebel leaders", "Fatah party", "European Community foreign ministers": a group and its kind
            ref = replace(
                prev.ref,
                entity_text=span_text(tokens, prev.start, cand.end),
                sector=prev.ref.sector or cand.ref.sector,
            )
            out[-1] = _Candidate(prev.start, cand.end, ref, modifier=False, sector_only=True)
            continue
        out.append(cand)
    return out


def _compose(candidates: list[_Candidate], tokens: Sequence[Token]) -> list[_Candidate]:
    """Merge "US" + "military" (and "US-led" + "coalition forces") into one coded sector actor."""
    candidates = _sector_runs(candidates, tokens)
    out: list[_Candidate] = []
    i = 0
    while i < len(candidates):
        cur = candidates[i]
        nxt = candidates[i + 1] if i + 1 < len(candidates) else None
        if cur.modifier and nxt is not None and nxt.sector_only and _modifies(cur, nxt, tokens):
            ref = ActorRef(
                entity_text=span_text(tokens, cur.start, nxt.end),
                code=cur.ref.code,
                sector=nxt.ref.sector,
                identifier_id=cur.ref.identifier_id,
                identifier_text=cur.ref.identifier_text,
            )
            out.append(_Candidate(cur.start, nxt.end, ref, modifier=False, sector_only=False))
            i += 2
            continue
        out.append(cur)
        i += 1
    return out


# "US-led coalition forces": the hyphenated "-led" form still modifies.
_MODIFIER_WORDS = frozenset({"-", "led", "backed", "based", "'s"})


def _modifies(mod: _Candidate, noun: _Candidate, tokens: Sequence[Token]) -> bool:
    between = tokens[mod.end : noun.start]
    if len(between) > 4:
        return False
    return all(
        t.text.lower() in _MODIFIER_WORDS or (t.pos in {"ADJ", "NOUN", "PROPN"} and t.dep in _MODIFIER_DEPS)
        for t in between
    )


def _led_by(candidates: list[_Candidate], links: _Links) -> list[_Candidate]:
    """Code "the coalition forces led by the US" as USA: the leader's country qualifies the group."""
    if not any(c.sector_only and c.ref.code is None for c in candidates):
        return candidates  # no uncoded group to qualify
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    out = []
    for cand in candidates:
        if cand.sector_only and cand.ref.code is None:
            head = cand.end - 1
            for verb in links.get((head, "acl"), ()):
                if verb.lemma not in {"lead", "back"}:
                    continue
                for agent in links.get((verb.i, "agent"), ()):
                    for obj in links.get((agent.i, "pobj"), ()):
                        leader = by_token.get(obj.i)
                        if leader is not None and leader.ref.code:
                            cand = cand._replace(ref=replace(cand.ref, code=leader.ref.code))
        out.append(cand)
    return out


def _owned(candidates: list[_Candidate], links: _Links) -> list[_Candidate]:
    """Give uncoded groups and people the code of the country or organisation they belong to."""
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    return [
        _belonging(c, links, by_token) if c.sector_only or c.ref.code is None or c.modifier else c
        for c in candidates
    ]


# The dependency labels the rules here follow from a head to its children.
_LINK_DEPS = frozenset({"acl", "agent", "pobj", "prep", "compound"})
_Links = dict[tuple[int, str], list[Token]]


def _links(tokens: Sequence[Token]) -> _Links:
    """Each token's children by label, ``(head, dep) -> children`` in sentence order, for the labels the
    rules follow (every lookup here names one): a sentence's children, without a list per token."""
    links: _Links = {}
    n = len(tokens)
    for t in compress(tokens, map(_LINK_DEPS.__contains__, map(_DEP, tokens))):
        if t.head != t.i and 0 <= t.head < n:
            links.setdefault((t.head, t.dep), []).append(t)
    return links


# "rebels in the Ivory Coast", "students throughout Indonesia", "King Hassan of Morocco"
_BELONGING_PREPS = frozenset({"in", "from", "of", "throughout", "across"})


def _belonging(cand: _Candidate, links: _Links, by_token: dict[int, _Candidate]) -> _Candidate:
    """A group or person placed in, or belonging to, a named country or organisation: "rebels in the
    Ivory Coast", "Albanians in south Serbia", "leaders of the Fatah party", "King Hassan of Morocco"."""
    head = cand.end - 1
    for prep in links.get((head, "prep"), ()):
        if prep.text not in _BELONGING_PREPS:
            continue
        for obj in links.get((prep.i, "pobj"), ()):
            owner = by_token.get(obj.i)
            if owner is None or owner is cand or not owner.ref.code:
                continue
            named = not cand.sector_only
            country = (owner.ref.identifier_id or "").startswith("iso:")
            ref = ActorRef(
                entity_text=cand.ref.entity_text,
                code=owner.ref.code,
                sector=cand.ref.sector or (None if country else owner.ref.sector),
                identifier_id=cand.ref.identifier_id if named else owner.ref.identifier_id,
                identifier_text=cand.ref.identifier_text if named else owner.ref.identifier_text,
            )
            return cand._replace(ref=ref)
    # "Arab League Secretary General Chadli Klibi": a coded body among the name's compound modifiers.
    stack = list(links.get((head, "compound"), ()))  # a copy: the stack is popped and extended
    while stack:
        t = stack.pop()
        owner = by_token.get(t.i)
        if owner is not None and owner is not cand and owner.ref.code and owner.end <= cand.start:
            return cand._replace(ref=replace(cand.ref, code=owner.ref.code))
        stack.extend(links.get((t.i, "compound"), ()))
    return cand


def _titled(candidates: list[_Candidate], tokens: Sequence[Token]) -> list[_Candidate]:
    """ "French President Jacques Chirac", "Prime Minister al-Sudani": a title and a name are one actor."""
    out: list[_Candidate] = []
    for cand in candidates:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == cand.start
            and prev.ref.sector is not None
            and cand.ref.identifier_id != prev.ref.identifier_id
            and tokens[cand.start].pos == "PROPN"
            and (prev.ref.code is None or cand.ref.code is None or cand.ref.code == prev.ref.code)
        ):
            ref = ActorRef(
                entity_text=span_text(tokens, prev.start, cand.end),
                code=cand.ref.code or prev.ref.code,
                sector=cand.ref.sector or prev.ref.sector,
                identifier_id=cand.ref.identifier_id,
                identifier_text=cand.ref.identifier_text or cand.ref.entity_text,
            )
            out[-1] = _Candidate(prev.start, cand.end, ref, modifier=False, sector_only=False)
            continue
        out.append(cand)
    return out


def _acting(candidates: list[_Candidate], tokens: Sequence[Token]) -> list[_Candidate]:
    """ "Palestinian negotiators said": a nationality on the subject noun makes that group the actor."""
    if not any(c.bare for c in candidates):
        return candidates  # only a bare nationality can take its noun
    taken = {i for c in candidates if not c.bare for i in range(c.start, c.end)}
    out = []
    for c in candidates:
        token = tokens[c.end - 1]
        head = tokens[token.head]
        if (
            c.bare
            and token.dep in {"amod", "compound"}
            and head.i >= c.end
            and head.i not in taken
            and head.pos == "NOUN"
            and head.dep in {"nsubj", "nsubjpass"}
        ):
            ref = replace(c.ref, entity_text=span_text(tokens, c.start, head.i + 1))
            c = _Candidate(c.start, head.i + 1, ref, modifier=False, sector_only=False)
        out.append(c)
    return out
