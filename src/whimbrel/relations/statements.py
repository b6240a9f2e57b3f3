"""Explicit relational statements between actors, read from one parsed sentence.

Reporting states alignments in a few grammatical classes, and each class is read the same way
whatever the actors are:

- a prefix on the noun that names a group: "pro-X", "X-backed", "X-sponsored" (X backs the group),
  "X-aligned", "X-allied", "X-linked" (the group is allied with X);
- a support verb: "X backs / arms / funds / sponsors Y", its passive "Y (is) backed by X", and a
  support noun given by X: "X provides support to Y", "X's backing for Y";
- membership: "Y belonging to X", "Y affiliated with X", "Y joined X", and an apposition or
  predicate noun: "Y, a member / part / wing / faction of X";
- alignment nouns: "Y, an ally of X", "Y, a proxy of X", "Y, a backer of X"; "allied with";
- hostility: "X fought Y", "X clashed with Y", "fighting / clashes / war / confrontation between X
  and Y".

Each relation keeps the sentence as its evidence and a status read from the cue: a negated cue is
"negated", a cue under "deny" is "denied", under "accuse", "allege" or "suspect" (or with
"reportedly", "allegedly") it is "alleged", otherwise "asserted".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from whimbrel.knowledge.actors import ActorKB
from whimbrel.model import ActorRef, Mention, Relation, Sentence, Span, Token

# Relation kinds, as the network exports name them. "backs": source backs target; "member_of":
# source belongs to target; "allied_with" and "fighting" are symmetric; "proxy_of": source is
# target's proxy.
KINDS = ("backs", "member_of", "allied_with", "fighting", "proxy_of")

SUPPORT_VERBS = frozenset(
    {"back", "support", "arm", "fund", "finance", "sponsor", "bankroll", "equip", "supply", "train"}
)
# "X-backed militias": the participle after a hyphen, and the relation it states.
PREFIX_PARTICIPLES = {
    "backed": "backs",
    "supported": "backs",
    "sponsored": "backs",
    "funded": "backs",
    "financed": "backs",
    "armed": "backs",
    "trained": "backs",
    "aligned": "allied_with",
    "allied": "allied_with",
    "affiliated": "member_of",
    "linked": "allied_with",
    "controlled": "backs",
}
MEMBERSHIP_VERBS = {
    "belong": "member_of",
    "affiliate": "member_of",
    "join": "member_of",
    "ally": "allied_with",
}
MEMBER_NOUNS = frozenset(
    {"member", "part", "wing", "arm", "faction", "branch", "affiliate", "offshoot", "component", "unit"}
)
ALIGNMENT_NOUNS = {
    "ally": "allied_with",
    "partner": "allied_with",
    "proxy": "proxy_of",
    "backer": "backs_reversed",
    "sponsor": "backs_reversed",
    "patron": "backs_reversed",
    "supporter": "backs",
}
SUPPORT_NOUNS = frozenset(
    {"support", "backing", "funding", "financing", "weapons", "arms", "aid", "sponsorship"}
)
GIVING_VERBS = frozenset({"provide", "give", "offer", "lend", "extend", "send", "supply", "deliver"})
HOSTILE_VERBS = frozenset({"fight", "battle", "combat", "clash"})
HOSTILE_NOUNS = frozenset(
    {"fighting", "clash", "war", "confrontation", "battle", "conflict", "hostility", "skirmish", "feud"}
)
ALLIANCE_NOUNS = frozenset({"alliance", "pact", "coalition", "partnership"})
DENY = frozenset({"deny", "reject", "dismiss"})
ALLEGE = frozenset({"accuse", "allege", "suspect", "blame"})
HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})


@dataclass(frozen=True, slots=True)
class _Actor:
    """An actor the sentence names: its token span and its record-contract reference."""

    start: int
    end: int
    ref: ActorRef


class _Sentence:
    """One sentence's tokens, children and actor spans, with the lookups the patterns share."""

    def __init__(self, sent: Sentence, actors: Sequence[_Actor]) -> None:
        self.tokens = sent.tokens
        self.actors = sorted(actors, key=lambda a: (a.start, a.end))
        self.kids: list[list[Token]] = [[] for _ in sent.tokens]
        for tok in sent.tokens:
            if tok.head != tok.i:
                self.kids[tok.head].append(tok)

    def children(self, i: int, *deps: str) -> list[Token]:
        return [t for t in self.kids[i] if not deps or t.dep in deps]

    def lemma(self, i: int) -> str:
        return self.tokens[i].lemma.lower()

    def actor_at(self, i: int, seen: frozenset[int] = frozenset()) -> _Actor | None:
        """The actor that token ``i`` names: a mention covering it, or one it stands in apposition
        to ("the camp that ..." after "the Coordination Framework"), or a relative pronoun's noun."""
        covering = [a for a in self.actors if a.start <= i < a.end]
        if covering:
            return max(covering, key=lambda a: a.end - a.start)
        if i in seen:
            return None
        seen = seen | {i}
        tok = self.tokens[i]
        if tok.dep == "appos":
            return self.actor_at(tok.head, seen)
        if tok.dep in {"nsubj", "nsubjpass"} and tok.lemma.lower() in {"that", "which", "who"}:
            verb = self.tokens[tok.head]
            if verb.dep == "relcl":
                return self.actor_at(verb.head, seen)
        for kid in self.children(i, "appos"):
            found = self.actor_at(kid.i, seen)
            if found is not None:
                return found
        return None

    def with_conjuncts(self, i: int) -> list[int]:
        """``i`` and the tokens coordinated with it ("X and Y")."""
        out = [i]
        for kid in self.children(i, "conj"):
            out.extend(self.with_conjuncts(kid.i))
        return out

    def pobj(self, i: int, *preps: str) -> list[int]:
        """The objects of ``i``'s prepositions ``preps`` (any when empty)."""
        out: list[int] = []
        for prep in self.children(i, "prep", "agent"):
            if not preps or prep.text.lower() in preps or (prep.dep == "agent" and "by" in preps):
                out.extend(t.i for t in self.children(prep.i, "pobj"))
        return out

    def subject(self, i: int) -> int | None:
        """The subject of verb ``i``, or of the verb it is coordinated with or controlled by."""
        for kid in self.children(i, "nsubj"):
            return kid.i
        tok = self.tokens[i]
        if tok.dep in {"conj", "xcomp"} and tok.head != i:
            return self.subject(tok.head)
        if tok.dep in {"acl", "relcl"}:
            return tok.head
        if tok.dep in {"pcomp", "pobj"}:  # "accused Tehran of funding Hamas": the accused funds
            verb = self.tokens[tok.head].head
            for obj in self.children(verb, "dobj"):
                return obj.i
        return None

    def status(self, i: int) -> str:
        """How the cue at ``i`` is reported: asserted, negated, denied or alleged."""
        if self.children(i, "neg"):
            return "negated"
        if any(t.text.lower() in HEDGES for t in self.children(i, "advmod")):
            return "alleged"
        j, steps = i, 0
        while self.tokens[j].head != j and steps < 6:
            j, steps = self.tokens[j].head, steps + 1
            lemma = self.lemma(j)
            if lemma in DENY:
                return "denied"
            if lemma in ALLEGE:
                return "alleged"
        return "asserted"


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    source: _Actor
    target: _Actor
    cue: int


