"""Tests of the ingest stage: every input gives a Document, bad ones with a reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from whimbrel.errors import ConfigError
from whimbrel.model import Document
from whimbrel.stages.ingest import (
    IngestOptions,
    content_hash,
    describe,
    document_from_text,
    normalise_text,
    read_inputs,
    walk,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
OPTS = IngestOptions()


def run(*paths: str | Path, options: IngestOptions = OPTS, stdin: io.BytesIO | None = None) -> list[Document]:
    return list(read_inputs([str(p) for p in paths], options, stdin=stdin))


def input_id(origin: str) -> str:
    return "input:" + hashlib.sha256(origin.encode()).hexdigest()[:16]


def assert_bad(doc: Document, status: str, origin: str, *reason_parts: str) -> None:
    assert doc.status == status, doc
    assert doc.origin == origin
    assert doc.text == ""
    assert doc.content_hash == ""
    assert doc.id == input_id(origin)
    assert doc.reason is not None and "\n" not in doc.reason
    for part in reason_parts:
        assert part in doc.reason, doc.reason


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


# ---------------------------------------------------------------- normalisation and hashing


def test_normalise_strips_bom_unifies_newlines_and_composes() -> None:
    assert normalise_text("\ufeff  Cafe\u0301\r\nline\rend  \n") == "  Café\nline\nend  \n"


def test_normalise_is_idempotent_and_keeps_inner_bom() -> None:
    once = normalise_text("a\r\n\r\nb\u0301")
    assert normalise_text(once) == once
    assert normalise_text("x\ufeffy") == "x\ufeffy"


def test_content_hash_is_sha256_of_normalised_text() -> None:
    assert content_hash("Café\n") == hashlib.sha256("Café\n".encode()).hexdigest()
    assert content_hash("Cafe\u0301\r\n") == content_hash("Café\n")
    assert content_hash("a") != content_hash("b")


def test_document_from_text() -> None:
    doc = document_from_text("Troops\r\nmoved.", origin="x", title="T", published=dt.date(2024, 1, 2))
    assert doc.text == "Troops\nmoved."
    assert doc.content_hash == content_hash("Troops\nmoved.")
    assert doc.id == doc.content_hash[:16]
    assert (doc.status, doc.reason, doc.title, doc.published) == ("pending", None, "T", dt.date(2024, 1, 2))
    assert document_from_text("x", origin="o", doc_id="abc").id == "abc"


def test_document_from_empty_text_is_skipped() -> None:
    assert_bad(document_from_text(" \r\n\t", origin="o"), "skipped", "o", "empty")


def test_describe() -> None:
    doc = run("/nonexistent/whimbrel/file.txt")[0]
    assert describe(doc) == "whimbrel: /nonexistent/whimbrel/file.txt: no such file"


def test_options_are_validated() -> None:
    with pytest.raises(ConfigError, match="encoding"):
        IngestOptions(encoding="no-such-codec")
    with pytest.raises(ConfigError, match="max_bytes"):
        IngestOptions(max_bytes=0)
    with pytest.raises(ConfigError, match="extension"):
        IngestOptions(extensions=("txt",))


# ---------------------------------------------------------------- plain files


def test_plain_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfMilitias attacked\r\nthe base.\rCafe\xcc\x81\n")
    options = IngestOptions(published=dt.date(2023, 10, 7))
    [doc] = run(path, options=options)
    assert doc.status == "pending" and doc.reason is None
    assert doc.text == "Militias attacked\nthe base.\nCafé\n"
    assert doc.content_hash == hashlib.sha256(doc.text.encode()).hexdigest()
    assert doc.id == doc.content_hash[:16]
    assert doc.origin == str(path)
    assert doc.published == dt.date(2023, 10, 7)
    # offsets refer to the normalised text, nothing is trimmed
    assert doc.text[doc.text.index("the base") :].startswith("the base.\nCafé")


def test_ids_are_deterministic_and_content_based(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "Same text.\n")
    b = write(tmp_path / "b.md", "Same text.\r\n")
    first, second = run(a, b), run(a, b)
    assert first == second
    assert first[0].id == first[1].id == content_hash("Same text.\n")[:16]
    assert run("/nonexistent/x")[0].id == run("/nonexistent/x")[0].id


def test_explicit_file_with_any_extension_is_read(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path / "report.html", "Plain words."))
    assert doc.status == "pending" and doc.text == "Plain words."


def test_missing_path_then_good_input(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Good.")
    missing = str(tmp_path / "missing.txt")
    bad, ok = run(missing, good)
    assert_bad(bad, "failed", missing, "no such file")
    assert ok.status == "pending" and ok.text == "Good."


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty file"), (b" \n\r\n\t ", "whitespace only")])
def test_empty_and_whitespace_files_are_skipped(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "e.txt", data)
    assert_bad(run(path)[0], "skipped", str(path), reason)


def test_latin1_file(tmp_path: Path) -> None:
    path = write(tmp_path / "l.txt", "Le café est fermé.".encode("latin-1"))
    [bad] = run(path)
    assert_bad(bad, "failed", str(path), "not valid utf-8 at byte 6", "--encoding latin-1")
    [good] = run(path, options=IngestOptions(encoding="latin-1"))
    assert good.status == "pending" and good.text == "Le café est fermé."


def test_utf16_with_bom_is_an_encoding_problem_not_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "w.txt", "Talks resumed.".encode("utf-16"))
    assert_bad(run(path)[0], "failed", str(path), "UTF-16", "--encoding utf-16")
    [good] = run(path, options=IngestOptions(encoding="utf-16"))
    assert good.text == "Talks resumed."


@pytest.mark.parametrize(("data", "kind"), [(PNG, "PNG image"), (b"text\x00more", "NUL bytes")])
def test_binary_file_named_explicitly(tmp_path: Path, data: bytes, kind: str) -> None:
    path = write(tmp_path / "x.txt", data)
    assert_bad(run(path)[0], "skipped", str(path), f"binary file ({kind})")


def test_twenty_megabyte_file_is_skipped_from_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "big.txt", b"a" * 20_000_000)

    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(walk, "open", no_open, raising=False)
    assert_bad(run(path)[0], "skipped", str(path), "too large: 20.0 MB > limit 10.0 MB")


def test_size_limit_is_configurable_and_exact(tmp_path: Path) -> None:
    path = write(tmp_path / "s.txt", "x" * 101)
    assert_bad(
        run(path, options=IngestOptions(max_bytes=100))[0], "skipped", str(path), "101 bytes > limit 100"
    )
    assert run(path, options=IngestOptions(max_bytes=101))[0].status == "pending"


def test_unreadable_file_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "p.txt", "secret")

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(walk, "open", denied, raising=False)
    assert_bad(run(path)[0], "failed", str(path), "permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_real_permissions(tmp_path: Path) -> None:
    path = write(tmp_path / "p.txt", "secret")
    path.chmod(0)
    try:
        assert_bad(run(path)[0], "failed", str(path), "permission denied")
    finally:
        path.chmod(0o644)


# ---------------------------------------------------------------- directories


def test_directory_with_binary_files(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "First report.")
    write(tmp_path / "b.txt", "Second report.")
    write(tmp_path / "x.bin", PNG)
    write(tmp_path / "y.txt", PNG)
    docs = run(tmp_path)
    assert [os.path.basename(d.origin) for d in docs] == ["a.txt", "b.txt", "x.bin", "y.txt"]
    assert [d.text for d in docs[:2]] == ["First report.", "Second report."]
    assert all(d.status == "pending" for d in docs[:2])
    assert_bad(docs[2], "skipped", str(tmp_path / "x.bin"), "binary file (PNG image)")
    assert_bad(docs[3], "skipped", str(tmp_path / "y.txt"), "binary file (PNG image)")


def test_nested_directories_sorted_hidden_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b" / "z.txt", "bz")
    write(tmp_path / "b" / "a" / "deep.md", "bad")
    write(tmp_path / "a.txt", "a")
    write(tmp_path / "c" / "rows.jsonl", '{"id": "r1", "text": "row"}\n')
    write(tmp_path / "c" / "notes.log", "x,y\n")
    write(tmp_path / "c" / "0001", "numbered")
    write(tmp_path / ".hidden.txt", "no")
    write(tmp_path / ".git" / "x.txt", "no")
    docs = run(str(tmp_path) + os.sep)
    origins = [os.path.relpath(d.origin, tmp_path) for d in docs]
    assert origins == ["a.txt", "b/a/deep.md", "b/z.txt", "c/0001", "c/notes.log", "c/rows.jsonl:1"]
    assert [d.text for d in docs if d.status == "pending"] == ["a", "bad", "bz", "numbered", "row"]
    assert_bad(docs[4], "skipped", str(tmp_path / "c" / "notes.log"), "unsupported extension '.log'")
    assert docs[5].id == "r1"


def test_extensions_option_controls_directory_walk(tmp_path: Path) -> None:
    write(tmp_path / "a.TXT", "upper")
    write(tmp_path / "b.md", "markdown")
    docs = run(tmp_path, options=IngestOptions(extensions=(".txt",)))
    assert docs[0].status == "pending" and docs[0].text == "upper"
    assert docs[1].status == "skipped" and "unsupported extension '.md'" in (docs[1].reason or "")


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "d" / ".hidden", "x")
    assert_bad(run(tmp_path / "d")[0], "skipped", str(tmp_path / "d"), "empty directory")


# ---------------------------------------------------------------- stdin


def test_stdin() -> None:
    options = IngestOptions(published=dt.date(2024, 5, 1))
    [doc] = run("-", options=options, stdin=io.BytesIO("Strikes hit\r\nBaghdad é".encode()))
    assert (doc.status, doc.origin, doc.text) == ("pending", "<stdin>", "Strikes hit\nBaghdad é")
    assert doc.id == content_hash("Strikes hit\nBaghdad é")[:16] and doc.published == dt.date(2024, 5, 1)


@pytest.mark.parametrize(
    ("data", "status", "reason"),
    [
        (b"", "skipped", "empty file"),
        (PNG, "skipped", "binary file (PNG image)"),
        (b"caf\xe9", "failed", "not valid utf-8 at byte 3"),
        (b"y" * 50, "skipped", "too large: more than the 40 bytes limit"),
    ],
)
def test_bad_stdin(data: bytes, status: str, reason: str) -> None:
    [doc] = run("-", options=IngestOptions(max_bytes=40), stdin=io.BytesIO(data))
    assert_bad(doc, status, "<stdin>", reason)


# ---------------------------------------------------------------- JSONL


def jsonl(*rows: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def test_jsonl_rows_keep_ids_and_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        jsonl(
            {"id": "gold-1", "text": "A\r\nb", "title": "T", "url": "http://x", "source": "S"},
            "",
            {"id": 42, "text": "Two", "published": "2023-10-07"},
            {"id": "d3", "text": "Three", "published": "2023-10-08T23:30:00+03:00"},
            {"text": "No id"},
        ),
    )
    options = IngestOptions(published=dt.date(2020, 1, 1))
    a, b, c, d = run(path, options=options)
    assert [x.status for x in (a, b, c, d)] == ["pending"] * 4
    assert (a.id, a.text, a.title, a.url, a.source, a.published) == (
        "gold-1",
        "A\nb",
        "T",
        "http://x",
        "S",
        dt.date(2020, 1, 1),
    )
    assert a.content_hash == content_hash("A\nb") and a.origin == f"{path}:1"
    assert (b.id, b.published, b.origin) == ("42", dt.date(2023, 10, 7), f"{path}:3")
    assert c.published == dt.date(2023, 10, 8)
    assert d.id == content_hash("No id")[:16]


def test_jsonl_bad_lines_do_not_stop_good_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        jsonl(
            {"id": "ok1", "text": "first"},
            "{not json",
            "[1, 2]",
            {"id": "x"},
            {"id": "y", "text": 7},
            {"id": "z", "text": "t", "published": "yesterday"},
            {"id": "ok1", "text": "again"},
            {"id": ["a"], "text": "t"},
            {"id": "w", "text": "t", "title": 5},
            {"id": "e", "text": "  "},
            {"id": "ok2", "text": "last"},
        ),
    )
    docs = run(path)
    assert [d.id for d in docs if d.status == "pending"] == ["ok1", "ok2"]
    expected = [
        (2, "failed", "malformed JSON at line 2: Expecting property name"),
        (3, "failed", "not a JSON object (got array)"),
        (4, "failed", "no 'text' field"),
        (5, "failed", "'text' must be a string (got number)"),
        (6, "failed", "bad published date 'yesterday'"),
        (7, "failed", "duplicate id 'ok1' (first at line 1)"),
        (8, "failed", "'id' must be a string or integer (got array)"),
        (9, "failed", "field 'title' must be a string"),
        (10, "skipped", "empty"),
    ]
    bad = [d for d in docs if d.status != "pending"]
    assert len(bad) == len(expected)
    for doc, (line, status, reason) in zip(bad, expected, strict=True):
        assert_bad(doc, status, f"{path}:{line}", reason)


def test_jsonl_encoding_error_names_file_offset(tmp_path: Path) -> None:
    first = b'{"id": "a", "text": "ok"}\n'
    path = write(tmp_path / "c.jsonl", first + b'{"id": "b", "text": "caf\xe9"}\n')
    ok, bad = run(path)
    assert ok.id == "a"
    assert_bad(bad, "failed", f"{path}:2", f"not valid utf-8 at byte {len(first) + 24}")
    assert run(path, options=IngestOptions(encoding="latin-1"))[1].text == "café"


def test_jsonl_long_line_skipped_and_stream_continues(tmp_path: Path) -> None:
    long_row = json.dumps({"id": "big", "text": "x" * 500})
    path = write(tmp_path / "c.jsonl", jsonl({"id": "a", "text": "a"}, long_row, {"id": "b", "text": "b"}))
    a, big, b = run(path, options=IngestOptions(max_bytes=200))
    assert (a.id, b.id, b.text) == ("a", "b", "b")
    assert_bad(big, "skipped", f"{path}:2", f"too large: {len(long_row) + 1} bytes > limit 200 bytes")


def test_jsonl_bom_and_crlf(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl", b'\xef\xbb\xbf{"id": "a", "text": "x"}\r\n\r\n{"id": "b", "text": "y"}'
    )
    assert [(d.id, d.status) for d in run(path)] == [("a", "pending"), ("b", "pending")]


@pytest.mark.parametrize(
    ("data", "reason"), [(b"", "empty file"), (b"\n \n", "no records"), (PNG, "binary file (PNG image)")]
)
def test_jsonl_file_level_problems(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "c.jsonl", data)
    [doc] = run(path)
    assert_bad(doc, "skipped", str(path), reason)
