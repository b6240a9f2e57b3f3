"""The knowledge a PETRARCH-convention coder runs on, built from imported PETRARCH dictionaries.

The lexicon is the shipped one with the imported triggers (and, optionally, stand-in triggers for the
verbs whose code has no PLOVER event, so that whimbrel's coder finds their roles); the actor base is
the imported one merged over the shipped one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from whimbrel.knowledge.actors import ActorEntry, ActorKB
from whimbrel.knowledge.lexicon import Lexicon
from whimbrel.petrarch.importer import PetrarchImport
from whimbrel.petrarch.verb_triggers import TriggerRow, spacy_lemmatizer, trigger_table

__all__ = ["STAND_IN_EVENT", "actor_base", "lexicon_with", "stand_in_rows"]

STAND_IN_EVENT: Final = "CONSULT"


def stand_in_rows(imported: PetrarchImport, lexicon: Lexicon) -> list[TriggerRow]:
    """Stand-in triggers for verbs (and simple patterns) whose code has no PLOVER event."""
    assert imported.verbs is not None
    lemmatize = spacy_lemmatizer()
    taken = {row.lemma for row in imported.triggers}
    code = lexicon.cameo_for(STAND_IN_EVENT).code
    rows = []
    for block in imported.verbs.blocks:
        for verb in block.verbs:
            lemma = lemmatize(verb.word) or verb.word.lower()
            phrase = " ".join([lemma, *(w.lower() for w in verb.after)]).replace("-", " ")
            if phrase not in taken:
                taken.add(phrase)
                rows.append(TriggerRow(phrase, "VERB", STAND_IN_EVENT, code, 0.8, verb.where))
    return rows


def lexicon_with(rows: Sequence[TriggerRow], directory: Path) -> Lexicon:
    from whimbrel.knowledge.lexicon import DATA_DIR

    directory.mkdir(parents=True, exist_ok=True)
    for name in ("cameo.tsv", "modes.tsv", "cues.toml"):
        (directory / name).write_bytes((DATA_DIR / name).read_bytes())
    (directory / "triggers.tsv").write_text(trigger_table(rows), encoding="utf-8")
    return Lexicon.load(directory)


def actor_base(imported: Sequence[ActorEntry]) -> ActorKB:
    """The imported entries merged over the shipped base, without the shipped sector nouns.

    The imported names win where both know a name (Egypt is the toy dictionary's ``UAR``, not ``EGY``);
    the shipped countries, organisations and people fill the names the toy dictionary lacks (the
    Validate records' Estonia, ``EST``). The shipped sector nouns are left out: PETRARCH's agents
    dictionary is the whole list of agent nouns, and shipped ones ("crowds", "spokesman") would add
    actors PETRARCH never codes.
    """
    shipped = [e for e in ActorKB.load().entries() if e.kind != "sector"]
    return ActorKB([*shipped, *imported], priority={e.id: 1 for e in imported})