def find_relations(
    sent: Sentence,
    mentions: Sequence[Mention],
    kb: ActorKB,
    *,
    doc_id: str,
    at: str | None = None,
) -> list[Relation]:
    """The relational statements of ``sent`` between its actor ``mentions`` (and the actors a
    "pro-X" or "X-backed" prefix names), each with the sentence as evidence."""
    actors = [
        _Actor(m.token_start, m.token_end, m.actor)
        for m in mentions
        if m.kind == "actor" and m.actor is not None and m.sentence == sent.index
    ]
    view = _Sentence(sent, actors)
    found: list[_Found] = []
    found.extend(_prefixes(view, kb, at))
    for tok in sent.tokens:
        found.extend(_verb_relations(view, tok))
        found.extend(_noun_relations(view, tok))
    out: list[Relation] = []
    seen: set[tuple[str, int, int, int, int]] = set()
    for f in found:
        key = (f.kind, f.source.start, f.source.end, f.target.start, f.target.end)
        same_actor = (f.source.start, f.source.end) == (f.target.start, f.target.end)
        if key in seen or same_actor:
            continue
        seen.add(key)
        out.append(
            Relation(
                source=f.source.ref,
                target=f.target.ref,
                kind=f.kind,
                evidence=Span(doc_id, sent.start, sent.end),
                text=sent.text,
                status=view.status(f.cue),
            )
        )
    return out


