"""``whimbrel petrarch code``: PETRARCH-compatible CAMEO coding with a user's PETRARCH dictionaries."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from whimbrel.cli.app import EXIT_INPUT, err, fail, guarded, settings_for
from whimbrel.cli.options import ConfigOption

petrarch_app = typer.Typer(
    help="PETRARCH-compatible CAMEO coding with PETRARCH dictionaries (no Java parser).",
    no_args_is_help=True,
)


@guarded
def code_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Inputs: PETRARCH XML records (*.xml, <Sentence date id><Text>), JSONL (*.jsonl: text, "
            "optional id and date) or plain text files (one story each).",
            show_default=False,
        ),
    ],
    dictionaries: Annotated[
        list[Path],
        typer.Option(
            "--dictionaries",
            "-d",
            help="PETRARCH dictionary files, or folders of them (*.txt): actors, agents, verbs, discards.",
            show_default=False,
        ),
    ],
    variant: Annotated[
        str,
        typer.Option(
            "--variant",
            help="compat: PETRARCH's conventions in full; stand-in or strict: whimbrel's own roles.",
        ),
    ] = "compat",
    date: Annotated[
        str | None,
        typer.Option("--date", help="Date (YYYY-MM-DD) of inputs that carry none: picks dated actor codes."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSONL here instead of stdout.")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Code texts into PETRARCH-convention (source, target, CAMEO code) triples, one JSON line a record."""
    from whimbrel.petrarch import PetrarchCoder, read_input, variant_of
    from whimbrel.stages.ingest import describe

    chosen = variant_of(variant)
    default_date = None
    if date is not None:
        try:
            default_date = dt.date.fromisoformat(date)
        except ValueError:
            raise fail(f"--date {date!r}: expected YYYY-MM-DD") from None
    records = [r for path in files for r in read_input(path, default_date)]
    with err.status(f"importing {len(dictionaries)} dictionary path(s)"):
        coder = PetrarchCoder.from_files(dictionaries, variant=chosen, settings=settings_for(config))
    with err.status(f"coding {len(records)} record(s)"):
        coded = coder.code(records)
    sink: TextIO = output.open("w", encoding="utf-8") if output is not None else sys.stdout
    try:
        for item in coded:
            r = item.record
            row = {
                "id": r.id,
                "date": r.date.isoformat() if r.date else None,
                "text": r.text,
                "events": [{"source": s, "target": t, "code": c} for s, t, c in item.triples],
            }
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if output is not None:
            sink.close()
    failed = [item.document for item in coded if item.document.status == "failed"]
    for doc in failed:
        err.print(describe(doc), markup=False, highlight=False, emoji=False)
    n = sum(len(item.triples) for item in coded)
    err.print(f"whimbrel: {len(coded)} record(s), {n} event(s)", markup=False)
    if failed:
        raise typer.Exit(EXIT_INPUT)


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``petrarch`` with ``code``."""
    petrarch_app.command("code")(code_command)
    app.add_typer(petrarch_app, name="petrarch")
