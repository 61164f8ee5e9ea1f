"""A case workbook (XLSX, or a folder of CSV files) read back into a case graph.

Each row is checked as it is read; a cell that cannot be a statement is an
:class:`~paradiplo.errors.InputError` naming the sheet, the row and the column, and what to
write instead. What a row says that is wrong but readable (a date written 12-03-2015, a
misspelt class) is left to validation, whose findings :func:`locate` turns back into
sheet and row.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, BNode, Dataset, Literal, URIRef

from ..errors import InputError
from ..namespaces import PD, PDO, PREFIXES
from .layout import COLUMNS, SHEETS, TYPE, iri_of, term_of

_HEADER = {v.split(" / ")[0].strip().lower(): k for k, v in COLUMNS.items()}
_HEADER.update({k: k for k in COLUMNS})


@dataclass
class Row:
    sheet: str
    number: int  # as the spreadsheet program shows it (the header is row 1)
    cells: dict[str, str]

    def where(self, column: str | None = None) -> str:
        col = f", column {COLUMNS[column].split(' / ')[0]}" if column else ""
        return f"sheet {self.sheet}, row {self.number}{col}"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):  # a cell the spreadsheet program turned into a date
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(path: Path) -> list[Row]:
    """The rows of a workbook (``.xlsx``) or of a folder of ``SHEET.csv`` files."""
    path = Path(path)
    tables: list[tuple[str, list[list]]] = []
    if path.is_dir():
        for name, _ in SHEETS:
            f = path / f"{name}.csv"
            if f.is_file():
                try:
                    text = f.read_text(encoding="utf-8-sig")
                except UnicodeDecodeError:
                    raise InputError(f, "is not UTF-8 text", hint="save it as 'CSV UTF-8'") from None
                tables.append((name, list(csv.reader(text.splitlines()))))
        if not tables:
            raise InputError(path, "holds no sheet files", hint=f"expected e.g. {SHEETS[0][0]}.csv, Actors.csv")
    elif path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise InputError(path, "no such file") from None
        except Exception as err:  # openpyxl raises several kinds for a file that is no workbook
            raise InputError(path, f"is not an XLSX workbook ({err.__class__.__name__})",
                             hint="save it from your spreadsheet program as .xlsx") from None
        known = {name for name, _ in SHEETS}
        tables = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets
                  if ws.title in known]
    else:
        raise InputError(path, "is neither an .xlsx workbook nor a folder of CSV files")
    rows = []
    for sheet, table in tables:
        if not table:
            continue
        header = [_HEADER.get(_text(h).split(" / ")[0].lower()) for h in table[0]]
        missing = [COLUMNS[c] for c in ("id", "property", "value") if c not in header]
        if missing:
            raise InputError(path, f"sheet {sheet}: the header row lacks {', '.join(missing)}",
                             hint="keep the first row of the template")
        for i, values in enumerate(table[1:], 2):
            cells = {c: _text(v) for c, v in zip(header, values, strict=False) if c}
            if any(cells.values()):
                rows.append(Row(sheet, i, cells))
    return rows


def _iri(row: Row, column: str, path: Path) -> URIRef:
    text = row.cells.get(column, "")
    iri = iri_of(text)
    if iri is None or (column == "id" and not str(iri).startswith(str(PD))):
        raise InputError(path, f"{row.where(column)}: {text!r} is not a name paradiplo knows",
                         hint="write pd:lower-case-with-hyphens for an entity, or prefix:name with one of "
                              + ", ".join(sorted(PREFIXES)) + " (or <https://...> for an outside address)")
    return iri


def rows_to_graph(rows: list[Row], path: Path) -> tuple[Dataset, URIRef, dict]:
    """The case graph the rows state, its name, and where each statement was written:
    (subject, property, value) -> Row."""
    bnodes: dict[str, BNode] = {}
    statements, where = [], {}
    citations: dict[tuple, dict] = {}
    order: list[tuple] = []
    for row in rows:
        c = row.cells
        ident = c.get("id", "")
        if not ident:
            raise InputError(path, f"{row.where('id')}: the row names no entity", hint="write its pd: name")
        subject = bnodes.setdefault(ident, BNode()) if "#" in ident else _iri(row, "id", path)
        prop_text = c.get("property", "")
        prop = _iri(row, "property", path) if prop_text else None
        value = None
        if c.get("value"):
            language = c.get("language", "").lower()
            if language and language not in ("en", "id"):
                raise InputError(path, f"{row.where('language')}: {language!r} is not a language of paradiplo",
                                 hint="write en (English) or id (Indonesian)")
            value = term_of(c["value"], language, c.get("datatype", ""), bnodes)
            if value is None:
                raise InputError(path, f"{row.where('datatype')}: {c.get('datatype')!r} is not a datatype",
                                 hint="write date, year, year-month, boolean, integer or decimal")
            if prop is None:
                raise InputError(path, f"{row.where('property')}: a value without a property",
                                 hint="say which property the value is of (a drop-down lists them)")
            if prop == RDF.type and not isinstance(value, URIRef):
                raise InputError(path, f"{row.where('value')}: the type {c['value']!r} is not a class name",
                                 hint="write pdo:ClassName, e.g. pdo:MunicipalGovernment")
            statements.append((subject, prop, value))
            where.setdefault((subject, prop, value), row)
            where.setdefault((subject, None, None), row)
        passage = tuple(c.get(k, "") for k in ("source", "locator", "quote", "kind", "reason"))
        if any(passage) or c.get("citation"):
            if not c.get("source"):
                raise InputError(path, f"{row.where('source')}: a citation without its source",
                                 hint="write the source (pd:source-...), or pd:source-editorial with a reason")
            key = (subject, c.get("citation") or passage)
            if key not in citations:
                citations[key] = {"passage": passage, "row": row, "supports": set(), "values": set()}
                order.append(key)
            elif c.get("citation") and citations[key]["passage"] != passage:
                first = citations[key]["row"]
                raise InputError(path, f"{row.where('citation')}: citation {c['citation']} of {ident} has another "
                                       f"source, locator, quote or reason than on row {first.number}",
                                 hint="rows that share a citation key share one passage; give this row its own key")
            if prop is not None and prop != RDF.type:
                citations[key]["supports"].add(prop)
                if c.get("only", "").lower() in ("yes", "ya", "x", "true") and value is not None:
                    citations[key]["values"].add(value)
    graph_name = next((s for s, p, o in statements if p == RDF.type and o == PDO.Case), None)
    if graph_name is None:
        raise InputError(path, "no row says which case this is",
                         hint="on the Case sheet: id pd:case-SLUG, property a, value pdo:Case")
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    g = ds.graph(graph_name)
    for t in statements:
        g.add(t)
    for key in order:
        subject, _ = key
        info = citations[key]
        source, locator, quote, kind, reason = info["passage"]
        cite = BNode()
        g.add((subject, PDO.attestedBy, cite))
        g.add((cite, PDO.source, _iri(info["row"], "source", path)))
        for p, text in ((PDO.locator, locator), (PDO.quote, quote)):
            if text:
                g.add((cite, p, Literal(text)))
        if kind:
            g.add((cite, PDO.editorialKind, _iri(info["row"], "kind", path)))
        if reason:
            g.add((cite, PDO.reason, Literal(reason, lang="en")))
        for p in info["supports"]:
            g.add((cite, PDO.supports, p))
        for v in info["values"]:
            g.add((cite, PDO.supportsValue, v))
    return ds, graph_name, where


def locate(findings: list, where: dict, workbook: Path) -> list:
    """Validation findings about the written TriG, pointed back at the workbook's rows."""
    from dataclasses import replace

    from ..kg.labels import curie

    by_text = defaultdict(list)
    for (s, p, o), row in where.items():
        by_text[(str(s), curie(p) if p is not None else None)].append((o, row))
    out = []
    for f in findings:
        candidates = by_text.get((f.focus, f.path)) or by_text.get((f.focus, None)) or []
        row = next((r for o, r in candidates if f.value is None or f.value in (str(o), curie(o))), None)
        row = row or (candidates[0][1] if candidates else None)
        if row is not None:
            citation = (("pdo:quote", "quote"), ("pdo:locator", "locator"), ("pdo:source", "source"),
                        ("pdo:reason", "editorial reason"), ("pdo:editorialKind", "editorial kind"))
            column = "column " + next((c for key, c in citation if key in (f.path or "")),
                                      "value" if f.value is not None else "property")
            f = replace(f, file=f"{workbook.name}, sheet {row.sheet}", line=row.number,
                        detail=f"{f.detail}, {column}" if f.detail else column)
        out.append(f)
    return out


__all__ = ["Row", "TYPE", "locate", "read_rows", "rows_to_graph"]
