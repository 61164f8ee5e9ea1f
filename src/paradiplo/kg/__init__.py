"""The knowledge graph: loaded once into one Oxigraph store, and everything read off it.

* :mod:`~paradiplo.kg.graph` -- the :class:`KnowledgeGraph` value every step takes: the
  ``pyoxigraph.Store``, the files read into it, whether it is entailed, an rdflib view;
* :mod:`~paradiplo.kg.load` -- which files make up the knowledge graph, and loading them
  into one native store;
* :mod:`~paradiplo.kg.terms` -- rdflib <-> pyoxigraph terms;
* :mod:`~paradiplo.kg.entail` -- the subclass/subproperty entailments and the set-semantics
  default graph that SPARQL needs, computed inside the store;
* :mod:`~paradiplo.kg.labels` -- one label / CURIE / slug helper for every module;
* :mod:`~paradiplo.kg.stats` -- the summary ``build`` and ``stats`` print.
"""

from .entail import ENTAILMENT_GRAPH, Closure, carried_graphs, default_graphs, derived_graphs, entail, rows, select
from .graph import KnowledgeGraph
from .labels import curie, label, local_name, slug_of_case
from .load import (
    ACTORS_GRAPH,
    FORMATS,
    MAX_LITERAL,
    ONTOLOGY_GRAPH,
    QUAD_SUFFIXES,
    SOURCES_GRAPH,
    case_graphs,
    data_files,
    graph_name_for,
    join_beside,
    load,
    named_quads,
    ontology_files,
    project_root,
    read_into,
    to_rdflib,
)
from .terms import native_iri, native_term, rdflib_term

__all__ = [
    "ACTORS_GRAPH", "Closure", "ENTAILMENT_GRAPH", "FORMATS", "KnowledgeGraph",
    "MAX_LITERAL", "ONTOLOGY_GRAPH", "QUAD_SUFFIXES", "SOURCES_GRAPH",
    "carried_graphs", "case_graphs", "curie", "data_files", "default_graphs", "derived_graphs", "entail",
    "graph_name_for", "join_beside", "label", "load",
    "local_name", "named_quads", "native_iri", "native_term", "ontology_files", "project_root",
    "rdflib_term", "read_into", "rows", "select", "slug_of_case", "to_rdflib",
]
