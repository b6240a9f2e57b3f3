"""The newswire stage: wire metadata marked, cut from the reporting, and never coded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from whimbrel.model import Document
from whimbrel.stages.ingest import document_from_text
from whimbrel.stages.newswire import Newswire
from whimbrel.stages.passages import Passages

REPORT = (
    "Gunmen raid a mine in Niger\n\n"
    "By Amara Okafor\n\n"
    "NIAMEY, May 2 (Reuters) - Gunmen killed four guards at a gold mine in western Niger on Tuesday.\n\n"
    "The army said it had sent reinforcements. (Reporting by Amara Okafor; Editing by Lin Wei)\n\n"
    "Sign up for our Africa briefing"
)


def read(text: str, published: dt.date | None = dt.date(2023, 5, 3)) -> Document:
    doc = document_from_text(text, origin="<test>", published=published)
    return Newswire().process(Passages().process(doc))


def reporting(doc: Document) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.passages if p.role is None]


def test_metadata_paragraphs_get_a_role_and_the_dateline_is_cut() -> None:
    doc = read(REPORT)
    assert [p.role for p in doc.passages] == [None, "byline", None, None, "boilerplate"]
    assert reporting(doc) == [
        "Gunmen raid a mine in Niger",
        "Gunmen killed four guards at a gold mine in western Niger on Tuesday.",
        "The army said it had sent reinforcements.",
    ]
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.agency) == ("NIAMEY", "Reuters")
    assert doc.text[doc.dateline.start : doc.dateline.end] == "NIAMEY, May 2 (Reuters) -"


def test_the_dateline_date_is_the_fallback_date() -> None:
    doc = read(REPORT)
    assert doc.dateline is not None and doc.dateline.date is not None
    assert doc.fallback_date is not None and doc.fallback_date.iso == "2023-05-02"


def test_without_a_publication_date_only_a_dateline_with_a_year_dates_the_document() -> None:
    assert read(REPORT, published=None).fallback_date is None
    doc = read("NIAMEY, May 2, 2023 (Reuters) - Gunmen killed four guards.", published=None)
    assert doc.fallback_date is not None and doc.fallback_date.iso == "2023-05-02"


def test_plain_prose_is_left_as_it_is() -> None:
    before = Passages().process(
        document_from_text("Police detained two men.\n\nThey were freed.", origin="x")
    )
    assert Newswire().process(before) is before


def test_a_dateline_is_the_report_and_the_agency_no_actor(code: Any) -> None:
    doc = code("ACCRA, March 14 (Reuters) - Police arrested 30 protesters in Accra on Thursday.")
    assert doc.dateline is not None and doc.dateline.place == "ACCRA"
    texts = {m.text for m in doc.mentions if m.kind == "actor"}
    assert "Reuters" not in texts and "ACCRA" not in texts
    e = next(e for e in doc.events if e.event == "COERCE")
    assert e.start >= doc.dateline.end  # the sentence starts after the dateline
    assert (e.date, e.date_precision) == ("2024-03-14", "day")


def test_a_byline_is_no_actor(code: Any) -> None:
    doc = code("By Kofi Mensah\n\nPolice arrested 30 protesters in Accra on Thursday.")
    assert "Kofi Mensah" not in {m.text for m in doc.mentions}
    assert all(e.start > len("By Kofi Mensah") for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen told Reuters they had attacked a village in Zamfara.",
        "Gunmen attacked a village in Zamfara, AFP reported.",
        "Gunmen attacked a village in Zamfara, according to Al Jazeera.",
    ],
)
def test_an_outlet_is_a_source_never_an_actor_and_gives_no_country(code: Any, text: str) -> None:
    doc = code(text)
    sources = [m for m in doc.mentions if m.kind == "source"]
    assert sources and all(m.actor is not None and m.actor.code is None for m in sources)
    for e in doc.events:
        refs = [*e.actor, *e.recipient]
        assert not any(r.sector == "JRN" for r in refs), e.rationale
        assert not {r.code for r in refs} & {"GBR", "FRA", "QAT"}, e.rationale


def test_a_journalist_of_an_outlet_is_still_an_actor(code: Any) -> None:
    doc = code("Police detained a Reuters journalist in Harare.")
    e = next(e for e in doc.events if e.event == "COERCE")
    assert [r.sector for r in e.recipient] == ["JRN"]
    assert all(r.code != "GBR" for r in e.recipient)
