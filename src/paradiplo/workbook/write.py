"""A case graph as workbook rows, and the rows as an XLSX workbook or a folder of CSV files.

Every statement of the case graph is one row (one row per statement and citation when
several passages state it); citations are written on the rows of the statements they
support, so the workbook carries the per-statement provenance of the graph and reads back
into an isomorphic graph (:func:`paradiplo.workbook.read.rows_to_graph`).
"""

from __future__ import annotations

import io
from collections import defaultdict

from rdflib import RDF, RDFS, BNode, Graph, URIRef

from ..errors import ExportError
from ..kg import SOURCES_GRAPH, KnowledgeGraph
from ..kg import rows as kg_rows
from ..namespaces import PD, PDO
from ..output import csv_text, not_in_xml
from .layout import COLUMNS, DATATYPES, SHARED, SHEETS, cell_of, name_of

_CITATION_PARTS = {PDO.source, PDO.locator, PDO.quote, PDO.supports, PDO.supportsValue, PDO.editorialKind,
                   PDO.reason}


def _sheet_of(kg: KnowledgeGraph) -> dict[URIRef, str]:
    """The sheet each entity of the knowledge graph goes on (by its entailed classes)."""
    values = " ".join(f"(pdo:{cls} {i})" for i, (_, cls) in enumerate(SHEETS) if cls)
    q = f"SELECT ?x (MIN(?i) AS ?first) WHERE {{ VALUES (?c ?i) {{ {values} }} ?x a ?c }} GROUP BY ?x"
    return {URIRef(str(r["x"])): SHEETS[int(r["first"])][0] for r in kg_rows(kg, q)}


def _citations(g: Graph, node) -> list[dict]:
    """The citations of a node, each as a dict, in a fixed order (keys c1, c2 ...)."""
    out = []
    for c in g.objects(node, PDO.attestedBy):
        extra = {p for p, _ in g.predicate_objects(c)} - _CITATION_PARTS
        if extra:
            raise ExportError(f"a citation of {node} has properties the workbook has no column for: "
                              f"{sorted(map(str, extra))}; edit the case file (TriG) instead")
        reason = g.value(c, PDO.reason)
        out.append({"source": g.value(c, PDO.source), "locator": g.value(c, PDO.locator),
                    "quote": g.value(c, PDO.quote), "supports": set(g.objects(c, PDO.supports)),
                    "values": set(g.objects(c, PDO.supportsValue)), "kind": g.value(c, PDO.editorialKind),
                    "reason": reason})
    out.sort(key=lambda c: tuple(str(c[k] or "") for k in ("source", "locator", "quote", "kind", "reason"))
             + (sorted(map(str, c["supports"])), sorted(map(str, c["values"]))))
    for i, c in enumerate(out, 1):
        c["key"] = f"c{i}"
    return out


def _citation_cells(c: dict | None, value=None) -> dict:
    if c is None:
        return {}
    return {"citation": c["key"], "source": name_of(c["source"]) if c["source"] else "",
            "locator": str(c["locator"] or ""), "quote": str(c["quote"] or ""),
            "only": "yes" if c["values"] and value in c["values"] else "",
            "kind": name_of(c["kind"]) if c["kind"] else "", "reason": str(c["reason"] or "")}


