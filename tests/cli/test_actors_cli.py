"""``whimbrel actors``: import PETRARCH dictionaries, list and show entries, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import whimbrel

from whimbrel.knowledge.actors import read_actor_file
from whimbrel.knowledge.lexicon import Lexicon

ACTORS = """<!-- a toy actor dictionary written for this test -->
NUMENOR [NUM]
+WESTERNESSE
UMBAR_HAVEN [UMB] # a comment
    [UMBMIL 19950101-19991231]
NOT_A_CODE [+++]
"""
AGENTS = "HARBOUR_MASTER [~GOV]\nSHIPWRIGHT_GUILD [NGO~]\n"
VERBS = """--- BLOCKADE [191] ---
BLOCKADE
- * PORT [192]
- SAID * [193]
--- SAID [010] ---
SAID
"""
DISCARDS = "+SAILING REGATTA\nHARBOUR FESTIVAL_\n"


@pytest.fixture()
def dictionaries(tmp_path: Path) -> list[str]:
    names = []
    for name, text in (
        ("toy.actors.txt", ACTORS),
        ("toy.agents.txt", AGENTS),
        ("toy.verbs.txt", VERBS),
        ("toy.discards.txt", DISCARDS),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        names.append(name)
    return names


@pytest.mark.slow
def test_import_writes_the_converted_files_and_reports(tmp_path: Path, dictionaries: list[str]) -> None:
    done = whimbrel("actors", "import", *dictionaries, "--format", "petrarch", "--out", "kb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    stdout = done.stdout
    assert "actor entries: 5" in stdout  # Numenor, Umbar Haven (before, in and after its dates), +++
    assert "agent entries: 2" in stdout
    assert "patterns exact: 1" in stdout and "patterns dropped: 1" in stdout
    assert "unsupported constructs:" in stdout
    assert "non-code marker" in stdout and "toy.actors.txt:6" in stdout  # file and line of the finding
    assert "verb code without PLOVER event" in stdout  # SAID [010]: a CAMEO 01 statement
    assert "actor_files" in done.stderr
    kb_dir = tmp_path / "kb"
    entries = {e.id: e for e in read_actor_file(kb_dir / "actors.jsonl")}
    assert entries["petrarch:numenor"].aliases == ("Numenor", "Westernesse")
    assert {e.code for e in entries.values() if e.name == "Umbar Haven"} == {"UMB", "UMBMIL"}
    assert entries["petrarch-agent:harbour-master"].sector == "GOV"
    lexicon = Lexicon.load(kb_dir)
    assert {s.cameo for s in lexicon.triggers("blockade", "VERB")} == {"191", "192"}
    report = json.loads((kb_dir / "import-report.json").read_text(encoding="utf-8"))
    assert report["counts"]["discards"] == 2
    assert (kb_dir / "discards.tsv").read_text(encoding="utf-8").count("\n") == 3


@pytest.mark.slow
def test_list_and_show_read_the_configured_actor_files(tmp_path: Path, dictionaries: list[str]) -> None:
    done = whimbrel("actors", "import", dictionaries[0], "--format", "petrarch", "--out", "kb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (tmp_path / "w.toml").write_text(
        '[stages.mentions]\nactor_files = ["kb/actors.jsonl"]\n', encoding="utf-8"
    )
    listed = whimbrel("actors", "list", "--search", "numenor", "--config", "w.toml", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "petrarch:numenor" in listed.stdout and "NUM" in listed.stdout
    shown = whimbrel("actors", "show", "petrarch:numenor", "--config", "w.toml", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["code"] == "NUM"
    missing = whimbrel("actors", "show", "petrarch:nowhere", "--config", "w.toml", cwd=tmp_path)
    assert missing.returncode == 2 and "no actor with id 'petrarch:nowhere'" in missing.stderr
    shipped = whimbrel("actors", "list", "--kind", "country", "--search", "Iraq", cwd=tmp_path)
    assert shipped.returncode == 0 and "iso:IRQ" in shipped.stdout


def test_bad_format_and_malformed_dictionary_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.actors.txt").write_text("GOOD [ABC]\n+SYNONYM [DEF]\n", encoding="utf-8")
    wrong = whimbrel("actors", "import", "bad.actors.txt", "--format", "tabari", cwd=tmp_path)
    assert wrong.returncode == 2 and "unknown format 'tabari'" in wrong.stderr
    bad = whimbrel("actors", "import", "bad.actors.txt", "--format", "petrarch", cwd=tmp_path)
    assert bad.returncode == 2
    assert "bad.actors.txt:2" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "whimbrel-knowledge").exists()
