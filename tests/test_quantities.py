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
        ("dozens of protesters", Quantity(24, "dozens")),
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
