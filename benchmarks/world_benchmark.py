"""The world pipeline at full size: each stage against a plain baseline, in one run.

Stages on the shared world list (25,917 pairs) plus the bundled cases:

  stage       paradiplo                                   baseline
  import      world.import_sister_cities                  (none: nothing else reads the list)
  load        Oxigraph store and parser                   rdflib in-memory store and parser
  queries     the parameter-free query library, Oxigraph  the same queries, rdflib's engine
  validation  subclass entailment + pyshacl-turbo         plain pyshacl.validate, default options
  measures    betweenness and closeness via igraph        networkx exact betweenness and closeness
  exports     paradiplo GEXF 1.3 (schema-valid)           networkx.write_gexf

Every run is a fresh process (its peak memory is its own) with a time limit; a run past
the limit is reported and its ratio is a lower bound.
Usage:  python benchmarks/world_benchmark.py [--limit 600]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import run_worker  # noqa: E402

STAGES = ["import", "load", "queries", "validation", "measures", "exports"]


def _world_nq(tmp: Path) -> Path:
    from paradiplo import world

    out = tmp / "world"
    if not (out / "sister-cities.nq").exists():
        world.import_sister_cities(world.default_input(), out)
    return out / "sister-cities.nq"


def worker(stage: str, impl: str, tmp: Path) -> dict:
    from paradiplo import world

    t0 = time.perf_counter()
    if stage == "import":
        world.import_sister_cities(world.default_input(), tmp / "import-run")
    else:
        nq = _world_nq(tmp)
        t0 = time.perf_counter()  # the shared import is not part of the other stages
        if stage == "load":
            from paradiplo.graph import load

            load([nq], store="oxigraph" if impl == "paradiplo" else "memory")
        elif stage == "queries":
            from paradiplo import query as q
            from paradiplo.graph import data_files, load

            store = "oxigraph" if impl == "paradiplo" else "memory"
            ds = q.prepare(load([nq, *data_files()], store=store), store=store)
            for nq_ in q.library().values():
                if not nq_.parameters:
                    q.run(ds, nq_.text, {}, timeout=None)
        elif stage == "validation":
            from paradiplo.graph import data_files, load, union
            from paradiplo.validate import shapes_graph, validate_files

            if impl == "paradiplo":
                validate_files([nq])
            else:
                import pyshacl

                pyshacl.validate(union(load([nq, *data_files()], store="memory")), shacl_graph=shapes_graph())
        elif stage == "measures":
            import networkx as nx

            from paradiplo import network as nw

            G = world.world_graph(nq)
            if impl == "paradiplo":
                nw.betweenness(G)
                nw.closeness(G)
            else:
                nx.betweenness_centrality(G)
                nx.closeness_centrality(G)
        elif stage == "exports":
            import networkx as nx

            from paradiplo import export as xp

            G = world.world_graph(nq)
            if impl == "paradiplo":
                xp.gexf_bytes(G, "1.3", size_by="latitude", dynamic=False)
            else:
                nx.write_gexf(G, io.BytesIO())
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run(stage: str, impl: str, tmp: Path, limit: float) -> dict | None:
    return run_worker(__file__, [stage, impl, tmp], limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=600)
    parser.add_argument("--stages", nargs="+", default=STAGES, choices=STAGES)
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        stage, impl, tmp = args.worker
        print(json.dumps(worker(stage, impl, Path(tmp))))
        return
    print(f"{'stage':>11} {'paradiplo s':>12} {'MiB':>6} {'baseline s':>11} {'MiB':>6} {'speed-up':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for stage in args.stages:
            ours = run(stage, "paradiplo", Path(tmp), args.limit)
            base = None if stage == "import" else run(stage, "baseline", Path(tmp), args.limit)
            stopped = f"> {int(args.limit)}"
            fo = f"{ours['seconds']:>12.2f} {ours['peak_mib']:>6.0f}" if ours else f"{stopped:>12} {'':>6}"
            if stage == "import":
                fb, ratio = f"{'-':>11} {'':>6}", "-"
            elif base:
                fb = f"{base['seconds']:>11.2f} {base['peak_mib']:>6.0f}"
                ratio = f"{base['seconds'] / ours['seconds']:.1f}x" if ours else "-"
            else:
                fb = f"{stopped:>11} {'':>6}"
                ratio = f">{args.limit / ours['seconds']:.0f}x" if ours else "-"
            print(f"{stage:>11} {fo} {fb} {ratio:>9}", flush=True)
    print("speed-up = baseline time / paradiplo time (higher is faster); '> N' = stopped at the time limit.")


if __name__ == "__main__":
    main()
