"""``PetrarchCoder``: code texts into PETRARCH-convention CAMEO triples with a user's PETRARCH dictionaries.

The dictionaries are imported as ``whimbrel actors import --format petrarch`` does; whimbrel's own
pipeline (spaCy parse, mentions, coder) then codes each text with the imported actors and verb
triggers, and ``whimbrel.petrarch.triples.EventCoder`` turns its events into (source, target, code)
triples the PETRARCH way. No Java parser, no constituency parse: spaCy's dependency parse stands in.

Variants:

- ``compat`` (the default): PETRARCH's conventions in full: stand-in triggers for the verb codes with
  no PLOVER event (CAMEO 01 statements, WEIS and made-up codes), so whimbrel's coder finds their roles,
  and PETRARCH's role rules (see ``triples``). The code is always the PETRARCH dictionary's.
- ``stand-in``: the stand-in triggers, whimbrel's own roles.
- ``strict``: only the triggers the importer writes, whimbrel's own roles.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, Literal

from whimbrel.config import Settings, load_config
from whimbrel.errors import KnowledgeError
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.model import Document
from whimbrel.petrarch.coder_knowledge import actor_base, lexicon_with, stand_in_rows
from whimbrel.petrarch.importer import PetrarchImport, import_dictionaries
from whimbrel.petrarch.inputs import Record
from whimbrel.petrarch.triples import Counts, EventCoder, Triple
from whimbrel.petrarch.verb_matcher import VerbMatcher
from whimbrel.petrarch.verb_triggers import spacy_lemmatizer
from whimbrel.pipeline import Pipeline, Resources, Stage

__all__ = ["VARIANTS", "Coded", "PetrarchCoder", "Variant", "dictionary_files", "variant_of"]

Variant = Literal["strict", "stand-in", "compat"]
VARIANTS: Final[tuple[Variant, ...]] = ("strict", "stand-in", "compat")
DICTIONARY_SUFFIXES: Final = (".txt", ".dic", ".dict")
_CHUNK: Final = 256
_BROKEN_HYPHEN: Final = re.compile(r"\b([A-Za-z]+)- (?!(?:and|or|nor|to|and/or)\b)(?=[A-Za-z])")
_JOINED_WORDS: Final = re.compile(r"(?<=[A-Za-z])_(?=[A-Za-z])")


@dataclass(frozen=True, slots=True)
class Coded:
    """One coded record: its triples (sorted) and whimbrel's coded document."""

    record: Record
    triples: tuple[Triple, ...]
    document: Document


def clean_text(text: str) -> str:
    """Undo a tokenisation artefact of PETRARCH's texts: in "an anti- Gondor parade" spaCy ends the
    sentence at "anti-". The prefix becomes a word of its own ("anti Gondor", as PETRARCH's parse reads
    it: ``(JJ anti-) (NNP Gondor)``), so the name stays a name. A suspended hyphen ("pro- and anti-war")
    is kept. Words a text joins with an underscore ("Dol_Amroth", PETRARCH's way of writing one name)
    are separate words, as the dictionaries write them ("PRINCE OF DOL AMROTH")."""
    return _JOINED_WORDS.sub(" ", _BROKEN_HYPHEN.sub(r"\1 ", text))


def variant_of(name: str) -> Variant:
    """``name`` as a ``Variant``, or KnowledgeError."""
    for v in VARIANTS:
        if v == name:
            return v
    raise KnowledgeError(f"unknown variant {name!r}; expected one of {', '.join(VARIANTS)}")


