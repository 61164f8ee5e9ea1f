"""Shared fixtures: the bundled knowledge graph, loaded once per test session."""

import os
from pathlib import Path

import pytest

from paradiplo.kg import load
from paradiplo.kg import to_rdflib as union

ROOT = Path(__file__).resolve().parents[1]
# The source texts live in the shared folder beside the checkout (as in CI);
# PARADIPLO_SEEDS points elsewhere if needed.
SEEDS = Path(os.environ.get("PARADIPLO_SEEDS", ROOT.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seeds_dir():
    """The seed texts; their absence is an error, since the quote checks need them."""
    if not SEEDS.is_dir():
        pytest.fail(f"source texts not found at {SEEDS}: put shared/ beside the checkout or set PARADIPLO_SEEDS")
    return SEEDS


@pytest.fixture(scope="session")
def ds():
    """The whole knowledge graph on the default (Oxigraph) store."""
    return load()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One `paradiplo build --no-world` for the whole session: its result and its out/."""
    from click.testing import CliRunner

    from paradiplo.cli import main

    out = tmp_path_factory.mktemp("built") / "out"
    result = CliRunner().invoke(main, ["build", "--no-world", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result, out


@pytest.fixture(scope="session")
def kg(ds):
    """The whole knowledge graph flattened into one in-memory rdflib Graph."""
    return union(ds)
