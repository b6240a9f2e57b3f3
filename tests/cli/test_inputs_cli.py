"""`whimbrel run` over a directory holding one file of every input kind, as an analyst's folder."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from tests.conftest import whimbrel
from tests.inputs import ARABIC, ATOM, NEWS_PAGE, RSS, SIDEBAR_HEADLINES, SPANISH, make_pdf

from whimbrel.stages.ingest.fetched import envelope

STORY = "Police arrested 40 protesters in Nairobi on Monday, a police spokesman said.\n"


def _folder(root: Path) -> dict[str, int]:
    """Write one file of each kind; return each file's name with how many documents it holds."""
    root.mkdir()
    (root / "plain.txt").write_text(STORY, encoding="utf-8")
    (root / "notes.md").write_text("# Notes\n\nRebels attacked an army post in Kidal on Tuesday.\n", "utf-8")
    (root / "page.html").write_text(NEWS_PAGE, encoding="utf-8")
    (root / "brief.pdf").write_bytes(make_pdf(["Gunmen killed three villagers near Maiduguri on Friday."]))
    (root / "wire.rss").write_text(RSS, encoding="utf-8")
    (root / "delta.atom").write_text(ATOM, encoding="utf-8")
    (root / "rows.csv").write_text(
        "id,title,date,text\nc1,Strike,2024-01-04,Dock workers went on strike in Mombasa on Thursday.\n"
        "c2,Talks,2024-01-05,The two ministers met in Accra to discuss the border dispute.\n",
        encoding="utf-8",
    )
    (root / "rows.tsv").write_text(
        "text\tdate\nTroops shelled rebel positions near Goma.\t2024-02-01\n", "utf-8"
    )
    pq.write_table(
        pa.table({"text": ["Protesters marched through Dakar against the new law."], "date": ["2024-02-09"]}),
        root / "rows.parquet",
    )
    (root / "rows.jsonl").write_text(
        json.dumps(
            {"id": "j1", "text": "Soldiers detained a journalist in Bamako.", "published": "2024-02-11"}
        )
        + "\n",
        encoding="utf-8",
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inner.txt", "Militants attacked a police station in Peshawar on Sunday.\n")
    (root / "bundle.zip").write_bytes(buf.getvalue())
    data = b"Demonstrators clashed with police in Tunis on Wednesday.\n"
    with tarfile.open(root / "bundle.tar.gz", "w:gz") as archive:
        info = tarfile.TarInfo("inner/story.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (root / "single.txt.gz").write_bytes(gzip.compress(b"Rebels seized the town of Bunia on Saturday.\n"))
    fetched = envelope(
        url="https://ledger.example/x",
        final_url="https://ledger.example/x",
        fetched_at="2024-03-03T10:00:00Z",
        status=200,
        content_type="text/html; charset=utf-8",
        body=NEWS_PAGE.replace("Marenvale", "Port Sellin").encode(),
        charset="utf-8",
    )
    (root / "fetched.json").write_text(json.dumps(fetched), encoding="utf-8")
    (root / "es.txt").write_text(SPANISH, encoding="utf-8")
    (root / "ar.txt").write_text(ARABIC, encoding="utf-8")
    return {
        "plain.txt": 1, "notes.md": 1, "page.html": 1, "brief.pdf": 1, "wire.rss": 2, "delta.atom": 1,
        "rows.csv": 2, "rows.tsv": 1, "rows.parquet": 1, "rows.jsonl": 1, "bundle.zip": 1,
        "bundle.tar.gz": 1, "single.txt.gz": 1, "fetched.json": 1,
    }  # fmt: skip


def test_every_input_kind_is_coded_and_other_languages_skipped(tmp_path: Path) -> None:
    expected = _folder(tmp_path / "corpus")
    done = whimbrel("run", "corpus", "--published", "2024-03-15", "--db", "w.duckdb", cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1, done.stderr  # the Spanish and Arabic files are reported as skipped
    assert "2 in other languages: ar 1, es 1" in done.stderr, done.stderr
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        docs = con.execute(
            "SELECT id, origin, status, reason, language, title, text FROM documents"
        ).fetchall()
        page_events = con.execute(
            "SELECT e.record ->> 'text' FROM events e JOIN documents d ON d.id = e.doc_id "
            "WHERE d.origin LIKE '%page.html'"
        ).fetchall()
    by_file: dict[str, list[tuple[str, ...]]] = {}
    for row in docs:
        name = Path(str(row[1]).split("!")[0].split("#")[0]).name.split(":")[0]
        by_file.setdefault(name, []).append(row)
    for name, count in expected.items():
        rows = by_file.get(name, [])
        assert len(rows) == count, (name, rows)
        assert all(r[2] == "coded" for r in rows), (name, rows)
    for name, lang, language in (("es.txt", "es", "Spanish"), ("ar.txt", "ar", "Arabic")):
        [row] = by_file[name]
        assert row[2] == "skipped" and row[4] == lang
        assert f"not English: language {lang} ({language}" in row[3]
        assert sum(name in line and language in line for line in done.stderr.splitlines()) == 1
    [page] = by_file["page.html"]
    assert page[5] == "Rebels shell river port, officials say"
    assert page_events, "the article's shelling gives an event"
    article = str(page[6])
    for (sentence,) in page_events:
        assert sentence in article
        assert not any(headline in sentence for headline in SIDEBAR_HEADLINES)


def test_run_dot_never_reads_its_own_store(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    first = whimbrel("run", ".", "--db", "w.duckdb", "--published", "2024-03-15", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = whimbrel("run", ".", "--db", "w.duckdb", "--published", "2024-03-15", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "duckdb" not in again.stderr.replace("w.duckdb\n", "").replace("→ w.duckdb", "")
    assert "1 unchanged" in again.stderr
