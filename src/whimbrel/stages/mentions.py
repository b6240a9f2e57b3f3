"""Mentions: the actors, places, dates and quantities of each sentence.

Actors come from the shipped knowledge base (countries, IGOs, sector nouns,
named groups and people), composed into one mention when a country or demonym
modifies a sector noun ("the US military" → USA + MIL). Places are named
entities resolved by the gazetteer, with the document's countries as context.
Dates are resolved against the publication date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from whimbrel import dates
from whimbrel.adapters.gazetteer import Gazetteer
from whimbrel.knowledge.actors import ActorKB, ActorMatch
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
from whimbrel.pipeline import Resources, Stage
from whimbrel.quantities import find_quantities

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    ref: ActorRef
    modifier: bool  # a country or demonym that may qualify a following sector noun
    sector_only: bool
    bare: bool = False  # an adjective that is no actor unless it qualifies a sector noun


def _span_text(tokens: Sequence[Token], start: int, end: int) -> str:
    if end - start == 1:
        return tokens[start].text
    return "".join([t.text + t.whitespace for t in tokens[start : end - 1]]) + tokens[end - 1].text


def _with_sector(ref: ActorRef, sector: str) -> ActorRef:
    """``replace(ref, sector=sector)``, without its per-call field inspection (the hot path)."""
    return ActorRef(ref.entity_text, ref.code, sector, ref.identifier_id, ref.identifier_text)


def _mention(
    kind: MentionKind,
    sent: Sentence,
    start: int,
    end: int,
    *,
    actor: ActorRef | None = None,
    place: Place | None = None,
    date: DateValue | None = None,
    quantity: Quantity | None = None,
) -> Mention:
    tokens = sent.tokens
    last = tokens[end - 1]
    text = _span_text(tokens, start, end)
    end_char = last.idx + len(last.text)  # Token.end
    return Mention(
        kind, sent.index, tokens[start].idx, end_char, start, end, text, actor, place, date, quantity
    )


class Mentions(Stage):
    """Find and resolve actor, place, date and quantity mentions."""

    name = "mentions"
    requires = frozenset({"sentences"})
    provides = frozenset({"mentions"})
    options = frozenset({"actor_files", "dates", "max_sentence_tokens"})

    def __init__(
        self,
        actors: ActorKB,
        gazetteer: Gazetteer,
        *,
        resolve_dates: bool = True,
        max_sentence_tokens: int = 250,
    ) -> None:
        self.actors = actors
        self.gazetteer = gazetteer
        self.resolve_dates = resolve_dates
        self.max_sentence_tokens = max_sentence_tokens

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Mentions:
        """Build from ``[stages.mentions]``."""
        return cls(
            resources.actors,
            resources.gazetteer,
            resolve_dates=bool(cfg.get("dates", True)),
            max_sentence_tokens=int(cfg.get("max_sentence_tokens", 250)),
        )

    def process(self, doc: Document) -> Document:
        """Find the mentions of every sentence of ``doc``."""
        # A "sentence" of thousands of tokens (a page without full stops) is no sentence: skipped, and
        # the coder says so, rather than spending minutes on it.
        sentences = [s for s in doc.sentences if len(s.tokens) <= self.max_sentence_tokens]
        actor_mentions = [self._actors(sent, doc.published) for sent in sentences]
        countries = tuple(
            sorted({m.actor.code for ms in actor_mentions for m in ms if m.actor and m.actor.code})
        )
        found: list[Mention] = []
        for sent, actors in zip(sentences, actor_mentions, strict=True):
            found.extend(actors)
            found.extend(self._places(sent, countries))
            if self.resolve_dates:
                found.extend(self._dates(sent, doc))
            found.extend(self._quantities(sent))
        return replace(doc, mentions=tuple(found))

    # -- actors -----------------------------------------------------------------------------------

    def _actors(self, sent: Sentence, published: dt.date | None) -> list[Mention]:
        tokens = sent.tokens
        matches = self.actors.match([t.text for t in tokens], at=published)
        candidates = [c for m in matches if (c := self._candidate(m, tokens)) is not None]
        covered = {i for c in candidates for i in range(c.start, c.end)}
        kids = _children(tokens)
        merged = [c for c in _acting(_led_by(_compose(candidates, tokens), kids), tokens) if not c.bare]
        # Named entities the knowledge base does not know are still actors, just uncoded.
        for ent in sent.entities:
            if ent.label not in _ACTOR_LABELS or not covered.isdisjoint(range(ent.start, ent.end)):
                continue
            start = (
                ent.start + 1 if tokens[ent.start].lemma == "the" and ent.end - ent.start > 1 else ent.start
            )
            text = _span_text(tokens, start, ent.end)
            ident = text if ent.label == "PERSON" else None
            ref = ActorRef(entity_text=text, identifier_text=ident)
            merged.append(_Candidate(start, ent.end, ref, modifier=False, sector_only=False))
        merged.sort(key=lambda c: c.start)
        found = _owned(_titled(merged, tokens), kids)
        return [_mention("actor", sent, c.start, c.end, actor=c.ref) for c in found]

    def _candidate(self, match: ActorMatch, tokens: Sequence[Token]) -> _Candidate | None:
        entry = match.entry
        text = _span_text(tokens, match.start, match.end)
        prev = tokens[match.start - 1].text.lower() if match.start > 0 else ""
        prev2 = tokens[match.start - 2].text.lower() if match.start > 1 else ""
        # "pro-Iranian", "anti-American": an affiliation or an opponent, not a nationality.
        if prev == "-" and prev2 in {"pro", "anti"}:
            return None
        if entry.kind == "sector" and tokens[match.end - 1].pos not in {"NOUN", "PROPN"}:
            return None  # "official contact", "military response": an adjective, not an actor
        if entry.kind == "sector":
            ref = ActorRef(
                entity_text=text, sector=entry.sector, identifier_id=entry.id, identifier_text=entry.name
            )
            return _Candidate(match.start, match.end, ref, modifier=False, sector_only=True)
        ref = self.actors.ref(entry, text)
        if match.demonym and prev == "ethnic":
            # "ethnic Albanians in Macedonia": a people, coded by where they live, not by the state
            ref = ActorRef(entity_text=text, sector="CVL")
            people = tokens[match.end - 1].tag in {"NNS", "NNPS"}
            return _Candidate(match.start, match.end, ref, modifier=True, sector_only=not people, bare=False)
        if match.demonym:
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
                ref = _with_sector(ref, "CVL")  # "Young Algerians blocked roads": the people, not the state
            return _Candidate(match.start, match.end, ref, modifier=True, sector_only=False, bare=not people)
        if entry.kind == "country" and ref.sector is None:
            ref = _with_sector(ref, "GOV")  # a country acting is its government (PLOVER's reading)
        return _Candidate(match.start, match.end, ref, modifier=entry.kind == "country", sector_only=False)

    # -- places, dates, quantities ----------------------------------------------------------------

    def _places(self, sent: Sentence, countries: tuple[str, ...]) -> list[Mention]:
        found = []
        for ent in sent.entities:
            if ent.label not in _PLACE_LABELS and not _located(sent.tokens, ent.end - 1):
                continue
            start = ent.start + 1 if sent.tokens[ent.start].lemma == "the" else ent.start
            if start >= ent.end:
                continue
            text = _span_text(sent.tokens, start, ent.end)
            place = self.gazetteer.resolve(text, countries=countries)
            if place is not None:
                found.append(_mention("place", sent, start, ent.end, place=place))
        return found

    def _dates(self, sent: Sentence, doc: Document) -> list[Mention]:
        found = []
        for ent in sent.entities:
            if ent.label != "DATE":
                continue
            value = dates.resolve(ent.text, doc.published)
            if value is not None:
                found.append(_mention("date", sent, ent.start, ent.end, date=value))
        return found

    def _quantities(self, sent: Sentence) -> list[Mention]:
        return [
            _mention("quantity", sent, q.start, q.end, quantity=q.quantity)
            for q in find_quantities(sent.tokens)
        ]


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
                entity_text=_span_text(tokens, prev.start, cand.end),
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
                entity_text=_span_text(tokens, cur.start, nxt.end),
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


def _modifies(mod: _Candidate, noun: _Candidate, tokens: Sequence[Token]) -> bool:
    between = tokens[mod.end : noun.start]
    if len(between) > 4:
        return False
    # "US-led coalition forces": the hyphenated "-led" form still modifies.
    allowed = {"-", "led", "backed", "based", "'s"}
    return all(
        t.text.lower() in allowed or (t.pos in {"ADJ", "NOUN", "PROPN"} and t.dep in _MODIFIER_DEPS)
        for t in between
    )


def _led_by(candidates: list[_Candidate], kids: list[list[Token]]) -> list[_Candidate]:
    """Code "the coalition forces led by the US" as USA: the leader's country qualifies the group."""
    if not any(c.sector_only and c.ref.code is None for c in candidates):
        return candidates  # no uncoded group to qualify
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    out = []
    for cand in candidates:
        if cand.sector_only and cand.ref.code is None:
            head = cand.end - 1
            for verb in (t for t in kids[head] if t.dep == "acl" and t.lemma in {"lead", "back"}):
                for agent in (t for t in kids[verb.i] if t.dep == "agent"):
                    for obj in (t for t in kids[agent.i] if t.dep == "pobj"):
                        leader = by_token.get(obj.i)
                        if leader is not None and leader.ref.code:
                            cand = replace(cand, ref=replace(cand.ref, code=leader.ref.code))
        out.append(cand)
    return out


