"""The actor knowledge base: who a mention names, and the matcher that finds mentions in a sentence.

The shipped base is ``actors.jsonl`` beside this module (written by ``scripts/build_actors.py``). User
files in the same JSONL format add entries, or replace shipped ones with the same id.

The matcher works on the token texts of one sentence as spaCy splits them ("al-Sudani" is "al", "-",
"Sudani"; "U.S." stays one token). At each position it takes the longest alias, left to right, without
overlaps. Case rules:

- an alias of three letters or fewer, or an all-capital acronym, matches only with the same case, so
  the pronoun "us" is never the United States;
- any other name matches whatever the case of its small letters, but a capital in the alias needs a
  capital in the text ("turkey" is not Turkey, "IRAQI" in a headline is Iraqi);
- sector nouns ("troops", "police") match in any case.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import compress
from pathlib import Path
from typing import Any, Final

from whimbrel.errors import KnowledgeError
from whimbrel.memo import Memo
from whimbrel.model import ActorRef

__all__ = [
    "KINDS",
    "SECTORS",
    "ActorEntry",
    "ActorKB",
    "ActorMatch",
    "alias_tokens",
    "entry_from_json",
    "read_actor_file",
]

SHIPPED_FILE: Final = "actors.jsonl"

KINDS: Final = frozenset({"country", "igo", "ngo", "group", "party", "person", "sector", "region", "capital"})
"""What an entry is. "sector" entries are generic nouns ("troops"); "region" and "capital" entries
exist mostly so that "Latin America" is not read as "America", and so "Washington" can stand for the
US government when the mentions stage decides it is an actor rather than a place."""

SECTORS: Final = frozenset(
    {
        "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "PRM", "SPY", "UAF", "UNK", "CVL", "BUS",
        "JRN", "MED", "REL", "EDU", "LAB", "REF", "OPP", "AGR", "CRM", "ELI", "HLH", "HRI", "DEV",
        "ENV", "MOD", "RAD",
    }
)  # fmt: skip
"""PLOVER's actor sectors, plus the CAMEO role codes PLOVER's gold data still uses."""

_FIELDS: Final = (
    "id", "name", "kind", "code", "sector", "aliases", "demonyms", "valid_from", "valid_to", "country",
    "notes",
)  # fmt: skip
_CODE = re.compile(r"(?:[A-Z]{3})+")
_COUNTRY = re.compile(r"[A-Z]{3}")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?")  # U.S. / U.S.A. / D.R.
_TEXT_MAP: Final = str.maketrans({"’": "'", "‘": "'", "\u2010": "-", "\u2011": "-"})

# Case modes of an alias form.
_FOLD, _PROPER, _EXACT = 0, 1, 2
# Name particles written both ways ("Al-Qaeda" / "al-Qaeda", "Bin Laden" / "bin Laden").
_PARTICLES: Final = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "ul", "bin", "ibn", "abu", "de", "da", "di", "du",
     "del", "der", "van", "von", "la", "le"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor the base knows: a country, an organisation, a group, a person or a sector noun."""

    id: str  # "iso:IRQ", "whimbrel:islamic-resistance-in-iraq", "sector:troops"
    name: str
    kind: str
    code: str | None
    sector: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    valid_from: str | None = None  # ISO date: YYYY, YYYY-MM or YYYY-MM-DD
    valid_to: str | None = None
    country: str | None = None  # home country when ``code`` is an IGO/IMG code
    notes: str | None = None

    def valid_on(self, day: str | dt.date) -> bool:
        """True when the entry holds on ``day`` (ISO date); open ends always hold."""
        iso = day.isoformat() if isinstance(day, dt.date) else day
        if self.valid_from is not None and iso < _pad(self.valid_from, "-01"):
            return False
        return self.valid_to is None or iso[: len(self.valid_to)] <= self.valid_to

    def to_json(self) -> dict[str, Any]:
        """The entry as one JSONL object, in the file's field order, without empty optional fields."""
        obj: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "code": self.code,
            "sector": self.sector,
            "aliases": list(self.aliases),
        }
        if self.demonyms:
            obj["demonyms"] = list(self.demonyms)
        for key in ("valid_from", "valid_to", "country", "notes"):
            value = getattr(self, key)
            if value is not None:
                obj[key] = value
        return obj


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An alias found in a sentence, in token indices (end exclusive)."""

    start: int
    end: int
    entry: ActorEntry
    alias: str
    demonym: bool  # matched through a demonym ("Iraqi"): a modifier, not the country itself


@dataclass(frozen=True, slots=True)
class _Form:
    """One token shape under which an entry can be found."""

    shape: tuple[str, ...]  # the alias tokens as written (quotes normalised), for the case check
    mode: int
    capitals: tuple[int, ...]  # positions that need a capital in the text (PROPER mode)
    short: bool  # three letters or fewer: exact case even in lower-cased text
    entry: ActorEntry
    alias: str
    demonym: bool
    dated: bool  # the entry has a validity period, so valid_on() can say no


def _pad(date: str, filler: str) -> str:
    while len(date) < 10:
        date += filler
    return date


def _norm(text: str) -> str:
    """Typographic apostrophes and hyphens as their ASCII forms."""
    return text if text.isascii() else text.translate(_TEXT_MAP)


def _fold(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(_TEXT_MAP).casefold()


_FOLDED = Memo(_fold)  # every token of every sentence is folded: remember the words


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_OPENERS = '(["“'
_CLOSERS = ')]"”,;:!?'
_INFIX = re.compile(r"(?<=[^\W_])([-:<>=/])(?=[^\W\d_])")  # as spaCy: after a letter/digit, before a letter


def _split_chunk(chunk: str) -> list[str]:
    if chunk.isalnum():
        return [chunk]
    head: list[str] = []
    tail: list[str] = []
    while len(chunk) > 1 and chunk[0] in _OPENERS:
        head.append(chunk[0])
        chunk = chunk[1:]
    while len(chunk) > 1 and chunk[-1] in _CLOSERS:
        tail.insert(0, chunk[-1])
        chunk = chunk[:-1]
    if len(chunk) > 2 and _fold(chunk[-2:]) == "'s":
        tail.insert(0, chunk[-2:])
        chunk = chunk[:-2]
    elif len(chunk) > 2 and chunk[-1] in "'’" and chunk[-2] in "sS":
        tail.insert(0, chunk[-1])
        chunk = chunk[:-1]
    middle = [part for part in _INFIX.split(chunk) if part]
    return [*head, *middle, *tail]


def alias_tokens(alias: str) -> tuple[str, ...]:
    """Split an alias the way spaCy splits running text, and drop a leading "the"."""
    tokens = [token for chunk in alias.split() for token in _split_chunk(chunk)]
    if len(tokens) > 1 and tokens[0].casefold() == "the":
        tokens = tokens[1:]
    return tuple(tokens)


def _mode(tokens: tuple[str, ...], kind: str) -> int:
    letters = [c for token in tokens for c in token if c.isalpha()]
    if len(letters) <= 3 or not any(c.islower() for c in letters):
        return _EXACT
    return _FOLD if kind == "sector" else _PROPER


def _joined(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The shape another tokenizer gives when it keeps hyphenated words whole ("al-Sudani")."""
    out: list[str] = []
    glue = False
    for token in tokens:
        if token == "-" and out:
            out[-1] += "-"
            glue = True
        elif glue:
            out[-1] += token
            glue = False
        else:
            out.append(token)
    return tuple(out)


