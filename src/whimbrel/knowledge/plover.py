"""PLOVER's vocabulary as whimbrel uses it: the events, each event's modes, the contexts, and the
statuses and parts of speech the knowledge files may name."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, get_args

from whimbrel.model import EventStatus

PLOVER_EVENTS: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# The PLOVER modes whimbrel uses, per event. Events without modes take only contexts.
PLOVER_MODES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "AGREE": frozenset(),
        "CONSULT": frozenset({"phone", "visit", "host", "third-party", "multilateral"}),
        "SUPPORT": frozenset(),
        "CONCEDE": frozenset(),
        "COOPERATE": frozenset(),
        "AID": frozenset(),
        "RETREAT": frozenset({"withdraw", "release", "return", "disarm", "ceasefire", "access"}),
        "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
        "ACCUSE": frozenset({"disapprove", "allege", "investigate"}),
        "REJECT": frozenset({"assist", "change", "yield", "meet"}),
        "THREATEN": frozenset(
            {"relations", "restrict", "ban", "curfew", "martial-law", "political", "expel", "violence"}
        ),
        "PROTEST": frozenset({"demo", "hunger", "strike", "boycott", "obstruct", "riot"}),
        "SANCTION": frozenset({"withdraw", "discontinue", "expel", "restrict"}),
        "MOBILIZE": frozenset({"troops", "police", "weapons"}),
        "COERCE": frozenset(
            {"seize", "destroy", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport"}
        ),
        "ASSAULT": frozenset(
            {
                "abduct",
                "beat",
                "sexual",
                "torture",
                "primitive",
                "firearms",
                "explosives",
                "suicide-attack",
                "heavy-weapons",
                "aerial",
                "drone",
                "assassinate",
                "massacre",
                "cleansing",
                "cbrn",
            }
        ),
    }
)

PLOVER_CONTEXTS: frozenset[str] = frozenset(
    {
        "diplomatic",
        "economic",
        "military",
        "legal",
        "intelligence",
        "humanitarian",
        "peacekeeping",
        "political_institutions",
        "executive",
        "rights_freedoms",
        "human_rights",
        "pro_democracy",
        "pro_autocracy",
        "crime",
        "corruption",
        "cbrn",
        "terrorism",
        "cyber",
        "election",
        "refugees",
        "religion_ethnicity",
        "territory",
        "resources",
        "health",
        "environment",
        "labor",
        "media",
    }
)

STATUSES: frozenset[str] = frozenset(get_args(EventStatus))
POS_TAGS: frozenset[str] = frozenset({"VERB", "NOUN"})
CasualtyKind = Literal["dead", "injured", "arrested"]
