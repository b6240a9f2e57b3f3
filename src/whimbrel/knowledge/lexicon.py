"""The coding lexicon: trigger words, mode cues, the CAMEO↔PLOVER crosswalk, and status/size cues.

Four package data files, all authored for whimbrel:

- ``triggers.tsv``: lemma, pos, event, mode, context, cameo, weight. A multiword lemma is a head word
  plus a *particle* the coder must find among the head's children. For VERB rows the head is the first
  word ("call for", "open fire"); for NOUN rows it is the last word ("hunger strike") or, in "X of Y",
  X ("state of emergency").
- ``modes.tsv``: cue, event, mode. A word near a trigger that implies a PLOVER mode.
- ``cameo.tsv``: cameo, name, plover_event, plover_mode, plover_context, quad_class, goldstein. Every
  CAMEO 1.1 code; the 01 statement codes have no PLOVER event (an empty ``plover_event``).
- ``cues.toml``: reporting verbs, hedges, negation, modality, quantity and casualty words, light
  verbs, context cues.

The PLOVER vocabulary the files are checked against is ``knowledge/plover.py``; ``cues.toml`` is read
by ``knowledge/cues.py``. ``Lexicon.load()`` reads and checks them once (memoised).
``Lexicon.load(directory)`` reads another directory, for tests and user lexicons. A malformed file
raises ``KnowledgeError`` naming the file and the line.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from whimbrel.errors import KnowledgeError
from whimbrel.knowledge.cues import Cues, norm, read_cues
from whimbrel.knowledge.plover import (
    PLOVER_CONTEXTS,
    PLOVER_EVENTS,
    PLOVER_MODES,
    POS_TAGS,
    STATUSES,
    CasualtyKind,
)
from whimbrel.memo import Memo

DATA_DIR = Path(__file__).resolve().parent
# Re-exported: the PLOVER vocabulary (knowledge/plover.py) and the cues (knowledge/cues.py) were here.
__all__ = [
    "DATA_DIR",
    "PLOVER_CONTEXTS",
    "PLOVER_EVENTS",
    "PLOVER_MODES",
    "POS_TAGS",
    "STATUSES",
    "CameoCode",
    "CasualtyKind",
    "Cues",
    "Lexicon",
    "TriggerSense",
]

_TRIGGER_COLUMNS = ("lemma", "pos", "event", "mode", "context", "cameo", "weight")
_MODE_COLUMNS = ("cue", "event", "mode")
_CAMEO_COLUMNS = ("cameo", "name", "plover_event", "plover_mode", "plover_context", "quad_class", "goldstein")


@dataclass(frozen=True, slots=True)
class TriggerSense:
    """One sense of a trigger word: the PLOVER event it names, with its CAMEO code and reliability."""

    lemma: str  # the whole lemma, e.g. "call for", "hunger strike"
    pos: str  # VERB or NOUN
    particle: str | None  # the words of ``lemma`` other than its head, or None for one word
    event: str
    mode: str | None
    context: str | None
    cameo: str
    weight: float

    @property
    def head(self) -> str:
        """The word the sense is looked up by ("call" for "call for", "strike" for "hunger strike")."""
        if self.particle is None:
            return self.lemma
        if self.lemma.startswith(self.particle + " "):
            return self.lemma[len(self.particle) + 1 :]
        return self.lemma[: len(self.lemma) - len(self.particle) - 1]

    @property
    def particle_first(self) -> bool:
        """True when the particle precedes the head (noun compounds: "hunger strike")."""
        return self.particle is not None and self.lemma.startswith(self.particle + " ")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """A CAMEO event code and its PLOVER reading; ``event`` is "" for CAMEO 01 statement codes."""

    code: str
    name: str
    event: str
    mode: str | None
    context: str | None
    quad_class: int
    goldstein: float

    @property
    def root(self) -> str:
        """The two-digit CAMEO root ("19" for "195")."""
        return self.code[:2]


class Lexicon:
    """Trigger senses, mode cues, the CAMEO crosswalk and the cues, checked against each other."""

    __slots__ = ("_best_cameo", "_by_head", "_cameo", "_mode_memo", "_modes", "_senses", "cues", "directory")

    def __init__(
        self,
        senses: Iterable[TriggerSense],
        modes: Mapping[tuple[str, str], str],
        codes: Iterable[CameoCode],
        cues: Cues,
        directory: Path | None = None,
    ) -> None:
        self._senses = tuple(senses)
        by_head: dict[tuple[str, str], list[TriggerSense]] = {}
        for s in self._senses:
            by_head.setdefault((s.head, s.pos), []).append(s)
        self._by_head = {k: tuple(sorted(v, key=lambda s: -s.weight)) for k, v in by_head.items()}
        self._modes = dict(modes)
        self._cameo = {c.code: c for c in codes}
        self.cues = cues
        self.directory = directory
        # Memos of the two lookups the coder asks most often: both answer from fixed tables.
        self._mode_memo: dict[str, Memo[str, str | None]] = {}
        self._best_cameo = Memo[tuple[str, str | None], CameoCode](lambda key: self._find_cameo(*key))

    # -- loading ----------------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Lexicon:
        """The shipped lexicon (read once, then shared), or the one in ``directory``."""
        if directory is None:
            return _default()
        return _read(Path(directory))

    # -- lookups ----------------------------------------------------------------------------------

    def triggers(self, lemma: str, pos: str) -> tuple[TriggerSense, ...]:
        """Every sense whose head is ``lemma`` with part of speech ``pos``, most reliable first.

        Phrasal senses ("call for", "hunger strike") are included; the caller checks their particle.
        """
        return self._by_head.get((lemma.lower(), pos.upper()), ())

    def all_triggers(self) -> tuple[TriggerSense, ...]:
        """Every trigger sense, in file order."""
        return self._senses

    def mode_for(self, cue: str, event: str) -> str | None:
        """The PLOVER mode ``cue`` implies for ``event`` ("rockets", ASSAULT -> heavy-weapons)."""
        return self.mode_table(event)[cue]

    def mode_table(self, event: str) -> Mapping[str, str | None]:
        """``mode_for(word, event)`` for every word, as a table: ``table[word]`` (None for no mode)."""
        table = self._mode_memo.get(event)
        if table is None:
            modes, key = self._modes, event.upper()
            table = self._mode_memo[event] = Memo(lambda cue: modes.get((norm(cue), key)))
        return table

    def mode_cues(self) -> Mapping[tuple[str, str], str]:
        """Every (cue, event) -> mode."""
        return MappingProxyType(self._modes)

    def cameo(self, code: str) -> CameoCode | None:
        """The CAMEO code ``code`` with its PLOVER reading, or None if it is not a CAMEO code."""
        return self._cameo.get(code.strip())

    def cameo_codes(self) -> tuple[CameoCode, ...]:
        """Every CAMEO code, in codebook order."""
        return tuple(self._cameo.values())

    def cameo_for(self, event: str, mode: str | None = None) -> CameoCode:
        """The best CAMEO code for a PLOVER event and mode.

        Among the 3- and 4-digit codes that map to exactly (event, mode), the shortest wins, then a
        generic "x0" code, then the largest |Goldstein| (the most specific act), then codebook order.
        A mode no code carries falls back to the code of the most reliable trigger with that event
        and mode, then to the event's best code without a mode.
        """
        return self._best_cameo[(event, mode)]

    def _find_cameo(self, event: str, mode: str | None) -> CameoCode:
        ev = event.upper()
        if ev not in PLOVER_EVENTS:
            raise KnowledgeError(f"no CAMEO code for {event!r}: not a PLOVER event")
        pool = [c for c in self._cameo.values() if c.event == ev and len(c.code) >= 3]
        exact = [c for c in pool if c.mode == mode]
        if not exact and mode is not None:
            senses = [s for s in self._senses if s.event == ev and s.mode == mode]
            if senses:
                best = max(senses, key=lambda s: s.weight)  # first of the most reliable, in file order
                return self._cameo[best.cameo]
            exact = [c for c in pool if c.mode is None]
        if not exact:
            exact = pool
        if not exact:  # pragma: no cover - the loader checks every event has a code
            raise KnowledgeError(f"no CAMEO code maps to PLOVER {ev}")
        return min(exact, key=lambda c: (len(c.code), not c.code.endswith("0"), -abs(c.goldstein), c.code))


# -- reading ----------------------------------------------------------------------------------------


@functools.cache
def _default() -> Lexicon:
    return _read(DATA_DIR)


def _rows(path: Path, columns: tuple[str, ...]) -> Iterable[tuple[int, list[str]]]:
    """Data rows of a TSV file with a header, skipping blank lines and ``#`` comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: missing knowledge file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise KnowledgeError(f"{path}: cannot read: {e}") from None
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if not header_seen:
            if tuple(c.strip() for c in cells) != columns:
                raise KnowledgeError(f"{path}:{lineno}: header must be {' '.join(columns)!r}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise KnowledgeError(
                f"{path}:{lineno}: expected {len(columns)} tab-separated columns, got {len(cells)}"
            )
        yield lineno, [c.strip() for c in cells]
    if not header_seen:
        raise KnowledgeError(f"{path}: empty file (no header)")


