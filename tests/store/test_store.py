"""Tests of the DuckDB store: schema, idempotent transactional writes, corroboration and reads."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whimbrel.errors import StoreError
from whimbrel.exports.record import event_to_record
from whimbrel.model import Document, Passage, Span
from whimbrel.store import Store, WriteCounts, schema
from whimbrel.store import store as store_module


def load_builders() -> ModuleType:
    """tests/store/builders.py, loaded by path under a name no other test helper uses."""
    name = "whimbrel_tests_store_builders"
    if name not in sys.modules:
        path = Path(__file__).resolve().parent / "builders.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


B = load_builders()
TABLES = [
    "documents",
    "passages",
    "events",
    "event_mentions",
    "actors",
    "actor_aliases",
    "places",
    "relations",
    "runs",
    "migrations",
]


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as opened:
        yield opened


@pytest.fixture
def run(store: Store) -> str:
    return store.start_run({"stages": ["ingest"]})


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a reader can see, minus write times."""
    docs = [{k: v for k, v in d.items() if k != "added_at"} for d in store.documents()]
    return {
        "counts": store.counts(),
        "records": list(store.event_records()),
        "documents": docs,
        "passages": store.passage_index(),
        "relations": store.relations(),
    }


# -- opening and schema ---------------------------------------------------------------------------


def test_new_file_store_is_migrated_once(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "w.duckdb"
    with Store(path) as first:
        assert first.counts()["documents"] == 0
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    migrations = con.execute("SELECT version, applied_at FROM migrations").fetchall()
    con.close()
    assert set(TABLES) <= tables
    assert [m[0] for m in migrations] == [m.version for m in schema.MIGRATIONS]
    assert all(isinstance(m[1], dt.datetime) for m in migrations)


def test_migrations_are_ordered_without_gaps() -> None:
    assert [m.version for m in schema.MIGRATIONS] == list(range(1, len(schema.MIGRATIONS) + 1))
    assert len(schema.MIGRATIONS) == schema.LATEST


def test_not_a_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match=re.escape(str(tmp_path / "notes.duckdb"))):
        Store(path)


def test_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Store(path) as writable:
        writable.write([B.make_doc("doc-1")], writable.start_run({}))
    with Store(path, read_only=True) as readable:
        assert readable.counts()["events"] == 1
        with pytest.raises(StoreError, match="read-only"):
            readable.write([B.make_doc("doc-2")], "run")
        with pytest.raises(StoreError):
            readable.start_run({})


def test_read_only_needs_an_existing_migrated_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=re.escape(str(tmp_path / "missing.duckdb"))):
        Store(tmp_path / "missing.duckdb", read_only=True)
    bare = tmp_path / "bare.duckdb"
    duckdb.connect(str(bare)).close()
    with pytest.raises(StoreError, match="not up to date"):
        Store(bare, read_only=True)


def test_a_store_from_a_newer_whimbrel_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO migrations VALUES (?, 'future', now())", [schema.LATEST + 1])
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_closed_store_raises_store_error() -> None:
    with Store(":memory:") as store:
        pass
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError):
        store.counts()


# -- runs -----------------------------------------------------------------------------------------


def test_runs_record_config_counts_and_timings(store: Store) -> None:
    run_id = store.start_run({"db": Path("x.duckdb"), "limit": 3})
    assert store.runs()[0]["finished_at"] is None
    store.finish_run(run_id, {"documents": 2}, {"total": 1.5})
    (row,) = store.runs()
    assert row["id"] == run_id
    assert row["config"] == {"db": "x.duckdb", "limit": 3}
    assert (row["counts"], row["timings"]) == ({"documents": 2}, {"total": 1.5})
    assert row["finished_at"] >= row["started_at"]
    with pytest.raises(StoreError, match="no run"):
        store.finish_run("nope", {}, {})


