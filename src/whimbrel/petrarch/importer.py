"""Import PETRARCH/TABARI dictionaries (actors, agents, verbs, discards) into whimbrel's own formats.

PETRARCH codes political news with four plain-text dictionaries. This module reads them and converts
what whimbrel can represent:

- ``*.actors.txt`` and ``*.agents.txt`` become ``ActorEntry`` rows (``actors.jsonl``); see
  ``whimbrel.petrarch.actor_dictionary`` for the rules (date-restricted codes, agents as sector nouns
  and how an agent code combines with an actor code).
- ``*.verbs.txt`` becomes trigger rows in whimbrel's ``triggers.tsv`` format, plus the full pattern
  list; see ``whimbrel.petrarch.verb_dictionary`` and ``verb_triggers``.
- ``*.discards.txt`` becomes a discard list (``discards.tsv``): phrases whose presence means a
  sentence (or a whole story) is not coded.

Nothing is dropped silently: every construct that is converted only approximately, or not at all, is
a ``Finding`` in the ``ImportReport`` with its file and line. A line that does not parse at all raises
``KnowledgeError`` naming the file and the line.

The shared dictionary syntax (all four files):

- ``#`` starts a comment, except inside ``[...]`` (so ``[###]`` is a code, ``[ZBW]#jw`` a comment);
- ``<!-- ... -->`` is a comment and may span lines; a line starting with ``<!`` that opens no
  ``<!--`` block is a one-line comment (PETRARCH skips such lines);
- blank lines are ignored.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from whimbrel.errors import KnowledgeError

if TYPE_CHECKING:
    from whimbrel.knowledge.actors import ActorEntry
    from whimbrel.knowledge.lexicon import Lexicon
    from whimbrel.petrarch.verb_dictionary import VerbDictionary
    from whimbrel.petrarch.verb_triggers import TriggerRow, VerbConversion

__all__ = [
    "DictKind",
    "Discard",
    "Finding",
    "ImportReport",
    "PetrarchImport",
    "SourceLine",
    "detect_kind",
    "import_dictionaries",
    "parse_discards",
    "read_lines",
]

DictKind = Literal["actors", "agents", "verbs", "discards"]
KINDS: Final[tuple[DictKind, ...]] = ("actors", "agents", "verbs", "discards")


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One meaningful line of a dictionary: comments removed, whitespace stripped."""

    path: str
    number: int
    text: str

    @property
    def where(self) -> str:
        """``file:line`` for messages."""
        return f"{self.path}:{self.number}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A construct that was converted approximately, or not at all."""

    where: str  # file:line
    status: Literal["approximated", "unsupported"]
    construct: str  # a short category, e.g. "multi-code actor", "pattern context before the verb"
    detail: str


@dataclass
class ImportReport:
    """What an import read and converted, with every approximation and every unsupported construct."""

    counts: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def note(
        self, where: str, status: Literal["approximated", "unsupported"], construct: str, detail: str
    ) -> None:
        """Record one finding at ``where`` (file:line)."""
        self.findings.append(Finding(where, status, construct, detail))

    def by_construct(self, status: str) -> Counter[str]:
        """Finding counts per construct for one status."""
        return Counter(f.construct for f in self.findings if f.status == status)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "counts": dict(sorted(self.counts.items())),
            "approximated": dict(sorted(self.by_construct("approximated").items())),
            "unsupported": dict(sorted(self.by_construct("unsupported").items())),
            "findings": [
                {"where": f.where, "status": f.status, "construct": f.construct, "detail": f.detail}
                for f in self.findings
            ],
        }


@dataclass(frozen=True, slots=True)
class Discard:
    """A discard phrase: a sentence (``story``: the whole story) containing it is not coded.

    PETRARCH matches case-insensitively, after a blank; a phrase ending in ``_`` must also end at a
    word boundary, any other phrase is a stem (``BALLCLUB`` also matches "ballclubs").
    """

    phrase: str  # upper case, words separated by single spaces
    story: bool
    whole_word: bool
    where: str

    def matches(self, text: str) -> bool:
        """True when ``text`` contains the phrase (PETRARCH's matching rule)."""
        words = [re.escape(w) for w in self.phrase.split()]
        pattern = r"(?<![\w'])" + r"\s+".join(words) + (r"(?![\w'])" if self.whole_word else "")
        return re.search(pattern, text, flags=re.IGNORECASE) is not None


