"""Coding: turn each sentence's triggers and mentions into PLOVER events, or say why not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

from pydantic import Field

from whimbrel.coding import roles
from whimbrel.coding.attribution import find_claim
from whimbrel.coding.claims import CLAIMABLE, attribute_claim, blame, self_claims
from whimbrel.coding.demands import DEMAND, demand_triggers
from whimbrel.coding.drafts import (
    Draft,
    confidence,
    fold_participles,
    fold_purposes,
    is_historical,
    is_person,
    merge_restatements,
    same_mentions,
    threat_mode,
    unlisted,
)
from whimbrel.coding.event_fields import draft_attribution, draft_size, explain_fields, with_status
from whimbrel.coding.identity import event_id
from whimbrel.coding.manner import NAME_ENTITIES, event_contexts, event_modes
from whimbrel.coding.place_time import event_date, event_place, focus_place
from whimbrel.coding.placement import expulsion, place_roles
from whimbrel.coding.salience import MOTION_VERBS, background, clause_depth
from whimbrel.coding.size import casualty_quantity, event_count, lone_victims
from whimbrel.coding.status import may_oblige, read_status
from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger, find_triggers, lemmas
from whimbrel.config import MAX_SENTENCE_TOKENS
from whimbrel.knowledge.actors import ActorKB
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.memo import Memo
from whimbrel.model import (
    ActorRef,
    Document,
    Event,
    EventStatus,
    Mention,
    Outcome,
    Span,
    Token,
)
from whimbrel.stages.base import Resources, Stage, StageConfig

_HE_SHE = frozenset({"he", "she", "him", "her", "his"})
_THEY = frozenset({"they", "them", "their"})
_IT = frozenset({"it", "its"})
# PLOVER codes a stated intention as the statement: cooperation promised is AGREE, harm promised THREATEN.
_INTENT_RECODE = {
    **dict.fromkeys(("CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"), "AGREE"),
    **dict.fromkeys(("ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE", "REJECT"), "THREATEN"),
}
# Light verbs that promise their event noun rather than do it ("offered concessions", "pledged aid").
_OFFER_VERBS = frozenset({"offer", "promise", "pledge"})
# Events whose object phrase names where the actor goes, not who is acted on ("arrived in Bosnia").
_NO_PLACE_RECIPIENT = frozenset({"RETREAT", "MOBILIZE", "CONSULT"})
# "shelled Rafah": an attack's place object is where it happened; its people are not made the recipient.
_PLACE_IS_WHERE = frozenset({"ASSAULT"})
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE"})
# "denied the charges": answering an accusation is a statement (CAMEO 01), not a rejection.
_CHARGES = frozenset(
    {"charge", "allegation", "accusation", "report", "claim", "involvement", "wrongdoing", "rumor", "rumour"}
)
_CARRIED_DEPS = frozenset({"dobj", "pobj", "prep", "attr", "acomp", "npadvmod", "oprd", "compound", "appos"})
_CIVIL_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "REL", "JRN", "MED", "REF"})
_CROWD_EVENTS = frozenset({"PROTEST", "MOBILIZE"})  # their count is the number taking part
_WEAK = 0.3  # triggers less reliable than this need both an actor and a recipient
_LEMMA = attrgetter("lemma")


@dataclass
class _Context:
    """What earlier sentences of the document tell later ones: antecedents and the last claimant."""

    people: list[Mention] = field(default_factory=list)
    groups: list[Mention] = field(default_factory=list)
    claimant: Mention | None = None
    # earlier sentences' tokens and actors, sorted into people and groups only when a pronoun asks
    unread: list[tuple[Sequence[Token], Sequence[Mention]]] = field(default_factory=list)


def _event_noun_group(token: Token, mention: Mention) -> bool:
    """ "Palestinian riots": a nationality on an event noun, which the mentions stage read as a group."""
    ref = mention.actor
    return (
        token.pos == "NOUN"
        and mention.token_end == token.i + 1
        and ref is not None
        and not (ref.identifier_id or "").startswith("sector:")
        and mention.token_start < token.i
    )


class CodingConfig(StageConfig):
    """``[stages.coding]``."""

    # Events below this confidence are dropped, with the reason kept for `explain`.
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    # An asserted event dated more than this many days before publication is "historical".
    historical_days: int = Field(default=90, ge=0)


class Coding(Stage):
    """A rule-based PLOVER coder over the dependency parse."""

    name = "coding"
    requires = frozenset({"sentences", "actors", "places", "dates", "quantities"})
    provides = frozenset({"events"})
    Config = CodingConfig

    def __init__(
        self,
        lexicon: Lexicon,
        actors: ActorKB,
        config: CodingConfig | None = None,
        *,
        max_sentence_tokens: int = MAX_SENTENCE_TOKENS,
    ) -> None:
        self.config = config or CodingConfig()
        self.max_sentence_tokens = max_sentence_tokens
        self.lexicon = lexicon
        self.actors = actors
        self.cues = lexicon.cues
        self._casualty_words = self.cues.dead | self.cues.injured | self.cues.arrested
        # a word's country reference, or None, for nationality modifiers ("a Russian drone strike")
        self._country_words: Memo[str, ActorRef | None] = Memo(self._country_ref)

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Coding:
        """Build from ``[stages.coding]``."""
        return cls(
            resources.lexicon,
            resources.actors,
            CodingConfig.read(cfg, cls.name),
            max_sentence_tokens=resources.settings.pipeline.max_sentence_tokens,
        )

    def process(self, doc: Document) -> Document:
        """Code every sentence of ``doc``."""
        by_sentence: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        context = _Context()
        events: list[Event] = []
        outcomes: list[Outcome] = []
        for sent in doc.sentences:
            if len(sent.tokens) > self.max_sentence_tokens:
                reason = (
                    f"no event: sentence too long ({len(sent.tokens)} tokens > {self.max_sentence_tokens})"
                )
                outcomes.append(Outcome(sent.index, 0, reason))
                continue
            tree = Tree(sent, by_sentence.get(sent.index, ()))
            found, reason = self._code_sentence(doc, tree, context)
            events.extend(found)
            outcomes.append(Outcome(sent.index, len(found), reason))
            context.unread.append((sent.tokens, tree.of_kind("actor")))
        return replace(doc, events=tuple(events), outcomes=tuple(outcomes))

    # -- one sentence -----------------------------------------------------------------------------

    def _code_sentence(self, doc: Document, tree: Tree, context: _Context) -> tuple[list[Event], str]:
        triggers = find_triggers(tree, self.lexicon, self.cues.light_verbs)  # in token order
        demanded = demand_triggers(tree, triggers, self.cues.report_verbs)
        if demanded:
            triggers = sorted([*triggers, *demanded], key=lambda t: t.token)
        tree.set_triggers(frozenset({t.token for t in triggers} | {t.governor for t in triggers}))
        if not triggers:
            return [], "no event: no trigger word from the PLOVER lexicon"

        def resolve(i: int) -> list[Mention]:
            return self._antecedent(tree, i, context)

        claim = find_claim(tree, self.cues)
        claimant: Mention | None = None
        if claim is not None and claim.kind != "unattributed":
            found = roles.phrase_actors(tree, claim.by, resolve) if claim.by is not None else []
            claimant = found[0] if found else context.claimant
            if claimant is not None:
                context.claimant = claimant
        presupposed = frozenset(t.token for t in triggers if t.sense.event == "ACCUSE")

        drafts: list[Draft] = []
        roleless: list[Trigger] = []
        dropped: list[str] = []
        for trig in triggers:
            skip = self._skip(tree, trig)
            if skip is not None:
                dropped.append(skip)
                continue
            draft = self._draft(tree, trig, resolve, presupposed, sketch=True, weak=_WEAK)
            word = tree.tokens[trig.token].text
            if not (draft.actor or draft.recipient):
                roleless.append(trig)
            elif trig.sense.weight < _WEAK and not (draft.actor and draft.recipient):
                dropped.append(
                    f"{word!r} ({trig.sense.event}) is a weak trigger without both actor and recipient"
                )
            else:
                drafts.append(draft)
        drafts = fold_participles(tree, drafts)
        drafts = self._fold_embedded(tree, drafts)
        drafts = fold_purposes(tree, drafts)
        drafts = merge_restatements(drafts)
        late = False
        for trig in roleless:
            word = tree.tokens[trig.token].text
            same = next((d for d in drafts if d.trigger.sense.event == trig.sense.event), None)
            if same is not None:
                count = event_count(tree, trig.token) if trig.is_noun else None
                if count is not None and same.count is None:
                    same.count = count
                    same.why.append(f"count from {word!r}")
            elif claim is not None and trig.sense.event in CLAIMABLE:
                drafts.append(self._draft(tree, trig, resolve, presupposed))
            elif (carried := self._carried(tree, trig, resolve, presupposed)) is not None:
                drafts.append(carried)
                late = True
            else:
                dropped.append(f"{word!r} ({trig.sense.event}) has no actor or recipient")
        if late:  # "allowed him to bring out a rally": a carried event may be embedded too
            drafts = self._fold_embedded(tree, sorted(drafts, key=lambda d: d.trigger.token))
        if claim is not None:
            attribute_claim(drafts, claim, claimant)
        blame(tree, drafts)
        self_claims(drafts)
        self._attach_casualties(tree, drafts)
        events = [self._event(doc, tree, d) for d in drafts]
        low = [e for e in events if e.confidence < self.config.min_confidence]
        events = [e for e in events if e.confidence >= self.config.min_confidence]
        dropped.extend(f"{e.event_text!r} ({e.event}) confidence {e.confidence} below the floor" for e in low)
        if events:
            kinds = ", ".join(f"{e.event} ({e.event_text!r})" for e in events)
            return events, f"event: {kinds}" + (f"; no event for {'; '.join(dropped)}" if dropped else "")
        return [], "no event: " + "; ".join(dropped)

    def _fold_embedded(self, tree: Tree, drafts: list[Draft]) -> list[Draft]:
        """Fold events embedded under a threat or promise, and drop reporting verbs that embed an event."""
        by_token = {d.trigger.token: d for d in drafts}
        hosts: set[int] = set()
        keep: list[Draft] = []
        for d in drafts:
            head = tree.head(d.trigger.governor)
            host = by_token.get(head.i) if head is not None else None
            if head is not None and (host is None or not self._embeds(tree, host)):
                # "reiterated its demand that Israel ease ...": the clause spells out the verb's object
                host = next(
                    (
                        o
                        for k in tree.kids(head.i, "dobj")
                        if (o := by_token.get(k.i)) and self._embeds(tree, o)
                    ),
                    host,
                )
            dep = tree.tokens[d.trigger.governor].dep
            embedding = host is not None and self._embeds(tree, host)
            # "its demand that Israel ease restrictions": a noun's clause is embedded too
            embedded = dep in {"xcomp", "ccomp"} or (dep == "acl" and embedding)
            if host is not None and host is not d and embedded:
                hosts.add(host.trigger.token)
                if embedding:
                    # "offered to hand them over to Britain": the embedded act's party is the offer's;
                    # "demanded that Israel withdraw": the one asked to act is the demand's.
                    asked = host.event == "REQUEST" and d.actor and not same_mentions(d.actor, host.actor)
                    host.recipient = host.recipient or (d.actor if asked else d.recipient)
                    host.embedded = host.embedded or d
                    if host.event == "AGREE" and d.event == "THREATEN":  # "vowed to shell Iraqi towns"
                        host.recode = "THREATEN"
                        host.why.append(f"promises harm ({d.trigger.sense.event}): coded as THREATEN")
                    host.why.append(
                        f"embeds {tree.tokens[d.trigger.token].text!r}: not coded as having happened"
                    )
                    continue
            keep.append(d)

        def reporting_only(d: Draft) -> bool:
            # A reporting verb that embeds an event ("denied attacking") is that event's status, not an event.
            lemma = tree.tokens[d.trigger.token].lemma
            return (
                d.trigger.token in hosts
                and lemma in self.cues.report_verbs
                and lemma not in self.cues.embedding_verbs
                and d.trigger.sense.event != "ACCUSE"
            )

        return [d for d in keep if not reporting_only(d)]

    def _embeds(self, tree: Tree, d: Draft) -> bool:
        """The draft's trigger embeds another event (a threat, promise, demand or refusal)."""
        return tree.tokens[d.trigger.token].lemma in self.cues.embedding_verbs

    def _carried(
        self, tree: Tree, trig: Trigger, resolve: roles.Resolver, presupposed: frozenset[int]
    ) -> Draft | None:
        """ "workers went on strike", "stopped work in a strike": an event noun in the object or adverbial
        part of a verb that is no event itself takes that verb's subject as its actor."""
        if not trig.is_noun:
            return None
        child = tree.tokens[trig.token]
        for anc in tree.ancestors(trig.token):
            if child.dep not in _CARRIED_DEPS:
                return None
            if anc.pos in {"VERB", "AUX"}:
                if anc.i in tree.trigger_tokens and anc.lemma not in MOTION_VERBS:
                    # "condemned the attack": the attack is not the condemner's; but "returned to
                    # Geneva for talks": the talks are the travellers'
                    return None
                carrier = Trigger(trig.token, anc.i, trig.sense, light=True)
                draft = self._draft(tree, carrier, resolve, presupposed, sketch=True)
                if not draft.actor:
                    return None
                draft.why.append(f"actor from {anc.text!r}, the verb that carries {child.text!r}")
                return draft
            child = anc
        return None

    def _skip(self, tree: Tree, trig: Trigger) -> str | None:
        """Why a lexicon hit is not an event word here, or None."""
        token = tree.tokens[trig.token]
        named = tree.mention_at("actor", trig.token)
        if token.ent_type in NAME_ENTITIES or (named is not None and not _event_noun_group(token, named)):
            return f"{token.text!r} is part of a name"
        for obj in tree.kids(trig.governor, "dobj", "nsubjpass"):
            if obj.lemma == "responsibility":
                return f"{token.text!r} takes responsibility: a claim, not an event"
            if token.lemma in {"deny", "reject", "dismiss"} and obj.lemma in _CHARGES:
                return f"{token.text!r} {obj.text!r}: a statement, not an event"
        for comp in tree.kids(trig.governor, "xcomp"):
            if comp.lemma in {"comment", "elaborate", "confirm", "say", "speak", "discuss"}:
                return f"{token.text!r} to {comp.text!r}: a statement, not an event"
        return None

    def _draft(
        self,
        tree: Tree,
        trig: Trigger,
        resolve: roles.Resolver,
        presupposed: frozenset[int],
        *,
        sketch: bool = False,
        weak: float = float("-inf"),
    ) -> Draft:
        """The trigger's draft event. With ``sketch``, a draft the caller drops (no actor and no recipient,
        or a trigger weighing less than ``weak`` without both) stops once its roles are known: the caller
        reads only them."""
        weight = trig.sense.weight  # the lexicon's, before the actor may resense the trigger
        source = "obliged verb of a reported clause" if trig.sense is DEMAND else "lexicon"
        why: list[str] = [f"trigger {tree.tokens[trig.token].text!r} → {trig.sense.event} ({source})"]
        actor_tok = roles.actor_token(tree, trig)
        actor = roles.phrase_actors(tree, actor_tok, resolve) if actor_tok is not None else []
        trig = self._resense(tree, trig, actor, why)
        if not actor and trig.is_noun:
            actor = self._modifier_actor(tree, trig.token)
        if not actor and actor_tok is not None:
            actor = unlisted(tree, actor_tok)
        candidates = roles.recipient_tokens(tree, trig, actor_tok)
        recipient = roles.first_actors(tree, candidates, resolve, actor)
        if not recipient:
            # "rejected an Australian ultimatum": the nation whose proposal or act it is.
            recipient = next((found for i in candidates if (found := self._modifier_actor(tree, i))), [])
        if not recipient and trig.sense.event not in _NO_PLACE_RECIPIENT | _PLACE_IS_WHERE:
            recipient = roles.place_actors(tree, candidates)
            if recipient:
                why.append(f"recipient from the place {recipient[0].text!r} in the target's phrase")
        trig = expulsion(trig, recipient, why)
        if (
            sketch
            and not (actor and recipient)
            and (not (actor or recipient) or weight < weak)
            and not may_oblige(tree)  # only a demand ("X said Y must ...") moves the roles below
        ):
            return Draft(trig, actor, recipient, "asserted", None, None, why, actor_token=actor_tok)
        reading = read_status(tree, trig, self.cues, presupposed=presupposed)
        claimant_ref: Mention | None = None
        if reading.claimant is not None:
            found = roles.phrase_actors(tree, reading.claimant, resolve)
            claimant_ref = found[0] if found else None
        why.append(f"actor: {', '.join([m.text for m in actor]) or 'none'}")
        why.append(f"recipient: {', '.join([m.text for m in recipient]) or 'none'}")
        why.append(f"status {reading.status}: {reading.reason}")
        recode = None
        offered = trig.light and tree.tokens[trig.governor].lemma in _OFFER_VERBS
        if offered and trig.sense.event in _INTENT_RECODE:  # "offered concessions": a promise of them
            recode = _INTENT_RECODE[trig.sense.event]
            why.append(f"{tree.tokens[trig.governor].text!r} {trig.sense.event}: coded as {recode}")
        elif reading.intent and trig.sense.event in _INTENT_RECODE:
            recode = _INTENT_RECODE[trig.sense.event]
            why.append(f"stated intent to {trig.sense.event}: coded as {recode}")
        elif reading.obligation and claimant_ref is not None:
            # "Russia said Sudan must return the helicopter": Russia demands it of Sudan.
            recode, recipient, actor = "REQUEST", actor, [claimant_ref]
            why.append(f"demanded by {claimant_ref.text!r}: coded as REQUEST")
        elif reading.status == "negated" and trig.sense.event in _COOPERATIVE:
            # "will not accept more refugees", "failed to reach agreement": a refusal.
            recode = "REJECT"
            why.append(f"refused {trig.sense.event}: coded as REJECT")
        count = event_count(tree, trig.token) if tree.tokens[trig.token].pos != "VERB" else None
        if count is None and trig.sense.event in _CROWD_EVENTS and actor_tok is not None:
            count = event_count(tree, actor_tok)  # "thousands of protesters marched"
        return Draft(
            trig,
            actor,
            recipient,
            reading.status,
            claimant_ref,
            count,
            why,
            actor_token=actor_tok,
            recode=recode,
        )

    def _resense(self, tree: Tree, trig: Trigger, actor: Sequence[Mention], why: list[str]) -> Trigger:
        """Civilians who strike, block or boycott are protesting: the actor's sector picks the sense."""
        civil = any([m.actor is not None and m.actor.sector in _CIVIL_SECTORS for m in actor])
        if not civil or trig.sense.event == "PROTEST":
            return trig
        token = tree.tokens[trig.token]
        for lemma in lemmas(token):
            for sense in self.lexicon.triggers(lemma, trig.sense.pos):
                if sense.event == "PROTEST" and sense.particle == trig.sense.particle:
                    why.append(f"{token.text!r} by civilians read as PROTEST")
                    # the actor settles the word's sense: as reliable as its better reading
                    weight = max(sense.weight, trig.sense.weight)
                    return replace(trig, sense=replace(sense, weight=weight))
        return trig

    def _modifier_actor(self, tree: Tree, noun: int) -> list[Mention]:
        """ "a Russian drone strike": a nationality adjective on an event noun names the actor."""
        for k in tree.kids(noun, "amod", "compound", "nmod"):
            ref = self._country_words[k.text]
            if ref is not None:
                return [Mention("actor", tree.sentence.index, k.idx, k.end, k.i, k.i + 1, k.text, actor=ref)]
        return []

    def _country_ref(self, word: str) -> ActorRef | None:
        """The country ``word`` names, if any (found once per word: it depends on the word alone)."""
        return next(
            (self.actors.ref(m.entry, word) for m in self.actors.match([word]) if m.entry.kind == "country"),
            None,
        )

    def _antecedent(self, tree: Tree, i: int, context: _Context) -> list[Mention]:
        word = tree.tokens[i].text.lower()
        if word in _HE_SHE | _THEY | _IT:
            # "Palestinian leaders said they would...": the nearest earlier subject in the sentence first.
            for m in sorted(tree.of_kind("actor"), key=lambda m: -m.token_start):
                subject = m.token_end <= i and tree.tokens[m.token_end - 1].dep in {"nsubj", "nsubjpass"}
                if subject and (word in _HE_SHE) == (self._kind(m) == "person" or is_person(tree.tokens, m)):
                    return [m]
        if context.unread:  # sorted only when a pronoun needs them: most documents never ask
            for tokens, actors in context.unread:
                self._remember(tokens, actors, context)
            context.unread.clear()
        if word in _HE_SHE and context.people:
            return [context.people[-1]]
        if word in _THEY | _IT and context.groups:
            return [context.groups[-1]]
        if word in {"who", "which", "that"}:
            head = tree.head(i)
            if head is not None and head.dep == "relcl":
                found = tree.mention_at("actor", head.head)
                return [found] if found is not None else []
        return []

    def _remember(self, tokens: Sequence[Token], actors: Sequence[Mention], context: _Context) -> None:
        for m in actors:
            if m.actor is None:
                continue
            if is_person(tokens, m) or self._kind(m) == "person":
                context.people.append(m)
            else:
                context.groups.append(m)  # "they" and "it": any earlier group, country or organisation

    def _kind(self, m: Mention) -> str | None:
        ident = m.actor.identifier_id if m.actor else None
        if not ident:
            return None
        try:
            return self.actors.get(ident).kind
        except KeyError:
            return None

    # -- fields -----------------------------------------------------------------------------------

    def _attach_casualties(self, tree: Tree, drafts: list[Draft]) -> None:
        if not drafts:
            return
        governors = {d.trigger.governor: d for d in drafts} | {d.trigger.token: d for d in drafts}
        words = self._casualty_words
        low = tree.low
        if words.isdisjoint(low) and words.isdisjoint(map(_LEMMA, tree.tokens)):
            return  # no casualty word in the sentence
        for token in tree.tokens:
            if token.lemma not in words and low[token.i] not in words:
                continue
            kind = self.cues.casualty_kind(token.lemma) or self.cues.casualty_kind(low[token.i])
            if kind is None:
                continue
            quantity = casualty_quantity(tree, token.i) or lone_victims(
                tree, token.i, self.cues.collective_nouns
            )
            if quantity is None:
                continue
            owner = governors.get(token.i) or next(
                (governors[a.i] for a in tree.ancestors(token.i) if a.i in governors), None
            )
            if owner is None:
                owner = next((d for d in drafts if d.trigger.sense.event == "ASSAULT"), drafts[0])
            owner.casualties.setdefault(kind, quantity)

    def _event(self, doc: Document, tree: Tree, d: Draft) -> Event:
        sent = tree.sentence
        trig = d.trigger
        first, last = min(trig.token, trig.governor), max(trig.token, trig.governor)
        for k in tree.kids(trig.governor, "prt"):
            if k.i > last and k.i - last <= 2:  # "called off": the particle is part of the event's text
                last = k.i
                break
        start_tok, end_tok = tree.tokens[first], tree.tokens[last]
        event_text = doc.text[start_tok.idx : end_tok.end]
        status: EventStatus = "asserted" if d.recode else d.status  # the statement itself is what happened
        when = event_date(doc, tree, trig, planned=d.status == "future")  # a plan, even recoded as AGREE
        date, precision = when.date, when.precision
        if status == "asserted" and is_historical(date, doc.published, self.config.historical_days):
            status = "historical"
        threatened = d.embedded.trigger if d.embedded is not None else trig
        if d.event == "THREATEN" and threatened.sense.event != "THREATEN":
            # "threatened to cut off aid", "vowed to shell": the threatened act gives the threat's mode
            mode = threat_mode(
                threatened.sense.event, event_modes(tree, threatened, self.lexicon), threatened.sense.cameo
            )
            modes: tuple[str, ...] = (mode,) if mode else ()
            cameo = self.lexicon.cameo_for(d.event, mode).code
        elif d.recode:
            modes = ()
            cameo = self.lexicon.cameo_for(d.event).code
        else:
            modes = event_modes(tree, trig, self.lexicon)
            cameo = trig.sense.cameo or self.lexicon.cameo_for(d.event, modes[0] if modes else None).code
        crosswalk = self.lexicon.cameo(cameo)
        size, figures = draft_size(d)
        local = event_place(tree, trig, [*d.actor, *d.recipient])
        actor, recipient = place_roles(tree, d, trig, local, self.actors)
        if d.attribution is None and any(a.inferred for a in actor):
            d.attribution = ("unattributed", None)  # an inferred perpetrator: nobody is named
        # failing a place of its own sentence, the event is where its paragraph is, or the dateline's
        event_loc = local or focus_place(doc, sent.index, sent.passage)
        if local is None and event_loc is not None:
            d.why.append(f"place from the paragraph or dateline: {event_loc.name}")
        governing = tree.trigger_tokens
        depth = clause_depth(tree, trig, governing)
        # a stated intention, demand or refusal is the statement's event, wherever its verb sits
        aside = None if d.recode else background(tree, trig, governing)
        score = confidence(d, status, depth, background=aside[1] if aside else 0.0)
        explain_fields(d.why, event_loc, when, figures, modes)
        d.why.append(
            f"confidence {score}: trigger weight {trig.sense.weight}, clause depth {depth}, "
            f"{'coded' if any([a.code for a in actor]) else 'uncoded'} actor"
            + (f", background event ({aside[0]})" if aside else "")
        )
        return Event(
            id=event_id(doc.id, sent.start, sent.end, d.event, start_tok.idx),
            event=d.event,
            doc_id=doc.id,
            sentence=sent.index,
            start=sent.start,
            end=sent.end,
            text=sent.text,
            event_text=event_text,
            trigger_start=start_tok.idx,
            trigger_end=end_tok.end,
            mode=modes,
            context=with_status(event_contexts(tree, trig, self.cues), status),
            quad_code=crosswalk.quad_class if crosswalk else None,
            cameo=cameo,
            date=date,
            date_precision=precision,
            actor=actor,
            recipient=recipient,
            event_loc=event_loc,
            size=size,
            status=status,
            claimant=d.claimant.actor if d.claimant else None,
            attribution=draft_attribution(d),
            confidence=score,
            mentions=(Span(doc.id, sent.start, sent.end),),
            sources=(doc.id,),
            rationale=tuple(d.why),
            planned_date=when.planned,
            date_end=when.end,
        )
