"""Readers of the geoparsing gold sets in ``../shared/data/geoparsing`` (LGL, TR-News, GeoVirus).

LGL and TR-News share one schema: ``<article docid>`` with ``<text>`` and ``<toponyms>``, each
``<toponym>`` a character span with a ``<gaztag geonameid>`` (GeoNames name, feature code, point,
country). Toponyms without a gaztag have no point: they count as toponyms (for precision) but are not
scored for resolution. GeoVirus has ``<article>`` with ``<source>`` (its id), ``<text>`` and
``<locations>``, each a span with a Wikipedia point and no GeoNames id or country.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from whimbrel.errors import EvaluationError

FOLDER = "geoparsing"
FILES = {"lgl": "lgl.xml", "tr-news": "TR-News.xml", "geovirus": "GeoVirus.xml"}


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold toponym: its span in the article text and, when the gold gives them, its resolution."""

    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # the gold's country name, as written there
    feature_code: str | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article: an id (for the split), its text and its toponyms."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def gold_path(data_dir: Path, name: str) -> Path:
    return Path(data_dir) / FOLDER / FILES[name]


def load(data_dir: Path, name: str) -> list[GoldArticle]:
    """The articles of the gold set ``name`` (a key of :data:`FILES`)."""
    path = gold_path(data_dir, name)
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the {name} gold set is missing")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvaluationError(f"{path}: not readable XML ({exc})") from None
    read = _geovirus if name == "geovirus" else _gaztagged
    return [read(article, path, n) for n, article in enumerate(root.iter("article"))]


def _number(node: ET.Element | None, tag: str) -> float | None:
    text = node.findtext(tag) if node is not None else None
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _span(node: ET.Element, path: Path, text: str, phrase: str | None) -> tuple[int, int]:
    """A toponym's span, moved by up to a few characters onto its phrase when the offsets are off (all
    of GeoVirus's spans start one character late; some of TR-News's drift after the article's start)."""
    try:
        start, end = int(node.findtext("start") or ""), int(node.findtext("end") or "")
    except ValueError:
        raise EvaluationError(f"{path}: a toponym without a numeric start and end") from None
    if not phrase or text[start:end] == phrase:
        return start, end
    for shift in sorted(range(-_DRIFT, _DRIFT + 1), key=abs):
        if text[start + shift : start + shift + len(phrase)] == phrase:
            return start + shift, start + shift + len(phrase)
    return start, end


_DRIFT = 5


def _gaztagged(article: ET.Element, path: Path, n: int) -> GoldArticle:
    text = article.findtext("text") or ""
    found = []
    for node in article.iter("toponym"):
        phrase = node.findtext("phrase")
        start, end = _span(node, path, text, phrase)
        tag = node.find("gaztag")
        geonameid = tag.get("geonameid") if tag is not None else None
        found.append(
            GoldToponym(
                start,
                end,
                phrase or text[start:end],
                _number(tag, "lat"),
                _number(tag, "lon"),
                int(geonameid) if geonameid and geonameid.isdigit() else None,
                (tag.findtext("country") or None) if tag is not None else None,
                (tag.findtext("fcode") or None) if tag is not None else None,
            )
        )
    return GoldArticle(article.get("docid") or f"{path.name}#{n}", text, tuple(found))


def _geovirus(article: ET.Element, path: Path, n: int) -> GoldArticle:
    text = article.findtext("text") or ""
    found = []
    for node in article.iter("location"):
        name = node.findtext("name")
        start, end = _span(node, path, text, name)
        found.append(
            GoldToponym(start, end, name or text[start:end], _number(node, "lat"), _number(node, "lon"))
        )
    return GoldArticle((article.findtext("source") or "").strip() or f"{path.name}#{n}", text, tuple(found))
