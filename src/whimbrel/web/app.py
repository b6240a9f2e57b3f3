"""The FastAPI application of ``whimbrel serve``: the REST API under /api and the dashboard at /."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from whimbrel import __version__
from whimbrel.errors import WhimbrelError
from whimbrel.reviews import ReviewLog, reviews_path
from whimbrel.web import routes_actions, routes_read
from whimbrel.web.cache import ResponseCache
from whimbrel.web.security import make_guard
from whimbrel.web.source import NotReady, SnapshotSource

STATIC = Path(str(resources.files("whimbrel.web").joinpath("static")))


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How the server runs: which store, which token, whether reviews may be written, and where."""

    store: Path
    token: str | None = None
    allow_review: bool = False
    reviews: Path | None = None  # default: <store>.reviews.jsonl
    poll: float = 0.5  # seconds between two looks at the store
    wait: float = 30.0  # seconds to wait at start for a running writer's first snapshot


def create_app(options: ServeOptions) -> FastAPI:
    """The application; the store is opened when it starts (lifespan) and watched while it runs."""
    source = SnapshotSource(options.store, poll=options.poll)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        source.open(wait=options.wait)
        source.start()
        try:
            yield
        finally:
            source.close()

    app = FastAPI(
        title="whimbrel",
        version=__version__,
        description="Coded events, their sources and the actor network; read-only unless reviews are on.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.source = source
    app.state.allow_review = options.allow_review
    app.state.reviews = ReviewLog(options.reviews or reviews_path(options.store))
    app.state.cache = ResponseCache()
    app.middleware("http")(make_guard(options.token))
    app.include_router(routes_read.router)
    app.include_router(routes_actions.router)

    @app.exception_handler(NotReady)
    async def not_ready(_request: Request, exc: NotReady) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(WhimbrelError)
    async def whimbrel_error(_request: Request, exc: WhimbrelError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in err.get('loc', ()) if p not in ('query', 'path', 'body'))}: "
            f"{err.get('msg', 'invalid')}"
            for err in exc.errors()
        ]
        return JSONResponse({"detail": "; ".join(problems) or "invalid request"}, status_code=422)

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
