"""The recorded parses are the listed sentences', whole and well formed."""

from __future__ import annotations

from tests.coding.recorded import listed_sentences, parse, recorded


def test_every_listed_sentence_has_a_parse_and_nothing_else_does() -> None:
    assert list(recorded()["sentences"]) == listed_sentences()
    assert recorded()["model"].startswith("en_core_web_sm")


def test_each_parse_is_one_tree_over_its_own_text() -> None:
    for text in listed_sentences():
        sent = parse(text)
        tokens = sent.tokens
        assert "".join(t.text + t.whitespace for t in tokens).strip() == text
        assert [t.i for t in tokens] == list(range(len(tokens)))
        roots = [t for t in tokens if t.head == t.i]
        assert len(roots) == 1, text
        assert all(0 <= t.head < len(tokens) for t in tokens)
