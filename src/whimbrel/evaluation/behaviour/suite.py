"""The behavioural suite: every template's cases, coded through run + export, pass rates per template.

Cases are drawn deterministically: draw ``k`` of template ``T`` uses ``random.Random(f"{T}:{k}")``, so
the suite is the same on every machine and a template's cases change only when the template does.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from whimbrel.errors import EvaluationError
from whimbrel.evaluation.behaviour import actors, claims, dates, hazards, modality, news, senses, sizes
from whimbrel.evaluation.behaviour.cases import Case, Template, verdict
from whimbrel.evaluation.exported import InputDocument, Record, export_records
from whimbrel.pipeline import Resources

TEMPLATES: tuple[Template, ...] = (
    *claims.TEMPLATES,
    *hazards.TEMPLATES,
    *modality.TEMPLATES,
    *dates.TEMPLATES,
    *news.TEMPLATES,
    *actors.TEMPLATES,
    *sizes.TEMPLATES,
    *senses.TEMPLATES,
)


def templates() -> tuple[Template, ...]:
    """Every template of the suite, in report order."""
    return TEMPLATES


def generate(selected: Iterable[Template] | None = None) -> list[Case]:
    """Every case of the ``selected`` templates (default: all), with ids ``template:draw.variant``."""
    out: list[Case] = []
    for template in selected if selected is not None else TEMPLATES:
        for k in range(template.draws):
            for v, case in enumerate(template.build(random.Random(f"{template.name}:{k}"))):
                out.append(replace(case, id=f"{template.name}:{k}.{v}", template=template.name))
    return out


@dataclass(frozen=True, slots=True)
class Failure:
    """A case that did not pass, with its text and the reason."""

    id: str
    text: str
    published: str
    reason: str


@dataclass
class TemplateResult:
    """How one template's cases fared."""

    name: str
    about: str
    cases: int = 0
    passed: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """The share of cases that passed."""
        return self.passed / self.cases if self.cases else 0.0


@dataclass
class BehaviourReport:
    """The pass rate of each template and of the whole suite."""

    results: list[TemplateResult]

    @property
    def cases(self) -> int:
        """Every case run."""
        return sum(r.cases for r in self.results)

    @property
    def passed(self) -> int:
        """Every case passed."""
        return sum(r.passed for r in self.results)

    @property
    def rate(self) -> float:
        """The share of all cases that passed."""
        return self.passed / self.cases if self.cases else 0.0

    def rates(self) -> dict[str, float]:
        """Template name -> pass rate."""
        return {r.name: r.rate for r in self.results}


Coder = Callable[[Sequence[InputDocument]], dict[str, list[Record]]]


def run(
    selected: Iterable[Template] | None = None,
    *,
    resources: Resources | None = None,
    coder: Coder | None = None,
) -> BehaviourReport:
    """Generate the cases, code them all in one go (run + export) and judge each one."""
    chosen = list(selected if selected is not None else TEMPLATES)
    cases = generate(chosen)
    docs = [InputDocument(c.id, c.text, c.published) for c in cases]
    records = coder(docs) if coder is not None else export_records(docs, resources=resources)
    results = {t.name: TemplateResult(t.name, t.about) for t in chosen}
    for case in cases:
        result = results[case.template]
        result.cases += 1
        reason = verdict(case, records.get(case.id, []))
        if reason is None:
            result.passed += 1
        else:
            result.failures.append(Failure(case.id, case.text, _iso(case.published), reason))
    return BehaviourReport(list(results.values()))


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "no publication date"


def render(report: BehaviourReport, *, failures: int = 0) -> str:
    """The pass rate of each template, then overall; ``failures`` examples of each failing template."""
    width = max((len(r.name) for r in report.results), default=10) + 2
    lines = ["# behaviour: CheckList-style templates coded through run + export", ""]
    lines.append(f"{'template':<{width}}{'rate':>7}{'passed':>8}{'cases':>7}")
    for r in report.results:
        lines.append(f"{r.name:<{width}}{r.rate:7.3f}{r.passed:8d}{r.cases:7d}")
        for failure in r.failures[:failures]:
            text = failure.text.replace("\n\n", " / ").replace("\n", " / ")
            lines.append(f"    {failure.id} ({failure.published}): {text}")
            lines.append(f"      -> {failure.reason}")
    lines.append("")
    lines.append(
        f"{'all':<{width}}{report.rate:7.3f}{report.passed:8d}{report.cases:7d}"
        f"   ({len(report.results)} templates)"
    )
    return "\n".join(lines)


def to_json(report: BehaviourReport, *, failures: int = 0) -> dict[str, Any]:
    """The report as JSON-ready data (with up to ``failures`` failing cases per template)."""
    return {
        "dataset": "behaviour",
        "cases": report.cases,
        "passed": report.passed,
        "rate": report.rate,
        "templates": {
            r.name: {
                "about": r.about,
                "cases": r.cases,
                "passed": r.passed,
                "rate": r.rate,
                "failures": [
                    {"id": f.id, "text": f.text, "published": f.published, "reason": f.reason}
                    for f in r.failures[:failures]
                ],
            }
            for r in report.results
        },
    }


def select(prefixes: Iterable[str]) -> list[Template]:
    """The templates whose name starts with one of ``prefixes`` (every template when none is given)."""
    wanted = tuple(prefixes)
    chosen = [t for t in TEMPLATES if not wanted or t.name.startswith(wanted)]
    if not chosen:
        raise EvaluationError(f"no behaviour template starts with {', '.join(map(repr, wanted))}")
    return chosen
