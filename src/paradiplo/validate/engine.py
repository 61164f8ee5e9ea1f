"""Running the SHACL shapes of ``ontology/shapes/`` over the loaded knowledge graph.

The data the engine sees is the knowledge graph's query view: the merge of every named
graph plus the subclass/subproperty entailments (:mod:`paradiplo.kg.entail`), written by
Oxigraph as N-Triples that the Rust engine of pyshacl-turbo reads directly; its report
goes back into an Oxigraph store, where the findings are read with SPARQL.

Engines: ``native`` (default: the shapes compiled to SPARQL and answered by the store
itself, :mod:`paradiplo.validate.native`; no copy of the data, so memory stays the
store's), pyshacl-turbo (a pySHACL-compatible Rust engine that reads its own copy of the
data) and pySHACL (the reference). A test checks that all three give the same findings on
every example in ``tests/shapes/``; ``benchmarks/validate_benchmark.py`` compares them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import UsageError
from ..kg import KnowledgeGraph, default_graphs, entail, project_root
from ..kg.terms import rdflib_term
from .shapes import shapes_graph

ENGINES = ("native", "turbo", "pyshacl")


def data_ntriples(kg: KnowledgeGraph) -> bytes:
    """The graph the engine sees: the merge of the named graphs plus the entailments, as
    N-Triples written by Oxigraph (blank-node labels are the store's, so every result
    can be traced back to the knowledge graph)."""
    entail(kg)
    store = kg.store
    return b"".join(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in default_graphs(kg))


@lru_cache(maxsize=4)
def _compiled(root: Path):
    import pyshacl_turbo

    return pyshacl_turbo.CompiledShapes(shapes_graph(root), advanced=True)


def _turbo(data: bytes, root: Path) -> bytes:
    """pyshacl-turbo's report as N-Triples.

    Its public ``validate()`` decodes the report into an rdflib graph in Python (19 s of
    a 33 s run for the world list's 42,500 results); the compiled shapes' native call
    returns the report text the Rust engine wrote, which Oxigraph loads in a second. That
    call (given N-Quads, it keeps the blank-node labels of the data) is not public API,
    so the version of pyshacl-turbo is pinned in pyproject.toml and any change of the
    call falls back to the public API (same results, slower).
    """
    import pyshacl_turbo

    program = _compiled(root)
    try:
        _, report, *_ = program._native.validate(
            data.decode("utf-8"), "nquads", None, False, 100, 15, False, True, True, False, [], [], [])
        return report.encode("utf-8")
    except (AttributeError, TypeError, ValueError):
        source = ox.Store()  # a store keeps the blank-node labels of ``data``
        source.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        _, graph, _ = pyshacl_turbo.validate(source, shacl_graph=shapes_graph(root), inference="none",
                                             advanced=True, allow_warnings=True, allow_infos=True)
        return graph.serialize(format="nt", encoding="utf-8")


def _pyshacl(data: bytes, root: Path) -> bytes:
    import pyshacl

    graph = Graph()  # blank-node labels kept, so results can be traced back
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        graph.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(root), inference="none", advanced=True,
                                     allow_warnings=True, allow_infos=True)
    return results.serialize(format="nt", encoding="utf-8")


def run_engine(kg: KnowledgeGraph, engine: str = "turbo", root: Path | None = None) -> ox.Store:
    """Validate the loaded knowledge graph (entailments added first: the engine runs none)
    and return the SHACL report (``sh:ValidationReport``) in an Oxigraph store."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    root = root or project_root()
    if engine == "native":
        from .native import run_native

        return run_native(kg, root)
    data = data_ntriples(kg)
    report = _turbo(data, root) if engine == "turbo" else _pyshacl(data, root)
    store = ox.Store()  # parsed with the report's blank-node labels (the store's loader renames them)
    store.bulk_extend(ox.parse(report, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=False))
    return store
