"""The ``petrarch`` evaluation: PETRARCH's own unit-test and validation records, coded by whimbrel.

Data (never shipped; read from ``../shared/data/petrarch_validation``): ``PETR.UnitTest.records.xml``
and ``PETR.Validate.records.140226.xml`` (sentences with ``<EventCoding sourcecode targetcode
eventcode>`` gold), and the toy dictionaries they were written for (``dictionaries/PETR.Validate.*``).
The ``<Parse>`` trees are ignored: whimbrel parses with spaCy.

How a record is coded:

1. The four dictionaries are imported with ``whimbrel.knowledge.petrarch`` (as ``whimbrel actors
   import --format petrarch`` does).
2. The actor base is the imported one **merged over** the shipped one, without the shipped sector
   nouns (``actor_base``): the toy dictionaries define the gold codes (Egypt is ``UAR``, Japan ``JAP``,
   Gondor ``GON``) and win on a shared name; shipped countries fill names they lack (Estonia ``EST``);
   PETRARCH's agents replace the shipped sector nouns ("crowds", "spokesman"), which PETRARCH never codes.
3. The lexicon is the shipped one (CAMEO crosswalk, cues, modes) with the imported triggers. Variant
   ``strict`` uses exactly the ``triggers.tsv`` the importer writes. Variant ``stand-in`` adds, for the
   verbs whose code has no PLOVER event (CAMEO 01 statements, the test suite's made-up and WEIS codes
   such as 345, 903, 223), a stand-in trigger (PLOVER CONSULT) so the coder finds their roles; the
   scored code is always the PETRARCH one (step 5), never the stand-in's.
4. Each sentence is coded with its ``date`` as the publication date (date-restricted actor codes).
5. Post-steps standing in for coder hooks whimbrel lacks (each counted in the report's notes):
   discards (a sentence with a discard phrase gives nothing); the PETRARCH code of each event's verb
   from the full verb dictionary (surface form, patterns with words before and after the verb,
   synsets; ``---`` vetoes the event; an event whose trigger is no PETRARCH verb is dropped); the
   reverse event of a paired code (``[032:033]``).
6. Predicted triple = (actor code, recipient code, code) for each actor x recipient. The actor code is
   PETRARCH style: prefix agents + actor code + suffix agents, from the ``ActorRef`` (its entry's
   PETRARCH code, which whimbrel's ``code`` holds when it can) and the agent nouns in its text
   (``sector``): "Calenardhon government" is ``CALGOV``, "MSF Arnor diplomat" ``NGOARNGOV``; an agent
   with no actor is ``---GOV``; a missing target is ``---``; a multi-code actor gives one triple per
   code. PETRARCH's default ``require_dyad`` codes an event only with both a source and a target, so a
   triple with ``---`` as its source or target is dropped (``---GOV``, an agent alone, stays).
7. Variant ``compat`` (on the stand-in coding) adds PETRARCH's role rules, standing in for coder hooks:
   a recipient before the verb (other than a passive subject) is dropped; with no recipient, the target
   is the first coded actor after the verb in the verb's subtree, with its conjuncts; a pattern's
   ``$``/``+`` markers place the source/target (``^`` skips a noun phrase); a compound (``%``) before
   the verb with no target codes each member against the others; an agent noun takes the actors of
   its noun phrase ("lawmakers in Fornost and Gondor": ``FORLEG``, ``GONLEG``), and agent nouns that
   modify an actor's phrase join its code ("MSF Arnor": ``NGOARN``); an apposition is not a second
   actor.

Scores per file: CAMEO root code (first two digits) P/R/F1 per class over each record's set of roots;
exact-record rate (the record's set of triples equals the gold set; records whose gold is "no event"
count); coding P/R/F1 over triples.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

from whimbrel.config import load_config
from whimbrel.errors import EvaluationError
from whimbrel.evaluation.metrics import ClassScore, Report, TaskReport, score_multi
from whimbrel.knowledge.actors import ActorEntry, ActorKB, alias_tokens
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.knowledge.petrarch import Discard, PetrarchImport, import_dictionaries
from whimbrel.knowledge.petrarch_actors import agent_code_of, petrarch_code
from whimbrel.knowledge.petrarch_verbs import (
    NULL_CODE,
    PatternHit,
    TriggerRow,
    VerbMatch,
    VerbMatcher,
    spacy_lemmatizer,
    trigger_table,
)
from whimbrel.model import ActorRef, Document, Event, Mention, Sentence
from whimbrel.pipeline import Pipeline, Resources

__all__ = ["FILES", "GoldRecord", "evaluate", "read_records"]

FILES: Final = ("PETR.UnitTest.records.xml", "PETR.Validate.records.140226.xml")
STAND_IN_EVENT: Final = "CONSULT"
VARIANTS: Final = ("strict", "stand-in", "compat")
DISCARD_ERRORS: Final = frozenset({"storydiscard", "sentencediscard"})
Triple = tuple[str, str, str]

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=</Sentence>|<Sentence\b|\Z)", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One ``<Sentence>`` with its gold triples, or the reason it is not scored."""

    file: str
    id: str
    category: str
    date: dt.date | None
    text: str
    gold: frozenset[Triple]
    skip: str | None = None  # why the record is not scored


