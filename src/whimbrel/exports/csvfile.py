"""CSV export: one flat row per event, ACLED's columns then whimbrel's (``--format csv``).

By default the CSV holds what ACLED would: events whose status is future, hypothetical or
negated are left out (``all_statuses=True`` keeps them).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from whimbrel.exports.filters import NOT_ACLED
from whimbrel.exports.flat import COLUMNS, flat_row


def write_csv(records: Iterable[Mapping[str, Any]], out: TextIO, *, all_statuses: bool = False) -> int:
    """Write a header and one row per record to ``out``; return how many rows were written."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    count = 0
    for record in records:
        if not all_statuses and record.get("status") in NOT_ACLED:
            continue
        row = flat_row(record)
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count
