"""The PLOVER gold-standard records (``plover-gsr``): event type, actor, recipient and mode.

The gold file is ``plover_gsr_cameo/PLOVER_GSR_CAMEO.json`` under the data directory: 322 sentences
from the CAMEO 1.1b3 manual, each hand-coded with one PLOVER 0.5b1 event, its source and target actors,
and sometimes a mode. Every sentence is coded alone (publication date 2000-01-01), and the sentence's
*predicted event* is its highest-confidence event, or NONE when the coder finds none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whimbrel.config import Settings
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import splits
from whimbrel.evaluation.metrics import NONE, Report, TaskReport, reliability, score_single
from whimbrel.evaluation.product import ProductCoder, Record, codes, sectors, top_record

NAME = "plover-gsr"
RELATIVE_PATH = Path("plover_gsr_cameo") / "PLOVER_GSR_CAMEO.json"

# PLOVER 0.5b1 categories that the current 16-event PLOVER folds into others (SOURCE.md).
OLD_EVENTS: Mapping[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Older PLOVER mode names in the gold file -> whimbrel's mode names, where they clearly correspond.
# Gold modes that already carry one of whimbrel's names (visit, heavy-weapons, ...) compare as they are;
# "other" and names with no counterpart are not scored.
OLD_MODES: Mapping[str, str] = {
    "strike-hun": "hunger",  # hunger strike
    "strike-gen": "strike",  # general strike
    "demo-org": "demo",  # organised demonstration
    "demo-spon": "demo",  # spontaneous demonstration
    "riot-spon": "riot",  # spontaneous riot
    "confiscate": "seize",
    "detain": "arrest",
}
UNSCORED_MODES = frozenset({"other", ""})

# Country codes in the gold file that are CAMEO's, not ISO 3166 alpha-3.
OLD_CODES: Mapping[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

# Gold codes that name a kind of transnational actor, not one actor: whimbrel's codes for these carry
# more letters (IGOUNO, NGOHRIAMN, IMG...), so only the first three letters are compared.
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG"})

# Older sector codes that have a current PLOVER counterpart.
OLD_SECTORS: Mapping[str, str] = {"CIV": "CVL"}

CONFIDENCE_EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
HIGH_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence with its normalised labels."""

    id: str
    text: str
    event: str  # current PLOVER name
    source_codes: tuple[str, ...]
    source_sectors: tuple[str, ...]
    target_codes: tuple[str, ...]
    mode: str | None  # whimbrel's name, or None when the record has no scorable mode
    raw_event: str
    raw_mode: str | None


@dataclass(frozen=True, slots=True)
class Compared:
    """One gold sentence next to what the coder found; ``pred_*`` are about the predicted event."""

    gold: GoldRecord
    pred_event: str  # NONE when no event
    confidence: float | None
    all_events: tuple[str, ...]
    actor_codes: tuple[str, ...]
    actor_sectors: tuple[str, ...]
    recipient_codes: tuple[str, ...]
    modes: tuple[str, ...]

    @property
    def event_right(self) -> bool:
        """The predicted event type equals the gold one."""
        return self.pred_event == self.gold.event


def gold_path(data_dir: Path) -> Path:
    """Where the gold file is expected under ``data_dir``."""
    return Path(data_dir) / RELATIVE_PATH


