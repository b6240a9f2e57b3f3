"""PETRARCH codes of whimbrel's coded events: the post-steps of the ``petrarch`` evaluation.

Standing in for coder hooks whimbrel lacks: discards, the PETRARCH code of each event's verb from the
full verb dictionary, reverse events of paired codes, PETRARCH-style actor codes (prefix and suffix
agents) and, for the ``compat`` variant, PETRARCH's role rules. See ``whimbrel.evaluation.petrarch``
(steps 5 to 7 of its docstring).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from whimbrel.knowledge.actors import ActorEntry, ActorKB, alias_tokens
from whimbrel.knowledge.petrarch import Discard
from whimbrel.knowledge.petrarch_actors import agent_code_of, petrarch_code
from whimbrel.knowledge.petrarch_verb_dictionary import NULL_CODE
from whimbrel.knowledge.petrarch_verb_matcher import PatternHit, VerbMatch, VerbMatcher
from whimbrel.model import ActorRef, Document, Event, Mention, Sentence

__all__ = ["Coder", "Triple"]

Triple = tuple[str, str, str]


@dataclass
class _Counts:
    discarded: int = 0
    vetoed: int = 0
    not_petrarch: int = 0
    recoded: int = 0
    reverse: int = 0
    events: int = 0
    compound: int = 0
    marker_roles: int = 0
    target_fallback: int = 0
    dropped_recipients: int = 0
    composed: int = 0


@dataclass
class _Role:
    """One actor or recipient of an event: its reference and, when found, its mention."""

    ref: ActorRef
    mention: Mention | None


class _Parse:
    """Children and subtrees of one sentence's dependency parse."""

    def __init__(self, sent: Sentence, mentions: Sequence[Mention]) -> None:
        self.sent = sent
        self.tokens = sent.tokens
        self.children: list[list[int]] = [[] for _ in sent.tokens]
        for t in sent.tokens:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self.actors = sorted(
            (m for m in mentions if m.kind == "actor" and m.actor), key=lambda m: m.token_start
        )

    def subtree(self, i: int) -> set[int]:
        out, stack = set(), [i]
        while stack:
            j = stack.pop()
            if j not in out:
                out.add(j)
                stack.extend(self.children[j])
        return out

    def conjuncts(self, i: int) -> list[int]:
        out, stack = [i], [i]
        while stack:
            for k in self.children[stack.pop()]:
                if self.tokens[k].dep == "conj" and k not in out:
                    out.append(k)
                    stack.append(k)
        return out

    def at(self, i: int) -> Mention | None:
        return next((m for m in self.actors if m.token_start <= i < m.token_end), None)

    def head(self, m: Mention) -> int:
        span = range(m.token_start, m.token_end)
        return next(
            (i for i in span if self.tokens[i].head not in span or self.tokens[i].head == i), m.token_end - 1
        )


