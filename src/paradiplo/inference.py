"""The RDFS entailments paradiplo relies on, computed once and added as triples.

Validation and queries must see that a ``pdo:MemorandumOfUnderstanding`` is a
``pdo:Agreement`` (rdfs9, subclass) and that ``pdo:underPartnership`` is a
``pdo:relatedPartnership`` (rdfs7, subproperty). owlrl's full RDFS closure also adds
the axiomatic triples (every node an ``rdfs:Resource`` ...), which multiply the work of
SHACL and SPARQL without telling a researcher anything, so this module applies just
the rules that are needed, in one pass over the data.

Domain and range typing (rdfs2, rdfs3) is off by default on purpose: with it, an actor
wrongly given as the place of signing would be *inferred* to be a ``pdo:Place``, and
the shape that should catch the mistake (``sh:class pdo:Place``) could never fail.

Examples
--------
>>> from rdflib import Graph, RDF
>>> from paradiplo.graph import load, union
>>> from paradiplo.namespaces import PD, PDO
>>> g = rdfs_closure(union(load()))
>>> (PD["agreement-jakarta-hanoi-mou-2004"], RDF.type, PDO.Agreement) in g
True
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, RDFS, Graph, Literal


def _supers(graph: Graph, relation) -> dict:
    """Reflexive-transitive closure of ``relation`` (subClassOf or subPropertyOf)."""
    direct = defaultdict(set)
    for a, b in graph.subject_objects(relation):
        direct[a].add(b)
    closure = {}

    def up(node, seen):
        if node in closure:
            return closure[node]
        result = {node}
        for parent in direct.get(node, ()):
            if parent not in seen:
                result |= up(parent, seen | {parent})
        closure[node] = result
        return result

    for node in list(direct):
        up(node, {node})
    return closure


def rdfs_closure(graph: Graph, schema: Graph | None = None, *, domain_range: bool = False) -> Graph:
    """Add the subclass and subproperty entailments of ``graph`` to it, in place.

    Parameters
    ----------
    graph : rdflib.Graph
        Data (and usually the ontology too).
    schema : rdflib.Graph, optional
        Where the class and property hierarchy is read from; default ``graph``.
    domain_range : bool
        Also type subjects and objects by ``rdfs:domain`` and ``rdfs:range``.

    Returns
    -------
    rdflib.Graph
        ``graph`` itself, for chaining.
    """
    schema = schema if schema is not None else graph
    class_sup = _supers(schema, RDFS.subClassOf)
    prop_sup = _supers(schema, RDFS.subPropertyOf)
    domains = defaultdict(set)
    ranges = defaultdict(set)
    if domain_range:
        for p, c in schema.subject_objects(RDFS.domain):
            domains[p].add(c)
        for p, c in schema.subject_objects(RDFS.range):
            ranges[p].add(c)

    def classes(c):
        return class_sup.get(c, {c})

    new = set()
    for s, p, o in graph:
        for q in prop_sup.get(p, (p,)):
            if q != p:
                new.add((s, q, o))
            for d in domains.get(q, ()):
                new.update((s, RDF.type, c) for c in classes(d))
            if not isinstance(o, Literal):
                for r in ranges.get(q, ()):
                    new.update((o, RDF.type, c) for c in classes(r))
            if q == RDF.type:
                new.update((s, RDF.type, c) for c in classes(o))
    # Types added through domain/range need their superclasses too (already included
    # by classes()); a second pass is not needed.
    for t in new:
        graph.add(t)
    return graph
