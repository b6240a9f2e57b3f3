"""How ``whimbrel eval actors`` finds and scores a phrase, on documents built by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from whimbrel.evaluation import splits
from whimbrel.evaluation.actor_resolution import Case, Outcome, load_suite, phrase_span, resolved
from whimbrel.model import ActorRef, Document, Mention
from whimbrel.pipeline import Resources
from whimbrel.stages.ingest.common import document_from_text

DAY = dt.date(2024, 3, 1)


def _case(phrase: str, code: str, sector: str = "-", identifier: str = "-") -> Case:
    return Case(DAY, phrase, code, sector, identifier, f"Someone met {phrase}.")


def test_the_last_occurrence_is_found_without_regard_to_case() -> None:
    assert phrase_span("The army left. Later the Army came back.", "the army") == (21, 29)
    assert phrase_span("nothing here", "the army") is None


def _with_actor(text: str, start: int, end: int, ref: ActorRef) -> Document:
    doc = document_from_text(text, origin="test")
    mention = Mention("actor", 0, start, end, 0, 1, text[start:end], actor=ref)
    return replace(doc, mentions=(mention,))


def test_the_mention_over_the_last_occurrence_is_the_answer() -> None:
    text = "Rebels fired. The army answered the rebels."
    ref = ActorRef("the rebels", "COD", "REB")
    doc = _with_actor(text, 32, 42, ref)
    assert resolved(doc, "the rebels") == ref
    assert resolved(doc, "rebels fired") is None


def test_fields_are_scored_only_where_the_row_says() -> None:
    right = Outcome(_case("Kenyan police", "KEN", "COP"), ActorRef("Kenyan police", "KEN", "COP", "x"))
    assert right.passed
    wrong_sector = Outcome(_case("Kenyan police", "KEN", "COP"), ActorRef("Kenyan police", "KEN", "MIL"))
    assert wrong_sector.agrees("code") and not wrong_sector.agrees("sector") and not wrong_sector.passed
    assert not Outcome(_case("Kenyan police", "KEN", "COP"), None).passed


def test_an_unknown_actor_passes_only_when_kept_without_a_code() -> None:
    case = _case("Abu Somebody", "-")
    assert Outcome(case, ActorRef("Abu Somebody")).passed
    assert not Outcome(case, ActorRef("Abu Somebody", "IRQ", "REB")).passed
    assert not Outcome(case, None).passed


def test_categories_follow_the_row_shape() -> None:
    assert _case("it", "SDN", "MIL").category == "pronoun"
    assert _case("the group", "MMR", "REB", "whimbrel:x").category == "description"
    assert _case("Kyiv", "UKR", "GOV", "whimbrel:capital-kyiv").category == "capital metonym"
    assert _case("Iraqi police", "IRQ", "COP").category == "sector noun"
    assert _case("the Arakan Army", "MMR", "REB", "whimbrel:x").category == "named actor"
    assert _case("Abu Somebody", "-").category == "unknown actor"


def test_the_suite_splits_into_two_sizeable_halves() -> None:
    suite = load_suite()
    dev = splits.select(suite, "dev", lambda c: c.id)
    assert 0.3 < len(dev) / len(suite) < 0.7
    assert len({c.id for c in suite}) == len(suite)


@pytest.mark.slow
def test_the_pipeline_resolves_a_sector_noun(resources: Resources) -> None:
    from whimbrel.evaluation.actor_resolution import run_cases

    case = Case(DAY, "Peruvian police", "PER", "COP", "-", "Peruvian police cleared a road block near Cusco.")
    [outcome] = run_cases([case], resources)
    assert outcome.found is not None and outcome.passed
