"""Benchmark of the QCA minimisation (paradiplo compare): sympy's SOPform, which paradiplo
uses, against a plain textbook Quine–McCluskey (prime implicants by merging, then
essential primes and a greedy cover) on the same truth tables.

Truth tables: 10, 12 and 14 conditions, 300 cases drawn at random (seeded), the outcome
set by a known rule (A*B + C*~D), so that the expected parsimonious solution is known.
Two minimisations per table: the complex solution (positive rows only) and the
parsimonious one (every logical remainder a don't-care: the hard case, thousands of
remainders). Each measurement runs in a fresh process with a time limit; the figure
that matters is the ratio of the two times on the same table, not the seconds.

Run: python benchmarks/qca_benchmark.py [--limit SECONDS]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import run_worker  # noqa: E402

CASES = 300
SIZES = (10, 12, 14)


def table(k: int):
    """(positive configurations, remainders) of a seeded random truth table."""
    rnd = random.Random(k)
    rows = {}
    for _ in range(CASES):
        cfg = tuple(rnd.getrandbits(1) for _ in range(k))
        rows[cfg] = 1 if (cfg[0] and cfg[1]) or (cfg[2] and not cfg[3]) else 0
    ones = [c for c, v in rows.items() if v]
    remainders = [c for c in itertools.product((0, 1), repeat=k) if c not in rows]
    return ones, remainders, len(rows)


def plain_qm(k: int, ones: list, dontcares: list) -> list:
    """Textbook Quine–McCluskey: merge implicants differing in one bit until none merge
    (the unmerged ones are the primes), then essential primes and a greedy cover."""
    current = {tuple(c) for c in ones} | {tuple(c) for c in dontcares}
    primes = set()
    while current:
        merged, nxt = set(), set()
        groups: dict = {}
        for t in current:
            groups.setdefault(sum(1 for x in t if x == 1), []).append(t)
        for n in sorted(groups):
            for a in groups[n]:
                for b in groups.get(n + 1, ()):
                    diff = [i for i in range(k) if a[i] != b[i]]
                    if len(diff) == 1 and None not in (a[diff[0]], b[diff[0]]):
                        t = list(a)
                        t[diff[0]] = None
                        nxt.add(tuple(t))
                        merged.update((a, b))
        primes |= current - merged
        current = nxt

    def covers(p, m):
        return all(x is None or x == y for x, y in zip(p, m, strict=True))

    todo = {tuple(c) for c in ones}
    chosen = []
    while todo:
        best = max(primes, key=lambda p: sum(1 for m in todo if covers(p, m)))
        chosen.append(best)
        todo = {m for m in todo if not covers(best, m)}
    return chosen


def worker(args) -> None:
    k, kind, method = int(args[0]), args[1], args[2]
    ones, remainders, _ = table(k)
    dc = remainders if kind == "parsimonious" else []
    t0 = time.perf_counter()
    if method == "sympy":
        from paradiplo.compare.minimise import minimal_sop

        terms = minimal_sop(k, ones, dc)
    else:
        terms = plain_qm(k, ones, dc)
    print(json.dumps({"seconds": time.perf_counter() - t0, "terms": len(terms)}))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds per measurement")
    opts = parser.parse_args()
    print(f"{'k':>3} {'rows':>5} {'rem.':>6} {'solution':<13} {'sympy s':>9} {'plain QM s':>11} {'ratio':>7}  terms")
    for k in SIZES:
        ones, remainders, observed = table(k)
        for kind in ("complex", "parsimonious"):
            res = {m: run_worker(__file__, [k, kind, m], opts.limit) for m in ("sympy", "plain")}

            def show(r):
                if r is None:
                    return f">{opts.limit:g}"
                return r.get("failed", f"{r['seconds']:.2f}") if "failed" in r else f"{r['seconds']:.2f}"

            ok = all(r and "seconds" in r for r in res.values())
            ratio = f"{res['sympy']['seconds'] / res['plain']['seconds']:.2f}" if ok else "-"
            nterms = "/".join(str(r["terms"]) if r and "terms" in r else "-" for r in res.values())
            print(f"{k:>3} {observed:>5} {len(remainders):>6} {kind:<13} {show(res['sympy']):>9} "
                  f"{show(res['plain']):>11} {ratio:>7}  {nterms}", flush=True)


if __name__ == "__main__":
    main()
