"""The world step's CSV files, written by one writer: the ``csv`` module (a field that
holds a comma, a quote or a line break is quoted), atomically."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..output import write_atomic


def csv_text(rows: list[dict], columns: list[str] | None = None) -> str:
    """``rows`` as CSV text with a header (``columns``, default the first row's keys).

    Examples
    --------
    >>> print(csv_text([{"line": 13, "reason": "empty country, city"}]), end="")
    line,reason
    13,"empty country, city"
    """
    columns = columns or (list(rows[0]) if rows else [])
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    """Write ``rows`` to ``path`` as CSV (:func:`csv_text`), atomically."""
    write_atomic(path, csv_text(rows, columns))
