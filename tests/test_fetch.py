"""`whimbrel fetch` against a loopback HTTP server the test starts itself (no other traffic)."""

from __future__ import annotations

import http.server
import ipaddress
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import whimbrel
from tests.inputs import NEWS_PAGE

from whimbrel.errors import InputError
from whimbrel.fetch import Fetched, FetchPolicy, check_url, fetch_all
from whimbrel.stages.ingest import IngestOptions, read_inputs

LOOPBACK_ONLY = FetchPolicy(timeout=5.0, allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/story":
            self._send(200, NEWS_PAGE.encode(), "text/html; charset=utf-8")
        elif self.path == "/moved":
            self._redirect("/story")
        elif self.path == "/to-link-local":
            self._redirect("http://169.254.169.254/latest/")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(2_000_000_000))
            self.end_headers()
        elif self.path == "/streamed-big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"x" * 50_000)
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, code: int, body: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _fetch(urls: list[str], out: Path, policy: FetchPolicy = LOOPBACK_ONLY) -> list[Fetched | InputError]:
    return list(fetch_all(urls, out, policy))


def test_pages_are_saved_and_run_reads_them_offline(server: str, tmp_path: Path) -> None:
    saved, moved = _fetch([f"{server}/story", f"{server}/moved"], tmp_path / "pages")
    assert isinstance(saved, Fetched) and isinstance(moved, Fetched)
    assert moved.final_url == f"{server}/story" and moved.status == 200
    docs = list(read_inputs([str(tmp_path / "pages")], IngestOptions()))
    assert [d.status for d in docs] == ["pending", "pending"]
    assert docs[0].title == "Rebels shell river port, officials say" and "Marenvale" in docs[0].text


def test_limits_and_refusals_are_reasons(server: str, tmp_path: Path) -> None:
    results = _fetch(
        [
            f"{server}/declared-huge",
            f"{server}/streamed-big",
            f"{server}/to-link-local",
            f"{server}/loop",
            f"{server}/missing",
            "ftp://127.0.0.1/file",
        ],
        tmp_path / "out",
        FetchPolicy(timeout=5.0, max_bytes=10_000, allowed_networks=LOOPBACK_ONLY.allowed_networks),
    )
    reasons = [r.reason if isinstance(r, InputError) else "saved" for r in results]
    assert reasons[0] == "too large: declared 2.0 GB > limit 10.0 kB"
    assert reasons[1] == "too large: more than the 10.0 kB limit"
    assert reasons[2].startswith("refused: 169.254.169.254 resolves to 169.254.169.254 (link-local)")
    assert reasons[3] == "more than 5 redirects"
    assert reasons[4] == "HTTP 404 Not Found"
    assert reasons[5] == "refused: scheme 'ftp' (only http and https)"
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(
    ("address", "why"),
    [("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.9", "private"),
     ("fe80::1", "link-local"), ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "unspecified")],
)  # fmt: skip
def test_addresses_are_checked_after_resolution(address: str, why: str) -> None:
    def resolve(host: str, port: int) -> list[str]:
        return ["93.184.215.14", address]  # a public address and a bad one: one bad one is enough

    with pytest.raises(InputError, match=rf"refused: news\.example resolves to .* \({why}\)"):
        check_url("https://news.example/a", FetchPolicy(), resolve)
    check_url("https://news.example/a", FetchPolicy(allow_private=True), resolve)


def test_cli_refuses_loopback_unless_allowed(server: str, tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text(f"# today's pages\n{server}/story\n\n", encoding="utf-8")
    refused = whimbrel("fetch", "urls.txt", "--out", "pages", cwd=tmp_path)
    assert refused.returncode == 1 and "(loopback); --allow-private fetches it" in refused.stderr
    done = whimbrel("fetch", "urls.txt", "--out", "pages", "--allow-private", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "fetched 1 of 1 pages" in done.stderr and len(list((tmp_path / "pages").iterdir())) == 1
