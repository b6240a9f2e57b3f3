"""``whimbrel petrarch code``: PETRARCH dictionaries and texts in, JSONL triples out, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from tests.conftest import whimbrel

from whimbrel.model import Document

ACTORS = "NUMENOR [NUM]\nUMBAR [UMB]\n    [UMBOLD <19990101]\n"
AGENTS = "HARBOUR_MASTER [~GOV]\n"
VERBS = "--- BLOCKADE [191] ---\nBLOCKADE\n- * PORT [192]\n"
DISCARDS = "SAILING REGATTA\n"


def _dictionaries(root: Path) -> Path:
    folder = root / "dicts"
    folder.mkdir()
    for name, text in (
        ("toy.actors.txt", ACTORS),
        ("toy.agents.txt", AGENTS),
        ("toy.verbs.txt", VERBS),
        ("toy.discards.txt", DISCARDS),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_code_xml_records_with_a_dictionary_folder(tmp_path: Path) -> None:
    folder = _dictionaries(tmp_path)
    (tmp_path / "in.xml").write_text(
        '<Sentences>\n<Sentence date="19950102" id="A">\n<Text>Numenor blockaded Umbar.</Text>\n</Sentence>\n'
        '<Sentence date="20100102" id="B">\n<Text>Numenor blockaded the port of Umbar.</Text>\n</Sentence>\n'
        '<Sentence date="20100102" id="C">\n<Text>Numenor blockaded Umbar in a sailing regatta.</Text>\n'
        "</Sentence>\n</Sentences>\n",
        encoding="utf-8",
    )
    done = whimbrel("petrarch", "code", "--dictionaries", str(folder), "in.xml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["A", "B", "C"]
    assert rows[0]["date"] == "1995-01-02"
    assert rows[0]["events"] == [{"source": "NUM", "target": "UMBOLD", "code": "191"}]
    assert rows[1]["events"] == [{"source": "NUM", "target": "UMB", "code": "192"}]
    assert rows[2]["events"] == []  # discarded
    assert "3 record(s), 2 event(s)" in done.stderr


def test_code_jsonl_to_a_file_with_a_default_date(tmp_path: Path) -> None:
    folder = _dictionaries(tmp_path)
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "x", "text": "The Numenor harbour master blockaded Umbar."}) + "\n",
        encoding="utf-8",
    )
    files = [str(p) for p in sorted(folder.iterdir())]
    args = ["petrarch", "code", "-o", "out.jsonl", "--date", "1998-06-01", "in.jsonl"]
    for f in files:
        args[2:2] = ["-d", f]
    done = whimbrel(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert row["date"] == "1998-06-01"
    assert row["events"] == [{"source": "NUMGOV", "target": "UMBOLD", "code": "191"}]


def test_bad_usage_is_one_line_and_a_nonzero_exit(tmp_path: Path) -> None:
    folder = _dictionaries(tmp_path)
    (tmp_path / "in.txt").write_text("Numenor blockaded Umbar.\n", encoding="utf-8")
    bad = whimbrel("petrarch", "code", "-d", str(folder), "--variant", "loose", "in.txt", cwd=tmp_path)
    assert bad.returncode == 2 and "unknown variant" in bad.stderr
    missing = whimbrel("petrarch", "code", "-d", str(folder), "nope.jsonl", cwd=tmp_path)
    assert missing.returncode == 1 and "nope.jsonl" in missing.stderr


def test_a_record_that_fails_is_one_line_and_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # in-process, so that one stage can be made to break on one record
    from whimbrel.cli.petrarch import code_command
    from whimbrel.stages.coding import Coding

    real = Coding.process

    def process(self: Coding, doc: Document) -> Document:
        if "harbour" in doc.text:
            raise RuntimeError("a stage broke")
        return real(self, doc)

    monkeypatch.setattr(Coding, "process", process)
    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(tmp_path / ".cache"))
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "x", "text": "The Numenor harbour master blockaded Umbar."})
        + "\n"
        + json.dumps({"id": "y", "text": "Numenor blockaded Umbar."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    with pytest.raises(typer.Exit) as exit_:
        code_command([tmp_path / "in.jsonl"], [_dictionaries(tmp_path)], date="2010-01-01", output=out)
    assert exit_.value.exit_code == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["events"]) for r in rows] == [
        ("x", []),
        ("y", [{"source": "NUM", "target": "UMB", "code": "191"}]),
    ]
    stderr = capsys.readouterr().err
    assert "petrarch:x: internal error in stage coding: RuntimeError: a stage broke" in stderr
    assert "2 record(s), 1 event(s)" in stderr
