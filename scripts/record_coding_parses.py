"""Record spaCy's parses of the coder's test sentences, so the coder's unit tests run without spaCy.

Reads ``tests/coding/sentences.txt`` (one sentence a line; ``#`` starts a comment) and writes
``tests/coding/parses.json``: each sentence's tokens and entities as the NLP stage gives them (the
project's own ``SpacyBackend``), with the model's name and version. Run it again after adding a
sentence or changing the model: ``.venv/bin/python scripts/record_coding_parses.py``.
"""

from __future__ import annotations

import json
from dataclasses import astuple, fields
from pathlib import Path

from whimbrel.adapters.nlp import SpacyBackend
from whimbrel.config import load_config
from whimbrel.model import Entity, Token
from whimbrel.stages.base import Resources

HERE = Path(__file__).resolve().parents[1] / "tests" / "coding"


def main() -> None:
    """Parse every sentence of ``sentences.txt`` and write ``parses.json``."""
    lines = (HERE / "sentences.txt").read_text(encoding="utf-8").splitlines()
    sentences = [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
    backend = Resources(load_config(env={})).nlp  # the configured model, as the NLP stage runs it
    if not isinstance(backend, SpacyBackend):
        raise SystemExit("the configured NLP backend is not spaCy")
    parsed = {}
    for text, sents in zip(sentences, backend.parse(sentences, [0] * len(sentences)), strict=True):
        if len(sents) != 1:
            raise SystemExit(f"{text!r}: spaCy reads {len(sents)} sentences; write one sentence a line")
        (sent,) = sents
        parsed[text] = {
            "tokens": [list(astuple(t)) for t in sent.tokens],
            "entities": [list(astuple(e)) for e in sent.entities],
        }
    meta = backend.nlp.meta
    head = {
        "model": f"{meta['lang']}_{meta['name']} {meta['version']}",
        "token_fields": [f.name for f in fields(Token)],
        "entity_fields": [f.name for f in fields(Entity)],
    }
    # one sentence a line: a new sentence is a one-line change in review
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    body = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in parsed.items())
    text = "{\n" + "\n".join(lines) + '\n  "sentences": {\n' + body + "\n  }\n}\n"
    (HERE / "parses.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(parsed)} parses to {HERE / 'parses.json'}")


if __name__ == "__main__":
    main()
