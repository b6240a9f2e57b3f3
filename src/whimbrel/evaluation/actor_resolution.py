"""``whimbrel eval actors``: the actor-resolution suite coded through the pipeline of ``whimbrel run``.

Each row of ``data/actor_resolution.tsv`` is a short text with a publication date and a phrase whose
last occurrence (found without regard to case) is the one to resolve. The texts are coded by the
configured pipeline (the stages ``whimbrel run`` runs), and the phrase is looked up in the coded
document:

- the actor mention that covers the phrase's span (the one overlapping it most);
- failing that, an event actor or recipient whose text is the phrase in the phrase's sentence (how a
  pronoun shows up when it becomes an event argument).

A row passes when its expected code, sector and identifier all agree ("-" in the sector or identifier
column is not scored). An expected code of "-" passes when the phrase is kept as an actor mention with
no code; a phrase with no actor mention at all fails ("not found"). Rows are split into dev and test by
the hash of their id (the published date, phrase and text joined by tabs; :mod:`splits`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources as package_files

from whimbrel.evaluation import splits
from whimbrel.evaluation.metrics import ClassScore, Report, TaskReport
from whimbrel.model import ActorRef, Document
from whimbrel.pipeline import Pipeline, Resources
from whimbrel.stages.ingest.common import document_from_text

PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})
FIELDS = ("code", "sector", "identifier")


@dataclass(frozen=True, slots=True)
class Case:
    """One row of the suite."""

    published: dt.date
    phrase: str
    code: str
    sector: str
    identifier: str
    text: str

    @property
    def id(self) -> str:
        """The row's id for the split: its date, phrase and text joined by tabs."""
        return f"{self.published.isoformat()}\t{self.phrase}\t{self.text}"

    @property
    def category(self) -> str:
        """What kind of resolution the row tests, from its shape."""
        words = self.phrase.casefold().split()
        if self.code == "-":
            return "unknown actor"
        if self.phrase.casefold() in PRONOUNS:
            return "pronoun"
        if words[0] in {"the", "these", "those", "this", "that"} and self.phrase == self.phrase.lower():
            return "description"
        if self.identifier.startswith("whimbrel:capital-"):
            return "capital metonym"
        if self.identifier == "-":
            return "organisation" if self.sector == "-" else "sector noun"
        return "named actor"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the pipeline gave for one case."""

    case: Case
    found: ActorRef | None

    def agrees(self, name: str) -> bool:
        """Whether field ``name`` is right (a field the row does not score is right)."""
        want = {"code": self.case.code, "sector": self.case.sector, "identifier": self.case.identifier}[name]
        if self.found is None:
            return False
        if self.case.code == "-":
            return self.found.code is None
        if want == "-":
            return True
        have = {"code": self.found.code, "sector": self.found.sector, "identifier": self.found.identifier_id}
        return have[name] == want

    @property
    def passed(self) -> bool:
        """Every scored field right."""
        return all(self.agrees(name) for name in FIELDS)


def load_suite() -> list[Case]:
    """Every row of the suite, in file order."""
    text = package_files.files("whimbrel.evaluation").joinpath("data", "actor_resolution.tsv")
    lines = [line for line in text.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    out = []
    for line in lines[1:]:
        published, phrase, code, sector, identifier, body = line.split("\t")
        out.append(Case(dt.date.fromisoformat(published), phrase, code, sector, identifier, body))
    return out


def phrase_span(text: str, phrase: str) -> tuple[int, int] | None:
    """The span of the last case-insensitive occurrence of ``phrase`` in ``text``."""
    folded, want = text.casefold(), phrase.casefold()
    if len(folded) != len(text):
        folded = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in text)
    at = folded.rfind(want)
    return None if at < 0 else (at, at + len(phrase))


def resolved(doc: Document, phrase: str) -> ActorRef | None:
    """The actor the coded ``doc`` gives for the last occurrence of ``phrase``, or None."""
    span = phrase_span(doc.text, phrase)
    if span is None:
        return None
    start, end = span
    best: tuple[int, ActorRef] | None = None
    for m in doc.mentions:
        if m.kind != "actor" or m.actor is None:
            continue
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, m.actor)
    if best is not None:
        return best[1]
    for event in doc.events:
        if not event.start <= start < event.end:
            continue
        for ref in (*event.actor, *event.recipient):
            if ref.entity_text.casefold() == phrase.casefold():
                return ref
    return None


def run_cases(cases: Sequence[Case], resources: Resources | None = None) -> list[Outcome]:
    """Code every case's text with the configured pipeline and look its phrase up."""
    pipeline = Pipeline.from_config(resources.settings if resources else None, resources=resources)
    docs = [
        document_from_text(c.text, origin=f"actor-suite:{i}", doc_id=f"case-{i}", published=c.published)
        for i, c in enumerate(cases)
    ]
    coded = {d.id: d for d in pipeline.run(docs)}
    return [Outcome(c, resolved(coded[f"case-{i}"], c.phrase)) for i, c in enumerate(cases)]


def evaluate(
    *,
    split: splits.SplitChoice = "test",
    limit: int | None = None,
    resources: Resources | None = None,
) -> Report:
    """Score the ``split`` rows of the suite: per field, per category, and unknown actors kept."""
    cases = splits.select(load_suite(), split, lambda c: c.id)[:limit]
    outcomes = run_cases(cases, resources)
    report = Report("actors", "actor-resolution suite written for whimbrel: code, sector, identifier")
    n = len(outcomes)
    scored = {name: [o for o in outcomes if _scores(o.case, name)] for name in FIELDS}
    report.tasks.append(
        TaskReport(
            "fields",
            [_score(name, sum(o.agrees(name) for o in rows), len(rows)) for name, rows in scored.items()]
            + [_score("all fields", sum(o.passed for o in outcomes), n)],
            n,
        )
    )
    by_category: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_category.setdefault(o.case.category, []).append(o)
    report.tasks.append(
        TaskReport(
            "categories (all fields right)",
            [_score(k, sum(o.passed for o in v), len(v)) for k, v in sorted(by_category.items())],
            n,
        )
    )
    missing = sum(o.found is None for o in outcomes)
    unknown = Counter(o.found is not None and o.found.code is None for o in outcomes)[True]
    report.notes.append(
        f"{n} cases; {missing} phrases with no actor mention (not found); "
        f"{unknown} phrases kept as an actor mention with no code"
    )
    return report


def _scores(case: Case, name: str) -> bool:
    return (
        case.code == "-"
        or {"code": case.code, "sector": case.sector, "identifier": case.identifier}[name] != "-"
    )


def _score(label: str, right: int, total: int) -> ClassScore:
    return ClassScore(label, right, total - right, total - right)


def failures(outcomes: Sequence[Outcome]) -> list[str]:
    """One line per failing case: phrase, expected, and what came out."""
    lines = []
    for o in outcomes:
        if o.passed:
            continue
        got = "not found" if o.found is None else f"{o.found.code} {o.found.sector} {o.found.identifier_id}"
        want = f"{o.case.code} {o.case.sector} {o.case.identifier}"
        lines.append(f"{o.case.phrase!r}: want {want}, got {got} ({o.case.category})")
    return lines


def figures(report: Report) -> dict[str, float]:
    """The share right of each field and category, as flat names ("code", "pronoun"...)."""
    return {c.label: c.recall for task in report.tasks for c in task.classes}
