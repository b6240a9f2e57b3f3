"""whimbrel bench: the report's structure on a tiny corpus (no timing is asserted)."""

from __future__ import annotations

from whimbrel.bench import report, run_benchmark
from whimbrel.stages.ingest import document_from_text

_TEXTS = (
    "Rebels attacked a police station in Kirkuk on Monday.\n\n"
    "The government condemned the attack and arrested three suspects.",
    "Protesters marched in Nairobi.\n\nPolice fired tear gas at the crowd.",
)


def test_bench_reports_every_side_on_the_same_text() -> None:
    docs = [document_from_text(text, origin=f"bench-test-{i}") for i, text in enumerate(_TEXTS)]
    result = run_benchmark(docs, rounds=2)
    assert result.documents == 2
    assert result.sentences == 4  # two sentences in each document, the warm-up pass stores nothing
    assert result.words == result.pipeline.words and result.words > 20
    after = {"actors", "places", "dates", "quantities", "coding", "relations"}
    assert set(result.after_seconds) == after
    assert set(result.first_after_seconds) == after
    assert result.coding_rate > 0 and result.first_coding_rate > 0 and result.ratio > 0
    text = report(result)
    assert result.ingest_seconds > 0 and result.ingest_share > 0
    for line in (
        "bare spaCy:",
        "full pipeline:",
        "ratio pipeline/spaCy:",
        "first pass (lookup tables cold)",
        "of the full pipeline's time",
    ):
        assert line in text
