"""``coding.status``: negation, reported speech, hedges, modality, obligation and claims."""

from __future__ import annotations

from tests.coding.recorded import actor, at, parse, trigger_at

from whimbrel.coding.status import Reading, may_oblige, read_status, responsibility
from whimbrel.coding.tree import Tree
from whimbrel.knowledge.lexicon import Cues, Lexicon


def _read(lexicon: Lexicon, text: str, word: str, *, claimed: bool = False) -> tuple[Reading, Tree]:
    tree = Tree(parse(text), [])
    return read_status(tree, trigger_at(lexicon, tree, word), lexicon.cues, claimed=claimed), tree


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


def test_a_claim_of_responsibility(lexicon: Lexicon, cues: Cues) -> None:
    sent = parse("The group claimed responsibility for the bombing.")
    assert responsibility(Tree(sent, []), cues) == (None, "responsibility 'claimed', claimant named earlier")
    group = actor(sent, "group", None, "REB")
    assert responsibility(Tree(sent, [group]), cues) == (
        at(sent, "group"),
        "responsibility 'claimed' by subject",
    )
    assert responsibility(Tree(parse("The army will attack the village."), []), cues) is None
    reading, _ = _read(lexicon, sent.text, "bombing", claimed=True)
    assert (reading.status, reading.claimant) == ("claimed", None)
