"""One self-contained HTML page (no external URL) to explore a network."""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx

from ..kg import KnowledgeGraph
from .networks import colour, legend_keys


def html_text(G: nx.Graph, sources: dict[str, list[dict]] | None = None, size_by: str = "betweenness",
              title: str | None = None) -> str:
    """One self-contained page (no external URL) to explore the network in a browser."""
    sources = sources or {}
    values = {n: (d.get(size_by) or 0) for n, d in G.nodes(data=True)}
    top = max(values.values()) if values else 0
    leaders = set(sorted(G, key=lambda n: -values[n])[:8])
    skip = {"x", "y", "colour", "spells", "bipartite", "label"}
    nodes = []
    for n, d in G.nodes(data=True):
        attrs = {k: ("; ".join(map(str, v)) if isinstance(v, list | tuple) else
                     (round(v, 4) if isinstance(v, float) else v))
                 for k, v in d.items() if k not in skip and v not in (None, "", [])}
        nodes.append({"id": str(n), "label": d.get("label", str(n)), "x": 500 + 400 * d.get("x", 0.0),
                      "y": 400 + 350 * d.get("y", 0.0), "r": 4 + 16 * (values[n] / top if top else 0),
                      "colour": d.get("colour", "#888888"), "labelled": n in leaders,
                      "attributes": attrs, "sources": sources.get(str(n), [])})
    edges = [{"source": str(u), "target": str(v), "weight": d.get("weight", 1)} for u, v, d in G.edges(data=True)]
    kinds = legend_keys(G)
    legend = " ".join(f'<div><span style="background:{colour(k)}"></span>{html.escape(k)}</div>' for k in kinds)
    data = json.dumps({"nodes": nodes, "edges": edges, "directed": G.is_directed()},
                      ensure_ascii=False).replace("</", "<\\/")
    page = (Path(__file__).parent / "templates" / "network.html").read_text(encoding="utf-8")
    return (page.replace("__TITLE__", html.escape(title or f"paradiplo {G.graph.get('name', '')} network"))
                .replace("__LEGEND__", legend).replace("__DATA__", data))


def node_sources(kg: KnowledgeGraph) -> dict[str, list[dict]]:
    """The citations of every entity, for the HTML page's source panel."""
    from rdflib import RDFS

    from ..namespaces import PDO

    out: dict[str, list[dict]] = {}
    labels = {}
    for s, c in kg.rdflib.subject_objects(PDO.attestedBy):
        src = kg.rdflib.value(c, PDO.source)
        if src not in labels:
            labels[src] = str(kg.rdflib.value(src, RDFS.label) or src)
        out.setdefault(str(s), []).append({"source": labels[src], "locator": str(kg.rdflib.value(c, PDO.locator) or ""),
                                           "quote": str(kg.rdflib.value(c, PDO.quote) or "")})
    for v in out.values():
        v.sort(key=lambda r: (r["source"], r["locator"], r["quote"]))
    return out
