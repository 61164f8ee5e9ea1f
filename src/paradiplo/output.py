"""Output shared by every command that lists data: table, JSON or CSV, to stdout or a file.

``@output_options`` adds ``--format`` and ``--output`` to a command (after sqlite-utils'
``output_options``); :func:`emit` writes rows in the chosen format; :func:`write_atomic`
is how every file paradiplo writes gets there (temporary file, then rename), so an
interrupted run never leaves a half-written file where a good one was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv")


def output_options(fn: Callable) -> Callable:
    """Add ``--format table|json|csv`` and ``--output FILE`` to a click command."""
    fn = click.option(
        "--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
        help="Write to this file instead of standard output (atomically).",
    )(fn)
    fn = click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="table for reading, json or csv for other programs.",
    )(fn)
    return fn


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename,
    with the permissions a plain ``open()`` would give (mkstemp's are private)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def to_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """Rows as CSV text with a header; lists are joined with '; '."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def to_table(rows: Sequence[dict], columns: Sequence[str], title: str | None = None) -> str:
    """Rows as a text table for a terminal (rich, no colour, fixed width)."""
    # Free-text columns take the spare width; short columns keep their natural width.
    wide = {"reason": 5, "label": 2, "message": 4}
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  expand=any(c in wide for c in columns))
    for c in columns:
        table.add_column(c, overflow="fold", ratio=wide.get(c))
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    console = Console(file=io.StringIO(), width=int(os.environ.get("COLUMNS", 160)),
                      color_system=None, force_terminal=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def emit(text: str, output: Path | None) -> None:
    """Send finished text to ``output`` (atomically) or to standard output."""
    if output:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def render(rows: Sequence[dict], columns: Sequence[str], fmt: str, title: str | None = None) -> str:
    """Rows in one of :data:`FORMATS`."""
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return to_csv(rows, columns)
    return to_table(rows, columns, title)