def _shapes(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The alias's token shape and the variants a reader also writes: unaccented, undotted, unsplit."""
    shapes = [tokens]
    if all(t.isascii() and t.isalnum() for t in tokens):  # the common case: nothing to vary
        return shapes
    for variant in (
        tuple(_strip_accents(t) for t in tokens),
        tuple(t.replace(".", "") if _DOTTED.fullmatch(t) else t for t in tokens),
    ):
        if variant not in shapes:
            shapes.append(variant)
    for shape in list(shapes):
        joined = _joined(shape)
        if joined not in shapes:
            shapes.append(joined)
    return shapes


# ---------------------------------------------------------------------------------------------------
# Reading JSONL


def _fail(where: str, reason: str) -> KnowledgeError:
    return KnowledgeError(f"{where}: {reason}")


def _opt_str(obj: Mapping[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"{key!r} must be a non-empty string or null")
    return value


def _str_list(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"{key!r} must be a list of non-empty strings")
    return tuple(value)


def _date(obj: Mapping[str, Any], key: str, where: str) -> str | None:
    value = _opt_str(obj, key, where)
    if value is None:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        dt.date.fromisoformat(_pad(value, "-01"))
    except ValueError:
        raise _fail(
            where, f"{key!r} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}"
        ) from None
    return value


def entry_from_json(obj: object, where: str) -> ActorEntry:
    """Check one decoded JSONL object and make it an entry; ``where`` prefixes any error ("file:line")."""
    if not isinstance(obj, dict):
        raise _fail(where, "each line must be a JSON object")
    unknown = sorted(set(obj) - set(_FIELDS))
    if unknown:
        raise _fail(where, f"unknown field(s) {', '.join(unknown)}; expected some of {', '.join(_FIELDS)}")
    for key in ("id", "name", "kind"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise _fail(where, f"{key!r} is required and must be a non-empty string")
    if "aliases" not in obj:
        raise _fail(where, "'aliases' is required")
    kind = obj["kind"]
    if kind not in KINDS:
        raise _fail(where, f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    code = _opt_str(obj, "code", where)
    if code is not None and not _CODE.fullmatch(code):
        raise _fail(where, f"code {code!r} must be upper-case letters in groups of three (IRQ, IGOUNO)")
    sector = _opt_str(obj, "sector", where)
    if sector is not None and sector not in SECTORS:
        raise _fail(where, f"sector {sector!r} is not a PLOVER sector ({', '.join(sorted(SECTORS))})")
    country = _opt_str(obj, "country", where)
    if country is not None and not _COUNTRY.fullmatch(country):
        raise _fail(where, f"country {country!r} must be an ISO alpha-3 code")
    aliases = _str_list(obj, "aliases", where)
    demonyms = _str_list(obj, "demonyms", where)
    if not aliases and not demonyms:
        raise _fail(where, "an entry needs at least one alias or demonym")
    valid_from = _date(obj, "valid_from", where)
    valid_to = _date(obj, "valid_to", where)
    if valid_from and valid_to and _pad(valid_from, "-01") > _pad(valid_to, "-31"):
        raise _fail(where, f"valid_from {valid_from} is after valid_to {valid_to}")
    return ActorEntry(
        id=obj["id"],
        name=obj["name"],
        kind=kind,
        code=code,
        sector=sector,
        aliases=aliases,
        demonyms=demonyms,
        valid_from=valid_from,
        valid_to=valid_to,
        country=country,
        notes=_opt_str(obj, "notes", where),
    )


def _parse_jsonl(text: str, source: str) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    first_line: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
        entry = entry_from_json(obj, where)
        if entry.id in first_line:
            raise _fail(where, f"duplicate id {entry.id!r} (first on line {first_line[entry.id]})")
        first_line[entry.id] = lineno
        entries.append(entry)
    return entries


def read_actor_file(path: Path | str) -> list[ActorEntry]:
    """Read a JSONL actor file; any problem is a KnowledgeError naming the file (and line)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(str(path), "actor file not found") from None
    except OSError as exc:
        raise _fail(str(path), f"cannot read actor file ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise _fail(str(path), f"not UTF-8 text (byte {exc.start})") from None
    return _parse_jsonl(text, str(path))


@functools.lru_cache(maxsize=1)
def _shipped_entries() -> tuple[ActorEntry, ...]:
    source = resources.files("whimbrel.knowledge").joinpath(SHIPPED_FILE)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(
            f"whimbrel/knowledge/{SHIPPED_FILE}", f"cannot read the shipped actor base ({exc})"
        ) from None
    return tuple(_parse_jsonl(text, f"whimbrel/knowledge/{SHIPPED_FILE}"))


@functools.lru_cache(maxsize=1)
def _shipped_kb() -> ActorKB:
    return ActorKB(_shipped_entries())


# ---------------------------------------------------------------------------------------------------
# The base and its matcher


class ActorKB:
    """The actor entries, indexed by the first token of every alias for a fast longest-match scan."""

    __slots__ = ("_by_size", "_entries", "_index", "_starts")

    def __init__(self, entries: Iterable[ActorEntry], *, priority: Mapping[str, int] | None = None) -> None:
        """Index ``entries``; on the same alias, a higher ``priority`` (by id, default 0) wins."""
        self._entries: dict[str, ActorEntry] = {}
        for entry in entries:
            self._entries[entry.id] = entry
        self._index = self._build_index(priority or {})
        self._by_size = _by_size(self._index)
        # Per word: can a match begin here? Keyed by token text, so vocabulary-sized (and bounded).
        self._starts: Memo[str, bool] = Memo(self._can_start)

    def _build_index(
        self, priority: Mapping[str, int]
    ) -> dict[str, list[tuple[tuple[str, ...], list[_Form]]]]:
        best: dict[tuple[str, tuple[str, ...], bool], tuple[tuple[Any, ...], _Form]] = {}
        for entry in self._entries.values():
            layer = -priority.get(entry.id, 0)
            open_ended = 0 if entry.valid_to is None else 1
            since = -int(_pad(entry.valid_from, "-01").replace("-", "")) if entry.valid_from else 0
            for alias, demonym in [
                *((a, False) for a in entry.aliases),
                *((d, True) for d in entry.demonyms),
            ]:
                tokens = alias_tokens(alias)
                if not tokens:
                    continue
                mode = _mode(tokens, entry.kind)
                short = sum(c.isalpha() for t in tokens for c in t) <= 3
                for variant, shape in enumerate(_shapes(tuple(_norm(t) for t in tokens))):
                    # Same alias, several entries: user files first, then the entry still in force, then
                    # the most recent; within one entry, the alias written exactly like this first.
                    rank = (layer, open_ended, since, entry.id, variant > 0, -mode, demonym, alias)
                    slot = (entry.id, shape, demonym)
                    if slot not in best or rank < best[slot][0]:
                        capitals = tuple(
                            j
                            for j, t in enumerate(shape)
                            if t[:1].isupper() and t.casefold() not in _PARTICLES
                        )
                        dated = entry.valid_from is not None or entry.valid_to is not None
                        form = _Form(shape, mode, capitals, short, entry, alias, demonym, dated)
                        best[slot] = (rank, form)
        keyed: dict[tuple[str, ...], list[tuple[tuple[Any, ...], _Form]]] = {}
        for (_, shape, _), ranked in best.items():
            keyed.setdefault(tuple(_fold(t) for t in shape), []).append(ranked)
        index: dict[str, list[tuple[tuple[str, ...], list[_Form]]]] = {}
        for key in sorted(keyed, key=lambda k: (-len(k), k)):
            forms = [form for _, form in sorted(keyed[key], key=lambda pair: pair[0])]
            index.setdefault(key[0], []).append((key, forms))
        return index

    @classmethod
    def load(cls, paths: Sequence[Path | str] = ()) -> ActorKB:
        """The shipped base, then each user file in order, adding entries or replacing them by id.

        Without user files the shipped base is read and indexed once per process.
        """
        if not paths:
            return _shipped_kb()
        merged = {entry.id: entry for entry in _shipped_entries()}
        priority: dict[str, int] = {}
        for layer, path in enumerate(paths, start=1):
            for entry in read_actor_file(path):
                merged[entry.id] = entry
                priority[entry.id] = layer
        return cls(merged.values(), priority=priority)

    def match(
        self, words: Sequence[str], *, at: str | dt.date | None = None, strict_case: bool = True
    ) -> list[ActorMatch]:
        """Actor aliases in one sentence's tokens: greedy longest, left to right, non-overlapping.

        With ``at`` (the sentence's date), an entry valid on that date is preferred over one that is
        not (Trump 2017-2021 vs 2025-); an entry valid on no such date still matches. With
        ``strict_case=False`` (for lower-cased corpora) names and acronyms match in any case; aliases
        of three letters or fewer still need their own case.
        """
        day = at.isoformat() if isinstance(at, dt.date) else at
        folded = list(map(_FOLDED.__getitem__, words))
        by_size = self._by_size
        # Only a token that starts an alias or holds a hyphen can begin a match: visit just those.
        starts = compress(range(len(words)), map(self._starts.__getitem__, words))
        found: list[ActorMatch] = []
        end = 0
        for i in starts:
            if i < end:
                continue  # inside the previous match
            groups = by_size.get(folded[i])
            hit = None if groups is None else self._match_at(words, folded, i, day, strict_case, groups)
            if hit is None and "-" in words[i]:
                hit = self._match_hyphenated(words[i], i, day, strict_case)
            if hit is not None:
                found.append(hit)
                end = hit.end
        return found

    def _can_start(self, word: str) -> bool:
        return _FOLDED[word] in self._index or "-" in word

    def _match_at(
        self, words: Sequence[str], folded: list[str], i: int, day: str | None, strict: bool, groups: _BySize
    ) -> ActorMatch | None:
        count = len(words)
        for size, keyed in groups:  # longest first
            if i + size > count:
                continue
            forms = keyed.get(tuple(folded[i : i + size]))
            if forms is None:
                continue
            form = _pick(forms, words, i, day, strict)
            if form is not None:
                return ActorMatch(i, i + size, form.entry, form.alias, form.demonym)
        return None

    def _match_hyphenated(self, word: str, i: int, day: str | None, strict: bool) -> ActorMatch | None:
        """A token that kept its hyphen ("U.S.-led"): match one of its parts as a one-token alias."""
        for part in word.split("-"):
            for key, forms in self._index.get(_fold(part), ()) if part else ():
                if len(key) == 1:
                    form = _pick(forms, [part], 0, day, strict)
                    if form is not None:
                        return ActorMatch(i, i + 1, form.entry, form.alias, form.demonym)
        return None

    def find(self, text: str) -> list[ActorEntry]:
        """Entries with an alias or demonym written like ``text`` (any case), best first."""
        key = tuple(_fold(t) for t in alias_tokens(text))
        for group_key, forms in self._index.get(key[0], ()) if key else ():
            if group_key == key:
                return list(dict.fromkeys(form.entry for form in forms))
        return []

    def get(self, actor_id: str) -> ActorEntry:
        """The entry with this id; KeyError when there is none."""
        try:
            return self._entries[actor_id]
        except KeyError:
            raise KeyError(f"no actor with id {actor_id!r}") from None

    def entries(self) -> Iterator[ActorEntry]:
        """All entries, sorted by id."""
        return (self._entries[key] for key in sorted(self._entries))

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def ref(self, entry: ActorEntry, text: str, *, default_sector: str | None = None) -> ActorRef:
        """The record-contract actor for a mention of ``entry`` written as ``text``; ``default_sector``
        is its sector when the entry has none."""
        sector = entry.sector if entry.sector is not None else default_sector
        return ActorRef(
            entity_text=text,
            code=entry.code,
            sector=sector,
            identifier_id=entry.id,
            identifier_text=entry.name,
        )


_BySize = tuple[tuple[int, dict[tuple[str, ...], list["_Form"]]], ...]


def _by_size(index: dict[str, list[tuple[tuple[str, ...], list[_Form]]]]) -> dict[str, _BySize]:
    """The index's groups per first word as (alias length, {folded alias: forms}), longest first.

    Of the aliases of one length that begin with a word, at most one equals the sentence's next tokens,
    so one dict lookup per length finds what a scan of the groups in (-length, alias) order finds.
    """
    out: dict[str, _BySize] = {}
    for first, groups in index.items():
        sizes: dict[int, dict[tuple[str, ...], list[_Form]]] = {}
        for key, forms in groups:
            sizes.setdefault(len(key), {})[key] = forms
        out[first] = tuple(sorted(sizes.items(), key=lambda pair: -pair[0]))
    return out


def _case_ok(form: _Form, words: Sequence[str], i: int, strict: bool) -> bool:
    if form.mode == _FOLD or not (strict or form.short):
        return True
    if form.mode == _EXACT:
        shape = form.shape
        if len(shape) == 1:  # the usual acronym, without a generator
            return _norm(words[i]) == shape[0]
        return all(_norm(words[i + j]) == token for j, token in enumerate(shape))
    capitals = form.capitals
    if len(capitals) == 1:  # the usual proper name
        return words[i + capitals[0]][:1].isupper()
    return all(words[i + j][:1].isupper() for j in capitals)


def _pick(forms: list[_Form], words: Sequence[str], i: int, day: str | None, strict: bool) -> _Form | None:
    if len(forms) == 1:  # the usual alias: a lone form is its own fallback, so its dates cannot matter
        return forms[0] if _case_ok(forms[0], words, i, strict) else None
    fallback: _Form | None = None
    for form in forms:
        if not _case_ok(form, words, i, strict):
            continue
        if day is None or not form.dated or form.entry.valid_on(day):  # undated: valid on any day
            return form
        if fallback is None:
            fallback = form
    return fallback
