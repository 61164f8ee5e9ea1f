"""Which triple store should paradiplo use by default? Measure, don't guess.

Generates a synthetic knowledge graph shaped like the bundled cases
(benchmarks/synthetic.py) with 10,000 and 100,000 partnerships, then times, for each
set-up:

* parsing the TriG file into the store, and
* a typical aggregate SPARQL query (partnerships per country pair and decade, with
  the number of distinct fields), as a researcher would run.

Set-ups:
  rdflib      rdflib's in-memory store, rdflib's own TriG parser (the plain baseline)
  memory+ox   rdflib's in-memory store, Oxigraph's parser
  oxigraph    Oxigraph store and parser through oxrdflib (paradiplo's default)

Each measurement runs in a fresh process so that peak memory (max RSS) is its own.
Usage:  python benchmarks/store_benchmark.py [--sizes 10000 100000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate  # noqa: E402

SETUPS = {
    "rdflib": ("default", "trig"),
    "memory+ox": ("default", "ox-trig"),
    "oxigraph": ("Oxigraph", "ox-trig"),
}
BASELINE = "rdflib"

QUERY = """
PREFIX pdo: <https://w3id.org/paradiplo/ontology#>
SELECT ?c1 ?c2 ?decade (COUNT(DISTINCT ?p) AS ?partnerships) (COUNT(DISTINCT ?f) AS ?fields)
WHERE {
  ?p a pdo:Partnership ; pdo:partner ?g1, ?g2 ; pdo:establishedBy ?a .
  ?g1 pdo:country ?c1 . ?g2 pdo:country ?c2 .
  FILTER (STR(?g1) < STR(?g2))
  ?a pdo:signedOn ?d ; pdo:field ?f .
  BIND (FLOOR(YEAR(?d) / 10) * 10 AS ?decade)
}
GROUP BY ?c1 ?c2 ?decade
ORDER BY DESC(?partnerships)
LIMIT 20
"""

def worker(setup: str, path: str) -> dict:
    """Run in a fresh process: parse, query, report times and peak memory."""
    from rdflib import Dataset

    store, fmt = SETUPS[setup]
    ds = Dataset(store=store, default_union=True)
    t0 = time.perf_counter()
    ds.parse(path, format=fmt)
    t1 = time.perf_counter()
    rows = list(ds.query(QUERY))
    t2 = time.perf_counter()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"parse_s": t1 - t0, "query_s": t2 - t1, "rows": len(rows),
            "top": int(rows[0].partnerships) if rows else 0, "peak_mib": peak_mib}


def run(setup: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", setup, str(path)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--setups", nargs="+", default=list(SETUPS), choices=list(SETUPS))
    parser.add_argument("--worker", nargs=2, metavar=("SETUP", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return

    print(f"{'partnerships':>12} {'statements':>10} {'set-up':>10} {'parse s':>8} {'query s':>8} "
          f"{'peak MiB':>9} {'parse x':>8} {'query x':>8} {'rows':>5} {'top':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"synthetic-{n}.trig"
            statements = generate(n, path)
            results = {s: run(s, path) for s in args.setups}
            base = results.get(BASELINE)
            for s, r in results.items():
                px = base["parse_s"] / r["parse_s"] if base else float("nan")
                qx = base["query_s"] / r["query_s"] if base else float("nan")
                print(f"{n:>12} {statements:>10} {s:>10} {r['parse_s']:>8.2f} {r['query_s']:>8.2f} "
                      f"{r['peak_mib']:>9.0f} {px:>7.1f}x {qx:>7.1f}x {r['rows']:>5} {r['top']:>5}")
            tops = {(r["rows"], r["top"]) for r in results.values()}
            print(f"{'':>12} same query answer in every set-up: {'yes' if len(tops) == 1 else 'NO ' + str(tops)}")
    print("x = speed-up over the plain rdflib baseline (higher is faster).")


if __name__ == "__main__":
    main()
