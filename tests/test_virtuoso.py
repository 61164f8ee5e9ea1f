"""paradiplo publish into a real Virtuoso (Debian's virtuoso-opensource-7-bin, a fresh
database in a temporary folder, listening on 127.0.0.1 only), through its Graph Store
endpoint with HTTP Digest authentication, as the README's table says; then the query
library over Virtuoso's SPARQL endpoint gives paradiplo's rows, except where a query's
header says (a ``# virtuoso:`` line) why Virtuoso answers otherwise.

``.ci/run`` installs the package and sets ``PARADIPLO_REQUIRE_VIRTUOSO``, so that the test
fails rather than skips when the server is missing there.
"""

import json
import os
import re
import shutil
import urllib.parse
from collections import Counter

import pytest

from paradiplo import query as q
from paradiplo.kg.terms import native_term
from paradiplo.publish import publish

from .servers import free_port, http, normal, running, select

VIRTUOSO = shutil.which("virtuoso-t")
_NOTE = re.compile(r"^#\s*virtuoso:\s*(.+)$", re.M)

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
ServerThreads = 10
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
MaxClientConnections = 5
ServerThreads = 5
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A fresh Virtuoso on 127.0.0.1 (SQL and HTTP on free ports), stopped afterwards."""
    if VIRTUOSO is None:
        if os.environ.get("PARADIPLO_REQUIRE_VIRTUOSO"):
            pytest.fail("virtuoso-t is missing though .ci/run installed virtuoso-opensource-7-bin")
        pytest.skip("Virtuoso is missing (Debian: apt install virtuoso-opensource-7-bin; .ci/run installs it)")
    db = tmp_path_factory.mktemp("virtuoso")
    port = free_port()
    (db / "virtuoso.ini").write_text(INI.format(db=db, sql=free_port(), http=port))
    base = f"http://127.0.0.1:{port}"
    command = [VIRTUOSO, "+foreground", "+configfile", str(db / "virtuoso.ini")]
    with running(command, f"{base}/sparql?query=ASK%7B%7D", wait=120):
        yield base


@pytest.fixture(scope="module")
def published(virtuoso, bundled):
    """The four bundled cases (and the ontology, vocabularies, entailments) published as the
    README says: the -auth endpoint, user dba (a fresh database's password is dba)."""
    done = publish(bundled, f"{virtuoso}/sparql-graph-crud-auth", user="dba", password="dba")
    return bundled, done


def test_publish_reaches_virtuoso_with_digest_authentication(virtuoso, published):
    _, done = published
    assert "https://w3id.org/paradiplo/id/case-jakarta-hanoi" in {g for g, _ in done.graphs}
    counted = select(f"{virtuoso}/sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                           "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/paradiplo/')) }")
    assert int(counted[0][0]) == done.triples


@pytest.mark.parametrize("name", sorted(q.library()))
def test_the_query_library_gives_the_same_rows_on_virtuoso(virtuoso, published, name):
    """Virtuoso's default graph is the union of its graphs, as paradiplo's is. A query with
    parameters gets their defaults, as a VALUES block at the start of its WHERE clause there
    (the protocol carries no bindings) and as bindings here. A query whose header has a
    ``# virtuoso:`` line is expected to differ there, for the reason it gives: the test then
    fails if Virtuoso gives the same rows (the note must go)."""
    ds, _ = published
    nq = q.library()[name]
    bindings = q.bind_parameters(nq, {})
    local = Counter(tuple(None if r[v] is None else normal(str(r[v])) for v in r)
                    for r in q.run(ds, nq.text, bindings).rows)
    values = " ".join(f"VALUES ?{k} {{ {native_term(v)} }}" for k, v in bindings.items())
    text = re.sub(r"WHERE\s*\{", lambda m: f"{m.group(0)} {values}", nq.text, count=1)
    status, _, body = http(f"{virtuoso}/sparql", urllib.parse.urlencode({"query": text}).encode(),
                           {"Accept": "application/sparql-results+json",
                            "Content-Type": "application/x-www-form-urlencoded"})
    there = Counter(tuple(normal(b[v]["value"]) if v in b else None for v in json.loads(body)["head"]["vars"])
                    for b in json.loads(body)["results"]["bindings"]) if status == 200 else None
    note = _NOTE.search(nq.text)
    if note:
        assert there != local, f"{name} gives paradiplo's rows on Virtuoso now: remove its '# virtuoso:' line"
        pytest.xfail(note.group(1))
    assert status == 200, body[:2000]
    assert there == local, name
