"""How central an event is to its sentence: the clause depth and the marks of background events.

A sentence reports one main event and often mentions others as background: "the withdrawal of some
invasion forces" (a noun modifying a noun), "after violent protests" (a time adjunct), "whom they had
taken hostage" (a past perfect). Background events are still coded, with less confidence, so a
sentence's highest-confidence event is its main one.
"""

from __future__ import annotations

from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger

# Prepositions that place an event in time or give its cause: the event they govern is background.
_BACKGROUND_PREPOSITIONS = frozenset(
    {"after", "following", "since", "before", "amid", "despite", "because", "due", "over"}
)
BACKGROUND_PENALTY = 0.2
MODIFIER_PENALTY = 0.25
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# Verbs of going and sending whose purpose, when it is an event, is the news ("returned to Geneva for
# talks", "sent personnel to investigate").
MOTION_VERBS = frozenset({"return", "go", "travel", "fly", "arrive", "come", "head", "send", "dispatch"})
# Subordinating words of a clause that gives the time, cause or circumstance of the main event.
_BACKGROUND_MARKS = frozenset(
    {"as", "while", "when", "after", "before", "since", "because", "until", "although", "though", "whereas"}
)


def clause_depth(tree: Tree, trig: Trigger, trigger_tokens: frozenset[int]) -> int:
    """Verbs above the trigger's governor, with a trigger above it counting three."""
    depth = 0
    for a in tree.ancestors(trig.governor):
        if a.pos == "VERB":
            depth += 1
        if a.i in trigger_tokens:
            depth += 2
    return depth


def background(tree: Tree, trig: Trigger, trigger_tokens: frozenset[int]) -> tuple[str, float] | None:
    """Why the trigger names a background event rather than the sentence's main one, and how much
    confidence that costs, or None."""
    token = tree.tokens[trig.token]
    if (
        (trig.is_noun or token.pos in {"NOUN", "PROPN"})
        and token.dep in _MODIFIER_DEPS
        and token.head != token.i
    ):
        # A noun modifying a noun ("invasion forces", "aid workers") is rarely an event at all.
        return f"{token.text!r} modifies {tree.tokens[token.head].text!r}", MODIFIER_PENALTY
    found = _background(tree, trig, trigger_tokens)
    return (found, BACKGROUND_PENALTY) if found is not None else None


def _background(tree: Tree, trig: Trigger, trigger_tokens: frozenset[int]) -> str | None:
    token = tree.tokens[trig.token]
    if trig.is_noun or token.pos in {"NOUN", "PROPN"}:  # a noun, alone or carried by a verb
        if (
            token.dep in {"dobj", "nsubjpass"}
            and token.head in trigger_tokens
            and token.head != trig.governor
        ):
            # "police dispersed the demonstration", "condemned the attack": the verb is the news
            return f"{token.text!r} is what {tree.tokens[token.head].text!r} acts on"
        if token.dep == "pobj":
            prep = tree.tokens[token.head]
            if prep.text.lower() in _BACKGROUND_PREPOSITIONS or (
                prep.dep == "pcomp" and tree.tokens[prep.head].text.lower() in _BACKGROUND_PREPOSITIONS
            ):
                return f"{token.text!r} is the object of {prep.text!r}"
        return None
    governor = tree.tokens[trig.governor]
    if governor.lemma in MOTION_VERBS:
        purpose = _purpose(tree, trig.governor, trigger_tokens)
        if purpose is not None:
            return f"{governor.text!r} is the way to {purpose!r}"
    if governor.tag == "VBN" and any(k.text.lower() == "had" for k in tree.kids(trig.governor, "aux")):
        return f"{governor.text!r} is in the past perfect"
    if governor.dep == "acl" and governor.tag in {"VBN", "VBG"}:  # "a bill signed by the minister"
        return f"{governor.text!r} describes {tree.tokens[governor.head].text!r}"
    if governor.dep == "advcl":
        mark = next(
            (m for m in tree.kids(trig.governor, "mark") if m.text.lower() in _BACKGROUND_MARKS), None
        )
        if mark is not None:
            return f"{governor.text!r} is in a {mark.text.lower()!r} clause"
    return None


def _purpose(tree: Tree, verb: int, trigger_tokens: frozenset[int]) -> str | None:
    """The event a verb of motion is for: a "to" clause or a "for" phrase naming another trigger."""
    for clause in tree.kids(verb, "advcl", "xcomp"):
        if clause.i in trigger_tokens and tree.infinitive(clause.i):
            return clause.text
    for prep in tree.kids(verb, "prep"):
        if prep.text.lower() == "for":
            for obj in tree.kids(prep.i, "pobj"):
                if obj.i in trigger_tokens:
                    return obj.text
    return None
