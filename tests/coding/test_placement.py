"""``coding.placement``: the countries of uncoded actors and unnamed recipients, and expulsions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.coding.recorded import actor, parse, place, trigger_at

from whimbrel.coding.drafts import Draft
from whimbrel.coding.placement import (
    expulsion,
    group_or_name,
    home,
    named_countries,
    own_government,
    place_roles,
)
from whimbrel.coding.tree import Tree
from whimbrel.knowledge.actors import ActorKB
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.model import ActorRef, Mention, Place

GOMA = Place(text="Goma", name="Goma", country="COD", precision="city")


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


def _draft(lexicon: Lexicon, tree: Tree, word: str, who: list[Mention], whom: list[Mention]) -> Draft:
    return Draft(
        trigger=trigger_at(lexicon, tree, word),
        actor=who,
        recipient=whom,
        status="asserted",
        claimant=None,
        count=None,
        why=[],
    )


def test_an_uncoded_actor_acts_for_the_country_of_the_event() -> None:
    tree = Tree(parse("Village elders condemned the decision."), [])
    why: list[str] = []
    placed = home(ActorRef(entity_text="Village elders"), tree, GOMA, (), why)
    assert placed == ActorRef(entity_text="Village elders", code="COD")
    assert why == ["'Village elders' taken to act for COD, the country the sentence places it in"]
    assert home(ActorRef(entity_text="x"), tree, None, (), []) == ActorRef(
        entity_text="x"
    )  # nowhere to place
    coded = ActorRef(entity_text="Kenya", code="KEN")
    assert home(coded, tree, GOMA, (), []) is coded


def test_failing_a_location_the_one_country_the_sentence_names() -> None:
    sent = parse("His counterpart in Nairobi met the envoy.")
    nairobi = place(sent, "Nairobi", "KEN")
    tree = Tree(sent, [nairobi])
    assert named_countries(tree) == frozenset({"KEN"})
    assert home(ActorRef(entity_text="counterpart"), tree, None, (), []).code == "KEN"
    sent = parse("Rebels from Chad and Niger attacked a convoy near the border.")
    two = Tree(sent, [actor(sent, "Chad", "TCD"), actor(sent, "Niger", "NER"), actor(sent, "convoy", "IGO")])
    assert named_countries(two) == frozenset({"TCD", "NER"})  # an IGO names no country
    assert home(ActorRef(entity_text="Rebels"), two, None, (), []).code is None  # two: no guess


def test_a_protest_with_no_target_is_aimed_at_the_actors_own_government(
    lexicon: Lexicon, kb: ActorKB
) -> None:
    sent = parse("Students marched to demand reforms.")
    students = actor(sent, "Students", "KEN", "EDU")
    tree = Tree(sent, [students])
    d = _draft(lexicon, tree, "marched", [students], [])
    actors, recipients = place_roles(tree, d, d.trigger, None, kb)
    assert actors == (students.actor,)
    (government,) = recipients
    assert (government.code, government.sector) == ("KEN", "GOV")
    assert any("the actor's own country" in w for w in d.why)
    assert own_government(kb, [ActorRef(entity_text="x", code="IGO")], []) == ()  # no country entry


def test_an_attack_with_no_named_attacker_is_coded_for_its_country(lexicon: Lexicon, kb: ActorKB) -> None:
    sent = parse("Militants attacked the convoy with rockets.")
    convoy = actor(sent, "convoy", "COD", "MIL")
    tree = Tree(sent, [convoy])
    d = _draft(lexicon, tree, "attacked", [], [convoy])
    actors, recipients = place_roles(tree, d, d.trigger, GOMA, kb)
    assert actors == (
        ActorRef(entity_text="unidentified perpetrators (Goma)", code="COD", sector="UAF", inferred=True),
    )
    assert recipients == (convoy.actor,)
    # an act done to a place with no party named: its people and authorities
    d = _draft(lexicon, tree, "attacked", [], [])
    assert place_roles(tree, d, d.trigger, GOMA, kb)[1] == (ActorRef(entity_text="Goma", code="COD"),)


def test_expelling_an_international_body_cuts_relations(lexicon: Lexicon) -> None:
    sent = parse("The government expelled the aid agency from the country.")
    agency = actor(sent, "aid agency", "NGO")
    tree = Tree(sent, [agency])
    expelled = trigger_at(lexicon, tree, "expelled")
    deport = replace(expelled.sense, event="COERCE", mode="deport", cameo="174")
    why: list[str] = []
    cut = expulsion(replace(expelled, sense=deport), [agency], why)
    assert (cut.sense.event, cut.sense.mode, cut.sense.cameo) == ("SANCTION", "expel", "166")
    assert why == ["expelling 'aid agency' cuts relations: coded as SANCTION"]
    people = actor(sent, "government", "COD", "GOV")
    same = replace(expelled, sense=deport)
    assert expulsion(same, [people], []) is same  # deporting people stays a deportation


def test_a_group_or_a_name_may_be_placed_a_singular_noun_not() -> None:
    sent = parse("Village elders condemned the decision.")
    tree = Tree(sent, [])
    assert group_or_name(tree, actor(sent, "Village elders"))
    assert not group_or_name(tree, actor(sent, "decision"))