def test_place_mentions_are_kept_and_replaced_with_their_document(store: Store, run: str) -> None:
    from dataclasses import replace as with_fields

    from whimbrel.model import Mention, Place

    doc = B.make_doc("doc-p", events=1)
    mosul = Place("Mosul", "Mosul", 99072, 36.335, 43.119, "IRQ", "Nineveh", None, "point", "Mosul District")
    vague = Place("another province", unresolved="vague: no name")
    mentions = (
        Mention("place", 0, 10, 15, 2, 3, "Mosul", place=mosul),
        Mention("place", 0, 20, 36, 5, 7, "another province", place=vague),  # unresolved: not kept
    )
    store.write([with_fields(doc, mentions=mentions)], run)
    (row,) = list(store.place_mentions())
    assert (row["doc_id"], row["start"], row["end"], row["text"]) == ("doc-p", 10, 15, "Mosul")
    assert (row["geonameid"], row["admin1"], row["admin2"], row["precision"]) == (
        99072,
        "Nineveh",
        "Mosul District",
        "point",
    )
    store.write([with_fields(doc, mentions=mentions[:1], content_hash="other")], run)
    assert len(list(store.place_mentions())) == 1  # the document's new write replaced its mentions


def test_run_ids_differ(store: Store) -> None:
    assert store.start_run({}) != store.start_run({})


# -- writing --------------------------------------------------------------------------------------


def test_write_fills_every_table(store: Store, run: str) -> None:
    counts = store.write([B.make_doc("doc-1", events=2)], run)
    assert counts == WriteCounts(
        documents=1,
        passages=2,
        events=2,
        mentions=2,
        actors=3,
        aliases=3,
        places=1,
        relations=2,
    )
    assert store.counts() == {
        "documents": 1,
        "passages": 2,
        "events": 2,
        "event_mentions": 2,
        "actors": 3,
        "actor_aliases": 3,
        "places": 1,
        "place_mentions": 0,
        "relations": 2,
        "runs": 1,
        "documents_coded": 1,
        "documents_duplicate": 0,
        "documents_skipped": 0,
        "documents_failed": 0,
    }
    assert counts.as_dict()["events"] == 2


def test_writing_the_same_documents_twice_changes_nothing(store: Store, run: str) -> None:
    docs = [B.make_doc("doc-1", events=2), B.make_doc("doc-2", events=1), B.failed_doc("bad-1")]
    store.write(docs, run)
    before = snapshot(store)
    second = store.write(docs, run)
    assert snapshot(store) == before
    assert (second.events, second.passages, second.mentions, second.relations) == (0, 0, 0, 0)
    assert second.known == 2


def test_same_content_under_another_id_adds_nothing(store: Store, run: str) -> None:
    doc = B.make_doc("doc-1")
    store.write([doc], run)
    before = store.counts()
    counts = store.write([replace(doc, id="doc-1-copy", origin="/elsewhere/copy.txt")], run)
    assert counts.known == 1
    assert store.counts() == before


def test_same_content_twice_in_one_batch_is_stored_once(store: Store, run: str) -> None:
    doc = B.make_doc("doc-1")
    counts = store.write([doc, replace(doc, id="doc-1-copy")], run)
    assert (counts.documents, counts.known) == (1, 1)
    assert [d["id"] for d in store.documents()] == ["doc-1"]


def test_a_duplicate_of_stored_content_is_kept_as_a_row_with_its_reason(store: Store, run: str) -> None:
    # guards the runner's "same text as document X": the duplicate is listed, nothing else is added
    original = B.make_doc("doc-1", events=2)
    copy = replace(original, id="doc-1-copy", status="duplicate", reason="same text as document doc-1")
    store.write([original], run)
    counts = store.write([copy], run)
    assert (counts.documents, counts.events, counts.passages, counts.mentions) == (1, 0, 0, 0)
    by_id = {d["id"]: d for d in store.documents()}
    assert (by_id["doc-1-copy"]["status"], by_id["doc-1-copy"]["reason"]) == (
        "duplicate",
        "same text as document doc-1",
    )
    assert by_id["doc-1-copy"]["n_events"] == 0
    assert store.counts()["events"] == 2
    before = snapshot(store)
    store.write([copy], run)
    store.write([original, copy], run)
    assert snapshot(store) == before


