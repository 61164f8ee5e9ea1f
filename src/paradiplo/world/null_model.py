"""Does twinning prefer nearby cities? The observed network against degree-preserving
random rewirings, each drawn with the model's own seeded random generator."""

from __future__ import annotations

import random
from contextlib import contextmanager

from .read import distance_km


@contextmanager
def _igraph_rng(rng: random.Random):
    """Let igraph draw from ``rng`` (its own ``random.Random``) for the duration, then give
    igraph back Python's default generator: the global ``random`` module is never seeded."""
    import igraph as ig

    ig.set_random_number_generator(rng)
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _edge_distances(G, edges) -> list[float]:
    out = []
    for u, v in edges:
        a, b = G.nodes[u], G.nodes[v]
        if "latitude" in a and "latitude" in b:
            out.append(distance_km((a["latitude"], a["longitude"]), (b["latitude"], b["longitude"])))
    return out


def geography_null_model(G, copies: int = 10, seed: int = 11) -> dict:
    """Does twinning prefer nearby cities? The observed median great-circle length of the
    twinnings against degree-preserving rewired copies of the network (igraph rewiring,
    10 swaps per edge). Also the share of twinnings within one country and the degree
    assortativity against the same null. z = (observed - null mean) / null sd."""
    import igraph as ig
    import networkx as nx
    import numpy as np

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges()]
    observed = np.array(_edge_distances(G, G.edges()))
    country = [G.nodes[n].get("country") for n in nodes]
    obs_domestic = np.mean([country[a] == country[b] for a, b in edges])
    obs_assort = nx.degree_assortativity_coefficient(G)
    med, dom, ass = [], [], []
    for c in range(copies):
        h = ig.Graph(n=len(nodes), edges=edges)
        with _igraph_rng(random.Random(seed + c)):
            h.rewire(n=10 * len(edges), allowed_edge_types="simple")
        pairs = h.get_edgelist()
        dists = _edge_distances(G, [(nodes[a], nodes[b]) for a, b in pairs])
        med.append(float(np.median(dists)))
        dom.append(float(np.mean([country[a] == country[b] for a, b in pairs])))
        ass.append(float(h.assortativity_degree(directed=False)))

    def z(obs, null):
        sd = float(np.std(null, ddof=1))
        return {"observed": float(obs), "null_mean": float(np.mean(null)), "null_sd": sd,
                "z": float((obs - np.mean(null)) / sd) if sd > 0 else None}

    return {"copies": copies,
            "median_km": z(float(np.median(observed)), med),
            "domestic_share": z(obs_domestic, dom),
            "assortativity": z(obs_assort, ass),
            "distance_quantiles_km": {str(q): float(np.quantile(observed, q)) for q in (0.1, 0.25, 0.5, 0.75, 0.9)},
            "mean_km": float(observed.mean())}
