"""``RememberingBackend``: each (text, offset) is parsed once, however many pipelines ask for it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from whimbrel.adapters.nlp import FakeBackend, Parsed, RememberingBackend


class Counting(FakeBackend):
    """The fake backend, noting every batch it is asked for."""

    def __init__(self) -> None:
        self.asked: list[list[tuple[str, int]]] = []

    def parse(self, texts: Sequence[str], offsets: Sequence[int]) -> Iterator[list[Parsed]]:
        self.asked.append(list(zip(texts, offsets, strict=True)))
        return super().parse(texts, offsets)


def test_only_unseen_texts_reach_the_backend_in_one_batch() -> None:
    inner = Counting()
    backend = RememberingBackend(inner)
    first = list(backend.parse(["Rain fell. Wind rose.", "Quiet."], [0, 5]))
    again = list(backend.parse(["Quiet.", "Snow.", "Quiet.", "Rain fell. Wind rose."], [5, 0, 9, 0]))
    assert inner.asked == [[("Rain fell. Wind rose.", 0), ("Quiet.", 5)], [("Snow.", 0), ("Quiet.", 9)]]
    assert again[0] == first[1] and again[3] == first[0]
    assert [len(p) for p in first] == [2, 1]
    assert again[2][0].start == 9  # another offset is another parse
    assert backend.name == "fake"
