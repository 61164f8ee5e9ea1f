"""The knowledge graph with the world sister-city list: paradiplo against a floor, in one run.

The floor is the same work done with pyoxigraph (and pyshacl-turbo) alone, with nothing
of paradiplo around it. Inputs: the shared world list (imported once, before timing, into
a temporary folder: the import is cached by `paradiplo build`), the ontology, the
vocabularies and the bundled cases.

  work            paradiplo                                   floor
  queries         pipeline.knowledge_graph(with_world=True),  Store.bulk_load of every file, the
                  then every parameter-free library query     merge into the default graph (one
                  (paradiplo.query.run)                       INSERT), two CONSTRUCTs for the
                                                              subclass and subproperty entailment,
                                                              then the same queries (Store.query)
  validate        `paradiplo validate --world`                the same store, entailed, given to
                  (validate_files on the imported list)       pyshacl_turbo.validate directly
  build           `paradiplo build`, world import cached      loading the knowledge graph plus the
                                                              world once (knowledge_graph(True))

Targets (issue 11): queries <= 2x the floor; validate <= 2x the floor and < 30 s; build
<= 1.5x loading the knowledge graph plus the world. Every run is a fresh process (peak
memory is its own) with a time limit; a run past the limit is reported as such.

Usage:  python benchmarks/world_benchmark.py [--limit 600]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import floor_store, run_worker  # noqa: E402

WORK = ["queries", "validate", "build"]
TARGET = {"queries": 2.0, "validate": 2.0, "build": 1.5}


def _floor_store(world_dir: Path):
    from paradiplo.kg import data_files

    return floor_store(data_files(), [world_dir / "sister-cities.nq", world_dir / "case-links.nq"])


def worker(work: str, impl: str, tmp: Path) -> dict:
    world_dir = tmp / "world"
    t0 = time.perf_counter()
    if work == "queries":
        from paradiplo import query as q

        queries = [nq.text for nq in q.library().values() if not nq.parameters]
        if impl == "paradiplo":
            from paradiplo.pipeline import knowledge_graph

            ds = knowledge_graph(with_world=True, world_out=world_dir)
            rows = sum(len(q.run(ds, text, {}, timeout=None).rows) for text in queries)
        else:
            from paradiplo.namespaces import PREFIXES

            store = _floor_store(world_dir)
            rows = sum(len(list(store.query(text, prefixes=PREFIXES))) for text in queries)
    elif work == "validate":
        if impl == "paradiplo":
            from paradiplo.validate import validate_files

            report = validate_files([world_dir / "sister-cities.nq", world_dir / "case-links.nq"])
            rows = len(report.findings)
        else:
            import pyoxigraph as ox
            import pyshacl_turbo
            from rdflib.namespace import SH

            from paradiplo.validate import shapes_graph

            store = _floor_store(world_dir)
            data = ox.Store()
            data.bulk_extend(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            _, report, _ = pyshacl_turbo.validate(data, shacl_graph=shapes_graph(), inference="none",
                                                  advanced=True, allow_warnings=True, allow_infos=True)
            rows = sum(1 for _ in report.subjects(SH.focusNode, None))
    else:
        if impl == "paradiplo":
            from paradiplo.kg import load
            from paradiplo.pipeline import build

            out = tmp / f"out-{time.time_ns()}"
            shutil.copytree(world_dir, out / "world")  # the world import, cached
            t0 = time.perf_counter()
            result = build(load(), out, world=True)
            rows = len(result.exports)
        else:
            from paradiplo.pipeline import knowledge_graph

            ds = knowledge_graph(with_world=True, world_out=world_dir)
            rows = len(ds.store)
    return {"seconds": time.perf_counter() - t0, "rows": rows,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=600)
    parser.add_argument("--work", nargs="+", default=WORK, choices=WORK)
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work, impl, tmp = args.worker
        print(json.dumps(worker(work, impl, Path(tmp))))
        return
    from paradiplo import world
    from paradiplo.kg import load

    print(f"{'work':>9} {'paradiplo s':>12} {'MiB':>6} {'floor s':>8} {'MiB':>6} {'ratio':>6} {'target':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        world.run(load(), out_dir=Path(tmp) / "world")  # the import and analysis, cached for every run
        for work in args.work:
            ours = run_worker(__file__, [work, "paradiplo", tmp], args.limit)
            floor = run_worker(__file__, [work, "floor", tmp], args.limit)
            cells = []
            for r in (ours, floor):
                if r is None:
                    cells.append(f"{'> ' + str(int(args.limit)):>8} {'':>6}")
                elif "failed" in r:
                    cells.append(f"{'failed':>8} {'':>6}")
                else:
                    cells.append(f"{r['seconds']:>8.2f} {r['peak_mib']:>6.0f}")
            ok = ours and floor and "seconds" in ours and "seconds" in floor
            ratio = f"{ours['seconds'] / floor['seconds']:.2f}x" if ok else "-"
            print(f"{work:>9} {cells[0]:>19} {cells[1]:>15} {ratio:>6} {'<= ' + str(TARGET[work]) + 'x':>7}",
                  flush=True)
    print("ratio = paradiplo time / floor time (lower is better); peak memory in MiB beside each time.")


if __name__ == "__main__":
    main()
