"""``PetrarchCoder``: code texts into PETRARCH-convention CAMEO triples with a user's PETRARCH dictionaries.

The dictionaries are imported as ``whimbrel actors import --format petrarch`` does; whimbrel's own
pipeline (the stages ``whimbrel run`` runs, through ``Pipeline.run_batch``) then codes each text with
the imported actors and verb triggers, and ``whimbrel.petrarch.triples.EventCoder`` turns its events
into (source, target, code) triples the PETRARCH way. Every record stands alone: none is linked to a
passage of another (see ``standalone_batches``), and one that fails in a stage gives no triples while
the others are coded. No Java parser, no constituency parse: spaCy's dependency parse stands in.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
from whimbrel.pipeline import Pipeline, Resources
from whimbrel.run_state import RunState
from whimbrel.stages.ingest import document_from_text
from whimbrel.stages.passages import spans, text_hash

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
    give them a ``RememberingBackend``).
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

    def triples(self, doc: Document) -> set[Triple]:
        """The PETRARCH-convention triples of one coded document."""
        return self.events.triples(doc) if doc.status == "coded" else set()

    def code(self, records: Iterable[Record]) -> list[Coded]:
        """Code records into triples, a batch at a time: ``Pipeline.run_batch``, then ``triples``."""
        out: list[Coded] = []
        for batch in standalone_batches(enumerate(records), _CHUNK):
            docs = [
                document_from_text(
                    clean_text(r.text), origin=f"petrarch:{r.id}", doc_id=f"r{k}", published=r.date
                )
                for k, r in batch
            ]
            coded = self.pipeline.run_batch(docs, RunState())  # linked to no earlier batch
            out.extend(
                Coded(r, tuple(sorted(self.triples(d))), d) for (_, r), d in zip(batch, coded, strict=True)
            )
        return out


def standalone_batches(
    records: Iterable[tuple[int, Record]], size: int
) -> Iterator[list[tuple[int, Record]]]:
    """Batches of at most ``size`` records in which no two records share a passage.

    The passages stage links a passage to an earlier one with the same text; PETRARCH codes every
    record on its own, so a batch ends before a record that repeats a passage of one already in it,
    and each batch is a run of its own (a fresh ``RunState``). A record may still repeat a
    passage of its own.
    """
    batch: list[tuple[int, Record]] = []
    seen: set[str] = set()
    for item in records:
        text = clean_text(item[1].text)
        hashes = {text_hash(text[start:end]) for start, end in spans(text)}
        if batch and (len(batch) >= size or not seen.isdisjoint(hashes)):
            yield batch
            batch, seen = [], set()
        batch.append(item)
        seen |= hashes
    if batch:
        yield batch
