"""Golden examples for the coder: short texts in, expected events out."""

from __future__ import annotations

from typing import Any

import pytest

from whimbrel.model import Document, Event
from whimbrel.stages.ingest import document_from_text


def only(doc: Document, event: str) -> Event:
    found = [e for e in doc.events if e.event == event]
    assert len(found) == 1, [(e.event, e.event_text) for e in doc.events]
    return found[0]


def codes(refs: Any) -> set[str | None]:
    return {r.code for r in refs}


def sectors(refs: Any) -> set[str | None]:
    return {r.sector for r in refs}


def test_verb_with_object_size_claimant_place_and_date(code: Any) -> None:
    doc = code("Gunmen killed at least 12 soldiers in an ambush near Menaka on Tuesday, the army said.")
    e = only(doc, "ASSAULT")
    assert sectors(e.actor) == {"REB"} and sectors(e.recipient) == {"MIL"}
    assert (e.size.dead, e.size.dead_qualifier) == (12, "at least")
    assert e.claimant is not None and e.claimant.entity_text == "army"
    assert e.event_loc is not None and e.event_loc.country == "MLI"
    assert (e.date, e.date_precision) == ("2024-03-12", "day")


def test_passive_subject_is_the_recipient_and_agent_the_actor(code: Any) -> None:
    e = only(code("A police station was attacked by militants in Peshawar."), "ASSAULT")
    assert sectors(e.actor) == {"REB"} and sectors(e.recipient) == {"COP"}
    assert e.event_loc is not None and e.event_loc.name == "Peshawar"


def test_light_verb_count_and_participle_casualties(code: Any) -> None:
    doc = code(
        "The US military carried out two attacks against militia facilities in Baghdad, "
        "killing at least two fighters."
    )
    e = only(doc, "ASSAULT")
    assert e.event_text == "carried out two attacks"
    assert codes(e.actor) == {"USA"} and sectors(e.actor) == {"MIL"}
    assert e.size.count == 2 and (e.size.dead, e.size.dead_qualifier) == (2, "at least")
    assert e.event_loc is not None and e.event_loc.name == "Baghdad"


def test_compound_actor_and_event_noun_subject(code: Any) -> None:
    e = only(code("US strikes on militia bases killed two fighters."), "ASSAULT")
    assert codes(e.actor) == {"USA"} and sectors(e.recipient) == {"REB"}
    assert e.size.dead == 2


def test_coordinated_actors(code: Any) -> None:
    e = only(code("Ethiopia and Eritrea signed a peace agreement."), "AGREE")
    assert codes(e.actor) == {"ETH", "ERI"}


@pytest.mark.parametrize(
    ("text", "event", "status"),
    [
        ("The army did not attack the village.", "ASSAULT", "negated"),
        ("Iran is expected to impose sanctions on Israel.", "SANCTION", "future"),
        ("Rebels reportedly attacked a convoy in Darfur.", "ASSAULT", "unverified"),
        ("Russia denied targeting civilians.", "ASSAULT", "denied"),
    ],
)
def test_status(code: Any, text: str, event: str, status: str) -> None:
    assert only(code(text), event).status == status


def test_reported_speech_names_the_claimant(code: Any) -> None:
    e = only(code("Officials said Russian forces shelled Kharkiv on Monday."), "ASSAULT")
    assert codes(e.actor) == {"RUS"}
    assert e.claimant is not None and e.claimant.entity_text == "Officials"
    assert "heavy-weapons" in e.mode


def test_threat_folds_the_threatened_act(code: Any) -> None:
    doc = code("Tehran threatened to retaliate against Israel.")
    assert [e.event for e in doc.events] == ["THREATEN"]
    assert codes(doc.events[0].recipient) == {"ISR"}


def test_protest_count_is_the_crowd(code: Any) -> None:
    e = only(code("Thousands of protesters marched in Nairobi on Thursday."), "PROTEST")
    assert e.size.count_qualifier == "thousands"


def test_no_event_has_a_reason(code: Any) -> None:
    doc = code("The weather was pleasant in Paris.")
    assert doc.events == ()
    assert doc.outcomes[0].reason.startswith("no event: no trigger")


def test_trigger_without_roles_is_explained(code: Any) -> None:
    doc = code("The attack happened.")
    assert doc.events == ()
    assert "no actor or recipient" in doc.outcomes[0].reason


def test_event_spans_point_into_the_text(code: Any) -> None:
    text = "Intro.\n\nPolice arrested 40 protesters in Nairobi. Later the army attacked rebels."
    doc = code(text)
    assert len(doc.events) == 2
    for e in doc.events:
        assert text[e.start : e.end] == e.text
        assert text[e.trigger_start : e.trigger_end] == e.event_text
        assert e.mentions[0].doc_id == doc.id and e.sources == (doc.id,)
    assert only(doc, "COERCE").size.arrested == 40


def test_ids_are_deterministic(pipeline: Any) -> None:
    text = "Police arrested 40 protesters in Nairobi."
    # each pipeline.code stands alone: the second is no repeat of the first
    first, second = (pipeline.code(document_from_text(text, origin="t")) for _ in range(2))
    assert first.events and [e.id for e in first.events] == [e.id for e in second.events]


def test_a_repeat_in_a_later_document_is_not_coded_again(code: Any) -> None:
    text = "Police arrested 40 protesters in Nairobi on Monday after the rally."
    assert code(text, doc_id="a").events
    again = code(text, doc_id="b")
    assert again.events == () and again.passages[0].duplicate_of == "a:0"


@pytest.mark.parametrize(
    ("text", "event", "actor", "recipient"),
    [
        ("Iran will impose sanctions on Israel.", "THREATEN", "IRN", "ISR"),
        ("Syria says it is willing to withdraw its troops from Lebanon.", "AGREE", "SYR", "LBN"),
        (
            "Palestinian leaders said they would boycott all contact with the United States.",
            "THREATEN",
            "PSE",
            "USA",
        ),
    ],
)
def test_stated_intent_is_coded_as_the_statement(
    code: Any, text: str, event: str, actor: str, recipient: str
) -> None:
    e = only(code(text), event)
    assert e.status == "asserted"
    assert actor in codes(e.actor) and recipient in codes(e.recipient)


def test_a_country_named_as_the_place_of_an_act_is_its_recipient(code: Any) -> None:
    e = only(code("Serbia lifted a night curfew in Montenegro on Tuesday."), "CONCEDE")
    assert codes(e.actor) == {"SRB"} and codes(e.recipient) == {"MNE"}


def test_a_page_without_full_stops_is_skipped_with_a_reason(code: Any) -> None:
    doc = code(" ".join(["rebels attacked the village"] * 80))
    assert doc.events == ()
    assert doc.outcomes[0].reason.startswith("no event: sentence too long")
