"""``coding.roles``: the actor and recipient phrases of a trigger, read from the parse."""

from __future__ import annotations

from tests.coding.recorded import actor, at, parse, place, trigger_at

from whimbrel.coding.roles import (
    actor_token,
    first_actors,
    phrase_actors,
    place_actors,
    recipient_tokens,
    stative,
)
from whimbrel.coding.tree import Tree
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.model import Mention, Sentence


def _words(sent: Sentence, indices: list[int] | int | None) -> list[str] | str | None:
    if indices is None:
        return None
    if isinstance(indices, int):
        return sent.tokens[indices].text
    return [sent.tokens[i].text for i in indices]


def no_antecedent(_i: int) -> list[Mention]:
    return []


def test_subject_acts_on_object(lexicon: Lexicon) -> None:
    sent = parse("Kenya accused Uganda of sheltering the rebels.")
    tree = Tree(sent, [])
    trig = trigger_at(lexicon, tree, "accused")
    who = actor_token(tree, trig)
    assert _words(sent, who) == "Kenya"
    assert sent.tokens[recipient_tokens(tree, trig, who)[0]].text == "Uganda"


def test_a_passive_agent_acts_on_the_passive_subject(lexicon: Lexicon) -> None:
    sent = parse("The convoy was attacked by militants from Sudan.")
    tree = Tree(sent, [])
    trig = trigger_at(lexicon, tree, "attacked")
    who = actor_token(tree, trig)
    assert _words(sent, who) == "militants"
    assert _words(sent, recipient_tokens(tree, trig, who)) == ["convoy"]


def test_the_matrix_subject_of_a_raising_verb_does_the_act(lexicon: Lexicon) -> None:
    # "Egypt is expected to impose new tariffs": Egypt imposes them ("impose" lends its roles to "tariffs")
    sent = parse("Egypt is expected to impose new tariffs.")
    tree = Tree(sent, [])
    trig = trigger_at(lexicon, tree, "tariffs")
    assert _words(sent, trig.governor) == "impose"
    assert _words(sent, actor_token(tree, trig)) == "Egypt"


def test_a_light_verbs_subject_and_its_nouns_target(lexicon: Lexicon) -> None:
    sent = parse("France launched strikes against the militants.")
    tree = Tree(sent, [])
    trig = trigger_at(lexicon, tree, "strikes")
    assert trig.light and _words(sent, trig.governor) == "launched"
    who = actor_token(tree, trig)
    assert _words(sent, who) == "France"
    assert {sent.tokens[i].text for i in recipient_tokens(tree, trig, who)} == {"militants"}  # "against"


def test_a_phrase_denotes_the_actor_inside_it_but_not_a_place_it_is_in() -> None:
    sent = parse("The leaders of the Sudanese army met the envoy.")
    army = actor(sent, "Sudanese army", "SDN", "MIL")
    tree = Tree(sent, [army])
    assert phrase_actors(tree, at(sent, "leaders"), no_antecedent) == [army]
    assert phrase_actors(tree, at(sent, "leaders"), no_antecedent, deep=False) == []
    sent = parse("His counterpart in Nairobi met the envoy.")
    nairobi = actor(sent, "Nairobi", "KEN")
    tree = Tree(sent, [nairobi])
    assert phrase_actors(tree, at(sent, "counterpart"), no_antecedent) == []  # "in": a place


def test_a_pronoun_is_its_antecedent() -> None:
    sent = parse("The rebels denied that they attacked the village.")
    rebels = actor(sent, "rebels", None, "REB")
    tree = Tree(sent, [rebels])
    they = at(sent, "they")
    assert phrase_actors(tree, they, lambda i: [rebels] if i == they else []) == [rebels]


def test_coordinated_actors_are_one_role() -> None:
    sent = parse("Rebels from Chad and Niger attacked a convoy near the border.")
    chad, niger = actor(sent, "Chad", "TCD"), actor(sent, "Niger", "NER")
    tree = Tree(sent, [chad, niger])
    assert phrase_actors(tree, at(sent, "Chad"), no_antecedent) == [chad, niger]


def test_the_first_phrase_that_names_a_coded_actor_wins() -> None:
    sent = parse("Kenya accused Uganda of sheltering the rebels.")
    kenya, uganda, rebels = actor(sent, "Kenya", "KEN"), actor(sent, "Uganda", "UGA"), actor(sent, "rebels")
    tree = Tree(sent, [kenya, uganda, rebels])
    first = [at(sent, "rebels"), at(sent, "Uganda")]
    assert first_actors(tree, first, no_antecedent, exclude=[kenya]) == [uganda]
    assert first_actors(tree, [at(sent, "rebels")], no_antecedent, exclude=[]) == [rebels]  # uncoded, alone
    assert first_actors(tree, [at(sent, "Kenya")], no_antecedent, exclude=[kenya]) == []


def test_a_place_in_the_recipient_phrase_stands_for_its_country() -> None:
    sent = parse("The army shelled the town of Goma.")
    goma = place(sent, "Goma", "COD")
    tree = Tree(sent, [goma])
    (town,) = place_actors(tree, [at(sent, "town")])
    assert town.kind == "actor" and town.actor is not None
    assert (town.actor.code, town.actor.entity_text, town.place) == ("COD", "Goma", None)
    assert place_actors(tree, [at(sent, "army")]) == []


def test_a_stative_passive_is_the_subjects_own_stance() -> None:
    sent = parse("The convoy was attacked by militants from Sudan.")
    assert not stative(Tree(sent, []), at(sent, "attacked"))  # a true passive: it has an agent
