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

A large graph written once by paradiplo itself (the imported world sister-city list,
366,000 statements) is joined *beside* the merge instead (``kg.beside``): it is not copied
into the default graph, and its entailments were written with it (:class:`Closure`, the
same two rules applied statement by statement), so joining it costs reading two files.
A query's default graph is then the default graph, the graphs beside it and the
entailment graphs (:func:`default_graphs`); :func:`entail` keeps them disjoint (each
statement is seen once) by taking out of the default graph and the entailments what a
graph beside them holds.

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

from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox

from ..namespaces import PD, PREFIXES
from .graph import KnowledgeGraph
from .terms import native_term

ENTAILMENT_GRAPH = PD["graph-entailments"]
_ENT = f"<{ENTAILMENT_GRAPH}>"
#: Statements of the files that the entailments of a graph joined beside the merge also
#: hold: kept out of the default graph so that a query with inference sees them once.
STATED_AND_ENTAILED = PD["graph-stated-and-entailed"]
_BOTH = f"<{STATED_AND_ENTAILED}>"

#: rdfs7: a statement with a subproperty holds with each of its superproperties.
_RDFS7 = """INSERT {{ GRAPH {ent} {{ ?s ?q ?o }} }} WHERE {{
      ?p rdfs:subPropertyOf+ ?q . FILTER (?p != ?q)
      ?s ?p ?o . FILTER NOT EXISTS {{ ?s ?q ?o }} {beside} }}"""
#: rdfs9: an instance of a class is an instance of each superclass (types stated or
#: entailed through a subproperty of rdf:type).
_RDFS9 = """INSERT {{ GRAPH {ent} {{ ?s a ?d }} }} WHERE {{
      {{ ?s a ?c }} UNION {{ GRAPH {ent} {{ ?s a ?c }} }}
      ?c rdfs:subClassOf+ ?d . FILTER (?c != ?d)
      FILTER NOT EXISTS {{ ?s a ?d }} {beside} }}"""


def _updates(kg: KnowledgeGraph) -> list[str]:
    """The SPARQL updates that make the default graph and the entailments of ``kg``.

    The default graph is the merge of the named graphs except the graphs joined beside it
    (``kg.beside``) and the derived graphs. Then, so that the graphs a query reads as its
    default graph stay disjoint (:func:`default_graphs`): what a graph beside it states is
    taken out of the default graph; what the entailments of a graph beside it hold is
    moved into ``pd:graph-stated-and-entailed`` (read only without inference, where those
    entailments are not read); and the entailments leave out what is stated or entailed
    beside.
    """
    joined, entailed = sorted(kg.beside), sorted(set(kg.beside.values()))
    derived = derived_graphs(kg) | set(joined)
    merged = [g.value for g in kg.store.named_graphs() if g.value not in derived]
    updates = [f"CLEAR SILENT DEFAULT ; CLEAR SILENT GRAPH {_ENT} ; CLEAR SILENT GRAPH {_BOTH}"]
    if merged:
        updates.append(" ; ".join(f"ADD SILENT GRAPH <{g}> TO DEFAULT" for g in sorted(merged)))
    if joined:
        def exists(graphs):
            return " || ".join(f"EXISTS {{ GRAPH <{g}> {{ ?s ?p ?o }} }}" for g in graphs)
        updates.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER ({exists(joined)}) }}")
        updates.append(f"""INSERT {{ GRAPH {_BOTH} {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o FILTER ({exists(entailed)}) }} ;
                           DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {_BOTH} {{ ?s ?p ?o }} }}""")
    held = " ".join(f"FILTER NOT EXISTS {{ GRAPH <{g}> {{ ?s ?q ?o }} }}" for g in joined + entailed)
    updates.append(_RDFS7.format(ent=_ENT, beside=held))
    updates.append(_RDFS9.format(ent=_ENT, beside=held.replace("?q ?o", "a ?d")))
    return updates


def entail(kg: KnowledgeGraph, *, force: bool = False) -> KnowledgeGraph:
    """Fill the default graph (the merge) and ``pd:graph-entailments``, in the store.

    Runs once per loaded knowledge graph: calling it again is free unless a file was
    read into ``kg`` since (or ``force``). Graphs joined beside the merge
    (``kg.beside``) are not copied: their entailments were written with them
    (:class:`Closure`).

    Returns
    -------
    KnowledgeGraph
        ``kg`` itself, for chaining.
    """
    if kg.entailed and not force:
        return kg
    for update in _updates(kg):
        kg.store.update(update, prefixes=PREFIXES)
    kg.entailed = True
    return kg