def _event(value: str, where: str) -> str:
    if value not in PLOVER_EVENTS:
        raise KnowledgeError(f"{where}: unknown PLOVER event {value!r}")
    return value


def _mode(value: str, event: str, where: str) -> str | None:
    if not value:
        return None
    if value not in PLOVER_MODES[event]:
        raise KnowledgeError(f"{where}: {value!r} is not a PLOVER mode of {event}")
    return value


def _context(value: str, where: str) -> str | None:
    if not value:
        return None
    if value not in PLOVER_CONTEXTS:
        raise KnowledgeError(f"{where}: unknown PLOVER context {value!r}")
    return value


def _read_cameo(path: Path) -> list[CameoCode]:
    codes: list[CameoCode] = []
    seen: set[str] = set()
    for lineno, (code, name, event, mode, context, quad, gold) in _rows(path, _CAMEO_COLUMNS):
        where = f"{path}:{lineno}"
        if not (code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
            raise KnowledgeError(f"{where}: bad CAMEO code {code!r}")
        if code in seen:
            raise KnowledgeError(f"{where}: duplicate CAMEO code {code}")
        if len(code) > 2 and code[:-1] not in seen:
            raise KnowledgeError(f"{where}: CAMEO code {code} before its parent")
        seen.add(code)
        if not name:
            raise KnowledgeError(f"{where}: CAMEO code {code} has no name")
        if event:
            _event(event, where)
        elif mode or context:
            raise KnowledgeError(f"{where}: a mode or context needs a PLOVER event")
        try:
            quad_class = int(quad)
            goldstein = float(gold)
        except ValueError:
            raise KnowledgeError(f"{where}: quad_class must be an integer and goldstein a number") from None
        if not 1 <= quad_class <= 4:
            raise KnowledgeError(f"{where}: quad_class {quad_class} is not in 1..4")
        if not -10.0 <= goldstein <= 10.0:
            raise KnowledgeError(f"{where}: goldstein {goldstein} is not in -10..10")
        codes.append(
            CameoCode(
                code=code,
                name=name,
                event=event,
                mode=_mode(mode, event, where) if event else None,
                context=_context(context, where),
                quad_class=quad_class,
                goldstein=goldstein,
            )
        )
    roots = {c.code for c in codes if len(c.code) == 2}
    missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in roots]
    if missing:
        raise KnowledgeError(f"{path}: missing CAMEO roots {', '.join(missing)}")
    mapped = {c.event for c in codes if len(c.code) >= 3}
    unmapped = [e for e in PLOVER_EVENTS if e not in mapped]
    if unmapped:
        raise KnowledgeError(f"{path}: no CAMEO code maps to {', '.join(unmapped)}")
    return codes


