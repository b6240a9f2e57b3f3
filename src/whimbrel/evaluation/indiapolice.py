"""IndiaPoliceEvents (``indiapolice``): what police did, per sentence, in Gujarat 2002 news.

``indiapoliceevents/sents.jsonl``: ``{"doc_id", "sent_id", "sent_labels", "sent_text"}`` with labels
KILL, ARREST, FAIL, FORCE and ANY_ACTION (did police kill, arrest, fail to intervene, use force, do
anything); ``docs.jsonl`` has each document's labels. Texts are lower-cased and carry mojibake.

Each sentence is coded alone through ``whimbrel run`` + ``export``, published on its document's date
(``metadata.jsonl``), and its labels are read from the exported records:

- ANY_ACTION: a record with a police actor (sector COP);
- FORCE: such a record of ASSAULT;
- KILL: such a record of ASSAULT with a death toll above zero;
- ARREST: such a record of COERCE with mode ``arrest``, or with an arrested count above zero.

FAIL ("did police fail to intervene?") has no field in the record, so it is not scored. A document-level
task ORs the sentences' labels and compares them with the document labels. Documents are split into dev
and test by their ``doc_id``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whimbrel.config import Settings
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import splits
from whimbrel.evaluation.metrics import Report, score_multi
from whimbrel.evaluation.product import GoldText, ProductCoder, Record

NAME = "indiapolice"
FOLDER = Path("indiapoliceevents")
SENTS = "sents.jsonl"
DOCS = "docs.jsonl"
METADATA = "metadata.jsonl"
LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")
# The labels a record can answer (FAIL, a failure to act, has no field).
SCORED = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
POLICE = "COP"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document, with its labels."""

    doc_id: str
    sent_id: int
    text: str
    labels: frozenset[str]


def folder(data_dir: Path) -> Path:
    """The data set's folder under ``data_dir`` (or ``data_dir`` itself when it holds the files)."""
    base = Path(data_dir)
    path = base / FOLDER if (base / FOLDER).is_dir() else base
    if not (path / SENTS).is_file():
        raise EvaluationError(f"{path / SENTS} not found: the indiapolice gold file is missing")
    return path


def _records(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read: {exc}") from None
    out: list[tuple[int, dict[str, Any]]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise EvaluationError(f"{path}:{lineno}: not JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise EvaluationError(f"{path}:{lineno}: expected a JSON object")
        out.append((lineno, obj))
    return out


def _labels(value: object, where: str) -> frozenset[str]:
    if not isinstance(value, list) or any(v not in LABELS for v in value):
        raise EvaluationError(f"{where}: labels must be a list of {', '.join(LABELS)}")
    return frozenset(str(v) for v in value)


def load(data_dir: Path, *, limit: int | None = None, split: splits.SplitChoice = "all") -> list[Sentence]:
    """The sentences of ``split`` (by document id), in file order; with ``limit``, whole documents until
    ``limit`` sentences."""
    path = folder(data_dir) / SENTS
    sentences: list[Sentence] = []
    for lineno, obj in _records(path):
        where = f"{path}:{lineno}"
        try:
            doc_id, sent_id, text = str(obj["doc_id"]), int(obj["sent_id"]), str(obj["sent_text"])
        except (KeyError, TypeError, ValueError):
            raise EvaluationError(f"{where}: expected doc_id, sent_id and sent_text") from None
        if not splits.in_split(doc_id, split):
            continue
        if limit is not None and len(sentences) >= limit and doc_id != sentences[-1].doc_id:
            break
        sentences.append(Sentence(doc_id, sent_id, text, _labels(obj.get("sent_labels"), where)))
    if not sentences:
        raise EvaluationError(f"{path}: no sentences")
    return sentences


def load_doc_labels(data_dir: Path) -> dict[str, frozenset[str]]:
    """Document id -> the document's labels (empty when ``docs.jsonl`` is absent)."""
    path = folder(data_dir) / DOCS
    if not path.is_file():
        return {}
    out: dict[str, frozenset[str]] = {}
    for lineno, obj in _records(path):
        if "doc_id" not in obj:
            raise EvaluationError(f"{path}:{lineno}: no doc_id")
        out[str(obj["doc_id"])] = _labels(obj.get("doc_labels"), f"{path}:{lineno}")
    return out


def load_dates(data_dir: Path) -> dict[str, dt.date]:
    """Document id -> its publication date (empty when ``metadata.jsonl`` is absent)."""
    path = folder(data_dir) / METADATA
    if not path.is_file():
        return {}
    out: dict[str, dt.date] = {}
    for lineno, obj in _records(path):
        try:
            out[str(obj["doc_id"])] = dt.date.fromisoformat(str(obj["date"]))
        except (KeyError, ValueError):
            raise EvaluationError(f"{path}:{lineno}: expected doc_id and an ISO date") from None
    return out


def record_labels(records: Sequence[Record]) -> set[str]:
    """The police labels the exported records of one sentence give."""
    labels: set[str] = set()
    for record in records:
        if not any(a.get("sector") == POLICE for a in record["actor"]):
            continue
        labels.add("ANY_ACTION")
        size = record.get("size") or {}
        if record["event"] == "ASSAULT":
            labels.add("FORCE")
            if (size.get("dead") or 0) > 0:
                labels.add("KILL")
        if record["event"] == "COERCE" and ("arrest" in record["mode"] or (size.get("arrested") or 0) > 0):
            labels.add("ARREST")
    return labels


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    split: splits.SplitChoice = splits.DEFAULT,
    coder: ProductCoder | None = None,
    settings: Settings | None = None,
) -> Report:
    """Code the sentences of ``split`` (the first ``limit``, whole documents) and score their labels."""
    sentences = load(data_dir, limit=limit, split=split)
    dates = load_dates(data_dir)
    coded = (coder or ProductCoder(settings)).code([GoldText(s.text, dates.get(s.doc_id)) for s in sentences])
    preds = [record_labels(records) for records in coded]
    gold = [set(s.labels) for s in sentences]
    tasks = [score_multi(gold, preds, name="sentence labels, from exported records", labels=SCORED)]
    doc_gold = load_doc_labels(data_dir)
    by_doc: dict[str, set[str]] = {}
    for s, p in zip(sentences, preds, strict=True):
        by_doc.setdefault(s.doc_id, set()).update(p)
    scored = [d for d in by_doc if d in doc_gold]
    if scored:
        tasks.append(
            score_multi(
                [set(doc_gold[d]) for d in scored],
                [by_doc[d] for d in scored],
                name="document labels (any sentence)",
                labels=SCORED,
            )
        )
    n_docs = len(set(s.doc_id for s in sentences))
    return Report(
        NAME,
        "IndiaPoliceEvents: police KILL, ARREST, FORCE, ANY_ACTION per sentence, from exported records",
        tasks,
        [
            f"{len(sentences)} sentences of {n_docs} documents ({FOLDER / SENTS}), each coded alone and "
            "published on its document's date; labels read from the records: ANY_ACTION a record with a "
            "police (COP) actor, FORCE such an ASSAULT, KILL such an ASSAULT with dead > 0, ARREST such a "
            "COERCE with mode arrest or arrested > 0",
            "FAIL (police failed to intervene) has no record field and is not scored; macro-F1 is over "
            "the four scored labels",
        ],
    )
