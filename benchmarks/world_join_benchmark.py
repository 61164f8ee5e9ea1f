"""`paradiplo query run partner-cities --world` on a fresh out/ folder against the import alone.

Issue 22: every ``--world`` joins the imported list, and must not pay for the analysis
(null model, pictures, GEXF) it never reads. On a fresh ``out/`` the query imports the
list first; it should take at most the import's time plus 2 s. Both are timed as a user
runs them, each in a fresh process on a fresh scratch checkout (the project's folders
linked, ``out/`` empty, ``PARADIPLO_ROOT`` pointing at it):

* the import alone: ``paradiplo import sister-cities`` (loads the cases for their
  countries, then imports);
* the query: ``paradiplo query run partner-cities --param city=pd:seoul --world``, on a
  fresh ``out/`` again, then once more with the import cached (what joining costs).

One run of each, in that order; the ratio and the difference are printed.

Usage:  python benchmarks/world_join_benchmark.py [--src PATH]   (PATH: another ``src``
to compare, e.g. the code before the split)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def scratch_checkout(tmp: Path) -> Path:
    """A checkout whose folders are links to this one's, with its own empty ``out/``, and
    ``../shared`` beside it (where the world list is read from)."""
    proj = tmp / "paradiplo"
    proj.mkdir()
    for item in ROOT.iterdir():
        if item.name not in ("out", ".git", ".venv"):
            (proj / item.name).symlink_to(item)
    shared = ROOT.parent / "shared"
    if shared.exists():
        (tmp / "shared").symlink_to(shared.resolve())
    return proj


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=900)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the paradiplo sources to time")
    args = parser.parse_args()
    cli = [sys.executable, "-c", "from paradiplo.cli import main; main()"]
    with tempfile.TemporaryDirectory() as tmp:
        proj = scratch_checkout(Path(tmp))
        env = {**os.environ, "PARADIPLO_ROOT": str(proj), "PYTHONPATH": str(args.src.resolve())}
        imported = timed([*cli, "import", "sister-cities"], proj, env)
        shutil.rmtree(proj / "out")  # a fresh out/ for the query too
        query_cmd = [*cli, "query", "run", "partner-cities", "--param", "city=pd:seoul", "--world", "--format", "csv"]
        query = timed(query_cmd, proj, env)
        analysed = (proj / "out" / "world" / "summary.json").exists()
        again = timed(query_cmd, proj, env)  # the import now cached: the join alone
    print(f"{'work':>34}  seconds")
    print(f"{'import sister-cities (fresh out/)':>34}  {imported:7.2f}")
    print(f"{'query run partner-cities --world':>34}  {query:7.2f}")
    print(f"{'the same, the import cached':>34}  {again:7.2f}")
    print(f"ratio query / import = {query / imported:.2f}x; difference {query - imported:+.2f} s "
          f"(target: at most the import + 2 s); the query {'ran' if analysed else 'did not run'} the analysis")


if __name__ == "__main__":
    main()
