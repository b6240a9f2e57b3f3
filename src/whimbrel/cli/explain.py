"""``whimbrel explain``: tokens, parse, mentions, triggers and roles, and why each sentence coded or not."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.table import Table

from whimbrel import api
from whimbrel.cli.app import guarded, out


@guarded
def explain_command(
    text: Annotated[str, typer.Argument(help="The text to explain.")],
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON.")] = False,
) -> None:
    """Explain how whimbrel codes TEXT."""
    if not text.strip():
        raise typer.BadParameter("nothing to explain: the text is empty")
    if published is not None:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            raise typer.BadParameter(f"--published {published!r} is not an ISO date (YYYY-MM-DD)") from None
    result = api.explain(text, published)
    if as_json:
        out.print_json(json.dumps(result, ensure_ascii=False))
        return
    for sent in result["sentences"]:
        out.rule(f"sentence {sent['index']}")
        out.print(sent["text"], markup=False)
        tokens = Table(show_header=True, box=None, pad_edge=False)
        for col in ("i", "text", "lemma", "pos", "dep", "head", "ent"):
            tokens.add_column(col)
        for t in sent["tokens"]:
            tokens.add_row(*(str(t[c]) for c in ("i", "text", "lemma", "pos", "dep", "head", "ent")))
        out.print(tokens)
        if sent["mentions"]:
            out.print("[bold]mentions[/bold]")
            for m in sent["mentions"]:
                out.print(f"  {m['kind']:<9} {m['text']!r}  {m['detail']}", markup=False)
        for e in sent["events"]:
            out.print(
                f"[bold green]{e['event']}[/bold green] cameo {e['cameo']} {e['event_text']!r} "
                f"status={e['status']} confidence={e['confidence']:.2f}"
            )
            for why in e["why"]:
                out.print(f"  - {why}", markup=False)
        out.print(f"[bold]outcome:[/bold] {sent['outcome']}")
    for dup in result["duplicate_passages"]:
        out.print(f"passage {dup['passage']} repeats {dup['duplicate_of']}: not coded again", markup=False)


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``explain``."""
    app.command("explain")(explain_command)
