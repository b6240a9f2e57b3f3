"""The tree's per-sentence results: typed, computed once, and never silently empty."""

from __future__ import annotations

import pytest

from whimbrel.adapters.nlp import FakeBackend
from whimbrel.coding.tree import Once, Tree
from whimbrel.pipeline import Pipeline
from whimbrel.stages.ingest import document_from_text
from whimbrel.stages.nlp import Nlp
from whimbrel.stages.passages import Passages


def _tree() -> Tree:
    doc = Pipeline([Passages(), Nlp(FakeBackend())]).code(
        document_from_text("Four plain words here.", origin="t")
    )
    return Tree(doc.sentences[0], ())


def test_trigger_tokens_read_before_the_coder_set_them_is_an_error() -> None:
    tree = _tree()
    with pytest.raises(RuntimeError, match="before the coder found its triggers"):
        _ = tree.trigger_tokens
    tree.set_triggers(frozenset({1, 2}))
    assert tree.trigger_tokens == frozenset({1, 2})


def test_once_computes_its_value_on_first_use_only() -> None:
    calls: list[int] = []

    def compute() -> int | None:
        calls.append(1)
        return None  # a result of None is kept too, not recomputed

    once: Once[int | None] = Once()
    assert once.get(compute) is None and once.get(compute) is None
    assert calls == [1]
