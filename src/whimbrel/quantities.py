"""Quantities: numbers written in digits or words, with their qualifier ("at least", "more than")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter

from whimbrel.memo import Memo
from whimbrel.model import Quantity, Token

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals: the least and the most the word can mean ("dozens": 24 to 99), the word the qualifier.
_VAGUE = {
    "tens": (20, 99),
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999),
}
# "tens of thousands", "hundreds of millions": the plural of a larger unit multiplies.
_PLURAL_SCALES = {"thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
# "several hundred", "a few thousand": how many of the unit that follows.
_FEW = {"several": (3, 9), "few": (2, 9)}
_UNIT_WORDS = {**_SCALES, "dozen": 12}
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
# ... and by last word: only a phrase ending in the word just before the number can qualify it.
_BY_LAST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase in _LONGEST_FIRST:
    _BY_LAST_WORD.setdefault(_phrase[-1], []).append((_phrase, " ".join(_phrase)))
_STARTERS = frozenset({*_VAGUE, *_FEW, "dozen", "half"})


def _qualifier(lowered: Sequence[str], start: int) -> tuple[int, str | None]:
    if start == 0:
        return start, None
    for phrase, text in _BY_LAST_WORD.get(lowered[start - 1], ()):
        begin = start - len(phrase)
        if begin >= 0 and tuple(lowered[begin:start]) == phrase:
            return begin, text
    return start, None


def _role(text: str) -> int:
    word = text.lower()
    if _NUMBER_WORDS[word]:
        return _NUMBER
    if word in _STARTERS:
        return _STARTER
    return _ARTICLE if word in _ARTICLES else _NONE


_NONE, _ARTICLE, _STARTER, _NUMBER = 0, 1, 2, 3
_ARTICLES = frozenset({"a", "an"})
# Per token text: what it can do in a quantity. Only a number word, a vague plural or an article ("a
# hundred") can begin one, so the scan visits just those tokens; and a sentence without a number word or
# a vague plural has none at all (an article counts only before a scale word, itself a number word).
# Keyed by the text as written: one lookup per token.
_ROLES = Memo(_role)
_TEXT = attrgetter("text")


def find_quantities(tokens: Sequence[Token], texts: list[str] | None = None) -> list[Found]:
    """Every quantity in a sentence, left to right; ``texts`` are the tokens' texts, if the caller has
    them already."""
    if texts is None:
        texts = list(map(_TEXT, tokens))
    if max(map(_ROLES.__getitem__, texts), default=_NONE) < _STARTER:
        return []  # the common case: no number and no vague plural
    roles = list(map(_ROLES.__getitem__, texts))
    lowered = list(map(str.lower, texts))
    numeric = list(map(_NUMBER.__eq__, roles))  # role == _NUMBER: _NUMBER_WORDS of each lowered word
    found: list[Found] = []
    i = 0
    # At any other token the scan would only step on, so jumping to the next possible start is the same.
    for k in compress(range(len(tokens)), roles):
        if k < i:
            continue  # inside the previous quantity
        i, quantity = _quantity_at(tokens, texts, lowered, numeric, k)
        if quantity is not None:
            found.append(quantity)
    return found


def _quantity_at(
    tokens: Sequence[Token], texts: list[str], lowered: list[str], numeric: list[bool], i: int
) -> tuple[int, Found | None]:
    """The quantity starting at token ``i``, if any, and where to look next."""
    vague = _vague_at(lowered, i)
    if vague is not None:
        return vague.end, vague
    n = len(tokens)
    start = i
    if lowered[i] in _ARTICLES and i + 1 < n and lowered[i + 1] in _SCALES:
        i += 1
    j = _number_end(lowered, numeric, i)
    if j == i:
        return i + 1, None
    # A year ("in 2023") or a time is not a quantity.
    if j - start == 1 and tokens[start].ent_type in {"DATE", "TIME"}:
        return j, None
    value = parse_number(texts[start:j])
    if value is None:
        return j, None
    q_start, qualifier = _qualifier(lowered, start)
    if j < n and lowered[j] == "dozen":
        value, j = value * 12, j + 1
    between = q_start > 0 and lowered[q_start - 1] == "between"
    top = _range_top(texts, lowered, numeric, j, value, between=between)
    if top is not None:
        top_value, j = top
        if qualifier is None and q_start > 0 and lowered[q_start - 1] in {"between", "from"}:
            q_start -= 1
        return j, Found(q_start, j, Quantity(value, qualifier or "between", top_value))
    if between:
        return j, None  # "between 2 and ...": an unfinished range is no count
    return j, Found(q_start, j, Quantity(value, qualifier))


# "and" joins the parts of one number only after a scale word ("one hundred and twenty"), and a hyphen
# only a tens word and a unit ("twenty - five"); otherwise they separate the two ends of a range.
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
_ONES = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})


def _number_end(lowered: list[str], numeric: list[bool], i: int) -> int:
    """Where the number phrase starting at token ``i`` ends (``i`` when there is none)."""
    n, j = len(lowered), i
    while j < n:
        if numeric[j]:
            j += 1
            continue
        if j > i and j + 1 < n and numeric[j + 1]:
            joined = (lowered[j] == "and" and lowered[j - 1] in _SCALES) or (
                lowered[j] == "-" and lowered[j - 1] in _TENS and lowered[j + 1] in _ONES
            )
            if joined:
                j += 1
                continue
        break
    return j


def _range_top(
    texts: list[str], lowered: list[str], numeric: list[bool], j: int, low: int, *, between: bool
) -> tuple[int, int] | None:
    """ "20 to 30", "20 - 30", "two or three", "between 20 and 30": the range's top and its end."""
    separators = {"and"} if between else {"to", "-", "or"}
    if j + 1 >= len(lowered) or lowered[j] not in separators or not numeric[j + 1]:
        return None
    end = _number_end(lowered, numeric, j + 1)
    high = parse_number(texts[j + 1 : end])
    if high is None or high <= low:
        return None
    if end < len(lowered) and lowered[end] in _SCALES:  # "two to three thousand"
        return None
    return high, end


