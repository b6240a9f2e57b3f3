"""``coding.drafts``: folding restatements, participles and purposes; unlisted actors; confidence."""

from __future__ import annotations

import datetime as dt

from tests.coding.recorded import actor, at, parse, quantity

from whimbrel.coding.drafts import (
    Draft,
    casualty_fields,
    claimed_perpetrator,
    confidence,
    fold_participles,
    fold_purposes,
    is_historical,
    merge_restatements,
    threat_mode,
    unlisted,
)
from whimbrel.coding.tree import Tree
from whimbrel.coding.triggers import find_triggers
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.model import ActorRef, Mention, Quantity


def _drafts(
    lexicon: Lexicon, tree: Tree, roles: dict[str, tuple[list[Mention], list[Mention]]]
) -> list[Draft]:
    """A draft per trigger, with the roles given by trigger word."""
    out = []
    for trig in find_triggers(tree, lexicon, lexicon.cues.light_verbs):
        who, whom = roles.get(tree.tokens[trig.token].text, ([], []))
        out.append(
            Draft(
                trigger=trig,
                actor=list(who),
                recipient=list(whom),
                status="asserted",
                claimant=None,
                count=None,
                why=[],
            )
        )
    return out


def _events(tree: Tree, drafts: list[Draft]) -> list[tuple[str, str]]:
    return [(tree.tokens[d.trigger.token].text, d.event) for d in drafts]


def test_a_demand_that_is_a_protests_aim_folds_into_the_protest(lexicon: Lexicon) -> None:
    tree = Tree(parse("Students marched to demand reforms."), [])
    drafts = _drafts(lexicon, tree, {})
    assert _events(tree, drafts) == [("marched", "PROTEST"), ("demand", "REQUEST")]
    kept = fold_purposes(tree, drafts)
    assert _events(tree, kept) == [("marched", "PROTEST")]
    assert kept[0].why == ["demand 'demand' is the protest's aim"]


def test_restatements_of_one_event_merge(lexicon: Lexicon) -> None:
    sent = parse("Police arrested the leaders and detained their deputies.")
    police, leaders = actor(sent, "Police", None, "COP"), actor(sent, "leaders")
    tree = Tree(sent, [police, leaders])
    drafts = _drafts(lexicon, tree, {"arrested": ([police], []), "detained": ([police], [leaders])})
    assert _events(tree, drafts) == [("arrested", "COERCE"), ("detained", "COERCE")]
    (merged,) = merge_restatements(drafts)
    assert tree.tokens[merged.trigger.token].text == "arrested" and merged.recipient == [leaders]
    # another actor is another event
    deputies = actor(sent, "deputies")
    drafts = _drafts(lexicon, tree, {"arrested": ([police], []), "detained": ([deputies], [leaders])})
    assert len(merge_restatements(drafts)) == 2


def test_other_events_of_one_actor_do_not_merge(lexicon: Lexicon) -> None:
    sent = parse("Police raided the camp and arrested the leaders.")
    police = actor(sent, "Police", None, "COP")
    tree = Tree(sent, [police])
    drafts = _drafts(lexicon, tree, {"raided": ([police], []), "arrested": ([police], [])})
    assert _events(tree, drafts) == [("raided", "ASSAULT"), ("arrested", "COERCE")]
    assert merge_restatements(drafts) == drafts


def test_an_event_that_its_own_event_did_folds_into_it(lexicon: Lexicon) -> None:
    # "airstrikes ... killed two fighters": the killing is the airstrikes' own, one ASSAULT
    sent = parse("Airstrikes on the camp killed two fighters.")
    fighters = actor(sent, "fighters")
    tree = Tree(sent, [fighters])
    strikes, killed = _drafts(lexicon, tree, {"killed": ([], [fighters])})
    assert _events(tree, [strikes, killed]) == [("Airstrikes", "ASSAULT"), ("killed", "ASSAULT")]
    killed.actor_token = strikes.trigger.token  # what the coder reads as the killing's actor
    assert fold_participles(tree, [strikes, killed]) == [strikes]
    assert strikes.recipient == [fighters]
    killed.actor_token = None  # with no such actor, two events
    assert len(fold_participles(tree, [strikes, killed])) == 2


