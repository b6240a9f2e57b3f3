"""The passages a run has seen: a document that fails must not leave its text uncoded in another."""

from __future__ import annotations

from whimbrel.adapters.nlp import FakeBackend
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Stage
from whimbrel.run_state import RunState
from whimbrel.stages.ingest import document_from_text
from whimbrel.stages.nlp import Nlp
from whimbrel.stages.passages import Passages

SHARED = "A paragraph that two different reports carry word for word, long enough to count."


class _FailsOnFirst(Stage):
    """A stage after the parse that fails on the document with id ``first``."""

    name = "fails_on_first"
    requires = frozenset({"sentences"})

    def process(self, doc: Document) -> Document:
        if doc.id == "first":
            raise RuntimeError("a later stage gives up on this document")
        return doc


def _doc(doc_id: str, lead: str) -> Document:
    return document_from_text(f"{lead}\n\n{SHARED}", origin=doc_id, doc_id=doc_id)


def _pipeline() -> Pipeline:
    return Pipeline([Passages(), Nlp(FakeBackend()), _FailsOnFirst()])


def test_a_paragraph_first_seen_in_a_failed_document_is_coded_in_the_next() -> None:
    run = RunState()
    first, second, third = _pipeline().run_batch(
        [
            _doc("first", "The opening of the first report."),
            _doc("second", "The second report opens so."),
            _doc("third", "A third report, later in the same batch."),
        ],
        run,
    )
    assert first.status == "failed"
    assert second.status == "coded"
    assert [p.duplicate_of for p in second.passages] == [None, None]
    assert any(s.text == SHARED for s in second.sentences)  # the shared text is parsed, in ``second``
    assert [p.duplicate_of for p in third.passages] == [None, "second:1"]  # and only there
    run.commit()
    assert run.passages.first(second.passages[1].text_hash) == "second:1"


def test_a_later_batch_is_never_linked_to_a_failed_document() -> None:
    pipe, run = _pipeline(), RunState()
    (first,) = pipe.run_batch([_doc("first", "The opening of the first report.")], run)
    run.commit()
    (second,) = pipe.run_batch([_doc("second", "The second report opens so.")], run)
    assert first.status == "failed" and second.status == "coded"
    assert [p.duplicate_of for p in second.passages] == [None, None]


def test_a_batch_that_is_not_stored_is_forgotten() -> None:
    pipe, run = Pipeline([Passages(), Nlp(FakeBackend())]), RunState()
    pipe.run_batch([_doc("a", "One report that the store then refuses.")], run)
    run.rollback()  # the store write failed
    (again,) = pipe.run_batch([_doc("b", "Another report.")], run)
    assert [p.duplicate_of for p in again.passages] == [None, None]
    run.commit()
    (repeat,) = pipe.run_batch([_doc("c", "A third report.")], run)
    assert [p.duplicate_of for p in repeat.passages] == [None, "b:1"]


def test_a_document_coded_alone_links_only_to_itself() -> None:
    pipe = Pipeline([Passages(), Nlp(FakeBackend())])
    doc = document_from_text(f"{SHARED}\n\n{SHARED}", origin="x", doc_id="x")
    assert [p.duplicate_of for p in pipe.code(doc).passages] == [None, "x:0"]
    assert [p.duplicate_of for p in pipe.code(doc).passages] == [None, "x:0"]  # nothing kept between
