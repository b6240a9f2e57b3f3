"""``coding.place_time``: an event's place and date, from its own clause first."""

from __future__ import annotations

import datetime as dt

from tests.coding.recorded import date, parse, place, trigger_at

from whimbrel.coding.place_time import event_date, event_place
from whimbrel.coding.tree import Tree
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.model import Document, Sentence

CLASH = "Troops clashed with rebels in Goma and the province of North Kivu."


def _doc(sent: Sentence, published: dt.date | None) -> Document:
    return Document(id="d", origin="<test>", text=sent.text, content_hash="h", published=published)


def test_the_most_precise_place_of_the_clause(lexicon: Lexicon) -> None:
    sent = parse(CLASH)
    goma, kivu = place(sent, "Goma", "COD", "city"), place(sent, "North Kivu", "COD", "admin1")
    tree = Tree(sent, [kivu, goma])
    trig = trigger_at(lexicon, tree, "clashed")
    assert event_place(tree, trig, []) == goma.place
    assert event_place(tree, trig, [goma]) == kivu.place  # a place taken as a role is not the location
    assert event_place(Tree(sent, []), trig, []) is None


def test_a_place_in_another_clause_when_it_is_the_sentences_one(lexicon: Lexicon) -> None:
    sent = parse("Officials said on Monday that troops clashed with rebels.")
    tree = Tree(sent, [])
    assert event_place(tree, trigger_at(lexicon, tree, "clashed"), []) is None
    sent = parse("His counterpart in Nairobi met the envoy.")
    nairobi = place(sent, "Nairobi", "KEN")
    tree = Tree(sent, [nairobi])
    assert event_place(tree, trigger_at(lexicon, tree, "met"), []) == nairobi.place


def test_a_date_in_the_clause_else_above_it_else_publication(lexicon: Lexicon) -> None:
    sent = parse("Troops clashed with rebels on Monday.")
    monday = date(sent, "Monday", "2024-03-11")
    tree = Tree(sent, [monday])
    published = dt.date(2024, 3, 12)
    assert event_date(_doc(sent, published), tree, trigger_at(lexicon, tree, "clashed"))[:2] == (
        "2024-03-11",
        "day",
    )
    sent = parse("Officials said on Monday that troops clashed with rebels.")
    tree = Tree(sent, [date(sent, "Monday", "2024-03-11")])
    assert event_date(_doc(sent, published), tree, trigger_at(lexicon, tree, "clashed"))[:2] == (
        "2024-03-11",
        "day",
    )
    bare = Tree(sent, [])
    trig = trigger_at(lexicon, bare, "clashed")
    assert event_date(_doc(sent, published), bare, trig)[:2] == ("2024-03-12", "publication")
    assert event_date(_doc(sent, None), bare, trig)[:2] == (None, "unknown")