def test_a_duplicate_never_replaces_a_coded_document(store: Store, run: str) -> None:
    doc = B.make_doc("doc-1")
    store.write([doc], run)
    before = snapshot(store)
    assert store.write([replace(doc, status="duplicate", reason="same text")], run).known == 1
    assert snapshot(store) == before


def test_known_content(store: Store, run: str) -> None:
    coded, dup = B.make_doc("doc-1"), B.make_doc("doc-2", status="duplicate", events=0)
    store.write([coded, dup, B.failed_doc("bad-1", content_hash="failed-hash")], run)
    asked = [coded.content_hash, dup.content_hash, "failed-hash", "unknown", ""]
    assert set(store.known_content(asked)) == {coded.content_hash, dup.content_hash}
    assert coded.id in store.known_content(asked)[coded.content_hash]
    assert store.known_content([]) == {}


def test_failed_documents_are_upserted_by_id(store: Store, run: str) -> None:
    store.write([B.failed_doc("bad-1", reason="failed: not valid UTF-8")], run)
    store.write([B.failed_doc("bad-1", reason="skipped: looks binary")], run)
    (doc,) = store.documents()
    assert (doc["id"], doc["status"], doc["reason"]) == ("bad-1", "skipped", "skipped: looks binary")
    assert store.counts()["documents"] == 1


def test_a_later_successful_read_of_the_same_origin_replaces_the_failure(store: Store, run: str) -> None:
    store.write([B.failed_doc("bad-1", origin="/corpus/report.txt")], run)
    good = B.make_doc("doc-9", origin="/corpus/report.txt")
    counts = store.write([good], run)
    assert counts.events == 1
    assert [(d["id"], d["status"]) for d in store.documents()] == [("doc-9", "coded")]
    assert store.counts()["documents_failed"] == 0


def test_a_later_successful_read_of_the_same_id_replaces_the_failure(store: Store, run: str) -> None:
    store.write([B.failed_doc("doc-1", origin="/a")], run)
    store.write([B.make_doc("doc-1", origin="/b")], run)
    assert [(d["id"], d["status"], d["reason"]) for d in store.documents()] == [("doc-1", "coded", None)]
    assert store.counts()["events"] == 1


def test_a_failed_re_read_never_hides_a_stored_document(store: Store, run: str) -> None:
    store.write([B.make_doc("doc-1")], run)
    before = snapshot(store)
    counts = store.write([B.failed_doc("doc-1")], run)
    assert counts.known == 1
    assert snapshot(store) == before


def test_failure_and_success_in_one_batch_keep_the_success(store: Store, run: str) -> None:
    docs = [B.failed_doc("bad-1", origin="/o"), B.make_doc("doc-1", origin="/o"), B.failed_doc("doc-1")]
    store.write(docs, run)
    assert [(d["id"], d["status"]) for d in store.documents()] == [("doc-1", "coded")]
    before = snapshot(store)
    store.write(docs, run)
    assert snapshot(store) == before


def test_new_content_under_a_stored_id_replaces_the_old(store: Store, run: str) -> None:
    store.write([B.make_doc("doc-1", events=3)], run)
    new = B.make_doc("doc-1", text="A short update.", events=0)
    new = replace(new, events=(B.make_event("doc-1", event_id="fresh"),))
    store.write([new], run)
    assert [r["id"] for r in store.event_records()] == ["fresh"]
    assert store.counts()["passages"] == 1
    assert store.counts()["relations"] == 0
    assert store.documents()[0]["n_chars"] == len("A short update.")


def test_two_versions_of_one_id_in_a_batch_store_the_last(store: Store, run: str) -> None:
    old, new = B.make_doc("doc-1", events=2), B.make_doc("doc-1", text="Updated.", events=0)
    counts = store.write([old, new], run)
    assert (counts.documents, counts.known, counts.events) == (1, 1, 0)
    stored = store.document("doc-1")
    assert stored is not None and stored["text"] == "Updated."