def _attrs(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(text)
    }


def read_records(path: Path) -> list[GoldRecord]:
    """The records of one file (a forgiving reader: the Validate file is not well-formed XML)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read ({exc.strerror})") from None
    records = []
    for n, m in enumerate(_SENTENCE.finditer(raw), start=1):
        attrs = _attrs(m.group(1))
        body = _COMMENT.sub(" ", m.group(2))
        ident = attrs.get("id") or f"record-{n}"
        date = _date(attrs.get("date", ""))
        text_match = _TEXT.search(body)
        if text_match is not None:
            text = " ".join(text_match.group(1).split())
        else:  # the older format: the sentence as plain text, then the bare parse tree
            plain = re.sub(r"<[^>]*>", " ", body.split("(ROOT")[0])
            text = " ".join(plain.split())
        codings = [_attrs(c.group(1)) for c in _CODING.finditer(body)]
        gold: set[Triple] = set()
        skip: str | None = None
        for coding in codings:
            if "error" in coding:
                if coding["error"] not in DISCARD_ERRORS:
                    skip = f"error record ({coding['error']}): tests PETRARCH's input checks"
            elif "eventcode" in coding:
                gold.add((coding.get("sourcecode", ""), coding.get("targetcode", ""), coding["eventcode"]))
        if not text:
            skip = "no <Text> (an unconverted TABARI record or an option record)"
        elif not codings:
            skip = "no <EventCoding> gold"
        elif date is None:
            skip = "no valid date"
        records.append(
            GoldRecord(path.name, ident, attrs.get("category", ""), date, text, frozenset(gold), skip)
        )
    if not records:
        raise EvaluationError(f"{path}: no <Sentence> records")
    return records


def _date(value: str) -> dt.date | None:
    value = value.strip()
    try:
        if len(value) == 8:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        if len(value) == 6:
            yy = int(value[:2])
            return dt.date(2000 + yy if yy <= 30 else 1900 + yy, int(value[2:4]), int(value[4:]))
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------------------------------------------
# Building the coder


def _stand_in_rows(imported: PetrarchImport, lexicon: Lexicon) -> list[TriggerRow]:
    """Stand-in triggers for verbs (and simple patterns) whose code has no PLOVER event."""
    assert imported.verbs is not None
    lemmatize = spacy_lemmatizer()
    taken = {row.lemma for row in imported.triggers}
    code = lexicon.cameo_for(STAND_IN_EVENT).code
    rows = []
    for block in imported.verbs.blocks:
        for verb in block.verbs:
            lemma = lemmatize(verb.word) or verb.word.lower()
            phrase = " ".join([lemma, *(w.lower() for w in verb.after)]).replace("-", " ")
            if phrase not in taken:
                taken.add(phrase)
                rows.append(TriggerRow(phrase, "VERB", STAND_IN_EVENT, code, 0.8, verb.where))
    return rows


def _lexicon(rows: Sequence[TriggerRow], directory: Path) -> Lexicon:
    from whimbrel.knowledge.lexicon import DATA_DIR

    directory.mkdir(parents=True, exist_ok=True)
    for name in ("cameo.tsv", "modes.tsv", "cues.toml"):
        (directory / name).write_bytes((DATA_DIR / name).read_bytes())
    (directory / "triggers.tsv").write_text(trigger_table(rows), encoding="utf-8")
    return Lexicon.load(directory)


def actor_base(imported: Sequence[ActorEntry]) -> ActorKB:
    """The imported entries merged over the shipped base, without the shipped sector nouns.

    The imported names win where both know a name (Egypt is the toy dictionary's ``UAR``, not ``EGY``);
    the shipped countries, organisations and people fill the names the toy dictionary lacks (the
    Validate records' Estonia, ``EST``). The shipped sector nouns are left out: PETRARCH's agents
    dictionary is the whole list of agent nouns, and shipped ones ("crowds", "spokesman") would add
    actors PETRARCH never codes.
    """
    shipped = [e for e in ActorKB.load().entries() if e.kind != "sector"]
    return ActorKB([*shipped, *imported], priority={e.id: 1 for e in imported})


# ---------------------------------------------------------------------------------------------------
# PETRARCH codes of predicted events


@dataclass
class _Counts:
    discarded: int = 0
    vetoed: int = 0
    not_petrarch: int = 0
    recoded: int = 0
    reverse: int = 0
    events: int = 0
    compound: int = 0
    marker_roles: int = 0
    target_fallback: int = 0
    dropped_recipients: int = 0
    composed: int = 0


@dataclass
class _Role:
    """One actor or recipient of an event: its reference and, when found, its mention."""

    ref: ActorRef
    mention: Mention | None


class _Parse:
    """Children and subtrees of one sentence's dependency parse."""

    def __init__(self, sent: Sentence, mentions: Sequence[Mention]) -> None:
        self.sent = sent
        self.tokens = sent.tokens
        self.children: list[list[int]] = [[] for _ in sent.tokens]
        for t in sent.tokens:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self.actors = sorted(
            (m for m in mentions if m.kind == "actor" and m.actor), key=lambda m: m.token_start
        )

    def subtree(self, i: int) -> set[int]:
        out, stack = set(), [i]
        while stack:
            j = stack.pop()
            if j not in out:
                out.add(j)
                stack.extend(self.children[j])
        return out

    def conjuncts(self, i: int) -> list[int]:
        out, stack = [i], [i]
        while stack:
            for k in self.children[stack.pop()]:
                if self.tokens[k].dep == "conj" and k not in out:
                    out.append(k)
                    stack.append(k)
        return out

    def at(self, i: int) -> Mention | None:
        return next((m for m in self.actors if m.token_start <= i < m.token_end), None)

    def head(self, m: Mention) -> int:
        span = range(m.token_start, m.token_end)
        return next(
            (i for i in span if self.tokens[i].head not in span or self.tokens[i].head == i), m.token_end - 1
        )


@dataclass
class _Coder:
    kb: ActorKB
    matcher: VerbMatcher
    discards: Sequence[Discard]
    compat: bool = False
    counts: _Counts = field(default_factory=_Counts)

    def triples(self, doc: Document) -> set[Triple]:
        if any(d.matches(doc.text) for d in self.discards):
            self.counts.discarded += 1
            return set()
        out: set[Triple] = set()
        sentences = {s.index: s for s in doc.sentences}
        for event in doc.events:
            self.counts.events += 1
            sent = sentences.get(event.sentence)
            if sent is None:
                continue
            parse = _Parse(sent, [m for m in doc.mentions if m.sentence == sent.index])
            out |= self._event(event, parse)
        return out

    def _event(self, event: Event, parse: _Parse) -> set[Triple]:
        tokens = parse.tokens
        t = next((tok.i for tok in tokens if tok.idx == event.trigger_start), None)
        found = (
            self.matcher.match([x.text.lower() for x in tokens], [x.lemma for x in tokens], t)
            if t is not None
            else None
        )
        if t is None or found is None:
            self.counts.not_petrarch += 1
            return set()
        actors = [self._role(ref, parse, t) for ref in event.actor]
        recipients = [self._role(ref, parse, t) for ref in event.recipient]
        if self.compat:
            actors = self._no_appositions(actors, parse)
            recipients = self._after_verb(recipients, parse, t)
        hit = self._pick(found, actors, recipients)
        code = hit.code if hit is not None else found.default
        if code == NULL_CODE:
            self.counts.vetoed += 1
            return set()
        if code != event.cameo:
            self.counts.recoded += 1
        pairs: list[tuple[str, str]] | None = None
        if self.compat and hit is not None:
            actors, recipients = self._marker_roles(hit, parse, t, actors, recipients)
            if any(m == "%" and d < 0 for m, _, d in hit.markers) and not recipients:
                codes = self._codes(actors, parse)  # "Gondor and Osgiliath have delayed": each to the other
                pairs = [(a, b) for a in codes for b in codes if a != b]
                self.counts.compound += 1
        if self.compat and not recipients and pairs is None:
            recipients = self._first_after(parse, t, actors)
        if pairs is None:
            sources = self._codes(actors, parse) or [NULL_CODE]
            targets = self._codes(recipients, parse) or [NULL_CODE]
            pairs = [(s, g) for s in sources for g in targets]
        pairs = [(s, g) for s, g in pairs if NULL_CODE not in (s, g)]  # PETRARCH require_dyad
        first, _, reverse = code.partition(":")
        out: set[Triple] = set()
        for s, g in pairs:
            out.add((s, g, first))
            if reverse and NULL_CODE not in (s, g):
                out.add((g, s, reverse))
                self.counts.reverse += 1
        return out

    # -- roles --------------------------------------------------------------------------------------

    def _role(self, ref: ActorRef, parse: _Parse, t: int) -> _Role:
        same = [m for m in parse.actors if m.actor == ref]
        return _Role(ref, min(same, key=lambda m: abs(m.token_start - t)) if same else None)

    def _pick(
        self, found: VerbMatch, actors: Sequence[_Role], recipients: Sequence[_Role]
    ) -> PatternHit | None:
        for hit in found.hits:
            if not hit.has("%"):
                return hit
            before = any(m == "%" and d < 0 for m, _, d in hit.markers)
            if self.compat and len(actors if before else recipients) >= 2:
                return hit
        return None

    def _no_appositions(self, roles: list[_Role], parse: _Parse) -> list[_Role]:
        """ "Deputy Prime Minister Telemar" and "Telemar": an apposition is the same actor."""
        spans = [range(r.mention.token_start, r.mention.token_end) for r in roles if r.mention]
        out = []
        for r in roles:
            if r.mention is not None:
                head = parse.head(r.mention)
                tok = parse.tokens[head]
                if tok.dep == "appos" and any(tok.head in span for span in spans if head not in span):
                    continue
            out.append(r)
        return out

    def _after_verb(self, roles: list[_Role], parse: _Parse, t: int) -> list[_Role]:
        """PETRARCH's target follows the verb (a passive subject excepted)."""
        out = []
        for r in roles:
            m = r.mention
            if m is not None and m.token_end <= t and parse.tokens[parse.head(m)].dep != "nsubjpass":
                self.counts.dropped_recipients += 1
                continue
            out.append(r)
        return out

    def _group(self, m: Mention, parse: _Parse) -> list[_Role]:
        found = []
        for k in parse.conjuncts(parse.head(m)):
            other = parse.at(k)
            if other is not None and other.actor is not None and other not in found:
                found.append(other)
        return [_Role(x.actor, x) for x in found if x.actor is not None]

    def _first_after(self, parse: _Parse, t: int, actors: Sequence[_Role]) -> list[_Role]:
        """PETRARCH's target: the first coded actor after the verb, in the verb's phrase."""
        inside = parse.subtree(t)
        taken = {id(r.mention) for r in actors if r.mention is not None}
        for m in parse.actors:
            after = m.token_start > t and m.token_start in inside and id(m) not in taken
            if after and m.actor is not None and self.ref_codes(m.actor):
                self.counts.target_fallback += 1
                return self._group(m, parse)
        return []

    def _marker_roles(
        self, hit: PatternHit, parse: _Parse, t: int, actors: list[_Role], recipients: list[_Role]
    ) -> tuple[list[_Role], list[_Role]]:
        """A pattern's "$" (source) and "+" (target) say where the roles are; "^" skips a noun phrase."""
        pool = [m for m in parse.actors if m.actor is not None and self.ref_codes(m.actor)]
        skip: dict[tuple[int, int], int] = {}
        moved: set[str] = set()
        for marker, pos, direction in hit.markers:
            start = skip.get((pos, direction), pos)
            if marker == "^":
                skip[(pos, direction)] = _skip_noun_phrase(parse, start, direction)
                continue
            if marker not in {"$", "+"}:
                continue
            if direction > 0:
                near = [m for m in pool if m.token_start >= start and m.token_start > t]
                found = min(near, key=lambda x: x.token_start) if near else None
            else:
                near = [m for m in pool if m.token_end - 1 <= start and m.token_end - 1 < t]
                found = max(near, key=lambda x: x.token_end) if near else None
            if found is None:
                continue
            self.counts.marker_roles += 1
            moved.add(marker)
            if marker == "$":
                actors = self._group(found, parse)
            else:
                recipients = self._group(found, parse)
        taken = {id(r.mention) for r in recipients if r.mention is not None}
        if "+" in moved and "$" not in moved and any(id(r.mention) in taken for r in actors):
            # the target the pattern names was read as the actor: the actor is the sentence's first one
            others = [m for m in pool if id(m) not in taken]
            actors = self._group(others[0], parse) if others else []
        return actors, recipients

    # -- codes --------------------------------------------------------------------------------------

    def _codes(self, roles: Iterable[_Role], parse: _Parse) -> list[str]:
        found: list[tuple[_Role, list[str]]] = []
        bases: set[int] = set()  # mentions that became part of another role's code
        for role in roles:
            codes = self.ref_codes(role.ref)
            entry = self._entry(role.ref.identifier_id)
            if self.compat and role.mention is not None and codes:
                pre, post = self._np_agents(role.mention, parse)
                if pre or post:
                    codes = [_join(pre, code, post) for code in codes]
            if self.compat and role.mention is not None and entry is not None and entry.kind == "sector":
                composed, used = self._compose(role.mention, role.ref, entry, parse)
                if composed:
                    codes = composed
                    bases.update(id(m) for m in used)
            found.append((role, codes))
        out: list[str] = []
        for role, codes in found:
            if role.mention is not None and id(role.mention) in bases:
                continue
            out.extend(c for c in codes if c not in out)
        return out

    def _compose(
        self, mention: Mention, ref: ActorRef, entry: ActorEntry, parse: _Parse
    ) -> tuple[list[str], list[Mention]]:
        """An agent noun with the actors of its noun phrase: "lawmakers and officials in Fornost and
        Gondor", "the ambassadors of Arnor, Osgiliath and Gondor", "White House security officials"."""
        heads = [parse.head(mention)]
        while parse.tokens[heads[-1]].dep == "conj" and parse.tokens[heads[-1]].head not in heads:
            heads.append(parse.tokens[heads[-1]].head)  # "lawmakers and officials in X": shared modifiers
        bases: list[Mention] = []
        for head in heads:
            for k in parse.children[head]:
                tok = parse.tokens[k]
                if tok.dep == "prep" and tok.text.lower() in {"of", "in", "from"}:
                    for obj in (j for j in parse.children[k] if parse.tokens[j].dep == "pobj"):
                        first = parse.at(obj)
                        if first is not None:
                            bases.extend(r.mention for r in self._group(first, parse) if r.mention)
                elif tok.dep in {"compound", "poss", "amod", "nmod"} and (m := parse.at(k)) is not None:
                    bases.append(m)
        prefixes, suffixes = self._agents(ref, entry)
        codes: list[str] = []
        used: list[Mention] = []
        for base in bases:
            base_entry = self._entry(base.actor.identifier_id) if base.actor else None
            if base is mention or base_entry is None or base_entry.kind == "sector":
                continue
            used.append(base)
            codes.extend(_join(prefixes, code, suffixes) for code in self._bases(base_entry))
        if codes:
            self.counts.composed += 1
        return list(dict.fromkeys(codes)), used

    def _np_agents(self, mention: Mention, parse: _Parse) -> tuple[list[str], list[str]]:
        """Agent nouns that modify an actor's phrase from outside its mention ("MSF Arnor")."""
        prefixes: list[str] = []
        suffixes: list[str] = []
        modifiers: list[int] = []
        stack = [parse.head(mention)]
        while stack:  # the modifiers of the head noun, and theirs ("An MSF Arnor diplomat")
            for k in parse.children[stack.pop()]:
                if parse.tokens[k].dep in {"compound", "amod", "nmod"} and k not in modifiers:
                    modifiers.append(k)
                    stack.append(k)
        for k in sorted(modifiers):
            other = parse.at(k)
            if other is None or other is mention:
                continue
            entry = self._entry(other.actor.identifier_id) if other.actor else None
            code = agent_code_of(entry) if entry is not None and entry.kind == "sector" else None
            if code is not None:
                (prefixes if code.endswith("~") else suffixes).append(code.strip("~"))
        return prefixes, suffixes

    def ref_codes(self, ref: ActorRef) -> list[str]:
        """PETRARCH codes of one actor reference (see the module docstring)."""
        entry = self._entry(ref.identifier_id)
        bases: list[str] = []
        if entry is not None and entry.kind != "sector":
            bases = self._bases(entry)
        elif ref.code:
            bases = [ref.code]
        prefixes, suffixes = self._agents(ref, entry)
        if not bases and not prefixes and not suffixes:
            return []
        return [_join(prefixes, base, suffixes) for base in bases or [NULL_CODE]]

    @staticmethod
    def _bases(entry: ActorEntry) -> list[str]:
        raw = petrarch_code(entry) or NULL_CODE
        return [c.upper() for c in raw.split("/") if c != NULL_CODE and any(ch.isalpha() for ch in c)]

    def _entry(self, ident: str | None) -> ActorEntry | None:
        if ident is None or ident not in self.kb:
            return None
        return self.kb.get(ident)

    def _agents(self, ref: ActorRef, entry: ActorEntry | None) -> tuple[list[str], list[str]]:
        prefixes: list[str] = []
        suffixes: list[str] = []
        agents: list[ActorEntry] = []
        if entry is not None and entry.kind == "sector":
            agents.append(entry)
        for match in self.kb.match(list(alias_tokens(ref.entity_text))):
            if match.entry.kind == "sector" and match.entry not in agents:
                agents.append(match.entry)
        if not agents and ref.sector and (entry is None or petrarch_code(entry) is None):
            suffixes.append(ref.sector)  # an actor from outside the imported base: its own sector
        for agent in agents:
            code = agent_code_of(agent)
            if code is None:
                continue
            if code.endswith("~"):
                prefixes.append(code[:-1])
            else:
                suffixes.append(code.lstrip("~"))
        return prefixes, suffixes


def _skip_noun_phrase(parse: _Parse, pos: int, direction: int) -> int:
    """TABARI's "^": the position just past the next noun group ("the Gondor" of "the Gondor of ...")."""
    tokens = parse.tokens
    i = pos
    nouns = {"NOUN", "PROPN"}
    while 0 <= i < len(tokens) and tokens[i].pos not in nouns:
        i += direction
    while 0 <= i + direction < len(tokens) and tokens[i + direction].pos in nouns:
        i += direction
    return i + direction


def _join(prefixes: Sequence[str], base: str, suffixes: Sequence[str]) -> str:
    """PETRARCH composition: an agent code already at the end of the actor's code is not repeated."""
    code = "".join(p for p in prefixes if not base.startswith(p)) + base
    for suffix in suffixes:
        if not code.endswith(suffix):
            code += suffix
    return code


# ---------------------------------------------------------------------------------------------------
# Scoring


def _root(code: str) -> str:
    digits = re.match(r"\d+", code)
    return digits.group(0)[:2] if digits else code


def _score(name: str, gold: Sequence[frozenset[Triple]], pred: Sequence[set[Triple]]) -> list[TaskReport]:
    g_roots = [{_root(t[2]) for t in g} for g in gold]
    p_roots = [{_root(t[2]) for t in p} for p in pred]
    labels = sorted(set().union(*g_roots, *p_roots))
    roots = score_multi(g_roots, p_roots, name=f"{name}: CAMEO root codes", labels=labels)
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, pred, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, pred, strict=True))
    exact = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    by_root: list[ClassScore] = []
    for label in labels:

        def pick(ts: Iterable[Triple], label: str = label) -> set[Triple]:
            return {t for t in ts if _root(t[2]) == label}

        by_root.append(
            ClassScore(
                label,
                sum(len(pick(g) & pick(p)) for g, p in zip(gold, pred, strict=True)),
                sum(len(pick(p) - pick(g)) for g, p in zip(gold, pred, strict=True)),
                sum(len(pick(g) - pick(p)) for g, p in zip(gold, pred, strict=True)),
            )
        )
    triples = TaskReport(f"{name}: triples (source, target, code)", by_root, len(gold))
    triples.accuracy = exact / len(gold) if gold else 0.0
    total = ClassScore("all", tp, fp, fn)
    triples.extra.update(
        {
            "exact_record_rate": triples.accuracy,
            "triple_precision": total.precision,
            "triple_recall": total.recall,
            "triple_f1": total.f1,
        }
    )
    return [roots, triples]


