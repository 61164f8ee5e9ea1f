"""Memory and time of `paradiplo import sister-cities` on a list far larger than the real one.

The real list (25,917 pairs) is repeated with numbered copies of every city ("Bethlehem 7",
moved 0.7 degrees of latitude per copy, so that copies are distinct places and not merged as
spellings of one) until it has ROWS rows, so entity resolution, the two passes
and the writing all work at that size. The import streams: memory grows with the number
of distinct places, not with the rows or statements (target, issue 12: 1,000,000 rows
under 2 GB). Each size runs in a fresh process, so its peak memory is its own.

Usage:  python benchmarks/import_benchmark.py [--rows 100000 1000000] [--limit 900]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import run_worker  # noqa: E402


def _moved(lat: str, copy: int) -> str:
    return f"{(float(lat) + 90 + 0.7 * copy) % 180 - 90:.5f}"


def make_list(rows: int, target: Path) -> None:
    from paradiplo.world import default_input

    with open(default_input(), encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        pairs = [r for r in reader if len(r) == 8]
    with open(target, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(header)
        written, copy = 0, 0
        while written < rows:
            for r in pairs:
                if written >= rows:
                    break
                if copy:
                    r = [f"{r[0]} {copy}", r[1], _moved(r[2], copy), r[3], f"{r[4]} {copy}", r[5], _moved(r[6], copy),
                         r[7]]
                w.writerow(r)
                written += 1
            copy += 1


def worker(path: str, out: str) -> dict:
    from paradiplo.world import import_sister_cities

    t0 = time.perf_counter()
    report = import_sister_cities(Path(path), Path(out))
    return {"seconds": time.perf_counter() - t0, "places": report.places, "pairs": report.pairs,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--limit", type=float, default=900)
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return
    print(f"{'rows':>10} {'places':>10} {'twinnings':>10} {'seconds':>8} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"list-{rows}.csv"
            make_list(rows, path)
            r = run_worker(__file__, [path, Path(tmp) / f"out-{rows}"], args.limit)
            if not r or "failed" in r:
                print(f"{rows:>10,} {'failed' if r else '> limit':>10}")
                continue
            print(f"{rows:>10,} {r['places']:>10,} {r['pairs']:>10,} {r['seconds']:>8.1f} {r['peak_mib']:>9.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
