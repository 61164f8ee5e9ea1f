"""GraphML (Cytoscape, yEd, igraph) and Gephi's spreadsheet CSV."""

from __future__ import annotations

import io

import networkx as nx

from ..output import csv_text
from .xmltext import check_xml_text


def _flat(G: nx.Graph) -> nx.Graph:
    """A copy with GraphML-friendly attributes: lists joined, None and empty values dropped."""
    H = G.copy()
    for _, d in list(H.nodes(data=True)) + [(None, d) for *_, d in H.edges(data=True)]:
        for k in list(d):
            v = d[k]
            if k == "spells":
                d[k] = "; ".join(f"{a}/{b}" for a, b in v)
            elif isinstance(v, list | tuple):
                d[k] = "; ".join(str(x) for x in v)
            if d[k] is None or d[k] == "":
                del d[k]
    H.graph = {"name": str(G.graph.get("name", ""))}
    return H


def graphml_bytes(G: nx.Graph) -> bytes:
    """GraphML with typed keys (for Cytoscape, yEd, igraph)."""
    check_xml_text(G, "GraphML")
    buf = io.BytesIO()
    nx.write_graphml(_flat(G), buf, named_key_ids=True)
    return buf.getvalue()


def csv_tables(G: nx.Graph) -> tuple[str, str]:
    """``nodes.csv`` and ``edges.csv`` as Gephi's spreadsheet import expects them: Id,
    Label and attributes; Source, Target, Type, Weight and attributes; and Interval
    columns (``<[start, end]; ...>``) when there are periods."""
    H = _flat(G)
    node_keys = sorted({k for _, d in H.nodes(data=True) for k in d} - {"label", "spells", "bipartite"})
    edge_keys = sorted({k for *_, d in H.edges(data=True) for k in d} - {"weight", "spells"})
    dynamic = any("spells" in d for _, d in G.nodes(data=True))

    def interval(d):
        return "<" + "; ".join(f"[{a}, {b}]" for a, b in d.get("spells", [])) + ">" if d.get("spells") else ""

    nodes = [["Id", "Label", *node_keys, *(["Interval"] if dynamic else [])]]
    for n, d in G.nodes(data=True):
        row = H.nodes[n]
        nodes.append([n, d.get("label", n), *[row.get(k, "") for k in node_keys], *([interval(d)] if dynamic else [])])
    edges = [["Source", "Target", "Type", "Weight", *edge_keys, *(["Interval"] if dynamic else [])]]
    kind = "Directed" if G.is_directed() else "Undirected"
    for u, v, d in G.edges(data=True):
        row = H.edges[u, v]
        edges.append([u, v, kind, d.get("weight", 1), *[row.get(k, "") for k in edge_keys],
                      *([interval(d)] if dynamic else [])])
    return csv_text(nodes), csv_text(edges)
