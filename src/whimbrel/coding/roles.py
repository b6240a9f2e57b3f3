"""Roles: who acts and who is acted on, read from the dependency parse."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import replace

from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger
from whimbrel.model import ActorRef, Mention

# Prepositions that introduce the target of an event ("attacks against", "strikes on").
TARGET_PREPS = frozenset({"against", "on", "upon", "at", "targeting", "into"})
# Prepositions of place: a phrase's actor is never inside one.
LOCATION_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "through", "into"}
)
# Events whose partner follows "with" or "to" ("met with", "sent aid to").
PARTNER_PREPS = {
    "CONSULT": frozenset({"with", "to", "between"}),
    "AGREE": frozenset({"with", "to"}),
    "COOPERATE": frozenset({"with", "to"}),
    "AID": frozenset({"to", "for"}),
    "REQUEST": frozenset({"to", "from"}),
    "SUPPORT": frozenset({"for", "to"}),
    "CONCEDE": frozenset({"to"}),
    "ACCUSE": frozenset({"of", "into", "over", "about"}),
    "THREATEN": frozenset({"against"}),
    "PROTEST": frozenset({"against", "outside"}),
    "SANCTION": frozenset({"on", "against", "to", "with", "from"}),
    "REJECT": frozenset({"to"}),
    "RETREAT": frozenset({"from"}),
    "COERCE": frozenset({"on", "against"}),
}
# Events whose direct object is what moves, not a party ("withdrew its troops from Lebanon").
# Events that embed another act ("threatened to", "agreed to", "refused to", "asked X to").
_EMBEDDING = frozenset({"THREATEN", "AGREE", "REJECT", "REQUEST"})
# Events that answer someone's offer, demand or plan: its author is the recipient.
_ANSWERS = frozenset({"REJECT", "AGREE", "CONCEDE"})
_NO_OBJECT_RECIPIENT = frozenset({"RETREAT", "MOBILIZE"})
# Events whose recipient is the subject of their "that" clause ("demanded that the US cancel").
_CLAUSE_RECIPIENT = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
# Nouns whose "of" phrase is the one acted on ("the arrest of the leader").
PATIENT_OF = frozenset({"COERCE", "ASSAULT", "SANCTION", "AID", "SUPPORT", "ACCUSE"})
# Nouns whose "of" phrase is the one who acts ("the withdrawal of US forces").
AGENT_OF = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "CONCEDE"})
_RELATIVE = frozenset({"who", "which", "that"})
_CLAUSE_STOP = frozenset({"ccomp", "advcl", "parataxis", "csubj"})

Resolver = Callable[[int], list[Mention]]  # pronoun token -> its antecedent actors


def phrase_actors(tree: Tree, i: int, resolve: Resolver, *, deep: bool = True) -> list[Mention]:
    """The actor mentions a phrase headed by token ``i`` denotes (with its conjuncts)."""
    found: list[Mention] = []
    for j in tree.conjuncts(i):
        for m in _phrase_head_actor(tree, j, resolve, deep):
            if m not in found:
                found.append(m)
    return found


def _phrase_head_actor(tree: Tree, i: int, resolve: Resolver, deep: bool) -> list[Mention]:
    token = tree.tokens[i]
    direct = tree.mention_at("actor", i)
    if direct is not None:
        return [direct]
    if token.pos == "PRON" or token.lemma in _RELATIVE:
        return resolve(i)
    if not deep:
        return []
    below = tree.subtree(i)
    if not tree.covers("actor", below[0], below[-1]):
        return []  # no actor anywhere under the head
    # Breadth-first below the head: "the bases of the coalition forces", "facilities where militias operate".
    queue = deque([(c.i, 1) for c in tree.kids(i)])
    while queue:
        j, depth = queue.popleft()
        t = tree.tokens[j]
        if t.dep in _CLAUSE_STOP or depth > 4:
            continue
        if t.dep == "prep" and t.text.lower() in LOCATION_PREPS:
            continue  # "his counterpart in Addis Ababa": a place, not the phrase's actor
        if t.dep in {"relcl", "acl"}:
            # "facilities where these militias operate", "crimes committed by Croat forces": only the
            # clause's subject or agent names the phrase's actor.
            queue.extend([(k.i, depth + 1) for k in tree.kids(j, "nsubj")])
            for agent in tree.kids(j, "agent"):
                queue.extend([(k.i, depth + 2) for k in tree.kids(agent.i, "pobj")])
            continue
        m = tree.mention_at("actor", j)
        if m is not None and (t.dep != "compound" or depth == 1):
            return [m] + [
                x for k in tree.conjuncts(j)[1:] if (x := tree.mention_at("actor", k)) is not None and x != m
            ]
        queue.extend([(c.i, depth + 1) for c in tree.kids(j)])
    return []


# Passive forms that describe the subject's own stance or act: "Israel is opposed to", "Vietnam is
# committed to", "forces were engaged in", "X is involved in".
_STATIVE_PASSIVES = {"oppose": "to", "commit": "to", "engage": "in", "involve": "in", "dedicate": "to"}


def stative(tree: Tree, g: int) -> bool:
    """Verb ``g`` is a passive form whose subject acts ("is opposed to French mediation")."""
    prep = _STATIVE_PASSIVES.get(tree.tokens[g].lemma)
    return (
        prep is not None
        and not tree.kids(g, "agent")
        and any(p.text.lower() == prep for p in tree.kids(g, "prep"))
    )


def _subject(tree: Tree, g: int) -> tuple[int | None, bool]:
    """The subject token of verb ``g`` and whether it is the agent (False for a passive subject)."""
    for k in tree.kids(g, "nsubj", "csubj", "expl"):
        return k.i, True
    for agent in tree.kids(g, "agent"):
        for obj in tree.kids(agent.i, "pobj"):
            return obj.i, True
    if stative(tree, g):
        for k in tree.kids(g, "nsubjpass"):
            return k.i, True
    return None, False


def actor_token(tree: Tree, trigger: Trigger) -> int | None:
    """The token whose phrase is the event's actor, following control, coordination and participles."""
    g = trigger.governor
    if trigger.is_noun:
        return _noun_actor(tree, g, trigger.sense.event)
    seen: set[int] = set()
    child = g
    while g not in seen:
        seen.add(g)
        subject, active = _subject(tree, g)
        if subject is not None and active:
            return _relative_antecedent(tree, g, subject)
        if g != trigger.governor and tree.tokens[child].dep == "xcomp":
            # "Iran is expected to impose", "X was forced to withdraw": the matrix subject does the act.
            controller = tree.kid(g, "nsubjpass")
            if controller is not None:
                return _relative_antecedent(tree, g, controller.i)
        token = tree.tokens[g]
        passive = bool(tree.kids(g, "nsubjpass", "auxpass"))
        if passive:
            return None
        if token.dep in {"xcomp", "conj", "advcl", "pcomp", "acomp"} and token.head != g:
            child, g = g, token.head
            continue
        if token.dep in {"acl", "relcl"} and token.tag in {"VBG", "VBZ", "VBP", "VBD"}:
            return token.head  # "militias operating in Iraq", "forces that attacked"
        return None
    return None


