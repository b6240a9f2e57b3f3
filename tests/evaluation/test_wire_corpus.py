"""The wire corpus and its gold: well formed, split in halves, each expectation anchored in its report."""

from __future__ import annotations

import json
import re
from importlib import resources

from whimbrel.evaluation.splits import split_of

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
STATUSES = {"asserted", "unverified", "negated", "hypothetical", "future", "historical"}
ATTRIBUTIONS = {"claimed", "alleged", "denied", "unattributed"}
SIZE_KEYS = {"count", "dead", "injured", "arrested"}
CODE = re.compile(r"^(?:[A-Z]{3}|IGO[A-Z]*|NGO[A-Z]*)$")
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,[^\n]*?)?(?: \((?:Reuters|AFP|AP)\))? ?[-—]")


def _lines(name: str) -> list[dict[str, object]]:
    text = resources.files("whimbrel.evaluation").joinpath("data", name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_corpus_has_forty_reports_with_gold_for_each() -> None:
    reports, gold = _lines("wire_reports.jsonl"), _lines("wire_gold.jsonl")
    assert len(reports) >= 40
    assert [r["id"] for r in reports] == [g["id"] for g in gold]
    assert len({r["id"] for r in reports}) == len(reports)
    for report, item in zip(reports, gold, strict=True):
        assert report["published"] == item["published"]


def test_reports_read_like_wire_copy() -> None:
    for report in _lines("wire_reports.jsonl"):
        text = str(report["text"])
        assert DATELINE.match(text), f"{report['id']} opens without a dateline"
        assert text.count("\n\n") >= 2, f"{report['id']} is not multi-paragraph"


def test_dev_and_test_are_about_half_each() -> None:
    ids = [str(r["id"]) for r in _lines("wire_reports.jsonl")]
    dev = sum(split_of(i) == "dev" for i in ids)
    assert 0.4 <= dev / len(ids) <= 0.6


def test_each_expectation_is_well_formed_and_anchored() -> None:
    texts = {r["id"]: str(r["text"]) for r in _lines("wire_reports.jsonl")}
    disasters = 0
    for item in _lines("wire_gold.jsonl"):
        events = item["events"]
        assert isinstance(events, list)
        disasters += not events
        for event in events:
            assert event["event"] in PLOVER
            assert event["status"] in STATUSES
            assert event["actor"], f"{event['id']} has no actor"
            for entity in [*event["actor"], *event["recipient"]]:
                assert CODE.match(entity["code"]), entity
            assert set(event["size"]) <= SIZE_KEYS
            assert event["attribution"] is None or event["attribution"]["kind"] in ATTRIBUTIONS
            dates = event["date"] if isinstance(event["date"], list) else [event["date"]]
            assert all(re.match(r"^\d{4}-\d{2}(-\d{2})?$", d) for d in dates)
            assert event["anchors"] and all(a in texts[item["id"]] for a in event["anchors"])
    assert disasters >= 3, "disaster reports with no event keep the hazard-is-no-agent rule measured"
