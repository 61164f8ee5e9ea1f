"""What a query returned, and its formats: the engine's own serialisation (SPARQL JSON
results for SELECT and ASK, N-Triples for graphs), readable as rows, a boolean or a graph,
and written by Oxigraph's SPARQL results and RDF writers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import XSD

from ..errors import QueryError, ResultTooLarge
from ..kg.labels import curie
from ..kg.terms import rdflib_term
from ..namespaces import PREFIXES

#: --format -> Oxigraph writer, for tables (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE).
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
                 "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "rdfxml": ox.RdfFormat.RDF_XML}


@dataclass
class QueryResult:
    """What a query returned: the engine's own serialisation (SPARQL JSON results for
    SELECT and ASK, N-Triples for graphs), readable as rows, a boolean or a graph."""

    form: str
    data: bytes = b""
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # variable -> rdflib term or None
    boolean: bool | None = None

    def _parsed(self):
        return ox.parse_query_results(self.data, format=ox.QueryResultsFormat.JSON)

    @property
    def graph(self) -> Graph:
        """The triples of a CONSTRUCT or DESCRIBE query as an rdflib Graph."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        if self.data:
            g.parse(data=self.data.decode("utf-8"), format="nt")
        return g

    def serialize(self, fmt: str) -> bytes:
        """The result in ``fmt``: json, xml, csv, tsv for tables; turtle, trig, jsonld, nt
        for graphs (by Oxigraph's writers, with the project prefixes)."""
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a {self.form} query gives a graph: use --format {', '.join(GRAPH_FORMATS)}")
            triples = ox.parse(self.data, format=ox.RdfFormat.N_TRIPLES)
            prefixes = PREFIXES if fmt in ("turtle", "trig", "rdfxml") else None
            return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a {self.form} query gives a table: use --format table, csv, tsv, json or xml")
        if fmt == "json":
            return self.data  # already SPARQL JSON results
        return self._parsed().serialize(format=RESULT_FORMATS[fmt])


def _bounded(items, limit: int):
    """``items``, or ResultTooLarge as soon as there are more than ``limit``: a large result
    is refused while it is computed, not after it has been held in memory whole."""
    for i, item in enumerate(items):
        if i >= limit:
            raise ResultTooLarge(f"the result has more than {limit:,} rows: add LIMIT (and OFFSET to page)")
        yield item


def _json_results(solutions: ox.QuerySolutions, limit: int) -> bytes:
    """SPARQL 1.1 JSON results of at most ``limit`` solutions (else ResultTooLarge), written
    as they come. Oxigraph's writer takes the whole iterator, which cannot be cut short.

    >>> store = ox.Store()
    >>> _json_results(store.query('SELECT ?x ?l WHERE { VALUES (?x ?l) { (<http://e.org/a> "b"@en) } }'), 5)
    b'{"head":{"vars":["x","l"]},"results":{"bindings":[{"x":{"type":"uri","value":"http://e.org/a"},\
"l":{"type":"literal","value":"b","xml:lang":"en"}}]}}'
    """
    names = [v.value for v in solutions.variables]
    bindings = [{n: _json_term(s[n]) for n in names if s[n] is not None} for s in _bounded(solutions, limit)]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != str(XSD.string):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def _with_rows(result: QueryResult) -> QueryResult:
    """Fill ``variables`` and ``rows`` (rdflib terms) of a SELECT result."""
    if result.form == "SELECT":
        solutions = result._parsed()
        result.variables = [v.value for v in solutions.variables]
        result.rows = [{v: (None if s[v] is None else rdflib_term(s[v])) for v in result.variables} for s in solutions]
    return result


def short(term) -> str:
    """An IRI as prefix:local when a project prefix fits; literals as their text."""
    if term is None:
        return ""
    return curie(term) if isinstance(term, URIRef) else str(term)
