"""Passages: split a document into paragraphs and link exact repeats to their first occurrence.

A repeated passage (same text after normalisation, in this document or an
earlier one) keeps its place in the document but is not parsed or coded again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from pydantic import Field

from whimbrel.model import Document, Passage
from whimbrel.run_state import PassageLedger, RunState
from whimbrel.stages.base import Resources, Stage, StageConfig

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"[^\n]+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form two passages must share to count as the same: NFKC, casefolded, one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def text_hash(text: str) -> str:
    """Hash of a passage's normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:20]


def spans(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph spans: split at blank lines when there are any, else at every line break."""
    if _BLANK_LINE.search(text):
        start = 0
        for match in _BLANK_LINE.finditer(text):
            yield from _trimmed(text, start, match.start())
            start = match.end()
        yield from _trimmed(text, start, len(text))
    else:
        for match in _LINE.finditer(text):
            yield from _trimmed(text, match.start(), match.end())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        yield start + lead, start + lead + len(stripped)


class PassagesConfig(StageConfig):
    """``[stages.passages]``."""

    # Passages shorter than this (after normalisation) are never flagged as duplicates:
    # short lines such as "Reuters" or "Advertisement" repeat legitimately.
    min_duplicate_chars: int = Field(default=40, ge=0)


class Passages(Stage):
    """Paragraph segmentation and exact duplicate-passage detection."""

    name = "passages"
    requires = frozenset({"text"})
    provides = frozenset({"passages"})
    Config = PassagesConfig

    def __init__(self, config: PassagesConfig | None = None) -> None:
        self.min_duplicate_chars = (config or PassagesConfig()).min_duplicate_chars

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Passages:
        """Build from ``[stages.passages]``."""
        return cls(PassagesConfig.read(cfg, cls.name))

    def process(self, doc: Document) -> Document:
        """Segment ``doc`` and mark its repeats of its own passages."""
        return self.process_run([doc], RunState())[0]

    def process_batch(self, docs: Sequence[Document]) -> list[Document]:
        """Segment ``docs``, linking repeats within them only."""
        return self.process_run(docs, RunState())

    def process_run(self, docs: Sequence[Document], run: RunState) -> list[Document]:
        """Segment each document and link each repeat to the first occurrence the run has seen."""
        return [self._segment(doc, run.passages) for doc in docs]

    def _segment(self, doc: Document, seen: PassageLedger) -> Document:
        passages = []
        for i, (start, end) in enumerate(spans(doc.text)):
            chunk = doc.text[start:end]
            digest = text_hash(chunk)
            first = None
            if len(chunk) >= self.min_duplicate_chars:
                first = seen.first(digest)
                if first is None:
                    seen.claim(digest, doc.id, i)
            passages.append(Passage(i, start, end, digest, first))
        return replace(doc, passages=tuple(passages))
