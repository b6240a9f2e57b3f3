"""PETRARCH-compatible CAMEO coding: a user's PETRARCH dictionaries, whimbrel's parser and coder.

``PetrarchCoder`` (``whimbrel.petrarch.coder``) imports PETRARCH actors, agents, verbs and discards
dictionaries and codes texts into PETRARCH-convention (source, target, CAMEO code) triples;
``whimbrel petrarch code`` is its command. The modules:

- ``importer``: reads the four dictionaries (shared syntax, discards, the import report) and writes
  them as whimbrel knowledge files (``whimbrel actors import --format petrarch``);
- ``actor_dictionary``: actors and agents dictionaries to ``ActorEntry`` rows;
- ``verb_dictionary``: the verbs dictionary parsed (synsets, blocks, patterns);
- ``verb_triggers``: verbs and patterns to whimbrel trigger rows; ``verb_matcher``: the full verb
  dictionary applied to a sentence the PETRARCH way;
- ``coder``: the coder (dictionaries in, triples out) and its variants, on whimbrel's pipeline;
- ``coder_knowledge``: the actor base and lexicon the coder runs on, built from the imported files;
- ``triples``: whimbrel's coded events to triples (discards, verb patterns, role rules, require_dyad);
- ``actor_codes``: PETRARCH actor codes with agents; ``sentence_parse``: the sentence tree those
  rules read;
- ``inputs``: what is coded (PETRARCH XML records, JSONL, plain text).
"""

from whimbrel.petrarch.coder import VARIANTS, Coded, PetrarchCoder, Variant, variant_of
from whimbrel.petrarch.inputs import Record, read_input
from whimbrel.petrarch.triples import Triple

__all__ = ["VARIANTS", "Coded", "PetrarchCoder", "Record", "Triple", "Variant", "read_input", "variant_of"]
