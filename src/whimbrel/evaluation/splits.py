"""The fixed dev/test split of every gold set: a hash of the item's id decides.

An item is on the dev split when the first byte of the SHA-256 of its id (UTF-8) is even, else on the
test split. The rule needs nothing but the id, so a set's split never changes when items are added,
removed or reordered, and every evaluator splits the same way. Rules and lexicon entries are written
from dev-split errors only; test-split figures are the headline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

Split = Literal["dev", "test"]
SplitChoice = Literal["dev", "test", "all"]
SPLITS: tuple[SplitChoice, ...] = ("dev", "test", "all")

T = TypeVar("T")


def split_of(item_id: str) -> Split:
    """ "dev" or "test" for the item ``item_id`` (stable across runs, machines and Python versions)."""
    return "dev" if hashlib.sha256(item_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def in_split(item_id: str, split: SplitChoice) -> bool:
    """Whether the item belongs to ``split`` ("all" holds every item)."""
    return split == "all" or split_of(item_id) == split


def select(items: Iterable[T], split: SplitChoice, key: Callable[[T], str]) -> list[T]:
    """The items of ``split``, in their order; ``key`` gives an item's id."""
    return [item for item in items if in_split(key(item), split)]


DEFAULT: SplitChoice = "test"
"""The split ``whimbrel eval`` scores unless told otherwise: test is the headline, dev is to learn from."""


def check(choice: str) -> SplitChoice:
    """``choice`` as a split name; anything else raises ValueError naming the choices."""
    for known in SPLITS:
        if choice == known:
            return known
    raise ValueError(f"unknown split {choice!r}; choose one of: {', '.join(SPLITS)}")
