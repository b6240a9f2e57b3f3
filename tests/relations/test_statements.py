"""Relational statements: each grammatical class, with minimal pairs that must not give a relation.

The sentences are written for these tests. They run through the real pipeline (spaCy parse, actor
knowledge base), since the patterns read the parse.
"""

from __future__ import annotations

import pytest

from whimbrel.api import code_document

pytestmark = pytest.mark.slow


def relations(text: str, published: str = "2024-03-04") -> set[tuple[str, str, str, str]]:
    doc = code_document(text, published)
    return {
        (r.source.entity_text, r.kind, r.target.entity_text, r.status)
        for r in doc.relations
        if r.origin == "text"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # prefixes on the group's noun
        ("Pro-Turkish rebels shelled the village.", ("Turkish", "backs", "rebels", "asserted")),
        ("Iran-backed militias fired drones at the base.", ("Iran", "backs", "militias", "asserted")),
        # support verbs, active, passive and as a participle
        ("Russia arms the Houthis, officials say.", ("Russia", "backs", "Houthis", "asserted")),
        ("The rebels are backed by Rwanda, UN experts said.", ("Rwanda", "backs", "rebels", "asserted")),
        ("M23 fighters, funded by Rwanda, took the mine.", ("Rwanda", "backs", "M23 fighters", "asserted")),
        # a support noun given by one actor to another
        ("Iran provides weapons to Hezbollah.", ("Iran", "backs", "Hezbollah", "asserted")),
        # membership
        (
            "Militias belonging to the Popular Mobilization Forces blocked the road.",
            ("Militias", "member_of", "Popular Mobilization Forces", "asserted"),
        ),
        (
            "Katiba Serma, a faction of JNIM, ambushed the convoy.",
            ("Katiba Serma", "member_of", "JNIM", "asserted"),
        ),
        # alliance and hostility
        (
            "The Arakan Army, an ally of the Ta'ang National Liberation Army, took the town.",
            ("Arakan Army", "allied_with", "Ta'ang National Liberation Army", "asserted"),
        ),
        (
            "Fighting between the army and the Rapid Support Forces resumed in Darfur.",
            ("army", "fighting", "Rapid Support Forces", "asserted"),
        ),
        ("Hezbollah fought Israel for a month.", ("Hezbollah", "fighting", "Israel", "asserted")),
        # how the evidence reports it
        ("Russia does not arm the Houthis, the Kremlin said.", ("Russia", "backs", "Houthis", "negated")),
        ("Rwanda denied backing the rebels.", ("Rwanda", "backs", "rebels", "denied")),
        ("Washington accused Tehran of funding Hamas.", ("Tehran", "backs", "Hamas", "alleged")),
    ],
)
def test_each_class_gives_its_relation(text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in relations(text)


@pytest.mark.parametrize(
    "text",
    [
        # the same verbs and nouns with no second actor, or with things rather than actors
        "The government backs the new budget.",
        "Residents support the ceasefire.",
        "Iran provides electricity to the region.",
        "A member of parliament was arrested.",
        "The fighting lasted three days.",
        "Protesters fought for their rights.",
        # a prefix that names no actor
        "Pro-democracy protesters marched on the palace.",
    ],
)
def test_no_relation_without_two_actors(text: str) -> None:
    assert relations(text) == set()


def test_relations_carry_the_sentence_as_evidence() -> None:
    text = "Heavy rain fell. Rebels backed by Uganda attacked the camp."
    doc = code_document(text, "2024-03-04")
    [relation] = [r for r in doc.relations if r.origin == "text"]
    assert (
        text[relation.evidence.start : relation.evidence.end] == "Rebels backed by Uganda attacked the camp."
    )
    assert relation.text == "Rebels backed by Uganda attacked the camp."


def test_knowledge_links_are_kept_apart_from_the_text() -> None:
    doc = code_document("Katiba Macina fighters burned the market.", "2024-03-04")
    kb_links = [r for r in doc.relations if r.origin == "kb"]
    assert ("Katiba Macina", "member_of", "Jama'at Nusrat al-Islam wal-Muslimin") in {
        (r.source.identifier_text, r.kind, r.target.identifier_text) for r in kb_links
    }
    assert [r for r in doc.relations if r.origin == "text"] == []
