"""Language: which language a document is in (py3langid, offline), and skipping the others.

py3langid was chosen by ``benchmarks/language_detectors.py``: on 832 short English news texts
and 600 Spanish ones it called no English text anything else and nothing else English, loads in
0.3 s and takes about 1 ms a text, in 4.5 MB (see docs/formats.md for the comparison).

A document is skipped only when the detector gives the wanted languages together less than
:data:`MAX_WANTED_PROBABILITY`: short English reports about Nigeria and Cameroon come out as
Nigerian Pidgin with a confidence near 0.9, but always keep a probability of English far above it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from whimbrel.model import Document

SAMPLE_CHARS = 3000
"""How much of a document is read to tell its language (its start: title and lead)."""

MIN_LETTERS = 40
"""A text with fewer letters is too short to judge and keeps the default language."""

MAX_WANTED_PROBABILITY = 0.001
"""A document is skipped only when the detector gives the wanted languages less than this together.
On 2,423 short English texts (news notes, wire reports, the behaviour suite's cases) none fell
below it; 579 of 596 Spanish ones and all 30 texts in six other languages did."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> dict[str, float] | None:
    """Each language's probability for ``text``, the likeliest first, or None when it is too short."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    return {str(lang): float(prob) for lang, prob in _identifier().rank(sample)}


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """The English name of an ISO 639 code ("es" → "Spanish"), or the code when unknown."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


def check_language(doc: Document, languages: tuple[str, ...]) -> Document:
    """``doc`` with its detected language; skipped, with the language named, when not in ``languages``."""
    if not languages or doc.status != "pending":
        return doc
    found = detect(doc.text)
    if found is None:
        return doc
    lang, prob = next(iter(found.items()))
    if lang in languages:
        return doc if doc.language == lang else replace(doc, language=lang)
    if sum(found.get(code, 0.0) for code in languages) >= MAX_WANTED_PROBABILITY:
        return doc
    wanted = " or ".join(language_name(code) for code in languages)
    reason = f"not {wanted}: language {lang} ({language_name(lang)}, confidence {prob:.2f})"
    return replace(doc, status="skipped", reason=reason, text="", content_hash="", language=lang)
