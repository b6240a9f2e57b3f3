"""Golden examples for the coder's salience, demand, recipient and actor-home rules (sentences written for
these tests)."""

from __future__ import annotations

from typing import Any

from whimbrel.model import Document, Event


def top(doc: Document) -> Event:
    assert doc.events, "no event"
    return max(doc.events, key=lambda e: e.confidence)


def codes(refs: Any) -> set[str | None]:
    return {r.code for r in refs}


def test_reported_obligation_is_a_demand_whatever_the_verb(code: Any) -> None:
    e = top(code("Britain said on Monday that Libya must pay compensation to the families."))
    assert e.event == "REQUEST"
    assert codes(e.actor) == {"GBR"} and codes(e.recipient) == {"LBY"}
    assert any("obliged verb" in why for why in e.rationale)


def test_a_speakers_own_duty_is_no_demand(code: Any) -> None:
    doc = code("Iraq said it must pay compensation to the families.")
    assert all(e.event != "REQUEST" for e in doc.events)


def test_stative_passive_subject_acts(code: Any) -> None:
    e = top(code("Israel is opposed to French mediation in the talks."))
    assert e.event == "REJECT"
    assert codes(e.actor) == {"ISR"}


def test_threat_takes_mode_and_recipient_from_the_threatened_act(code: Any) -> None:
    e = top(code("Iran threatened on Tuesday to cut off aid to Iraq."))
    assert e.event == "THREATEN" and e.mode == ("relations",)
    assert codes(e.actor) == {"IRN"} and codes(e.recipient) == {"IRQ"}


def test_promise_of_harm_is_a_threat(code: Any) -> None:
    e = top(code("Iran vowed to shell Iraqi towns."))
    assert e.event == "THREATEN" and e.mode == ("violence",)
    assert codes(e.recipient) == {"IRQ"}


def test_protest_without_target_is_aimed_at_the_home_government(code: Any) -> None:
    e = top(code("Hundreds of Algerians staged a hunger strike on Sunday."))
    assert e.event == "PROTEST"
    assert codes(e.recipient) == {"DZA"}
    assert any("own country" in why for why in e.rationale)


def test_place_in_the_target_phrase_stands_for_its_country(code: Any) -> None:
    e = top(code("Iran cut off electricity to the republic of Nakhichevan."))
    assert e.event == "SANCTION" and codes(e.recipient) == {"AZE"}


def test_ethnic_group_is_coded_where_it_lives(code: Any) -> None:
    e = top(code("About 300 ethnic Albanians demonstrated on Tuesday in Serbia."))
    assert e.event == "PROTEST" and codes(e.actor) == {"SRB"}


def test_unidentified_attacker_is_coded_for_the_place(code: Any) -> None:
    e = top(code("A roadside bomb near the town of Samarra killed two soldiers on Sunday."))
    assert e.event == "ASSAULT" and codes(e.actor) == {"IRQ"}
    assert any("unidentified" in a.entity_text for a in e.actor)


def test_travel_for_talks_is_the_talks(code: Any) -> None:
    e = top(code("Russian negotiators returned to Geneva this week for talks on missiles."))
    assert e.event == "CONSULT"
    doc = code("Russian negotiators returned to Geneva this week for talks on missiles.")
    moves = [x for x in doc.events if x.event == "RETREAT"]
    assert all(any("background event" in why for why in x.rationale) for x in moves)


def test_background_clause_event_ranks_below_the_main_one(code: Any) -> None:
    doc = code("Serbia eased emergency measures on Wednesday as police cracked down on nationalists.")
    assert top(doc).event == "CONCEDE"
    crack = [e for e in doc.events if e.event == "COERCE"]
    assert crack and any("'as' clause" in why for why in crack[0].rationale)


def test_object_specific_senses(code: Any) -> None:
    withdraw = top(code("Nigeria will withdraw its peacekeepers from Chad."))
    assert withdraw.event == "THREATEN"  # a stated intention to withdraw peacekeepers (CAMEO 1661)
    assert top(code("Nigeria withdrew its peacekeepers from Chad on Monday.")).event == "SANCTION"
    assert top(code("Protesters blocked roads in the capital on Monday.")).event == "PROTEST"
    assert top(code("The government accepted the demands of the strikers.")).event == "CONCEDE"


def test_light_verb_object_counting_its_event(code: Any) -> None:
    e = top(code("French and Italian warships launched ten days of war games in the Mediterranean."))
    assert e.event == "COOPERATE"


def test_mediation_between_two_parties(code: Any) -> None:
    e = top(code("The Arab League launched a mediation effort between Syria and Jordan."))
    assert e.event == "CONSULT" and codes(e.recipient) == {"SYR", "JOR"}


def test_rejected_offer_names_its_author(code: Any) -> None:
    e = top(code("Pakistan rejected a fresh offer from Afghanistan for direct talks."))
    assert e.event == "REJECT" and codes(e.recipient) == {"AFG"}