def _owned(candidates: list[_Candidate], kids: list[list[Token]]) -> list[_Candidate]:
    """Give uncoded groups and people the code of the country or organisation they belong to."""
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    return [
        _belonging(c, kids, by_token) if c.sector_only or c.ref.code is None or c.modifier else c
        for c in candidates
    ]


def _children(tokens: Sequence[Token]) -> list[list[Token]]:
    """Each token's children, computed once per sentence."""
    kids: list[list[Token]] = [[] for _ in tokens]
    for t in tokens:
        if t.head != t.i and 0 <= t.head < len(kids):
            kids[t.head].append(t)
    return kids


# "rebels in the Ivory Coast", "students throughout Indonesia", "King Hassan of Morocco"
_BELONGING_PREPS = frozenset({"in", "from", "of", "throughout", "across"})


# Nouns whose "of" phrase names a place ("the town of Samarra"), whatever label the parser gave it.
_PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "capital", "port"})


def _located(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` is the object of a location phrase ("near Samarra", "the town of Samarra"): small
    models label such towns NORP or PERSON, so the gazetteer is asked anyway."""
    token = tokens[i]
    if token.dep != "pobj" or token.pos != "PROPN":
        return False
    prep = tokens[token.head]
    word = prep.text.lower()
    if word == "of":
        return tokens[prep.head].lemma in _PLACE_NOUNS
    return word in {"in", "near", "outside", "at", "inside", "around"}


def _belonging(cand: _Candidate, kids: list[list[Token]], by_token: dict[int, _Candidate]) -> _Candidate:
    """A group or person placed in, or belonging to, a named country or organisation: "rebels in the
    Ivory Coast", "Albanians in south Serbia", "leaders of the Fatah party", "King Hassan of Morocco"."""
    head = cand.end - 1
    for prep in (t for t in kids[head] if t.dep == "prep" and t.text in _BELONGING_PREPS):
        for obj in (t for t in kids[prep.i] if t.dep == "pobj"):
            owner = by_token.get(obj.i)
            if owner is None or owner is cand or not owner.ref.code:
                continue
            named = not cand.sector_only
            country = (owner.ref.identifier_id or "").startswith("iso:")
            ref = replace(
                cand.ref,
                code=owner.ref.code,
                identifier_id=cand.ref.identifier_id if named else owner.ref.identifier_id,
                identifier_text=cand.ref.identifier_text if named else owner.ref.identifier_text,
                sector=cand.ref.sector or (None if country else owner.ref.sector),
            )
            return replace(cand, ref=ref)
    # "Arab League Secretary General Chadli Klibi": a coded body among the name's compound modifiers.
    stack = [t for t in kids[head] if t.dep == "compound"]
    while stack:
        t = stack.pop()
        owner = by_token.get(t.i)
        if owner is not None and owner is not cand and owner.ref.code and owner.end <= cand.start:
            return replace(cand, ref=replace(cand.ref, code=owner.ref.code))
        stack.extend(k for k in kids[t.i] if k.dep == "compound")
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
                entity_text=_span_text(tokens, prev.start, cand.end),
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
            ref = replace(c.ref, entity_text=_span_text(tokens, c.start, head.i + 1))
            c = _Candidate(c.start, head.i + 1, ref, modifier=False, sector_only=False)
        out.append(c)
    return out