def case_rows(kg: KnowledgeGraph, graph: URIRef) -> dict[str, list[dict]]:
    """Sheet name -> rows (column -> cell text) for the named graph ``graph`` of ``kg``."""
    g = kg.rdflib.graph(graph)
    if not len(g):
        raise ExportError(f"no statements in {graph}: no such case, or its file is empty")
    sheet_of = _sheet_of(kg)
    # a participation (blank node) is named after its affair: pd:activity-x#1, #2 ...
    names: dict[BNode, str] = {}
    for s, o in sorted(g.subject_objects(PDO.participation), key=lambda so: (str(so[0]), _bnode_key(g, so[1]))):
        names[o] = f"{name_of(s)}#{sum(1 for n in names.values() if n.startswith(name_of(s) + '#')) + 1}"
    nodes = sorted({s for s in g.subjects() if isinstance(s, URIRef)}, key=str) + sorted(names, key=names.get)
    sheets: dict[str, list[dict]] = defaultdict(list)
    for node in nodes:
        sheet = "Participations" if isinstance(node, BNode) else sheet_of.get(node, "Other")
        ident = names.get(node) or name_of(node)
        cites = _citations(g, node)
        placed = set()
        statements = sorted(((p, o) for p, o in g.predicate_objects(node) if p != PDO.attestedBy),
                            key=lambda po: (po[0] != RDF.type, po[0] != RDFS.label, name_of(po[0]), str(po[1])))
        for p, o in statements:
            value, language, datatype = cell_of(o, names)
            base = {"id": ident, "property": name_of(p), "value": value, "language": language, "datatype": datatype}
            if p == RDF.type:
                supporting = [c for c in cites if not c["supports"] and c["key"] not in placed]
            else:
                supporting = [c for c in cites if p in c["supports"] and (not c["values"] or o in c["values"])]
            for c in supporting or [None]:
                sheets[sheet].append({**base, **_citation_cells(c, o)})
                if c is not None:
                    placed.add(c["key"])
        for c in cites:  # a citation no statement shows (it names a value the entity lacks)
            if c["key"] not in placed:
                prop = sorted(c["supports"], key=str)[0] if c["supports"] else RDF.type
                sheets[sheet].append({"id": ident, "property": name_of(prop), "value": "", "language": "",
                                      "datatype": "", **_citation_cells(c)})
    return {name: sheets[name] for name, _ in SHEETS if sheets.get(name)}


def shared_source_rows(kg: KnowledgeGraph, graph: URIRef) -> list[dict]:
    """The rows of the shared source records (``data/sources.ttl``) that the case ``graph``
    cites or says something about, each marked ``citation`` :data:`~.layout.SHARED`: they are
    shown so that the Sources sheet lists every source of the case, and import leaves them in
    ``data/sources.ttl`` (a statement the case graph makes itself is the case's row, not one of these).

    >>> from paradiplo.kg import load
    >>> rows = shared_source_rows(load(), PD["case-jakarta-hanoi"])
    >>> [(r["value"], r["citation"]) for r in rows if r["id"] == "pd:source-002" and r["property"] == "pdo:fileName"]
    [('002_5a7b4635765af7ee.txt', 'data/sources.ttl')]
    """
    g, shared = kg.rdflib.graph(graph), kg.rdflib.graph(SOURCES_GRAPH)
    named = {s for s in g.objects(None, PDO.source) if isinstance(s, URIRef)}
    named |= {s for s in g.subjects() if isinstance(s, URIRef)}
    rows = []
    for source in sorted(s for s in named if (s, None, None) in shared):
        statements = sorted(((p, o) for p, o in shared.predicate_objects(source) if (source, p, o) not in g),
                            key=lambda po: (po[0] != RDF.type, po[0] != RDFS.label, name_of(po[0]), str(po[1])))
        for p, o in statements:
            if isinstance(o, BNode):  # no shared record has one; a blank node would not read back
                continue
            value, language, datatype = cell_of(o)
            rows.append({"id": name_of(source), "property": name_of(p), "value": value, "language": language,
                         "datatype": datatype, "citation": SHARED})
    return rows


def _bnode_key(g: Graph, b) -> str:
    """A participation's content, to number participations the same way every time."""
    return " ".join(sorted(f"{p} {o}" for p, o in g.predicate_objects(b) if p != PDO.attestedBy))


def _csv(rows) -> bytes:
    """CSV bytes: UTF-8 with a byte-order mark (which Excel and LibreOffice take as UTF-8),
    CRLF line ends (RFC 4180: a cell with a lone CR is quoted too), no cell a formula."""
    return ("\ufeff" + csv_text(rows, line_end="\r\n")).encode("utf-8")


def csv_files(sheets: dict[str, list[dict]], lists: dict[str, list[str]] | None = None) -> dict[str, bytes]:
    """File name -> CSV bytes: every sheet of the workbook (a sheet with no rows keeps its
    header, so the folder has the same sheets as the .xlsx) and, given ``lists``, the Guide
    and the Lists (the values the .xlsx offers in drop-downs, one column a list)."""
    out = {}
    if lists is not None:
        out["Guide.csv"] = _csv([[line] for line in guide_lines(lists)])
        names = sorted(lists)
        depth = max((len(v) for v in lists.values()), default=0)
        out["Lists.csv"] = _csv([names, *([lists[n][i] if i < len(lists[n]) else "" for n in names]
                                          for i in range(depth))])
    for name, _ in SHEETS:
        out[f"{name}.csv"] = _csv([COLUMNS.values(), *([r.get(k, "") for k in COLUMNS] for r in sheets.get(name, []))])
    return out