def dictionary_files(paths: Iterable[Path]) -> list[Path]:
    """The dictionary files named by ``paths``: files as given, directories' ``*.txt`` files."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in DICTIONARY_SUFFIXES))
        else:
            out.append(path)
    if not out:
        raise KnowledgeError(f"no dictionary files in {', '.join(str(p) for p in paths)}")
    return out


class PetrarchCoder:
    """Codes records into PETRARCH-convention CAMEO triples (see the module docstring).

    ``shared`` lends its settings, NLP backend and gazetteer (several coders can share one parse:
    ``parse`` once, then ``code_parsed`` with each).
    """

    def __init__(
        self,
        imported: PetrarchImport,
        *,
        variant: Variant = "compat",
        settings: Settings | None = None,
        shared: Resources | None = None,
    ) -> None:
        if variant not in VARIANTS:
            raise KnowledgeError(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}")
        if imported.verbs is None:
            raise KnowledgeError("no PETRARCH verbs dictionary among the imported files")
        self.imported = imported
        self.variant = variant
        self.kb = actor_base(imported.actors)
        rows = list(imported.triggers)
        if variant != "strict":
            rows.extend(stand_in_rows(imported, Lexicon.load()))
        with tempfile.TemporaryDirectory(prefix="whimbrel-petrarch-") as tmp:
            lexicon = lexicon_with(rows, Path(tmp))  # read eagerly: the folder may go
        settings = settings or (shared.settings if shared is not None else load_config())
        self.resources = Resources(
            settings,
            _nlp=shared.nlp if shared is not None else None,
            _gazetteer=shared.gazetteer if shared is not None else None,
            _actors=self.kb,
            _lexicon=lexicon,
        )
        self.pipeline = Pipeline.from_config(settings, resources=self.resources)
        names = [s.name for s in self.pipeline.stages]
        split = names.index("nlp") + 1 if "nlp" in names else 0
        self._front: list[Stage] = self.pipeline.stages[:split]
        self._back: list[Stage] = self.pipeline.stages[split:]
        self.events = EventCoder(
            self.kb,
            VerbMatcher(imported.verbs, spacy_lemmatizer()),
            imported.discards,
            role_rules=variant == "compat",
        )

    @classmethod
    def from_files(
        cls, paths: Iterable[Path], *, variant: Variant = "compat", settings: Settings | None = None
    ) -> PetrarchCoder:
        """A coder for the dictionary files (or folders of them) in ``paths``."""
        return cls(import_dictionaries(dictionary_files(paths)), variant=variant, settings=settings)

    @property
    def counts(self) -> Counts:
        """What the PETRARCH steps did so far."""
        return self.events.counts

    def parse(self, records: Sequence[Record]) -> list[Document]:
        """Segment and parse each record on its own (its date is the publication date)."""
        from whimbrel.stages.ingest import document_from_text

        docs = [
            document_from_text(
                clean_text(r.text), origin=f"petrarch:{r.id}", doc_id=f"r{k}", published=r.date
            )
            for k, r in enumerate(records)
        ]
        return self._run(self._front, docs)

    def code_parsed(self, docs: Sequence[Document]) -> list[Document]:
        """Mentions and coding on parsed documents (from this coder's or another's ``parse``)."""
        coded = self._run(self._back, docs)
        return [replace(d, status="coded") if d.status == "pending" else d for d in coded]

    def triples(self, doc: Document) -> set[Triple]:
        """The PETRARCH-convention triples of one coded document."""
        return self.events.triples(doc) if doc.status == "coded" else set()

    def code(self, records: Iterable[Record]) -> list[Coded]:
        """Code records into triples, a chunk at a time."""
        out: list[Coded] = []
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) >= _CHUNK:
                out.extend(self._code(batch))
                batch = []
        if batch:
            out.extend(self._code(batch))
        return out

    def _code(self, records: Sequence[Record]) -> list[Coded]:
        docs = self.code_parsed(self.parse(records))
        return [Coded(r, tuple(sorted(self.triples(d))), d) for r, d in zip(records, docs, strict=True)]

    def _run(self, stages: Sequence[Stage], docs: Sequence[Document]) -> list[Document]:
        out = list(docs)
        for stage in stages:
            live = [i for i, d in enumerate(out) if d.status == "pending"]
            if not live:
                break
            if stage.name == "passages":  # records may repeat a sentence: never link one to another
                done = [stage.process(out[i]) for i in live]  # each record on its own
            else:
                done = stage.process_batch([out[i] for i in live])
            for i, doc in zip(live, done, strict=True):
                out[i] = doc
        return out
