"""Status: how certain the report of an event is, and who says so."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger
from whimbrel.knowledge.cues import Cues
from whimbrel.model import EventStatus


@dataclass(frozen=True, slots=True)
class Reading:
    """An event's status, the token heading its claimant phrase, and why."""

    status: EventStatus
    claimant: int | None
    reason: str
    intent: bool = False  # the actor states it will do this: PLOVER codes the statement (AGREE/THREATEN)
    obligation: bool = False  # "X said Y must do this": PLOVER codes a demand (REQUEST)


def _clause_tokens(tree: Tree, trigger: Trigger) -> list[int]:
    return [trigger.token] if trigger.token == trigger.governor else [trigger.token, trigger.governor]


def _negated(tree: Tree, trigger: Trigger, cues: Cues) -> str | None:
    for h in _clause_tokens(tree, trigger):
        deps = tree.deps(h)
        if "neg" in deps:
            for k in tree.kids(h, "neg"):
                return f"negated by {k.text!r}"
        if "det" in deps and tree.tokens[h].pos != "VERB":
            for k in tree.kids(h, "det"):
                if k.lemma == "no":
                    return "negated by 'no'"
    for anc in tree.ancestors(trigger.governor):
        if anc.lemma in cues.negating_verbs:
            return f"negated by {anc.text!r}"
        if anc.pos == "VERB":
            break
    return None


_PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass"})
_OBLIGATION_AUX = frozenset({"must", "should", "ought"})
# Adjectives whose "to"-complement the subject means to do: "ready to withdraw", "willing to talk".
_INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "determined", "eager", "keen", "poised"})
# Verbs that state the subject's own intention (as opposed to "expect", "hope" or a schedule). Not
# "decide": "the court decided to allow him to run" reports the decision, which is the act itself.
_INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "prepare",
        "seek",
        "want",
        "vow",
        "pledge",
        "aim",
        "mean",
        "swear",
        "resolve",
    }
)


def _modality(
    tree: Tree, trigger: Trigger, cues: Cues, *, reported: bool
) -> tuple[EventStatus, str, bool] | None:
    """Future or hypothetical status, and whether it is the actor's stated intention."""
    g = trigger.governor
    chain = [g, *[a.i for a in tree.ancestors(g)[:2]]]  # only three levels are read
    passive = not tree.deps(g).isdisjoint(_PASSIVE_DEPS)
    for depth, h in enumerate(chain[:3]):
        token = tree.tokens[h]
        if depth > 0 and token.pos not in {"VERB", "ADJ", "AUX"}:
            break
        deps = tree.deps(h)  # each question asked only of a token with children of that label
        if "mark" in deps:
            for mark in tree.kids(h, "mark"):
                if mark.text.lower() in cues.conditional_marks:
                    return "hypothetical", f"hypothetical: {mark.text!r}", False
        conditioned = "advcl" in deps and any(
            m.text.lower() in cues.conditional_marks
            for c in tree.kids(h, "advcl")
            for m in tree.kids(c.i, "mark")
        )
        for aux in tree.kids(h, "aux") if "aux" in deps else ():
            word = aux.text.lower()
            if conditioned and (word in cues.future_aux or word in cues.hypothetical_aux):
                # "will withdraw unless...", "may halt mediation if...": a conditional promise or threat
                return "future", f"conditional: {aux.text!r} ... if", not passive
            if word in _OBLIGATION_AUX and reported:
                return "future", f"demanded: {aux.text!r}", False
            if word in cues.future_aux:
                return "future", f"future: {aux.text!r}", not passive
            if word in {"would", "'d"} and reported:  # "they said they would boycott": future in the past
                return "future", f"future: {aux.text!r} in reported speech", not passive
            if word in cues.hypothetical_aux:
                return "hypothetical", f"hypothetical: {aux.text!r}", False
        if depth > 0 and _infinitival(tree, chain[depth - 1]):
            if token.lemma in _INTENT_ADJECTIVES or token.lemma in _INTENT_VERBS:
                return "future", f"intent: {token.text!r} to", True
            if token.lemma in cues.future_verbs:
                return "future", f"future: {token.text!r} to", False
        if tree.tokens[h].dep not in {"xcomp", "conj", "acomp"} and not _infinitival(tree, h):
            break
    return None


def may_oblige(tree: Tree) -> bool:
    """Whether any trigger of the sentence may read as demanded (it has "must", "should" or "ought")."""
    return not _OBLIGATION_AUX.isdisjoint(tree.low)


def _infinitival(tree: Tree, i: int) -> bool:
    """A "to"-complement: spaCy's small model labels "sworn to fight" xcomp or advcl."""
    token = tree.tokens[i]
    if token.dep == "xcomp":
        return True
    return token.dep == "advcl" and tree.infinitive(i)


