"""The ``petrarch`` evaluation: PETRARCH's own unit-test and validation records, coded by whimbrel.

Data (never shipped; read from ``../shared/data/petrarch_validation``): ``PETR.UnitTest.records.xml``
and ``PETR.Validate.records.140226.xml`` (sentences with ``<EventCoding sourcecode targetcode
eventcode>`` gold; any other ``*.records*.xml`` in the folder is scored too), and the dictionaries
they were written for (``dictionaries/*.txt``: the toy ``PETR.Validate.*`` dictionaries). The
``<Parse>`` trees are ignored: whimbrel parses with spaCy.

Each record is coded by the product's PETRARCH-compatible coder, ``whimbrel.petrarch.PetrarchCoder``
(what ``whimbrel petrarch code`` runs), with the imported dictionaries and the record's ``date`` as
the publication date; see ``whimbrel.petrarch.coder`` and ``whimbrel.petrarch.triples`` for the method.
The three variants are the coder's: ``strict`` (only the imported triggers, whimbrel's roles),
``stand-in`` (plus stand-in triggers for verb codes with no PLOVER event) and ``compat`` (plus
PETRARCH's role rules: the headline, and the coder's default). The records are parsed once and
every variant codes the same parse.

Scores per file: CAMEO root code (first two digits) P/R/F1 per class over each record's set of roots;
exact-record rate (the record's set of triples equals the gold set; records whose gold is "no event"
count); coding P/R/F1 over triples.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from whimbrel.adapters.nlp import RememberingBackend
from whimbrel.config import Settings, load_config
from whimbrel.errors import EvaluationError, InputError
from whimbrel.evaluation.metrics import ClassScore, Report, TaskReport, score_multi
from whimbrel.model import Document
from whimbrel.petrarch.coder import VARIANTS, PetrarchCoder, dictionary_files, variant_of
from whimbrel.petrarch.importer import import_dictionaries
from whimbrel.petrarch.inputs import Record, parse_date, read_xml
from whimbrel.petrarch.triples import Triple
from whimbrel.pipeline import Resources

__all__ = ["FILES", "VARIANTS", "GoldRecord", "Triple", "evaluate", "read_records"]

FILES: Final = ("PETR.UnitTest.records.xml", "PETR.Validate.records.140226.xml")
HEADLINE: Final = "compat"
DISCARD_ERRORS: Final = frozenset({"storydiscard", "sentencediscard"})


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One ``<Sentence>`` with its gold triples, or the reason it is not scored."""

    file: str
    id: str
    category: str
    date: dt.date | None
    text: str
    gold: frozenset[Triple]
    skip: str | None = None  # why the record is not scored


def read_records(path: Path) -> list[GoldRecord]:
    """The records of one file (a forgiving reader: the Validate file is not well-formed XML)."""
    try:
        raw = read_xml(path)
    except InputError as exc:  # an unreadable file is the data set's problem here
        raise EvaluationError(str(exc)) from None
    records = []
    for r in raw:
        gold: set[Triple] = set()
        skip: str | None = None
        for coding in r.codings:
            if "error" in coding:
                if coding["error"] not in DISCARD_ERRORS:
                    skip = f"error record ({coding['error']}): tests PETRARCH's input checks"
            elif "eventcode" in coding:
                gold.add((coding.get("sourcecode", ""), coding.get("targetcode", ""), coding["eventcode"]))
        if not r.text:
            skip = "no <Text> (an unconverted TABARI record or an option record)"
        elif not r.codings:
            skip = "no <EventCoding> gold"
        elif r.date is None:
            skip = "no valid date"
        records.append(GoldRecord(path.name, r.id, r.category, r.date, r.text, frozenset(gold), skip))
    if not records:
        raise EvaluationError(f"{path}: no <Sentence> records")
    return records


def _date(value: str) -> dt.date | None:
    return parse_date(value)


# ---------------------------------------------------------------------------------------------------
# Scoring