def _relative_antecedent(tree: Tree, verb: int, subject: int) -> int:
    """ "militias, who attacked": the relative pronoun stands for the noun the clause modifies."""
    if tree.tokens[subject].lemma in _RELATIVE and tree.tokens[verb].dep == "relcl":
        return tree.tokens[verb].head
    return subject


def _noun_actor(tree: Tree, n: int, event: str = "") -> int | None:
    for k in tree.kids(n, "poss"):
        return k.i
    for prep in tree.kids(n, "prep"):
        word = prep.text.lower()
        if word == "by" or (word == "of" and event in AGENT_OF):
            for obj in tree.kids(prep.i, "pobj"):
                return obj.i
    for k in tree.kids(n, "compound", "amod", "nmod"):
        if tree.mention_at("actor", k.i) is not None:
            return k.i
    return None


_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
_MODIFIER_DEPS = frozenset({"compound", "amod"})
_PREP_DEPS = frozenset({"prep", "agent"})
_PART_DEPS = frozenset({"acl", "advcl", "xcomp"})
_AIM_DEPS = frozenset({"advcl", "xcomp"})


def recipient_tokens(tree: Tree, trigger: Trigger, actor: int | None) -> list[int]:
    """Tokens whose phrases may be the event's recipient, best first."""
    # Each question is asked only of a token with children of that label (``tree.deps``): the answers,
    # and their order, are those of asking every time.
    event = trigger.sense.event
    out: list[int] = []
    heads = [trigger.token] if trigger.token == trigger.governor else [trigger.token, trigger.governor]
    partner = PARTNER_PREPS.get(event, frozenset())
    for h in heads:
        deps = tree.deps(h)
        if not deps:
            continue  # a word without dependents has no recipient phrase
        token = tree.tokens[h]
        if token.pos == "VERB":
            passive = "auxpass" in deps and not stative(tree, h)
            if passive and "nsubjpass" in deps:
                out.extend(k.i for k in tree.kids(h, "nsubjpass"))
            if trigger.light and h == trigger.governor:
                if "dative" in deps:
                    out.extend(k.i for k in tree.kids(h, "dative"))  # "gave Tanzania a grant"
            elif (
                event not in _NO_OBJECT_RECIPIENT or trigger.sense.mode == "release"
            ) and not deps.isdisjoint(_OBJECT_DEPS):  # "released the PM": the released are the recipients
                out.extend(k.i for k in tree.kids(h, "dobj", "dative", "attr", "oprd"))
            if event in _CLAUSE_RECIPIENT and "ccomp" in deps:  # "demanded that the US cancel its plans"
                for clause in tree.kids(h, "ccomp"):
                    out.extend(k.i for k in tree.kids(clause.i, "nsubj", "nsubjpass"))
        elif not deps.isdisjoint(_MODIFIER_DEPS):
            for k in tree.kids(h, "compound", "amod"):
                if (
                    k.i != actor
                    and tree.mention_at("actor", k.i) is not None
                    and _noun_actor(tree, h, event) != k.i
                ):
                    out.append(k.i)
        if not deps.isdisjoint(_PREP_DEPS):
            for prep in tree.kids(h, "prep", "agent"):
                word = prep.text.lower()
                if (
                    word in TARGET_PREPS
                    or word in partner
                    or (word == "of" and token.pos != "VERB" and event in PATIENT_OF)
                ):
                    out.extend(k.i for k in tree.kids(prep.i, "pobj", "pcomp"))
                elif word == "of" and token.pos != "VERB":  # "the withdrawal of forces from Panama"
                    for obj in tree.kids(prep.i, "pobj"):
                        for inner in tree.kids(obj.i, "prep"):
                            if inner.text.lower() in partner:
                                out.extend(k.i for k in tree.kids(inner.i, "pobj"))
        # "attacks directed against Israel", "strikes targeting militias"
        if not deps.isdisjoint(_PART_DEPS):
            for part in tree.kids(h, "acl", "advcl", "xcomp"):
                if part.lemma in {"direct", "target", "aim"}:
                    for prep in tree.kids(part.i, "prep"):
                        if prep.text.lower() in TARGET_PREPS | {"at"}:
                            out.extend(k.i for k in tree.kids(prep.i, "pobj"))
                    out.extend(k.i for k in tree.kids(part.i, "dobj"))
        if "prep" in deps:
            for prep in tree.kids(h, "prep"):  # "targeting" parsed as a preposition
                if prep.text.lower() == "targeting":
                    out.extend(k.i for k in tree.kids(prep.i, "pobj", "dobj"))
    g = trigger.governor
    deps = tree.deps(g)
    if event in _EMBEDDING and "xcomp" in deps:  # "threatened to break relations with Russia unless the
        # Kremlin ...": the threatened (promised, refused) act's object or partner, then whoever the
        # condition is put to
        for comp in tree.kids(g, "xcomp"):
            out.extend(k.i for k in tree.kids(comp.i, "dobj"))
            for prep in tree.kids(comp.i, "prep"):
                if prep.text.lower() in TARGET_PREPS or prep.text.lower() in {"to", "with"}:
                    out.extend(k.i for k in tree.kids(prep.i, "pobj"))
            for cond in (*tree.kids(comp.i, "advcl"), *tree.kids(g, "advcl")):
                if any(m.text.lower() in {"if", "unless"} for m in tree.kids(cond.i, "mark")):
                    out.extend(k.i for k in tree.kids(cond.i, "nsubj"))
    # The object of the act's aim: "blocked a road to show their disapproval of US policies", "opened
    # fire to disperse demonstrators"
    if event not in _EMBEDDING and not deps.isdisjoint(_AIM_DEPS):
        for comp in tree.kids(g, "advcl", "xcomp"):
            if tree.infinitive(comp.i):
                for obj in tree.kids(comp.i, "dobj"):
                    out.append(obj.i)
                    for prep in tree.kids(obj.i, "prep"):
                        out.extend(k.i for k in tree.kids(prep.i, "pobj"))
    # Last: the object's own target or partner ("halted economic aid to Serbia", "issued an ultimatum
    # to Ecuador", "lifted a blockade on Palestinian lorries").
    if "dobj" in deps and tree.tokens[g].pos == "VERB":
        for obj in tree.kids(g, "dobj"):
            for prep in tree.kids(obj.i, "prep"):
                word = prep.text.lower()
                # "rejected an offer from Afghanistan", "calls by Kofi Annan": whose offer or demand it was
                source = word in {"from", "by"} and event in _ANSWERS
                if word in TARGET_PREPS or word in partner or word == "to" or source:
                    out.extend(k.i for k in tree.kids(prep.i, "pobj"))
    return [i for i in out if i != actor] if actor in out else out


def place_actors(tree: Tree, tokens: Sequence[int]) -> list[Mention]:
    """ "cut off electricity to the republic of Nakhichevan", "shelled the town of Gorazde": with no actor
    in the recipient's phrase, the first place in it stands for its country."""
    for i in tokens:
        for j in tree.subtree(i, stop=_CLAUSE_STOP):
            m = tree.mention_at("place", j)
            if m is not None and m.place is not None and m.place.country:
                ref = ActorRef(entity_text=m.text, code=m.place.country)
                return [replace(m, kind="actor", place=None, actor=ref)]
    return []


def first_actors(
    tree: Tree, tokens: Sequence[int], resolve: Resolver, exclude: Sequence[Mention]
) -> list[Mention]:
    """The actors of the first candidate phrase naming a coded actor, else of the first naming any."""
    fallback: list[Mention] = []
    for i in tokens:
        found = [m for m in phrase_actors(tree, i, resolve) if m not in exclude]
        if any(m.actor is not None and m.actor.code for m in found):
            return found
        fallback = fallback or found
    return fallback
