"""Matching a tokenised sentence against a PETRARCH verb dictionary the PETRARCH way.

``VerbMatcher`` applies the full dictionary to a tokenised sentence the way PETRARCH does (surface
forms, patterns with their words before and after the verb, synsets, the most specific pattern
first), to give the PETRARCH code of a verb already found by the coder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whimbrel.petrarch.verb_dictionary import (
    NULL_CODE,
    Element,
    Pattern,
    VerbBlock,
    VerbDictionary,
    VerbEntry,
)

if TYPE_CHECKING:
    from whimbrel.petrarch.verb_triggers import Lemmatizer

__all__ = ["PatternHit", "VerbMatch", "VerbMatcher"]


@dataclass(frozen=True, slots=True)
class PatternHit:
    """A pattern that matches around a verb, with where its role markers fell.

    ``markers`` holds (marker, token index, direction): the marker's words start at the index and run
    away from the verb (direction +1 after it, -1 before it).
    """

    pattern: Pattern
    score: int  # literal tokens matched
    markers: tuple[tuple[str, int, int], ...]

    @property
    def code(self) -> str:
        """The pattern's code."""
        return self.pattern.code

    def has(self, marker: str) -> bool:
        """True when the pattern uses ``marker`` ("%", "$", "+", "^")."""
        return any(m == marker for m, _, _ in self.markers)


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """The PETRARCH reading of one verb token: its block and verb, the patterns that match (best first)."""

    block: VerbBlock
    verb: VerbEntry
    hits: tuple[PatternHit, ...]

    @property
    def default(self) -> str:
        """The verb's code when no pattern applies."""
        return self.block.code_of(self.verb)

    @property
    def code(self) -> str:
        """The code of the best pattern that needs no compound actor, else the verb's code."""
        hit = next((h for h in self.hits if not h.has("%")), None)
        return hit.code if hit is not None else self.default


_Item = tuple[str, tuple[tuple[str, ...], ...], bool]  # (marker or "", alternatives, joined)


class VerbMatcher:
    """Finds a token's PETRARCH verb and the patterns that match around it, most specific first."""

    def __init__(self, verbs: VerbDictionary, lemmatize: Lemmatizer | None = None) -> None:
        self.verbs = verbs
        self._forms: dict[str, list[tuple[VerbBlock, VerbEntry]]] = {}
        self._lemmas: dict[str, list[tuple[VerbBlock, VerbEntry]]] = {}
        for block in verbs.blocks:
            for verb in block.verbs:
                for form in verb.forms:
                    self._forms.setdefault(form.lower(), []).append((block, verb))
                if lemmatize is not None and (lemma := lemmatize(verb.word)) is not None:
                    self._lemmas.setdefault(lemma, []).append((block, verb))

    def match(self, words: Sequence[str], lemmas: Sequence[str], i: int) -> VerbMatch | None:
        """The PETRARCH reading of token ``i`` (``words``: lower-case token texts), or None.

        A surface form is looked up first (PETRARCH's way), then the lemma; a phrasal verb whose other
        words are near beats a plain one. Patterns are ranked by the literal tokens they match, then by
        their order in the file.
        """
        candidates = self._forms.get(words[i], []) or self._lemmas.get(lemmas[i], [])
        sized = [
            (size, block, verb)
            for block, verb in candidates
            if (size := _phrasal(verb, words, i)) is not None
        ]
        if not sized:
            return None
        longest = max(size for size, _, _ in sized)
        best: tuple[tuple[int, int, int], VerbMatch] | None = None
        for n, (size, block, verb) in enumerate(sized):
            if size < longest:
                continue
            hits = []
            for order, pattern in enumerate(block.patterns):
                hit = self._hit(pattern, words, i)
                if hit is not None:
                    hits.append((-hit.score, order, hit))
            found = VerbMatch(block, verb, tuple(h for _, _, h in sorted(hits, key=lambda x: x[:2])))
            # The same verb in several blocks: the block whose pattern matches most, else one with a code.
            rank = (found.hits[0].score if found.hits else -1, found.default != NULL_CODE, -n)
            if best is None or rank > best[0]:
                best = (rank, found)
        return best[1] if best is not None else None

    def _hit(self, pattern: Pattern, words: Sequence[str], i: int) -> PatternHit | None:
        elements = (*pattern.before, *pattern.after)
        if not any(e.kind != "marker" for e in elements) and not any(e.text == "%" for e in elements):
            return None  # only role markers: nothing to check
        after = self._items(pattern.after, [e.joined for e in pattern.after])
        right = _match(after, words, i + 1)
        if right is None:
            return None
        joins = [e.joined for e in pattern.before[1:]] + ([pattern.star_joined] if pattern.before else [])
        before = self._items(tuple(reversed(pattern.before)), list(reversed(joins)))
        flipped = [(m, tuple(tuple(reversed(a)) for a in alts), j) for m, alts, j in before]
        left = _match(flipped, list(reversed(words[:i])), 0)
        if left is None:
            return None
        markers = [(m, pos, 1) for m, pos in right[1]] + [(m, i - 1 - pos, -1) for m, pos in left[1]]
        return PatternHit(pattern, left[0] + right[0], tuple(markers))

    def _items(self, elements: Sequence[Element], joins: Sequence[bool]) -> list[_Item]:
        return [
            (e.text if e.kind == "marker" else "", tuple(self.verbs.alternatives(e)), joined)
            for e, joined in zip(elements, joins, strict=True)
        ]


def _phrasal(verb: VerbEntry, words: Sequence[str], i: int) -> int | None:
    """How many extra words of a phrasal verb are near token ``i`` (None: they are not: not this verb)."""
    size = 0
    for k, word in enumerate(verb.after):
        if word.lower() not in words[i + 1 : i + 4 + k]:
            return None
        size += 1
    for k, word in enumerate(reversed(verb.before)):
        if word.lower() not in words[max(0, i - 3 - k) : i]:
            return None
        size += 1
    return size


def _match(
    items: Sequence[_Item], words: Sequence[str], start: int
) -> tuple[int, list[tuple[str, int]]] | None:
    """Match ``items`` from ``start``: (literal tokens matched, [(marker, position)]), or None.

    A joined item must start right where the previous one ended; any other may start later. A role
    marker matches nothing itself; what follows it is never joined.
    """

    def go(k: int, pos: int, loose: bool) -> tuple[int, list[tuple[str, int]]] | None:
        if k == len(items):
            return 0, []
        marker, alternatives, joined = items[k]
        if marker:
            rest = go(k + 1, pos, True)
            return None if rest is None else (rest[0], [(marker, pos), *rest[1]])
        starts = [pos] if joined and not loose else range(pos, len(words))
        for s in starts:
            for alt in alternatives:
                if tuple(words[s : s + len(alt)]) == alt:
                    rest = go(k + 1, s + len(alt), False)
                    if rest is not None:
                        return len(alt) + rest[0], rest[1]
        return None

    return go(0, start, False)