def test_recoding_a_corroborating_document_withdraws_its_mention(store: Store, run: str) -> None:
    first = B.make_doc("doc-1", events=1)
    event_id = first.events[0].id
    other = replace(B.make_event("doc-2", start=50), id=event_id)
    store.write([first, replace(B.make_doc("doc-2", events=0), events=(other,))], run)
    assert next(store.event_records())["sources"] == ["doc-1", "doc-2"]
    store.write([B.make_doc("doc-2", text="Nothing happened.", events=0)], run)
    (record,) = store.event_records()
    assert record["sources"] == ["doc-1"]
    assert [m["doc_id"] for m in record["mentions"]] == ["doc-1"]
    assert store.counts()["event_mentions"] == 1


def test_an_event_reported_by_another_document_is_corroborated(store: Store, run: str) -> None:
    first = B.make_doc("doc-1", events=1)
    event = first.events[0]
    other = replace(B.make_event("doc-2", start=50), id=event.id)
    second = replace(B.make_doc("doc-2", events=0), events=(other,))
    store.write([first], run)
    counts = store.write([second], run)
    assert (counts.events, counts.mentions, counts.corroborated) == (0, 1, 1)
    (record,) = store.event_records()
    assert record["text_info"]["doc_id"] == "doc-1"
    assert record["sources"] == ["doc-1", "doc-2"]
    assert record["mentions"] == [
        {"doc_id": "doc-1", "start": 0, "end": len(B.SENTENCE)},
        {"doc_id": "doc-2", "start": 50, "end": 50 + len(B.SENTENCE)},
    ]
    assert store.counts()["event_mentions"] == 2
    assert [r["id"] for r in store.event_records(doc_ids=["doc-2"])] == [event.id]
    assert store.write([second], run).mentions == 0
    assert next(store.event_records())["sources"] == ["doc-1", "doc-2"]


def test_corroboration_within_one_batch(store: Store, run: str) -> None:
    first = B.make_doc("doc-1", events=1)
    other = replace(B.make_event("doc-2", start=50), id=first.events[0].id)
    second = replace(B.make_doc("doc-2", events=0), events=(other,))
    counts = store.write([first, second], run)
    assert (counts.events, counts.mentions, counts.corroborated) == (1, 2, 0)
    assert next(store.event_records())["sources"] == ["doc-1", "doc-2"]


def test_a_failing_write_leaves_the_store_as_before(store: Store, run: str) -> None:
    store.write([B.make_doc("doc-0")], run)
    before = snapshot(store)
    good = B.make_doc("doc-1")
    clash = Passage(0, 0, 5, "h")
    bad = replace(B.make_doc("doc-2"), passages=(clash, clash))  # same passage index twice
    with pytest.raises(StoreError, match="none stored"):
        store.write([good, bad], run)
    assert snapshot(store) == before
    assert store.write([good], run).events == 1  # the store is usable after the rollback


