"""The NLP stage: batched parsing, document offsets, duplicates skipped, long passages cut."""

from __future__ import annotations

from whimbrel.adapters.nlp import FakeBackend, SpacyBackend
from whimbrel.stages.ingest import document_from_text
from whimbrel.stages.nlp import Nlp, chunks
from whimbrel.stages.passages import Passages


def test_chunks_cut_at_sentence_ends() -> None:
    text = "Aaaa bbb. Cccc ddd. Eeee fff."
    pieces = chunks(text, 0, len(text), 12)
    assert [text[a:b] for a, b in pieces] == ["Aaaa bbb.", "Cccc ddd.", "Eeee fff."]


def test_chunks_without_any_break_still_cover_everything() -> None:
    text = "x" * 25
    pieces = chunks(text, 0, 25, 10)
    assert "".join(text[a:b] for a, b in pieces) == text


def test_duplicate_passages_are_not_parsed() -> None:
    para = "The army attacked the rebels near the border on Monday morning."
    doc = Passages().process(document_from_text(f"{para}\n\n{para}", origin="t"))
    parsed = Nlp(FakeBackend()).process(doc)
    assert [s.passage for s in parsed.sentences] == [0]


def test_spacy_sentences_carry_document_offsets() -> None:
    text = "Intro line.\n\nThe US military struck Baghdad. Iraq protested."
    doc = Passages().process(document_from_text(text, origin="t"))
    parsed = Nlp(SpacyBackend()).process(doc)
    assert [s.text for s in parsed.sentences] == [
        "Intro line.",
        "The US military struck Baghdad.",
        "Iraq protested.",
    ]
    struck = parsed.sentences[1]
    for t in struck.tokens:
        assert text[t.idx : t.end] == t.text
    root = next(t for t in struck.tokens if t.dep == "ROOT")
    assert root.lemma == "strike"
    assert any(e.label == "GPE" and e.text == "Baghdad" for e in struck.entities)
