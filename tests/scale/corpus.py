"""A generated corpus for the scale tests: short reports, some sharing a paragraph, one copied whole."""

from __future__ import annotations

import json
from pathlib import Path

_TOWNS = ("Korvane", "Belmouth", "Tessaly", "Drumlow", "Ostrava", "Keshet", "Varna", "Lindqvist")
_ACTS = (
    "Police arrested {n} protesters in {town} on {day}, a city official said.",
    "Rebel fighters attacked an army checkpoint near {town} on {day}, killing {n} soldiers.",
    "The president of Maravia met the foreign minister of Calderon in {town} on {day}.",
    "Soldiers fired tear gas at {n} demonstrators who blocked the main road into {town}.",
    "The government of Maravia accused Calderon of sending troops across the border near {town}.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A paragraph several outlets repeat word for word, so later copies link to the first one.
_SHARED = "Aid agencies said the fighting around {town} had forced hundreds of families from their homes."


def report(i: int) -> dict[str, str]:
    """Report ``i`` of the corpus: a dated JSONL row with two or three paragraphs."""
    town = _TOWNS[i % len(_TOWNS)]
    day = _DAYS[i % len(_DAYS)]
    first = _ACTS[i % len(_ACTS)].format(n=3 + i % 11, town=town, day=day)
    second = _ACTS[(i * 3 + 1) % len(_ACTS)].format(n=2 + i % 5, town=_TOWNS[(i + 3) % len(_TOWNS)], day=day)
    paragraphs = [first, second]
    if i % 4 == 0:
        paragraphs.append(_SHARED.format(town=_TOWNS[(i // 4) % 3]))
    return {
        "id": f"report-{i:05d}",
        "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "title": f"Report {i} from {town}",
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(path: Path, n: int) -> Path:
    """Write ``n`` reports to ``path`` as JSONL; the last one repeats the first one's text under a new id."""
    rows = [report(i) for i in range(n - 1)]
    rows.append({**rows[0], "id": f"report-{n - 1:05d}-copy"})
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    return path
