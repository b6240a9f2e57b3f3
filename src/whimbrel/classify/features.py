"""Text features of the linear classifier: words, stems and symbolic features from whimbrel's knowledge.

Lower-cased word stems and stem bigrams (anything that is not ``a-z0-9`` separates words, which also
drops the mojibake of scraped news), scaled to unit length, plus *symbolic* features at a fixed value,
read from whimbrel's knowledge: the PLOVER event and mode of a trigger word (``L:ASSAULT``,
``M:abduct``), the mode a cue implies (``M:explosives``), a casualty word (``K:dead``), a negation
(``N:fail``, ``N:not``) and the sector of an actor alias (``S:COP``). A caller may add its own
symbolic features (``extra``), e.g. from the rule coder.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"[0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "or",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "are",
        "it",
        "its",
        "this",
        "that",
    ]
)


def words(text: str) -> list[str]:
    """Lower-cased ``a-z0-9`` words; numbers become ``<num>``."""
    return ["<num>" if _NUMBER.fullmatch(w) else w for w in _WORD.findall(text.lower())]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem ("killed", "kills", "killing" -> "kill"); short words stay."""
    if len(word) <= 4 or word == "<num>":
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            base = word[: len(word) - len(suffix)] + keep
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "shelling" stays "shell", "stopped" -> "stop"
            return base
    return word


def lemma_candidates(word: str) -> tuple[str, ...]:
    """Guesses at the lemma of an inflected word, the word itself first."""
    out = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: len(word) - len(suffix)] + repl
            out.append(base)
            if suffix in ("ed", "ing") and len(base) >= 3 and base[-1] == base[-2]:
                out.append(base[:-1])  # "stopped" -> "stop"
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class LexiconFeatures:
    """Word -> feature names from whimbrel's knowledge (trigger events, modes, casualty and negation cues)."""

    single: Mapping[str, tuple[str, ...]]
    double: Mapping[tuple[str, str], tuple[str, ...]]

    def features(self, tokens: Sequence[str]) -> set[str]:
        """The lexicon features of a word sequence (lemmas guessed without a parser)."""
        found: set[str] = set()
        lemmas = [lemma_candidates(t) for t in tokens]
        for i, cands in enumerate(lemmas):
            for c in cands:
                hit = self.single.get(c)
                if hit:
                    found.update(hit)
                    break
            if i + 1 < len(lemmas):
                for a in cands:
                    for b in lemmas[i + 1]:
                        hit = self.double.get((a, b))
                        if hit:
                            found.update(hit)
        return found


@functools.cache
def lexicon_features() -> LexiconFeatures:
    """The lexicon features of the shipped knowledge (read once)."""
    from whimbrel.knowledge.lexicon import Lexicon

    lex = Lexicon.load()
    single: dict[str, set[str]] = {}
    double: dict[tuple[str, str], set[str]] = {}

    def add(phrase: str, feature: str) -> None:
        parts = phrase.lower().replace("-", " ").split()
        if len(parts) == 1:
            single.setdefault(parts[0], set()).add(feature)
        elif len(parts) == 2:
            double.setdefault((parts[0], parts[1]), set()).add(feature)

    for sense in lex.all_triggers():
        if sense.weight >= 0.3:
            add(sense.lemma, f"L:{sense.event}")
            if sense.mode:
                add(sense.lemma, f"M:{sense.mode}")
    for (cue, _event), mode in lex.mode_cues().items():
        add(cue, f"M:{mode}")
    cues = lex.cues
    for kind, vocab in (("dead", cues.dead), ("injured", cues.injured), ("arrested", cues.arrested)):
        for w in vocab:
            add(w, f"K:{kind}")
    for w in cues.negating_verbs:
        add(w, "N:fail")
    for w in cues.negation_words:
        add(w, "N:not")
    return LexiconFeatures(
        {k: tuple(sorted(v)) for k, v in single.items()},
        {k: tuple(sorted(v)) for k, v in double.items()},
    )


@functools.cache
def _actor_kb() -> Any:
    from whimbrel.knowledge.actors import ActorKB

    return ActorKB.load()


def sector_features(tokens: Sequence[str]) -> set[str]:
    """``S:<sector>`` for every actor alias of the shipped knowledge base found in ``tokens``."""
    found: set[str] = set()
    for match in _actor_kb().match(list(tokens), strict_case=False):
        sector = getattr(match.entry, "sector", None)
        if sector:
            found.add(f"S:{sector}")
    return found


@dataclass(frozen=True)
class FeatureSpec:
    """Which feature groups a model uses."""

    unigrams: bool = True
    bigrams: bool = True
    lexicon: bool = True
    sectors: bool = True
    lexicon_weight: float = 1.0  # the value of a lexicon or sector feature before row scaling

    def to_json(self) -> dict[str, Any]:
        """The spec as JSON-ready data."""
        return {
            "unigrams": self.unigrams,
            "bigrams": self.bigrams,
            "lexicon": self.lexicon,
            "sectors": self.sectors,
            "lexicon_weight": self.lexicon_weight,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FeatureSpec:
        """The spec written by ``to_json``."""
        return cls(
            unigrams=bool(data.get("unigrams", True)),
            bigrams=bool(data.get("bigrams", True)),
            lexicon=bool(data.get("lexicon", True)),
            sectors=bool(data.get("sectors", True)),
            lexicon_weight=float(data.get("lexicon_weight", 1.0)),
        )


def featurise(text: str, spec: FeatureSpec, extra: Iterable[str] = ()) -> dict[str, float]:
    """The feature vector of ``text``: word features scaled to unit length, symbolic ones at a fixed value."""
    toks = words(text)
    stems = [stem(t) for t in toks]
    feats: dict[str, float] = {}
    if spec.unigrams:
        for s in stems:
            if s not in _STOP:
                feats["w:" + s] = 1.0
    if spec.bigrams:
        for a, b in itertools.pairwise(stems):
            feats[f"b:{a}_{b}"] = 1.0
    norm = math.sqrt(len(feats))
    if norm:
        feats = {k: v / norm for k, v in feats.items()}
    symbolic: set[str] = set(extra)
    if spec.lexicon:
        symbolic |= lexicon_features().features(toks)
    if spec.sectors:
        symbolic |= sector_features(toks)
    for name in sorted(symbolic):  # a fixed order: set order varies with the hash seed
        feats[name] = spec.lexicon_weight
    return feats
