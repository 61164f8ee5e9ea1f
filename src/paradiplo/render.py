"""Rendering for a terminal, beside :mod:`paradiplo.cli`: the ``--format``, ``--output`` and
``--force`` options, tables that fit the terminal (rich), and text to standard output or a
file. Library modules return data; the command line renders it here (the only modules that
import click and rich are this one and ``cli``).

``@output_options`` adds ``--format``, ``--output`` and ``--force`` to a command (after
sqlite-utils' ``output_options``); :func:`emit` sends text to standard output or a file
(through :func:`paradiplo.output.safe_write`).

>>> print(render([{"a": 1, "b": "x"}], ["a", "b"], "csv"), end="")
a,b
1,x
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.table import Table

from . import query as q
from .output import _cell, safe_write, to_csv

FORMATS = ("table", "json", "csv")


def output_options(fn: Callable) -> Callable:
    """Add ``--format table|json|csv``, ``--output FILE`` and ``--force`` to a click command."""
    return format_option()(output_option()(force_option(fn)))


# Every option that several commands share is declared once, here: a command that needs
# its own default or help passes them (tests/test_options_once.py keeps it so).

def format_option(choices: Sequence[str] = FORMATS, default: str = "table",
                  help: str = "table for reading, json or csv for other programs.") -> Callable:
    """``--format``: how a command writes its result."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
                        help=help)


def output_option(help: str = "Write to this file instead of standard output (atomically).", *,
                  required: bool = False, folder_too: bool = False) -> Callable:
    """``--output``/``-o``: the file a command writes (``folder_too``: or a folder)."""
    return click.option("-o", "--output", "output", type=click.Path(dir_okay=folder_too, path_type=Path),
                        required=required, help=help)


def out_option(default: Path | None, help: str | None = None, *, folder: bool = True) -> Callable:
    """``--out``: the folder a command owns (``folder``), or the one file it writes."""
    return click.option("--out", "out_dir" if folder else "out",
                        type=click.Path(file_okay=not folder, dir_okay=folder, path_type=Path),
                        default=default, show_default=default is not None, help=help)


def timeout_option(default: float, help: str) -> Callable:
    """``--timeout SECONDS``: how long a command's work may take."""
    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=default,
                        show_default=True, help=help)


def lang_option(help: str = "Language of the messages: English or Indonesian.") -> Callable:
    """``--lang en|id``: the language of the messages."""
    return click.option("--lang", type=click.Choice(["en", "id"]), default="en", show_default=True, help=help)


def contribution_option(help: str) -> Callable:
    """``--contribution``: check a case for acceptance."""
    return click.option("--contribution", is_flag=True, help=help)


def top_option(default: int | None, help: str) -> Callable:
    """``--top N``: only the first N."""
    return click.option("--top", type=click.IntRange(min=1), default=default, show_default=default is not None,
                        help=help)


def graph_option(choices: Sequence[str], help: str) -> Callable:
    """``--graph``: which network."""
    return click.option("--graph", "graph", type=click.Choice(list(choices)), default="actors", show_default=True,
                        help=help)


def world_option(help: str = "Add the world sister-city list (imported and cached first, not analysed) to the "
                             "knowledge graph.") -> Callable:
    """``--world``: join the imported world sister-city list."""
    return click.option("--world", "with_world", is_flag=True, help=help)


def force_option(fn: Callable | None = None, *,
                 help: str = "Replace an output file that paradiplo did not write.") -> Callable:
    """``--force``, declared once for every command: ``@force_option`` or ``@force_option(help=...)``
    when the command says what it replaces."""
    def add(f: Callable) -> Callable:
        return click.option("--force", is_flag=True, help=help)(f)
    return add if fn is None else add(fn)


def groups_option(help: str = "Groups for the brokerage roles.") -> Callable:
    """``--groups country|level|type``, declared once for the network commands."""
    return click.option("--groups", "group_by", type=click.Choice(["country", "level", "type"]),
                        default="country", show_default=True, help=help)


def terminal_width() -> int:
    """The width tables are made for: ``COLUMNS`` when it is a number, else the terminal's,
    else 160 (a ``COLUMNS`` that is no number is ignored, as other programs do).

    >>> os.environ["COLUMNS"] = "abc"; terminal_width() >= 40
    True
    >>> del os.environ["COLUMNS"]
    """
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit():
        return max(40, int(columns))
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((160, 24)).columns)
    return 160


