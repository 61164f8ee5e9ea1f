"""A summary of the knowledge graph: what ``paradiplo build`` and ``paradiplo stats`` print.

Examples
--------
>>> from paradiplo.graph import load
>>> s = summary(load())
>>> sorted(c["slug"] for c in s["cases"])
['jakarta-hanoi', 'jakarta-tokyo', 'semarang-jung-gu', 'seoul-tokyo']
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Dataset, URIRef

from .graph import ONTOLOGY_GRAPH, case_graphs
from .namespaces import PD, PDO, PREFIXES, VOCAB

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


def _label(ds: Dataset, node: URIRef) -> str:
    """English label of ``node`` if there is one, else any label, else the IRI's tail."""
    labels = list(ds.objects(node, RDFS.label))
    for lang in ("en", None, "id"):
        for lab in labels:
            if getattr(lab, "language", None) == lang:
                return str(lab)
    if labels:
        return str(labels[0])
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _slug(iri: URIRef) -> str:
    return str(iri)[len(str(PD)):].removeprefix("case-")


def case_summary(ds: Dataset, case: URIRef) -> dict:
    """Partners, agreements, actors, activities and sources of one case graph."""
    g = ds.graph(case)
    studied = next(g.objects(case, PDO.studies), None)
    partners = sorted(_label(ds, p) for p in g.objects(studied, PDO.partner)) if studied else []
    bindings = {"case": case}
    row = next(iter(ds.query(_CASE_COUNTS, initBindings=bindings, initNs=PREFIXES)))
    sources = [str(r.source)[len(str(PD)):] for r in ds.query(_CASE_SOURCES, initBindings=bindings, initNs=PREFIXES)]
    return {
        "case": str(case),
        "slug": _slug(case),
        "label": _label(ds, case),
        "partnership": _label(ds, studied) if studied else None,
        "partners": partners,
        "mentioned_partnerships": sorted(_label(ds, p) for p in g.objects(case, PDO.mentions)),
        "agreements": int(row.agreements),
        "actors": int(row.actors),
        "activities": int(row.activities),
        "sources": sources,
        "triples": len(g),
    }


def class_counts(ds: Dataset) -> list[dict]:
    """Instances per asserted class in the data graphs, most frequent first."""
    counts: dict[URIRef, set] = {}
    for s, _, cls, graph in ds.quads((None, RDF.type, None, None)):
        gid = getattr(graph, "identifier", graph)
        if gid == ONTOLOGY_GRAPH or str(gid).startswith(VOCAB):
            continue
        if isinstance(cls, URIRef) and str(cls).startswith(str(PDO._NS)):
            counts.setdefault(cls, set()).add(s)
    rows = [{"class": "pdo:" + str(c)[len(str(PDO._NS)):], "label": _label(ds, c), "count": len(v)}
            for c, v in counts.items()]
    return sorted(rows, key=lambda r: (-r["count"], r["class"]))


def summary(ds: Dataset) -> dict:
    """The whole summary as plain data (JSON-ready).

    Returns
    -------
    dict
        ``quads`` (statements over all named graphs), ``graphs`` (named graphs),
        ``classes`` (entities per class) and ``cases`` (one :func:`case_summary` each).
    """
    cases = [case_summary(ds, c) for c in sorted(case_graphs(ds))]
    return {
        "quads": sum(1 for _ in ds.quads((None, None, None, None))),
        "graphs": sum(1 for g in ds.graphs() if len(g)),
        "classes": class_counts(ds),
        "cases": cases,
    }
