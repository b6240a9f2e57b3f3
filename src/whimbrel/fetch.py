"""``whimbrel fetch``: download web pages into a folder that ``whimbrel run`` reads offline.

Every address a host resolves to is checked before a connection is made, for the first URL and
for each redirect: private, loopback, link-local, multicast, reserved and unspecified addresses are
refused unless allowed. Bodies are capped (on the declared length and while streaming) and every
request has a timeout. Each page becomes one fetch file (``whimbrel.stages.ingest.fetched``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
import re
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from whimbrel.errors import InputError
from whimbrel.stages.ingest.common import human_size
from whimbrel.stages.ingest.fetched import envelope

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

USER_AGENT = "whimbrel-fetch (+https://pypi.org/project/whimbrel/)"
MAX_REDIRECTS = 5
_SLUG = re.compile(r"[^A-Za-z0-9.-]+")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits of one fetch: timeout (seconds), body size, redirects, and which addresses may be used.

    ``allow_private`` lets every address through; ``allowed_networks`` lets only those networks
    through besides public addresses.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = MAX_REDIRECTS
    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    def refuses(self, address: IPAddress) -> str | None:
        """Why ``address`` may not be fetched from, or None when it may."""
        if self.allow_private or any(address in net for net in self.allowed_networks):
            return None
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        for kind, flag in (
            ("loopback", address.is_loopback),
            ("unspecified", address.is_unspecified),
            ("link-local", address.is_link_local),
            ("multicast", address.is_multicast),
            ("private", address.is_private),
            ("reserved", address.is_reserved),
        ):
            if flag:
                return kind
        return None if address.is_global else "not a public address"


@dataclass(frozen=True, slots=True)
class Fetched:
    """One page: the URL asked for, where it ended, and the file it was saved in."""

    url: str
    final_url: str
    status: int
    content_type: str
    size: int
    path: Path


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, policy: FetchPolicy, resolve: Resolver = _resolve) -> None:
    """Raise InputError unless ``url`` is http(s) and every address of its host is allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(url, f"refused: scheme {parts.scheme or '(none)'!r} (only http and https)")
    host = parts.hostname
    if not host:
        raise InputError(url, "refused: no host in the URL")
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = [str(literal)] if literal is not None else resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise InputError(url, f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise InputError(url, f"cannot resolve {host}: no address")
    for text in addresses:
        address = ipaddress.ip_address(text.split("%")[0])
        why = policy.refuses(address)
        if why is not None:
            raise InputError(
                url, f"refused: {host} resolves to {address} ({why}); --allow-private fetches it"
            )


def _body(response: Any, url: str, policy: FetchPolicy) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise InputError(
            url, f"too large: declared {human_size(int(declared))} > limit {human_size(policy.max_bytes)}"
        )
    chunks: list[bytes] = []
    got = 0
    for chunk in response.iter_bytes():
        got += len(chunk)
        if got > policy.max_bytes:
            raise InputError(url, f"too large: more than the {human_size(policy.max_bytes)} limit")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_one(
    client: Any, url: str, policy: FetchPolicy, resolve: Resolver = _resolve
) -> tuple[str, int, str, bytes, str]:
    """(final url, status, content type, body, charset) of ``url``, following checked redirects."""
    import httpx

    current = url
    for _ in range(policy.max_redirects + 1):
        check_url(current, policy, resolve)
        try:
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise InputError(url, f"HTTP {response.status_code} redirect without a Location")
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                body = _body(response, url, policy)
                kind = response.headers.get("content-type", "application/octet-stream")
                return current, response.status_code, kind, body, response.charset_encoding or "utf-8"
        except httpx.TimeoutException:
            raise InputError(url, f"timed out after {policy.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise InputError(url, f"cannot fetch: {type(exc).__name__}: {exc}") from None
    raise InputError(url, f"more than {policy.max_redirects} redirects")


def _file_name(index: int, url: str) -> str:
    host = _SLUG.sub("-", urlsplit(url).hostname or "host").strip("-")[:40]
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"{index:04d}-{host}-{digest}.fetch.json"


def read_urls(lines: Iterable[str]) -> list[str]:
    """The URLs of a URL file: one per line, blank lines and ``#`` comments left out."""
    urls = []
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            urls.append(text)
    return urls


def fetch_all(
    urls: Iterable[str],
    out_dir: Path,
    policy: FetchPolicy,
    *,
    resolve: Resolver = _resolve,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> Iterator[Fetched | InputError]:
    """Fetch each URL into ``out_dir`` (created), yielding what was saved or why it was not."""
    import httpx

    out_dir.mkdir(parents=True, exist_ok=True)
    timeout = httpx.Timeout(policy.timeout)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/pdf,*/*;q=0.5",
    }
    with httpx.Client(follow_redirects=False, timeout=timeout, headers=headers, trust_env=False) as client:
        for index, url in enumerate(urls, start=1):
            try:
                final, status, kind, body, charset = fetch_one(client, url, policy, resolve)
            except InputError as exc:
                yield exc
                continue
            record = envelope(
                url=url,
                final_url=final,
                fetched_at=now().strftime("%Y-%m-%dT%H:%M:%SZ"),
                status=status,
                content_type=kind,
                body=body,
                charset=charset,
            )
            path = out_dir / _file_name(index, url)
            path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            yield Fetched(url, final, status, kind, len(body), path)
