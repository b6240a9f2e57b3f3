"""The cues of ``cues.toml``: reporting verbs, hedges, negation, modality, quantity and casualty words,
light verbs and context cues, read into one typed, checked :class:`Cues`."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from whimbrel.errors import KnowledgeError
from whimbrel.knowledge.plover import PLOVER_CONTEXTS, PLOVER_EVENTS, STATUSES, CasualtyKind
from whimbrel.model import EventStatus


def norm(text: str) -> str:
    """A knowledge file's word or phrase as the coder compares it: lowercased, one space."""
    return " ".join(text.lower().split())


@dataclass(frozen=True, slots=True)
class Cues:
    """A typed view of ``cues.toml``. Words are lemmas or lowercase token texts, as the file says."""

    report_verbs: Mapping[
        str, EventStatus
    ]  # lemma -> status ("say" asserted, "claim" claimed, "deny" denied)
    responsibility_verbs: frozenset[str]  # "claim", "take" (+ "responsibility")
    responsibility_denials: frozenset[str]  # "deny" (+ "responsibility")
    hedges: Mapping[str, EventStatus]  # phrase -> status, in file order ("reportedly" unverified)
    negation_words: frozenset[str]
    negation_phrases: tuple[str, ...]
    negating_verbs: frozenset[str]  # "fail", "refuse": their complement did not happen
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    future_phrases: tuple[str, ...]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_phrases: tuple[str, ...]
    embedding_verbs: Mapping[str, str]  # "threaten" -> THREATEN: the embedding verb is the event
    historical_phrases: tuple[str, ...]
    qualifiers: Mapping[str, str]  # "over" -> "more than"
    vague_quantities: Mapping[str, int]  # "dozens" -> 24 (the least the phrase can mean)
    dead: frozenset[str]
    injured: frozenset[str]
    arrested: frozenset[str]
    ambiguous_casualties: frozenset[str]  # "casualties": killed or wounded, counted as neither
    collective_nouns: frozenset[str]  # "police", "crowd": a body of people, never one victim
    light_verbs: frozenset[str]  # lemmas
    light_verb_phrases: tuple[str, ...]  # "carry out", "claim responsibility for"
    context_cues: Mapping[str, str]  # "humanitarian" -> humanitarian

    def casualty_kind(self, word: str) -> CasualtyKind | None:
        """The kind of casualty a word counts (dead, injured, arrested), or None."""
        w = word.lower()
        if w in self.dead:
            return "dead"
        if w in self.injured:
            return "injured"
        if w in self.arrested:
            return "arrested"
        return None

    def context_for(self, word: str) -> str | None:
        """The PLOVER context a nearby word suggests, if any."""
        return self.context_cues.get(word.lower())


class _Toml:
    """Typed access to a parsed TOML document, with errors that name the file and key."""

    def __init__(self, path: Path, data: Mapping[str, Any]) -> None:
        self.path = path
        self.data = data

    def _get(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise KnowledgeError(f"{self.path}: missing key {dotted!r}")
            node = node[part]
        return node

    def words(self, dotted: str) -> tuple[str, ...]:
        value = self._get(dotted)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise KnowledgeError(f"{self.path}: {dotted!r} must be a list of non-empty strings")
        return tuple(norm(v) for v in value)

    def table(self, dotted: str, allowed: frozenset[str] | None = None) -> Mapping[str, str]:
        value = self._get(dotted)
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise KnowledgeError(f"{self.path}: {dotted!r} must be a table of strings")
        if allowed is not None:
            for k, v in value.items():
                if v not in allowed:
                    raise KnowledgeError(f"{self.path}: {dotted}.{k} = {v!r}: not one of {sorted(allowed)}")
        return MappingProxyType({norm(k): v for k, v in value.items()})

    def numbers(self, dotted: str) -> Mapping[str, int]:
        value = self._get(dotted)
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > 0
            for k, v in value.items()
        ):
            raise KnowledgeError(f"{self.path}: {dotted!r} must be a table of positive integers")
        return MappingProxyType({norm(k): v for k, v in value.items()})


def read_cues(path: Path) -> Cues:
    """Read and check ``cues.toml``; a KnowledgeError names the file and the key."""
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: missing knowledge file") from None
    except tomllib.TOMLDecodeError as e:  # the message carries "(at line N, column M)"
        raise KnowledgeError(f"{path}: {e}") from None
    t = _Toml(path, data)
    qualifiers = t.table("size.qualifiers")
    return Cues(
        report_verbs=cast(Mapping[str, EventStatus], t.table("status.report_verbs", STATUSES)),
        responsibility_verbs=frozenset(t.words("status.responsibility_verbs")),
        responsibility_denials=frozenset(t.words("status.responsibility_denials")),
        hedges=cast(Mapping[str, EventStatus], t.table("status.hedges", STATUSES)),
        negation_words=frozenset(t.words("negation.words")),
        negation_phrases=t.words("negation.phrases"),
        negating_verbs=frozenset(t.words("negation.verbs")),
        future_aux=frozenset(t.words("modality.future_aux")),
        future_verbs=frozenset(t.words("modality.future_verbs")),
        future_phrases=t.words("modality.future_phrases"),
        hypothetical_aux=frozenset(t.words("modality.hypothetical_aux")),
        conditional_marks=frozenset(t.words("modality.conditional_marks")),
        hypothetical_phrases=t.words("modality.hypothetical_phrases"),
        embedding_verbs=t.table("modality.embedding_verbs", frozenset(PLOVER_EVENTS)),
        historical_phrases=t.words("modality.historical_phrases"),
        qualifiers=t.table("size.qualifiers", frozenset(qualifiers.values())),
        vague_quantities=t.numbers("size.vague"),
        dead=frozenset(t.words("size.casualties.dead")),
        injured=frozenset(t.words("size.casualties.injured")),
        arrested=frozenset(t.words("size.casualties.arrested")),
        ambiguous_casualties=frozenset(t.words("size.casualties.ambiguous")),
        collective_nouns=frozenset(t.words("size.casualties.collective")),
        light_verbs=frozenset(t.words("light_verbs.verbs")),
        light_verb_phrases=t.words("light_verbs.phrases"),
        context_cues=t.table("context", PLOVER_CONTEXTS),
    )
