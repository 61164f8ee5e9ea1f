"""The entailments paradiplo relies on, computed inside the store, and SPARQL over it.

Validation, queries and networks must see that a ``pdo:MemorandumOfUnderstanding`` is a
``pdo:Agreement`` (rdfs9, subclass) and that ``pdo:underPartnership`` is a
``pdo:relatedPartnership`` (rdfs7, subproperty). :func:`entail` computes exactly those,
with SPARQL updates that Oxigraph runs natively (no triple passes through Python):

1. the **default graph** becomes the RDF merge of every named graph -- each triple once,
   as SPARQL's default graph is a set (Oxigraph's union default graph is a bag, so a fact
   stated in two case graphs would count twice);
2. ``pd:graph-entailments`` receives the subproperty and then the subclass entailments
   that the default graph does not already hold.

A query "with inference" reads the default graph plus the entailment graph (disjoint, so
still a set); "without inference" reads the default graph alone. ``GRAPH`` patterns see
each file's own named graph unchanged.

Domain and range typing (rdfs2, rdfs3) is left out on purpose: with it, an actor wrongly
given as the place of signing would be *inferred* to be a ``pdo:Place``, and the shape
that should catch the mistake (``sh:class pdo:Place``) could never fail. owlrl's full RDFS
closure also adds axiomatic triples (every node an ``rdfs:Resource``) that multiply the
work of SHACL and SPARQL without telling a researcher anything.

Examples
--------
>>> from paradiplo.kg import load
>>> kg = entail(load())
>>> rows = select(kg, "ASK { pd:agreement-jakarta-hanoi-mou-2004 a pdo:Agreement }")
>>> rows
True
>>> select(kg, "ASK { pd:agreement-jakarta-hanoi-mou-2004 a pdo:Agreement }", inference=False)
False
"""

from __future__ import annotations

import pyoxigraph as ox

from ..namespaces import PD, PREFIXES
from .graph import KnowledgeGraph
from .terms import native_term

ENTAILMENT_GRAPH = PD["graph-entailments"]
_ENT = f"<{ENTAILMENT_GRAPH}>"

_UPDATES = [
    f"CLEAR SILENT DEFAULT ; CLEAR SILENT GRAPH {_ENT}",
    "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
    # rdfs7: a statement with a subproperty holds with each of its superproperties
    f"""INSERT {{ GRAPH {_ENT} {{ ?s ?q ?o }} }} WHERE {{
          ?p rdfs:subPropertyOf+ ?q . FILTER (?p != ?q)
          ?s ?p ?o . FILTER NOT EXISTS {{ ?s ?q ?o }} }}""",
    # rdfs9: an instance of a class is an instance of each superclass (types stated or
    # entailed through a subproperty of rdf:type)
    f"""INSERT {{ GRAPH {_ENT} {{ ?s a ?d }} }} WHERE {{
          {{ ?s a ?c }} UNION {{ GRAPH {_ENT} {{ ?s a ?c }} }}
          ?c rdfs:subClassOf+ ?d . FILTER (?c != ?d)
          FILTER NOT EXISTS {{ ?s a ?d }} }}""",
]


def entail(kg: KnowledgeGraph, *, force: bool = False) -> KnowledgeGraph:
    """Fill the default graph (the merge) and ``pd:graph-entailments``, in the store.

    Runs once per loaded knowledge graph: calling it again is free unless a file was
    read into ``kg`` since (or ``force``).

    Returns
    -------
    KnowledgeGraph
        ``kg`` itself, for chaining.
    """
    if kg.entailed and not force:
        return kg
    for update in _UPDATES:
        kg.store.update(update, prefixes=PREFIXES)
    kg.entailed = True
    return kg


def default_graphs(inference: bool = True) -> list:
    """The graphs a query reads as its default graph (see module docstring)."""
    graphs = [ox.DefaultGraph()]
    if inference:
        graphs.append(ox.NamedNode(str(ENTAILMENT_GRAPH)))
    return graphs


def select(kg: KnowledgeGraph, text: str, bindings: dict | None = None, *, inference: bool = True,
           dataset: tuple[list, list | None] | None = None, own_dataset: bool = False):
    """Run a SPARQL query natively on the entailed store.

    Parameters
    ----------
    text : str
        The query; the project prefixes (``pd:``, ``pdo:`` ...) need not be declared.
    bindings : dict, optional
        Variable name -> rdflib or pyoxigraph term, substituted by the engine.
    inference : bool
        Read the entailments too.
    dataset : (default graphs, named graphs), optional
        IRIs of the graphs that make the query's dataset (the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri``; ``None`` named graphs: all of them).
        They take the place of the query's own FROM and FROM NAMED.
    own_dataset : bool
        The query says its dataset (FROM, FROM NAMED): the engine reads exactly that.

    Returns
    -------
    pyoxigraph.QuerySolutions, bool or pyoxigraph.QueryTriples
        As ``pyoxigraph.Store.query`` returns them.
    """
    entail(kg)
    substitutions = {ox.Variable(k): (v if isinstance(v, ox.NamedNode | ox.Literal | ox.BlankNode)
                                      else native_term(v)) for k, v in (bindings or {}).items()}
    if dataset is not None:
        default, named = dataset
        graphs = {"default_graph": [ox.NamedNode(g) for g in default],
                  "named_graphs": None if named is None else [ox.NamedNode(g) for g in named]}
    else:
        graphs = {} if own_dataset else {"default_graph": default_graphs(inference)}
    result = kg.store.query(text, prefixes=PREFIXES, substitutions=substitutions or None, **graphs)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return result


def rows(kg: KnowledgeGraph, text: str, bindings: dict | None = None, *, inference: bool = True) -> list[dict]:
    """A SELECT query's solutions as dictionaries of plain values (the lexical form of
    literals, IRIs as strings, ``None`` for unbound)."""
    result = select(kg, text, bindings, inference=inference)
    names = [v.value for v in result.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in result]
