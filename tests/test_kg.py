"""The knowledge graph (paradiplo.kg): files, named graphs, located input errors, the merge."""

import pytest
from rdflib import URIRef

from paradiplo.errors import InputError
from paradiplo.kg import KnowledgeGraph, read_into
from paradiplo.namespaces import PD


def test_each_case_is_its_own_named_graph(ds):
    names = {g.identifier for g in ds.rdflib.graphs() if len(g)}
    for slug in ("jakarta-hanoi", "jakarta-tokyo", "seoul-tokyo", "semarang-jung-gu"):
        assert PD[f"case-{slug}"] in names
    assert URIRef("https://w3id.org/paradiplo/ontology") in names
    assert PD["graph-sources"] in names


def test_default_graph_is_the_merge_of_the_named_graphs(ds):
    """SPARQL's default graph is a set: a triple stated in two files counts once."""
    from paradiplo.kg import ENTAILMENT_GRAPH, named_quads

    distinct = {q.triple for q in named_quads(ds, exclude=[ENTAILMENT_GRAPH])}
    import pyoxigraph as ox

    in_default = list(ds.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len(in_default) == len(distinct) and {q.triple for q in in_default} == distinct
    assert sum(1 for _ in named_quads(ds, exclude=[ENTAILMENT_GRAPH])) >= len(distinct)


@pytest.mark.parametrize("name, content, line", [
    ("bad.ttl", b"@prefix a: <http://x/> .\na:b a:c a:d .\na:e a:f ;; .\n", 3),
    ("bad.trig", b"@prefix a: <http://x/> .\na:g {\n a:b a:c .\n", 3),
    ("bad.nt", b"<http://x/a> <http://x/b> .\n", 1),
    ("bad.nq", b"<http://x/a> <http://x/b> <http://x/c> <http://x/g> <http://x/h> .\n", 1),
])
def test_syntax_errors_are_located(tmp_path, name, content, line):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_into(KnowledgeGraph.empty(), path)
    assert err.value.line == line
    assert str(err.value).startswith(f"{path}:{line}:")


@pytest.mark.parametrize("name, content, message", [
    ("latin1.ttl", "<http://x/a> <http://x/b> \"Caf\xe9\" .\n".encode("latin-1"), "not UTF-8"),
    ("binary.ttl", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ("data.csv", b"a,b\n", "unknown RDF format"),
])
def test_unreadable_files_are_explained(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_into(KnowledgeGraph.empty(), path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_into(KnowledgeGraph.empty(), tmp_path / "nope.ttl")


def test_input_file_is_not_modified(tmp_path):
    path = tmp_path / "ok.ttl"
    path.write_bytes(b"<http://x/a> <http://x/b> <http://x/c> .\n")
    before = path.read_bytes(), path.stat().st_mtime_ns
    read_into(KnowledgeGraph.empty(), path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
