"""Every command has --help with an example and is documented in the README."""

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from paradiplo.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "paradiplo"):
    for name, cmd in group.commands.items():
        path = f"{prefix} {name}"
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)


COMMANDS = list(_commands(main))


@pytest.mark.parametrize("path, cmd", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_has_help_with_example(path, cmd):
    args = path.split()[1:] + ["--help"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert "Example" in result.output, f"{path} --help shows no example"


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_command_is_in_readme(path):
    assert f"`{path}" in README, f"{path} is not documented in README.md"


def _block_after(marker: str, lang: str) -> str:
    """The first fenced block of ``lang`` after ``marker`` in the README."""
    start = README.index(marker)
    opening = README.index(f"```{lang}\n", start) + len(f"```{lang}\n")
    return README[opening:README.index("```", opening)]


def test_readme_python_example_prints_what_the_readme_shows(capsys):
    """Every line of the shown output is printed (new cases may add lines)."""
    code = _block_after("From Python:", "python")
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    shown = [line for line in _block_after("Real output on the bundled data", "text").splitlines() if line]
    assert shown and set(shown) <= set(printed)


def test_readme_validation_report_is_what_validate_prints():
    shown = _block_after("A real report for a contribution", "text").splitlines()
    assert shown[0] == "$ paradiplo validate docs/examples/my-case.ttl"
    result = CliRunner().invoke(main, ["validate", str(ROOT / "docs" / "examples" / "my-case.ttl")])
    assert result.exit_code == 1
    printed = [line.replace(str(ROOT) + "/", "") for line in result.output.splitlines()]
    assert [line for line in shown[1:] if line] == [line for line in printed if line]


def test_readme_statement_count_is_the_stats_count():
    import json
    import re

    shown = re.search(r"(\d+) statements in (\d+) named graphs, (\d+) cases", _block_after("It starts by", "text"))
    stats = json.loads(CliRunner().invoke(main, ["stats", "--format", "json"]).output)
    cases = {c["slug"] for c in stats["cases"]}
    if len(cases) == int(shown.group(3)):  # a new case changes the totals; the README says so when regenerated
        assert (stats["quads"], stats["graphs"]) == (int(shown.group(1)), int(shown.group(2)))


def test_readme_example_files_are_shipped():
    assert (ROOT / "docs" / "examples" / "q.rq").exists()
    assert (ROOT / "docs" / "examples" / "my-case.ttl").exists()


def test_contributing_lists_every_class_with_both_labels():
    """The class table of CONTRIBUTING.md is the ontology's: every pdo: class a contributor
    may use, with its English and Indonesian label."""
    from paradiplo.kg import load, rows

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = {m.group(1): (m.group(2), m.group(3))
             for m in re.finditer(r"^\| `pdo:(\w+)` \| ([^|]+) \| ([^|]+) \|", text, re.M)}
    q = """SELECT ?c ?en ?id WHERE { ?c a owl:Class ; rdfs:label ?en , ?id .
           FILTER (STRSTARTS(STR(?c), STR(pdo:)) && LANG(?en) = "en" && LANG(?id) = "id") }"""
    ontology = {str(r["c"]).rsplit("#", 1)[-1]: (str(r["en"]), str(r["id"])) for r in rows(load(), q)}
    assert {c: (en.strip(), id_.strip()) for c, (en, id_) in table.items()} == ontology


def test_the_fork_workflow_runs_the_contribution_gate():
    workflow = (ROOT / "docs" / "ci" / "contribution.yml").read_text(encoding="utf-8")
    assert "paradiplo validate --contribution" in workflow and "make test" in workflow
