"""The ConfliBERT CAMEO task (``cameo-pentacode``): pentaclass and source/target spans.

The visible files are ConfliBERT's training split (its test split is held out); whimbrel splits them again
into dev and test by a hash of each sentence's text (the files have no ids).

- ``cameo_class_train.tsv``: ``sentence<TAB>label``, the CAMEO pentaclass (0 make a statement,
  1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict). whimbrel's
  predicted class is the pentaclass of the highest-confidence event's CAMEO code, read from its root
  (01-02 statements and appeals are 0, 03-05 are 1, 06-08 are 2, 09-13 and 16 are 3, the rest of 14-20
  are 4); a sentence with no event is class 0. The top event is the highest-confidence exported record.
- ``cameo_ner_train.txt``: one ``token tag`` per line, a blank line between sentences; BIO tags S
  (source), T (target) and R (reciprocal: both source and target). whimbrel's source spans are the
  exported records' actor texts and its target spans their recipient texts, found in the record's
  sentence.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from whimbrel.config import Settings
from whimbrel.errors import EvaluationError
from whimbrel.evaluation import splits
from whimbrel.evaluation.metrics import ClassScore, Report, TaskReport, score_single
from whimbrel.evaluation.product import ProductCoder, Record, top_record

NAME = "cameo-pentacode"
FOLDER = Path("cameo_pentacode")
CLASS_FILE = "cameo_class_train.tsv"
NER_FILE = "cameo_ner_train.txt"

# Pentaclass labels as reports show them.
CLASSES: Mapping[int, str] = {
    0: "0 statement",
    1: "1 verb coop",
    2: "2 mat coop",
    3: "3 verb confl",
    4: "4 mat confl",
}
ROLES = ("S", "T")

# Detokenising the NER file's tokens back into a sentence the parser reads naturally.
_NO_SPACE_BEFORE = frozenset(
    {".", ",", ":", ";", "!", "?", "%", ")", "]", "}", "”", "'s", "'re", "n't", "'m", "'ve", "'d", "'ll"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "€", "£", "“"})
_JOINERS = frozenset({"-", "/"})
_APOSTROPHES = frozenset({"’", "'", "´"})
_CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})


@dataclass(frozen=True, slots=True)
class ClassItem:
    """One sentence of the class file."""

    text: str
    label: int


@dataclass(frozen=True, slots=True)
class NerSentence:
    """One sentence of the NER file: its tokens, their tags, and the tokens' offsets in ``text``."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    text: str
    offsets: tuple[tuple[int, int], ...]

    def spans(self, role: str) -> set[tuple[int, int]]:
        """Gold token spans (end exclusive) of ``role`` (S or T); R spans count for both."""
        return {(s, e) for kind, s, e in bio_spans(self.tags) if kind == role or kind == "R"}

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens that overlap characters ``start``-``end`` of ``text``, or None."""
        inside = [i for i, (s, e) in enumerate(self.offsets) if s < end and start < e]
        return (inside[0], inside[-1] + 1) if inside else None


# -- reading ----------------------------------------------------------------------------------------


def _need(path: Path) -> Path:
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the cameo-pentacode gold file is missing")
    return path


def _read(path: Path) -> str:
    try:
        return _need(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read: {exc}") from None


def load_classes(
    data_dir: Path, *, limit: int | None = None, split: splits.SplitChoice = "all"
) -> list[ClassItem]:
    """The class file's sentences of ``split`` (by their text) and labels, the first ``limit``."""
    path = Path(data_dir) / FOLDER / CLASS_FILE
    items: list[ClassItem] = []
    for lineno, row in enumerate(csv.reader(_read(path).splitlines(), delimiter="\t"), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2 or row[1].strip() not in {"0", "1", "2", "3", "4"}:
            raise EvaluationError(f"{path}:{lineno}: expected 'sentence<TAB>label' with a label 0-4")
        if not splits.in_split(row[0].strip(), split):
            continue
        items.append(ClassItem(row[0].strip(), int(row[1])))
        if limit is not None and len(items) >= limit:
            break
    return items


def detokenise(tokens: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join tokens into text with natural spacing, and each token's character span in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    glue = True  # no space before the first token
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        apostrophe_clitic = tok in _APOSTROPHES and nxt in _CLITICS
        after_apostrophe = i > 0 and tokens[i - 1] in _APOSTROPHES and tok in _CLITICS
        if not (glue or tok in _NO_SPACE_BEFORE or tok in _JOINERS or apostrophe_clitic or after_apostrophe):
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(tok)))
        parts.append(tok)
        length += len(tok)
        glue = tok in _NO_SPACE_AFTER or tok in _JOINERS or apostrophe_clitic
    return "".join(parts), tuple(offsets)