def to_table(rows: Sequence[dict], columns: Sequence[str], title: str | None = None, width: int | None = None) -> str:
    """Rows as a text table that fits the terminal: free text wraps at word boundaries,
    short values (numbers, codes) are never broken, and columns that cannot fit are left
    out with a note saying so (``--format csv`` gives them all)."""
    width = width or terminal_width()
    wide = {"reason", "label", "message", "title", "partnershipLabel", "quote"}  # free text
    cells = {c: [_cell(row.get(c)) for row in rows] for c in columns}

    def short(c):  # values this short are never wrapped
        return c not in wide and all(len(v) <= 24 for v in cells[c])

    def needs(c):  # the width the column is given (free text wraps inside it)
        natural = max([len(c), *map(len, cells[c])])
        if short(c):
            return natural
        longest_word = max((len(w) for v in cells[c] for w in v.split()), default=0)
        return max(len(c), min(longest_word, 16)) if c in wide else max(len(c), min(natural, 24))

    # a table of columns w1..wn is sum(w) + 3n - 1 wide (padding on both sides of each column
    # but the outer ones, a separator between columns, an edge on each side)
    room = width + 1
    shown, used = [], 0
    for c in columns:
        if used + needs(c) + 3 > room and shown:
            break
        shown.append(c)
        used += needs(c) + 3
    natural = {c: max([len(c), *map(len, cells[c])]) for c in shown}
    roomy = sum(natural[c] + 3 for c in shown) <= room  # nothing needs to wrap
    caps, spare = {c: needs(c) for c in shown}, room - used
    # spare width goes to free text up to a readable 32, then to the other text columns up
    # to their natural width, then to the free text up to its natural width; each column
    # then has exactly that width (rich's own shrinking would cut words and names)
    order = ([(c, 32) for c in shown if c in wide] + [(c, natural[c]) for c in shown if not (c in wide or short(c))]
             + [(c, natural[c]) for c in shown if c in wide])
    for c, limit in order:
        extra = max(0, min(min(limit, natural[c]) - caps[c], spare))
        caps[c] += extra
        spare -= extra
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for c in shown:
        width_c = natural[c] if roomy else caps[c]
        table.add_column(c, overflow="fold", no_wrap=short(c), min_width=width_c, max_width=width_c)
    for i in range(len(rows)):
        table.add_row(*[cells[c][i] for c in shown])
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(table)
    text = "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"
    left_out = [c for c in columns if c not in shown]
    if left_out:
        note = (f"({len(left_out)} more column(s) do not fit in {width}: {', '.join(left_out)}; "
                "use --format csv or json, or a wider terminal)")
        text += textwrap.fill(note, width) + "\n"
    return text


def progress(message: str) -> None:
    """A line of progress for a person watching: to standard error, and only when it is a
    terminal (so logs and pipes get the results alone)."""
    if sys.stderr.isatty():
        click.echo(f"... {message}", err=True)


def emit(text: str, output: Path | None, force: bool = False) -> None:
    """Send finished text to ``output`` (by :func:`safe_write`) or to standard output."""
    if output:
        safe_write(output, text, force, create_folder=False)
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


