"""paradiplo serve, over real HTTP: the SPARQL endpoint, the pages, and the limits that keep
it read-only and answering. The server runs in a subprocess on 127.0.0.1."""

import json
import threading
import time
import urllib.parse
from collections import Counter

import pytest
from rdflib import Graph

from paradiplo import query as q
from paradiplo.kg import load
from paradiplo.serve import pages

from .servers import BIN, free_port, http, normal, running, select

TIMEOUT = 3.0
BANNER = []


@pytest.fixture(scope="module")
def server():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(BIN / "paradiplo"), "serve", "--port", str(port), "--timeout", str(TIMEOUT), "--max-rows", "2000"]
    with running(command, f"{base}/health") as process:
        BANNER.append(process.stdout.readline().decode())
        yield base


def _form(query: str) -> bytes:
    return urllib.parse.urlencode({"query": query}).encode()


def _local_rows(ds, text):
    return Counter(tuple(None if r[v] is None else normal(str(r[v])) for v in r) for r in q.run(ds, text).rows)


def test_every_parameter_free_query_gives_the_same_rows_over_http(server):
    ds = load()
    for name, nq in sorted(q.library().items()):
        if nq.parameters:
            continue
        assert Counter(select(f"{server}/sparql", nq.text)) == _local_rows(ds, nq.text), name


@pytest.mark.parametrize("accept, media, check", [
    ("text/csv", "text/csv", lambda b: b.startswith(b"c\r\n")),
    ("text/tab-separated-values", "text/tab-separated-values", lambda b: b.startswith(b"?c")),
    ("application/sparql-results+xml", "application/sparql-results+xml", lambda b: b"<sparql" in b),
    ("application/sparql-results+json", "application/sparql-results+json", lambda b: "head" in json.loads(b)),
    ("", "application/sparql-results+json", lambda b: "head" in json.loads(b)),
])
def test_results_by_content_negotiation(server, accept, media, check):
    query = "PREFIX pdo: <https://w3id.org/paradiplo/ontology#> SELECT ?c WHERE { ?c a pdo:Case }"
    status, headers, body = http(f"{server}/sparql?{urllib.parse.urlencode({'query': query})}",
                                 headers={"Accept": accept} if accept else {})
    assert status == 200 and headers["content-type"].startswith(media) and check(body)


def test_construct_as_turtle_and_json_ld(server):
    query = ("PREFIX pdo: <https://w3id.org/paradiplo/ontology#> CONSTRUCT { ?a pdo:signedOn ?d } "
             "WHERE { ?a pdo:signedOn ?d }")
    status, _, body = http(f"{server}/sparql", query.encode(), {"Content-Type": "application/sparql-query",
                                                                 "Accept": "text/turtle"})
    g = Graph().parse(data=body.decode(), format="turtle")
    assert status == 200 and any(str(o) == "2004-11-23" for o in g.objects())
    status, _, body = http(f"{server}/sparql", query.encode(), {"Content-Type": "application/sparql-query",
                                                                 "Accept": "application/ld+json"})
    assert status == 200 and len(Graph().parse(data=body.decode(), format="json-ld")) == len(g)


