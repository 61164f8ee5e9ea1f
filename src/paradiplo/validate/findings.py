"""The model of a validation run: a :class:`Finding` (one result, located and worded for
a contributor) and the :class:`Report` (the findings, with the SHACL report behind them).

>>> f = Finding("Warning", "https://w3id.org/paradiplo/id/x", "x", "m", "pdsh:S", "sh:C")
>>> Report([f], store=None).conforms(), Report([f], store=None).conforms("warning")
(True, False)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH

from ..namespaces import PDSH, PREFIXES
from .shapes import SEVERITIES

_RANK = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}
_SH_RESULT = ox.NamedNode(str(SH.result))


@dataclass
class Finding:
    """One validation result, located and worded for a contributor."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # IRI of the entity (or of the entity a blank node belongs to)
    label: str
    message: str
    shape: str  # e.g. "pdsh:Agreement-party"
    component: str  # e.g. "sh:MinCountConstraintComponent"
    path: str | None = None
    value: str | None = None
    file: str | None = None
    line: int | None = None
    detail: str | None = None  # for a blank node: what it is ("participation in ...")


@dataclass
class Report:
    """Findings of one validation run, with the SHACL report behind them."""

    findings: list[Finding]
    store: ox.Store = field(repr=False)
    files: list[str] = field(default_factory=list)

    @property
    def conforms_sh(self) -> bool:
        """``sh:conforms`` as SHACL defines it: true only when there is no result at all."""
        return not any(True for _ in self.store.quads_for_pattern(None, _SH_RESULT, None, None))

    @property
    def graph(self) -> Graph:
        """The SHACL validation report as an rdflib Graph."""
        g = Graph()
        g.parse(data=self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode(),
                format="nt")
        return g

    def turtle(self) -> str:
        """The SHACL validation report as Turtle (Oxigraph's writer)."""
        prefixes = {"sh": str(SH), "pdsh": str(PDSH), **PREFIXES}
        data = self.store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        return (data or b"").decode("utf-8")

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity.lower() == severity)

    def conforms(self, fail_on: str = "violation") -> bool:
        """True when nothing at or above ``fail_on`` severity was found."""
        worst = _RANK[SEVERITIES[fail_on]]
        return not any(_RANK[SH[f.severity]] <= worst for f in self.findings)

    def to_json(self, fail_on: str = "violation") -> dict:
        """The documented JSON form (schema: ``schemas/validation-report.schema.json``)."""
        by_file: dict[str, list] = {}
        for f in self.findings:
            by_file.setdefault(f.file or "(not located)", []).append(asdict(f))
        return {
            "conforms": self.conforms(fail_on),
            "fail_on": fail_on,
            "shacl_conforms": self.conforms_sh,
            "counts": {s: self.count(s) for s in ("violation", "warning", "info")},
            "files": [{"file": name, "results": rows} for name, rows in by_file.items()],
        }


def order(f: Finding) -> tuple:
    return (f.file or "", f.line or 0, f.focus, _RANK[SH[f.severity]], f.shape or "", f.path or "", f.value or "",
            f.message)


__all__ = ["Finding", "Report", "order"]
