"""The knowledge graph itself as Turtle, TriG, N-Quads, JSON-LD, or as one OWL 2 DL file.

Read from the store's named graphs (the asserted data, not the query view), with blank
nodes given their canonical RDFC-1.0 labels and the statements sorted, so that the same
data always gives the same bytes. Oxigraph writes Turtle, TriG and N-Quads; JSON-LD is
compacted by rdflib with the shipped ``ontology/context.jsonld`` (nothing is fetched).

``owl`` is ontology + data in RDF/XML for the OWL tools (Protégé, HermiT, the OWL API,
owlready2). The data keep dates as ``xsd:date``, ``xsd:gYearMonth`` and ``xsd:gYear``,
which the OWL 2 datatype map lacks, so DL reasoners refuse them; this file writes each such
date as its ``xsd:string`` lexical form ("2004", "2004-08"), which keeps its precision and
invents no day or time (docs/provenance.md, "Dates and OWL 2 DL").

Examples
--------
>>> from paradiplo.kg import load
>>> text = rdf_bytes(load(), "nquads", case="jakarta-hanoi").decode()
>>> "<https://w3id.org/paradiplo/id/case-jakarta-hanoi> ." in text
True
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import ExportError
from ..kg import (
    ACTORS_GRAPH,
    ONTOLOGY_GRAPH,
    SOURCES_GRAPH,
    KnowledgeGraph,
    carried_graphs,
    entail,
    project_root,
)
from ..kg.terms import native_term, rdflib_term
from ..namespaces import PD, PREFIXES

RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld", "owl")

_XSD = "http://www.w3.org/2001/XMLSchema#"
#: literal datatypes outside the OWL 2 datatype map that the data use, for dates
DATE_TYPES = frozenset(ox.NamedNode(_XSD + t) for t in ("date", "gYearMonth", "gYear"))


def canonical(quads) -> list[ox.Quad]:
    """Quads with canonical (RDFC-1.0) blank-node labels, sorted: the same statements
    always give the same bytes."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=str)


def graphs_to_quads(graphs: dict) -> list[ox.Quad]:
    """rdflib graphs, keyed by the name of the named graph each goes into, as quads."""
    return [ox.Quad(native_term(s), native_term(p), native_term(o), ox.NamedNode(str(name)))
            for name, g in graphs.items() for s, p, o in g]


def canonical_quads(kg: KnowledgeGraph, case: str | None = None, keep=(), entailments: bool = False) -> list[ox.Quad]:
    """The named graphs of ``kg`` (or of one case, plus the graphs named in ``keep``) with
    canonical blank-node labels, sorted; with ``entailments``, the graph
    ``pd:graph-entailments`` too (what the ontology's subclass and subproperty axioms add)."""
    entail(kg)
    quads = [q for g in carried_graphs(kg, entailments) for q in kg.store.quads_for_pattern(None, None, None, g)]
    if case:
        graph = str(PD[f"case-{case}"])
        if not any(q.graph_name.value == graph for q in quads):
            raise ExportError(f"no case {case!r}")
        wanted = {graph, *map(str, keep)}
        quads = [q for q in quads if q.graph_name.value in wanted]
    return canonical(quads)


def owl_dl_triples(quads) -> list[ox.Triple]:
    """The triples of ``quads``, each date literal as its ``xsd:string`` lexical form, so
    that the result uses only the OWL 2 datatype map.

    Examples
    --------
    >>> year = ox.Literal("2004", datatype=ox.NamedNode(_XSD + "gYear"))
    >>> q = ox.Quad(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), year)
    >>> literal = owl_dl_triples([q])[0].object
    >>> literal.value, literal.datatype.value
    ('2004', 'http://www.w3.org/2001/XMLSchema#string')
    """
    def dl(term):
        if isinstance(term, ox.Literal) and term.datatype in DATE_TYPES:
            return ox.Literal(term.value)
        return term
    return sorted({ox.Triple(q.subject, q.predicate, dl(q.object)) for q in quads}, key=str)


def _sorted_json(value):
    """JSON-LD with every array in a fixed order (arrays of values are sets in JSON-LD,
    except ``@list``), so rdflib's serialiser gives the same text in every process."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted_json(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def rdf_bytes(kg: KnowledgeGraph, fmt: str, case: str | None = None) -> bytes:
    """The knowledge graph (or one case's named graph) in ``fmt``; triple formats (Turtle)
    merge the named graphs, each triple once."""
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    # a dump of the whole graph carries the entailments as a named graph of their own, so
    # that the query library gives the same rows on any SPARQL store (README, "Publishing")
    quads = canonical_quads(kg, case, keep=[ONTOLOGY_GRAPH, SOURCES_GRAPH, ACTORS_GRAPH] if fmt == "owl" else (),
                            entailments=case is None and fmt != "owl")
    if fmt == "owl":
        return ox.serialize(owl_dl_triples(quads), format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES) or b""
    if fmt == "nquads":
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    if fmt == "trig":
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    if fmt == "turtle":
        triples = sorted({q.triple for q in quads}, key=str)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    out = Dataset()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    for q in quads:
        term = rdflib_term
        out.graph(term(q.graph_name)).add((term(q.subject), term(q.predicate), term(q.object)))
    context = json.loads((project_root() / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    text = out.serialize(format="json-ld", context=context["@context"], auto_compact=True)
    return (json.dumps(_sorted_json(json.loads(text)), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