def test_a_subject_the_knowledge_base_lacks_is_an_uncoded_actor() -> None:
    sent = parse("Village elders condemned the decision.")
    tree = Tree(sent, [])
    tree.set_triggers(frozenset({at(sent, "condemned")}))
    (elders,) = unlisted(tree, at(sent, "elders"))
    assert (elders.kind, elders.text, elders.token_start, elders.token_end) == (
        "actor",
        "Village elders",
        0,
        2,
    )
    assert elders.actor == ActorRef(entity_text="Village elders")
    tree.set_triggers(frozenset({at(sent, "elders")}))
    assert unlisted(tree, at(sent, "elders")) == []  # an event word is no actor
    assert unlisted(tree, at(sent, "the")) == []  # no noun


def test_a_claim_of_responsibility_identifies_an_uncoded_perpetrator() -> None:
    sent = parse("The group claimed responsibility for the bombing.")
    group = actor(sent, "group")
    claimant = actor(sent, "group", "IRQ", "REB", "group:example")
    (named,) = claimed_perpetrator([group], claimant)
    assert named.actor == ActorRef(
        entity_text="group", code="IRQ", sector="REB", identifier_id="group:example"
    )
    assert claimed_perpetrator([], claimant) == [claimant]


def test_confidence_rises_with_coded_roles_and_falls_with_depth(lexicon: Lexicon) -> None:
    sent = parse("Kenya accused Uganda of sheltering the rebels.")
    kenya, uganda = actor(sent, "Kenya", "KEN"), actor(sent, "Uganda", "UGA")
    tree = Tree(sent, [kenya, uganda])
    accused = _drafts(lexicon, tree, {"accused": ([kenya], [uganda])})[0]
    assert tree.tokens[accused.trigger.token].text == "accused"
    weight = accused.trigger.sense.weight
    assert confidence(accused, "asserted", 0) == round(min(1.0, 0.35 + 0.4 * weight + 0.2), 3)
    assert confidence(accused, "asserted", 2) == round(0.35 + 0.4 * weight + 0.2 - 0.08, 3)
    assert confidence(accused, "alleged", 0, background=0.2) == round(0.35 + 0.4 * weight + 0.2 - 0.25, 3)
    bare = Draft(
        trigger=accused.trigger, actor=[], recipient=[], status="asserted", claimant=None, count=None, why=[]
    )
    assert confidence(bare, "asserted", 0) == round(0.35 + 0.4 * weight - 0.25, 3)


def test_an_old_date_is_historical() -> None:
    published = dt.date(2024, 6, 1)
    assert is_historical("2023-01-10", published, 90)
    assert not is_historical("2024-05-20", published, 90)
    assert is_historical("2023", published, 90) and not is_historical("2024-05", published, 90)
    assert not is_historical(None, published, 90) and not is_historical("2020-01-01", None, 90)


def test_the_mode_of_a_threat_follows_the_threatened_act() -> None:
    assert threat_mode("ASSAULT", (), "190") == "violence"
    assert threat_mode("SANCTION", ("restrict",), "163") == "restrict"
    assert threat_mode("SANCTION", (), "1631") == "restrict"  # an embargo
    assert threat_mode("COERCE", ("curfew",), "172") == "curfew"
    assert threat_mode("COERCE", ("expel",), "174") is None
    assert threat_mode("CONSULT", (), "040") is None


def test_casualty_fields_keep_value_and_qualifier() -> None:
    sent = parse("Soldiers killed at least five villagers.")
    five = quantity(sent, "five", 5, "at least")
    assert five.quantity is not None
    fields = casualty_fields({"dead": five.quantity, "arrested": Quantity(value=2)})
    assert fields == {
        "dead": 5,
        "dead_qualifier": "at least",
        "injured": None,
        "injured_qualifier": None,
        "arrested": 2,
        "arrested_qualifier": None,
        "dead_max": None,
        "injured_max": None,
        "arrested_max": None,
    }
