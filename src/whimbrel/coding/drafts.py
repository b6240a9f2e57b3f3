"""Drafts of events within one sentence, and the rules that fold, merge and score them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger
from whimbrel.model import ActorRef, EventStatus, Mention, Quantity, Token


@dataclass(slots=True)
class Draft:
    """An event in the making: its trigger, roles, status, and why each was chosen."""

    trigger: Trigger
    actor: list[Mention]
    recipient: list[Mention]
    status: EventStatus
    claimant: Mention | None
    count: Quantity | None
    why: list[str]
    casualties: dict[str, Quantity] = field(default_factory=dict)
    actor_token: int | None = None
    recode: str | None = None  # an intention, demand or refusal coded as the statement (PLOVER's rule)
    embedded: Draft | None = None  # the act a threat, promise or demand is about ("threatened to shell")
    # who is said to have done it: ("claimed" | "alleged" | "denied" | "unattributed", by whom)
    attribution: tuple[str, Mention | None] | None = None

    @property
    def event(self) -> str:
        """The PLOVER event of the draft."""
        return self.recode or self.trigger.sense.event


def claimed_perpetrator(actor: list[Mention], claimant: Mention) -> list[Mention]:
    """A claim of responsibility names the perpetrator: it identifies an uncoded generic actor."""
    if not actor:
        return [claimant]
    named = claimant.actor
    if named is None:
        return actor
    out = []
    for m in actor:
        ref = m.actor
        if ref is not None and ref.code is None:
            ref = ActorRef(
                entity_text=ref.entity_text,
                code=named.code,
                sector=ref.sector or named.sector,
                identifier_id=named.identifier_id,
                identifier_text=named.identifier_text,
            )
            m = replace(m, actor=ref)
        out.append(m)
    return out


def merge_restatements(drafts: list[Draft]) -> list[Draft]:
    """Fold repeats of one event in a sentence (same event, actor and recipient) into the first."""
    out: list[Draft] = []
    for d in drafts:
        same = next(
            (
                o
                for o in out
                if o.trigger.sense.event == d.trigger.sense.event
                and _starts(o.actor) == _starts(d.actor)
                and (not d.recipient or not o.recipient or _starts(o.recipient) == _starts(d.recipient))
            ),
            None,
        )
        if same is None:
            out.append(d)
            continue
        if same.count is None:
            same.count = d.count
        if not same.recipient:
            same.recipient = d.recipient
    return out


_PHRASE_DEPS = frozenset({"compound", "amod", "det", "nmod", "poss", "nummod", "quantmod"})
_NOT_ACTORS = frozenset({"it", "this", "that", "which", "what", "there", "something", "nothing", "one"})


def is_person(tokens: Sequence[Token], m: Mention) -> bool:
    """The mention is (part of) a name the parser labels PERSON."""
    return any(tokens[i].ent_type == "PERSON" for i in range(m.token_start, m.token_end))


def unlisted(tree: Tree, head: int) -> list[Mention]:
    """An actor the knowledge base does not know: the subject's own noun phrase, uncoded."""
    token = tree.tokens[head]
    if token.pos not in {"NOUN", "PROPN"} or token.lemma in _NOT_ACTORS or token.ent_type in {"DATE", "TIME"}:
        return []
    if head in tree.trigger_tokens:  # "a roadside bombing killed ...": an event, not an actor
        return []
    if tree.mention_at("source", head) is not None:  # "Reuters reported": a source, never an actor
        return []
    span = [head, *(k.i for k in tree.kids(head, *_PHRASE_DEPS))]
    start, end = min(span), max(span) + 1
    while start < head and tree.tokens[start].dep == "det":
        start += 1
    text = tree.text(start, end)
    first, last = tree.tokens[start], tree.tokens[end - 1]
    ref = ActorRef(entity_text=text)
    return [
        Mention(
            kind="actor",
            sentence=tree.sentence.index,
            start=first.idx,
            end=last.end,
            token_start=start,
            token_end=end,
            text=text,
            actor=ref,
        )
    ]


def fold_purposes(tree: Tree, drafts: list[Draft]) -> list[Draft]:
    """A protest's aim is part of the protest: "marched to demand reforms" and "blocked roads demanding
    his return" are one PROTEST; "shunned work to protest" is the PROTEST, not a rejection."""
    by_token = {d.trigger.governor: d for d in drafts} | {d.trigger.token: d for d in drafts}
    dropped: set[int] = set()
    for d in drafts:
        token = tree.tokens[d.trigger.governor]
        host = by_token.get(token.head) if token.dep in {"advcl", "xcomp", "acl"} else None
        if host is None or host is d or id(host) in dropped:
            continue
        if host.event == "PROTEST" and d.event == "REQUEST":
            host.why.append(f"demand {tree.tokens[d.trigger.token].text!r} is the protest's aim")
            dropped.add(id(d))
        elif d.event == "PROTEST" and host.event not in {"PROTEST", "ASSAULT", "COERCE"}:
            d.actor = d.actor or host.actor
            d.why.append(f"{tree.tokens[host.trigger.token].text!r} was done in protest")
            dropped.add(id(host))
    return [d for d in drafts if id(d) not in dropped]


