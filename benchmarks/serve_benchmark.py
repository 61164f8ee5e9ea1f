"""A bounded load test of paradiplo serve on 127.0.0.1.

200 requests from 16 concurrent clients, a fixed mix (seeded) of the query library's
parameter-free queries and entity pages: throughput, p50 and p99 latency, errors. Then the
same load again while one runaway query (a triple cross product) runs: the other clients
must still get answers, and the runaway must stop at the server's time limit.

Then a peer: the query part of the mix alone (200 requests drawn from the same
parameter-free queries; Oxigraph's server has no entity pages) against paradiplo serve and
against ``oxigraph serve`` (the server binary of the ``oxigraph`` package) loaded with the
same data, one server at a time. The data is paradiplo's own ``export nquads`` (case,
ontology, actor and entailment graphs; no triple in the default graph), queried through
``--union-default-graph``; each query's row count from both servers is compared first, on
one request each. Oxigraph runs as deployed (``oxigraph load`` into a RocksDB directory,
then ``serve --location``) and once more in memory (the dump posted to ``/store``), as
paradiplo's own store is in memory. Both servers get the same time limit. An error is a
status other than 200 or a results body that does not parse: Oxigraph streams its results,
so a query it cuts off at the limit has status 200 and a truncated body. The ratios are
paradiplo / oxigraph: above 1 for throughput, or below 1 for latency, means paradiplo is
faster.

Usage:  python benchmarks/serve_benchmark.py [--requests 200] [--clients 16] [--timeout 5]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from paradiplo import query as q
from paradiplo.kg import load

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def request(base: str, job: tuple[str, str], endpoint: str = "/sparql") -> tuple[float, int]:
    kind, value = job
    if kind == "query":
        req = urllib.request.Request(base + endpoint, urllib.parse.urlencode({"query": value}).encode(),
                                     {"Accept": "application/sparql-results+json"})
    else:
        req = urllib.request.Request(f"{base}/id/{value}", headers={"Accept": "text/html"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            body = r.read()
            status = r.status
        if kind == "query":
            json.loads(body)  # Oxigraph streams: a query cut off at its limit has status 200, a broken body
    except urllib.error.HTTPError as err:
        status = err.code
    except ValueError:
        status = 0
    return time.perf_counter() - started, status


def load_run(base: str, jobs, clients: int, endpoint: str = "/sparql") -> dict:
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda j: request(base, j, endpoint), jobs))
    wall = time.perf_counter() - started
    times = sorted(t for t, _ in results)
    return {"requests": len(results), "errors": sum(1 for _, s in results if s != 200),
            "throughput": len(results) / wall, "p50_ms": 1000 * statistics.median(times),
            "p99_ms": 1000 * times[min(len(times) - 1, int(0.99 * len(times)))], "wall_s": wall}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url}")


def row_count(base: str, endpoint: str, text: str) -> int:
    req = urllib.request.Request(base + endpoint, urllib.parse.urlencode({"query": text}).encode(),
                                 {"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return len(json.load(r)["results"]["bindings"])


def line(label: str, run: dict) -> str:
    return (f"{label:<14}{run['throughput']:6.1f} req/s  p50 {run['p50_ms']:7.1f} ms  "
            f"p99 {run['p99_ms']:7.1f} ms  errors {run['errors']}")


def peer_run(oxigraph: str, store: list[str], dump: Path | None, library: dict, jobs, args) -> tuple[dict, dict]:
    """Serve with Oxigraph (on disk: ``--location``; in memory: POST ``dump`` to ``/store``),
    count each library query's rows on one request, then run the query-only load."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    peer = subprocess.Popen([oxigraph, "serve", *store, "--bind", f"127.0.0.1:{port}", "--union-default-graph",
                             "--timeout-s", f"{args.timeout:g}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(f"{base}/query?query=" + urllib.parse.quote("ASK {}"))
        if dump is not None:
            urllib.request.urlopen(urllib.request.Request(f"{base}/store", dump.read_bytes(),
                                                          {"Content-Type": "application/n-quads"}), timeout=120).read()
        rows = {name: row_count(base, "/query", text) for name, text in library.items()}
        return load_run(base, jobs, args.clients, "/query"), rows
    finally:
        peer.terminate()
        peer.wait(timeout=10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=5.0)
    args = ap.parse_args()
    ds = load()
    library = {name: nq.text for name, nq in q.library().items() if not nq.parameters}
    queries = list(library.values())
    entities = sorted({str(r["s"]).rsplit("/", 1)[-1] for r in q.run(
        ds, "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?t } FILTER (STRSTARTS(STR(?g), STR(pd:case-))) "
            "FILTER isIRI(?s) }").rows})
    rng = random.Random(7)
    jobs = [("query", rng.choice(queries)) if rng.random() < 0.5 else ("page", rng.choice(entities))
            for _ in range(args.requests)]
    query_rng = random.Random(7)
    query_jobs = [("query", query_rng.choice(queries)) for _ in range(args.requests)]
    bin_dir = Path(sys.executable).parent
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(bin_dir / "paradiplo"), "serve", "--port", str(port),
                               "--timeout", str(args.timeout)], stdout=subprocess.DEVNULL)
    try:
        wait_ready(f"{base}/health")
        print(f"{args.requests} requests, {args.clients} clients, mix of {len(queries)} library queries and "
              f"{len(entities)} entity pages; query time limit {args.timeout:g} s")
        plain = load_run(base, jobs, args.clients)
        print(line("alone:", plain))
        runaway = {}

        def run_away():
            runaway["seconds"], runaway["status"] = request(base, ("query", RUNAWAY))
        thread = threading.Thread(target=run_away)
        thread.start()
        time.sleep(0.3)
        busy = load_run(base, jobs, args.clients)
        thread.join()
        print(line("with runaway:", busy))
        print(f"runaway query: HTTP {runaway['status']} after {runaway['seconds']:.1f} s "
              f"(limit {args.timeout:g} s)")
        ours_rows = {name: row_count(base, "/sparql", text) for name, text in library.items()}
        ours = load_run(base, query_jobs, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=10)

    oxigraph = str(bin_dir / "oxigraph")
    version = subprocess.run([oxigraph, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        dump, db = Path(tmp) / "kg.nq", Path(tmp) / "db"
        subprocess.run([str(bin_dir / "paradiplo"), "export", "nquads", "-o", str(dump)], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([oxigraph, "load", "--location", str(db), "--file", str(dump)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        on_disk, theirs_rows = peer_run(oxigraph, ["--location", str(db)], None, library, query_jobs, args)
        in_memory, _ = peer_run(oxigraph, [], dump, library, query_jobs, args)

    print(f"\npeer: the query part alone ({version} serve has no entity pages), {args.requests} requests "
          f"from the {len(queries)} library queries, {args.clients} clients; oxigraph serve "
          f"--union-default-graph on paradiplo export nquads")
    differ = [f"{name} {ours_rows[name]} vs {theirs_rows[name]}" for name in library
              if ours_rows[name] != theirs_rows[name]]
    print(f"rows per query: {len(library) - len(differ)} of {len(library)} the same"
          + (f"; differ: {', '.join(differ)}" if differ else ""))
    print(line("paradiplo:", ours))
    for label, theirs in [("oxigraph:", on_disk), ("in memory:", in_memory)]:
        print(line(label, theirs))
    for label, theirs in [("paradiplo/oxigraph:", on_disk), ("paradiplo/in memory:", in_memory)]:
        print(f"{label:<21}throughput {ours['throughput'] / theirs['throughput']:.2f}x  "
              f"p50 {ours['p50_ms'] / theirs['p50_ms']:.2f}x  p99 {ours['p99_ms'] / theirs['p99_ms']:.2f}x")


if __name__ == "__main__":
    main()
