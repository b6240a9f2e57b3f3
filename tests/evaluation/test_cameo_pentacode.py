"""The cameo-pentacode harness: reading both files, rebuilding sentences, span scoring, a short run."""

from __future__ import annotations

import csv
from collections import Counter
from typing import Any

import pytest
from tests.conftest import SHARED, need_shared

from whimbrel.evaluation import cameo_pentacode as cp
from whimbrel.evaluation.product import ProductCoder

DATA = SHARED / "data"
FOLDER = DATA / cp.FOLDER
LIMIT = 30


@pytest.fixture(scope="module")
def coder(resources: Any) -> ProductCoder:
    return ProductCoder(resources=resources)


def test_detokenise_keeps_token_offsets() -> None:
    tokens = ["The", "EU", "’", "s", "chief", "(", "AFP", ")", "said", "Syria", "-", "related", "$", "5", "."]
    text, offsets = cp.detokenise(tokens)
    assert text == "The EU’s chief (AFP) said Syria-related $5."
    assert [text[s:e] for s, e in offsets] == tokens


def test_bio_spans() -> None:
    tags = ["B-S", "I-S", "O", "B-T", "B-T", "I-T", "I-S", "B-R"]
    assert cp.bio_spans(tags) == [("S", 0, 2), ("T", 3, 4), ("T", 4, 6), ("S", 6, 7), ("R", 7, 8)]


def test_load_classes_matches_the_file() -> None:
    path = need_shared(FOLDER / cp.CLASS_FILE)
    with path.open(encoding="utf-8", newline="") as fh:
        labels = Counter(int(row[1]) for row in csv.reader(fh, delimiter="\t") if row)
    items = cp.load_classes(DATA)
    assert len(items) == 1349
    assert Counter(i.label for i in items) == labels == {0: 240, 1: 248, 2: 303, 3: 337, 4: 221}
    assert len(cp.load_classes(DATA, limit=5)) == 5


def test_load_ner_rebuilds_every_sentence() -> None:
    path = need_shared(FOLDER / cp.NER_FILE)
    b_tags = Counter(
        line.split()[-1][2:]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.split() and line.split()[-1].startswith("B-")
    )
    sentences = cp.load_ner(DATA)
    assert len(sentences) == 1153
    spans = Counter(kind for s in sentences for kind, _, _ in cp.bio_spans(s.tags))
    assert spans["S"] >= b_tags["S"] and spans["T"] >= b_tags["T"] and spans["R"] >= b_tags["R"]
    for s in sentences:
        assert [s.text[a:b] for a, b in s.offsets] == list(s.tokens)
    assert len(cp.load_ner(DATA, limit=4)) == 4


def test_no_event_is_a_statement() -> None:
    assert cp.predicted_class([]) == 0
    record = {"cameo": "190", "confidence": 0.4}
    assert cp.predicted_class([record, {"cameo": "036", "confidence": 0.9}]) == 1


@pytest.mark.parametrize(
    ("cameo", "label"),
    [("010", 0), ("020", 0), ("036", 1), ("061", 2), ("112", 3), ("163", 3), ("145", 4), ("190", 4)],
)
def test_pentaclass_by_cameo_root(cameo: str, label: int) -> None:
    assert cp.pentaclass(cameo) == label


def test_splits_partition_both_files() -> None:
    need_shared(FOLDER / cp.CLASS_FILE)
    every = cp.load_classes(DATA)
    dev, test = cp.load_classes(DATA, split="dev"), cp.load_classes(DATA, split="test")
    assert len(dev) + len(test) == len(every) and dev and test
    assert not {c.text for c in dev} & {c.text for c in test}
    ner_dev, ner_test = cp.load_ner(DATA, split="dev"), cp.load_ner(DATA, split="test")
    assert len(ner_dev) + len(ner_test) == len(cp.load_ner(DATA))


def test_short_run_report(coder: ProductCoder) -> None:
    need_shared(FOLDER / cp.CLASS_FILE)
    need_shared(FOLDER / cp.NER_FILE)
    report = cp.evaluate(DATA, limit=LIMIT, split="all", coder=coder)
    gold = cp.load_classes(DATA, limit=LIMIT)
    ner = cp.load_ner(DATA, limit=LIMIT)
    assert report.dataset == "cameo-pentacode" and report.notes
    penta, exact, tokens = report.tasks
    assert penta.n == LIMIT and [c.label for c in penta.classes] == sorted(cp.CLASSES.values())
    assert sum(sum(row.values()) for row in penta.confusion.values()) == LIMIT
    assert {g: sum(row.values()) for g, row in penta.confusion.items()} == Counter(
        cp.CLASSES[i.label] for i in gold
    )
    for role, task_class in zip(cp.ROLES, exact.classes, strict=True):
        assert task_class.label == role
        assert task_class.support == sum(len(s.spans(role)) for s in ner)
    for role, task_class in zip(cp.ROLES, tokens.classes, strict=True):
        assert task_class.support == sum(len({i for a, b in s.spans(role) for i in range(a, b)}) for s in ner)
    for task in report.tasks:
        values = [v for c in task.classes for v in (c.precision, c.recall, c.f1)]
        values += [task.macro_f1, task.micro.f1, *task.extra.values()]
        assert all(0.0 <= v <= 1.0 for v in values), task.name
