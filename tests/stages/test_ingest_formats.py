"""Ingest of every input kind: HTML, PDF, feeds, tables, archives, fetched pages, languages."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.inputs import ARABIC, ATOM, NEWS_PAGE, RSS, SIDEBAR_HEADLINES, SPANISH, make_pdf, zip_declaring

from whimbrel.model import Document
from whimbrel.stages.ingest import IngestOptions, read_inputs
from whimbrel.stages.ingest.fetched import envelope
from whimbrel.stages.ingest.metadata import parse_published

OPTS = IngestOptions()
ENGLISH = (
    "Soldiers reopened the main road to the airport on Sunday after a week of clashes with armed "
    "groups, the defence ministry said in a statement."
)


def run(*paths: str | Path, options: IngestOptions = OPTS) -> list[Document]:
    return list(read_inputs([str(p) for p in paths], options))


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# ---------------------------------------------------------------- HTML


def test_news_page_gives_the_article_only_with_its_metadata(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path / "page.html", NEWS_PAGE))
    assert doc.status == "pending", doc.reason
    assert "shelled the river port of Marenvale" in doc.text
    assert "hundreds of families had left the district" in doc.text
    for leftover in (*SIDEBAR_HEADLINES, "Home", "Privacy", "dataLayer", "border: 1px"):
        assert leftover not in doc.text, leftover
    assert doc.title == "Rebels shell river port, officials say"
    assert doc.published == dt.date(2024, 3, 2)
    assert doc.source == "The Coastal Ledger"
    assert doc.url == "https://ledger.example/world/2024/03/02/river-port-shelling"


def test_html_is_sniffed_whatever_its_name(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path / "saved_page.txt", NEWS_PAGE))
    assert doc.status == "pending" and "<p>" not in doc.text and "Marenvale" in doc.text
    [numbered] = run(write(tmp_path / "d" / "0007", NEWS_PAGE))
    assert numbered.title == doc.title


def test_html_without_main_text_is_skipped(tmp_path: Path) -> None:
    page = "<html><head><script>var x = 1;</script></head><body><img src='a.png'></body></html>"
    path = write(tmp_path / "empty.html", page)
    [doc] = run(path)
    assert doc.status == "skipped" and doc.reason == "no main text found in the HTML page"


# ---------------------------------------------------------------- PDF


def test_pdf_pages_are_joined_with_their_metadata(tmp_path: Path) -> None:
    pdf = make_pdf(
        ["Militia fighters attacked a convoy near the dam.", "The convoy was carrying food aid."],
        title="Quarterly security brief",
        created="D:20240115093000Z",
    )
    [doc] = run(write(tmp_path / "brief.pdf", pdf))
    assert doc.status == "pending", doc.reason
    first, second = doc.text.split("\n\n")
    assert first == "Militia fighters attacked a convoy near the dam."
    assert second == "The convoy was carrying food aid."
    assert doc.title == "Quarterly security brief"
    assert doc.published == dt.date(2024, 1, 15)


def test_scanned_pdf_is_skipped_with_that_reason(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path / "scan.pdf", make_pdf(["", ""])))
    assert doc.status == "skipped"
    assert doc.reason is not None and "no text layer in 2 pages" in doc.reason


def test_damaged_pdf_fails_with_a_reason(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path / "bad.pdf", b"%PDF-1.4\nthis is not a pdf body at all\n"))
    assert doc.status in {"failed", "skipped"} and doc.reason is not None and "\n" not in doc.reason


# ---------------------------------------------------------------- feeds


def test_rss_gives_one_document_per_item(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    first, second = run(path)
    assert first.origin == f"{path}#1" and second.origin == f"{path}#2"
    assert first.title == "Border guards detain smugglers"
    assert first.text.startswith("Border guards detain smugglers\n\nBorder guards detained six men")
    assert "\n\nThe men were taken to the district jail." in first.text
    assert "<p>" not in first.text
    assert first.url == "https://wire.example/a/1" and first.source == "Frontier Wire"
    assert (first.published, second.published) == (dt.date(2024, 3, 5), dt.date(2024, 3, 6))


def test_atom_feed_named_xml(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path / "delta.xml", ATOM))
    assert doc.title == "Farmers march on the ministry"
    assert doc.url == "https://delta.example/news/farmers" and doc.published == dt.date(2024, 3, 28)
    assert "demand higher prices for wheat" in doc.text


# ---------------------------------------------------------------- tables


def test_a_thousand_csv_rows_are_a_thousand_documents(tmp_path: Path) -> None:
    lines = ["article_id,headline,published,link,body"]
    for i in range(1000):
        lines.append(
            f'a{i},Report {i},2024-02-{1 + i % 28:02d},https://n.example/{i},"Crowd {i}, said police."'
        )
    docs = run(write(tmp_path / "corpus.csv", "\n".join(lines) + "\n"))
    assert len(docs) == 1000 and all(d.status == "pending" for d in docs)
    assert len({d.id for d in docs}) == 1000
    d = docs[41]
    assert (d.id, d.title, d.text, d.url) == (
        "a41",
        "Report 41",
        "Crowd 41, said police.",
        "https://n.example/41",
    )
    assert d.published == dt.date(2024, 2, 14) and d.origin.endswith("corpus.csv:42")


def test_tsv_with_named_columns_and_bad_rows(tmp_path: Path) -> None:
    rows = "story\twhen\tkey\nFirst story.\t2024-01-02\tk1\n\t2024-01-03\tk2\nThird.\tyesterday\tk3\n"
    options = IngestOptions(text_col="story", date_col="when", id_col="key")
    first, empty, bad_date = run(write(tmp_path / "t.tsv", rows), options=options)
    assert (first.id, first.published, first.text) == ("k1", dt.date(2024, 1, 2), "First story.")
    assert empty.status == "skipped" and empty.reason == "empty text"
    assert bad_date.status == "failed" and "column 'when'" in (bad_date.reason or "")


def test_table_without_a_text_column_names_its_columns(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path / "x.csv", "alpha,beta\n1,2\n"))
    assert doc.status == "failed" and "no text column (have: 'alpha', 'beta')" in (doc.reason or "")
    [doc] = run(write(tmp_path / "y.csv", "text\nA row.\n"), options=IngestOptions(text_col="body"))
    assert "no column 'body' for --text-col" in (doc.reason or "")


def test_parquet_rows(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": [1, 2],
            "text": ["Talks resumed in the capital.", "Troops withdrew from the pass."],
            "date": [dt.datetime(2024, 5, 1, 12), dt.datetime(2024, 5, 2, 8)],
            "title": ["Talks", None],
        }
    )
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path)
    first, second = run(path)
    assert (first.id, first.published, first.title) == ("1", dt.date(2024, 5, 1), "Talks")
    assert (second.id, second.title, second.text) == ("2", None, "Troops withdrew from the pass.")


# ---------------------------------------------------------------- archives


def test_zip_tar_gz_and_gz_members_are_read_by_their_format(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes/a.txt", ENGLISH)
        archive.writestr("page.html", NEWS_PAGE)
        archive.writestr("__MACOSX/._page.html", b"\x00\x05")
    zipped = run(write(tmp_path / "bundle.zip", buf.getvalue()))
    assert [d.origin.split("!")[1] for d in zipped] == ["notes/a.txt", "page.html"]
    assert zipped[1].title == "Rebels shell river port, officials say"
    tar_path = tmp_path / "bundle.tar.gz"
    with tarfile.open(tar_path, "w:gz") as archive:
        for name, text in (("x/one.txt", ENGLISH), ("x/rows.jsonl", '{"id": "j1", "text": "Row text."}\n')):
            info = tarfile.TarInfo(name)
            info.size = len(text.encode())
            archive.addfile(info, io.BytesIO(text.encode()))
    tarred = run(tar_path)
    assert [d.origin for d in tarred] == [f"{tar_path}!x/one.txt", f"{tar_path}!x/rows.jsonl:1"]
    assert tarred[1].id == "j1"
    [gz] = run(write(tmp_path / "story.txt.gz", gzip.compress(ENGLISH.encode())))
    assert gz.status == "pending" and gz.text == ENGLISH


def test_archive_bomb_is_refused_with_a_reason(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\x00" * 5_000_000)
    [doc] = run(write(tmp_path / "bomb.zip", buf.getvalue()))
    assert doc.status == "skipped"
    assert doc.reason is not None and "archive refused: zeros.txt expands" in doc.reason
    assert "decompression bomb" in doc.reason


def test_gigabyte_declared_size_is_refused_before_reading(tmp_path: Path) -> None:
    data = zip_declaring("huge.txt", ENGLISH.encode(), 1_000_000_000)
    [doc] = run(write(tmp_path / "huge.zip", data))
    assert doc.status == "skipped"
    assert doc.reason == "archive refused: declared expanded size 1.0 GB > limit 200.0 MB"


def test_member_count_and_gzip_expansion_caps(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for i in range(5):
            archive.writestr(f"m{i}.txt", ENGLISH)
    [doc] = run(write(tmp_path / "many.zip", buf.getvalue()), options=IngestOptions(max_archive_members=4))
    assert doc.reason == "archive refused: 5 members > limit 4"
    [gz] = run(
        write(tmp_path / "big.txt.gz", gzip.compress(b"a" * 5000)),
        options=IngestOptions(max_archive_bytes=1000),
    )
    assert gz.status == "skipped" and "more than the 1.0 kB limit" in (gz.reason or "")


# ---------------------------------------------------------------- fetched pages, dates


def test_fetched_page_is_read_offline_with_its_url(tmp_path: Path) -> None:
    record = envelope(
        url="http://short.example/x",
        final_url="https://ledger.example/story",
        fetched_at="2024-03-03T10:00:00Z",
        status=200,
        content_type="text/html",
        body=NEWS_PAGE.encode(),
        charset="utf-8",
    )
    [doc] = run(write(tmp_path / "page.fetch.json", json.dumps(record)))
    assert doc.status == "pending" and "Marenvale" in doc.text
    assert doc.url == "https://ledger.example/world/2024/03/02/river-port-shelling"  # the page's canonical


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-03-02", dt.date(2024, 3, 2)),
        ("2024-03-02T23:10:00Z", dt.date(2024, 3, 2)),
        ("Sat, 02 Mar 2024 07:45:00 GMT", dt.date(2024, 3, 2)),
        ("2 March 2024", dt.date(2024, 3, 2)),
        ("March 2, 2024", dt.date(2024, 3, 2)),
    ],
)
def test_metadata_dates(value: str, day: dt.date) -> None:
    assert parse_published(value) == day


def test_ambiguous_numeric_date_is_refused() -> None:
    with pytest.raises(ValueError, match="03/02/2024"):
        parse_published("03/02/2024")


# ---------------------------------------------------------------- languages


def test_spanish_and_arabic_are_skipped_with_the_language_named(tmp_path: Path) -> None:
    es, ar, en = run(
        write(tmp_path / "es.txt", SPANISH),
        write(tmp_path / "ar.txt", ARABIC),
        write(tmp_path / "en.txt", ENGLISH),
    )
    assert es.status == "skipped" and es.language == "es"
    assert es.reason is not None and es.reason.startswith("not English: language es (Spanish")
    assert ar.status == "skipped" and ar.language == "ar" and "(Arabic" in (ar.reason or "")
    assert en.status == "pending" and en.language == "en"
    [kept] = run(tmp_path / "es.txt", options=IngestOptions(languages=()))
    assert kept.status == "pending"
    [wanted] = run(tmp_path / "es.txt", options=IngestOptions(languages=("en", "es")))
    assert wanted.status == "pending" and wanted.language == "es"


def test_short_english_read_as_pidgin_is_still_coded(tmp_path: Path) -> None:
    # The detector's first guess for this is Nigerian Pidgin, but English keeps a real probability.
    text = "Cameroonian police arrested Nigerian traders at the Ekok market."
    [doc] = run(write(tmp_path / "n.txt", text))
    assert doc.status == "pending" and doc.text == text


def test_short_text_keeps_the_default_language(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path / "s.txt", "Hola."))
    assert doc.status == "pending" and doc.language == "en"


# ---------------------------------------------------------------- directories


def test_glob_and_store_files_in_a_walk(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ENGLISH)
    write(tmp_path / "sub" / "b.html", NEWS_PAGE)
    write(tmp_path / "sub" / "c.txt", ENGLISH + " Again.")
    write(tmp_path / "whimbrel.duckdb", b"\x00" * 8 + b"DUCK" + b"\x00" * 100)
    write(tmp_path / "whimbrel.duckdb.wal", b"\x00" * 10)
    names = [Path(d.origin).name for d in run(tmp_path)]
    assert names == ["a.txt", "b.html", "c.txt"]
    only = run(tmp_path, options=IngestOptions(glob="*.txt"))
    assert [Path(d.origin).name for d in only] == ["a.txt", "c.txt"]
    nested = run(tmp_path, options=IngestOptions(glob="sub/*"))
    assert [Path(d.origin).name for d in nested] == ["b.html", "c.txt"]
    [empty] = run(tmp_path, options=IngestOptions(glob="*.pdf"))
    assert empty.status == "skipped" and "no input files matching '*.pdf'" in (empty.reason or "")


def test_excluded_file_and_content_sniffed_in_unlisted_extension(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ENGLISH)
    write(tmp_path / "report.bin", make_pdf(["Rebels seized the depot at dawn."]))
    write(tmp_path / "mine.db", b"anything")
    options = IngestOptions(exclude=(str((tmp_path / "mine.db").resolve()),))
    docs = run(tmp_path, options=options)
    assert [Path(d.origin).name for d in docs] == ["a.txt", "report.bin"]
    assert docs[1].text == "Rebels seized the depot at dawn."