# ---------------------------------------------------------------------------------------------------
# Reading lines


def _strip_hash(text: str) -> str:
    """Cut a ``#`` comment, leaving ``#`` inside ``[...]`` alone."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return text[:i]
    return text


def read_lines(path: Path | str, *, display: str | None = None) -> list[SourceLine]:
    """The meaningful lines of a PETRARCH dictionary file (see the module docstring for comments)."""
    path = Path(path)
    name = display or path.name
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: dictionary file not found") from None
    except UnicodeDecodeError:
        try:
            raw = path.read_text(encoding="latin-1")
        except OSError as exc:  # pragma: no cover - read just succeeded once
            raise KnowledgeError(f"{path}: cannot read ({exc.strerror})") from None
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read ({exc.strerror})") from None
    return split_lines(raw, name)


def split_lines(raw: str, name: str) -> list[SourceLine]:
    """``read_lines`` over text already read; ``name`` is used in messages."""
    out: list[SourceLine] = []
    open_at: int | None = None  # line where an unclosed <!-- started
    for number, line in enumerate(raw.splitlines(), start=1):
        text = line
        if open_at is not None:
            end = text.find("-->")
            if end < 0:
                continue
            text = text[end + 3 :]
            open_at = None
        while "<!--" in text:
            start = text.find("<!--")
            end = text.find("-->", start + 4)
            if end < 0:
                text = text[:start]
                open_at = number
                break
            text = text[:start] + " " + text[end + 3 :]
        if text.lstrip().startswith("<!"):
            continue  # "<! -- NEW ACTORS -->": PETRARCH skips any line that starts with "<!"
        text = _strip_hash(text).strip()
        if text:
            out.append(SourceLine(name, number, text))
    if open_at is not None:
        raise KnowledgeError(f"{name}:{open_at}: comment '<!--' is never closed with '-->'")
    return out


# ---------------------------------------------------------------------------------------------------
# Discards


def parse_discards(lines: Sequence[SourceLine], report: ImportReport) -> list[Discard]:
    """Discard phrases: ``+PHRASE`` discards the story, ``PHRASE`` the sentence; ``_`` joins words."""
    found: list[Discard] = []
    for line in lines:
        text = line.text
        story = text.startswith("+")
        if story:
            text = text[1:].strip()
        if not text or any(c in text for c in "[]{}"):
            raise KnowledgeError(f"{line.where}: a discard line is a phrase, optionally after '+'")
        whole = text.endswith("_")
        phrase = " ".join(text.replace("_", " ").upper().split())
        found.append(Discard(phrase, story, whole, line.where))
        report.counts["discards"] += 1
    return found


# ---------------------------------------------------------------------------------------------------
# Kinds of file


def detect_kind(path: Path, lines: Sequence[SourceLine] | None = None) -> DictKind:
    """The kind of dictionary: from the file name (``*.actors.txt`` ...), else from its content."""
    name = path.name.lower()
    for kind in KINDS:
        if kind in name or kind.rstrip("s") in name.split("."):
            return kind
    lines = read_lines(path) if lines is None else lines
    if any(line.text.startswith("---") for line in lines):
        return "verbs"
    if any(re.search(r"\[\s*~|~\s*\]", line.text) for line in lines):
        return "agents"
    if any("[" in line.text for line in lines):
        return "actors"
    return "discards"


# ---------------------------------------------------------------------------------------------------
# The whole import


@dataclass
class PetrarchImport:
    """Everything one import produced."""

    actors: list[ActorEntry] = field(default_factory=list)
    verbs: VerbDictionary | None = None
    conversion: VerbConversion | None = None
    triggers: list[TriggerRow] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)
    files: dict[str, DictKind] = field(default_factory=dict)

    def write(self, out: Path, *, lexicon: Lexicon | None = None) -> list[Path]:
        """Write the converted files into ``out``; returns the paths written.

        - ``actors.jsonl``: whimbrel actor entries (point ``[stages.mentions] actor_files`` at it);
        - ``triggers.tsv`` with copies of the shipped ``cameo.tsv``, ``modes.tsv`` and ``cues.toml``,
          so that ``Lexicon.load(out)`` reads the directory as a lexicon (when verbs were imported);
        - ``patterns.tsv``: every verb pattern with how it was converted;
        - ``discards.tsv``: the discard list;
        - ``import-report.json``: the counts and findings.
        """
        from whimbrel.knowledge.lexicon import DATA_DIR
        from whimbrel.petrarch.verb_triggers import pattern_rows, trigger_table

        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        if self.actors:
            path = out / "actors.jsonl"
            with path.open("w", encoding="utf-8") as f:
                for entry in self.actors:
                    f.write(json.dumps(entry.to_json(), ensure_ascii=False) + "\n")
            written.append(path)
        if self.conversion is not None:
            path = out / "triggers.tsv"
            path.write_text(trigger_table(self.triggers, lexicon), encoding="utf-8")
            written.append(path)
            for name in ("cameo.tsv", "modes.tsv", "cues.toml"):
                shutil.copyfile(DATA_DIR / name, out / name)
                written.append(out / name)
            path = out / "patterns.tsv"
            path.write_text(pattern_rows(self.conversion), encoding="utf-8")
            written.append(path)
        if self.discards:
            path = out / "discards.tsv"
            rows = ["phrase\tscope\tmatch\tsource"]
            rows.extend(
                f"{d.phrase}\t{'story' if d.story else 'sentence'}\t{'word' if d.whole_word else 'stem'}"
                f"\t{d.where}"
                for d in self.discards
            )
            path.write_text("\n".join(rows) + "\n", encoding="utf-8")
            written.append(path)
        path = out / "import-report.json"
        path.write_text(json.dumps(self.report.to_json(), indent=2) + "\n", encoding="utf-8")
        written.append(path)
        return written


def import_dictionaries(
    paths: Iterable[Path | str],
    *,
    lexicon: Lexicon | None = None,
    lemmatize: Callable[[str], str | None] | None = None,
) -> PetrarchImport:
    """Read PETRARCH dictionary files (any mix of the four kinds) and convert them.

    ``lexicon`` gives the CAMEO crosswalk (default: the shipped one); ``lemmatize`` maps a verb form
    to its lemma (default: spaCy's rule lemmatizer, loaded only when verbs are imported).
    """
    from whimbrel.knowledge.lexicon import Lexicon
    from whimbrel.petrarch.actor_dictionary import convert_actors, parse_actors, parse_agents
    from whimbrel.petrarch.verb_dictionary import parse_verbs
    from whimbrel.petrarch.verb_triggers import convert_verbs, spacy_lemmatizer

    result = PetrarchImport()
    report = result.report
    actors = []
    agents = []
    verbs = []
    for raw in paths:
        path = Path(raw)
        lines = read_lines(path)
        kind = detect_kind(path, lines)
        result.files[str(path)] = kind
        report.counts[f"{kind} files"] += 1
        if kind == "actors":
            actors.extend(parse_actors(lines, report))
        elif kind == "agents":
            agents.extend(parse_agents(lines, report))
        elif kind == "verbs":
            verbs.append(parse_verbs(lines, report))
        else:
            result.discards.extend(parse_discards(lines, report))
    if actors or agents:
        result.actors = convert_actors(actors, agents, report)
    if verbs:
        merged = verbs[0] if len(verbs) == 1 else verbs[0].merged(verbs[1:])
        result.verbs = merged
        lex = lexicon or Lexicon.load()
        result.conversion = convert_verbs(merged, lex, lemmatize or spacy_lemmatizer(), report)
        result.triggers = result.conversion.rows
    return result
