"""Pictures of networks (PNG, SVG): deterministic, for a paper."""

from __future__ import annotations

import io
import re

import networkx as nx

from .networks import KIND_PALETTE, colour, colour_key, kind_of, legend_keys


def picture_bytes(G: nx.Graph, fmt: str = "png", size_by: str = "betweenness", label_top: int = 8,
                  title: str | None = None, colour_by: str = "type") -> bytes:
    """A deterministic picture: seeded layout, colours by type (or, ``colour_by="kind"``,
    by the kind of actor: sub-national government, ministry, embassy or consulate, agency,
    association...) with a legend, node size by ``size_by``, labels on the ``label_top``
    leading nodes by that measure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    plt.rcParams["svg.hashsalt"] = "paradiplo"  # stable SVG ids
    plt.rcParams["svg.fonttype"] = "none"
    fig, ax = plt.subplots(figsize=(11, 8), dpi=120)
    pos = {n: (d.get("x", 0.0), d.get("y", 0.0)) for n, d in G.nodes(data=True)}
    values = {n: (d.get(size_by) or 0) for n, d in G.nodes(data=True)}
    top = max(values.values()) if values else 0
    sizes = [60 + 900 * (values[n] / top if top else 0) for n in G]
    if colour_by == "kind":
        colours = [KIND_PALETTE.get(kind_of(colour_key(d)), "#888888") for _, d in G.nodes(data=True)]
    else:
        colours = [d.get("colour", "#888888") for _, d in G.nodes(data=True)]
    widths = [0.6 + 0.6 * d.get("weight", 1) for *_, d in G.edges(data=True)]
    if G.is_directed():  # arrowheads that stop at the target's rim (node_size tells networkx where)
        nx.draw_networkx_edges(G, pos, ax=ax, width=widths, edge_color="#777777", alpha=0.8, arrows=True,
                               arrowstyle="-|>", arrowsize=14, node_size=sizes, connectionstyle="arc3,rad=0.08")
    else:
        nx.draw_networkx_edges(G, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.6)
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color=colours, edgecolors="#333333",
                           linewidths=0.5)
    if pos:  # the drawing fills the canvas
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        pad_x, pad_y = 0.04 * ((max(xs) - min(xs)) or 1), 0.04 * ((max(ys) - min(ys)) or 1)
        ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    if colour_by == "kind":
        present = {kind_of(k) for k in legend_keys(G)}
        keys = [(k, c) for k, c in KIND_PALETTE.items() if k in present]
    else:
        keys = [(k, colour(k)) for k in legend_keys(G)]
    handles = [Line2D([0], [0], marker="o", color="w", markerfacecolor=c, markeredgecolor="#333333",
                      markersize=8, label=k) for k, c in keys]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False,
              title="kind of actor" if colour_by == "kind" else "type", title_fontsize=9)
    ax.set_title(title or f"paradiplo {G.graph.get('name', '')} network — node size: {size_by}", fontsize=11)
    ax.axis("off")
    fig.tight_layout()
    _place_labels(fig, ax, G, pos, _to_label(G, values, label_top))  # after the layout: final positions
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": "paradiplo"}
    fig.savefig(buf, format=fmt, metadata=metadata)
    plt.close(fig)
    return buf.getvalue()


def _to_label(G: nx.Graph, values: dict, top: int) -> list:
    """The ``top`` leading nodes by the sizing measure, and the leading node of every other
    component of two or more nodes (so that no cluster is left nameless)."""
    def key(n):
        return (-values[n], G.nodes[n].get("label", ""))
    chosen = sorted(G, key=key)[:top]
    components = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    for component in sorted(components, key=lambda c: sorted(map(str, c))):
        if len(component) > 1 and not component & set(chosen):
            chosen.append(min(component, key=key))
    return chosen


#: where a label may go, in points from its node: right-up first, then around it
_OFFSETS = [(6, 6), (-6, 6), (6, -12), (-6, -12), (0, 14), (0, -18), (12, -3), (-12, -3)]


def _place_labels(fig, ax, G, pos, nodes) -> None:
    """Label ``nodes``, each at the first offset where it overlaps no label placed before."""
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)  # labels stay on the drawing, off the legend
    placed = []
    for n in nodes:
        text = _short_label(G.nodes[n].get("label", n))
        for i, (dx, dy) in enumerate(_OFFSETS):
            ann = ax.annotate(text, pos[n], xytext=(dx, dy), textcoords="offset points", fontsize=8,
                              ha="left" if dx >= 0 else "right",
                              bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#cccccc", "alpha": 0.85})
            box = ann.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if (inside and not any(box.overlaps(other) for other in placed)) or i == len(_OFFSETS) - 1:
                placed.append(box)
                break
            ann.remove()


def _short_label(text: str, width: int = 30) -> str:
    """A label that fits a picture: a name that ends with its acronym is the acronym,
    a long one is cut.

    >>> _short_label("Japan International Cooperation Agency (JICA)")
    'JICA'
    >>> _short_label("Provincial Government of DKI Jakarta and its agencies")
    'Provincial Government of DKI…'
    """
    acronym = re.search(r"\(([A-Z][A-Za-z0-9 .&-]{1,11})\)$", text)
    if acronym and len(text) > width // 2:
        return acronym.group(1)
    return text if len(text) <= width else text[: width - 2].rstrip() + "…"
