"""``coding.triggers``: event words from the lexicon, light verbs, phrasal senses, lemma guesses."""

from __future__ import annotations

from tests.coding.recorded import at, parse

from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import find_triggers, lemmas
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.model import Token


def _found(lexicon: Lexicon, text: str) -> list[tuple[str, str, str, bool]]:
    """(trigger word, governor word, event, light) of each trigger."""
    sent = parse(text)
    tree = Tree(sent, [])
    words = [t.text for t in sent.tokens]
    return [
        (words[t.token], words[t.governor], t.sense.event, t.light)
        for t in find_triggers(tree, lexicon, lexicon.cues.light_verbs)
    ]


def test_a_verb_of_the_lexicon_is_a_trigger(lexicon: Lexicon) -> None:
    assert _found(lexicon, "Police arrested three journalists in Lagos on Tuesday.") == [
        ("arrested", "arrested", "COERCE", False)
    ]


def test_a_light_verb_lends_its_roles_to_its_event_noun(lexicon: Lexicon) -> None:
    # "carried out two airstrikes": the noun names the event, the verb carries its roles
    assert _found(lexicon, "The army carried out two airstrikes on the village.") == [
        ("airstrikes", "carried", "ASSAULT", True)
    ]


def test_a_light_verb_reaches_the_event_noun_its_object_counts(lexicon: Lexicon) -> None:
    assert _found(lexicon, "Gunmen carried out dozens of attacks.") == [
        ("attacks", "carried", "ASSAULT", True)
    ]


def test_a_phrasal_sense_needs_its_particle(lexicon: Lexicon) -> None:
    sent = parse("The government called off the talks.")
    trigger, talks = find_triggers(Tree(sent, []), lexicon, lexicon.cues.light_verbs)
    assert trigger.token == at(sent, "called") and talks.token == at(sent, "talks")
    assert (trigger.sense.event, trigger.sense.particle, trigger.sense.cameo) == ("CONCEDE", "off", "080")


def test_a_participle_used_as_an_adjective_is_no_trigger(lexicon: Lexicon) -> None:
    # "armed" modifies "men"; only "stormed" names an event
    assert [w for w, *_ in _found(lexicon, "Armed men stormed the hotel.")] == ["stormed"]


def test_a_noun_trigger_is_its_own_governor(lexicon: Lexicon) -> None:
    sent = parse("The withdrawal of invasion forces began.")
    found = find_triggers(Tree(sent, []), lexicon, lexicon.cues.light_verbs)
    withdrawal = next(t for t in found if t.token == at(sent, "withdrawal"))
    assert withdrawal.governor == withdrawal.token and withdrawal.is_noun
    assert withdrawal.sense.event == "RETREAT"  # the most reliable of its senses


def test_lemma_guesses_repair_a_mislemmatised_form() -> None:
    staged = Token(i=0, text="staged", lemma="stag", pos="VERB", tag="VBD", dep="ROOT", head=0, idx=0)
    assert lemmas(staged)[:2] == ("stag", "staged")
    assert "stage" in lemmas(staged)
    sieges = Token(
        i=0, text="Ceasefires", lemma="ceasefires", pos="NOUN", tag="NNS", dep="ROOT", head=0, idx=0
    )
    assert "ceasefire" in lemmas(sieges)
