"""``whimbrel train``: fit the learned stage's model on your own labelled sentences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from whimbrel.cli.app import err, fail, guarded, settings_for
from whimbrel.cli.options import ConfigOption
from whimbrel.errors import MalformedInput


@guarded
def train_command(
    data: Annotated[
        Path, typer.Option("--data", help="Labelled sentences: .jsonl or .csv with text, event and/or mode.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The model file to write.")] = Path(
        "whimbrel-model.json"
    ),
    c: Annotated[float, typer.Option("--c", min=1e-6, help="Inverse L2 strength of the regression.")] = 1.0,
    config: ConfigOption = None,
) -> None:
    """Train the `learned` stage's model (deterministic) and print how to switch it on."""
    from whimbrel.training import Featuriser, read_examples, train

    settings = settings_for(config)
    bad: list[MalformedInput] = []

    def report(exc: MalformedInput) -> None:
        bad.append(exc)
        err.print(f"whimbrel: {exc}", markup=False)

    if not data.is_file():
        raise fail(f"{data}: no such training file")
    examples = read_examples(data, on_error=report)
    with err.status(f"coding {len(examples)} sentences with the rules"):
        rows = Featuriser(settings)([e.text for e in examples])
        model = train(examples, rows, c=c, meta={"data": data.name})
    model.save(out)
    tasks = ", ".join(f"{name} ({n} sentences)" for name, n in model.meta["examples"].items())
    err.print(f"whimbrel: trained {tasks} → {out}; {len(bad)} bad rows skipped", markup=False)
    stages = [s for s in settings.pipeline.stages if s != "learned"] + ["learned"]
    typer.echo(
        "# add to your config to switch the stage on:\n"
        f"[pipeline]\nstages = {json.dumps(stages)}\n"
        f"[stages.learned]\nmodel = {json.dumps(str(out.resolve()))}"
    )


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``train``."""
    app.command("train")(train_command)