# ---------------------------------------------------------------------------------------------------
# The evaluation


def _data_dir(data_dir: Path) -> Path:
    for candidate in (data_dir, data_dir / "petrarch_validation"):
        if (candidate / FILES[0]).is_file():
            return candidate
    raise EvaluationError(f"{data_dir}: no {FILES[0]} (expected ../shared/data/petrarch_validation)")


def evaluate(data_dir: Path, *, limit: int | None = None, variants: Sequence[str] = VARIANTS) -> Report:
    """Code the PETRARCH records of ``data_dir`` with the imported dictionaries and score them.

    ``limit`` caps the scored records per file (for quick runs and tests).
    """
    return run(data_dir, limit=limit, variants=variants).report


@dataclass
class Run:
    """A whole evaluation run: the report, the scored records and each variant's predictions."""

    report: Report
    records: list[GoldRecord]
    predictions: dict[str, list[set[Triple]]]
    documents: dict[str, list[Document]]


def run(
    data_dir: Path,
    *,
    limit: int | None = None,
    variants: Sequence[str] = VARIANTS,
    shared: Resources | None = None,
) -> Run:
    """``evaluate`` with the records, coded documents and predictions kept (for error analysis).

    ``shared`` lends its settings, NLP backend and gazetteer (tests load them once per session).
    """
    from whimbrel import registry
    from whimbrel.stages.ingest import document_from_text

    base = _data_dir(data_dir)
    dictionaries = sorted((base / "dictionaries").glob("PETR.Validate.*.txt"))
    if not dictionaries:
        raise EvaluationError(f"{base / 'dictionaries'}: no PETR.Validate.*.txt dictionaries")
    imported = import_dictionaries(dictionaries)
    assert imported.verbs is not None
    shipped = Lexicon.load()
    kb = actor_base(imported.actors)
    settings = shared.settings if shared is not None else load_config(env={})
    resources = Resources(
        settings,
        _nlp=shared.nlp if shared is not None else None,
        _gazetteer=shared.gazetteer if shared is not None else None,
        _actors=kb,
    )
    matcher = VerbMatcher(imported.verbs, spacy_lemmatizer())

    report = Report(
        "petrarch",
        "PETRARCH unit-test and validation records (Middle-earth actors), coded with the imported "
        "PETR.Validate dictionaries",
    )
    counts = imported.report.counts
    report.notes.append(
        "importer: "
        + ", ".join(
            f"{k} {counts[k]}"
            for k in ("actor entries", "agent entries", "verb blocks", "patterns", "trigger rows", "discards")
        )
        + f"; patterns exact {counts['patterns exact']}, approximated {counts['patterns approximated']}, "
        f"dropped {counts['patterns dropped']}; approximated findings "
        f"{sum(imported.report.by_construct('approximated').values())}, unsupported "
        f"{sum(imported.report.by_construct('unsupported').values())}"
    )

    report.notes.append(
        f"actor base: {len(imported.actors)} imported entries over {len(kb) - len(imported.actors)} shipped "
        "entries (shipped sector nouns left out); headline variant: compat (PETRARCH role rules)"
    )
    records: list[GoldRecord] = []
    for name in FILES:
        path = base / name
        file_records = read_records(path)
        skipped = [r for r in file_records if r.skip]
        scored = [r for r in file_records if not r.skip]
        if limit is not None:
            scored = scored[:limit]
        reasons: dict[str, int] = {}
        for r in skipped:
            reasons[r.skip or ""] = reasons.get(r.skip or "", 0) + 1
        report.notes.append(
            f"{name}: {len(file_records)} records, {len(scored)} scored, {len(skipped)} skipped "
            f"({'; '.join(f'{n} {why}' for why, n in sorted(reasons.items())) or 'none'})"
        )
        records.extend(scored)

    # Parse once (passages + nlp), then run mentions + coding with each variant's lexicon.
    front = [registry.stages.get(n).from_config(settings.stage(n), resources) for n in ("passages", "nlp")]  # type: ignore[attr-defined]
    docs: list[Document] = []
    for k, record in enumerate(records):
        doc = document_from_text(
            record.text, origin=f"{record.file}#{record.id}", doc_id=f"r{k}", published=record.date
        )
        resources.passage_index.clear()  # the records repeat sentences on purpose: never link them
        docs.append(front[0].process(doc))
    docs = front[1].process_batch(docs)

    result = Run(report, records, {}, {})
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        raise EvaluationError(
            f"unknown variant(s) {', '.join(unknown)}; expected some of {', '.join(VARIANTS)}"
        )
    coded_by_lexicon: dict[bool, list[Document]] = {}
    with tempfile.TemporaryDirectory(prefix="whimbrel-petrarch-") as tmp:
        for variant in variants:
            stand_in = variant != "strict"
            if stand_in not in coded_by_lexicon:
                rows = list(imported.triggers)
                if stand_in:
                    rows.extend(_stand_in_rows(imported, shipped))
                lexicon = _lexicon(rows, Path(tmp) / ("stand-in" if stand_in else "strict"))
                res = Resources(
                    settings, _nlp=resources.nlp, _gazetteer=resources.gazetteer, _actors=kb, _lexicon=lexicon
                )
                pipe = Pipeline.from_config(settings, resources=res)
                coded = list(docs)
                for stage in (s for s in pipe.stages if s.name in {"mentions", "coding"}):
                    coded = stage.process_batch(coded)
                coded_by_lexicon[stand_in] = [replace(d, status="coded") for d in coded]
            coded = coded_by_lexicon[stand_in]
            coder = _Coder(kb, matcher, imported.discards, compat=variant == "compat")
            preds = [coder.triples(d) for d in coded]
            result.predictions[variant] = preds
            result.documents[variant] = coded
            c = coder.counts
            note = (
                f"[{variant}] {c.events} coder events; {c.discarded} records discarded, {c.not_petrarch} "
                f"events without a PETRARCH verb dropped, {c.vetoed} vetoed by a --- pattern, {c.recoded} "
                f"given another PETRARCH code, {c.reverse} reverse triples added"
            )
            if variant == "compat":
                note += (
                    f"; PETRARCH role rules: {c.dropped_recipients} recipients before the verb dropped, "
                    f"{c.target_fallback} targets taken as the first actor after the verb, {c.marker_roles} "
                    f"roles from $/+ pattern markers, {c.compound} compound (%) events, {c.composed} agent "
                    "nouns composed with an actor in their noun phrase"
                )
            report.notes.append(note)
            for name in FILES:
                idx = [i for i, r in enumerate(records) if r.file == name]
                if idx:
                    report.tasks.extend(
                        _score(f"{name} [{variant}]", [records[i].gold for i in idx], [preds[i] for i in idx])
                    )
    return result
