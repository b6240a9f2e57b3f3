"""The ``petrarch`` evaluation: PETRARCH's own unit-test and validation records, coded by whimbrel.

Data (never shipped; read from ``../shared/data/petrarch_validation``): ``PETR.UnitTest.records.xml``
and ``PETR.Validate.records.140226.xml`` (sentences with ``<EventCoding sourcecode targetcode
eventcode>`` gold), and the toy dictionaries they were written for (``dictionaries/PETR.Validate.*``).
The ``<Parse>`` trees are ignored: whimbrel parses with spaCy.

How a record is coded:

1. The four dictionaries are imported with ``whimbrel.knowledge.petrarch`` (as ``whimbrel actors
   import --format petrarch`` does).
2. The actor base is the imported one **merged over** the shipped one, without the shipped sector
   nouns (``actor_base``): the toy dictionaries define the gold codes (Egypt is ``UAR``, Japan ``JAP``,
   Gondor ``GON``) and win on a shared name; shipped countries fill names they lack (Estonia ``EST``);
   PETRARCH's agents replace the shipped sector nouns ("crowds", "spokesman"), which PETRARCH never codes.
3. The lexicon is the shipped one (CAMEO crosswalk, cues, modes) with the imported triggers. Variant
   ``strict`` uses exactly the ``triggers.tsv`` the importer writes. Variant ``stand-in`` adds, for the
   verbs whose code has no PLOVER event (CAMEO 01 statements, the test suite's made-up and WEIS codes
   such as 345, 903, 223), a stand-in trigger (PLOVER CONSULT) so the coder finds their roles; the
   scored code is always the PETRARCH one (step 5), never the stand-in's.
4. Each sentence is coded with its ``date`` as the publication date (date-restricted actor codes).
5. Post-steps standing in for coder hooks whimbrel lacks (each counted in the report's notes):
   discards (a sentence with a discard phrase gives nothing); the PETRARCH code of each event's verb
   from the full verb dictionary (surface form, patterns with words before and after the verb,
   synsets; ``---`` vetoes the event; an event whose trigger is no PETRARCH verb is dropped); the
   reverse event of a paired code (``[032:033]``).
6. Predicted triple = (actor code, recipient code, code) for each actor x recipient. The actor code is
   PETRARCH style: prefix agents + actor code + suffix agents, from the ``ActorRef`` (its entry's
   PETRARCH code, which whimbrel's ``code`` holds when it can) and the agent nouns in its text
   (``sector``): "Calenardhon government" is ``CALGOV``, "MSF Arnor diplomat" ``NGOARNGOV``; an agent
   with no actor is ``---GOV``; a missing target is ``---``; a multi-code actor gives one triple per
   code. PETRARCH's default ``require_dyad`` codes an event only with both a source and a target, so a
   triple with ``---`` as its source or target is dropped (``---GOV``, an agent alone, stays).
7. Variant ``compat`` (on the stand-in coding) adds PETRARCH's role rules, standing in for coder hooks:
   a recipient before the verb (other than a passive subject) is dropped; with no recipient, the target
   is the first coded actor after the verb in the verb's subtree, with its conjuncts; a pattern's
   ``$``/``+`` markers place the source/target (``^`` skips a noun phrase); a compound (``%``) before
   the verb with no target codes each member against the others; an agent noun takes the actors of
   its noun phrase ("lawmakers in Fornost and Gondor": ``FORLEG``, ``GONLEG``), and agent nouns that
   modify an actor's phrase join its code ("MSF Arnor": ``NGOARN``); an apposition is not a second
   actor.

Scores per file: CAMEO root code (first two digits) P/R/F1 per class over each record's set of roots;
exact-record rate (the record's set of triples equals the gold set; records whose gold is "no event"
count); coding P/R/F1 over triples.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from whimbrel.config import load_config
from whimbrel.errors import EvaluationError
from whimbrel.evaluation.metrics import ClassScore, Report, TaskReport, score_multi
from whimbrel.evaluation.petrarch_compat import Coder, Triple
from whimbrel.evaluation.petrarch_setup import STAND_IN_EVENT, actor_base, lexicon_with, stand_in_rows
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.knowledge.petrarch import import_dictionaries
from whimbrel.knowledge.petrarch_verb_matcher import VerbMatcher
from whimbrel.knowledge.petrarch_verb_triggers import spacy_lemmatizer
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Resources

__all__ = ["FILES", "STAND_IN_EVENT", "GoldRecord", "Triple", "actor_base", "evaluate", "read_records"]

FILES: Final = ("PETR.UnitTest.records.xml", "PETR.Validate.records.140226.xml")
VARIANTS: Final = ("strict", "stand-in", "compat")
DISCARD_ERRORS: Final = frozenset({"storydiscard", "sentencediscard"})

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=</Sentence>|<Sentence\b|\Z)", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


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


def _attrs(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(text)
    }


def read_records(path: Path) -> list[GoldRecord]:
    """The records of one file (a forgiving reader: the Validate file is not well-formed XML)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read ({exc.strerror})") from None
    records = []
    for n, m in enumerate(_SENTENCE.finditer(raw), start=1):
        attrs = _attrs(m.group(1))
        body = _COMMENT.sub(" ", m.group(2))
        ident = attrs.get("id") or f"record-{n}"
        date = _date(attrs.get("date", ""))
        text_match = _TEXT.search(body)
        if text_match is not None:
            text = " ".join(text_match.group(1).split())
        else:  # the older format: the sentence as plain text, then the bare parse tree
            plain = re.sub(r"<[^>]*>", " ", body.split("(ROOT")[0])
            text = " ".join(plain.split())
        codings = [_attrs(c.group(1)) for c in _CODING.finditer(body)]
        gold: set[Triple] = set()
        skip: str | None = None
        for coding in codings:
            if "error" in coding:
                if coding["error"] not in DISCARD_ERRORS:
                    skip = f"error record ({coding['error']}): tests PETRARCH's input checks"
            elif "eventcode" in coding:
                gold.add((coding.get("sourcecode", ""), coding.get("targetcode", ""), coding["eventcode"]))
        if not text:
            skip = "no <Text> (an unconverted TABARI record or an option record)"
        elif not codings:
            skip = "no <EventCoding> gold"
        elif date is None:
            skip = "no valid date"
        records.append(
            GoldRecord(path.name, ident, attrs.get("category", ""), date, text, frozenset(gold), skip)
        )
    if not records:
        raise EvaluationError(f"{path}: no <Sentence> records")
    return records