def _root(code: str) -> str:
    digits = re.match(r"\d+", code)
    return digits.group(0)[:2] if digits else code


def _score(name: str, gold: Sequence[frozenset[Triple]], pred: Sequence[set[Triple]]) -> list[TaskReport]:
    g_roots = [{_root(t[2]) for t in g} for g in gold]
    p_roots = [{_root(t[2]) for t in p} for p in pred]
    labels = sorted(set().union(*g_roots, *p_roots))
    roots = score_multi(g_roots, p_roots, name=f"{name}: CAMEO root codes", labels=labels)
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, pred, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, pred, strict=True))
    exact = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    by_root: list[ClassScore] = []
    for label in labels:

        def pick(ts: Iterable[Triple], label: str = label) -> set[Triple]:
            return {t for t in ts if _root(t[2]) == label}

        by_root.append(
            ClassScore(
                label,
                sum(len(pick(g) & pick(p)) for g, p in zip(gold, pred, strict=True)),
                sum(len(pick(p) - pick(g)) for g, p in zip(gold, pred, strict=True)),
                sum(len(pick(g) - pick(p)) for g, p in zip(gold, pred, strict=True)),
            )
        )
    triples = TaskReport(f"{name}: triples (source, target, code)", by_root, len(gold))
    triples.accuracy = exact / len(gold) if gold else 0.0
    total = ClassScore("all", tp, fp, fn)
    triples.extra.update(
        {
            "exact_record_rate": triples.accuracy,
            "triple_precision": total.precision,
            "triple_recall": total.recall,
            "triple_f1": total.f1,
        }
    )
    return [roots, triples]


# ---------------------------------------------------------------------------------------------------
# The evaluation


def _data_dir(data_dir: Path) -> Path:
    for candidate in (data_dir, data_dir / "petrarch_validation"):
        if (candidate / FILES[0]).is_file():
            return candidate
    raise EvaluationError(f"{data_dir}: no {FILES[0]} (expected ../shared/data/petrarch_validation)")


def record_files(base: Path) -> list[Path]:
    """The two known files, then any other PETRARCH records file in the folder."""
    known = [base / name for name in FILES if (base / name).is_file()]
    others = sorted(p for p in base.glob("*.records*.xml") if p.name not in FILES)
    return known + others


def in_split(path: Path, split: str) -> bool:
    """The split is by file: the UnitTest file is dev (the conventions are tuned on it), every other test."""
    return split == "all" or (split == "dev") == (path.name == FILES[0])


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    variants: Sequence[str] = VARIANTS,
    split: str = "all",
    settings: Settings | None = None,
) -> Report:
    """Code the PETRARCH records of ``data_dir`` (the files of ``split``) and score them.

    ``limit`` caps the scored records per file (for quick runs and tests).
    """
    shared = Resources(settings) if settings is not None else None
    return run(data_dir, limit=limit, variants=variants, split=split, shared=shared).report


@dataclass
class Run:
    """A whole evaluation run: the report, the scored records and each variant's predictions."""

    report: Report
    records: list[GoldRecord]
    predictions: dict[str, list[set[Triple]]]
    documents: dict[str, list[Document]]


