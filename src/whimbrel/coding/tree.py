"""A read-only view of one sentence's dependency tree."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cached_property
from operator import attrgetter
from typing import Generic, TypeVar

from whimbrel.model import EventStatus, Mention, Sentence, Token

_DEP = attrgetter("dep")
T = TypeVar("T")


class Once(Generic[T]):
    """A per-sentence value that the module owning it computes on first use, then keeps."""

    __slots__ = ("_value",)
    _value: T

    def get(self, compute: Callable[[], T]) -> T:
        """The value, computed by ``compute`` the first time."""
        try:
            return self._value
        except AttributeError:
            value = self._value = compute()
            return value


class Tree:
    """Children, subtrees and mentions of one parsed sentence."""

    def __init__(self, sentence: Sentence, mentions: Sequence[Mention]) -> None:
        self.sentence = sentence
        self.tokens = tokens = sentence.tokens
        self.mentions = tuple(mentions)
        self._subtrees: dict[tuple[int, frozenset[str]], list[int]] = {}
        # Per-sentence results that the coder's modules compute once, each typed and owned by one module:
        self._trigger_tokens: frozenset[int] | None = None  # set by the coding stage (``set_triggers``)
        self.named_countries: Once[frozenset[str]] = Once()  # coding.placement
        self.according: Once[tuple[EventStatus, int | None, str] | None] = Once()  # coding.status
        self.hedge: Once[tuple[EventStatus, str] | None] = Once()  # coding.status
        # Children and the mention index are what every question asks: build both once, here.
        count = len(tokens)
        kids: list[list[Token]] = [[] for _ in tokens]
        for t in tokens:
            if t.head != t.i and 0 <= t.head < count:
                kids[t.head].append(t)
        self._child_tokens: tuple[tuple[Token, ...], ...] = tuple(map(tuple, kids))
        by_kind: dict[str, dict[int, Mention]] = {}
        lists: dict[str, list[Mention]] = {}
        for m in self.mentions:
            lists.setdefault(m.kind, []).append(m)
            at = by_kind.setdefault(m.kind, {})
            for i in range(m.token_start, m.token_end):
                at.setdefault(i, m)
        self._by_kind = by_kind
        self._of_kind = {kind: tuple(found) for kind, found in lists.items()}
        self._covered: dict[str, list[int]] = {}  # each kind's covered token indices, sorted
        # Each token's text, lowercased: every sentence's rules compare lowercased words.
        self.low: list[str] = [t.text.lower() for t in tokens]
        self._lowered: str | None = None
        self._deps: list[frozenset[str] | None] = [None] * count
        self._ancestors: list[tuple[Token, ...] | None] = [None] * count

    def set_triggers(self, tokens: frozenset[int]) -> None:
        """Record the tokens that name or govern a trigger of the sentence (the coder finds them first)."""
        self._trigger_tokens = tokens

    @property
    def trigger_tokens(self) -> frozenset[int]:
        """Every token that names or governs a trigger of the sentence; an error before ``set_triggers``."""
        if self._trigger_tokens is None:
            raise RuntimeError("the sentence's trigger tokens are read before the coder found its triggers")
        return self._trigger_tokens

    @cached_property
    def mention_ids(self) -> frozenset[int]:
        """The ``id`` of each of the sentence's own mentions: the tree keeps them alive, so an ``id`` here
        is never a freed object's."""
        return frozenset(map(id, self.mentions))

    def kids(self, i: int, *deps: str) -> tuple[Token, ...]:
        """Children of token ``i``, optionally only those with one of ``deps``."""
        found = self._child_tokens[i]
        if not deps or not found:
            return found
        if len(found) == 1:  # the common case, without building a list
            return found if found[0].dep in deps else ()
        out: tuple[Token, ...] = ()
        for t in found:  # a plain loop: most answers have no token or one, and a list comprehension
            if t.dep in deps:  # costs a call of its own
                out += (t,)
        return out

    def deps(self, i: int) -> frozenset[str]:
        """The dependency labels of token ``i``'s children: a cheap test before asking for them."""
        found = self._deps[i]
        if found is None:
            found = self._deps[i] = frozenset(map(_DEP, self._child_tokens[i]))
        return found

    def infinitive(self, i: int) -> bool:
        """Verb ``i`` is a "to"-infinitive ("to fight", "to disperse the crowd")."""
        return any(a.text.lower() == "to" for a in self.kids(i, "aux"))

    def kid(self, i: int, *deps: str) -> Token | None:
        """The first child of ``i`` with one of ``deps``."""
        found = self.kids(i, *deps)
        return found[0] if found else None

    def head(self, i: int) -> Token | None:
        """The head of token ``i`` (None at the root)."""
        t = self.tokens[i]
        return None if t.head == t.i else self.tokens[t.head]

    def subtree(self, i: int, stop: frozenset[str] = frozenset()) -> list[int]:
        """Token indices under ``i`` (itself included), in order, not entering ``stop`` deps."""
        key = (i, stop)
        found = self._subtrees.get(key)
        if found is None:
            kids = self._child_tokens
            out, stack = [i], [i]
            while stack:
                for c in kids[stack.pop()]:
                    if c.dep not in stop:
                        out.append(c.i)
                        stack.append(c.i)
            out.sort()
            found = self._subtrees[key] = out
        return found

    @property
    def lowered(self) -> str:
        """The sentence's lowercased tokens joined by spaces, padded, for phrase lookups."""
        if self._lowered is None:
            self._lowered = " " + " ".join(self.low) + " "
        return self._lowered

    def ancestors(self, i: int) -> tuple[Token, ...]:
        """Heads of ``i`` up to the root (each token's chain found once: most rules climb it)."""
        found = self._ancestors[i]
        if found is None:
            chain: list[Token] = []
            seen = {i}
            t = self.tokens[i]
            while t.head != t.i and t.head not in seen:
                seen.add(t.head)
                t = self.tokens[t.head]
                chain.append(t)
            found = self._ancestors[i] = tuple(chain)
        return found

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the tokens coordinated with it ("Iraq and Syria")."""
        deps = self.deps(i)
        if "conj" not in deps and "appos" not in deps:
            return [i]  # the common case: nothing coordinated
        kids = self._child_tokens
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(c.i for c in kids[j] if c.dep == "conj" or c.dep == "appos")
        return out if len(out) == 1 else sorted(out)

    def mention_at(self, kind: str, i: int) -> Mention | None:
        """The mention of ``kind`` covering token ``i``."""
        at = self._by_kind.get(kind)
        return at.get(i) if at is not None else None

    def covers(self, kind: str, start: int, end: int) -> bool:
        """Whether a mention of ``kind`` covers any token in [start, end]."""
        covered = self._covered.get(kind)
        if covered is None:
            covered = self._covered[kind] = sorted(self._by_kind.get(kind, ()))
        # the first covered index at or after ``start`` is the only one that can fall in the range
        k = bisect_left(covered, start)
        return k < len(covered) and covered[k] <= end

    def has(self, kind: str) -> bool:
        """Whether the sentence has any mention of ``kind``."""
        return kind in self._by_kind

    def of_kind(self, kind: str) -> tuple[Mention, ...]:
        """This sentence's mentions of ``kind``, in order."""
        return self._of_kind.get(kind, ())

    def text(self, start: int, end: int) -> str:
        """Surface text of tokens [start, end)."""
        return "".join(t.text + t.whitespace for t in self.tokens[start:end]).strip()
