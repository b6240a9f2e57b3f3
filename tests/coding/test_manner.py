"""``coding.manner``: PLOVER modes from instruments and modifiers, contexts from the clause's words."""

from __future__ import annotations

from tests.coding.recorded import parse, trigger_at

from whimbrel.coding.manner import event_contexts, event_modes
from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger
from whimbrel.knowledge.lexicon import Lexicon


def _trigger(lexicon: Lexicon, text: str, word: str) -> tuple[Tree, Trigger]:
    tree = Tree(parse(text), [])
    return tree, trigger_at(lexicon, tree, word)


def test_an_instrument_gives_the_mode(lexicon: Lexicon) -> None:
    tree, trig = _trigger(lexicon, "Militants attacked the convoy with rockets.", "attacked")
    assert trig.sense.mode is None
    assert event_modes(tree, trig, lexicon) == ("heavy-weapons",)
    tree, trig = _trigger(
        lexicon, "Rebels from Chad and Niger attacked a convoy near the border.", "attacked"
    )
    assert event_modes(tree, trig, lexicon) == ()
    # the instrument's own modifier counts: "explosive" is no noun of the clause
    tree, trig = _trigger(lexicon, "Militants attacked the convoy with explosive devices.", "attacked")
    assert event_modes(tree, trig, lexicon) == ("explosives",)


def test_the_senses_own_mode_comes_first(lexicon: Lexicon) -> None:
    tree, trig = _trigger(lexicon, "The army carried out two airstrikes on the village.", "airstrikes")
    assert event_modes(tree, trig, lexicon)[0] == "aerial"


def test_contexts_from_the_sense_and_the_clause(lexicon: Lexicon) -> None:
    tree, trig = _trigger(lexicon, "The agency delivered humanitarian aid to the refugees.", "aid")
    assert "humanitarian" in event_contexts(tree, trig, lexicon.cues)
    tree, trig = _trigger(lexicon, "Troops clashed with rebels on Monday.", "clashed")
    assert event_contexts(tree, trig, lexicon.cues) == ("military",)


def test_the_words_of_a_name_give_no_context(lexicon: Lexicon) -> None:
    # "Union" is a labour word, but here it is part of a name
    tree, trig = _trigger(lexicon, "The European Union sent aid.", "aid")
    assert "labor" not in event_contexts(tree, trig, lexicon.cues)
