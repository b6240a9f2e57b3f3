"""Quantities: numbers written in digits or words, with their qualifier ("at least", "more than")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from whimbrel.memo import Memo
from whimbrel.model import Quantity, Token

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals: the value is the least the phrase can mean, and the phrase is the qualifier.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000}
_VAGUE_SINGLE = {"dozen": 12, "several": 3, "a few": 2, "a couple": 2, "numerous": 3}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")

QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(q.split())
    for q in (
        "at least", "more than", "over", "nearly", "almost", "about", "around", "up to", "some",
        "approximately", "roughly", "fewer than", "less than", "at most", "as many as", "an estimated",
        "upwards of", "close to", "in excess of", "well over", "just over", "just under", "under",
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity located in a sentence (token indices, end exclusive)."""

    start: int
    end: int
    quantity: Quantity


def _is_number_word(text: str) -> bool:
    if text in _UNITS or text in _SCALES or (text[:1].isdigit() and _DIGITS.match(text)):
        return True
    return "-" in text and all(part in _UNITS for part in text.split("-"))


_NUMBER_WORDS = Memo(_is_number_word)  # asked of every token of every sentence


def parse_number(words: Sequence[str]) -> int | None:
    """Value of a number phrase: ["120"], ["two"], ["a", "hundred"], ["twenty-five"], ["3", "million"]."""
    total, current, seen = 0, 0, False
    for raw in words:
        word = raw.lower()
        if word in {"a", "an", "and", "-"}:
            if word in {"a", "an"}:
                current = max(current, 1)
            continue
        if _DIGITS.match(word):
            digits = word.replace(",", "")
            if len(digits) > 15:
                return None  # a serial number or a code, not a count
            current += int(digits) if "." not in digits else int(float(digits))
        elif word in _UNITS:
            current += _UNITS[word]
        elif "-" in word and all(p in _UNITS for p in word.split("-")):
            current += sum(_UNITS[p] for p in word.split("-"))
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# Longest first, so "more than" wins over "over" when both end at the number.
_LONGEST_FIRST = tuple(sorted(QUALIFIERS, key=len, reverse=True))
_STARTERS = frozenset({*_VAGUE, "several"})


def _qualifier(lowered: Sequence[str], start: int) -> tuple[int, str | None]:
    for phrase in _LONGEST_FIRST:
        begin = start - len(phrase)
        if begin >= 0 and tuple(lowered[begin:start]) == phrase:
            return begin, " ".join(phrase)
    return start, None


def find_quantities(tokens: Sequence[Token]) -> list[Found]:
    """Every quantity in a sentence, left to right."""
    lowered = [t.text.lower() for t in tokens]
    numeric = list(map(_NUMBER_WORDS.__getitem__, lowered))
    if not any(numeric) and _STARTERS.isdisjoint(lowered):
        return []  # the common case: no number and no vague plural
    found: list[Found] = []
    i, n = 0, len(tokens)
    while i < n:
        word = lowered[i]
        if word in _VAGUE:
            found.append(Found(i, i + 1, Quantity(_VAGUE[word], word)))
            i += 1
            continue
        if word == "several":
            found.append(Found(i, i + 1, Quantity(3, "several")))
            i += 1
            continue
        start = i
        if word in {"a", "an"} and i + 1 < n and lowered[i + 1] in _SCALES:
            i += 1
        j = i
        while j < n and (
            numeric[j] or (j > i and tokens[j].text in {"and", "-"} and j + 1 < n and numeric[j + 1])
        ):
            j += 1
        if j == i or (start != i and j == i):
            i += 1
            continue
        if lowered[j - 1] == "and":
            j -= 1
        # A year ("in 2023") or a time is not a quantity.
        if j - start == 1 and tokens[start].ent_type in {"DATE", "TIME"}:
            i = j
            continue
        value = parse_number([t.text for t in tokens[start:j]])
        if value is None:
            i = j
            continue
        q_start, qualifier = _qualifier(lowered, start)
        if j < n and lowered[j] == "dozen":
            value, j = value * 12, j + 1
        found.append(Found(q_start, j, Quantity(value, qualifier)))
        i = j
    return found
