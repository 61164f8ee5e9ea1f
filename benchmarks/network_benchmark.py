"""Network measures at scale: plain networkx against paradiplo's implementation.

Synthetic actor networks of 2,000, 20,000 and 100,000 nodes with a realistic, skewed
degree distribution (Holme-Kim power-law clustered graphs, mean degree about 4, as
co-participation networks have hubs and triangles). Every measure runs in a fresh
process with a time limit; a run past the limit is reported and its ratio given as a
lower bound. Peak memory is the process's maximum resident size.

  networkx   the plain networkx call for the measure
  paradiplo  what paradiplo.network uses: igraph for betweenness and closeness above
             IGRAPH_THRESHOLD nodes, networkx otherwise; Borgatti's identity for the
             effective size of unweighted graphs; our own brokerage roles; and
             sampled betweenness (k = 500 sources) with its stated error

Usage:  python benchmarks/network_benchmark.py [--sizes 2000 20000 100000] [--limit 300]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import run_worker  # noqa: E402

MEASURES = ["degree", "betweenness", "closeness", "pagerank", "eigenvector", "constraint", "effective_size",
            "core", "components", "communities", "brokerage", "betweenness_sampled"]


def graph(n: int):
    import networkx as nx

    return nx.powerlaw_cluster_graph(n, 2, 0.3, seed=1)


def worker(impl: str, measure: str, n: int) -> dict:
    import networkx as nx

    from paradiplo import network as nw

    G = graph(n)
    groups = {v: v % 12 for v in G}  # e.g. countries
    t0 = time.perf_counter()
    note = ""
    if measure == "degree":
        dict(G.degree())
    elif measure == "betweenness":
        if impl == "networkx":
            nx.betweenness_centrality(G)
        else:
            _, note = nw.betweenness(G)
    elif measure == "betweenness_sampled":
        if impl == "networkx":
            nx.betweenness_centrality(G, k=min(500, n), seed=42)
        else:
            _, note = nw.betweenness(G, k=min(500, n))
    elif measure == "closeness":
        nx.closeness_centrality(G) if impl == "networkx" else nw.closeness(G)
    elif measure == "pagerank":
        nx.pagerank(G)
    elif measure == "eigenvector":
        nx.eigenvector_centrality_numpy(G) if impl == "networkx" else nw.measures._eigenvector(G)
    elif measure == "constraint":
        nx.constraint(G)
    elif measure == "effective_size":
        nx.effective_size(G) if impl == "networkx" else nw.effective_size(G)
    elif measure == "core":
        nx.core_number(G)
    elif measure == "components":
        list(nx.connected_components(G))
    elif measure == "communities":
        nx.community.louvain_communities(G, seed=42)
    elif measure == "brokerage":
        nw.brokerage_roles(G, groups)  # networkx has no brokerage roles: the same code both ways
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "note": note}


def run(impl: str, measure: str, n: int, limit: float) -> dict | None:
    return run_worker(__file__, [impl, measure, n], limit)


def _cell(r: dict | None, impl: str, width: int, failed: list[str], limit: float) -> str:
    """Seconds and MiB of a run, or why there are none (failed, or stopped at the limit)."""
    if r:
        return f"{r['seconds']:>{width}.2f} {r['peak_mib']:>6.0f}"
    gone = "failed" if any(f.startswith(impl) for f in failed) else f"> {int(limit)}"
    return f"{gone:>{width}} {'':>6}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--limit", type=float, default=300)
    parser.add_argument("--measures", nargs="+", default=MEASURES, choices=MEASURES)
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        impl, measure, n = args.worker
        print(json.dumps(worker(impl, measure, int(n))))
        return
    print(f"{'nodes':>7} {'measure':>20} {'networkx s':>11} {'MiB':>6} {'paradiplo s':>12} {'MiB':>6} "
          f"{'speed-up':>9}  note")
    for n in args.sizes:
        for measure in args.measures:
            a = run("networkx", measure, n, args.limit)
            b = run("paradiplo", measure, n, args.limit)
            failed = [f"{who}: {r['failed']}" for who, r in (("networkx", a), ("paradiplo", b)) if r and "failed" in r]
            a = None if a and "failed" in a else a
            b = None if b and "failed" in b else b
            fa = _cell(a, "networkx", 11, failed, args.limit)
            fb = _cell(b, "paradiplo", 12, failed, args.limit)
            if a and b:
                ratio = f"{a['seconds'] / max(b['seconds'], 1e-9):.1f}x"
            elif b and not failed:
                ratio = f">{args.limit / max(b['seconds'], 1e-9):.0f}x"
            else:
                ratio = "-"
            note = "; ".join(failed) if failed else (b["note"] if b else "")
            print(f"{n:>7} {measure:>20} {fa} {fb} {ratio:>9}  {note}", flush=True)
    print("speed-up = networkx time / paradiplo time (higher is faster); '> N' = stopped at the time limit.")


if __name__ == "__main__":
    main()
