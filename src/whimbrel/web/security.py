"""The server's guards: an optional bearer token for every request, and strict browser headers.

With a token, a request passes with ``Authorization: Bearer <token>``, or with the ``whimbrel_token``
cookie that opening the dashboard as ``/?token=<token>`` sets (HttpOnly, SameSite=Strict). Tokens are
compared in constant time. The Content-Security-Policy allows only the server's own scripts, so
even HTML that got into a page could not run a script of its own.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

COOKIE = "whimbrel_token"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

_LOGIN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>whimbrel</title></head>
<body><form method="get" action="/"><p>This whimbrel server needs its token.</p>
<label>Token <input type="password" name="token" autocomplete="off"></label>
<button type="submit">Open</button></form></body></html>"""

Next = Callable[[Request], Awaitable[Response]]


def token_matches(given: str | None, token: str) -> bool:
    """Constant-time comparison of a presented token with the server's."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def presented_token(request: Request) -> str | None:
    """The token a request carries: the bearer header first, else the cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value:
        return value.strip()
    return request.cookies.get(COOKIE)


def make_guard(token: str | None) -> Callable[[Request, Next], Awaitable[Response]]:
    """The middleware: the token check (when a token is set) and the security headers."""

    async def guard(request: Request, call_next: Next) -> Response:
        response: Response
        if token is not None and not token_matches(presented_token(request), token):
            response = _refuse(request, token)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return guard


def _refuse(request: Request, token: str) -> Response:
    path = request.url.path
    if path.startswith("/api/") or path == "/openapi.json":
        return JSONResponse(
            {"detail": "missing or wrong bearer token"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    offered = request.query_params.get("token")
    if offered is not None and token_matches(offered, token):
        # The dashboard opened with ?token=...: keep it in a cookie, and drop it from the address bar.
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = path + ("?" + urlencode(rest) if rest else "")
        response: Response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return response
    return HTMLResponse(_LOGIN, status_code=401)
