"""Nothing leaves the machine: a query that names a remote endpoint (SERVICE, in any of its
spellings) is refused by `query run` (exit 2) and by `paradiplo serve`'s /sparql (400),
and a listening socket on 127.0.0.1, the endpoint every spelling names, receives nothing.
Behind the refusal, the process a query runs in cannot open a network socket at all.

Each spelling was checked by hand against pyoxigraph 0.5 before the refusal existed: the
plain ones make Oxigraph POST to the endpoint; SERVICE glued to an IRI, to SILENT or to a
prefixed name, after a comment, or after a string or prefixed name whose escape fooled
the old regular expression reached it too.
"""

import select
import socket
import urllib.parse

import pytest
from click.testing import CliRunner

from paradiplo import query as q
from paradiplo.cli import main
from paradiplo.errors import QueryError, QueryTimeout
from paradiplo.kg import load

from .servers import BIN, free_port, http, running

T = "{ ?s ?p ?o }"
SPELLINGS = {
    "plain": "SELECT * WHERE { SERVICE {U} {T} }",
    "no-space": "SELECT * WHERE { SERVICE{U}{T} }",
    "comment-between": "SELECT * WHERE { SERVICE#a comment\n{U} {T} }",
    "lower-case": "select * where { service {U} {T} }",
    "mixed-case": "SELECT * WHERE { SeRvIcE {U} {T} }",
    "silent": "SELECT * WHERE { SERVICE SILENT {U} {T} }",
    "silent-glued": "SELECT * WHERE { SERVICESILENT{U}{T} }",
    "tabs-and-crlf": "SELECT * WHERE { SERVICE\tSILENT\r\n{U}\n{T} }",
    "prefixed-name": "PREFIX ex: <{P}> SELECT * WHERE { SERVICE ex:sparql {T} }",
    "glued-to-prefixed-name": "PREFIX ex: <{P}> SELECT * WHERE { SERVICEex:sparql {T} }",
    "glued-to-empty-prefix": "PREFIX : <{P}> SELECT * WHERE { SERVICE:sparql {T} }",
    "relative-iri": "BASE <{P}> SELECT * WHERE { SERVICE <sparql> {T} }",
    "variable": "SELECT * WHERE { VALUES ?e { {U} } SERVICE ?e {T} }",
    "after-a-dot": "SELECT * WHERE { BIND(1 AS ?x).SERVICE{U}{T} }",
    "subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE {U} {T} } } }",
    "nested-union": "SELECT * WHERE { OPTIONAL { { SERVICE {U} {T} } UNION { ?s ?p ?o } } }",
    "filter-exists": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE {U} {T} } } LIMIT 1",
    "minus": "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE {U} {T} } } LIMIT 1",
    "ask": "ASK { SERVICE {U} {T} }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE {U} {T} }",
    "describe": "DESCRIBE ?s WHERE { SERVICE {U} {T} }",
    "u-escape-keyword": "SELECT * WHERE { \\u0053ERVICE {U} {T} }",
    "u-escape-in-iri": "SELECT * WHERE { SERVICE <{P}\\u0073parql> {T} }",
    "after-escaped-quote": 'SELECT * WHERE { BIND("a\\"" AS ?x) SERVICE {U} {T} BIND("" AS ?y) }',
    "after-local-name-escape": "PREFIX ex: <http://e.example/> SELECT * WHERE { BIND(ex:a\\' AS ?x) "
                               "SERVICE {U} {T} } # '",
    "after-quote-in-comment": "SELECT * WHERE { # it's\n SERVICE {U} {T} }",
}


@pytest.fixture(scope="module")
def listener():
    """A socket listening on 127.0.0.1 that no query may reach."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    yield sock
    sock.close()


def _text(listener, spelling: str) -> str:
    base = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    return SPELLINGS[spelling].replace("{U}", f"<{base}sparql>").replace("{P}", base).replace("{T}", T)


def _nothing_received(listener) -> bool:
    readable, _, _ = select.select([listener], [], [], 0.05)  # a request, if any, connected before the refusal
    if readable:  # take the connection, so that the next check starts clean
        listener.accept()[0].close()
    return not readable


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_query_run_refuses_every_spelling_of_service(listener, spelling):
    result = CliRunner().invoke(main, ["query", "run", "-", "--timeout", "5"], input=_text(listener, spelling))
    assert result.exit_code == 2, result.output
    assert "SERVICE (federated queries) is refused" in result.output
    assert "Traceback" not in result.output
    assert _nothing_received(listener)


@pytest.fixture(scope="module")
def server():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running([str(BIN / "paradiplo"), "serve", "--port", str(port), "--timeout", "5"], f"{base}/health"):
        yield base


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_endpoint_refuses_every_spelling_of_service(listener, server, spelling):
    text = _text(listener, spelling)
    status, _, body = http(f"{server}/sparql", urllib.parse.urlencode({"query": text}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"SERVICE (federated queries) is refused" in body, body
    status, _, body = http(f"{server}/sparql?{urllib.parse.urlencode({'query': text})}")
    assert status == 400 and b"SERVICE" in body
    assert _nothing_received(listener)


@pytest.mark.parametrize("spelling", ["plain", "silent", "no-space", "subquery", "ask", "construct"])
def test_the_query_process_cannot_reach_the_network_even_unchecked(listener, spelling, monkeypatch):
    """With the refusal switched off, the query still reaches nobody: the child it runs in
    cannot open a network socket (SERVICE SILENT then gives its empty solution)."""
    monkeypatch.setattr(q.execution, "check_query", lambda text, bindings: None)
    try:
        q.run(load(), _text(listener, spelling), {}, timeout=5)
    except QueryError as err:
        assert "network" in str(err)
    assert _nothing_received(listener)


def test_the_server_query_workers_cannot_reach_the_network_even_unchecked(listener, monkeypatch):
    """The same for the server's query workers (forked once, sandboxed once), also for a
    worker that replaced one stopped at its time limit."""
    monkeypatch.setattr(q.pool, "check_query", lambda text, bindings: None)
    workers = q.Workers(load(), size=1)
    try:
        with pytest.raises(QueryTimeout):
            workers.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", {}, timeout=0.5)
        for spelling in ("plain", "no-space"):
            with pytest.raises(QueryError, match="network"):
                workers.run(_text(listener, spelling), {}, timeout=5)
        assert workers.run("ASK { ?s a pdo:Case }", {}, timeout=5) == b'{"head":{},"boolean":true}'
    finally:
        workers.close()
    assert _nothing_received(listener)


def test_service_as_a_name_string_or_comment_is_no_service_clause():
    text = ("SELECT ?service ?label WHERE { ?service a pdo:Ministry ; rdfs:label ?label "
            "FILTER(!CONTAINS(?label, 'SERVICE <x> {}')) } # no SERVICE here")
    result = q.run(load(), text, {}, timeout=None)
    assert result.rows and all(str(r["service"]).startswith("https://w3id.org/paradiplo/id/") for r in result.rows)
    with pytest.raises(QueryError, match="SERVICE"):  # a prefix named so is refused: Oxigraph glues it
        q.run(load(), "PREFIX service: <http://e.example/> " + text, {}, timeout=None)
