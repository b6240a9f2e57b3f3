"""``whimbrel events``: a readable, filtered table of stored events."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from whimbrel.cli.app import fail, guarded, out, settings_for
from whimbrel.cli.filtering import (
    ActorOption,
    CountryOption,
    DocOption,
    EventOption,
    SinceOption,
    StatusOption,
    UntilOption,
    parse_filter,
    with_documents,
)
from whimbrel.cli.options import ConfigOption, DbOption
from whimbrel.store import Store

_COLUMNS = ("event", "cameo", "actor", "recipient", "location", "date", "status", "confidence", "event_text")
_NO_WRAP = frozenset({"event", "cameo", "date", "status", "confidence"})


def _names(entities: Any) -> str:
    return ", ".join(str(e.get("entity_text") or "") for e in entities or ())


def _cells(record: Mapping[str, Any]) -> list[str]:
    loc = record.get("event_loc") or {}
    conf = record.get("confidence")
    values = {
        "event": record.get("event"),
        "cameo": record.get("cameo"),
        "actor": _names(record.get("actor")),
        "recipient": _names(record.get("recipient")),
        "location": loc.get("name") or loc.get("text"),
        "date": record.get("date"),
        "status": record.get("status"),
        "confidence": f"{conf:.2f}" if isinstance(conf, int | float) else None,
        "event_text": record.get("event_text"),
    }
    return [str(values[c] or "") for c in _COLUMNS]


@guarded
def events_command(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    event: EventOption = None,
    country: CountryOption = None,
    actor: ActorOption = None,
    status: StatusOption = None,
    doc: DocOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows (0: all).")] = 50,
    config: ConfigOption = None,
) -> None:
    """Show stored events as a table."""
    flt = parse_filter(since=since, until=until, event=event, country=country, actor=actor, status=status)
    settings = settings_for(config, {"store.path": str(db) if db else None})
    if not Path(settings.store.path).exists():
        raise fail(f"{settings.store.path}: no such store; run `whimbrel run` first")
    with Store(settings.store.path, read_only=True) as store:
        flt = with_documents(store, flt, doc)
        matching = flt.apply(store.event_records(doc_ids=sorted(flt.doc_ids) if flt.doc_ids else None))
        rows = list(islice(matching, limit) if limit > 0 else matching)
        total = store.counts().get("events", len(rows))
    table = Table(title=f"{len(rows)} of {total} events")
    table.add_column("doc", no_wrap=True, max_width=10)
    for col in _COLUMNS:
        table.add_column(col, overflow="fold", no_wrap=col in _NO_WRAP)
    for record in rows:
        info = record.get("text_info") or {}
        table.add_row(str(info.get("doc_id", ""))[:10], *_cells(record))
    out.print(table)


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``events``."""
    app.command("events")(events_command)
