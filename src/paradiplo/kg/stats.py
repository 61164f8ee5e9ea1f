"""A summary of the knowledge graph: what ``paradiplo build`` and ``paradiplo stats`` print.

Examples
--------
>>> from paradiplo.kg import load
>>> s = summary(load())
>>> "jakarta-hanoi" in [c["slug"] for c in s["cases"]]
True
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, URIRef

from ..namespaces import PD, PDO, VOCAB
from .entail import derived_graphs, rows
from .graph import KnowledgeGraph
from .labels import curie, slug_of_case
from .labels import label as _label
from .load import ONTOLOGY_GRAPH, case_graphs

# Counted per case graph. Class membership follows rdfs:subClassOf in the ontology
# (visible through the union default graph), so an Embassy counts as an Actor.
_CASE_COUNTS = """
SELECT ?case
  (COUNT(DISTINCT ?agreement) AS ?agreements)
  (COUNT(DISTINCT ?activity) AS ?activities)
  (COUNT(DISTINCT ?actor) AS ?actors)
WHERE {
  { GRAPH ?case { ?agreement a ?t } ?t rdfs:subClassOf* pdo:Agreement }
  UNION { GRAPH ?case { ?activity a ?t } ?t rdfs:subClassOf* pdo:Activity }
  UNION { GRAPH ?case { ?actor a ?t } ?t rdfs:subClassOf* pdo:Actor }
}
GROUP BY ?case
"""

_CASE_SOURCES = """
SELECT DISTINCT ?case ?source WHERE { GRAPH ?case { ?x pdo:attestedBy/pdo:source ?source } }
ORDER BY ?source
"""


_RDF_TYPE = ox.NamedNode(str(RDF.type))


def case_summary(kg: KnowledgeGraph, case: URIRef) -> dict:
    """Partners, agreements, actors, activities and sources of one case graph."""
    g = kg.rdflib.graph(case)
    studied = next(g.objects(case, PDO.studies), None)
    partners = sorted(_label(kg.rdflib, p) for p in g.objects(studied, PDO.partner)) if studied else []
    bindings = {"case": case}
    row = (rows(kg, _CASE_COUNTS, bindings, inference=False) or [{"agreements": 0, "activities": 0, "actors": 0}])[0]
    sources = [r["source"][len(str(PD)):] for r in rows(kg, _CASE_SOURCES, bindings, inference=False)]
    return {
        "case": str(case),
        "slug": slug_of_case(case),
        "label": _label(kg.rdflib, case),
        "partnership": _label(kg.rdflib, studied) if studied else None,
        "partners": partners,
        "mentioned_partnerships": sorted(_label(kg.rdflib, p) for p in g.objects(case, PDO.mentions)),
        "agreements": int(row["agreements"]),
        "actors": int(row["actors"]),
        "activities": int(row["activities"]),
        "sources": sources,
        "triples": len(g),
    }


def class_counts(kg: KnowledgeGraph) -> list[dict]:
    """Instances per asserted class in the data graphs, most frequent first."""
    counts: dict[URIRef, set] = {}
    derived = derived_graphs(kg)
    for q in kg.store.quads_for_pattern(None, _RDF_TYPE, None, None):
        gid = getattr(q.graph_name, "value", "")
        if not gid or gid == str(ONTOLOGY_GRAPH) or gid in derived or gid.startswith(VOCAB):
            continue
        if q.object.value.startswith(str(PDO._NS)):
            counts.setdefault(URIRef(q.object.value), set()).add(q.subject)
    table = [{"class": curie(c), "label": _label(kg.rdflib, c), "count": len(v)} for c, v in counts.items()]
    return sorted(table, key=lambda r: (-r["count"], r["class"]))


def statement_count(kg: KnowledgeGraph) -> int:
    """The statements of the knowledge graph, as ``stats``, ``serve`` and ``/health`` count
    them: the quads of its named graphs (the cases, the ontology, the vocabularies, ...),
    without the computed entailments and without the default graph (which the store
    fills with their union, for queries).

    >>> from paradiplo.kg import load
    >>> kg = load(); store = kg.store
    >>> in_default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    >>> entailed = sum(1 for g in derived_graphs(kg) for _ in store.quads_for_pattern(None, None, None,
    ...                                                                                ox.NamedNode(g)))
    >>> statement_count(kg) == len(store) - in_default - entailed
    True
    """
    store, derived = kg.store, derived_graphs(kg)
    return sum(1 for g in store.named_graphs() if g.value not in derived
               for _ in store.quads_for_pattern(None, None, None, g))


def summary(kg: KnowledgeGraph) -> dict:
    """The whole summary as plain data (JSON-ready).

    Returns
    -------
    dict
        ``quads`` (statements over all named graphs), ``graphs`` (named graphs),
        ``classes`` (entities per class) and ``cases`` (one :func:`case_summary` each).
    """
    cases = [case_summary(kg, c) for c in sorted(case_graphs(kg))]
    graphs = [g for g in kg.store.named_graphs() if g.value not in derived_graphs(kg)]
    return {
        "quads": statement_count(kg),
        "graphs": len(graphs),
        "classes": class_counts(kg),
        "cases": cases,
    }
