"""Name keys and the curated supplement: the text-level inputs of the gazetteer index.

:func:`fold` turns a place name into its lookup key; :func:`parse_supplement` reads whimbrel's curated
``knowledge/places_supplement.tsv`` (regions, governorates, bases, crossings, country aliases and
names that are not places). Nothing here depends on the index itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from whimbrel.errors import KnowledgeError

SUPPLEMENT_RESOURCE = "places_supplement.tsv"

# ---------------------------------------------------------------------------------------------------
# Name keys

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "ħ": "h",
        "&": " and ",
    }
)
_DROP = re.compile(r"[.'’‘`´ʿʾʻʼ\"“”]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]!?]+")


def fold(text: str) -> str:
    """The lookup key of a name: ASCII-folded, lower case, punctuation normalised.

    Diacritics are dropped ("Bogotá" -> "bogota"), apostrophes and dots vanish ("Sana'a" ->
    "sanaa", "U.S." -> "us"), hyphens and other separators become single spaces, and a leading
    "the" is dropped. Letters of non-Latin scripts survive, so ``key.isascii()`` tells Latin names.
    """
    s = text.translate(_SPECIAL)
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = _DROP.sub("", s.casefold())
    s = _SEPARATORS.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def _usable_alternate(alt: str) -> bool:
    """Whether a GeoNames alternate name is worth a key.

    Skipped: codes ("BGW", "IEV"), names with digits, all-lower-case names (GeoNames'
    machine transliterations of other scripts, such as "bghdad"), and very short names.
    """
    if len(alt) < 3 or any(ch.isdigit() for ch in alt):
        return False
    if alt.isupper() and " " not in alt and len(alt) <= 5:
        return False
    return any(ch.isupper() for ch in alt)


ARABIC_ARTICLES = ("al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az ")
# Countries where GeoNames' names often carry the Arabic article that news text drops ("Al Fallujah").
_ARABIC_ARTICLE_COUNTRIES = frozenset(
    {"ARE", "BHR", "DZA", "EGY", "IRQ", "ISR", "JOR", "KWT", "LBN", "LBY"}
    | {"MAR", "MRT", "OMN", "PSE", "QAT", "SAU", "SDN", "SYR", "TUN", "YEM"}
)


def strip_article(key: str) -> str:
    """The key without a leading Arabic article, or "" when it has none (or too little is left)."""
    for article in ARABIC_ARTICLES:
        if key.startswith(article) and len(key) >= len(article) + 3:
            return key[len(article) :]
    return ""


# ---------------------------------------------------------------------------------------------------
# Supplement


@dataclass(frozen=True, slots=True)
class SupplementRow:
    """One row of the curated supplement."""

    line: int
    name: str
    alternates: tuple[str, ...]
    country: str  # alpha-3, "" for international waters
    lat: float | None
    lon: float | None
    feature_code: str
    admin1: str
    seat: str  # ADM1 rows: the unit's capital; "~Town" for a town inside it that is not the capital


_ALPHA3 = re.compile(r"[A-Z]{3}")
_FEATURE = re.compile(r"[A-Z][A-Z0-9]{1,4}")


def parse_supplement(text: str, origin: str = SUPPLEMENT_RESOURCE) -> list[SupplementRow]:
    """Parse the supplement's TSV text; raise :class:`KnowledgeError` naming the bad line."""
    rows: list[SupplementRow] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if cells[0] == "name" and number <= 20:
            continue  # the header row
        if len(cells) not in (7, 8):
            raise KnowledgeError(f"{origin}:{number}: expected 7 or 8 columns, got {len(cells)}")
        name, alternates, country, lat_s, lon_s, feature, admin1 = cells[:7]
        seat = cells[7] if len(cells) == 8 else ""
        if not name:
            raise KnowledgeError(f"{origin}:{number}: empty name")
        if country and not _ALPHA3.fullmatch(country):
            raise KnowledgeError(f"{origin}:{number}: country {country!r} is not an ISO alpha-3 code")
        if not _FEATURE.fullmatch(feature):
            raise KnowledgeError(f"{origin}:{number}: bad feature code {feature!r}")
        lat = lon = None
        if feature == "STOP":
            pass
        elif feature == "PCLI":
            if not country:
                raise KnowledgeError(f"{origin}:{number}: a PCLI row needs a country")
        else:
            try:
                lat, lon = float(lat_s), float(lon_s)
            except ValueError:
                raise KnowledgeError(f"{origin}:{number}: bad coordinates {lat_s!r}, {lon_s!r}") from None
            if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
                raise KnowledgeError(f"{origin}:{number}: coordinates out of range: {lat}, {lon}")
        if seat and feature != "ADM1":
            raise KnowledgeError(f"{origin}:{number}: only ADM1 rows name a seat")
        alts = tuple(a.strip() for a in alternates.split("|") if a.strip())
        rows.append(SupplementRow(number, name, alts, country, lat, lon, feature, admin1, seat))
    return rows


def read_supplement_text() -> str:
    """The shipped supplement's text."""
    try:
        return resources.files("whimbrel").joinpath("knowledge", SUPPLEMENT_RESOURCE).read_text("utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise KnowledgeError(f"cannot read the gazetteer supplement {SUPPLEMENT_RESOURCE}: {exc}") from exc
