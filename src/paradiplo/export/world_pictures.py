"""Pictures of the world sister-city network: the degree distribution and the map."""

from __future__ import annotations


def degree_plot(G, tail: dict) -> bytes:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    degrees = np.array(sorted((d for _, d in G.degree() if d > 0)))
    ks = np.unique(degrees)
    ccdf = np.array([(degrees >= k).mean() for k in ks])
    fig, ax = plt.subplots(figsize=(6.5, 4.5), dpi=120)
    ax.loglog(ks, ccdf, "o", ms=3, color="#0072B2", label="places with degree ≥ k")
    if tail:
        kmin, alpha = tail["kmin"], tail["alpha"]
        share = (degrees >= kmin).mean()
        xs = ks[ks >= kmin]
        ax.loglog(xs, share * (xs / kmin) ** (1 - alpha), "-", color="#D55E00",
                  label=f"power-law tail fit: α = {alpha:.2f} ± {tail['alpha_se']:.2f} (k ≥ {kmin})")
    ax.set_xlabel("degree k (number of twinnings)")
    ax.set_ylabel("share of places (CCDF)")
    ax.set_title("World sister-city network: degree distribution", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def map_plot(G, links: dict) -> bytes:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    fig, ax = plt.subplots(figsize=(12, 6.2), dpi=120)
    segments = []
    for u, v in G.edges():
        a, b = G.nodes[u], G.nodes[v]
        if "latitude" in a and "latitude" in b and abs(a["longitude"] - b["longitude"]) < 180:
            segments.append([(a["longitude"], a["latitude"]), (b["longitude"], b["latitude"])])
    ax.add_collection(LineCollection(segments, linewidths=0.15, colors="#0072B2", alpha=0.08))
    pts = [(d["longitude"], d["latitude"], G.degree(n)) for n, d in G.nodes(data=True) if "latitude" in d]
    ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=[1 + p[2] / 3 for p in pts], c="#222222",
               alpha=0.5, linewidths=0)
    for node in links.get("links", {}).values():
        d = G.nodes[node]
        ax.scatter([d["longitude"]], [d["latitude"]], s=40, c="#D55E00", edgecolors="white", zorder=3)
        ax.annotate(d["label"], (d["longitude"], d["latitude"]), xytext=(4, 4), textcoords="offset points",
                    fontsize=7, color="#D55E00")
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 80)
    ax.set_aspect("equal")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(f"World sister-city network: {G.number_of_nodes():,} places, {G.number_of_edges():,} twinnings "
                 "(case cities in orange)", fontsize=10)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