def _split_phrase(lemma: str, pos: str) -> str | None:
    """The particle of a multiword lemma (see the module docstring), or None for one word."""
    words = lemma.split()
    if len(words) == 1:
        return None
    if pos == "VERB":
        return " ".join(words[1:])
    if "of" in words[1:-1]:
        return " ".join(words[1:])
    return " ".join(words[:-1])


def _read_triggers(path: Path, cameo: Mapping[str, CameoCode]) -> list[TriggerSense]:
    senses: list[TriggerSense] = []
    seen: set[tuple[str, str, str, str, str]] = set()
    for lineno, (raw_lemma, pos, event, mode, context, code, weight) in _rows(path, _TRIGGER_COLUMNS):
        where = f"{path}:{lineno}"
        lemma = norm(raw_lemma)
        if not lemma or lemma != raw_lemma:
            raise KnowledgeError(f"{where}: lemma must be lowercase words separated by single spaces")
        if "-" in lemma:
            raise KnowledgeError(f"{where}: {lemma!r}: spaCy splits hyphens; write the words with spaces")
        if pos not in POS_TAGS:
            raise KnowledgeError(f"{where}: pos must be VERB or NOUN, not {pos!r}")
        _event(event, where)
        entry = cameo.get(code)
        if entry is None:
            raise KnowledgeError(f"{where}: CAMEO code {code!r} is not in cameo.tsv")
        if entry.event != event:
            raise KnowledgeError(f"{where}: CAMEO {code} is PLOVER {entry.event or 'nothing'}, not {event}")
        try:
            w = float(weight)
        except ValueError:
            raise KnowledgeError(f"{where}: weight {weight!r} is not a number") from None
        if not 0.0 < w <= 1.0:
            raise KnowledgeError(f"{where}: weight {w} is not in (0, 1]")
        key = (lemma, pos, event, mode, code)
        if key in seen:
            raise KnowledgeError(f"{where}: duplicate trigger {lemma!r} {pos} {event} {mode} {code}")
        seen.add(key)
        senses.append(
            TriggerSense(
                lemma=lemma,
                pos=pos,
                particle=_split_phrase(lemma, pos),
                event=event,
                mode=_mode(mode, event, where),
                context=_context(context, where),
                cameo=code,
                weight=w,
            )
        )
    missing = [e for e in PLOVER_EVENTS if not any(s.event == e for s in senses)]
    if missing:
        raise KnowledgeError(f"{path}: no trigger for {', '.join(missing)}")
    return senses


def _read_modes(path: Path) -> dict[tuple[str, str], str]:
    modes: dict[tuple[str, str], str] = {}
    for lineno, (cue, event, mode) in _rows(path, _MODE_COLUMNS):
        where = f"{path}:{lineno}"
        key = (norm(cue), _event(event, where))
        if not key[0]:
            raise KnowledgeError(f"{where}: empty cue")
        if not mode:
            raise KnowledgeError(f"{where}: a mode cue needs a mode")
        checked = _mode(mode, event, where)
        assert checked is not None
        if key in modes and modes[key] != checked:
            raise KnowledgeError(f"{where}: cue {cue!r} already gives {event} mode {modes[key]!r}")
        modes[key] = checked
    return modes


def _read(directory: Path) -> Lexicon:
    if not directory.is_dir():
        raise KnowledgeError(f"{directory}: not a lexicon directory")
    codes = _read_cameo(directory / "cameo.tsv")
    by_code = {c.code: c for c in codes}
    senses = _read_triggers(directory / "triggers.tsv", by_code)
    modes = _read_modes(directory / "modes.tsv")
    cues = read_cues(directory / "cues.toml")
    return Lexicon(senses, modes, codes, cues, directory)