def test_a_python_error_mid_write_also_rolls_back(
    store: Store, run: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: Any, *args: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(store_module._Batch, "_write_actors", explode)
    with pytest.raises(RuntimeError, match="boom"):
        store.write([B.make_doc("doc-1")], run)
    assert store.counts()["documents"] == 0
    assert store.counts()["events"] == 0


def test_write_of_nothing(store: Store, run: str) -> None:
    assert store.write([], run) == WriteCounts()


def test_published_is_stored_as_a_date(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        run = store.start_run({})
        stamp = dt.datetime(2023, 11, 1, 15, 30)
        store.write([B.make_doc("doc-1"), B.make_doc("doc-2", published=stamp)], run)
        assert [d["published"] for d in store.documents()] == ["2023-11-01", "2023-11-01"]
    con = duckdb.connect(str(path), read_only=True)
    types = con.execute("SELECT DISTINCT typeof(published) FROM documents").fetchall()
    con.close()
    assert types == [("DATE",)]


def test_passage_index_points_to_the_first_occurrence(store: Store, run: str) -> None:
    para = "Militias attacked the base."
    first = B.make_doc("doc-1", text=f"Intro.\n\n{para}\n\n{para}", events=0)
    assert first.passages[2].duplicate_of == "doc-1:1"
    store.write([first], run)
    second = B.make_doc("doc-2", text=f"{para}\n\nOther.", events=0)
    store.write([second], run)
    index = store.passage_index()
    assert index[B.text_hash(para)] == "doc-1:1"
    assert index[B.text_hash("Other.")] == "doc-2:1"
    assert index[B.text_hash("Intro.")] == "doc-1:0"
    assert len(index) == 3


# -- reading --------------------------------------------------------------------------------------


def test_event_records_are_the_export_records_in_stable_order(store: Store, run: str) -> None:
    docs = [B.make_doc("doc-b", events=2), B.make_doc("doc-a", events=2)]
    store.write(docs, run)
    records = list(store.event_records())
    expected = sorted(
        (event_to_record(e) for d in docs for e in d.events),
        key=lambda r: (r["text_info"]["doc_id"], r["text_info"]["start"], r["id"]),
    )
    provenance = [(r.pop("cite_info"), r.pop("produced_by")) for r in records]
    assert records == expected
    assert [list(r) for r in records] == [list(expected[0])] * 4
    assert [cite["title"] for cite, _ in provenance] == ["Report doc-a"] * 2 + ["Report doc-b"] * 2
    assert all(produced is None for _, produced in provenance)  # the run was started without it
    assert [r["text_info"]["doc_id"] for r in store.event_records(doc_ids=["doc-b"])] == ["doc-b"] * 2
    assert list(store.event_records(doc_ids=[])) == []


def test_events_table_rows_and_filters(store: Store, run: str) -> None:
    doc = B.make_doc("doc-1", events=3)
    claimed = replace(doc.events[1], event="PROTEST", status="claimed", actor=(B.MILITIAS, B.FRAMEWORK))
    store.write([replace(doc, events=(doc.events[0], claimed, doc.events[2]))], run)
    rows = store.events()
    assert len(rows) == 3
    assert list(rows[0]) == [
        "id",
        "doc_id",
        "event",
        "cameo",
        "actor",
        "recipient",
        "location",
        "date",
        "status",
        "confidence",
        "event_text",
    ]
    assert rows[0]["actor"] == "the militias"  # the words of the text, as the reader saw them
    assert rows[0]["recipient"] == "US-led coalition bases"
    assert (rows[0]["location"], rows[0]["date"], rows[0]["confidence"]) == ("Baghdad", "2023-10-07", 0.812)
    (protest,) = store.events(event="protest")
    assert protest["actor"] == "the militias; the Coordination Framework"
    assert [r["id"] for r in store.events(status="claimed")] == [claimed.id]
    assert [r["id"] for r in store.events(limit=1)] == [rows[0]["id"]]
    assert len(store.events(limit=2)) == 2
    assert len(store.events(limit=0)) == 3
    assert store.events(doc_id="doc-2") == []


def test_documents_listing(store: Store, run: str) -> None:
    store.write([B.make_doc("doc-1", events=2), B.failed_doc("bad-1", reason="failed: empty")], run)
    by_id = {d["id"]: d for d in store.documents()}
    assert by_id["doc-1"]["n_events"] == 2
    assert by_id["doc-1"]["status"] == "coded"
    assert by_id["doc-1"]["run_id"] == run
    assert (by_id["bad-1"]["status"], by_id["bad-1"]["reason"], by_id["bad-1"]["n_events"]) == (
        "failed",
        "failed: empty",
        0,
    )
    assert "text" not in by_id["doc-1"]


def test_document_with_text_and_passages(store: Store, run: str) -> None:
    doc = B.make_doc("doc-1", events=2)
    store.write([doc], run)
    stored = store.document("doc-1")
    assert stored is not None
    assert stored["text"] == doc.text
    assert [p["index"] for p in stored["passages"]] == [0, 1]
    assert stored["passages"][1]["duplicate_of"] == "doc-1:0"
    assert store.document("nope") is None


def test_relations_and_actor_network(store: Store, run: str) -> None:
    store.write([B.make_doc("doc-1", events=2)], run)
    relations = store.relations()
    assert [(r["source_id"], r["kind"], r["target_id"]) for r in relations] == [
        ("whimbrel:islamic-resistance-in-iraq", "member_of", "whimbrel:coordination-framework")
    ] * 2
    assert relations[0]["doc_id"] == "doc-1"


def test_relation_without_resolved_actors(store: Store, run: str) -> None:
    doc = B.make_doc("doc-1", events=1)
    rel = replace(doc.relations[0], source=B.ActorRef("Iran"), evidence=Span("doc-1", 3, 7))
    counts = store.write([replace(doc, relations=(rel,))], run)
    assert counts.relations == 1
    assert store.relations()[0]["source_text"] == "Iran"
    assert store.relations()[0]["source_id"] is None


def test_a_thousand_events_in_one_write(store: Store, run: str) -> None:
    docs = [B.make_doc(f"doc-{i:03d}", events=10) for i in range(100)]
    counts = store.write(docs, run)
    assert counts.events == 1000
    assert sum(1 for _ in store.event_records()) == 1000


# -- properties -----------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(B.documents(), max_size=6))
def test_write_is_idempotent(docs: list[Document]) -> None:
    with Store(":memory:") as store:
        run = store.start_run({})
        store.write(docs, run)
        before = snapshot(store)
        store.write(docs, run)
        assert snapshot(store) == before
        records = before["records"]
        assert len({r["id"] for r in records}) == len(records)
        for record in records:
            assert len(record["mentions"]) == len({tuple(m.values()) for m in record["mentions"]})
        assert before["counts"]["event_mentions"] == sum(len(r["mentions"]) for r in records)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(B.documents(), max_size=5, unique_by=lambda d: d.id))
def test_batch_and_one_by_one_writes_agree(docs: list[Document]) -> None:
    coded = [d for d in docs if d.status == "coded"]
    with Store(":memory:") as together, Store(":memory:") as apart:
        run = together.start_run({})
        together.write(coded, run)
        apart.start_run({})
        for doc in coded:
            apart.write([doc], run)
        assert list(together.event_records()) == list(apart.event_records())
        assert together.counts() == apart.counts()


def test_a_store_of_schema_1_migrates_and_keeps_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # guards old stores: one written before passage roles, datelines and incidents opens and reads
    path = tmp_path / "old.duckdb"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        m.setattr(schema, "LATEST", 1)
        con = duckdb.connect(str(path))
        schema.migrate(con, str(path))
        con.execute(
            "INSERT INTO documents (id, content_hash, origin, status, n_chars, added_at, text) "
            "VALUES ('old-1', 'h-old', '/x/old.txt', 'coded', 4, now(), 'text')"
        )
        con.close()
    with Store(path) as store:
        assert [d["id"] for d in store.documents()] == ["old-1"]
        store.write([B.make_doc("doc-2")], store.start_run({}))
        assert store.counts()["events"] == 1
    con = duckdb.connect(str(path))
    assert [r[0] for r in con.execute("SELECT version FROM migrations ORDER BY version").fetchall()] == [
        m.version for m in schema.MIGRATIONS
    ]
    con.close()


def test_passage_roles_and_the_dateline_are_stored(store: Store, run: str) -> None:
    from whimbrel.model import Dateline, DateValue

    doc = B.make_doc("doc-1", events=2)
    passages = (doc.passages[0], replace(doc.passages[1], role="byline"))
    dateline = Dateline(0, 12, "LAGOS, May 2 -", "LAGOS", 0, 5, "May 2", DateValue("2023-05-02", "day"), None)
    store.write([replace(doc, passages=passages, dateline=dateline)], run)
    stored = store.document("doc-1")
    assert stored is not None
    assert [p["role"] for p in stored["passages"]] == [None, "byline"]
    row = store._execute("SELECT dateline FROM documents WHERE id = 'doc-1'")[0][0]
    assert json.loads(row)["place"] == "LAGOS"
    assert json.loads(row)["date"] == "2023-05-02"
