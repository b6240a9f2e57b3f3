"""PETRARCH verb dictionaries parsed: synsets, verb blocks and patterns.

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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from whimbrel.errors import KnowledgeError
from whimbrel.petrarch.importer import ImportReport, SourceLine

__all__ = [
    "MARKERS",
    "NULL_CODE",
    "Element",
    "Pattern",
    "VerbBlock",
    "VerbDictionary",
    "VerbEntry",
    "parse_verbs",
]

NULL_CODE: Final = "---"
MARKERS: Final = frozenset({"$", "+", "%", "^"})
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
        if len(element.text) > 1 and element.text.endswith("-"):  # a prefix, "ANTI-": "anti-" or "anti"
            return [_tokens((element.text,)), _tokens((element.text[:-1],))]
        return [_tokens((element.text,))]


def _tokens(words: Iterable[str]) -> tuple[str, ...]:
    """Dictionary words as spaCy tokens: lower case, hyphens split off ("peace-keeping" is 3 tokens)."""
    out: list[str] = []
    for word in words:
        out.extend(t for t in re.split(r"(-)", word.lower()) if t)
    return tuple(out)


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
