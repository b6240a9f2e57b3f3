"""``coding.status``: negation, reported speech, hedges, modality, obligation and claims."""

from __future__ import annotations

from tests.coding.recorded import at, parse, trigger_at

from whimbrel.coding.status import Reading, may_oblige, read_status
from whimbrel.coding.tree import Tree
from whimbrel.knowledge.lexicon import Lexicon


def _read(lexicon: Lexicon, text: str, word: str) -> tuple[Reading, Tree]:
    tree = Tree(parse(text), [])
    return read_status(tree, trigger_at(lexicon, tree, word), lexicon.cues), tree


def _claimant(reading: Reading, tree: Tree) -> str | None:
    return tree.tokens[reading.claimant].text if reading.claimant is not None else None


def test_a_plain_report_is_asserted(lexicon: Lexicon) -> None:
    reading, _ = _read(lexicon, "Police arrested three journalists in Lagos on Tuesday.", "arrested")
    assert (reading.status, reading.claimant, reading.reason) == ("asserted", None, "asserted")
    assert not reading.intent and not reading.obligation


def test_negation(lexicon: Lexicon) -> None:
    reading, _ = _read(lexicon, "The army did not attack the village.", "attack")
    assert (reading.status, reading.reason) == ("negated", "negated by 'not'")


def test_reported_speech_names_the_claimant(lexicon: Lexicon) -> None:
    reading, tree = _read(lexicon, "Officials said the rebels attacked the village.", "attacked")
    assert reading.status == "asserted" and reading.reason == "reported speech: 'said'"
    assert _claimant(reading, tree) == "Officials"


def test_a_denial(lexicon: Lexicon) -> None:
    reading, tree = _read(lexicon, "The rebels denied that they attacked the village.", "attacked")
    assert reading.status == "denied" and _claimant(reading, tree) == "rebels"


def test_a_hedge_anywhere_in_the_sentence(lexicon: Lexicon) -> None:
    reading, _ = _read(lexicon, "The rebels reportedly attacked the village.", "attacked")
    assert (reading.status, reading.reason) == ("unverified", "hedged: 'reportedly'")


def test_the_future_is_the_actors_intention(lexicon: Lexicon) -> None:
    reading, _ = _read(lexicon, "The army will attack the village.", "attack")
    assert (reading.status, reading.reason, reading.intent) == ("future", "future: 'will'", True)


def test_a_condition_makes_a_modal_a_conditional_threat(lexicon: Lexicon) -> None:
    reading, _ = _read(lexicon, "If talks fail, the army may attack the village.", "attack")
    assert reading.status == "future" and reading.reason == "conditional: 'may' ... if" and reading.intent


def test_must_in_reported_speech_is_a_demand(lexicon: Lexicon) -> None:
    reading, tree = _read(lexicon, "Kenya said Uganda must withdraw its troops.", "withdraw")
    assert (reading.status, reading.reason) == ("future", "demanded: 'must'")
    assert reading.obligation and not reading.intent and _claimant(reading, tree) == "Kenya"
    assert may_oblige(tree)
    assert not may_oblige(Tree(parse("The army will attack the village."), []))


def test_a_verb_of_intention_over_an_infinitive(lexicon: Lexicon) -> None:
    reading, _ = _read(lexicon, "Kenya plans to send troops.", "send")
    assert (reading.status, reading.reason, reading.intent) == ("future", "intent: 'plans' to", True)


def test_according_to_names_the_source(lexicon: Lexicon) -> None:
    reading, tree = _read(lexicon, "The rebels attacked the village, according to police.", "attacked")
    assert (reading.status, reading.reason) == ("asserted", "source: 'according to'")
    assert _claimant(reading, tree) == "police"


def test_an_event_noun_under_a_plan_is_prospective(lexicon: Lexicon) -> None:
    reading, _ = _read(lexicon, "The council discussed a plan for the withdrawal of troops.", "withdrawal")
    assert (reading.status, reading.reason) == ("future", "prospective: under 'plan'")


def test_a_claim_of_responsibility_leaves_the_status_asserted(lexicon: Lexicon) -> None:
    # who did it is the attribution's (coding.attribution); the act itself is simply reported
    reading, _ = _read(lexicon, "The group claimed responsibility for the bombing.", "bombing")
    assert reading.status == "asserted"


def test_a_presupposing_word_is_no_prospect(lexicon: Lexicon) -> None:
    text = "The council issued a call for the withdrawal of Ethiopian troops from Somalia."
    tree = Tree(parse(text), [])
    trig = trigger_at(lexicon, tree, "withdrawal")
    assert read_status(tree, trig, lexicon.cues).status == "future"
    call = at(parse(text), "call")
    assert read_status(tree, trig, lexicon.cues, presupposed=frozenset({call})).status == "asserted"
