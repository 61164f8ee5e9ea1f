"""Which triple store should paradiplo use by default? Measure, don't guess.

Generates a synthetic knowledge graph shaped like the bundled cases (partnerships
between governments of cities in countries, an establishing agreement with a date and
fields, participations with roles, a citation on each node) with 10,000 and 100,000
partnerships, then times, for each set-up:

* parsing the TriG file into the store, and
* a typical aggregate SPARQL query (partnerships per country pair and decade, with
  the number of distinct fields), as a researcher would run.

Set-ups:
  rdflib      rdflib's in-memory store, rdflib's own TriG parser (the plain baseline)
  memory+ox   rdflib's in-memory store, Oxigraph's parser (paradiplo --store memory)
  oxigraph    Oxigraph store and parser through oxrdflib (paradiplo's default)

Each measurement runs in a fresh process so that peak memory (max RSS) is its own.
Usage:  python benchmarks/store_benchmark.py [--sizes 10000 100000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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

FIELDS = ["culture", "tourism", "education", "economy", "trade", "health", "urban-planning",
          "environment", "sport", "youth", "heritage", "infrastructure"]


def generate(n_partnerships: int, path: Path, seed: int = 1) -> int:
    """Write a synthetic TriG file; return the number of statements written."""
    rng = random.Random(seed)
    n_cities = max(50, n_partnerships // 2)
    n_countries = 150
    # Skewed choice of cities: a few have many partners, as in the real network.
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_cities)]
    lines = [
        "@prefix pd: <https://w3id.org/paradiplo/id/> .",
        "@prefix pdo: <https://w3id.org/paradiplo/ontology#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix field: <https://w3id.org/paradiplo/vocab/field/> .",
        "@prefix role: <https://w3id.org/paradiplo/vocab/role/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "pd:case-synthetic {",
        'pd:src a pdo:Source ; rdfs:label "synthetic" .',
    ]
    count = 2
    for c in range(n_cities):
        lines.append(
            f'pd:gov{c} a pdo:MunicipalGovernment ; rdfs:label "Government {c}"@en ; '
            f"pdo:country pd:country{c % n_countries} ; "
            f'pdo:attestedBy [ pdo:source pd:src ; pdo:locator "row {c}" ] .'
        )
        count += 6
    for i in range(n_partnerships):
        a, b = rng.choices(range(n_cities), weights=weights, k=2)
        if a == b:
            b = (a + 1) % n_cities
        year = rng.randint(1950, 2024)
        fields = ", ".join(f"field:{f}" for f in rng.sample(FIELDS, rng.randint(1, 4)))
        lines.append(
            f"pd:p{i} a pdo:Partnership ; pdo:partner pd:gov{a}, pd:gov{b} ; pdo:establishedBy pd:a{i} ; "
            f'pdo:attestedBy [ pdo:source pd:src ; pdo:locator "p{i}" ] .\n'
            f'pd:a{i} a pdo:MemorandumOfUnderstanding ; pdo:signedOn "{year}-{rng.randint(1, 12):02d}-01"^^xsd:date ; '
            f"pdo:party pd:gov{a}, pd:gov{b} ; pdo:field {fields} ; "
            f"pdo:participation [ a pdo:Participation ; pdo:actor pd:gov{a} ; pdo:role role:signatory ] ; "
            f'pdo:attestedBy [ pdo:source pd:src ; pdo:locator "a{i}" ] .'
        )
        count += 18 + fields.count(",")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


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
