"""Demands with no event word: "Russia said Sudan must return the helicopter" is a demand whatever the verb.

PLOVER codes "X said Y must (or should) do Z" as X's REQUEST to Y, even when Z is no event of its own
("must allocate greater resources", "must ensure security"). The lexicon finds such verbs only when
they are event words; this module adds a trigger on the obliged verb of a reported clause, so the
coder's obligation reading (``whimbrel.coding.status``) turns it into the speaker's demand.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger
from whimbrel.knowledge.lexicon import TriggerSense

OBLIGATION_AUX = frozenset({"must", "should", "ought"})
DEMAND = TriggerSense(
    lemma="must", pos="VERB", particle=None, event="REQUEST", mode=None, context=None, cameo="100", weight=0.6
)
_VERBS = frozenset({"VERB", "AUX"})


def demand_triggers(tree: Tree, triggers: Sequence[Trigger], report_verbs: Collection[str]) -> list[Trigger]:
    """A REQUEST trigger on each obliged verb of a reported clause that carries no trigger itself."""
    if OBLIGATION_AUX.isdisjoint(tree.low):
        return []  # no "must", "should" or "ought" in the sentence
    taken = {t.token for t in triggers} | {t.governor for t in triggers}
    found = []
    for token in tree.tokens:
        if token.pos not in _VERBS or token.i in taken or token.dep != "ccomp":
            continue
        if not any(a.text.lower() in OBLIGATION_AUX for a in tree.kids(token.i, "aux")):
            continue
        head = tree.tokens[token.head]
        if head.lemma not in report_verbs:
            continue
        subject = tree.kid(token.i, "nsubj")
        if subject is None or subject.pos == "PRON":  # "we must", "it must": the speaker's own duty
            continue
        found.append(Trigger(token.i, token.i, DEMAND))
    return found
