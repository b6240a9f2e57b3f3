"""The registry and the Pipeline's requires/provides check, with the fake NLP backend."""

from __future__ import annotations

import gc
from pathlib import Path

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


def test_stages_run_with_a_larger_young_generation_restored_afterwards() -> None:
    seen: list[tuple[int, int, int]] = []

    class Watcher(Stage):
        name = "watcher"
        requires = frozenset({"text"})

        def process(self, doc: Document) -> Document:
            seen.append(gc.get_threshold())
            if "boom" in doc.text:
                raise RuntimeError("fails inside the raised threshold")
            return doc

    before = gc.get_threshold()
    out = Pipeline([Watcher()]).run_batch([document_from_text(t, origin=t) for t in ("one", "boom")])
    assert [d.status for d in out] == ["coded", "failed"]
    assert seen and all(t[0] >= 20_000 and t[1:] == before[1:] for t in seen)
    assert gc.get_threshold() == before


def test_stage_options_are_checked(tmp_path: Path) -> None:
    from whimbrel.config import load_config
    from whimbrel.errors import ConfigError

    for body, message in [
        ("[stages.nlp]\nmax_charz = 5\n", r"\[stages.nlp\]: unknown option\(s\) max_charz"),
        ("[stages.codng]\nx = 1\n", r"\[stages.codng\]: no such stage"),
        ('[stages.nlp]\nmax_chars = "abc"\n', r"\[stages.nlp\] max_chars: .*valid integer"),
        ("[stages.coding]\nhistorical_days = -1\n", r"\[stages.coding\] historical_days"),
        ("[stages.mentions]\ncolour = 1\n", r"\[stages.mentions\]: .*now actors, places, dates, quantities"),
    ]:
        user = tmp_path / "c.toml"
        user.write_text(body, encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            Pipeline.from_config(load_config(user, env={}), stages=["passages", "nlp"])
