"""The bearer token guards the API and the UI; the cookie lets the dashboard in after ?token=."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from whimbrel.web.app import ServeOptions, create_app
from whimbrel.web.security import COOKIE, token_matches

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def guarded(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeOptions(store=store_path, token=TOKEN))) as test_client:
        yield test_client


def test_api_needs_the_token(guarded: TestClient) -> None:
    guarded.cookies.clear()
    for url in ("/api/events", "/openapi.json", "/api/export"):
        response = guarded.get(url)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert guarded.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert guarded.post("/api/explain", json={"text": "x"}).status_code == 401


def test_ui_needs_the_token_and_keeps_it_in_a_cookie(guarded: TestClient) -> None:
    guarded.cookies.clear()
    assert guarded.get("/").status_code == 401
    assert guarded.get("/static/app.js").status_code == 401
    assert guarded.get("/?token=wrong", follow_redirects=False).status_code == 401
    response = guarded.get(f"/?token={TOKEN}&view=map", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/?view=map"
    cookie = response.headers["set-cookie"]
    assert f"{COOKIE}={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    guarded.cookies.set(COOKIE, TOKEN)
    assert guarded.get("/").status_code == 200
    assert guarded.get("/api/status").status_code == 200
    guarded.cookies.clear()


def test_token_comparison() -> None:
    assert token_matches(TOKEN, TOKEN)
    assert not token_matches(TOKEN[:-1], TOKEN)
    assert not token_matches(None, TOKEN)
    assert not token_matches("", TOKEN)


def test_headers_forbid_foreign_scripts_and_framing(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
