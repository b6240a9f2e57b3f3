"""Reference dump: run the whole pipeline over a fixed corpus and write every result, to compare two
versions of the code byte for byte.

Usage: python benchmarks/reference_dump.py OUT [--db PATH]

The corpus is the texts of ``../shared/data/cameo_pentacode/cameo_class_train.tsv`` (one document a
row) and of ``../shared/data/plover_gsr_cameo/PLOVER_GSR_CAMEO.json`` (one document a text), then the
files of ``examples/``; without ``../shared``, ``examples/`` alone. It goes through the code path of
``whimbrel run`` (``runner.run`` into a fresh store), so triage, the seen passages and the store
write are all in it. For every document it writes, in input order, the status and reason, then the
``repr`` of each passage, mention, event, outcome and relation; then every stored event as exported by
``whimbrel export --format jsonl``, without its ``coded_date``.

Compare two dumps with ``cmp``: a restructuring that changes nothing must leave them identical.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from whimbrel.config import load_config
from whimbrel.exports.record import dumps_record
from whimbrel.model import Document
from whimbrel.runner import run
from whimbrel.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
TSV = SHARED / "cameo_pentacode" / "cameo_class_train.tsv"
GSR = SHARED / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json"
PUBLISHED = dt.date(2024, 3, 15)


def _corpus(folder: Path) -> list[str]:
    """The input paths: a JSONL file of the shared texts (when ``../shared`` is there), then examples/."""
    rows: list[dict[str, str]] = []
    if TSV.exists():
        with TSV.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.reader(fh, delimiter="\t"), 1):
                if row and row[0].strip():
                    rows.append({"id": f"tsv:{n}", "text": row[0]})
    if GSR.exists():
        for n, item in enumerate(json.loads(GSR.read_text(encoding="utf-8")), 1):
            text = item.get("text")
            if isinstance(text, str) and text.strip():  # numbered: one id in the file appears twice
                rows.append({"id": f"gsr:{n}:{item['id']}", "text": text})
    paths = []
    if rows:
        shared = folder / "shared.jsonl"
        shared.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        paths.append(str(shared))
    paths.append(str(ROOT / "examples"))
    return paths


def _document_lines(doc: Document) -> list[str]:
    lines = [f"document {doc.id} {doc.status} {doc.reason!r}"]
    lines += [f"  passage {p!r}" for p in doc.passages]
    lines += [f"  mention {m!r}" for m in doc.mentions]
    lines += [f"  event {e!r}" for e in doc.events]
    lines += [f"  outcome {o!r}" for o in doc.outcomes]
    lines += [f"  relation {r!r}" for r in doc.relations]
    return lines


def main(argv: list[str]) -> int:
    """Write the dump to OUT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the dump file to write")
    args = parser.parse_args(argv)
    settings = load_config(env={})
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = _corpus(folder)
        with Store(str(folder / "ref.duckdb")) as store:
            report = run(
                paths,
                store,
                settings,
                published=PUBLISHED,
                on_document=lambda doc: lines.extend(_document_lines(doc)),
            )
            for record in store.event_records():
                produced = dict(record.get("produced_by") or {})
                produced.pop("coded_date", None)
                lines.append("record " + dumps_record({**record, "produced_by": produced}))
    lines.append(f"counts {sorted(report.counts.items())!r}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(lines)} lines, counts {report.counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
