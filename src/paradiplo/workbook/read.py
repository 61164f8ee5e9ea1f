"""A case workbook (XLSX, or a folder of CSV files) read back into a case graph.

Each row is checked as it is read; every cell that cannot be a statement (a name with a
space, a formula, a cell past the limits, a date the program turned into a day number) is
collected, and all of them are raised in one :class:`~paradiplo.errors.InputError`, each
naming the sheet, the row and the column, and what to write instead. Nothing is trusted
that the file declares about itself: the rows are the rows that are there (not the sheet's
``<dimension>``), and an ``.xlsx`` is measured unzipped before it is read. What a row says
that is wrong but readable (a date written 12-03-2015, a misspelt class) is left to
validation, whose findings :func:`locate` turns back into sheet and row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, BNode, Dataset, Literal, URIRef

from ..errors import InputError
from ..namespaces import PD, PDO, PREFIXES
from ..output import restore_cell
from .layout import COLUMNS, SHARED, SHEETS, TYPE, iri_of, term_of

_HEADER = {v.split(" / ")[0].strip().lower(): k for k, v in COLUMNS.items()}
_HEADER.update({k: k for k in COLUMNS})


#: Limits past which a workbook is refused (exit 2) before it can fill the memory
MAX_CELL = 100_000  # characters in one cell (a quote is ~200; Python's CSV reader stops at 131,072)
MAX_ROWS = 100_000  # rows of one sheet (a large case has ~1,000)
MAX_UNZIPPED = 200_000_000  # bytes of an .xlsx once unzipped (a large case: ~2 MB)
MAX_PROBLEMS = 50  # problems listed in one message

_EPOCH = dt.date(1899, 12, 30)  # day 0 of the serial dates of Excel and LibreOffice


@dataclass
class Row:
    sheet: str
    number: int  # as the spreadsheet program shows it (the header is row 1)
    cells: dict[str, str]
    dated: frozenset = frozenset()  # the columns whose cell the spreadsheet program held as a date

    def where(self, column: str | None = None) -> str:
        col = f", column {COLUMNS[column].split(' / ')[0]}" if column else ""
        return f"sheet {self.sheet}, row {self.number}{col}"


class Problems:
    """The problems of a workbook, collected so that one run reports them all."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.items: list[tuple[str, str | None]] = []
        self.notes: list[str] = []  # what was read otherwise than written, said to the contributor

    def add(self, message: str, hint: str | None = None) -> None:
        self.items.append((message, hint))

    def raise_any(self) -> None:
        """Raise one InputError listing every problem (the first ``MAX_PROBLEMS``), if any."""
        if not self.items:
            return
        if len(self.items) == 1:
            raise InputError(self.path, self.items[0][0], hint=self.items[0][1])
        lines = [f"{m}" + (f" ({h})" if h else "") for m, h in self.items[:MAX_PROBLEMS]]
        more = len(self.items) - MAX_PROBLEMS
        raise InputError(self.path, f"{len(self.items)} problems; fix them all, then import again:\n  "
                         + "\n  ".join(lines) + (f"\n  ... and {more} more" if more > 0 else ""))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # a TRUE/FALSE cell: xsd:boolean writes true/false
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):  # a cell the spreadsheet program turned into a date
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _zip_size(path: Path) -> None:
    """Refuse an .xlsx that would unzip past :data:`MAX_UNZIPPED` (a zip bomb), reading only
    its directory; the members are read later no further than their declared sizes."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist())
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(path, f"is not an XLSX workbook ({err.__class__.__name__})",
                         hint="save it from your spreadsheet program as .xlsx") from None
    if total > MAX_UNZIPPED:
        raise InputError(path, f"unzips to {total:,} bytes, more than the {MAX_UNZIPPED:,} a workbook may hold",
                         hint="a case workbook is a few megabytes; split it or remove what is not the case")


def _csv_table(f: Path, name: str, problems: Problems) -> list[list] | None:
    """The rows of one CSV sheet, read with the ``csv`` module (a newline, U+2028 or any
    other line break inside a quoted cell stays in the cell); None if it cannot be read."""
    if f.stat().st_size > MAX_UNZIPPED:
        problems.add(f"sheet {name} ({f.name}): {f.stat().st_size:,} bytes, more than a workbook may hold "
                     f"({MAX_UNZIPPED:,})", "a case sheet is at most a few megabytes")
        return None
    data = f.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        problems.add(f"sheet {name} ({f.name}), line {line}: is not UTF-8 text",
                     "save it as 'CSV UTF-8' (in LibreOffice: Character set Unicode (UTF-8))")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table = []
    try:
        for values in reader:
            for col, v in enumerate(values, 1):
                if len(v) > MAX_CELL:
                    problems.add(f"sheet {name} ({f.name}), row {len(table) + 1}, column {_letter(col)}: "
                                 f"{len(v):,} characters, more than the {MAX_CELL:,} a cell may hold",
                                 "a quote is a short passage; shorten the cell")
                    values[col - 1] = ""
            table.append([restore_cell(v) for v in values])
            if len(table) > MAX_ROWS + 1:
                problems.add(f"sheet {name}: more than {MAX_ROWS:,} rows", "a case sheet has at most a few thousand")
                return None
    except csv.Error as err:
        what = str(err)
        if "field larger" in what:
            what = f"a cell longer than {MAX_CELL:,} characters"
        elif "end of data" in what or "EOF" in what:
            what = "a quote (\") opens a cell and is never closed"
        problems.add(f"sheet {name} ({f.name}), line {reader.line_num}: {what}",
                     "close the quote, or write a quote inside a cell as two quotes \"\"")
        return None
    return table


def _letter(n: int) -> str:
    """A column's letter as spreadsheet programs show it (1 -> A, 27 -> AA)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _xlsx_tables(path: Path, problems: Problems) -> list[tuple[str, list[list]]]:
    """The rows of the known sheets of an .xlsx (None for an empty row), each cell's value; a formula cell is a problem
    (it is code, and its value is whatever the program last computed)."""
    from openpyxl import load_workbook

    _zip_size(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as err:  # openpyxl raises several kinds for a file that is no workbook
        raise InputError(path, f"is not an XLSX workbook ({err.__class__.__name__})",
                         hint="save it from your spreadsheet program as .xlsx") from None
    known = {name for name, _ in SHEETS}
    tables = []
    try:
        for ws in wb.worksheets:
            if ws.title not in known:
                continue
            ws.reset_dimensions()  # read the rows that are there, not the count the file declares
            table = []
            filled = 0  # rows with a value: formatted empty rows (a program may keep thousands) do not count
            for r, cells in enumerate(ws.iter_rows(), 1):
                if not any(getattr(cell, "value", None) is not None for cell in cells):
                    table.append(None)  # kept, so that row numbers stay the program's
                    continue
                filled += 1
                if filled > MAX_ROWS + 1:
                    problems.add(f"sheet {ws.title}: more than {MAX_ROWS:,} rows",
                                 "a case sheet has at most a few thousand")
                    break
                values = []
                for c, cell in enumerate(cells, 1):
                    value = getattr(cell, "value", None)
                    where = f"sheet {ws.title}, row {r}, column {_letter(c)}"
                    if getattr(cell, "data_type", None) == "f":
                        problems.add(f"{where}: a formula ({str(value)[:40]}); the workbook holds text, not formulas",
                                     "type the value itself")
                        value = None
                    elif isinstance(value, str) and len(value) > MAX_CELL:
                        problems.add(f"{where}: {len(value):,} characters, more than the {MAX_CELL:,} a cell may "
                                     "hold", "a quote is a short passage; shorten the cell")
                        value = None
                    values.append(value)
                table.append(values)
            tables.append((ws.title, table))
    finally:
        wb.close()
    return tables


def read_rows(path: Path, problems: Problems | None = None) -> list[Row]:
    """The rows of a workbook (``.xlsx``) or of a folder of ``SHEET.csv`` files.

    Problems (a formula, an over-long cell, a broken CSV quote, a wrong header) are
    collected in ``problems``; without it they are raised at the end, all in one error.
    """
    path = Path(path)
    own = problems is None
    problems = problems or Problems(path)
    tables: list[tuple[str, list[list]]] = []
    if path.is_dir():
        for name, _ in SHEETS:
            f = path / f"{name}.csv"
            if f.is_file():
                table = _csv_table(f, name, problems)
                if table is not None:
                    tables.append((name, table))
        if not tables and not problems.items:
            raise InputError(path, "holds no sheet files", hint=f"expected e.g. {SHEETS[0][0]}.csv, Actors.csv")
    elif path.suffix.lower() == ".xlsx":
        tables = _xlsx_tables(path, problems)
    elif not path.exists():
        raise InputError(path, "no such file or folder")
    else:
        raise InputError(path, "is neither an .xlsx workbook nor a folder of CSV files")
    rows = []
    for sheet, table in tables:
        if not table or table[0] is None:
            continue
        header = [_HEADER.get(_text(h).split(" / ")[0].lower()) for h in table[0]]
        missing = [COLUMNS[c] for c in ("id", "property", "value") if c not in header]
        if missing:
            garbled = any(mark in "".join(map(_text, table[0])) for mark in ("Ã", "ï»¿", "\ufffd"))
            problems.add(f"sheet {sheet}: the header row lacks {', '.join(missing)}",
                         "the file was read in another encoding than UTF-8: open it as 'Unicode (UTF-8)' and save "
                         "it as 'CSV UTF-8'" if garbled else "keep the first row of the template")
            continue
        for i, values in enumerate(table[1:], 2):
            if values is None:
                continue
            pairs = [(c, v) for c, v in zip(header, values, strict=False) if c]
            cells = {c: _text(v) for c, v in pairs}
            if any(cells.values()):
                rows.append(Row(sheet, i, cells, frozenset(c for c, v in pairs if isinstance(v, dt.date))))
    if own:
        problems.raise_any()
    return rows


#: What an IRI may not hold (RFC 3987; Turtle refuses them): spaces, quotes, braces, angle brackets ...
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f\u2028\u2029\s]')
#: A case's name, which becomes the file name data/cases/SLUG.trig
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Bad(Exception):
    """A cell that cannot be read (collected, then reported with the others)."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint


def _iri(row: Row, column: str) -> URIRef:
    text = row.cells.get(column, "")
    iri = iri_of(text)
    if iri is None or (column == "id" and not str(iri).startswith(str(PD))):
        raise _Bad(f"{row.where(column)}: {text[:80]!r} is not a name paradiplo knows",
                   "write pd:lower-case-with-hyphens for an entity, or prefix:name with one of "
                   + ", ".join(sorted(PREFIXES)) + " (or <https://...> for an outside address)")
    bad = _NOT_IN_IRI.search(str(iri))
    if bad:
        raise _Bad(f"{row.where(column)}: {text[:80]!r} holds {bad.group()!r}, which a name cannot hold",
                   "a name is written without spaces, quotes, braces, angle brackets or line breaks: "
                   "pd:lower-case-with-hyphens")
    return iri


def _serial_date(row: Row, value: str, datatype: str) -> None:
    """Refuse a date the spreadsheet program turned into its day number (44375 for 2021-06-28;
    five digits: the days from 1927 to 2173)."""
    if datatype in ("date", "year-month", "date-time") and re.fullmatch(r"\d{5}(\.\d+)?", value):
        shown = (_EPOCH + dt.timedelta(days=int(float(value)))).isoformat()
        raise _Bad(f"{row.where('value')}: {value} is a day number: the spreadsheet program turned the date typed "
                   f"here into its serial number ({value} is {shown})",
                   f"format the value column as Text (Format > Cells > Text), then type the date again as "
                   f"{shown if datatype == 'date' else 'YYYY-MM'}")


def rows_to_graph(rows: list[Row], path: Path, problems: Problems | None = None,
                  shared=None) -> tuple[Dataset, URIRef, dict]:
    """The case graph the rows state, its name, and where each statement was written:
    (subject, property, value) -> Row. Every row is read; the problems of all of them are
    raised together (one :class:`~paradiplo.errors.InputError`).

    A row whose citation cell is :data:`~.layout.SHARED` shows a statement of a shared source
    record (``shared``: the graph of ``data/sources.ttl``); it is checked against that record
    and left out of the case graph (the record stays where it is kept).

    Blank nodes get labels made from the workbook: a participation ``pd:activity-x#2`` is
    ``_:activity-x.2``, the citations of an entity ``_:ENTITY.c1``, ``.c2`` ... in the order
    of their rows, so the same workbook gives the same file."""
    own = problems is None
    problems = problems or Problems(path)
    bnodes: dict[str, BNode] = {}
    labels: set[str] = set()

    def label(text: str) -> str:
        base = re.sub(r"[^A-Za-z0-9-]+", ".", text).strip(".") or "b"
        name, n = base, 1
        while name in labels:
            n += 1
            name = f"{base}.{n}"
        labels.add(name)
        return name

    def participation(ident: str) -> BNode:
        if ident not in bnodes:
            bnodes[ident] = BNode(label(ident.removeprefix("pd:")))
        return bnodes[ident]

    statements, where = [], {}
    citations: dict[tuple, dict] = {}
    order: list[tuple] = []
    for row in rows:
        try:
            c = row.cells
            ident = c.get("id", "")
            if not ident:
                raise _Bad(f"{row.where('id')}: the row names no entity", "write its pd: name")
            if "#" in ident:
                _iri(Row(row.sheet, row.number, {"id": ident.split("#")[0]}), "id")
                subject = participation(ident)
            else:
                subject = _iri(row, "id")
            prop_text = c.get("property", "")
            prop = _iri(row, "property") if prop_text else None
            value = None
            if c.get("value"):
                language = c.get("language", "").lower()
                if language and language not in ("en", "id"):
                    raise _Bad(f"{row.where('language')}: {language[:20]!r} is not a language of paradiplo",
                               "write en (English) or id (Indonesian)")
                _serial_date(row, c["value"], c.get("datatype", ""))
                if "value" in row.dated:  # a date cell: read as the date it shows, at the datatype's precision
                    shown = {"year": 4, "year-month": 7}.get(c.get("datatype", ""), 10)
                    problems.notes.append(f"{row.where('value')}: a date cell (the spreadsheet program made it one), "
                                          f"read as {c['value'][:shown]}; type dates as text to keep what you type")
                    c = {**c, "value": c["value"][:shown]}
                if "#" in c["value"] and c["value"].startswith("pd:") and not language and not c.get("datatype"):
                    value = participation(c["value"])
                else:
                    value = term_of(c["value"], language, c.get("datatype", ""), None)
                if value is None:
                    raise _Bad(f"{row.where('datatype')}: {c.get('datatype', '')[:40]!r} is not a datatype",
                               "write date, year, year-month, boolean, integer or decimal")
                if isinstance(value, URIRef):
                    value = _iri(Row(row.sheet, row.number, {"value": c["value"]}), "value")
                if prop is None:
                    raise _Bad(f"{row.where('property')}: a value without a property",
                               "say which property the value is of (a drop-down lists them)")
                if prop == RDF.type and not isinstance(value, URIRef):
                    raise _Bad(f"{row.where('value')}: the type {c['value'][:80]!r} is not a class name",
                               "write pdo:ClassName, e.g. pdo:MunicipalGovernment")
                if c.get("citation") == SHARED:
                    _shared_row(row, (subject, prop, value), shared)
                    continue
                if prop == RDF.type and value == PDO.Case and not SLUG.match(str(subject)[len(str(PD)):]
                                                                          .removeprefix("case-")):
                    raise _Bad(f"{row.where('id')}: {ident[:80]!r} cannot name a case: the case's name becomes its "
                               "file name", "write pd:case-SLUG, SLUG lower-case letters, digits and hyphens "
                               "(pd:case-bandung-fort-worth)")
                statements.append((subject, prop, value))
                where.setdefault((subject, prop, value), row)
                where.setdefault((subject, None, None), row)
            if c.get("citation") == SHARED:
                raise _Bad(f"{row.where('value')}: a row of a shared source record ({SHARED}) without a value",
                           f"leave the rows marked {SHARED} as they were exported, or delete them")
            passage = tuple(c.get(k, "") for k in ("source", "locator", "quote", "kind", "reason"))
            if any(passage) or c.get("citation"):
                if not c.get("source"):
                    raise _Bad(f"{row.where('source')}: a citation without its source",
                               "write the source (pd:source-...), or pd:source-editorial with a reason")
                source = _iri(row, "source")
                kind = _iri(row, "kind") if c.get("kind") else None
                key = (subject, c.get("citation") or passage)
                if key not in citations:
                    citations[key] = {"passage": passage, "row": row, "supports": [], "values": [],
                                      "source": source, "kind": kind}
                    order.append(key)
                elif c.get("citation") and citations[key]["passage"] != passage:
                    first = citations[key]["row"]
                    raise _Bad(f"{row.where('citation')}: citation {c['citation']} of {ident} has another "
                               f"source, locator, quote or reason than on row {first.number}",
                               "rows that share a citation key share one passage; give this row its own key")
                info = citations[key]
                if prop is not None and prop != RDF.type and prop not in info["supports"]:
                    info["supports"].append(prop)
                if prop is not None and prop != RDF.type and c.get("only", "").lower() in ("yes", "ya", "x", "true") \
                        and value is not None and value not in info["values"]:
                    info["values"].append(value)
        except _Bad as bad:
            problems.add(bad.message, bad.hint)
    graph_name = next((s for s, p, o in statements if p == RDF.type and o == PDO.Case), None)
    if graph_name is None and not problems.items:
        raise InputError(path, "no row says which case this is",
                         hint="on the Case sheet: id pd:case-SLUG, property a, value pdo:Case")
    if own or graph_name is None:
        problems.raise_any()
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    g = ds.graph(graph_name)
    for t in statements:
        g.add(t)
    counts: dict = defaultdict(int)
    for key in order:
        subject, _ = key
        info = citations[key]
        _, locator, quote, _, reason = info["passage"]
        counts[subject] += 1
        owner = str(subject)[len(str(PD)):] if isinstance(subject, URIRef) else str(subject)
        cite = BNode(label(f"{owner}.c{counts[subject]}"))
        g.add((subject, PDO.attestedBy, cite))
        g.add((cite, PDO.source, info["source"]))
        for p, text in ((PDO.locator, locator), (PDO.quote, quote)):
            if text:
                g.add((cite, p, Literal(text)))
        if info["kind"] is not None:
            g.add((cite, PDO.editorialKind, info["kind"]))
        if reason:
            g.add((cite, PDO.reason, Literal(reason, lang="en")))
        for p in info["supports"]:
            g.add((cite, PDO.supports, p))
        for v in info["values"]:
            g.add((cite, PDO.supportsValue, v))
    return ds, graph_name, where


def _shared_row(row: Row, statement: tuple, shared) -> None:
    """Check a row marked :data:`~.layout.SHARED` against the shared source records: it is
    shown for reference, so it must say what ``data/sources.ttl`` says."""
    if shared is not None and statement in shared:
        return
    ident = row.cells.get("id", "")
    if shared is None or (statement[0], None, None) not in shared:
        raise _Bad(f"{row.where('citation')}: {ident[:80]} is not a source kept in {SHARED}, yet the row is "
                   f"marked {SHARED}", "clear the citation cell and give the row its passage, as on any row")
    raise _Bad(f"{row.where('value')}: {ident[:80]} is a shared source kept in {SHARED}, which does not say this "
               f"({row.cells.get('property', '')} {row.cells.get('value', '')[:60]!r}); rows marked {SHARED} are "
               "shown, not imported",
               f"change {SHARED} itself (every case citing the source sees it), or clear the citation cell and "
               "give the row a passage to state it in this case only")


__all__ = ["MAX_CELL", "MAX_ROWS", "MAX_UNZIPPED", "Problems", "Row", "SLUG", "TYPE", "read_rows",
           "rows_to_graph"]
