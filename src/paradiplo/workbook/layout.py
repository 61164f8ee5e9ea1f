"""The case workbook's layout: its sheets, its columns, and how a cell holds an RDF term.

A case is written one statement a row, on the sheet of the kind of thing it is about
(Actors, Agreements, Activities ...). A row says who (``id``), what (``property``) and
which ``value``; the passage that states it sits on the same row (``source``,
``locator``, ``quote``), or the curators' reason (``editorial kind``, ``reason``). Rows of
one entity that share a ``citation`` key share one citation; a new row may leave the key
empty, and rows with the same passage then share one. A participation is written as
``pd:ACTIVITY#N`` (the N-th participation of that activity).

Examples
--------
>>> cell_of(Literal("2004", datatype=XSD.gYear))
('2004', '', 'year')
>>> term_of("2004-11-23", "", "date").n3()
'"2004-11-23"^^<http://www.w3.org/2001/XMLSchema#date>'
"""

from __future__ import annotations

from rdflib import RDF, XSD, BNode, Literal, URIRef

from ..kg.labels import curie, expand

#: (sheet, the pdo class whose instances it holds); the first that fits an entity wins
SHEETS = (("Case", "Case"), ("Sources", "Source"), ("Places", "Place"), ("Actors", "Actor"),
          ("Posts", "PostHolding"), ("Partnerships", "Partnership"), ("Agreements", "Agreement"),
          ("Activities", "Activity"), ("Participations", "Participation"), ("Factors", "Factor"),
          ("Assessments", "Assessment"), ("Recommendations", "Recommendation"), ("Claims", "SourceClaim"),
          ("Notes", "Note"), ("Other", None))

#: column name -> its header (English / Indonesian)
COLUMNS = {
    "id": "id", "property": "property / properti", "value": "value / nilai", "language": "language / bahasa",
    "datatype": "datatype / tipe data", "citation": "citation / kutipan", "source": "source / sumber",
    "locator": "locator / lokasi", "quote": "quote / kutipan langsung",
    "only": "only this value / hanya nilai ini", "kind": "editorial kind / jenis editorial",
    "reason": "editorial reason / alasan editorial",
}

#: short datatype names a contributor writes -> XSD datatypes
DATATYPES = {"date": XSD.date, "year": XSD.gYear, "year-month": XSD.gYearMonth, "boolean": XSD.boolean,
             "integer": XSD.integer, "decimal": XSD.decimal, "number": XSD.double, "web address": XSD.anyURI,
             "date-time": XSD.dateTime}
_NAME_OF = {v: k for k, v in DATATYPES.items()}
TYPE = "a"  # the property column's name for rdf:type, as in Turtle
#: the citation cell of a row that shows a shared source record (data/sources.ttl): shown, not imported
SHARED = "data/sources.ttl"


def name_of(term) -> str:
    """An IRI as the workbook writes it: ``pd:x``, ``pdo:City``, ``role:host``, ``a``, or ``<...>``."""
    if term == RDF.type:
        return TYPE
    short = curie(term)
    return short if short != str(term) else f"<{term}>"


def iri_of(text: str) -> URIRef | None:
    """The IRI a cell names (``pd:x``, ``<https://...>``, ``a``), or None if it names none."""
    text = text.strip()
    if text == TYPE:
        return RDF.type
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    iri = expand(text) if " " not in text else None
    return URIRef(iri) if iri else None


def cell_of(term, bnode_names: dict | None = None) -> tuple[str, str, str]:
    """(value, language, datatype) cells for an RDF term."""
    if isinstance(term, BNode):
        return (bnode_names or {}).get(term, str(term)), "", ""
    if isinstance(term, Literal):
        datatype = "" if term.datatype in (None, XSD.string) else _NAME_OF.get(term.datatype, name_of(term.datatype))
        return str(term), term.language or "", datatype
    return name_of(term), "", ""


def term_of(value: str, language: str, datatype: str, bnodes: dict | None = None):
    """The RDF term a row's value cells name; None when the value is a name that is not
    one (the caller reports it). A value with a language or a datatype is a literal; a
    ``pd:x#N`` is a participation; ``prefix:local`` and ``<iri>`` are IRIs; else text."""
    if language:
        return Literal(value, lang=language)
    if datatype:
        dt = DATATYPES.get(datatype) or iri_of(datatype)
        return Literal(value, datatype=dt) if dt is not None else None
    if "#" in value and value.startswith("pd:") and bnodes is not None:
        return bnodes.setdefault(value, BNode())
    iri = iri_of(value)
    if iri is not None:
        return iri
    return Literal(value)
