"""What every benchmark shares: run one measurement in a fresh process, with a time limit.

A fresh process per measurement makes its peak memory (max RSS) its own and keeps one
run's caches from helping the next. The worker prints one JSON line as its last output.
"""

from __future__ import annotations

import json
import subprocess
import sys


def run_worker(script: str, args: list[str], limit: float) -> dict | None:
    """Run ``script --worker ARGS``; its JSON result, or None if it passed ``limit`` seconds.

    A worker that fails (e.g. runs out of memory) gives ``{"failed": reason}`` so the
    benchmark reports it and goes on.
    """
    cmd = [sys.executable, script, "--worker", *map(str, args)]
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as err:
        last = (err.stderr or "").strip().splitlines()[-1:] or [f"exit code {err.returncode}"]
        return {"failed": last[0][:80] if err.returncode > 0 else f"killed by signal {-err.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])
