"""Mentions: composed actors, resolved places, dates and quantities, on real parses."""

from __future__ import annotations

from typing import Any

from whimbrel.model import Mention


def _by_kind(mentions: tuple[Mention, ...], kind: str) -> list[Mention]:
    return [m for m in mentions if m.kind == kind]


def test_country_and_sector_compose(code: Any) -> None:
    doc = code("The US military and Iraqi security forces met Iraqi officials in Baghdad.")
    actors = {m.text: (m.actor.code, m.actor.sector) for m in _by_kind(doc.mentions, "actor") if m.actor}
    assert actors["US military"] == ("USA", "MIL")
    assert actors["Iraqi officials"][0] == "IRQ"
    assert any(code_sector[0] == "IRQ" and "forces" in text for text, code_sector in actors.items())


def test_demonym_alone_before_a_non_actor_noun_is_no_actor(code: Any) -> None:
    doc = code("US forces operating on Iraqi soil were attacked.")
    texts = [m.text for m in _by_kind(doc.mentions, "actor")]
    assert "Iraqi" not in texts
    assert "US forces" in texts


def test_led_by_codes_the_coalition(code: Any) -> None:
    doc = code("Militias attacked the coalition forces led by the US in Syria.")
    coalition = next(m for m in _by_kind(doc.mentions, "actor") if "coalition" in m.text)
    assert coalition.actor is not None and coalition.actor.code == "USA"


def test_places_resolve_with_coordinates(code: Any) -> None:
    doc = code("Two strikes hit Baghdad and Mosul.")
    places = {m.text: m.place for m in _by_kind(doc.mentions, "place")}
    baghdad = places["Baghdad"]
    assert baghdad is not None and baghdad.country == "IRQ"
    assert abs((baghdad.lat or 0) - 33.3) < 0.2 and abs((baghdad.lon or 0) - 44.4) < 0.2
    assert places["Mosul"] is not None and places["Mosul"].country == "IRQ"


def test_dates_and_quantities(code: Any) -> None:
    doc = code("On Tuesday more than 40 people were arrested.", published="2024-03-15")
    dates = _by_kind(doc.mentions, "date")
    assert dates and dates[0].date is not None and dates[0].date.iso == "2024-03-12"
    quantities = _by_kind(doc.mentions, "quantity")
    assert quantities and quantities[0].quantity is not None
    assert (quantities[0].quantity.value, quantities[0].quantity.qualifier) == (40, "more than")


def test_mention_offsets_slice_the_text(code: Any) -> None:
    doc = code("Prime Minister al-Sudani met the Iranian ambassador in Baghdad on Monday.")
    assert doc.mentions
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
