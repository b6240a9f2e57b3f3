"""SATP attack types (``satp``): ConfliBERT's ``satp_relevant`` development file, multi-label.

``satp_relevant/dev.tsv``: ``text<TAB>l1<TAB>l2<TAB>l3<TAB>l4`` with no header; the flags are, as far as
the rows show (the source does not document it), armed_assault, bombing_explosion, kidnapping and
other. The test split is held out, so the only visible rows are these 232.

Each report is coded through ``whimbrel run`` + ``export``, and its attack types are read from the modes
of its exported records: ``firearms`` is armed_assault, ``explosives`` and ``suicide-attack``
bombing_explosion, ``abduct`` kidnapping; a report none of whose records has one of these modes is
``other``. The file has no ids, so reports are split into dev and test by a hash of their text.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from whimbrel.config import Settings
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import splits
from whimbrel.evaluation.metrics import Report, score_multi
from whimbrel.evaluation.product import ProductCoder, Record

NAME = "satp"
FOLDER = Path("satp_relevant")
FILE = "dev.tsv"
LABELS = ("armed_assault", "bombing_explosion", "kidnapping", "other")
# A record's PLOVER mode -> the attack type it names.
MODE_LABELS: Mapping[str, str] = {
    "firearms": "armed_assault",
    "explosives": "bombing_explosion",
    "suicide-attack": "bombing_explosion",
    "abduct": "kidnapping",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One report and its attack types."""

    text: str
    labels: frozenset[str]


def data_file(data_dir: Path) -> Path:
    """The gold file under ``data_dir`` (the folder of every data set, or ``satp_relevant`` itself)."""
    base = Path(data_dir)
    path = base / FOLDER / FILE if (base / FOLDER).is_dir() else base / FILE
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the satp gold file is missing")
    return path


def load(data_dir: Path, *, limit: int | None = None, split: splits.SplitChoice = "all") -> list[Item]:
    """The file's reports of ``split`` (by their text) and label sets, the first ``limit`` when given."""
    path = data_file(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read: {exc}") from None
    items: list[Item] = []
    for lineno, row in enumerate(
        csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE), start=1
    ):
        if not row or not "".join(row).strip():
            continue
        flags = [c.strip() for c in row[1:]]
        if len(row) != 1 + len(LABELS) or any(f not in ("0", "1") for f in flags):
            raise EvaluationError(f"{path}:{lineno}: expected text and {len(LABELS)} 0/1 flags")
        labels = frozenset(lab for lab, f in zip(LABELS, flags, strict=True) if f == "1")
        if not splits.in_split(row[0].strip(), split):
            continue
        items.append(Item(row[0].strip(), labels))
        if limit is not None and len(items) >= limit:
            break
    if not items and split == "all":
        raise EvaluationError(f"{path}: no rows")
    return items


def record_labels(records: Sequence[Record]) -> set[str]:
    """The attack types the modes of a report's exported records name, ``other`` when none does."""
    labels = {MODE_LABELS[m] for record in records for m in record["mode"] if m in MODE_LABELS}
    return labels or {"other"}


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    split: splits.SplitChoice = splits.DEFAULT,
    coder: ProductCoder | None = None,
    settings: Settings | None = None,
) -> Report:
    """Code the reports of ``split`` (the first ``limit``) with ``run`` + ``export`` and score their modes."""
    items = load(data_dir, limit=limit, split=split)
    coded = (coder or ProductCoder(settings)).records([it.text for it in items])
    task = score_multi(
        [set(it.labels) for it in items],
        [record_labels(records) for records in coded],
        name="attack type, from exported modes",
        labels=LABELS,
    )
    return Report(
        NAME,
        "SATP attack types (armed assault, bombing, kidnapping, other) from the modes of exported events",
        [task],
        [
            f"{len(items)} reports of {FOLDER / FILE} (ConfliBERT's dev file; its test split is held out), "
            "each coded through run + export; modes "
            + ", ".join(f"{m}->{lab}" for m, lab in MODE_LABELS.items())
            + "; a report with none of them is other",
            "example_f1 is the mean per-report F1 of the label sets (ConfliBERT reports 0.89 on its "
            "held-out test split)",
            "the column order (armed_assault, bombing_explosion, kidnapping, other) is inferred "
            "from the rows, not documented",
        ],
    )