def _date(value: str) -> dt.date | None:
    value = value.strip()
    try:
        if len(value) == 8:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        if len(value) == 6:
            yy = int(value[:2])
            return dt.date(2000 + yy if yy <= 30 else 1900 + yy, int(value[2:4]), int(value[4:]))
    except ValueError:
        return None
    return None


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


def evaluate(data_dir: Path, *, limit: int | None = None, variants: Sequence[str] = VARIANTS) -> Report:
    """Code the PETRARCH records of ``data_dir`` with the imported dictionaries and score them.

    ``limit`` caps the scored records per file (for quick runs and tests).
    """
    return run(data_dir, limit=limit, variants=variants).report


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
) -> Run:
    """``evaluate`` with the records, coded documents and predictions kept (for error analysis).

    ``shared`` lends its settings, NLP backend and gazetteer (tests load them once per session).
    """
    from whimbrel import registry
    from whimbrel.stages.ingest import document_from_text

    base = _data_dir(data_dir)
    dictionaries = sorted((base / "dictionaries").glob("PETR.Validate.*.txt"))
    if not dictionaries:
        raise EvaluationError(f"{base / 'dictionaries'}: no PETR.Validate.*.txt dictionaries")
    imported = import_dictionaries(dictionaries)
    assert imported.verbs is not None
    shipped = Lexicon.load()
    kb = actor_base(imported.actors)
    settings = shared.settings if shared is not None else load_config(env={})
    resources = Resources(
        settings,
        _nlp=shared.nlp if shared is not None else None,
        _gazetteer=shared.gazetteer if shared is not None else None,
        _actors=kb,
    )
    matcher = VerbMatcher(imported.verbs, spacy_lemmatizer())

    report = Report(
        "petrarch",
        "PETRARCH unit-test and validation records (Middle-earth actors), coded with the imported "
        "PETR.Validate dictionaries",
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

    report.notes.append(
        f"actor base: {len(imported.actors)} imported entries over {len(kb) - len(imported.actors)} shipped "
        "entries (shipped sector nouns left out); headline variant: compat (PETRARCH role rules)"
    )
    records: list[GoldRecord] = []
    for name in FILES:
        path = base / name
        file_records = read_records(path)
        skipped = [r for r in file_records if r.skip]
        scored = [r for r in file_records if not r.skip]
        if limit is not None:
            scored = scored[:limit]
        reasons: dict[str, int] = {}
        for r in skipped:
            reasons[r.skip or ""] = reasons.get(r.skip or "", 0) + 1
        report.notes.append(
            f"{name}: {len(file_records)} records, {len(scored)} scored, {len(skipped)} skipped "
            f"({'; '.join(f'{n} {why}' for why, n in sorted(reasons.items())) or 'none'})"
        )
        records.extend(scored)

    # Parse once (passages + nlp), then run mentions + coding with each variant's lexicon.
    front = [registry.stages.get(n).from_config(settings.stage(n), resources) for n in ("passages", "nlp")]  # type: ignore[attr-defined]
    docs: list[Document] = []
    for k, record in enumerate(records):
        doc = document_from_text(
            record.text, origin=f"{record.file}#{record.id}", doc_id=f"r{k}", published=record.date
        )
        resources.passage_index.clear()  # the records repeat sentences on purpose: never link them
        docs.append(front[0].process(doc))
    docs = front[1].process_batch(docs)

    result = Run(report, records, {}, {})
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        raise EvaluationError(
            f"unknown variant(s) {', '.join(unknown)}; expected some of {', '.join(VARIANTS)}"
        )
    coded_by_lexicon: dict[bool, list[Document]] = {}
    with tempfile.TemporaryDirectory(prefix="whimbrel-petrarch-") as tmp:
        for variant in variants:
            stand_in = variant != "strict"
            if stand_in not in coded_by_lexicon:
                rows = list(imported.triggers)
                if stand_in:
                    rows.extend(stand_in_rows(imported, shipped))
                lexicon = lexicon_with(rows, Path(tmp) / ("stand-in" if stand_in else "strict"))
                res = Resources(
                    settings, _nlp=resources.nlp, _gazetteer=resources.gazetteer, _actors=kb, _lexicon=lexicon
                )
                pipe = Pipeline.from_config(settings, resources=res)
                coded = list(docs)
                for stage in (s for s in pipe.stages if s.name in {"mentions", "coding"}):
                    coded = stage.process_batch(coded)
                coded_by_lexicon[stand_in] = [replace(d, status="coded") for d in coded]
            coded = coded_by_lexicon[stand_in]
            coder = Coder(kb, matcher, imported.discards, compat=variant == "compat")
            preds = [coder.triples(d) for d in coded]
            result.predictions[variant] = preds
            result.documents[variant] = coded
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
                    f"roles from $/+ pattern markers, {c.compound} compound (%) events, {c.composed} agent "
                    "nouns composed with an actor in their noun phrase"
                )
            report.notes.append(note)
            for name in FILES:
                idx = [i for i, r in enumerate(records) if r.file == name]
                if idx:
                    report.tasks.extend(
                        _score(f"{name} [{variant}]", [records[i].gold for i in idx], [preds[i] for i in idx])
                    )
    return result
