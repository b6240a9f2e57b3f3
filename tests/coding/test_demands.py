"""``coding.demands``: "X said Y must do Z" is a demand whatever Z's verb."""

from __future__ import annotations

from tests.coding.recorded import at, parse

from whimbrel.coding.demands import DEMAND, demand_triggers
from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import find_triggers
from whimbrel.knowledge.lexicon import Lexicon


def _demands(lexicon: Lexicon, text: str) -> list[str]:
    sent = parse(text)
    tree = Tree(sent, [])
    triggers = find_triggers(tree, lexicon, lexicon.cues.light_verbs)
    found = demand_triggers(tree, triggers, lexicon.cues.report_verbs)
    assert all(t.sense is DEMAND and t.token == t.governor for t in found)
    return [sent.tokens[t.token].text for t in found]


def test_an_obliged_verb_of_a_reported_clause_is_a_demand(lexicon: Lexicon) -> None:
    sent = parse("Kenya said Uganda must pay the farmers.")
    assert _demands(lexicon, sent.text) == ["pay"]
    assert at(sent, "pay") == 4 and DEMAND.event == "REQUEST" and DEMAND.cameo == "100"


def test_no_demand_without_a_reporter_or_from_the_speaker_itself(lexicon: Lexicon) -> None:
    assert _demands(lexicon, "Uganda must pay the farmers.") == []  # nobody reports it
    assert _demands(lexicon, "We must pay the farmers, Kenya said.") == []  # "we": the speaker's own duty


def test_a_verb_that_is_already_a_trigger_gets_no_second_one(lexicon: Lexicon) -> None:
    # "withdraw" is an event word of its own: the status reading makes it a demand, not this module
    assert _demands(lexicon, "Kenya said Uganda must withdraw its troops.") == []
