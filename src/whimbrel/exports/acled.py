"""ACLED-style derivations from a whimbrel record: event and sub-event type, inter codes,
interaction, civilian targeting, time and geo precision. docs/acled.md gives them as tables.

ACLED codes political violence, demonstrations and some strategic developments; PLOVER events
outside those (a consultation, an appeal, an accusation) get no ACLED type and keep their PLOVER
event in the CSV's own columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# ASSAULT modes, in the order they are tried: the first mode of an event found here decides.
ASSAULT_BY_MODE: tuple[tuple[str, str, str], ...] = (
    ("cbrn", REMOTE, "Chemical weapon"),
    ("aerial", REMOTE, "Air/drone strike"),
    ("drone", REMOTE, "Air/drone strike"),
    ("suicide-attack", REMOTE, "Suicide bomb"),
    ("heavy-weapons", REMOTE, "Shelling/artillery/missile attack"),
    ("explosives", REMOTE, "Remote explosive/landmine/IED"),
    ("sexual", VAC, "Sexual violence"),
    ("abduct", VAC, "Abduction/forced disappearance"),
)
"""ASSAULT with one of these modes → (ACLED event type, sub-event type)."""

COERCE_BY_MODE: Mapping[str, tuple[str, str]] = {
    "arrest": (STRATEGIC, "Arrests"),
    "deport": (STRATEGIC, "Arrests"),
    "seize": (STRATEGIC, "Looting/property destruction"),
    "destroy": (STRATEGIC, "Looting/property destruction"),
}
"""COERCE with one of these modes → (event type, sub-event type); other COERCE events are
"Strategic developments: Other"."""

OTHER_EVENTS: Mapping[str, tuple[str, str]] = {
    "MOBILIZE": (STRATEGIC, "Change to group/activity"),
    "AGREE": (STRATEGIC, "Agreement"),
    "RETREAT": (STRATEGIC, "Non-violent transfer of territory"),
}
"""Other PLOVER events with an ACLED counterpart (RETREAT only with its ``withdraw`` mode)."""

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"})
REBEL_SECTORS = frozenset({"REB"})
MILITIA_SECTORS = frozenset({"PRM", "UAF", "CRM", "PTY", "OPP", "RAD"})
CIVILIAN_SECTORS = frozenset(
    {"CVL", "JRN", "MED", "REL", "EDU", "LAB", "REF", "BUS", "AGR", "HLH", "HRI", "DEV", "ENV", "MOD"}
)
IDENTITY_WORDS = ("ethnic", "tribal", "tribe", "clan", "communal", "village", "vigilante", "herder")
EXTERNAL_CODES = frozenset(
    {"IGO", "UNO", "NATO", "AU", "EU", "ECOWAS", "SADC", "ARL", "OAS", "ASEAN", "IMF", "WBK", "ICC", "PKO"}
)

INTER_LABELS: Mapping[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

TIME_PRECISION: Mapping[str, int] = {"day": 1, "publication": 2, "month": 3, "year": 3, "unknown": 3}
"""whimbrel's ``date_precision`` → ACLED's ``time_precision`` (1 day, 2 about a week, 3 month or
coarser). A date taken from the publication date is "about" the day (2)."""

GEO_PRECISION: Mapping[str, int] = {
    "point": 1, "site": 1, "city": 1, "town": 1, "admin2": 2, "admin1": 3, "country": 3,
}  # fmt: skip
"""``event_loc.precision`` → ACLED's ``geo_precision`` (1 the named town or site, 2 its district,
3 a province or larger)."""


def _is_civilian_target(recipients: Sequence[Mapping[str, Any]]) -> bool:
    return bool(recipients) and all(inter_code(r) == 7 for r in recipients)


def event_type(record: Mapping[str, Any]) -> tuple[str, str]:
    """(ACLED event type, sub-event type) of a record; ("", "") when ACLED has no counterpart."""
    event = str(record.get("event") or "")
    modes = [str(m) for m in record.get("mode") or ()]
    if event == "ASSAULT":
        for mode, kind, sub in ASSAULT_BY_MODE:
            if mode in modes:
                return kind, sub
        if _is_civilian_target(record.get("recipient") or ()):
            return VAC, "Attack"
        return BATTLES, "Armed clash"
    if event == "PROTEST":
        if "riot" in modes:
            return RIOTS, "Violent demonstration"
        return PROTESTS, "Peaceful protest"
    if event == "COERCE":
        for mode in modes:
            if mode in COERCE_BY_MODE:
                return COERCE_BY_MODE[mode]
        return STRATEGIC, "Other"
    if event == "RETREAT" and "withdraw" not in modes:
        return "", ""
    return OTHER_EVENTS.get(event, ("", ""))


def inter_code(entity: Mapping[str, Any], *, event: str = "", modes: Sequence[str] = ()) -> int | None:
    """ACLED's inter code (1–8) of an actor from its sector, code and kind; None when unknown.

    The actor of a PROTEST who is not a state actor is a protester (6), or a rioter (5) when the
    protest is a riot.
    """
    sector = str(entity.get("sector") or "").upper()
    code = str(entity.get("code") or "").upper()
    names = " ".join(str(entity.get(k) or "") for k in ("entity_text", "identifier_text")).lower()
    if code in EXTERNAL_CODES:
        return 8
    if sector in STATE_SECTORS:
        return 1
    if event == "PROTEST":
        return 5 if "riot" in modes else 6
    if sector in REBEL_SECTORS:
        return 2
    if sector in MILITIA_SECTORS or "militia" in names:
        if any(word in names for word in IDENTITY_WORDS):
            return 4
        return 3
    if sector in CIVILIAN_SECTORS:
        return 7
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two inter codes as one number, smaller first (10 for one side alone)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def civilian_targeting(kind: str, recipients: Sequence[Mapping[str, Any]]) -> str:
    """The string "Civilian targeting" when a violent event's targets are all civilians, else ""."""
    if kind in {VAC, REMOTE, BATTLES, RIOTS} and _is_civilian_target(recipients):
        return "Civilian targeting"
    return ""
