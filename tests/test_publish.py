"""paradiplo publish into a real Oxigraph SPARQL server (its binary ships in the oxigraph
wheel), started on 127.0.0.1 and stopped by the test; then the query library runs against
that server over HTTP and gives the same rows as paradiplo itself."""

import shutil
from collections import Counter

import pytest
from click.testing import CliRunner

from paradiplo import query as q
from paradiplo.cli import main
from paradiplo.kg import load
from paradiplo.publish import publish

from .servers import BIN, free_port, http, normal, running, select

OXIGRAPH = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server is missing (pip install oxigraph; make test installs it)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    with running(command, f"{base}/query?query=ASK%7B%7D"):
        yield base


@pytest.fixture(scope="module")
def published(store):
    ds = load()
    done = publish(ds, f"{store}/store")
    return ds, done


def test_every_named_graph_arrives(store, published):
    ds, done = published
    graphs = {g for g, _ in done.graphs}
    assert "https://w3id.org/paradiplo/id/case-jakarta-hanoi" in graphs
    assert "https://w3id.org/paradiplo/id/graph-entailments" in graphs
    counted = select(f"{store}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(counted[0][0]) == done.triples


def test_the_query_library_gives_the_same_rows_on_the_store(store, published):
    ds, _ = published
    for name, nq in sorted(q.library().items()):
        if nq.parameters:
            continue
        local = Counter(tuple(None if r[v] is None else normal(str(r[v])) for v in r)
                        for r in q.run(ds, nq.text).rows)
        assert Counter(select(f"{store}/query", nq.text)) == local, name


def test_publishing_again_replaces(store, published):
    ds, done = published
    again = publish(ds, f"{store}/store")
    counted = select(f"{store}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert again.triples == done.triples and int(counted[0][0]) == done.triples


def test_the_command_reports_and_fails_cleanly(store, published):
    runner = CliRunner()
    result = runner.invoke(main, ["publish", "--to", f"{store}/store"])
    assert result.exit_code == 0 and "replaced" in result.output and "graphs" in result.output
    closed = f"http://127.0.0.1:{free_port()}/store"
    result = runner.invoke(main, ["publish", "--to", closed])
    assert result.exit_code == 2 and "cannot reach" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["publish", "--to", "ftp://example.org/store"])
    assert result.exit_code == 2 and "http" in result.output
    status, _, body = http(f"{store}/query?query=ASK%7B%7D")
    assert status == 200
