"""Manner: an event's PLOVER modes (how it was done) and contexts (what field it belongs to)."""

from __future__ import annotations

from collections.abc import Sequence

from whimbrel.coding.place_time import OTHER_CLAUSES
from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger, lemmas
from whimbrel.knowledge.cues import Cues
from whimbrel.knowledge.lexicon import Lexicon

_INSTRUMENT_PREPS = frozenset({"with", "using", "by"})
# Entity types of names: a name's words are no trigger, and give no context ("the European Union").
NAME_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART", "LAW", "FAC", "LOC", "PRODUCT"})


def event_modes(tree: Tree, trig: Trigger, lexicon: Lexicon) -> tuple[str, ...]:
    """The trigger's modes: its sense's, then its words', modifiers' and instruments'."""
    event = trig.sense.event
    tokens = tree.tokens
    # The trigger's own words and modifiers, then instruments ("with rockets and UAVs")...
    words = list(lemmas(tokens[trig.token]))
    for k in tree.kids(trig.token, "compound", "amod", "nmod", "advmod"):  # "sexually abused"
        words += (k.lemma, k.text.lower())
    clause = tree.subtree(trig.governor, stop=OTHER_CLAUSES)
    low = tree.low
    for j in clause:
        # "killed by a bomb" (the word first: it rules out most tokens without reading the token)
        if low[j] in _INSTRUMENT_PREPS and (tokens[j].dep == "prep" or tokens[j].dep == "agent"):
            for obj in tree.kids(j, "pobj"):
                for c in tree.conjuncts(obj.i):
                    words += (tokens[c].lemma, tokens[c].text.lower())
                    # "an improvised explosive device"
                    words += tuple(k.text.lower() for k in tree.kids(c, "amod", "compound"))
    modes = [trig.sense.mode] if trig.sense.mode else []
    _add_modes(lexicon, modes, words, event)
    if not modes:
        # ... and failing those, any cue word of the event's own clause, nearest first
        # ("exploded a series of bombs", "used tear gas").
        near = [j for j in clause if tokens[j].pos == "NOUN" or tokens[j].pos == "VERB"]
        near.sort(key=lambda j: abs(j - trig.token))
        _add_modes(lexicon, modes, [tokens[j].lemma for j in near], event)
    return tuple(modes)


def _add_modes(lexicon: Lexicon, modes: list[str], words: Sequence[str], event: str) -> None:
    table = lexicon.mode_table(event)
    for word in words:
        mode = table[word]
        if mode and mode not in modes:
            modes.append(mode)


def event_contexts(tree: Tree, trig: Trigger, cues: Cues) -> tuple[str, ...]:
    """The trigger's own context, then those its clause's words suggest ("humanitarian aid")."""
    found = [trig.sense.context] if trig.sense.context else []
    table = cues.context_cues  # as Cues.context_for, without a call per word
    tokens, low = tree.tokens, tree.low
    for j in tree.subtree(trig.governor, stop=OTHER_CLAUSES):
        token = tokens[j]
        if token.ent_type in NAME_ENTITIES or token.pos == "PROPN":
            continue  # "the European Union" is no labour union
        context = table.get(token.lemma.lower()) or table.get(low[j])
        if context and context not in found:
            found.append(context)
    return tuple(found)
