"""``whimbrel eval``: score the coder against a gold data set from ``../shared/data``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from whimbrel.cli.app import err, guarded
from whimbrel.evaluation import datasets
from whimbrel.evaluation.metrics import render, to_json


@guarded
def eval_command(
    dataset: Annotated[
        str, typer.Argument(help=f"The gold data set: {', '.join(datasets.DATASETS)}.", show_default=False)
    ],
    data: Annotated[
        Path,
        typer.Option("--data", help="The folder that holds the gold data sets."),
    ] = datasets.DEFAULT_DATA_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Score only the first N gold items.")
    ] = None,
) -> None:
    """Code a gold data set and print per-class precision, recall and F1, averages and confusions."""
    spec = datasets.get(dataset)
    with err.status(f"evaluating {spec.name}: {spec.description}"):
        report = datasets.evaluate(spec.name, data, limit=limit)
    # Plain text, never re-wrapped: the confusion tables are wider than a terminal.
    typer.echo(json.dumps(to_json(report), indent=2, ensure_ascii=False) if as_json else render(report))


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``eval``."""
    app.command("eval")(eval_command)