def load_ner(
    data_dir: Path, *, limit: int | None = None, split: splits.SplitChoice = "all"
) -> list[NerSentence]:
    """The NER file's sentences of ``split`` (by their rebuilt text), the first ``limit`` when given."""
    path = Path(data_dir) / FOLDER / NER_FILE
    sentences: list[NerSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def close() -> None:
        if tokens:
            text, offsets = detokenise(tokens)
            if splits.in_split(text, split):
                sentences.append(NerSentence(tuple(tokens), tuple(tags), text, offsets))
            tokens.clear()
            tags.clear()

    for lineno, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            close()
            if limit is not None and len(sentences) >= limit:
                return sentences
            continue
        cells = line.split()
        tag = cells[-1] if len(cells) >= 2 else ""
        if tag != "O" and not (tag[:2] in {"B-", "I-"} and tag[2:] in {"S", "T", "R"}):
            raise EvaluationError(f"{path}:{lineno}: expected 'token tag' with a tag O or B-/I- S, T, R")
        tokens.append(" ".join(cells[:-1]))
        tags.append(tag)
    close()
    return sentences[:limit] if limit is not None else sentences


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(kind, start, end) spans of BIO tags; an I- tag that does not continue its kind starts a span."""
    spans: list[tuple[str, int, int]] = []
    kind: str | None = None
    start = 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if kind is not None and not (prefix == "I" and label == kind):
            spans.append((kind, start, i))
            kind = None
        if prefix in {"B", "I"} and kind is None:
            kind, start = label, i
    return spans


# -- predictions ------------------------------------------------------------------------------------


def pentaclass(cameo: str) -> int:
    """The pentaclass of a CAMEO code, by its root: 01-02 statements and appeals 0, 03-05 verbal
    cooperation 1, 06-08 material cooperation 2, 09-13 and 16 (reduce relations) verbal conflict 3,
    14-15 and 17-20 material conflict 4."""
    root = int(cameo[:2])
    if root == 16:
        return 3
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def predicted_class(records: Sequence[Record]) -> int:
    """The pentaclass of a coded sentence's top record, 0 (a statement) when it has none."""
    best = top_record(records)
    if best is None or not best.get("cameo"):
        return 0
    return pentaclass(str(best["cameo"]))


def _role_ranges(records: Iterable[Record], sentence: NerSentence, role: str) -> set[tuple[int, int]]:
    """Token ranges of the records' actor (S) or recipient (T) texts, found in each record's sentence."""
    spans: set[tuple[int, int]] = set()
    for record in records:
        offset = int(record["text_info"]["start"])
        for entity in record["actor" if role == "S" else "recipient"]:
            found = str(record["text"]).find(str(entity["entity_text"]))
            if found < 0:
                continue
            start = offset + found
            token_range = sentence.token_range(start, start + len(str(entity["entity_text"])))
            if token_range is not None:
                spans.add(token_range)
    return spans


@dataclass(frozen=True, slots=True)
class SpanCounts:
    """tp/fp/fn of one role, for exact spans and for tokens."""

    exact: tuple[int, int, int]
    tokens: tuple[int, int, int]


def _tokens(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _counts(gold: set[tuple[int, int]], pred: set[tuple[int, int]]) -> SpanCounts:
    gt, pt = _tokens(gold), _tokens(pred)
    return SpanCounts(
        exact=(len(gold & pred), len(pred - gold), len(gold - pred)),
        tokens=(len(gt & pt), len(pt - gt), len(gt - pt)),
    )


def span_counts(
    sentence: NerSentence, records: Sequence[Record], *, top_only: bool = False
) -> dict[str, SpanCounts]:
    """Span counts per role for one coded NER sentence (all its records, or only the top one)."""
    best = top_record(records)
    chosen = ([best] if best else []) if top_only else list(records)
    return {role: _counts(sentence.spans(role), _role_ranges(chosen, sentence, role)) for role in ROLES}


def _span_task(name: str, per_sentence: Sequence[dict[str, SpanCounts]], which: str) -> TaskReport:
    classes = []
    for role in ROLES:
        triples = [getattr(counts[role], which) for counts in per_sentence]
        classes.append(
            ClassScore(
                role, sum(t[0] for t in triples), sum(t[1] for t in triples), sum(t[2] for t in triples)
            )
        )
    return TaskReport(name, classes, len(per_sentence))


# -- the report -------------------------------------------------------------------------------------


def score(
    classes: Sequence[ClassItem],
    class_records: Sequence[Sequence[Record]],
    ner: Sequence[NerSentence],
    ner_records: Sequence[Sequence[Record]],
) -> Report:
    """The cameo-pentacode report from gold items and their sentences' exported records."""
    gold = [CLASSES[c.label] for c in classes]
    pred = [CLASSES[predicted_class(records)] for records in class_records]
    penta = score_single(gold, pred, name="pentaclass", ignore=())
    n = len(class_records)
    penta.extra["no_event_rate"] = sum(1 for r in class_records if not r) / n if n else 0.0
    per_sentence = [span_counts(s, r) for s, r in zip(ner, ner_records, strict=True)]
    notes = [
        f"pentaclass: {len(classes)} sentences of {CLASS_FILE}, each coded alone; the predicted class is "
        "the pentaclass of the highest-confidence event's CAMEO code by its root (01-02 statements and "
        "appeals 0, 03-05 verbal cooperation 1, 06-08 material cooperation 2, 09-13 and 16 verbal "
        "conflict 3, "
        "14-15 and 17-20 material conflict 4; the file's labels put 16, reduce relations, with verbal "
        "conflict), and 0 for no event. Per-class P/R/F1 over all five classes; target "
        "macro-F1 >= 0.80.",
        f"spans: {len(ner)} sentences of {NER_FILE}, rebuilt from its tokens and coded alone. Gold S "
        "(source) and T (target) spans, R spans counted as both. Predicted S spans are the actor texts, "
        "and T spans the recipient texts, of all the sentence's exported records, found in the record's "
        "sentence and mapped to the file's tokens.",
        "source/target spans (exact): a predicted span counts only when its first and last token equal a "
        "gold span's. source/target tokens (overlap): every token inside a span is scored on its own, so "
        "a shorter or longer span still earns its overlapping tokens.",
        "these are ConfliBERT's training files (its test split is held out), split again here into dev and "
        "test by a hash of each sentence's text; the rules were written before the split, so test is "
        "post hoc.",
    ]
    return Report(
        dataset=NAME,
        description="ConfliBERT CAMEO task: pentaclass and source/target spans (training split)",
        tasks=[
            penta,
            _span_task("source/target spans (exact)", per_sentence, "exact"),
            _span_task("source/target tokens (overlap)", per_sentence, "tokens"),
        ],
        notes=notes,
    )


def evaluate(
    data_dir: Path,
    *,
    limit: int | None = None,
    split: splits.SplitChoice = splits.DEFAULT,
    coder: ProductCoder | None = None,
    settings: Settings | None = None,
) -> Report:
    """Code the class and NER sentences of ``split`` (the first ``limit`` of each) and score them."""
    classes = load_classes(data_dir, limit=limit, split=split)
    ner = load_ner(data_dir, limit=limit, split=split)
    texts = [c.text for c in classes] + [s.text for s in ner]
    coded = (coder or ProductCoder(settings)).records(texts)
    return score(classes, coded[: len(classes)], ner, coded[len(classes) :])
