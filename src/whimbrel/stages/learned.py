"""The ``learned`` stage: a trained model votes on each sentence's top event type and mode.

It runs after ``coding`` and reads a model file written by ``whimbrel train`` (``[stages.learned]
model``). For every sentence in which the rules found events, the model votes from the sentence's words
and the rules' candidates (:mod:`whimbrel.learning.features`) on the type of the rules' highest-confidence
event, and on its mode among the modes PLOVER allows for that type. A vote that differs from the rules
and reaches ``min_probability`` replaces their choice: the event type (with its CAMEO code, quad class and
id, which name the code) or the mode. Each vote, taken or not, is added to the event's rationale, so
``whimbrel explain`` shows it next to the rules'. With no model the stage passes documents through.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import Field

from whimbrel.coding.identity import event_id
from whimbrel.errors import ConfigError
from whimbrel.knowledge.lexicon import PLOVER_MODES, Lexicon
from whimbrel.learning.features import by_confidence, features
from whimbrel.learning.model import LearnedModel, load_model
from whimbrel.model import Document, Event
from whimbrel.stages.base import Resources, Stage, StageConfig

DEFAULT_MIN_PROBABILITY = 0.7


class LearnedConfig(StageConfig):
    """``[stages.learned]``."""

    # A model file written by `whimbrel train`; empty: no model, documents pass through.
    model: str = ""
    # A vote that differs from the rules is taken only when it is at least this sure.
    min_probability: float = Field(default=DEFAULT_MIN_PROBABILITY, ge=0.0, le=1.0)


class Learned(Stage):
    """Votes of a trained model on the rule coder's top event per sentence."""

    name = "learned"
    requires = frozenset({"sentences", "events"})
    provides = frozenset({"learned"})
    Config = LearnedConfig

    def __init__(
        self,
        model: LearnedModel | None,
        lexicon: Lexicon,
        *,
        min_probability: float = DEFAULT_MIN_PROBABILITY,
    ) -> None:
        if not 0.0 <= min_probability <= 1.0:
            raise ValueError(f"min_probability must be between 0 and 1, got {min_probability}")
        self.model = model
        self.lexicon = lexicon
        self.min_probability = min_probability

    @classmethod
    def from_config(cls, cfg: dict[str, Any], resources: Resources) -> Learned:
        """Build from ``[stages.learned]``; a missing or malformed model file is a ConfigError."""
        config = LearnedConfig.read(cfg, cls.name)
        try:
            model = load_model(config.model) if config.model else None
        except ConfigError as exc:
            raise ConfigError(f"[stages.learned] model: {exc}") from None
        return cls(model, resources.lexicon, min_probability=config.min_probability)

    def process(self, doc: Document) -> Document:
        """Re-decide the top event of each sentence where the model is sure enough."""
        if self.model is None or not doc.events:
            return doc
        by_sentence: dict[int, list[Event]] = {}
        for event in doc.events:
            by_sentence.setdefault(event.sentence, []).append(event)
        sentences = {s.index: s for s in doc.sentences}
        changed: dict[str, Event] = {}
        for index, events in by_sentence.items():
            sent = sentences.get(index)
            if sent is None:
                continue
            top = by_confidence(events)[0]
            changed[top.id] = self._decide(top, features([sent], events))
        if not changed:
            return doc
        return replace(doc, events=tuple(changed.get(e.id, e) for e in doc.events))

    def _decide(self, event: Event, found: frozenset[str]) -> Event:
        assert self.model is not None
        why = list(event.rationale)
        out = event
        task = self.model.tasks.get("event")
        if task is not None:
            vote = task.vote(found)
            if vote is not None:
                label, p = vote
                take = label != event.event and p >= self.min_probability
                why.append(
                    f"learned vote: event {label} {p:.2f} (rules: {event.event}; "
                    + _verdict(take, label == event.event, self.min_probability)
                    + ")"
                )
                if take:
                    out = self._retype(out, label)
        task = self.model.tasks.get("mode")
        allowed = PLOVER_MODES.get(out.event, frozenset())
        if task is not None and allowed:
            vote = task.vote(found, allowed)
            if vote is not None:
                label, p = vote
                current = out.mode[0] if out.mode else "none"
                take = label not in out.mode and p >= self.min_probability
                why.append(
                    f"learned vote: mode {label} {p:.2f} (rules: {current}; "
                    + _verdict(take, label in out.mode, self.min_probability)
                    + ")"
                )
                if take:
                    out = replace(out, mode=(label, *(m for m in out.mode if m != label)))
        return replace(out, rationale=tuple(why))

    def _retype(self, event: Event, label: str) -> Event:
        modes = tuple(m for m in event.mode if m in PLOVER_MODES.get(label, frozenset()))
        code = self.lexicon.cameo_for(label, modes[0] if modes else None)
        return replace(
            event,
            id=event_id(event.doc_id, event.start, event.end, label, event.trigger_start),
            event=label,
            mode=modes,
            cameo=code.code,
            quad_code=code.quad_class,
        )


def _verdict(taken: bool, agrees: bool, threshold: float) -> str:
    if agrees:
        return "agrees"
    return "taken" if taken else f"kept: below {threshold:.2f}"
