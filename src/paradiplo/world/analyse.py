"""Analyses of the world sister-city network: structure, degree tail, paths, leading
places, and the country network."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rdflib import RDF, RDFS, SKOS

from ..namespaces import PDO

_LABEL, _ALT, _TYPE = str(RDFS.label), str(SKOS.altLabel), str(RDF.type)
_COUNTRY, _LAT, _LNG, _TWIN = str(PDO.country), str(PDO.latitude), str(PDO.longitude), str(PDO.twinnedPlace)
_KINDS = {str(PDO.City): "City", str(PDO.District): "District"}


def world_graph(nq_path: Path):
    """The twinning network from the imported N-Quads: places as nodes (label, country,
    latitude, longitude, kind), twinnings as edges. Read with Oxigraph's streaming parser.
    A country shared with the knowledge graph is named as the list writes it (its
    ``skos:altLabel`` in the world graph)."""
    import networkx as nx
    import pyoxigraph as ox

    labels, alt, countries, lat, lng, kinds, pairs = {}, {}, {}, {}, {}, {}, defaultdict(list)
    for q in ox.parse(path=str(nq_path), format=ox.RdfFormat.N_QUADS):
        s, p, o = q.subject.value, q.predicate.value, q.object
        if p == _LABEL:
            labels[s] = o.value
        elif p == _ALT:
            alt.setdefault(s, o.value)
        elif p == _COUNTRY:
            countries[s] = o.value
        elif p == _LAT:
            lat[s] = float(o.value)
        elif p == _LNG:
            lng[s] = float(o.value)
        elif p == _TYPE and o.value in _KINDS:
            kinds[s] = _KINDS[o.value]
        elif p == _TWIN:
            pairs[s].append(o.value)
    G = nx.Graph(name="world")
    for place, kind in kinds.items():
        c = countries.get(place, "")
        G.add_node(place, label=labels.get(place, place), kind=kind, country_iri=c,
                   country=labels.get(c) or alt.get(c) or c.rsplit("/", 1)[-1],
                   **({"latitude": lat[place], "longitude": lng[place]} if place in lat else {}))
    for twinning, ends in pairs.items():
        if len(ends) == 2:
            G.add_edge(*ends, twinning=twinning)
    return G


def power_law_tail(degrees: list[int]) -> dict:
    """Discrete power-law fit of the degree tail (Clauset, Shalizi and Newman 2009): the
    approximate MLE ``alpha = 1 + n / sum(ln(k / (kmin - 1/2)))`` with ``kmin`` chosen to
    minimise the Kolmogorov-Smirnov distance; the standard error is ``(alpha - 1)/sqrt(n)``."""
    import numpy as np

    k = np.array(sorted(d for d in degrees if d > 0), dtype=float)
    best = None
    for kmin in sorted(set(k.astype(int)))[:60]:
        tail = k[k >= kmin]
        if len(tail) < 50:
            break
        alpha = 1 + len(tail) / np.sum(np.log(tail / (kmin - 0.5)))
        # KS distance between the empirical CDF and the fitted one, in the same discrete
        # approximation as the estimator: P(K >= k) = ((k - 1/2) / (kmin - 1/2))^(1 - alpha)
        xs = np.unique(tail)
        emp = np.searchsorted(tail, xs, side="right") / len(tail)
        fit = 1 - ((xs + 0.5) / (kmin - 0.5)) ** (1 - alpha)
        ks = float(np.max(np.abs(emp - fit)))
        if best is None or ks < best["ks"]:
            best = {"alpha": float(alpha), "kmin": int(kmin), "n_tail": int(len(tail)), "ks": ks,
                    "alpha_se": float((alpha - 1) / np.sqrt(len(tail)))}
    return best or {}


def _sampled_mean_path(G, k: int = 400, seed: int = 7) -> dict:
    """Mean shortest-path length of a connected graph from ``k`` random sources (igraph
    BFS); the standard error is that of the mean of the per-source means."""
    import random

    import igraph as ig
    import numpy as np

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    h = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()])
    rng = random.Random(seed)
    sources = rng.sample(range(len(nodes)), min(k, len(nodes)))
    means = []
    for chunk in range(0, len(sources), 50):
        rows = np.array(h.distances(source=sources[chunk:chunk + 50]), dtype=float)
        for row in rows:
            finite = row[np.isfinite(row) & (row > 0)]
            means.append(finite.mean())
    means = np.array(means)
    return {"mean": float(means.mean()), "se": float(means.std(ddof=1) / np.sqrt(len(means))),
            "sources": len(sources), "exact": len(sources) == len(nodes)}

def analyse(G, top: int = 15) -> dict:
    """The headline figures of the world network (see README: "The world network")."""
    import networkx as nx

    from .. import network as nw

    comps = sorted(nx.connected_components(G), key=len, reverse=True)
    lcc = G.subgraph(comps[0]).copy()
    degrees = [d for _, d in G.degree()]
    btw, how = nw.betweenness(lcc)
    pr = nx.pagerank(G)

    def ranked(values: dict, n: int = top):
        return [{"place": G.nodes[v]["label"], "country": G.nodes[v]["country"], "value": round(values[v], 6),
                 "degree": G.degree(v)} for v in sorted(values, key=lambda v: (-values[v], G.nodes[v]["label"]))[:n]]

    C = nx.Graph()
    for u, v in G.edges():
        a, b = G.nodes[u]["country"], G.nodes[v]["country"]
        if a != b:
            w = C.get_edge_data(a, b, {"weight": 0})["weight"]
            C.add_edge(a, b, weight=w + 1)
    cw = dict(C.degree(weight="weight"))
    cpr = nx.pagerank(C, weight="weight")
    communities = sorted(nx.community.louvain_communities(C, weight="weight", seed=42), key=len, reverse=True)
    return {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "districts": sum(1 for _, d in G.nodes(data=True) if d["kind"] == "District"),
        "components": len(comps), "largest_component": len(comps[0]),
        "largest_component_share": round(len(comps[0]) / G.number_of_nodes(), 4),
        "mean_degree": round(2 * G.number_of_edges() / G.number_of_nodes(), 3), "max_degree": max(degrees),
        "degree_tail": power_law_tail(degrees),
        "assortativity": round(nx.degree_assortativity_coefficient(G), 4),
        "transitivity": round(nx.transitivity(G), 4), "mean_clustering": round(nx.average_clustering(G), 4),
        "mean_shortest_path_largest_component": _sampled_mean_path(lcc),
        "top_degree": ranked(dict(G.degree())), "top_betweenness": ranked(btw), "betweenness_method": how,
        "top_pagerank": ranked(pr),
        "countries": {"nodes": C.number_of_nodes(), "edges": C.number_of_edges(),
                      "top_weighted_degree": [{"country": c, "twinnings": cw[c]} for c in
                                              sorted(cw, key=lambda c: (-cw[c], c))[:top]],
                      "top_pagerank": [{"country": c, "value": round(cpr[c], 5)} for c in
                                       sorted(cpr, key=lambda c: (-cpr[c], c))[:top]],
                      "communities": [sorted(c) for c in communities]},
    }
