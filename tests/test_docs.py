"""Every command has --help with an example and is documented in the README."""

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from paradiplo.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


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
