"""A bounded load test of paradiplo serve on 127.0.0.1.

200 requests from 16 concurrent clients, a fixed mix (seeded) of the query library's
parameter-free queries and entity pages: throughput, p50 and p99 latency, errors. Then the
same load again while one runaway query (a triple cross product) runs: the other clients
must still get answers, and the runaway must stop at the server's time limit.

Usage:  python benchmarks/serve_benchmark.py [--requests 200] [--clients 16] [--timeout 5]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
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


def request(base: str, job: tuple[str, str]) -> tuple[float, int]:
    kind, value = job
    if kind == "query":
        req = urllib.request.Request(f"{base}/sparql", urllib.parse.urlencode({"query": value}).encode(),
                                     {"Accept": "application/sparql-results+json"})
    else:
        req = urllib.request.Request(f"{base}/id/{value}", headers={"Accept": "text/html"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as err:
        status = err.code
    return time.perf_counter() - started, status


def load_run(base: str, jobs, clients: int) -> dict:
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda j: request(base, j), jobs))
    wall = time.perf_counter() - started
    times = sorted(t for t, _ in results)
    return {"requests": len(results), "errors": sum(1 for _, s in results if s != 200),
            "throughput": len(results) / wall, "p50_ms": 1000 * statistics.median(times),
            "p99_ms": 1000 * times[min(len(times) - 1, int(0.99 * len(times)))], "wall_s": wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=5.0)
    args = ap.parse_args()
    ds = load()
    queries = [nq.text for nq in q.library().values() if not nq.parameters]
    entities = sorted({str(r["s"]).rsplit("/", 1)[-1] for r in q.run(
        ds, "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?t } FILTER (STRSTARTS(STR(?g), STR(pd:case-))) "
            "FILTER isIRI(?s) }").rows})
    rng = random.Random(7)
    jobs = [("query", rng.choice(queries)) if rng.random() < 0.5 else ("page", rng.choice(entities))
            for _ in range(args.requests)]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).parent / "paradiplo"), "serve", "--port", str(port),
                               "--timeout", str(args.timeout)], stdout=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        print(f"{args.requests} requests, {args.clients} clients, mix of {len(queries)} library queries and "
              f"{len(entities)} entity pages; query time limit {args.timeout:g} s")
        plain = load_run(base, jobs, args.clients)
        print("alone:        {throughput:6.1f} req/s  p50 {p50_ms:7.1f} ms  p99 {p99_ms:7.1f} ms  "
              "errors {errors}".format(**plain))
        runaway = {}

        def run_away():
            runaway["seconds"], runaway["status"] = request(base, ("query", RUNAWAY))
        thread = threading.Thread(target=run_away)
        thread.start()
        time.sleep(0.3)
        busy = load_run(base, jobs, args.clients)
        thread.join()
        print("with runaway: {throughput:6.1f} req/s  p50 {p50_ms:7.1f} ms  p99 {p99_ms:7.1f} ms  "
              "errors {errors}".format(**busy))
        print(f"runaway query: HTTP {runaway['status']} after {runaway['seconds']:.1f} s "
              f"(limit {args.timeout:g} s)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
