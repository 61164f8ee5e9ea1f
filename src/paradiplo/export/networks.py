"""Each network prepared once for every format: its measures as node attributes, colours
by node type, a seeded layout, and spells (periods) from agreement and activity dates.

Examples
--------
>>> from paradiplo.kg import load
>>> from paradiplo import network as nw
>>> G = export_network(nw.extract(load()), "actors")
>>> all("x" in d and "colour" in d for _, d in G.nodes(data=True))
True
"""

from __future__ import annotations

import hashlib

import networkx as nx

from .. import network as nw
from ..errors import ExportError

GRAPHS = nw.GRAPHS

# A stable palette (colour-blind-safe Okabe-Ito first, then Tableau), keyed by node type,
# so the same kind of actor has the same colour in every export and picture.
PALETTE = {
    "provincial government": "#0072B2", "metropolitan government": "#56B4E9", "municipal government": "#009E73",
    "district government": "#66C2A5", "sub-national government": "#1B9E77", "local government agency": "#8DA0CB",
    "local legislature": "#7570B3", "national government": "#D55E00", "ministry": "#E69F00",
    "embassy": "#CC79A7", "consulate": "#F0A3D0", "international organisation": "#882255",
    "association of local governments": "#AA4499", "non-governmental organisation": "#117733",
    "community": "#999933", "company": "#661100", "state-owned enterprise": "#A6761D",
    "university": "#332288", "school": "#44AA99", "research institution": "#6699CC", "person": "#E7298A",
    "government body": "#666666", "regency government": "#2CA25F", "international cooperation agency": "#DDCC77",
    # affairs (two-mode network)
    "partnership": "#BBBBBB", "agreement": "#888888", "activity": "#DDDDDD", "network membership": "#CCCCCC",
}

#: The kinds of actor a picture for a paper groups the types into (``colour_by="kind"``):
#: who governs the partner places, the national states and their missions, foreign agencies,
#: networks, knowledge institutions, the market and society.
KIND_OF_TYPE = {
    "provincial government": "sub-national government", "metropolitan government": "sub-national government",
    "municipal government": "sub-national government", "district government": "sub-national government",
    "regency government": "sub-national government", "sub-national government": "sub-national government",
    "local government agency": "local agency or legislature", "local legislature": "local agency or legislature",
    "national government": "national government or ministry", "ministry": "national government or ministry",
    "government body": "national government or ministry",
    "embassy": "embassy or consulate", "consulate": "embassy or consulate",
    "international cooperation agency": "cooperation agency or international organisation",
    "international organisation": "cooperation agency or international organisation",
    "association of local governments": "association or city network",
    "university": "university, school or research", "school": "university, school or research",
    "research institution": "university, school or research",
    "educational or research institution": "university, school or research",
    "company": "company", "state-owned enterprise": "company",
    "non-governmental organisation": "NGO or community", "community": "NGO or community", "person": "person",
    "organisation": "other organisation", "actor": "other organisation",
}
KIND_PALETTE = {
    "sub-national government": "#009E73", "local agency or legislature": "#8DA0CB",
    "national government or ministry": "#E69F00", "embassy or consulate": "#CC79A7",
    "cooperation agency or international organisation": "#D55E00", "association or city network": "#0072B2",
    "university, school or research": "#332288", "company": "#661100", "NGO or community": "#999933",
    "person": "#E7298A", "other organisation": "#888888",
}


def kind_of(node_type: str) -> str:
    """The kind of actor a type belongs to, for pictures grouped by kind.

    >>> kind_of("consulate"), kind_of("regency government")
    ('embassy or consulate', 'sub-national government')
    """
    return KIND_OF_TYPE.get(node_type, node_type)


def colour(kind_type: str) -> str:
    """The palette colour of a node type; unknown types get a stable hashed grey-blue."""
    if kind_type in PALETTE:
        return PALETTE[kind_type]
    h = int(hashlib.md5(kind_type.encode()).hexdigest()[:6], 16)
    return f"#{(h >> 16) % 128 + 64:02x}{(h >> 8) % 128 + 64:02x}{h % 128 + 96:02x}"


