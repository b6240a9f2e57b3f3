"""Quantities and their qualifiers."""

from __future__ import annotations

import pytest

from whimbrel.model import Quantity, Token
from whimbrel.quantities import find_quantities, parse_number


def _tokens(text: str) -> list[Token]:
    return [Token(i, w, w.lower(), "X", "", "dep", 0, 0) for i, w in enumerate(text.split())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than a hundred attacks", Quantity(100, "more than")),
        ("killing at least two of them", Quantity(2, "at least")),
        ("at least 156 people", Quantity(156, "at least")),
        ("some 1,200 troops", Quantity(1200, "some")),
        ("dozens of protesters", Quantity(24, "dozens", 99)),
        ("one hundred and twenty dead", Quantity(120, None)),
        ("twenty - five tanks", Quantity(25, None)),
        ("three million people", Quantity(3_000_000, None)),
        ("nearly 40 people", Quantity(40, "nearly")),
    ],
)
def test_first_quantity(text: str, expected: Quantity) -> None:
    found = find_quantities(_tokens(text))
    assert found and found[0].quantity == expected


def test_several_quantities_in_order() -> None:
    found = find_quantities(_tokens("12 soldiers and 3 civilians"))
    assert [f.quantity.value for f in found] == [12, 3]
    assert [(f.start, f.end) for f in found] == [(0, 1), (3, 4)]


def test_words_that_are_not_numbers() -> None:
    assert find_quantities(_tokens("the army attacked")) == []
    assert parse_number(["hundred", "banana"]) is None


# -- counts in words, and ranges (issue 10, item 9) ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tens of thousands marched", Quantity(20_000, "tens of thousands", 99_999)),
        ("hundreds of thousands fled", Quantity(200_000, "hundreds of thousands", 999_999)),
        ("dozens of villagers", Quantity(24, "dozens", 99)),
        ("scores of homes", Quantity(40, "scores", 199)),
        ("hundreds were detained", Quantity(200, "hundreds", 999)),
        ("thousands of refugees", Quantity(2_000, "thousands", 9_999)),
        ("a dozen trucks", Quantity(12, "about")),
        ("nearly a dozen trucks", Quantity(12, "nearly")),
        ("half a dozen guards", Quantity(6, "about")),
        ("at least two dozen guards", Quantity(24, "at least")),
        ("more than a hundred shells", Quantity(100, "more than")),
        ("several hundred students", Quantity(300, "several hundred", 999)),
        ("a few thousand supporters", Quantity(2_000, "few thousand", 9_999)),
        ("several guards", Quantity(3, "several", 9)),
    ],
)
def test_counts_in_words(text: str, expected: Quantity) -> None:
    found = find_quantities(_tokens(text))
    assert found and found[0].quantity == expected


@pytest.mark.parametrize(
    ("text", "expected", "span"),
    [
        ("between 20 and 30 miners", Quantity(20, "between", 30), (0, 4)),
        ("20 to 30 miners", Quantity(20, "between", 30), (0, 3)),
        ("two or three drones", Quantity(2, "between", 3), (0, 3)),
        ("40 - 50 boats", Quantity(40, "between", 50), (0, 3)),
        ("up to 30 - 40 boats", Quantity(30, "up to", 40), (0, 5)),
    ],
)
def test_number_ranges(text: str, expected: Quantity, span: tuple[int, int]) -> None:
    found = find_quantities(_tokens(text))
    assert found and found[0].quantity == expected
    assert (found[0].start, found[0].end) == span


@pytest.mark.parametrize(
    "text",
    ["12 soldiers and 3 civilians", "a few hours later", "few people came", "five and six"],
)
def test_no_range_where_numbers_only_sit_side_by_side(text: str) -> None:
    assert all(f.quantity.maximum is None for f in find_quantities(_tokens(text)))


def test_a_range_must_rise() -> None:
    found = find_quantities(_tokens("30 to 20 boats"))
    assert [f.quantity for f in found] == [Quantity(30), Quantity(20)]
