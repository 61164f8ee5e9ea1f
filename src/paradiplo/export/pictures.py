"""Pictures of networks (PNG, SVG): deterministic, for a paper."""

from __future__ import annotations

import io

import networkx as nx

from .networks import colour, legend_keys


def picture_bytes(G: nx.Graph, fmt: str = "png", size_by: str = "betweenness", label_top: int = 8,
                  title: str | None = None) -> bytes:
    """A deterministic picture: seeded layout, colours by type with a legend, node size by
    ``size_by``, labels on the ``label_top`` leading nodes by that measure."""
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
    colours = [d.get("colour", "#888888") for _, d in G.nodes(data=True)]
    nx.draw_networkx_edges(G, pos, ax=ax, width=[0.6 + 0.6 * d.get("weight", 1) for *_, d in G.edges(data=True)],
                           edge_color="#999999", alpha=0.6, arrows=G.is_directed())
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color=colours, edgecolors="#333333",
                           linewidths=0.5)
    leaders = sorted(G, key=lambda n: (-values[n], G.nodes[n].get("label", "")))[:label_top]
    for n in leaders:
        x, y = pos[n]
        ax.annotate(_short_label(G.nodes[n].get("label", n)), (x, y), xytext=(6, 6), textcoords="offset points",
                    fontsize=8, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#cccccc", "alpha": 0.85})
    kinds = legend_keys(G)
    handles = [Line2D([0], [0], marker="o", color="w", markerfacecolor=colour(k), markeredgecolor="#333333",
                      markersize=8, label=k) for k in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False,
              title="type", title_fontsize=9)
    ax.set_title(title or f"paradiplo {G.graph.get('name', '')} network — node size: {size_by}", fontsize=11)
    ax.axis("off")
    fig.tight_layout()
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": "paradiplo"}
    fig.savefig(buf, format=fmt, metadata=metadata)
    plt.close(fig)
    return buf.getvalue()


def _short_label(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
