"""Reviews: written only with --allow-review, to their own file; applied by exports; read for training."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from whimbrel.errors import ReviewError
from whimbrel.reviews import (
    ReviewLog,
    apply_reviews,
    make_review,
    read_reviews,
    reviews_path,
    training_examples,
)
from whimbrel.web.app import ServeOptions, create_app

RECORD = {
    "id": "e1",
    "event": "ASSAULT",
    "cameo": "190",
    "quad_code": 4,
    "mode": ["drone"],
    "actor": [{"entity_text": "Some militia"}],
    "recipient": [],
    "event_loc": None,
    "text": "A sentence of the test.",
}


@pytest.fixture()
def reviewing(store_path: Path, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    store = tmp_path / "copy.duckdb"
    shutil.copyfile(store_path, store)
    with TestClient(create_app(ServeOptions(store=store, allow_review=True))) as test_client:
        yield test_client, store


def test_review_goes_to_its_own_file_never_the_store(reviewing: tuple[TestClient, Path]) -> None:
    client, store = reviewing
    event = client.get("/api/events", params={"limit": 1, "event": "PROTEST"}).json()["items"][0]
    before = duckdb.connect(str(store), read_only=True)
    original = before.execute("SELECT record FROM events WHERE id = ?", [event["id"]]).fetchone()
    before.close()
    response = client.post(
        f"/api/events/{event['id']}/review",
        json={"verdict": "corrected", "changes": {"event": "consult", "actor": ["A mediator"]}, "note": "n"},
    )
    assert response.status_code == 200, response.text
    saved = [json.loads(line) for line in reviews_path(store).read_text().splitlines()]
    assert saved[0]["changes"] == {
        "event": "CONSULT",
        "actor": [{"entity_text": "A mediator", "code": None, "sector": None, "identifier_id": None,
                   "identifier_text": None}],
    }  # fmt: skip
    assert saved[0]["original"]["event"] == "PROTEST"
    after = duckdb.connect(str(store), read_only=True)
    assert after.execute("SELECT record FROM events WHERE id = ?", [event["id"]]).fetchone() == original
    after.close()
    detail = client.get(f"/api/events/{event['id']}").json()
    assert detail["review"]["verdict"] == "corrected"
    assert client.get("/api/reviews").json()["items"][0]["event_id"] == event["id"]
    exported = [
        json.loads(line)
        for line in client.get(
            "/api/export", params={"reviewed": "true", "event": "PROTEST"}
        ).text.splitlines()
    ]
    assert event["id"] not in {r["id"] for r in exported if r["event"] == "PROTEST"}
    assert client.post(f"/api/events/{event['id']}/review", json={"verdict": "wrong"}).status_code == 200
    ids = {
        json.loads(line)["id"]
        for line in client.get("/api/export", params={"reviewed": "1"}).text.splitlines()
    }
    assert event["id"] not in ids


def test_bad_reviews_are_422(reviewing: tuple[TestClient, Path]) -> None:
    client, _ = reviewing
    event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    for body in (
        {"verdict": "maybe"},
        {"verdict": "corrected"},
        {"verdict": "corrected", "changes": {"event": "EXPLODE"}},
        {"verdict": "corrected", "changes": {"date": "2024-01-01"}},
        {"verdict": "corrected", "changes": {"event_loc": {"text": "X", "lat": 123}}},
        {"verdict": "wrong", "changes": {"event": "AID"}},
    ):
        response = client.post(f"/api/events/{event_id}/review", json=body)
        assert response.status_code == 422, body
    assert client.post("/api/events/nope/review", json={"verdict": "wrong"}).status_code == 404


def test_apply_reviews() -> None:
    other = {**RECORD, "id": "e2"}
    third = {**RECORD, "id": "e3"}
    latest = {
        "e1": make_review(RECORD, "corrected", {"event": "PROTEST", "event_loc": "Somewhere"}),
        "e2": make_review(other, "wrong"),
        "e3": make_review(third, "correct"),
    }
    out = list(apply_reviews([RECORD, other, third, {**RECORD, "id": "e4"}], latest))
    assert [r["id"] for r in out] == ["e1", "e3", "e4"]
    corrected = out[0]
    assert corrected["event"] == "PROTEST" and corrected["quad_code"] == 4 and corrected["mode"] == []
    assert corrected["cameo"] != "190" and corrected["event_loc"]["text"] == "Somewhere"
    assert corrected["review"]["replaced"]["event"] == "ASSAULT"
    assert out[1]["review"]["verdict"] == "correct" and "review" not in out[2]


def test_log_round_trip_and_training_examples(tmp_path: Path) -> None:
    log = ReviewLog(tmp_path / "r.jsonl")
    assert log.read() == []
    log.append(make_review(RECORD, "correct"))
    log.append(make_review(RECORD, "corrected", {"recipient": [{"entity_text": "Villagers", "code": "XXX"}]}))
    assert [r.verdict for r in log.read()] == ["correct", "corrected"]
    examples = training_examples(read_reviews(log.path))
    assert examples == [
        {
            "event_id": "e1",
            "text": RECORD["text"],
            "verdict": "corrected",
            "recipient": [{"entity_text": "Villagers", "code": "XXX", "sector": None, "identifier_id": None,
                           "identifier_text": None}],
            "was_recipient": [],
        }
    ]  # fmt: skip


def test_malformed_review_line_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "x"}\n')
    with pytest.raises(ReviewError, match=r"r\.jsonl:1"):
        list(read_reviews(path))
