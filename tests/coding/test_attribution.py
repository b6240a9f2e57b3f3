"""Claims, denials and disowning found by the grammar of the claim (coding.attribution)."""

from __future__ import annotations

from tests.coding.recorded import actor, at, parse

from whimbrel.coding.attribution import find_claim
from whimbrel.coding.tree import Tree
from whimbrel.knowledge.lexicon import Cues

_EVENT_WORDS = frozenset({"ambush", "bombing", "attack"})


def _tree(text: str, *actors: str) -> Tree:
    sent = parse(text)
    tree = Tree(sent, [actor(sent, a, None, "REB") for a in actors])
    tree.set_triggers(frozenset(t.i for t in sent.tokens if t.lemma in _EVENT_WORDS))  # by hand
    return tree


def test_the_claimant_is_the_subject_and_the_target_is_in_the_claimed_act(cues: Cues) -> None:
    text = "The militia claimed responsibility for the ambush on the convoy."
    claim = find_claim(_tree(text, "militia", "convoy"), cues)
    assert claim is not None and claim.kind == "claimed"
    sent = parse(text)
    assert claim.by == at(sent, "militia")
    assert at(sent, "ambush") in claim.scope and at(sent, "convoy") in claim.scope


def test_an_unknown_subject_leaves_the_claimant_to_earlier_sentences(cues: Cues) -> None:
    claim = find_claim(_tree("The group claimed responsibility for the bombing."), cues)
    assert claim is not None and (claim.kind, claim.by) == ("claimed", None)


def test_no_subject_claims_nothing(cues: Cues) -> None:
    claim = find_claim(_tree("No faction claimed responsibility for the ambush.", "faction"), cues)
    assert claim is not None and (claim.kind, claim.by) == ("unattributed", None)


def test_a_role_or_the_doing_denied(cues: Cues) -> None:
    for text in ("The militia denied any role in the ambush.", "The militia denied carrying out the ambush."):
        claim = find_claim(_tree(text, "militia"), cues)
        sent = parse(text)
        assert claim is not None and claim.kind == "denied", text
        assert claim.by == at(sent, "militia") and at(sent, "ambush") in claim.scope


def test_a_plain_attack_is_no_claim(cues: Cues) -> None:
    assert find_claim(_tree("The army will attack the village.", "army"), cues) is None