def xlsx_bytes(sheets: dict[str, list[dict]], lists: dict[str, list[str]]) -> bytes:
    """The workbook: one sheet per kind, text cells (dates cannot be reformatted), a
    Guide sheet, and drop-down lists (from ``lists``: column -> allowed values) kept on
    a Lists sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    for rows in sheets.values():  # XML 1.0 cannot hold most control characters: say where, before writing
        for r in rows:
            for column, text in r.items():
                bad = not_in_xml(text)
                if bad:
                    raise ExportError(f"{r.get('id')} {r.get('property')}: the {column} holds the control character "
                                      f"{bad}, which an .xlsx workbook cannot hold; remove it "
                                      "from the data, or export the workbook as a folder of CSV files")
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    guide = wb.active
    guide.title = "Guide"
    for line in guide_lines(lists):
        guide.append([line])
    guide.column_dimensions["A"].width = 120
    values_sheet = wb.create_sheet("Lists")
    for col, (name, values) in enumerate(sorted(lists.items()), 1):
        values_sheet.cell(row=1, column=col, value=name).font = Font(bold=True)
        for i, v in enumerate(values, 2):
            values_sheet.cell(row=i, column=col, value=v)
    list_ranges = {name: f"Lists!${_letter(col)}$2:${_letter(col)}${len(values) + 1}"
                   for col, (name, values) in enumerate(sorted(lists.items()), 1) if values}
    columns = list(COLUMNS)
    for name, _ in SHEETS:
        ws = wb.create_sheet(name)
        ws.append(list(COLUMNS.values()))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in sheets.get(name, []):
            ws.append([r.get(k, "") for k in columns])
            for cell in ws[ws.max_row]:
                _as_text(cell)
        last = max(ws.max_row, 2) + 200  # room to add rows with the same drop-downs
        for row in ws.iter_rows(min_row=2, max_row=last):
            for cell in row:
                cell.number_format = "@"  # text: 2015-03-12 stays 2015-03-12
        for column, source in (("property", "properties"), ("value", "values"), ("language", "languages"),
                               ("datatype", "datatypes"), ("source", "sources"), ("kind", "editorial kinds"),
                               ("only", "yes")):
            if source in list_ranges:
                dv = DataValidation(type="list", formula1=list_ranges[source], allow_blank=True,
                                    showErrorMessage=False)
                letter = _letter(columns.index(column) + 1)
                dv.add(f"{letter}2:{letter}{last}")
                ws.add_data_validation(dv)
        for i, width in enumerate((34, 24, 40, 10, 12, 9, 22, 24, 60, 10, 24, 50), 1):
            ws.column_dimensions[_letter(i)].width = width
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _as_text(cell) -> None:
    """Keep a cell that starts like a formula (``=``, ``+``, ``-``, ``@``) a text cell: openpyxl
    would store ``=...`` as a formula, which a spreadsheet program runs."""
    if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
        cell.data_type = "s"
        cell.quotePrefix = True  # the program's own mark for 'text, though it looks like a formula'


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def drop_down_lists(kg: KnowledgeGraph) -> dict[str, list[str]]:
    """The values the drop-downs offer: the ontology's classes and properties, the
    vocabularies' concepts, the sources and actors already in the graph."""
    def names(q):
        return sorted({name_of(URIRef(str(r["x"]))) for r in kg_rows(kg, q)})
    lists = {
        "classes": names("SELECT ?x WHERE { ?x a owl:Class FILTER (STRSTARTS(STR(?x), STR(pdo:))) }"),
        "properties": ["a", "rdfs:label", "dcterms:title", "dcterms:language",
                       *names("SELECT ?x WHERE { VALUES ?k { owl:ObjectProperty owl:DatatypeProperty "
                              "owl:AnnotationProperty } ?x a ?k FILTER (STRSTARTS(STR(?x), STR(pdo:))) }")],
        "concepts": names("SELECT ?x WHERE { ?x a skos:Concept }"),
        "sources": names("SELECT ?x WHERE { ?x a pdo:Source }"),
        "actors": names(f"SELECT ?x WHERE {{ ?x a pdo:Actor FILTER (STRSTARTS(STR(?x), '{PD}')) }}"),
        "languages": ["en", "id"],
        "datatypes": sorted(DATATYPES),
        "editorial kinds": names("SELECT ?x WHERE { ?x skos:inScheme <https://w3id.org/paradiplo/vocab/editorial/> }"),
        "yes": ["yes"],
    }
    lists["editorial properties"] = names("SELECT ?x WHERE { ?x pdo:editorialReason ?why }")
    # the value column offers classes, concepts, actors and sources (other text may be typed)
    lists["values"] = [*lists["classes"], *lists["concepts"], *lists["actors"], *lists["sources"]]
    return lists