def _reporter(tree: Tree, trigger: Trigger, cues: Cues) -> tuple[EventStatus, int | None, str] | None:
    """ "X said Y attacked Z": the nearest reporting verb above the event's clause."""
    child = trigger.governor
    for anc in tree.ancestors(trigger.governor):
        came_from = tree.tokens[child].dep
        child = anc.i
        if anc.pos != "VERB" or came_from not in {"ccomp", "xcomp", "conj", "advcl", "parataxis"}:
            if anc.pos == "VERB":
                continue
            continue
        status = cues.report_verbs.get(anc.lemma)
        if status is None:
            continue
        subject = next((k.i for k in tree.kids(anc.i, "nsubj")), None)
        if subject is None:
            for agent in tree.kids(anc.i, "agent"):
                subject = next((k.i for k in tree.kids(agent.i, "pobj")), None)
        return status, subject, f"reported speech: {anc.text!r}"
    return _according(tree)


def _according(tree: Tree) -> tuple[EventStatus, int | None, str] | None:
    """ "according to police": the sentence's source, the same for every event of it."""
    return tree.according.get(lambda: _find_according(tree))


def _find_according(tree: Tree) -> tuple[EventStatus, int | None, str] | None:
    low = tree.low
    for token in tree.tokens if "according" in low else ():
        if low[token.i] == "according":
            to = tree.kid(token.i, "prep")
            obj = tree.kid(to.i, "pobj") if to is not None else None
            if obj is not None:
                return ("asserted", obj.i, "source: 'according to'")
    return None


def read_status(
    tree: Tree, trigger: Trigger, cues: Cues, *, presupposed: frozenset[int] = frozenset()
) -> Reading:
    """Status and claimant of one trigger. ``presupposed`` are the tokens of words that take their
    object as having happened ("condemned the attacks", "called the attacks a crime"): no event under
    them is only proposed. Who did it (a claim of responsibility) is the attribution's, not the status's."""
    negation = _negated(tree, trigger, cues)
    reported = _reporter(tree, trigger, cues)
    claimant = reported[1] if reported else None
    if negation is not None:
        if reported and reported[0] == "denied":
            return Reading("denied", claimant, reported[2])
        return Reading("negated", claimant, negation)
    hedge = _hedge(tree, cues)
    if hedge is not None:
        return Reading(hedge[0], claimant, hedge[1])
    modal = _modality(tree, trigger, cues, reported=reported is not None)
    if modal is not None:
        demanded = modal[1].startswith("demanded")
        return Reading(modal[0], claimant, modal[1], intent=modal[2], obligation=demanded)
    prospective = _prospective(tree, trigger, presupposed)
    if prospective is not None:
        return Reading(prospective[0], claimant, prospective[1])
    if reported is not None:
        return Reading(reported[0], claimant, reported[2])
    return Reading("asserted", None, "asserted")


def _hedge(tree: Tree, cues: Cues) -> tuple[EventStatus, str] | None:
    return tree.hedge.get(lambda: _find_hedge(tree, cues))


def _find_hedge(tree: Tree, cues: Cues) -> tuple[EventStatus, str] | None:
    # The first hedge phrase (in file order) in the sentence. A phrase can only occur where its first
    # word is a whole word of the padded text, so only the phrases of the sentence's words are tried.
    # (Tokens are space-free words, or whitespace that starts no phrase, so the lowered tokens are
    # the words of the padded text.)
    index = _hedge_index(cues.hedges)
    low = tree.low
    firsts = () if index.keys().isdisjoint(low) else index.keys() & set(low)  # mostly none
    found = [hit for word in firsts for hit in index[word]]
    text = tree.lowered if found else ""
    return next(
        ((status, f"hedged: {phrase!r}") for _, phrase, status in sorted(found) if f" {phrase} " in text),
        None,
    )


_HEDGE_INDEXES: dict[
    int, tuple[Mapping[str, EventStatus], dict[str, list[tuple[int, str, EventStatus]]]]
] = {}


def _hedge_index(hedges: Mapping[str, EventStatus]) -> dict[str, list[tuple[int, str, EventStatus]]]:
    """The hedge phrases by their first word, each with its place in the file (built once per table)."""
    known = _HEDGE_INDEXES.get(id(hedges))
    if known is not None and known[0] is hedges:
        return known[1]
    index: dict[str, list[tuple[int, str, EventStatus]]] = {}
    for order, (phrase, status) in enumerate(hedges.items()):
        index.setdefault(phrase.split(" ")[0], []).append((order, phrase, status))
    _HEDGE_INDEXES[id(hedges)] = (hedges, index)
    return index


# Nouns and verbs under which a named event is only proposed or planned ("a committee to examine the
# implementation of the withdrawal", "a call for the withdrawal").
_PROSPECTIVE = frozenset(
    {"examine", "implementation", "implement", "plan", "proposal", "propose", "call", "demand", "consider",
     "discuss", "study", "decree", "legislation", "bill", "possibility", "prospect", "idea", "timetable"}
)  # fmt: skip


def _prospective(tree: Tree, trigger: Trigger, presupposed: frozenset[int]) -> tuple[EventStatus, str] | None:
    if not trigger.is_noun:
        return None
    for depth, anc in enumerate(tree.ancestors(trigger.token)):
        if depth > 5 or anc.i in presupposed:  # a condemnation's object happened
            break
        if anc.lemma in _PROSPECTIVE:
            return "future", f"prospective: under {anc.text!r}"
    return None