def run(
    data_dir: Path,
    *,
    limit: int | None = None,
    variants: Sequence[str] = VARIANTS,
    shared: Resources | None = None,
    split: str = "all",
) -> Run:
    """``evaluate`` with the records, coded documents and predictions kept (for error analysis).

    ``shared`` lends its settings, NLP backend and gazetteer (tests load them once per session).
    """
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        raise EvaluationError(
            f"unknown variant(s) {', '.join(unknown)}; expected some of {', '.join(VARIANTS)}"
        )
    base = _data_dir(data_dir)
    if not (base / "dictionaries").is_dir():
        raise EvaluationError(f"{base / 'dictionaries'}: no PETRARCH dictionaries folder")
    imported = import_dictionaries(dictionary_files([base / "dictionaries"]))
    if imported.verbs is None:
        raise EvaluationError(f"{base / 'dictionaries'}: no verbs dictionary")
    shared = shared or Resources(load_config(env={}))
    # one parse, shared by every variant
    lent = Resources(shared.settings, _nlp=RememberingBackend(shared.nlp), _gazetteer=shared.gazetteer)
    coders = {v: PetrarchCoder(imported, variant=variant_of(v), shared=lent) for v in variants}

    report = Report(
        "petrarch",
        "PETRARCH unit-test and validation records (Middle-earth actors), coded with the imported "
        "PETR.Validate dictionaries by whimbrel's PETRARCH-compatible coder",
    )
    counts = imported.report.counts
    report.notes.append(
        "importer: "
        + ", ".join(
            f"{k} {counts[k]}"
            for k in ("actor entries", "agent entries", "verb blocks", "patterns", "trigger rows", "discards")
        )
        + f"; patterns exact {counts['patterns exact']}, approximated {counts['patterns approximated']}, "
        f"dropped {counts['patterns dropped']}; approximated findings "
        f"{sum(imported.report.by_construct('approximated').values())}, unsupported "
        f"{sum(imported.report.by_construct('unsupported').values())}"
    )
    kb_size = len(next(iter(coders.values())).kb) if coders else 0
    report.notes.append(
        f"actor base: {len(imported.actors)} imported entries over {kb_size - len(imported.actors)} shipped "
        f"entries (shipped sector nouns left out); headline variant: {HEADLINE} (PETRARCH role rules, the "
        "default of `whimbrel petrarch code`)"
    )
    records: list[GoldRecord] = []
    files = [p for p in record_files(base) if in_split(p, split)]
    for path in files:
        file_records = read_records(path)
        skipped = [r for r in file_records if r.skip]
        scored = [r for r in file_records if not r.skip]
        if limit is not None:
            scored = scored[:limit]
        reasons: dict[str, int] = {}
        for r in skipped:
            reasons[r.skip or ""] = reasons.get(r.skip or "", 0) + 1
        report.notes.append(
            f"{path.name}: {len(file_records)} records, {len(scored)} scored, {len(skipped)} skipped "
            f"({'; '.join(f'{n} {why}' for why, n in sorted(reasons.items())) or 'none'})"
        )
        records.extend(scored)

    inputs = [Record(f"{r.file}#{r.id}", r.text, r.date, r.category) for r in records]
    result = Run(report, records, {}, {})
    for variant, coder in coders.items():
        coded = coder.code(inputs)
        preds = [set(c.triples) for c in coded]
        result.predictions[variant] = preds
        result.documents[variant] = [c.document for c in coded]
        c = coder.counts
        note = (
            f"[{variant}] {c.events} coder events; {c.discarded} records discarded, {c.not_petrarch} "
            f"events without a PETRARCH verb dropped, {c.vetoed} vetoed by a --- pattern, {c.recoded} "
            f"given another PETRARCH code, {c.reverse} reverse triples added"
        )
        if variant == "compat":
            note += (
                f"; PETRARCH role rules: {c.dropped_recipients} recipients before the verb dropped, "
                f"{c.target_fallback} targets taken as the first actor after the verb, {c.marker_roles} "
                f"roles from $/+ pattern markers, {c.compound} compound (%) events, {c.scanned} verbs coded "
                f"that whimbrel's coder had not taken, {c.subject_fallback} sources taken from the subject, "
                f"{coder.events.actor_codes.composed} agent nouns composed with an actor in their noun phrase"
            )
        report.notes.append(note)
        for path in files:
            idx = [i for i, r in enumerate(records) if r.file == path.name]
            if idx:
                gold = [records[i].gold for i in idx]
                report.tasks.extend(_score(f"{path.name} [{variant}]", gold, [preds[i] for i in idx]))
    return result