def summary_text(s: dict, fmt: str) -> str:
    """The summary as a table to read, JSON or CSV."""
    cases = [
        {
            "case": c["slug"], "partners": c["partners"], "agreements": c["agreements"],
            "actors": c["actors"], "activities": c["activities"], "sources": c["sources"],
            "mentioned": c["mentioned_partnerships"],
        }
        for c in s["cases"]
    ]
    columns = ["case", "agreements", "actors", "activities", "sources", "partners", "mentioned"]
    if fmt == "json":
        return json.dumps(s, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return render(cases, columns, "csv")
    head = f"{s['quads']} statements in {s['graphs']} named graphs, {len(s['cases'])} cases\n"
    return (
        head
        + render(cases, columns, "table", title="Cases")
        + render(s["classes"], ["class", "label", "count"], "table", title="Entities per class")
    )


def render_result(result: q.QueryResult, fmt: str) -> str:
    """A result as text: a table to read (SELECT, ASK), or ``fmt`` by the engine's writers."""
    if fmt != "table" or result.form in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize("turtle" if fmt == "table" else fmt).decode("utf-8")
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    rows = [{v: q.short(t) for v, t in row.items()} for row in result.rows]
    return render(rows, result.variables, "table") + f"{len(rows)} row{'s' if len(rows) != 1 else ''}\n"


def analysis_text(a, width: int | None = None) -> str:
    """A comparative analysis (:func:`paradiplo.compare.analyse`) as text to read."""
    from .compare.report import _label, _num, _score, passage

    m = a.matrix
    cols = [*a.conditions, a.outcome]
    out = []
    c = a.calibration
    digest = f"  sha256 {c.digest[:12]}" if c.digest else ""
    out.append(f"Calibration: {c.shown_path() or '(values of the data file)'}{digest}")
    for name in cols:
        out.append(f"  {name}: {c.sets[name].describe()}")
    out.append("")
    rows = [{"case": _label(a, i), **{col: (_score(m.value(i, col)) or "unknown") for col in cols}} for i in m.cases]
    title = "Cross-case matrix (membership scores; unknown: the graph cannot decide)"
    out.append(to_table(rows, ["case", *cols], title, width).rstrip())
    if m.origin == "graph":
        out.append("")
        out.append("Passages behind each cell:")
        for i in m.cases:
            out.append(f"  {_label(a, i)}")
            for col in cols:
                cell = m.cells[i][col]
                head = f"    {col} = {_score(cell.value) or 'unknown'}" + (f"  ({cell.note})" if cell.note else "")
                out.append(head)
                for e in cell.evidence:
                    out.append(f"      {passage(e)}")
    out.append("")
    t = a.table
    tt_rows = [{"row": r.number, **{k: v for k, v in zip(a.conditions, r.config, strict=True)}, "OUT": r.out, "n": r.n,
                "incl": _num(r.incl), "PRI": _num(r.pri), "cases": ",".join(r.cases)} for r in t.rows]
    out.append(to_table(tt_rows, ["row", *a.conditions, "OUT", "n", "incl", "PRI", "cases"],
                        f"Truth table for {a.outcome} (incl.cut {t.incl_cut:g}, n.cut {t.n_cut})", width).rstrip())
    out.append("")
    out.append("What these cases can and cannot show:")
    out.extend(f"  - {line}" for line in a.limits())
    if a.necessity:
        out.append("")
        nec = [{"condition": n["condition"], "inclN": _num(n["inclN"]), "RoN": _num(n["RoN"]), "covN": _num(n["covN"])}
               for n in a.necessity]
        out.append(to_table(nec, ["condition", "inclN", "RoN", "covN"], f"Necessity for {a.outcome}", width).rstrip())
    for kind, s in a.solutions.items():
        out.append("")
        out.append(f"{kind} solution:  {s.expression} => {a.outcome}")
        if s.terms:
            trs = [{"term": tm.text, "inclS": _num(tm.fit["inclS"]), "PRI": _num(tm.fit["PRI"]),
                    "covS": _num(tm.fit["covS"]), "covU": _num(tm.fit["covU"]), "cases": ",".join(tm.cases)}
                   for tm in s.terms]
            trs.append({"term": "solution", "inclS": _num(s.fit["inclS"]), "PRI": _num(s.fit["PRI"]),
                        "covS": _num(s.fit["covS"]), "covU": "", "cases": ""})
            out.append(to_table(trs, ["term", "inclS", "PRI", "covS", "covU", "cases"], None, width).rstrip())
        if s.remainders_used:
            used = ", ".join(map(str, s.remainders_used))
            out.append(f"  logical remainders used (simplifying assumptions): rows {used}")
        for note in s.notes:
            out.append(f"  note: {note}")
        out.append("  limits: " + " ".join(a.limits()))
    return "\n".join(out) + "\n"


def render_analysis(a, fmt: str) -> str:
    """A comparative analysis as JSON, CSV (the matrix) or text to read."""
    from .compare.report import as_json, matrix_csv

    if fmt == "json":
        return as_json(a)
    if fmt == "csv":
        return matrix_csv(a)
    return analysis_text(a)
