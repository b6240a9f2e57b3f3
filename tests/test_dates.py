"""Dates resolved against the publication date, with precision."""

from __future__ import annotations

import datetime as dt

import pytest

from whimbrel.dates import resolve
from whimbrel.model import DateValue

PUB = dt.date(2023, 12, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 7", DateValue("2023-10-07", "day")),
        ("on 7 October 2023", DateValue("2023-10-07", "day")),
        ("Monday", DateValue("2023-12-04", "day")),
        ("yesterday", DateValue("2023-12-09", "day")),
        ("March", DateValue("2023-03", "month")),
        ("December 2022", DateValue("2022-12", "month")),
        ("2021", DateValue("2021", "year")),
    ],
)
def test_resolves_relative_to_publication(text: str, expected: DateValue) -> None:
    assert resolve(text, PUB) == expected


@pytest.mark.parametrize("text", ["a year-long", "the past two weeks", "the 1990s", "this year", "decades"])
def test_durations_and_vague_periods_are_not_dates(text: str) -> None:
    assert resolve(text, PUB) is None


def test_no_date_after_publication() -> None:
    assert resolve("December 25", PUB) == DateValue("2022-12-25", "day")
