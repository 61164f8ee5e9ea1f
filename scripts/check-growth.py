#!/usr/bin/env python3
"""Growth check: correct new cases keep every case-dependent test green.

Copies the checkout into a temporary folder, adds the two synthetic cases of
tests/contribution/ (with their source texts) to its data/, accepts them with
``paradiplo validate --contribution``, and runs there every test file whose results depend
on data/cases/. Together the two cases add a new city (Alfa, Beta, Gamma), a new country
(Malaysia, Chile), a ministry and an embassy (Chile's), give DKI Jakarta a third partner
city and the Indonesian foreign ministry a second case, date an activity before every
bundled one (1986), and add a budget obstacle and a stagnant judgement: what a test that
pins a set, a total, a list or a ranking of the bundled cases would trip over.

Usage (from the checkout, with the project's virtualenv)::

    make check-growth                          # or:
    python scripts/check-growth.py [tests/test_x.py ...] [pytest options, e.g. -x -k network]

Test files named on the command line are run instead of every case-dependent one.

Exit status: 0 when the cases are accepted and every test passes, 1 otherwise.
Nothing is written outside the temporary folder, which is removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRIBUTION = ROOT / "tests" / "contribution"
CASES = {  # case file -> its source text, both in tests/contribution/
    "synthetic-alfa-beta.trig": "900_synthetic_alfa_beta.txt",
    "synthetic-jakarta-gamma.trig": "901_synthetic_jakarta_gamma.txt",
}
# Test files that read no case data (fixtures of their own, toy graphs, the bad inputs)
# or that would start this check again inside the copy.
NOT_CASE_DEPENDENT = ("test_bad_inputs.py", "test_contribution.py", "test_newcase.py", "test_output.py",
                      "test_shapes.py")
IGNORE = shutil.ignore_patterns(".venv", ".git", "out", "__pycache__", "*.egg-info", ".pytest_cache",
                                ".ruff_cache", "benchmarks", ".paradiplo-exports.json*")


def make_copy(target: Path) -> Path:
    """The checkout copied into ``target/project``, the synthetic cases added to its data."""
    copy = target / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    shared = ROOT.parent / "shared"
    if shared.exists():  # the world list and GEXF schemas sit beside the checkout
        (target / "shared").symlink_to(shared)
    for case, text in CASES.items():
        shutil.copy(CONTRIBUTION / case, copy / "data" / "cases" / case)
        shutil.copy(CONTRIBUTION / "texts" / text, copy / "data" / "texts" / text)
    return copy


def main(argv: list[str]) -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="paradiplo-growth-") as tmp:
        copy = make_copy(Path(tmp))
        env = {**os.environ, "PARADIPLO_ROOT": str(copy), "PYTHONPATH": str(copy / "src"),
               "PARADIPLO_SLOW_TESTS": "0"}
        cases = [str(copy / "data" / "cases" / case) for case in CASES]
        accept = subprocess.run([sys.executable, "-m", "paradiplo.cli", "validate", "--contribution", *cases],
                                cwd=copy, env=env)
        if accept.returncode != 0:
            print("check-growth: the synthetic cases are not accepted by the contribution gate", file=sys.stderr)
            return 1
        chosen = [a for a in argv if a.startswith("tests/")]
        files = chosen or sorted(str(p.relative_to(copy)) for p in (copy / "tests").glob("test_*.py")
                                 if p.name not in NOT_CASE_DEPENDENT)
        options = [a for a in argv if a not in chosen]
        tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files, *options],
                               cwd=copy, env=env)
    took = time.monotonic() - started
    verdict = "green" if tests.returncode == 0 else "RED"
    print(f"check-growth: {len(CASES)} synthetic cases added, {len(files)} test files {verdict} ({took:.0f} s)")
    return 0 if tests.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