@pytest.mark.parametrize("request_args, status, says", [
    (dict(data=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}), 403, "read-only"),
    (dict(data=urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
          headers={"Content-Type": "application/x-www-form-urlencoded"}), 403, "read-only"),
    (dict(data=_form("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"),
          headers={"Content-Type": "application/x-www-form-urlencoded"}), 400, "SERVICE"),
    (dict(data=_form("SELECT ?x WHERE { ?x"), headers={"Content-Type": "application/x-www-form-urlencoded"}),
     400, "syntax"),
    (dict(data=b"x" * 100_000, headers={"Content-Type": "application/sparql-query"}), 413, "larger than"),
    (dict(data=_form("SELECT * WHERE { ?s ?p ?o }"), headers={"Content-Type": "application/x-www-form-urlencoded"}),
     413, "add LIMIT"),
    (dict(data=_form("SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
          headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "image/png"}), 406, "offered"),
    (dict(data=b"query", headers={"Content-Type": "text/plain"}), 415, "sparql-query"),
])
def test_bad_requests_get_a_clean_status_and_message(server, request_args, status, says):
    before = select(f"{server}/sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    got, headers, body = http(f"{server}/sparql", method="POST", **request_args)
    assert got == status and says.lower() in body.decode().lower()
    assert b"Traceback" not in body
    assert select(f"{server}/sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


def test_a_runaway_query_stops_at_its_limit_and_others_still_get_answers(server):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = {}

    def run():
        started = time.monotonic()
        result["status"], _, result["body"] = http(f"{server}/sparql", _form(runaway),
                                                   {"Content-Type": "application/x-www-form-urlencoded"})
        result["seconds"] = time.monotonic() - started
    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    rows = select(f"{server}/sparql", "PREFIX pdo: <https://w3id.org/paradiplo/ontology#> "
                                      "SELECT ?c WHERE { ?c a pdo:Case }")
    assert rows and time.monotonic() - started < TIMEOUT  # answered while the runaway ran
    thread.join(timeout=60)
    assert result["status"] == 503 and b"stopped after" in result["body"]
    assert result["seconds"] < TIMEOUT + 10


def test_entity_page_shows_labels_statements_and_passages(server):
    status, headers, body = http(f"{server}/id/agreement-jakarta-hanoi-mou-2004", headers={"Accept": "text/html"})
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "2004-11-23" in page and "Source 002" in page  # the date with the passage that states it
    status, _, body = http(f"{server}/id/pemprov-dki-jakarta")
    page = body.decode()
    assert "Provincial Government of DKI Jakarta" in page and "Pemerintah Provinsi DKI Jakarta" in page


def test_entity_as_turtle_and_json_ld(server):
    status, headers, body = http(f"{server}/id/jakarta", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=body.decode(), format="turtle")
    assert status == 200 and any(str(o) == "http://www.wikidata.org/entity/Q3630" for o in g.objects())
    status, _, body = http(f"{server}/id/jakarta", headers={"Accept": "application/ld+json"})
    assert status == 200 and len(Graph().parse(data=body.decode(), format="json-ld")) == len(g)


@pytest.mark.parametrize("path", ["/id/no-such-entity", "/id/..%2F..%2Fetc%2Fpasswd", "/id/%00", "/nowhere",
                                  "/vocab/role/nope"])
def test_unknown_entities_and_paths_are_a_helpful_404(server, path):
    status, _, body = http(f"{server}{path}")
    assert status == 404 and b"query page" in body and b"Traceback" not in body


def test_vocabulary_concepts_and_the_ontology_have_pages(server):
    status, _, body = http(f"{server}/vocab/role/host")
    assert status == 200 and "tuan rumah" in body.decode()
    status, _, body = http(f"{server}/ontology")
    assert status == 200 and "id='Embassy'" in body.decode() and "kedutaan besar" in body.decode()
    embassy = body.decode().split("id='Embassy'")[1].split("</tr>")[0]
    assert "/id/embassy-of-" in embassy  # an example from the data (which one depends on the cases)


def test_query_page_lists_the_named_queries_and_works_offline(server):
    status, _, body = http(f"{server}/")
    page = body.decode()
    assert status == 200 and "Claimed outcomes, purposes and judgements" in page
    import re

    loaded = re.findall(r"<(?:script|link)[^>]*(?:src|href)='([^']+)'", page)
    assert loaded and all(url.startswith("/") for url in loaded)  # the editor comes from this server
    status, headers, body = http(f"{server}{[u for u in loaded if u.endswith('.js')][0]}")
    assert status == 200 and headers["content-type"].startswith("text/javascript") and len(body) > 100_000


def test_dataset_description_and_health(server):
    status, _, body = http(f"{server}/void")
    g = Graph().parse(data=body.decode(), format="turtle")
    triples = [o for s, p, o in g if str(p) == "http://rdfs.org/ns/void#triples"]
    assert status == 200 and triples and int(triples[0]) > 4000
    assert any(str(p) == "http://rdfs.org/ns/void#sparqlEndpoint" for _, p, _ in g)
    health = json.loads(http(f"{server}/health")[2])
    assert health["status"] == "ok" and health["read_only"] is True


def test_cors_lets_a_page_elsewhere_query(server):
    status, headers, _ = http(f"{server}/sparql?query=ASK%7B%7D", headers={"Origin": "https://example.org"})
    assert status == 200 and headers.get("access-control-allow-origin") == "*"


@pytest.mark.parametrize("path", ["/", "/id/agreement-jakarta-hanoi-mou-2004", "/ontology", "/id/no-such-thing"])
def test_pages_carry_a_content_security_policy(server, path):
    _, headers, body = http(f"{server}{path}")
    policy = headers.get("content-security-policy", "")
    assert "object-src 'none'" in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
    assert policy == pages.content_security_policy(body.decode())  # the page's own inline scripts, by hash
    assert headers.get("x-content-type-options") == "nosniff"


def test_one_count_of_statements_in_health_banner_and_stats(server):
    from paradiplo.kg.stats import summary

    stated = summary(load())["quads"]
    health = json.loads(http(f"{server}/health")[2])
    assert health["statements"] == stated
    assert f"serving {stated:,} statements" in BANNER[0]


def test_a_chunked_body_past_the_limit_is_refused_while_it_streams(server):
    """The server answers 413 once 64 KB have come, without waiting for the rest of a
    chunked body (which declares no length, and here never ends)."""
    import socket

    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"#" * 16_384
        for _ in range(8):  # 128 KB, and the body is never finished
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        answer = b""
        while b"bytes" not in answer and (part := sock.recv(4096)):
            answer += part
    assert answer.startswith(b"HTTP/1.1 413") and b"larger than 65536 bytes" in answer


def test_a_large_result_is_refused_as_it_is_computed(server):
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 300000"
    status, _, body = http(f"{server}/sparql", _form(query), {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413 and b"more than 2,000 rows" in body


def test_health_answers_while_many_runaway_queries_run(server):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    statuses = []

    def run():
        statuses.append(http(f"{server}/sparql", _form(runaway), {"Content-Type": "application/x-www-form-urlencoded"},
                             timeout=120)[0])
    threads = [threading.Thread(target=run) for _ in range(48)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    status, _, body = http(f"{server}/health", timeout=TIMEOUT)  # answers at all, while all 48 are in flight
    assert status == 200 and json.loads(body)["status"] == "ok"
    for t in threads:
        t.join(timeout=120)
    assert statuses == [503] * 48  # each stopped at the time limit, waiting for a worker included


CASES = ("PREFIX pdo: <https://w3id.org/paradiplo/ontology#> SELECT (COUNT(DISTINCT ?c) AS ?n) {FROM} "
         "WHERE {{ ?c a pdo:Case }}")
SEOUL = "https://w3id.org/paradiplo/id/case-seoul-tokyo"


def _count(server, query, **params):
    url = f"{server}/sparql?{urllib.parse.urlencode({'query': query, **params}, doseq=True)}"
    status, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_the_dataset_of_the_query_or_the_request_is_the_one_read(server):
    """FROM, FROM NAMED, default-graph-uri and named-graph-uri choose the graphs read
    (one case graph holds one pdo:Case), never silently the whole knowledge graph."""
    everything = _count(server, CASES.format(FROM=""))
    assert everything >= 4
    assert _count(server, CASES.format(FROM=f"FROM <{SEOUL}>")) == 1
    assert _count(server, CASES.format(FROM=""), **{"default-graph-uri": SEOUL}) == 1
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) {FROM} WHERE {{ GRAPH ?g {{ ?c a pdo:Case }} }}"
    assert _count(server, named.format(FROM=f"FROM NAMED <{SEOUL}>")) == 1
    assert _count(server, named.format(FROM=""), **{"named-graph-uri": SEOUL}) == 1
    status, _, body = http(f"{server}/sparql?" + urllib.parse.urlencode({"query": CASES.format(FROM=""),
                                                                        "default-graph-uri": "not an iri"}))
    assert status == 400 and b"IRI" in body


@pytest.mark.parametrize("accept, media, parse", [("application/rdf+xml", "application/rdf+xml", "xml"),
                                                  ("application/n-quads", "application/n-quads", "nquads")])
def test_construct_as_rdf_xml_and_n_quads(server, accept, media, parse):
    query = ("PREFIX pdo: <https://w3id.org/paradiplo/ontology#> CONSTRUCT { ?a pdo:signedOn ?d } "
             "WHERE { ?a pdo:signedOn ?d }")
    status, headers, body = http(f"{server}/sparql", query.encode(), {"Content-Type": "application/sparql-query",
                                                                     "Accept": accept})
    assert status == 200 and headers["content-type"].startswith(media)
    from rdflib import Dataset
    g = Dataset().parse(data=body.decode(), format=parse)
    assert any(str(o) == "2004-11-23" for o in g.objects())


def test_a_named_query_with_its_parameters_gives_the_command_s_rows(server):
    nq = q.library()["partner-cities"]
    for given in ({}, {"city": "pd:seoul"}):
        url = f"{server}/queries/partner-cities?{urllib.parse.urlencode(given)}"
        status, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
        assert status == 200
        assert len(json.loads(body)["results"]["bindings"]) == len(q.run(load(), nq.text,
                                                                          q.bind_parameters(nq, given)).rows)
    assert http(f"{server}/queries/partner-cities?city=not%20an%20iri")[0] == 400
    assert http(f"{server}/queries/partner-cities?town=pd:seoul")[0] == 400
    assert http(f"{server}/queries/no-such-query")[0] == 404
    listed = {x["name"]: x for x in json.loads(http(f"{server}/queries.json")[2])}
    assert listed["partner-cities"]["parameters"] == [{"name": "city", "type": "iri", "default": "pd:jakarta",
                                                       "description": "the city"}]
    assert listed["partner-cities"]["run"] == "/queries/partner-cities"


def test_sparqlwrapper_runs_the_library_and_gets_graphs_as_rdf_xml(server):
    """A real client, as a researcher would use it: SPARQLWrapper sends every library query
    as a query (its type detection reads the header comments too: no word in them may look
    like an update) and gets the rows paradiplo gives; a CONSTRUCT comes back in its
    default, RDF/XML."""
    sw_module = pytest.importorskip("SPARQLWrapper")
    ds = load()
    for name, nq in sorted(q.library().items()):
        client = sw_module.SPARQLWrapper(f"{server}/sparql")
        client.setQuery(nq.text)
        assert client.queryType == nq.form and not client.isSparqlUpdateRequest(), name
        if nq.parameters:
            continue
        client.setReturnFormat(sw_module.JSON)
        bindings = client.query().convert()["results"]["bindings"]
        variables = q.run(ds, nq.text).variables
        got = Counter(tuple(normal(b[v]["value"]) if v in b else None for v in variables) for b in bindings)
        assert got == _local_rows(ds, nq.text), name
    client = sw_module.SPARQLWrapper(f"{server}/sparql")
    client.setQuery("PREFIX pdo: <https://w3id.org/paradiplo/ontology#> CONSTRUCT { ?a pdo:signedOn ?d } "
                    "WHERE { ?a pdo:signedOn ?d }")
    graph = client.query().convert()  # RDF/XML, parsed by rdflib
    assert any(str(o) == "2004-11-23" for o in graph.objects())


def test_rdflib_sparqlstore_reads_the_endpoint(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = Graph(store=SPARQLStore(f"{server}/sparql"))
    rows = list(store.query("PREFIX pdo: <https://w3id.org/paradiplo/ontology#> SELECT ?c WHERE { ?c a pdo:Case }"))
    expected = q.run(load(), "SELECT ?c WHERE { ?c a pdo:Case }").rows
    assert sorted(str(r[0]) for r in rows) == sorted(str(r["c"]) for r in expected)
    built = store.query("PREFIX pdo: <https://w3id.org/paradiplo/ontology#> CONSTRUCT { ?a pdo:signedOn ?d } "
                        "WHERE { ?a pdo:signedOn ?d }")
    assert any(str(o) == "2004-11-23" for o in built.graph.objects())
