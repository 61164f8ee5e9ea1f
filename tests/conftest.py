"""Shared fixtures: the bundled knowledge graph, loaded once per test session."""

from pathlib import Path

import pytest

from paradiplo.kg import load, project_root
from paradiplo.kg import to_rdflib as union

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "texts"

# The four cases the project ships. A test that pins a ranking, a total, the earliest or
# the only something (which a new correct case could change) reads these cases alone:
# the fact is then about named cases and stays true whatever cases are added beside them.
BUNDLED_CASES = ("jakarta-hanoi", "jakarta-tokyo", "semarang-jung-gu", "seoul-tokyo")


def bundled_files() -> list[Path]:
    """The source records and the four bundled case files (not any case added later)."""
    data = project_root() / "data"
    return [data / "sources.ttl", *(data / "cases" / f"{slug}.trig" for slug in BUNDLED_CASES)]


@pytest.fixture(scope="session")
def seeds_dir():
    """The source texts that quotes are checked against (in the repository)."""
    assert SEEDS.is_dir(), f"source texts missing at {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def ds():
    """The whole knowledge graph on the default (Oxigraph) store."""
    return load()


@pytest.fixture(scope="session")
def bundled():
    """The knowledge graph of the four bundled cases only (see BUNDLED_CASES)."""
    return load(bundled_files())


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
