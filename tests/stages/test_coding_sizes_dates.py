"""Sizes in words, lone victims, weekday dates, ranges and plans, coded from whole sentences (issue 10).

The publication date of the ``code`` fixture is Friday 15 March 2024.
"""

from __future__ import annotations

from typing import Any

import pytest

from whimbrel.model import Document, Event


def first(doc: Document, event: str) -> Event:
    found = [e for e in doc.events if e.event == event]
    assert found, [(e.event, e.event_text) for e in doc.events]
    return found[0]


def test_tens_of_thousands_is_a_range_not_two_thousand(code: Any) -> None:
    e = first(code("Tens of thousands of farmers marched through the capital of Ghana."), "PROTEST")
    assert (e.size.count, e.size.count_max, e.size.count_qualifier) == (20_000, 99_999, "tens of thousands")


def test_dozens_of_dead_have_a_range(code: Any) -> None:
    e = first(code("Rebels attacked a market in Goma, killing dozens of traders."), "ASSAULT")
    assert (e.size.dead, e.size.dead_max, e.size.dead_qualifier) == (24, 99, "dozens")


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers shot and killed a farmer near Kidal.",
        "Militants killed a police officer in Peshawar.",
        "A soldier was killed when rebels attacked a checkpoint near Goma.",
        "Police shot dead a student during a protest in Lahore.",
    ],
)
def test_a_lone_victim_counts_as_one(code: Any, text: str) -> None:
    e = first(code(text), "ASSAULT")
    assert e.size.dead == 1, e.rationale


def test_shot_dead_with_a_number_keeps_the_number(code: Any) -> None:
    e = first(code("Police shot dead three students during a protest in Lahore."), "ASSAULT")
    assert e.size.dead == 3


def test_a_collective_victim_is_no_count(code: Any) -> None:
    e = first(code("Rebels attacked the army in Goma."), "ASSAULT")
    assert e.size.dead is None


def test_a_weekday_that_is_the_publication_day_is_that_day(code: Any) -> None:
    e = first(code("Police arrested 12 protesters in Nairobi on Friday."), "COERCE")
    assert (e.date, e.date_precision) == ("2024-03-15", "day")


def test_another_weekday_is_the_latest_one_before(code: Any) -> None:
    e = first(code("Police arrested 12 protesters in Nairobi on Saturday."), "COERCE")
    assert (e.date, e.date_precision) == ("2024-03-09", "day")


def test_yesterday_and_last_night(code: Any) -> None:
    e = first(code("Gunmen attacked a bus in Kaduna yesterday."), "ASSAULT")
    assert (e.date, e.date_precision) == ("2024-03-14", "day")
    e = first(code("Gunmen attacked a bus in Kaduna last night."), "ASSAULT")
    assert (e.date, e.date_precision) == ("2024-03-14", "day")


def test_a_planned_meeting_is_dated_when_said_with_its_planned_day(code: Any) -> None:
    # PLOVER codes a planned meeting as AGREE, dated when it was agreed
    e = first(code("The Kenyan president will meet the Ugandan president on Tuesday."), "AGREE")
    assert (e.date, e.date_precision) == ("2024-03-15", "publication")
    assert e.planned_date == "2024-03-19"


def test_a_range_since_a_month_ends_at_publication(code: Any) -> None:
    e = first(code("Since October, rebels have attacked villages across Mali."), "ASSAULT")
    assert (e.date, e.date_precision, e.date_end) == ("2023-10", "month", "2024-03-15")
