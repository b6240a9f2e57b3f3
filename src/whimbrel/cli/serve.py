"""``whimbrel serve``: the REST API and the dashboard, on 127.0.0.1 and read-only by default."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from whimbrel.cli.app import err, fail, guarded, settings_for
from whimbrel.cli.options import ConfigOption, DbOption, ReviewsOption

TOKEN_ENV = "WHIMBREL_TOKEN"


@guarded
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8787,
    token: Annotated[
        str | None,
        typer.Option("--token", help=f"Require this bearer token for the API and the UI [env {TOKEN_ENV}]."),
    ] = None,
    allow_review: Annotated[
        bool, typer.Option("--allow-review", help="Let analysts record reviews (in the reviews file).")
    ] = False,
    reviews: ReviewsOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the dashboard and the REST API over the store (read-only; reviews go to their own file)."""
    import uvicorn

    from whimbrel.web.app import ServeOptions, create_app

    settings = settings_for(config, {"store.path": str(db) if db else None})
    store = Path(settings.store.path)
    if not store.exists():
        raise fail(f"{store}: no such store; run `whimbrel run` first")
    token = token or os.environ.get(TOKEN_ENV) or None
    if not _is_loopback(host) and token is None:
        err.print(f"whimbrel: warning: listening on {host} without --token; anyone who reaches it can read")
    app = create_app(ServeOptions(store=store, token=token, allow_review=allow_review, reviews=reviews))
    err.print(
        f"whimbrel: serving {store} on http://{host}:{port}/"
        + (" (reviews allowed)" if allow_review else " (read-only)"),
        markup=False,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer, _config: typer.Typer) -> None:
    """Add ``serve``."""
    app.command("serve")(serve_command)
