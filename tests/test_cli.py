"""The command line, run in-process with click's CliRunner."""

import json

import pytest
from click.testing import CliRunner

from paradiplo.cli import main
from paradiplo.kg import project_root


@pytest.fixture
def runner():
    return CliRunner()


def test_stats_json_reports_the_four_cases(runner):
    result = runner.invoke(main, ["stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    cases = {c["slug"]: c for c in data["cases"]}
    assert {"jakarta-hanoi", "jakarta-tokyo", "seoul-tokyo", "semarang-jung-gu"} <= set(cases)  # a new case adds
    # Jakarta-Hanoi: LoI 2003, MoU 2004, Implementing Agreement, Program Arrangement (002)
    assert cases["jakarta-hanoi"]["agreements"] == 4
    assert cases["seoul-tokyo"]["sources"] == ["source-003", "source-editorial"]


def test_stats_csv_has_one_row_per_case(runner):
    result = runner.invoke(main, ["stats", "--format", "csv"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("case,")
    cases = sorted(p.stem for p in (project_root() / "data" / "cases").glob("*.trig"))
    assert [line.split(",")[0] for line in lines[1:]] == cases  # one row per case file, a new case too


def test_every_command_reads_the_same_knowledge_graph(runner, tmp_path):
    """One store behind every command: the statements `stats` counts, those a query sees
    in the named graphs and those `export nquads` writes are the same (the entailments,
    which the export carries for other stores, apart)."""
    from paradiplo.kg import ENTAILMENT_GRAPH

    quads = json.loads(runner.invoke(main, ["stats", "--format", "json"]).output)["quads"]
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{ENTAILMENT_GRAPH}>) }}"
    seen = runner.invoke(main, ["query", "run", "-", "--format", "csv"], input=q)
    assert seen.exit_code == 0, seen.output
    assert int(seen.output.splitlines()[1]) == quads
    target = tmp_path / "all.nq"
    assert runner.invoke(main, ["export", "nquads", "-o", str(target)]).exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in lines if not line.rstrip(" .").endswith(f"<{ENTAILMENT_GRAPH}>")) == quads


def test_build_writes_summary_atomically(built):
    _, out = built
    summary = json.loads((out / "summary.json").read_text())
    slugs = {c["slug"] for c in summary["cases"]}
    assert {"jakarta-hanoi", "jakarta-tokyo", "seoul-tokyo", "semarang-jung-gu"} <= slugs
    assert not list(out.rglob(".*.tmp")), "temporary file left behind"


def test_build_twice_gives_identical_out(built, tmp_path):
    """Deterministic outputs: the same input gives the same bytes in every file of out/,
    also from another process with another hash seed (set iteration order must never
    reach node order, layouts, community labels or the pictures)."""
    import os
    import subprocess
    import sys

    _, first = built
    second = tmp_path / "again"
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"  # not this process's seed
    done = subprocess.run([sys.executable, "-m", "paradiplo.cli", "build", "--no-world", "--out", str(second)],
                          env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    differ = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert not differ, differ


def test_stats_output_file(runner, tmp_path):
    target = tmp_path / "s.json"
    result = runner.invoke(main, ["stats", "--format", "json", "-o", str(target)])
    assert result.exit_code == 0
    assert json.loads(target.read_text())["quads"] > 1000


def test_unknown_option_is_a_usage_error(runner):
    assert runner.invoke(main, ["stats", "--format", "xml"]).exit_code == 2
