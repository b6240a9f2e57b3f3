"""PETRARCH actor and agent dictionaries, and their conversion to whimbrel ``ActorEntry`` rows.

Actors (``*.actors.txt``)::

    GONDOR [GON]                 a name ("_" or " " between words) and its code
    +MINAS_TIRITH                a synonym of the entry above
    ZIMBABWE                     codes may follow on their own lines,
        [RHO <790606]            valid before a date (YYMMDD or YYYYMMDD),
        [ZBW]                    the default code
    SAM_GAMGEE [HOB]
        [HOBMIL 20080120-20121109]   valid from .. to (inclusive)
        [HOBELI >20130119]           valid after
    BOROMIR [---]                a known name without a code
    LORIEN [ELR/GAL]             several actors at once

Conversion: one ``ActorEntry`` per actor and per period in which one code holds. Dated codes win
over the default; where dated codes overlap, the one that starts later wins (the PETRARCH test
suite's expectation). Names become aliases in title case ("Minas Tirith"); short or dotted names
also keep their capitals ("IMF", "U.N."), because whimbrel matches short aliases case-sensitively.
When a name is listed twice, the later entry keeps it (PETRARCH overwrites). The kind is "country"
for a three-letter code (so that a following agent noun composes with it, as "Gondor government"),
"igo"/"ngo" for IGO/NGO codes, else "group".

Agents (``*.agents.txt``)::

    !PERSON! = MAN, MEN, WOMAN   a substitution set
    GOVERNMENT [~GOV]            a noun and its agent code; the plural is made (GOVERNMENTS)
    POLICE {} [~COP]             {} no plural; {GEESE} an irregular plural
    CONGRESS!PERSON! [~LEG]      CONGRESSMAN, CONGRESSMEN, CONGRESSWOMAN
    HUMAN_RIGHTS_BODY [NGO~]     "~" after the code: a prefix

Agents become "sector" entries (sector nouns, matched in any case). **Combination rule**: PETRARCH
writes an agent's code after the actor's code (``~GOV``: "Gondor government" is ``GONGOV``) or
before it (``NGO~``: "MSF Arnor" is ``NGOARN``); with no actor the actor part is ``---``
(``---GOV``). In whimbrel the mentions stage composes a country followed by a sector noun into one
``ActorRef(code="GON", sector="GOV")``, so the PETRARCH code is ``code + sector``. The entry's sector
is the agent code when it is a PLOVER sector, else its first three letters when those are one
(``~GOVFRM`` → ``GOV``), else a religion group → ``REL``, else none; the full agent code is always
kept in ``notes`` ("petrarch-agent:~GOVFRM; file:line"), and ``petrarch_code`` reads it back.
Actor entries keep their PETRARCH code in ``notes`` the same way ("petrarch:ELR/GAL; file:line"),
so codes whimbrel cannot hold (``YEMNO``, ``G77``, ``ELR/GAL``) survive the conversion.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from whimbrel.errors import KnowledgeError
from whimbrel.knowledge.actors import SECTORS, ActorEntry
from whimbrel.petrarch.importer import ImportReport, SourceLine

__all__ = [
    "CodeSpec",
    "PetrarchActor",
    "PetrarchAgent",
    "agent_code_of",
    "convert_actors",
    "parse_actors",
    "parse_agents",
    "parse_date",
    "petrarch_code",
]

NULL_CODE: Final = "---"
_WHIMBREL_CODE = re.compile(r"(?:[A-Z]{3})+")
_CODE_BODY = re.compile(
    r"^(?P<code>[^\s<>]+)\s*(?:(?P<op>[<>])\s*(?P<date>\d+)|(?P<lo>\d+)\s*-\s*(?P<hi>\d+))?$"
)
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_SMALL_WORDS: Final = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "by", "a", "an"})
_RELIGIONS: Final = frozenset({"MUS", "MOS", "CHR", "JEW", "HIN", "BUD", "SHI", "SUN", "CTH", "BAH"})
_NOTES = re.compile(r"^petrarch(?P<agent>-agent)?:(?P<code>\S+);")


@dataclass(frozen=True, slots=True)
class CodeSpec:
    """One code of an actor, with the (inclusive) dates it holds; ``None`` is an open end."""

    code: str
    since: dt.date | None
    until: dt.date | None
    where: str

    @property
    def dated(self) -> bool:
        """True for a date-restricted code."""
        return self.since is not None or self.until is not None

    def holds(self, day: dt.date) -> bool:
        """True when the code holds on ``day``."""
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)


@dataclass
class PetrarchActor:
    """One actor record: its names (main name first) and codes, as read."""

    names: list[str]
    codes: list[CodeSpec] = field(default_factory=list)
    where: str = ""


@dataclass(frozen=True, slots=True)
class PetrarchAgent:
    """One agent phrase with its forms and its code (``prefix``: written before the actor code)."""

    phrases: tuple[str, ...]
    code: str
    prefix: bool
    where: str

    @property
    def written(self) -> str:
        """The code as PETRARCH writes it: ``~GOV`` or ``NGO~``."""
        return f"{self.code}~" if self.prefix else f"~{self.code}"


# ---------------------------------------------------------------------------------------------------
# Parsing


def parse_date(text: str, where: str) -> dt.date:
    """A PETRARCH date: YYYYMMDD, or YYMMDD with 00-30 read as 20YY and 31-99 as 19YY."""
    try:
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6:
            yy = int(text[:2])
            return dt.date(2000 + yy if yy <= 30 else 1900 + yy, int(text[2:4]), int(text[4:]))
    except ValueError:
        pass
    raise KnowledgeError(f"{where}: {text!r} is not a date (YYYYMMDD or YYMMDD)")


def _code_spec(body: str, where: str) -> CodeSpec:
    m = _CODE_BODY.match(body.strip())
    if m is None or not m.group("code") or m.group("code")[0].isdigit():
        raise KnowledgeError(
            f"{where}: bad code block [{body}]: expected [CODE], [CODE <date], [CODE >date] "
            "or [CODE date-date]"
        )
    code = m.group("code")
    if m.group("op") == "<":
        return CodeSpec(code, None, parse_date(m.group("date"), where) - dt.timedelta(days=1), where)
    if m.group("op") == ">":
        return CodeSpec(code, parse_date(m.group("date"), where) + dt.timedelta(days=1), None, where)
    if m.group("lo"):
        lo, hi = parse_date(m.group("lo"), where), parse_date(m.group("hi"), where)
        if hi < lo:
            raise KnowledgeError(f"{where}: date range {m.group('lo')}-{m.group('hi')} ends before it starts")
        return CodeSpec(code, lo, hi, where)
    return CodeSpec(code, None, None, where)


def _codes_and_rest(line: SourceLine) -> tuple[str, list[CodeSpec]]:
    text = line.text
    if text.count("[") != text.count("]") or "[" in _BRACKETS.sub("", text):
        raise KnowledgeError(f"{line.where}: unbalanced '[' ... ']' in {text!r}")
    codes = [_code_spec(m.group(1), line.where) for m in _BRACKETS.finditer(text)]
    rest = _BRACKETS.sub(" ", text).strip()
    return rest, codes


def _name(raw: str) -> str:
    """A dictionary name as words: "_" is a space; a final "_" (whole word only) is dropped."""
    return " ".join(raw.replace("_", " ").split())


def parse_actors(lines: Sequence[SourceLine], report: ImportReport) -> list[PetrarchActor]:
    """The actor records of an actors dictionary."""
    actors: list[PetrarchActor] = []
    current: PetrarchActor | None = None
    for line in lines:
        rest, codes = _codes_and_rest(line)
        if line.text.startswith("["):
            if current is None:
                raise KnowledgeError(f"{line.where}: a code line needs an actor name above it")
            if rest:
                raise KnowledgeError(f"{line.where}: text after a code line: {rest!r}")
            current.codes.extend(codes)
        elif line.text.startswith("+"):
            if current is None:
                raise KnowledgeError(f"{line.where}: a '+' synonym needs an actor name above it")
            if codes:
                raise KnowledgeError(
                    f"{line.where}: a '+' synonym cannot carry a code; put it on its own line"
                )
            name = _name(rest[1:])
            if not name:
                raise KnowledgeError(f"{line.where}: empty synonym")
            current.names.append(name)
            report.counts["actor synonyms"] += 1
        else:
            if "{" in rest or "}" in rest:
                raise KnowledgeError(f"{line.where}: '{{...}}' is not actor syntax: {line.text!r}")
            name = _name(rest)
            if not name:
                raise KnowledgeError(f"{line.where}: a code without an actor name")
            current = PetrarchActor([name], list(codes), line.where)
            actors.append(current)
            report.counts["actors"] += 1
    for actor in actors:
        report.counts["actor codes"] += len(actor.codes)
        report.counts["date-restricted codes"] += sum(1 for c in actor.codes if c.dated)
    return actors


def _plural(phrase: str) -> str:
    words = phrase.split(" ")
    last = words[-1]
    if re.search(r"[^AEIOU]Y$", last):
        last = last[:-1] + "IES"
    elif re.search(r"(S|SH|CH|X|Z)$", last):
        last = last + "ES"
    else:
        last = last + "S"
    return " ".join([*words[:-1], last])


def parse_agents(lines: Sequence[SourceLine], report: ImportReport) -> list[PetrarchAgent]:
    """The agent records of an agents dictionary (substitution sets expanded, plurals made)."""
    markers: dict[str, list[str]] = {}
    agents: list[PetrarchAgent] = []
    for line in lines:
        text = line.text
        if "=" in text and text.startswith("!"):
            m = re.fullmatch(r"!([^!\s]+)!\s*=\s*(.+)", text)
            if m is None:
                raise KnowledgeError(f"{line.where}: a substitution set is written !NAME! = A, B, C")
            markers[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            report.counts["agent substitution sets"] += 1
            continue
        if "[" not in text:
            raise KnowledgeError(f"{line.where}: an agent needs a code in brackets, e.g. GOVERNMENT [~GOV]")
        head, _, tail = text.partition("[")
        body, closed, after = tail.partition("]")
        if not closed or after.strip():
            raise KnowledgeError(f"{line.where}: unbalanced or trailing text after the agent code")
        code = body.replace(" ", "")
        if re.fullmatch(r"~[A-Z]+", code):
            prefix, code = False, code[1:]
        elif re.fullmatch(r"[A-Z]+~", code):
            prefix, code = True, code[:-1]
        else:
            raise KnowledgeError(
                f"{line.where}: agent code [{body.strip()}] must be ~CODE (after the actor) or CODE~ (before)"
            )
        plural: list[str] | None = None
        if "{" in head or "}" in head:
            m = re.fullmatch(r"([^{}]*)\{([^{}]*)\}\s*", head)
            if m is None:
                raise KnowledgeError(f"{line.where}: unbalanced '{{' ... '}}' in {text!r}")
            head = m.group(1)
            plural = [_name(p) for p in m.group(2).split()]
        phrase = _name(head).upper()
        if not phrase:
            raise KnowledgeError(f"{line.where}: an agent code without a phrase")
        if "!" in phrase:
            m = re.fullmatch(r"([^!]*)!([^!\s]+)!([^!]*)", phrase)
            if m is None:
                raise KnowledgeError(f"{line.where}: bad substitution marker in {phrase!r}")
            if m.group(2) not in markers:
                raise KnowledgeError(f"{line.where}: substitution set !{m.group(2)}! is not defined above")
            forms = [_name(m.group(1) + s.upper() + m.group(3)) for s in markers[m.group(2)]]
        else:
            forms = (
                [phrase, *(p.upper() for p in plural)] if plural is not None else [phrase, _plural(phrase)]
            )
        agents.append(PetrarchAgent(tuple(dict.fromkeys(forms)), code, prefix, line.where))
        report.counts["agents"] += 1
    return agents


# ---------------------------------------------------------------------------------------------------
# Conversion


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _title(name: str) -> str:
    out = []
    for i, word in enumerate(name.lower().split()):
        if i and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(re.sub(r"(^|[./])([a-z])", lambda m: m.group(1) + m.group(2).upper(), word))
    return " ".join(out)


def _aliases(names: Sequence[str]) -> list[str]:
    aliases: list[str] = []
    for name in names:
        aliases.append(_title(name))
        letters = sum(c.isalpha() for c in name)
        if letters <= 4 or "." in name or not re.search(r"[AEIOUY]", name.upper()):
            aliases.append(name.upper())
    return list(dict.fromkeys(aliases))


def _kind(code: str | None) -> str:
    if code is None:
        return "group"
    if code.startswith("IGO"):
        return "igo"
    if code.startswith(("NGO", "NGM")):
        return "ngo"
    return "country" if len(code) == 3 else "group"


def _whimbrel_code(spec: CodeSpec, report: ImportReport) -> str | None:
    """The code whimbrel can hold for a PETRARCH code (the full code always stays in notes)."""
    raw = spec.code
    line = spec.where
    if raw == NULL_CODE:
        return None
    parts = raw.split("/")
    upper = [p.upper() for p in parts]
    if all(_WHIMBREL_CODE.fullmatch(p) for p in upper):
        if len(parts) > 1:
            report.note(
                line,
                "approximated",
                "multi-code actor",
                f"[{raw}]: whimbrel code {upper[0]}; all codes kept in notes",
            )
        elif raw != upper[0]:
            report.note(line, "approximated", "lower-case code", f"[{raw}] read as {upper[0]}")
        return upper[0]
    if not any(c.isalpha() for c in raw):
        report.note(line, "unsupported", "non-code marker", f"[{raw}]: no whimbrel code; kept in notes")
    else:
        report.note(
            line,
            "approximated",
            "code not in whimbrel's format",
            f"[{raw}] is not capital letters in groups of three; code left empty, kept in notes",
        )
    return None


def _segments(codes: Sequence[CodeSpec]) -> list[tuple[CodeSpec, dt.date | None, dt.date | None]]:
    """Non-overlapping periods, each with the code that holds in it (see the module docstring)."""
    dated = [c for c in codes if c.dated]
    default = next((c for c in codes if not c.dated), None)
    if not dated:
        return [(default, None, None)] if default is not None else []
    order = sorted(range(len(dated)), key=lambda i: (dated[i].since or dt.date.min, -i), reverse=True)
    points = sorted({p for c in dated for p in (c.since, c.until and c.until + dt.timedelta(days=1)) if p})

    def winner(day: dt.date) -> CodeSpec | None:
        return next((dated[i] for i in order if dated[i].holds(day)), default)

    pieces: list[tuple[CodeSpec | None, dt.date | None, dt.date | None]] = []
    starts: list[dt.date | None] = [None, *points]
    for k, start in enumerate(starts):
        end = points[k] - dt.timedelta(days=1) if k < len(points) else None
        probe = start if start is not None else points[0] - dt.timedelta(days=1)
        spec = winner(probe)
        if pieces and pieces[-1][0] is spec:
            pieces[-1] = (spec, pieces[-1][1], end)
        else:
            pieces.append((spec, start, end))
    return [(spec, lo, hi) for spec, lo, hi in pieces if spec is not None]


def convert_actors(
    actors: Sequence[PetrarchActor], agents: Sequence[PetrarchAgent], report: ImportReport
) -> list[ActorEntry]:
    """Actor and agent records as whimbrel entries (actors first, in file order)."""
    owner: dict[str, int] = {}  # folded name -> index of the last actor that lists it
    for index, actor in enumerate(actors):
        for name in actor.names:
            key = name.casefold()
            if key in owner and owner[key] != index:
                previous = actors[owner[key]]
                report.note(
                    actor.where,
                    "approximated",
                    "duplicate name",
                    f"{name!r} also names the actor at {previous.where}; this later entry keeps it",
                )
            owner[key] = index
    entries: list[ActorEntry] = []
    used: set[str] = set()
    for index, actor in enumerate(actors):
        names = [n for n in actor.names if owner[n.casefold()] == index]
        where = actor.where
        if not names:
            report.note(
                where,
                "unsupported",
                "actor without names",
                f"every name of {actor.names[0]!r} is taken by a later entry",
            )
            continue
        if not actor.codes:
            report.note(
                where, "approximated", "actor without code", f"{actor.names[0]!r}: no [CODE]; kept uncoded"
            )
        extra = [c for c in actor.codes if not c.dated][1:]
        for spec in extra:
            report.note(
                spec.where,
                "unsupported",
                "second default code",
                f"[{spec.code}]: {actor.names[0]!r} already has the default [{actor.codes[0].code}]",
            )
        segments = _segments(actor.codes) if actor.codes else []
        if not segments:
            segments = [(CodeSpec(NULL_CODE, None, None, actor.where), None, None)]
        elif segments[0][1] is not None or segments[-1][2] is not None:
            report.note(
                where,
                "approximated",
                "actor outside its dates",
                f"{actor.names[0]!r} has no code outside its dated codes; whimbrel still matches "
                "it there with the nearest entry",
            )
        base = "petrarch:" + _slug(names[0])
        for n, (spec, lo, hi) in enumerate(segments):
            ident = base if n == 0 else f"{base}~{n + 1}"
            while ident in used:
                ident += "+"
            used.add(ident)
            code = _whimbrel_code(spec, report)
            entries.append(
                ActorEntry(
                    id=ident,
                    name=_title(names[0]),
                    kind=_kind(code),
                    code=code,
                    sector=None,
                    aliases=tuple(_aliases(names)),
                    valid_from=lo.isoformat() if lo else None,
                    valid_to=hi.isoformat() if hi else None,
                    notes=f"petrarch:{spec.code}; {spec.where}",
                )
            )
            report.counts["actor entries"] += 1
    entries.extend(_agent_entries(agents, report, used))
    return entries


def _sector(agent: PetrarchAgent, report: ImportReport) -> str | None:
    line = agent.where
    code = agent.code
    if agent.prefix:
        report.note(
            line,
            "approximated",
            "prefix agent",
            f"[{agent.written}] goes before the actor code; whimbrel sectors follow it (kept in notes)",
        )
    if code in SECTORS:
        return code
    if code[:3] in SECTORS:
        report.note(
            line,
            "approximated",
            "agent code narrowed",
            f"[{agent.written}] has sector {code[:3]}; the full code is kept in notes",
        )
        return code[:3]
    if code[:3] in _RELIGIONS:
        report.note(
            line, "approximated", "agent code narrowed", f"[{agent.written}] has sector REL (religion)"
        )
        return "REL"
    report.note(
        line,
        "approximated",
        "agent code without PLOVER sector",
        f"[{agent.written}]: no PLOVER sector; the code is kept in notes",
    )
    return None


def _agent_alias(phrase: str) -> str:
    # Sector nouns match in any case, but whimbrel keeps aliases of three letters or fewer case-exact.
    return phrase if sum(c.isalpha() for c in phrase) <= 3 else phrase.lower()


def _agent_entries(agents: Sequence[PetrarchAgent], report: ImportReport, used: set[str]) -> list[ActorEntry]:
    owner: dict[str, int] = {}
    for index, agent in enumerate(agents):
        for phrase in agent.phrases:
            owner[phrase.casefold()] = index
    entries = []
    for index, agent in enumerate(agents):
        phrases = [p for p in agent.phrases if owner[p.casefold()] == index]
        if not phrases:
            report.note(
                agent.where,
                "unsupported",
                "agent without phrases",
                f"every form of {agent.phrases[0]!r} is redefined by a later agent",
            )
            continue
        ident = "petrarch-agent:" + _slug(phrases[0])
        while ident in used:
            ident += "+"
        used.add(ident)
        entries.append(
            ActorEntry(
                id=ident,
                name=phrases[0].lower(),
                kind="sector",
                code=None,
                sector=_sector(agent, report),
                aliases=tuple(dict.fromkeys(_agent_alias(p) for p in phrases)),
                notes=f"petrarch-agent:{agent.written}; {agent.where}",
            )
        )
        report.counts["agent entries"] += 1
    return entries


# ---------------------------------------------------------------------------------------------------
# Reading the PETRARCH code back


def petrarch_code(entry: ActorEntry) -> str | None:
    """The PETRARCH code an imported actor entry came from (``ELR/GAL``, ``---``), or its whimbrel code."""
    m = _NOTES.match(entry.notes or "")
    if m is not None and not m.group("agent"):
        return m.group("code")
    return entry.code


def agent_code_of(entry: ActorEntry) -> str | None:
    """The PETRARCH agent code of an imported sector entry (``~GOVFRM``, ``NGO~``), else ``~SECTOR``."""
    m = _NOTES.match(entry.notes or "")
    if m is not None and m.group("agent"):
        return m.group("code")
    return f"~{entry.sector}" if entry.kind == "sector" and entry.sector else None