def _vague_at(lowered: list[str], i: int) -> Found | None:
    """A count in words that is no exact number: "dozens", "tens of thousands", "several hundred",
    "a few dozen", "a dozen", "half a dozen"."""
    word, n = lowered[i], len(lowered)
    after = lowered[i + 1] if i + 1 < n else ""
    if word in _VAGUE:
        low, high = _VAGUE[word]
        if after == "of" and i + 2 < n and lowered[i + 2] in _PLURAL_SCALES:
            scale = _PLURAL_SCALES[lowered[i + 2]]
            phrase = f"{word} of {lowered[i + 2]}"
            return Found(i, i + 3, Quantity(low * scale, phrase, (high + 1) * scale - 1))
        return Found(i, i + 1, Quantity(low, word, high))
    start = i
    if word in _ARTICLES and after in _FEW:
        i, word = i + 1, after
        after = lowered[i + 1] if i + 1 < n else ""
    if word in _FEW:
        low, high = _FEW[word]
        if after in _UNIT_WORDS:
            unit = _UNIT_WORDS[after]
            return Found(start, i + 2, Quantity(low * unit, f"{word} {after}", (high + 1) * unit - 1))
        if word == "several":
            return Found(start, i + 1, Quantity(low, word, high))
        return None
    if word == "half" and lowered[i + 1 : i + 3] == ["a", "dozen"]:
        q_start, qualifier = _qualifier(lowered, i)
        return Found(q_start, i + 3, Quantity(6, qualifier or "about"))
    if word in _ARTICLES and after == "dozen":
        q_start, qualifier = _qualifier(lowered, i)
        return Found(q_start, i + 2, Quantity(12, qualifier or "about"))
    return None
