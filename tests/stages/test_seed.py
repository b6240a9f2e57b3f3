"""Acceptance: the example document of DESIGN.md, coded end to end."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import SEED, need_shared

from whimbrel.model import Document, Event


@pytest.fixture(scope="module")
def seed_doc(resources: Any) -> Document:
    import datetime as dt

    from whimbrel.pipeline import Pipeline
    from whimbrel.stages.ingest import document_from_text

    text = need_shared(SEED).read_text(encoding="utf-8")
    pipeline = Pipeline.from_config(resources.settings, resources=resources)
    return pipeline.code(document_from_text(text, origin=str(SEED), published=dt.date(2023, 12, 10)))


def _assaults(doc: Document) -> list[Event]:
    return [e for e in doc.events if e.event == "ASSAULT"]


def test_militia_attacks_on_the_coalition(seed_doc: Document) -> None:
    e = next(e for e in _assaults(seed_doc) if any(r.code == "USA" for r in e.recipient))
    assert any(
        a.identifier_text == "Islamic Resistance in Iraq" or "militia" in a.entity_text for a in e.actor
    )
    assert {"heavy-weapons", "drone"} <= set(e.mode)
    assert e.size.count is not None and e.size.count >= 100 and e.size.count_qualifier == "more than"
    # the attacks happened; who did them is the group's claim (status and attribution apart)
    assert e.status == "asserted"
    assert e.claimant is not None and "Islamic Resistance" in e.claimant.entity_text
    assert e.attribution is not None and e.attribution.kind == "claimed"


def test_us_strikes_in_baghdad(seed_doc: Document) -> None:
    e = next(e for e in _assaults(seed_doc) if any(a.code == "USA" for a in e.actor))
    assert any("militia" in r.entity_text for r in e.recipient)
    assert e.event_loc is not None and e.event_loc.name == "Baghdad" and e.event_loc.country == "IRQ"
    assert abs((e.event_loc.lat or 0) - 33.3) < 0.1 and abs((e.event_loc.lon or 0) - 44.4) < 0.1
    assert e.size.count == 2
    assert e.size.dead is not None and e.size.dead >= 2 and e.size.dead_qualifier == "at least"


def test_sudani_accuses_the_us(seed_doc: Document) -> None:
    e = next(e for e in seed_doc.events if e.event in {"ACCUSE", "REJECT"})
    assert any(a.code == "IRQ" for a in e.actor) and any("Sudani" in a.entity_text for a in e.actor)
    assert any(r.code == "USA" for r in e.recipient)


def test_claimed_attacks_on_israel_are_unverified(seed_doc: Document) -> None:
    e = next(
        e for e in _assaults(seed_doc) if any(r.code == "ISR" for r in e.recipient) and e.status != "asserted"
    )
    assert e.status == "unverified"
    assert e.claimant is not None and "Islamic Resistance" in e.claimant.entity_text
    assert e.attribution is not None and e.attribution.kind == "claimed"


def test_repeated_half_adds_nothing(seed_doc: Document) -> None:
    passages = seed_doc.passages
    assert len(passages) == 8
    assert [p.duplicate_of is not None for p in passages] == [False] * 4 + [True] * 4
    assert all(s.passage < 4 for s in seed_doc.sentences)
    keys = [(e.event, e.start, e.trigger_start) for e in seed_doc.events]
    assert len(keys) == len(set(keys))
    assert len({e.id for e in seed_doc.events}) == len(seed_doc.events)
