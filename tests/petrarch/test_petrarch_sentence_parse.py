"""``whimbrel.petrarch.sentence_parse``: lists in hand-written dependency trees (no parser)."""

from __future__ import annotations

from whimbrel.model import Sentence, Token
from whimbrel.petrarch.sentence_parse import SentenceParse


def parse(rows: list[tuple[str, str, str, int]]) -> SentenceParse:
    """(text, pos, dep, head) rows as a sentence parse with no mentions."""
    tokens, idx = [], 0
    for i, (text, pos, dep, head) in enumerate(rows):
        tokens.append(Token(i, text, text.lower(), pos, pos, dep, head, idx))
        idx += len(text) + 1
    text = " ".join(r[0] for r in rows)
    return SentenceParse(Sentence(0, 0, 0, len(text), text, tuple(tokens)), [])


def test_a_name_hung_before_the_head_with_its_own_conjunction_is_a_list_member() -> None:
    # "Freedonia and the evil awful Sylvania condemned ...", read with "Freedonia" as a modifier
    p = parse(
        [
            ("Freedonia", "PROPN", "nmod", 5),
            ("and", "CCONJ", "cc", 0),
            ("the", "DET", "det", 4),
            ("evil", "ADJ", "amod", 4),
            ("awful", "NOUN", "conj", 0),
            ("Sylvania", "PROPN", "nsubj", 6),
            ("condemned", "VERB", "ROOT", 6),
        ]
    )
    assert p.conjuncts(5) == [5, 0, 4]  # "awful" is no actor: a mention-less member is left out later


def test_a_modifier_or_possessor_without_a_conjunction_is_no_list_member() -> None:
    # "Freedonia 's government" and "the Freedonia government": one actor, not a list
    p = parse(
        [
            ("Freedonia", "PROPN", "compound", 1),
            ("government", "NOUN", "nsubj", 2),
            ("condemned", "VERB", "ROOT", 2),
        ]
    )
    assert p.conjuncts(1) == [1]


def test_an_apposition_is_a_list_member_only_in_a_list() -> None:
    # "Mordor, the Shire, Fornost and Bree" against "Telemar, the minister"
    listed = parse(
        [
            ("Freedonia", "PROPN", "nsubj", 7),
            (",", "PUNCT", "punct", 0),
            ("Sylvania", "PROPN", "appos", 0),
            (",", "PUNCT", "punct", 2),
            ("Paris", "PROPN", "conj", 2),
            ("and", "CCONJ", "cc", 4),
            ("Klopstokia", "PROPN", "conj", 4),
            ("condemned", "VERB", "ROOT", 7),
        ]
    )
    assert sorted(listed.conjuncts(0)) == [0, 2, 4, 6]
    single = parse(
        [
            ("Telemar", "PROPN", "nsubj", 4),
            (",", "PUNCT", "punct", 0),
            ("the", "DET", "det", 3),
            ("minister", "NOUN", "appos", 0),
            ("condemned", "VERB", "ROOT", 4),
        ]
    )
    assert single.conjuncts(0) == [0]
