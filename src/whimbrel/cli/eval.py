"""``whimbrel eval``: score the product against a gold data set (``../shared/data``) or a packaged suite.

Three sets ship inside the package and need no ``--data``: ``wire`` (the wire corpus with hand-coded
events), ``behaviour`` (the CheckList-style behavioural suite, a pass rate per template) and
``actors`` (the actor-resolution suite, a share right per field and per category).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from whimbrel.cli.app import err, guarded, settings_for
from whimbrel.cli.options import ConfigOption
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import datasets, splits
from whimbrel.evaluation.metrics import render, to_json

PACKAGED = {
    "wire": "wire reports written for whimbrel, matched to hand-coded events",
    "behaviour": "CheckList-style behavioural templates, a pass rate per template",
    "actors": "actor-resolution suite: code, sector and identifier of a phrase in a short text",
}


def _split(split: str) -> splits.SplitChoice:
    try:
        return splits.check(split)
    except ValueError as exc:
        raise EvaluationError(str(exc)) from None


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
            "--data", help="The folder that holds the gold data sets (not read by wire, behaviour, actors)."
        ),
    ] = datasets.DEFAULT_DATA_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Score only the first N gold items of the split.")
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="Which items to score: dev, test (the headline) or all; fixed by a hash of each item's id.",
        ),
    ] = splits.DEFAULT,
    failures: Annotated[
        int, typer.Option("--failures", min=0, help="behaviour: show N failing cases of each template.")
    ] = 0,
    template: Annotated[
        list[str] | None,
        typer.Option(
            "--template", help="behaviour: run only templates whose name starts with this (repeatable)."
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Code a gold data set through run + export and print its scores (or a suite's pass rates)."""
    if dataset == "behaviour":
        typer.echo(_behaviour(as_json, failures, template))
        return
    if dataset == "actors":
        from whimbrel.evaluation import actor_resolution
        from whimbrel.pipeline import Resources

        choice = _split(split)
        with err.status(f"evaluating actors ({choice}): {PACKAGED['actors']}"):
            report = actor_resolution.evaluate(
                limit=limit, split=choice, resources=Resources(settings_for(config))
            )
        report.notes.insert(0, f"split {choice} (rows by a hash of their id; docs/evaluation.md)")
    elif dataset == "wire":
        from whimbrel.evaluation import wire

        choice = _split(split)
        with err.status(f"evaluating wire ({choice}): {PACKAGED['wire']}"):
            report = wire.evaluate(limit=limit, split=choice)
        report.notes.insert(0, f"split {choice} (reports by a hash of their id; docs/evaluation.md)")
    else:
        spec = datasets.get(dataset)
        with err.status(f"evaluating {spec.name} ({split}): {spec.description}"):
            report = datasets.evaluate(
                spec.name, data, limit=limit, split=split, settings=settings_for(config)
            )
    # Plain text, never re-wrapped: the confusion tables are wider than a terminal.
    typer.echo(json.dumps(to_json(report), indent=2, ensure_ascii=False) if as_json else render(report))


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``eval``."""
    app.command("eval")(eval_command)
