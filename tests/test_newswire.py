"""Wire structure read as metadata: datelines, bylines, sign-offs, credits and boilerplate."""

from __future__ import annotations

import pytest

from whimbrel.newswire import line_role, read_dateline, trailing_sign_off


@pytest.mark.parametrize(
    ("text", "place", "date", "agency"),
    [
        ("LAGOS, May 2 (Reuters) - Flooding closed the port.", "LAGOS", "May 2", "Reuters"),
        ("ANKARA — Police detained four students.", "ANKARA", None, None),
        ("GAO, Mali, June 9 (AP) — A convoy was ambushed.", "GAO, Mali", "June 9", "AP"),
        ("MANILA (AFP) - The navy said two boats collided.", "MANILA", None, "AFP"),
        ("Lagos, May 2 (Reuters) - Flooding closed the port.", "Lagos", "May 2", "Reuters"),
        (
            "PORT-AU-PRINCE, Haiti, 4 July 2023 (AFP) - Gangs blocked a road.",
            "PORT-AU-PRINCE, Haiti",
            "4 July 2023",
            "AFP",
        ),
        ("SAN SALVADOR, Jan. 8, 2024 /Wire/ -- Troops deployed.", "SAN SALVADOR", "Jan. 8, 2024", "Wire"),
    ],
)
def test_a_dateline_gives_place_date_and_agency(
    text: str, place: str, date: str | None, agency: str | None
) -> None:
    found = read_dateline(text, 100)
    assert found is not None
    assert (found.place, found.date_text, found.agency) == (place, date, agency)
    assert found.start == 100 and text[found.end - 100 :].lstrip()[0].isupper()
    assert found.place_start is not None and found.place_end is not None
    assert text[found.place_start - 100 : found.place_end - 100] == place


def test_an_agency_tag_alone_is_a_dateline_without_a_place() -> None:
    found = read_dateline("(Reuters) - Two ships collided off Oman.")
    assert found is not None and (found.place, found.agency, found.text) == (None, "Reuters", "(Reuters) -")


@pytest.mark.parametrize(
    "text",
    [
        "Police detained four students - a spokesman said.",
        "UN — the world body said on Monday it would help.",
        "UPDATE 2-Gunmen kill five in raid",
        "March 3 - a date is no place",
        "The army said - without giving details - that it had withdrawn.",
    ],
)
def test_ordinary_openings_are_no_dateline(text: str) -> None:
    assert read_dateline(text) is None


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("By Amara Okafor", "byline"),
        ("By Amara Okafor and Lin Wei, Reuters", "byline"),
        ("Reporting by Amara Okafor; Editing by Lin Wei", "sign-off"),
        ("(Additional reporting by Lin Wei; Writing by Amara Okafor)", "sign-off"),
        ("Photo: AFP", "credit"),
        ("Firefighters work at the scene. REUTERS/Amara Okafor", "credit"),
        ("Advertisement", "boilerplate"),
        ("Sign up for our morning briefing", "boilerplate"),
        ("Copyright 2024 The Daily Example. All rights reserved.", "boilerplate"),
    ],
)
def test_metadata_lines(line: str, role: str) -> None:
    assert line_role(line) == role


@pytest.mark.parametrize(
    "line",
    [
        "By nightfall the rebels had withdrawn from the town.",
        "Police arrested 12 people after the march.",
        "Reporters were barred from the courtroom by the judge.",
        "Advertisements for the rally were torn down by police, witnesses said." * 6,
    ],
)
def test_reporting_lines_are_not_metadata(line: str) -> None:
    assert line_role(line) is None


def test_a_sign_off_closing_a_paragraph_is_cut() -> None:
    text = "Two guards were wounded. (Reporting by Amara Okafor; Editing by Lin Wei)"
    cut = trailing_sign_off(text)
    assert cut is not None and text[:cut] == "Two guards were wounded."
    assert trailing_sign_off("Two guards were wounded by reporting crews (by accident).") is None
    lines = "Two guards were wounded.\nReporting by Amara Okafor; Editing by Lin Wei"
    assert trailing_sign_off(lines) == len("Two guards were wounded.")


def test_a_report_about_a_newsletter_is_reporting() -> None:
    assert line_role("The rebel newsletter said fighters had taken the town.") is None