GUIDE = [
    "paradiplo case workbook / buku kerja kasus paradiplo",
    "",
    "One row is one statement: who (id), what (property) and which value, with the passage of the source that "
    "states it on the same row (source, locator, quote).",
    "Satu baris adalah satu pernyataan: siapa (id), apa (property) dan nilainya (value), dengan bagian sumber yang "
    "menyatakannya pada baris yang sama (source, locator, quote).",
    "",
    "id: the entity, pd:lower-case-with-hyphens (pd:semarang-city-government). "
    "A participation is pd:ACTIVITY#1, #2 ...",
    "property: 'a' for the type (a = pdo:MunicipalGovernment), rdfs:label for a name, or a pdo: property "
    "(drop-down; definitions in ontology/paradiplo.ttl and CONTRIBUTING.md).",
    "value: another entity (pd:...), a concept (role:host, field:culture ...), or text. Text in a language has "
    "language en or id; a date has datatype date (YYYY-MM-DD), year (YYYY) or year-month (YYYY-MM). "
    "Cells are text: type 2015-03-12, not a spreadsheet date.",
    "citation: rows of one entity with the same key share one citation; leave it empty and rows with the same "
    "source, locator and quote share one.",
    "source, locator, quote: the source (pd:source-...), where in it (section, paragraph), and its words verbatim "
    "(at most ~200 characters).",
    "only this value: 'yes' when the passage states this value of the property and not the others.",
    f"Sources kept in {SHARED} (shared by several cases) are listed on the Sources sheet with citation "
    f"{SHARED}: they are shown, not imported; to change one, edit {SHARED}.",
    f"Sumber yang disimpan di {SHARED} (dipakai bersama beberapa kasus) tercantum di lembar Sources dengan "
    f"citation {SHARED}: hanya ditampilkan, tidak diimpor; untuk mengubahnya, sunting {SHARED}.",
    "editorial kind, reason: for what the curators add (source pd:source-editorial): the kind "
    "(editorial:identification, normalisation, inference, classification, source-criticism) and why, in English.",
    "",
    "",
    "Which rows need a passage: every row except a (the type), rdfs:label and skos:altLabel, and the properties "
    "the curators decide by definition (listed below). A passage is source, locator and quote on the row, or the "
    "citation key of a row of the same entity whose quote states it; for what no source says but the curators "
    "conclude, source pd:source-editorial with an editorial kind and reason. Why: every published statement "
    "must be checkable against the words of a source (docs/provenance.md).",
    "Baris mana yang perlu kutipan: setiap baris kecuali a (tipe), rdfs:label dan skos:altLabel, dan properti yang "
    "ditetapkan kurator (di bawah). Kutipan adalah source, locator dan quote pada baris itu, atau kunci citation "
    "dari baris entitas yang sama yang quote-nya menyatakannya; untuk kesimpulan kurator, source "
    "pd:source-editorial dengan editorial kind dan reason.",
    "",
    "Then: paradiplo import case THIS-FILE.xlsx (or the folder of CSV files)   (validates the case, and writes "
    "data/cases/SLUG.trig only if it conforms; otherwise the draft is out/drafts/SLUG.trig; every message names "
    "the sheet and row).",
    "CSV files are UTF-8 (with a byte-order mark): open them as 'Unicode (UTF-8)' (LibreOffice: Character set "
    "in the Text Import dialog), save as 'CSV UTF-8'. "
    "Type dates as text (2015-03-12): a cell the program turns into a date number (42075) is refused.",
]


def guide_lines(lists: dict[str, list[str]]) -> list[str]:
    """The Guide sheet: :data:`GUIDE`, then the properties that need no passage of their own."""
    free = ", ".join(lists.get("editorial properties", []))
    return [*GUIDE, "", f"No passage needed (editorial by definition) / tidak perlu kutipan: a, rdfs:label, "
                        f"skos:altLabel{', ' + free if free else ''}."]
