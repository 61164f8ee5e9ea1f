"""Which files a validation reads and reports on: folders expanded to their RDF files, the
named graphs each file fills, and the entities of those graphs.

>>> from paradiplo.kg import project_root
>>> expand_paths([Path("draft.ttl")]) == [Path("draft.ttl")]  # a file as given (read_into checks it)
True
>>> cases = expand_paths([project_root() / "data" / "cases"])  # a folder: its RDF files, sorted
>>> cases == sorted(cases) and all(p.suffix == ".trig" for p in cases)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ..errors import InputError
from ..kg import FORMATS, QUAD_SUFFIXES, KnowledgeGraph, graph_name_for


def file_graphs(kg: KnowledgeGraph) -> dict[Path, set[str]]:
    """The named graphs each file read into ``kg`` filled (recorded by the loader)."""
    return kg.files


def subjects_of(kg: KnowledgeGraph, graphs: Iterable[str]) -> set:
    """The IRI subjects of some named graphs, read natively."""
    store = kg.store
    out = set()
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            if isinstance(q.subject, ox.NamedNode):
                out.add(URIRef(q.subject.value))
    return out


def graphs_of_file(path: Path, root: Path) -> set[str]:
    """The named graphs a file fills (for quad formats, read from the file)."""
    if path.suffix not in QUAD_SUFFIXES:
        return {str(graph_name_for(path, root))}
    try:
        return {q.graph_name.value for q in ox.parse(path=str(path), format=FORMATS[path.suffix])
                if isinstance(q.graph_name, ox.NamedNode)}
    except (SyntaxError, OSError, ValueError):
        return set()  # read_into reports it


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the RDF files below them (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if os.path.isdir(p):
            found = sorted(f for f in p.rglob("*") if f.suffix in FORMATS and f.is_file())
            if not found:
                raise InputError(p, "folder holds no RDF files (.ttl, .trig, .nt, .nq, .jsonld)")
            out += found
        else:
            out.append(p)  # read_into reports a missing or unreadable file
    return out


__all__ = ["expand_paths", "file_graphs", "graphs_of_file", "subjects_of"]
