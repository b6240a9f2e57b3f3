"""Passages: paragraph spans and exact duplicate detection, within and across documents."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from whimbrel.run_state import RunState
from whimbrel.stages.ingest import document_from_text
from whimbrel.stages.passages import Passages, normalise, spans

PARA = "Militants attacked a police station in Peshawar on Sunday, killing two policemen."


def test_blank_lines_separate_paragraphs_when_present() -> None:
    text = "First line\ncontinues here.\n\n  Second paragraph.  \n\n\n"
    assert [text[a:b] for a, b in spans(text)] == ["First line\ncontinues here.", "Second paragraph."]


def test_single_newlines_separate_paragraphs_otherwise() -> None:
    text = "One.\nTwo.\nThree.\n"
    assert [text[a:b] for a, b in spans(text)] == ["One.", "Two.", "Three."]


def test_repeated_passage_links_to_first_and_short_lines_do_not() -> None:
    text = f"{PARA}\n\nReuters\n\n{PARA.upper()}\n\nReuters"
    doc = Passages().process(document_from_text(text, origin="t", doc_id="d1"))
    links = [p.duplicate_of for p in doc.passages]
    assert links == [None, None, "d1:0", None]


def test_duplicates_across_documents_share_the_runs_ledger() -> None:
    run = RunState()
    stage = Passages()
    stage.process_run([document_from_text(PARA, origin="a", doc_id="a")], run)
    later = document_from_text(f"New text that is long enough to count here.\n{PARA}", origin="b")
    assert [p.duplicate_of for p in stage.process_run([later], run)[0].passages] == [None, "a:0"]
    assert [p.duplicate_of for p in stage.process(later).passages] == [None, None]  # on its own
    run.rollback()  # the first document was never stored: nothing links to it
    assert [p.duplicate_of for p in stage.process_run([later], run)[0].passages] == [None, None]


@given(st.lists(st.text(alphabet="ab \n.", min_size=0, max_size=30), max_size=6))
def test_spans_are_ordered_trimmed_and_never_empty(parts: list[str]) -> None:
    text = "\n".join(parts)
    found = list(spans(text))
    assert all(a < b for a, b in found)
    assert all(found[i][1] <= found[i + 1][0] for i in range(len(found) - 1))
    assert all(text[a:b] == text[a:b].strip() for a, b in found)


def test_normalise_ignores_case_and_spacing() -> None:
    assert normalise("The  Army\nattacked ") == normalise("the army attacked")
