"""The knowledge graph as one value: the Oxigraph store and what paradiplo knows beside its
statements. The bottom module of :mod:`paradiplo.kg`: :func:`~paradiplo.kg.load.load`
returns a :class:`KnowledgeGraph`, and ``read_into``, ``entail``, ``validate``, the queries,
the networks, the exports, ``serve`` and ``site`` take one.

Examples
--------
>>> kg = KnowledgeGraph.empty()
>>> kg.entailed, kg.files, kg.beside, len(kg.store)
(False, {}, {}, 0)
>>> kg.rdflib.store is kg.rdflib.store  # the rdflib view is built once, over the same store
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from ..namespaces import PREFIXES


@dataclass(eq=False)
class KnowledgeGraph:
    """A loaded knowledge graph.

    Attributes
    ----------
    store : pyoxigraph.Store
        The statements: each file's named graph, the merge as the default graph and
        ``pd:graph-entailments`` once :func:`~paradiplo.kg.entail.entail` has run.
    files : dict of Path to set of str
        Each file read (links followed) -> the IRIs of the named graphs it filled (what
        :mod:`paradiplo.validate` needs to name the file of a finding).
    entailed : bool
        The default graph and the entailments match the named graphs (reading a file
        sets it back to False).
    beside : dict of str to str
        Large named graphs joined *beside* the merge rather than copied into the default
        graph (the world sister-city list), each -> the named graph of its entailments,
        written once when the graph itself was written. A query's default graph is then
        the default graph, these graphs and the entailment graphs
        (:func:`~paradiplo.kg.entail.default_graphs`), disjoint so still a set.

    Notes
    -----
    :attr:`rdflib` is an rdflib ``Dataset`` view of the same store (oxrdflib, no copy), for
    the few callers that need rdflib's API: ``kg.rdflib.graph(iri)`` of one case (statistics,
    workbook export, network labels), rdflib's ``value``/``subject_objects`` (the HTML
    export's sources). Everything else reads :attr:`store` natively.

    Examples
    --------
    >>> from paradiplo.namespaces import PD
    >>> kg = KnowledgeGraph.empty()
    >>> kg.store.add(ox.Quad(ox.NamedNode(PD["a"]), ox.NamedNode(PD["b"]), ox.Literal("c"),
    ...                     ox.NamedNode(PD["graph-x"])))
    >>> len(kg.rdflib.graph(PD["graph-x"]))
    1
    """

    store: ox.Store = field(default_factory=ox.Store)
    files: dict[Path, set[str]] = field(default_factory=dict)
    entailed: bool = False
    beside: dict[str, str] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> KnowledgeGraph:
        """A knowledge graph with no statements, in a fresh in-memory Oxigraph store."""
        return cls()

    @cached_property
    def rdflib(self):
        """An rdflib ``Dataset`` view of :attr:`store` (built on first use, then kept), the
        project prefixes bound, its default graph the store's default graph."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        ds = Dataset(store=OxigraphStore(store=self.store), default_union=False)
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns)
        return ds
