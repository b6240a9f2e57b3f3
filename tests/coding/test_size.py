"""``coding.size``: event counts and casualty figures from the quantities near a word."""

from __future__ import annotations

from tests.coding.recorded import at, parse, quantity

from whimbrel.coding.size import casualty_quantity, event_count, plain_size, quantity_near
from whimbrel.coding.tree import Tree
from whimbrel.model import Quantity, Size


def test_a_number_on_the_event_noun_counts_events() -> None:
    sent = parse("The army carried out two airstrikes on the village.")
    tree = Tree(sent, [quantity(sent, "two", 2)])
    assert event_count(tree, at(sent, "airstrikes")) == Quantity(value=2)
    assert event_count(Tree(sent, []), at(sent, "airstrikes")) is None


def test_dozens_of_attacks() -> None:
    sent = parse("Gunmen carried out dozens of attacks.")
    tree = Tree(sent, [quantity(sent, "dozens", 24, "about")])
    assert event_count(tree, at(sent, "attacks")) == Quantity(value=24, qualifier="about")


def test_the_dead_are_the_killing_verbs_object_with_its_qualifier() -> None:
    sent = parse("Soldiers killed at least five villagers.")
    tree = Tree(sent, [quantity(sent, "at least five", 5, "at least")])
    assert casualty_quantity(tree, at(sent, "killed")) == Quantity(value=5, qualifier="at least")
    assert quantity_near(tree, at(sent, "killed")) is None  # one level, counting labels only: not the object


def test_the_dead_are_a_passives_subject() -> None:
    sent = parse("Twelve people were killed in the raid.")
    tree = Tree(sent, [quantity(sent, "Twelve", 12)])
    assert casualty_quantity(tree, at(sent, "killed")) == Quantity(value=12)
    assert casualty_quantity(tree, at(sent, "raid")) is None


def test_plain_sizes_are_shared_records() -> None:
    assert plain_size(None, None) is plain_size(None, None)
    assert plain_size(3, "about") == Size(count=3, count_qualifier="about")
