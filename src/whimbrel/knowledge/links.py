"""The knowledge base's links between actors (``actor_links.tsv``, written by scripts/build_actors.py).

Each row says that an entry is a member of another (``member_of``) or is backed by another
(``backed_by``), from the ``parent`` and ``backers`` fields of ``actors_groups.toml``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Final

from whimbrel.errors import KnowledgeError

LINKS_FILE: Final = "actor_links.tsv"
LINK_KINDS: Final = frozenset({"member_of", "backed_by"})

Links = MappingProxyType[str, tuple[tuple[str, str], ...]]


def parse_links(text: str, where: str = LINKS_FILE) -> dict[str, tuple[tuple[str, str], ...]]:
    """Entry id -> its (kind, target id) links, from the file's text."""
    out: dict[str, list[tuple[str, str]]] = {}
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    if not rows or rows[0].split("\t") != ["entry", "kind", "target"]:
        raise KnowledgeError(f"{where}: the first row must be the header entry, kind, target")
    for number, line in enumerate(rows[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in LINK_KINDS:
            raise KnowledgeError(
                f"{where}: row {number} must be entry, kind ({', '.join(sorted(LINK_KINDS))}), target"
            )
        out.setdefault(cells[0], []).append((cells[1], cells[2]))
    return {key: tuple(value) for key, value in out.items()}


@lru_cache(maxsize=1)
def shipped_links() -> Links:
    """The shipped links, read once per process."""
    text = resources.files("whimbrel.knowledge").joinpath(LINKS_FILE).read_text(encoding="utf-8")
    return MappingProxyType(parse_links(text))
