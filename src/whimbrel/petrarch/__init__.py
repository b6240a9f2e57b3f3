"""PETRARCH-compatible CAMEO coding: a user's PETRARCH dictionaries, whimbrel's parser and coder.

``PetrarchCoder`` (``whimbrel.petrarch.coding``) imports PETRARCH actors, agents, verbs and discards
dictionaries and codes texts into PETRARCH-convention (source, target, CAMEO code) triples;
``whimbrel petrarch code`` is its command. The modules:

- ``coding``: the coder (dictionaries in, triples out) and its variants;
- ``coder``: whimbrel's coded events to triples (discards, verb patterns, role rules, require_dyad);
- ``actor_codes``: PETRARCH actor codes with agents; ``parse``: the sentence tree those rules read;
- ``knowledge``: the actor base and lexicon built from the imported dictionaries;
- ``records``: inputs (PETRARCH XML records, JSONL, plain text).
"""

from whimbrel.petrarch.coder import Triple
from whimbrel.petrarch.coding import VARIANTS, Coded, PetrarchCoder, Variant, variant_of
from whimbrel.petrarch.records import Record, read_input

__all__ = ["VARIANTS", "Coded", "PetrarchCoder", "Record", "Triple", "Variant", "read_input", "variant_of"]
