"""The shapes layer: the SHACL shapes of ``ontology/shapes/``, parsed once per process, and
the severities a finding can have. Every engine (:mod:`~paradiplo.validate.engine`,
:mod:`~paradiplo.validate.native`) and the locator (:mod:`~paradiplo.validate.locate`)
read the shapes from here.

>>> from paradiplo.namespaces import PDSH
>>> (PDSH["ActorShape"], None, None) in shapes_graph() or len(shapes_graph()) > 100
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from ..kg import project_root

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
