"""Gould-Fernandez brokerage roles, which networkx lacks."""

from __future__ import annotations

import networkx as nx

BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


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