def _prefixes(view: _Sentence, kb: ActorKB, at: str | None) -> Iterator[_Found]:
    """ "pro-Iranian militias", "Iran-backed militias", "Russian-aligned forces"."""
    toks = view.tokens
    for i, tok in enumerate(toks):
        low = tok.text.lower()
        if low == "pro" and i + 2 < len(toks) and toks[i + 1].text == "-":
            kind, start, end = "backs", i + 2, i + 3
            source_first = True
        elif low.startswith("pro-") and len(low) > 4:
            kind, start, end = "backs", i, i + 1
            source_first = True
        elif low in PREFIX_PARTICIPLES and i >= 2 and toks[i - 1].text == "-":
            kind, start, end = PREFIX_PARTICIPLES[low], i - 2, i - 1
            source_first = kind == "backs"
        else:
            continue
        words = [toks[j].text for j in range(start, end)]
        if words and words[0].lower().startswith("pro-"):
            words[0] = words[0][4:]
        matches = kb.match(words, at=at)
        if len(matches) != 1 or matches[0].entry.kind == "sector":
            continue
        prefix = _Actor(start, end, kb.ref(matches[0].entry, " ".join(words)))
        group = _modified_group(view, i, kb, at)
        if group is None:
            continue
        if source_first:
            yield _Found(kind, prefix, group, i)
        else:
            yield _Found(kind, group, prefix, i)


def _modified_group(view: _Sentence, i: int, kb: ActorKB, at: str | None) -> _Actor | None:
    """The group a prefix at token ``i`` modifies, as an actor of its own (without the prefix): a named
    group between the prefix and the noun ("Iran-backed Kataib Hezbollah fighters"), else the noun's
    own sector ("Iran-backed militias")."""
    toks = view.tokens
    head = i
    steps = 0
    while toks[head].dep in {"amod", "compound", "npadvmod", "punct", "nmod"} and steps < 6:
        head, steps = toks[head].head, steps + 1
    if head <= i:
        return None
    words = [toks[j].text for j in range(i + 1, head + 1)]
    matches = kb.match(words, at=at)
    named = [m for m in matches if m.entry.kind not in {"sector", "country", "capital", "region"}]
    if named:
        m = named[0]
        start, end = i + 1 + m.start, i + 1 + m.end
        return _Actor(start, end, kb.ref(m.entry, " ".join(words[m.start : m.end])))
    own = [m for m in matches if m.entry.kind == "sector" and i + 1 + m.end == head + 1]
    if own:
        m = own[0]
        return _Actor(i + 1 + m.start, head + 1, kb.ref(own[0].entry, " ".join(words[m.start : m.end])))
    covering = view.actor_at(head)
    if covering is not None and covering.start > i:
        return covering
    return None


