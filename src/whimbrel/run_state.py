"""What a run remembers across documents, owned by the run and committed with the store write.

Today that is the passages seen so far (:class:`PassageLedger`): a repeated paragraph is linked to its
first occurrence and not parsed or coded again. The pipeline passes one :class:`RunState` to every
stage of a batch; no stage keeps state of its own from one document to the next.

A batch first *claims* the passages it sees for the first time. Claims are provisional: the claims
of a document that fails are dropped, and the documents of the same batch that linked a passage to it
are coded again without that link, so the text is coded in them (``Pipeline.run_batch``). Only after
the batch is stored does the run ``commit`` the remaining claims; a batch that is not stored is
``rollback``-ed and later batches never link to it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field


def passage_ref(doc_id: str, index: int) -> str:
    """How a passage is named in ``Passage.duplicate_of``: ``"<doc_id>:<index>"``."""
    return f"{doc_id}:{index}"


class PassageLedger:
    """Passage text hash → the first occurrence, committed or claimed by the batch being coded."""

    def __init__(self, committed: Mapping[str, str] | None = None) -> None:
        self._committed: dict[str, str] = dict(committed or {})
        self._claimed: dict[str, tuple[str, int]] = {}  # hash -> (doc id, passage index)

    def first(self, text_hash: str) -> str | None:
        """The first occurrence of a passage with this hash, or None when it is new."""
        ref = self._committed.get(text_hash)
        if ref is not None:
            return ref
        claim = self._claimed.get(text_hash)
        return passage_ref(*claim) if claim is not None else None

    def claim(self, text_hash: str, doc_id: str, index: int) -> None:
        """Record passage ``index`` of ``doc_id`` as the first occurrence of ``text_hash``, provisionally."""
        self._claimed[text_hash] = (doc_id, index)

    def claims(self) -> dict[str, tuple[str, int]]:
        """The provisional claims since the last commit: text hash -> (doc id, passage index)."""
        return dict(self._claimed)

    def drop(self, doc_ids: Collection[str]) -> None:
        """Forget the claims of these documents (they failed, or are coded again)."""
        if doc_ids and self._claimed:
            self._claimed = {h: c for h, c in self._claimed.items() if c[0] not in doc_ids}

    def forget(self, doc_ids: Collection[str]) -> None:
        """Forget every passage these documents gave first, committed or claimed: they are about to be
        coded again, and must not be taken for repeats of themselves."""
        if doc_ids:
            self._committed = {
                h: ref for h, ref in self._committed.items() if ref.rpartition(":")[0] not in doc_ids
            }
            self.drop(doc_ids)

    def commit(self) -> None:
        """Make the claims permanent: the batch that made them is stored."""
        self._committed.update((h, passage_ref(*c)) for h, c in self._claimed.items())
        self._claimed.clear()

    def rollback(self) -> None:
        """Forget every claim since the last commit."""
        self._claimed.clear()

    def __len__(self) -> int:
        return len(self._committed) + len(self._claimed)


@dataclass
class RunState:
    """The cross-document state of one run. A fresh one codes documents as if nothing came before."""

    passages: PassageLedger = field(default_factory=PassageLedger)

    def drop(self, doc_ids: Collection[str]) -> None:
        """Forget what these documents added since the last commit."""
        self.passages.drop(doc_ids)

    def commit(self) -> None:
        """Keep what the batch added: call it once the batch is stored."""
        self.passages.commit()

    def rollback(self) -> None:
        """Forget what the batch added: it was not stored."""
        self.passages.rollback()
