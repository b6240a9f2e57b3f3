"""Claims, denials and blame: who did an act (attribution) apart from whether it happened (status)."""

from __future__ import annotations

from typing import Any

from tests.stages.test_coding import codes, only


def test_a_claim_names_the_actor_and_keeps_the_target(code: Any) -> None:
    e = only(code("Al-Shabaab claimed responsibility for the mortar attack on Somali troops."), "ASSAULT")
    assert codes(e.actor) == {"SOM"} and "Shabaab" in e.actor[0].entity_text
    assert e.status == "asserted"
    assert e.attribution is not None and e.attribution.kind == "claimed"
    assert e.attribution.by is not None and "Shabaab" in e.attribution.by.entity_text
    assert e.claimant is not None and "Shabaab" in e.claimant.entity_text


def test_the_same_attack_without_a_claim_has_no_attribution(code: Any) -> None:
    e = only(code("Al-Shabaab attacked Somali troops with mortars."), "ASSAULT")
    assert e.status == "asserted" and e.attribution is None


def test_nobody_claiming_leaves_it_unattributed(code: Any) -> None:
    e = only(code("No faction has claimed responsibility for the explosion."), "ASSAULT")
    assert e.status == "asserted"
    assert e.attribution is not None and (e.attribution.kind, e.attribution.by) == ("unattributed", None)
    assert e.actor and all(a.inferred and a.sector == "UAF" for a in e.actor)


def test_a_negated_claim_verb_leaves_it_unattributed(code: Any) -> None:
    e = only(code("The insurgents have not claimed the ambush."), "ASSAULT")
    assert e.attribution is not None and e.attribution.kind == "unattributed"


def test_denying_a_role_keeps_the_act_asserted(code: Any) -> None:
    e = only(code("The Taliban denied any role in the bombing that killed nine people in Kabul."), "ASSAULT")
    assert e.status == "asserted"
    assert e.attribution is not None and e.attribution.kind == "denied"
    assert e.attribution.by is not None and "Taliban" in e.attribution.by.entity_text


def test_denying_the_act_itself_is_still_a_denial(code: Any) -> None:
    # not a role disowned but the act: the status says so, as before
    assert only(code("Russia denied shelling the market."), "ASSAULT").status == "denied"


def test_blame_makes_the_blamed_the_actor(code: Any) -> None:
    doc = code("The Nigerian army blamed Boko Haram for the ambush that killed six soldiers.")
    accuse = only(doc, "ACCUSE")
    assert codes(accuse.actor) == {"NGA"}
    attack = only(doc, "ASSAULT")
    assert any("Boko Haram" in a.entity_text for a in attack.actor)
    assert attack.attribution is not None and attack.attribution.kind == "alleged"
    assert attack.attribution.by is not None and attack.attribution.by.code == "NGA"


def test_an_event_called_a_crime_happened(code: Any) -> None:
    doc = code("The senator condemned the Israeli raids on Jenin as a grave crime.")
    assert only(doc, "ACCUSE").status == "asserted"
    raids = only(doc, "ASSAULT")
    assert raids.status == "asserted" and "future" not in raids.context


def test_a_call_for_an_act_is_still_prospective(code: Any) -> None:
    e = only(
        code("The council issued a call for the withdrawal of Ethiopian troops from Somalia."), "RETREAT"
    )
    assert e.status == "future" and "future" in e.context


def test_a_perpetrators_own_report_is_its_claim(code: Any) -> None:
    e = only(code("Hezbollah said it fired rockets at an Israeli army post."), "ASSAULT")
    assert e.attribution is not None and e.attribution.kind == "claimed"
    assert e.attribution.by is not None and "Hezbollah" in e.attribution.by.entity_text
