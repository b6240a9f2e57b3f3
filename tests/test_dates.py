"""Dates resolved against the publication date, with precision, ranges and forward readings."""

from __future__ import annotations

import datetime as dt

import pytest

from whimbrel.dates import resolve
from whimbrel.model import DateValue

PUB = dt.date(2023, 12, 10)  # a Sunday
FRIDAY = dt.date(2024, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 7", DateValue("2023-10-07", "day", ahead="2024-10-07")),
        ("on 7 October 2023", DateValue("2023-10-07", "day")),
        ("Monday", DateValue("2023-12-04", "day", ahead="2023-12-11")),
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
    assert resolve("December 25", PUB) == DateValue("2022-12-25", "day", ahead="2023-12-25")


# -- weekdays: the publication day itself, else the latest one before ----------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Friday", "2024-03-15"),  # filed on a Friday: that Friday, not a week earlier
        ("on Friday", "2024-03-15"),
        ("Friday night", "2024-03-15"),
        ("Thursday", "2024-03-14"),
        ("Saturday", "2024-03-09"),
        ("this Friday", "2024-03-15"),
        ("last Friday", "2024-03-08"),  # "last" is never the publication day
        ("last Thursday", "2024-03-14"),
    ],
)
def test_weekday_is_the_publication_day_or_the_latest_before(text: str, iso: str) -> None:
    value = resolve(text, FRIDAY)
    assert value is not None and (value.iso, value.precision) == (iso, "day")


@pytest.mark.parametrize(
    ("text", "ahead"),
    [("Friday", "2024-03-22"), ("Tuesday", "2024-03-19"), ("Saturday", "2024-03-16")],
)
def test_weekday_read_forwards_is_the_next_one(text: str, ahead: str) -> None:
    value = resolve(text, FRIDAY)
    assert value is not None and value.ahead == ahead


@pytest.mark.parametrize(
    ("text", "ahead"),
    [("tomorrow", "2024-03-16"), ("next Tuesday", "2024-03-19"), ("next week", "2024-03-18")],
)
def test_only_a_later_day_is_dated_when_said(text: str, ahead: str) -> None:
    assert resolve(text, FRIDAY) == DateValue("2024-03-15", "publication", ahead=ahead)


def test_a_dated_plan_after_publication_is_dated_when_said() -> None:
    assert resolve("April 2, 2024", FRIDAY) == DateValue("2024-03-15", "publication", ahead="2024-04-02")


# -- days, weeks and months relative to publication -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last night", DateValue("2024-03-14", "day")),
        ("late last night", DateValue("2024-03-14", "day")),
        ("early on Thursday", DateValue("2024-03-14", "day", ahead="2024-03-21")),
        ("yesterday afternoon", DateValue("2024-03-14", "day")),
        ("today", DateValue("2024-03-15", "day")),
        ("this morning", DateValue("2024-03-15", "day")),
        ("last week", DateValue("2024-03-04", "day", end="2024-03-10")),
        ("earlier this week", DateValue("2024-03-11", "day", end="2024-03-14")),
        ("last weekend", DateValue("2024-03-09", "day", end="2024-03-10")),
        ("earlier this month", DateValue("2024-03", "month", end="2024-03-14")),
        ("last month", DateValue("2024-02", "month")),
        ("last year", DateValue("2023", "year")),
        ("earlier this year", DateValue("2024", "year", end="2024-03-14")),
    ],
)
def test_relative_periods(text: str, expected: DateValue) -> None:
    assert resolve(text, FRIDAY) == expected


def test_relative_words_need_a_publication_date() -> None:
    for text in ("yesterday", "Friday", "last week", "earlier this month", "since October"):
        assert resolve(text, None) is None
    assert resolve("3 March 2024", None) == DateValue("2024-03-03", "day")


# -- ranges ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since October", DateValue("2023-10", "month", end="2024-03-15")),
        ("since January 2022", DateValue("2022-01", "month", end="2024-03-15")),
        ("since Monday", DateValue("2024-03-11", "day", end="2024-03-15")),
        ("from January to February", DateValue("2024-01", "month", end="2024-02-29")),
        ("between 3 and 5 March", DateValue("2024-03-03", "day", end="2024-03-05")),
        ("from 2019 to 2021", DateValue("2019", "year", end="2021-12-31")),
    ],
)
def test_ranges_keep_their_last_day(text: str, expected: DateValue) -> None:
    assert resolve(text, FRIDAY) == expected


def test_a_range_that_ends_before_it_starts_is_no_date() -> None:
    assert resolve("from 2021 to 2019", FRIDAY) is None
