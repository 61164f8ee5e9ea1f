"""How fast is `paradiplo validate`? Against plain pySHACL, in one run.

Validates the bundled data and synthetic graphs of 10,000 and 100,000 partnerships
(benchmarks/synthetic.py) with the ontology and vocabularies, in three set-ups:

  pyshacl-plain   pyshacl.validate() with default options on an rdflib in-memory graph
                  (the plain baseline the issue asks for: no inference, no SHACL-AF,
                  so SPARQL-target rules do not run and subclass entailment is missing)
  pyshacl-ours    pySHACL with paradiplo's options: subclass/subproperty entailment
                  added first, advanced features on (the reference engine)
  paradiplo       what `paradiplo validate` runs: Oxigraph load, the same entailment,
                  pyshacl-turbo

Each run is a fresh process (peak memory is its own) with a time limit; a run past the
limit is reported as such and its ratio as a lower bound. Result counts are printed so
that differing answers are visible.
Usage:  python benchmarks/validate_benchmark.py [--sizes 10000 100000] [--limit 900]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _harness import run_worker  # noqa: E402

SETUPS = ["pyshacl-plain", "pyshacl-ours", "paradiplo"]


def worker(setup: str, paths: list[str]) -> dict:
    from rdflib.namespace import SH

    from paradiplo.graph import load, union
    from paradiplo.validate import shapes_graph, validate_graph

    t0 = time.perf_counter()
    files = [Path(p) for p in paths]
    if setup == "pyshacl-plain":
        import pyshacl

        # rdflib's own parsers and in-memory store; named graphs flattened into one Graph
        data = union(load(files, store="memory"))
        t1 = time.perf_counter()
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph())
    else:
        data = union(load(files))
        t1 = time.perf_counter()
        report = validate_graph(data, engine="pyshacl" if setup == "pyshacl-ours" else "turbo")
    t2 = time.perf_counter()
    severities = [str(s).rsplit("#", 1)[-1] for s in report.objects(None, SH.resultSeverity)]
    return {"load_s": t1 - t0, "validate_s": t2 - t1, "total_s": t2 - t0,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "violations": severities.count("Violation"), "warnings": severities.count("Warning")}


def run(setup: str, paths: list[Path], limit: float) -> dict | None:
    return run_worker(__file__, [setup, *paths], limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--limit", type=float, default=900, help="seconds per run before it is stopped")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1:])))
        return

    from synthetic import generate

    from paradiplo.graph import data_files

    print(f"{'data':>16} {'set-up':>14} {'load s':>7} {'valid. s':>9} {'total s':>8} {'peak MiB':>9} "
          f"{'speed-up':>9} {'viol.':>6} {'warn.':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [("bundled", data_files())]
        for n in args.sizes:
            path = Path(tmp) / f"synthetic-{n}.trig"
            generate(n, path)
            inputs.append((f"{n} partnerships", [path]))
        for name, paths in inputs:
            results = {s: run(s, paths, args.limit) for s in SETUPS}
            base = results["pyshacl-plain"]
            for s, r in results.items():
                if r is None:
                    print(f"{name:>16} {s:>14} {'timeout':>7} > {args.limit:.0f} s")
                    continue
                if base:
                    ratio = f"{base['total_s'] / r['total_s']:.1f}x"
                else:
                    ratio = f">{args.limit / r['total_s']:.0f}x"
                print(f"{name:>16} {s:>14} {r['load_s']:>7.2f} {r['validate_s']:>9.2f} {r['total_s']:>8.2f} "
                      f"{r['peak_mib']:>9.0f} {ratio:>9} {r['violations']:>6} {r['warnings']:>6}")
    print("speed-up = total time of pyshacl-plain / total time of the set-up (higher is faster).")


if __name__ == "__main__":
    main()
