"""The networks read off the knowledge graph (networkx graphs, nodes keyed by IRI, with
attributes for labels and types):

* :func:`two_mode` -- actors x affairs (partnerships, agreements, activities), one edge
  per actor-affair pair, with the roles and the affair's date on the edge;
* :func:`actor_network` -- its one-mode projection: actors linked by shared affairs,
  weighted by how many, the roles kept on the edge;
* :func:`city_network` -- sub-national governments linked by partnerships (dates,
  status as last judged, fields);
* :func:`directed_network` -- who acted on whom: initiator, proposer, facilitator,
  funder and supporter roles, towards the actor the data names (``pdo:actedOn``) or,
  failing that, towards the partners of the partnership or parties of the agreement.
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations

import networkx as nx

from ..errors import UsageError
from .extract import Extract, Filters
from .measures import node_measures, two_mode_measures


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


def as_actor(ex: Extract, actor: str, f: Filters) -> str:
    """The node an actor is in the networks: a person is the organisation they hold a post
    in (``Extract.acts_for``) unless the filters keep persons; anyone else is themself."""
    return actor if f.keep_persons else ex.acts_for.get(actor, actor)


def two_mode(ex: Extract, filters: Filters | None = None) -> nx.Graph:
    """Actors x affairs; edge attributes ``roles`` (sorted list) and ``date``.

    Node attribute ``bipartite`` is 0 for actors and 1 for affairs. A person's ties are the
    ties of the organisation they act for, unless ``filters.keep_persons``.
    """
    f = filters or Filters()
    B = nx.Graph(kind="two-mode")
    roles = defaultdict(set)
    for actor, affair, role in ex.ties:
        actor = as_actor(ex, actor, f)
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
        actor, target = as_actor(ex, actor, f), as_actor(ex, target, f)
        if actor == target or not (_affair_selected(ex.affairs[affair], f) and _actor_selected(ex, actor, f)):
            continue
        D.add_node(actor, **ex.actors[actor])
        D.add_node(target, **ex.actors[target])
        if D.has_edge(actor, target):
            D.edges[actor, target]["roles"].append(role)
            D.edges[actor, target]["weight"] += 1
        else:
            D.add_edge(actor, target, roles=[role], affair=ex.affairs[affair]["label"], weight=1)
    return D


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
        raise UsageError(f"unknown graph {graph!r}; choose one of {', '.join(GRAPHS)}")
    G = builders[graph]()
    return G, node_measures(G, {n: G.nodes[n].get(group_by, "") for n in G})


def measure_rows(G: nx.Graph, measures: dict[str, dict]) -> list[dict]:
    """Every measure of every node as table rows (sorted by label), with the node's label,
    kind, type, level, country and cases."""
    rows = []
    for node, values in measures.items():
        d = G.nodes[node]
        rows.append({"id": node, "label": d.get("label", ""), "kind": d.get("kind", ""), "type": d.get("type", ""),
                     "level": d.get("level", ""), "country": d.get("country", ""), "cases": d.get("cases", []),
                     **{k: round(v, 6) if isinstance(v, float) else v for k, v in values.items()}})
    return sorted(rows, key=lambda r: (r["label"], r["id"]))