def _verb_relations(view: _Sentence, tok: Token) -> Iterator[_Found]:
    lemma = tok.lemma.lower()
    if tok.pos not in {"VERB", "AUX", "ADJ"}:
        return
    if lemma in SUPPORT_VERBS:
        passive = bool(view.children(tok.i, "nsubjpass", "auxpass")) or (
            tok.dep == "acl" and tok.tag == "VBN"
        )
        if passive:
            targets = [t.i for t in view.children(tok.i, "nsubjpass")] or (
                [tok.head] if tok.dep == "acl" else []
            )
            sources = view.pobj(tok.i, "by")
        else:
            subject = view.subject(tok.i)
            sources = [subject] if subject is not None else []
            targets = [t.i for t in view.children(tok.i, "dobj")]
        yield from _pairs(view, "backs", sources, targets, tok.i)
    elif lemma in MEMBERSHIP_VERBS:
        kind = MEMBERSHIP_VERBS[lemma]
        subject = view.subject(tok.i)
        members = [subject] if subject is not None else []
        if tok.dep == "acl" or tok.dep == "amod":
            members = [tok.head]
        groups = view.pobj(tok.i, "to", "with") + (
            [t.i for t in view.children(tok.i, "dobj")] if lemma == "join" else []
        )
        yield from _pairs(view, kind, members, groups, tok.i)
    elif lemma in HOSTILE_VERBS:
        subject = view.subject(tok.i)
        sides = [subject] if subject is not None else []
        others = [t.i for t in view.children(tok.i, "dobj")] + view.pobj(tok.i, "against", "with")
        yield from _pairs(view, "fighting", sides, others, tok.i)
        yield from _pairs(view, "allied_with", sides, view.pobj(tok.i, "alongside"), tok.i)
    if lemma in GIVING_VERBS:
        for obj in view.children(tok.i, "dobj"):
            if obj.lemma.lower() in SUPPORT_NOUNS or obj.text.lower() in SUPPORT_NOUNS:
                subject = view.subject(tok.i)
                sources = [subject] if subject is not None else []
                targets = view.pobj(obj.i, "for", "to") + view.pobj(tok.i, "for", "to")
                yield from _pairs(view, "backs", sources, targets, tok.i)


def _noun_relations(view: _Sentence, tok: Token) -> Iterator[_Found]:
    lemma = tok.lemma.lower()
    word = tok.text.lower()  # a gerund too: "fighting between X and Y" (lemma "fight")
    if {lemma, word} & (HOSTILE_NOUNS | ALLIANCE_NOUNS):
        kind = "fighting" if {lemma, word} & HOSTILE_NOUNS else "allied_with"
        for first in view.pobj(tok.i, "between"):
            sides = view.with_conjuncts(first)
            yield from _pairs(view, kind, sides[:1], sides[1:], tok.i)
    if tok.pos not in {"NOUN", "PROPN"}:
        return
    if lemma in MEMBER_NOUNS or lemma in ALIGNMENT_NOUNS:
        kind = "member_of" if lemma in MEMBER_NOUNS else ALIGNMENT_NOUNS[lemma]
        holders = _predicated_of(view, tok)
        others = view.pobj(tok.i, "of", "for", "to")
        others += [t.i for t in view.children(tok.i, "poss")]
        if kind == "backs_reversed":
            yield from _pairs(view, "backs", holders, others, tok.i, reverse=True)
        else:
            yield from _pairs(view, kind, holders, others, tok.i)
    elif lemma in SUPPORT_NOUNS:
        sources = [t.i for t in view.children(tok.i, "poss")]
        targets = view.pobj(tok.i, "for", "to")
        yield from _pairs(view, "backs", sources, targets, tok.i)


def _predicated_of(view: _Sentence, tok: Token) -> list[int]:
    """What a noun such as "member" or "ally" is said of: the noun it stands in apposition to, or
    the subject of the copula whose predicate it is ("Y is part of X")."""
    if tok.dep == "appos":
        return [tok.head]
    if tok.dep == "attr":
        subject = view.subject(tok.head)
        return [subject] if subject is not None else []
    if tok.dep == "npadvmod" or tok.dep == "compound":
        return [tok.head]
    return []


def _pairs(
    view: _Sentence,
    kind: str,
    firsts: Sequence[int],
    seconds: Sequence[int],
    cue: int,
    *,
    reverse: bool = False,
) -> Iterator[_Found]:
    for a in firsts:
        for first in view.with_conjuncts(a):
            source = view.actor_at(first)
            if source is None:
                continue
            for b in seconds:
                for second in view.with_conjuncts(b):
                    target = view.actor_at(second)
                    if target is None:
                        continue
                    yield _Found(kind, target, source, cue) if reverse else _Found(kind, source, target, cue)
