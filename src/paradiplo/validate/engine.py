"""Running the SHACL shapes of ``ontology/shapes/`` over the loaded knowledge graph.

The data the engine sees is the knowledge graph's query view: the merge of every named
graph plus the subclass/subproperty entailments (:mod:`paradiplo.kg.entail`), copied
inside Oxigraph into a store of its own (one native dump and load, no Python objects per
triple) which pyshacl-turbo reads directly.

Engines: pyshacl-turbo (default; a pySHACL-compatible Rust engine, about 75 times faster
here, see ``benchmarks/validate_benchmark.py``) and pySHACL (the reference, with
``engine="pyshacl"``). A test checks that both give the same results on every example in
``tests/shapes/``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Namespace
from rdflib.namespace import SH

from ..errors import UsageError
from ..kg import ENTAILMENT_GRAPH, entail, native, project_root

PDSH = Namespace("https://w3id.org/paradiplo/shapes#")
ENGINES = ("turbo", "pyshacl")
SEVERITIES = {"violation": SH.Violation, "warning": SH.Warning, "info": SH.Info}


def shapes_files(root: Path | None = None) -> list[Path]:
    root = root or project_root()
    return sorted((root / "ontology" / "shapes").glob("*.ttl"))


@lru_cache(maxsize=4)
def _shapes(root: Path) -> Graph:
    g = Graph()
    for f in shapes_files(root):
        g.parse(f, format="turtle")
    return g


def shapes_graph(root: Path | None = None) -> Graph:
    """All shapes, parsed once per process."""
    return _shapes(root or project_root())


def data_store(ds: Dataset) -> ox.Store:
    """The graph to validate, in a store of its own: the merge of the named graphs plus
    the entailments, copied natively (Oxigraph's N-Triples writer and bulk loader)."""
    entail(ds)
    store, target = native(ds), ox.Store()
    for graph in (ox.DefaultGraph(), ox.NamedNode(str(ENTAILMENT_GRAPH))):
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        if data:
            target.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return target


def run_engine(data: ox.Store, engine: str = "turbo", root: Path | None = None) -> Graph:
    """Validate ``data`` (entailments already in it: the engine runs none) and return the
    SHACL report graph (``sh:ValidationReport``)."""
    if engine == "turbo":
        import pyshacl_turbo as engine_module

        source = data
    elif engine == "pyshacl":
        import pyshacl as engine_module
        from oxrdflib._converter import from_ox

        source = Graph()  # blank-node labels kept, so results can be traced back in ``data``
        for q in data.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            source.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    else:
        raise UsageError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    _, results, _ = engine_module.validate(
        source, shacl_graph=shapes_graph(root), inference="none", advanced=True, allow_warnings=True,
        allow_infos=True,
    )
    return results
