"""Findings about a case written from a workbook, said in the workbook's words: each points
at its own sheet and row (the row whose statement or passage it is about) and names the
column(s) to fill or correct and the fix, in English or Indonesian.

The words are the shapes' own: a shape a workbook row can break carries
``pdsh:workbookMessage`` (en/id) and ``pdsh:workbookColumn`` beside its ``sh:message`` in
``ontology/shapes/``, so whoever changes a rule sees the workbook's wording of it there.
``{id}``, ``{property}`` and ``{value}`` in a message stand for the row's cells, ``{said}``
for the shape's message as the check filled it (a computed fix: the date meant, the
closest passage). A shape without one keeps its ``sh:message``.

Examples
--------
>>> words = workbook_words()
>>> column, message = words["pdsh:Citation-quote"]["en"]
>>> column
'quote'
>>> fill("{id} has no name", {"id": "pd:x"}, "")
'pd:x has no name'
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from .layout import SHEETS

#: a citation finding's property -> the workbook column that holds it
_CITATION_COLUMNS = (("pdo:quote", "quote"), ("pdo:locator", "locator"), ("pdo:source", "source"),
                     ("pdo:reason", "reason"), ("pdo:editorialKind", "kind"))
_COLUMN_WORDS = {"reason": "editorial reason", "kind": "editorial kind"}


def workbook_words(root: Path | None = None) -> dict[str, dict[str, tuple[str, str]]]:
    """``{shape: {language: (columns, message template)}}`` from the shapes' ``pdsh:workbookMessage``."""
    from rdflib import Literal

    from ..namespaces import PDSH
    from ..validate.locate import short_name
    from ..validate.shapes import shapes_graph

    g = shapes_graph(root)
    out: dict = defaultdict(dict)
    for shape, message in g.subject_objects(PDSH.workbookMessage):
        column = g.value(shape, PDSH.workbookColumn, default=Literal(""))
        out[short_name(shape)][message.language or "en"] = (str(column), str(message))
    return dict(out)


def fill(template: str, cells: dict[str, str], said: str) -> str:
    """A workbook message with the row's cells and the shape's filled message put in."""
    for name in ("id", "property", "value"):
        template = template.replace("{" + name + "}", cells.get(name) or "")
    return template.replace("{said}", said)


def _suggestion(message: str) -> str:
    """The "did you mean ...?" (or "propose a concept") the validator added to a message."""
    from ..validate.tidy import _DID_YOU_MEAN, _PROPOSE

    for table in (_DID_YOU_MEAN, _PROPOSE):
        for text in table.values():
            head = text.split("{}")[0]
            at = message.find(head)
            if at >= 0:
                return message[at:]
    return ""


def _plain_value(text: str | None) -> str | None:
    """A finding's value as a cell shows it: ``"2004"^^xsd:gYear`` -> ``2004``."""
    if text is None:
        return None
    m = re.fullmatch(r'"(.*)"(?:@[\w-]+|\^\^\S+)?', text, flags=re.S)
    return m.group(1) if m else text


def _citation_row(f, rows: list, column: str | None, used: set):
    """The row of the entity's passage a citation finding is about: one with a source whose
    cell in ``column`` is empty (a missing locator, quote, reason...) or whose quote the
    finding quotes; rows already given to a finding of the same shape come last."""
    cited = [r for r in rows if r.cells.get("source") or r.cells.get("citation")]

    def fits(r) -> bool:
        if f.shape == "pdsh:VerbatimQuoteShape":
            return bool(r.cells.get("quote")) and r.cells["quote"] in (f.message or "")
        return column is not None and not r.cells.get(column)

    ranked = [r for r in cited if fits(r)] or cited
    fresh = [r for r in ranked if (f.focus, f.shape, r.sheet, r.number) not in used]
    return (fresh or ranked or [None])[0]


def _participation_row(f, where: dict, owner: str, value: str | None):
    """The row of a participation (``pd:ACTIVITY#N``) a finding is about: the row of its
    property and value, else of its property, else the participation's first row."""
    rows = []
    for row in where.values():
        if row.cells.get("id", "").startswith(owner + "#") and row not in rows:
            rows.append(row)
    return next((r for r in rows if r.cells.get("property") == f.path and value is not None
                 and r.cells.get("value") == value), None) \
        or next((r for r in rows if r.cells.get("property") == f.path), None) or (rows[0] if rows else None)


def locate(findings: list, where: dict, workbook: Path, lang: str = "en") -> list:
    """Validation findings about the written TriG, pointed back at the workbook's rows: each
    names its sheet and the row of its statement (the row whose property and value it is
    about, or the row of the passage it is about), the column(s) to fill, and says the
    fix in the workbook's words; in the order of the workbook's sheets and rows."""
    from rdflib import URIRef

    from ..kg.labels import curie

    words = workbook_words()
    by_text = defaultdict(list)
    by_entity = defaultdict(list)
    for (s, p, o), row in where.items():
        by_text[(str(s), curie(p) if p is not None else None)].append((o, row))
        if p is not None and row not in by_entity[str(s)]:
            by_entity[str(s)].append(row)
    used: set = set()
    out = []
    for f in findings:
        column = next((c for key, c in _CITATION_COLUMNS if key in (f.path or "")), None)
        value = _plain_value(f.value)
        row = None
        if (f.detail or "").startswith("pdo:attestedBy") or f.shape == "pdsh:VerbatimQuoteShape":
            row = _citation_row(f, by_entity.get(f.focus, []), column, used)
        elif (f.detail or "").startswith("pdo:participation"):  # on the Participations sheet, pd:ACTIVITY#N
            row = _participation_row(f, where, curie(URIRef(f.focus)), value)
        if row is None and f.path is None and value is not None:  # a rule over the entity: the row of its value
            row = next((r for r in by_entity.get(f.focus, []) if r.cells.get("value") == value), None)
        if row is None:
            paths = (f.path or "").split("|") if f.path else [None]  # an alternative path: any of its properties
            candidates = [c for path in paths for c in by_text.get((f.focus, path), [])] \
                or by_text.get((f.focus, None)) or []
            row = next((r for o, r in candidates if f.value is None or f.value in (str(o), curie(o))
                        or value == str(o)), None)
            row = row or (candidates[0][1] if candidates else None)
        if row is not None:
            used.add((f.focus, f.shape, row.sheet, row.number))
            said = words.get(f.shape, {})
            columns, template = said.get(lang) or said.get("en") or ("", "")
            if not columns:
                columns = _COLUMN_WORDS.get(column, column) if column else "value" if f.value is not None \
                    else "property"
            message = f.message
            if template:
                cells = {**row.cells, "value": row.cells.get("value") or value or ""}
                message = fill(template, cells, f.message)
                if "{said}" not in template:
                    message += _suggestion(f.message)
            where_ = ("columns " if "," in columns or "/" in columns else "column ") + columns
            f = replace(f, file=f"{workbook.name}, sheet {row.sheet}", line=row.number, message=message,
                        detail=f"{f.detail}, {where_}" if f.detail else where_)
        out.append(f)
    sheets = {f"{workbook.name}, sheet {name}": i for i, (name, _) in enumerate(SHEETS)}
    return sorted(out, key=lambda f: (sheets.get(f.file, len(sheets)), f.line or 0))  # the workbook's order


__all__ = ["fill", "locate", "workbook_words"]
