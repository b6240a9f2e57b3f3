"""The behavioural suite's shape and judging rules, without the NLP model (records are written here)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from whimbrel.evaluation.behaviour import suite
from whimbrel.evaluation.behaviour.cases import Case, expect, verdict
from whimbrel.evaluation.exported import InputDocument

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
DAY = dt.date(2025, 6, 10)


def record(event: str, actor: list[str], recipient: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "event": event,
        "actor": [{"entity_text": c.lower(), "code": c} for c in actor],
        "recipient": [{"entity_text": c.lower(), "code": c} for c in recipient],
        "status": "asserted",
        "date": DAY.isoformat(),
        "size": {},
        "event_loc": None,
        "event_text": "x",
        **extra,
    }


def test_suite_is_large_and_varied() -> None:
    templates = suite.templates()
    cases = suite.generate()
    assert len(templates) >= 60
    assert len(cases) >= 1500
    assert len({t.name for t in templates}) == len(templates)
    per_template = {t.name: sum(c.template == t.name for c in cases) for t in templates}
    assert min(per_template.values()) >= 20, per_template
    groups = {t.name.split(".")[0] for t in templates}
    assert {
        "claims",
        "hazards",
        "agentless",
        "speech",
        "negation",
        "hedge",
        "future",
        "dates",
        "news",
    } <= groups
    assert {"actors", "reciprocal", "sizes", "senses", "incidents"} <= groups


def test_cases_are_deterministic_and_distinct() -> None:
    first, second = suite.generate(), suite.generate()
    assert [(c.id, c.text, c.published) for c in first] == [(c.id, c.text, c.published) for c in second]
    assert len({c.id for c in first}) == len(first)


def test_every_case_judges_something_with_plover_types() -> None:
    for case in suite.generate():
        expectations = [*case.want, *case.forbid, *(e for e, _ in case.exactly)]
        assert expectations, case.id
        for e in expectations:
            assert e.event is None or e.event in PLOVER, case.id


def test_want_forbid_and_exactly() -> None:
    case = Case(
        "text",
        DAY,
        want=(expect("ASSAULT", actor=["RUS"], recipient=["UKR"], date=DAY),),
        forbid=(expect("ASSAULT", status="future"),),
        exactly=((expect("ASSAULT"), 1),),
    )
    good = record("ASSAULT", ["RUS"], ["UKR"])
    assert verdict(case, [good]) is None
    assert verdict(case, []) == "missing: ASSAULT actor=['RUS'] recipient=['UKR'] date=2025-06-10"
    assert verdict(case, [record("ASSAULT", ["UKR"], ["RUS"])]).startswith("missing")
    assert "unwanted" in str(verdict(case, [good, record("ASSAULT", [], [], status="future")]))
    assert "2 records of ASSAULT" in str(verdict(case, [good, record("ASSAULT", ["RUS"], ["UKR"])]))


def test_agencies_and_datelines_are_never_participants() -> None:
    case = Case("text", DAY, not_entities=("Reuters", "KYIV"), not_codes=("GBR",))
    assert verdict(case, [record("ASSAULT", ["RUS"], ["UKR"])]) is None
    dateline = record("ASSAULT", ["RUS"], ["UKR"])
    dateline["actor"] = [{"entity_text": "KYIV", "code": "UKR"}]
    assert "'KYIV' coded as a participant" in str(verdict(case, [dateline]))
    assert "code GBR" in str(verdict(case, [record("ASSAULT", ["GBR"], ["UKR"])]))


def test_inferred_actor_and_sizes_and_attribution() -> None:
    want = expect("ASSAULT", inferred=True, size={"dead": (24, 99)}, attribution=("unattributed", None))
    case = Case("text", DAY, want=(want,))
    inferred = record(
        "ASSAULT", ["MLI"], [], size={"dead": 36}, attribution={"kind": "unattributed", "by": None}
    )
    inferred["actor"][0]["inferred"] = True
    assert verdict(case, [inferred]) is None
    named = dict(inferred, actor=[{"entity_text": "army", "code": "MLI", "sector": "MIL"}])
    assert verdict(case, [named]) is not None
    assert verdict(case, [dict(inferred, size={"dead": 12})]) is not None
    assert verdict(case, [dict(inferred, attribution=None)]) is not None


def test_legacy_status_reads_as_attribution() -> None:
    case = Case("text", DAY, want=(expect("ASSAULT", attribution=("claimed", "PSE")),))
    old = record(
        "ASSAULT", ["PSE"], ["ISR"], status="claimed", claimant={"entity_text": "Hamas", "code": "PSE"}
    )
    del old["size"]
    assert verdict(case, [old]) is None


def test_run_judges_records_from_the_coder() -> None:
    chosen = [t for t in suite.templates() if t.name == "reciprocal.met"]

    def perfect(docs: list[InputDocument]) -> dict[str, list[dict[str, Any]]]:
        cases = {c.id: c for c in suite.generate(chosen)}
        out = {}
        for doc in docs:
            want = cases[doc.id].want[0]
            out[doc.id] = [record("CONSULT", sorted(want.actor or ()), [])]
        return out

    report = suite.run(chosen, coder=perfect)
    assert report.rate == 1.0 and report.cases == chosen[0].draws
    empty = suite.run(chosen, coder=lambda docs: {d.id: [] for d in docs})
    assert empty.rate == 0.0 and empty.results[0].failures[0].reason.startswith("missing: CONSULT")
    assert "reciprocal.met" in suite.render(empty, failures=1)
    assert suite.to_json(empty)["templates"]["reciprocal.met"]["cases"] == chosen[0].draws
