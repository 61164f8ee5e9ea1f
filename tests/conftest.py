"""Shared fixtures: the bundled knowledge graph, loaded once per test session."""

from pathlib import Path

import pytest

from paradiplo.graph import load, union

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def ds():
    """The whole knowledge graph on the default (Oxigraph) store."""
    return load()


@pytest.fixture(scope="session")
def kg(ds):
    """The whole knowledge graph flattened into one in-memory rdflib Graph."""
    return union(ds)
