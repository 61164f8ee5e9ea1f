"""Checks run as one query over the whole graph, natively in Oxigraph.

A shape of ``ontology/shapes/`` that carries ``pdsh:select`` (instead of an ``sh:sparql``
constraint) is checked here: its query runs once over the entailed knowledge graph and
returns ``?this`` with the values its message names (over the stated triples alone
when the shape says ``pdsh:entailed false``); the shape's ``sh:message`` in
English and Indonesian and its ``sh:severity`` are used as SHACL would use them. This is
for rules a SHACL engine evaluates once per focus node at a cost that grows with the
square of the data (see the shape's ``sh:description``).

Examples
--------
>>> from paradiplo.kg import load
>>> check = next(c for c in store_checks() if c.shape == "pdsh:MostSpecificTypeShape")
>>> run_check(load(), check)
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import SH

from ..kg import KnowledgeGraph, project_root, select
from ..kg.labels import curie
from ..namespaces import PDSH
from .locate import fill_template
from .shapes import shapes_graph


@dataclass(frozen=True)
class StoreCheck:
    shape: str  # e.g. "pdsh:MostSpecificTypeShape"
    severity: str  # "Violation", "Warning" or "Info"
    query: str
    messages: tuple[tuple[str, str], ...]  # (language, template)
    entailed: bool = True  # False: the query reads the stated triples only
    contribution: bool = False  # True: run only when a contribution is checked for acceptance

    def message(self, lang: str, values: dict[str, str]) -> str:
        templates = dict(self.messages)
        return fill_template(templates.get(lang) or templates.get("en") or "", values)


@lru_cache(maxsize=4)
def _checks(root: Path) -> tuple[StoreCheck, ...]:
    g = shapes_graph(root)
    out = []
    for shape, query in sorted(g.subject_objects(PDSH.select)):
        severity = g.value(shape, SH.severity, default=SH.Violation)
        messages = tuple(sorted((m.language or "en", str(m)) for m in g.objects(shape, SH.message)
                                if isinstance(m, Literal)))
        entailed = g.value(shape, PDSH.entailed, default=Literal(True)).toPython() is not False
        contribution = g.value(shape, PDSH.contribution, default=Literal(False)).toPython() is True
        out.append(StoreCheck(curie(shape, {"pdsh": str(PDSH)}), str(severity).rsplit("#", 1)[-1], str(query),
                              messages, entailed, contribution))
    return tuple(out)


def store_checks(root: Path | None = None, contribution: bool = False) -> tuple[StoreCheck, ...]:
    """The shapes checked by a whole-graph query (with ``contribution``, also those run
    only when a contribution is checked for acceptance)."""
    return tuple(c for c in _checks(root or project_root()) if contribution or not c.contribution)


def run_check(kg: KnowledgeGraph, check: StoreCheck) -> list[dict]:
    """The solutions of a check's query on the entailed knowledge graph: variable -> term."""
    result = select(kg, check.query, inference=check.entailed)
    names = [v.value for v in result.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in result]
