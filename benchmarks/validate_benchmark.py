"""How fast is `paradiplo validate`? Against pyshacl-turbo alone and plain pySHACL, in one run.

Validates the bundled data and synthetic graphs of 10,000 and 100,000 partnerships
(benchmarks/synthetic.py) with the ontology and vocabularies, in these set-ups:

  turbo-alone     the floor: pyoxigraph loads the files, merges the named graphs and adds
                  the subclass/subproperty entailment (SPARQL), pyshacl_turbo.validate reads
                  the store directly (public API)
  paradiplo       what `paradiplo validate FILE` runs (validate_files, default engine
                  "native": the shapes as SPARQL queries in paradiplo's own store), plus
                  locating every result by file and line and wording it for a contributor
  paradiplo-turbo the same with --engine turbo (the data handed to pyshacl-turbo)
  pyshacl-plain   pyshacl.validate() with default options on an rdflib in-memory graph
                  (no inference, no SHACL-AF, so it checks less); --plain-sizes says for
                  which sizes it runs (it does not finish 100,000 in 15 minutes here)

Targets: paradiplo at most 2x turbo-alone, and 100,000 partnerships finish (issue 11);
1.74 M statements (the 47,000-partnership size) in under 2 minutes and 4 GB (issue 12).
Each run is a fresh process (peak memory is its own) with a time limit; a run past the
limit is reported as such. Result counts are printed so that differing answers show.
Usage:  python benchmarks/validate_benchmark.py [--sizes 10000 47000 100000] [--limit 900]
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
from _harness import floor_store, run_worker  # noqa: E402

SETUPS = ["turbo-alone", "paradiplo", "paradiplo-turbo", "pyshacl-plain"]


def _floor_store(files: list[Path]):
    """The floor's data: the merge plus the entailment, alone in a store of its own."""
    import pyoxigraph as ox

    data = ox.Store()
    data.bulk_extend(floor_store(files).quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return data


def worker(setup: str, paths: list[str]) -> dict:
    from rdflib.namespace import SH

    from paradiplo.validate import shapes_graph

    t0 = time.perf_counter()
    files = [Path(p) for p in paths]
    if setup.startswith("paradiplo"):
        from paradiplo.validate import validate_files

        report = validate_files(files, context=[], engine="turbo" if setup == "paradiplo-turbo" else "native")
        severities = [f.severity for f in report.findings]
    else:
        if setup == "turbo-alone":
            import pyshacl_turbo

            _, graph, _ = pyshacl_turbo.validate(_floor_store(files), shacl_graph=shapes_graph(), inference="none",
                                                 advanced=True, allow_warnings=True, allow_infos=True)
        else:
            import pyshacl
            from rdflib import Dataset, Graph

            ds = Dataset()
            for f in files:
                ds.parse(f)
            data = Graph()
            for s_, p_, o_, _ in ds.quads():
                data.add((s_, p_, o_))
            _, graph, _ = pyshacl.validate(data, shacl_graph=shapes_graph())
        severities = [str(s).rsplit("#", 1)[-1] for s in graph.objects(None, SH.resultSeverity)]
    return {"total_s": time.perf_counter() - t0,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "violations": severities.count("Violation"), "warnings": severities.count("Warning")}


def run(setup: str, paths: list[Path], limit: float) -> dict | None:
    return run_worker(__file__, [setup, *paths], limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 47_000, 100_000])
    parser.add_argument("--plain-sizes", type=int, nargs="*", default=[10_000],
                        help="sizes for which paradiplo-turbo and plain pySHACL run too (the bundled data always)")
    parser.add_argument("--limit", type=float, default=900, help="seconds per run before it is stopped")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1:])))
        return

    import pyoxigraph as ox
    from synthetic import generate

    from paradiplo.kg import data_files

    print(f"{'data':>32} {'set-up':>15} {'total s':>8} {'peak MiB':>9} {'vs turbo':>9} {'viol.':>6} {'warn.':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [("bundled", 0, data_files())]
        for n in args.sizes:
            path = Path(tmp) / f"synthetic-{n}.trig"
            generate(n, path)
            statements = sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
            inputs.append((f"{n:,} partnerships ({statements / 1e6:.2f} M st.)", n, [path]))
        for name, n, paths in inputs:
            setups = SETUPS if (n == 0 or n in args.plain_sizes) else SETUPS[:2]
            results = {s: run(s, paths, args.limit) for s in setups}
            floor = results["turbo-alone"]
            for s, r in results.items():
                if r is None or "failed" in r:
                    why = "failed" if r else f"> {args.limit:.0f}"
                    print(f"{name:>32} {s:>15} {why:>8}")
                    continue
                ratio = f"{r['total_s'] / floor['total_s']:.2f}x" if floor and "total_s" in floor else "-"
                print(f"{name:>32} {s:>15} {r['total_s']:>8.2f} {r['peak_mib']:>9.0f} {ratio:>9} "
                      f"{r['violations']:>6} {r['warnings']:>6}", flush=True)
    print("vs turbo = time of the set-up / time of turbo-alone (lower is faster).")


if __name__ == "__main__":
    main()
