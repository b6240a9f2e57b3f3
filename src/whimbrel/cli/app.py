"""The ``whimbrel`` Typer application: shared options, error handling and command registration."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import typer
from rich.console import Console

from whimbrel.config import Settings, load_config
from whimbrel.errors import InputError, UsageError, WhimbrelError

app = typer.Typer(
    name="whimbrel",
    help="Turn political and conflict reporting into PLOVER/CAMEO event data, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
config_app = typer.Typer(help="Show the configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")

err = Console(stderr=True, highlight=False, soft_wrap=True)
# Piped output gets a wide table rather than Rich's 80-column default.
out = Console(
    highlight=False, width=None if sys.stdout.isatty() else shutil.get_terminal_size((160, 24)).columns
)

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INPUT = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one line to stderr and return the exit to raise."""
    err.print(f"whimbrel: {message}", markup=False)
    return typer.Exit(code)


def guarded(func: F) -> F:
    """Turn whimbrel's expected errors into one stderr line and an exit code, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:  # `whimbrel export | head`: the reader has all it wanted
            quiet_stdout()
            raise typer.Exit(0) from None
        except InputError as exc:
            raise fail(str(exc), EXIT_INPUT) from None
        except UsageError as exc:
            raise fail(str(exc)) from None
        except WhimbrelError as exc:
            raise fail(f"error: {exc}") from None
        except OSError as exc:  # an output file that cannot be written, a full disk
            raise fail(f"error: {exc.filename or ''}: {exc.strerror or exc}") from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return cast("F", wrapper)


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit after a closed pipe raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def settings_for(config: Path | None, overrides: dict[str, Any] | None = None) -> Settings:
    """Load settings with CLI overrides (None values are left out)."""
    return load_config(config, overrides={k: v for k, v in (overrides or {}).items() if v is not None})


def _register() -> None:
    # One explicit list of command modules; each adds its commands to `app`.
    from whimbrel.cli import actors, bench, events, explain, export, fetch, info, petrarch, run, serve, train
    from whimbrel.cli import eval as evaluate

    for module in (
        run,
        fetch,
        export,
        events,
        explain,
        info,
        bench,
        evaluate,
        train,
        actors,
        petrarch,
        serve,
    ):
        module.register(app, config_app)


def main() -> None:
    """Console entry point."""
    _register()
    try:
        app()
    except BrokenPipeError:  # `whimbrel export | head`, outside a command
        quiet_stdout()
