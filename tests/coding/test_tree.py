"""``coding.tree``: children, subtrees, conjuncts, ancestors and mention lookups of one parse."""

from __future__ import annotations

import pytest
from tests.coding.recorded import actor, at, parse, place

from whimbrel.coding.tree import Tree

RAID = "Rebels from Chad and Niger attacked a convoy near the border."


def test_children_and_subtrees_follow_the_parse() -> None:
    sent = parse(RAID)
    tree = Tree(sent, [])
    verb, rebels, chad = at(sent, "attacked"), at(sent, "Rebels"), at(sent, "Chad")
    assert [t.text for t in tree.kids(verb)] == ["Rebels", "convoy", "near", "."]
    assert [t.text for t in tree.kids(verb, "dobj", "prep")] == ["convoy", "near"]
    subject = tree.kid(verb, "nsubj")
    assert subject is not None and subject.text == "Rebels"
    assert tree.kid(verb, "agent") is None
    assert tree.deps(verb) == frozenset({"nsubj", "dobj", "prep", "punct"})
    assert tree.text(*_bounds(tree.subtree(rebels))) == "Rebels from Chad and Niger"
    # a stop label keeps the walk out of that branch
    assert tree.subtree(rebels, stop=frozenset({"prep"})) == [rebels]
    assert [t.text for t in tree.ancestors(chad)] == ["from", "Rebels", "attacked"]
    assert tree.head(verb) is None and tree.head(chad) is not None


def _bounds(indices: list[int]) -> tuple[int, int]:
    return indices[0], indices[-1] + 1


def test_conjuncts_of_a_coordinated_noun() -> None:
    sent = parse(RAID)
    tree = Tree(sent, [])
    assert tree.conjuncts(at(sent, "Chad")) == [at(sent, "Chad"), at(sent, "Niger")]
    assert tree.conjuncts(at(sent, "convoy")) == [at(sent, "convoy")]


def test_an_infinitive_is_a_verb_with_to() -> None:
    sent = parse("The ministry agreed to send doctors.")
    tree = Tree(sent, [])
    assert tree.infinitive(at(sent, "send"))
    assert not tree.infinitive(at(sent, "agreed"))


def test_mentions_are_found_by_kind_and_token() -> None:
    sent = parse(RAID)
    chad, niger = actor(sent, "Chad", "TCD"), actor(sent, "Niger", "NER")
    border = place(sent, "border", "TCD")
    tree = Tree(sent, [chad, niger, border])
    assert tree.mention_at("actor", at(sent, "Niger")) is niger
    assert tree.mention_at("place", at(sent, "Niger")) is None
    assert tree.mention_at("date", 0) is None
    assert tree.covers("actor", 0, at(sent, "Chad")) and not tree.covers("actor", 5, 8)
    assert tree.of_kind("actor") == (chad, niger) and tree.has("place") and not tree.has("date")
    assert tree.mention_ids == frozenset({id(chad), id(niger), id(border)})


def test_trigger_tokens_are_an_error_before_the_coder_sets_them() -> None:
    tree = Tree(parse(RAID), [])
    with pytest.raises(RuntimeError, match="before the coder found its triggers"):
        _ = tree.trigger_tokens
    tree.set_triggers(frozenset({5}))
    assert tree.trigger_tokens == frozenset({5})


def test_lowered_words_for_phrase_lookups() -> None:
    tree = Tree(parse("The army will attack the village."), [])
    assert tree.low[:3] == ["the", "army", "will"]
    assert tree.lowered == " the army will attack the village . "
