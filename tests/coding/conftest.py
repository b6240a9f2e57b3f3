"""The shipped lexicon, loaded once for the coder's unit tests (no spaCy, no gazetteer)."""

from __future__ import annotations

import pytest

from whimbrel.knowledge.lexicon import Cues, Lexicon


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The shipped trigger lexicon, CAMEO crosswalk and cues."""
    return Lexicon.load()


@pytest.fixture(scope="session")
def cues(lexicon: Lexicon) -> Cues:
    """The shipped status, size and context cues."""
    return lexicon.cues
