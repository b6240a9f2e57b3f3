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
    {"after", "following", "since", "before", "amid", "despite", "because", "due", "over", "during"}
)
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


def clause_depth(tree: Tree, trig: Trigger, trigger_tokens: set[int]) -> int:
    """Verbs above the trigger's governor, with a trigger above it counting three."""
    depth = 0
    for a in tree.ancestors(trig.governor):
        if a.pos == "VERB":
            depth += 1
        if a.i in trigger_tokens:
            depth += 2
    return depth


def background(tree: Tree, trig: Trigger) -> str | None:
    """Why the trigger names a background event rather than the sentence's main one, or None."""
    token = tree.tokens[trig.token]
    if trig.is_noun:
        if token.dep in _MODIFIER_DEPS and token.head != token.i:
            return f"{token.text!r} modifies {tree.tokens[token.head].text!r}"
        if token.dep == "pobj":
            prep = tree.tokens[token.head]
            if prep.text.lower() in _BACKGROUND_PREPOSITIONS or (
                prep.dep == "pcomp" and tree.tokens[prep.head].text.lower() in _BACKGROUND_PREPOSITIONS
            ):
                return f"{token.text!r} is the object of {prep.text!r}"
        return None
    governor = tree.tokens[trig.governor]
    if governor.tag == "VBN" and any(k.text.lower() == "had" for k in tree.kids(trig.governor, "aux")):
        return f"{governor.text!r} is in the past perfect"
    return None
