"""``whimbrel events``: a readable, filtered table of stored events."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from whimbrel.cli.app import fail, guarded, out, settings_for
from whimbrel.cli.options import ConfigOption, DbOption
from whimbrel.knowledge.plover import PLOVER_EVENTS
from whimbrel.store import Store

_COLUMNS = ("event", "cameo", "actor", "recipient", "location", "date", "status", "confidence", "event_text")


@guarded
def events_command(
    db: DbOption = None,
    event: Annotated[str | None, typer.Option("--event", "-e", help="Only this PLOVER event.")] = None,
    status: Annotated[str | None, typer.Option("--status", "-s", help="Only this status.")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")] = 50,
    config: ConfigOption = None,
) -> None:
    """Show stored events as a table."""
    if event is not None and event.upper() not in PLOVER_EVENTS:
        raise typer.BadParameter(f"--event {event!r} is not a PLOVER event ({', '.join(PLOVER_EVENTS)})")
    settings = settings_for(config, {"store.path": str(db) if db else None})
    if not Path(settings.store.path).exists():
        raise fail(f"{settings.store.path}: no such store; run `whimbrel run` first")
    with Store(settings.store.path, read_only=True) as store:
        rows = store.events(limit=limit, event=event.upper() if event else None, status=status, doc_id=doc)
        total = store.counts().get("events", len(rows))
    table = Table(title=f"{len(rows)} of {total} events")
    table.add_column("doc", no_wrap=True, max_width=10)
    for col in _COLUMNS:
        table.add_column(
            col, overflow="fold", no_wrap=col in {"event", "cameo", "date", "status", "confidence"}
        )
    for row in rows:
        conf = row.get("confidence")
        table.add_row(
            str(row.get("doc_id", ""))[:10],
            *(
                f"{conf:.2f}" if col == "confidence" and isinstance(conf, float) else str(row.get(col) or "")
                for col in _COLUMNS
            ),
        )
    out.print(table)


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``events``."""
    app.command("events")(events_command)
