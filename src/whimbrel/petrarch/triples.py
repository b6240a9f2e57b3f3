"""PETRARCH-convention CAMEO triples (source, target, code) of a document whimbrel has coded.

For each event whimbrel's coder found, in order:

1. Discards: a document with a discard phrase gives nothing.
2. The PETRARCH code of the event's verb, from the full verb dictionary (surface form, patterns with
   words before and after the verb, synsets; ``---`` vetoes the event). An event whose trigger is no
   PETRARCH verb is dropped.
3. Roles (``role_rules`` on; PETRARCH's conventions): every verb of the dictionary is coded, also
   those whimbrel's coder did not take, with roles from the dependency parse; the source is the
   verb's subject (a conjoined verb's or an uncoded complement's head's; a pronoun subject of a
   reported clause is the main clause's subject; a passive's "by" agent) when whimbrel's actor has
   no code or lies outside the verb's clause; a verb of saying whose clause has a verb of its own is
   not coded ("said it would attack"); a recipient before the verb (other than a passive subject) is
   dropped; a pattern's ``$``/``+`` markers place the source/target (``^`` skips
   a noun phrase); with no recipient, the target is the first coded actor after the verb in the verb's
   subtree, with its conjuncts; a compound (``%``) before the verb with no target, or a compound
   source of a paired code (``[064:064]``) with no target, codes each member against the others; an
   apposition is not a second actor (in a list it is: "Mordor, the Shire, Fornost and Bree"), nor is an
   actor inside another's prepositional phrase; a role brings the other members of its list (also a
   name the parse hung before it, "Fornost and the evil Gondor"); a
   complement verb with no target ("X requested that Y assist") takes the governing verb's subject as
   source and its own subject as target. In a sentence no verb codes, a noun of the verb dictionary
   whose pattern has words before the verb ("- ANTI- + *": "joined an anti- Gondor parade") is coded,
   its source the subject of the verb it hangs from. With no
   labelled subject, a coded noun hanging from the verb before it, or the noun a participle describes
   (through an apposition), is the source. Roles are the sentence's actor mentions: an actor or
   recipient of whimbrel's that names no mention (one whimbrel inferred, such as the actor's own
   country) is dropped, and the mention's own reference stands for it. Off, the roles are whimbrel's
   own.
4. Actor codes, PETRARCH style (``whimbrel.petrarch.actor_codes``); a missing target is ``---``.
5. ``require_dyad`` (PETRARCH's default): a triple with ``---`` as source or target is dropped
   (``---GOV``, an agent alone, stays). A paired code (``[032:033]``) adds the reverse triple.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from whimbrel.knowledge.actors import ActorKB
from whimbrel.model import ActorRef, Document
from whimbrel.petrarch.actor_codes import ActorCodes
from whimbrel.petrarch.importer import Discard
from whimbrel.petrarch.sentence_parse import Role, SentenceParse, skip_noun_phrase
from whimbrel.petrarch.verb_dictionary import NULL_CODE
from whimbrel.petrarch.verb_matcher import PatternHit, VerbMatch, VerbMatcher

__all__ = ["Counts", "EventCoder", "Triple"]

Triple = tuple[str, str, str]
_LOOSE_SUBJECTS: Final = frozenset({"npadvmod", "nmod", "dep", "compound"})


@dataclass
class Counts:
    """What the steps did, for reports."""

    events: int = 0
    discarded: int = 0
    vetoed: int = 0
    not_petrarch: int = 0
    recoded: int = 0
    reverse: int = 0
    compound: int = 0
    marker_roles: int = 0
    target_fallback: int = 0
    dropped_recipients: int = 0
    scanned: int = 0
    subject_fallback: int = 0
    nouns: int = 0


@dataclass
class EventCoder:
    """Turns whimbrel's coded events into PETRARCH-convention triples (see the module docstring)."""

    kb: ActorKB
    matcher: VerbMatcher
    discards: Sequence[Discard]
    role_rules: bool = True
    counts: Counts = field(default_factory=Counts)
    actor_codes: ActorCodes = field(init=False)

    def __post_init__(self) -> None:
        self.actor_codes = ActorCodes(self.kb, noun_phrases=self.role_rules)

    def triples(self, doc: Document) -> set[Triple]:
        """Every triple of a coded document."""
        if any(d.matches(doc.text) for d in self.discards):
            self.counts.discarded += 1
            return set()
        out: set[Triple] = set()
        for sent in doc.sentences:
            parse = SentenceParse(sent, [m for m in doc.mentions if m.sentence == sent.index])
            words = [x.text.lower() for x in parse.tokens]
            lemmas = [x.lemma for x in parse.tokens]
            verbs = {  # the verbs that can code an event (a "---" verb cannot)
                tok.i: found
                for tok in parse.tokens
                if tok.pos == "VERB"
                and (found := self.matcher.match(words, lemmas, tok.i)) is not None
                and (found.default != NULL_CODE or any(h.code != NULL_CODE for h in found.hits))
            }
            seen: set[int] = set()
            for event in (e for e in doc.events if e.sentence == sent.index):
                self.counts.events += 1
                t = next((tok.i for tok in parse.tokens if tok.idx == event.trigger_start), None)
                found = self.matcher.match(words, lemmas, t) if t is not None else None
                if t is None or found is None:
                    self.counts.not_petrarch += 1
                    continue
                seen.add(t)
                actors = self._roles(event.actor, parse, t)
                recipients = self._roles(event.recipient, parse, t)
                out |= self._verb(parse, t, found, actors, recipients, event.cameo, verbs)
            if not self.role_rules:
                continue
            # PETRARCH codes every verb of its dictionary, not only those whimbrel's coder took
            for i, found in verbs.items():
                if i in seen or self._inner_verb(parse, i, verbs):
                    continue
                self.counts.scanned += 1
                actors, recipients = self._subject_roles(parse, i, verbs)
                out |= self._verb(parse, i, found, actors, recipients, None, verbs)
            if not out:
                out |= self._nouns(parse, words, lemmas, verbs)
        return out

    def _nouns(
        self, parse: SentenceParse, words: list[str], lemmas: list[str], verbs: Mapping[int, VerbMatch]
    ) -> set[Triple]:
        """A noun the verb dictionary lists, in a sentence no verb codes, when a pattern with words
        before the verb matches it ("Gollum joined an anti- Gondor parade", "- ANTI- + * [111]"): the
        words before anchor the noun the way TABARI, which had no parse, read it. The source is the
        subject of the verb the noun hangs from."""
        for tok in parse.tokens:
            if tok.pos != "NOUN":
                continue
            found = self.matcher.match(words, lemmas, tok.i)
            if found is None or not found.hits or not found.hits[0].pattern.has_context:
                continue
            if found.hits[0].code == NULL_CODE:
                continue
            head = tok.i
            while parse.tokens[head].pos not in {"VERB", "AUX"} and parse.tokens[head].head != head:
                head = parse.tokens[head].head
            actors = self._subject_roles(parse, head, verbs)[0] if head != tok.i else []
            got = self._verb(parse, tok.i, found, actors, [], None, verbs)
            if got:
                self.counts.nouns += 1
                return got
        return set()

    @staticmethod
    def _inner_verb(parse: SentenceParse, i: int, verbs: Mapping[int, VerbMatch]) -> bool:
        """True when a clause the verb governs has a verb of its own ("said it would act"): PETRARCH
        codes the inner event, not the verb of saying."""
        for k in parse.children[i]:
            if parse.tokens[k].dep in {"ccomp", "xcomp"} and any(j in verbs for j in parse.subtree(k)):
                return True
        return False

    def _verb(
        self,
        parse: SentenceParse,
        t: int,
        found: VerbMatch,
        actors: list[Role],
        recipients: list[Role],
        cameo: str | None,
        verbs: Mapping[int, VerbMatch],
    ) -> set[Triple]:
        """The triples of one PETRARCH verb (token ``t``) with its roles as found so far."""
        if self.role_rules:
            actors = self._no_appositions(self._with_members(actors, parse), parse)
            actors = self._not_in_modifiers(actors, parse, t)
            recipients = self._after_verb(recipients, parse, t)
            clause = parse.subtree(t)
            outside = all(r.mention is None or r.mention.token_start not in clause for r in actors)
            if outside or not self.actor_codes.codes(actors, parse):
                # PETRARCH's source is the verb's subject: whimbrel's actor may be a speaker ("..., an
                # official said") or have no code ("Old foes Gondor and Osgiliath")
                taken = {id(r.mention) for r in recipients}
                subject = [r for r in self._subject_roles(parse, t, verbs)[0] if id(r.mention) not in taken]
                if subject:
                    self.counts.subject_fallback += 1
                    actors = subject
        hit = self._pick(found, actors, recipients)
        code = hit.code if hit is not None else found.default
        if code == NULL_CODE:
            self.counts.vetoed += 1
            return set()
        if cameo is not None and code != cameo:
            self.counts.recoded += 1
        pairs: list[tuple[str, str]] | None = None
        codes = self.actor_codes.codes
        if self.role_rules and hit is not None:
            actors, recipients = self._marker_roles(hit, parse, t, actors, recipients)
            if any(m == "%" and d < 0 for m, _, d in hit.markers) and not recipients:
                members = codes(actors, parse)  # "Gondor and Osgiliath have delayed": each to the other
                pairs = [(a, b) for a in members for b in members if a != b]
                self.counts.compound += 1
        if self.role_rules and not recipients and pairs is None:
            recipients = self._first_after(parse, t, actors)
            if not recipients:
                actors, recipients = self._complement_roles(parse, t, actors, verbs)
            members = codes(actors, parse) if not recipients and ":" in code else []
            if len(members) >= 2:  # a paired code, "Gondor and Osgiliath renewed ties": each to the other
                pairs = [(a, b) for a in members for b in members if a != b]
                self.counts.compound += 1
        if pairs is None:
            sources = codes(actors, parse) or [NULL_CODE]
            targets = codes(recipients, parse) or [NULL_CODE]
            pairs = [(s, g) for s in sources for g in targets]
        pairs = [(s, g) for s, g in pairs if NULL_CODE not in (s, g)]  # PETRARCH require_dyad
        first, _, reverse = code.partition(":")
        out: set[Triple] = set()
        for s, g in pairs:
            out.add((s, g, first))
            if reverse:
                out.add((g, s, reverse))
                self.counts.reverse += 1
        return out

    # -- roles --------------------------------------------------------------------------------------

    def _roles(self, refs: Sequence[ActorRef], parse: SentenceParse, t: int) -> list[Role]:
        """The actor mentions of the sentence that an event's actors (or recipients) stand for, each
        with the mention's own reference. With ``role_rules`` a reference that names no mention of the
        sentence (a recipient whimbrel inferred: the actor's own country, a place's country) is
        dropped, and a mention's reference replaces the event's (which may have been given a country).
        """
        out: list[Role] = []
        for ref in refs:
            same = [m for m in parse.actors if m.actor == ref]
            if self.role_rules and not same:
                same = [m for m in parse.actors if m.text == ref.entity_text]
            mention = min(same, key=lambda m: abs(m.token_start - t)) if same else None
            if not self.role_rules:
                out.append(Role(ref, mention))
            elif (
                mention is not None
                and mention.actor is not None
                and all(r.mention is not mention for r in out)
            ):
                out.append(Role(mention.actor, mention))
        return out

    def _pick(
        self, found: VerbMatch, actors: Sequence[Role], recipients: Sequence[Role]
    ) -> PatternHit | None:
        for hit in found.hits:
            if not hit.has("%"):
                return hit
            before = any(m == "%" and d < 0 for m, _, d in hit.markers)
            if self.role_rules and len(actors if before else recipients) >= 2:
                return hit
        return None

    @staticmethod
    def _with_members(roles: list[Role], parse: SentenceParse) -> list[Role]:
        """The roles with the other members of their lists ("Fornost and the evil Gondor")."""
        out: list[Role] = []
        for r in roles:
            for x in parse.group(r.mention) if r.mention is not None else [r]:
                if all(x.mention is not y.mention for y in out):
                    out.append(x)
        return out

    def _no_appositions(self, roles: list[Role], parse: SentenceParse) -> list[Role]:
        """ "Deputy Prime Minister Telemar" and "Telemar": an apposition is the same actor."""
        spans = [range(r.mention.token_start, r.mention.token_end) for r in roles if r.mention]
        out = []
        for r in roles:
            if r.mention is not None:
                head = parse.head(r.mention)
                tok = parse.tokens[head]
                if (
                    tok.dep == "appos"
                    and not parse.list_member(tok.head, head)
                    and any(tok.head in span for span in spans if head not in span)
                ):
                    continue
            out.append(r)
        return out

    def _complement_roles(
        self, parse: SentenceParse, t: int, actors: list[Role], verbs: Mapping[int, VerbMatch]
    ) -> tuple[list[Role], list[Role]]:
        """A complement verb with no target ("Gondor requested that Elrond assist"): the governing
        verb's subject is the source and the complement's subject the target."""
        tok = parse.tokens[t]
        if tok.dep != "ccomp" or tok.head == t:
            return actors, []
        outer = self._subject_roles(parse, tok.head, verbs)[0]
        mine = {id(r.mention) for r in actors}
        if not outer or not actors or any(id(r.mention) in mine for r in outer):
            return actors, []
        return outer, actors

    def _not_in_modifiers(self, roles: list[Role], parse: SentenceParse, t: int) -> list[Role]:
        """An actor inside another's prepositional phrase is no source ("Gollum, centre of a row
        between Radagast, called on ..."), unless every actor is."""
        inner = [r for r in roles if r.mention is not None and self._in_pp(parse, parse.head(r.mention), t)]
        return [r for r in roles if r not in inner] if len(inner) < len(roles) else roles

    @staticmethod
    def _in_pp(parse: SentenceParse, i: int, t: int) -> bool:
        """True when token ``i`` hangs from a preposition below a noun on its way up to the verb ``t``."""
        seen: set[int] = set()
        while i != t and i not in seen:
            seen.add(i)
            tok = parse.tokens[i]
            head = tok.head
            if tok.dep == "prep" and parse.tokens[head].pos in {"NOUN", "PROPN", "PRON"}:
                return True
            if head == i:
                break
            i = head
        return False

    def _after_verb(self, roles: list[Role], parse: SentenceParse, t: int) -> list[Role]:
        """PETRARCH's target follows the verb (a passive subject excepted)."""
        out = []
        for r in roles:
            m = r.mention
            if m is not None and m.token_end <= t and parse.tokens[parse.head(m)].dep != "nsubjpass":
                self.counts.dropped_recipients += 1
                continue
            out.append(r)
        return out

    def _subject_roles(
        self, parse: SentenceParse, t: int, verbs: Mapping[int, VerbMatch]
    ) -> tuple[list[Role], list[Role]]:
        """Roles from the dependency parse: the verb's subject (or its head verb's, for a conjoined
        verb, or a complement of a verb that is none of ``verbs``) is the source; a passive subject is
        the target and its "by" agent the source."""
        tokens = parse.tokens
        i = t
        for _ in range(4):
            deps = {tokens[k].dep: k for k in parse.children[i]}
            if "nsubjpass" in deps:
                agent = [
                    j
                    for k in parse.children[i]
                    if tokens[k].dep == "agent"
                    for j in parse.children[k]
                    if tokens[j].dep == "pobj"
                ]
                return (self._coded_in(parse, agent[0]) if agent else []), self._coded_in(
                    parse, deps["nsubjpass"]
                )
            subject = deps.get("nsubj", deps.get("csubj"))
            head = tokens[i].head
            if subject is not None and tokens[subject].pos != "PRON":
                return self._coded_in(parse, subject), []
            if subject is None:
                found = self._loose_subject(parse, i)
                if found:
                    return found, []
            if subject is not None:  # "Gollum noted he would boycott": he is the main clause's subject
                if head == i or tokens[i].dep not in {"ccomp", "advcl", "conj"}:
                    break
            elif head == i or not (
                tokens[i].dep == "conj" or (tokens[i].dep == "xcomp" and head not in verbs)
            ):
                break
            i = head
        return [], []

    def _loose_subject(self, parse: SentenceParse, i: int) -> list[Role]:
        """A subject the parse did not label as one: a coded noun right before the verb that hangs
        from it ("Estonia armed Libya" read with "Estonia" as a modifier), or the noun a participle
        or reduced clause describes ("Gollum, the Brown called on Gondor": its apposition's head)."""
        tokens = parse.tokens
        for k in parse.children[i]:
            if k < i and tokens[k].dep in _LOOSE_SUBJECTS and tokens[k].pos in {"NOUN", "PROPN"}:
                found = self._coded_in(parse, k)
                if found:
                    return found
        if tokens[i].dep == "acl" and tokens[i].head < i:
            noun = tokens[i].head
            while True:
                m = parse.at(noun)
                if m is not None and m.actor is not None and self.actor_codes.ref_codes(m.actor):
                    return parse.group(m)
                if tokens[noun].dep != "appos" or tokens[noun].head == noun:
                    break
                noun = tokens[noun].head
        return []

    def _coded_in(self, parse: SentenceParse, k: int) -> list[Role]:
        """The coded actor at token ``k`` with its conjuncts, else the first one in its phrase."""
        m = parse.at(k)
        if m is not None and m.actor is not None and self.actor_codes.ref_codes(m.actor):
            return parse.group(m)
        for m in parse.actors:
            if (
                m.token_start in parse.subtree(k)
                and m.actor is not None
                and self.actor_codes.ref_codes(m.actor)
            ):
                return parse.group(m)
        return []

    def _first_after(self, parse: SentenceParse, t: int, actors: Sequence[Role]) -> list[Role]:
        """PETRARCH's target: the first coded actor after the verb, in the verb's phrase."""
        inside = parse.subtree(t)
        taken = {id(r.mention) for r in actors if r.mention is not None}
        for m in parse.actors:
            after = m.token_start > t and m.token_start in inside and id(m) not in taken
            if after and m.actor is not None and self.actor_codes.ref_codes(m.actor):
                self.counts.target_fallback += 1
                return parse.group(m)
        return []

    def _marker_roles(
        self, hit: PatternHit, parse: SentenceParse, t: int, actors: list[Role], recipients: list[Role]
    ) -> tuple[list[Role], list[Role]]:
        """A pattern's "$" (source) and "+" (target) say where the roles are; "^" skips a noun phrase."""
        pool = [m for m in parse.actors if m.actor is not None and self.actor_codes.ref_codes(m.actor)]
        skip: dict[tuple[int, int], int] = {}
        moved: set[str] = set()
        for marker, pos, direction in hit.markers:
            start = skip.get((pos, direction), pos)
            if marker == "^":
                skip[(pos, direction)] = skip_noun_phrase(parse, start, direction)
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
                actors = parse.group(found)
            else:
                recipients = parse.group(found)
        taken = {id(r.mention) for r in recipients if r.mention is not None}
        if "+" in moved and "$" not in moved and any(id(r.mention) in taken for r in actors):
            # the target the pattern names was read as the actor: the actor is the sentence's first one
            others = [m for m in pool if id(m) not in taken]
            actors = parse.group(others[0]) if others else []
        return actors, recipients