def export_network(ex: nw.Extract, graph: str = "actors", filters: nw.Filters | None = None,
                   group_by: str = "country", built: tuple | None = None) -> nx.Graph:
    """The chosen network with every measure as a node attribute, the colour, a seeded
    layout position, and spells (periods) from agreement and activity dates. ``built`` is
    ``(network, measures)`` as :func:`paradiplo.network.build` returns them, if at hand."""
    if graph not in GRAPHS:
        raise ExportError(f"unknown graph {graph!r}; choose one of {', '.join(GRAPHS)}")
    f = filters or nw.Filters()
    B = nw.two_mode(ex, f)  # spells come from the affairs of the two-mode network
    G, measures = built if built is not None else nw.build(ex, graph, f, group_by)
    G = G.copy()
    G.graph["name"] = graph
    for n, values in measures.items():
        G.nodes[n].update({k: v for k, v in values.items() if v is not None})
    spells = _spells(ex, B)
    for n, d in G.nodes(data=True):
        d["colour"] = colour(colour_key(d))
        if n in spells:
            d["spells"] = spells[n]
    for u, v, d in G.edges(data=True):
        if graph == "two-mode":
            affair = v if B.nodes[v].get("kind") == "affair" else u
            if affair in spells:
                d["spells"] = spells[affair]
        elif graph == "actors":
            periods = _merge([s for a in set(B[u]) & set(B[v]) for s in spells.get(a, [])])
            if periods:
                d["spells"] = periods
    pos = _layout(G)
    for n, (x, y) in pos.items():
        G.nodes[n]["x"], G.nodes[n]["y"] = float(x), float(y)
    return G


def largest_component(G: nx.Graph) -> nx.Graph:
    """The network's largest connected component, laid out anew (a picture of the core,
    where the actors that join cases are)."""
    und = G.to_undirected() if G.is_directed() else G
    if not len(G):
        return G
    core = max(nx.connected_components(und), key=lambda c: (len(c), min(map(str, c))))
    H = G.subgraph(core).copy()
    for n, (x, y) in _layout(H).items():
        H.nodes[n]["x"], H.nodes[n]["y"] = float(x), float(y)
    return H


def _layout(G: nx.Graph) -> dict:
    """A deterministic layout: each connected component laid out by Kamada-Kawai, the
    components packed side by side, largest first, so small ones do not crowd the main one."""
    if not len(G):
        return {}
    und = G.to_undirected() if G.is_directed() else G
    comps = sorted(nx.connected_components(und), key=lambda c: (-len(c), min(map(str, c))))
    pos, x0, row_y, row_h = {}, 0.0, 0.0, 0.0
    width = max(4.0, 2.2 * len(comps[0]) ** 0.5)
    for comp in comps:
        sub = nw.ordered_subgraph(und, comp)
        size = 2.2 * len(comp) ** 0.5 if len(comp) > 1 else 0.6
        local = nx.kamada_kawai_layout(sub, scale=size / 2) if len(comp) > 2 else {
            n: (i * 0.6 - 0.3 * (len(comp) - 1), 0.0) for i, n in enumerate(sorted(comp, key=str))}
        if x0 + size > width and x0 > 0:
            x0, row_y, row_h = 0.0, row_y - row_h - 0.6, 0.0
        for n, (x, y) in local.items():
            pos[n] = (x0 + size / 2 + x, row_y - size / 2 + y)
        x0 += size + 0.6
        row_h = max(row_h, size)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((x - cx) / span * 2, (y - cy) / span * 2) for n, (x, y) in pos.items()}


def _spells(ex: nw.Extract, B: nx.Graph) -> dict[str, list[tuple[str, str]]]:
    """Periods (ISO dates) of each affair from its dates, and of each actor from its affairs."""
    out = {}
    for n, d in B.nodes(data=True):
        if d.get("kind") == "affair" and d.get("start") is not None:
            out[n] = [(f"{d['start']:04d}-01-01", f"{(d['end'] or d['start']):04d}-12-31")]
    for n, d in B.nodes(data=True):
        if d.get("kind") == "actor":
            periods = _merge([s for a in B[n] for s in out.get(a, [])])
            if periods:
                out[n] = periods
    return out


def _merge(periods: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Overlapping or back-to-back periods (ISO dates) as one."""
    from datetime import date, timedelta

    merged: list[list[str]] = []
    for start, end in sorted(periods):
        if merged and date.fromisoformat(start) <= date.fromisoformat(merged[-1][1]) + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(p) for p in merged]


def legend_keys(G: nx.Graph) -> list[str]:
    """The node types present: actor types, and partnership/agreement/activity for affairs."""
    return sorted({k for _, d in G.nodes(data=True) if (k := colour_key(d))})


def colour_key(d: dict) -> str:
    return (d.get("type") if d.get("kind") == "actor" else d.get("group")) or ""
