"""Geoparsing scores (on articles written here) and the readers of the shared gold sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SHARED, need_shared, whimbrel

from whimbrel.evaluation.geoparsing_gold import GoldArticle, GoldToponym, load
from whimbrel.evaluation.geoparsing_scores import PredictedPlace, distance_km, score
from whimbrel.model import Place

ARTICLE = GoldArticle(
    "a1",
    "Rain fell on Leeds and Hull; Paris stayed dry.",
    (
        GoldToponym(13, 18, "Leeds", 53.797, -1.548, 2644688, "United Kingdom"),
        GoldToponym(23, 27, "Hull", 53.744, -0.332, 2645425, "United Kingdom"),
        GoldToponym(29, 34, "Paris", 48.853, 2.349, 2988507, "France"),
        GoldToponym(0, 4, "Rain"),  # a toponym without a point: counts for precision only
    ),
)


def _country(name: str) -> str | None:
    return {"United Kingdom": "GBR", "France": "FRA"}.get(name)


def test_distance() -> None:
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)
    assert distance_km(51.5, -0.12, 48.85, 2.35) == pytest.approx(343, abs=3)


def test_measures_count_misses_wrong_places_and_unmarked_mentions() -> None:
    leeds = Place("Leeds", "Leeds", 2644688, 53.8, -1.55, "GBR")
    paris_tx = Place("Paris", "Paris", 4717560, 33.66, -95.56, "USA")
    dry = Place("dry", "Dry", None, 10.0, 10.0, "XXX")
    preds = [PredictedPlace(13, 18, leeds), PredictedPlace(29, 34, paris_tx), PredictedPlace(40, 43, dry)]
    s = score([ARTICLE], [preds], _country).measures()
    assert s["toponym_recall"] == pytest.approx(2 / 3)  # Hull missed
    assert s["toponym_precision"] == pytest.approx(2 / 3)  # "dry" is no gold toponym
    assert s["acc_161km_found"] == pytest.approx(1 / 2)  # Paris, Texas is far from Paris
    assert s["acc_161km_all"] == pytest.approx(1 / 3)
    assert s["exact_match"] == pytest.approx(1 / 2)
    assert s["country_accuracy"] == pytest.approx(1 / 2)


def test_a_partial_overlap_finds_the_toponym() -> None:
    city = Place("Leeds and", "Leeds", 2644688, 53.8, -1.55, "GBR")
    s = score([ARTICLE], [[PredictedPlace(13, 22, city)]], _country)
    assert s.found == 1 and s.within_161 == 1


@pytest.mark.shared
@pytest.mark.parametrize(("name", "articles", "located"), [("lgl", 588, 4462), ("tr-news", 118, 1275)])
def test_gaztagged_readers(name: str, articles: int, located: int) -> None:
    data = need_shared(SHARED / "data" / "geoparsing")
    found = load(data.parent, name)
    assert len(found) == articles
    assert sum(t.located for a in found for t in a.toponyms) == located
    assert len({a.id for a in found}) == articles


@pytest.mark.shared
def test_geovirus_spans_are_moved_onto_their_names() -> None:
    data = need_shared(SHARED / "data" / "geoparsing")
    found = load(data.parent, "geovirus")
    tops = [(a, t) for a in found for t in a.toponyms]
    assert len(tops) > 2000
    assert all(a.text[t.start : t.end] == t.phrase for a, t in tops)  # the file's offsets are one off


@pytest.mark.shared
@pytest.mark.slow
def test_eval_cli_on_a_few_articles(tmp_path: Path) -> None:
    data = need_shared(SHARED / "data" / "geoparsing")
    done = whimbrel("eval", "tr-news", "--data", str(data.parent), "--limit", "3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# tr-news")
    for measure in ("toponym_recall", "toponym_precision", "acc_161km_found", "acc_161km_all", "exact_match"):
        assert measure in done.stdout