def default_graphs(kg: KnowledgeGraph, inference: bool = True) -> list:
    """The graphs a query reads as its default graph (see module docstring), pairwise
    disjoint: the default graph, each graph joined beside it and, with ``inference``, the
    entailments (the ontology's and those written with each graph beside); without,
    ``pd:graph-stated-and-entailed`` (statements of the files that the entailments beside
    hold, taken out of the default graph by :func:`entail`)."""
    graphs = [ox.DefaultGraph(), ox.NamedNode(str(ENTAILMENT_GRAPH) if inference else str(STATED_AND_ENTAILED))]
    for graph, entailments in sorted(kg.beside.items()):
        graphs.append(ox.NamedNode(graph))
        if inference:
            graphs.append(ox.NamedNode(entailments))
    return graphs


def derived_graphs(kg: KnowledgeGraph) -> set[str]:
    """The named graphs no file states: what the ontology's axioms entail, and
    ``pd:graph-stated-and-entailed``."""
    return {str(ENTAILMENT_GRAPH), str(STATED_AND_ENTAILED), *kg.beside.values()}


def carried_graphs(kg: KnowledgeGraph, entailments: bool = True) -> list[ox.NamedNode]:
    """The named graphs an export, a publication or a description carries, sorted: each
    file's graph and, with ``entailments``, the entailment graphs (never
    ``pd:graph-stated-and-entailed``, a device of :func:`entail` that repeats statements)."""
    skip = derived_graphs(kg) if not entailments else {str(STATED_AND_ENTAILED)}
    return sorted((g for g in kg.store.named_graphs() if g.value not in skip), key=lambda g: g.value)


@dataclass(frozen=True)
class Closure:
    """The ontology's subclass and subproperty closure, to entail a graph as it is written
    (rdfs7 and rdfs9 as :func:`entail` computes them, one statement at a time), for a
    large graph written once and joined beside the merge.

    Examples
    --------
    >>> rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    >>> c = Closure({"http://e.org/City": frozenset({"http://e.org/Place"})},
    ...             {"http://e.org/sign": frozenset({"http://e.org/date"})})
    >>> s = ox.NamedNode("http://e.org/x")
    >>> [o.value for _, _, o in c.entailed(s, rdf_type, ox.NamedNode("http://e.org/City"))]
    ['http://e.org/Place']
    >>> [p.value for _, p, _ in c.entailed(s, "http://e.org/sign", ox.Literal("1"))]
    ['http://e.org/date']
    """

    classes: dict[str, frozenset]
    properties: dict[str, frozenset]

    @classmethod
    def of(cls, kg: KnowledgeGraph) -> Closure:
        """The closure the ontology in ``kg`` states (strict superclasses and superproperties)."""
        classes: dict[str, set] = {}
        properties: dict[str, set] = {}
        for r in kg.store.query(_CLOSURE, prefixes=PREFIXES, default_graph=[ox.DefaultGraph()]):
            (classes if r["kind"].value == "class" else properties).setdefault(r["c"].value, set()).add(r["d"].value)
        return cls({k: frozenset(v) for k, v in classes.items()}, {k: frozenset(v) for k, v in properties.items()})

    def key(self) -> str:
        """A stable text of the closure (what an import's cache key depends on)."""
        return repr([sorted((k, sorted(v)) for k, v in self.classes.items()),
                     sorted((k, sorted(v)) for k, v in self.properties.items())])

    @cached_property
    def _rules(self):
        properties = {p: tuple(ox.NamedNode(q) for q in sorted(qs)) for p, qs in self.properties.items()}
        classes = {c: tuple(ox.NamedNode(d) for d in sorted(ds)) for c, ds in self.classes.items()}
        typing = frozenset({_TYPE, *(p for p, qs in self.properties.items() if _TYPE in qs)})
        return properties, classes, typing

    @cached_property
    def sources(self) -> frozenset:
        """The properties whose statements entail others (a subproperty, or ``rdf:type``)."""
        return frozenset(self._rules[0]) | self._rules[2]

    @cached_property
    def targets(self) -> frozenset:
        """The properties an entailed statement can have (``rdf:type`` and every superproperty)."""
        return frozenset({_TYPE, *(q for qs in self.properties.values() for q in qs)})

    def entailed(self, s, p: str, o) -> list[tuple]:
        """The statements ``(s, p, o)`` entails, itself excluded, as (subject, property,
        object) tuples of pyoxigraph terms (``p`` the property's IRI)."""
        properties, classes, typing = self._rules
        out = [(s, q, o) for q in properties.get(p, ())]
        if p in typing and isinstance(o, ox.NamedNode):
            out += [(s, _TYPE_NODE, d) for d in classes.get(o.value, ())]
        return out


_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_TYPE_NODE = ox.NamedNode(_TYPE)
_CLOSURE = """SELECT ?kind ?c ?d WHERE {
  { ?c rdfs:subClassOf+ ?d BIND ("class" AS ?kind) } UNION { ?c rdfs:subPropertyOf+ ?d BIND ("property" AS ?kind) }
  FILTER (?c != ?d && isIRI(?c) && isIRI(?d)) }"""


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
        graphs = {} if own_dataset else {"default_graph": default_graphs(kg, inference)}
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