def _code(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().upper()
    return OLD_CODES.get(code, code)


def _sector(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    head = value.strip()[:3].upper()
    if len(head) < 3 or not head.isalpha():  # "***" and empty: unknown
        return None
    return OLD_SECTORS.get(head, head)


def _actors(value: Any) -> list[Mapping[str, Any]]:
    # A missing role is absent, "" or (once) a stray string; only a list of objects names actors.
    if not isinstance(value, list):
        return []
    return [a for a in value if isinstance(a, Mapping)]


def _mode(value: Any) -> str | None:
    if not isinstance(value, str) or value.strip() in UNSCORED_MODES:
        return None
    name = value.strip()
    return OLD_MODES.get(name, name)


def load(data_dir: Path, *, limit: int | None = None, split: splits.SplitChoice = "all") -> list[GoldRecord]:
    """The gold sentences of ``split`` (by record id; the DOCUMENT header left out), the first ``limit``."""
    path = gold_path(data_dir)
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the plover-gsr gold file is missing")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read the plover-gsr gold file: {exc}") from None
    if not isinstance(raw, list):
        raise EvaluationError(f"{path}: expected a JSON array of records")
    records: list[GoldRecord] = []
    for item in raw:
        if not isinstance(item, Mapping) or item.get("event") == "DOCUMENT":
            continue
        text, event = item.get("text"), item.get("event")
        if not isinstance(text, str) or not text.strip() or not isinstance(event, str):
            raise EvaluationError(f"{path}: record {item.get('id')!r} has no text or event")
        sources, targets = _actors(item.get("source")), _actors(item.get("target"))
        raw_mode = item.get("mode") if isinstance(item.get("mode"), str) else None
        item_id = str(item.get("id", len(records)))
        if not splits.in_split(item_id, split):
            continue
        records.append(
            GoldRecord(
                id=item_id,
                text=text.strip(),
                event=OLD_EVENTS.get(event, event),
                source_codes=tuple(c for a in sources if (c := _code(a.get("code")))),
                source_sectors=tuple(s for a in sources if (s := _sector(a.get("sector")))),
                target_codes=tuple(c for a in targets if (c := _code(a.get("code")))),
                mode=_mode(raw_mode),
                raw_event=event,
                raw_mode=raw_mode,
            )
        )
        if limit is not None and len(records) >= limit:
            break
    return records


def compare(gold: Sequence[GoldRecord], coded: Sequence[Sequence[Record]]) -> list[Compared]:
    """Pair each gold record with the predicted event among its sentence's exported records."""
    if len(gold) != len(coded):
        raise ValueError("gold records and coded sentences differ in length")
    out = []
    for record, records in zip(gold, coded, strict=True):
        best = top_record(records)
        out.append(
            Compared(
                gold=record,
                pred_event=str(best["event"]) if best else NONE,
                confidence=float(best["confidence"]) if best else None,
                all_events=tuple(str(r["event"]) for r in records),
                actor_codes=codes(best["actor"]) if best else (),
                actor_sectors=sectors(best["actor"]) if best else (),
                recipient_codes=codes(best["recipient"]) if best else (),
                modes=tuple(best["mode"]) if best else (),
            )
        )
    return out


def code_matches(gold: str, pred: str) -> bool:
    """A predicted actor code matches a gold one (first three letters for IGO/NGO/IMG gold codes)."""
    return pred[:3] == gold if gold in TRANSNATIONAL else pred == gold


def _display(pred: str) -> str:
    return pred[:3] if pred[:3] in TRANSNATIONAL else pred


def _pair(gold: Sequence[str], pred: Sequence[str], match: Any) -> tuple[str, str]:
    """(gold label, predicted label) for single-label scoring: a match makes both the matched gold."""
    for g in gold:
        if any(match(g, p) for p in pred):
            return g, g
    return gold[0], (_display(pred[0]) if pred else NONE)


def _code_task(name: str, rows: Sequence[tuple[Sequence[str], Sequence[str]]]) -> TaskReport:
    pairs = [_pair(g, p, code_matches) for g, p in rows if g]
    task = score_single([g for g, _ in pairs], [p for _, p in pairs], name=name)
    task.confusion = {}  # over a hundred codes: the per-class rows say more than a matrix
    return task


def score(items: Sequence[Compared]) -> Report:
    """The plover-gsr report from compared items."""
    n = len(items)
    event = score_single([c.gold.event for c in items], [c.pred_event for c in items], name="event type")
    predicted = [c for c in items if c.confidence is not None]
    confidences = [c.confidence for c in predicted if c.confidence is not None]
    event.reliability = reliability(confidences, [c.event_right for c in predicted], CONFIDENCE_EDGES)
    high = [c for c in predicted if c.confidence is not None and c.confidence >= HIGH_CONFIDENCE]
    event.extra[f"precision_at_conf_{HIGH_CONFIDENCE}"] = (
        sum(c.event_right for c in high) / len(high) if high else 0.0
    )
    event.extra[f"coverage_at_conf_{HIGH_CONFIDENCE}"] = len(high) / n if n else 0.0
    event.extra["accuracy_any_event"] = sum(c.gold.event in c.all_events for c in items) / n if n else 0.0
    event.extra["no_event_rate"] = sum(c.pred_event == NONE for c in items) / n if n else 0.0

    actor = _code_task("actor code", [(c.gold.source_codes, c.actor_codes) for c in items])
    sector_pairs = [
        _pair(c.gold.source_sectors, c.actor_sectors, lambda g, p: g == p)
        for c in items
        if c.gold.source_sectors
    ]
    sector = score_single([g for g, _ in sector_pairs], [p for _, p in sector_pairs], name="actor sector")
    recipient = _code_task("recipient code", [(c.gold.target_codes, c.recipient_codes) for c in items])

    with_mode = [c for c in items if c.gold.mode is not None]
    mode_gold = [c.gold.mode or NONE for c in with_mode]
    mode_pred = [
        (c.gold.mode or NONE) if c.gold.mode in c.modes else (c.modes[0] if c.modes else NONE)
        for c in with_mode
    ]
    mode = score_single(mode_gold, mode_pred, name="mode")
    right_event = [c for c in with_mode if c.event_right]
    mode.extra["accuracy_when_event_right"] = (
        sum(c.gold.mode in c.modes for c in right_event) / len(right_event) if right_event else 0.0
    )

    notes = [
        f"{n} gold sentences, each coded alone (published 2000-01-01); the predicted event of a sentence "
        "is its highest-confidence event, NONE when there is none.",
        "old PLOVER 0.5b1 events mapped: "
        + ", ".join(f"{k}->{v}" for k, v in OLD_EVENTS.items())
        + ". event type: accuracy and per-class P/R/F1 over all gold sentences (NONE predictions count "
        "as errors). accuracy_any_event: the gold event is among all the sentence's events.",
        f"reliability: the predicted events' confidence in bins vs the event type being right; "
        f"precision_at_conf_{HIGH_CONFIDENCE} = share right among the {len(high)} predicted events "
        f"with confidence >= {HIGH_CONFIDENCE} (target >= 0.80); coverage_at_conf_{HIGH_CONFIDENCE} = "
        "their share of all gold sentences.",
        "actor code: over sentences whose gold source has a code; right when any code of the predicted "
        "event's actors equals any gold source code. Gold IGO/NGO/IMG are kinds, so only whimbrel's "
        "first three letters are compared (IGOUNO matches IGO); gold CAMEO country codes "
        + ", ".join(f"{k}->{v}" for k, v in OLD_CODES.items())
        + " are read as ISO. A right prediction is labelled with the gold code, a wrong one with the "
        "predicted event's first actor code (NONE if it has none).",
        "actor sector: same, over sentences whose gold source has a sector (first three letters of the "
        "gold sector, CIV read as CVL, *** not scored).",
        "recipient code: as actor code, with gold target codes and the predicted event's recipients.",
        "mode: over sentences whose gold mode has a whimbrel counterpart ("
        + ", ".join(f"{k}->{v}" for k, v in OLD_MODES.items())
        + "; same names as they are; 'other' not scored); right when the predicted event's modes "
        "include it. accuracy_when_event_right: the same over sentences whose event type is right.",
    ]
    return Report(
        dataset=NAME,
        description="PLOVER gold-standard records (CAMEO 1.1b3 manual examples, PLOVER 0.5b1)",
        tasks=[event, actor, sector, recipient, mode],
        notes=notes,
    )


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    split: splits.SplitChoice = splits.DEFAULT,
    coder: ProductCoder | None = None,
    settings: Settings | None = None,
) -> Report:
    """Code the gold sentences of ``split`` (the first ``limit``) with ``run`` + ``export``; score them."""
    gold = load(data_dir, limit=limit, split=split)
    coded = (coder or ProductCoder(settings)).records([g.text for g in gold])
    return score(compare(gold, coded))
