"""The registry and the Pipeline's requires/provides check, with the fake NLP backend."""

from __future__ import annotations

import pytest

from whimbrel import registry
from whimbrel.adapters.nlp import FakeBackend
from whimbrel.errors import PipelineError, RegistryError
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Stage
from whimbrel.stages.ingest import document_from_text
from whimbrel.stages.nlp import Nlp
from whimbrel.stages.passages import Passages


def test_builtin_stages_are_registered() -> None:
    names = {"passages", "nlp", "actors", "places", "dates", "quantities", "coding", "relations"}
    assert names <= set(registry.stages.available())
    assert "mentions" not in registry.stages.available()  # an alias in configs, no stage of its own
    assert registry.stages.get("passages") is Passages
    assert "jsonl" in registry.exporters.available()


def test_unknown_name_lists_what_exists() -> None:
    with pytest.raises(RegistryError, match=r"available: .*passages"):
        registry.stages.get("nope")


def test_registering_a_builtin_name_again_is_refused() -> None:
    with pytest.raises(RegistryError, match="already registered"):
        registry.stages.register("nlp", Nlp)


def test_stages_that_do_not_fit_are_refused_before_running() -> None:
    with pytest.raises(PipelineError, match="'nlp' requires passages"):
        Pipeline([Nlp(FakeBackend())])


def test_fake_backend_pipeline_codes_and_marks_documents() -> None:
    pipe = Pipeline([Passages(), Nlp(FakeBackend())])
    docs = [
        document_from_text("One sentence here. Another one.\n\nA second paragraph.", origin="a"),
        Document(id="bad", text="", content_hash="", origin="b", status="failed", reason="no such file"),
    ]
    out = pipe.run_batch(docs)
    assert [d.status for d in out] == ["coded", "failed"]
    assert out[1] is docs[1]  # failed inputs pass through untouched
    sentences = out[0].sentences
    assert [s.text for s in sentences] == ["One sentence here.", "Another one.", "A second paragraph."]
    for s in sentences:  # offsets slice the document text
        assert out[0].text[s.start : s.end] == s.text
        assert all(out[0].text[t.idx : t.end] == t.text for t in s.tokens)
    assert set(pipe.timings) == {"passages", "nlp"}


def test_stage_base_class_requires_process() -> None:
    class Broken(Stage):
        name = "broken"

    with pytest.raises(NotImplementedError):
        Broken().process(document_from_text("x", origin="x"))


def test_a_stage_that_fails_fails_only_its_document() -> None:
    class Fragile(Stage):
        name = "fragile"
        requires = frozenset({"text"})

        def process(self, doc: Document) -> Document:
            if "boom" in doc.text:
                raise RuntimeError("cannot cope")
            return doc

    pipe = Pipeline([Fragile()])
    out = pipe.run_batch([document_from_text(t, origin=t) for t in ("fine text", "boom text", "also fine")])
    assert [d.status for d in out] == ["coded", "failed", "coded"]
    assert out[1].reason == "internal error in stage fragile: RuntimeError: cannot cope"