def _starts(mentions: Sequence[Mention]) -> set[int]:
    return {m.start for m in mentions}


def same_mentions(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """The two lists name the same mentions (by where they start)."""
    return _starts(a) == _starts(b)


def fold_participles(tree: Tree, drafts: list[Draft]) -> list[Draft]:
    """ "carried out attacks ..., killing two": the participle is the same event, not a new one."""
    governors = {d.trigger.governor for d in drafts} | {d.trigger.token for d in drafts}
    out = []
    for d in drafts:
        token = tree.tokens[d.trigger.token]
        same_event = [o for o in drafts if o is not d and o.trigger.sense.event == d.trigger.sense.event]
        participle = (
            token.tag == "VBG" and token.dep in {"advcl", "xcomp", "conj"} and token.head in governors
        )
        # "US strikes on militia bases killed two fighters": the strikes did the killing.
        by_event = d.actor_token is not None and any(o.trigger.token == d.actor_token for o in same_event)
        if d.trigger.token == d.trigger.governor and same_event and (participle or by_event):
            host = next((o for o in same_event if o.trigger.token == d.actor_token), same_event[0])
            host.recipient = host.recipient or d.recipient
            continue
        out.append(d)
    return out


def casualty_fields(found: dict[str, Quantity]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for kind in ("dead", "injured", "arrested"):
        q = found.get(kind)
        fields[kind] = q.value if q else None
        fields[f"{kind}_qualifier"] = q.qualifier if q else None
        fields[f"{kind}_max"] = q.maximum if q else None
    return fields


def is_historical(date: str | None, published: dt.date | None, days: int) -> bool:
    if date is None or published is None:
        return False
    return _is_historical(date, published, days)


@lru_cache(maxsize=4096)
def _is_historical(date: str, published: dt.date, days: int) -> bool:
    year, month, day = (int(p) for p in [*date.split("-"), "12", "28"][:3])
    try:
        when = dt.date(year, month, min(day, 28) if len(date) < 10 else day)
    except ValueError:
        return False
    return (published - when).days > days


INTENT_WEIGHT = 0.6


def _coded(mentions: Sequence[Mention]) -> bool:
    """Some mention is of a coded actor (a loop: this runs for every event)."""
    for m in mentions:  # noqa: SIM110 (any() over a generator costs more on this path)
        if m.actor is not None and m.actor.code:
            return True
    return False


def confidence(d: Draft, status: str, depth: int, *, background: float = 0.0) -> float:
    """A first, transparent score: the trigger's reliability, adjusted for what the parse found."""
    weight = d.trigger.sense.weight
    if d.recode in {"AGREE", "THREATEN"}:  # "is willing to send": the stated intent is plain
        weight = max(weight, INTENT_WEIGHT)
    score = 0.35 + 0.4 * weight
    score += 0.1 if _coded(d.actor) else (0.0 if d.actor else -0.15)
    score += 0.1 if _coded(d.recipient) else (0.0 if d.recipient else -0.1)
    if d.trigger.is_noun:
        score -= 0.05
    score -= 0.04 * min(depth, 5)  # an event in a subordinate clause is less likely the sentence's point
    if status in {"hypothetical", "unverified", "alleged"}:
        score -= 0.05
    score -= background  # a time adjunct, a modifier or a past perfect: not the sentence's point
    return round(min(1.0, max(0.0, score)), 3)


# What kind of threat an act makes when it is threatened (CAMEO 13x): violence for an attack, relations
# for a cut in ties, aid or talks, restrict for an embargo or blockade, political for a protest.
_THREAT_MODES = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "PROTEST": "political",
    "SANCTION": "relations",
}
_THREAT_KEEPS = ("curfew", "martial-law", "ban", "expel", "restrict")  # the most specific first


def threat_mode(event: str, modes: Sequence[str], cameo: str | None) -> str | None:
    """The THREATEN mode of threatening ``event`` (done with ``modes``, coded ``cameo``)."""
    kept = next((m for m in _THREAT_KEEPS if m in modes), None)
    if kept is not None and event in {"COERCE", "SANCTION"}:
        return kept if kept != "expel" or event == "SANCTION" else None
    if event == "SANCTION" and cameo is not None and cameo.startswith("163"):
        return "restrict"  # an embargo or boycott
    return _THREAT_MODES.get(event)
