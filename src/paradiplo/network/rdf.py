"""Network measures written back as RDF, for their own named graph.

The IRIs are derived from the network and the parameters of the analysis (not from the
clock), so the same analysis of the same data gives the same triples: ``build`` twice
writes identical files. The time of the analysis is recorded only when asked for, as a
literal (``pdo:computedAt``).

Examples
--------
>>> g = metrics_rdf({"https://w3id.org/paradiplo/id/kemlu-ri": {"degree": 3}}, "actors", {"case": None})
>>> sorted(str(o) for o in g.objects(None, PDO.measure))
['degree']
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from ..kg.labels import local_name
from ..namespaces import PD, PDO


def metrics_rdf(measures: dict[str, dict], network: str, params: dict, when: datetime | None = None) -> Graph:
    """Measures as RDF: one ``pdo:NetworkAnalysis`` (network kind, parameters, and the time
    if ``when`` is given) and one ``pdo:MeasureValue`` per node and measure."""
    g = Graph()
    g.bind("pdo", str(PDO._NS))
    g.bind("pd", str(PD))
    used = {k: v for k, v in sorted(params.items()) if v not in (None, [], "")}
    key = hashlib.sha256(json.dumps([network, used], sort_keys=True, default=str).encode()).hexdigest()[:10]
    run = PD[f"network-analysis-{network}-{key}"]
    g.add((run, RDF.type, PDO.NetworkAnalysis))
    g.add((run, RDFS.label, Literal(f"Network measures of the {network} network", lang="en")))
    g.add((run, RDFS.label, Literal(f"Ukuran jaringan {network}", lang="id")))
    g.add((run, PDO.networkKind, Literal(network)))
    if when is not None:
        g.add((run, PDO.computedAt, Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    for k, value in used.items():
        g.add((run, PDO.parameter, Literal(f"{k}={value}")))
    for node, values in measures.items():
        if not node.startswith("http"):
            continue
        for name, value in values.items():
            if value is None or (isinstance(value, float) and value != value):
                continue
            mv = PD[f"measure-{network}-{key}-{local_name(node)}-{name}"]
            g.add((mv, RDF.type, PDO.MeasureValue))
            g.add((mv, PDO.measureOf, URIRef(node)))
            g.add((mv, PDO.measure, Literal(name)))
            g.add((mv, PDO.measureValue, Literal(value)))
            g.add((mv, PDO.computedIn, run))
    return g
