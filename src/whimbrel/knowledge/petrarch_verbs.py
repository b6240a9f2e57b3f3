"""PETRARCH verb dictionaries: synsets, verb blocks and patterns; conversion to trigger rows; matching.

The format::

    &CURRENCY                      a synset: "&NAME" then "+member" lines (plurals are added unless
    +DOLLARS                       the name or the member ends in "_")
    +SWISS FRANCS
    --- RESTORE [064] ---          a block: its name and default CAMEO code ("---": none)
    RESTORE                        the block's verbs: regular forms are made (RESTORES, RESTORED ...)
    BREAK {BROKE BROKEN}           irregular forms
    +BREAK_DOWN                    a phrasal verb ("+" marks the verb word)
    WIRE_+TAP [1711]               a verb with its own code
    - * DIPLOMATIC TIES [901]      a pattern: "*" the verb, "_" joins adjacent words, " " allows words
    - &NEGVERB * OVER EFFORTS [904]  between; "&NAME" a synset; "$" source, "+" target, "%" compound,
    - + * FROM $ [066]             "^" skip a noun phrase; "[032:033]" a code and its reverse event

Conversion to whimbrel's ``triggers.tsv`` rows (lemma, pos, event, mode, context, cameo, weight):

- every verb gives a VERB row: its lemma (spaCy's rule lemmatizer: SAID → say), a phrasal verb's
  particle after it ("break down"); the event is the PLOVER event of the code in the CAMEO crosswalk;
- a pattern gives rows only when whimbrel's coder can check it: nothing but role markers before the
  verb, and a word (or the words of a synset) after it, which becomes the row's particle. The coder
  looks for the particle among the verb's children (prt, prep, dobj, advmod, compound), so
  ``* TIES`` is exact; a pattern with further words or role markers is *approximated* (only its first
  word is checked); a pattern with words before the verb, a veto code ``---`` or a code with no PLOVER
  event is *dropped* from the rows (it stays in ``patterns.tsv`` and in ``VerbMatcher``);
- codes: a code in the crosswalk is exact; a suffix is stripped (``075A`` → 075), a non-CAMEO code
  falls back to its CAMEO parent (1717 → 171), a paired code keeps its first half; all approximated.
  CAMEO 01 statement codes and made-up codes (345, 903) have no PLOVER event: unsupported.

``VerbMatcher`` applies the full dictionary to a tokenised sentence the way PETRARCH does (surface
forms, patterns with their words before and after the verb, synsets, the most specific pattern
first), to give the PETRARCH code of a verb already found by the coder.

The code lives in three modules, re-exported here: ``petrarch_verb_dictionary`` (the parser and the
dictionary it gives), ``petrarch_verb_triggers`` (the conversion to trigger rows) and
``petrarch_verb_matcher`` (matching a sentence).
"""

from __future__ import annotations

from whimbrel.knowledge.petrarch_verb_dictionary import (
    MARKERS,
    NULL_CODE,
    Element,
    Pattern,
    VerbBlock,
    VerbDictionary,
    VerbEntry,
    parse_verbs,
)
from whimbrel.knowledge.petrarch_verb_matcher import PatternHit, VerbMatch, VerbMatcher
from whimbrel.knowledge.petrarch_verb_triggers import (
    WEIGHT,
    Lemmatizer,
    TriggerRow,
    VerbConversion,
    convert_verbs,
    map_code,
    pattern_rows,
    spacy_lemmatizer,
    trigger_table,
)

__all__ = [
    "MARKERS",
    "NULL_CODE",
    "WEIGHT",
    "Element",
    "Lemmatizer",
    "Pattern",
    "PatternHit",
    "TriggerRow",
    "VerbBlock",
    "VerbConversion",
    "VerbDictionary",
    "VerbEntry",
    "VerbMatch",
    "VerbMatcher",
    "convert_verbs",
    "map_code",
    "parse_verbs",
    "pattern_rows",
    "spacy_lemmatizer",
    "trigger_table",
]
