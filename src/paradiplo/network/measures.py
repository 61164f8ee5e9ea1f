"""Measures of the nodes of a network: centralities, structural holes, cores, components,
communities and brokerage, from networkx (igraph for betweenness and closeness on large
graphs: the same values, checked in the tests; betweenness can be sampled with a stated
error)."""

from __future__ import annotations

import math

import networkx as nx

from .brokerage import BROKERAGE_ROLES, brokerage_roles

#: Above this many nodes, betweenness and closeness are computed with igraph.
IGRAPH_THRESHOLD = 200


def betweenness(G: nx.Graph, *, normalized: bool = True, weight: str | None = None,
                k: int | None = None, seed: int = 42) -> tuple[dict, str]:
    """Betweenness centrality and how it was computed.

    Exact with networkx for small graphs and with igraph above
    :data:`IGRAPH_THRESHOLD` nodes (the same Brandes algorithm, compiled). With ``k``,
    a sample of ``k`` source nodes estimates it (networkx); the returned note states the
    approximate standard error of the estimate, ``sqrt((n - k) / (k * (n - 1)))`` times
    the value (sampling sources without replacement).
    """
    n = G.number_of_nodes()
    if k is not None and k < n:
        values = nx.betweenness_centrality(G, k=k, normalized=normalized, weight=weight, seed=seed)
        rel = math.sqrt((n - k) / (k * max(n - 1, 1)))
        return values, f"sampled: {k} of {n} sources, relative standard error about {rel:.1%}"
    if n > IGRAPH_THRESHOLD:
        return _igraph_betweenness(G, normalized, weight), "exact (igraph)"
    return nx.betweenness_centrality(G, normalized=normalized, weight=weight), "exact (networkx)"


def _to_igraph(G: nx.Graph, weight: str | None):
    import igraph as ig

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    h = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=G.is_directed())
    if weight:
        h.es["w"] = [d.get(weight, 1) for _, _, d in G.edges(data=True)]
    return h, nodes


def _igraph_betweenness(G: nx.Graph, normalized: bool, weight: str | None) -> dict:
    h, nodes = _to_igraph(G, weight)
    values = h.betweenness(directed=G.is_directed(), weights="w" if weight else None)
    n = len(nodes)
    if normalized and n > 2:
        scale = 1 / ((n - 1) * (n - 2)) * (1 if G.is_directed() else 2)
        values = [x * scale for x in values]
    return dict(zip(nodes, values, strict=True))


def closeness(G: nx.Graph) -> dict:
    """Closeness (Wasserman-Faust correction for disconnected graphs), igraph when large."""
    if G.number_of_nodes() > IGRAPH_THRESHOLD:
        h, nodes = _to_igraph(G, None)
        # igraph's closeness over the reachable part, scaled as networkx's wf_improved
        raw = h.closeness(normalized=True)
        n = len(nodes)
        sizes = {i: len(c) for c in h.connected_components() for i in c} if not G.is_directed() else None
        out = {}
        for i, node in enumerate(nodes):
            value = raw[i] if raw[i] == raw[i] else 0.0  # NaN for isolates
            if sizes:
                value *= (sizes[i] - 1) / max(n - 1, 1)
            out[node] = value
        return out
    return nx.closeness_centrality(G)


def node_measures(G: nx.Graph, groups: dict | None = None) -> dict[str, dict]:
    """Every measure for every node of a one-mode (or directed) network.

    degree, weighted degree, normalised betweenness, closeness, PageRank, eigenvector
    centrality (per component, 0 for isolates), Burt's constraint and effective size,
    Gould-Fernandez brokerage roles (with ``groups``), k-core number, component and
    community (Louvain, seeded, so results repeat).
    """
    groups = groups or {}
    und = G.to_undirected() if G.is_directed() else G
    deg = dict(G.degree())
    wdeg = dict(G.degree(weight="weight"))
    btw, _ = betweenness(G)
    clo = closeness(G)
    pr = nx.pagerank(G, weight="weight") if G.number_of_edges() else dict.fromkeys(G, 1 / max(len(G), 1))
    eig = {}
    for comp in nx.connected_components(und):
        sub = ordered_subgraph(und, comp)
        if sub.number_of_edges() == 0:
            eig.update(dict.fromkeys(comp, 0.0))
            continue
        values = _eigenvector(sub)
        share = len(comp) / max(len(und), 1)  # scale so components compare by size
        eig.update({n: abs(x) * share for n, x in values.items()})
    constraint = nx.constraint(und, weight="weight") if und.number_of_edges() else {}
    eff = effective_size(und) if und.number_of_edges() else {}
    loops = nx.Graph(und)
    loops.remove_edges_from(nx.selfloop_edges(loops))
    core = nx.core_number(loops)
    components = {n: i for i, c in enumerate(sorted(nx.connected_components(und), key=lambda c: (-len(c), min(c))))
                  for n in c}
    communities = nx.community.louvain_communities(und, weight="weight", seed=42) if und.number_of_edges() else []
    community = {n: i for i, c in enumerate(sorted(communities, key=lambda c: (-len(c), min(c)))) for n in c}
    roles = brokerage_roles(G, groups)
    out = {}
    for n in G:
        c = constraint.get(n, float("nan"))
        out[n] = {
            "degree": deg[n], "weighted_degree": wdeg[n], "betweenness": btw[n], "closeness": clo[n],
            "pagerank": pr[n], "eigenvector": eig.get(n, 0.0),
            "constraint": None if c != c else c, "effective_size": _nan_none(eff.get(n)),
            "core": core.get(n, 0), "component": components[n], "community": community.get(n, -1),
            **{f"brokerage_{r}": roles[n][r] for r in BROKERAGE_ROLES},
            "brokerage_total": sum(roles[n].values()),
        }
    return out


