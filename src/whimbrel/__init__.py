"""whimbrel: political and conflict reporting in, PLOVER/CAMEO event data out."""

from __future__ import annotations

import logging

from whimbrel.api import code, explain
from whimbrel.config import Settings, load_config
from whimbrel.errors import WhimbrelError
from whimbrel.frames import read_events
from whimbrel.model import ActorRef, Document, Event, Mention, Passage, Place, Relation, Sentence, Size
from whimbrel.pipeline import Pipeline
from whimbrel.store import Store

__all__ = [
    "ActorRef",
    "Document",
    "Event",
    "Mention",
    "Passage",
    "Pipeline",
    "Place",
    "Relation",
    "Sentence",
    "Settings",
    "Size",
    "Store",
    "WhimbrelError",
    "__version__",
    "code",
    "explain",
    "load_config",
    "read_events",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
