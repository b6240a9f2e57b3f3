"""``coding.salience``: clause depth and the marks of a background event."""

from __future__ import annotations

from tests.coding.recorded import at, parse

from whimbrel.coding.salience import BACKGROUND_PENALTY, MODIFIER_PENALTY, background, clause_depth
from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import Trigger, find_triggers
from whimbrel.knowledge.lexicon import Lexicon


def _triggers(lexicon: Lexicon, text: str) -> tuple[Tree, dict[str, Trigger], frozenset[int]]:
    tree = Tree(parse(text), [])
    found = find_triggers(tree, lexicon, lexicon.cues.light_verbs)
    tokens = frozenset({t.token for t in found} | {t.governor for t in found})
    return tree, {tree.tokens[t.token].text: t for t in found}, tokens


def test_depth_counts_verbs_above_and_a_trigger_above_three_times(lexicon: Lexicon) -> None:
    tree, found, tokens = _triggers(lexicon, "Officials said the rebels attacked the village.")
    assert clause_depth(tree, found["attacked"], tokens) == 1  # "said" is no trigger
    tree, found, tokens = _triggers(lexicon, "Students marched to demand reforms.")
    assert clause_depth(tree, found["demand"], tokens) == 3  # under the trigger "marched"
    assert clause_depth(tree, found["marched"], tokens) == 0


def test_a_main_event_is_no_background(lexicon: Lexicon) -> None:
    tree, found, tokens = _triggers(lexicon, "Police arrested three journalists in Lagos on Tuesday.")
    assert background(tree, found["arrested"], tokens) is None


def test_a_noun_modifying_a_noun(lexicon: Lexicon) -> None:
    tree, found, tokens = _triggers(lexicon, "The withdrawal of invasion forces began.")
    assert background(tree, found["invasion"], tokens) == ("'invasion' modifies 'forces'", MODIFIER_PENALTY)
    assert background(tree, found["withdrawal"], tokens) is None


def test_an_event_after_which_the_main_one_happened(lexicon: Lexicon) -> None:
    tree, found, tokens = _triggers(lexicon, "After the protests, police arrested the organisers.")
    assert background(tree, found["protests"], tokens) == (
        "'protests' is the object of 'After'",
        BACKGROUND_PENALTY,
    )
    assert background(tree, found["arrested"], tokens) is None


def test_a_clause_of_circumstance(lexicon: Lexicon) -> None:
    tree, found, tokens = _triggers(lexicon, "Police fired tear gas as protesters marched.")
    assert background(tree, found["marched"], tokens) == ("'marched' is in a 'as' clause", BACKGROUND_PENALTY)
    assert background(tree, found["fired"], tokens) is None


def test_a_past_perfect(lexicon: Lexicon) -> None:
    tree, found, tokens = _triggers(lexicon, "The rebels freed the hostages whom they had seized.")
    assert background(tree, found["seized"], tokens) == (
        "'seized' is in the past perfect",
        BACKGROUND_PENALTY,
    )
    assert background(tree, found["freed"], tokens) is None


def test_a_journey_whose_purpose_is_an_event(lexicon: Lexicon) -> None:
    tree, found, tokens = _triggers(lexicon, "The envoy returned to Geneva for talks.")
    assert at(tree.sentence, "talks") in tokens
    assert background(tree, found["returned"], tokens) == (
        "'returned' is the way to 'talks'",
        BACKGROUND_PENALTY,
    )