@dataclass
class Coder:
    kb: ActorKB
    matcher: VerbMatcher
    discards: Sequence[Discard]
    compat: bool = False
    counts: _Counts = field(default_factory=_Counts)

    def triples(self, doc: Document) -> set[Triple]:
        if any(d.matches(doc.text) for d in self.discards):
            self.counts.discarded += 1
            return set()
        out: set[Triple] = set()
        sentences = {s.index: s for s in doc.sentences}
        for event in doc.events:
            self.counts.events += 1
            sent = sentences.get(event.sentence)
            if sent is None:
                continue
            parse = _Parse(sent, [m for m in doc.mentions if m.sentence == sent.index])
            out |= self._event(event, parse)
        return out

    def _event(self, event: Event, parse: _Parse) -> set[Triple]:
        tokens = parse.tokens
        t = next((tok.i for tok in tokens if tok.idx == event.trigger_start), None)
        found = (
            self.matcher.match([x.text.lower() for x in tokens], [x.lemma for x in tokens], t)
            if t is not None
            else None
        )
        if t is None or found is None:
            self.counts.not_petrarch += 1
            return set()
        actors = [self._role(ref, parse, t) for ref in event.actor]
        recipients = [self._role(ref, parse, t) for ref in event.recipient]
        if self.compat:
            actors = self._no_appositions(actors, parse)
            recipients = self._after_verb(recipients, parse, t)
        hit = self._pick(found, actors, recipients)
        code = hit.code if hit is not None else found.default
        if code == NULL_CODE:
            self.counts.vetoed += 1
            return set()
        if code != event.cameo:
            self.counts.recoded += 1
        pairs: list[tuple[str, str]] | None = None
        if self.compat and hit is not None:
            actors, recipients = self._marker_roles(hit, parse, t, actors, recipients)
            if any(m == "%" and d < 0 for m, _, d in hit.markers) and not recipients:
                codes = self._codes(actors, parse)  # "Gondor and Osgiliath have delayed": each to the other
                pairs = [(a, b) for a in codes for b in codes if a != b]
                self.counts.compound += 1
        if self.compat and not recipients and pairs is None:
            recipients = self._first_after(parse, t, actors)
        if pairs is None:
            sources = self._codes(actors, parse) or [NULL_CODE]
            targets = self._codes(recipients, parse) or [NULL_CODE]
            pairs = [(s, g) for s in sources for g in targets]
        pairs = [(s, g) for s, g in pairs if NULL_CODE not in (s, g)]  # PETRARCH require_dyad
        first, _, reverse = code.partition(":")
        out: set[Triple] = set()
        for s, g in pairs:
            out.add((s, g, first))
            if reverse and NULL_CODE not in (s, g):
                out.add((g, s, reverse))
                self.counts.reverse += 1
        return out

    # -- roles --------------------------------------------------------------------------------------

    def _role(self, ref: ActorRef, parse: _Parse, t: int) -> _Role:
        same = [m for m in parse.actors if m.actor == ref]
        return _Role(ref, min(same, key=lambda m: abs(m.token_start - t)) if same else None)

    def _pick(
        self, found: VerbMatch, actors: Sequence[_Role], recipients: Sequence[_Role]
    ) -> PatternHit | None:
        for hit in found.hits:
            if not hit.has("%"):
                return hit
            before = any(m == "%" and d < 0 for m, _, d in hit.markers)
            if self.compat and len(actors if before else recipients) >= 2:
                return hit
        return None

    def _no_appositions(self, roles: list[_Role], parse: _Parse) -> list[_Role]:
        """ "Deputy Prime Minister Telemar" and "Telemar": an apposition is the same actor."""
        spans = [range(r.mention.token_start, r.mention.token_end) for r in roles if r.mention]
        out = []
        for r in roles:
            if r.mention is not None:
                head = parse.head(r.mention)
                tok = parse.tokens[head]
                if tok.dep == "appos" and any(tok.head in span for span in spans if head not in span):
                    continue
            out.append(r)
        return out

    def _after_verb(self, roles: list[_Role], parse: _Parse, t: int) -> list[_Role]:
        """PETRARCH's target follows the verb (a passive subject excepted)."""
        out = []
        for r in roles:
            m = r.mention
            if m is not None and m.token_end <= t and parse.tokens[parse.head(m)].dep != "nsubjpass":
                self.counts.dropped_recipients += 1
                continue
            out.append(r)
        return out

    def _group(self, m: Mention, parse: _Parse) -> list[_Role]:
        found = []
        for k in parse.conjuncts(parse.head(m)):
            other = parse.at(k)
            if other is not None and other.actor is not None and other not in found:
                found.append(other)
        return [_Role(x.actor, x) for x in found if x.actor is not None]

    def _first_after(self, parse: _Parse, t: int, actors: Sequence[_Role]) -> list[_Role]:
        """PETRARCH's target: the first coded actor after the verb, in the verb's phrase."""
        inside = parse.subtree(t)
        taken = {id(r.mention) for r in actors if r.mention is not None}
        for m in parse.actors:
            after = m.token_start > t and m.token_start in inside and id(m) not in taken
            if after and m.actor is not None and self.ref_codes(m.actor):
                self.counts.target_fallback += 1
                return self._group(m, parse)
        return []

    def _marker_roles(
        self, hit: PatternHit, parse: _Parse, t: int, actors: list[_Role], recipients: list[_Role]
    ) -> tuple[list[_Role], list[_Role]]:
        """A pattern's "$" (source) and "+" (target) say where the roles are; "^" skips a noun phrase."""
        pool = [m for m in parse.actors if m.actor is not None and self.ref_codes(m.actor)]
        skip: dict[tuple[int, int], int] = {}
        moved: set[str] = set()
        for marker, pos, direction in hit.markers:
            start = skip.get((pos, direction), pos)
            if marker == "^":
                skip[(pos, direction)] = _skip_noun_phrase(parse, start, direction)
                continue
            if marker not in {"$", "+"}:
                continue
            if direction > 0:
                near = [m for m in pool if m.token_start >= start and m.token_start > t]
                found = min(near, key=lambda x: x.token_start) if near else None
            else:
                near = [m for m in pool if m.token_end - 1 <= start and m.token_end - 1 < t]
                found = max(near, key=lambda x: x.token_end) if near else None
            if found is None:
                continue
            self.counts.marker_roles += 1
            moved.add(marker)
            if marker == "$":
                actors = self._group(found, parse)
            else:
                recipients = self._group(found, parse)
        taken = {id(r.mention) for r in recipients if r.mention is not None}
        if "+" in moved and "$" not in moved and any(id(r.mention) in taken for r in actors):
            # the target the pattern names was read as the actor: the actor is the sentence's first one
            others = [m for m in pool if id(m) not in taken]
            actors = self._group(others[0], parse) if others else []
        return actors, recipients

    # -- codes --------------------------------------------------------------------------------------

    def _codes(self, roles: Iterable[_Role], parse: _Parse) -> list[str]:
        found: list[tuple[_Role, list[str]]] = []
        bases: set[int] = set()  # mentions that became part of another role's code
        for role in roles:
            codes = self.ref_codes(role.ref)
            entry = self._entry(role.ref.identifier_id)
            if self.compat and role.mention is not None and codes:
                pre, post = self._np_agents(role.mention, parse)
                if pre or post:
                    codes = [_join(pre, code, post) for code in codes]
            if self.compat and role.mention is not None and entry is not None and entry.kind == "sector":
                composed, used = self._compose(role.mention, role.ref, entry, parse)
                if composed:
                    codes = composed
                    bases.update(id(m) for m in used)
            found.append((role, codes))
        out: list[str] = []
        for role, codes in found:
            if role.mention is not None and id(role.mention) in bases:
                continue
            out.extend(c for c in codes if c not in out)
        return out

    def _compose(
        self, mention: Mention, ref: ActorRef, entry: ActorEntry, parse: _Parse
    ) -> tuple[list[str], list[Mention]]:
        """An agent noun with the actors of its noun phrase: "lawmakers and officials in Fornost and
        Gondor", "the ambassadors of Arnor, Osgiliath and Gondor", "White House security officials"."""
        heads = [parse.head(mention)]
        while parse.tokens[heads[-1]].dep == "conj" and parse.tokens[heads[-1]].head not in heads:
            heads.append(parse.tokens[heads[-1]].head)  # "lawmakers and officials in X": shared modifiers
        bases: list[Mention] = []
        for head in heads:
            for k in parse.children[head]:
                tok = parse.tokens[k]
                if tok.dep == "prep" and tok.text.lower() in {"of", "in", "from"}:
                    for obj in (j for j in parse.children[k] if parse.tokens[j].dep == "pobj"):
                        first = parse.at(obj)
                        if first is not None:
                            bases.extend(r.mention for r in self._group(first, parse) if r.mention)
                elif tok.dep in {"compound", "poss", "amod", "nmod"} and (m := parse.at(k)) is not None:
                    bases.append(m)
        prefixes, suffixes = self._agents(ref, entry)
        codes: list[str] = []
        used: list[Mention] = []
        for base in bases:
            base_entry = self._entry(base.actor.identifier_id) if base.actor else None
            if base is mention or base_entry is None or base_entry.kind == "sector":
                continue
            used.append(base)
            codes.extend(_join(prefixes, code, suffixes) for code in self._bases(base_entry))
        if codes:
            self.counts.composed += 1
        return list(dict.fromkeys(codes)), used

    def _np_agents(self, mention: Mention, parse: _Parse) -> tuple[list[str], list[str]]:
        """Agent nouns that modify an actor's phrase from outside its mention ("MSF Arnor")."""
        prefixes: list[str] = []
        suffixes: list[str] = []
        modifiers: list[int] = []
        stack = [parse.head(mention)]
        while stack:  # the modifiers of the head noun, and theirs ("An MSF Arnor diplomat")
            for k in parse.children[stack.pop()]:
                if parse.tokens[k].dep in {"compound", "amod", "nmod"} and k not in modifiers:
                    modifiers.append(k)
                    stack.append(k)
        for k in sorted(modifiers):
            other = parse.at(k)
            if other is None or other is mention:
                continue
            entry = self._entry(other.actor.identifier_id) if other.actor else None
            code = agent_code_of(entry) if entry is not None and entry.kind == "sector" else None
            if code is not None:
                (prefixes if code.endswith("~") else suffixes).append(code.strip("~"))
        return prefixes, suffixes

    def ref_codes(self, ref: ActorRef) -> list[str]:
        """PETRARCH codes of one actor reference (see ``whimbrel.evaluation.petrarch``)."""
        entry = self._entry(ref.identifier_id)
        bases: list[str] = []
        if entry is not None and entry.kind != "sector":
            bases = self._bases(entry)
        elif ref.code:
            bases = [ref.code]
        prefixes, suffixes = self._agents(ref, entry)
        if not bases and not prefixes and not suffixes:
            return []
        return [_join(prefixes, base, suffixes) for base in bases or [NULL_CODE]]

    @staticmethod
    def _bases(entry: ActorEntry) -> list[str]:
        raw = petrarch_code(entry) or NULL_CODE
        return [c.upper() for c in raw.split("/") if c != NULL_CODE and any(ch.isalpha() for ch in c)]

    def _entry(self, ident: str | None) -> ActorEntry | None:
        if ident is None or ident not in self.kb:
            return None
        return self.kb.get(ident)

    def _agents(self, ref: ActorRef, entry: ActorEntry | None) -> tuple[list[str], list[str]]:
        prefixes: list[str] = []
        suffixes: list[str] = []
        agents: list[ActorEntry] = []
        if entry is not None and entry.kind == "sector":
            agents.append(entry)
        for match in self.kb.match(list(alias_tokens(ref.entity_text))):
            if match.entry.kind == "sector" and match.entry not in agents:
                agents.append(match.entry)
        if not agents and ref.sector and (entry is None or petrarch_code(entry) is None):
            suffixes.append(ref.sector)  # an actor from outside the imported base: its own sector
        for agent in agents:
            code = agent_code_of(agent)
            if code is None:
                continue
            if code.endswith("~"):
                prefixes.append(code[:-1])
            else:
                suffixes.append(code.lstrip("~"))
        return prefixes, suffixes


def _skip_noun_phrase(parse: _Parse, pos: int, direction: int) -> int:
    """TABARI's "^": the position just past the next noun group ("the Gondor" of "the Gondor of ...")."""
    tokens = parse.tokens
    i = pos
    nouns = {"NOUN", "PROPN"}
    while 0 <= i < len(tokens) and tokens[i].pos not in nouns:
        i += direction
    while 0 <= i + direction < len(tokens) and tokens[i + direction].pos in nouns:
        i += direction
    return i + direction


def _join(prefixes: Sequence[str], base: str, suffixes: Sequence[str]) -> str:
    """PETRARCH composition: an agent code already at the end of the actor's code is not repeated."""
    code = "".join(p for p in prefixes if not base.startswith(p)) + base
    for suffix in suffixes:
        if not code.endswith(suffix):
            code += suffix
    return code
