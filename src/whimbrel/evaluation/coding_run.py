"""Code many short texts (gold sentences) quickly with one pipeline.

Gold sets repeat sentences, and the passages stage links a repeated paragraph to its first
occurrence and does not code it again: right for a news corpus, wrong for an evaluation, where every
gold item must be coded on its own. :class:`TextCoder` therefore codes each distinct text once, in
batches of distinct texts, each batch a run of its own (``Pipeline.run_batch`` with a fresh run
state), so no text is ever taken for a repeat of another. Repeated texts get the same coded :class:`Document`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from whimbrel.config import Settings, load_config
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Resources
from whimbrel.run_state import RunState
from whimbrel.stages.ingest import document_from_text

# Gold sentences carry no publication date of their own; any fixed date will do.
DEFAULT_PUBLISHED = dt.date(2000, 1, 1)


class TextCoder:
    """One pipeline, built once, that codes sequences of texts independently of each other."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        resources: Resources | None = None,
        batch_size: int = 64,
    ) -> None:
        self.settings = settings or (resources.settings if resources else load_config())
        self.resources = resources or Resources(self.settings)
        self.pipeline = Pipeline.from_config(self.settings, resources=self.resources)
        self.batch_size = max(1, batch_size)

    def code(
        self,
        texts: Sequence[str],
        *,
        published: dt.date | None = DEFAULT_PUBLISHED,
        on_batch: Callable[[int], None] | None = None,
    ) -> list[Document]:
        """Coded Documents, one per text and in the same order; ``on_batch(n)`` after each batch."""
        distinct = list(dict.fromkeys(texts))
        coded: dict[str, Document] = {}
        for first in range(0, len(distinct), self.batch_size):
            chunk = distinct[first : first + self.batch_size]
            docs = [
                document_from_text(text, origin=f"<eval:{first + i}>", published=published)
                for i, text in enumerate(chunk)
            ]
            # a fresh run state: the batch is linked to no passage of an earlier one
            for text, doc in zip(chunk, self.pipeline.run_batch(docs, RunState()), strict=True):
                coded[text] = doc
            if on_batch is not None:
                on_batch(len(chunk))
        return [coded[text] for text in texts]


def code_texts(
    texts: Sequence[str], *, published: dt.date | None = DEFAULT_PUBLISHED, batch_size: int = 64
) -> list[Document]:
    """Code ``texts`` with a new :class:`TextCoder` (see there)."""
    return TextCoder(batch_size=batch_size).code(texts, published=published)