def effective_size(G: nx.Graph) -> dict:
    """Burt's effective size. With all tie weights 1 it is Borgatti's (1997) identity
    ``n - 2t/n`` (n ties, t ties among the alters, i.e. the node's triangles), computed
    in linear memory; networkx's general formula (used for weighted graphs) needs memory
    quadratic in the graph (74.5 GiB at 100,000 nodes in benchmarks/network_benchmark.py).

    Examples
    --------
    >>> effective_size(nx.Graph([("c", "a"), ("c", "b"), ("a", "b"), ("c", "d")]))["c"]
    2.3333333333333335
    """
    if any(d.get("weight", 1) != 1 for *_, d in G.edges(data=True)):
        return nx.effective_size(G, weight="weight")
    triangles = nx.triangles(G)
    return {v: (G.degree(v) - 2 * triangles[v] / G.degree(v)) if G.degree(v) else float("nan") for v in G}


def ordered_subgraph(G: nx.Graph, nodes) -> nx.Graph:
    """The subgraph on ``nodes`` as a new graph whose node and edge order is sorted.

    ``G.subgraph(some_set)`` iterates the set, whose order depends on Python's
    per-process hash seed; layouts and solvers that start from the node order would then
    differ from run to run.
    """
    H = G.__class__()
    H.add_nodes_from((n, G.nodes[n]) for n in sorted(nodes, key=str))
    keep = set(nodes)
    H.add_edges_from(sorted(((u, v, d) for u, v, d in G.edges(keep, data=True) if u in keep and v in keep),
                            key=lambda e: (str(e[0]), str(e[1]))))
    return H


def _eigenvector(G: nx.Graph) -> dict:
    """Principal eigenvector of a connected undirected graph, unit length, non-negative.

    Small components use a dense symmetric eigensolver (exact; the sparse solver cannot
    handle graphs of one or two nodes), larger ones networkx's sparse solver.
    """
    if len(G) > 500:
        return nx.eigenvector_centrality_numpy(G, weight="weight")
    import numpy as np

    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight="weight")
    _, vectors = np.linalg.eigh(A)
    v = np.abs(vectors[:, -1])
    v = v / (np.linalg.norm(v) or 1.0)
    return dict(zip(nodes, v.tolist(), strict=True))


def _nan_none(x):
    return None if x is None or x != x else x


def _two_mode_betweenness(B: nx.Graph, top: set) -> dict:
    """Betweenness normalised by the two-mode maximum of each mode (Borgatti and Everett
    1997), as ``networkx.bipartite.betweenness_centrality`` does, except that a mode
    whose maximum is 0 (e.g. the actors around a single affair) gets 0 instead of a
    division by zero."""
    bottom = set(B) - top
    n, m = len(top), len(bottom)
    raw = nx.betweenness_centrality(B, normalized=False)
    if not n or not m:
        return dict.fromkeys(B, 0.0)
    s, t = divmod(n - 1, m)
    max_top = (m**2 * (s + 1) ** 2 + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2
    p, r = divmod(m - 1, n)
    max_bottom = (n**2 * (p + 1) ** 2 + n * (p + 1) * (2 * r - p - 1) - r * (2 * p - r + 3)) / 2
    return {v: (raw[v] / (max_top if v in top else max_bottom)) if (max_top if v in top else max_bottom) else 0.0
            for v in B}


def two_mode_measures(B: nx.Graph) -> dict[str, dict]:
    """Degree and two-mode betweenness/closeness (Borgatti-Everett normalisation)."""
    actors = {n for n, d in B.nodes(data=True) if d.get("bipartite") == 0}
    if not B.number_of_edges():
        return {n: {"degree": 0, "betweenness": 0.0, "closeness": 0.0} for n in B}
    btw = _two_mode_betweenness(B, actors)
    clo = nx.bipartite.closeness_centrality(B, actors)
    deg = nx.bipartite.degree_centrality(B, actors)
    return {n: {"degree": B.degree(n), "degree_centrality": deg[n], "betweenness": btw[n], "closeness": clo[n]}
            for n in B}
