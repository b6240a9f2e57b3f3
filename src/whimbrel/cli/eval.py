"""``whimbrel eval``: score the product against a gold data set (``../shared/data``) or a packaged suite.

Two sets ship inside the package and need no ``--data``: ``wire`` (the wire corpus with hand-coded
events) and ``behaviour`` (the CheckList-style behavioural suite, a pass rate per template).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from whimbrel.cli.app import err, guarded
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import datasets, splits
from whimbrel.evaluation.metrics import render, to_json

PACKAGED = {
    "wire": "wire reports written for whimbrel, matched to hand-coded events",
    "behaviour": "CheckList-style behavioural templates, a pass rate per template",
}


def _split(split: str | None) -> splits.SplitChoice:
    for known in splits.SPLITS:
        if split == known:
            return known
    raise EvaluationError(f"unknown split {split!r}; choose one of: {', '.join(splits.SPLITS)}")


def _behaviour(as_json: bool, failures: int, templates: list[str] | None) -> str:
    from whimbrel.evaluation.behaviour import suite

    chosen = suite.select(templates or ())
    with err.status(f"evaluating behaviour: {len(chosen)} templates"):
        report = suite.run(chosen)
    if as_json:
        return json.dumps(suite.to_json(report, failures=failures), indent=2, ensure_ascii=False)
    return suite.render(report, failures=failures)


@guarded
def eval_command(
    dataset: Annotated[
        str,
        typer.Argument(
            help=f"The gold data set: {', '.join([*datasets.DATASETS, *PACKAGED])}.", show_default=False
        ),
    ],
    data: Annotated[
        Path,
        typer.Option(
            "--data", help="The folder that holds the gold data sets (not read by wire, behaviour)."
        ),
    ] = datasets.DEFAULT_DATA_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Score only the first N gold items.")
    ] = None,
    split: Annotated[
        str | None,
        typer.Option("--split", help="wire: which reports to score, dev, test (default) or all."),
    ] = None,
    failures: Annotated[
        int, typer.Option("--failures", min=0, help="behaviour: show N failing cases of each template.")
    ] = 0,
    template: Annotated[
        list[str] | None,
        typer.Option(
            "--template", help="behaviour: run only templates whose name starts with this (repeatable)."
        ),
    ] = None,
) -> None:
    """Code a gold data set through run + export and print its scores (or a suite's pass rates)."""
    if dataset == "behaviour":
        typer.echo(_behaviour(as_json, failures, template))
        return
    if dataset == "wire":
        from whimbrel.evaluation import wire

        choice = _split(split or "test")
        with err.status(f"evaluating wire ({choice}): {PACKAGED['wire']}"):
            report = wire.evaluate(limit=limit, split=choice)
        report.notes.insert(0, f"split {choice} (reports by a hash of their id; docs/evaluation.md)")
    else:
        spec = datasets.get(dataset)
        if split is not None:
            raise EvaluationError(f"--split is not available for {spec.name} yet")
        with err.status(f"evaluating {spec.name}: {spec.description}"):
            report = datasets.evaluate(spec.name, data, limit=limit)
    # Plain text, never re-wrapped: the confusion tables are wider than a terminal.
    typer.echo(json.dumps(to_json(report), indent=2, ensure_ascii=False) if as_json else render(report))


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``eval``."""
    app.command("eval")(eval_command)
