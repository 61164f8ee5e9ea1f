"""Actor networks from the knowledge graph, and the measures of brokerage.

Networks (all networkx graphs, nodes keyed by IRI, attributes for labels and types):

* :func:`two_mode` -- actors x affairs (partnerships, agreements, activities), one edge
  per actor-affair pair, with the roles and the affair's date on the edge.
* :func:`actor_network` -- its one-mode projection: actors linked by shared affairs,
  weighted by how many, the roles kept on the edge.
* :func:`city_network` -- sub-national governments linked by partnerships (dates,
  status as last judged, fields).
* :func:`directed_network` -- who acted on whom: initiator, proposer, facilitator,
  funder and supporter roles, towards the actor the data names (``pdo:actedOn``) or,
  failing that, towards the partners of the partnership or parties of the agreement.

Measures (:func:`node_measures`) come from networkx; Gould-Fernandez brokerage roles,
which networkx lacks, are :func:`brokerage_roles`. For large graphs betweenness and
closeness use igraph (same values, checked in the tests), and betweenness can be
sampled with a stated error (:func:`betweenness`).

Examples
--------
>>> from paradiplo.graph import load
>>> ex = extract(load())
>>> G = actor_network(two_mode(ex))
>>> G.nodes["https://w3id.org/paradiplo/id/kemlu-ri"]["label"]
'Ministry of Foreign Affairs of the Republic of Indonesia'
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations

import networkx as nx
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .graph import case_graphs, union
from .inference import rdfs_closure
from .namespaces import PD, PDO

ROLES_DIRECTED = {"initiator", "proposer", "facilitator", "funder", "supporter"}
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: Above this many nodes, betweenness and closeness are computed with igraph.
IGRAPH_THRESHOLD = 200


# --------------------------------------------------------------------------- extraction


@dataclass
class Filters:
    """Which part of the knowledge graph a network is built from."""

    case: str | None = None  # case slug, e.g. "jakarta-hanoi"
    year_from: int | None = None
    year_to: int | None = None
    actor_types: tuple[str, ...] = ()  # pdo class local names, e.g. ("Ministry", "Embassy")
    include_generic: bool = True

    def as_dict(self) -> dict:
        return {"case": self.case, "from": self.year_from, "to": self.year_to,
                "actor_types": list(self.actor_types), "include_generic": self.include_generic}


@dataclass
class Extract:
    """Actors, affairs and the ties between them, read once from the knowledge graph."""

    actors: dict[str, dict]
    affairs: dict[str, dict]
    ties: list[tuple[str, str, str]]  # (actor, affair, role)
    partnerships: dict[str, dict]
    directed: list[tuple[str, str, str, str]]  # (actor, target, role, affair)
    types: dict[str, set[str]] = field(default_factory=dict)  # node -> pdo class local names


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(g: Graph, node, lang: str = "en") -> str:
    labels = list(g.objects(node, RDFS.label)) + list(g.objects(node, SKOS.prefLabel))
    for want in (lang, None):
        for lab in labels:
            if getattr(lab, "language", None) == want:
                return str(lab)
    return str(labels[0]) if labels else _local(node)


def _year(lit) -> int | None:
    if not isinstance(lit, Literal):
        return None
    text = str(lit)
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def _most_specific(g: Graph, node, root) -> URIRef | None:
    types = {t for t in g.objects(node, RDF.type) if isinstance(t, URIRef) and str(t).startswith(str(PDO._NS))}
    candidates = [t for t in types if (t, RDFS.subClassOf, root) in g or t == root]
    for t in candidates:
        if not any(o != t and (o, RDFS.subClassOf, t) in g for o in candidates):
            return t
    return None


def extract(ds: Dataset) -> Extract:
    """Read actors, affairs, roles and partnerships from the knowledge graph."""
    kg = rdfs_closure(union(ds))
    # rdfs_closure adds types, not subClassOf closure; make subclass tests transitive.
    for c, sup in list(kg.subject_objects(RDFS.subClassOf)):
        for higher in kg.transitiveClosure(lambda n, _: kg.objects(n, RDFS.subClassOf), sup):
            kg.add((c, RDFS.subClassOf, higher))
    cases_of: dict = defaultdict(set)
    for case, g in case_graphs(ds).items():
        slug = str(case)[len(str(PD)):].removeprefix("case-")
        for s in set(g.subjects(RDF.type, None)):
            cases_of[s].add(slug)

    actors = {}
    # Sorted throughout: node insertion order decides layouts, community labels and the
    # order of every export, which must not depend on Python's per-process hash seed.
    for a in sorted(set(kg.subjects(RDF.type, PDO.Actor))):
        if isinstance(a, BNode):
            continue
        t = _most_specific(kg, a, PDO.Actor)
        level = kg.value(a, PDO.level)
        country = kg.value(a, PDO.country)
        actors[str(a)] = {
            "label": _label(kg, a), "type": _label(kg, t) if t else "actor", "class": _local(t) if t else "Actor",
            "level": _label(kg, level) if level else "", "country": _label(kg, country) if country else "",
            "generic": kg.value(a, PDO.isGeneric) == Literal(True),
            "government": (a, RDF.type, PDO.GovernmentBody) in kg,
            "cases": sorted(cases_of.get(a, ())), "kind": "actor",
        }

    affairs = {}
    for f in sorted(set(kg.subjects(RDF.type, PDO.Affair))):
        t = _most_specific(kg, f, PDO.Affair)
        start = kg.value(f, PDO.signedOn) or kg.value(f, PDO.date) or kg.value(f, PDO.startDate)
        end = kg.value(f, PDO.endDate) or start
        partnership = f if (f, RDF.type, PDO.Partnership) in kg else kg.value(f, PDO.relatedPartnership)
        if partnership is None:
            partnership = kg.value(f, PDO.establishes)
        affairs[str(f)] = {
            "label": _label(kg, f), "type": _label(kg, t) if t else "affair", "class": _local(t) if t else "Affair",
            "group": ("partnership" if (f, RDF.type, PDO.Partnership) in kg else
                      "agreement" if (f, RDF.type, PDO.Agreement) in kg else "activity"),
            "date": str(start) if start is not None else "", "start": _year(start), "end": _year(end),
            "partnership": str(partnership) if partnership else "",
            "cases": sorted(cases_of.get(f, ())), "kind": "affair",
        }

    ties, directed = [], []
    for f in affairs:
        node = URIRef(f)
        for p in kg.objects(node, PDO.participation):
            actor, role = kg.value(p, PDO.actor), kg.value(p, PDO.role)
            if actor is None or role is None or str(actor) not in actors:
                continue
            role_name = _local(role)
            ties.append((str(actor), f, role_name))
            if role_name in ROLES_DIRECTED:
                targets = list(kg.objects(p, PDO.actedOn)) or [
                    t for t in list(kg.objects(node, PDO.partner)) + list(kg.objects(node, PDO.party))
                    if t != actor]
                directed += [(str(actor), str(t), role_name, f) for t in targets if str(t) in actors]
        ties += [(str(a), f, "party") for a in kg.objects(node, PDO.party) if str(a) in actors]
        ties += [(str(a), f, "partner") for a in kg.objects(node, PDO.partner) if str(a) in actors]

    partnerships = {}
    for p in (URIRef(f) for f, d in affairs.items() if d["group"] == "partnership"):
        assessments = sorted(
            (str(kg.value(a, PDO.endDate) or kg.value(a, PDO.startDate) or ""), _label(kg, kg.value(a, PDO.status)))
             for a in kg.subjects(PDO.assesses, p) if kg.value(a, PDO.status) is not None)
        dates = [str(kg.value(a, PDO.signedOn)) for a in
                 set(kg.subjects(PDO.underPartnership, p)) | set(kg.subjects(PDO.establishes, p))
                 if kg.value(a, PDO.signedOn) is not None]
        start = min(dates) if dates else (str(kg.value(p, PDO.startDate) or "") or None)
        partnerships[str(p)] = {
            "label": _label(kg, p), "partners": sorted(str(x) for x in kg.objects(p, PDO.partner)),
            "since": start or "", "start": _year(Literal(start)) if start else None,
            "status": assessments[-1][1] if assessments else "",
            "fields": sorted(_label(kg, x) for x in kg.objects(p, PDO.field)),
            "cases": affairs[str(p)]["cases"],
        }
    types = {str(a): {_local(t) for t in kg.objects(URIRef(a), RDF.type)} for a in actors}
    return Extract(actors, affairs, sorted(ties), partnerships, sorted(directed), types)


# --------------------------------------------------------------------------- networks


def _affair_selected(d: dict, f: Filters) -> bool:
    if f.case and f.case not in d["cases"]:
        return False
    if f.year_from is not None or f.year_to is not None:
        if d["start"] is None:
            return False  # undated affairs cannot be placed in a period
        lo = f.year_from if f.year_from is not None else -math.inf
        hi = f.year_to if f.year_to is not None else math.inf
        end = d["end"] if d["end"] is not None else d["start"]
        if end < lo or d["start"] > hi:
            return False
    return True


def _actor_selected(ex: Extract, a: str, f: Filters) -> bool:
    d = ex.actors[a]
    if not f.include_generic and d["generic"]:
        return False
    if f.actor_types and not (ex.types.get(a, set()) & set(f.actor_types)):
        return False
    return True


def two_mode(ex: Extract, filters: Filters | None = None) -> nx.Graph:
    """Actors x affairs; edge attributes ``roles`` (sorted list) and ``date``.

    Node attribute ``bipartite`` is 0 for actors and 1 for affairs.
    """
    f = filters or Filters()
    B = nx.Graph(kind="two-mode")
    roles = defaultdict(set)
    for actor, affair, role in ex.ties:
        if _affair_selected(ex.affairs[affair], f) and _actor_selected(ex, actor, f):
            roles[(actor, affair)].add(role)
    for (actor, affair), rs in roles.items():
        B.add_node(actor, bipartite=0, **ex.actors[actor])
        B.add_node(affair, bipartite=1, **ex.affairs[affair])
        B.add_edge(actor, affair, roles=sorted(rs), date=ex.affairs[affair]["date"], weight=1)
    return B


def actor_network(B: nx.Graph) -> nx.Graph:
    """One-mode projection of a two-mode network onto its actors.

    Two actors are linked when they take part in the same affair; ``weight`` counts the
    shared affairs, ``affairs`` lists them, and ``roles`` keeps who played which role in
    each (``"role of u / role of v in affair"``).
    """
    G = nx.Graph(kind="actors")
    actors = [n for n, d in B.nodes(data=True) if d.get("bipartite") == 0]
    G.add_nodes_from((a, B.nodes[a]) for a in actors)
    for affair in (n for n, d in B.nodes(data=True) if d.get("bipartite") == 1):
        for u, v in combinations(sorted(B.neighbors(affair)), 2):
            label = B.nodes[affair]["label"]
            desc = f"{'/'.join(B.edges[u, affair]['roles'])} - {'/'.join(B.edges[v, affair]['roles'])} in {label}"
            if G.has_edge(u, v):
                e = G.edges[u, v]
                e["weight"] += 1
                e["affairs"].append(label)
                e["roles"].append(desc)
            else:
                G.add_edge(u, v, weight=1, affairs=[label], roles=[desc])
    return G


def city_network(ex: Extract, filters: Filters | None = None) -> nx.Graph:
    """Sub-national governments linked by the partnerships between them."""
    f = filters or Filters()
    G = nx.Graph(kind="cities")
    for d in ex.partnerships.values():
        if f.case and f.case not in d["cases"]:
            continue
        if (f.year_from is not None or f.year_to is not None) and (
                d["start"] is None or (f.year_to is not None and d["start"] > f.year_to)):
            continue
        if len(d["partners"]) != 2:
            continue
        u, v = d["partners"]
        for n in (u, v):
            G.add_node(n, **ex.actors[n])
        G.add_edge(u, v, partnership=d["label"], since=d["since"], status=d["status"],
                   fields=d["fields"], weight=1)
    return G


def directed_network(ex: Extract, filters: Filters | None = None) -> nx.DiGraph:
    """Who acted on whom (initiated, proposed, facilitated, funded, supported)."""
    f = filters or Filters()
    D = nx.DiGraph(kind="directed")
    for actor, target, role, affair in ex.directed:
        if not (_affair_selected(ex.affairs[affair], f) and _actor_selected(ex, actor, f)):
            continue
        D.add_node(actor, **ex.actors[actor])
        D.add_node(target, **ex.actors[target])
        if D.has_edge(actor, target):
            D.edges[actor, target]["roles"].append(role)
            D.edges[actor, target]["weight"] += 1
        else:
            D.add_edge(actor, target, roles=[role], affair=ex.affairs[affair]["label"], weight=1)
    return D


# --------------------------------------------------------------------------- measures


def brokerage_roles(G: nx.Graph | nx.DiGraph, groups: dict) -> dict[str, dict[str, int]]:
    """Gould-Fernandez brokerage role counts of every node.

    Node ``v`` brokers the ordered pair ``(a, b)`` when ``a -> v -> b``, ``a != b`` and
    there is no tie ``a -> b`` (Gould and Fernandez 1989; as in R's ``sna::brokerage``).
    With ``g`` the group of each node, the two-path is a

    * coordinator when g(a) = g(v) = g(b),
    * itinerant (consultant) when g(a) = g(b) != g(v),
    * representative when g(a) = g(v) != g(b),
    * gatekeeper when g(v) = g(b) != g(a),
    * liaison when all three groups differ.

    An undirected tie counts in both directions, so on an undirected graph every open
    pair counts twice: a pair across groups gives one representative and one gatekeeper
    count to the broker who shares a group with one end.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    groups : dict
        Node -> group (e.g. country or level). Nodes without a group are their own group.

    Examples
    --------
    >>> D = nx.DiGraph([("a", "v"), ("v", "b")])
    >>> brokerage_roles(D, {"a": 1, "v": 2, "b": 1})["v"]["itinerant"]
    1
    """
    def grp(n):
        return groups.get(n) if groups.get(n) not in (None, "") else ("__own__", n)

    succ = G.succ if G.is_directed() else G.adj
    pred = G.pred if G.is_directed() else G.adj
    result = {n: dict.fromkeys(BROKERAGE_ROLES, 0) for n in G}
    for v in G:
        gv = grp(v)
        for a in pred[v]:
            if a == v:
                continue
            ga = grp(a)
            for b in succ[v]:
                if b in (a, v) or b in succ[a]:
                    continue
                gb = grp(b)
                if ga == gv == gb:
                    role = "coordinator"
                elif ga == gb:
                    role = "itinerant"
                elif ga == gv:
                    role = "representative"
                elif gv == gb:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                result[v][role] += 1
    return result


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


GRAPHS = ("two-mode", "actors", "cities", "directed")


def build(ex: Extract, graph: str = "actors", filters: Filters | None = None,
          group_by: str = "country") -> tuple[nx.Graph, dict[str, dict]]:
    """The chosen network (``two-mode``, ``actors``, ``cities`` or ``directed``) and every
    measure of its nodes (brokerage groups by ``group_by``)."""
    f = filters or Filters()
    B = two_mode(ex, f)
    if graph == "two-mode":
        return B, two_mode_measures(B)
    builders = {"actors": lambda: actor_network(B), "cities": lambda: city_network(ex, f),
                "directed": lambda: directed_network(ex, f)}
    if graph not in builders:
        raise ValueError(f"unknown graph {graph!r}; choose one of {', '.join(GRAPHS)}")
    G = builders[graph]()
    return G, node_measures(G, {n: G.nodes[n].get(group_by, "") for n in G})


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


# --------------------------------------------------------------------------- reports


def intermediaries(ex: Extract, filters: Filters | None = None, group_by: str = "country",
                   top: int | None = None) -> list[dict]:
    """Actors ranked as intermediaries of the actor network, with the reasons.

    Rank: the mean of an actor's percentile ranks on three measures, each read as
    brokerage: normalised betweenness in the actor network (lying on paths between
    others), Gould-Fernandez brokerage across groups (representative + gatekeeper +
    itinerant + liaison two-paths, groups by ``group_by``), and effective size (Burt's
    non-redundant contacts). Ties keep label order. Only actors with at least one tie
    are ranked. ``reason`` says in words which groups, cases and roles the actor spans.
    """
    f = filters or Filters()
    B = two_mode(ex, f)
    G = actor_network(B)
    if G.number_of_nodes() == 0:
        return []
    groups = {n: G.nodes[n].get(group_by, "") for n in G}
    m = node_measures(G, groups)
    B_measures = two_mode_measures(B)
    cross = {n: m[n]["brokerage_total"] - m[n]["brokerage_coordinator"] for n in G}
    eff = {n: m[n]["effective_size"] or 0.0 for n in G}
    btw = {n: m[n]["betweenness"] for n in G}
    ranked_nodes = [n for n in G if G.degree(n) > 0]
    score = {n: (_pct(btw, n, ranked_nodes) + _pct(cross, n, ranked_nodes) + _pct(eff, n, ranked_nodes)) / 3
             for n in ranked_nodes}
    rows = []
    for n in sorted(ranked_nodes, key=lambda n: (-score[n], G.nodes[n]["label"])):
        d = G.nodes[n]
        neighbours = list(G.neighbors(n))
        other_groups = sorted({groups[x] for x in neighbours if groups[x]} - {groups[n]})
        roles = Counter(r for a in B.neighbors(n) for r in B.edges[n, a]["roles"])
        role_text = ", ".join(f"{r} ({c})" if c > 1 else r for r, c in sorted(roles.items()))
        cases = sorted({c for a in B.neighbors(n) for c in B.nodes[a]["cases"]})
        reason = f"ties to {len(neighbours)} actors"
        if other_groups:
            reason += f", {len(other_groups)} other {group_by} group(s) ({'; '.join(other_groups)})"
        reason += f"; as {role_text}" if role_text else ""
        if len(cases) > 1:
            reason += f"; spans {len(cases)} cases ({', '.join(cases)})"
        rows.append({
            "rank": len(rows) + 1, "actor": n, "label": d["label"], "type": d["type"], "level": d["level"],
            "country": d["country"], "score": round(score[n], 4), "betweenness": round(btw[n], 4),
            "brokerage_cross_group": cross[n], "effective_size": round(eff[n], 3),
            "constraint": None if m[n]["constraint"] is None else round(m[n]["constraint"], 3),
            "two_mode_betweenness": round(B_measures[n]["betweenness"], 4),
            "degree": m[n]["degree"], "cases": cases, "reason": reason,
        })
    return rows[:top] if top else rows


def _pct(values: dict, node, among) -> float:
    """Share of ``among`` whose value is strictly lower, plus half the ties (mid-rank)."""
    x = values[node]
    lower = sum(1 for n in among if values[n] < x)
    equal = sum(1 for n in among if values[n] == x) - 1
    return (lower + equal / 2) / max(len(among) - 1, 1)


def timeline(ex: Extract, window: int = 5, top: int = 3, group_by: str = "country",
             filters: Filters | None = None) -> list[dict]:
    """The leading intermediaries per period of ``window`` years (dated affairs only)."""
    base = filters or Filters()
    years = [d["start"] for d in ex.affairs.values() if d["start"] is not None]
    if not years:
        return []
    first = min(years) - min(years) % window
    rows = []
    for lo in range(first, max(years) + 1, window):
        f = Filters(base.case, lo, lo + window - 1, base.actor_types, base.include_generic)
        for r in intermediaries(ex, f, group_by=group_by, top=top):
            rows.append({"period": f"{lo}-{lo + window - 1}", **{k: r[k] for k in (
                "rank", "label", "type", "country", "score", "betweenness", "brokerage_cross_group", "reason")}})
    return rows


def metrics_rdf(measures: dict[str, dict], network: str, params: dict, when: datetime | None = None) -> Graph:
    """Measures as RDF, for their own named graph: one pdo:NetworkAnalysis (with the date
    and the parameters) and one pdo:MeasureValue per node and measure."""
    when = when or datetime.now(UTC)
    g = Graph()
    g.bind("pdo", str(PDO._NS))
    g.bind("pd", str(PD))
    stamp = when.strftime("%Y%m%dT%H%M%S")
    run = PD[f"network-analysis-{network}-{stamp}"]
    g.add((run, RDF.type, PDO.NetworkAnalysis))
    g.add((run, RDFS.label, Literal(f"Network measures of the {network} network", lang="en")))
    g.add((run, PDO.networkKind, Literal(network)))
    g.add((run, PDO.computedAt, Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    for key, value in sorted(params.items()):
        if value not in (None, [], ""):
            g.add((run, PDO.parameter, Literal(f"{key}={value}")))
    for node, values in measures.items():
        if not node.startswith("http"):
            continue
        for name, value in values.items():
            if value is None or (isinstance(value, float) and value != value):
                continue
            mv = PD[f"measure-{network}-{stamp}-{_local(node)}-{name}"]
            g.add((mv, RDF.type, PDO.MeasureValue))
            g.add((mv, PDO.measureOf, URIRef(node)))
            g.add((mv, PDO.measure, Literal(name)))
            g.add((mv, PDO.measureValue, Literal(value)))
            g.add((mv, PDO.computedIn, run))
    return g
